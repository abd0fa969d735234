//! HTML pages: title, canonical URL, dates, the article body and link lists.
//!
//! The body is found the way Readability does it: the page is flattened into
//! text blocks ([`flatten`]), every substantial block votes for its
//! ancestors, and the best container wins, widened to where a split story
//! gathers ([`content`]). Link lists ([`links`]) and the head's metadata and
//! dates ([`meta`]) are read separately. All tree walks are iterative, so
//! deeply nested markup cannot overflow the stack.

mod content;
mod dom;
#[cfg(test)]
mod fixtures;
mod flatten;
mod json_ld;
mod links;
mod meta;
mod page_dates;
pub(crate) use page_dates::{is_picture_meta, meta_name};
mod sanitize;
mod streamed;

use super::{Extracted, squash_whitespace};
use dom::Attribute;
use flatten::{Layout, flatten};
use scraper::{ElementRef, Html, Selector};

/// How many levels to look up for an enclosing element (a list, the
/// story's container): bounded so hostile nesting costs linear time.
pub(crate) const MAX_CLIMB: usize = 64;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

/// The visible text of an element: text nodes outside scripts, styles
/// and hidden elements, whitespace collapsed.
fn element_text(el: ElementRef<'_>) -> String {
    short_text(el, usize::MAX).unwrap_or_default()
}

/// The visible text of an element if it holds at most `limit` characters
/// other than whitespace: a rule asking whether an element is a short
/// label stops reading at the limit, rather than gathering a whole story
/// to count its words.
fn short_text(el: ElementRef<'_>, limit: usize) -> Option<String> {
    let mut out = String::new();
    let mut seen = 0usize;
    let mut skip_depth = 0usize;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                scraper::Node::Element(e) if skip_depth > 0 || flatten::is_invisible(e) => {
                    skip_depth += 1
                }
                scraper::Node::Text(t) if skip_depth == 0 => {
                    if limit != usize::MAX {
                        seen += t.chars().filter(|c| !c.is_whitespace()).count();
                        if seen > limit {
                            return None;
                        }
                    }
                    out.push_str(t);
                    out.push(' ');
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if skip_depth > 0 && n.value().is_element() {
                    skip_depth -= 1;
                }
            }
        }
    }
    Some(squash_whitespace(&out))
}

/// Parses a page as a browser with scripting off reads it: `<noscript>`
/// then holds markup, which is what sites built by script (Discourse
/// forums, single-page shops) serve crawlers.
fn parse(html: &str) -> Html {
    use html5ever::driver::{self, ParseOpts};
    use html5ever::tendril::TendrilSink;
    use html5ever::tree_builder::TreeBuilderOpts;
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    driver::parse_document(scraper::HtmlTreeSink::new(Html::new_document()), opts).one(html)
}

/// Fewer words than this in the story found make the extractor look again
/// without class names.
const MIN_STORY_WORDS: usize = 20;

/// The story's length in words, each character of an unspaced script
/// (Chinese, Japanese, Thai) counting as one: counted between spaces, a
/// Chinese story is a few "words", read as a blurb, and the page's
/// clickbait lists were taken in as its body.
pub(super) fn words(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| crate::script::count_words(p))
        .sum()
}

/// Extracts an HTML page.
pub fn extract(html: &str) -> Extracted {
    let mut doc = parse(&sanitize::prepare(html));
    if streamed::may_be_streamed(html) {
        streamed::assemble(&mut doc);
    }
    let meta = meta::read_meta(&doc);
    let body = dom::elements_named(&doc, &["body"])
        .next()
        .map_or_else(|| doc.tree.root(), |b| *b);

    let first = flatten(body, None);
    let layout = Layout {
        page_chars: first.totals.get(&body.id()).map_or(0, |t| t.chars),
        totals: &first.totals,
        by_class: true,
    };
    // Walk again only when a furniture-like wrapper holds most of the page.
    let again = first
        .needs_layout(&layout)
        .then(|| flatten(body, Some(&layout)));
    let flat = again.as_ref().unwrap_or(&first);
    let mut story = content::story(&doc, body, flat);
    let mut read_plain = None;
    // A page whose whole text sits in elements named like furniture (the
    // comments of a thread, a builder's widgets) or under a style that
    // veils it until its script runs (`visibility:hidden` on a Next.js
    // root) yields next to nothing: read it again with class names and
    // inline styles ignored, and keep the larger story.
    if words(&story.paragraphs) < MIN_STORY_WORDS {
        let plain = flatten(
            body,
            Some(&Layout {
                by_class: false,
                ..layout
            }),
        );
        let other = content::story(&doc, body, &plain);
        if words(&other.paragraphs) > words(&story.paragraphs) {
            story = other;
            read_plain = Some(plain);
        }
    }
    // A page that says it is an article has said what its story is: its
    // teasers' summaries are not more of it.
    let article = meta
        .get("og:type")
        .is_some_and(|t| t.eq_ignore_ascii_case("article"));
    let read = read_plain.as_ref().unwrap_or(flat);
    if let Some(page) = content::page_reading(&doc, &story.paragraphs, read, article) {
        story.paragraphs = page;
    }

    let url = meta
        .get("canonical")
        .or_else(|| meta.get("og:url"))
        .cloned();
    let title = meta::choose_title(&doc, &meta);
    let scripts = json_ld::scripts(&doc);
    if let Some(description) = json_ld::product_description(&scripts) {
        content::add_missing(&mut story.paragraphs, description);
    }
    // All-digit dates with slashes are read in the order of the page's
    // language (`05/06/2020` is June on a British page, May on an American).
    let lang = doc
        .root_element()
        .value()
        .attribute("lang")
        .or_else(|| doc.root_element().value().attribute("xml:lang"))
        .unwrap_or("");
    let page_dates =
        crate::calendar::with_slash_day_first(crate::calendar::slash_day_first(lang), || {
            page_dates::read_dates(&page_dates::DateSources {
                doc: &doc,
                meta: &meta,
                scripts: &scripts,
                url: url.as_deref(),
                body,
                blocks: &flat.blocks,
                headline: page_dates::headline_block(&flat.blocks, &title),
            })
        });

    Extracted {
        title,
        publisher: json_ld::publisher_name(&scripts).or_else(|| meta.get("og:site_name").cloned()),
        canonical: url.clone(),
        url,
        paragraphs: story.paragraphs,
        links: links::link_lists(&doc, body, &first.totals, &story.roots),
        dates: page_dates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_served_inside_noscript_yields_its_posts() {
        let post = "The resolver picks the newest version whose declared minimum Rust version your toolchain meets, so raising it is not a breaking change.";
        let page = format!(
            "<html><head><title>Thread</title></head><body><div id=\"app\"></div>\
             <noscript><div class=\"topic-body crawler-post\"><div class=\"post\"><p>{post}</p><p>{post} Second reply.</p></div></div></noscript></body></html>"
        );
        let e = extract(&page);
        assert!(
            e.body().contains("raising it is not a breaking change"),
            "{:?}",
            e.paragraphs
        );
    }

    #[test]
    fn a_thread_whose_posts_are_named_comments_is_read_from_them() {
        let post = "I tried the new build on two machines and the crash is gone on both, thanks for the quick fix to the loader.";
        let comments: String = (0..4)
            .map(|i| format!("<div class=\"comment\"><p>{post} Reply {i}.</p></div>"))
            .collect();
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><ol class=\"comments\">{comments}</ol></body></html>"
        );
        let e = extract(&page);
        assert!(e.body().contains("Reply 3"), "{:?}", e.paragraphs);
    }

    #[test]
    fn a_page_veiled_by_a_style_until_its_script_runs_is_read() {
        let para = "Machine learning builds models that learn from data, and this guide walks through the main kinds of model.";
        let page = format!(
            "<html><body><div id=\"__next\"><div style=\"visibility:hidden;min-height:100vh\"><article><p>{para}</p><p>{para} Again.</p></article></div></div>\
             <div style=\"display:none\"><p>A hidden note that is not part of the page at all, whatever happens.</p></div></body></html>"
        );
        let e = extract(&page);
        assert!(
            e.body().contains("walks through the main kinds"),
            "{:?}",
            e.paragraphs
        );
        // A page that shows its story keeps its hidden parts hidden.
        let shown = page.replace("visibility:hidden;", "");
        assert!(!extract(&shown).body().contains("hidden note"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut page = String::from("<html><body>");
        // Deep enough that a recursive walk would exhaust a worker's stack.
        for _ in 0..5_000 {
            page.push_str("<div>");
        }
        page.push_str("<p>deep text that is long enough to count as a paragraph here.</p>");
        let e = extract(&page);
        assert!(e.body().contains("deep text"));
    }
}
