//! Link lists: every list of links on the page, with its heading.

use super::flatten::Totals;
use super::{MAX_CLIMB, element_text, sel};
use crate::extract::{LinkItem, LinkList, squash_whitespace};
use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use scraper::{ElementRef, Html, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

static SEL_LISTS: LazyLock<Selector> = LazyLock::new(|| sel("ul, ol, nav, aside"));
static SEL_A: LazyLock<Selector> = LazyLock::new(|| sel("a"));
static SEL_LI: LazyLock<Selector> = LazyLock::new(|| sel("li"));

/// Every list of links on the page: `ul`/`ol` (outermost only), `nav` or
/// `aside` blocks whose links are not in lists, and other link blocks
/// (divs, tables, paragraphs of mostly links). Lists come in document order.
pub(super) fn link_lists(
    doc: &Html,
    body: NodeRef<'_, Node>,
    totals: &HashMap<NodeId, Totals>,
) -> Vec<LinkList> {
    let mut out: Vec<(NodeId, LinkList)> = Vec::new();
    for el in doc.select(&SEL_LISTS) {
        let name = el.value().name();
        let nested = el.ancestors().take(MAX_CLIMB).any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "ul" | "ol"))
        });
        if nested {
            continue;
        }
        if matches!(name, "nav" | "aside") && el.select(&SEL_LISTS).next().is_some() {
            // Its lists are reported on their own.
            continue;
        }
        if matches!(name, "ul" | "ol") {
            let lis: Vec<_> = el.select(&SEL_LI).collect();
            let with_links = lis
                .iter()
                .filter(|li| li.select(&SEL_A).next().is_some())
                .count();
            if with_links < 2 || with_links * 2 < lis.len() {
                continue;
            }
        }
        let items: Vec<LinkItem> = el
            .select(&SEL_A)
            .take(10_000)
            .map(|a| LinkItem {
                text: element_text(a),
                href: a.value().attr("href").map(str::to_string),
            })
            .filter(|i| !i.text.is_empty())
            .collect();
        if items.len() >= 2 {
            out.push((
                el.id(),
                LinkList {
                    heading: list_heading(el),
                    items,
                },
            ));
        }
    }
    out.extend(link_blocks(body, totals));
    out.sort_by_key(|(id, _)| *id);
    out.into_iter().map(|(_, l)| l).collect()
}

/// Fewest links a block needs to be a link list.
const MIN_BLOCK_LINKS: usize = 3;
/// Share of a block's text inside links for it to be a link list, the
/// link density of boilerpipe and jusText.
const MIN_BLOCK_LINK_DENSITY: f64 = 0.7;

/// Blocks made mostly of links that are not `ul`/`ol`/`nav`/`aside` and hold
/// none: the outermost such element of each run.
fn link_blocks(
    body: NodeRef<'_, Node>,
    totals: &HashMap<NodeId, Totals>,
) -> Vec<(NodeId, LinkList)> {
    let qualifies = |id: NodeId, name: &str| {
        matches!(
            name,
            "div"
                | "section"
                | "table"
                | "p"
                | "header"
                | "footer"
                | "span"
                | "td"
                | "tr"
                | "tbody"
        ) && totals.get(&id).is_some_and(|t| {
            t.lists == 0
                && t.anchors >= MIN_BLOCK_LINKS
                && t.chars > 0
                && t.link_chars as f64 >= MIN_BLOCK_LINK_DENSITY * t.chars as f64
        })
    };
    let mut out = Vec::new();
    for el in body.descendants().filter_map(ElementRef::wrap) {
        let name = el.value().name();
        if !qualifies(el.id(), name) {
            continue;
        }
        let parent_qualifies = el
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| qualifies(p.id(), p.value().name()));
        let in_list = el.ancestors().take(MAX_CLIMB).any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "ul" | "ol" | "nav" | "aside"))
        });
        if parent_qualifies || in_list {
            continue;
        }
        let items: Vec<LinkItem> = el
            .select(&SEL_A)
            .take(10_000)
            .map(|a| LinkItem {
                text: element_text(a),
                href: a.value().attr("href").map(str::to_string),
            })
            .filter(|i| !i.text.is_empty())
            .collect();
        if items.len() >= MIN_BLOCK_LINKS {
            out.push((
                el.id(),
                LinkList {
                    heading: list_heading(el),
                    items,
                },
            ));
        }
    }
    out
}

/// A list's heading: its `aria-label`, or the nearest short heading-like
/// element before it at its own level or up to two levels above.
fn list_heading(el: ElementRef<'_>) -> String {
    if let Some(label) = el.value().attr("aria-label") {
        return squash_whitespace(label);
    }
    // A block that opens with its own heading (`<div><h4>Trending</h4>...`).
    if let Some(first) = el.child_elements().next()
        && let Some(text) = heading_text(first)
    {
        return text;
    }
    let mut node = Some(*el);
    for _ in 0..3 {
        let Some(n) = node else { break };
        for sib in n.prev_siblings().filter_map(ElementRef::wrap).take(3) {
            if let Some(text) = heading_text(sib) {
                return text;
            }
            if !element_text(sib).is_empty() {
                break;
            }
        }
        node = n.parent();
    }
    String::new()
}

/// The text of an element that reads as a heading: an `h1`-`h6` of a few
/// words, or a short label without links.
fn heading_text(el: ElementRef<'_>) -> Option<String> {
    let text = element_text(el);
    let words = text.split_whitespace().count();
    let is_heading = matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    ((is_heading && words > 0 && words <= 10)
        || (words > 0 && words <= 4 && el.select(&SEL_A).next().is_none()))
    .then_some(text)
}
