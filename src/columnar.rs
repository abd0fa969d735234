//! The report's tables as typed columns, written as Parquet (`--format
//! parquet`): dates as dates, counts as integers, shares as floats, flags
//! as lists of strings, and every absent value as null, so pandas, polars,
//! DuckDB and R's arrow read them without parsing strings. Each table's
//! schema is defined here only; the Python module's tables are read from
//! these same bytes.

use crate::analyze::SiteFrom;
use crate::report::{JsonRow, PairRow, Row};
use crate::sites::SiteRow;
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{Field, Schema};
use std::io::Write;
use std::sync::Arc;

/// One column: its name, whether it may hold nulls, and its values.
type Column = (&'static str, bool, ArrayRef);

fn text<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(StringArray::from_iter(values))
}

/// Counts and day differences. Signed 64-bit: R and pandas have no
/// unsigned 64-bit integer, and no count comes near 2^63.
fn int(values: impl Iterator<Item = Option<i64>>) -> ArrayRef {
    Arc::new(Int64Array::from_iter(values))
}

fn float(values: impl Iterator<Item = Option<f64>>) -> ArrayRef {
    Arc::new(Float64Array::from_iter(values))
}

/// Days from `YYYY-MM-DD` text, as Arrow's date (days since 1970-01-01).
fn days<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid day");
    Arc::new(Date32Array::from_iter(values.map(|v| {
        let day = chrono::NaiveDate::parse_from_str(v?, "%Y-%m-%d").ok()?;
        i32::try_from((day - epoch).num_days()).ok()
    })))
}

/// A list of strings per row (never null: an empty list when none).
fn lists<'a, L: IntoIterator<Item = &'a str>>(values: impl Iterator<Item = L>) -> ArrayRef {
    let mut builder = ListBuilder::new(StringBuilder::new());
    for list in values {
        for item in list {
            builder.values().append_value(item);
        }
        builder.append(true);
    }
    Arc::new(builder.finish())
}

/// Counts as the signed integers of [`int`].
fn count(n: impl TryInto<i64>) -> Option<i64> {
    n.try_into().ok()
}

/// The page report, the same columns as the CSV in the same order.
pub(crate) fn write_pages(out: &mut dyn Write, rows: &[Row]) -> std::io::Result<()> {
    let rows: Vec<JsonRow> = rows.iter().map(JsonRow::from).collect();
    let r = || rows.iter();
    write(
        out,
        vec![
            ("path", false, text(r().map(|r| Some(r.path)))),
            ("record", true, int(r().map(|r| r.record.and_then(count)))),
            ("url", true, text(r().map(|r| r.url))),
            ("title", true, text(r().map(|r| r.title))),
            ("lang", true, text(r().map(|r| r.lang))),
            ("words", true, int(r().map(|r| r.words.and_then(count)))),
            ("published", true, days(r().map(|r| r.published))),
            ("simhash", true, text(r().map(|r| r.simhash))),
            ("role", true, text(r().map(|r| r.role))),
            ("original", true, text(r().map(|r| r.original))),
            ("similarity", true, float(r().map(|r| r.similarity))),
            ("wire", true, text(r().map(|r| r.wire))),
            (
                "junk_link_ratio",
                true,
                float(r().map(|r| r.junk_link_ratio)),
            ),
            ("date_lag_days", true, int(r().map(|r| r.date_lag_days))),
            ("flags", false, lists(r().map(|r| r.flags.iter().copied()))),
            ("status", false, text(r().map(|r| Some(r.status)))),
            (
                "date_issue",
                false,
                lists(r().map(|r| r.date_issue.iter().copied())),
            ),
            ("id", true, text(r().map(|r| r.id))),
        ],
    )
}

/// The `--pairs` table: one row per copy.
pub(crate) fn write_pairs(out: &mut dyn Write, rows: &[PairRow]) -> std::io::Result<()> {
    let r = || rows.iter();
    write(
        out,
        vec![
            ("copy", false, text(r().map(|r| Some(r.copy.as_str())))),
            (
                "original",
                false,
                text(r().map(|r| Some(r.original.as_str()))),
            ),
            ("hamming", false, int(r().map(|r| count(r.hamming)))),
            ("similarity", false, float(r().map(|r| Some(r.similarity)))),
            (
                "shared_paragraphs",
                false,
                int(r().map(|r| count(r.shared_paragraphs))),
            ),
        ],
    )
}

/// The `--sites` table: one row per site, `copied_from_sites` as a list.
pub(crate) fn write_sites(out: &mut dyn Write, rows: &[SiteRow]) -> std::io::Result<()> {
    let r = || rows.iter();
    let n = |f: fn(&SiteRow) -> usize| int(r().map(move |r| count(f(r))));
    write(
        out,
        vec![
            ("site", false, text(r().map(|r| Some(r.site.as_str())))),
            ("pages", false, n(|r| r.pages)),
            ("copies", false, n(|r| r.copies)),
            (
                "copied_from_sites",
                false,
                lists(r().map(|r| r.copied_from_sites.split(';').filter(|s| !s.is_empty()))),
            ),
            ("wire_copies", false, n(|r| r.wire_copies)),
            ("junk_links", false, n(|r| r.junk_links)),
            ("date_mismatch", false, n(|r| r.date_mismatch)),
            (
                "median_lag_days",
                true,
                float(r().map(|r| r.median_lag_days)),
            ),
            (
                "median_similarity",
                true,
                float(r().map(|r| r.median_similarity)),
            ),
            ("farm_share", false, float(r().map(|r| Some(r.farm_share)))),
            (
                "site_from",
                false,
                text(r().map(|r| {
                    Some(match r.site_from {
                        SiteFrom::Url => "url",
                        SiteFrom::Folder => "folder",
                    })
                })),
            ),
            (
                "farm_share_low",
                false,
                float(r().map(|r| Some(r.farm_share_low))),
            ),
        ],
    )
}

/// Writes the columns as one Parquet file (one row group, Snappy). The file
/// is made in memory first: Parquet's footer comes last, and the writer
/// needs to own its output.
fn write(out: &mut dyn Write, columns: Vec<Column>) -> std::io::Result<()> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let fields: Vec<Field> = columns
        .iter()
        .map(|(name, nullable, values)| Field::new(*name, values.data_type().clone(), *nullable))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), columns.into_iter().map(|c| c.2).collect())
        .map_err(std::io::Error::other)?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("farmscan {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut bytes = Vec::new();
    let mut writer =
        ArrowWriter::try_new(&mut bytes, schema, Some(props)).map_err(std::io::Error::other)?;
    writer.write(&batch).map_err(std::io::Error::other)?;
    writer.close().map_err(std::io::Error::other)?;
    out.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field as Value;

    /// Reads a Parquet file back as rows of (column, value) pairs.
    fn read_back(bytes: Vec<u8>) -> Vec<Vec<(String, Value)>> {
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).expect("a Parquet file");
        reader
            .get_row_iter(None)
            .expect("rows")
            .map(|row| {
                row.expect("a row")
                    .get_column_iter()
                    .map(|(n, v)| (n.clone(), v.clone()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn page_rows_keep_their_types_and_nulls() {
        let copy = Row {
            path: "farm/a.html".into(),
            url: Some("https://farm.example/a".into()),
            title: "A story".into(),
            lang: Some("eng"),
            words: Some(250),
            published: Some("2025-04-11".into()),
            simhash: Some("00000000000000ff".into()),
            role: Some("copy"),
            original: Some("wire/a.html".into()),
            similarity: Some(0.875),
            junk_link_ratio: Some(1.5),
            date_lag_days: Some(-3),
            flags: "copy;date_mismatch".into(),
            status: "ok".into(),
            ..Row::default()
        };
        let failed = Row {
            path: "feed.jsonl".into(),
            record: Some(7),
            status: "invalid JSON".into(),
            ..Row::default()
        };
        let mut bytes = Vec::new();
        write_pages(&mut bytes, &[copy, failed]).unwrap();
        let rows = read_back(bytes);
        assert_eq!(rows.len(), 2);
        let get = |row: &Vec<(String, Value)>, name: &str| {
            row.iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        let day = chrono::NaiveDate::from_ymd_opt(2025, 4, 11).unwrap()
            - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(
            get(&rows[0], "published"),
            Value::Date(day.num_days() as i32)
        );
        assert_eq!(get(&rows[0], "words"), Value::Long(250));
        assert_eq!(get(&rows[0], "date_lag_days"), Value::Long(-3));
        assert_eq!(get(&rows[0], "similarity"), Value::Double(0.875));
        assert_eq!(
            get(&rows[0], "flags").to_string(),
            r#"["copy", "date_mismatch"]"#
        );
        assert_eq!(get(&rows[1], "record"), Value::Long(7));
        assert_eq!(
            get(&rows[1], "title"),
            Value::Null,
            "an empty title is null"
        );
        assert_eq!(get(&rows[1], "published"), Value::Null);
        assert_eq!(get(&rows[1], "flags").to_string(), "[]");
        let names: Vec<&str> = rows[0].iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(&names[..3], ["path", "record", "url"]);
        assert_eq!(names[14], "flags");
    }

    #[test]
    fn an_empty_report_still_has_its_columns() {
        let mut bytes = Vec::new();
        write_pairs(&mut bytes, &[]).unwrap();
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr();
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
        assert_eq!(
            names,
            [
                "copy",
                "original",
                "hamming",
                "similarity",
                "shared_paragraphs"
            ]
        );
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    }
}
