//! Discover and read: turn the user's PATHs into decoded pages.
//!
//! Nothing here knows about HTML structure or matching: a [`Page`] is bytes
//! decoded to text plus where they came from.

pub mod decode;
mod gunzip;
pub mod jsonl;
pub(crate) mod path_name;
pub(crate) mod walk;
pub mod warc;

use std::io::BufRead;
use std::path::Path;

pub(crate) use walk::{Discovered, FileKind, discover};

/// Where a page came from: the report's `path` and `record` columns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// The user's PATH joined with the file's path below it; shared by all
    /// the records of one file, so ten million records of a few JSON Lines
    /// files hold a few copies of it.
    pub path: std::sync::Arc<str>,
    /// 1-based record number inside a multi-page file; `None` for a plain file.
    pub record: Option<u64>,
}

impl Source {
    pub fn file(path: &str) -> Self {
        Source {
            path: path.into(),
            record: None,
        }
    }

    /// `path` or `path#record`, the form used in the `original` column.
    pub(crate) fn label(&self) -> String {
        match self.record {
            Some(r) => format!("{}#{}", self.path, r),
            None => self.path.to_string(),
        }
    }
}

/// The `path` of pages read from standard input.
pub(crate) const STDIN_NAME: &str = "-";

/// Whether the page's text is markup or a page saved as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Html,
    Text,
}

/// One page read from the corpus, decoded but not yet interpreted.
#[derive(Debug, Clone)]
pub struct Page {
    pub source: Source,
    pub markup: Markup,
    pub text: String,
    /// URL known from the container (WARC target, JSONL `url`), if any.
    pub url: Option<String>,
    /// When the page was fetched (WARC-Date, JSONL `date`), if known.
    pub crawl_date: Option<chrono::NaiveDate>,
    /// When the file holding the page was last written: the latest day the
    /// page can tell of when nothing else says when it was fetched.
    pub saved: Option<chrono::NaiveDate>,
    /// The input's own name for the page (JSON Lines `id`), carried to every
    /// output so rows join back to the input.
    pub id: Option<String>,
    /// What the reader noticed that did not stop it reading the page (a
    /// payload cut short): the report's `note` column.
    pub note: Option<String>,
}

/// Default cap on the bytes one file may decompress to.
pub(crate) const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Whether a page was read, or why not: the report's `status` column
/// (`ok`, or the reason in words).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "String", into = "String")]
pub enum PageStatus {
    Ok,
    Failed(String),
}

impl PageStatus {
    pub(crate) fn is_ok(&self) -> bool {
        matches!(self, PageStatus::Ok)
    }
}

impl std::fmt::Display for PageStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageStatus::Ok => f.write_str("ok"),
            PageStatus::Failed(why) => f.write_str(why),
        }
    }
}

impl From<String> for PageStatus {
    fn from(s: String) -> Self {
        if s == "ok" {
            PageStatus::Ok
        } else {
            PageStatus::Failed(s)
        }
    }
}

impl From<PageStatus> for String {
    fn from(s: PageStatus) -> Self {
        s.to_string()
    }
}

/// A page-sized failure: the row a page gets when it cannot be read.
#[derive(Debug, Clone)]
pub struct Failure {
    pub source: Source,
    pub status: String,
}

impl Failure {
    pub(crate) fn new(path: &str, record: Option<u64>, status: String) -> Self {
        Failure {
            source: Source {
                path: path.into(),
                record,
            },
            status,
        }
    }
}

/// Marks farmscan's own HTML report (`--html`, which writes it in its
/// head), so that a report saved inside a scanned folder is not read as a
/// page next time.
pub(crate) const OWN_REPORT_MARK: &str = "<meta name=\"generator\" content=\"farmscan";

/// Whether a page is a report farmscan wrote: its generator tag stands in
/// the head, near the start.
fn is_own_report(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(1024)];
    head.contains(OWN_REPORT_MARK)
}

/// Reads one discovered file, handing each page (or failure) to `visit` as
/// it is read, so a WARC or JSON Lines file is streamed, never held whole.
/// Returns how many records were not pages (WARC requests, metadata,
/// images; blank JSON lines).
pub(crate) fn read_file(
    found: &Discovered,
    max_bytes: u64,
    visit: &mut dyn FnMut(Result<Page, Failure>),
) -> u64 {
    let path = Path::new(&found.fs_path);
    let saved = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .map(|t| chrono::DateTime::<chrono::Utc>::from(t).date_naive());
    let visit = &mut |item: Result<Page, Failure>| visit(item.map(|page| Page { saved, ..page }));
    match found.kind {
        FileKind::Html | FileKind::Text => {
            let markup = if found.kind == FileKind::Html {
                Markup::Html
            } else {
                Markup::Text
            };
            let bytes = match decode::read_capped(path, max_bytes) {
                Ok(bytes) => bytes,
                Err(e) => {
                    visit(Err(Failure::new(&found.display, None, e)));
                    return 0;
                }
            };
            // An archive under a page's name is read as the archive it is.
            if let Some(kind) = walk::archive_kind(&bytes[..bytes.len().min(512)]) {
                return read_archive(&bytes[..], kind, &found.display, max_bytes, visit);
            }
            let text = decode::decode_bytes(bytes, markup == Markup::Html, None);
            match decode::check_text(&text).map(|()| text) {
                // farmscan's own HTML report saved inside the scanned tree:
                // not a page, counted as a skipped record.
                Ok(text) if is_own_report(&text) => return 1,
                Ok(text) => visit(Ok(Page {
                    source: Source::file(&found.display),
                    markup,
                    text,
                    url: None,
                    crawl_date: None,
                    saved: None,
                    note: None,
                    id: None,
                })),
                Err(e) => visit(Err(Failure::new(&found.display, None, e))),
            }
            0
        }
        FileKind::Warc | FileKind::Arc | FileKind::Jsonl => {
            let mut stream = match decode::open_stream(path) {
                Ok(stream) => stream,
                Err(e) => {
                    visit(Err(Failure::new(&found.display, None, e)));
                    return 0;
                }
            };
            // The first record says which archive this is, whatever the
            // name; a stream that cannot be peeked at tells its error below.
            let said = stream.fill_buf().ok().and_then(walk::archive_kind);
            match said.unwrap_or(found.kind) {
                FileKind::Jsonl => jsonl::read(stream, &found.display, max_bytes, visit),
                kind => read_archive(stream, kind, &found.display, max_bytes, visit),
            }
        }
    }
}

/// Reads a WARC or ARC stream (`kind`).
fn read_archive(
    stream: impl std::io::BufRead,
    kind: FileKind,
    display: &str,
    max_bytes: u64,
    visit: &mut dyn FnMut(Result<Page, Failure>),
) -> u64 {
    let format = if kind == FileKind::Arc {
        warc::Format::Arc
    } else {
        warc::Format::Warc
    };
    warc::read(stream, display, format, max_bytes, visit)
}
