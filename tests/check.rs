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
