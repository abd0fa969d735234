//! The page's JSON-LD scripts, parsed once: dates read them, and a shop's
//! description of its product comes from them when the page body lacks it.

use super::sel;
use scraper::{Html, Selector};
use std::sync::LazyLock;

static SEL_JSONLD: LazyLock<Selector> = LazyLock::new(|| sel("script[type='application/ld+json']"));

/// One `<script type="application/ld+json">`: its text, and its value when
/// the text is valid JSON. Sites often ship JSON-LD that is not (trailing
/// commas, raw newlines in strings); its keys are still readable as text.
pub(super) struct Script {
    pub(super) raw: String,
    pub(super) value: Option<serde_json::Value>,
}

/// The page's JSON-LD scripts, in document order.
pub(super) fn scripts(doc: &Html) -> Vec<Script> {
    doc.select(&SEL_JSONLD)
        .map(|s| {
            let raw: String = s.text().collect();
            let value = serde_json::from_str(raw.trim()).ok();
            Script { raw, value }
        })
        .collect()
}

/// How many JSON values a search visits at most: a page may ship a
/// catalogue as JSON-LD.
const MAX_VISITED: usize = 10_000;

/// Every object in a JSON-LD value (`@graph`, arrays, nested objects),
/// depth first in document order.
pub(super) fn objects(v: &serde_json::Value) -> Vec<&serde_json::Map<String, serde_json::Value>> {
    let mut out = Vec::new();
    let mut stack = vec![v];
    let mut visited = 0;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > MAX_VISITED {
            break;
        }
        match v {
            serde_json::Value::Object(map) => {
                out.push(map);
                stack.extend(map.values().rev());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    out
}

/// The names in an object's `@type` (a string or a list of them).
pub(super) fn types(map: &serde_json::Map<String, serde_json::Value>) -> Vec<&str> {
    match map.get("@type") {
        Some(serde_json::Value::String(s)) => vec![s.as_str()],
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// The name of the publisher an article's JSON-LD credits
/// (`"publisher": {"name": ...}` or a plain string).
pub(super) fn publisher_name(scripts: &[Script]) -> Option<String> {
    scripts
        .iter()
        .filter_map(|s| s.value.as_ref())
        .flat_map(objects)
        .filter(|o| {
            types(o)
                .iter()
                .any(|t| t.ends_with("Article") || t.ends_with("Posting"))
        })
        .find_map(|o| match o.get("publisher")? {
            serde_json::Value::String(name) => Some(name.clone()),
            serde_json::Value::Object(p) => p.get("name")?.as_str().map(str::to_string),
            _ => None,
        })
        .filter(|name| !name.trim().is_empty())
}

/// The description a shop gives its product (`"@type": "Product"`), as
/// plain text: shops often render it in a tab or by script only.
pub(super) fn product_description(scripts: &[Script]) -> Option<String> {
    scripts
        .iter()
        .filter_map(|s| s.value.as_ref())
        .flat_map(objects)
        .filter(|m| {
            types(m)
                .iter()
                .any(|t| matches!(*t, "Product" | "ProductGroup"))
        })
        .find_map(|m| m.get("description").and_then(|d| d.as_str()))
        .map(plain_text)
        .filter(|t| !t.is_empty())
}

/// A description's text without the markup some shops leave in it, even
/// escaped once more (`&lt;p&gt;`).
fn plain_text(description: &str) -> String {
    let once = fragment_text(description);
    if once.contains('<') && once.contains('>') {
        fragment_text(&once)
    } else {
        once
    }
}

/// The text of an HTML fragment, whitespace collapsed.
fn fragment_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let text: Vec<&str> = fragment.root_element().text().collect();
    text.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::{extract, parse};
    use serde_json::json;

    fn scripts_of(head: &str) -> Vec<Script> {
        scripts(&parse(&format!("<html><head>{head}</head></html>")))
    }

    #[test]
    fn a_script_that_is_not_valid_json_keeps_its_text() {
        let found = scripts_of(
            r#"<script type="application/ld+json"> {"@type": "Thing"} </script><script type="application/ld+json">{"a": 1,}</script><script>{"b": 2}</script>"#,
        );
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].value, Some(json!({"@type": "Thing"})));
        assert_eq!(
            (found[1].raw.as_str(), &found[1].value),
            ("{\"a\": 1,}", &None)
        );
    }

    #[test]
    fn objects_are_visited_depth_first_in_document_order() {
        let v = json!({"@graph": [
            {"@type": "A", "author": {"@type": "B"}, "publisher": {"@type": "C"}},
            [{"@type": "D"}]]});
        let names: Vec<Vec<&str>> = objects(&v).into_iter().map(types).collect();
        assert_eq!(names, [vec![], vec!["A"], vec!["B"], vec!["C"], vec!["D"]]);
    }

    #[test]
    fn an_articles_publisher_is_named_by_object_or_string() {
        let ld = |json: &str| {
            scripts_of(&format!(
                r#"<script type="application/ld+json">{json}</script>"#
            ))
        };
        let named = ld(
            r#"{"@graph": [{"@type": "WebSite", "publisher": {"name": "Site Co"}},
            {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Daily Planet"}}]}"#,
        );
        assert_eq!(publisher_name(&named).as_deref(), Some("Daily Planet"));
        let plain = ld(r#"{"@type": "BlogPosting", "publisher": "Vale Notes"}"#);
        assert_eq!(publisher_name(&plain).as_deref(), Some("Vale Notes"));
        let none = ld(r#"{"@type": "WebPage", "publisher": "Site Co"}"#);
        assert_eq!(publisher_name(&none), None);
    }

    #[test]
    fn a_type_is_a_name_or_a_list_of_names() {
        let listed = json!({"@type": ["Product", 3, "Thing"]});
        assert_eq!(types(listed.as_object().unwrap()), ["Product", "Thing"]);
        let other = json!({"@type": 3});
        assert!(types(other.as_object().unwrap()).is_empty());
    }

    #[test]
    fn only_a_products_description_is_taken_as_plain_text() {
        let page = |ty: &str| {
            format!(
                r#"<script type="application/ld+json">{{"@type": "{ty}", "description": "&lt;p&gt;Soft &lt;b&gt;and&lt;/b&gt; light&lt;/p&gt;"}}</script>"#
            )
        };
        assert_eq!(
            product_description(&scripts_of(&page("Product"))),
            Some("Soft and light".into())
        );
        assert_eq!(
            product_description(&scripts_of(&page("ProductGroup"))),
            Some("Soft and light".into())
        );
        assert_eq!(
            product_description(&scripts_of(&page("Organization"))),
            None
        );
    }

    #[test]
    fn a_product_description_only_in_json_ld_joins_the_body_once() {
        let description = "Lightweight training shorts with a quick-dry fabric, a zip pocket for your phone and a seven inch inseam.";
        let ld = format!(
            r#"<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Product","name":"Shorts","description":"&lt;p&gt;{description}&lt;/p&gt;"}}</script>"#
        );
        let shop = "<h1>Training shorts</h1><p>Add to bag</p><p>Free returns within thirty days of delivery on every order.</p>";
        let page = format!("<html><head>{ld}</head><body>{shop}</body></html>");
        let body = extract(&page).body();
        assert!(body.contains(description), "{body}");
        assert!(!body.contains("<p>"), "{body}");
        // Shown on the page already, it is not added a second time.
        let shown =
            format!("<html><head>{ld}</head><body>{shop}<p>{description}</p></body></html>");
        assert_eq!(extract(&shown).body().matches("zip pocket").count(), 1);
    }
}
