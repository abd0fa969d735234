//! Farm sites: a site most of whose pages carry junk links or copy another
//! site's story, with enough pages to be sure. What the corpus says of a
//! site decides between contenders for original whose dates tie, and ranks
//! the sites report.

use crate::analyze::Analyzed;
use crate::judge::{CopyOf, Role};
use std::collections::HashMap;

/// Share of a site's pages showing farm evidence, at its lower confidence
/// bound, from which the site is a farm: at the lower bound, two farm
/// pages in two do not make a farm, forty in fifty do. Held by
/// `scripts/eval-matching --real` (real originals judged original).
const FARM_SITE_SHARE: f64 = 0.5;

/// Whether each page's site is a farm, from the pages' junk flags and a
/// first attribution (the lower bound of the share, as the sites report
/// ranks them). A site of one or two misjudged pages is not a farm.
pub(crate) fn farm_sites(
    pages: &[Analyzed],
    junk: &[bool],
    roles: &[Role],
    copy_of: &[Option<CopyOf>],
) -> Vec<bool> {
    let (sites, count) = site_numbers(pages);
    let mut tally = vec![(0usize, 0usize); count];
    for (i, evidence) in farm_evidence(pages, &sites, junk, roles, copy_of)
        .into_iter()
        .enumerate()
    {
        if let Some(farm) = evidence {
            let t = &mut tally[sites[i] as usize];
            t.0 += usize::from(farm);
            t.1 += 1;
        }
    }
    sites
        .iter()
        .map(|&s| {
            let (farm, all) = tally[s as usize];
            is_farm_site(farm, all)
        })
        .collect()
}

/// Each page's site as a number (a name per site, not per page), and how
/// many sites there are.
pub(crate) fn site_numbers(pages: &[Analyzed]) -> (Vec<u32>, usize) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let sites: Vec<u32> = pages
        .iter()
        .map(|p| {
            let next = ids.len() as u32;
            *ids.entry(p.site().0).or_insert(next)
        })
        .collect();
    (sites, ids.len())
}

/// Whether each page shows farm evidence for its site (`sites`, as
/// numbered by [`site_numbers`]), from a first attribution without site
/// reputations: junk links, or a copy of another site's page. `None` for a
/// page its site's tally does not count (unreadable, or from the index).
pub(crate) fn farm_evidence(
    pages: &[Analyzed],
    sites: &[u32],
    junk: &[bool],
    roles: &[Role],
    copy_of: &[Option<CopyOf>],
) -> Vec<Option<bool>> {
    (0..pages.len())
        .map(|i| {
            if !pages[i].is_ok() || pages[i].from_index {
                return None;
            }
            let copies_elsewhere = roles[i] == Role::Copy
                && copy_of[i]
                    .as_ref()
                    .is_some_and(|c| sites[c.original] != sites[i]);
            Some(junk[i] || copies_elsewhere)
        })
        .collect()
}

/// Whether a site with `farm` pages of farm evidence among the `all` its
/// tally counts is a farm.
pub(crate) fn is_farm_site(farm: usize, all: usize) -> bool {
    share_lower_bound(farm, all) >= FARM_SITE_SHARE
}

/// The lower bound of a share seen as `hits` of `n` (Wilson score
/// interval, 95% one-sided): a share of one page in one is weak evidence,
/// forty in fifty is strong.
pub(crate) fn share_lower_bound(hits: usize, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    const Z: f64 = 1.6449;
    let (n, p) = (n as f64, hits as f64 / n as f64);
    let z2 = Z * Z;
    let centre = p + z2 / (2.0 * n);
    let spread = Z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - spread) / (1.0 + z2 / n)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::share_lower_bound;

    #[test]
    fn share_lower_bounds_grow_with_evidence() {
        assert_eq!(share_lower_bound(0, 0), 0.0);
        assert!(share_lower_bound(1, 1) < 0.5);
        assert!(share_lower_bound(40, 50) > 0.65);
        assert!(share_lower_bound(1, 1) < share_lower_bound(5, 5));
    }
}
