//! Boilerplate: paragraphs a site repeats on many of its pages
//! (disclaimers, "subscribe" lines, author blurbs), and passages found on
//! the pages of many different sites beside different stories (a consent
//! platform's notice, a syndicated widget's text). They say nothing about
//! which story a page carries, so matching leaves them out: they neither
//! make two pages copies nor dilute a copy's share of copied text.

use crate::address::url_host;
use crate::analyze::Analyzed;
use crate::fingerprint::Shingle;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Different stories of one site a paragraph must stand beside to be
/// boilerplate: a template repeats beside every story; two pages may just
/// quote each other. Held by `scripts/eval-false-flags` (one site's
/// template pages must not read as copies).
const MIN_PAGES: usize = 3;

/// Different sites, and different stories beside it, on which a passage is
/// boilerplate of the web rather than of one site. A story copied by many
/// sites stands beside itself (the same paragraphs around it), so only
/// passages that mostly stand beside different stories count. Ten keeps a
/// wire story copied by a handful of farms a story; held by
/// `scripts/eval-matching` (syndicated kind).
const MIN_SITES: usize = 10;

/// A paragraph's identity: its shingle hashes folded together.
pub(crate) fn paragraph_key(shingles: &[Shingle]) -> u64 {
    shingles.iter().fold(0x9e37_79b9_7f4a_7c15, |acc, &h| {
        acc.rotate_left(5) ^ u64::from(h)
    })
}

/// Each distinct paragraph of a page with the story it stands beside: the
/// page's longest other paragraph. A story the site posted twice or thrice
/// stands beside itself; a disclaimer stands beside many stories.
pub(crate) fn paragraphs_beside(p: &Analyzed) -> Vec<(u64, u64)> {
    let paragraphs = p.print.paragraphs();
    let mut paras: Vec<(usize, u64)> = paragraphs
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| (s.len(), paragraph_key(s)))
        .collect();
    paras.sort_unstable_by(|a, b| b.cmp(a));
    paras.dedup_by_key(|x| x.1);
    paras
        .iter()
        .map(|&(_, k)| {
            let story = paras
                .iter()
                .find(|&&(_, other)| other != k)
                .map_or(0, |&(_, other)| other);
            (k, story)
        })
        .collect()
}

/// A page's site when it has none (no URL): its paragraphs can be the
/// web's boilerplate, never a site's.
pub(crate) const NO_SITE: u32 = u32::MAX;

/// Which paragraphs of every page are boilerplate: its site's (pages
/// without a URL have no known site) and the web's; `None` where none is.
///
/// Every paragraph of every page becomes one entry (its key, its page's
/// site, the story beside it); sorted, the entries of one paragraph are one
/// run and those of one site within it a shorter run, so both kinds are
/// counted in one pass over a flat array: 24 bytes a paragraph, no map of
/// sets per paragraph.
pub(crate) fn boilerplate_paragraphs(pages: &[Analyzed]) -> Vec<Option<Vec<bool>>> {
    let mut names: HashMap<String, u32> = HashMap::new();
    let site_of: Vec<u32> = pages
        .iter()
        .map(|p| match p.url.as_deref().and_then(url_host) {
            Some(host) => {
                let next = names.len() as u32;
                *names.entry(host).or_insert(next)
            }
            None => NO_SITE,
        })
        .collect();
    drop(names);
    let mut entries: Vec<(u64, u32, u64)> = pages
        .par_iter()
        .zip(&site_of)
        .flat_map_iter(|(p, &site)| {
            paragraphs_beside(p)
                .into_iter()
                .map(move |(k, story)| (k, site, story))
        })
        .collect();
    entries.par_sort_unstable();
    let mut of_site: HashSet<(u32, u64)> = HashSet::new();
    let mut of_web: HashSet<u64> = HashSet::new();
    for run in entries.chunk_by(|a, b| a.0 == b.0) {
        let key = run[0].0;
        if boilerplate_run(run, |site| {
            of_site.insert((site, key));
        }) {
            of_web.insert(key);
        }
    }
    drop(entries);
    pages
        .par_iter()
        .zip(&site_of)
        .map(|(p, &site)| {
            let boiler = |s: &[Shingle]| {
                let k = paragraph_key(s);
                !s.is_empty() && (of_web.contains(&k) || of_site.contains(&(site, k)))
            };
            let marks: Vec<bool> = p.print.paragraphs().iter().map(boiler).collect();
            marks.contains(&true).then_some(marks)
        })
        .collect()
}

/// Decides one paragraph, given as its entries (key, site, story beside),
/// one per page it is on, sorted: calls `of_site` with each site it is
/// boilerplate of, and returns whether it is a passage of the web. The
/// whole corpus's entries of a paragraph, wherever they were gathered,
/// decide as in a scan.
pub(crate) fn boilerplate_run(run: &[(u64, u32, u64)], mut of_site: impl FnMut(u32)) -> bool {
    let mut sites = 0;
    for same_site in run.chunk_by(|a, b| a.1 == b.1) {
        let site = same_site[0].1;
        if site == NO_SITE {
            continue;
        }
        sites += 1;
        let stories = same_site.chunk_by(|a, b| a.2 == b.2).count();
        if stories >= MIN_PAGES {
            of_site(site);
        }
    }
    web_boilerplate(run, sites)
}

/// Whether one paragraph, given as its entries (one per page it is on), is
/// a passage of the web: on the pages of at least [`MIN_SITES`] sites,
/// mostly beside different stories.
fn web_boilerplate(run: &[(u64, u32, u64)], sites: usize) -> bool {
    if run.len() < MIN_SITES || sites < MIN_SITES {
        return false;
    }
    let mut stories: Vec<u64> = run.iter().map(|e| e.2).collect();
    stories.sort_unstable();
    stories.dedup();
    stories.len() >= MIN_SITES && stories.len() * 2 >= run.len()
}

/// A page's shingle set without the paragraphs `boilerplate` marks.
pub(crate) fn kept_set(p: &Analyzed, boilerplate: Option<&[bool]>) -> Vec<Shingle> {
    let Some(marks) = boilerplate else {
        return p.print.set();
    };
    let paragraphs = p.print.paragraphs();
    let mut set: Vec<Shingle> = paragraphs
        .iter()
        .zip(marks)
        .filter(|&(_, &boiler)| !boiler)
        .flat_map(|(s, _)| s.iter().copied())
        .collect();
    set.sort_unstable();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{page, para};

    /// How many of page `i`'s shingles matching keeps.
    fn kept(pages: &[Analyzed], i: usize) -> usize {
        kept_set(&pages[i], boilerplate_paragraphs(pages)[i].as_deref()).len()
    }

    #[test]
    fn a_notice_on_many_sites_beside_different_stories_is_left_out() {
        let notice = para(1);
        let pages: Vec<Analyzed> = (0..12)
            .map(|i| {
                let url = format!("https://site{i}.example/story");
                page(&url, &[para(100 + i), para(200 + i), notice.clone()])
            })
            .collect();
        let story_only = crate::fingerprint::fingerprint(&[para(100), para(200)]);
        assert_eq!(kept(&pages, 0), story_only.set().len());
    }

    #[test]
    fn a_story_copied_by_many_sites_keeps_its_paragraphs() {
        let story = [para(1), para(2), para(3)];
        let pages: Vec<Analyzed> = (0..12)
            .map(|i| page(&format!("https://farm{i}.example/copy"), &story))
            .collect();
        assert_eq!(kept(&pages, 0), pages[0].print.set().len());
    }

    #[test]
    fn a_site_disclaimer_is_left_out_of_that_sites_pages_only() {
        let disclaimer = para(9);
        let mut pages: Vec<Analyzed> = (0..3)
            .map(|i| {
                page(
                    &format!("https://farm.example/{i}"),
                    &[para(30 + i), disclaimer.clone()],
                )
            })
            .collect();
        pages.push(page(
            "https://other.example/x",
            &[para(40), disclaimer.clone()],
        ));
        assert!(kept(&pages, 0) < pages[0].print.set().len());
        assert_eq!(kept(&pages, 3), pages[3].print.set().len());
    }
}
