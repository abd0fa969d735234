//! The dates a page states, each with the rule that produced it. Reading
//! a date out of text is [`crate::calendar`]'s job.

use super::date_rule::{Confidence, DateRule};
use chrono::NaiveDate;
use serde::Serialize;

/// How much of a day a page stated: `May 2020` names a month, `© 2017` a
/// year. The report's date is then the first day of it, and its
/// `published_precision` says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    #[default]
    Day,
    Month,
    Year,
}

impl Precision {
    /// The word the report writes.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    fn is_day(&self) -> bool {
        *self == Precision::Day
    }
}

/// A date a page states, with the rule that produced it (shown by `extract`
/// and `explain` so a person can check it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct FoundDate {
    /// Written `YYYY-MM-DD`.
    pub date: NaiveDate,
    pub rule: DateRule,
    /// The moment, when the field gave a time too (UTC): it orders two pages
    /// claiming the same day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc: Option<chrono::NaiveDateTime>,
    /// The time came with its zone (`+02:00`, `Z`); a time without one may
    /// be any zone's, so it orders pages only against another such time.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub zoned: bool,
    /// How much of the day the page stated.
    #[serde(default, skip_serializing_if = "Precision::is_day")]
    pub precision: Precision,
}

impl FoundDate {
    /// A whole day read by `rule`, without a time.
    pub(crate) fn day(date: NaiveDate, rule: DateRule) -> Self {
        FoundDate {
            date,
            rule,
            utc: None,
            zoned: false,
            precision: Precision::Day,
        }
    }

    /// How surely this is the page's first publication: a day not stated
    /// whole is a guess whatever stated it.
    pub(crate) fn confidence(&self) -> Confidence {
        if self.precision.is_day() {
            self.rule.confidence()
        } else {
            Confidence::Guess
        }
    }
}

/// Everything a page says about its own dates.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PageDates {
    /// The first-publication date the page claims: the report's `published`.
    pub published: Option<FoundDate>,
    pub modified: Option<FoundDate>,
    /// Every publication-date field found, for the consistency check.
    pub candidates: Vec<FoundDate>,
    /// The day the page shows readers (a date line, a date beside the
    /// headline, an element whose class says "date"), whether or not it
    /// became `published`: attribution weighs it against the fields.
    pub shown: Option<FoundDate>,
}

impl PageDates {
    /// Adds a publication-date candidate; the first one added wins, so callers
    /// add in order of trust.
    pub(crate) fn add_published(&mut self, date: NaiveDate, rule: DateRule) {
        self.add_published_at(date, None, false, rule);
    }

    /// Adds a publication-date candidate that came with a time of day.
    pub(crate) fn add_published_at(
        &mut self,
        date: NaiveDate,
        utc: Option<chrono::NaiveDateTime>,
        zoned: bool,
        rule: DateRule,
    ) {
        let found = FoundDate {
            utc,
            zoned: zoned && utc.is_some(),
            ..FoundDate::day(date, rule)
        };
        if self.published.is_none() {
            self.published = Some(found.clone());
        }
        if !self
            .candidates
            .iter()
            .any(|c| c.rule == found.rule && c.date == found.date)
        {
            self.candidates.push(found);
        }
    }

    /// Adds a date read from what the page shows rather than from a date
    /// field: it stands only when no field gave one, and is not a candidate
    /// for the consistency check (a guess cannot contradict a field).
    pub(crate) fn add_guess(&mut self, date: NaiveDate, rule: DateRule) {
        self.add_coarse_guess(FoundDate::day(date, rule));
    }

    /// Adds a date read from what the page shows, of any precision: it
    /// stands only when nothing else dated the page.
    pub(crate) fn add_coarse_guess(&mut self, found: FoundDate) {
        if self.published.is_none() {
            self.published = Some(found);
        }
    }

    pub(crate) fn add_modified(&mut self, date: NaiveDate, rule: DateRule) {
        if self.modified.is_none() {
            self.modified = Some(FoundDate::day(date, rule));
        }
    }
}
