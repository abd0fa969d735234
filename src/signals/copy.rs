//! `copy`: which page of a cluster is the original, and which are copies.
//!
//! The original is chosen by evidence, strongest first: pages the user named
//! as originals; pages without junk links (a farm is never the source of a
//! clean page); a page on the credited wire service's own site; the earliest
//! claimed date (and time, within one day); the body that holds the other's
//! (a copy is often an excerpt); the page whose date is documented in
//! publisher metadata (JSON-LD, `article:published_time`, `<time pubdate>`)
//! rather than only shown; finally the path, so the choice never depends on
//! thread timing.

use crate::analyze::Analyzed;
use crate::fingerprint::{Shingle, intersection_size};
use std::cmp::Ordering;

/// A page competing to be its cluster's original.
pub struct Contender<'a> {
    pub page: &'a Analyzed,
    /// The body's shingles as matching sees them (site boilerplate left out).
    pub set: &'a [Shingle],
    pub junk: bool,
}

/// Orders two pages of a cluster: `Less` means `a` is the better original.
pub fn better_original(ca: &Contender<'_>, cb: &Contender<'_>) -> Ordering {
    let (a, b) = (ca.page, cb.page);
    let wire_home = |p: &Analyzed| p.wire_site.is_some() && p.wire_site == p.wire;
    b.given_original
        .cmp(&a.given_original)
        .then(ca.junk.cmp(&cb.junk))
        .then(wire_home(b).cmp(&wire_home(a)))
        .then(match (a.published(), b.published()) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then(match (a.published_utc(), b.published_utc()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => Ordering::Equal,
        })
        .then(holds_the_other(ca.set, cb.set))
        .then(date_documentation(b).cmp(&date_documentation(a)))
        .then(a.source.cmp(&b.source))
}

/// Containment gap under which two bodies count as the same text.
const SAME_TEXT_GAP: f64 = 0.1;

/// `Less` when `a`'s body holds clearly more of `b`'s than `b`'s holds of
/// `a`'s (`b` is the excerpt); `Equal` for near-identical bodies, which
/// an inserted ad line must not tip either way.
fn holds_the_other(a: &[Shingle], b: &[Shingle]) -> Ordering {
    let shared = intersection_size(a, b) as f64;
    let a_in_b = shared / a.len().max(1) as f64;
    let b_in_a = shared / b.len().max(1) as f64;
    if (a_in_b - b_in_a).abs() < SAME_TEXT_GAP {
        Ordering::Equal
    } else if b_in_a > a_in_b {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

/// How formally a page documents its date: publishers' systems write
/// structured fields; a date only printed on the page is weaker evidence.
fn date_documentation(p: &Analyzed) -> u8 {
    match p.dates.published.as_ref().map(|f| f.rule.as_str()) {
        Some(r)
            if r.starts_with("json-ld:")
                || r.starts_with("meta:article")
                || r == "time:pubdate" =>
        {
            2
        }
        Some(r) if r.starts_with("meta:") || r == "url" => 1,
        _ => 0,
    }
}

/// How many of the copy's paragraphs are mostly (at least half their
/// shingles) found in the original.
pub fn shared_paragraphs(copy: &Analyzed, original: &Analyzed) -> usize {
    copy.print
        .paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let found = p
                .iter()
                .filter(|h| original.print.set.binary_search(h).is_ok())
                .count();
            found * 2 >= p.len()
        })
        .count()
}
