//! The page report's row: one per page, built once from the page and its
//! verdict, typed (dates as dates, lists as lists, absent values absent),
//! and its columns in the SPEC's order (extra columns last).

use super::round3;
use super::table::{Cell, Column, Kind, Table, always, count};
use crate::analyze::Analyzed;
use crate::judge::{Role, Verdict};
use chrono::NaiveDate;

#[derive(Debug, Clone, Default)]
pub(crate) struct PageRow {
    pub path: String,
    /// The record's number within a WARC or JSON Lines file.
    pub record: Option<u64>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub lang: Option<&'static str>,
    pub words: Option<usize>,
    pub published: Option<NaiveDate>,
    /// The body's SimHash, as 16 hex digits.
    pub simhash: Option<String>,
    pub role: Option<&'static str>,
    /// The original of a copy, as the report names pages.
    pub original: Option<String>,
    pub similarity: Option<f64>,
    pub wire: Option<&'static str>,
    pub junk_link_ratio: Option<f64>,
    pub date_lag_days: Option<i64>,
    pub flags: Vec<&'static str>,
    /// `ok`, or why the page could not be read.
    pub status: String,
    /// Codes of the `date_mismatch` reasons (`stale`, `weekday`, ...).
    pub date_issue: Vec<&'static str>,
    /// The input's id for the page (JSON Lines `id`), to join rows back.
    pub id: Option<String>,
    /// Where `published` was read: `json-ld`, `meta`, `time`, `microdata`,
    /// `class`, `url`, `text-label` (a labelled date line) or `text`.
    pub published_source: Option<&'static str>,
    /// How much of `published` the page stated: `day`, or `month` and
    /// `year` for a date given as `May 2020` or `© 2017` (the report's day
    /// is then the first of it).
    pub published_precision: Option<&'static str>,
    /// For a copy: how it matched its original, `verbatim`, `excerpt` or
    /// `reworded`.
    pub matched: Option<&'static str>,
    /// For a copy: the share of its original's text it covers (0 to 1).
    pub coverage: Option<f64>,
    /// What did not stop the page being read but bears on its row: `no
    /// body` (nothing to match, so no role), a payload cut short.
    pub note: Option<String>,
}

impl Table for PageRow {
    const COLUMNS: &'static [Column<Self>] = &[
        always(Column::new("path", Kind::Text, |r| {
            Cell::Text(Some(&r.path))
        })),
        Column::new("record", Kind::Int, |r| Cell::Int(r.record.and_then(count))),
        Column::new("url", Kind::Text, |r| Cell::Text(r.url.as_deref())),
        Column::new("title", Kind::Text, |r| Cell::Text(r.title.as_deref())),
        Column::new("lang", Kind::Text, |r| Cell::Text(r.lang)),
        Column::new("words", Kind::Int, |r| Cell::Int(r.words.and_then(count))),
        Column::new("published", Kind::Date, |r| Cell::Date(r.published)),
        Column::new("simhash", Kind::Text, |r| Cell::Text(r.simhash.as_deref())),
        Column::new("role", Kind::Text, |r| Cell::Text(r.role)),
        Column::new("original", Kind::Text, |r| {
            Cell::Text(r.original.as_deref())
        }),
        Column::new("similarity", Kind::Float, |r| Cell::Float(r.similarity)),
        Column::new("wire", Kind::Text, |r| Cell::Text(r.wire)),
        Column::new("junk_link_ratio", Kind::Float, |r| {
            Cell::Float(r.junk_link_ratio)
        }),
        Column::new("date_lag_days", Kind::Int, |r| Cell::Int(r.date_lag_days)),
        Column::new("flags", Kind::List, |r| Cell::List(r.flags.clone())),
        always(Column::new("status", Kind::Text, |r| {
            Cell::Text(Some(&r.status))
        })),
        Column::new("date_issue", Kind::List, |r| {
            Cell::List(r.date_issue.clone())
        }),
        Column::new("id", Kind::Text, |r| Cell::Text(r.id.as_deref())),
        Column::new("published_source", Kind::Text, |r| {
            Cell::Text(r.published_source)
        }),
        Column::new("published_precision", Kind::Text, |r| {
            Cell::Text(r.published_precision)
        }),
        Column::new("match", Kind::Text, |r| Cell::Text(r.matched)),
        Column::new("coverage", Kind::Float, |r| Cell::Float(r.coverage)),
        Column::new("note", Kind::Text, |r| Cell::Text(r.note.as_deref())),
    ];
}

/// The note of a page read with no article text.
pub(crate) const NO_BODY: &str = "no body";

impl PageRow {
    /// The row of page `i`: a page that could not be read has its place
    /// and status only.
    pub(crate) fn new(pages: &[Analyzed], verdicts: &[Verdict], i: usize) -> PageRow {
        let p = &pages[i];
        let v = &verdicts[i];
        let place = PageRow {
            path: p.source.path.to_string(),
            record: p.source.record,
            // An empty address is no address.
            url: p.url.clone().filter(|u| !u.is_empty()),
            status: p.status.to_string(),
            id: p.id.clone(),
            note: p.note.clone(),
            ..PageRow::default()
        };
        if !p.is_ok() {
            return place;
        }
        if p.has_no_body() {
            // Matched against nothing and measured by nothing: no role,
            // SimHash or junk ratio to give, and the row says why.
            let note = match &place.note {
                Some(n) => format!("{NO_BODY}; {n}"),
                None => NO_BODY.to_string(),
            };
            return PageRow {
                title: Some(p.title.clone()).filter(|t| !t.is_empty()),
                words: Some(0),
                published: p.published(),
                note: Some(note),
                ..place
            };
        }
        let c = v.copy_of.as_ref();
        PageRow {
            title: Some(p.title.clone()).filter(|t| !t.is_empty()),
            lang: p.lang,
            words: Some(p.words),
            published: p.published(),
            published_source: p
                .dates
                .published
                .as_ref()
                .and_then(|f| f.rule.field.report_source()),
            published_precision: p.dates.published.as_ref().map(|f| f.precision.word()),
            simhash: Some(format!("{:016x}", p.print.simhash)),
            role: Some(v.role.name()),
            original: c.map(|c| pages[c.original].report_name()),
            similarity: c.map(|c| round3(c.similarity)),
            matched: c.map(|c| c.matched.name()),
            coverage: c.map(|c| round3(c.coverage)),
            wire: p.wire,
            junk_link_ratio: Some(round3(p.junk.ratio(v.role == Role::Copy))),
            date_lag_days: c.and_then(|c| c.date_lag_days),
            flags: v.flags.iter().map(|f| f.name()).collect(),
            date_issue: v.date_issues.iter().map(|d| d.code.code()).collect(),
            ..place
        }
    }
}
