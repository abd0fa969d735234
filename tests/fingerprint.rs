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

#[test]
fn site_reputations_given_in_the_records_decide_a_tie() {
    let (dir, records) = sample_records();
    // The syndicated library story and its original, both with day-only
    // dates and no publisher documented: only the sites' reputations tell
    // them apart.
    let text = std::fs::read_to_string(&records).unwrap();
    let judge_with = |farm_of_copy: bool| {
        let edited: String = text
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                for field in ["published", "modified"] {
                    if let Some(d) = v[field].as_object_mut() {
                        d.remove("utc");
                        d.remove("zoned");
                    }
                }
                if let Some(fields) = v["date_fields"].as_array_mut() {
                    fields.iter_mut().for_each(|d| {
                        d.as_object_mut().unwrap().remove("utc");
                    });
                }
                // Neither documents its publisher, so that evidence does
                // not decide either.
                v.as_object_mut().unwrap().remove("documents_publisher");
                let copy = v["path"]
                    .as_str()
                    .unwrap()
                    .ends_with("library-syndicated.html");
                v["farm_site"] = serde_json::json!(copy && farm_of_copy);
                format!("{v}\n")
            })
            .collect();
        write(dir.path(), "edited.jsonl", edited);
        let out = farmscan()
            .arg("judge")
            .arg(dir.path().join("edited.jsonl"))
            .output()
            .unwrap();
        assert!(out.status.success());
        rows(&String::from_utf8(out.stdout).unwrap())
    };
    // Nothing else tells them apart: the path decides.
    let unknown = judge_with(false);
    assert_eq!(row(&unknown, "library-syndicated.html")["role"], "original");
    let farmed = judge_with(true);
    assert_eq!(row(&farmed, "library-syndicated.html")["role"], "copy");
    assert_eq!(row(&farmed, "library-reopens.html")["role"], "original");
}

#[test]
fn fingerprint_takes_originals_as_scan_does() {
    let dir = tempfile::tempdir().unwrap();
    let fp = dir.path().join("fp.jsonl");
    farmscan()
        .args(["fingerprint", "-q", "-o"])
        .arg(&fp)
        .arg(sample().join("farm"))
        .arg("--originals")
        .arg(sample().join("originals"))
        .assert()
        .code(0);
    let judged = farmscan().arg("judge").arg(&fp).output().unwrap();
    let scanned = farmscan()
        .args(["scan", "-q"])
        .arg(sample().join("farm"))
        .arg("--originals")
        .arg(sample().join("originals"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&judged.stdout),
        String::from_utf8_lossy(&scanned.stdout)
    );
    let rows = rows(&String::from_utf8(judged.stdout).unwrap());
    assert_eq!(row(&rows, "harbor-strike-copy.txt")["role"], "copy");
    assert_eq!(
        row(&rows, "originals/harbor-strike.html")["role"],
        "original"
    );
}

#[test]
fn judge_refuses_a_page_size_cap_it_could_not_apply() {
    let (_dir, fp) = sample_records();
    let out = farmscan()
        .args(["judge", "--max-bytes", "1000"])
        .arg(&fp)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give it to fingerprint"));
}

#[test]
fn fingerprint_takes_the_page_size_cap_that_judge_sends_it_to() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    farmscan()
        .args(["fingerprint", "-q", "--max-bytes", "1000", "-o"])
        .arg(&records)
        .arg(sample().join("originals/harbor-strike.html"))
        .assert()
        .code(0);
    let judged = farmscan().arg("judge").arg(&records).output().unwrap();
    let rows = ok_rows(&judged);
    assert!(
        rows[0]["status"].contains("1000"),
        "a page over the cap is an error row naming it: {:?}",
        rows[0]
    );
}
