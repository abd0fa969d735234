//! Judge: turn matches and per-page signals into each page's verdict.

use crate::analyze::Analyzed;
use crate::config::Config;
use crate::fingerprint::hamming;
use crate::matching::{self, Printed, boilerplate, cluster, verify::containment};
use crate::signals::copy::{Contender, better_original, shared_paragraphs};
use crate::signals::date_mismatch::{self, DateEvidence, DateIssue};
use crate::signals::{Flag, junk_links};
use serde::Serialize;

/// A page's part in the corpus's copying.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Original,
    Copy,
    Unique,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Original => "original",
            Role::Copy => "copy",
            Role::Unique => "unique",
        }
    }
}

/// How a copy relates to its original.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyOf {
    /// Index of the original among the judged pages.
    pub original: usize,
    pub similarity: f64,
    pub hamming: u32,
    pub shared_paragraphs: usize,
    pub date_lag_days: Option<i64>,
}

/// Everything decided about one page.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub role: Role,
    pub copy_of: Option<CopyOf>,
    pub flags: Vec<Flag>,
    pub date_issues: Vec<DateIssue>,
}

/// Judges every page against the whole set.
pub fn judge(pages: &[Analyzed], cfg: &Config) -> Vec<Verdict> {
    let junk: Vec<bool> = pages
        .iter()
        .map(|p| junk_links::flagged(&p.junk, p.words, cfg))
        .collect();
    let trimmed = if cfg.site_boilerplate {
        boilerplate::without_site_boilerplate(pages)
    } else {
        vec![None; pages.len()]
    };
    let sets: Vec<&[crate::fingerprint::Shingle]> = pages
        .iter()
        .zip(&trimmed)
        .map(|(p, t)| match (p.is_ok(), t) {
            (false, _) => &[][..],
            (true, Some(t)) => t.as_slice(),
            (true, None) => p.print.set.as_slice(),
        })
        .collect();
    let printed: Vec<Printed<'_>> = pages
        .iter()
        .zip(&sets)
        .map(|(p, set)| Printed {
            simhash: p.print.simhash,
            set,
        })
        .collect();
    let edges = matching::related_pairs(&printed, cfg);

    let mut roles = vec![Role::Unique; pages.len()];
    let mut copy_of: Vec<Option<CopyOf>> = vec![None; pages.len()];
    // A cluster may be bridged: a page made mostly of boilerplate holds in
    // part in two stories and joins their clusters. So each cluster gives
    // its original and the pages that original holds, and what is left is
    // split again along its own edges, until every group is judged.
    let mut pending = cluster::clusters(pages.len(), &edges);
    let adjacency = cluster::adjacency(pages.len(), &edges);
    while let Some(members) = pending.pop() {
        if members.len() < 2 {
            continue;
        }
        let orig = *members
            .iter()
            .min_by(|&&a, &&b| {
                let contender = |i: u32| Contender {
                    page: &pages[i as usize],
                    set: sets[i as usize],
                    junk: junk[i as usize],
                };
                better_original(&contender(a), &contender(b))
            })
            .expect("clusters have members") as usize;
        let mut rest = Vec::new();
        for &m in &members {
            let m = m as usize;
            if m == orig {
                continue;
            }
            let (similarity, shared) = containment(sets[m], sets[orig]);
            if pages[m].given_original
                || similarity < cfg.min_similarity
                || shared < cfg.min_shared_shingles
            {
                rest.push(m as u32);
                continue;
            }
            roles[m] = Role::Copy;
            roles[orig] = Role::Original;
            copy_of[m] = Some(CopyOf {
                original: orig,
                similarity,
                hamming: hamming(pages[m].print.simhash, pages[orig].print.simhash),
                shared_paragraphs: shared_paragraphs(&pages[m], &pages[orig]),
                date_lag_days: match (pages[m].published(), pages[orig].published()) {
                    (Some(c), Some(o)) => Some((c - o).num_days()),
                    _ => None,
                },
            });
        }
        pending.extend(cluster::components_within(&rest, &adjacency));
    }

    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let c = copy_of[i].take();
            let date_issues = if p.is_ok() {
                date_mismatch::check(
                    &DateEvidence {
                        dates: &p.dates,
                        lede: p.lede.as_ref(),
                        crawl_date: p.crawl_date,
                        original_date: c.as_ref().and_then(|c| pages[c.original].published()),
                    },
                    cfg,
                )
            } else {
                Vec::new()
            };
            let mut flags = Vec::new();
            if !p.given_original {
                if roles[i] == Role::Copy {
                    flags.push(Flag::Copy);
                }
                if junk[i] {
                    flags.push(Flag::JunkLinks);
                }
                if !date_issues.is_empty() {
                    flags.push(Flag::DateMismatch);
                }
            }
            Verdict {
                role: roles[i],
                copy_of: c,
                flags,
                date_issues,
            }
        })
        .collect()
}
