//! Link lists: every list of links on the page, with its heading.

use super::flatten::Totals;
use super::{MAX_CLIMB, element_text, sel};
use crate::extract::{LinkItem, LinkList, Region, page_target, squash_whitespace};
use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use scraper::{ElementRef, Html, Selector};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static SEL_LISTS: LazyLock<Selector> = LazyLock::new(|| sel("ul, ol, nav, aside"));
static SEL_A: LazyLock<Selector> = LazyLock::new(|| sel("a"));
static SEL_LI: LazyLock<Selector> = LazyLock::new(|| sel("li"));
static SEL_PICTURE: LazyLock<Selector> = LazyLock::new(|| sel("img, picture"));

/// Every list of links on the page: `ul`/`ol` (outermost only), `nav` or
/// `aside` blocks whose links are not in lists, and other link blocks
/// (divs, tables, paragraphs of mostly links). Lists come in document order.
pub(super) fn link_lists(
    doc: &Html,
    body: NodeRef<'_, Node>,
    totals: &HashMap<NodeId, Totals>,
    story_roots: &[NodeId],
) -> Vec<LinkList> {
    let page_chars = totals.get(&body.id()).map_or(0, |t| t.chars);
    let ctx = Context {
        totals,
        page_chars,
        story: story_ancestors(doc, story_roots),
    };
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
        if let Some(list) = list_of(el, 2, &ctx) {
            out.push((el.id(), list));
        }
    }
    out.extend(link_blocks(body, &ctx));
    out.sort_by_key(|(id, _)| *id);
    out.into_iter().map(|(_, l)| l).collect()
}

/// What placing a list on the page needs to know.
struct Context<'t> {
    totals: &'t HashMap<NodeId, Totals>,
    page_chars: usize,
    /// The story's containers and their ancestors, each with its distance
    /// up from the nearest container.
    story: HashMap<NodeId, u32>,
}

fn story_ancestors(doc: &Html, roots: &[NodeId]) -> HashMap<NodeId, u32> {
    let mut out = HashMap::new();
    for &r in roots {
        let Some(node) = doc.tree.get(r) else {
            continue;
        };
        for (up, n) in std::iter::once(node)
            .chain(node.ancestors())
            .take(MAX_CLIMB)
            .enumerate()
        {
            let d = out.entry(n.id()).or_insert(up as u32);
            *d = (*d).min(up as u32);
        }
    }
    out
}

/// Levels from `el` up to the first element it shares with the story.
fn story_distance(el: ElementRef<'_>, ctx: &Context<'_>) -> Option<u32> {
    std::iter::once(*el)
        .chain(el.ancestors())
        .take(MAX_CLIMB)
        .position(|n| ctx.story.contains_key(&n.id()))
        .map(|p| p as u32)
}

/// The list an element makes, if it has at least `min_items` links with text.
fn list_of(el: ElementRef<'_>, min_items: usize, ctx: &Context<'_>) -> Option<LinkList> {
    let anchors: Vec<ElementRef<'_>> = el.select(&SEL_A).take(10_000).collect();
    // Teaser cards link their picture to the story their headline opens,
    // in the headline's link or one of its own.
    let pictured: HashSet<&str> = anchors
        .iter()
        .filter(|a| a.select(&SEL_PICTURE).next().is_some())
        .filter_map(|a| a.value().attr("href").and_then(page_target))
        .collect();
    let items: Vec<LinkItem> = anchors
        .iter()
        .map(|&a| {
            let href = a.value().attr("href");
            LinkItem {
                text: element_text(a),
                href: href.map(str::to_string),
                pictured: href
                    .and_then(page_target)
                    .is_some_and(|h| pictured.contains(h)),
            }
        })
        .filter(|i| !i.text.is_empty())
        .collect();
    (items.len() >= min_items).then(|| LinkList {
        heading: list_heading(el),
        items,
        region: region(el, ctx.totals, ctx.page_chars),
        story_distance: story_distance(el, ctx),
    })
}

/// Where a list sits: inside site furniture (by tag, ARIA role or class,
/// nearest first) or in the page's main flow. An element holding most of
/// the page's text is a layout wrapper, whatever its class says.
fn region(el: ElementRef<'_>, totals: &HashMap<NodeId, Totals>, page_chars: usize) -> Region {
    for node in std::iter::once(*el).chain(el.ancestors()).take(MAX_CLIMB) {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        if totals
            .get(&node.id())
            .is_some_and(|t| t.chars * 2 > page_chars)
        {
            break;
        }
        let by_tag = match e.name() {
            "nav" | "menu" => Some(Region::Nav),
            "header" => Some(Region::Header),
            "footer" => Some(Region::Footer),
            "aside" => Some(Region::Aside),
            _ => None,
        };
        let by_role = match e.attr("role") {
            Some("navigation" | "menubar" | "menu") => Some(Region::Nav),
            Some("banner") => Some(Region::Header),
            Some("contentinfo") => Some(Region::Footer),
            Some("complementary") => Some(Region::Aside),
            _ => None,
        };
        if let Some(r) = by_tag.or(by_role).or_else(|| region_by_class(e)) {
            return r;
        }
    }
    Region::Main
}

/// Furniture named by class or id words.
fn region_by_class(e: &scraper::node::Element) -> Option<Region> {
    let words = [e.attr("class"), e.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|a| a.split(|c: char| !c.is_ascii_alphanumeric()))
        .map(|w| w.to_ascii_lowercase());
    for w in words {
        match w.as_str() {
            "nav" | "navbar" | "navigation" | "menu" | "breadcrumb" | "breadcrumbs" => {
                return Some(Region::Nav);
            }
            "footer" => return Some(Region::Footer),
            "header" | "masthead" => return Some(Region::Header),
            "sidebar" | "widget" | "aside" => return Some(Region::Aside),
            _ => {}
        }
    }
    None
}

/// Fewest links a block needs to be a link list.
const MIN_BLOCK_LINKS: usize = 3;
/// Share of a block's text inside links for it to be a link list, the
/// link density of boilerpipe and jusText.
const MIN_BLOCK_LINK_DENSITY: f64 = 0.7;

/// Blocks made mostly of links that are not `ul`/`ol`/`nav`/`aside` and hold
/// none: the outermost such element of each run.
fn link_blocks(body: NodeRef<'_, Node>, ctx: &Context<'_>) -> Vec<(NodeId, LinkList)> {
    let totals = ctx.totals;
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
        if let Some(list) = list_of(el, MIN_BLOCK_LINKS, ctx) {
            out.push((el.id(), list));
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

#[cfg(test)]
mod tests {
    use crate::extract::html::extract;
    use crate::extract::html::fixtures::PAGE;

    #[test]
    fn link_lists_come_with_headings() {
        let e = extract(PAGE);
        assert_eq!(e.links.len(), 2);
        assert_eq!(e.links[1].heading, "More stories");
        assert_eq!(e.links[1].items[1].href.as_deref(), Some("/b"));
        assert_eq!(e.links[0].items[0].text, "Home");
    }
}
