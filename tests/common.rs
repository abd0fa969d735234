//! Helpers shared by the CLI tests: run the binary, read its CSV.
#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn farmscan() -> Command {
    Command::cargo_bin("farmscan").expect("binary builds")
}

/// The project's sample corpus.
pub fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

/// Parses a CSV report into rows keyed by column name.
pub fn rows(csv_text: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = r.headers().expect("header row").clone();
    r.records()
        .map(|rec| {
            let rec = rec.expect("valid CSV row");
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Fails the test, with the run's stderr, unless the run succeeded.
pub fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "run failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The report rows a successful run printed; fails the test with the run's
/// stderr otherwise.
pub fn ok_rows(out: &std::process::Output) -> Vec<HashMap<String, String>> {
    assert_ok(out);
    rows(&String::from_utf8(out.stdout.clone()).expect("UTF-8 report"))
}

/// Scans `paths` with extra args and returns the report's rows.
pub fn scan(paths: &[&Path], extra: &[&str]) -> Vec<HashMap<String, String>> {
    let out = farmscan()
        .arg("scan")
        .args(paths)
        .args(extra)
        .arg("-q")
        .output()
        .expect("runs");
    ok_rows(&out)
}

/// The row whose path ends with `suffix`.
pub fn row<'a>(rows: &'a [HashMap<String, String>], suffix: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["path"].ends_with(suffix))
        .unwrap_or_else(|| panic!("no row for {suffix}"))
}

/// What `extract --format jsonl` read from `path`, one object a page.
pub fn extract_jsonl(path: &Path) -> Vec<serde_json::Value> {
    let out = farmscan()
        .args(["extract", "--format", "jsonl"])
        .arg(path)
        .output()
        .expect("runs");
    assert_ok(&out);
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON object a line"))
        .collect()
}

/// Writes a file (creating folders) and returns its path.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().expect("has parent")).expect("mkdir");
    std::fs::write(&p, content).expect("write fixture");
    p
}

/// The body of an HTML page with these paragraphs.
pub fn html_page(title: &str, head: &str, paragraphs: &[&str], after: &str) -> String {
    let ps: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!doctype html><html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>\n{ps}</article>{after}</body></html>"
    )
}

/// The seed page of the mission, read from the shared folder beside the
/// project; `None` (with a note) where that folder is absent.
pub fn seed_text() -> Option<String> {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds/000_a3a929a30d19b20e.txt");
    let text = std::fs::read_to_string(&seed).ok();
    if text.is_none() {
        eprintln!("skipped: {} is not present", seed.display());
    }
    text
}

/// An original of the seed's AP story: its body paragraphs, dated
/// 2023-09-11 in a meta tag.
pub fn seed_original(seed: &str) -> String {
    let body: Vec<&str> = seed
        .lines()
        .filter(|l| l.split_whitespace().count() > 20)
        .collect();
    html_page(
        "North Korean train departs for Russia",
        r#"<meta property="article:published_time" content="2023-09-11T06:00:00Z">"#,
        &body,
        "",
    )
}

/// Makes a named pipe.
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}
