//! Calendar days read from the many ways pages write a date, and the bounds
//! of a plausible one. A leaf: every stage that meets a date (a WARC header,
//! a JSONL field, a page's markup, a lede's weekday) reads it here.
//!
//! [`parse_date`] reads attribute values, [`find_dates`] visible text; both
//! return calendar days only, because the report and every check work in
//! days.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

thread_local! {
    /// The latest plausible date of the page being read on this thread:
    /// set by [`bounded_by`] for one page's reading, so that every date
    /// rule below it is bounded without passing the day to each.
    static LATEST: std::cell::Cell<Option<NaiveDate>> = const { std::cell::Cell::new(None) };
}

thread_local! {
    /// Whether `05/06/2020` is the 5th of June on the page being read on
    /// this thread: set by [`with_slash_day_first`] from the page's
    /// language, so every date rule below reads the page's own order.
    static SLASH_DAY_FIRST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `read` with all-digit dates written with slashes read day first
/// (`day_first`) or month first.
pub(crate) fn with_slash_day_first<T>(day_first: bool, read: impl FnOnce() -> T) -> T {
    let before = SLASH_DAY_FIRST.replace(day_first);
    let out = read();
    SLASH_DAY_FIRST.set(before);
    out
}

/// Whether a page in language `lang` (a BCP 47 tag: `en-GB`, `fr`) writes
/// `05/06/2020` day first. Month first is the United States' habit (and of
/// a page that says only `en`, most often American); British, Irish,
/// Indian, Australian and other English and nearly every other language
/// write the day first. Chinese, Japanese and Korean write the year first,
/// and keep the default.
pub(crate) fn slash_day_first(lang: &str) -> bool {
    let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or("");
    let region = parts.next().unwrap_or("");
    match primary {
        "" | "zh" | "ja" | "ko" => false,
        "en" => matches!(
            region,
            "gb" | "uk" | "ie" | "in" | "au" | "nz" | "za" | "sg" | "pk" | "ng" | "ke"
        ),
        _ => true,
    }
}

/// How far after its crawl a page's claimed date is still read as a date,
/// so that a date set in the future is seen (and flagged) rather than
/// dropped as a misreading.
const CRAWL_MARGIN_DAYS: i64 = 366;

/// The latest date a page can tell of: the day of the scan given with
/// `--today` (`today`); else a year after the page was crawled (WARC-Date,
/// JSONL `date`); else the day after its file was last written. The clock is
/// read only when none of these is known (a page given on stdin), so the
/// same input gives the same report on any later day.
pub(crate) fn latest_for(
    crawl: Option<NaiveDate>,
    saved: Option<NaiveDate>,
    today: Option<NaiveDate>,
) -> NaiveDate {
    if let Some(today) = today {
        return today;
    }
    match (crawl, saved) {
        (Some(c), _) => c + chrono::Duration::days(CRAWL_MARGIN_DAYS),
        (None, Some(s)) => s + chrono::Duration::days(1),
        (None, None) => chrono::Utc::now().date_naive(),
    }
}

/// Runs `read` with dates after `latest` taken as misreadings.
pub(crate) fn bounded_by<T>(latest: NaiveDate, read: impl FnOnce() -> T) -> T {
    let before = LATEST.replace(Some(latest));
    let out = read();
    LATEST.set(before);
    out
}

/// Dates before the web's news era are misreadings (copyright years, birth
/// dates), and so are dates after the latest the page can tell of (see
/// [`latest_for`]).
pub(crate) fn plausible(d: NaiveDate) -> bool {
    let earliest = NaiveDate::from_ymd_opt(1995, 1, 1).expect("valid constant date");
    let latest = LATEST.get().unwrap_or_else(|| latest_for(None, None, None));
    d >= earliest && d <= latest
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

const MONTH_ALT: &str = r"(?:jan(?:uary|uar|vier)?|jänner|feb(?:ruary|ruar)?|févr(?:ier)?|fevrier|mar(?:ch|s)?|märz?|maerz|apr(?:il)?|avril|may|mai|june?|juni|juin|july?|juli|juillet|aug(?:ust)?|août|aout|sept?(?:ember|embre)?|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|de[cz](?:ember|embre)?|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|يناير|فبراير|مارس|[أاإ]بريل|مايو|يونيو|يوليو|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر)\.?";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?:\D|$)").expect("valid regex")
});
static DMY_NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([./])(\d{1,2})[./]((?:19|20)\d{2})\b").expect("valid regex")
});
/// `2025年4月11日` (Chinese, Japanese) and Japanese era years `令和7年4月11日`,
/// `平成31年4月30日`; `년 월 일` is the Korean form.
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(令和|平成)(\d{1,2}|元)|((?:19|20)\d{2}))\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
        .expect("valid regex")
});
/// `30.10.23`: two-digit years, dotted day-month only (the German habit).
static DMY_SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2})(?:\D|$)").expect("valid regex"));
static MDY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTH_ALT})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b"
    ))
    .expect("valid regex")
});
static DMY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:of\s+|de\s+)?({MONTH_ALT}),?\s+(?:de\s+)?((?:19|20)\d{{2}})\b"
    ))
    .expect("valid regex")
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").expect("valid regex")
});
static URL_DAY_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(\d{2})-(\d{2})-((?:19|20)\d{2})(?:/|$)").expect("valid regex"));
static URL_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)").expect("valid regex")
});

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Finds every date written in `text`, in order of appearance.
pub(crate) fn find_dates(text: &str) -> Vec<(usize, NaiveDate)> {
    // Arabic-Indic and full-width digits read as ASCII ones; both forms
    // have the same length in characters, so positions stay comparable.
    let text = &*crate::script::ascii_digits(text);
    let mut out = Vec::new();
    // Every form needs at least a day and a month in digits (`令和元年5月1日`
    // has two); most text has none, and the patterns are costly to run.
    if text.bytes().filter(u8::is_ascii_digit).nth(1).is_none() {
        return out;
    }
    // Each written form: its pattern, and how its captures make a day.
    let forms: [(&Regex, DayOf); 6] = [
        (&CJK, cjk_day),
        (&ISO, |c| ymd(&c[1], &c[2], &c[3])),
        (&DMY_NUM, numeric_day),
        (&DMY_SHORT, |c| {
            let year = 2000 + c[3].parse::<i32>().unwrap_or(0);
            ymd(&year.to_string(), &c[2], &c[1])
        }),
        (&MDY_NAME, |c| {
            ymd(&c[3], &month_number(&c[1])?.to_string(), &c[2])
        }),
        (&DMY_NAME, |c| {
            ymd(&c[3], &month_number(&c[2])?.to_string(), &c[1])
        }),
    ];
    for (pattern, day) in forms {
        for c in pattern.captures_iter(text) {
            if let Some(d) = day(&c) {
                out.push((c.get(0).map_or(0, |m| m.start()), d));
            }
        }
    }
    out.sort_by_key(|(pos, _)| *pos);
    out.retain(|(_, d)| plausible(*d));
    out
}

/// How one written form's captures make a day.
type DayOf = fn(&regex::Captures<'_>) -> Option<NaiveDate>;

/// A CJK date (`2023年9月11日`), the year possibly of a Japanese era
/// (`令和5年`, `平成31年`).
fn cjk_day(c: &regex::Captures<'_>) -> Option<NaiveDate> {
    let year: i32 = match (c.get(1), c.get(2)) {
        (Some(era), Some(n)) => {
            // 元年 is the first year of an era.
            let n: i32 = n.as_str().parse().unwrap_or(1);
            if era.as_str() == "令和" {
                2018 + n
            } else {
                1988 + n
            }
        }
        _ => c[3].parse().unwrap_or(0),
    };
    ymd(&year.to_string(), &c[4], &c[5])
}

/// An all-digit date (`11.09.2023`, `9/11/2023`): dots mean day-month
/// (European); slashes mean month-day unless the first number cannot be a
/// month, or the page's language writes the day first (and the second
/// number can be a month).
fn numeric_day(c: &regex::Captures<'_>) -> Option<NaiveDate> {
    let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[3].parse().unwrap_or(0));
    let slash_day_first = SLASH_DAY_FIRST.get() && b <= 12;
    let (day, month) = if &c[2] == "." || a > 12 || slash_day_first {
        (a, b)
    } else {
        (b, a)
    };
    NaiveDate::from_ymd_opt(c[4].parse().ok()?, month, day)
}

/// Parses a date field's value (an attribute, a JSON-LD string): the first
/// plausible date in it.
pub(crate) fn parse_date(value: &str) -> Option<NaiveDate> {
    find_dates(value).into_iter().map(|(_, d)| d).next()
}

/// Parses a machine-written field (a `<meta>` content, a JSON-LD value, a
/// `datetime` or `title` attribute): a content system writes these in its
/// own order whatever the page's language, and `11/01/2023 12:43:42` in
/// the head of a German page is still the first of November.
/// A publishing system states its date on purpose, so a day after the
/// latest the page can tell of is kept (and flagged `future`), not dropped
/// as a misreading of the text.
pub(crate) fn parse_field(value: &str) -> Option<NaiveDate> {
    reading_field(|| with_slash_day_first(false, || parse_date(value)))
}

/// Runs `read` over a machine-written field: only the years the date forms
/// allow bound it above, never the page's latest day.
pub(crate) fn reading_field<T>(read: impl FnOnce() -> T) -> T {
    let last = NaiveDate::from_ymd_opt(2099, 12, 31).expect("valid constant date");
    bounded_by(last, read)
}

/// Whether an ISO 8601 timestamp states its zone (`Z`, `+02:00`).
pub(crate) fn timestamp_is_zoned(value: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(value.trim()).is_ok()
}

/// The moment an ISO 8601 timestamp names, in UTC (`2024-05-02T08:00:00-05:00`);
/// a timestamp without a zone is taken as UTC.
pub(crate) fn parse_timestamp(value: &str) -> Option<chrono::NaiveDateTime> {
    let v = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        return Some(t.naive_utc());
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(v, f).ok())
}

/// A field's value written as a compact timestamp: `20170901123000`
/// (year to second) or `20170901`, and nothing else.
pub(crate) fn compact_timestamp(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    if !(v.len() == 8 || v.len() == 12 || v.len() == 14) || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    reading_field(|| ymd(&v[..4], &v[4..6], &v[6..8]).filter(|d| plausible(*d)))
}

/// The date written in a URL path (`/2023/09/11/`, `/20230911/`,
/// `/11-09-2023`).
pub(crate) fn date_from_url(url: &str) -> Option<NaiveDate> {
    if let Some(caps) = URL_DATE.captures(url).or_else(|| URL_COMPACT.captures(url)) {
        return ymd(&caps[1], &caps[2], &caps[3]).filter(|d| plausible(*d));
    }
    let caps = URL_DAY_FIRST.captures(url)?;
    ymd(&caps[3], &caps[2], &caps[1]).filter(|d| plausible(*d))
}

/// Labels printed by pages right before their publication date.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*[\[(]?\s*(?:date|published(?: on)?|posted(?: on)?|publication date|publicado(?: el| em)?|pubblicato(?: il)?|gepubliceerd(?: op)?|veröffentlicht(?: am)?|publié le|mise en ligne(?: le)?|erschienen am|erstellt(?: am)?|stand|datum|опубликовано)\s*[:：]?\s*",
    )
    .expect("valid regex")
});

/// A visible line that labels itself as the publication date
/// (`Date:2025-04-11 18:58:47`, `Published 3 June 2024`), with its time of
/// day when the line gives one in ISO form.
pub(crate) fn labelled_date_line(line: &str) -> Option<(NaiveDate, Option<chrono::NaiveDateTime>)> {
    let m = DATE_LINE.find(line)?;
    let rest = &line[m.end()..];
    if rest.len() > 80 {
        return None;
    }
    Some((parse_date(rest)?, parse_timestamp(rest)))
}

/// A month named with its year and no day (`May 2020`, `März 2021`,
/// `2020年5月`). Months are spelled out: `05/2020` is as often a part
/// number as a date.
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\d.\s]\s*|^\s*)\b({MONTH_ALT})\s+((?:19|20)\d{{2}})\b|((?:19|20)\d{{2}})\s*年\s*(\d{{1,2}})\s*月(?:[^\d日]|$)"
    ))
    .expect("valid regex")
});

/// The first month of `text` written with its year and no day, as its
/// first day.
pub(crate) fn month_and_year(text: &str) -> Option<NaiveDate> {
    let text = &*crate::script::ascii_digits(text);
    MONTH_YEAR.captures_iter(text).find_map(|c| {
        let (month, year) = match (c.get(1), c.get(2)) {
            (Some(m), Some(y)) => (month_number(m.as_str())?, y.as_str()),
            _ => (c[4].parse().ok()?, c.get(3)?.as_str()),
        };
        NaiveDate::from_ymd_opt(year.parse().ok()?, month, 1).filter(|d| plausible(*d))
    })
}

/// A copyright notice with its year, or the end of its range
/// (`© 2010–2017`: the page is of 2017 at the latest).
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*[-–—]\s*)?((?:19|20)\d{2})\b",
    )
    .expect("valid regex")
});

/// The year of the first copyright notice in `text`, as its first day.
pub(crate) fn copyright_year(text: &str) -> Option<NaiveDate> {
    COPYRIGHT
        .captures_iter(text)
        .find_map(|c| NaiveDate::from_ymd_opt(c[1].parse().ok()?, 1, 1).filter(|d| plausible(*d)))
}

/// A copyright notice that states a whole day (`Copyright © 19.12.2019 -
/// 12:14 h`, as some content systems stamp a page): that day.
pub(crate) fn copyright_day(text: &str) -> Option<NaiveDate> {
    let at = COPYRIGHT_MARK.find(text)?.end();
    let rest: String = text[at..].chars().take(40).collect();
    parse_date(&rest)
}

static COPYRIGHT_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)©|\(c\)|copyright").expect("valid regex"));

/// A labelled line whose date is only a year or a month (`Stand: 2018`,
/// `Published: May 2020`), as the first day of it, with whether it named
/// the month.
pub(crate) fn labelled_coarse_line(line: &str) -> Option<(NaiveDate, bool)> {
    let m = DATE_LINE.find(line)?;
    let rest = line[m.end()..].trim();
    if rest.len() > 40 {
        return None;
    }
    if let Some(d) = month_and_year(rest) {
        return Some((d, true));
    }
    let year = rest
        .get(..4)
        .filter(|_| rest.len() == 4 || !rest.as_bytes()[4].is_ascii_alphanumeric())?;
    let d = NaiveDate::from_ymd_opt(year.parse().ok()?, 1, 1).filter(|d| plausible(*d))?;
    Some((d, false))
}

/// Weekday of a date, as chrono numbers it (Monday = 0).
pub(crate) fn weekday_index(d: NaiveDate) -> u32 {
    d.weekday().num_days_from_monday()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn compact_timestamps_in_fields() {
        assert_eq!(compact_timestamp("20170901123000"), Some(d(2017, 9, 1)));
        assert_eq!(compact_timestamp(" 20170901 "), Some(d(2017, 9, 1)));
        assert_eq!(compact_timestamp("20171301"), None);
        assert_eq!(compact_timestamp("123456789"), None);
    }

    #[test]
    fn parses_common_written_forms() {
        assert_eq!(parse_date("2025-04-11 18:58:47"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("2023-09-11T08:00:00Z"), Some(d(2023, 9, 11)));
        assert_eq!(parse_date("Published 3 June 2024"), Some(d(2024, 6, 3)));
        assert_eq!(parse_date("September 11, 2023"), Some(d(2023, 9, 11)));
        assert_eq!(parse_date("12. März 2021"), Some(d(2021, 3, 12)));
        assert_eq!(parse_date("3 juin 2021"), Some(d(2021, 6, 3)));
        assert_eq!(parse_date("28 April, 2017"), Some(d(2017, 4, 28)));
        assert_eq!(parse_date("12 de agosto de 2019"), Some(d(2019, 8, 12)));
        assert_eq!(parse_date("11 апреля 2025"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("11. April 2025"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("11 avril 2025"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("2025年4月11日"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("2025-04-11 星期五"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("１１ أبريل ２０２５"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("١١ أبريل ٢٠٢٥"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("令和7年4月11日"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("平成31年4月30日"), Some(d(2019, 4, 30)));
        assert_eq!(parse_date("令和元年5月1日"), Some(d(2019, 5, 1)));
        assert_eq!(parse_date("2025년 4월 11일"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("11.04.2025"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("04/11/2025"), Some(d(2025, 4, 11)));
        assert_eq!(parse_date("Party, 30.10.23"), Some(d(2023, 10, 30)));
    }

    #[test]
    fn rejects_implausible_dates() {
        assert_eq!(parse_date("1899-01-01"), None);
        assert_eq!(parse_date("2031-99-01"), None);
    }

    #[test]
    fn timestamps_are_moved_to_utc() {
        let t = parse_timestamp("2024-05-02T08:00:00-05:00").unwrap();
        assert_eq!(t.to_string(), "2024-05-02 13:00:00");
        assert!(parse_timestamp("2024-05-02").is_none());
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.com/2023/09/11/story"),
            Some(d(2023, 9, 11))
        );
        assert_eq!(
            date_from_url("https://x.com/news/20230911-story.html"),
            Some(d(2023, 9, 11))
        );
        assert_eq!(date_from_url("https://x.com/news/story"), None);
        assert_eq!(
            date_from_url("https://x.com/meldungen/11-09-2023"),
            Some(d(2023, 9, 11))
        );
    }

    #[test]
    fn months_and_years_without_a_day() {
        assert_eq!(month_and_year("Issue of May 2020"), Some(d(2020, 5, 1)));
        assert_eq!(month_and_year("März 2021"), Some(d(2021, 3, 1)));
        assert_eq!(month_and_year("2020年5月号"), Some(d(2020, 5, 1)));
        // A whole day is not a month.
        assert_eq!(month_and_year("2020年5月11日"), None);
        assert_eq!(month_and_year("5 May 2020"), None);
        assert_eq!(month_and_year("May 1, 2020"), None);
        assert_eq!(copyright_year("© 2017 Example Media"), Some(d(2017, 1, 1)));
        assert_eq!(copyright_year("Copyright © 2010–2017"), Some(d(2017, 1, 1)));
        assert_eq!(copyright_year("(c) 2019, all rights"), Some(d(2019, 1, 1)));
        assert_eq!(copyright_year("Copyright notice"), None);
        assert_eq!(
            copyright_day("Copyright © 19.12.2019 - 12:14 h by Example GmbH"),
            Some(d(2019, 12, 19))
        );
        assert_eq!(copyright_day("© 2017 Example Media"), None);
        assert_eq!(
            labelled_coarse_line("Stand: 2018"),
            Some((d(2018, 1, 1), false))
        );
        assert_eq!(
            labelled_coarse_line("Published: May 2020"),
            Some((d(2020, 5, 1), true))
        );
        assert_eq!(labelled_coarse_line("Stand: 2018er Modelle"), None);
    }

    #[test]
    fn a_field_dated_after_the_latest_day_is_kept() {
        let future = bounded_by(d(2020, 1, 1), || {
            (
                parse_field("2024-05-02T08:00:00Z"),
                parse_date("2024-05-02"),
            )
        });
        assert_eq!(future, (Some(d(2024, 5, 2)), None));
    }

    #[test]
    fn labelled_lines() {
        assert_eq!(
            labelled_date_line("Date:2025-04-11 18:58:47"),
            Some((d(2025, 4, 11), parse_timestamp("2025-04-11T18:58:47")))
        );
        assert_eq!(
            labelled_date_line("Veröffentlicht am 12. März 2021"),
            Some((d(2021, 3, 12), None))
        );
        assert_eq!(labelled_date_line("The date was 2021-01-01"), None);
        // A print footer's bracketed stamp, and German "created".
        assert_eq!(
            labelled_date_line("[Stand: 09.10.2017, 01:40 Uhr]").map(|l| l.0),
            Some(d(2017, 10, 9))
        );
        assert_eq!(
            labelled_date_line("Erstellt am 5. Mai 2020").map(|l| l.0),
            Some(d(2020, 5, 5))
        );
        assert_eq!(labelled_date_line("(see 2021-01-01)"), None);
    }

    #[test]
    fn slashes_follow_the_page_language_in_text_but_not_in_fields() {
        let bounded = |f: &dyn Fn() -> Option<NaiveDate>| bounded_by(d(2026, 1, 1), f);
        let text = || find_dates("Posted 05/06/2020").first().map(|(_, d)| *d);
        assert_eq!(
            bounded(&|| with_slash_day_first(false, text)),
            Some(d(2020, 5, 6))
        );
        assert_eq!(
            bounded(&|| with_slash_day_first(true, text)),
            Some(d(2020, 6, 5))
        );
        // A second number that cannot be a month keeps the month first.
        let us = || find_dates("on 05/23/2020").first().map(|(_, d)| *d);
        assert_eq!(
            bounded(&|| with_slash_day_first(true, us)),
            Some(d(2020, 5, 23))
        );
        // A content system's field is read month first on any page.
        let field = || parse_field("11/01/2023 12:43:42");
        assert_eq!(
            bounded(&|| with_slash_day_first(true, field)),
            Some(d(2023, 11, 1))
        );
    }

    #[test]
    fn which_languages_write_the_day_first() {
        for lang in [
            "en-GB", "en_gb", "en-IE", "en-AU", "de", "fr-FR", "es", "ru", "pt-BR",
        ] {
            assert!(slash_day_first(lang), "{lang}");
        }
        for lang in ["", "en", "en-US", "EN-us", "en-CA", "zh-CN", "ja", "ko"] {
            assert!(!slash_day_first(lang), "{lang}");
        }
    }
}
