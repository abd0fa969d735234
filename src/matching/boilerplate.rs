//! Site boilerplate: paragraphs a site repeats on many of its pages
//! (disclaimers, "subscribe" lines, author blurbs). They say nothing about
//! which story a page carries, so matching leaves them out: they neither
//! make two pages of a site copies nor dilute a copy's share of copied text.

use crate::analyze::Analyzed;
use crate::extract::url_host;
use crate::fingerprint::Shingle;
use std::collections::{HashMap, HashSet};

/// Different stories of one site a paragraph must stand beside to be
/// boilerplate: a template repeats beside every story.
const MIN_PAGES: usize = 3;

/// A paragraph's identity: its shingle hashes folded together.
fn paragraph_key(shingles: &[Shingle]) -> u64 {
    shingles.iter().fold(0x9e37_79b9_7f4a_7c15, |acc, &h| {
        acc.rotate_left(5) ^ u64::from(h)
    })
}

/// The shingle set of every page with its site's boilerplate paragraphs
/// left out; `None` where nothing was left out. Pages without a URL have no
/// known site and keep their whole body.
pub fn without_site_boilerplate(pages: &[Analyzed]) -> Vec<Option<Vec<Shingle>>> {
    let sites: Vec<Option<String>> = pages
        .iter()
        .map(|p| p.url.as_deref().and_then(url_host))
        .collect();
    // For each paragraph of a site, the different stories it stands beside,
    // each known by the page's longest other paragraph. A story the site
    // posted twice or thrice stands beside itself; a disclaimer stands
    // beside many stories.
    let mut beside: HashMap<(&str, u64), HashSet<u64>> = HashMap::new();
    for (p, site) in pages.iter().zip(&sites) {
        let Some(site) = site else { continue };
        let mut paras: Vec<(usize, u64)> = p
            .print
            .paragraphs
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| (s.len(), paragraph_key(s)))
            .collect();
        paras.sort_unstable_by(|a, b| b.cmp(a));
        paras.dedup_by_key(|x| x.1);
        for &(_, k) in &paras {
            let story = paras
                .iter()
                .find(|&&(_, other)| other != k)
                .map_or(0, |&(_, other)| other);
            beside.entry((site.as_str(), k)).or_default().insert(story);
        }
    }
    pages
        .iter()
        .zip(&sites)
        .map(|(p, site)| {
            let site = site.as_deref()?;
            let boiler = |s: &Vec<Shingle>| {
                beside
                    .get(&(site, paragraph_key(s)))
                    .is_some_and(|stories| stories.len() >= MIN_PAGES)
            };
            if !p
                .print
                .paragraphs
                .iter()
                .any(|s| !s.is_empty() && boiler(s))
            {
                return None;
            }
            let mut set: Vec<Shingle> = p
                .print
                .paragraphs
                .iter()
                .filter(|s| !boiler(s))
                .flatten()
                .copied()
                .collect();
            set.sort_unstable();
            set.dedup();
            Some(set)
        })
        .collect()
}
