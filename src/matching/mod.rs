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

/// What candidate search needs of a page: its SimHash and passage keys.
pub(crate) struct Printed {
    pub simhash: u64,
    /// Sampled shingles of the page's set and rewording features (see
    /// [`index::page_keys`]).
    pub keys: Box<[crate::fingerprint::Shingle]>,
    /// Shingles in the page's set: a page with fewer than a match needs is
    /// no candidate.
    pub len: usize,
    /// A given original (`--originals`, the index): pages are its copies
    /// from a lower share of their text.
    pub given: bool,
}

impl Printed {
    /// A page's print from its SimHash, its kept shingle set and its
    /// rewording features: passage keys are sampled from both, so a
    /// reworded copy meets its original where it shares no shingle.
    pub(crate) fn new(
        simhash: u64,
        set: &[crate::fingerprint::Shingle],
        reword: &[crate::fingerprint::Shingle],
        given: bool,
    ) -> Self {
        Printed {
            simhash,
            keys: index::page_keys(set, reword),
            len: set.len(),
            given,
        }
    }
}

/// Every pair of pages that may share their body, far fewer than all pairs.
pub(crate) fn candidate_pairs(pages: &[Printed], cfg: &crate::config::Config) -> Vec<(u32, u32)> {
    let eligible: Vec<u32> = (0..pages.len() as u32)
        .filter(|&i| pages[i as usize].len >= cfg.min_shared_shingles)
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
            .map(|&i| (i, &pages[i as usize].keys[..]))
            .collect::<Vec<_>>(),
    ));
    candidates.sort_unstable();
    candidates.dedup();
    candidates
}
