//! The weekday a story's lede dates its news by ("said Monday",
//! "teilte am Dienstag mit"): read per page here, weighed against the
//! claimed date by `signals::date_mismatch`.

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

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
pub(crate) fn lede_weekday(paragraphs: &[String]) -> Option<LedeWeekday> {
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

/// The English name of a weekday (Monday = 0), for the words of a verdict.
pub(crate) fn weekday_name(weekday: u32) -> &'static str {
    LANGUAGES[0].days[weekday as usize % 7]
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
