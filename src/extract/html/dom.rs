//! Reading an element's attributes by name.
//!
//! scraper's `Element::attr` turns the name into an interned atom (a hash
//! and a lookup in the atom table) and binary-searches the attributes by
//! comparing those atoms as strings; the extraction rules ask a handful of
//! names of every element, and profiling put that at a seventh of the
//! extraction's time. Elements hold few attributes, so a scan comparing
//! local names as plain strings answers the same faster.

use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{ElementRef, Node};

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
    root: NodeRef<'a, Node>,
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

    #[test]
    fn reads_the_same_values_as_scrapers_own_lookup() {
        let doc = Html::parse_document(
            r#"<div id="a" class="b c" data-testid="d" hidden><svg><a xlink:href="x"></a></svg></div>"#,
        );
        let div = doc.select(&Selector::parse("div").unwrap()).next().unwrap();
        for name in ["id", "class", "data-testid", "hidden", "style", "href"] {
            assert_eq!(
                div.value().attribute(name),
                div.value().attr(name),
                "{name}"
            );
        }
        let link = doc.select(&Selector::parse("a").unwrap()).next().unwrap();
        let named: Vec<_> = descendants_named(*div, &["a", "svg"])
            .map(|e| e.id())
            .collect();
        let selected: Vec<_> = div
            .select(&Selector::parse("a, svg").unwrap())
            .map(|e| e.id())
            .collect();
        assert_eq!(named, selected);
        assert_eq!(named.len(), 2);
        let in_doc: Vec<_> = elements_named(&doc, &["a", "div"])
            .map(|e| e.id())
            .collect();
        let selected: Vec<_> = doc
            .select(&Selector::parse("a, div").unwrap())
            .map(|e| e.id())
            .collect();
        assert_eq!(in_doc, selected);
        assert_eq!(link.value().attribute("href"), None);
        assert_eq!(link.value().attr("href"), None);
    }
}
