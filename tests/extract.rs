//! `farmscan extract`: what was read from each page.

mod common;
use common::*;

fn jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    let out = farmscan()
        .args(["extract", "--format", "jsonl"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_has_the_spec_fields() {
    let pages = jsonl(&sample().join("farm/harbor-strike-copy.txt"));
    assert_eq!(pages.len(), 1);
    let p = &pages[0];
    for f in [
        "path",
        "record",
        "url",
        "title",
        "published",
        "lang",
        "text",
        "links",
    ] {
        assert!(p.get(f).is_some(), "missing {f}");
    }
    assert_eq!(p["published"], "2025-06-13");
    assert_eq!(p["dates"]["published"]["rule"], "text:date-line");
    assert_eq!(p["text"].as_str().unwrap().split("\n\n").count(), 7);
    let headings: Vec<&str> = p["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["heading"].as_str().unwrap())
        .collect();
    assert_eq!(headings, ["Related", "Ranking", "Recommendation"]);
}

#[test]
fn html_links_carry_text_and_target() {
    let pages = jsonl(&sample().join("unique/council-budget.html"));
    let lists = pages[0]["links"].as_array().unwrap();
    let related = lists
        .iter()
        .find(|l| l["heading"] == "Related coverage")
        .expect("related box found");
    assert_eq!(related["items"][1]["href"], "/2024/05/20/cedar-pool");
    assert!(
        !pages[0]["text"]
            .as_str()
            .unwrap()
            .contains("Cedar Avenue pool stays closed")
    );
}

#[test]
fn charset_declared_in_meta_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Le caf\xe9 de la gare a rouvert ses portes ce matin apr\xe8s des travaux.</p></body></html>".to_vec();
    page.extend_from_slice(b"\n");
    write(dir.path(), "latin1.html", page);
    let pages = jsonl(dir.path());
    assert_eq!(pages[0]["title"], "Café");
    assert!(pages[0]["text"].as_str().unwrap().contains("après"));
}

#[test]
fn text_format_is_readable() {
    let out = farmscan()
        .arg("extract")
        .arg(sample().join("originals/harbor-strike.html"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("title: Dock workers walk out at Europe's busiest port"));
    assert!(text.contains("published: 2024-03-04 (meta:article:published_time)"));
    assert!(text.contains("[links] More from World (2 items)"));
}
