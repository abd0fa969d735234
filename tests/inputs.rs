//! Crawl inputs: WARC files (gzipped record by record, with records that are
//! not pages), JSON Lines with bad lines, and the same verdicts whichever
//! form a page comes in.

mod common;
use common::*;
use std::io::Write;

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-07-01T10:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(html: &str) -> Vec<u8> {
    let mut b = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".to_vec();
    b.extend_from_slice(html.as_bytes());
    b
}

/// Gzips each record on its own and concatenates them, as Common Crawl does.
fn gzip_per_record(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(r).unwrap();
        out.extend(enc.finish().unwrap());
    }
    out
}

fn sample_page(rel: &str) -> String {
    std::fs::read_to_string(sample().join(rel)).unwrap()
}

#[test]
fn warc_gz_response_records_are_pages_with_record_numbers_and_urls() {
    let dir = tempfile::tempdir().unwrap();
    let records = vec![
        warc_record("warcinfo", "", b"software: test crawler"),
        warc_record(
            "request",
            "https://dailycourier.example/story",
            b"GET /story HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://dailycourier.example/story",
            &http(&sample_page("originals/harbor-strike.html")),
        ),
        warc_record(
            "metadata",
            "https://dailycourier.example/story",
            b"fetchTimeMs: 120",
        ),
        warc_record(
            "response",
            "https://trendbuzz.example/p/1",
            &http(&sample_page("farm/harbor-strike-excerpt.html")),
        ),
    ];
    write(dir.path(), "crawl/batch.warc.gz", gzip_per_record(&records));
    let out = farmscan().arg("scan").arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let rows = rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["record"], "3");
    assert_eq!(
        rows[0]["url"], "https://dailycourier.example/story",
        "the WARC target is the URL"
    );
    assert_eq!(rows[1]["record"], "5");
    assert_eq!(rows[1]["url"], "https://trendbuzz.example/p/1");
    assert_eq!(rows[1]["role"], "copy");
    assert!(rows[1]["original"].ends_with("batch.warc.gz#3"));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("3 records skipped")
    );
}

#[test]
fn a_farm_date_after_the_crawl_date_is_a_future_date() {
    let dir = tempfile::tempdir().unwrap();
    // The excerpt claims 2025-01-20; this crawl fetched it in 2024.
    let mut rec = warc_record(
        "response",
        "https://trendbuzz.example/p/1",
        &http(&sample_page("farm/harbor-strike-excerpt.html")),
    );
    let text = String::from_utf8(rec.clone())
        .unwrap()
        .replace("2025-07-01T10:00:00Z", "2024-12-01T10:00:00Z");
    rec = text.into_bytes();
    write(dir.path(), "a.warc", rec);
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(rows[0]["date_issue"], "future");
}

#[test]
fn json_lines_bad_lines_get_their_own_rows_and_the_file_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = serde_json::json!({"id": "1", "url": "https://x.example/1", "date": "2025-01-02", "html": sample_page("unique/sourdough.html")});
    let text = serde_json::json!({"id": "3", "text": sample_page("farm/orphan-farm.txt")});
    let body = format!("{good}\n{{broken json\n{{\"id\": \"2\"}}\n{text}\n");
    write(dir.path(), "export.jsonl", body);
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["status"], "ok");
    assert_eq!(rows[0]["url"], "https://x.example/1");
    assert!(
        rows[1]["status"].starts_with("bad JSON line"),
        "{}",
        rows[1]["status"]
    );
    assert_eq!(rows[1]["record"], "2");
    assert!(rows[2]["status"].contains("no \"text\" or \"html\""));
    assert_eq!(rows[3]["status"], "ok");
    assert_eq!(rows[3]["flags"], "junk_links;date_mismatch");
}

/// The farm excerpt beside its original, the excerpt given as a file, a
/// WARC record and a JSON line: the same verdict each time.
#[test]
fn the_same_page_gets_the_same_flags_as_a_file_a_warc_record_and_a_json_line() {
    let original = sample_page("originals/harbor-strike.html");
    let copy = sample_page("farm/harbor-strike-excerpt.html");
    let text_copy = sample_page("farm/harbor-strike-copy.txt");
    let mut verdicts = Vec::new();
    for form in ["file", "warc", "jsonl"] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "original.html", &original);
        match form {
            "file" => {
                write(dir.path(), "copy.html", &copy);
                write(dir.path(), "copy.txt", &text_copy);
            }
            "warc" => {
                let mut w = warc_record("response", "https://f.example/1", &http(&copy));
                let mut t = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".to_vec();
                t.extend_from_slice(text_copy.as_bytes());
                w.extend(warc_record("response", "https://f.example/2", &t));
                write(dir.path(), "copy.warc", w);
            }
            _ => {
                let lines = format!(
                    "{}\n{}\n",
                    serde_json::json!({"html": copy}),
                    serde_json::json!({"text": text_copy})
                );
                write(dir.path(), "copy.jsonl", lines);
            }
        }
        let rows = scan(&[dir.path()], &[]);
        let of = |r: &std::collections::HashMap<String, String>| {
            (
                r["role"].clone(),
                r["flags"].clone(),
                r["similarity"].clone(),
                r["published"].clone(),
                r["wire"].clone(),
            )
        };
        let copies: Vec<_> = rows
            .iter()
            .filter(|r| !r["path"].ends_with("original.html"))
            .map(of)
            .collect();
        assert_eq!(copies.len(), 2, "{form}");
        verdicts.push(copies);
    }
    assert_eq!(verdicts[0], verdicts[1]);
    assert_eq!(verdicts[0], verdicts[2]);
    assert_eq!(verdicts[0][0].1, "copy;junk_links;date_mismatch");
}

#[test]
fn binary_in_a_warc_record_or_a_json_line_is_refused_as_in_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let noise: Vec<u8> = (0..3000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    block.extend_from_slice(&noise);
    let good = http(&sample_page("originals/library-reopens.html"));
    let warc = [
        warc_record("response", "https://x.example/noise", &block),
        warc_record("response", "https://x.example/library", &good),
    ]
    .concat();
    write(dir.path(), "crawl.warc", warc);
    // A JSON line whose text is control characters.
    let controls: String = (1u8..31)
        .filter(|b| !b"\t\n\r".contains(b))
        .map(char::from)
        .collect::<String>()
        .repeat(20);
    let line = serde_json::json!({"id": "c", "text": controls}).to_string();
    write(dir.path(), "lines.jsonl", format!("{line}\n"));
    let rows = scan(&[dir.path()], &[]);
    let status = |path: &str, record: &str| {
        rows.iter()
            .find(|r| r["path"].ends_with(path) && r["record"] == record)
            .map(|r| r["status"].clone())
            .unwrap()
    };
    assert_eq!(status("crawl.warc", "1"), "not a text page: binary content");
    assert_eq!(status("crawl.warc", "2"), "ok");
    assert_eq!(
        status("lines.jsonl", "1"),
        "not a text page: binary content"
    );
}

#[test]
fn a_json_lines_id_is_carried_to_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(
        dir.path(),
        "pages.jsonl",
        "{\"id\":\"doc-17\",\"url\":\"https://a.example/1\",\"html\":\"<p>The harbour reopened to ships after a week of repairs to its cranes and quays.</p>\"}\n\
         {\"id\":42,\"url\":\"https://a.example/2\",\"text\":\"The library reopened after flood repairs to its reading rooms.\"}\n",
    );
    let rows = scan(&[&jsonl], &[]);
    assert_eq!(rows[0]["id"], "doc-17");
    assert_eq!(rows[1]["id"], "42");
    let extract = farmscan()
        .args(["extract", "--format", "jsonl"])
        .arg(&jsonl)
        .output()
        .unwrap();
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(extract.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["id"], "doc-17");
    let fp = farmscan()
        .args(["fingerprint", "-q"])
        .arg(&jsonl)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&fp.stdout).contains("\"id\":\"doc-17\""));
}

#[test]
fn a_page_on_standard_input_is_read_as_dash() {
    let page = std::fs::read(sample().join("farm/harbor-strike-excerpt.html")).unwrap();
    let out = farmscan()
        .args(["scan", "-q", "-"])
        .arg(sample().join("originals"))
        .write_stdin(page)
        .output()
        .unwrap();
    let rows = ok_rows(&out);
    let stdin = row(&rows, "-");
    assert_eq!(stdin["path"], "-");
    assert_eq!(stdin["role"], "copy", "{stdin:?}");
    assert!(stdin["original"].ends_with("harbor-strike.html"));
}
