//! Flattening: the page as a sequence of text blocks, with each element's
//! text totals. Furniture (menus, footers, share bars) and hidden elements
//! are marked here, once, for every later step.

use super::dom::{Attribute, NodeMap};
use super::squash_whitespace;
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::Node;
use std::collections::HashMap;

/// Shortest paragraph that counts as running text for [`Block::is_good`].
const GOOD_MIN_CHARS: usize = 60;

/// Elements whose content is never page text.
const SKIP: &[&str] = &[
    "script", "style", "template", "svg", "iframe", "head", "button", "select", "option",
    "textarea", "input", "canvas", "object", "embed", "video", "audio", "map", "math",
];

/// Elements that hold page furniture rather than the story.
const FURNITURE: &[&str] = &[
    "nav",
    "aside",
    "footer",
    "form",
    "menu",
    "dialog",
    "figcaption",
];

/// Elements that start a new block of text. Table cells do not: a row of a
/// data table reads as one line, as people copy it.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "form",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "html",
    "center",
    "fieldset",
    "caption",
    "menu",
    "dialog",
];

/// Class or id words that mark page furniture.
const BOILER_WORDS: &[&str] = &[
    "comment",
    "comments",
    "share",
    "sharing",
    "social",
    "related",
    "sidebar",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "tags",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "mostread",
    "outbrain",
    "taboola",
    "disqus",
    "masthead",
    "toolbar",
    "login",
    "signup",
    "rss",
    "print",
];

/// Class or id words that mark the story's container.
const CONTENT_WORDS: &[&str] = &[
    "article", "content", "entry", "post", "story", "body", "text", "main", "blog", "news",
];

/// Class words that describe a page's layout rather than a part of it:
/// `c-layout-sidebar-left`, `has-sidebar` and `with-sidebar` wrap the story
/// beside a sidebar, they are not the sidebar.
const LAYOUT_WORDS: &[&str] = &["layout", "has", "with"];

/// Which list a class word is in.
#[derive(Clone, Copy, PartialEq)]
enum WordKind {
    Content,
    Boiler,
    Layout,
}

/// The list `word` is in, ignoring ASCII case. Every class word of every
/// element is asked: one lookup of the word lowercased on the stack, not
/// a comparison with each listed word in turn.
fn word_kind(word: &str) -> Option<WordKind> {
    static KINDS: std::sync::LazyLock<HashMap<&'static str, WordKind>> =
        std::sync::LazyLock::new(|| {
            let of = |list: &'static [&'static str], kind| list.iter().map(move |&w| (w, kind));
            of(LAYOUT_WORDS, WordKind::Layout)
                .chain(of(BOILER_WORDS, WordKind::Boiler))
                .chain(of(CONTENT_WORDS, WordKind::Content))
                .collect()
        });
    const LONGEST: usize = 16;
    if word.len() > LONGEST {
        return None;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    KINDS.get(std::str::from_utf8(lower).ok()?).copied()
}

/// +1 for a content-like class/id, -1 for a furniture-like one, 0 otherwise.
pub(super) fn class_weight(el: &scraper::node::Element) -> i32 {
    let mut weight = 0;
    for attr in [el.attribute("class"), el.attribute("id")]
        .into_iter()
        .flatten()
    {
        // One class names one thing: furniture words inside a layout
        // class describe the layout.
        for class in attr.split_ascii_whitespace() {
            let (mut boiler, mut layout) = (false, false);
            for word in class
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                match word_kind(word) {
                    Some(WordKind::Content) => return 1,
                    Some(WordKind::Boiler) => boiler = true,
                    Some(WordKind::Layout) => layout = true,
                    None => {}
                }
            }
            if boiler && !layout {
                weight = -1;
            }
        }
    }
    weight
}

/// Elements whose content is not page text: scripts, styles, fallbacks,
/// embedded objects, elements a browser hides, and consent dialogs.
pub(super) fn is_invisible(el: &scraper::node::Element) -> bool {
    is_invisible_by(el, true)
}

/// [`is_invisible`], with hiding by inline style honoured or not.
fn is_invisible_by(el: &scraper::node::Element, styles: bool) -> bool {
    SKIP.contains(&el.name()) || is_hidden(el, styles) || is_consent_dialog(el)
}

/// Class or id fragments of consent and cookie dialogs, as the consent
/// platforms name them (OneTrust, Didomi, Cookiebot, Usercentrics, IAB CMPs).
const CONSENT_MARKS: &[&str] = &[
    "consent",
    "onetrust",
    "didomi",
    "cookiebot",
    "usercentrics",
    "gdpr",
    "cookie-banner",
    "cookie-notice",
    "cookie-bar",
    "cookiebanner",
    "cookienotice",
    "qc-cmp",
    "sp_message",
];

/// One searcher for every [`CONSENT_MARKS`], ignoring ASCII case, built
/// once: asked of the class and id of every element, thirteen searches
/// and a lowercased copy each time were a twentieth of extraction.
fn consent_marks() -> &'static aho_corasick::AhoCorasick {
    static MARKS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CONSENT_MARKS)
            .expect("valid built-in patterns")
    });
    &MARKS
}

/// A dialog laid over the page (a consent platform's "we and our 900
/// partners" text, a modal): never the page's own text. The same platform
/// text stands on thousands of unrelated sites, so reading it as a body
/// would make them copies of each other.
fn is_consent_dialog(el: &scraper::node::Element) -> bool {
    if matches!(el.name(), "html" | "body" | "main" | "article") {
        // Page-level wrappers carry state classes (`consent-given`).
        return false;
    }
    // A dialog declared not modal is a drawer or tab sheet of the page's
    // own content (a product's description), not laid over the page.
    match el.attribute("aria-modal") {
        Some("true") => return true,
        Some("false") => return false,
        _ if matches!(el.attribute("role"), Some("dialog" | "alertdialog")) => return true,
        _ => {}
    }
    [el.attribute("id"), el.attribute("class")]
        .into_iter()
        .flatten()
        .any(|a| consent_marks().is_match(a))
}

/// Elements a browser does not show; with `styles` off, only those hidden
/// by attribute (a page veiled by a style until its script runs is shown).
fn is_hidden(el: &scraper::node::Element, styles: bool) -> bool {
    // React's streamed server rendering sends the page in hidden segments
    // (`<div hidden id="S:0">`) that its script moves into place.
    let streamed = el.attribute("id").is_some_and(|id| {
        id.strip_prefix("S:")
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
    });
    // A tab's panel is hidden until its tab is clicked: the code sample in
    // another language, the second tab of a product's details.
    if el.attribute("role") == Some("tabpanel") {
        return false;
    }
    if (el.attribute("hidden").is_some() && !streamed)
        || el.attribute("aria-hidden") == Some("true")
    {
        return true;
    }
    styles
        && el.attribute("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Whether an element is page furniture. Page-level wrappers (`body`,
/// `main`, `article`) are never furniture by class: sites put state classes
/// such as `nav-open` or `has-sidebar` on them.
fn is_boiler(el: &scraper::node::Element, by_class: bool) -> bool {
    let name = el.name();
    if FURNITURE.contains(&name) || el.attribute("role") == Some("navigation") {
        return true;
    }
    by_class && !matches!(name, "html" | "body" | "main" | "article") && class_weight(el) < 0
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// The innermost block-level element holding the text.
    pub(super) owner: NodeId,
    pub(super) tag: &'static str,
    pub(super) text: String,
    /// Non-space characters of the text, and how many of them are in links.
    pub(super) chars: usize,
    pub(super) link_chars: usize,
    /// Inside furniture (nav, footer, share bars, ...).
    pub(super) boiler: bool,
}

impl Block {
    /// A paragraph of running text: outside furniture, of some length, few
    /// links. The story is where these gather.
    pub(super) fn is_good(&self) -> bool {
        !self.boiler
            && self.chars >= GOOD_MIN_CHARS
            && self.link_density() < 0.3
            && !self.tag.starts_with('h')
    }

    pub(super) fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }
}

/// Counts over an element's whole subtree (or, while walking, over all the
/// page seen so far: an element's totals are the difference between the
/// running counts at its close and at its open).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Totals {
    /// Non-space characters of visible text.
    pub(super) chars: usize,
    /// Of those, inside links.
    pub(super) link_chars: usize,
    /// Of those, in good paragraphs: see [`Block::is_good`].
    pub(super) good_chars: usize,
    /// Links (`<a>` elements).
    pub(super) anchors: usize,
    /// Lists and link containers (`ul`, `ol`, `nav`, `aside`).
    pub(super) lists: usize,
    /// Blocks of text, and (set at close) the index of the first of them in
    /// the walk's blocks: an element's blocks are one contiguous run.
    pub(super) blocks: usize,
    pub(super) first_block: usize,
}

impl std::ops::Sub for Totals {
    type Output = Totals;

    fn sub(self, at_open: Totals) -> Totals {
        Totals {
            chars: self.chars - at_open.chars,
            link_chars: self.link_chars - at_open.link_chars,
            good_chars: self.good_chars - at_open.good_chars,
            anchors: self.anchors - at_open.anchors,
            lists: self.lists - at_open.lists,
            blocks: self.blocks - at_open.blocks,
            first_block: at_open.blocks,
        }
    }
}

pub(super) struct Flattened {
    pub(super) blocks: Vec<Block>,
    pub(super) totals: NodeMap<Totals>,
    /// The elements taken as furniture.
    pub(super) furniture: Vec<NodeId>,
}

impl Flattened {
    /// Whether a layout would change this walk: some element taken as
    /// furniture holds most of the page's text.
    pub(super) fn needs_layout(&self, layout: &Layout<'_>) -> bool {
        self.furniture.iter().any(|&id| layout.is_wrapper(id))
    }
}

/// An element open during the flattening walk.
struct Open {
    id: NodeId,
    block: bool,
    boiler: bool,
    at_open: Totals,
}

/// The walk's running state. Counters instead of stack scans keep every
/// step O(1), so deep nesting costs linear time.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    totals: NodeMap<Totals>,
    stack: Vec<Open>,
    /// Open block-level elements, innermost last.
    block_stack: Vec<(NodeId, &'static str)>,
    boiler_open: usize,
    furniture: Vec<NodeId>,
    running: Totals,
    buf: String,
    buf_links: usize,
}

impl Walker {
    fn flush(&mut self, root: NodeId) {
        let text = squash_whitespace(&self.buf);
        if !text.is_empty() {
            let (owner, tag) = self.block_stack.last().cloned().unwrap_or((root, ""));
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let link_chars = self.buf_links.min(chars);
            let block = Block {
                owner,
                tag,
                text,
                chars,
                link_chars,
                boiler: self.boiler_open > 0,
            };
            if block.is_good() {
                self.running.good_chars += block.chars;
            }
            self.blocks.push(block);
            self.running.blocks += 1;
        }
        self.buf.clear();
        self.buf_links = 0;
    }
}

/// What a first pass over the page knows: how much text each element holds.
/// An element holding most of the page's text is a layout wrapper, never
/// furniture, whatever its tag or class says (`<form id="aspnetForm">`
/// around a whole page, `<div class="page-ad-margins">` around the story).
pub(super) struct Layout<'t> {
    pub(super) totals: &'t NodeMap<Totals>,
    pub(super) page_chars: usize,
    /// Whether class and id names mark furniture and inline styles hide;
    /// off for a page whose whole text sits in elements named like
    /// furniture or under a style that veils the page until its script runs.
    pub(super) by_class: bool,
}

impl Layout<'_> {
    fn is_wrapper(&self, id: NodeId) -> bool {
        self.totals
            .get(&id)
            .is_some_and(|t| t.chars * 2 > self.page_chars)
    }
}

/// Flattens a subtree into blocks, recording each element's text totals.
/// Without a layout every furniture-like element counts as furniture.
pub(super) fn flatten(root: NodeRef<'_, Node>, layout: Option<&Layout<'_>>) -> Flattened {
    let mut w = Walker::default();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    let strict = layout.is_none_or(|l| l.by_class);
                    if skip_depth > 0 || is_invisible_by(el, strict) {
                        skip_depth += 1;
                        continue;
                    }
                    // The block tag as the static name from BLOCK, so blocks
                    // carry their tag without an allocation each.
                    let block_tag = BLOCK.iter().copied().find(|b| *b == name);
                    let block = block_tag.is_some();
                    if block || name == "br" {
                        w.flush(root.id());
                    } else if matches!(name, "td" | "th") {
                        w.buf.push(' ');
                    }
                    if name == "a" {
                        link_depth += 1;
                        w.running.anchors += 1;
                    }
                    if matches!(name, "ul" | "ol" | "nav" | "aside") {
                        w.running.lists += 1;
                    }
                    let boiler =
                        is_boiler(el, strict) && !layout.is_some_and(|l| l.is_wrapper(node.id()));
                    w.boiler_open += usize::from(boiler);
                    if boiler {
                        w.furniture.push(node.id());
                    }
                    if block {
                        w.block_stack.push((node.id(), block_tag.unwrap_or("div")));
                    }
                    w.stack.push(Open {
                        id: node.id(),
                        block,
                        boiler,
                        at_open: w.running,
                    });
                }
                Node::Text(t) if skip_depth == 0 => {
                    let n = t.text.chars().filter(|c| !c.is_whitespace()).count();
                    w.running.chars += n;
                    w.buf.push_str(&t.text);
                    if link_depth > 0 {
                        w.running.link_chars += n;
                        w.buf_links += n;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if BLOCK.contains(&el.name()) {
                    w.flush(root.id());
                }
                if el.name() == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                if let Some(open) = w.stack.pop() {
                    w.boiler_open -= usize::from(open.boiler);
                    if open.block {
                        w.block_stack.pop();
                    }
                    w.totals.insert(open.id, w.running - open.at_open);
                }
            }
        }
    }
    w.flush(root.id());
    Flattened {
        blocks: w.blocks,
        totals: w.totals,
        furniture: w.furniture,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_class_word_is_found_in_any_case() {
        for (list, kind) in [
            (CONTENT_WORDS, WordKind::Content),
            (BOILER_WORDS, WordKind::Boiler),
            (LAYOUT_WORDS, WordKind::Layout),
        ] {
            for word in list {
                assert!(word_kind(word) == Some(kind), "{word}");
                assert!(word_kind(&word.to_uppercase()) == Some(kind), "{word}");
            }
        }
        assert!(word_kind("sidebars").is_none());
    }
    use crate::extract::html::fixtures::body;
    use crate::extract::html::{extract, parse, sel};
    use scraper::Html;

    /// The first element of `doc` that `css` selects.
    fn first<'d>(doc: &'d Html, css: &str) -> &'d scraper::node::Element {
        doc.select(&sel(css)).next().expect("the element").value()
    }

    /// The page's blocks as (text, boiler) pairs.
    fn blocks(flat: &Flattened) -> Vec<(&str, bool)> {
        flat.blocks
            .iter()
            .map(|b| (b.text.as_str(), b.boiler))
            .collect()
    }

    #[test]
    fn furniture_text_is_marked_boiler_and_its_link_characters_counted() {
        let doc = parse(
            r#"<html><body><nav><a href="/">Home page</a> and more</nav><p>The story itself.</p></body></html>"#,
        );
        let flat = flatten(body(&doc), None);
        assert_eq!(
            blocks(&flat),
            [("Home page and more", true), ("The story itself.", false)]
        );
        assert_eq!((flat.blocks[0].chars, flat.blocks[0].link_chars), (15, 8));
    }

    #[test]
    fn an_elements_totals_count_its_own_subtree_only() {
        let doc = parse(
            r#"<html><body><p>Before it.</p><div id="x"><ul><li>One two</li></ul><a href="/l">link</a></div><p>After it.</p></body></html>"#,
        );
        let flat = flatten(body(&doc), None);
        let div = doc.select(&sel("#x")).next().expect("the div");
        let t = flat.totals[&div.id()];
        assert_eq!(
            (t.chars, t.link_chars, t.anchors, t.lists, t.blocks),
            (10, 4, 1, 1, 2)
        );
        // The div's blocks are the run that starts after the first paragraph.
        assert_eq!(flat.blocks[t.first_block].text, "One two");
    }

    #[test]
    fn a_class_named_like_furniture_is_furniture_only_while_class_names_count() {
        let doc = parse(
            r#"<html><body><div class="share-bar"><p>Share this story with your friends and family.</p></div></body></html>"#,
        );
        let first = flatten(body(&doc), None);
        assert!(first.blocks[0].boiler);
        let plain = flatten(
            body(&doc),
            Some(&Layout {
                totals: &first.totals,
                page_chars: 0,
                by_class: false,
            }),
        );
        assert!(!plain.blocks[0].boiler);
    }

    #[test]
    fn a_wrapper_holding_most_of_the_page_is_not_furniture_once_the_layout_is_known() {
        let story =
            "The council met on Tuesday and voted to repair the bridge before winter comes.";
        let page = format!(
            r#"<html><body><form id="aspnetForm"><p>{story}</p></form><form><p>Search</p></form></body></html>"#
        );
        let doc = parse(&page);
        let root = body(&doc);
        let first = flatten(root, None);
        assert_eq!(blocks(&first), [(story, true), ("Search", true)]);
        let layout = Layout {
            totals: &first.totals,
            page_chars: first.totals[&root.id()].chars,
            by_class: true,
        };
        assert!(first.needs_layout(&layout));
        // The small form is still furniture.
        assert_eq!(
            blocks(&flatten(root, Some(&layout))),
            [(story, false), ("Search", true)]
        );
    }

    #[test]
    fn inline_styles_hide_only_while_class_names_and_styles_count() {
        let doc = parse(
            r#"<html><body><div style="Display: None"><p>Veiled text.</p></div></body></html>"#,
        );
        let first = flatten(body(&doc), None);
        assert!(first.blocks.is_empty());
        let plain = flatten(
            body(&doc),
            Some(&Layout {
                totals: &first.totals,
                page_chars: 0,
                by_class: false,
            }),
        );
        assert_eq!(blocks(&plain), [("Veiled text.", false)]);
    }

    #[test]
    fn hidden_elements_are_invisible_but_streamed_segments_and_tab_panels_are_not() {
        let doc = parse(
            r#"<html><body><div id="a" hidden></div><div id="b" aria-hidden="true"></div>
            <div id="c" style="visibility: hidden"></div><div id="S:0" hidden></div>
            <div id="d" role="tabpanel" hidden></div><script id="e"></script><div id="f"></div></body></html>"#,
        );
        let invisible = |css: &str| is_invisible(first(&doc, css));
        assert!(invisible("#a"));
        assert!(invisible("#b"));
        assert!(invisible("#c"));
        assert!(invisible("#e"));
        assert!(!invisible("[id='S:0']"));
        assert!(!invisible("#d"));
        assert!(!invisible("#f"));
    }

    #[test]
    fn a_consent_dialog_is_invisible_unless_declared_not_modal_or_page_level() {
        let doc = parse(
            r#"<html><body class="consent-given"><div id="a" class="OneTrust-Banner"></div>
            <div id="b" role="dialog"></div><div id="c" class="consent-drawer" aria-modal="false"></div>
            <article id="d" class="gdpr-ok"></article></body></html>"#,
        );
        let invisible = |css: &str| is_invisible(first(&doc, css));
        assert!(invisible("#a"));
        assert!(invisible("#b"));
        assert!(!invisible("#c"));
        assert!(!invisible("#d"));
        assert!(!invisible("body"));
    }

    #[test]
    fn class_words_weigh_content_up_and_furniture_down_but_not_a_layout() {
        let doc = parse(
            r#"<html><body><div id="a" class="sidebar"></div><div id="b" class="post-body sidebar"></div>
            <div id="c" class="c-layout-sidebar-left"></div><div id="d" class="has-sidebar"></div>
            <div id="e" class="wide"></div></body></html>"#,
        );
        let weight = |css: &str| class_weight(first(&doc, css));
        assert_eq!(weight("#a"), -1);
        assert_eq!(weight("#b"), 1);
        assert_eq!(weight("#c"), 0);
        assert_eq!(weight("#d"), 0);
        assert_eq!(weight("#e"), 0);
    }

    #[test]
    fn a_good_block_is_long_prose_outside_furniture_with_few_links() {
        let prose = "A paragraph long enough to count as running text on a page of the daily news.";
        let page = format!(
            r#"<html><body><p>{prose}</p><h2>{prose}</h2><footer><p>{prose}</p></footer><p><a href="/x">{prose}</a></p><p>Too short.</p></body></html>"#
        );
        let doc = parse(&page);
        let flat = flatten(body(&doc), None);
        let good: Vec<bool> = flat.blocks.iter().map(Block::is_good).collect();
        assert_eq!(good, [true, false, false, false, false]);
        let root = body(&doc);
        assert_eq!(flat.totals[&root.id()].good_chars, flat.blocks[0].chars);
    }

    #[test]
    fn a_hidden_tab_panel_is_content_but_a_hidden_note_is_not() {
        let para = "Install the library with your package manager, then set the two keys from your dashboard.";
        let page = format!(
            "<html><body><article><h1>Quickstart</h1><p>{para}</p>\
             <div role=\"tabpanel\" hidden style=\"display:none\"><p>Ruby users install the gem instead and keep the keys in their environment.</p></div>\
             <div hidden><p>A hidden note that is not part of the page at all, whatever happens.</p></div></article></body></html>"
        );
        let body = extract(&page).body();
        assert!(body.contains("Ruby users install the gem"), "{body}");
        assert!(!body.contains("hidden note"), "{body}");
    }
}
