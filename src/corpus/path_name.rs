//! File names as the reports write them, and back.
//!
//! A report is UTF-8, but a file name on Unix is any bytes. A name that is
//! not UTF-8 is written with each byte that is not part of a UTF-8
//! character as `%XX` (its hex value), and each `%` of it as `%25`, so the
//! name written can be given back to `explain` (or any command) and names
//! the same file. Names that are UTF-8, nearly all, are written as they are.

use std::path::{Path, PathBuf};

/// The name of `path` as reports write it.
pub(crate) fn display(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_string(),
        None => escape(path),
    }
}

#[cfg(unix)]
fn escape(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(&chunk.valid().replace('%', "%25"));
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(not(unix))]
fn escape(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The file a name given on the command line means: the name itself when
/// it exists, else the name a report wrote for a file whose name is not
/// UTF-8 (see the module's comment), when that exists.
pub(crate) fn resolve(given: &Path) -> PathBuf {
    if given.symlink_metadata().is_ok() {
        return given.to_path_buf();
    }
    match given.to_str().and_then(unescape) {
        Some(p) if p.symlink_metadata().is_ok() => p,
        _ => given.to_path_buf(),
    }
}

/// `%XX` escapes undone; `None` when there are none, or one is malformed.
#[cfg(unix)]
fn unescape(s: &str) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    if !s.contains('%') {
        return None;
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(std::ffi::OsString::from_vec(out)))
}

#[cfg(not(unix))]
fn unescape(_: &str) -> Option<PathBuf> {
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn a_name_that_is_not_utf8_is_escaped_and_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"caf\xe9 100%.html");
        let path = dir.path().join(name);
        std::fs::write(&path, "<p>x</p>").unwrap();
        let shown = display(&path);
        assert!(shown.ends_with("caf%E9 100%25.html"), "{shown}");
        assert_eq!(resolve(Path::new(&shown)), path);
    }

    #[test]
    fn utf8_names_are_written_as_they_are() {
        assert_eq!(display(Path::new("a/100% café.html")), "a/100% café.html");
        // An existing name is never unescaped.
        assert_eq!(
            resolve(Path::new("no-such-%41")),
            PathBuf::from("no-such-%41")
        );
    }
}
