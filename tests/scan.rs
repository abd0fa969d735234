//! `farmscan scan` on the sample corpus and on fixtures written here: every
//! column of the SPEC, the formats, the pairs file, errors and determinism.

mod common;
use common::*;

const COLUMNS: &str = "path,record,url,title,lang,words,published,simhash,role,original,similarity,wire,junk_link_ratio,date_lag_days,flags,status";

#[test]
fn report_starts_with_the_spec_columns_in_order() {
    let out = farmscan()
        .args(["scan", "-q"])
        .arg(sample())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().next().unwrap().starts_with(COLUMNS),
        "{}",
        text.lines().next().unwrap()
    );
}

#[test]
fn farm_copy_of_a_wire_story_gets_all_three_flags() {
    let rows = scan(&[&sample()], &[]);
    let copy = row(&rows, "farm/harbor-strike-copy.txt");
    assert_eq!(copy["role"], "copy");
    assert!(copy["original"].ends_with("originals/harbor-strike.html"));
    assert_eq!(copy["similarity"], "1.0");
    assert_eq!(copy["wire"], "AP");
    assert_eq!(copy["published"], "2025-06-13");
    // 2025-06-13 minus 2024-03-04.
    assert_eq!(copy["date_lag_days"], "466");
    assert_eq!(copy["flags"], "copy;junk_links;date_mismatch");
    assert_eq!(
        copy["title"],
        "Dock workers walk out at Europe's busiest port"
    );
    assert_eq!(copy["lang"], "eng");
    assert_eq!(copy["status"], "ok");
    assert!(copy["junk_link_ratio"].parse::<f64>().unwrap() >= 0.5);

    let orig = row(&rows, "originals/harbor-strike.html");
    assert_eq!(orig["role"], "original");
    assert_eq!(orig["flags"], "");
    assert_eq!(
        orig["url"],
        "https://dailycourier.example/2024/03/04/dock-workers-walk-out"
    );
    assert_eq!(orig["published"], "2024-03-04");
}

#[test]
fn excerpt_is_a_copy_with_its_share_of_paragraphs() {
    let rows = scan(&[&sample()], &[]);
    let ex = row(&rows, "farm/harbor-strike-excerpt.html");
    assert_eq!(ex["role"], "copy");
    assert!(ex["original"].ends_with("originals/harbor-strike.html"));
    let words: usize = ex["words"].parse().unwrap();
    let orig_words: usize = row(&rows, "originals/harbor-strike.html")["words"]
        .parse()
        .unwrap();
    assert!(
        words < orig_words * 2 / 3,
        "excerpt {words} vs original {orig_words}"
    );
}

#[test]
fn same_day_syndication_is_a_copy_without_date_or_junk_flags() {
    let rows = scan(&[&sample()], &[]);
    let syn = row(&rows, "farm/library-syndicated.html");
    assert_eq!(syn["role"], "copy");
    assert!(syn["original"].ends_with("originals/library-reopens.html"));
    assert_eq!(syn["flags"], "copy");
    assert_eq!(syn["date_lag_days"], "0");
    let sim: f64 = syn["similarity"].parse().unwrap();
    assert!(
        sim > 0.85 && sim < 1.0,
        "an inserted ad line lowers similarity a little: {sim}"
    );
}

#[test]
fn unrelated_pages_are_unique_and_unflagged() {
    let rows = scan(&[&sample()], &[]);
    for p in ["unique/council-budget.html", "unique/sourdough.html"] {
        let r = row(&rows, p);
        assert_eq!(r["role"], "unique", "{p}");
        assert_eq!(r["flags"], "", "{p}");
        assert_eq!(r["original"], "");
        assert_eq!(r["similarity"], "");
    }
    let orphan = row(&rows, "farm/orphan-farm.txt");
    assert_eq!(orphan["role"], "unique");
    assert_eq!(orphan["flags"], "junk_links;date_mismatch");
}

#[test]
fn simhash_is_sixteen_hex_digits_and_equal_for_equal_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        "The committee met on a rainy morning to discuss the new bridge over the river and its cost.",
        "Engineers presented three designs, and the members chose the cheapest one after a long debate.",
    ];
    write(
        dir.path(),
        "a.html",
        html_page("Bridge plan chosen", "", &body, ""),
    );
    write(
        dir.path(),
        "b.html",
        html_page("Bridge plan chosen", "", &body, ""),
    );
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(rows[0]["simhash"].len(), 16);
    assert!(
        rows[0]["simhash"]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    );
    assert_eq!(rows[0]["simhash"], rows[1]["simhash"]);
}

#[test]
fn jsonl_format_carries_the_same_fields() {
    let out = farmscan()
        .args(["scan", "-q", "--format", "jsonl"])
        .arg(sample())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    for col in COLUMNS.split(',') {
        assert!(first.get(col).is_some(), "missing {col}");
    }
    assert_eq!(text.lines().count(), scan(&[&sample()], &[]).len());
}

#[test]
fn pairs_file_has_one_row_per_copy() {
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    let rows = scan(&[&sample()], &["--pairs", pairs.to_str().unwrap()]);
    let text = std::fs::read_to_string(&pairs).unwrap();
    assert!(text.starts_with("copy,original,hamming,similarity,shared_paragraphs\n"));
    let pair_rows = common::rows(&text);
    assert_eq!(
        pair_rows.len(),
        rows.iter().filter(|r| r["role"] == "copy").count()
    );
    let full = pair_rows
        .iter()
        .find(|r| r["copy"].ends_with("harbor-strike-copy.txt"))
        .unwrap();
    assert_eq!(full["shared_paragraphs"], "7");
}

#[test]
fn output_file_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.csv");
    let out = farmscan()
        .arg("scan")
        .arg(sample())
        .arg("-o")
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("8 pages (0 errors)"), "{stderr}");
    assert_eq!(
        common::rows(&std::fs::read_to_string(&report).unwrap()).len(),
        8
    );
}

#[test]
fn broken_pages_get_a_row_with_their_status_and_the_scan_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "broken.html.gz",
        b"\x1f\x8b\x08\x00 then no gzip stream",
    );
    write(dir.path(), "notes.pdf", b"%PDF");
    write(
        dir.path(),
        "good.html",
        html_page(
            "Fine",
            "",
            &["A perfectly ordinary paragraph of text that says very little at all."],
            "",
        ),
    );
    let out = farmscan().args(["scan"]).arg(dir.path()).output().unwrap();
    assert!(out.status.success());
    let rows = common::rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(rows.len(), 2);
    assert!(row(&rows, "broken.html.gz")["status"].contains("gzip"));
    assert_eq!(row(&rows, "good.html")["status"], "ok");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("1 file and 0 records skipped")
    );
}

#[test]
fn missing_path_is_an_error_with_exit_2() {
    farmscan()
        .args(["scan", "/no/such/corpus"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/no/such/corpus"));
}

#[test]
fn report_bytes_do_not_depend_on_thread_count() {
    let one = farmscan()
        .args(["scan", "-q", "-j", "1"])
        .arg(sample())
        .output()
        .unwrap()
        .stdout;
    let two = farmscan()
        .args(["scan", "-q", "-j", "2"])
        .arg(sample())
        .output()
        .unwrap()
        .stdout;
    assert!(!one.is_empty());
    assert_eq!(one, two);
}

#[test]
fn given_originals_are_matched_but_never_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed");
    let crawl = dir.path().join("crawl");
    std::fs::create_dir_all(&crawl).unwrap();
    // The farm copy in the crawl; its original only in the feed, where it
    // carries a later date than the copy (a backdated copy).
    std::fs::copy(
        sample().join("farm/harbor-strike-excerpt.html"),
        crawl.join("excerpt.html"),
    )
    .unwrap();
    let original = std::fs::read_to_string(sample().join("originals/harbor-strike.html")).unwrap();
    write(
        &feed,
        "story.html",
        original.replace("2024-03-04T14:20:00Z", "2025-02-01T00:00:00Z"),
    );
    let rows = scan(&[&crawl], &["--originals", feed.to_str().unwrap()]);
    let copy = row(&rows, "excerpt.html");
    assert_eq!(copy["role"], "copy");
    assert!(copy["original"].ends_with("feed/story.html"));
    assert!(copy["flags"].contains("date_mismatch"));
    assert_eq!(row(&rows, "story.html")["flags"], "");
}

/// The seed page of the mission beside an original made from its body and
/// dated 2023-09-11. The seed lives in the shared folder beside the project.
#[test]
fn seed_page_is_a_flagged_copy_of_its_ap_original() {
    let Some(text) = seed_text() else { return };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "seed.txt", &text);
    write(dir.path(), "original.html", seed_original(&text));
    let rows = scan(&[dir.path()], &[]);
    let s = row(&rows, "seed.txt");
    assert_eq!(s["role"], "copy");
    assert!(s["original"].ends_with("original.html"));
    assert_eq!(s["wire"], "AP");
    assert_eq!(s["published"], "2025-04-11");
    assert_eq!(s["flags"], "copy;junk_links;date_mismatch");
    assert_eq!(s["date_lag_days"], "578");
    assert_eq!(s["date_issue"], "stale;weekday");
    assert_eq!(row(&rows, "original.html")["flags"], "");

    // Alone, the lede's "said Monday" still contradicts a Friday date.
    let alone = scan(&[&dir.path().join("seed.txt")], &[]);
    assert_eq!(alone[0]["flags"], "junk_links;date_mismatch");
    assert_eq!(alone[0]["date_issue"], "weekday");
}

#[test]
fn writing_the_report_to_a_pipe_writes_through_it() {
    // `-o /dev/stdout` or a named pipe must not be replaced with a file.
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    farmscan()
        .args(["scan", "-q", "-o"])
        .arg(&fifo)
        .arg(sample())
        .assert()
        .code(0);
    // Checked before joining: had the pipe been replaced, the reader would
    // wait on it forever.
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "still a pipe"
    );
    let text = reader.join().unwrap();
    assert_eq!(rows(&text).len(), 8);
}

/// A short story followed by ten unrelated headlines of the same site.
fn story_with_teasers(pictures: bool) -> String {
    let paragraphs = [
        "The harbour council voted on Tuesday to extend the ferry timetable into the winter months, after traders and commuters argued that the early closing cut them off from the mainland for most of the evening.",
        "Under the new timetable the last crossing leaves the island at half past nine, two hours later than last year, and a second boat will run on market days when the queues at the slipway are longest.",
        "The operator said it would need four more deckhands and a relief skipper to cover the extra sailings, and that the cost would be shared with the county for a trial period of one winter.",
        "Councillors who opposed the plan said the money would be better spent repairing the pier, which has been closed to heavy vehicles since a storm damaged its supports in the spring.",
    ];
    let teasers: String = [
        "Former champion returns to the ring after five years away",
        "Ten holiday gadgets that sold out before the first of December",
        "Film festival names the surprise winner of its top prize",
        "Why quarterbacks now train with ballet dancers in the summer",
        "Celebrity chef opens a third restaurant in the old station",
        "Storm chasers share the photographs that made their season",
        "Pop star surprises fans with an acoustic set at a petrol station",
        "The budget airline that wants to fly you across the ocean for less",
        "Doctors warn about the viral breakfast trend sweeping the country",
        "Inside the mansion that sold for a record price in a single weekend",
    ]
    .iter()
    .enumerate()
    .map(|(i, h)| {
        let img = if pictures {
            format!("<a href=\"/story/{i}\"><img src=\"/t/{i}.jpg\" alt=\"\"></a>")
        } else {
            String::new()
        };
        format!("<div class=\"card\">{img}<a href=\"/story/{i}\">{h}</a></div>")
    })
    .collect();
    common::html_page(
        "Ferry timetable extended into winter",
        "",
        &paragraphs,
        &format!("<section><h3>Latest</h3>{teasers}</section>"),
    )
}

#[test]
fn picture_teaser_cards_are_the_sites_own_and_bare_headline_lists_are_junk() {
    // Scanned apart: the two pages carry the same story.
    let dir = tempfile::tempdir().unwrap();
    let cards = write(dir.path(), "cards/page.html", story_with_teasers(true));
    let bare = write(dir.path(), "bare/page.html", story_with_teasers(false));
    let cards = scan(&[cards.as_path()], &[]);
    assert_eq!(cards[0]["flags"], "");
    assert_eq!(cards[0]["junk_link_ratio"], "0.0");
    let bare = scan(&[bare.as_path()], &[]);
    assert_eq!(bare[0]["flags"], "junk_links");
}

#[test]
fn overlapping_paths_read_each_file_once() {
    let plain = scan(&[&sample()], &[]);
    let overlapping = scan(
        &[
            &sample(),
            &sample().join("farm"),
            &sample().join("./unique"),
        ],
        &[],
    );
    assert_eq!(plain.len(), overlapping.len());
    for r in &overlapping {
        assert_ne!(
            r["original"], r["path"],
            "{} judged a copy of itself",
            r["path"]
        );
    }
}

#[test]
fn a_shard_given_twice_to_judge_is_judged_once() {
    let dir = tempfile::tempdir().unwrap();
    let fp = dir.path().join("fp.jsonl");
    farmscan()
        .args(["fingerprint", "-q", "-o"])
        .arg(&fp)
        .arg(sample())
        .assert()
        .code(0);
    let once = farmscan().arg("judge").arg(&fp).output().unwrap();
    let twice = farmscan().arg("judge").arg(&fp).arg(&fp).output().unwrap();
    assert_eq!(once.stdout, twice.stdout);
    assert!(String::from_utf8_lossy(&twice.stderr).contains("repeated"));
}

#[test]
fn dates_are_bounded_by_the_page_not_by_the_clock() {
    // A page saved on 2024-01-01 cannot tell of 2024-06-01 in its text,
    // whatever day the scan runs; --today sets the bound outright. A date
    // its publishing system wrote is kept whatever its day.
    let dir = tempfile::tempdir().unwrap();
    let story = "<p>The harbour reopened to ships after a week of repairs to its cranes.</p>";
    let text_dated = write(
        dir.path(),
        "text.html",
        format!(
            "<html><body><article><h1>Harbour</h1><p>1 June 2024</p>{story}</article></body></html>"
        ),
    );
    let field_dated = write(
        dir.path(),
        "field.html",
        format!(
            r#"<html><head><meta property="article:published_time" content="2024-06-01T10:00:00Z"></head><body><article>{story}</article></body></html>"#
        ),
    );
    let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_704_067_200); // 2024-01-01
    for page in [&text_dated, &field_dated] {
        std::fs::File::options()
            .write(true)
            .open(page)
            .unwrap()
            .set_modified(saved)
            .unwrap();
    }
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(row(&rows, "text.html")["published"], "");
    assert_eq!(row(&rows, "field.html")["published"], "2024-06-01");
    let rows = scan(&[dir.path()], &["--today", "2024-07-01"]);
    assert_eq!(row(&rows, "text.html")["published"], "2024-06-01");
}

#[test]
fn a_short_excerpt_buried_in_clickbait_is_flagged_and_a_stub_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let sentences = [
        "Dock workers at the port walked out on Monday over a new shift plan.",
        "The union said talks with the operators had broken down late on Sunday.",
        "Ships were queuing outside the harbour by the afternoon, officials said.",
        "Operators warned that the strike could cost the region millions each day.",
        "A spokesman for the workers said they would stay out until the plan is withdrawn.",
        "The transport ministry called both sides to a meeting later in the week.",
        "Exporters said fresh fruit and flowers were most at risk from the delays.",
        "Police said the picket lines had been calm through the first day.",
    ];
    let junk: String = (0..20)
        .map(|i| format!("<li><a href=\"https://clicks.example/{i}\">You will never guess what this famous singer bought number {i}</a></li>"))
        .collect();
    let page = |paras: &[&str]| {
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!(
            "<html><body><article>{body}</article><h3>Ranking</h3><ul>{junk}</ul></body></html>"
        )
    };
    write(dir.path(), "excerpt.html", page(&sentences[..]));
    write(dir.path(), "stub.html", page(&sentences[..3]));
    let rows = scan(&[dir.path()], &[]);
    let excerpt = row(&rows, "excerpt.html");
    assert!(excerpt["flags"].contains("junk_links"), "{excerpt:?}");
    let stub = row(&rows, "stub.html");
    assert!(!stub["flags"].contains("junk_links"), "{stub:?}");
}

#[test]
fn format_names_are_read_in_any_case() {
    let out = farmscan()
        .args(["scan", "-q", "--format", "JSONL"])
        .arg(sample())
        .output()
        .unwrap();
    assert!(out.status.success());
    let first = String::from_utf8(out.stdout).unwrap();
    let _: serde_json::Value = serde_json::from_str(first.lines().next().unwrap()).unwrap();
}

#[test]
fn jsonl_lists_are_arrays_and_absent_values_are_null() {
    let out = farmscan()
        .args(["scan", "-q", "--format", "jsonl"])
        .arg(sample())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let copy = rows
        .iter()
        .find(|r| {
            r["path"]
                .as_str()
                .unwrap()
                .ends_with("harbor-strike-copy.txt")
        })
        .unwrap();
    assert_eq!(
        copy["flags"],
        serde_json::json!(["copy", "junk_links", "date_mismatch"])
    );
    assert!(
        copy["date_issue"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d == "stale")
    );
    for r in &rows {
        for (k, v) in r.as_object().unwrap() {
            assert_ne!(v, "", "{k} is an empty string in {r}");
        }
    }
}

#[test]
fn the_html_report_says_how_it_was_made_and_is_not_read_back_as_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    for sub in ["farm", "originals", "unique"] {
        std::fs::create_dir_all(tree.join(sub)).unwrap();
        for f in std::fs::read_dir(sample().join(sub)).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, tree.join(sub).join(f.file_name().unwrap())).unwrap();
        }
    }
    let html = tree.join("report.html");
    let before = scan(
        &[&tree],
        &["--html", html.to_str().unwrap(), "--today", "2026-01-02"],
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(concat!(
        "farmscan ",
        env!("CARGO_PKG_VERSION"),
        " as of 2026-01-02"
    )));
    assert!(page.contains("junk_ratio 0.5"), "thresholds are shown");
    assert!(
        page.contains(&tree.display().to_string()),
        "inputs are shown"
    );
    // Date-lag bins are whole days.
    let lag = &page[page.find("Date lag of copies").unwrap()..];
    let lag = &lag[..lag.find("</figure>").unwrap()];
    assert!(!lag.contains(".00 to"), "{lag}");
    let after = scan(&[&tree], &[]);
    assert_eq!(before.len(), after.len(), "the saved report is not a page");
}

#[test]
fn skipped_files_are_named_and_a_file_named_itself_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let php = write(
        dir.path(),
        "story.php",
        "<html><body><p>A page saved by a mirror under the name its server gave it, with a story in it.</p></body></html>",
    );
    let out = farmscan().arg("scan").arg(dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("story.php"), "{err}");
    let rows = scan(&[&php], &[]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "ok");
}

#[test]
fn parquet_format_writes_the_report_pairs_and_sites_as_typed_tables() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let out = farmscan()
        .arg("scan")
        .arg(sample())
        .args(["--format", "parquet", "-q", "-o"])
        .arg(path("pages.parquet"))
        .arg("--pairs")
        .arg(path("pairs.parquet"))
        .arg("--sites")
        .arg(path("sites.parquet"))
        .output()
        .unwrap();
    assert_ok(&out);
    let csv = scan(&[&sample()], &[]);
    let rows = |name: &str| {
        let reader = SerializedFileReader::new(std::fs::File::open(path(name)).unwrap()).unwrap();
        let meta = reader.metadata().file_metadata();
        let columns: Vec<String> = meta
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.path().string())
            .collect();
        (meta.num_rows() as usize, columns)
    };
    let (pages, columns) = rows("pages.parquet");
    assert_eq!(pages, csv.len());
    assert_eq!(columns[..3], ["path", "record", "url"]);
    assert!(
        columns.contains(&"flags.list.item".to_string()),
        "{columns:?}"
    );
    let (pairs, _) = rows("pairs.parquet");
    assert_eq!(pairs, csv.iter().filter(|r| r["role"] == "copy").count());
    let (sites, columns) = rows("sites.parquet");
    assert!(sites > 0);
    assert_eq!(columns[0], "site");
}

#[test]
fn each_date_says_where_it_was_read() {
    let rows = scan(&[&sample()], &["--today", "2026-01-01"]);
    let source = |suffix: &str| row(&rows, suffix)["published_source"].clone();
    assert_eq!(source("originals/library-reopens.html"), "json-ld");
    assert_eq!(source("originals/harbor-strike.html"), "meta");
    assert_eq!(source("farm/harbor-strike-copy.txt"), "text-label");
}

#[test]
fn a_day_of_the_scan_before_the_crawl_is_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The harbor board met on Tuesday and voted to extend the talks. ".repeat(20);
    let line = serde_json::json!({"id": "a", "date": "2024-05-02", "text": text}).to_string();
    let feed = write(dir.path(), "feed.jsonl", format!("{line}\n"));
    let early = farmscan()
        .args(["scan", "-q", "--today", "2024-01-01"])
        .arg(&feed)
        .output()
        .unwrap();
    assert_ok(&early);
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert!(
        stderr.contains(
            "--today 2024-01-01 is before the crawl date of 1 page (the latest 2024-05-02)"
        ),
        "{stderr}"
    );
    // Every command that reads pages says it: the per-page half of a
    // distributed scan too.
    let printed = farmscan()
        .args(["fingerprint", "-q", "--today", "2024-01-01", "-o", "-"])
        .arg(&feed)
        .output()
        .unwrap();
    assert_ok(&printed);
    assert!(
        String::from_utf8_lossy(&printed.stderr).contains("is before the crawl date of 1 page")
    );
    let later = farmscan()
        .args(["scan", "-q", "--today", "2024-06-01"])
        .arg(&feed)
        .output()
        .unwrap();
    assert!(
        later.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&later.stderr)
    );
}

#[test]
fn pages_with_no_body_say_so_and_take_no_role() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.html", "");
    write(dir.path(), "empty.txt", "");
    // An empty gzip stream, and a page of markup with no text.
    write(
        dir.path(),
        "empty.html.gz",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    );
    write(
        dir.path(),
        "markup.html",
        "<html><head><title>Nothing here</title></head><body><div><span></span></div></body></html>",
    );
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(rows.len(), 4);
    for r in &rows {
        assert_eq!(r["status"], "ok", "{r:?}");
        assert_eq!(r["note"], "no body", "{r:?}");
        assert_eq!(r["role"], "", "no role without a body: {r:?}");
        assert_eq!(r["simhash"], "", "{r:?}");
        assert_eq!(r["words"], "0");
        assert_eq!(r["flags"], "");
    }
    assert_eq!(row(&rows, "markup.html")["title"], "Nothing here");
}

#[test]
fn a_copy_read_from_standard_input_names_its_original_by_id() {
    let story = "The harbour workers of the northern port walked out on Monday after talks over pay and safety broke down late on Sunday night, union leaders said in a statement to reporters gathered outside the gates.";
    let input = format!(
        "{{\"id\":\"wire-1\",\"text\":\"{story}\",\"date\":\"2024-01-01\"}}\n{{\"id\":\"farm-9\",\"text\":\"{story}\",\"date\":\"2024-03-01\"}}\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    let out = farmscan()
        .args(["scan", "-q", "--pairs"])
        .arg(&pairs)
        .arg("-")
        .write_stdin(input)
        .output()
        .unwrap();
    let rows = ok_rows(&out);
    let copy = rows.iter().find(|r| r["role"] == "copy").expect("a copy");
    assert_eq!(copy["id"], "farm-9");
    assert_eq!(copy["original"], "wire-1", "joinable on id");
    let pairs = common::rows(&std::fs::read_to_string(&pairs).unwrap());
    assert_eq!(
        (pairs[0]["copy"].as_str(), pairs[0]["original"].as_str()),
        ("farm-9", "wire-1")
    );
}

#[cfg(unix)]
#[test]
fn a_path_that_is_not_utf8_is_written_so_that_explain_takes_it_back() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-story.html");
    std::fs::write(
        dir.path().join(name),
        html_page(
            "Caf\u{e9} story",
            "",
            &["A page whose file name is Latin-1, not UTF-8, and whose row must lead back to it."],
            "",
        ),
    )
    .unwrap();
    let rows = scan(&[dir.path()], &[]);
    let path = &rows[0]["path"];
    assert!(path.ends_with("caf%E9-story.html"), "{path}");
    let out = farmscan().arg("explain").arg(path).output().unwrap();
    assert_ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Caf\u{e9} story"));
}
