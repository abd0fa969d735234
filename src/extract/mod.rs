//! Extract: what a page says, read from its markup or its saved text.
//!
//! The output, [`Extracted`], is plain data: the article body as paragraphs,
//! the title, the URL, the dates and the link lists found outside the body.
//! Later stages never look at HTML.

pub(crate) mod date_rule;
pub(crate) mod dates;
pub mod html;
pub mod text;
pub(crate) mod wire;

use crate::calendar;
use crate::corpus::{Markup, Page};
use chrono::NaiveDate;
use serde::Serialize;

pub use date_rule::{
    Confidence, DateField, DateRule, DateSource, JsonLdKey, MetaFamily, MetaName, TextRule,
    TimeMark,
};
pub use dates::{FoundDate, PageDates, Precision};

/// One item of a link list: its visible text and its target, if a link.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkItem {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Whether the item shows a picture with its link (a teaser card).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pictured: bool,
}

/// The page a link target names, if any: placeholders (`#...`,
/// `javascript:`) and empty targets name none.
pub(crate) fn page_target(href: &str) -> Option<&str> {
    let h = href.trim();
    (!h.is_empty() && !h.starts_with('#') && !h.starts_with("javascript:")).then_some(h)
}

/// Where a link list sits: site furniture (by tag, role or class) or the
/// page's main flow. Written in lower case in `extract`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Main,
    Nav,
    Header,
    Footer,
    Aside,
}

/// A list of links (or, on a saved text page, headline lines) outside the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkList {
    pub heading: String,
    pub items: Vec<LinkItem>,
    /// Where the list sits on the page.
    pub region: Region,
    /// Levels from the list up to the nearest element it shares with the
    /// story's container: 1 for a list right beside the story, more for a
    /// list in another column; `None` when no story was found.
    pub story_distance: Option<u32>,
}

/// Fewest words a link text needs to read as a headline: menus, tags and
/// pagination have fewer. One number for the whole crate, because two
/// stages ask the same question of link texts: the HTML extractor keeps a
/// card's linked headline beside a blurb (`scripts/eval-wcxb`, listings and
/// collections) and the junk measure counts headline lists
/// (`scripts/eval-junk`, false flags on legitimate pages against farm
/// recall). Both hold it.
pub(crate) const HEADLINE_WORDS: usize = 4;

/// What farmscan read from one page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extracted {
    pub title: String,
    /// The address the page was fetched from when known, else the one it
    /// declares (`canonical`).
    pub url: Option<String>,
    /// The page's own word for its address (`<link rel=canonical>`,
    /// `og:url`): one identity of the page, when on the site it was
    /// fetched from.
    pub canonical: Option<String>,
    /// Who the page says published it: its article's JSON-LD publisher,
    /// else its `og:site_name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The article body, one entry per paragraph.
    pub paragraphs: Vec<String>,
    pub links: Vec<LinkList>,
    pub dates: PageDates,
}

impl Extracted {
    /// The body as `extract` prints it: paragraphs separated by blank lines.
    pub(crate) fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }
}

/// Extracts a page according to its markup, taking no date after the
/// latest the page can tell of (`today`: the day of the scan, when given).
pub fn extract(page: &Page, today: Option<NaiveDate>) -> Extracted {
    calendar::bounded_by(page_latest(page, today), || extract_page(page))
}

/// The latest date `page` can tell of, as [`calendar::latest_for`] bounds it.
pub(crate) fn page_latest(page: &Page, today: Option<NaiveDate>) -> NaiveDate {
    calendar::latest_for(page.crawl_date, page.saved, today)
}

fn extract_page(page: &Page) -> Extracted {
    let mut out = match page.markup {
        Markup::Html => html::extract(&page.text),
        Markup::Text => text::extract(&page.text),
    };
    if let Some(url) = &page.url {
        out.url = Some(url.clone());
    }
    if out.dates.published.is_none()
        && let Some(d) = out.url.as_deref().and_then(calendar::date_from_url)
    {
        out.dates.add_published(d, DateRule::new(DateField::Url));
    }
    out
}

/// Collapses runs of whitespace into single spaces and trims.
pub(crate) fn squash_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
