//! `farmscan explain`: an account of a verdict a person can check.

mod common;
use common::*;

fn explain(args: &[&std::path::Path], against: Option<&std::path::Path>) -> String {
    let mut cmd = farmscan();
    cmd.arg("explain").args(args);
    if let Some(a) = against {
        cmd.arg("--against").arg(a);
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn alone_it_shows_dates_weekday_evidence_and_junk_items() {
    let text = explain(&[&sample().join("farm/orphan-farm.txt")], None);
    assert!(
        text.contains("claims to be published 2025-08-16 (Saturday), read from the visible text, date line [text:date-line]"),
        "{text}"
    );
    assert!(text.contains("the lede dates its news: \"said Tuesday\""));
    assert!(text.contains("date_mismatch (weekday)"));
    assert!(text.contains("  Hot News: "), "{text}");
    assert!(text.contains("- Five signs your houseplants are secretly unhappy — JUNK: a headline that shares no topic word with the story"), "{text}");
    assert!(text.contains("credited to AP"));
}

#[test]
fn against_its_original_it_shows_overlap_and_paragraphs() {
    let text = explain(
        &[&sample().join("farm/harbor-strike-excerpt.html")],
        Some(&sample().join("originals/harbor-strike.html")),
    );
    assert!(
        text.contains("100% of this page's body is in the other"),
        "{text}"
    );
    assert!(text.contains("verdict: this page is the copy"));
    assert!(text.contains("date_mismatch (stale)"));
    assert_eq!(text.matches("   100%  ").count(), 4, "{text}");
}

#[test]
fn missing_file_exits_2() {
    farmscan()
        .args(["explain", "/no/such/page.html"])
        .assert()
        .code(2);
}

#[test]
fn with_its_corpus_explain_gives_the_verdict_scan_gives() {
    let page = sample().join("farm/harbor-strike-excerpt.html");
    let rows = scan(&[&sample()], &[]);
    let scanned = row(&rows, "harbor-strike-excerpt.html");
    let out = farmscan()
        .arg("explain")
        .arg(&page)
        .arg("--corpus")
        .arg(sample())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let flags = scanned["flags"].clone();
    assert!(
        text.contains(&format!(
            "verdict:  role {}, flags {flags}",
            scanned["role"]
        )),
        "{text}"
    );
    assert!(!text.contains("judged alone"), "{text}");
    // Alone, it says so and how to do otherwise.
    let alone = farmscan().arg("explain").arg(&page).output().unwrap();
    assert!(String::from_utf8_lossy(&alone.stdout).contains("judged alone; give --corpus PATH"));
}

#[test]
fn a_folder_or_the_same_page_twice_is_refused_and_a_record_can_be_named() {
    let folder = farmscan().arg("explain").arg(sample()).output().unwrap();
    assert_eq!(folder.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&folder.stderr).contains("not a folder"));
    let page = sample().join("farm/orphan-farm.txt");
    let twice = farmscan()
        .arg("explain")
        .arg(&page)
        .arg("--against")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(twice.status.code(), Some(2));
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(
        dir.path(),
        "pages.jsonl",
        "{\"url\":\"https://a.example/1\",\"html\":\"<p>First page of the file, about the harbour and its cranes and ships.</p>\"}\n\
         {\"url\":\"https://a.example/2\",\"html\":\"<p>Second page of the file, about the library and its new reading rooms.</p>\"}\n",
    );
    let second = farmscan()
        .arg("explain")
        .arg(format!("{}#2", jsonl.display()))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&second.stdout);
    assert!(text.contains("https://a.example/2"), "{text}");
    assert!(!text.contains("https://a.example/1"), "{text}");
}

#[test]
fn every_list_item_gets_its_fate_in_plain_words() {
    let page = sample().join("farm/harbor-strike-copy.txt");
    let out = farmscan().arg("explain").arg(&page).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // Each of the 18 headlines of the three lists has a line of its own.
    assert_eq!(text.matches("\n    - ").count(), 18, "{text}");
    assert!(text.contains("in the page's main column"), "{text}");
    assert!(text.contains("read from the visible text"), "{text}");
    assert!(text.contains("fingerprint of the wording"), "{text}");
    assert!(!text.contains(" in main "), "{text}");
}

#[test]
fn explain_takes_the_thresholds_scan_was_given() {
    let page = sample().join("farm/orphan-farm.txt");
    let flagged = explain(&[&page], None);
    assert!(
        flagged.contains("flags junk_links;date_mismatch"),
        "{flagged}"
    );
    let out = farmscan()
        .arg("explain")
        .arg(&page)
        .args(["--junk-ratio", "1000"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let lenient = String::from_utf8(out.stdout).unwrap();
    assert!(
        lenient.contains("flags date_mismatch\n") && lenient.contains("(flag at 1000.00)"),
        "with a junk ratio no page reaches, the page is not flagged junk_links: {lenient}"
    );
}

#[test]
fn every_date_found_is_shown_with_why_one_was_chosen() {
    let dir = tempfile::tempdir().unwrap();
    // The address's day, a structured date a day later in UTC, and a
    // modified date: three dates, one chosen.
    let head = r#"<link rel="canonical" href="https://vale.example/2021/09/07/bridge">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2021-09-08T01:47:00Z","dateModified":"2021-09-10T09:00:00Z"}</script>"#;
    let para = "The bridge reopened to walkers after a summer of repairs to its deck and railings.";
    let page = write(
        dir.path(),
        "bridge.html",
        html_page("Bridge", head, &[para; 6], ""),
    );
    let text = explain(&[&page], None);
    assert!(
        text.contains(
            "claims to be published 2021-09-07 (Tuesday), read from the page's address [url]"
        ),
        "{text}"
    );
    assert!(text.contains("why this one: the address's day"), "{text}");
    assert!(
        text.contains(
            "2021-09-08 publication field, in the page's structured data (JSON-LD), datePublished"
        ),
        "{text}"
    );
    assert!(text.contains("2021-09-10 modified"), "{text}");
    // A year alone is said to be a year, without a weekday.
    let year = write(
        dir.path(),
        "year.html",
        html_page(
            "Prices",
            "",
            &[para; 6],
            "<footer>© 2017 Vale Mill</footer>",
        ),
    );
    let text = explain(&[&year], None);
    assert!(
        text.contains("claims to be published 2017-01-01, read from a copyright notice"),
        "{text}"
    );
    assert!(text.contains("published_precision year"), "{text}");
}

#[test]
fn a_bad_record_named_is_explained_by_its_own_error_once() {
    let dir = tempfile::tempdir().unwrap();
    let feed = common::write(
        dir.path(),
        "feed.jsonl",
        "{\"text\":\"A first fine line of text about the harbour.\"}\n\
         {\"text\":\"A second fine line of text about the weather.\"}\n\
         {not json\n\
         {\"text\":\"A fourth line.\"}\n\
         {also not json\n",
    );
    let out = common::farmscan()
        .arg("explain")
        .arg(format!("{}#3", feed.display()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "said once: {err}");
    assert!(err.contains("feed.jsonl#3: bad JSON line"), "{err}");
    assert!(err.contains("at line 3 column 2"), "the file's line: {err}");
    assert!(!err.contains("#5"), "another record's error: {err}");
}
