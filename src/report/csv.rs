//! Any table as CSV under a header row: absent values and empty lists as
//! empty fields, lists joined with `;`, dates as `YYYY-MM-DD`, floats in
//! their shortest exact form.

use super::table::{Cell, Table};
use std::io::Write;

/// Writes the header and one line per row; with no rows, the header alone,
/// so that an empty input still gives a file pandas or R reads with its
/// columns.
pub(crate) fn write<R: Table>(
    mut out: impl Write,
    rows: impl Iterator<Item = R>,
) -> std::io::Result<()> {
    write_header::<R>(&mut out)?;
    write_rows(out, rows)
}

/// The header row alone.
pub(crate) fn write_header<R: Table>(out: impl Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(R::COLUMNS.iter().map(|c| c.name))
        .map_err(io_error)?;
    w.flush()
}

/// The rows without the header, for a report put together from parts.
pub(crate) fn write_rows<R: Table>(
    out: impl Write,
    rows: impl Iterator<Item = R>,
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut fields: Vec<String> = Vec::with_capacity(R::COLUMNS.len());
    for row in rows {
        fields.clear();
        fields.extend(R::COLUMNS.iter().map(|c| field((c.get)(&row))));
        w.write_record(&fields).map_err(io_error)?;
    }
    w.flush()
}

/// The I/O error inside a CSV error, kept whole: a closed pipe must stay a
/// closed pipe for the caller, which ends the output quietly on one.
fn io_error(e: ::csv::Error) -> std::io::Error {
    if !e.is_io_error() {
        return std::io::Error::other(e);
    }
    match e.into_kind() {
        ::csv::ErrorKind::Io(io) => io,
        _ => unreachable!("is_io_error said the kind is Io"),
    }
}

fn field(cell: Cell) -> String {
    match cell {
        Cell::Text(v) => v.unwrap_or_default().to_string(),
        Cell::Int(v) => v.map(|n| n.to_string()).unwrap_or_default(),
        Cell::Float(v) => v
            .map(|x| ryu::Buffer::new().format(x).to_string())
            .unwrap_or_default(),
        Cell::Date(v) => v
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Cell::List(items) => items.join(";"),
    }
}

#[cfg(test)]
mod tests {
    use crate::report::PageRow;
    use crate::report::pairs::PairRow;

    fn csv_of<R: super::Table>(rows: Vec<R>) -> String {
        let mut out = Vec::new();
        super::write(&mut out, rows.into_iter()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_empty_table_is_its_header_alone() {
        assert_eq!(
            csv_of(Vec::<PairRow>::new()),
            "copy,original,hamming,similarity,shared_paragraphs\n"
        );
    }

    #[test]
    fn absent_values_are_empty_fields_and_lists_are_joined() {
        let row = PageRow {
            path: "farm/a, b.html".into(),
            published: chrono::NaiveDate::from_ymd_opt(2025, 4, 11),
            similarity: Some(1.0),
            junk_link_ratio: Some(0.125),
            flags: vec!["copy", "junk_links"],
            status: "ok".into(),
            ..PageRow::default()
        };
        let text = csv_of(vec![row]);
        assert_eq!(
            text.lines().nth(1).unwrap(),
            "\"farm/a, b.html\",,,,,,2025-04-11,,,,1.0,,0.125,,copy;junk_links,ok,,,,,,,"
        );
    }
}
