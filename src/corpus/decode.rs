//! Bytes to text: gzip with a size cap, then charset detection.

use encoding_rs::Encoding;
use std::io::Read;
use std::path::Path;

/// Whether bytes start with gzip's magic number: a file is gzip by its
/// bytes, not its name (plain HTML named `.htm.gz` is HTML).
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Reads a file, gunzipping it when it is gzip, and refuses to hold more
/// than `max_bytes` so a gzip bomb or a huge file costs a bounded amount.
pub(crate) fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let len = file.metadata().map_or(0, |m| m.len());
    // Sized up front: grown by doubling, a 300 KB page was copied about
    // five times over on its way in. A file longer than the cap is read
    // only up to it.
    let mut raw = Vec::with_capacity(len.min(max_bytes + 1) as usize);
    let read = file
        .take(max_bytes + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("read error: {e}"))?;
    if read as u64 > max_bytes {
        return Err(format!("too large: over {max_bytes} bytes"));
    }
    if is_gzip(&raw) {
        super::gunzip::gunzip(&raw, max_bytes)
    } else {
        Ok(raw)
    }
}

/// Opens a file as a buffered stream, gunzipping it (every gzip member, as
/// WARC files are compressed record by record) when its first bytes are
/// gzip's.
pub(crate) fn open_stream(path: &Path) -> Result<Box<dyn std::io::BufRead>, String> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut raw = std::io::BufReader::new(file);
    let head = raw.fill_buf().map_err(|e| format!("read error: {e}"))?;
    Ok(if is_gzip(head) {
        Box::new(std::io::BufReader::new(flate2::read::MultiGzDecoder::new(
            raw,
        )))
    } else {
        Box::new(raw)
    })
}

/// Decodes page bytes: a BOM wins, then a charset named in the markup (for
/// HTML) or by the transport (`hint`), then UTF-8 with replacement. Takes
/// the bytes so that a UTF-8 page, nearly every page, becomes its text
/// without a copy.
pub fn decode_bytes(bytes: Vec<u8>, is_html: bool, hint: Option<&str>) -> String {
    if let Some((enc, _)) = Encoding::for_bom(&bytes) {
        return enc.decode_with_bom_removal(&bytes).0.into_owned();
    }
    let declared = hint
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .or_else(|| {
            if is_html {
                sniff_meta_charset(&bytes)
            } else {
                None
            }
        });
    let declared = match declared {
        // A page declaring UTF-16 without a BOM is almost always ASCII-
        // compatible bytes mislabelled; HTML's own rule maps it to UTF-8.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
            Some(encoding_rs::UTF_8)
        }
        other => other,
    };
    // Pages saved as UTF-8 under a stale legacy label are common; legacy
    // text with non-ASCII characters is almost never valid UTF-8 by chance,
    // so valid UTF-8 wins over a label, unless the label names an encoding
    // that writes its text in ASCII bytes (ISO-2022-JP).
    let bytes = if declared.is_none_or(|e| e.is_ascii_compatible()) {
        match String::from_utf8(bytes) {
            Ok(text) => return text,
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    let enc = match declared {
        Some(e) => e,
        // Nothing declared: UTF-8 when the bytes are nearly so, else the
        // legacy encoding their byte patterns point to (GBK, windows-1251,
        // Shift_JIS ...), as browsers guess.
        None if mostly_utf8(&bytes) => encoding_rs::UTF_8,
        None => detect(&bytes),
    };
    if enc == encoding_rs::UTF_8 {
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    enc.decode_without_bom_handling(&bytes).0.into_owned()
}

/// UTF-8 with at most a few broken sequences (a page cut short, one bad
/// byte) for its many good ones: decoding it otherwise would garble every
/// other non-ASCII character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good >= 10 * bad
}

/// The encoding a page's bytes most likely use, by their byte patterns.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    // Enough of the page to be sure; bounded so large pages cost no more.
    detector.feed(&bytes[..bytes.len().min(64 * 1024)], true);
    detector.guess(None, true)
}

/// Share of control and undecodable characters above which decoded
/// "text" is binary data (random bytes, an image named `.html`).
const MAX_GARBAGE_SHARE: f64 = 0.1;

/// Rejects decoded text that is really binary data, judged on its start.
pub(crate) fn check_text(text: &str) -> Result<(), String> {
    let (mut seen, mut garbage) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        seen += 1;
        if c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()) {
            garbage += 1;
        }
    }
    if seen > 0 && garbage as f64 > MAX_GARBAGE_SHARE * seen as f64 {
        return Err("not a text page: binary content".into());
    }
    Ok(())
}

/// Finds `<meta charset=...>` or `<meta http-equiv content="...charset=...">`
/// in the first 4 KiB, as browsers prescan.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = memchr::memmem::find(&lower[from..], b"charset") {
        let start = from + pos + b"charset".len();
        from = start;
        let rest = &lower[start..];
        let rest = skip(rest, |b| b == b' ');
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = skip(rest, |b| b == b' ' || b == b'"' || b == b'\'');
        let end = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(enc);
        }
    }
    None
}

fn skip(s: &[u8], pred: impl Fn(u8) -> bool) -> &[u8] {
    let n = s.iter().take_while(|&&b| pred(b)).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_windows_1252_decodes_curly_quote() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body>".to_vec();
        page.extend_from_slice(&[0x93, b'h', b'i', 0x94]);
        let text = decode_bytes(page, true, None);
        assert!(text.contains("\u{201c}hi\u{201d}"), "{text}");
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_latin1_label() {
        let page =
            "<meta charset=iso-8859-1><p>Coronasmittet indlagt på Nordsjællands Hospital</p>";
        let text = decode_bytes(page.as_bytes().to_vec(), true, None);
        assert!(text.contains("på Nordsjællands"), "{text}");
    }

    #[test]
    fn undeclared_legacy_encodings_are_detected() {
        let russian = "<html><body><p>Правительство объявило о новых мерах поддержки \
                       для жителей пострадавших районов, сообщили в министерстве.</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
        let text = decode_bytes(bytes.to_vec(), true, None);
        assert_eq!(text, russian);
        assert!(check_text(&text).is_ok());
        let chinese = "<html><body><p>政府宣布了一系列新的支持措施，帮助受灾地区的居民恢复正常生活。</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(chinese);
        assert_eq!(decode_bytes(bytes.to_vec(), true, None), chinese);
    }

    #[test]
    fn utf16_bom_wins() {
        let mut bytes = vec![0xFF, 0xFE];
        for c in "héllo".encode_utf16() {
            bytes.extend_from_slice(&c.to_le_bytes());
        }
        assert_eq!(decode_bytes(bytes.to_vec(), true, None), "héllo");
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_replaced_not_fatal() {
        let mut bytes = "Grüße aus Köln, schöne Grüße an alle Mitarbeiterinnen. "
            .repeat(4)
            .into_bytes();
        bytes.push(0xFF);
        let text = decode_bytes(bytes, false, None);
        assert!(text.starts_with("Grüße aus Köln"));
        assert!(text.ends_with('\u{FFFD}'));
    }

    #[test]
    fn binary_content_is_refused_and_a_few_nuls_are_not() {
        let random: Vec<u8> = (0..2000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        assert!(check_text(&decode_bytes(random, true, None)).is_err());
        assert!(check_text("<p>text with a \u{0} NUL in it, and otherwise fine</p>").is_ok());
    }

    #[test]
    fn iso_2022_jp_written_in_ascii_bytes_is_not_taken_for_utf8() {
        let (bytes, _, _) = encoding_rs::ISO_2022_JP.encode("政府は新しい支援策を発表した");
        assert!(bytes.is_ascii());
        let text = decode_bytes(bytes.to_vec(), false, Some("iso-2022-jp"));
        assert_eq!(text, "政府は新しい支援策を発表した");
    }

    #[test]
    fn http_hint_names_the_charset() {
        let text = decode_bytes(vec![0xE9], false, Some("iso-8859-1"));
        assert_eq!(text, "é");
    }
}
