//! Verify candidates on the texts: containment of one shingle set in the other.

use super::Printed;
use crate::config::Config;
use crate::fingerprint::{Shingle, intersection_reaching, intersection_size};
use rayon::prelude::*;

/// A verified relation between two pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Edge {
    pub a: u32,
    pub b: u32,
    /// Shingles the two bodies share.
    pub shared: usize,
    /// Share of `a`'s shingles found in `b`.
    pub a_in_b: f64,
    /// Share of `b`'s shingles found in `a`.
    pub b_in_a: f64,
}

/// Containment of `part` in `whole`, and the shared count.
pub(crate) fn containment(part: &[Shingle], whole: &[Shingle]) -> (f64, usize) {
    if part.is_empty() {
        return (0.0, 0);
    }
    let shared = intersection_size(part, whole);
    (shared as f64 / part.len() as f64, shared)
}

/// Candidates verified this many at a time, with the sets of those pages
/// only: at scale most pages are a candidate of some stock phrase, and all
/// their sets at once would be the largest thing in memory.
const CHUNK: usize = 1 << 18;

/// Keeps the candidates whose bodies really overlap: enough shared shingles,
/// and one body mostly inside the other (a third inside, for a page whose
/// other is a given original); else, bodies whose wording one rewords from
/// the other ([`crate::signals::copy::rewords`]). `set_of` gives a page's
/// shingle set, `reword_of` its rewording features.
pub(crate) fn verify(
    pages: &[Printed],
    candidates: &[(u32, u32)],
    cfg: &Config,
    set_of: &(dyn Fn(usize) -> Vec<Shingle> + Sync),
    reword_of: &(dyn Fn(usize) -> Vec<Shingle> + Sync),
) -> Vec<Edge> {
    let mut edges = Vec::new();
    for chunk in candidates.chunks(CHUNK) {
        let mut ids: Vec<u32> = chunk.iter().flat_map(|&(a, b)| [a, b]).collect();
        ids.sort_unstable();
        ids.dedup();
        let sets: Vec<Vec<Shingle>> = ids.par_iter().map(|&i| set_of(i as usize)).collect();
        let set = |i: u32| &sets[ids.partition_point(|&x| x < i)];
        // Whether one of `a` and `b` rewords the other; `verbatim` gives
        // the shares of their shingles found in each other. A share only
        // lowers the rewording gap, so it is worked out only for a pair
        // that would reword were it zero.
        let reworded = |a: u32, b: u32, verbatim: &dyn Fn() -> (f64, f64)| {
            let (fa, fb) = (reword_of(a as usize), reword_of(b as usize));
            let shared = intersection_size(&fa, &fb);
            let a_in_b = shared as f64 / fa.len().max(1) as f64;
            let b_in_a = shared as f64 / fb.len().max(1) as f64;
            let rewords = |(verbatim_a, verbatim_b): (f64, f64)| {
                crate::signals::copy::rewords(a_in_b, b_in_a, shared, verbatim_a, cfg)
                    || crate::signals::copy::rewords(b_in_a, a_in_b, shared, verbatim_b, cfg)
            };
            (rewords((0.0, 0.0)) && rewords(verbatim())).then_some(Edge {
                a,
                b,
                shared,
                a_in_b,
                b_in_a,
            })
        };
        edges.par_extend(chunk.par_iter().filter_map(|&(a, b)| {
            let (sa, sb) = (set(a), set(b));
            let shares = |shared: usize| {
                (
                    shared as f64 / sa.len().max(1) as f64,
                    shared as f64 / sb.len().max(1) as f64,
                )
            };
            let (ga, gb) = (pages[a as usize].given, pages[b as usize].given);
            let least = |given: bool| {
                if given {
                    cfg.min_similarity_given
                } else {
                    cfg.min_similarity
                }
            };
            // `a` may copy `b` when `b` is given, and the other way round.
            let need = cfg
                .min_shared_shingles
                .max(least_count(least(gb), sa.len()).min(least_count(least(ga), sb.len())));
            let full = || shares(intersection_size(sa, sb));
            match intersection_reaching(sa, sb, need) {
                Some(shared) => {
                    let (a_in_b, b_in_a) = shares(shared);
                    let holds = a_in_b >= least(gb) || b_in_a >= least(ga);
                    if shared >= cfg.min_shared_shingles && holds {
                        Some(Edge {
                            a,
                            b,
                            shared,
                            a_in_b,
                            b_in_a,
                        })
                    } else {
                        reworded(a, b, &|| (a_in_b, b_in_a))
                    }
                }
                None => reworded(a, b, &full),
            }
        }));
    }
    edges
}

/// The fewest shingles of a set of `len` whose share (of `len`, or of 1
/// for an empty set, as the shares above are taken) reaches `least`:
/// `len + 1` when none does.
fn least_count(least: f64, len: usize) -> usize {
    let share = |k: usize| k as f64 / len.max(1) as f64;
    // The product's rounding may miss by one either way; the shares, taken
    // as the verdict takes them, settle it.
    let mut k = ((least * len.max(1) as f64).ceil() as usize).min(len + 1);
    while k > 0 && share(k - 1) >= least {
        k -= 1;
    }
    while k <= len && share(k) < least {
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::least_count;

    #[test]
    fn the_least_count_is_the_first_whose_share_reaches() {
        for len in [0usize, 1, 2, 3, 7, 10, 299, 300, 3001] {
            for least in [0.0, 1.0 / 3.0, 0.5, 0.6, 0.7, 1.0, 1.5] {
                let share = |k: usize| k as f64 / len.max(1) as f64;
                let first = (0..=len).find(|&k| share(k) >= least).unwrap_or(len + 1);
                assert_eq!(least_count(least, len), first, "{least} of {len}");
            }
        }
    }
}
