//! Candidate pairs from fingerprints, far from quadratic.

use crate::fingerprint::Shingle;
use rayon::prelude::*;
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
    let mut keyed: Vec<(u64, u32, u64)> = Vec::with_capacity(prints.len());
    for mask in block_masks(radius) {
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

/// The bit masks of the SimHash blocks for `radius`: two fingerprints
/// within `radius` bits agree on the bits of one mask at least.
pub(crate) fn block_masks(radius: u32) -> impl Iterator<Item = u64> {
    let blocks = (radius + 1).min(64);
    (0..blocks).map(move |b| {
        let lo = 64 * b / blocks;
        let hi = 64 * (b + 1) / blocks;
        if hi - lo == 64 {
            u64::MAX
        } else {
            ((1u64 << (hi - lo)) - 1) << lo
        }
    })
}

/// Pages sharing one exact fingerprint compared pairwise; more are chained.
const MAX_SAME: usize = 64;

/// One shingle in `SAMPLE` is a passage key; sampling by hash value (not by
/// position) means a copy samples the same shingles as its original.
/// Trades index memory and pair work (a quarter of the shingles) against
/// the shortest excerpt still found (about 8 shingles, two keys); held by
/// `scripts/eval-matching` (excerpt recall on the farm and real corpora).
const SAMPLE: Shingle = 4;
/// One rewording feature in `REWORD_SAMPLE` is a passage key: a reworded
/// copy shares half its features or more with its original, so a sparser
/// sample still gives it several shared keys, at a quarter of the keys'
/// memory and pair work. Held by `scripts/eval-matching --reworded` and
/// `scripts/scale-test` (time and memory).
const REWORD_SAMPLE: Shingle = 64;
/// Holders a key needs before it counts as a heavy key (see
/// [`passage_candidates`]).
const MIN_COMMON: usize = 1000;
/// Shared keys that make two pages a candidate pair. One key alone pairs
/// pages over a stock phrase; two keep those out of verification while a
/// copied paragraph still shares several; held by `scripts/eval-matching`
/// and the pair counts of `scripts/scale-test`. The originals index
/// (`store`) pairs a scan's pages with indexed ones by the same rule.
pub(crate) const MIN_SHARED_KEYS: u32 = 2;
/// Each page is paired with at most the first this-many holders of a key, so
/// a key held by many pages costs linear work, and since every key of one
/// story has the same first holders, its copies still meet them and join
/// one cluster. Trades pair work on heavily copied stories against recall
/// of copies that share few keys; held by `scripts/eval-matching`
/// (syndicated and excerpt kinds) and `scripts/scale-test` (pairs per page).
const MAX_PARTNERS: usize = 8;
/// Share of a page's keys it must share with a heavy key's anchor to be
/// paired with it. A copy shares all its keys with its original, an
/// unrelated page only its stock phrases (a few in a hundred); well under
/// the copy threshold (half the text), so sampling noise loses no copy.
/// Held by the 2,000-copies test in `judge` and `scripts/scale-test`
/// (pairs per page).
const HEAVY_SHARE: f64 = 0.3;

/// Pairs that share passage keys (each page's given by [`keys`], sorted):
/// the excerpt and edited-copy finder.
///
/// A key held by at most max(1%, [`MIN_COMMON`]) pages pairs each holder
/// with the first [`MAX_PARTNERS`] holders before it. A heavier key is a
/// stock phrase of the language or a story copied thousands of times; both
/// pair each holder only with the key's anchors, its [`MAX_PARTNERS`]
/// holders with the most keys (a story's original holds all of it), and
/// only when the holder shares [`HEAVY_SHARE`] of its keys with the anchor,
/// which a copy does and a page sharing stock phrases does not.
///
/// Each page counts its partners itself, so memory is the postings (one
/// `u32` a shared key) and the pairs found, not every pair considered.
pub(crate) fn passage_candidates(sets: &[(u32, &[Shingle])]) -> Vec<(u32, u32)> {
    let postings = Postings::new(sets);
    let max_holders = max_holders(sets.len());
    // Every page's key count, by id, read once.
    let mut size = vec![0u32; sets.last().map_or(0, |&(id, _)| id as usize + 1)];
    for &(id, keys) in sets {
        size[id as usize] = keys.len() as u32;
    }
    // The anchors of every heavy key, chosen once: the first few holders
    // by size, found by selection, not by sorting runs of a million.
    let rank = |id: &u32| (std::cmp::Reverse(size[*id as usize]), *id);
    let anchors: HashMap<Shingle, Vec<u32>> = postings
        .runs()
        .filter(|(_, run)| run.len() > max_holders)
        .par_bridge()
        .map(|(key, run)| (key, anchors(run, rank)))
        .collect();
    let mut out: Vec<(u32, u32)> = sets
        .par_iter()
        .flat_map_iter(|&(page, keys)| {
            // Per partner: keys shared in light runs, and with an anchor.
            let mut shared: HashMap<u32, (u32, u32)> = HashMap::new();
            let own = keys.len();
            for &key in keys {
                let Some(run) = postings.holders(key) else {
                    continue;
                };
                if let Some(anchors) = anchors.get(&key) {
                    for &a in anchors.iter().filter(|&&a| a != page) {
                        shared.entry(a).or_default().1 += 1;
                    }
                } else {
                    for &b in light_partners(run, page) {
                        shared.entry(b).or_default().0 += 1;
                    }
                }
            }
            shared
                .into_iter()
                .filter(move |&(_, (light, heavy))| shares_enough(light, heavy, own))
                .map(move |(other, _)| ordered(other, page))
        })
        .collect();
    out.par_sort_unstable();
    out.dedup();
    out
}

/// Holders past which a key is heavy, among `pages` candidate pages.
pub(crate) fn max_holders(pages: usize) -> usize {
    (pages / 100).max(MIN_COMMON)
}

/// A heavy key's anchors among its holders `run`: the first
/// [`MAX_PARTNERS`] by `rank` (most keys first, then page order).
pub(crate) fn anchors<K: Ord>(run: &[u32], rank: impl Fn(&u32) -> K) -> Vec<u32> {
    let mut by_size = run.to_vec();
    by_size.select_nth_unstable_by_key(MAX_PARTNERS - 1, &rank);
    by_size.truncate(MAX_PARTNERS);
    by_size.sort_unstable_by_key(rank);
    by_size
}

/// The holders of a light key that `page` is paired with: the first
/// [`MAX_PARTNERS`] before it (`run` in page order).
pub(crate) fn light_partners(run: &[u32], page: u32) -> &[u32] {
    let before = run.partition_point(|&id| id < page);
    &run[..before.min(MAX_PARTNERS)]
}

/// Whether a page of `own` keys, sharing `light` light keys and `heavy`
/// heavy keys with another page, is a candidate pair with it.
pub(crate) fn shares_enough(light: u32, heavy: u32, own: usize) -> bool {
    light >= MIN_SHARED_KEYS
        || (heavy > 0
            && light + heavy >= MIN_SHARED_KEYS
            && f64::from(light + heavy) >= HEAVY_SHARE * own as f64)
}

/// A page's passage keys: its shingles sampled by hash value, so a copy
/// samples the same shingles as its original.
pub(crate) fn keys(set: &[Shingle]) -> impl Iterator<Item = Shingle> + '_ {
    set.iter().copied().filter(|h| h % SAMPLE == 0)
}

/// A page's passage keys from its shingle set and its rewording features,
/// sorted: a feature's hash is taken apart from shingles', so the two
/// kinds of key meet only their own kind but for chance.
pub(crate) fn page_keys(set: &[Shingle], reword: &[Shingle]) -> Box<[Shingle]> {
    let reword_keys = reword.iter().copied().filter(|h| h % REWORD_SAMPLE == 0);
    let mut all: Vec<Shingle> = keys(set).chain(reword_keys).collect();
    all.sort_unstable();
    all.dedup();
    all.into()
}

/// The holders of every key held by two pages or more, in page order, as
/// one flat array (keys held once cannot pair and are not kept).
struct Postings {
    keys: Vec<Shingle>,
    /// Where the keys of each value of their top `bucket_bits` bits
    /// start: a lookup searches one or two keys, not hundreds of millions
    /// (a binary search over all of them was most of a 10M scan).
    buckets: Vec<u32>,
    /// As many bits as the key count has, so the directory grows with the
    /// corpus and a bucket holds one or two keys at any size: with a fixed
    /// 2^20 buckets, a 10M scan searched hundreds of keys per lookup, and
    /// the lookups were 85% of matching.
    bucket_bits: u32,
    starts: Vec<usize>,
    holders: Vec<u32>,
}

impl Postings {
    /// Built by counting, not by sorting (key, page) pairs: the keys alone
    /// are sorted once to find those held twice, then each page's keys are
    /// placed in page order, so the peak is two `u32` a key, not three.
    fn new(sets: &[(u32, &[Shingle])]) -> Self {
        let mut all: Vec<Shingle> = sets
            .iter()
            .flat_map(|&(_, keys)| keys.iter().copied())
            .collect();
        all.par_sort_unstable();
        let mut keys: Vec<Shingle> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        for run in all.chunk_by(|a, b| a == b).filter(|r| r.len() > 1) {
            keys.push(run[0]);
            counts.push(run.len() as u32);
        }
        drop(all);
        let mut starts = Vec::with_capacity(keys.len() + 1);
        let mut total = 0usize;
        for &n in &counts {
            starts.push(total);
            total += n as usize;
        }
        starts.push(total);
        drop(counts);
        // floor(log2(keys)), at least 1: at most 4 bytes of directory a key.
        let bucket_bits = (usize::BITS - 1 - keys.len().max(2).leading_zeros()).min(Shingle::BITS);
        let mut buckets = vec![0u32; (1 << bucket_bits) + 1];
        for &k in &keys {
            buckets[bucket(k, bucket_bits) + 1] += 1;
        }
        for b in 1..buckets.len() {
            buckets[b] += buckets[b - 1];
        }
        let mut postings = Postings {
            keys,
            buckets,
            bucket_bits,
            holders: Vec::new(),
            starts: Vec::new(),
        };
        // Filled in page order, so each key's holders come out sorted.
        let mut next = starts.clone();
        let mut holders = vec![0u32; total];
        for &(id, page_keys) in sets {
            for &key in page_keys {
                if let Some(i) = postings.find(key) {
                    holders[next[i]] = id;
                    next[i] += 1;
                }
            }
        }
        postings.starts = starts;
        postings.holders = holders;
        postings
    }

    /// The position of `key` among the keys, if it is held twice.
    fn find(&self, key: Shingle) -> Option<usize> {
        let b = bucket(key, self.bucket_bits);
        let (lo, hi) = (self.buckets[b] as usize, self.buckets[b + 1] as usize);
        self.keys[lo..hi].binary_search(&key).ok().map(|i| lo + i)
    }

    fn holders(&self, key: Shingle) -> Option<&[u32]> {
        let i = self.find(key)?;
        Some(&self.holders[self.starts[i]..self.starts[i + 1]])
    }

    fn runs(&self) -> impl Iterator<Item = (Shingle, &[u32])> {
        self.keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, &self.holders[self.starts[i]..self.starts[i + 1]]))
    }
}

/// A key's bucket: its top `bits` bits (the keys are hashes, so evenly
/// spread).
fn bucket(key: Shingle, bits: u32) -> usize {
    (u64::from(key) >> (Shingle::BITS - bits)) as usize
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
        let [a, b, c] = [a, b, c].map(|s| keys(&s).collect::<Vec<_>>());
        let pairs = passage_candidates(&[(0, &a), (1, &b), (2, &c)]);
        assert_eq!(pairs, vec![(0, 1)]);
    }
}
