//! The content words of a text: what rewording keeps. A spinner swaps
//! function words, inflections and word order, and keeps the names,
//! numbers and most stems; so a text's words here are lower-cased, its
//! language's stop words dropped, and each cut to its Snowball stem.
//!
//! Stop word lists come from the `stop-words` crate (Stopwords ISO) and
//! stemmers from `rust-stemmers` (Snowball), each for the language
//! whatlang read; a language neither covers keeps its words whole. In a
//! script written without spaces every character is a word (as
//! [`crate::fingerprint::normalise`] splits it), and the stop list of the
//! language still drops its particles.

use crate::fingerprint::{Shingle, fold, hash64};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// What one language needs: its stop words and its stemmer, when the
/// crates have them.
struct Lexicon {
    stop: HashSet<&'static str>,
    stemmer: Option<Stemmer>,
}

/// The ISO 639-3 code whatlang gives, the ISO 639-1 code of the stop
/// word lists, and the Snowball algorithm, for the languages either
/// crate covers.
const LANGUAGES: &[(&str, &str, Option<Algorithm>)] = &[
    ("eng", "en", Some(Algorithm::English)),
    ("deu", "de", Some(Algorithm::German)),
    ("fra", "fr", Some(Algorithm::French)),
    ("spa", "es", Some(Algorithm::Spanish)),
    ("por", "pt", Some(Algorithm::Portuguese)),
    ("ita", "it", Some(Algorithm::Italian)),
    ("nld", "nl", Some(Algorithm::Dutch)),
    ("rus", "ru", Some(Algorithm::Russian)),
    ("ara", "ar", Some(Algorithm::Arabic)),
    ("tur", "tr", Some(Algorithm::Turkish)),
    ("swe", "sv", Some(Algorithm::Swedish)),
    ("dan", "da", Some(Algorithm::Danish)),
    ("nob", "no", Some(Algorithm::Norwegian)),
    ("fin", "fi", Some(Algorithm::Finnish)),
    ("hun", "hu", Some(Algorithm::Hungarian)),
    ("ron", "ro", Some(Algorithm::Romanian)),
    ("ell", "el", Some(Algorithm::Greek)),
    ("tam", "ta", Some(Algorithm::Tamil)),
    ("ukr", "uk", None),
    ("pol", "pl", None),
    ("ces", "cs", None),
    ("cmn", "zh", None),
    ("jpn", "ja", None),
    ("kor", "ko", None),
    ("tha", "th", None),
    ("heb", "he", None),
    ("hin", "hi", None),
    ("pes", "fa", None),
    ("vie", "vi", None),
    ("ind", "id", None),
];

/// Every language's lexicon, built once.
static LEXICONS: LazyLock<HashMap<&'static str, Lexicon>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|&(code, iso1, algorithm)| {
            let stop = stop_words::lookup(iso1)
                .map(|words| words.iter().copied().collect())
                .unwrap_or_default();
            let stemmer = algorithm.map(Stemmer::create);
            (code, Lexicon { stop, stemmer })
        })
        .collect()
});

/// How many content words on from each a pair reaches: a pair of
/// neighbours survives a reordered clause around it, and one swapped
/// synonym costs only the pairs it is in.
const PAIR_REACH: usize = 2;

/// The rewording features of a body given as normalised paragraphs
/// ([`crate::fingerprint::normalise`]): every unordered pair of content
/// words within [`PAIR_REACH`] of each other inside a paragraph, hashed,
/// sorted and deduplicated. Rewording keeps most of them ("the minister
/// said on Monday" and "on Monday, the minister told reporters" share
/// minister~said's neighbours), while two reports of one event share
/// names but few pairs of their wording.
pub(crate) fn reword_features(norms: &[String], lang: Option<&str>) -> Vec<Shingle> {
    let mut out = Vec::new();
    for p in norms {
        let words = content_hashes(p, lang);
        for (i, &a) in words.iter().enumerate() {
            for &b in words.iter().skip(i + 1).take(PAIR_REACH) {
                out.push(fold(unordered_pair(a, b)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// One hash for two words' hashes, whichever comes first.
fn unordered_pair(a: u64, b: u64) -> u64 {
    let (x, y) = if a <= b { (a, b) } else { (b, a) };
    let mut h = x ^ y.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Whether a word of a spaced script is short enough to stand in for a
/// stop word where no stop list applies (a language the lists lack, or
/// none read): most languages' function words have three letters or
/// fewer, and pairs of them would make every two texts alike. A
/// character of an unspaced script is a word whatever its length.
fn short_spaced_word(w: &str) -> bool {
    w.chars().count() <= 3 && !w.chars().next().is_some_and(crate::script::unspaced)
}

/// Most words to remember a thread's content hashes for, per language;
/// the memory is emptied when full. A language's common words, which
/// make most of any text, fill it again at once.
const REMEMBERED_WORDS: usize = 200_000;

/// Each word's content hash (`None` for a stop word) as
/// [`content_hashes`] found it.
type WordHashes = rustc_hash::FxHashMap<Box<str>, Option<u64>>;

thread_local! {
    /// The words this thread found, by language (`""` for none): stemming
    /// was most of the cost of rewording features, and a corpus says the
    /// same words again and again.
    static REMEMBERED: std::cell::RefCell<HashMap<&'static str, WordHashes>> =
        std::cell::RefCell::new(HashMap::new());
}

/// The content words of a normalised text (words separated by single
/// spaces) in language `lang` (ISO 639-3, as whatlang names it; `None`
/// when unsure), hashed, in order: stop words dropped, the rest stemmed
/// (numbers stay whole: rewording keeps them). Each word is found once per
/// thread and remembered.
fn content_hashes(norm: &str, lang: Option<&str>) -> Vec<u64> {
    // The language as the lexicons name it: a `'static` key for the memory.
    let lang: Option<&'static str> = lang.and_then(|l| LEXICONS.get_key_value(l).map(|(k, _)| *k));
    REMEMBERED.with_borrow_mut(|remembered| {
        let memory = remembered.entry(lang.unwrap_or("")).or_default();
        if memory.len() > REMEMBERED_WORDS {
            memory.clear();
        }
        norm.split(' ')
            .filter(|w| !w.is_empty())
            .filter_map(|w| match memory.get(w) {
                Some(hash) => *hash,
                None => {
                    let hash = content_word(w, lang).map(|c| hash64(&c));
                    memory.insert(w.into(), hash);
                    hash
                }
            })
            .collect()
    })
}

/// One word of a normalised text as a content word: `None` for a stop
/// word, else its stem.
fn content_word(w: &str, lang: Option<&str>) -> Option<String> {
    let lexicon = lang
        .and_then(|l| LEXICONS.get(l))
        .filter(|x| !x.stop.is_empty());
    let kept = match lexicon {
        Some(x) => !x.stop.contains(w),
        None => !short_spaced_word(w),
    };
    if !kept {
        return None;
    }
    Some(match lexicon.and_then(|x| x.stemmer.as_ref()) {
        Some(stemmer) if !w.bytes().all(|b| b.is_ascii_digit()) => stemmer.stem(w).into_owned(),
        _ => w.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::normalise;

    /// The content words of a text, unhashed, to read in a test.
    fn words_in(text: &str, lang: Option<&str>) -> Vec<String> {
        normalise(text)
            .split(' ')
            .filter_map(|w| content_word(w, lang))
            .collect()
    }

    fn words(text: &str, lang: &str) -> Vec<String> {
        words_in(text, Some(lang))
    }

    #[test]
    fn stop_words_go_and_inflections_meet_at_their_stem() {
        assert_eq!(
            words("The ministers were meeting in Paris on 12 May", "eng"),
            words("A minister meets in Paris, 12 May", "eng")
        );
        assert_eq!(
            words("Die Minister trafen sich in Berlin", "deu"),
            ["minist", "traf", "berlin"]
        );
    }

    #[test]
    fn numbers_stay_whole_and_an_unknown_language_drops_its_short_words() {
        assert_eq!(
            words("In 2024 the cost rose", "eng"),
            ["2024", "cost", "rose"]
        );
        // Without a stop list, short words stand in for stop words.
        assert_eq!(words_in("the cost of it rose", None), ["cost", "rose"]);
        assert_eq!(words_in("政府", None), ["政", "府"]);
    }

    #[test]
    fn remembered_words_hash_as_they_did_when_first_found() {
        let text = normalise("The ministers were meeting in Paris, and the ministers met again");
        let expected: Vec<u64> = text
            .split(' ')
            .filter_map(|w| content_word(w, Some("eng")))
            .map(|w| hash64(&w))
            .collect();
        // The first call finds each word; the second reads them back.
        assert_eq!(content_hashes(&text, Some("eng")), expected);
        assert_eq!(content_hashes(&text, Some("eng")), expected);
        // Another language's memory is its own: to German, "the" is no
        // stop word and the stems differ.
        assert_ne!(content_hashes(&text, Some("deu")), expected);
    }

    #[test]
    fn a_reworded_sentence_keeps_most_pairs_and_another_report_few() {
        let features = |text: &str| reword_features(&[normalise(text)], Some("eng"));
        let original = features(
            "The finance minister said on Monday that the budget deficit would widen to 4 percent next year as spending on pensions rises.",
        );
        let reworded = features(
            "On Monday the finance minister said the budget deficit will widen to 4 percent next year, as pension spending rises.",
        );
        let other = features(
            "Opposition leaders called the plan a betrayal of young voters and warned that a 4 percent gap would force cuts to schools.",
        );
        let shared = |a: &[Shingle], b: &[Shingle]| crate::fingerprint::intersection_size(a, b);
        assert!(
            shared(&original, &reworded) * 2 > original.len(),
            "{} of {}",
            shared(&original, &reworded),
            original.len()
        );
        assert!(
            shared(&original, &other) * 5 < original.len(),
            "{} of {}",
            shared(&original, &other),
            original.len()
        );
    }

    #[test]
    fn unspaced_scripts_keep_their_characters_without_particles() {
        // Each character is a word; the stop list drops particles such as 的.
        let w = words("政府的预算", "cmn");
        assert!(!w.contains(&"的".to_string()), "{w:?}");
        assert!(w.contains(&"预".to_string()), "{w:?}");
    }
}
