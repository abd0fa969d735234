//! Pages sent by React's streamed server rendering, put together as the
//! browser shows them. Such a page arrives with holes where slow parts go
//! (`<template id="B:3">` followed by a "Loading..." fallback) and, at the
//! end of the body, the parts themselves in hidden segments
//! (`<div hidden id="S:3">`) that a script moves into the holes. Read as
//! served, an article's later sections sit after the footer, out of the
//! story's container.

use super::dom::Attribute;
use ego_tree::NodeId;
use scraper::{Html, Node};
use std::collections::HashMap;

/// Whether the markup may hold streamed segments: most pages do not, and
/// are not walked.
pub(super) fn may_be_streamed(html: &str) -> bool {
    memchr::memmem::find(html.as_bytes(), b"id=\"S:").is_some()
}

/// Moves every streamed segment into its hole and drops the fallback it
/// replaces. A segment without a hole stays where it is.
pub(super) fn assemble(doc: &mut Html) {
    let mut segments: HashMap<&str, NodeId> = HashMap::new();
    let mut holes: Vec<(NodeId, &str, bool)> = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let Some(id) = el.attribute("id") else {
            continue;
        };
        match (el.name(), id.split_once(':')) {
            ("div", Some(("S", n))) => {
                segments.entry(n).or_insert(node.id());
            }
            // B: a boundary with a fallback after it; P: a bare placeholder.
            ("template", Some((kind @ ("B" | "P"), n))) => holes.push((node.id(), n, kind == "B")),
            _ => {}
        }
    }
    let moves: Vec<(NodeId, NodeId, bool)> = holes
        .into_iter()
        .filter_map(|(hole, n, boundary)| segments.remove(n).map(|s| (hole, s, boundary)))
        .collect();
    for (hole, segment, boundary) in moves {
        fill(doc, hole, segment, boundary);
    }
}

/// Puts a segment's children where its hole is.
fn fill(doc: &mut Html, hole: NodeId, segment: NodeId, boundary: bool) {
    let Some(hole_ref) = doc.tree.get(hole) else {
        return;
    };
    // A hole inside its own segment (malformed markup) would make a cycle;
    // an orphaned hole has nowhere to take the segment.
    if hole_ref.parent().is_none() || hole_ref.ancestors().any(|a| a.id() == segment) {
        return;
    }
    let fallback: Vec<NodeId> = if boundary {
        hole_ref
            .next_siblings()
            .take_while(|s| !matches!(s.value(), Node::Comment(c) if &**c == "/$"))
            .map(|s| s.id())
            .collect()
    } else {
        Vec::new()
    };
    let Some(children) = doc
        .tree
        .get(segment)
        .map(|s| s.children().map(|c| c.id()).collect::<Vec<_>>())
    else {
        return;
    };
    for child in children {
        if let Some(mut h) = doc.tree.get_mut(hole) {
            h.insert_id_before(child);
        }
    }
    for id in fallback.into_iter().chain([hole, segment]) {
        if let Some(mut n) = doc.tree.get_mut(id) {
            n.detach();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_segment_takes_its_holes_place_and_its_fallback_goes() {
        let html = r#"<html><body><article><p>First part.</p><!--$?--><template id="B:0"></template><div>Loading...</div><!--/$--><p>Last part.</p></article>
<footer>Footer</footer><div hidden id="S:0"><p>Middle part.</p></div></body></html>"#;
        assert!(may_be_streamed(html));
        let mut doc = Html::parse_document(html);
        assemble(&mut doc);
        let article: String = doc
            .select(&scraper::Selector::parse("article").unwrap())
            .next()
            .unwrap()
            .text()
            .collect();
        assert_eq!(article, "First part.Middle part.Last part.");
    }
}
