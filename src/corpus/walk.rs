//! Discover: walk the user's PATHs and classify files by name.

use std::path::Path;
use walkdir::WalkDir;

/// The page formats recognised by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Html,
    Text,
    /// Web ARChive: one page per `response` record.
    Warc,
    /// The older Internet Archive ARC format: one page per HTTP record.
    Arc,
    /// JSON Lines: one page per line.
    Jsonl,
}

/// A file found under one of the user's PATHs that farmscan reads.
#[derive(Debug, Clone)]
pub(crate) struct Discovered {
    /// Path on disk, as given to the OS.
    pub fs_path: std::path::PathBuf,
    /// The `path` column: the user's PATH joined with the path below it,
    /// a name that is not UTF-8 escaped so that it can be given back (see
    /// [`super::path_name`]).
    pub display: String,
    /// What the name says; gzip is told by the bytes as they are read.
    pub kind: FileKind,
}

/// What the walk found: files to read, and what it passed over.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    pub files: Vec<Discovered>,
    /// Regular files whose names farmscan does not recognise.
    pub skipped_unknown: u64,
    /// The first few of them, to name on stderr.
    pub unknown_names: Vec<String>,
    /// Entries that are not regular files (FIFOs, sockets, devices,
    /// symlinks, directories named like pages): passed over unopened.
    pub skipped_special: u64,
    /// Files reached twice through overlapping PATHs (`data` and
    /// `data/farm`, `./data` beside `data`): read once.
    pub repeated: u64,
    /// Standard input (`-`), kept in a file while the walk lives.
    pub stdin: Option<StdinCopy>,
}

/// Standard input saved to a temporary file, so that it is read like any
/// page file (decompressed, split into records); removed when dropped.
#[derive(Debug)]
pub(crate) struct StdinCopy(std::path::PathBuf);

impl Drop for StdinCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Saves standard input and says what it holds, by its first bytes: gzip,
/// then a WARC record, JSON Lines or (otherwise) HTML.
fn read_stdin() -> Result<(StdinCopy, Discovered), String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    let head = sniff_bytes(&bytes);
    let kind = archive_kind(&head).unwrap_or(if text_start(&head).starts_with('{') {
        FileKind::Jsonl
    } else {
        FileKind::Html
    });
    let path = std::env::temp_dir().join(format!("farmscan-stdin-{}", std::process::id()));
    std::fs::write(&path, &bytes).map_err(|e| format!("cannot keep standard input: {e}"))?;
    let found = Discovered {
        fs_path: path.clone(),
        display: super::STDIN_NAME.to_string(),
        kind,
    };
    Ok((StdinCopy(path), found))
}

/// How many bytes of a file's start tell what it holds.
const SNIFF_BYTES: usize = 512;

/// The first bytes of `bytes`, inflated when they are gzip (by gzip's
/// magic number).
fn sniff_bytes(bytes: &[u8]) -> Vec<u8> {
    if !super::decode::is_gzip(bytes) {
        return bytes.iter().take(SNIFF_BYTES).copied().collect();
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    let mut inflate =
        std::io::Read::take(flate2::read::MultiGzDecoder::new(bytes), SNIFF_BYTES as u64);
    // A stream that fails this early is read (and its error told) later.
    let _ = std::io::Read::read_to_end(&mut inflate, &mut head);
    head
}

/// The text at the start of a file, past a byte-order mark and blanks.
fn text_start(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(head);
    text.trim_start_matches('\u{feff}').trim_start().to_string()
}

/// A crawl archive known by its first record, whatever its name: the
/// reader takes its bytes' word over the file's name, so a gzipped WARC
/// with an extra suffix, or an ARC named like a WARC, is read for what it
/// is.
pub(crate) fn archive_kind(head: &[u8]) -> Option<FileKind> {
    let start = text_start(head);
    if start.starts_with("WARC/") {
        Some(FileKind::Warc)
    } else if start.starts_with("filedesc://") {
        Some(FileKind::Arc)
    } else {
        None
    }
}

/// The file name endings a folder walk reads, each maybe followed by
/// `.gz`, and the kind each names: the one list, which the walk, the note
/// on skipped files and `--help` all read.
pub(crate) const EXTENSIONS: &[(&str, FileKind)] = &[
    ("html", FileKind::Html),
    ("htm", FileKind::Html),
    ("xhtml", FileKind::Html),
    ("txt", FileKind::Text),
    ("warc", FileKind::Warc),
    ("arc", FileKind::Arc),
    ("jsonl", FileKind::Jsonl),
];

/// The endings of [`EXTENSIONS`] as a reader wants them: `.html, .htm, ...`.
pub(crate) fn extension_list() -> String {
    EXTENSIONS
        .iter()
        .map(|(e, _)| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Classifies a file name: the page format it names, `.gz` or not.
pub(crate) fn classify(name: &str) -> Option<FileKind> {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = stem.rsplit_once('.').map(|(_, e)| e)?;
    let (_, kind) = EXTENSIONS.iter().find(|(e, _)| *e == ext)?;
    Some(*kind)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Walks every PATH (a file or a directory), without following symlinks and
/// skipping hidden entries below a directory. Files come back sorted by their
/// display path so every later stage sees them in one stable order.
/// A PATH that does not exist is an error: the run cannot do what was asked.
pub(crate) fn discover(paths: &[std::path::PathBuf]) -> Result<Walk, String> {
    let mut walk = Walk::default();
    for root in paths {
        if root.as_os_str() == "-" {
            if walk.stdin.is_none() {
                let (copy, found) = read_stdin()?;
                walk.stdin = Some(copy);
                walk.files.push(found);
            }
            continue;
        }
        // A name a report wrote for a file whose name is not UTF-8.
        let root = &super::path_name::resolve(root);
        let meta =
            std::fs::symlink_metadata(root).map_err(|e| format!("{}: {}", root.display(), e))?;
        if meta.is_file() {
            // A file named explicitly is read whatever its name says: the
            // user asked for it. Unknown names default to HTML sniffing.
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let kind = classify(&name).unwrap_or(FileKind::Html);
            walk.files.push(Discovered {
                fs_path: root.clone(),
                display: display_path(root),
                kind,
            });
            continue;
        }
        let entries = WalkDir::new(root)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(_) => {
                    walk.skipped_special += 1;
                    continue;
                }
            };
            let ft = entry.file_type();
            if ft.is_dir() {
                // A directory named like a page is passed over, and said.
                if entry.depth() > 0 && classify(&entry.file_name().to_string_lossy()).is_some() {
                    walk.skipped_special += 1;
                }
                continue;
            }
            if !ft.is_file() {
                walk.skipped_special += 1;
                continue;
            }
            let name = entry.file_name().to_string_lossy();
            match classify(&name) {
                Some(kind) => walk.files.push(Discovered {
                    fs_path: entry.path().to_path_buf(),
                    display: display_path(entry.path()),
                    kind,
                }),
                None => {
                    walk.skipped_unknown += 1;
                    if walk.unknown_names.len() < NAMED_SKIPS {
                        walk.unknown_names.push(display_path(entry.path()));
                    }
                }
            }
        }
    }
    // One file is one page source however many PATHs reach it; otherwise it
    // would be judged a copy of itself. The first name given is kept.
    let mut seen = std::collections::HashSet::new();
    let before = walk.files.len();
    walk.files.retain(|f| {
        let key = std::fs::canonicalize(&f.fs_path).unwrap_or_else(|_| f.fs_path.clone());
        seen.insert(key)
    });
    walk.repeated = (before - walk.files.len()) as u64;
    walk.files.sort_by(|a, b| a.display.cmp(&b.display));
    Ok(walk)
}

/// How many skipped file names a run prints.
const NAMED_SKIPS: usize = 5;

fn display_path(p: &Path) -> String {
    super::path_name::display(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_recognises_page_names_and_gzip() {
        assert_eq!(classify("a.HTML"), Some(FileKind::Html));
        assert_eq!(classify("a.htm.gz"), Some(FileKind::Html));
        assert_eq!(classify("a.txt"), Some(FileKind::Text));
        assert_eq!(classify("a.pdf"), None);
        assert_eq!(classify("CC-MAIN-1.warc.gz"), Some(FileKind::Warc));
        assert_eq!(classify("docs.jsonl"), Some(FileKind::Jsonl));
        assert_eq!(classify("IA-1.arc.gz"), Some(FileKind::Arc));
        assert_eq!(classify("README"), None);
    }
}
