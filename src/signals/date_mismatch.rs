//! `date_mismatch`: the date a page claims, checked against the evidence.
//!
//! Reasons, each with a code for the `date_issue` column:
//! - `stale`: a copy claims a date well after its original's;
//! - `backdated`: a copy claims a date before its original's;
//! - `future`: the claimed date is after the page was crawled;
//! - `weekday`: the lede dates the news with a weekday ("said Monday") that
//!   is not the claimed date's weekday or a neighbour of it (time zones);
//! - `inconsistent`: the page's own publication-date fields disagree.

use crate::config::Config;
use crate::extract::PageDates;
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Verbs by which a lede dates its news. Other weekday mentions ("a
/// meeting is possible Tuesday") describe other days and prove nothing.
const VERBS: &str = "said|says|announced|reported|told|confirmed|declared|stated|revealed|warned|released|unveiled|disclosed|admitted|denied|urged|ordered|voted|approved";
const DAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

static VERB_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{VERBS})\s+(?:late\s+|early\s+)?(?:on\s+)?({DAYS})\b"
    ))
    .expect("valid regex")
});
static DAY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\bon\s+({DAYS})\s+(?:{VERBS})\b")).expect("valid regex")
});

/// A weekday named by the lede's reporting verb.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedeWeekday {
    /// Monday = 0.
    pub weekday: u32,
    /// The words that named it, for explain.
    pub phrase: String,
}

/// How much of the story counts as the lede.
const LEDE_CHARS: usize = 600;

/// Finds the weekday the lede's reporting verb names, if any.
pub fn lede_weekday(paragraphs: &[String]) -> Option<LedeWeekday> {
    let mut lede = String::new();
    for p in paragraphs {
        if lede.len() >= LEDE_CHARS {
            break;
        }
        lede.push_str(p);
        lede.push(' ');
    }
    let head: String = lede.chars().take(LEDE_CHARS).collect();
    let m = [&*VERB_DAY, &*DAY_VERB]
        .iter()
        .filter_map(|re| re.captures(&head))
        .min_by_key(|c| c.get(0).map_or(usize::MAX, |m| m.start()))?;
    let day = m.get(1)?.as_str().to_lowercase();
    let weekday = WEEKDAYS.iter().position(|w| *w == day)? as u32;
    Some(LedeWeekday {
        weekday,
        phrase: m.get(0)?.as_str().to_string(),
    })
}

/// One reason the claimed date is contradicted, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateIssue {
    pub code: &'static str,
    pub detail: String,
}

/// What the check needs to know about one page.
pub struct DateEvidence<'a> {
    pub dates: &'a PageDates,
    pub lede: Option<&'a LedeWeekday>,
    pub crawl_date: Option<NaiveDate>,
    /// The original's claimed date, for a copy.
    pub original_date: Option<NaiveDate>,
}

/// Every contradiction of the page's claimed date, most telling first.
pub fn check(e: &DateEvidence<'_>, cfg: &Config) -> Vec<DateIssue> {
    let mut issues = Vec::new();
    let Some(claimed) = e.dates.published.as_ref().map(|f| f.date) else {
        return issues;
    };
    if let Some(orig) = e.original_date {
        let lag = (claimed - orig).num_days();
        if lag > cfg.stale_days {
            issues.push(DateIssue {
                code: "stale",
                detail: format!("claims {claimed}, {lag} days after its original's {orig}"),
            });
        } else if lag < 0 {
            issues.push(DateIssue {
                code: "backdated",
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
            code: "future",
            detail: format!("claims {claimed}, after it was crawled on {crawl}"),
        });
    }
    if let Some(lede) = e.lede {
        let claimed_wd = crate::extract::dates::weekday_index(claimed);
        let diff = (lede.weekday + 7 - claimed_wd) % 7;
        if !matches!(diff, 0 | 1 | 6) {
            issues.push(DateIssue {
                code: "weekday",
                detail: format!(
                    "lede says \"{}\" but {claimed} is a {}",
                    lede.phrase,
                    capitalised(WEEKDAYS[claimed_wd as usize])
                ),
            });
        }
    }
    // Only the first-publication fields are compared with each other: a
    // shown "updated" date after them is honest, two fields naming
    // different first publications are not.
    let fields = &e.dates.candidates;
    if let (Some(first), Some(last)) = (
        fields.iter().min_by_key(|c| c.date),
        fields.iter().max_by_key(|c| c.date),
    ) && (last.date - first.date).num_days() > cfg.inconsistent_days
    {
        issues.push(DateIssue {
            code: "inconsistent",
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

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn dates(claimed: &str) -> PageDates {
        let mut p = PageDates::default();
        p.add_published(d(claimed), "test");
        p
    }

    fn codes(e: &DateEvidence<'_>) -> Vec<&'static str> {
        check(e, &Config::default())
            .into_iter()
            .map(|i| i.code)
            .collect()
    }

    #[test]
    fn lede_weekday_is_read_from_the_reporting_verb() {
        let p = vec![
            "SEOUL (AP) — A train has departed for Russia, South Korean media said Monday."
                .to_string(),
        ];
        let w = lede_weekday(&p).unwrap();
        assert_eq!(w.weekday, 0);
        assert_eq!(w.phrase, "said Monday");
        let none = vec!["A meeting is possible as early as Tuesday.".to_string()];
        assert_eq!(lede_weekday(&none), None);
    }

    #[test]
    fn weekday_contradiction_is_flagged_and_neighbours_are_not() {
        let lede = LedeWeekday {
            weekday: 0,
            phrase: "said Monday".into(),
        };
        // 2025-04-11 is a Friday.
        let friday = dates("2025-04-11");
        let e = DateEvidence {
            dates: &friday,
            lede: Some(&lede),
            crawl_date: None,
            original_date: None,
        };
        assert_eq!(codes(&e), ["weekday"]);
        // 2023-09-12 is a Tuesday: a day after Monday, allowed.
        let tuesday = dates("2023-09-12");
        let e = DateEvidence {
            dates: &tuesday,
            lede: Some(&lede),
            crawl_date: None,
            original_date: None,
        };
        assert!(codes(&e).is_empty());
    }

    #[test]
    fn stale_and_backdated_copies() {
        let p = dates("2025-04-11");
        let e = DateEvidence {
            dates: &p,
            lede: None,
            crawl_date: None,
            original_date: Some(d("2023-09-11")),
        };
        let issues = check(&e, &Config::default());
        assert_eq!(issues[0].code, "stale");
        assert!(issues[0].detail.contains("578 days"));
        let e = DateEvidence {
            dates: &p,
            lede: None,
            crawl_date: None,
            original_date: Some(d("2025-04-15")),
        };
        assert_eq!(codes(&e), ["backdated"]);
        let e = DateEvidence {
            dates: &p,
            lede: None,
            crawl_date: None,
            original_date: Some(d("2025-04-10")),
        };
        assert!(codes(&e).is_empty());
    }

    #[test]
    fn future_and_inconsistent_dates() {
        let p = dates("2025-04-11");
        let e = DateEvidence {
            dates: &p,
            lede: None,
            crawl_date: Some(d("2025-04-01")),
            original_date: None,
        };
        assert_eq!(codes(&e), ["future"]);
        let mut p = dates("2025-04-11");
        p.add_published(d("2023-09-11"), "url");
        let e = DateEvidence {
            dates: &p,
            lede: None,
            crawl_date: None,
            original_date: None,
        };
        assert_eq!(codes(&e), ["inconsistent"]);
    }
}
