//! Crawl archives, WARC and the older ARC, read as a stream of records by
//! one loop: only records holding an HTTP response with an HTML or text
//! payload are pages. A record is never held whole beyond the size cap,
//! and the file is never held whole at all.
//!
//! Archives in the wild are not always well formed. A record whose stated
//! length is short leaves bytes before the next record: they are skipped
//! up to the next record's header, and the page before them says so. A
//! payload cut short (a record or a gzip stream that ends early) is read
//! as far as it goes, and the page says what was cut.

use super::decode;
use super::{Failure, Markup, Page, Source};
use std::collections::HashMap;
use std::io::{BufRead, Read};

/// Which archive format a stream holds: the header of each record differs,
/// the rest of the reading is the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// WARC: `WARC/1.x` and named header fields; `response` records are pages.
    Warc,
    /// ARC (Internet Archive, versions 1 and 2): one header line per record
    /// (`URL IP-address date content-type ... length`), after a `filedesc://`
    /// record that describes the file.
    Arc,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Warc => "WARC",
            Format::Arc => "ARC",
        }
    }
}

/// What a record's header says: how long its block is, and whether and
/// where it is a page.
struct Header {
    /// The block's length, or why it is not known.
    length: Result<u64, String>,
    /// A response to an HTTP request (the only records that can be pages).
    response: bool,
    url: Option<String>,
    crawl_date: Option<chrono::NaiveDate>,
}

/// Reads every record of an archive stream, handing pages and failures to
/// `visit` as they come. Returns how many records were not pages.
pub fn read(
    mut input: impl BufRead,
    path: &str,
    format: Format,
    max_bytes: u64,
    visit: &mut dyn FnMut(Result<Page, Failure>),
) -> u64 {
    // One copy of the path for all the file's pages.
    let shared: std::sync::Arc<str> = path.into();
    let mut reader = Reader {
        format,
        arc_fields: ARC_V1_FIELDS,
        record: 0,
        skipped: 0,
        // A page waits for the next header to be read, which may show that
        // bytes after it were skipped: its note says so.
        pending: None,
    };
    loop {
        let (headers, gap) = match reader.next_header(&mut input) {
            Ok(Some(found)) => found,
            Ok(None) => break,
            Err(e) => {
                reader.flush(visit);
                visit(Err(Failure::new(
                    path,
                    Some(reader.record + 1),
                    format!("bad {} record: {e}", format.name()),
                )));
                return reader.skipped;
            }
        };
        if gap > 0 {
            reader.note_pending(format!(
                "{} after the record's stated length skipped to reach the next record",
                crate::wording::counted(gap, "byte", "bytes")
            ));
        }
        reader.flush(visit);
        reader.record += 1;
        let record = reader.record;
        let fail = |status: String| Failure::new(path, Some(record), status);
        let length = match headers.length {
            Ok(n) => n,
            Err(e) => {
                // Nothing says where the block ends: it is taken as empty,
                // and what follows is read as the next record.
                visit(Err(fail(format!("bad {} record: {e}", format.name()))));
                continue;
            }
        };
        if !headers.response || length > max_bytes {
            if let Err(e) = discard(&mut input, length) {
                if headers.response {
                    visit(Err(fail(format!(
                        "truncated {} record: {e}",
                        format.name()
                    ))));
                } else {
                    reader.skipped += 1;
                }
                break;
            }
            if headers.response {
                visit(Err(fail(format!(
                    "too large: record over {max_bytes} bytes"
                ))));
            } else {
                reader.skipped += 1;
            }
            continue;
        }
        let mut block = Vec::with_capacity(length.min(1 << 20) as usize);
        let cut = match (&mut input).take(length).read_to_end(&mut block) {
            Ok(n) if n as u64 == length => None,
            Ok(n) => Some(format!(
                "record cut: {n} of its {length} bytes are in the file"
            )),
            Err(e) => {
                visit(Err(fail(format!(
                    "unreadable {} record: {e}",
                    format.name()
                ))));
                break;
            }
        };
        let page = match http_page(&block, max_bytes) {
            Some(Ok(read)) => Ok(Page {
                source: Source {
                    path: shared.clone(),
                    record: Some(record),
                },
                markup: read.markup,
                text: read.text,
                url: headers.url,
                crawl_date: headers.crawl_date,
                saved: None,
                id: None,
                note: join_notes(cut.clone(), read.cut),
            }),
            Some(Err(status)) => Err(fail(match &cut {
                Some(c) => format!("{status} ({c})"),
                None => status,
            })),
            None => {
                reader.skipped += 1;
                continue;
            }
        };
        reader.pending = Some(page);
        if cut.is_some() {
            // The file ended inside this record.
            break;
        }
    }
    reader.flush(visit);
    reader.skipped
}

/// Two notes as one, `;`-separated.
fn join_notes(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// The reading state of one archive.
struct Reader {
    format: Format,
    /// Fields in an ARC record's header line: 5 in version 1, 10 in
    /// version 2, as the `filedesc://` record says.
    arc_fields: usize,
    /// The number of the last record begun.
    record: u64,
    /// Records that were not pages.
    skipped: u64,
    pending: Option<Result<Page, Failure>>,
}

impl Reader {
    fn flush(&mut self, visit: &mut dyn FnMut(Result<Page, Failure>)) {
        if let Some(page) = self.pending.take() {
            visit(page);
        }
    }

    fn note_pending(&mut self, note: String) {
        match &mut self.pending {
            Some(Ok(page)) => page.note = join_notes(page.note.take(), Some(note)),
            Some(Err(failure)) => failure.status = format!("{}; {note}", failure.status),
            // Bytes after a record that was no page: nothing to tell.
            None => {}
        }
    }

    /// The next record's header and how many bytes were skipped to reach
    /// it; `None` at the end. Bytes that do not start a record are skipped
    /// only after a first record: a file that does not begin with one is not
    /// an archive, and that is the error.
    fn next_header(&mut self, input: &mut impl BufRead) -> Result<Option<(Header, u64)>, String> {
        let mut gap = 0u64;
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = read_line(input, &mut line, self.record > 0)?;
            if n == 0 {
                return Ok(None);
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_start_matches('\u{feff}').trim_end();
            let header = match self.format {
                Format::Warc if text.starts_with("WARC/") => Some(warc_header(input)?),
                Format::Arc => self.arc_header(text, input)?,
                Format::Warc => None,
            };
            if let Some(h) = header {
                return Ok(Some((h, gap)));
            }
            if self.record == 0 {
                return Err(format!(
                    "expected {}, found {:?}",
                    match self.format {
                        Format::Warc => "a WARC version line",
                        Format::Arc => "an ARC header line",
                    },
                    text.chars().take(40).collect::<String>()
                ));
            }
            gap += n as u64;
        }
    }

    /// An ARC record's header from its header line, `None` when the line
    /// is not one. The `filedesc://` record's block starts with the version.
    fn arc_header(
        &mut self,
        line: &str,
        input: &mut impl BufRead,
    ) -> Result<Option<Header>, String> {
        let filedesc = line.starts_with("filedesc://");
        // The URL may hold spaces: the other fields are taken from the right.
        let fields: Vec<&str> = line.rsplitn(self.arc_fields, ' ').collect();
        let looks_like_url = filedesc || line.split(' ').next().is_some_and(|u| u.contains(':'));
        if fields.len() != self.arc_fields || !looks_like_url {
            return Ok(None);
        }
        // rsplitn gives the fields from the right: length first, URL last.
        let length = fields[0];
        let url = fields[self.arc_fields - 1];
        let date = fields[self.arc_fields - 3];
        let length = length
            .parse::<u64>()
            .map_err(|_| format!("length {length:?} is not a byte count"));
        if filedesc {
            // The version is the block's first line, read here so the
            // record lines that follow are split right; the rest of the
            // block is passed over as the record of no page it is. Where
            // its length is not a number, the block is taken to be its
            // usual two lines (version, then field names).
            let mut version = Vec::new();
            let read = read_line(input, &mut version, true)? as u64;
            if String::from_utf8_lossy(&version)
                .trim_start()
                .starts_with('2')
            {
                self.arc_fields = ARC_V2_FIELDS;
            }
            let rest = match length {
                Ok(n) => n.saturating_sub(read),
                Err(_) => {
                    read_line(input, &mut Vec::new(), true)?;
                    0
                }
            };
            return Ok(Some(Header {
                length: Ok(rest),
                response: false,
                url: None,
                crawl_date: None,
            }));
        }
        let web = url.starts_with("http://") || url.starts_with("https://");
        Ok(Some(Header {
            length,
            response: web && !filedesc,
            url: Some(url_without_spaces(url)),
            crawl_date: arc_date(date),
        }))
    }
}

/// Fields of an ARC version 1 header line: URL, IP address, date,
/// content type, length.
const ARC_V1_FIELDS: usize = 5;
/// Fields of an ARC version 2 header line: URL, IP address, date, content
/// type, result code, checksum, location, offset, file name, length.
const ARC_V2_FIELDS: usize = 10;

/// An ARC date, `YYYYMMDDhhmmss` (or a prefix down to the day).
fn arc_date(s: &str) -> Option<chrono::NaiveDate> {
    if s.len() < 8 || s.len() > 14 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    chrono::NaiveDate::parse_from_str(&s[..8], "%Y%m%d").ok()
}

/// The header fields of a WARC record whose version line was just read.
fn warc_header(input: &mut impl BufRead) -> Result<Header, String> {
    let mut fields = HashMap::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(input, &mut line, false)? == 0 {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = text.split_once(':') {
            fields.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let url = fields
        .get("warc-target-uri")
        .map(|u| url_without_spaces(u.trim().trim_matches(['<', '>'])));
    // A response to anything but HTTP (Heritrix's `dns:` lookups) is no page.
    let web = url
        .as_deref()
        .is_none_or(|u| u.starts_with("http://") || u.starts_with("https://"));
    Ok(Header {
        length: fields
            .get("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or_else(|| "no Content-Length".to_string()),
        response: web
            && fields
                .get("warc-type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("response")),
        crawl_date: fields
            .get("warc-date")
            .and_then(|d| crate::calendar::parse_date(d)),
        url,
    })
}

/// An address as crawlers sometimes write it, with spaces, made the
/// address a browser would have asked for (`%20`), so that it joins with
/// the same page's address elsewhere.
fn url_without_spaces(url: &str) -> String {
    url.replace(' ', "%20")
}

/// Longest header line accepted: a lying or binary stream must not make a
/// line buffer grow without bound.
const MAX_LINE: u64 = 64 * 1024;

/// Reads one line into `line`; returns its length in bytes, 0 at the end.
/// A line longer than [`MAX_LINE`] is an error, unless `skipping` (bytes
/// passed over between records), when it is read through and kept short.
fn read_line(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
    skipping: bool,
) -> Result<usize, String> {
    let mut n = input
        .take(MAX_LINE)
        .read_until(b'\n', line)
        .map_err(|e| e.to_string())?;
    if n as u64 == MAX_LINE && !line.ends_with(b"\n") {
        if !skipping {
            return Err("header line too long".into());
        }
        loop {
            let mut rest = Vec::new();
            let more = input
                .take(MAX_LINE)
                .read_until(b'\n', &mut rest)
                .map_err(|e| e.to_string())?;
            n += more;
            if more == 0 || rest.ends_with(b"\n") {
                break;
            }
        }
    }
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

/// A page read from a response block.
struct HttpPage {
    markup: Markup,
    text: String,
    /// What was cut from the payload, when it ends early.
    cut: Option<String>,
}

/// The page in an HTTP response block: `None` when the payload is not HTML
/// or text (images, scripts), an error when it cannot be read.
fn http_page(block: &[u8], max_bytes: u64) -> Option<Result<HttpPage, String>> {
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
    let mut cut = None;
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
            // A stream cut short (its checksum, or its end, missing) still
            // gave the bytes before the cut: the page is read from them.
            Err(e) if !out.is_empty() => {
                cut = Some(format!(
                    "payload cut: its gzip stream ends early ({e}); read the {} before the cut",
                    crate::wording::counted(out.len(), "byte", "bytes")
                ));
                body = out;
            }
            Err(e) => return Some(Err(format!("corrupt gzip payload: {e}"))),
        }
    }
    let charset = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("charset="))
        .map(|c| c.trim_matches('"').to_string());
    let text = decode::decode_bytes(body, markup == Markup::Html, charset.as_deref());
    // The same test of text as a page file gets.
    Some(decode::check_text(&text).map(|()| HttpPage { markup, text, cut }))
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
        let skipped = read(bytes, "x.warc", Format::Warc, 1 << 20, &mut |p| out.push(p));
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
        assert!(
            err.status.contains("record cut: 5 of its 99999 bytes"),
            "{}",
            err.status
        );
    }

    #[test]
    fn an_arc_address_with_spaces_is_read_whole_and_written_as_a_browser_asks_for_it() {
        let block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Examples from the web</p>";
        let mut arc = b"filedesc://t.arc 127.0.0.1 20140216050221 text/plain 75\n1 0 LiveWeb Capture\nURL IP-address Archive-date Content-type Archive-length\n\n".to_vec();
        arc.extend(
            format!(
                "http://example.com/a?Title=Examples From The Web 93.184.216.119 20140216050221 text/html {}\n",
                block.len()
            )
            .bytes(),
        );
        arc.extend_from_slice(block);
        arc.push(b'\n');
        let mut out = Vec::new();
        let skipped = read(&arc[..], "t.arc", Format::Arc, 1 << 20, &mut |p| {
            out.push(p)
        });
        assert_eq!(skipped, 1, "the filedesc record is no page");
        let page = out[0].as_ref().unwrap();
        assert_eq!(page.source.record, Some(2));
        assert_eq!(
            page.url.as_deref(),
            Some("http://example.com/a?Title=Examples%20From%20The%20Web")
        );
        assert_eq!(page.crawl_date.unwrap().to_string(), "2014-02-16");
        assert_eq!(page.note, None);
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
