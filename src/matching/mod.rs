//! Match: find which pages share their body, without comparing every pair.
//!
//! Candidates come from two indexes — SimHash blocks for near-identical
//! bodies, sampled shingles ("passages") for excerpts and edited copies —
//! and every candidate is verified on the shingle sets before it becomes an
//! edge. Edges are clustered; the judge picks each cluster's original.

pub(crate) mod boilerplate;
pub(crate) mod cluster;
pub mod index;
pub(crate) mod verify;

pub(crate) use verify::Edge;

/// What matching needs of a page: its fingerprints.
pub(crate) struct Printed<'a> {
    pub simhash: u64,
    pub set: &'a [crate::fingerprint::Shingle],
    /// A given original (`--originals`, the index): pages are its copies
    /// from a lower share of their text.
    pub given: bool,
}

/// Finds every verified pair of related pages.
pub(crate) fn related_pairs(pages: &[Printed<'_>], cfg: &crate::config::Config) -> Vec<Edge> {
    let eligible: Vec<u32> = (0..pages.len() as u32)
        .filter(|&i| pages[i as usize].set.len() >= cfg.min_shared_shingles)
        .collect();
    let mut candidates = index::simhash_candidates(
        &eligible
            .iter()
            .map(|&i| (i, pages[i as usize].simhash))
            .collect::<Vec<_>>(),
        cfg.hamming_radius,
    );
    candidates.extend(index::passage_candidates(
        &eligible
            .iter()
            .map(|&i| (i, pages[i as usize].set))
            .collect::<Vec<_>>(),
    ));
    candidates.sort_unstable();
    candidates.dedup();
    verify::verify(pages, &candidates, cfg)
}
