//! What a page says about itself in its head: meta values and the headline.

use super::dom::{Attribute, elements_named};
use super::{element_text, sel};
use crate::extract::squash_whitespace;
use scraper::{Html, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

static SEL_CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel=canonical]"));

/// The page's `<meta>` values keyed by lowercased name/property/itemprop,
/// first occurrence winning, plus `canonical` from `<link rel=canonical>`.
pub(super) fn read_meta(doc: &Html) -> HashMap<String, String> {
    let mut meta = HashMap::new();
    for m in elements_named(doc, &["meta"]) {
        let el = m.value();
        let key = el
            .attribute("property")
            .or_else(|| el.attribute("name"))
            .or_else(|| el.attribute("itemprop"))
            .or_else(|| el.attribute("http-equiv"));
        let value = el.attribute("content").or_else(|| el.attribute("datetime"));
        if let (Some(k), Some(v)) = (key, value) {
            meta.entry(k.trim().to_ascii_lowercase())
                .or_insert_with(|| v.trim().to_string());
        }
    }
    if let Some(href) = doc
        .select(&SEL_CANONICAL)
        .next()
        .and_then(|l| l.value().attribute("href"))
        && href.starts_with("http")
    {
        meta.insert("canonical".to_string(), href.trim().to_string());
    }
    meta
}

/// The headline: an `<h1>` that the page's titles confirm, else `og:title`,
/// else the longest part of `<title>` (dropping the site name).
pub(super) fn choose_title(doc: &Html, meta: &HashMap<String, String>) -> String {
    let title = elements_named(doc, &["title"])
        .next()
        .map(element_text)
        .unwrap_or_default();
    let og = meta
        .get("og:title")
        .map(|s| squash_whitespace(s))
        .unwrap_or_default();
    let h1s: Vec<String> = elements_named(doc, &["h1"])
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::fixtures::PAGE;
    use crate::extract::html::{extract, parse};

    /// The headline `choose_title` picks for a page with this head and body.
    fn title(head: &str, body: &str) -> String {
        let doc = parse(&format!(
            "<html><head>{head}</head><body>{body}</body></html>"
        ));
        choose_title(&doc, &read_meta(&doc))
    }

    #[test]
    fn meta_names_are_lowercased_and_the_first_value_wins() {
        let doc = parse(
            r#"<head><meta property=" OG:Title " content=" First "><meta name="og:title" content="Second">
            <meta itemprop="datePublished" datetime="2024-03-05"><meta content="no name"></head>"#,
        );
        let meta = read_meta(&doc);
        assert_eq!(meta["og:title"], "First");
        assert_eq!(meta["datepublished"], "2024-03-05");
        assert_eq!(meta.len(), 2);
    }

    #[test]
    fn only_an_absolute_canonical_url_is_read() {
        let canonical = |href: &str| {
            read_meta(&parse(&format!(r#"<link rel="canonical" href="{href}">"#)))
                .get("canonical")
                .cloned()
        };
        assert_eq!(
            canonical("https://planet.example/storm "),
            Some("https://planet.example/storm".into())
        );
        assert_eq!(canonical("/storm"), None);
    }

    #[test]
    fn an_h1_the_titles_do_not_confirm_gives_way_to_og_title() {
        let head = r#"<title>Storm hits coast | Planet</title><meta property="og:title" content="Storm hits  coast today">"#;
        assert_eq!(
            title(head, "<h1>Welcome to Planet</h1>"),
            "Storm hits coast today"
        );
        assert_eq!(title(head, "<h1>Storm hits</h1>"), "Storm hits");
        // A single word confirms nothing: it is a logo more often than not.
        assert_eq!(title(head, "<h1>Storm</h1>"), "Storm hits coast today");
    }

    #[test]
    fn without_og_title_the_longest_part_of_the_title_is_the_headline() {
        assert_eq!(
            title(
                "<title>Planet - Storm hits the northern coast | News</title>",
                ""
            ),
            "Storm hits the northern coast"
        );
        assert_eq!(title("", "<h1>Planet</h1>"), "Planet");
    }

    #[test]
    fn title_prefers_the_headline() {
        assert_eq!(extract(PAGE).title, "Storm hits coast");
    }

    #[test]
    fn canonical_url_and_meta_date() {
        let e = extract(PAGE);
        assert_eq!(
            e.url.as_deref(),
            Some("https://planet.example/2024/03/05/storm")
        );
        let p = e.dates.published.unwrap();
        assert_eq!(p.date.to_string(), "2024-03-05");
        assert_eq!(p.rule.to_string(), "meta:article:published_time");
    }
}
