//! Reading an element's attributes by name.
//!
//! scraper's `Element::attr` turns the name into an interned atom (a hash
//! and a lookup in the atom table) and binary-searches the attributes by
//! comparing those atoms as strings; the extraction rules ask a handful of
//! names of every element, and profiling put that at a seventh of the
//! extraction's time. Elements hold few attributes, so a scan comparing
//! local names as plain strings answers the same faster.

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
        assert_eq!(link.value().attribute("href"), None);
        assert_eq!(link.value().attr("href"), None);
    }
}
