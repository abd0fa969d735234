//! Any table as JSON Lines: one object per row with the CSV's columns in
//! the same order, lists as arrays, every absent value as null.

use super::table::{Cell, Table};
use serde::ser::{SerializeMap, Serializer};
use std::io::Write;

pub(crate) fn write<R: Table>(
    out: impl Write,
    rows: impl Iterator<Item = R>,
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(out);
    for row in rows {
        serde_json::to_writer(&mut out, &Object(&row))?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// A row as a JSON object, keys in column order.
struct Object<'r, R>(&'r R);

impl<R: Table> serde::Serialize for Object<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(R::COLUMNS.len()))?;
        for c in R::COLUMNS {
            match (c.get)(self.0) {
                Cell::Text(v) => map.serialize_entry(c.name, &v)?,
                Cell::Int(v) => map.serialize_entry(c.name, &v)?,
                Cell::Float(v) => map.serialize_entry(c.name, &v)?,
                Cell::Date(v) => {
                    map.serialize_entry(c.name, &v.map(|d| d.format("%Y-%m-%d").to_string()))?
                }
                Cell::List(items) => map.serialize_entry(c.name, &items)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use crate::report::PageRow;

    #[test]
    fn absent_values_are_null_and_lists_are_arrays_in_column_order() {
        let row = PageRow {
            path: "feed.jsonl".into(),
            record: Some(3),
            words: Some(250),
            date_issue: vec!["stale"],
            status: "ok".into(),
            id: Some("a1".into()),
            ..PageRow::default()
        };
        let mut out = Vec::new();
        super::write(&mut out, std::iter::once(row)).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            concat!(
                r#"{"path":"feed.jsonl","record":3,"url":null,"title":null,"lang":null,"words":250,"#,
                r#""published":null,"simhash":null,"role":null,"original":null,"similarity":null,"#,
                r#""wire":null,"junk_link_ratio":null,"date_lag_days":null,"flags":[],"status":"ok","#,
                r#""date_issue":["stale"],"id":"a1","published_source":null,"published_precision":null,"match":null,"coverage":null,"note":null}"#,
                "\n"
            )
        );
    }
}
