//! The researcher's view: the sites report and the HTML report.

mod common;
use common::*;

fn scan_with(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = farmscan()
        .args(["scan", "-q", "-o"])
        .arg(dir.path().join("report.csv"))
        .arg("--sites")
        .arg(dir.path().join("sites.csv"))
        .arg("--html")
        .arg(dir.path().join("report.html"))
        .args(extra)
        .arg(sample())
        .output()
        .unwrap();
    assert_ok(&out);
    dir
}

#[test]
fn farm_sites_come_first_and_real_sites_last() {
    let dir = scan_with(&[]);
    let text = std::fs::read_to_string(dir.path().join("sites.csv")).unwrap();
    assert!(text.starts_with(
        "site,pages,copies,copied_from_sites,wire_copies,junk_links,date_mismatch,median_lag_days,median_similarity,farm_share"
    ));
    let sites = rows(&text);
    let farm = &sites[0];
    // The folder as the report's paths name it, not its last name alone.
    assert_eq!(farm["site"], sample().join("farm").display().to_string());
    assert_eq!(farm["site_from"], "folder");
    assert_eq!(farm["pages"], "4");
    assert_eq!(farm["copies"], "3");
    assert_eq!(
        farm["copied_from_sites"],
        "dailycourier.example;valleygazette.example"
    );
    assert_eq!(farm["wire_copies"], "2");
    // The two re-dated copies lag 466 and 322 days, the syndicated one 0.
    assert_eq!(farm["median_lag_days"], "322.0");
    // Two of its four pages are copies with junk links or a false date.
    assert_eq!(farm["farm_share"], "0.5");
    for real in &sites[1..] {
        assert_eq!(real["farm_share"], "0.0", "{}", real["site"]);
        assert_eq!(real["copies"], "0");
    }
    assert!(
        sites
            .iter()
            .any(|s| s["site"] == "dailycourier.example" && s["site_from"] == "url")
    );
}

#[test]
fn the_html_report_is_self_contained_with_charts_and_explanations() {
    let dir = scan_with(&[]);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert_eq!(html.matches("<svg").count(), 3, "three charts");
    assert!(
        html.contains("Date lag of copies")
            && html.contains("Similarity of copies")
            && html.contains("Junk-link ratio")
    );
    assert!(html.contains("<table class=\"sortable\">"));
    assert!(
        html.contains("Dock workers walk out at Europe&#39;s busiest port")
            || html.contains("Dock workers walk out at Europe's busiest port")
    );
    assert!(
        html.contains("date_mismatch (weekday): lede says"),
        "explanations carry the reasons"
    );
    for external in ["<script src", "<link", "@import", "url(http"] {
        assert!(!html.contains(external), "no external resource: {external}");
    }
}

#[test]
fn the_html_report_is_the_same_bytes_on_every_run_and_rounds_its_axes() {
    // No `--today`: the day it ran must not be written into it.
    let first = scan_with(&[]);
    let second = scan_with(&[]);
    let a = std::fs::read_to_string(first.path().join("report.html")).unwrap();
    let b = std::fs::read_to_string(second.path().join("report.html")).unwrap();
    // The two runs wrote into different folders, which the report names
    // nowhere (only the inputs, the same for both).
    assert_eq!(a, b);
    let today = chrono::Utc::now().date_naive().to_string();
    assert!(!a.contains(&today), "the day of the run is not stamped");
    // Axis end values: whole days or two decimals, never a float's
    // seventeen digits, and the axis title on a line of its own.
    for chart in a.split("<figure>").skip(1) {
        let ends: Vec<&str> = chart
            .split("<text ")
            .skip(1)
            .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
            .filter_map(|rest| rest.split_once("</text>").map(|(v, _)| v))
            .filter(|v| v.parse::<f64>().is_ok())
            .collect();
        assert!(!ends.is_empty(), "{chart}");
        for v in ends {
            let decimals = v.split_once('.').map_or(0, |(_, d)| d.len());
            assert!(decimals <= 2, "axis value {v} in {chart}");
        }
    }
}

#[test]
fn folders_of_the_same_name_in_two_corpora_are_two_sites() {
    let dir = tempfile::tempdir().unwrap();
    for corpus in ["one", "two"] {
        write(
            dir.path(),
            &format!("{corpus}/unique/page.html"),
            html_page(
                &format!("A page of corpus {corpus}"),
                "",
                &[&format!(
                    "Corpus {corpus} holds this page, and no other corpus holds any page like it at all."
                )],
                "",
            ),
        );
    }
    let out = farmscan()
        .args(["scan", "-q", "--sites"])
        .arg(dir.path().join("sites.csv"))
        .arg(dir.path().join("one"))
        .arg(dir.path().join("two"))
        .output()
        .unwrap();
    assert_ok(&out);
    let sites = rows(&std::fs::read_to_string(dir.path().join("sites.csv")).unwrap());
    assert_eq!(sites.len(), 2, "{sites:?}");
    for s in &sites {
        assert_eq!(s["pages"], "1");
        assert!(s["site"].ends_with("/unique"), "{}", s["site"]);
    }
}

#[test]
fn a_side_table_named_csv_is_csv_whatever_the_report_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = farmscan()
        .args(["scan", "-q", "--format", "parquet", "-o"])
        .arg(dir.path().join("report.parquet"))
        .arg("--sites")
        .arg(dir.path().join("s.csv"))
        .arg("--pairs")
        .arg(dir.path().join("p.parquet"))
        .arg(sample())
        .output()
        .unwrap();
    assert_ok(&out);
    let sites = std::fs::read(dir.path().join("s.csv")).unwrap();
    assert!(sites.starts_with(b"site,pages,"), "CSV, as its name says");
    let pairs = std::fs::read(dir.path().join("p.parquet")).unwrap();
    assert!(pairs.starts_with(b"PAR1"), "Parquet, as its name says");
}
