//! The publication-date reader on a fixture set of small pages, one or more
//! per kind of date a page may state (issue 30): a field in the head,
//! microdata and microformats, labelled dates in running text, dates of a
//! month or a year, pages carrying other stories' dates, UTC timestamps a
//! day off the page's address. `tests/fixtures/dates/expected.tsv` holds
//! each page's answer; the test reports every page read wrong at once, so
//! one run shows the whole picture.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The day the runs take as today: fixed, so that no fixture's date is
/// dropped as a future one whatever day the test runs or however the
/// checkout set the files' modification times (which bound a page without
/// a crawl date otherwise).
const TODAY: &str = "2026-01-01";

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dates")
}

/// One row of `expected.tsv`.
struct Expected {
    file: String,
    kind: String,
    /// `YYYY-MM-DD`, or `None` where the page must give no date.
    published: Option<String>,
    /// `day`, `month` or `year`; `None` only with no date.
    precision: Option<String>,
    /// The report's `published_source` word, when the row pins it.
    source: Option<String>,
}

fn cell(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads `expected.tsv`, failing on a malformed row: a typo in the table
/// would otherwise pass or fail for the wrong reason.
fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(folder().join("expected.tsv")).expect("expected.tsv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file\tkind\tpublished\tprecision\tsource"),
        "expected.tsv header"
    );
    let mut rows = Vec::new();
    for (n, line) in lines.enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split('\t').collect();
        assert_eq!(cells.len(), 5, "expected.tsv line {}: {line:?}", n + 2);
        let row = Expected {
            file: cells[0].trim().to_string(),
            kind: cells[1].trim().to_string(),
            published: cell(cells[2]),
            precision: cell(cells[3]),
            source: cell(cells[4]),
        };
        if let Some(p) = &row.published {
            assert!(
                chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").is_ok(),
                "{}: published {p:?} is not YYYY-MM-DD",
                row.file
            );
            assert!(
                matches!(row.precision.as_deref(), Some("day" | "month" | "year")),
                "{}: precision must be day, month or year",
                row.file
            );
        } else {
            assert!(
                row.precision.is_none() && row.source.is_none(),
                "{}: a page with no date has no precision or source",
                row.file
            );
        }
        rows.push(row);
    }
    rows
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What `extract` read from each page: its published day and the
/// precision it was stated to.
fn extracted() -> BTreeMap<String, (Option<String>, String)> {
    let out = farmscan()
        .args(["extract", "--format", "jsonl", "--today", TODAY])
        .arg(folder())
        .output()
        .expect("runs");
    assert_ok(&out);
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|line| {
            let page: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            let published = page["published"].as_str().map(str::to_string);
            // Only a date of less than a day states its precision.
            let precision = page["dates"]["published"]["precision"]
                .as_str()
                .unwrap_or("day")
                .to_string();
            let file = file_name(page["path"].as_str().expect("a path"));
            (file, (published, precision))
        })
        .collect()
}

/// The report's `published_source` for each page: the word researchers
/// filter on, so it is checked as the report writes it rather than as a
/// rule this test would map again.
fn sources() -> BTreeMap<String, String> {
    let out = farmscan()
        .args(["scan", "-q", "--today", TODAY])
        .arg(folder())
        .output()
        .expect("runs");
    ok_rows(&out)
        .into_iter()
        .map(|r| (file_name(&r["path"]), r["published_source"].clone()))
        .collect()
}

/// Every page of the folder has its answer and every answer its page, so
/// a page added without a row (or a row left after its page was removed)
/// is not silently skipped.
#[test]
fn every_fixture_page_has_an_expected_row_and_every_row_a_page() {
    let pages: BTreeSet<String> = std::fs::read_dir(folder())
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    let rows = expected();
    let listed: BTreeSet<String> = rows.iter().map(|r| r.file.clone()).collect();
    assert_eq!(listed.len(), rows.len(), "a file is listed twice");
    let unlisted: Vec<_> = pages.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&pages).collect();
    assert!(
        unlisted.is_empty() && missing.is_empty(),
        "pages without a row: {unlisted:?}; rows without a page: {missing:?}"
    );
}

/// Each page's first-publication date is the one its kind calls for: the
/// story's own day, not a teaser's, a comment's, an update's or a footer's;
/// the first of the month or year, marked so, where the page states no
/// more; nothing where the page states no date.
#[test]
fn each_kind_of_date_is_read_as_the_page_states_it() {
    let rows = expected();
    let got = extracted();
    let sources = sources();
    let mut wrong = Vec::new();
    for row in &rows {
        let Some((published, precision)) = got.get(&row.file) else {
            wrong.push(format!(
                "{} [{}]: no output for the page",
                row.file, row.kind
            ));
            continue;
        };
        let show = |d: &Option<String>| d.clone().unwrap_or_else(|| "no date".into());
        if *published != row.published {
            wrong.push(format!(
                "{} [{}]: published expected {}, got {}",
                row.file,
                row.kind,
                show(&row.published),
                show(published)
            ));
            // The precision and source of a wrong day say nothing more.
            continue;
        }
        // A month or a year must not pass for a day: the date checks
        // compare days, and the first of a month is not a day a page gave.
        if let Some(want) = row.precision.as_deref()
            && want != precision.as_str()
        {
            wrong.push(format!(
                "{} [{}]: precision expected {want}, got {precision}",
                row.file, row.kind
            ));
        }
        // The right day from the wrong evidence is right by luck (a
        // copyright year that happens to match, a teaser's date equal to
        // the story's).
        if let Some(want) = row.source.as_deref() {
            let source = sources.get(&row.file).map(String::as_str).unwrap_or("");
            if want != source {
                wrong.push(format!(
                    "{} [{}]: source expected {want}, got {}",
                    row.file,
                    row.kind,
                    if source.is_empty() { "none" } else { source }
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} pages read wrong:\n{}",
        wrong.len(),
        rows.len(),
        wrong.join("\n")
    );
}
