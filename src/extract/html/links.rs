//! Link lists: every list of links on the page, with its heading.

use super::{MAX_CLIMB, element_text, sel};
use crate::extract::{LinkItem, LinkList, squash_whitespace};
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

static SEL_LISTS: LazyLock<Selector> = LazyLock::new(|| sel("ul, ol, nav, aside"));
static SEL_A: LazyLock<Selector> = LazyLock::new(|| sel("a"));
static SEL_LI: LazyLock<Selector> = LazyLock::new(|| sel("li"));

/// Every list of links on the page: `ul`/`ol` (outermost only), and `nav` or
/// `aside` blocks whose links are not in lists.
pub(super) fn link_lists(doc: &Html) -> Vec<LinkList> {
    let mut out = Vec::new();
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
            out.push(LinkList {
                heading: list_heading(el),
                items,
            });
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
    let mut node = Some(*el);
    for _ in 0..3 {
        let Some(n) = node else { break };
        for sib in n.prev_siblings().filter_map(ElementRef::wrap).take(3) {
            let text = element_text(sib);
            let words = text.split_whitespace().count();
            let is_heading = matches!(sib.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            if (is_heading && words > 0 && words <= 10)
                || (words > 0 && words <= 4 && sib.select(&SEL_A).next().is_none())
            {
                return text;
            }
            if words > 0 {
                break;
            }
        }
        node = n.parent();
    }
    String::new()
}
