//! `copy`: which page of a cluster is the original, and which are copies.
//!
//! The original is chosen by evidence, strongest first: pages the user named
//! as originals; pages without junk links (a farm is never the source of a
//! clean page); a page on the credited wire service's own site; the earliest
//! claimed date (and time, within one day); the fullest body (a copy is often an excerpt); finally the
//! path, so the choice never depends on thread timing.

use crate::analyze::Analyzed;
use std::cmp::Ordering;

/// Orders two pages of a cluster: `Less` means `a` is the better original.
pub fn better_original(a: &Analyzed, b: &Analyzed, junk_a: bool, junk_b: bool) -> Ordering {
    let wire_home = |p: &Analyzed| p.wire_site.is_some() && p.wire_site == p.wire;
    b.given_original
        .cmp(&a.given_original)
        .then(junk_a.cmp(&junk_b))
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
        .then(b.print.set.len().cmp(&a.print.set.len()))
        .then(a.source.cmp(&b.source))
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
