//! What a run writes: the page report, the pairs and sites tables, the
//! summary for pipelines and the HTML report for people.
//!
//! Each table is a typed row with its columns defined once (`table`); the
//! CSV, JSON Lines and Parquet encoders write any of them. Nothing here
//! decides a verdict: rows are made from pages and their verdicts.

mod csv;
pub(crate) mod html;
mod jsonl;
mod pages;
pub(crate) mod pairs;
mod parquet;
pub(crate) mod sites;
pub(crate) mod summary;
mod table;

pub(crate) use pages::PageRow;
pub(crate) use pairs::pairs;
pub(crate) use sites::SiteRow;

use std::io::Write;
use table::Table;

/// Output formats of the page report (and, for Parquet, of the pairs and
/// sites files). The command line's words for them are in `cli`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// CSV with a header row.
    Csv,
    /// One JSON object per line; lists as arrays, absent values as null.
    Jsonl,
    /// Parquet with typed columns.
    Parquet,
}

/// Rounds to three decimals: enough to read, stable to compare.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Writes the page rows, in the order given.
pub(crate) fn write_pages(
    out: &mut dyn Write,
    rows: impl Iterator<Item = PageRow>,
    format: Format,
) -> std::io::Result<()> {
    write(out, rows, format)
}

/// The page report in parts, for a run that writes its rows in many
/// places and puts them together (the distributed steps): the header (none
/// for JSON Lines) and the rows without it. Parquet has no such parts.
pub(crate) fn page_header(format: Format) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Csv => csv::write_header::<PageRow>(&mut out)?,
        Format::Jsonl => {}
        Format::Parquet => return Err(std::io::Error::other(NO_PARTS)),
    }
    Ok(out)
}

/// See [`page_header`].
pub(crate) fn page_lines(
    rows: impl Iterator<Item = PageRow>,
    format: Format,
) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match format {
        Format::Csv => csv::write_rows(&mut out, rows)?,
        Format::Jsonl => jsonl::write(&mut out, rows)?,
        Format::Parquet => return Err(std::io::Error::other(NO_PARTS)),
    }
    Ok(out)
}

const NO_PARTS: &str = "a report put together from parts is CSV or JSON Lines";

/// Writes the pairs of every copy in `format` (see [`side_table`]).
pub(crate) fn write_pairs(
    out: &mut dyn Write,
    rows: impl Iterator<Item = pairs::PairRow>,
    format: Format,
) -> std::io::Result<()> {
    write(out, rows, format)
}

/// Writes the sites table in `format` (see [`side_table`]).
pub(crate) fn write_sites(
    out: &mut dyn Write,
    rows: &[SiteRow],
    format: Format,
) -> std::io::Result<()> {
    write(out, rows.iter().cloned(), format)
}

/// The format of a pairs or sites file: what its name says (`.csv`,
/// `.parquet`), so `--sites s.csv` is CSV whatever the report's format;
/// for another name, Parquet when the report is, else CSV (a side table
/// has no JSON Lines form).
pub(crate) fn side_table(path: &std::path::Path, report: Format) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match (ext.as_deref(), report) {
        (Some("csv"), _) => Format::Csv,
        (Some("parquet"), _) => Format::Parquet,
        (_, Format::Parquet) => Format::Parquet,
        (_, Format::Csv | Format::Jsonl) => Format::Csv,
    }
}

fn write<R: Table>(
    out: &mut dyn Write,
    rows: impl Iterator<Item = R>,
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Csv => csv::write(out, rows),
        Format::Jsonl => jsonl::write(out, rows),
        Format::Parquet => parquet::write(out, rows),
    }
}
