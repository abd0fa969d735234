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
        text.contains("claims to be published 2025-08-16 (Saturday, text:date-line)"),
        "{text}"
    );
    assert!(text.contains("the lede dates its news: \"said Tuesday\""));
    assert!(text.contains("date_mismatch (weekday)"));
    assert!(text.contains("junk [Hot News] Five signs your houseplants are secretly unhappy — shares no topic word with the story"));
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
