//! Link lists: every list of links on the page, with its heading.

use super::dom::{Attribute, NodeMap, NodeSet, descendants_named, elements_named};
use super::flatten::Totals;
use super::{MAX_CLIMB, element_text, short_text};
use crate::extract::{LinkItem, LinkList, Region, page_target, squash_whitespace};
use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use scraper::{ElementRef, Html};
use std::collections::HashSet;

const LISTS: &[&str] = &["ul", "ol", "nav", "aside"];
const A: &[&str] = &["a"];
const LI: &[&str] = &["li"];
const PICTURE: &[&str] = &["img", "picture"];

/// Every list of links on the page: `ul`/`ol` (outermost only), `nav` or
/// `aside` blocks whose links are not in lists, and other link blocks
/// (divs, tables, paragraphs of mostly links). Lists come in document order.
pub(super) fn link_lists(
    doc: &Html,
    body: NodeRef<'_, Node>,
    totals: &NodeMap<Totals>,
    story_roots: &[NodeId],
) -> Vec<LinkList> {
    let page_chars = totals.get(&body.id()).map_or(0, |t| t.chars);
    let ctx = Context {
        totals,
        page_chars,
        story: story_ancestors(doc, story_roots),
        around_story: story_roots
            .iter()
            .filter_map(|&r| doc.tree.get(r))
            .flat_map(|n| std::iter::once(n).chain(n.ancestors()))
            .map(|n| n.id())
            .collect(),
    };
    let mut out: Vec<(NodeId, LinkList)> = Vec::new();
    for el in elements_named(doc, LISTS) {
        let name = el.value().name();
        let nested = el.ancestors().take(MAX_CLIMB).any(|a| {
            a.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "ul" | "ol"))
        });
        if nested {
            continue;
        }
        if matches!(name, "nav" | "aside") && descendants_named(el, LISTS).next().is_some() {
            // Its lists are reported on their own.
            continue;
        }
        if matches!(name, "ul" | "ol") {
            let lis: Vec<_> = descendants_named(el, LI).collect();
            let with_links = lis
                .iter()
                .filter(|li| descendants_named(**li, A).next().is_some())
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
    totals: &'t NodeMap<Totals>,
    page_chars: usize,
    /// The story's containers and their ancestors, each with its distance
    /// up from the nearest container.
    story: NodeMap<u32>,
    /// The story's containers and every element around them.
    around_story: NodeSet,
}

fn story_ancestors(doc: &Html, roots: &[NodeId]) -> NodeMap<u32> {
    let mut out = NodeMap::default();
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
    let anchors: Vec<ElementRef<'_>> = descendants_named(el, A).take(10_000).collect();
    // Teaser cards link their picture to the story their headline opens,
    // in the headline's link or one of its own.
    let pictured: HashSet<&str> = anchors
        .iter()
        .filter(|a| descendants_named(**a, PICTURE).next().is_some())
        .filter_map(|a| a.value().attribute("href").and_then(page_target))
        .collect();
    let items: Vec<LinkItem> = anchors
        .iter()
        .map(|&a| {
            let href = a.value().attribute("href");
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
        region: region(el, ctx),
        story_distance: story_distance(el, ctx),
    })
}

/// Where a list sits: inside site furniture (by tag, ARIA role or class,
/// nearest first) or in the page's main flow. An element around the story
/// is layout, whatever it is called; so is one holding most of the page's
/// text that only its class names (a `nav-open` wrapper). A `<nav>` or
/// `role="navigation"` holding most of the text without the story is the
/// site's menu all the same: a 650-entry menu beside a short story.
fn region(el: ElementRef<'_>, ctx: &Context<'_>) -> Region {
    for node in std::iter::once(*el).chain(el.ancestors()).take(MAX_CLIMB) {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        if ctx.around_story.contains(&node.id()) {
            break;
        }
        let by_tag = match e.name() {
            "nav" | "menu" => Some(Region::Nav),
            "header" => Some(Region::Header),
            "footer" => Some(Region::Footer),
            "aside" => Some(Region::Aside),
            _ => None,
        };
        let by_role = match e.attribute("role") {
            Some("navigation" | "menubar" | "menu") => Some(Region::Nav),
            Some("banner") => Some(Region::Header),
            Some("contentinfo") => Some(Region::Footer),
            Some("complementary") => Some(Region::Aside),
            _ => None,
        };
        if let Some(r) = by_tag.or(by_role) {
            return r;
        }
        let most_of_page = ctx
            .totals
            .get(&node.id())
            .is_some_and(|t| t.chars * 2 > ctx.page_chars);
        if let Some(r) = region_by_class(e).filter(|_| !most_of_page) {
            return r;
        }
    }
    Region::Main
}

/// Furniture named by class or id words.
fn region_by_class(e: &scraper::node::Element) -> Option<Region> {
    let words = [e.attribute("class"), e.attribute("id")]
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
    if let Some(label) = el.value().attribute("aria-label") {
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
            if short_text(sib, 0).is_none_or(|t| !t.is_empty()) {
                break;
            }
        }
        node = n.parent();
    }
    String::new()
}

/// Characters beyond which an element is no heading: ten long words.
const HEADING_CHARS: usize = 400;

/// The text of an element that reads as a heading: an `h1`-`h6` of a few
/// words, or a short label without links.
fn heading_text(el: ElementRef<'_>) -> Option<String> {
    let text = short_text(el, HEADING_CHARS)?;
    let words = text.split_whitespace().count();
    let is_heading = matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
    ((is_heading && words > 0 && words <= 10)
        || (words > 0 && words <= 4 && descendants_named(el, A).next().is_none()))
    .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::fixtures::{PAGE, body};
    use crate::extract::html::flatten::flatten;
    use crate::extract::html::{extract, parse};

    /// The link lists of a page whose story is the element `story` selects.
    fn lists_beside(page: &str, story: Option<&str>) -> Vec<LinkList> {
        let doc = parse(page);
        let flat = flatten(body(&doc), None);
        let roots: Vec<NodeId> = story
            .map(|css| {
                doc.select(&super::super::sel(css))
                    .map(|e| e.id())
                    .collect()
            })
            .unwrap_or_default();
        link_lists(&doc, body(&doc), &flat.totals, &roots)
    }

    fn lists(page: &str) -> Vec<LinkList> {
        lists_beside(page, None)
    }

    fn texts(list: &LinkList) -> Vec<&str> {
        list.items.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn a_nested_list_is_part_of_its_outer_list_only() {
        let found = lists(
            r#"<ul><li><a href="/a">A</a><ul><li><a href="/b">B</a></li><li><a href="/c">C</a></li></ul></li><li><a href="/d">D</a></li></ul>"#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(texts(&found[0]), ["A", "B", "C", "D"]);
    }

    #[test]
    fn a_list_of_mostly_plain_entries_is_not_a_link_list() {
        assert!(lists(r#"<ul><li><a href="/a">A</a></li><li>plain</li></ul>"#).is_empty());
        let five = r#"<ul><li><a href="/a">A</a></li><li><a href="/b">B</a></li><li>c</li><li>d</li><li>e</li></ul>"#;
        assert!(lists(five).is_empty());
    }

    #[test]
    fn a_run_of_links_outside_lists_is_one_list_placed_by_its_class() {
        let found = lists(
            r#"<p>Some words of the page around the links.</p><div class="widget"><div><a href="/1">One</a> <a href="/2">Two</a> <a href="/3">Three</a></div></div>"#,
        );
        assert_eq!(found.len(), 1);
        assert_eq!(texts(&found[0]), ["One", "Two", "Three"]);
        assert_eq!(found[0].region, Region::Aside);
    }

    #[test]
    fn a_list_is_placed_by_its_tag_or_role_but_not_by_the_pages_wrapper() {
        let links = r#"<a href="/1">One</a><a href="/2">Two</a>"#;
        let story = "The page's story, longer than all its links together. ".repeat(3);
        let by_role = lists(&format!(
            r#"<p>{story}</p><div role="contentinfo"><ul><li>{links}</li><li>{links}</li></ul></div>"#
        ));
        assert_eq!(by_role[0].region, Region::Footer);
        let by_tag = lists(&format!(
            r#"<p>{story}</p><header><ul><li>{links}</li><li>{links}</li></ul></header>"#
        ));
        assert_eq!(by_tag[0].region, Region::Header);
        // A wrapper holding most of the page is layout, whatever its class.
        let wrapped = lists(&format!(
            r#"<div class="nav-open"><p>{story}</p><ul><li>{links}</li><li>{links}</li></ul></div>"#
        ));
        assert_eq!(wrapped[0].region, Region::Main);
    }

    #[test]
    fn a_nav_holding_most_of_the_page_is_the_sites_menu_unless_it_holds_the_story() {
        // A civic-education site's menu of 600 entries, long enough to read
        // as headlines, beside a short story: most of the page's text.
        let entries: String = (0..600)
            .map(|i| format!(r#"<li><a href="/t{i}">Was versteht man unter Thema {i}?</a></li>"#))
            .collect();
        let story =
            "<p>Kinder lernen in der Schule, wie eine Gemeinde ihre Entscheidungen trifft.</p>";
        let page = format!(
            r#"<nav class="main_nav"><ul>{entries}</ul></nav><div class="story">{story}</div>"#
        );
        let found = lists_beside(&page, Some("div.story"));
        assert_eq!(found[0].region, Region::Nav);
        // A <nav> the template wrapped around the story is layout.
        let around = format!(r#"<nav><div class="story">{story}</div><ul>{entries}</ul></nav>"#);
        let found = lists_beside(&around, Some("div.story"));
        assert_eq!(found[0].region, Region::Main);
    }

    #[test]
    fn an_aria_label_names_a_list_before_the_heading_above_it() {
        let items = r#"<li><a href="/a">A</a></li><li><a href="/b">B</a></li>"#;
        let headed = lists(&format!("<h3>Popular</h3><ul>{items}</ul>"));
        assert_eq!(headed[0].heading, "Popular");
        let labelled = lists(&format!(
            r#"<h3>Popular</h3><ul aria-label=" Most  read ">{items}</ul>"#
        ));
        assert_eq!(labelled[0].heading, "Most read");
        // Text between the heading and the list ends the search.
        let apart = lists(&format!(
            "<h3>Popular</h3><p>Some words of the page come first.</p><ul>{items}</ul>"
        ));
        assert_eq!(apart[0].heading, "");
    }

    #[test]
    fn a_teaser_whose_picture_links_to_its_story_is_pictured() {
        let found = lists(
            r#"<ul><li><a href="/s1"><img src="s1.jpg"></a><a href="/s1">Story one</a></li><li><a href="/s2">Story two</a></li></ul>"#,
        );
        let items: Vec<(&str, bool)> = found[0]
            .items
            .iter()
            .map(|i| (i.text.as_str(), i.pictured))
            .collect();
        assert_eq!(items, [("Story one", true), ("Story two", false)]);
    }

    #[test]
    fn a_lists_distance_from_the_story_counts_the_levels_up_to_a_shared_element() {
        let items = r#"<li><a href="/a">A</a></li><li><a href="/b">B</a></li>"#;
        let page = format!(
            r#"<div><div><article><p>The story.</p><ul>{items}</ul></article><ul>{items}</ul></div><div><ol>{items}</ol></div></div>"#
        );
        let distances: Vec<Option<u32>> = lists_beside(&page, Some("article"))
            .iter()
            .map(|l| l.story_distance)
            .collect();
        // Inside the story and beside it are both one level from an
        // element of the story; another column is two.
        assert_eq!(distances, [Some(1), Some(1), Some(2)]);
        assert_eq!(lists(&page)[0].story_distance, None);
    }

    #[test]
    fn link_lists_come_with_headings() {
        let e = extract(PAGE);
        assert_eq!(e.links.len(), 2);
        assert_eq!(e.links[1].heading, "More stories");
        assert_eq!(e.links[1].items[1].href.as_deref(), Some("/b"));
        assert_eq!(e.links[0].items[0].text, "Home");
    }
}
