//! `copy`: which page of a cluster is the original, and which are copies.
//!
//! The original is chosen by the evidence a person would weigh, strongest
//! first, and the first that tells two pages apart decides:
//!
//! 1. a page the user named as an original (`--originals`, the index);
//! 2. a page without junk links over one padded with them (a farm is never
//!    the source of a clean page);
//! 3. the earliest credible first publication day: the earliest day among
//!    the page's first-publication fields and the day it shows readers. A
//!    day only a modified field backs is an update, a day after the crawl
//!    is no publication, a guessed day (a date in the story's text, a
//!    copyright year) is weighed only against another guess, and a field the page
//!    itself contradicts with an earlier shown day is not believed;
//! 4. a page not on a farm site (what the whole corpus says of its site:
//!    most of its pages padded with junk links or copying other sites);
//! 5. a page on the credited wire service's own site;
//! 6. on the same day, a page that documents its publisher (a canonical
//!    address on its own site, a publisher name matching its host): a bare
//!    page stating an earlier hour is not believed over the publisher's;
//! 7. on the same day, the earlier time when both state one;
//! 8. the body that holds clearly more of the other's than extraction noise
//!    explains (a copy is often an excerpt);
//! 9. the page whose date publisher metadata documents (JSON-LD,
//!    `article:published_time`, `<time pubdate>`) over one only shown;
//! 10. a dated page over an undated one;
//! 11. finally the path, so the choice never depends on thread timing.

use crate::analyze::Analyzed;
use crate::config::Config;
use crate::extract::{Confidence, DateField, FoundDate, MetaFamily, TimeMark};
use crate::fingerprint::{Shingle, intersection_size};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::cmp::Ordering;

/// A page competing to be its cluster's original.
pub(crate) struct Contender<'a> {
    pub page: &'a Analyzed,
    /// The body's shingles as matching sees them (site boilerplate left out).
    pub set: &'a [Shingle],
    pub junk: bool,
    /// The page's site is a farm by the corpus's evidence.
    pub farm_site: bool,
}

/// The evidence that told an original from its copy, in the order weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Evidence {
    GivenOriginal,
    NoJunkLinks,
    EarlierDate,
    NotFarmSite,
    WireServiceSite,
    DocumentedPublisher,
    EarlierTime,
    HoldsTheOther,
    DocumentedDate,
    Dated,
    Path,
}

impl Evidence {
    /// The evidence in words, for `explain`.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Evidence::GivenOriginal => "the original was given as one (--originals, the index)",
            Evidence::NoJunkLinks => "the copy is padded with junk links and the original is not",
            Evidence::EarlierDate => {
                "the original credibly claims an earlier first publication day"
            }
            Evidence::DocumentedPublisher => {
                "both claim the same day and only the original documents its publisher (a canonical address on its own site, or a publisher name matching its host)"
            }
            Evidence::EarlierTime => {
                "both claim the same day and the original states an earlier time"
            }
            Evidence::NotFarmSite => {
                "their dates tie and the copy's site is a farm (most of its pages carry junk links or copy other sites)"
            }
            Evidence::WireServiceSite => "the original is on the credited wire service's own site",
            Evidence::HoldsTheOther => {
                "the original's body holds clearly more of the copy's than the copy holds of the original's"
            }
            Evidence::DocumentedDate => {
                "the original's date is in publisher metadata, the copy's only shown"
            }
            Evidence::Dated => "the original states a date and the copy none",
            Evidence::Path => "nothing else told them apart; the original's path sorts first",
        }
    }
}

/// The first publication a page credibly claims, and how sure the page is
/// of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claim {
    pub day: NaiveDate,
    pub confidence: Confidence,
}

/// The first publication a page credibly claims: the earliest of its
/// first-publication fields and the day it shows readers, as sure as the
/// surest of what states that day. A shown day that only a modified field
/// backs is the day of an update and does not count; nor does a day after
/// the page was crawled.
pub(crate) fn credible_claim(p: &Analyzed) -> Option<Claim> {
    let d = &p.dates;
    // A day read from what the page shows (or a guess) that no
    // first-publication field backs and the modified date names is the
    // day of an update ("Last updated Mar 11").
    let not_an_update = |f: &&FoundDate| {
        d.candidates.iter().any(|c| c.date == f.date)
            || d.modified.as_ref().is_none_or(|m| m.date != f.date)
    };
    let crawled = |f: &&FoundDate| p.crawl_date.is_none_or(|c| f.date <= c);
    d.candidates
        .iter()
        .chain(d.published.iter().filter(not_an_update))
        .chain(d.shown.iter().filter(not_an_update))
        .filter(crawled)
        .map(|f| Claim {
            day: f.date,
            confidence: f.confidence(),
        })
        .min_by(|x, y| x.day.cmp(&y.day).then(y.confidence.cmp(&x.confidence)))
}

/// The day of [`credible_claim`].
pub(crate) fn credible_date(p: &Analyzed) -> Option<NaiveDate> {
    credible_claim(p).map(|c| c.day)
}

/// Orders two claims by day. A guessed day against a surer one decides
/// nothing either way: a date in a story's text may be the news it tells,
/// a copyright year is this year's footer, and neither says when the page
/// was published.
fn earlier_claim(a: Option<Claim>, b: Option<Claim>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y))
            if (x.confidence == Confidence::Guess) == (y.confidence == Confidence::Guess) =>
        {
            x.day.cmp(&y.day)
        }
        _ => Ordering::Equal,
    }
}

/// The claimed moment of first publication, when a field states the time
/// on the credible day, and whether it stated its zone.
fn credible_time(p: &Analyzed, day: NaiveDate) -> Option<(NaiveDateTime, bool)> {
    p.dates
        .published
        .iter()
        .chain(&p.dates.candidates)
        .filter(|f| f.date == day)
        .find_map(|f| Some((f.utc?, f.zoned)))
}

/// Orders two claimed moments of one day. A time without its zone may be
/// any zone's: it is compared only with another such time (two pages of
/// one region), never with a zoned one.
fn earlier_time(a: Option<(NaiveDateTime, bool)>, b: Option<(NaiveDateTime, bool)>) -> Ordering {
    match (a, b) {
        (Some((x, zx)), Some((y, zy))) if zx == zy => x.cmp(&y),
        _ => Ordering::Equal,
    }
}

/// Orders two pages of a cluster: `Less` means `a` is the better original;
/// the evidence says what decided.
pub(crate) fn better_original(ca: &Contender<'_>, cb: &Contender<'_>) -> (Ordering, Evidence) {
    let (a, b) = (ca.page, cb.page);
    let wire_home = |p: &Analyzed| p.wire_site.is_some() && p.wire_site == p.wire;
    let (claim_a, claim_b) = (credible_claim(a), credible_claim(b));
    let (da, db) = (claim_a.map(|c| c.day), claim_b.map(|c| c.day));
    let same_day = da.is_some() && da == db;
    let steps = [
        (
            b.given_original.cmp(&a.given_original),
            Evidence::GivenOriginal,
        ),
        (ca.junk.cmp(&cb.junk), Evidence::NoJunkLinks),
        (earlier_claim(claim_a, claim_b), Evidence::EarlierDate),
        (ca.farm_site.cmp(&cb.farm_site), Evidence::NotFarmSite),
        (wire_home(b).cmp(&wire_home(a)), Evidence::WireServiceSite),
        (
            if same_day {
                b.documents_publisher.cmp(&a.documents_publisher)
            } else {
                Ordering::Equal
            },
            Evidence::DocumentedPublisher,
        ),
        (
            if same_day {
                earlier_time(
                    da.and_then(|d| credible_time(a, d)),
                    db.and_then(|d| credible_time(b, d)),
                )
            } else {
                Ordering::Equal
            },
            Evidence::EarlierTime,
        ),
        (holds_the_other(ca.set, cb.set), Evidence::HoldsTheOther),
        (
            date_documentation(b).cmp(&date_documentation(a)),
            Evidence::DocumentedDate,
        ),
        (da.is_none().cmp(&db.is_none()), Evidence::Dated),
        (a.source.cmp(&b.source), Evidence::Path),
    ];
    steps
        .into_iter()
        .find(|(o, _)| o.is_ne())
        .unwrap_or((Ordering::Equal, Evidence::Path))
}

/// Containment gap under which two bodies count as the same text: the
/// extraction of a page as served adds or misses menus, captions and
/// related boxes, which moves containment by this much between the
/// publisher's page and a clean copy of its story. Wider, a copy that
/// trimmed the story's end reads as the same text and the date decides;
/// narrower, the publisher's page as served reads as a partial copy of the
/// farm's clean one. Held by `scripts/eval-matching --real` (right
/// original, real originals judged original).
const SAME_TEXT_GAP: f64 = 0.3;

/// `Less` when `a`'s body holds clearly more of `b`'s than `b`'s holds of
/// `a`'s (`b` is the excerpt); `Equal` for bodies within extraction noise.
fn holds_the_other(a: &[Shingle], b: &[Shingle]) -> Ordering {
    let shared = intersection_size(a, b) as f64;
    let a_in_b = shared / a.len().max(1) as f64;
    let b_in_a = shared / b.len().max(1) as f64;
    if (a_in_b - b_in_a).abs() < SAME_TEXT_GAP {
        Ordering::Equal
    } else if b_in_a > a_in_b {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

/// How formally a page documents its date: publishers' systems write
/// structured fields; a date only printed on the page is weaker evidence.
fn date_documentation(p: &Analyzed) -> u8 {
    let Some(rule) = p.dates.published.as_ref().map(|f| &f.rule) else {
        return 0;
    };
    match rule.field {
        DateField::JsonLd(_) => 2,
        DateField::Meta(m) if m.family == MetaFamily::Article => 2,
        DateField::Time(TimeMark::Pubdate) => 2,
        DateField::Meta(_) | DateField::Url => 1,
        _ => 0,
    }
}

/// Share of an original's body a page must hold to carry it whole: lower,
/// an excerpt counts as the whole story and outranks its original on date;
/// higher, a full copy with a trimmed end does not. Held by
/// `scripts/eval-matching` (excerpt and full kinds, right original).
pub(crate) const HOLDS_WHOLE: f64 = 0.8;

/// Shingles a page must share with an original it carries whole, or with
/// a page of its own site: a body of a few lines (a blurb, a caption) is
/// no story to copy. About a hundred words of shared text; held by
/// `scripts/eval-false-flags` (legitimate pages judged copies).
const MIN_SHARED_WHOLE: usize = 100;

/// How much less of a page its rewording features may find in the
/// original than `--min-similarity` asks of its shingles: rewording loses
/// some pairs of content words too (a synonym breaks the pairs it is in).
/// A spun copy keeps most pairs it did not cut; two outlets' own reports
/// of one event share names and numbers, and few pairs of their wording.
/// Held by `scripts/eval-matching --reworded` (reworded kinds against the
/// same-event hard negatives and the legitimate pages).
const REWORDING_ALLOWANCE: f64 = 0.15;
/// How much more of a page its rewording features must find in the
/// original than its shingles do: the mark of rewording, which breaks
/// shingles and keeps pairs. A page pasted together from a third of a
/// story finds as much by either, and is judged by its shingles alone.
const REWORDING_GAP: f64 = 0.05;
/// Share of the original's rewording features a reworded copy must cover.
const MIN_REWORDED_COVER: f64 = 0.2;
/// Features a reworded copy must share with its original: a few sentences'
/// worth, so a shared quotation is no copy.
const MIN_REWORDED_SHARED: usize = 40;

/// Whether a page holding `part` of its rewording features in an original
/// that it covers `cover` of, sharing `shared`, rewords that original;
/// `verbatim` is the share of its shingles found there.
pub(crate) fn rewords(part: f64, cover: f64, shared: usize, verbatim: f64, cfg: &Config) -> bool {
    part >= cfg.min_similarity - REWORDING_ALLOWANCE
        && part - verbatim >= REWORDING_GAP
        && cover >= MIN_REWORDED_COVER
        && shared >= MIN_REWORDED_SHARED
}

/// How much a page and a candidate original hold of each other.
pub(crate) struct Overlap {
    /// Share of the page's shingles found in the original.
    pub similarity: f64,
    /// Share of the original's shingles found in the page.
    pub held: f64,
    /// Shingles the two share.
    pub shared: usize,
}

/// Whether a page overlapping an original so is its copy: it holds enough
/// of itself there (less for an original given by the user, a known
/// source), or it carries the original's whole body however much else it
/// adds (the publisher's page as served often yields only part of its
/// story, which a farm copy then holds), and more than a quotation's worth.
pub(crate) fn copies(o: &Overlap, original_given: bool, cfg: &Config) -> bool {
    let least = if original_given {
        cfg.min_similarity_given
    } else {
        cfg.min_similarity
    };
    let carries_original = o.held >= HOLDS_WHOLE && o.shared >= MIN_SHARED_WHOLE;
    (o.similarity >= least || carries_original) && o.shared >= cfg.min_shared_shingles
}

/// Whether two pages of one site are the same story served twice: pages of
/// a site share template text (category, tag and catalogue pages), so
/// only bodies mostly inside each other, of a story's length, are related.
pub(crate) fn same_story_on_one_site(
    a_in_b: f64,
    b_in_a: f64,
    shared: usize,
    cfg: &Config,
) -> bool {
    a_in_b.min(b_in_a) >= cfg.min_same_site_similarity && shared >= MIN_SHARED_WHOLE
}

/// Whether a page is on a site the configuration licenses for
/// republication (`licensed` in the TOML file): its copies are not flagged.
pub(crate) fn licensed(original: &Analyzed, cfg: &Config) -> bool {
    !cfg.licensed.is_empty()
        && original
            .url
            .as_deref()
            .and_then(crate::address::url_domain)
            .is_some_and(|d| cfg.licensed.contains(&d))
}

/// How many of the copy's paragraphs are mostly (at least half their
/// shingles) found in the original.
pub(crate) fn shared_paragraphs(copy: &Analyzed, original: &Analyzed) -> usize {
    let whole = original.print.set();
    copy.print
        .paragraphs()
        .iter()
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let found = p.iter().filter(|h| whole.binary_search(h).is_ok()).count();
            found * 2 >= p.len()
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{DateRule, FoundDate, JsonLdKey, TextRule};
    use crate::test_pages::{page, para};

    /// An original restored from the index, dated the same day as the
    /// others by `field`.
    fn indexed(path: &str, field: DateField) -> Analyzed {
        let mut p = page(path, &[para(1), para(2)]);
        p.given_original = true;
        p.from_index = true;
        p.dates.published = Some(FoundDate::day(
            NaiveDate::from_ymd_opt(2024, 3, 5).unwrap(),
            DateRule {
                from_index: true,
                ..DateRule::new(field)
            },
        ));
        p
    }

    #[test]
    fn an_indexed_pages_structured_date_counts_as_documented() {
        // The shown date's path sorts first: only the documentation of the
        // other's date makes it the original.
        let shown = indexed("a.html", DateField::Text(TextRule::NearHeadline));
        let documented = indexed("b.html", DateField::JsonLd(JsonLdKey::DatePublished));
        let set = documented.print.set();
        let contender = |page| Contender {
            page,
            set: &set,
            junk: false,
            farm_site: false,
        };
        assert_eq!(
            better_original(&contender(&documented), &contender(&shown)),
            (Ordering::Less, Evidence::DocumentedDate)
        );
    }
}
