//! Candidate pairs from fingerprints, far from quadratic.

use crate::fingerprint::Shingle;
use std::collections::HashMap;

/// Pairs within `radius` bits, found by the block method of Manku et al.:
/// with the 64 bits cut into `radius + 1` blocks, two fingerprints within
/// `radius` bits agree exactly on at least one block, so sorting by each
/// block and comparing only equal runs finds every pair.
///
/// Pages with the very same fingerprint (a template page served a thousand
/// times) would make the output quadratic: past [`MAX_SAME`] of them, they
/// are chained to the first instead, which keeps them in one cluster.
pub fn simhash_candidates(prints: &[(u32, u64)], radius: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut by_hash: Vec<(u64, u32)> = prints.iter().map(|&(id, h)| (h, id)).collect();
    by_hash.sort_unstable();
    let mut unique: Vec<(u32, u64)> = Vec::with_capacity(prints.len());
    for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > MAX_SAME {
            out.extend(run[1..].iter().map(|&(_, id)| ordered(run[0].1, id)));
            unique.push((run[0].1, run[0].0));
        } else {
            unique.extend(run.iter().map(|&(h, id)| (id, h)));
        }
    }
    let prints = &unique;
    let blocks = (radius + 1).min(64);
    let mut keyed: Vec<(u64, u32, u64)> = Vec::with_capacity(prints.len());
    for b in 0..blocks {
        let lo = 64 * b / blocks;
        let hi = 64 * (b + 1) / blocks;
        let mask = if hi - lo == 64 {
            u64::MAX
        } else {
            ((1u64 << (hi - lo)) - 1) << lo
        };
        keyed.clear();
        keyed.extend(prints.iter().map(|&(id, h)| (h & mask, id, h)));
        keyed.sort_unstable();
        let mut start = 0;
        while start < keyed.len() {
            let mut end = start + 1;
            while end < keyed.len() && keyed[end].0 == keyed[start].0 {
                end += 1;
            }
            for i in start..end {
                for j in i + 1..end {
                    if (keyed[i].2 ^ keyed[j].2).count_ones() <= radius {
                        out.push(ordered(keyed[i].1, keyed[j].1));
                    }
                }
            }
            start = end;
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Pages sharing one exact fingerprint compared pairwise; more are chained.
const MAX_SAME: usize = 64;

/// One shingle in `SAMPLE` is a passage key; sampling by hash value (not by
/// position) means a copy samples the same shingles as its original.
/// Trades index memory and pair work (a quarter of the shingles) against
/// the shortest excerpt still found (about 8 shingles, two keys); held by
/// `scripts/eval-matching` (excerpt recall on the farm and real corpora).
const SAMPLE: Shingle = 4;
/// Holders a key needs before it can count as a common phrase.
const MIN_COMMON: usize = 1000;
/// Shared keys that make two pages a candidate pair. One key alone pairs
/// pages over a stock phrase; two keep those out of verification while a
/// copied paragraph still shares several; held by `scripts/eval-matching`
/// and the pair counts of `scripts/scale-test`.
const MIN_SHARED_KEYS: u16 = 2;
/// Each page is paired with at most the first this-many holders of a key, so
/// a key held by thousands of pages (a common phrase, a story copied a
/// thousand times) costs linear work, and since every key of one story has
/// the same first holders, its copies still meet them and join one cluster.
/// Trades pair work on heavily copied stories against recall of copies
/// that share few keys; held by `scripts/eval-matching` (syndicated and
/// excerpt kinds) and `scripts/scale-test` (pairs per page).
const MAX_PARTNERS: usize = 8;

/// Pairs that share passage keys: the excerpt and edited-copy finder.
pub(crate) fn passage_candidates(sets: &[(u32, &[Shingle])]) -> Vec<(u32, u32)> {
    // Postings as one sorted vector of (key, page): 12 bytes a key, no
    // allocation per key, and the runs of equal keys are the postings lists.
    let mut postings: Vec<(Shingle, u32)> = sets
        .iter()
        .flat_map(|&(id, set)| {
            set.iter()
                .filter(|&&h| h % SAMPLE == 0)
                .map(move |&h| (h, id))
        })
        .collect();
    postings.sort_unstable();
    // A key in more than 1% of the pages (and over a thousand) is a common
    // phrase of the language, not a passage: it says nothing about copying,
    // and its pairs would dominate the memory of a large scan.
    let max_holders = (sets.len() / 100).max(MIN_COMMON);
    let mut shared: HashMap<(u32, u32), u16> = HashMap::new();
    for run in postings
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1 && run.len() <= max_holders)
    {
        for (i, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[..i.min(MAX_PARTNERS)] {
                let n = shared.entry(ordered(a, b)).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
    }
    let mut out: Vec<(u32, u32)> = shared
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SHARED_KEYS)
        .map(|(p, _)| p)
        .collect();
    out.sort_unstable();
    out
}

fn ordered(a: u32, b: u32) -> (u32, u32) {
    if a < b { (a, b) } else { (b, a) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(prints: &[(u32, u64)], radius: u32) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for i in 0..prints.len() {
            for j in i + 1..prints.len() {
                if (prints[i].1 ^ prints[j].1).count_ones() <= radius {
                    out.push(ordered(prints[i].0, prints[j].0));
                }
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn block_index_finds_exactly_the_brute_force_pairs() {
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut prints = Vec::new();
        for id in 0..300u32 {
            let h = next();
            prints.push((id * 2, h));
            // A planted neighbour 0 to 5 bits away.
            let mut near = h;
            for _ in 0..(id % 6) {
                near ^= 1 << (next() % 64);
            }
            prints.push((id * 2 + 1, near));
        }
        for radius in [0, 3, 5] {
            assert_eq!(
                simhash_candidates(&prints, radius),
                brute(&prints, radius),
                "radius {radius}"
            );
        }
    }

    #[test]
    fn passages_pair_pages_sharing_sampled_shingles() {
        let a: Vec<Shingle> = (0..100).map(|i| i * 4).collect();
        let b: Vec<Shingle> = (50..80).map(|i| i * 4).collect();
        let c: Vec<Shingle> = (1000..1100).map(|i| i * 4).collect();
        let pairs = passage_candidates(&[(0, &a), (1, &b), (2, &c)]);
        assert_eq!(pairs, vec![(0, 1)]);
    }
}
