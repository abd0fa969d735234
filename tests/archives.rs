//! Crawl archives as crawls hold them: WARC and ARC files, whole, gzipped
//! record by record, cut short or mislabelled. The fixtures are written
//! here, byte by byte, as crawlers write them.

mod common;
use common::*;
use std::io::Write;

/// A story long enough to be matched, as the body of a page.
const STORY: &[&str] = &[
    "Dock workers at the northern harbour walked out on Monday after talks over pay and night shifts broke down, the union said.",
    "The strike halted loading at four container terminals, and shipping lines said vessels were already queueing outside the port.",
    "Port officials said they hoped to resume talks later in the week, but the union said its members would stay out until a deal was signed.",
];

fn story_page(title: &str) -> String {
    html_page(title, "", STORY, "")
}

/// An HTTP response holding `body`, with these extra header lines.
fn http_response(content_type: &str, extra: &str, body: &[u8]) -> Vec<u8> {
    let mut r =
        format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

/// A WARC record; `length` overrides the true block length (a lying header).
fn warc_record(kind: &str, uri: &str, block: &[u8], length: Option<usize>) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
        length.unwrap_or(block.len())
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// An ARC file of version `version` (1 or 2) holding these (url, date,
/// body) HTTP records.
fn arc_file(version: u8, records: &[(&str, &str, Vec<u8>)]) -> Vec<u8> {
    let names = match version {
        1 => "URL IP-address Archive-date Content-type Archive-length",
        _ => {
            "URL IP-address Archive-date Content-type Result-code Checksum Location Offset Filename Archive-length"
        }
    };
    let desc = format!("{version} 0 Test Crawl\n{names}\n");
    let mut out = format!(
        "filedesc://test.arc 127.0.0.1 20240305100000 text/plain {}\n{desc}\n",
        desc.len()
    )
    .into_bytes();
    for (url, date, body) in records {
        let block = http_response("text/html", "", body);
        let line = match version {
            1 => format!("{url} 10.0.0.1 {date} text/html {}\n", block.len()),
            _ => format!(
                "{url} 10.0.0.1 {date} text/html 200 - - 0 test.arc {}\n",
                block.len()
            ),
        };
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(&block);
        out.push(b'\n');
    }
    out
}

#[test]
fn a_gzipped_payload_cut_before_its_trailer_is_read_and_the_bytes_after_a_short_record_are_skipped()
{
    // As a recorder wrote it: the record's stated length ends 8 bytes
    // early, inside the gzip trailer of the payload; a request record
    // follows. The page is whole, the request is no page.
    let page = story_page("Dock strike");
    let payload = gzip(page.as_bytes());
    let block = http_response("text/html", "Content-Encoding: gzip\r\n", &payload);
    let mut warc = warc_record(
        "response",
        "https://news.example/strike",
        &block,
        Some(block.len() - 8),
    );
    warc.extend(warc_record(
        "request",
        "https://news.example/strike",
        b"GET /strike HTTP/1.1\r\nHost: news.example\r\n\r\n",
        None,
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cut.warc", &warc);
    let rows = scan(&[&path], &[]);
    assert_eq!(rows.len(), 1, "one page, no row for the request: {rows:?}");
    let r = &rows[0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["record"], "1");
    assert_eq!(r["title"], "Dock strike");
    assert!(r["words"].parse::<usize>().unwrap() > 50);
    assert!(r["note"].contains("payload cut"), "{}", r["note"]);
    assert!(r["note"].contains("skipped"), "{}", r["note"]);
    // Nothing a user could fix: `--fail-on error` counts nothing.
    let out = farmscan()
        .args(["check", "-q", "--fail-on", "error"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_record_cut_by_the_end_of_the_file_is_read_as_far_as_it_goes() {
    let page = story_page("Dock strike");
    let block = http_response("text/html", "", page.as_bytes());
    let mut warc = warc_record("response", "https://news.example/strike", &block, None);
    // The file ends 40 bytes into the page's closing markup.
    warc.truncate(warc.len() - 4 - 40);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cut.warc", &warc);
    let rows = scan(&[&path], &[]);
    assert_eq!(rows[0]["status"], "ok");
    assert!(
        rows[0]["note"].starts_with("record cut:"),
        "{}",
        rows[0]["note"]
    );
    assert!(rows[0]["words"].parse::<usize>().unwrap() > 50);
}

#[test]
fn arc_files_are_read_record_by_record_in_folders_and_by_name_gzipped_or_not() {
    let dir = tempfile::tempdir().unwrap();
    let records = vec![
        ("https://news.example/strike", "20240305100000", story_page("Dock strike").into_bytes()),
        ("dns:news.example", "20240305100000", b"news.example. 300 IN A 10.0.0.1".to_vec()),
        (
            "https://news.example/weather",
            "20240306120000",
            html_page("Weather", "", &["Rain is expected across the north of the country through the weekend, with strong winds on the coast."], "").into_bytes(),
        ),
    ];
    let v1 = arc_file(1, &records);
    write(dir.path(), "crawl/old.arc", &v1);
    // Gzipped record by record, as archives store ARC files.
    write(dir.path(), "crawl2/old.arc.gz", gzip(&v1));
    let v2 = arc_file(2, &records[..1]);
    write(dir.path(), "crawl3/v2.arc", &v2);
    let rows = scan(&[dir.path()], &[]);
    let of = |file: &str| -> Vec<&std::collections::HashMap<String, String>> {
        rows.iter().filter(|r| r["path"].ends_with(file)).collect()
    };
    for file in ["old.arc", "old.arc.gz"] {
        let pages = of(file);
        assert_eq!(
            pages.len(),
            2,
            "{file}: two web pages, no row for the DNS record: {pages:?}"
        );
        // The filedesc record is record 1.
        assert_eq!(pages[0]["record"], "2");
        assert_eq!(pages[0]["url"], "https://news.example/strike");
        assert_eq!(pages[0]["title"], "Dock strike");
        assert_eq!(pages[1]["record"], "4");
        for p in &pages {
            assert_eq!(p["status"], "ok");
            assert!(
                !p["flags"].contains("copy"),
                "the same page in two archives: {p:?}"
            );
        }
    }
    assert_eq!(of("v2.arc")[0]["url"], "https://news.example/strike");
    // The crawl date comes from the record's header line.
    let ex = extract_jsonl(&dir.path().join("crawl/old.arc"));
    assert_eq!(ex.len(), 2);
    assert!(ex[0]["text"].as_str().unwrap().starts_with("Dock workers"));
    assert!(!ex[0]["text"].as_str().unwrap().contains("HTTP/1.1"));
}

#[test]
fn a_folder_of_arc_files_is_not_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let records = vec![(
        "https://news.example/strike",
        "20240305100000",
        story_page("Dock strike").into_bytes(),
    )];
    write(dir.path(), "a.arc", arc_file(1, &records));
    let out = farmscan().args(["scan"]).arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("skipped 1 file"), "{err}");
    assert_eq!(ok_rows(&out).len(), 1);
}

#[test]
fn named_files_are_read_for_what_their_bytes_are() {
    let dir = tempfile::tempdir().unwrap();
    // Plain HTML under a gzip name.
    let html = write(dir.path(), "page.htm.gz", story_page("Dock strike"));
    // A gzipped WARC with a suffix after its name.
    let block = http_response("text/html", "", story_page("Dock strike").as_bytes());
    let warc = gzip(&warc_record(
        "response",
        "https://news.example/strike",
        &block,
        None,
    ));
    let open = write(dir.path(), "crawl.warc.gz.open", &warc);
    let rows = scan(&[&html, &open], &[]);
    let page = row(&rows, "page.htm.gz");
    assert_eq!(page["status"], "ok");
    assert_eq!(page["title"], "Dock strike");
    let record = row(&rows, "crawl.warc.gz.open");
    assert_eq!(record["status"], "ok");
    assert_eq!(record["record"], "1");
    assert_eq!(record["url"], "https://news.example/strike");
}
