//! Judge: turn matches and per-page signals into each page's verdict.

use crate::address::url_domain;
use crate::analyze::Analyzed;
use crate::config::Config;
use crate::fingerprint::{Shingle, hamming};
use crate::matching::{self, Edge, Printed, boilerplate, cluster, verify::containment};
use crate::signals::copy::{self, Contender, Evidence, better_original, shared_paragraphs};
use crate::signals::date_mismatch::{self, DateEvidence, DateIssue};
use crate::signals::{Flag, farm_site, junk_links};
use rayon::prelude::*;
use serde::Serialize;

/// A page's part in the corpus's copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Role {
    Original,
    Copy,
    Unique,
}

impl Role {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Original => "original",
            Role::Copy => "copy",
            Role::Unique => "unique",
        }
    }
}

/// How a copy matched its original, as the report's `match` column names
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Match {
    /// The original's text, nearly whole.
    Verbatim,
    /// Part of the original's text, as written.
    Excerpt,
    /// The original's story in other words: found by its pairs of content
    /// words, not by its shingles.
    Reworded,
}

impl Match {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Match::Verbatim => "verbatim",
            Match::Excerpt => "excerpt",
            Match::Reworded => "reworded",
        }
    }
}

/// What makes a page a copy of an original.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Copying {
    /// Share of the page found in the original (shingles, or rewording
    /// features for a reworded copy).
    pub similarity: f64,
    /// Share of the original the page covers, by the same measure.
    pub coverage: f64,
    pub matched: Match,
}

/// How a copy relates to its original.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CopyOf {
    /// Index of the original among the judged pages.
    pub original: usize,
    pub similarity: f64,
    /// Share of the original's text the copy covers.
    pub coverage: f64,
    pub matched: Match,
    pub hamming: u32,
    pub shared_paragraphs: usize,
    pub date_lag_days: Option<i64>,
    /// The evidence that made the other page the original.
    pub decided_by: Evidence,
}

/// Everything decided about one page.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    pub role: Role,
    pub copy_of: Option<CopyOf>,
    pub flags: Vec<Flag>,
    pub date_issues: Vec<DateIssue>,
}

/// Judges every page against the whole set.
pub(crate) fn judge(pages: &[Analyzed], cfg: &Config) -> Vec<Verdict> {
    judge_with_sites(pages, cfg, None)
}

/// Judges every page, with each page's site known to be a farm or not
/// (`farm_site`, from a distributed job that tallied the whole corpus) or,
/// when `None`, found from these pages themselves.
pub(crate) fn judge_with_sites(
    pages: &[Analyzed],
    cfg: &Config,
    farm_site: Option<&[bool]>,
) -> Vec<Verdict> {
    let boiler = if cfg.site_boilerplate {
        boilerplate::boilerplate_paragraphs(pages)
    } else {
        vec![None; pages.len()]
    };
    let kept = |i: usize| match pages[i].is_ok() {
        true => boilerplate::kept_set(&pages[i], boiler[i].as_deref()),
        false => Vec::new(),
    };
    let printed: Vec<Printed> = (0..pages.len())
        .into_par_iter()
        .map(|i| {
            let p = &pages[i];
            Printed::new(
                p.print.simhash,
                &kept(i),
                &p.print.reword(),
                p.given_original,
            )
        })
        .collect();
    let candidates = matching::candidate_pairs(&printed, cfg);
    let edges = related_pairs(pages, &printed, &candidates, cfg, &kept);
    drop((printed, candidates));
    judge_related(pages, cfg, &kept, &edges, farm_site)
}

/// Whether two pages may be related at all, given how much of each the
/// other holds and how many shingles they share. The same page fetched
/// twice (any of its identities in common) is not a copy of itself. Pages of one site share
/// template text (category, tag and catalogue pages, a shop's blurb where
/// its listing did not render): between them only the same story served
/// twice, each body mostly inside the other and a story's length of it, is
/// a relation.
/// Addresses and sites are read from the URLs when asked, for the few pages
/// that match: kept for every page, they would cost more than the pages'
/// fingerprints.
fn may_relate(
    pages: &[Analyzed],
    cfg: &Config,
    (a, b): (usize, usize),
    a_in_b: f64,
    b_in_a: f64,
    shared: usize,
) -> bool {
    let known = |of: fn(&str) -> Option<String>| {
        let [x, y] = [a, b].map(|i| pages[i].url.as_deref().and_then(of));
        x.is_some() && x == y
    };
    let [x, y] = [a, b].map(|i| pages[i].identities());
    let same_page = x.iter().any(|id| y.contains(id));
    !same_page && (!known(url_domain) || copy::same_story_on_one_site(a_in_b, b_in_a, shared, cfg))
}

/// The candidate pairs that hold as relations: verified on the pages' kept
/// shingle sets (`kept`), and between pages that may relate.
pub(crate) fn related_pairs(
    pages: &[Analyzed],
    printed: &[Printed],
    candidates: &[(u32, u32)],
    cfg: &Config,
    kept: &(dyn Fn(usize) -> Vec<Shingle> + Sync),
) -> Vec<Edge> {
    let reword = |i: usize| pages[i].print.reword();
    matching::verify::verify(printed, candidates, cfg, kept, &reword)
        .into_iter()
        .filter(|e| {
            let pair = (e.a as usize, e.b as usize);
            may_relate(pages, cfg, pair, e.a_in_b, e.b_in_a, e.shared)
        })
        .collect()
}

/// Whether each page carries junk links, its site's own rails left out:
/// attribution weighs this before it knows which pages copy.
pub(crate) fn junk(pages: &[Analyzed], cfg: &Config) -> Vec<bool> {
    pages
        .iter()
        .map(|p| junk_links::flagged(&p.junk, p.words, false, cfg))
        .collect()
}

/// Judges pages whose relations are known (`edges`, between pages of
/// `pages`, from their kept shingle sets `kept`): clusters, originals,
/// copies, flags. Every edge of these pages must be given, and `farm_site`
/// as in [`judge_with_sites`].
pub(crate) fn judge_related(
    pages: &[Analyzed],
    cfg: &Config,
    kept: &(dyn Fn(usize) -> Vec<Shingle> + Sync),
    edges: &[Edge],
    farm_site: Option<&[bool]>,
) -> Vec<Verdict> {
    let junk = junk(pages, cfg);
    // Attribution reads the sets of related pages only: at scale, a few in
    // a hundred.
    let mut related = vec![false; pages.len()];
    for e in edges {
        related[e.a as usize] = true;
        related[e.b as usize] = true;
    }
    let sets: Vec<Vec<Shingle>> = (0..pages.len())
        .into_par_iter()
        .map(|i| if related[i] { kept(i) } else { Vec::new() })
        .collect();
    let rewords: Vec<Vec<Shingle>> = (0..pages.len())
        .into_par_iter()
        .map(|i| {
            if related[i] {
                pages[i].print.reword()
            } else {
                Vec::new()
            }
        })
        .collect();
    // Whether page `m` is a copy of `orig`, and how: its shingles found
    // there, else its rewording features.
    let copy_share = |m: usize, orig: usize| -> Option<Copying> {
        if pages[m].given_original {
            return None;
        }
        let (similarity, shared) = containment(&sets[m], &sets[orig]);
        let (held, _) = containment(&sets[orig], &sets[m]);
        let overlap = copy::Overlap {
            similarity,
            held,
            shared,
        };
        if copy::copies(&overlap, pages[orig].given_original, cfg) {
            let matched = if held >= copy::HOLDS_WHOLE {
                Match::Verbatim
            } else {
                Match::Excerpt
            };
            return may_relate(pages, cfg, (m, orig), similarity, held, shared).then_some(
                Copying {
                    similarity,
                    coverage: held,
                    matched,
                },
            );
        }
        let (part, shared) = containment(&rewords[m], &rewords[orig]);
        let (cover, _) = containment(&rewords[orig], &rewords[m]);
        (copy::rewords(part, cover, shared, similarity, cfg)
            && may_relate(pages, cfg, (m, orig), part, cover, shared))
        .then_some(Copying {
            similarity: part,
            coverage: cover,
            matched: Match::Reworded,
        })
    };
    let adjacency = cluster::adjacency(pages.len(), edges);
    let clusters = cluster::clusters(pages.len(), edges);
    let ctx = Attribution {
        pages,
        sets: &sets,
        junk: &junk,
        adjacency: &adjacency,
        copy_share: &copy_share,
    };
    // What the corpus says about each site decides between pages whose
    // dates tie; it is read from a first attribution without it.
    let found;
    let farm_site = match farm_site {
        Some(given) => given,
        None => {
            let (roles, copy_of) = ctx.attribute(&clusters, &vec![false; pages.len()]);
            found = farm_site::farm_sites(pages, &junk, &roles, &copy_of);
            &found
        }
    };
    let (roles, mut copy_of) = ctx.attribute(&clusters, farm_site);

    pages
        .iter()
        .enumerate()
        .map(|(i, p)| verdict(p, roles[i], copy_of[i].take(), junk[i], pages, cfg))
        .collect()
}

/// A page's verdict from its role, what it copies, and its junk measure:
/// the date check runs here, against its original's date when it has one.
/// Pages given as originals are never flagged.
fn verdict(
    p: &Analyzed,
    role: Role,
    copy_of: Option<CopyOf>,
    junk: bool,
    pages: &[Analyzed],
    cfg: &Config,
) -> Verdict {
    let date_issues = if p.is_ok() {
        date_mismatch::check(
            &DateEvidence {
                dates: &p.dates,
                lede: p.lede.as_ref(),
                crawl_date: p.crawl_date,
                original_date: copy_of
                    .as_ref()
                    .and_then(|c| pages[c.original].dates.published.as_ref()),
            },
            cfg,
        )
    } else {
        Vec::new()
    };
    let mut flags = Vec::new();
    if !p.given_original {
        let licensed_copy = copy_of
            .as_ref()
            .is_some_and(|c| copy::licensed(&pages[c.original], cfg));
        if role == Role::Copy && !licensed_copy {
            flags.push(Flag::Copy);
        }
        // Around a copied story the site's own rails are padding too.
        let copied = role == Role::Copy;
        if junk || (copied && junk_links::flagged(&p.junk, p.words, true, cfg)) {
            flags.push(Flag::JunkLinks);
        }
        if !date_issues.is_empty() {
            flags.push(Flag::DateMismatch);
        }
    }
    Verdict {
        role,
        copy_of,
        flags,
        date_issues,
    }
}

/// What attribution needs of the corpus, shared by its two passes.
struct Attribution<'a> {
    pages: &'a [Analyzed],
    sets: &'a [Vec<Shingle>],
    junk: &'a [bool],
    adjacency: &'a [Vec<u32>],
    /// Whether a page is a copy of another, and how.
    copy_share: &'a dyn Fn(usize, usize) -> Option<Copying>,
}

impl Attribution<'_> {
    /// Each page's role and, for copies, what it copies. A cluster may be
    /// bridged: a page made mostly of boilerplate holds in part in two
    /// stories and joins their clusters. So each cluster gives its original
    /// and the pages that original holds, and what is left is split again
    /// along its own edges, until every group is judged.
    fn attribute(
        &self,
        clusters: &[Vec<u32>],
        farm_site: &[bool],
    ) -> (Vec<Role>, Vec<Option<CopyOf>>) {
        let pages = self.pages;
        let mut roles = vec![Role::Unique; pages.len()];
        let mut copy_of: Vec<Option<CopyOf>> = vec![None; pages.len()];
        let mut pending = clusters.to_vec();
        while let Some(members) = pending.pop() {
            if members.len() < 2 {
                continue;
            }
            let contender = |i: u32| Contender {
                page: &pages[i as usize],
                set: &self.sets[i as usize],
                junk: self.junk[i as usize],
                farm_site: farm_site[i as usize],
            };
            let orig = *members
                .iter()
                .min_by(|&&a, &&b| better_original(&contender(a), &contender(b)).0)
                .expect("clusters have members") as usize;
            let mut rest = Vec::new();
            for &m in &members {
                let m = m as usize;
                if m == orig {
                    continue;
                }
                let Some(copying) = (self.copy_share)(m, orig) else {
                    rest.push(m as u32);
                    continue;
                };
                roles[m] = Role::Copy;
                roles[orig] = Role::Original;
                copy_of[m] = Some(CopyOf {
                    original: orig,
                    similarity: copying.similarity,
                    coverage: copying.coverage,
                    matched: copying.matched,
                    hamming: hamming(pages[m].print.simhash, pages[orig].print.simhash),
                    shared_paragraphs: shared_paragraphs(&pages[m], &pages[orig]),
                    date_lag_days: match (pages[m].published(), pages[orig].published()) {
                        (Some(c), Some(o)) => Some((c - o).num_days()),
                        _ => None,
                    },
                    decided_by: better_original(&contender(orig as u32), &contender(m as u32)).1,
                });
            }
            pending.extend(cluster::components_within(&rest, self.adjacency));
        }
        (roles, copy_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{page, para};

    /// A wire story republished 2,000 times: its lead's passage keys are held
    /// by 2% of the corpus, more than a common phrase may be, and yet every
    /// excerpt is found and traced to the story's own page. It judges
    /// 102,001 pages, a minute of a debug `cargo test`: it runs with the
    /// scale run instead.
    #[test]
    #[ignore = "scale test: run by scripts/scale-test"]
    fn a_story_copied_two_thousand_times_among_a_hundred_thousand_pages_still_clusters() {
        const FILLERS: u64 = 100_000;
        const EXCERPTS: u64 = 2_000;
        const ORIGINAL_AT: usize = 60_000;
        let story: Vec<String> = (0..20).map(|i| para(1_000_000 + i)).collect();
        let mut pages: Vec<Analyzed> = (0..FILLERS)
            .map(|i| {
                let url = format!("https://site{}.example/{i}", i % 997);
                page(&url, &[para(2 * i), para(2 * i + 1)])
            })
            .collect();
        let excerpts: Vec<Analyzed> = (0..EXCERPTS)
            .map(|i| {
                // The lead and the farm's own line: every passage key of the
                // story it holds is held by all 2,001 pages.
                let mut paras = story[..2].to_vec();
                paras.push(para(5_000_000 + i));
                page(&format!("https://farm{i}.example/news/{i}"), &paras)
            })
            .collect();
        // Excerpts on both sides of the original in page order.
        let (before, after) = excerpts.split_at(EXCERPTS as usize / 2);
        pages.splice(ORIGINAL_AT..ORIGINAL_AT, before.iter().cloned());
        let original = ORIGINAL_AT + before.len();
        pages.insert(original, page("https://wire.example/story", &story));
        pages.extend(after.iter().cloned());

        let verdicts = judge(&pages, &Config::default());
        assert_eq!(verdicts[original].role, Role::Original);
        let copies: Vec<usize> = (0..pages.len())
            .filter(|&i| pages[i].url.as_deref().is_some_and(|u| u.contains("farm")))
            .collect();
        assert_eq!(copies.len(), EXCERPTS as usize);
        let traced = copies
            .iter()
            .filter(|&&i| {
                verdicts[i].role == Role::Copy
                    && verdicts[i].copy_of.as_ref().map(|c| c.original) == Some(original)
            })
            .count();
        assert_eq!(traced, EXCERPTS as usize, "excerpts traced to the story");
        let false_copies = (0..pages.len())
            .filter(|&i| i != original && !copies.contains(&i))
            .filter(|&i| verdicts[i].role != Role::Unique)
            .count();
        assert_eq!(false_copies, 0, "filler pages related to anything");
    }
}
