//! The `--pairs` table: one row per copy, naming its original and how the
//! two bodies matched.

use super::round3;
use super::table::{Cell, Column, Kind, Table, always, count};
use crate::analyze::Analyzed;
use crate::judge::Verdict;

#[derive(Debug, Clone)]
pub(crate) struct PairRow {
    pub copy: String,
    pub original: String,
    /// SimHash bits the two bodies differ in.
    pub hamming: u32,
    pub similarity: f64,
    pub shared_paragraphs: usize,
}

impl Table for PairRow {
    const COLUMNS: &'static [Column<Self>] = &[
        always(Column::new("copy", Kind::Text, |r| {
            Cell::Text(Some(&r.copy))
        })),
        always(Column::new("original", Kind::Text, |r| {
            Cell::Text(Some(&r.original))
        })),
        always(Column::new("hamming", Kind::Int, |r| {
            Cell::Int(count(r.hamming))
        })),
        always(Column::new("similarity", Kind::Float, |r| {
            Cell::Float(Some(r.similarity))
        })),
        always(Column::new("shared_paragraphs", Kind::Int, |r| {
            Cell::Int(count(r.shared_paragraphs))
        })),
    ];
}

/// The pairs of every copy among `pages`, in page order.
pub(crate) fn pairs<'a>(
    pages: &'a [Analyzed],
    verdicts: &'a [Verdict],
) -> impl Iterator<Item = PairRow> + 'a {
    pages.iter().zip(verdicts).filter_map(|(p, v)| {
        v.copy_of.as_ref().map(|c| PairRow {
            copy: p.report_name(),
            original: pages[c.original].report_name(),
            hamming: c.hamming,
            similarity: round3(c.similarity),
            shared_paragraphs: c.shared_paragraphs,
        })
    })
}
