//! Boilerplate: paragraphs a site repeats on many of its pages
//! (disclaimers, "subscribe" lines, author blurbs), and passages found on
//! the pages of many different sites beside different stories (a consent
//! platform's notice, a syndicated widget's text). They say nothing about
//! which story a page carries, so matching leaves them out: they neither
//! make two pages copies nor dilute a copy's share of copied text.

use crate::address::url_host;
use crate::analyze::Analyzed;
use crate::fingerprint::Shingle;
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
fn paragraph_key(shingles: &[Shingle]) -> u64 {
    shingles.iter().fold(0x9e37_79b9_7f4a_7c15, |acc, &h| {
        acc.rotate_left(5) ^ u64::from(h)
    })
}

/// Each distinct paragraph of a page with the story it stands beside: the
/// page's longest other paragraph. A story the site posted twice or thrice
/// stands beside itself; a disclaimer stands beside many stories.
fn paragraphs_beside(p: &Analyzed) -> Vec<(u64, u64)> {
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

/// Passages on the pages of at least [`MIN_SITES`] sites that mostly stand
/// beside different stories. Counted in two steps so that only passages
/// found that often cost more than a counter.
fn web_boilerplate(keyed: &[Vec<(u64, u64)>], sites: &[Option<String>]) -> HashSet<u64> {
    let mut seen: HashMap<u64, u32> = HashMap::new();
    for paras in keyed {
        for &(k, _) in paras {
            *seen.entry(k).or_default() += 1;
        }
    }
    let mut spread: HashMap<u64, (HashSet<&str>, HashSet<u64>, usize)> = seen
        .into_iter()
        .filter(|&(_, n)| n as usize >= MIN_SITES)
        .map(|(k, _)| (k, Default::default()))
        .collect();
    for (paras, site) in keyed.iter().zip(sites) {
        for &(k, story) in paras {
            if let Some((on_sites, stories, pages)) = spread.get_mut(&k) {
                on_sites.extend(site.as_deref());
                stories.insert(story);
                *pages += 1;
            }
        }
    }
    spread
        .into_iter()
        .filter(|(_, (on_sites, stories, pages))| {
            on_sites.len() >= MIN_SITES && stories.len() >= MIN_SITES && stories.len() * 2 >= *pages
        })
        .map(|(k, _)| k)
        .collect()
}

/// Which paragraphs of every page are boilerplate: its site's (pages
/// without a URL have no known site) and the web's; `None` where none is.
pub(crate) fn boilerplate_paragraphs(pages: &[Analyzed]) -> Vec<Option<Vec<bool>>> {
    let sites: Vec<Option<String>> = pages
        .iter()
        .map(|p| p.url.as_deref().and_then(url_host))
        .collect();
    // For each paragraph of a site, the different stories it stands beside.
    let keyed: Vec<Vec<(u64, u64)>> = pages.iter().map(paragraphs_beside).collect();
    let mut beside: HashMap<(&str, u64), HashSet<u64>> = HashMap::new();
    for (paras, site) in keyed.iter().zip(&sites) {
        let Some(site) = site else { continue };
        for &(k, story) in paras {
            beside.entry((site.as_str(), k)).or_default().insert(story);
        }
    }
    let web = web_boilerplate(&keyed, &sites);
    drop(keyed);
    pages
        .iter()
        .zip(&sites)
        .map(|(p, site)| {
            let boiler = |s: &[Shingle]| {
                let k = paragraph_key(s);
                !s.is_empty()
                    && (web.contains(&k)
                        || site.as_deref().is_some_and(|site| {
                            beside
                                .get(&(site, k))
                                .is_some_and(|stories| stories.len() >= MIN_PAGES)
                        }))
            };
            let marks: Vec<bool> = p.print.paragraphs().iter().map(boiler).collect();
            marks.contains(&true).then_some(marks)
        })
        .collect()
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
    use crate::corpus::Source;

    /// A paragraph of made-up words, its own for each seed.
    fn para(seed: u64) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..40)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 100_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn page(url: &str, paras: &[String]) -> Analyzed {
        let mut p = Analyzed::bare(Source::file(url), crate::corpus::PageStatus::Ok, false);
        p.url = Some(url.into());
        p.print = crate::fingerprint::fingerprint(paras);
        p
    }

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
