//! WARC files, read as a stream of records: only `response` records with an
//! HTML or text payload are pages; a record is never held whole beyond the
//! size cap, and the file is never held whole at all.

use super::decode;
use super::{Failure, Markup, Page, Source};
use std::collections::HashMap;
use std::io::{BufRead, Read};

/// Reads every record of a WARC stream, handing pages and failures to
/// `visit` as they come. Returns how many records were not pages.
pub fn read(
    mut input: impl BufRead,
    path: &str,
    max_bytes: u64,
    visit: &mut dyn FnMut(Result<Page, Failure>),
) -> u64 {
    // One copy of the path for all the file's pages.
    let shared: std::sync::Arc<str> = path.into();
    let mut record = 0u64;
    let mut skipped = 0u64;
    loop {
        let headers = match read_headers(&mut input) {
            Ok(Some(h)) => h,
            Ok(None) => return skipped,
            Err(e) => {
                visit(Err(Failure::new(
                    path,
                    Some(record + 1),
                    format!("bad WARC record: {e}"),
                )));
                return skipped;
            }
        };
        record += 1;
        let fail = |status: String| Failure::new(path, Some(record), status);
        let Some(length) = headers
            .get("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            visit(Err(fail("bad WARC record: no Content-Length".into())));
            return skipped;
        };
        let is_response = headers
            .get("warc-type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("response"));
        if !is_response || length > max_bytes {
            if let Err(e) = discard(&mut input, length) {
                visit(Err(fail(format!("truncated WARC record: {e}"))));
                return skipped;
            }
            if is_response {
                visit(Err(fail(format!(
                    "too large: record over {max_bytes} bytes"
                ))));
            } else {
                skipped += 1;
            }
            continue;
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        match (&mut input).take(length).read_to_end(&mut block) {
            Ok(n) if n as u64 == length => {}
            Ok(n) => {
                visit(Err(fail(format!(
                    "truncated WARC record: {n} of {length} bytes"
                ))));
                return skipped;
            }
            Err(e) => {
                visit(Err(fail(format!("unreadable WARC record: {e}"))));
                return skipped;
            }
        }
        match http_page(&block, max_bytes) {
            Some(Ok((markup, text))) => visit(Ok(Page {
                source: Source {
                    path: shared.clone(),
                    record: Some(record),
                },
                markup,
                text,
                url: headers
                    .get("warc-target-uri")
                    .map(|u| u.trim().trim_matches(['<', '>']).to_string()),
                crawl_date: headers
                    .get("warc-date")
                    .and_then(|d| crate::calendar::parse_date(d)),
                saved: None,
                id: None,
            })),
            Some(Err(status)) => visit(Err(fail(status))),
            None => skipped += 1,
        }
    }
}

/// The header block of the next record, names lowercased; `None` at the end.
fn read_headers(input: &mut impl BufRead) -> Result<Option<HashMap<String, String>>, String> {
    let mut line = String::new();
    // Skip the blank lines that end the previous record.
    loop {
        line.clear();
        let n = read_line(input, &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/") {
        return Err(format!(
            "expected a WARC version line, found {:?}",
            line.trim().chars().take(40).collect::<String>()
        ));
    }
    let mut headers = HashMap::new();
    loop {
        line.clear();
        if read_line(input, &mut line)? == 0 || line.trim().is_empty() {
            return Ok(Some(headers));
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
}

/// Longest header line accepted: a lying or binary stream must not make a
/// line buffer grow without bound.
const MAX_LINE: u64 = 64 * 1024;

fn read_line(input: &mut impl BufRead, line: &mut String) -> Result<usize, String> {
    let mut bytes = Vec::new();
    let n = input
        .take(MAX_LINE)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| e.to_string())?;
    if n as u64 == MAX_LINE && !bytes.ends_with(b"\n") {
        return Err("header line too long".into());
    }
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(n)
}

fn discard(input: &mut impl Read, length: u64) -> Result<(), String> {
    let n =
        std::io::copy(&mut input.take(length), &mut std::io::sink()).map_err(|e| e.to_string())?;
    if n < length {
        return Err(format!("{n} of {length} bytes"));
    }
    Ok(())
}

/// The page in an HTTP response block: `None` when the payload is not HTML
/// or text (images, scripts), an error when it cannot be read.
fn http_page(block: &[u8], max_bytes: u64) -> Option<Result<(Markup, String), String>> {
    let split = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, 2)));
    let Some((at, gap)) = split else {
        return Some(Err("bad HTTP response: no header end".into()));
    };
    let head = String::from_utf8_lossy(&block[..at]);
    let mut lines = head.lines();
    if !lines.next().is_some_and(|l| l.starts_with("HTTP/")) {
        return Some(Err("bad HTTP response: no status line".into()));
    }
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let content_type = headers
        .get("content-type")
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    let body = &block[at + gap..];
    let markup = if content_type.contains("html") {
        Markup::Html
    } else if content_type.starts_with("text/plain") {
        Markup::Text
    } else if content_type.is_empty()
        && body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
    {
        Markup::Html
    } else {
        return None;
    };
    let mut body = body.to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        match dechunk(&body) {
            Ok(b) => body = b,
            Err(e) => return Some(Err(e)),
        }
    }
    if headers
        .get("content-encoding")
        .is_some_and(|c| c.contains("gzip"))
    {
        let mut out = Vec::new();
        let read = flate2::read::MultiGzDecoder::new(&body[..])
            .take(max_bytes + 1)
            .read_to_end(&mut out);
        match read {
            Ok(n) if n as u64 > max_bytes => {
                return Some(Err(format!("too large: over {max_bytes} bytes")));
            }
            Ok(_) => body = out,
            Err(e) => return Some(Err(format!("corrupt gzip payload: {e}"))),
        }
    }
    let charset = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string());
    let text = decode::decode_bytes(body, markup == Markup::Html, charset.as_deref());
    // The same test of text as a page file gets.
    Some(decode::check_text(&text).map(|()| (markup, text)))
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = memchr::memmem::find(data, b"\r\n") else {
            return Err("bad chunked payload".into());
        };
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| "bad chunk size in payload".to_string())?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err("truncated chunked payload".into());
        }
        out.extend_from_slice(&data[..size]);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read_all(bytes: &[u8]) -> (Vec<Result<Page, Failure>>, u64) {
        let mut out = Vec::new();
        let skipped = read(bytes, "x.warc", 1 << 20, &mut |p| out.push(p));
        (out, skipped)
    }

    #[test]
    fn response_records_are_pages_and_others_are_skipped() {
        let mut warc = record("warcinfo", "", b"software: test");
        warc.extend(record(
            "request",
            "https://a.example/",
            b"GET / HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://a.example/story",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>caf\xe9</p>",
        ));
        warc.extend(record(
            "response",
            "https://a.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let (pages, skipped) = read_all(&warc);
        assert_eq!(skipped, 3);
        assert_eq!(pages.len(), 1);
        let page = pages[0].as_ref().unwrap();
        assert_eq!(page.source.record, Some(3));
        assert_eq!(page.url.as_deref(), Some("https://a.example/story"));
        assert!(page.text.contains("café"));
        assert_eq!(page.crawl_date.unwrap().to_string(), "2024-05-01");
    }

    #[test]
    fn chunked_payloads_are_joined() {
        let warc = record(
            "response",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>he\r\n7\r\nllo</p>\r\n0\r\n\r\n",
        );
        let (pages, _) = read_all(&warc);
        assert_eq!(pages[0].as_ref().unwrap().text, "<p>hello</p>");
    }

    #[test]
    fn a_length_that_lies_is_an_error_for_that_record_only() {
        let mut warc = record(
            "response",
            "https://a.example/",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>ok</p>",
        );
        warc.extend(
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort".iter(),
        );
        let (pages, _) = read_all(&warc);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].is_ok());
        let err = pages[1].as_ref().unwrap_err();
        assert_eq!(err.source.record, Some(2));
        assert!(err.status.contains("truncated"), "{}", err.status);
    }

    #[test]
    fn garbage_is_one_error() {
        let (pages, _) = read_all(b"this is not a warc file at all\n");
        assert_eq!(pages.len(), 1);
        assert!(
            pages[0]
                .as_ref()
                .unwrap_err()
                .status
                .contains("bad WARC record")
        );
    }
}
