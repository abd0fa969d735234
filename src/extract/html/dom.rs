//! Reading the parsed tree cheaply: attributes by name, elements by tag
//! name, node-keyed maps.
//!
//! scraper's `Element::attr` turns the name into an interned atom (a hash
//! and a lookup in the atom table) and binary-searches the attributes by
//! comparing those atoms as strings; the extraction rules ask a handful of
//! names of every element, and profiling put that at a seventh of the
//! extraction's time. Elements hold few attributes, so a scan comparing
//! local names as plain strings answers the same faster.

use ego_tree::NodeId;
use scraper::ElementRef;
use scraper::node::Element;

/// An element's attributes read by their plain HTML names.
pub(crate) trait Attribute {
    /// The value of the attribute `name` (no namespace, no prefix, as the
    /// HTML parser names every attribute of an HTML element).
    fn attribute(&self, name: &str) -> Option<&str>;
}

impl Attribute for Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(q, _)| q.prefix.is_none() && q.ns.is_empty() && &*q.local == name)
            .map(|(_, v)| &**v)
    }
}

/// Maps and sets keyed by a tree's nodes, hashed by the cheap Fx hash:
/// flattening records every element's totals, and the default SipHash
/// was a fortieth of extraction. Node ids are not chosen by the page, so
/// a hash resisting crafted keys buys nothing here.
pub(crate) type NodeMap<V> = std::collections::HashMap<NodeId, V, rustc_hash::FxBuildHasher>;
pub(crate) type NodeSet = std::collections::HashSet<NodeId, rustc_hash::FxBuildHasher>;

/// The document's elements whose tag is one of `names`, in the order the
/// parser made them (detached ones too): what `doc.select("a, b")` finds,
/// without running the CSS matcher on every node of the page.
pub(crate) fn elements_named<'a>(
    doc: &'a scraper::Html,
    names: &'static [&'static str],
) -> impl Iterator<Item = ElementRef<'a>> {
    doc.tree
        .nodes()
        .filter_map(ElementRef::wrap)
        .filter(move |e| names.contains(&e.value().name()))
}

/// The elements below `root` (not `root` itself) whose tag is one of
/// `names`, in document order: what `select("a, b")` finds, by comparing
/// tag names rather than running the CSS matcher on every element, which
/// the link lists did for each list and each of its links.
pub(crate) fn descendants_named<'a>(
    root: ElementRef<'a>,
    names: &'static [&'static str],
) -> impl Iterator<Item = ElementRef<'a>> {
    root.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(move |e| names.contains(&e.value().name()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    const PAGE: &str = r#"<div id="a" class="b c" data-testid="d" hidden><svg><a xlink:href="x"></a></svg><p><a href="/y">y</a></p></div>"#;

    fn ids<'a>(found: impl Iterator<Item = ElementRef<'a>>) -> Vec<NodeId> {
        found.map(|e| e.id()).collect()
    }

    #[test]
    fn reads_the_same_attribute_values_as_scrapers_own_lookup() {
        let doc = Html::parse_document(PAGE);
        let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
        for name in ["id", "class", "data-testid", "hidden", "style", "href"] {
            assert_eq!(
                div.value().attribute(name),
                div.value().attr(name),
                "{name}"
            );
        }
        // A prefixed SVG attribute is not the plain one.
        let link = doc.select(&Selector::parse("a").unwrap()).next().unwrap();
        assert_eq!(link.value().attribute("href"), None);
        assert_eq!(link.value().attr("href"), None);
    }

    #[test]
    fn finds_what_the_css_matcher_finds() {
        let doc = Html::parse_document(PAGE);
        let css = |s: &str| Selector::parse(s).unwrap();
        let div = doc.select(&css("div")).next().unwrap();
        // Below the element, not the element itself.
        let below = ids(descendants_named(div, &["a", "svg", "div"]));
        assert_eq!(below, ids(div.select(&css("a, svg, div"))));
        assert_eq!(below.len(), 3);
        let all = ids(elements_named(&doc, &["a", "div"]));
        assert_eq!(all, ids(doc.select(&css("a, div"))));
        assert_eq!(all.len(), 3);
    }
}
