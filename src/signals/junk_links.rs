//! `junk_links`: headline lists outside the body that have nothing to do
//! with the story, measured against the story's length.
//!
//! An item counts as junk when it reads as a headline (several words, so
//! menus, tags and pagination do not count) and shares almost none of the
//! story's topic words. Related-story boxes on honest pages share them.

use crate::extract::Extracted;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;

static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../data/stopwords/en.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
        .map(str::to_string)
        .collect()
});

/// Fewest words a link text needs to read as a headline.
const HEADLINE_WORDS: usize = 4;

/// An item counted as junk, with what it shared with the story (for explain).
#[derive(Debug, Clone, Serialize)]
pub struct JunkItem {
    pub heading: String,
    pub text: String,
    /// Topic words the item shares with the body.
    pub shared: Vec<String>,
}

/// The link-list measurement of one page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct JunkMeasure {
    pub items: Vec<JunkItem>,
    pub junk_chars: usize,
    pub body_chars: usize,
}

impl JunkMeasure {
    /// Characters of junk link text per character of body; 0 without a body.
    pub fn ratio(&self) -> f64 {
        if self.body_chars == 0 {
            0.0
        } else {
            self.junk_chars as f64 / self.body_chars as f64
        }
    }
}

/// The topic words of a text: lowercased words of three or more letters that
/// are not stopwords, with a plural `s` dropped so "talks" meets "talk".
pub fn topic_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(|w| w.to_lowercase())
        .filter(|w| !STOPWORDS.contains(w))
        .map(|w| stem(&w))
        .collect()
}

fn stem(w: &str) -> String {
    match w.strip_suffix('s') {
        Some(s) if s.chars().count() >= 3 && !s.ends_with('s') => s.to_string(),
        _ => w.to_string(),
    }
}

/// Whether an item's topic words overlap the story's: two shared words, or
/// a third of the item's, make it related.
fn related(item: &HashSet<String>, body: &HashSet<String>) -> Vec<String> {
    let mut shared: Vec<String> = item.intersection(body).cloned().collect();
    shared.sort();
    shared
}

fn is_related(shared: usize, item_words: usize) -> bool {
    shared >= 2 || (item_words > 0 && shared * 3 >= item_words)
}

/// Measures a page's junk link text against its body.
pub fn measure(page: &Extracted) -> JunkMeasure {
    let body = page.body();
    let body_words = topic_words(&body);
    let title_words = topic_words(&page.title);
    let context: HashSet<String> = body_words.union(&title_words).cloned().collect();
    let mut out = JunkMeasure {
        body_chars: body.chars().count(),
        ..Default::default()
    };
    let mut seen = HashSet::new();
    for list in &page.links {
        for item in &list.items {
            if item.text.split_whitespace().count() < HEADLINE_WORDS
                || !seen.insert(item.text.as_str())
            {
                continue;
            }
            let words = topic_words(&item.text);
            let shared = related(&words, &context);
            if is_related(shared.len(), words.len()) {
                continue;
            }
            out.junk_chars += item.text.chars().count();
            out.items.push(JunkItem {
                heading: list.heading.clone(),
                text: item.text.clone(),
                shared,
            });
        }
    }
    out
}

/// Whether the measure sets the flag: a real article with junk text at least
/// `ratio` times its length.
pub fn flagged(m: &JunkMeasure, body_words: usize, cfg: &crate::config::Config) -> bool {
    body_words >= cfg.min_article_words && m.ratio() >= cfg.junk_ratio
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{LinkItem, LinkList};

    fn page(body: &str, items: &[&str]) -> Extracted {
        Extracted {
            title: "Storm hits the coast".into(),
            paragraphs: vec![body.to_string()],
            links: vec![LinkList {
                heading: "Related".into(),
                items: items
                    .iter()
                    .map(|t| LinkItem {
                        text: t.to_string(),
                        href: None,
                    })
                    .collect(),
            }],
            ..Default::default()
        }
    }

    const BODY: &str = "A powerful storm struck the northern coast of the island, cutting power to thousands of homes.";

    #[test]
    fn unrelated_headlines_are_junk_and_menus_are_not() {
        let m = measure(&page(
            BODY,
            &[
                "Ten celebrity weddings that shocked everyone",
                "Home",
                "Contact us",
            ],
        ));
        assert_eq!(m.items.len(), 1);
        assert_eq!(
            m.junk_chars,
            "Ten celebrity weddings that shocked everyone"
                .chars()
                .count()
        );
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
    fn ratio_is_junk_chars_per_body_char() {
        let m = measure(&page(
            BODY,
            &["Ten celebrity weddings that shocked everyone"],
        ));
        let expected = m.junk_chars as f64 / BODY.chars().count() as f64;
        assert!((m.ratio() - expected).abs() < 1e-9);
    }
}
