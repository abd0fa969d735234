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

// Constructors that keep each column's definition to one line.

pub(crate) const fn text<R>(name: &'static str, get: for<'a> fn(&'a R) -> Cell<'a>) -> Column<R> {
    Column {
        name,
        kind: Kind::Text,
        nullable: true,
        get,
    }
}

/// A text column that always has a value.
pub(crate) const fn text_always<R>(
    name: &'static str,
    get: for<'a> fn(&'a R) -> Cell<'a>,
) -> Column<R> {
    Column {
        name,
        kind: Kind::Text,
        nullable: false,
        get,
    }
}

pub(crate) const fn int<R>(name: &'static str, get: for<'a> fn(&'a R) -> Cell<'a>) -> Column<R> {
    Column {
        name,
        kind: Kind::Int,
        nullable: true,
        get,
    }
}

/// An integer column that always has a value.
pub(crate) const fn int_always<R>(
    name: &'static str,
    get: for<'a> fn(&'a R) -> Cell<'a>,
) -> Column<R> {
    Column {
        name,
        kind: Kind::Int,
        nullable: false,
        get,
    }
}

pub(crate) const fn float<R>(name: &'static str, get: for<'a> fn(&'a R) -> Cell<'a>) -> Column<R> {
    Column {
        name,
        kind: Kind::Float,
        nullable: true,
        get,
    }
}

/// A float column that always has a value.
pub(crate) const fn float_always<R>(
    name: &'static str,
    get: for<'a> fn(&'a R) -> Cell<'a>,
) -> Column<R> {
    Column {
        name,
        kind: Kind::Float,
        nullable: false,
        get,
    }
}

pub(crate) const fn date<R>(name: &'static str, get: for<'a> fn(&'a R) -> Cell<'a>) -> Column<R> {
    Column {
        name,
        kind: Kind::Date,
        nullable: true,
        get,
    }
}

pub(crate) const fn list<R>(name: &'static str, get: for<'a> fn(&'a R) -> Cell<'a>) -> Column<R> {
    Column {
        name,
        kind: Kind::List,
        nullable: false,
        get,
    }
}

/// A count as the signed integers of [`Cell::Int`].
pub(crate) fn count(n: impl TryInto<i64>) -> Option<i64> {
    n.try_into().ok()
}
