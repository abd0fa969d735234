//! Report: the page rows of the SPEC as CSV, JSON Lines or Parquet, and the
//! pairs file.

use crate::analyze::Analyzed;
use crate::judge::Verdict;
use serde::Serialize;
use std::io::Write;

/// One report row, fields in the SPEC's column order (extra columns last).
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Row {
    pub path: String,
    pub record: Option<u64>,
    pub url: Option<String>,
    pub title: String,
    pub lang: Option<&'static str>,
    pub words: Option<usize>,
    pub published: Option<String>,
    pub simhash: Option<String>,
    pub role: Option<&'static str>,
    pub original: Option<String>,
    pub similarity: Option<f64>,
    pub wire: Option<&'static str>,
    pub junk_link_ratio: Option<f64>,
    pub date_lag_days: Option<i64>,
    pub flags: String,
    pub status: String,
    /// Codes of the `date_mismatch` reasons (`stale`, `weekday`, ...).
    pub date_issue: String,
    /// The input's id for the page (JSON Lines `id`), to join rows back.
    pub id: Option<String>,
}

/// Rounds to three decimals: enough to read, stable to compare.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Builds the row of page `i`.
pub(crate) fn row(pages: &[Analyzed], verdicts: &[Verdict], i: usize) -> Row {
    let p = &pages[i];
    let v = &verdicts[i];
    if !p.is_ok() {
        return Row {
            path: p.source.path.to_string(),
            record: p.source.record,
            url: p.url.clone(),
            title: String::new(),
            lang: None,
            words: None,
            published: None,
            simhash: None,
            role: None,
            original: None,
            similarity: None,
            wire: None,
            junk_link_ratio: None,
            date_lag_days: None,
            flags: String::new(),
            status: p.status.to_string(),
            date_issue: String::new(),
            id: p.id.clone(),
        };
    }
    let c = v.copy_of.as_ref();
    Row {
        path: p.source.path.to_string(),
        record: p.source.record,
        url: p.url.clone(),
        title: p.title.clone(),
        lang: p.lang,
        words: Some(p.words),
        published: p.published().map(|d| d.format("%Y-%m-%d").to_string()),
        simhash: Some(format!("{:016x}", p.print.simhash)),
        role: Some(v.role.name()),
        original: c.map(|c| pages[c.original].source.label()),
        similarity: c.map(|c| round3(c.similarity)),
        wire: p.wire,
        junk_link_ratio: Some(round3(p.junk.ratio())),
        date_lag_days: c.and_then(|c| c.date_lag_days),
        flags: v
            .flags
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(";"),
        status: p.status.to_string(),
        date_issue: v
            .date_issues
            .iter()
            .map(|d| d.code.code())
            .collect::<Vec<_>>()
            .join(";"),
        id: p.id.clone(),
    }
}

/// Output formats of the page report (and, for Parquet, of the pairs and
/// sites files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// CSV with a header row.
    Csv,
    /// One JSON object per line; lists as arrays, absent values as null.
    Jsonl,
    /// Parquet with typed columns (dates as dates, flags as lists); --pairs
    /// and --sites are then Parquet too.
    Parquet,
}

/// A report row as JSON: the CSV's columns in the same order, with lists
/// (`flags`, `date_issue`) as arrays and every absent value as null, never
/// an empty string.
/// Parquet's columns are made from the same values.
#[derive(Serialize)]
pub(crate) struct JsonRow<'a> {
    pub path: &'a str,
    pub record: Option<u64>,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub lang: Option<&'static str>,
    pub words: Option<usize>,
    pub published: Option<&'a str>,
    pub simhash: Option<&'a str>,
    pub role: Option<&'static str>,
    pub original: Option<&'a str>,
    pub similarity: Option<f64>,
    pub wire: Option<&'static str>,
    pub junk_link_ratio: Option<f64>,
    pub date_lag_days: Option<i64>,
    pub flags: Vec<&'a str>,
    pub status: &'a str,
    pub date_issue: Vec<&'a str>,
    pub id: Option<&'a str>,
}

impl<'a> From<&'a Row> for JsonRow<'a> {
    fn from(r: &'a Row) -> Self {
        let text = |s: &'a Option<String>| s.as_deref().filter(|s| !s.is_empty());
        let list = |s: &'a str| s.split(';').filter(|x| !x.is_empty()).collect();
        JsonRow {
            path: &r.path,
            record: r.record,
            url: text(&r.url),
            title: Some(r.title.as_str()).filter(|t| !t.is_empty()),
            lang: r.lang,
            words: r.words,
            published: text(&r.published),
            simhash: text(&r.simhash),
            role: r.role,
            original: text(&r.original),
            similarity: r.similarity,
            wire: r.wire,
            junk_link_ratio: r.junk_link_ratio,
            date_lag_days: r.date_lag_days,
            flags: list(&r.flags),
            status: &r.status,
            date_issue: list(&r.date_issue),
            id: r.id.as_deref(),
        }
    }
}

/// Writes the rows of all pages, in the order given.
pub(crate) fn write_rows(
    out: &mut dyn Write,
    rows: impl Iterator<Item = Row>,
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Csv => write_csv(out, rows),
        Format::Parquet => crate::columnar::write_pages(out, &rows.collect::<Vec<_>>()),
        Format::Jsonl => {
            let mut out = std::io::BufWriter::new(out);
            for r in rows {
                serde_json::to_writer(&mut out, &JsonRow::from(&r))?;
                out.write_all(b"\n")?;
            }
            out.flush()
        }
    }
}

/// One row of the `--pairs` file.
#[derive(Debug, Default, Serialize)]
pub(crate) struct PairRow {
    pub copy: String,
    pub original: String,
    pub hamming: u32,
    pub similarity: f64,
    pub shared_paragraphs: usize,
}

/// Writes one row per copy, as Parquet when the report is, else as CSV.
pub(crate) fn write_pairs(
    out: &mut dyn Write,
    pages: &[Analyzed],
    verdicts: &[Verdict],
    format: Format,
) -> std::io::Result<()> {
    let rows = pages.iter().zip(verdicts).filter_map(|(p, v)| {
        v.copy_of.as_ref().map(|c| PairRow {
            copy: p.source.label(),
            original: pages[c.original].source.label(),
            hamming: c.hamming,
            similarity: round3(c.similarity),
            shared_paragraphs: c.shared_paragraphs,
        })
    });
    match format {
        Format::Parquet => crate::columnar::write_pairs(out, &rows.collect::<Vec<_>>()),
        Format::Csv | Format::Jsonl => write_csv(out, rows),
    }
}

/// Writes CSV rows under a header row; with no rows, the header row alone,
/// so that an empty input still gives a file pandas or R reads with its
/// columns.
pub(crate) fn write_csv<T: Serialize + Default>(
    out: impl Write,
    rows: impl Iterator<Item = T>,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut any = false;
    for r in rows {
        w.serialize(r).map_err(std::io::Error::other)?;
        any = true;
    }
    if !any {
        // The header serde would write above a first row: taken from an
        // empty row written aside.
        let mut aside = csv::Writer::from_writer(Vec::new());
        aside
            .serialize(T::default())
            .map_err(std::io::Error::other)?;
        let bytes = aside
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let header = csv::Reader::from_reader(bytes.as_slice())
            .headers()
            .map_err(std::io::Error::other)?
            .clone();
        w.write_record(&header).map_err(std::io::Error::other)?;
    }
    w.flush()
}
