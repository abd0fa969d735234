//! Junk links measured: headline lists outside the body that have nothing
//! to do with the story, counted against the story's length. Whether the
//! measure makes a page `junk_links` is `signals::junk_links`'s call.
//!
//! An item counts as junk when it reads as a headline (several words, so
//! menus, tags and pagination do not count) and shares almost none of the
//! story's topic words. Related-story boxes on honest pages share them.

use crate::address::url_domain;
use crate::extract::{Extracted, HEADLINE_WORDS, LinkItem, LinkList, Region};
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Stopwords of the languages farmscan knows, in one set: a word that is a
/// function word in one of them carries little topic in any.
static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    [
        include_str!("../../data/stopwords/en.txt"),
        include_str!("../../data/stopwords/de.txt"),
        include_str!("../../data/stopwords/fr.txt"),
        include_str!("../../data/stopwords/es.txt"),
        include_str!("../../data/stopwords/it.txt"),
        include_str!("../../data/stopwords/pt.txt"),
        include_str!("../../data/stopwords/nl.txt"),
        include_str!("../../data/stopwords/ru.txt"),
        include_str!("../../data/stopwords/ar.txt"),
    ]
    .iter()
    .flat_map(|f| f.lines())
    .filter(|l| !l.starts_with('#'))
    .flat_map(str::split_whitespace)
    .map(str::to_string)
    .collect()
});

/// Characters of Chinese text that carry no topic on their own.
static CHINESE_FUNCTION_CHARS: LazyLock<HashSet<char>> = LazyLock::new(|| {
    include_str!("../../data/stopwords/zh.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
});

/// An item counted as junk, with what it shared with the story (for explain).
#[derive(Debug, Clone, Serialize)]
pub struct JunkItem {
    pub heading: String,
    pub text: String,
    /// Topic words the item shares with the body.
    pub shared: Vec<String>,
    /// In a rail of the site's own articles ([`is_own_rail`]).
    pub rail: bool,
}

/// The link-list measurement of one page, with the items it counted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct JunkMeasure {
    pub items: Vec<JunkItem>,
    pub totals: JunkTotals,
}

/// The sizes behind the ratio: all a scan keeps of the measurement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct JunkTotals {
    /// Junk link text outside the site's own rails.
    pub junk_chars: usize,
    /// Junk link text in rails of the site's own articles: padding only
    /// around a story the site copied.
    #[serde(default)]
    pub rail_chars: usize,
    pub body_chars: usize,
}

impl JunkTotals {
    /// Characters of junk link text per character of body; 0 without a
    /// body. The site's own rails count only around a `copied` story: a
    /// newsroom's "latest news" beside its own short report is its
    /// journalism, the same rail around another site's story is a farm's
    /// padding.
    pub(crate) fn ratio(&self, copied: bool) -> f64 {
        if self.body_chars == 0 {
            0.0
        } else {
            self.counted_chars(copied) as f64 / self.body_chars as f64
        }
    }

    /// The junk link text counted against the body (see [`Self::ratio`]).
    pub(crate) fn counted_chars(&self, copied: bool) -> usize {
        self.junk_chars + if copied { self.rail_chars } else { 0 }
    }
}

/// The topic words of a text, lowercased words of three or more letters
/// that are not stopwords, with a plural `s` dropped so "talks" meets
/// "talk"; in order, repeats kept.
fn topic_word_list(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if token.chars().any(crate::script::unspaced) {
            unspaced_topic_words(token, &mut out);
            continue;
        }
        let w = token.to_lowercase();
        if w.chars().count() >= 3 && !STOPWORDS.contains(&w) {
            out.push(stem(&w));
        }
    }
    out
}

/// Topic words of text written without spaces: its two-character
/// sequences, less those made only of function characters (Chinese) or
/// only of Hiragana (Japanese particles and endings).
fn unspaced_topic_words(token: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = token.chars().collect();
    for pair in chars.windows(2) {
        let filler = |c: char| {
            CHINESE_FUNCTION_CHARS.contains(&c) || crate::script::hiragana(c) || c.is_ascii_digit()
        };
        if !(filler(pair[0]) && filler(pair[1])) {
            out.push(pair.iter().collect());
        }
    }
}

/// The distinct topic words of a text.
pub(crate) fn topic_words(text: &str) -> HashSet<String> {
    topic_word_list(text).into_iter().collect()
}

fn stem(w: &str) -> String {
    match w.strip_suffix('s') {
        Some(s) if s.chars().count() >= 3 && !s.ends_with('s') => s.to_string(),
        _ => w.to_string(),
    }
}

/// The words a related headline would share with the story: the title's
/// topic words and the body's recurring ones. A long body uses many words
/// once; what it is about, it says more than once.
fn key_words(page: &Extracted, body: &str) -> HashSet<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in topic_word_list(body) {
        *counts.entry(w).or_insert(0) += 1;
    }
    let mut keys = topic_words(&page.title);
    keys.extend(counts.into_iter().filter(|&(_, n)| n >= 2).map(|(w, _)| w));
    keys
}

/// Whether an item with `item_words` topic words sharing `shared` key words
/// with the story is about the story: two shared key words, or one for a
/// headline of three topic words or fewer.
fn is_related(shared: usize, item_words: usize) -> bool {
    shared >= 2 || (shared == 1 && item_words <= 3)
}

/// Words of page controls, not of headlines: share buttons, account and
/// subscription links, new-window notes.
const CONTROL_WORDS: &[&str] = &[
    "share",
    "facebook",
    "twitter",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "telegram",
    "email",
    "e-mail",
    "print",
    "subscribe",
    "login",
    "log in",
    "sign in",
    "sign up",
    "newsletter",
    "cookie",
    "new window",
    "teilen",
    "partager",
    "compartir",
];

/// Whether `phrase` stands in `text` as whole words: "share" in "Share
/// this", not in "Oil giant shares plunge"; "print" not in "Sprint".
fn has_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A link text that reads as a headline: several words, not a date or a
/// page control.
fn is_headline(text: &str) -> bool {
    // A character of an unspaced script is a word to `count_words`, but a
    // Chinese or Japanese word is about two: tags such as 少子高齢化 are not
    // headlines.
    let unspaced = text.chars().filter(|&c| crate::script::unspaced(c)).count();
    if crate::script::count_words(text) - unspaced / 2 < HEADLINE_WORDS {
        return false;
    }
    let lower = text.to_lowercase();
    if CONTROL_WORDS.iter().any(|w| has_phrase(&lower, w)) {
        return false;
    }
    // "November 19, 2019 at 6:34 am": timestamps of comments and posts.
    let digits = text.chars().filter(char::is_ascii_digit).count();
    // A date is a timestamp only when it is most of the text.
    digits * 4 < text.chars().filter(|c| !c.is_whitespace()).count()
        && (text.split_whitespace().count() > 6 || crate::calendar::parse_date(text).is_none())
}

/// A list made of headlines: at least half its items read as headlines.
/// Menus mix a few long labels into many short ones; they are not junk.
fn is_headline_list(list: &LinkList) -> bool {
    let headlines = list.items.iter().filter(|i| is_headline(&i.text)).count();
    headlines * 2 >= list.items.len()
}

/// A list most of whose items show a picture with their link, to the
/// page's own site: the teaser cards of a site's own stories ("latest",
/// "more from", photo sliders), which honest news pages run beside even
/// their shortest items. The padding farms wrap copies in is bare headline
/// lines (the seed's "Related", "Ranking", "Recommendation"), and picture
/// widgets of other sites' clickbait still count. A farm padding with
/// picture cards of its own pages goes unflagged here, a cost measured
/// nowhere yet and accepted for fewer false flags (legitimate pages flagged
/// 12 -> 4 of 681).
fn is_own_picture_grid(list: &LinkList, page_site: Option<&str>) -> bool {
    let pictured: Vec<&LinkItem> = list.items.iter().filter(|i| i.pictured).collect();
    // A relative link stays on the page's site; without the page's own URL
    // an absolute one cannot be judged, and is taken as the site's.
    let own = |i: &&&LinkItem| match (i.href.as_deref().and_then(url_domain), page_site) {
        (Some(target), Some(site)) => target == site,
        _ => true,
    };
    pictured.len() * 2 >= list.items.len()
        && pictured.iter().filter(own).count() * 2 >= pictured.len()
}

/// Share of a list's items that must open the site's own articles for it
/// to be the site's rail. Two thirds: a newsroom's rail may carry a
/// sponsored line or a section link among its stories.
const RAIL_SHARE: f64 = 2.0 / 3.0;

/// A rail of the site's own journalism: a list of three or more whose
/// items mostly open other articles of the page's site addressed like the
/// page itself (`address::opens_sibling_article`), as "latest news", "most
/// read" and section feeds do. Needs the page's address; a farm's padding
/// that opens the farm's own copies looks the same, which is why a rail is
/// counted around a copied story ([`JunkTotals::ratio`]).
pub(crate) fn is_own_rail(list: &LinkList, page_url: Option<&str>) -> bool {
    let Some(url) = page_url else {
        return false;
    };
    let opens = list
        .items
        .iter()
        .filter(|i| {
            i.href
                .as_deref()
                .is_some_and(|h| crate::address::opens_sibling_article(url, h))
        })
        .count();
    list.items.len() >= 3 && opens as f64 >= RAIL_SHARE * list.items.len() as f64
}

/// Levels up from a list to what it shares with the story within which it
/// sits beside the story; beyond, it is in another column of the page.
/// Held by `scripts/eval-junk` (sidebars of honest pages are not padding).
const MAX_STORY_DISTANCE: u32 = 3;

/// Why a list's items cannot pad the story, or `None` when they count:
/// farms wrap the story itself in their lists, while menus, headers,
/// footers, sidebars, lists in other columns and picture teasers of the
/// page's own site (`page_site`, its registrable domain) are the site's
/// furniture.
pub(crate) fn why_not_counted(list: &LinkList, page_site: Option<&str>) -> Option<&'static str> {
    if list.region != Region::Main {
        return Some("site furniture");
    }
    if list.story_distance.is_none_or(|d| d > MAX_STORY_DISTANCE) {
        return Some("not beside the story");
    }
    if !is_headline_list(list) {
        return Some("a menu of short labels");
    }
    if is_own_picture_grid(list, page_site) {
        return Some("a picture teaser grid");
    }
    if is_dated_feed(list) {
        return Some("a feed of dated entries");
    }
    None
}

/// A clock time standing alone: `08:45`, `21:13`.
static CLOCK: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?:^|\D)(?:[01]?\d|2[0-3]):[0-5]\d(?:\D|$)").expect("valid regex")
});

/// Whether a link's text carries its entry's day or hour: "Abonnés -
/// 23/09/2019", "08:45 «Hraparak»", "12/12/2025 Unit opens".
fn is_dated_entry(text: &str) -> bool {
    CLOCK.is_match(text) || !crate::calendar::find_dates(text).is_empty()
}

/// A list most of whose entries carry their day or hour: a newsroom's
/// timestamped feed, a site's dated news list. A farm's padding is bare
/// headlines (the seed's lists date none of theirs; a year in a headline
/// is no date). Half: a feed may show the time on some entries only.
fn is_dated_feed(list: &LinkList) -> bool {
    let dated = list
        .items
        .iter()
        .filter(|i| is_dated_entry(&i.text))
        .count();
    dated * 2 >= list.items.len()
}

/// Most characters one link counts for: a headline's length. Teaser cards
/// that wrap a headline, its summary and a timestamp in one link are one
/// headline of padding, not a paragraph of it. Held by `scripts/eval-junk`.
const MAX_ITEM_CHARS: usize = 120;

/// The page a link opens, when it names one: several links to one story (its
/// picture, headline and summary) are one headline.
fn link_target(item: &crate::extract::LinkItem) -> Option<&str> {
    item.href.as_deref().and_then(crate::extract::page_target)
}

/// What became of one item of a counted list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    /// A headline about something else: padding. Holds the topic words it
    /// shares with the story (too few to be about it).
    Junk(Vec<String>),
    /// A headline about the story itself: the words that tie it to it.
    Related(Vec<String>),
    /// Too short, a date or a page control: not a headline.
    NotHeadline,
    /// The same text or story again: counted once.
    Repeated,
}

/// Judges every item of every counted list, in order, handing each to `on`
/// with the index of its list.
pub(crate) fn judge_items(
    page: &Extracted,
    body: &str,
    mut on: impl FnMut(usize, &LinkItem, Outcome),
) {
    // The story's key words, taken only once a headline needs them.
    let mut keys: Option<HashSet<String>> = None;
    let mut seen_text = HashSet::new();
    let mut seen_target = HashSet::new();
    let site = page.url.as_deref().and_then(url_domain);
    for (at, list) in page.links.iter().enumerate() {
        if why_not_counted(list, site.as_deref()).is_some() {
            continue;
        }
        for item in &list.items {
            let outcome = if !is_headline(&item.text) {
                Outcome::NotHeadline
            } else if !seen_text.insert(item.text.as_str())
                || link_target(item).is_some_and(|t| !seen_target.insert(t))
            {
                Outcome::Repeated
            } else {
                let keys = keys.get_or_insert_with(|| key_words(page, body));
                let words = topic_words(&item.text);
                let mut shared: Vec<String> = words.intersection(keys).cloned().collect();
                shared.sort();
                if is_related(shared.len(), words.len()) {
                    Outcome::Related(shared)
                } else {
                    Outcome::Junk(shared)
                }
            };
            on(at, item, outcome);
        }
    }
}

/// Measures a page's junk link text against its body.
pub fn measure(page: &Extracted) -> JunkMeasure {
    let body = page.body();
    let mut out = JunkMeasure::default();
    out.totals.body_chars = body.chars().count();
    // Whether each list is the site's rail, asked only of lists holding
    // junk: menus of hundreds of links never need it.
    let mut rails: Vec<Option<bool>> = vec![None; page.links.len()];
    judge_items(page, &body, |at, item, outcome| {
        if let Outcome::Junk(shared) = outcome {
            let chars = item.text.chars().count().min(MAX_ITEM_CHARS);
            let rail =
                *rails[at].get_or_insert_with(|| is_own_rail(&page.links[at], page.url.as_deref()));
            if rail {
                out.totals.rail_chars += chars;
            } else {
                out.totals.junk_chars += chars;
            }
            out.items.push(JunkItem {
                heading: page.links[at].heading.clone(),
                text: item.text.clone(),
                shared,
                rail,
            });
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{LinkItem, LinkList};

    fn list(region: Region, items: &[&str]) -> LinkList {
        LinkList {
            heading: "Related".into(),
            items: items
                .iter()
                .map(|t| LinkItem {
                    text: t.to_string(),
                    href: None,
                    pictured: false,
                })
                .collect(),
            region,
            story_distance: Some(1),
        }
    }

    fn page(body: &str, items: &[&str]) -> Extracted {
        Extracted {
            title: "Storm hits the coast".into(),
            paragraphs: vec![body.to_string()],
            links: vec![list(Region::Main, items)],
            ..Default::default()
        }
    }

    const BODY: &str = "A powerful storm struck the northern coast of the island, cutting power to thousands of homes. \
        The storm left the island's northern towns without power for a second night.";

    #[test]
    fn unrelated_headlines_are_junk() {
        let m = measure(&page(
            BODY,
            &[
                "Ten celebrity weddings that shocked everyone",
                "Quarterback signs record deal after season",
            ],
        ));
        assert_eq!(m.items.len(), 2);
        assert_eq!(
            m.totals.junk_chars,
            "Ten celebrity weddings that shocked everyone"
                .chars()
                .count()
                + "Quarterback signs record deal after season".chars().count()
        );
    }

    #[test]
    fn headline_words_holding_a_button_word_are_still_headlines() {
        for text in [
            "Oil giant shares plunge after the merger collapses",
            "Sprint champion retires at the age of thirty",
            "Blueprint for a greener city centre is unveiled",
        ] {
            assert!(is_headline(text), "{text}");
        }
        assert!(!is_headline("Share this story on Facebook now"));
        assert!(!is_headline("Print this article for later reading"));
    }

    #[test]
    fn menus_share_buttons_and_timestamps_are_not_junk() {
        let mut p = page(BODY, &[]);
        p.links = vec![
            list(
                Region::Main,
                &[
                    "Home",
                    "World",
                    "Ten celebrity weddings that shocked everyone",
                    "Sport",
                    "Contact us",
                ],
            ),
            list(
                Region::Main,
                &[
                    "Click to share on Facebook (Opens in new window)",
                    "Share this story by email with friends",
                ],
            ),
            list(
                Region::Main,
                &[
                    "November 19, 2019 at 6:34 am",
                    "November 18, 2019 at 9:02 pm",
                ],
            ),
            list(
                Region::Nav,
                &[
                    "Ten celebrity weddings that shocked everyone",
                    "Quarterback signs record deal after season",
                ],
            ),
        ];
        assert!(measure(&p).items.is_empty(), "{:?}", measure(&p).items);
    }

    #[test]
    fn sidebars_and_lists_in_other_columns_do_not_pad_the_story() {
        let bait = [
            "Ten celebrity weddings that shocked everyone",
            "Quarterback signs record deal after season",
        ];
        let mut side = list(Region::Aside, &bait);
        assert_eq!(why_not_counted(&side, None), Some("site furniture"));
        side.region = Region::Main;
        side.story_distance = Some(MAX_STORY_DISTANCE + 1);
        assert_eq!(why_not_counted(&side, None), Some("not beside the story"));
        side.story_distance = Some(1);
        assert_eq!(why_not_counted(&side, None), None);
    }

    #[test]
    fn chinese_headlines_are_judged_by_shared_character_pairs() {
        let story = "北京市政府今天宣布，全市将新建二十个公园，并扩大地铁网络。市长表示，公园和地铁项目将在三年内完成。";
        let page = |items: &[&str]| Extracted {
            title: "北京将新建二十个公园".into(),
            paragraphs: vec![story.to_string()],
            links: vec![list(Region::Main, items)],
            ..Default::default()
        };
        let unrelated = measure(&page(&[
            "明星婚礼现场曝光引发网友热议",
            "足球队主教练宣布下赛季阵容",
        ]));
        assert_eq!(unrelated.items.len(), 2, "{:?}", unrelated.items);
        let related = measure(&page(&["北京地铁网络扩建计划公布", "北京新建公园名单出炉"]));
        assert!(related.items.is_empty(), "{:?}", related.items);
    }

    #[test]
    fn related_headlines_are_not_junk() {
        let m = measure(&page(
            BODY,
            &[
                "Storm leaves island homes without power",
                "Coast towns count the storm damage",
            ],
        ));
        assert!(m.items.is_empty(), "{:?}", m.items);
    }

    #[test]
    fn picture_teaser_grids_do_not_pad_the_story() {
        let items = [
            "Ten celebrity weddings that shocked everyone",
            "Why quarterbacks now train with ballet dancers",
        ];
        let mut grid = list(Region::Main, &items);
        for i in &mut grid.items {
            i.pictured = true;
        }
        assert_eq!(why_not_counted(&grid, None), Some("a picture teaser grid"));
        let mut p = page(BODY, &[]);
        p.links = vec![grid];
        assert_eq!(measure(&p).totals.junk_chars, 0);
        // One picture among several bare headlines is still a headline list.
        let mut mixed = list(Region::Main, &items);
        mixed.items.push(LinkItem {
            text: "A third story about something else again entirely".into(),
            href: None,
            pictured: false,
        });
        mixed.items[0].pictured = true;
        assert_eq!(why_not_counted(&mixed, None), None);
    }

    #[test]
    fn picture_widgets_of_other_sites_still_pad_the_story() {
        let mut grid = list(
            Region::Main,
            &["Ten celebrity weddings that shocked everyone"; 2],
        );
        grid.items[0].href = Some("https://clickbait.example/weddings".into());
        grid.items[1].href = Some("//clickbait.example/quarterbacks".into());
        for i in &mut grid.items {
            i.pictured = true;
        }
        assert_eq!(why_not_counted(&grid, Some("news.example")), None);
        // The same cards linking within the page's own site are its teasers.
        grid.items[0].href = Some("/sport/quarterbacks".into());
        grid.items[1].href = Some("https://www.news.example/weddings".into());
        assert_eq!(
            why_not_counted(&grid, Some("news.example")),
            Some("a picture teaser grid")
        );
    }

    #[test]
    fn a_story_linked_several_times_is_one_headline() {
        let mut l = list(
            Region::Main,
            &[
                "Ten celebrity weddings that shocked everyone",
                "The couples, the dresses and the guests nobody expected at the altar",
                "Why quarterbacks now train with ballet dancers",
            ],
        );
        l.items[0].href = Some("/p/weddings".into());
        l.items[1].href = Some("/p/weddings".into());
        l.items[2].href = Some("#".into());
        let mut p = page(BODY, &[]);
        p.links = vec![l];
        let m = measure(&p);
        let texts: Vec<&str> = m.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ten celebrity weddings that shocked everyone",
                "Why quarterbacks now train with ballet dancers"
            ]
        );
    }

    #[test]
    fn short_chinese_and_japanese_tags_are_not_headlines() {
        assert!(!is_headline("少子高齢化"));
        assert!(!is_headline("岸田文雄政権"));
        assert!(is_headline("減税は24年6月ボーナスのタイミングで"));
    }

    #[test]
    fn a_link_counts_for_at_most_a_headline() {
        let teaser = format!(
            "Ten celebrity weddings that shocked everyone {}",
            "and more ".repeat(40)
        );
        let m = measure(&page(BODY, &[teaser.as_str()]));
        assert_eq!(m.totals.junk_chars, MAX_ITEM_CHARS);
    }

    #[test]
    fn ratio_is_junk_chars_per_body_char() {
        let m = measure(&page(
            BODY,
            &["Ten celebrity weddings that shocked everyone"],
        ));
        let expected = m.totals.junk_chars as f64 / BODY.chars().count() as f64;
        assert!((m.totals.ratio(false) - expected).abs() < 1e-9);
    }
    const CLICKBAIT: [&str; 4] = [
        "Ten celebrity weddings that shocked the whole world",
        "You will not believe what this famous actor eats for breakfast",
        "Jake Paul rides chariot into ring, says he is ready",
        "2024 British Open Sunday tee times: when do leaders tee off?",
    ];

    #[test]
    fn a_feed_of_dated_entries_is_not_padding_but_bare_headlines_are() {
        let dated: Vec<String> = CLICKBAIT.iter().map(|h| format!("08:45 {h}")).collect();
        let dated: Vec<&str> = dated.iter().map(String::as_str).collect();
        assert_eq!(measure(&page(BODY, &dated)).totals.junk_chars, 0);
        let by_day: Vec<String> = CLICKBAIT
            .iter()
            .map(|h| format!("{h} - 23/09/2019"))
            .collect();
        let by_day: Vec<&str> = by_day.iter().map(String::as_str).collect();
        assert_eq!(measure(&page(BODY, &by_day)).totals.junk_chars, 0);
        // A year inside a headline dates nothing: the seed's lists count.
        assert!(measure(&page(BODY, &CLICKBAIT)).totals.junk_chars > 0);
    }

    #[test]
    fn the_sites_own_rail_counts_only_around_a_copied_story() {
        let url = "https://courier.example/world/48213-storm-hits-coast.html";
        let mut p = page(BODY, &CLICKBAIT);
        p.url = Some(url.into());
        for (k, item) in p.links[0].items.iter_mut().enumerate() {
            item.href = Some(format!("/sport/{}-story.html", 50000 + k));
        }
        let m = measure(&p).totals;
        assert_eq!(m.junk_chars, 0);
        assert!(m.rail_chars > 0);
        assert_eq!(m.ratio(false), 0.0);
        assert!(m.ratio(true) > 0.5);
        // The same headlines opening pages shaped otherwise are padding.
        for item in &mut p.links[0].items {
            item.href = Some("/p/48213".into());
        }
        assert!(measure(&p).totals.junk_chars > 0);
    }
}
