//! Publication dates of HTML pages: a cascade in the spirit of htmldate,
//! from structured data to what the page shows near its headline.

use super::dom::{Attribute, elements_named};
use super::flatten::Block;
use super::json_ld;
use super::{element_text, sel};
use crate::calendar;
use crate::extract::date_rule::{DateField, DateRule, JsonLdKey, MetaName, TextRule, TimeMark};
use crate::extract::dates::{self, PageDates, Precision};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

static SEL_ITEMPROP: LazyLock<Selector> =
    LazyLock::new(|| sel("[itemprop='datePublished']:not(meta):not(time)"));
static SEL_ITEMPROP_CREATED: LazyLock<Selector> = LazyLock::new(|| sel("[itemprop='dateCreated']"));

/// Meta names that carry the first-publication date, most trusted first.
/// `og:article:published_time` is of the plain family, as the original's
/// choice has always weighed it.
const PUBLISHED_META: &[MetaName] = &[
    MetaName::article("article:published_time"),
    MetaName::other("og:article:published_time"),
    MetaName::article("article.published"),
    MetaName::other("datepublished"),
    MetaName::other("parsely-pub-date"),
    MetaName::other("sailthru.date"),
    MetaName::other("publish-date"),
    MetaName::other("publish_date"),
    MetaName::other("publishdate"),
    MetaName::other("pubdate"),
    MetaName::other("publication_date"),
    MetaName::other("dc.date.issued"),
    MetaName::other("dc.issued"),
    MetaName::other("dc:issued"),
    MetaName::other("dcterms.issued"),
    MetaName::other("dcterms:issued"),
    MetaName::other("og:datepublished"),
    MetaName::article("article:published"),
    MetaName::other("dc.date"),
    MetaName::other("dc:date"),
    MetaName::other("dcterms.date"),
    MetaName::other("dcterms:date"),
    MetaName::other("dcterms.created"),
    MetaName::other("dcterms:created"),
    MetaName::other("dc.date.created"),
    MetaName::other("dc.created"),
    MetaName::other("dc:created"),
    MetaName::other("citation_publication_date"),
    MetaName::other("citation_date"),
    MetaName::other("og:published_time"),
    MetaName::article("article_date_original"),
    MetaName::other("originalpublicationdate"),
    MetaName::other("cxenseparse:recs:publishtime"),
    MetaName::other("created"),
];

/// Meta names that may carry the publication date but are used loosely;
/// trusted after marked-up times.
const GENERIC_META: &[MetaName] = &[MetaName::other("date")];

/// Meta names that carry a modification date.
const MODIFIED_META: &[MetaName] = &[
    MetaName::article("article:modified_time"),
    MetaName::other("og:updated_time"),
    MetaName::other("datemodified"),
    MetaName::other("last-modified"),
    MetaName::other("dcterms.modified"),
    MetaName::other("dc.date.modified"),
    MetaName::other("lastmod"),
];

/// Meta names of the story's picture, whose address may hold its day.
const PICTURE_META: &[MetaName] = &[
    MetaName::other("og:image"),
    MetaName::other("twitter:image"),
];

/// The meta name of this spelling among those dates are read from: a
/// written rule names one of them, and reads back with its family.
pub(crate) fn meta_name(name: &str) -> Option<MetaName> {
    [PUBLISHED_META, GENERIC_META, MODIFIED_META, PICTURE_META]
        .into_iter()
        .flatten()
        .find(|m| m.name == name)
        .copied()
}

/// Whether a meta name is one of a picture's address, whose day may be an
/// older picture's.
pub(crate) fn is_picture_meta(name: &MetaName) -> bool {
    PICTURE_META.contains(name)
}

/// What `read_dates` reads a page's dates from.
pub(super) struct DateSources<'a, 'd> {
    pub(super) doc: &'d Html,
    pub(super) meta: &'a HashMap<String, String>,
    pub(super) scripts: &'a [json_ld::Script],
    pub(super) url: Option<&'a str>,
    pub(super) body: NodeRef<'d, Node>,
    pub(super) blocks: &'a [Block],
    /// The headline's block, when found ([`headline_block`]).
    pub(super) headline: Option<usize>,
}

/// The page's dates, most trusted evidence first: structured data, meta
/// tags, marked-up times, the URL, then what the page shows — elements whose
/// class says they hold a date, a labelled date line, and the first date
/// written near the headline.
pub(super) fn read_dates(src: &DateSources<'_, '_>) -> PageDates {
    let times: Vec<ElementRef<'_>> = elements_named(src.doc, &["time"]).take(200).collect();
    let mut out = field_dates(src, &times);
    // A labelled line by the headline is the story's; one elsewhere may
    // be a teaser's ("Posted Dec 21, 2018" under another story's link).
    let date_line = near_headline_blocks(src.blocks, src.headline)
        .chain(src.blocks.iter().take(400))
        .find_map(|b| calendar::labelled_date_line(&b.text));
    let shown = shown_date(src, date_line.map(|(d, _)| d));
    out.shown = shown
        .clone()
        .map(|(date, rule)| dates::FoundDate::day(date, rule));
    // A shown date line may give the time of day a date field lacks.
    if let (Some(field), Some((d, Some(t)))) = (out.published.as_mut(), date_line)
        && field.utc.is_none()
        && field.date == d
    {
        field.utc = Some(t);
    }
    match (out.published.clone(), shown) {
        (Some(field), Some((d, rule))) if d != field.date => {
            // The day readers are shown wins when another publication
            // field backs it (a second meta tag, the JSON-LD, the URL). A
            // shown day merely one off a UTC timestamp does not: pages and
            // their readers date a story by the field's own day as written.
            let backing = out
                .candidates
                .iter()
                .find(|c| c.date == d)
                .map(|c| c.rule.clone());
            if let Some(by) = backing {
                out.published = Some(dates::FoundDate::day(d, rule.backed(by)));
            }
        }
        (Some(_), _) => {}
        (None, Some((d, rule))) => out.add_guess(d, rule),
        (None, None) => {
            if let Some((d, rule)) = last_resort(src, &times) {
                out.add_guess(d, rule);
            } else if let Some(coarse) = coarse_date(src) {
                out.add_coarse_guess(coarse);
            }
        }
    }
    // A URL is fixed when the story first goes out; date fields are
    // rewritten when it is updated or moved. A date days after the URL's
    // day dates a later edit; a UTC timestamp a day off the URL's day, on
    // the side its hour allows, is the publisher's own evening or morning
    // written in UTC.
    if let Some(d) = src.url.and_then(calendar::date_from_url)
        && out
            .published
            .as_ref()
            .is_some_and(|f| (f.date - d).num_days() > 1 || utc_day_off_local(f, d))
    {
        out.published = Some(dates::FoundDate::day(d, DateRule::new(DateField::Url)));
    }
    out
}

/// Whether `field` is a timestamp written in UTC whose day is one off the
/// publisher's own day `local` (its URL's) the way a zone can make it: the
/// next day in UTC before 06:00 (an evening in the Americas), the day
/// before from 18:00 (a morning in Asia). A story stamped 10:04 UTC and
/// filed under the previous day was written up the evening before and
/// published that morning: its field's day stands.
fn utc_day_off_local(field: &dates::FoundDate, local: chrono::NaiveDate) -> bool {
    use chrono::Timelike;
    let Some(utc) = field.utc.filter(|t| field.zoned && t.date() == field.date) else {
        return false;
    };
    let off = (field.date - local).num_days();
    (off == 1 && utc.hour() < 6) || (off == -1 && utc.hour() >= 18)
}

/// The value of the first element `selector` finds: the date in its
/// `content` or `datetime` attribute, else its text.
fn microdata_value(doc: &Html, selector: &Selector) -> Option<String> {
    let el = doc.select(selector).next()?;
    Some(
        el.value()
            .attribute("content")
            .or_else(|| el.value().attribute("datetime"))
            .map(str::to_string)
            .unwrap_or_else(|| element_text(el)),
    )
}

/// A `<time>`'s date: its `datetime`, else its text.
fn time_value(t: &ElementRef<'_>) -> String {
    t.value()
        .attribute("datetime")
        .map(str::to_string)
        .unwrap_or_else(|| element_text(*t))
}

/// The dates machine-readable fields state, most trusted first: meta
/// tags, JSON-LD, times marked as the publication, microdata, loose meta
/// names, the URL.
fn field_dates(src: &DateSources<'_, '_>, times: &[ElementRef<'_>]) -> PageDates {
    let mut out = PageDates::default();
    for name in PUBLISHED_META {
        if let Some(v) = src.meta.get(name.name) {
            add_value(&mut out, v, DateRule::new(DateField::Meta(*name)));
        }
    }
    for script in src.scripts {
        let find = |key: &str| -> Option<String> {
            match &script.value {
                Some(v) => json_date(v, key).map(str::to_string),
                None => json_key_by_text(&script.raw, key),
            }
        };
        for key in [JsonLdKey::DatePublished, JsonLdKey::DateCreated] {
            if let Some(value) = find(key.name()) {
                add_value(&mut out, &value, DateRule::new(DateField::JsonLd(key)));
            }
        }
        let modified = JsonLdKey::DateModified;
        if let Some(d) = find(modified.name())
            .as_deref()
            .and_then(calendar::parse_field)
        {
            out.add_modified(d, DateRule::new(DateField::JsonLd(modified)));
        }
    }
    for name in MODIFIED_META {
        if let Some(d) = src
            .meta
            .get(name.name)
            .and_then(|v| calendar::parse_field(v))
        {
            out.add_modified(d, DateRule::new(DateField::Meta(*name)));
        }
    }
    let marked: Vec<&ElementRef<'_>> = times
        .iter()
        .filter(|t| {
            (t.value().attribute("pubdate").is_some()
                || t.value().attribute("itemprop") == Some("datePublished")
                || publication_class(t.value().attribute("class")))
                && !labelled_update(t)
        })
        .collect();
    // Times marked as publications on three or more days date a list (of
    // comments, of other stories), not the page.
    let marked_days: std::collections::BTreeSet<_> = marked
        .iter()
        .filter_map(|t| calendar::parse_date(&time_value(t)))
        .collect();
    let own = marked.iter().find(|t| !in_teaser_list(t));
    if let Some(t) = own.filter(|_| marked_days.len() < 3) {
        add_value(
            &mut out,
            &time_value(t),
            DateRule::new(DateField::Time(TimeMark::Pubdate)),
        );
    }
    // Microdata on any other element.
    if let Some(value) = microdata_value(src.doc, &SEL_ITEMPROP) {
        let rule = DateRule::new(DateField::Itemprop(JsonLdKey::DatePublished));
        add_value(&mut out, &value, rule);
    }
    for name in GENERIC_META {
        if let Some(v) = src.meta.get(name.name) {
            add_value(&mut out, v, DateRule::new(DateField::Meta(*name)));
        }
    }
    if let Some(d) = src.url.and_then(calendar::date_from_url) {
        out.add_published(d, DateRule::new(DateField::Url));
    }
    out
}

/// The day the page shows readers, first found first: a labelled date
/// line, a date near the headline, an element whose class says "date".
fn shown_date(
    src: &DateSources<'_, '_>,
    date_line: Option<chrono::NaiveDate>,
) -> Option<(chrono::NaiveDate, DateRule)> {
    let line = DateRule::new(DateField::Text(TextRule::DateLine));
    let near = DateRule::new(DateField::Text(TextRule::NearHeadline));
    let beside = beside_headline(src.blocks, src.headline);
    // A labelled line right under the headline, else any date there, come
    // before a labelled line further off, which may be a teaser's.
    let line_beside = beside
        .iter()
        .find_map(|b| calendar::labelled_date_line(&b.text))
        .map(|(d, _)| d);
    let date_beside = || {
        (0..beside.len())
            .filter(|&i| beside[i].text.chars().count() <= 200 && !dates_a_profile(beside, i))
            .find_map(|i| calendar::parse_date(&beside[i].text))
    };
    [
        (line_beside, line.clone()),
        (date_beside(), near.clone()),
        (date_line, line),
        (first_date_near_headline(src.blocks, src.headline), near),
        (dated_element(src.body), DateRule::new(DateField::Class)),
    ]
    .into_iter()
    .find_map(|(d, rule)| d.map(|d| (d, rule)))
}

/// The headline's block and the few right under it (a byline, a date
/// line); none when no headline is found.
fn beside_headline(blocks: &[Block], headline: Option<usize>) -> &[Block] {
    match headline {
        Some(h1) => &blocks[h1..(h1 + BLOCKS_BESIDE_HEADLINE).min(blocks.len())],
        None => &[],
    }
}

/// A date for a page no field and no shown day dates: the story's own
/// picture, often filed under its day (`/files/2016/05/04/cover.png`) but
/// possibly an older one reused; else a microdata creation date; else its
/// first `<time>`; else the first date of its text.
fn last_resort(
    src: &DateSources<'_, '_>,
    times: &[ElementRef<'_>],
) -> Option<(chrono::NaiveDate, DateRule)> {
    let picture = PICTURE_META.iter().find_map(|name| {
        let day = src
            .meta
            .get(name.name)
            .and_then(|v| calendar::date_from_url(v))?;
        Some((day, *name))
    });
    if let Some((d, name)) = picture {
        return Some((d, DateRule::new(DateField::Meta(name))));
    }
    // A creation date: of a recipe or a record, often years before the
    // page the reader sees, so only where nothing else dates it.
    if let Some(d) = microdata_value(src.doc, &SEL_ITEMPROP_CREATED)
        .as_deref()
        .and_then(calendar::parse_field)
    {
        let rule = DateRule::new(DateField::Itemprop(JsonLdKey::DateCreated));
        return Some((d, rule));
    }
    if let Some(d) = times
        .first()
        .and_then(|t| calendar::parse_date(&time_value(t)))
    {
        return Some((d, DateRule::new(DateField::Time(TimeMark::Unmarked))));
    }
    src.blocks
        .iter()
        .filter(|b| !b.boiler)
        .take(2000)
        .find_map(|b| calendar::parse_date(&b.text))
        .map(|d| (d, DateRule::new(DateField::Text(TextRule::First))))
}

/// A date of a page that states no whole day: a labelled month or year
/// (`Stand: 2018`), a month and year near the headline (`May 2020`), else
/// the copyright year, anywhere on the page (footers carry it). Each is
/// the first day of what it names, with its precision.
fn coarse_date(src: &DateSources<'_, '_>) -> Option<dates::FoundDate> {
    let labelled = src
        .blocks
        .iter()
        .take(400)
        .find_map(|b| calendar::labelled_coarse_line(&b.text))
        .map(|(d, month)| {
            let precision = if month {
                Precision::Month
            } else {
                Precision::Year
            };
            (d, precision, DateField::Text(TextRule::DateLine))
        });
    let near_headline = || {
        near_headline_blocks(src.blocks, src.headline)
            .find_map(|b| calendar::month_and_year(&b.text))
            .map(|d| (d, Precision::Month, DateField::Text(TextRule::NearHeadline)))
    };
    let copyright = || {
        src.blocks.iter().rev().take(2000).find_map(|b| {
            let day = calendar::copyright_day(&b.text).map(|d| (d, Precision::Day));
            day.or_else(|| calendar::copyright_year(&b.text).map(|d| (d, Precision::Year)))
                .map(|(d, precision)| (d, precision, DateField::Copyright))
        })
    };
    let (date, precision, field) = labelled.or_else(near_headline).or_else(copyright)?;
    Some(dates::FoundDate {
        precision,
        ..dates::FoundDate::day(date, DateRule::new(field))
    })
}

/// Whether a `<time>`'s class names it the publication time
/// (`entry-date published`, as blog themes print it beside an `updated`
/// time).
fn publication_class(class: Option<&str>) -> bool {
    class.is_some_and(|c| {
        let words: Vec<&str> = c.split_ascii_whitespace().collect();
        !words.contains(&"updated")
            && words
                .iter()
                .any(|w| matches!(*w, "published" | "entry-date" | "pubdate"))
    })
}

/// Whether a time's own words label it an update (`Last Updated:`),
/// whatever its markup claims.
fn labelled_update(t: &ElementRef<'_>) -> bool {
    let text = element_text(*t).to_lowercase();
    [
        "updated",
        "modified",
        "aktualisiert",
        "mis à jour",
        "actualizado",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// Whether an element sits in a list item or the page's furniture (a
/// sidebar, a footer, a menu): there it dates another story.
fn in_teaser_list(el: &ElementRef<'_>) -> bool {
    el.ancestors()
        .take(super::MAX_CLIMB)
        .filter_map(|a| a.value().as_element().map(|e| e.name()))
        .any(|name| matches!(name, "li" | "aside" | "nav" | "footer"))
}

/// Class or id words of elements that hold a page's date.
const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "published",
    "publish",
    "pubdate",
    "posted",
    "byline",
    "dateline",
    "timestamp",
    "datum",
    "zeit",
    "meta",
    "entry",
    "info",
    "fecha",
    "data",
];

/// How many elements the class search looks at.
const MAX_DATED_ELEMENTS: usize = 5_000;

/// The first date in a short element whose class or id says it holds a
/// date (`<span class="post-date">`, `<abbr class="published" title=...>`),
/// outside comments.
fn dated_element(body: NodeRef<'_, Node>) -> Option<chrono::NaiveDate> {
    for el in body
        .descendants()
        .filter_map(ElementRef::wrap)
        .take(MAX_DATED_ELEMENTS)
    {
        let v = el.value();
        let named = [
            v.attribute("class"),
            v.attribute("id"),
            v.attribute("data-testid"),
        ]
        .into_iter()
        .flatten()
        .any(|a| {
            a.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| DATE_WORDS.contains(&w.to_ascii_lowercase().as_str()))
        });
        if (!named && v.name() != "abbr") || names_an_update(v) {
            continue;
        }
        let in_comment = [v.attribute("class"), v.attribute("id")]
            .into_iter()
            .flatten()
            .any(|a| a.to_ascii_lowercase().contains("comment"));
        if in_comment {
            continue;
        }
        if let Some(d) = v
            .attribute("title")
            .or_else(|| v.attribute("datetime"))
            .and_then(calendar::parse_field)
        {
            return Some(d);
        }
        let text = element_text(el);
        if text.chars().count() <= 120
            && let Some(d) = calendar::parse_date(&text)
        {
            return Some(d);
        }
    }
    None
}

/// Whether an element's class names it the date of an update (hAtom's
/// `updated`, `modified`) and not also the publication.
fn names_an_update(v: &scraper::node::Element) -> bool {
    v.attribute("class").is_some_and(|c| {
        let words: Vec<String> = c
            .split(|ch: char| !ch.is_ascii_alphanumeric())
            .map(str::to_ascii_lowercase)
            .collect();
        let has = |w: &str| words.iter().any(|x| x == w);
        (has("updated") || has("modified")) && !has("published")
    })
}

/// How many blocks before and after the headline may carry its date line
/// (a kicker above it, a byline below it).
const BLOCKS_BEFORE_HEADLINE: usize = 5;
const BLOCKS_AFTER_HEADLINE: usize = 15;
/// The blocks right under the headline, counting it: where a byline
/// states the story's own date.
const BLOCKS_BESIDE_HEADLINE: usize = 4;

/// The block holding the headline: the heading that reads as the page's
/// title (sites that keep `<h1>` for their logo set headlines in `<h2>`),
/// else the first `<h1>`.
pub(super) fn headline_block(blocks: &[Block], title: &str) -> Option<usize> {
    let heading = |b: &Block| matches!(b.tag, "h1" | "h2" | "h3");
    let title = title.trim();
    let exact = || {
        blocks
            .iter()
            .position(|b| heading(b) && b.text.trim() == title)
    };
    // Titles carry the site's name after the headline, headlines a label
    // after it ("... Balkany | Chroniques" over "... Balkany Abonnés").
    let leading = || {
        blocks
            .iter()
            .position(|b| heading(b) && shared_start(b.text.trim(), title) >= HEADLINE_START)
    };
    (!title.is_empty())
        .then(|| exact().or_else(leading))
        .flatten()
        .or_else(|| blocks.iter().position(|b| b.tag == "h1"))
}

/// How many leading characters a heading must share with the title to be
/// its headline: more than a site's name or a section's.
const HEADLINE_START: usize = 30;

/// How many characters two texts share from their start.
fn shared_start(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The date written in short blocks around the headline (or at the top of
/// the page when there is none), nearest the headline first, where pages
/// print their dateline; not the day a forum poster joined.
fn first_date_near_headline(
    blocks: &[Block],
    headline: Option<usize>,
) -> Option<chrono::NaiveDate> {
    near_headline_indices(blocks, headline)
        .into_iter()
        .filter(|&i| !dates_a_profile(blocks, i))
        .find_map(|i| calendar::parse_date(&blocks[i].text))
}

/// Whether block `i` holds a member's profile date: it or the block
/// before it is a profile label.
fn dates_a_profile(blocks: &[Block], i: usize) -> bool {
    profile_label(&blocks[i].text)
        || i.checked_sub(1)
            .is_some_and(|p| profile_label(&blocks[p].text))
}

/// Whether a block is or starts with the label of a member's profile date
/// ("Joined", "Member since"): beside a forum post's title it dates the
/// poster, not the post.
fn profile_label(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    [
        "joined",
        "member since",
        "registered",
        "mitglied seit",
        "registriert seit",
        "dabei seit",
        "inscrit le",
        "inscrit depuis",
    ]
    .iter()
    .any(|label| t.starts_with(label))
}

/// The short blocks around the headline, nearest first.
fn near_headline_blocks(blocks: &[Block], headline: Option<usize>) -> impl Iterator<Item = &Block> {
    near_headline_indices(blocks, headline)
        .into_iter()
        .map(move |i| &blocks[i])
}

/// Where the short blocks around the headline are, nearest first: the
/// four under it, the few above it (a kicker), then the rest of those
/// under it; the page's first blocks when no headline is found.
fn near_headline_indices(blocks: &[Block], headline: Option<usize>) -> Vec<usize> {
    let end = |n: usize| n.min(blocks.len());
    let order: Vec<usize> = match headline {
        None => (0..end(BLOCKS_AFTER_HEADLINE)).collect(),
        Some(h1) => (h1..end(h1 + BLOCKS_BESIDE_HEADLINE))
            .chain((h1.saturating_sub(BLOCKS_BEFORE_HEADLINE)..h1).rev())
            .chain(end(h1 + BLOCKS_BESIDE_HEADLINE)..end(h1 + BLOCKS_AFTER_HEADLINE))
            .collect(),
    };
    order
        .into_iter()
        .filter(|&i| blocks[i].text.chars().count() <= 200)
        .collect()
}

/// Adds a machine-readable date field's value, with its time when it has one.
fn add_value(out: &mut PageDates, value: &str, rule: DateRule) {
    if let Some(d) = calendar::parse_field(value).or_else(|| calendar::compact_timestamp(value)) {
        let zoned = calendar::timestamp_is_zoned(value);
        out.add_published_at(d, calendar::parse_timestamp(value), zoned, rule);
    }
}

/// `"key": "value"` read from the text of a script that is not valid JSON.
fn json_key_by_text(raw: &str, key: &str) -> Option<String> {
    let quoted = format!("\"{key}\"");
    let at = raw.find(&quoted)? + quoted.len();
    let rest = raw[at..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// The string under `key` in a JSON-LD value (`@graph`, arrays), from the
/// object that describes the article when there is one: a page's JSON-LD
/// also dates its web page, its site, its author's other works and the
/// stories it links to.
fn json_date<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    let mut best: Option<(u8, &str)> = None;
    for map in json_ld::objects(v) {
        if let Some(s) = map.get(key).and_then(|x| x.as_str()) {
            let rank = describes(&json_ld::types(map));
            if best.is_none_or(|(r, _)| rank < r) {
                best = Some((rank, s));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// How surely a JSON-LD object with this `@type` describes the page's
/// story: 0 an article or post, 1 the web page, 2 anything else.
fn describes(names: &[&str]) -> u8 {
    if names
        .iter()
        .any(|n| n.ends_with("Article") || n.ends_with("Posting") || *n == "Report")
    {
        0
    } else if names.iter().any(|n| n.ends_with("WebPage")) {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::extract;
    use serde_json::json;

    #[test]
    fn a_key_is_read_from_the_text_of_a_script_that_is_not_valid_json() {
        let raw = "{\"@type\": \"NewsArticle\",\n \"datePublished\" : \"2020-01-02\", }";
        assert_eq!(
            json_key_by_text(raw, "datePublished"),
            Some("2020-01-02".into())
        );
        assert_eq!(json_key_by_text(raw, "dateModified"), None);
        assert_eq!(
            json_key_by_text("\"datePublished\": 3", "datePublished"),
            None
        );
    }

    #[test]
    fn a_json_ld_date_comes_from_the_article_before_the_page_or_the_site() {
        let v = json!({"@graph": [
            {"@type": "WebSite", "datePublished": "2010-01-01"},
            {"@type": "WebPage", "datePublished": "2015-01-01"},
            {"@type": ["Thing", "BlogPosting"], "datePublished": "2024-03-05"}]});
        assert_eq!(json_date(&v, "datePublished"), Some("2024-03-05"));
        let page_only = json!([{"@type": "Person", "datePublished": "2010-01-01"},
            {"@type": "CollectionWebPage", "datePublished": "2015-01-01"}]);
        assert_eq!(json_date(&page_only, "datePublished"), Some("2015-01-01"));
    }

    #[test]
    fn a_time_classed_as_published_is_the_publication_unless_also_updated() {
        assert!(publication_class(Some("entry-date published")));
        assert!(publication_class(Some("pubdate")));
        assert!(!publication_class(Some("entry-date updated")));
        assert!(!publication_class(Some("published-at")));
        assert!(!publication_class(None));
    }

    /// The first-publication date `extract` reads from a page with this head
    /// and body, with its rule.
    fn published(head: &str, body: &str) -> Option<(String, String)> {
        let page = format!(
            "<html><head>{head}</head><body>{body}<p>{}</p></body></html>",
            "Story text. ".repeat(30)
        );
        extract(&page)
            .dates
            .published
            .map(|f| (f.date.to_string(), f.rule.to_string()))
    }

    #[test]
    fn the_date_beside_an_h2_headline_is_found_when_h1_is_the_logo() {
        let teasers: String = (0..20)
            .map(|i| format!("<p>Teaser number {i} of the site's front column</p>"))
            .collect();
        let page = format!(
            r#"<html><head><title>Forbes on Trump's fortune | Weekly</title>
<meta property="og:title" content="Forbes on Trump's fortune"></head><body>
<h1>Weekly</h1>{teasers}
<h2>Forbes on Trump's fortune</h2><p>A short lead under the headline.</p><h5>23.01.2019</h5>
<p>The interview took place on the tenth floor of his office building in New York, looking out over the river.</p>
</body></html>"#
        );
        let e = extract(&page);
        let p = e.dates.published.expect("a date");
        assert_eq!(
            (p.date.to_string().as_str(), p.rule.to_string().as_str()),
            ("2019-01-23", "text:near-headline")
        );
    }

    #[test]
    fn dates_in_the_long_tail_of_markup() {
        let day = |head: &str, body: &str| published(head, body).map(|(d, _)| d);
        // Dublin Core, http-equiv and capitalised property names.
        assert_eq!(
            day(r#"<meta name="DC.Issued" content="2017-09-01">"#, ""),
            Some("2017-09-01".into())
        );
        assert_eq!(
            day(r#"<meta http-equiv="date" content="2017-09-01">"#, ""),
            Some("2017-09-01".into())
        );
        assert_eq!(
            day(
                r#"<meta property="OG:DatePublished" content="2017-09-01">"#,
                ""
            ),
            Some("2017-09-01".into())
        );
        // A 14-digit timestamp in a field.
        assert_eq!(
            day(r#"<meta name="pubdate" content="20170901123000">"#, ""),
            Some("2017-09-01".into())
        );
        // Microdata on an element that is not <time>.
        assert_eq!(
            published(
                "",
                r#"<span itemprop="datePublished" content="2017-09-01">1 Sept</span>"#
            ),
            Some(("2017-09-01".into(), "itemprop:datePublished".into()))
        );
    }

    #[test]
    fn a_teaser_lists_time_pubdate_dates_another_story() {
        let body = r#"<aside><ul><li><a href="/old">Older story</a> <time pubdate datetime="2019-02-03">3 Feb</time></li></ul></aside>
            <article><h1>Storm</h1><time pubdate datetime="2024-03-05">5 March</time></article>"#;
        assert_eq!(
            published("", body),
            Some(("2024-03-05".into(), "time:pubdate".into()))
        );
    }

    #[test]
    fn the_articles_json_ld_date_beats_the_sites_and_the_modified_date_does_not_win() {
        let ld = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"WebSite","datePublished":"2010-01-01"},
            {"@type":"NewsArticle","datePublished":"2024-03-05T08:00:00Z","dateModified":"2024-06-01T08:00:00Z"}]}</script>"#;
        // The page shows its update day, which only the modified field backs.
        assert_eq!(
            published(ld, "<h1>Storm</h1><p class=\"date\">June 1, 2024</p>"),
            Some(("2024-03-05".into(), "json-ld:datePublished".into()))
        );
    }

    #[test]
    fn json_ld_graph_dates_are_found() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2023-09-11T05:00:00Z","dateModified":"2023-09-12"}]}
</script></head><body><p>x</p></body></html>"#;
        let e = extract(page);
        assert_eq!(e.dates.published.unwrap().date.to_string(), "2023-09-11");
        assert_eq!(e.dates.modified.unwrap().date.to_string(), "2023-09-12");
    }

    #[test]
    fn a_blog_theme_entry_date_beats_the_updated_time_beside_it() {
        let times = r#"<p><time class="entry-date published" datetime="2019-06-28T11:32:59+02:00">28. Juni 2019</time><time class="updated" datetime="2019-09-26T10:00:00+02:00">26. September 2019</time></p>"#;
        let (day, rule) = published("", times).unwrap();
        assert_eq!(
            (day.as_str(), rule.as_str()),
            ("2019-06-28", "time:pubdate")
        );
        // A time labelled as an update is not the publication, whatever its class.
        let updated = r#"<p><time class="entry-date published" datetime="2024-12-06T11:29:12+00:00">Last Updated: December 6, 2024</time></p>"#;
        let head =
            r#"<meta property="article:published_time" content="2023-10-02T14:21:11+00:00">"#;
        assert_eq!(published(head, updated).unwrap().0, "2023-10-02");
    }

    #[test]
    fn a_url_day_before_the_date_fields_is_the_first_publication() {
        let head = r#"<link rel="canonical" href="https://mag.example/2017/07/12/montauk/"><meta name="datepublished" content="2019-06-17">"#;
        assert_eq!(
            published(head, "").unwrap(),
            ("2017-07-12".into(), "url".into())
        );
        // A URL a day off the field is a time zone, not an edit.
        let close = head.replace("2019-06-17", "2017-07-13");
        assert_eq!(published(&close, "").unwrap().0, "2017-07-13");
    }

    #[test]
    fn a_shown_day_one_off_a_utc_timestamp_does_not_replace_it() {
        let head =
            r#"<meta property="article:published_time" content="2023-11-06T12:00:00+00:00">"#;
        let shown = "<p>5 November 2023</p>";
        assert_eq!(published(head, shown).unwrap().0, "2023-11-06");
    }

    #[test]
    fn publication_times_on_many_days_date_a_list_not_the_page() {
        let comments: String = (19..23)
            .map(|d| format!("<div class=\"comment\"><p>Reply text.</p><time datetime=\"2019-09-{d}T07:30:29Z\" pubdate>{d} septembre</time></div>"))
            .collect();
        let body = format!(
            "<h1>Site</h1><p>Edition du 23 septembre 2019</p><h1>Didier Porte wishes the mayor good health <span>Abonnés</span></h1><p class=\"publication\">Le <time datetime=\"2019-06-28T13:49:45Z\">28 juin 2019</time></p>{comments}"
        );
        let head = "<title>Didier Porte wishes the mayor good health | Chroniques | Site</title>";
        // The headline is found though the title carries the site's name
        // and the heading a label, so the date under it is the page's.
        assert_eq!(
            published(head, &body).unwrap(),
            ("2019-06-28".into(), "text:near-headline".into())
        );
    }

    #[test]
    fn the_picture_path_dates_a_page_with_no_other_date() {
        let head = r#"<meta property="og:image" content="https://eff.example/files/2016/05/04/report.png">"#;
        assert_eq!(
            published(head, "").unwrap(),
            ("2016-05-04".into(), "meta:og:image".into())
        );
        let dated = format!(r#"{head}<meta name="pubdate" content="2016-06-01">"#);
        assert_eq!(published(&dated, "").unwrap().0, "2016-06-01");
    }

    fn published_day(html: &str) -> Option<chrono::NaiveDate> {
        extract(html).dates.published.map(|f| f.date)
    }

    fn story(html_tag: &str, head: &str, line: &str) -> String {
        let text = "<p>The council met to discuss the budget for the coming year and its effects on schools.</p>"
            .repeat(6);
        format!(
            "{html_tag}<head><title>Budget</title>{head}</head><body><article><h1>Budget</h1><p>{line}</p>{text}</article></body></html>"
        )
    }

    #[test]
    fn a_shown_date_with_slashes_is_read_in_the_page_language_order() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        let gb = story(r#"<html lang="en-GB">"#, "", "Posted 05/06/2020");
        assert_eq!(published_day(&gb), day(2020, 6, 5));
        let xml_gb = story(r#"<html xml:lang="en-GB">"#, "", "Posted 05/06/2020");
        assert_eq!(published_day(&xml_gb), day(2020, 6, 5));
        let us = story(r#"<html lang="en-US">"#, "", "Posted 05/06/2020");
        assert_eq!(published_day(&us), day(2020, 5, 6));
        // The head's field is the content system's, month first.
        let de = story(
            r#"<html lang="de">"#,
            r#"<meta name="date" content="11/01/2023 12:43:42">"#,
            "",
        );
        assert_eq!(published_day(&de), day(2023, 11, 1));
    }

    #[test]
    fn dublin_core_names_are_read_with_a_colon_too() {
        for name in [
            "dc:created",
            "dc.created",
            "dcterms:created",
            "dc:date",
            "dcterms:date",
        ] {
            let page = story(
                "<html>",
                &format!(r#"<meta name="{name}" content="2020-05-05">"#),
                "",
            );
            assert_eq!(
                published_day(&page),
                chrono::NaiveDate::from_ymd_opt(2020, 5, 5),
                "{name}"
            );
        }
    }

    #[test]
    fn a_utc_timestamp_a_day_off_the_address_takes_the_publisher_day() {
        let page = |time: &str, url: &str| {
            let text = "<p>The council met to discuss the budget for the coming year and its effects on schools.</p>"
                .repeat(6);
            format!(
                r#"<html><head><title>Budget</title><link rel="canonical" href="https://news.example/{url}/budget">
                <script type="application/ld+json">{{"@type":"NewsArticle","datePublished":"{time}"}}</script>
                </head><body><article><h1>Budget</h1>{text}</article></body></html>"#
            )
        };
        let day = |d| chrono::NaiveDate::from_ymd_opt(2020, 2, d);
        // 02:18 UTC on the 18th is the evening of the 17th in the Americas.
        assert_eq!(
            published_day(&page("2020-02-18T02:18:11Z", "2020/02/17")),
            day(17)
        );
        // A UTC morning filed under the day before is a story written up
        // that evening and published in the morning.
        assert_eq!(
            published_day(&page("2020-02-18T10:04:04Z", "2020/02/17")),
            day(18)
        );
        // 22:00 UTC on the 17th is the morning of the 18th in Asia.
        assert_eq!(
            published_day(&page("2020-02-17T22:00:00Z", "2020/02/18")),
            day(18)
        );
        // A time with its own offset is already the publisher's day.
        assert_eq!(
            published_day(&page("2020-02-18T02:18:11+09:00", "2020/02/17")),
            day(18)
        );
    }
}
