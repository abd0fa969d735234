//! The researcher's view by site: which sites republish whose stories, how
//! stale, how padded.

use super::round3;
use super::table::{Cell, Column, Kind, Table, always, count};
use crate::analyze::{Analyzed, SiteFrom};
use crate::judge::{Role, Verdict};
use crate::signals::Flag;
use crate::signals::farm_site::share_lower_bound;
use std::collections::BTreeMap;

/// One row of the sites report, columns in the order researchers asked for
/// (`site_from` added last).
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteRow {
    pub site: String,
    pub pages: usize,
    pub copies: usize,
    /// The sites its copies were copied from, most copied first.
    pub copied_from_sites: Vec<String>,
    /// Copies whose body credits a wire service.
    pub wire_copies: usize,
    pub junk_links: usize,
    pub date_mismatch: usize,
    pub median_lag_days: Option<f64>,
    pub median_similarity: Option<f64>,
    /// Share of the site's pages that are copies carrying junk links or a false date.
    pub farm_share: f64,
    /// `url` when the site is a URL's domain, `folder` when no URL was known.
    pub site_from: SiteFrom,
    /// The lower bound of `farm_share` (Wilson, 95% one-sided): how surely
    /// the site is a farm given how many of its pages were seen. Rows are
    /// ranked by it, so one misjudged page of a real site does not rank
    /// above a farm of fifty copies.
    pub farm_share_low: f64,
}

impl Table for SiteRow {
    const COLUMNS: &'static [Column<Self>] = &[
        always(Column::new("site", Kind::Text, |r| {
            Cell::Text(Some(&r.site))
        })),
        always(Column::new("pages", Kind::Int, |r| {
            Cell::Int(count(r.pages))
        })),
        always(Column::new("copies", Kind::Int, |r| {
            Cell::Int(count(r.copies))
        })),
        Column::new("copied_from_sites", Kind::List, |r| {
            Cell::List(r.copied_from_sites.iter().map(String::as_str).collect())
        }),
        always(Column::new("wire_copies", Kind::Int, |r| {
            Cell::Int(count(r.wire_copies))
        })),
        always(Column::new("junk_links", Kind::Int, |r| {
            Cell::Int(count(r.junk_links))
        })),
        always(Column::new("date_mismatch", Kind::Int, |r| {
            Cell::Int(count(r.date_mismatch))
        })),
        Column::new("median_lag_days", Kind::Float, |r| {
            Cell::Float(r.median_lag_days)
        }),
        Column::new("median_similarity", Kind::Float, |r| {
            Cell::Float(r.median_similarity)
        }),
        always(Column::new("farm_share", Kind::Float, |r| {
            Cell::Float(Some(r.farm_share))
        })),
        always(Column::new("site_from", Kind::Text, |r| {
            Cell::Text(Some(r.site_from.name()))
        })),
        always(Column::new("farm_share_low", Kind::Float, |r| {
            Cell::Float(Some(r.farm_share_low))
        })),
    ];
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    })
}

/// Aggregates the reported pages by site, the surest farms first (by the
/// lower bound of their farm share).
pub(crate) fn aggregate(pages: &[Analyzed], verdicts: &[Verdict]) -> Vec<SiteRow> {
    #[derive(Default)]
    struct Acc {
        from: SiteFrom,
        pages: usize,
        copies: usize,
        sources: BTreeMap<String, usize>,
        wire: usize,
        junk: usize,
        dates: usize,
        lags: Vec<f64>,
        sims: Vec<f64>,
        farm: usize,
    }
    let sites: Vec<(String, SiteFrom)> = pages.iter().map(Analyzed::site).collect();
    let mut acc: BTreeMap<&str, Acc> = BTreeMap::new();
    for (i, (p, v)) in pages.iter().zip(verdicts).enumerate() {
        if p.from_index {
            continue;
        }
        let a = acc.entry(&sites[i].0).or_default();
        a.from = sites[i].1;
        a.pages += 1;
        a.junk += usize::from(v.flags.contains(&Flag::JunkLinks));
        a.dates += usize::from(v.flags.contains(&Flag::DateMismatch));
        if v.role == Role::Copy {
            a.copies += 1;
            a.wire += usize::from(p.wire.is_some());
            if let Some(c) = &v.copy_of {
                *a.sources.entry(sites[c.original].0.clone()).or_insert(0) += 1;
                a.sims.push(c.similarity);
                if let Some(lag) = c.date_lag_days {
                    a.lags.push(lag as f64);
                }
            }
            if v.flags.contains(&Flag::JunkLinks) || v.flags.contains(&Flag::DateMismatch) {
                a.farm += 1;
            }
        }
    }
    let mut rows: Vec<SiteRow> = acc
        .into_iter()
        .map(|(site, a)| {
            let mut sources: Vec<(String, usize)> = a.sources.into_iter().collect();
            sources.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
            SiteRow {
                site: site.to_string(),
                pages: a.pages,
                copies: a.copies,
                copied_from_sites: sources.into_iter().map(|(s, _)| s).collect(),
                wire_copies: a.wire,
                junk_links: a.junk,
                date_mismatch: a.dates,
                median_lag_days: median(a.lags),
                median_similarity: median(a.sims).map(round3),
                farm_share: round3(a.farm as f64 / a.pages.max(1) as f64),
                site_from: a.from,
                farm_share_low: round3(share_lower_bound(a.farm, a.pages)),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.farm_share_low
            .total_cmp(&a.farm_share_low)
            .then(b.farm_share.total_cmp(&a.farm_share))
            .then(b.pages.cmp(&a.pages))
            .then(a.site.cmp(&b.site))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn one_misjudged_page_ranks_below_a_farm_of_many_copies() {
        let page = |path: &str, url: &str| {
            let mut p = Analyzed::bare(
                crate::corpus::Source::file(path),
                crate::corpus::PageStatus::Ok,
                false,
            );
            p.url = Some(url.into());
            p
        };
        let farm_copy = Verdict {
            role: Role::Copy,
            copy_of: None,
            flags: vec![Flag::Copy, Flag::JunkLinks],
            date_issues: Vec::new(),
        };
        let clean = Verdict {
            role: Role::Unique,
            copy_of: None,
            flags: Vec::new(),
            date_issues: Vec::new(),
        };
        let mut pages = vec![page("a/one.html", "https://lonely.example/1")];
        let mut verdicts = vec![farm_copy.clone()];
        for i in 0..20 {
            pages.push(page(
                &format!("b/{i}.html"),
                &format!("https://farm.example/{i}"),
            ));
            verdicts.push(if i < 16 {
                farm_copy.clone()
            } else {
                clean.clone()
            });
        }
        let rows = aggregate(&pages, &verdicts);
        assert_eq!(rows[0].site, "farm.example");
        assert_eq!((rows[0].farm_share, rows[1].farm_share), (0.8, 1.0));
        assert!(rows[0].farm_share_low > rows[1].farm_share_low);
    }

    #[test]
    fn sites_are_registrable_domains_or_folders() {
        let mut p = Analyzed::bare(
            crate::corpus::Source::file("crawl/farm/a.html"),
            crate::corpus::PageStatus::Ok,
            false,
        );
        assert_eq!(p.site(), ("crawl/farm".to_string(), SiteFrom::Folder));
        // Another corpus's folder of the same name is another site.
        let other = Analyzed::bare(
            crate::corpus::Source::file("other/farm/a.html"),
            crate::corpus::PageStatus::Ok,
            false,
        );
        assert_ne!(other.site(), p.site());
        let top = Analyzed::bare(
            crate::corpus::Source::file("a.html"),
            crate::corpus::PageStatus::Ok,
            false,
        );
        assert_eq!(top.site().0, ".");
        p.url = Some("https://news.bbc.co.uk/world/1".into());
        assert_eq!(p.site(), ("bbc.co.uk".to_string(), SiteFrom::Url));
    }
}
