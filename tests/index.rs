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
