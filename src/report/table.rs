//! A table's columns, defined once: each column's name, whether it may be
//! absent, and how to read its typed value from a row. The CSV, JSON Lines
//! and Parquet encoders write any table from these, so adding a column is
//! one entry here and a field on the row.

use chrono::NaiveDate;

/// One typed value of a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell<'a> {
    Text(Option<&'a str>),
    /// Counts and day differences. Signed 64-bit: R and pandas have no
    /// unsigned 64-bit integer, and no count comes near 2^63.
    Int(Option<i64>),
    Float(Option<f64>),
    Date(Option<NaiveDate>),
    /// Never absent: an empty list when there is nothing.
    List(Vec<&'a str>),
}

/// What kind of value a column holds, for a file's schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Int,
    Float,
    Date,
    List,
}

/// One column of a table of rows `R`.
pub(crate) struct Column<R> {
    pub name: &'static str,
    pub kind: Kind,
    /// Whether the column may hold nulls (an absent value).
    pub nullable: bool,
    pub get: for<'a> fn(&'a R) -> Cell<'a>,
}

/// A kind of row the report writes, with its columns in file order.
pub(crate) trait Table: Sized + 'static {
    const COLUMNS: &'static [Column<Self>];
}

impl<R> Column<R> {
    /// A column of `kind`; lists are never absent (an empty list), other
    /// kinds may be unless marked [`always`].
    pub(crate) const fn new(
        name: &'static str,
        kind: Kind,
        get: for<'a> fn(&'a R) -> Cell<'a>,
    ) -> Self {
        Column {
            name,
            kind,
            nullable: !matches!(kind, Kind::List),
            get,
        }
    }
}

/// The same column, holding a value on every row.
pub(crate) const fn always<R>(column: Column<R>) -> Column<R> {
    Column {
        nullable: false,
        ..column
    }
}

/// A count as the signed integers of [`Cell::Int`].
pub(crate) fn count(n: impl TryInto<i64>) -> Option<i64> {
    n.try_into().ok()
}
