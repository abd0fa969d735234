//! `date_mismatch`: the date a page claims, checked against the evidence.
//!
//! Reasons, each with a code for the `date_issue` column:
//! - `stale`: a copy claims a date well after its original's;
//! - `backdated`: a copy claims a date before its original's (neither is
//!   raised on the copy's guessed date, such as the first date of its
//!   story's text or a copyright year, nor against a month or a year);
//! - `future`: the claimed date is after the page was crawled;
//! - `weekday`: the lede dates the news with a weekday ("said Monday") that
//!   is neither the claimed date's weekday, nor one of the two days before
//!   it (a weekly or a regional paper runs Wednesday's statement on
//!   Friday), nor the day after it (time zones);
//! - `inconsistent`: the page's own publication-date fields disagree, and
//!   the later is not within the edits its modified date documents.

use crate::analyze::lede::{self, LedeWeekday};
use crate::config::Config;
use crate::extract::{Confidence, DateField, FoundDate, JsonLdKey, PageDates, Precision};
use chrono::NaiveDate;
use serde::Serialize;

/// The kinds of contradiction, named in the `date_issue` column by their
/// codes (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum IssueKind {
    Stale,
    Backdated,
    Future,
    Weekday,
    Inconsistent,
}

impl IssueKind {
    /// The code users read in reports.
    pub(crate) fn code(self) -> &'static str {
        match self {
            IssueKind::Stale => "stale",
            IssueKind::Backdated => "backdated",
            IssueKind::Future => "future",
            IssueKind::Weekday => "weekday",
            IssueKind::Inconsistent => "inconsistent",
        }
    }
}

/// One reason the claimed date is contradicted, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct DateIssue {
    pub code: IssueKind,
    pub detail: String,
}

/// What the check needs to know about one page.
pub(crate) struct DateEvidence<'a> {
    pub dates: &'a PageDates,
    pub lede: Option<&'a LedeWeekday>,
    pub crawl_date: Option<NaiveDate>,
    /// The original's claimed date, for a copy.
    pub original_date: Option<&'a FoundDate>,
}

/// Every contradiction of the page's claimed date, most telling first.
pub(crate) fn check(e: &DateEvidence<'_>, cfg: &Config) -> Vec<DateIssue> {
    let mut issues = Vec::new();
    let Some(found) = e.dates.published.as_ref() else {
        return issues;
    };
    let claimed = found.date;
    // A copy's guessed date (the first date of its story's text, which
    // may be the news it tells) is no evidence it moved its date, and a
    // month or a year is no day to count a lag from. An original's guessed
    // day still dates the story: a copy stating a day months after it is
    // stale whatever rule read the original's.
    let sure = found.confidence() > Confidence::Guess;
    if let Some(orig) = e
        .original_date
        .filter(|o| sure && o.precision == Precision::Day)
        .map(|o| o.date)
    {
        let lag = (claimed - orig).num_days();
        if lag > cfg.stale_days {
            issues.push(DateIssue {
                code: IssueKind::Stale,
                detail: format!("claims {claimed}, {lag} days after its original's {orig}"),
            });
        } else if lag < 0 {
            issues.push(DateIssue {
                code: IssueKind::Backdated,
                detail: format!(
                    "claims {claimed}, {} days before its original's {orig}",
                    -lag
                ),
            });
        }
    }
    if let Some(crawl) = e.crawl_date
        && claimed > crawl
    {
        issues.push(DateIssue {
            code: IssueKind::Future,
            detail: format!("claims {claimed}, after it was crawled on {crawl}"),
        });
    }
    // A month or a year has no weekday.
    if let Some(lede) = e.lede.filter(|_| found.precision == Precision::Day) {
        let claimed_wd = crate::calendar::weekday_index(claimed);
        // Days from the claimed date forward to the lede's weekday: 0 the
        // same day, 1 the day after, 5 and 6 two days and one day before.
        let diff = (lede.weekday + 7 - claimed_wd) % 7;
        if !matches!(diff, 0 | 1 | 5 | 6) {
            issues.push(DateIssue {
                code: IssueKind::Weekday,
                detail: format!(
                    "lede says \"{}\" but {claimed} is a {}",
                    lede.phrase,
                    capitalised(lede::weekday_name(claimed_wd))
                ),
            });
        }
    }
    // Only the page's own first-publication fields are compared: the most
    // trusted meta tag and the first JSON-LD datePublished. A shown
    // "updated" date after them is honest; so are the other dates pages
    // carry as served (the JSON-LD of related stories and comments,
    // `<time>` in teaser lists, a CMS's dateCreated, the URL of a thread's
    // first post), which on legitimate pages disagree by months.
    let meta = |c: &&FoundDate| matches!(c.rule.field, DateField::Meta(_));
    let json_ld = |c: &&FoundDate| c.rule.is(&DateField::JsonLd(JsonLdKey::DatePublished));
    let fields: Vec<&FoundDate> = [
        e.dates.candidates.iter().find(meta),
        e.dates.candidates.iter().find(json_ld),
    ]
    .into_iter()
    .flatten()
    .collect();
    // A later field no later than the page's own modified date is one its
    // system reset on an update (an evergreen article refreshed): the page
    // documents that edit, and does not contradict itself.
    let within_edits = |d: NaiveDate| e.dates.modified.as_ref().is_some_and(|m| d <= m.date);
    if let (Some(first), Some(last)) = (
        fields.iter().min_by_key(|c| c.date),
        fields.iter().max_by_key(|c| c.date),
    ) && (last.date - first.date).num_days() > cfg.inconsistent_days
        && !within_edits(last.date)
    {
        issues.push(DateIssue {
            code: IssueKind::Inconsistent,
            detail: format!(
                "{} says {} but {} says {}",
                last.rule, last.date, first.rule, first.date
            ),
        });
    }
    issues
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::DateRule;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn dated_by(claimed: &str, rule: &str) -> PageDates {
        let mut p = PageDates::default();
        p.add_published(d(claimed), DateRule::from(rule.to_string()));
        p
    }

    fn dates(claimed: &str) -> PageDates {
        dated_by(claimed, "meta:pubdate")
    }

    fn ev<'a>(
        dates: &'a PageDates,
        lede: Option<&'a LedeWeekday>,
        crawl_date: Option<NaiveDate>,
        original_date: Option<&'a FoundDate>,
    ) -> DateEvidence<'a> {
        DateEvidence {
            dates,
            lede,
            crawl_date,
            original_date,
        }
    }

    fn codes(e: &DateEvidence<'_>) -> Vec<&'static str> {
        check(e, &Config::default())
            .into_iter()
            .map(|i| i.code.code())
            .collect()
    }

    #[test]
    fn weekday_contradiction_is_flagged_and_neighbours_are_not() {
        let lede = LedeWeekday {
            weekday: 0,
            phrase: "said Monday".into(),
        };
        // 2025-04-11 is a Friday.
        let friday = dates("2025-04-11");
        let e = ev(&friday, Some(&lede), None, None);
        assert_eq!(codes(&e), ["weekday"]);
        // 2023-09-12 is a Tuesday: a day after Monday, allowed; so is
        // Wednesday 2023-09-13, two days after; Thursday is not.
        for allowed in ["2023-09-12", "2023-09-13", "2023-09-10"] {
            let claimed = dates(allowed);
            let e = ev(&claimed, Some(&lede), None, None);
            assert!(codes(&e).is_empty(), "{allowed}");
        }
        let thursday = dates("2023-09-14");
        assert_eq!(codes(&ev(&thursday, Some(&lede), None, None)), ["weekday"]);
    }

    /// The published date of an original dated `day` by a meta tag.
    fn original(day: &str) -> FoundDate {
        dates(day).published.unwrap()
    }

    #[test]
    fn stale_and_backdated_copies() {
        let p = dates("2025-04-11");
        let old = original("2023-09-11");
        let e = ev(&p, None, None, Some(&old));
        let issues = check(&e, &Config::default());
        assert_eq!(issues[0].code, IssueKind::Stale);
        assert!(issues[0].detail.contains("578 days"));
        let later = original("2025-04-15");
        assert_eq!(codes(&ev(&p, None, None, Some(&later))), ["backdated"]);
        let day_before = original("2025-04-10");
        assert!(codes(&ev(&p, None, None, Some(&day_before))).is_empty());
    }

    #[test]
    fn a_copys_guessed_date_or_an_originals_year_makes_no_stale_or_backdated() {
        let sure = dates("2025-04-11");
        let text = dated_by("2014-03-08", "text:first");
        let old = original("2023-09-11");
        assert!(codes(&ev(&text, None, None, Some(&old))).is_empty());
        // An original dated by a guess still dates the story.
        let guessed_original = text.published.clone().unwrap();
        assert_eq!(
            codes(&ev(&sure, None, None, Some(&guessed_original))),
            ["stale"]
        );
        let mut year = original("2023-01-01");
        year.precision = Precision::Year;
        assert!(codes(&ev(&sure, None, None, Some(&year))).is_empty());
        // A year is no day: no weekday either.
        let mut claimed_year = dates("2025-01-01");
        claimed_year.published.as_mut().unwrap().precision = Precision::Year;
        let lede = LedeWeekday {
            weekday: 0,
            phrase: "said Monday".into(),
        };
        assert!(codes(&ev(&claimed_year, Some(&lede), None, Some(&old))).is_empty());
    }

    #[test]
    fn future_and_inconsistent_dates() {
        let p = dates("2025-04-11");
        let e = ev(&p, None, Some(d("2025-04-01")), None);
        assert_eq!(codes(&e), ["future"]);
        let mut p = PageDates::default();
        p.add_published(
            d("2025-04-11"),
            DateRule::from("meta:article:published_time".to_string()),
        );
        p.add_published(
            d("2023-09-11"),
            DateRule::from("json-ld:datePublished".to_string()),
        );
        let e = ev(&p, None, None, None);
        assert_eq!(codes(&e), ["inconsistent"]);
        // The later field reset on an update the page dates: no contradiction.
        let mut updated = p.clone();
        updated.add_modified(
            d("2025-04-11"),
            DateRule::from("json-ld:dateModified".to_string()),
        );
        assert!(codes(&ev(&updated, None, None, None)).is_empty());
        updated.modified.as_mut().unwrap().date = d("2025-04-10");
        assert_eq!(codes(&ev(&updated, None, None, None)), ["inconsistent"]);
        // Dates of other things on the page (a second JSON-LD object, the
        // URL, a teaser's time) are not the page's own fields.
        let mut p = PageDates::default();
        p.add_published(
            d("2025-04-11"),
            DateRule::from("json-ld:datePublished".to_string()),
        );
        p.add_published(
            d("2023-09-11"),
            DateRule::from("json-ld:datePublished".to_string()),
        );
        p.add_published(d("2024-01-02"), DateRule::from("url".to_string()));
        p.add_published(d("2022-05-06"), DateRule::from("time:pubdate".to_string()));
        let e = ev(&p, None, None, None);
        assert!(codes(&e).is_empty());
    }
}
