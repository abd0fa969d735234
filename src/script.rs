//! Writing systems: which scripts are written without spaces between words,
//! their digits and their full stops. Every stage that reads words asks here.

/// Whether `c` belongs to a script written without spaces between words
/// (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar): there each
/// character stands for a word when text is cut into tokens.
pub(crate) fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F // Han
        | 0x3040..=0x309F // Hiragana
        | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F // Katakana
        | 0x0E00..=0x0E7F // Thai
        | 0x0E80..=0x0EFF // Lao
        | 0x1780..=0x17FF // Khmer
        | 0x1000..=0x109F // Myanmar
    )
}

/// Whether `c` is Hiragana: in Japanese mostly particles and endings.
pub(crate) fn hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

/// Counts words: whitespace-separated words, each character of an
/// unspaced script counting as one (as word counts of such texts do).
/// ASCII bytes are read without decoding: counting was a tenth of a scan
/// of plain-text documents.
pub(crate) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    if text.is_ascii() {
        count_ascii_words(bytes)
    } else {
        count_mixed_words(text)
    }
}

/// [`count_words`] of any text, character by character.
fn count_mixed_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII holds no unspaced script, and its whitespace is these bytes.
        let (unspaced_char, space) = if b.is_ascii() {
            i += 1;
            (
                false,
                matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'),
            )
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            (unspaced(c), c.is_whitespace())
        };
        if unspaced_char {
            words += 1;
            in_word = false;
        } else if space {
            in_word = false;
        } else if !in_word {
            words += 1;
            in_word = true;
        }
    }
    words
}

/// [`count_words`] of ASCII text: a word starts at every byte that is not
/// whitespace and follows whitespace or the start. Pairs of bytes are
/// tested without a branch and summed in bytes, 255 pairs at a time, a loop
/// the compiler vectorises: thirteen times the speed of the byte loop
/// above, which was a tenth of a scan of short documents.
fn count_ascii_words(bytes: &[u8]) -> usize {
    // ASCII whitespace: the space and the five bytes from tab to carriage
    // return, told apart with two comparisons and no lookup.
    let space = |b: u8| b == b' ' || b.wrapping_sub(b'\t') < 5;
    let first = bytes.first().is_some_and(|&b| !space(b));
    let next = bytes.get(1..).unwrap_or_default();
    // A byte sum of at most 255 ones cannot overflow.
    let starts: usize = bytes
        .chunks(255)
        .zip(next.chunks(255))
        .map(|(here, after)| {
            let n = here
                .iter()
                .zip(after)
                .fold(0u8, |n, (&a, &b)| n + u8::from(space(a) & !space(b)));
            usize::from(n)
        })
        .sum();
    usize::from(first) + starts
}

/// The text with Arabic-Indic, Extended Arabic-Indic and full-width digits
/// turned into ASCII digits, so dates written with them parse.
pub(crate) fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    let convert = |c: char| -> Option<char> {
        let base = match c as u32 {
            0x0660..=0x0669 => 0x0660,
            0x06F0..=0x06F9 => 0x06F0,
            0xFF10..=0xFF19 => 0xFF10,
            _ => return None,
        };
        char::from_digit(c as u32 - base, 10)
    };
    if !text.chars().any(|c| convert(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| convert(c).unwrap_or(c)).collect())
}

/// Whether a text ends as a sentence does, in Latin or CJK punctuation,
/// past closing quotes and brackets.
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unspaced_scripts() {
        assert!(unspaced('中') && unspaced('の') && unspaced('カ') && unspaced('ไ'));
        assert!(!unspaced('a') && !unspaced('한') && !unspaced('ж') && !unspaced('ع'));
    }

    #[test]
    fn words_of_mixed_scripts() {
        assert_eq!(count_words("Kim Jong Un 访问俄罗斯"), 8);
        assert_eq!(count_words("  two  words "), 2);
        // Every kind of whitespace, ASCII or not, and control bytes that
        // are not whitespace.
        assert_eq!(
            count_words("a\tb\nc\u{b}d\u{c}e\rf\u{a0}g\u{3000}h\u{1c}i"),
            8
        );
    }

    #[test]
    fn ascii_text_is_counted_as_the_general_loop_counts_it() {
        for text in [
            "",
            " ",
            "one",
            "  lead and trail  ",
            "a\tb\nc\u{b}d\u{c}e\rf",
            "control\u{1c}bytes\u{7f} are word bytes",
            "It said Monday. 11 April, 2025!",
        ] {
            assert_eq!(
                count_ascii_words(text.as_bytes()),
                count_mixed_words(text),
                "{text:?}"
            );
        }
        assert_eq!(count_words(" two\twords\n"), 2);
        // Longer than one 255-byte block, with words across the blocks'
        // edges.
        let long = "a bc  def\tghij ".repeat(300);
        assert_eq!(count_ascii_words(long.as_bytes()), 1200);
        assert_eq!(count_mixed_words(&long), 1200);
    }

    #[test]
    fn digits_of_other_scripts() {
        assert_eq!(ascii_digits("١١ أبريل ٢٠٢٥"), "11 أبريل 2025");
        assert_eq!(ascii_digits("２０２５年"), "2025年");
        assert!(matches!(
            ascii_digits("plain 2025"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
