//! `farmscan fingerprint` and `farmscan judge`: the scan split in two.

mod common;
use common::*;

/// The sample corpus fingerprinted into a temporary folder.
fn sample_records() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    farmscan()
        .args(["fingerprint", "-q", "-o"])
        .arg(&records)
        .arg(sample())
        .assert()
        .code(0);
    (dir, records)
}

#[test]
fn judging_the_fingerprints_gives_the_scan_report_byte_for_byte() {
    let (_dir, records) = sample_records();
    let judged = farmscan().arg("judge").arg(&records).output().unwrap();
    let scanned = farmscan()
        .args(["scan", "-q"])
        .arg(sample())
        .output()
        .unwrap();
    assert!(judged.status.success());
    assert_eq!(judged.stdout, scanned.stdout);
}

#[test]
fn groups_are_judged_apart() {
    let (dir, records) = sample_records();
    // Put every page in a group of its own: nothing can be a copy.
    let text = std::fs::read_to_string(&records).unwrap();
    let grouped: String = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["group"] = serde_json::json!(i);
            format!("{v}\n")
        })
        .collect();
    write(dir.path(), "grouped.jsonl", grouped);
    let out = farmscan()
        .args(["judge", "--by-group"])
        .arg(dir.path().join("grouped.jsonl"))
        .output()
        .unwrap();
    let rows = rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(rows.len(), 8);
    assert!(rows.iter().all(|r| r["role"] == "unique"));
    // Without --by-group the groups are ignored and the copies come back.
    let out = farmscan()
        .arg("judge")
        .arg(dir.path().join("grouped.jsonl"))
        .output()
        .unwrap();
    assert!(rows_of(&out.stdout).iter().any(|r| r["role"] == "copy"));
}

fn rows_of(stdout: &[u8]) -> Vec<std::collections::HashMap<String, String>> {
    rows(core::str::from_utf8(stdout).unwrap())
}

#[test]
fn a_file_that_is_not_records_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.jsonl", "{\"not\": \"a record\"}\n");
    farmscan()
        .arg("judge")
        .arg(dir.path().join("bad.jsonl"))
        .assert()
        .code(2);
}
