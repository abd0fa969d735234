//! What a page says about itself in its head and markup: meta values, the
//! headline, and the dates of the htmldate-style cascade.

use super::{element_text, sel};
use crate::extract::dates::{self, PageDates};
use crate::extract::squash_whitespace;
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

static SEL_TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static SEL_H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static SEL_META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static SEL_CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel=canonical]"));
static SEL_JSONLD: LazyLock<Selector> = LazyLock::new(|| sel("script[type='application/ld+json']"));
static SEL_TIME: LazyLock<Selector> = LazyLock::new(|| sel("time"));

/// The page's `<meta>` values keyed by lowercased name/property/itemprop,
/// first occurrence winning, plus `canonical` from `<link rel=canonical>`.
pub(super) fn read_meta(doc: &Html) -> HashMap<String, String> {
    let mut meta = HashMap::new();
    for m in doc.select(&SEL_META) {
        let el = m.value();
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"));
        let value = el.attr("content").or_else(|| el.attr("datetime"));
        if let (Some(k), Some(v)) = (key, value) {
            meta.entry(k.trim().to_ascii_lowercase())
                .or_insert_with(|| v.trim().to_string());
        }
    }
    if let Some(href) = doc
        .select(&SEL_CANONICAL)
        .next()
        .and_then(|l| l.value().attr("href"))
        && href.starts_with("http")
    {
        meta.insert("canonical".to_string(), href.trim().to_string());
    }
    meta
}

/// Meta names that carry the first-publication date, most trusted first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "og:published_time",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "created",
];

/// Meta names that carry a modification date.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
    "lastmod",
];

pub(super) fn read_dates(doc: &Html, meta: &HashMap<String, String>) -> PageDates {
    let mut out = PageDates::default();
    for script in doc.select(&SEL_JSONLD) {
        let raw: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
            for (key, rule) in [
                ("datePublished", "json-ld:datePublished"),
                ("dateCreated", "json-ld:dateCreated"),
            ] {
                if let Some(raw) = json_date(&v, key) {
                    add_value(&mut out, raw, rule);
                }
            }
            if let Some(d) = json_date(&v, "dateModified").and_then(dates::parse_date) {
                out.add_modified(d, "json-ld:dateModified");
            }
        }
    }
    for name in PUBLISHED_META {
        if let Some(v) = meta.get(*name) {
            add_value(&mut out, v, &format!("meta:{name}"));
        }
    }
    for name in MODIFIED_META {
        if let Some(d) = meta.get(*name).and_then(|v| dates::parse_date(v)) {
            out.add_modified(d, &format!("meta:{name}"));
        }
    }
    let times: Vec<ElementRef<'_>> = doc.select(&SEL_TIME).take(50).collect();
    let marked = times.iter().find(|t| {
        t.value().attr("pubdate").is_some() || t.value().attr("itemprop") == Some("datePublished")
    });
    for (t, rule) in marked
        .map(|t| (t, "time:pubdate"))
        .into_iter()
        .chain(times.first().map(|t| (t, "time")))
    {
        let value = t
            .value()
            .attr("datetime")
            .map(str::to_string)
            .unwrap_or_else(|| element_text(*t));
        add_value(&mut out, &value, rule);
    }
    out
}

/// Adds a machine-readable date field's value, with its time when it has one.
fn add_value(out: &mut PageDates, value: &str, rule: &str) {
    if let Some(d) = dates::parse_date(value) {
        out.add_published_at(d, dates::parse_timestamp(value), rule);
    }
}

/// The first string under `key` anywhere in a JSON-LD value (`@graph`, arrays).
fn json_date<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    let mut stack = vec![v];
    let mut visited = 0;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match v {
            serde_json::Value::Object(map) => {
                if let Some(s) = map.get(key).and_then(|x| x.as_str()) {
                    return Some(s);
                }
                stack.extend(map.values().rev());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}

/// The headline: an `<h1>` that the page's titles confirm, else `og:title`,
/// else the longest part of `<title>` (dropping the site name).
pub(super) fn choose_title(doc: &Html, meta: &HashMap<String, String>) -> String {
    let title = doc
        .select(&SEL_TITLE)
        .next()
        .map(element_text)
        .unwrap_or_default();
    let og = meta
        .get("og:title")
        .map(|s| squash_whitespace(s))
        .unwrap_or_default();
    let h1s: Vec<String> = doc
        .select(&SEL_H1)
        .take(5)
        .map(element_text)
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(h) = h1s.iter().find(|h| {
        h.split_whitespace().count() >= 2 && (title.contains(h.as_str()) || og.contains(h.as_str()))
    }) {
        return h.clone();
    }
    if !og.is_empty() {
        return og;
    }
    let best_part = title
        .split(" | ")
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "))
        .max_by_key(|p| p.chars().count())
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    if !best_part.is_empty() {
        return best_part;
    }
    h1s.into_iter().next().unwrap_or_default()
}
