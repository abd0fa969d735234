//! `farmscan check`: exit codes a pipeline can gate on.

mod common;
use common::*;

#[test]
fn over_the_bound_exits_1_with_a_json_summary() {
    let out = farmscan()
        .args(["check", "-q"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["result"], "fail");
    assert_eq!(line["counted"], 4);
}

#[test]
fn within_the_bound_exits_0() {
    farmscan()
        .args(["check", "-q", "--max-flagged", "4"])
        .arg(sample())
        .assert()
        .code(0);
    farmscan()
        .args(["check", "-q", "--max-flagged", "50%"])
        .arg(sample())
        .assert()
        .code(0);
    farmscan()
        .args(["check", "-q", "--max-flagged", "10%"])
        .arg(sample())
        .assert()
        .code(1);
}

#[test]
fn fail_on_chooses_the_flags_that_count() {
    let out = farmscan()
        .args([
            "check",
            "-q",
            "--fail-on",
            "junk_links",
            "--max-flagged",
            "3",
        ])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["counted"], 3);
}

#[test]
fn usage_and_io_errors_exit_2() {
    farmscan()
        .args(["check", "--fail-on", "bogus"])
        .arg(sample())
        .assert()
        .code(2);
    farmscan()
        .args(["check", "--max-flagged", "lots"])
        .arg(sample())
        .assert()
        .code(2);
    farmscan().args(["check", "/no/such/dir"]).assert().code(2);
}

#[test]
fn report_is_written_only_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("r.csv");
    farmscan()
        .args(["check", "-q", "--max-flagged", "100%", "-o"])
        .arg(&report)
        .arg(sample())
        .assert()
        .code(0);
    assert_eq!(rows(&std::fs::read_to_string(&report).unwrap()).len(), 8);
}

#[test]
fn a_percentage_bound_counts_only_the_batch_not_the_indexed_originals() {
    // Four indexed pages around a batch of the four farm pages, all flagged:
    // 4 of 4 is over 50%, whatever the index holds.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("idx.db");
    farmscan()
        .args(["index", "add", "-q", "--db"])
        .arg(&db)
        .arg(sample().join("originals"))
        .arg(sample().join("unique"))
        .assert()
        .code(0);
    let out = farmscan()
        .args(["check", "-q", "--max-flagged", "50%", "--index"])
        .arg(&db)
        .arg(sample().join("farm"))
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["pages"], 4, "{line}");
    assert_eq!(line["counted"], 4, "{line}");
    // The batch's copies copy two indexed pages.
    assert_eq!(line["summary"]["originals"], 2, "{line}");
    assert_eq!(out.status.code(), Some(1), "{line}");
}

#[test]
fn side_reports_are_written_without_o_and_the_report_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let (pairs, sites, html) = (
        dir.path().join("pairs.csv"),
        dir.path().join("sites.csv"),
        dir.path().join("report.html"),
    );
    let out = farmscan()
        .args(["check", "-q", "--max-flagged", "100%", "--pairs"])
        .arg(&pairs)
        .arg("--sites")
        .arg(&sites)
        .arg("--html")
        .arg(&html)
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(rows(&std::fs::read_to_string(&pairs).unwrap()).len() >= 2);
    assert!(!rows(&std::fs::read_to_string(&sites).unwrap()).is_empty());
    assert!(std::fs::read_to_string(&html).unwrap().contains("<html"));
    // Standard output holds the JSON line alone.
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
}

#[test]
fn unreadable_pages_count_when_fail_on_names_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.html.gz", "b.html.gz", "c.html.gz"] {
        // gzip's magic number, then no gzip stream.
        write(
            dir.path(),
            name,
            b"\x1f\x8b\x08\x00 not a gzip stream at all",
        );
    }
    let plain = farmscan()
        .args(["check", "-q"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        plain.status.code(),
        Some(0),
        "errors do not count by default"
    );
    let out = farmscan()
        .args(["check", "-q", "--fail-on", "copy,error"])
        .arg(dir.path())
        .output()
        .unwrap();
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["counted"], 3, "{line}");
    assert_eq!(line["fail_on"], serde_json::json!(["copy", "error"]));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn an_empty_input_is_said_and_still_gives_header_rows() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = farmscan().arg("check").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no pages found"));
    let pairs = dir.path().join("pairs.csv");
    let sites = dir.path().join("sites.csv");
    let scan = farmscan()
        .args(["scan", "-q", "--pairs"])
        .arg(&pairs)
        .arg("--sites")
        .arg(&sites)
        .arg(&empty)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&scan.stdout).starts_with("path,record,url,title,"));
    assert!(
        std::fs::read_to_string(&pairs)
            .unwrap()
            .starts_with("copy,original,")
    );
    assert!(
        std::fs::read_to_string(&sites)
            .unwrap()
            .starts_with("site,pages,")
    );
}

#[test]
fn two_outputs_on_standard_output_are_refused_before_the_scan() {
    let pairs = farmscan()
        .args(["scan", "-q", "--pairs", "-"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(pairs.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&pairs.stderr).contains("standard output"));
    let missing = farmscan()
        .args(["scan", "-q", "--html", "/no-such-folder-here/x.html"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no-such-folder-here"));
}

#[test]
fn thresholds_that_make_no_sense_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let toml = write(dir.path(), "bad.toml", "junk_ratio = -3\n");
    let cases: Vec<Vec<String>> = vec![
        vec!["--junk-ratio".into(), "0".into()],
        vec!["--junk-ratio".into(), "-0.5".into()],
        vec!["--junk-ratio".into(), "NaN".into()],
        vec!["--junk-ratio".into(), "inf".into()],
        vec!["--stale-days".into(), "-5".into()],
        vec!["-j".into(), "10000".into()],
        vec!["--max-flagged".into(), "-1".into()],
        vec!["--config".into(), toml.display().to_string()],
    ];
    for args in cases {
        let out = farmscan()
            .args(["check", "-q"])
            .args(&args)
            .arg(sample())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.starts_with("farmscan: "), "{args:?}: {err}");
        assert!(
            !err.contains("-- -"),
            "{args:?} must not be told to pass it as a PATH: {err}"
        );
    }
}

#[test]
fn a_config_file_speaks_for_its_own_folder_and_names_itself_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    // originals = ["originals"] means the folder beside the file, wherever
    // the command runs.
    let conf = dir.path().join("conf");
    std::fs::create_dir(&conf).unwrap();
    let toml = write(
        &conf,
        "farmscan.toml",
        format!("originals = [\"{}\"]\n", "origs"),
    );
    let origs = conf.join("origs");
    std::fs::create_dir(&origs).unwrap();
    std::fs::copy(
        sample().join("originals/harbor-strike.html"),
        origs.join("harbor-strike.html"),
    )
    .unwrap();
    let rows = scan(
        &[&sample().join("farm")],
        &["--config", toml.to_str().unwrap()],
    );
    let copy = row(&rows, "harbor-strike-copy.txt");
    assert!(
        copy["original"].ends_with("origs/harbor-strike.html"),
        "{copy:?}"
    );
    let bad = write(&conf, "bad.toml", "stale_days = -5\n");
    let out = farmscan()
        .args(["scan", "-q", "--config"])
        .arg(&bad)
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
    // Found in the working directory, it is announced.
    let found = farmscan()
        .current_dir(&conf)
        .args(["scan", "-q"])
        .arg(sample().join("unique"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&found.stderr).contains("using farmscan.toml"));
}

#[test]
fn the_json_line_keeps_the_documented_key_order_and_the_summary_goes_to_stderr() {
    let out = farmscan()
        .args(["check", "--max-flagged", "50%"])
        .arg(sample())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let keys = [
        "\"result\"",
        "\"counted\"",
        "\"pages\"",
        "\"max_flagged\"",
        "\"max_flagged_pages\"",
        "\"fail_on\"",
        "\"summary\"",
    ];
    let at: Vec<usize> = keys.iter().map(|k| text.find(k).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    let line: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(line["max_flagged_pages"], 4);
    assert!(String::from_utf8_lossy(&out.stderr).contains("8 pages (0 errors)"));
}

#[test]
fn copies_of_a_licensed_partner_keep_their_role_but_not_the_copy_flag() {
    let dir = tempfile::tempdir().unwrap();
    // The library story's original is on valleygazette.example.
    let toml = write(
        dir.path(),
        "partners.toml",
        "licensed = [\"valleygazette.example\"]\n",
    );
    let rows = scan(&[&sample()], &["--config", toml.to_str().unwrap()]);
    let synd = row(&rows, "library-syndicated.html");
    assert_eq!(synd["role"], "copy");
    assert!(synd["original"].ends_with("library-reopens.html"));
    assert!(!synd["flags"].contains("copy"), "{synd:?}");
    // Other copies are flagged as before.
    assert!(row(&rows, "harbor-strike-copy.txt")["flags"].contains("copy"));
}

#[test]
fn check_with_the_report_on_standard_output_moves_its_json_line_to_standard_error() {
    // `check --help` says "-" is standard output for -o: it is.
    let out = farmscan()
        .args(["check", "-o", "-", "--max-flagged", "100%"])
        .arg(sample())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report = rows(&String::from_utf8(out.stdout).unwrap());
    assert!(report.len() > 5, "the report is on standard output");
    let err = String::from_utf8(out.stderr).unwrap();
    let json = err
        .lines()
        .find(|l| l.starts_with('{'))
        .expect("the JSON line");
    let line: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(line["result"], "pass");
}
