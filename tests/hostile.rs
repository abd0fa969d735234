//! A corpus of hostile files: everything a crawl can hold that is broken,
//! huge, deep, binary or oddly named. The scan must finish with exit 0, a
//! row for every page file, the good pages still judged right, and the
//! same bytes for any thread count.

mod common;
use common::*;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// Writes the hostile corpus; returns the number of page files in it.
fn hostile_corpus(dir: &Path) -> usize {
    let mut pages = 0;
    let mut page = |name: &str, content: Vec<u8>| {
        write(dir, name, content);
        pages += 1;
    };
    // Good pages, which must still be judged right.
    page(
        "good/original.html",
        std::fs::read(sample().join("originals/harbor-strike.html")).unwrap(),
    );
    page(
        "good/farm-copy.txt",
        std::fs::read(sample().join("farm/harbor-strike-copy.txt")).unwrap(),
    );

    // Compression: a gzip bomb (over the cap set below), a truncated and a corrupt gzip.
    page("bomb.html.gz", gzip(&vec![b' '; 10_000_000]));
    let mut truncated = gzip(
        std::fs::read(sample().join("unique/sourdough.html"))
            .unwrap()
            .as_slice(),
    );
    truncated.truncate(truncated.len() / 2);
    page("truncated.html.gz", truncated);
    page(
        "corrupt.txt.gz",
        b"\x1f\x8b\x08\x00garbage that is not deflate".to_vec(),
    );

    // Content: random bytes, deep nesting, a huge single line, a link storm.
    let random: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    page("random.html", random);
    let mut deep = String::from("<html><body>");
    deep.push_str(&"<div>".repeat(300_000));
    deep.push_str(
        "<p>A paragraph at the bottom of a very deep page, long enough to count as text.</p>",
    );
    page("deep.html", deep.into_bytes());
    page("one-line.txt", "word ".repeat(400_000).into_bytes());
    let links: String = (0..100_000)
        .map(|i| format!("<li><a href=\"/{i}\">Link number {i} to another page</a></li>"))
        .collect();
    page(
        "links.html",
        format!("<html><body><p>Short story text here.</p><ul>{links}</ul></body></html>")
            .into_bytes(),
    );

    // Encodings: UTF-16 with a BOM, windows-1252, NUL bytes, invalid UTF-8.
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "<html><body><p>Grüße aus München, ein ganz normaler Absatz über das Wetter.</p></body></html>".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    page("utf16.html", utf16);
    page("cp1252.html", b"<meta charset=windows-1252><p>\x93Quoted\x94 caf\xe9 text in a paragraph of some length.</p>".to_vec());
    page(
        "nul.txt",
        b"A line of text\x00 with a NUL byte inside it, and more words after it.\n".to_vec(),
    );
    page(
        "invalid-utf8.html",
        b"<p>Bad bytes \xff\xfe\xc3 in the middle of a paragraph of ordinary text.</p>".to_vec(),
    );

    // Names: commas, quotes, a newline, bytes that are not UTF-8.
    page(
        "comma, \"quoted\"\nname.html",
        b"<p>A page with an awkward name.</p>".to_vec(),
    );

    // Containers: a WARC whose length lies, JSON Lines with a bad line.
    page("lying.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>cut</p>".to_vec());
    page(
        "lines.jsonl",
        b"{\"text\": \"A fine line of text.\"}\n{not json\n".to_vec(),
    );
    let odd = std::ffi::OsStr::from_bytes(b"latin1-\xe9t\xe9.html");
    std::fs::write(dir.join(odd), b"<p>A page whose name is not UTF-8.</p>").unwrap();
    // The name above is one more page; the JSON Lines file holds two rows.
    pages += 2;

    // Not pages: a directory named like a page, a FIFO, a symlink loop.
    std::fs::create_dir_all(dir.join("folder.html")).unwrap();
    let fifo = dir.join("pipe.html");
    mkfifo(&fifo);
    std::os::unix::fs::symlink(dir, dir.join("loop")).unwrap();
    pages
}

#[test]
fn a_hostile_corpus_scans_with_a_row_for_every_page_and_good_pages_judged_right() {
    let dir = tempfile::tempdir().unwrap();
    let pages = hostile_corpus(dir.path());
    let run = |jobs: &str| {
        let out = farmscan()
            .args(["scan", "-j", jobs, "--max-bytes", "8000000"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (out.stdout, String::from_utf8(out.stderr).unwrap())
    };
    let (one, summary) = run("1");
    let (two, _) = run("2");
    assert_eq!(one, two, "same bytes for -j 1 and -j 2");

    let rows = rows(&String::from_utf8(one).unwrap());
    assert_eq!(rows.len(), pages, "one row per page");
    let status = |suffix: &str| row(&rows, suffix)["status"].clone();
    assert!(
        status("bomb.html.gz").starts_with("too large"),
        "{}",
        status("bomb.html.gz")
    );
    assert!(
        status("truncated.html.gz").contains("gzip"),
        "{}",
        status("truncated.html.gz")
    );
    assert!(
        status("corrupt.txt.gz").contains("gzip"),
        "{}",
        status("corrupt.txt.gz")
    );
    assert!(
        status("random.html").contains("binary"),
        "{}",
        status("random.html")
    );
    assert_eq!(status("deep.html"), "ok");
    assert!(
        row(&rows, "deep.html")["words"].parse::<usize>().unwrap() > 5,
        "the deep text is read"
    );
    assert_eq!(status("one-line.txt"), "ok");
    assert_eq!(status("links.html"), "ok");
    for ok in ["utf16.html", "cp1252.html", "nul.txt", "invalid-utf8.html"] {
        assert_eq!(status(ok), "ok", "{ok}");
    }
    assert!(
        rows.iter()
            .any(|r| r["path"].ends_with("comma, \"quoted\"\nname.html")),
        "awkward names round-trip through CSV"
    );
    assert!(
        rows.iter()
            .any(|r| r["path"].ends_with("latin1-%E9t%E9.html")),
        "non-UTF-8 names written with their bytes escaped"
    );
    // What the record holds is read, and the row says it was cut.
    let lying = row(&rows, "lying.warc");
    assert_eq!(lying["status"], "ok");
    assert!(
        lying["note"].starts_with("record cut:"),
        "{}",
        lying["note"]
    );
    let jsonl: Vec<_> = rows
        .iter()
        .filter(|r| r["path"].ends_with("lines.jsonl"))
        .collect();
    assert_eq!(jsonl.len(), 2);
    assert!(jsonl[1]["status"].starts_with("bad JSON line"));

    let copy = row(&rows, "good/farm-copy.txt");
    assert_eq!(copy["role"], "copy");
    assert!(copy["original"].ends_with("good/original.html"));
    assert_eq!(copy["flags"], "copy;junk_links;date_mismatch");
    assert!(summary.contains("files and"), "{summary}");
    assert!(
        summary.contains("3 files and"),
        "a folder named like a page, a FIFO and a symlink are skipped: {summary}"
    );
}
