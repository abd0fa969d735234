//! `date_mismatch`: the date a page claims, checked against the evidence.
//!
//! Reasons, each with a code for the `date_issue` column:
//! - `stale`: a copy claims a date well after its original's;
//! - `backdated`: a copy claims a date before its original's;
//! - `future`: the claimed date is after the page was crawled;
//! - `weekday`: the lede dates the news with a weekday ("said Monday") that
//!   is neither the claimed date's weekday, nor one of the two days before
//!   it (a weekly or a regional paper runs Wednesday's statement on
//!   Friday), nor the day after it (time zones);
//! - `inconsistent`: the page's own publication-date fields disagree.

use crate::config::Config;
use crate::extract::{FoundDate, PageDates};
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

/// How one language dates news by a weekday in a lede: its weekday names
/// (Monday first, alternatives split by `|`), the reporting verbs, and the
/// regex templates joining them (`{V}` verbs, `{D}` the day group).
struct Language {
    days: [&'static str; 7],
    verbs: &'static str,
    patterns: &'static [&'static str],
}

/// Reporting verbs dating the story, and the weekday words of the
/// languages checked. Other weekday mentions ("a meeting is possible
/// Tuesday") describe other days and prove nothing.
const LANGUAGES: &[Language] = &[
    Language {
        days: [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ],
        verbs: "said|says|announced|reported|told|confirmed|declared|stated|revealed|warned|released|unveiled|disclosed|admitted|denied|urged|ordered|voted|approved",
        patterns: &[
            r"(?i)\b(?:{V})\s+(?:late\s+|early\s+)?(?:on\s+)?({D})\b",
            r"(?i)\bon\s+({D})\s+(?:{V})\b",
        ],
    },
    Language {
        days: [
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag|sonnabend",
            "sonntag",
        ],
        verbs: "sagte|sagten|teilte|teilten|erklärte|erklärten|kündigte|kündigten|bestätigte|bestätigten|berichtete|berichteten|meldete|meldeten|gab|gaben",
        patterns: &[r"(?i)\b(?:{V})\s+(?:\w+\s+){0,3}?am\s+({D})\b"],
    },
    Language {
        days: [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ],
        verbs: "a annoncé|ont annoncé|a déclaré|ont déclaré|a indiqué|ont indiqué|a affirmé|a confirmé|a précisé|a dit|a assuré|a rapporté",
        patterns: &[r"(?i)(?:{V})\s+(?:ce\s+)?({D})\b"],
    },
    Language {
        days: [
            "lunes",
            "martes",
            "miércoles|miercoles",
            "jueves",
            "viernes",
            "sábado|sabado",
            "domingo",
        ],
        verbs: "dijo|dijeron|anunció|anunciaron|informó|informaron|declaró|confirmó|aseguró|afirmó|señaló",
        patterns: &[r"(?i)\b(?:{V})\s+(?:este|el)\s+({D})\b"],
    },
    Language {
        days: [
            "понедельник",
            "вторник",
            "среду",
            "четверг",
            "пятницу",
            "субботу",
            "воскресенье",
        ],
        verbs: "заявил|заявила|заявили|сообщил|сообщила|сообщили|объявил|объявила|объявили|рассказал|рассказала|подтвердил|подтвердила",
        patterns: &[
            r"(?i)(?:{V})\s+(?:\w+\s+){0,2}?(?:в|во)\s+({D})",
            r"(?i)(?:в|во)\s+({D})\s+(?:\w+\s+){0,2}?(?:{V})",
        ],
    },
    Language {
        days: [
            "周一|星期一|週一|禮拜一",
            "周二|星期二|週二",
            "周三|星期三|週三",
            "周四|星期四|週四",
            "周五|星期五|週五",
            "周六|星期六|週六",
            "周日|周天|星期日|星期天|週日",
        ],
        verbs: "表示|宣布|称|說|说|指出|透露|报道|報導|证实|證實",
        patterns: &[r"({D})[^。，,]{0,12}?(?:{V})"],
    },
    Language {
        days: [
            "月曜日?",
            "火曜日?",
            "水曜日?",
            "木曜日?",
            "金曜日?",
            "土曜日?",
            "日曜日",
        ],
        verbs: "発表|述べ|明らかにし|報じ|語っ|公表",
        patterns: &[r"({D})[にのは、]?[^。]{0,20}?(?:{V})"],
    },
];

/// Each language's patterns, compiled once, with the language they belong to.
static LEDE_PATTERNS: LazyLock<Vec<(usize, Regex)>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .enumerate()
        .flat_map(|(i, lang)| {
            let days = lang.days.join("|");
            lang.patterns.iter().map(move |p| {
                let re = p.replace("{V}", lang.verbs).replace("{D}", &days);
                (i, Regex::new(&re).expect("valid weekday pattern"))
            })
        })
        .collect()
});

/// Any weekday word of any language: most ledes name none, and this one
/// search (no captures) spares them the per-language patterns.
static ANY_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let days: Vec<&str> = LANGUAGES.iter().flat_map(|l| l.days).collect();
    Regex::new(&format!("(?i){}", days.join("|"))).expect("valid weekday words")
});

/// The weekday (Monday = 0) a language's day word names.
fn weekday_of(lang: &Language, word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    lang.days
        .iter()
        .position(|alts| {
            alts.split('|').any(|a| {
                // Patterns such as `月曜日?` match the word with or without 日.
                let a = a.trim_end_matches('?');
                word == a || word == a.trim_end_matches('日')
            })
        })
        .map(|i| i as u32)
}

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
    if !ANY_DAY.is_match(&head) {
        return None;
    }
    let (lang, m) = LEDE_PATTERNS
        .iter()
        .filter_map(|(lang, re)| re.captures(&head).map(|c| (*lang, c)))
        .min_by_key(|(_, c)| c.get(0).map_or(usize::MAX, |m| m.start()))?;
    let weekday = weekday_of(&LANGUAGES[lang], m.get(1)?.as_str())?;
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
        // Days from the claimed date forward to the lede's weekday: 0 the
        // same day, 1 the day after, 5 and 6 two days and one day before.
        let diff = (lede.weekday + 7 - claimed_wd) % 7;
        if !matches!(diff, 0 | 1 | 5 | 6) {
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
    // Only the page's own first-publication fields are compared: the most
    // trusted meta tag and the first JSON-LD datePublished. A shown
    // "updated" date after them is honest; so are the other dates pages
    // carry as served (the JSON-LD of related stories and comments,
    // `<time>` in teaser lists, a CMS's dateCreated, the URL of a thread's
    // first post), which on legitimate pages disagree by months.
    let fields: Vec<&FoundDate> = ["meta:", "json-ld:datePublished"]
        .iter()
        .filter_map(|family| {
            e.dates
                .candidates
                .iter()
                .find(|c| c.rule.starts_with(family))
        })
        .collect();
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

    fn ev<'a>(
        dates: &'a PageDates,
        lede: Option<&'a LedeWeekday>,
        crawl_date: Option<NaiveDate>,
        original_date: Option<NaiveDate>,
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
        let day = |text: &str| lede_weekday(&[text.to_string()]).map(|w| w.weekday);
        assert_eq!(
            day("Die Polizei teilte am Dienstag mit, dass der Verdächtige gefasst wurde."),
            Some(1)
        );
        assert_eq!(
            day("Le gouvernement a annoncé mercredi une hausse des salaires."),
            Some(2)
        );
        assert_eq!(
            day("El presidente dijo este jueves que habrá elecciones."),
            Some(3)
        );
        assert_eq!(
            day("Министр заявил в пятницу, что переговоры продолжатся."),
            Some(4)
        );
        assert_eq!(day("外交部发言人周六表示，中方欢迎这一决定。"), Some(5));
        assert_eq!(day("政府は日曜日に新しい計画を発表した。"), Some(6));
        assert_eq!(day("首相は月曜、記者団に述べた。"), Some(0));
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

    #[test]
    fn stale_and_backdated_copies() {
        let p = dates("2025-04-11");
        let e = ev(&p, None, None, Some(d("2023-09-11")));
        let issues = check(&e, &Config::default());
        assert_eq!(issues[0].code, "stale");
        assert!(issues[0].detail.contains("578 days"));
        let e = ev(&p, None, None, Some(d("2025-04-15")));
        assert_eq!(codes(&e), ["backdated"]);
        let e = ev(&p, None, None, Some(d("2025-04-10")));
        assert!(codes(&e).is_empty());
    }

    #[test]
    fn future_and_inconsistent_dates() {
        let p = dates("2025-04-11");
        let e = ev(&p, None, Some(d("2025-04-01")), None);
        assert_eq!(codes(&e), ["future"]);
        let mut p = PageDates::default();
        p.add_published(d("2025-04-11"), "meta:article:published_time");
        p.add_published(d("2023-09-11"), "json-ld:datePublished");
        let e = ev(&p, None, None, None);
        assert_eq!(codes(&e), ["inconsistent"]);
        // Dates of other things on the page (a second JSON-LD object, the
        // URL, a teaser's time) are not the page's own fields.
        let mut p = PageDates::default();
        p.add_published(d("2025-04-11"), "json-ld:datePublished");
        p.add_published(d("2023-09-11"), "json-ld:datePublished");
        p.add_published(d("2024-01-02"), "url");
        p.add_published(d("2022-05-06"), "time:pubdate");
        let e = ev(&p, None, None, None);
        assert!(codes(&e).is_empty());
    }
}
