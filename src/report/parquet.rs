//! Any table as Parquet (`--format parquet`): dates as dates, counts as
//! integers, shares as floats, lists as lists of strings, and every absent
//! value as null, so pandas, polars, DuckDB and R's arrow read them without
//! parsing strings. The Python module's tables are read from these bytes.

use super::table::{Cell, Kind, Table};
use arrow_array::builder::{
    Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{Field, Schema};
use std::io::Write;
use std::sync::Arc;

/// One column's values as they are gathered.
enum Builder {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(kind: Kind) -> Self {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::List => Builder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    fn push(&mut self, cell: Cell) {
        match (self, cell) {
            (Builder::Text(b), Cell::Text(v)) => b.append_option(v),
            (Builder::Int(b), Cell::Int(v)) => b.append_option(v),
            (Builder::Float(b), Cell::Float(v)) => b.append_option(v),
            (Builder::Date(b), Cell::Date(v)) => b.append_option(v.and_then(days_since_epoch)),
            (Builder::List(b), Cell::List(items)) => {
                for item in items {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (_, cell) => unreachable!("a column's cells are of its kind, not {cell:?}"),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Builder::Text(mut b) => Arc::new(b.finish()),
            Builder::Int(mut b) => Arc::new(b.finish()),
            Builder::Float(mut b) => Arc::new(b.finish()),
            Builder::Date(mut b) => Arc::new(b.finish()),
            Builder::List(mut b) => Arc::new(b.finish()),
        }
    }
}

/// Arrow's date: days since 1970-01-01.
fn days_since_epoch(day: chrono::NaiveDate) -> Option<i32> {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid day");
    i32::try_from((day - epoch).num_days()).ok()
}

/// Writes the rows as one Parquet file (one row group, Snappy). The file is
/// made in memory first: Parquet's footer comes last, and the writer needs
/// to own its output.
pub(crate) fn write<R: Table>(
    out: &mut dyn Write,
    rows: impl Iterator<Item = R>,
) -> std::io::Result<()> {
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;
    let mut builders: Vec<Builder> = R::COLUMNS.iter().map(|c| Builder::new(c.kind)).collect();
    for row in rows {
        for (c, b) in R::COLUMNS.iter().zip(&mut builders) {
            b.push((c.get)(&row));
        }
    }
    let arrays: Vec<ArrayRef> = builders.into_iter().map(Builder::finish).collect();
    let fields: Vec<Field> = R::COLUMNS
        .iter()
        .zip(&arrays)
        .map(|(c, a)| Field::new(c.name, a.data_type().clone(), c.nullable))
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(std::io::Error::other)?;
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
    use crate::report::PageRow;
    use crate::report::pairs::PairRow;
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
        let copy = PageRow {
            path: "farm/a.html".into(),
            url: Some("https://farm.example/a".into()),
            title: Some("A story".into()),
            lang: Some("eng"),
            words: Some(250),
            published: chrono::NaiveDate::from_ymd_opt(2025, 4, 11),
            simhash: Some("00000000000000ff".into()),
            role: Some("copy"),
            original: Some("wire/a.html".into()),
            similarity: Some(0.875),
            junk_link_ratio: Some(1.5),
            date_lag_days: Some(-3),
            flags: vec!["copy", "date_mismatch"],
            status: "ok".into(),
            ..PageRow::default()
        };
        let failed = PageRow {
            path: "feed.jsonl".into(),
            record: Some(7),
            status: "invalid JSON".into(),
            ..PageRow::default()
        };
        let mut bytes = Vec::new();
        write(&mut bytes, [copy, failed].into_iter()).unwrap();
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
        write(&mut bytes, std::iter::empty::<PairRow>()).unwrap();
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
