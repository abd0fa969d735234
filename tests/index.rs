//! The originals index and configuration files.

mod common;
use common::*;

fn run_ok(args: &[&str], extra: &[&std::path::Path]) -> String {
    let out = farmscan().args(args).args(extra).output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        args,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn index_round_trip_add_add_again_stats_and_scan_against_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("originals.db");
    let db_s = db.to_str().unwrap();
    let originals = sample().join("originals");

    let first = run_ok(&["index", "add", "-q", "--db", db_s], &[&originals]);
    assert!(first.starts_with("2 pages added"), "{first}");
    let again = run_ok(&["index", "add", "-q", "--db", db_s], &[&originals]);
    assert!(
        again.starts_with("0 pages added") && again.contains("2 already there"),
        "{again}"
    );
    let stats = run_ok(&["index", "stats", "--db", db_s], &[]);
    assert!(stats.contains("pages: 2"), "{stats}");
    assert!(stats.contains("crediting a wire service: 1"), "{stats}");
    assert!(
        stats.contains("published: 2024-03-04 to 2024-05-02"),
        "{stats}"
    );

    // The crawl holds only farm pages; their originals are in the index.
    let rows = scan(&[&sample().join("farm")], &["--index", db_s]);
    assert_eq!(rows.len(), 4, "indexed pages are not reported");
    let copy = row(&rows, "harbor-strike-copy.txt");
    assert_eq!(copy["role"], "copy");
    assert!(
        copy["original"].ends_with("originals/harbor-strike.html"),
        "{}",
        copy["original"]
    );
    assert_eq!(copy["date_lag_days"], "466");
    assert_eq!(copy["flags"], "copy;junk_links;date_mismatch");
    assert_eq!(row(&rows, "library-syndicated.html")["role"], "copy");
}

#[test]
fn the_seed_copy_is_found_when_only_its_original_is_indexed() {
    let Some(text) = seed_text() else { return };
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    write(&archive, "ap.html", seed_original(&text));
    let db = dir.path().join("i.db");
    run_ok(
        &["index", "add", "-q", "--db", db.to_str().unwrap()],
        &[&archive],
    );
    let crawl = dir.path().join("crawl");
    write(&crawl, "seed.txt", &text);
    let rows = scan(&[&crawl], &["--index", db.to_str().unwrap()]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["role"], "copy");
    assert_eq!(rows[0]["flags"], "copy;junk_links;date_mismatch");
    assert_eq!(rows[0]["date_lag_days"], "578");
}

#[test]
fn a_missing_index_is_an_error_for_scan_and_check() {
    farmscan()
        .args(["scan", "--index", "/no/such.db"])
        .arg(sample())
        .assert()
        .code(2);
    farmscan()
        .args(["check", "--index", "/no/such.db"])
        .arg(sample())
        .assert()
        .code(2);
    farmscan()
        .args(["index", "stats", "--db", "/no/such.db"])
        .assert()
        .code(2);
}

#[test]
fn a_config_file_sets_thresholds_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "farmscan.toml", "junk_ratio = 5.0\n");
    let run = |extra: &[&str]| {
        let out = farmscan()
            .current_dir(dir.path())
            .args(["scan", "-q"])
            .args(extra)
            .arg(sample())
            .output()
            .unwrap();
        ok_rows(&out)
    };
    // farmscan.toml in the working directory raises the bar: no junk_links.
    assert!(run(&[]).iter().all(|r| !r["flags"].contains("junk_links")));
    // The flag overrides the file.
    assert!(
        run(&["--junk-ratio", "0.5"])
            .iter()
            .any(|r| r["flags"].contains("junk_links"))
    );
    // --config names another file; unknown keys are errors.
    write(dir.path(), "bad.toml", "junk_ration = 1\n");
    farmscan()
        .args(["scan", "--config"])
        .arg(dir.path().join("bad.toml"))
        .arg(sample())
        .assert()
        .code(2);
}

#[test]
fn a_config_file_adds_wire_services_and_originals() {
    let dir = tempfile::tempdir().unwrap();
    let story = "<p>AMSTERDAM (ANP) - The city council voted on Tuesday to close the old harbor bridge for repairs that will take most of next year, officials said.</p>";
    write(
        dir.path(),
        "crawl/p.html",
        format!("<html><body><article>{story}</article></body></html>"),
    );
    let cfg = dir.path().join("c.toml");
    write(
        dir.path(),
        "c.toml",
        "[[wire]]\nname = \"ANP\"\ndomains = [\"anp.nl\"]\ntags = [\"ANP\"]\n",
    );
    let rows = scan(
        &[&dir.path().join("crawl")],
        &["--config", cfg.to_str().unwrap()],
    );
    assert_eq!(rows[0]["wire"], "ANP");

    let originals = sample().join("originals");
    write(
        dir.path(),
        "o.toml",
        format!("originals = [{:?}]\n", originals.to_str().unwrap()),
    );
    let rows = scan(
        &[&sample().join("farm")],
        &["--config", dir.path().join("o.toml").to_str().unwrap()],
    );
    let copy = row(&rows, "harbor-strike-copy.txt");
    assert!(copy["original"].ends_with("originals/harbor-strike.html"));
    assert_eq!(
        row(&rows, "originals/harbor-strike.html")["flags"],
        "",
        "given originals are reported, never flagged"
    );
}

#[test]
fn a_page_already_in_the_index_is_not_a_copy_of_itself() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("idx.db");
    // Added under another spelling of the same folder.
    farmscan()
        .args(["index", "add", "-q", "--db"])
        .arg(&db)
        .arg(sample().join("."))
        .assert()
        .code(0);
    let plain = scan(&[&sample()], &[]);
    let with_index = scan(&[&sample()], &["--index", db.to_str().unwrap()]);
    assert_eq!(plain.len(), with_index.len());
    for (a, b) in plain.iter().zip(&with_index) {
        assert_ne!(
            b["original"], b["path"],
            "{} judged a copy of itself",
            b["path"]
        );
        assert_eq!(a["role"], b["role"], "{}", a["path"]);
        assert_eq!(a["original"], b["original"], "{}", a["path"]);
    }
}

/// A harbour story, long enough to be matched: what each page below holds.
const FERRY_STORY: [&str; 5] = [
    "Ferry crews at the northern harbour walked off the job on Monday morning, leaving hundreds of commuters stranded on the quay as the first sailings of the week were cancelled without notice.",
    "The union representing the crews said the strike would continue until the operator agreed to restore the overtime rates it cut in the spring, a change it says left some deckhands earning less than a year ago.",
    "The operator called the walkout unlawful and said it had offered to meet union leaders on Wednesday, adding that a reduced timetable would run from the southern pier with crews brought in from other routes.",
    "Shopkeepers on the island said the stoppage came at the worst moment, with the summer season about to begin and deliveries of fresh produce already running two days behind because of the weather.",
    "The harbour master said the quay would stay open for private boats and that coast guard patrols had been doubled in case commuters tried to make the crossing in small craft of their own.",
];

/// Where the harbour paper published the story, as its pages declare.
const FERRY_STORY_AT: &str = "https://www.harbourtimes.example/news/ferry-strike";

/// The harbour paper's page of the story, declaring `canonical` as its
/// address, with `extra` paragraphs after the story.
fn ferry_page(canonical: &str, extra: &[&str]) -> String {
    let head = format!(
        r#"<link rel="canonical" href="{canonical}"><meta property="article:published_time" content="2024-05-06T07:00:00Z">"#
    );
    let paragraphs: Vec<&str> = FERRY_STORY.iter().chain(extra).copied().collect();
    html_page("Ferry crews strike", &head, &paragraphs, "")
}

/// A JSON Lines file of pages, each fetched from its URL.
fn fetched(dir: &std::path::Path, name: &str, pages: &[(&str, String)]) -> std::path::PathBuf {
    let lines: Vec<String> = pages
        .iter()
        .map(|(url, html)| serde_json::json!({ "url": url, "html": html }).to_string())
        .collect();
    write(dir, name, lines.join("\n") + "\n")
}

/// An index holding the harbour paper's page of the story, fetched from
/// its own address.
fn ferry_index(dir: &std::path::Path) -> std::path::PathBuf {
    let archive = fetched(
        dir,
        "archive.jsonl",
        &[(FERRY_STORY_AT, ferry_page(FERRY_STORY_AT, &[]))],
    );
    let db = dir.join("ferry.db");
    run_ok(
        &["index", "add", "-q", "--db", db.to_str().unwrap()],
        &[&archive],
    );
    db
}

#[test]
fn a_recrawl_of_an_indexed_page_under_another_form_of_its_address_is_not_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = ferry_index(dir.path());
    let forms = [
        (
            "http",
            "http://harbourtimes.example/news/ferry-strike",
            FERRY_STORY_AT,
        ),
        (
            "tracking",
            "https://www.harbourtimes.example/news/ferry-strike?utm_source=newsletter&fbclid=IwAR2x",
            FERRY_STORY_AT,
        ),
        (
            "amp",
            "https://www.harbourtimes.example/amp/news/ferry-strike",
            FERRY_STORY_AT,
        ),
        // The paper's print view, which declares the story's own address.
        (
            "canonical",
            "https://print.harbourtimes.example/4411",
            FERRY_STORY_AT,
        ),
    ];
    // The same body (the index's twin of the page) and one the paper has
    // added to since (a page judged beside its indexed self).
    let bodies: [&[&str]; 2] = [
        &[],
        &["Update: the operator said on Monday evening that talks would begin a day early."],
    ];
    for (form, url, canonical) in forms {
        for extra in bodies {
            let crawl = fetched(
                dir.path(),
                &format!("crawl-{form}-{}.jsonl", extra.len()),
                &[(url, ferry_page(canonical, extra))],
            );
            let rows = scan(&[&crawl], &["--index", db.to_str().unwrap()]);
            assert_eq!(rows.len(), 1);
            assert_ne!(
                rows[0]["role"],
                "copy",
                "{form} ({} added): judged a copy of {}",
                extra.len(),
                rows[0]["original"]
            );
        }
    }
}

#[test]
fn a_farm_copy_that_kept_the_originals_canonical_link_is_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let db = ferry_index(dir.path());
    let crawl = fetched(
        dir.path(),
        "farm.jsonl",
        &[(
            "https://quicknews.example/ferry-strike-latest",
            ferry_page(FERRY_STORY_AT, &[]),
        )],
    );
    let rows = scan(&[&crawl], &["--index", db.to_str().unwrap()]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["role"], "copy");
    assert!(
        rows[0]["original"].contains("archive.jsonl"),
        "{}",
        rows[0]["original"]
    );
}

#[test]
fn an_index_add_with_nothing_to_add_leaves_no_index_behind() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("originals.db");
    // Pages with no body, then a PATH that does not exist.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("blank.html"), "").unwrap();
    for path in [empty.clone(), dir.path().join("no-such-folder")] {
        let out = common::farmscan()
            .args(["index", "add", "-q", "--db"])
            .arg(&db)
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        assert!(!db.exists(), "{}: an empty index was left", path.display());
    }
    let err = common::farmscan()
        .args(["index", "add", "-q", "--db"])
        .arg(&db)
        .arg(&empty)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&err.stderr).contains("nothing to add"));
    // `index stats` on it is then the missing-index error, not "pages: 0".
    let stats = common::farmscan()
        .args(["index", "stats", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(stats.status.code(), Some(2));
}
