//! Discover and read: turn the user's PATHs into decoded pages.
//!
//! Nothing here knows about HTML structure or matching: a [`Page`] is bytes
//! decoded to text plus where they came from.

pub mod decode;
pub mod walk;

use std::path::Path;

pub use walk::{Discovered, FileKind, discover};

/// Where a page came from: the report's `path` and `record` columns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Source {
    /// The user's PATH joined with the file's path below it.
    pub path: String,
    /// 1-based record number inside a multi-page file; `None` for a plain file.
    pub record: Option<u64>,
}

impl Source {
    pub fn file(path: &str) -> Self {
        Source {
            path: path.to_string(),
            record: None,
        }
    }

    /// `path` or `path#record`, the form used in the `original` column.
    pub fn label(&self) -> String {
        match self.record {
            Some(r) => format!("{}#{}", self.path, r),
            None => self.path.clone(),
        }
    }
}

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
}

/// Default cap on the bytes one file may decompress to.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads one discovered file into its pages. A file that cannot be read
/// yields an error that the caller turns into a report row.
pub fn read_file(found: &Discovered, max_bytes: u64) -> Result<Vec<Page>, String> {
    let bytes = decode::read_capped(Path::new(&found.fs_path), found.gzip, max_bytes)?;
    let markup = match found.kind {
        FileKind::Html => Markup::Html,
        FileKind::Text => Markup::Text,
    };
    let text = decode::decode_bytes(&bytes, markup == Markup::Html, None);
    Ok(vec![Page {
        source: Source::file(&found.display),
        markup,
        text,
        url: None,
        crawl_date: None,
    }])
}
