//! HTML pages: title, canonical URL, dates, the article body and link lists.
//!
//! The body is found the way Readability does it: the page is flattened into
//! text blocks, every substantial block votes for its parent and grandparent,
//! and the best-scoring container (discounted by its link density) wins,
//! together with siblings that score nearly as well. Inside it, link-dense
//! and boilerplate blocks are dropped. All tree walks are iterative so deeply
//! nested markup cannot overflow the stack.

use super::dates::{self, PageDates};
use super::{Extracted, LinkItem, LinkList, squash_whitespace};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Elements whose content is never page text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "button", "select",
    "option", "textarea", "input", "canvas", "object", "embed", "video", "audio", "map", "math",
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
    "widget",
    "recommended",
    "recommendations",
    "trending",
    "popular",
    "mostread",
    "outbrain",
    "taboola",
    "disqus",
    "banner",
    "masthead",
    "toolbar",
    "login",
    "signup",
    "rss",
    "print",
    "skip",
];

/// Class or id words that mark the story's container.
const CONTENT_WORDS: &[&str] = &[
    "article", "content", "entry", "post", "story", "body", "text", "main", "blog", "news",
];

fn words_of(attr: &str) -> impl Iterator<Item = String> + '_ {
    attr.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

/// +1 for a content-like class/id, -1 for a furniture-like one, 0 otherwise.
fn class_weight(el: &scraper::node::Element) -> i32 {
    let mut weight = 0;
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        for w in words_of(attr) {
            if CONTENT_WORDS.contains(&w.as_str()) {
                return 1;
            }
            if BOILER_WORDS.contains(&w.as_str()) {
                weight = -1;
            }
        }
    }
    weight
}

/// Elements a browser does not show.
fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    el.attr("style").is_some_and(|s| {
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
fn is_boiler(el: &scraper::node::Element) -> bool {
    let name = el.name();
    if FURNITURE.contains(&name) || el.attr("role") == Some("navigation") {
        return true;
    }
    !matches!(name, "html" | "body" | "main" | "article") && class_weight(el) < 0
}

/// A run of text between block boundaries.
#[derive(Debug, Clone)]
struct Block {
    /// The innermost block-level element holding the text.
    owner: NodeId,
    tag: String,
    text: String,
    /// Non-space characters of the text, and how many of them are in links.
    chars: usize,
    link_chars: usize,
    /// Inside furniture (nav, footer, share bars, ...).
    boiler: bool,
}

impl Block {
    /// A paragraph of running text: outside furniture, of some length, few
    /// links. The story is where these gather.
    fn is_good(&self) -> bool {
        !self.boiler
            && self.chars >= GOOD_MIN_CHARS
            && self.link_density() < 0.3
            && !self.tag.starts_with('h')
    }

    fn link_density(&self) -> f64 {
        self.link_chars as f64 / self.chars.max(1) as f64
    }
}

/// Text and link-text totals of an element's whole subtree.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    chars: usize,
    link_chars: usize,
    /// Characters in good paragraphs: see [`Block::is_good`].
    good_chars: usize,
}

struct Flattened {
    blocks: Vec<Block>,
    totals: HashMap<NodeId, Totals>,
}

/// An element open during the flattening walk.
struct Open {
    id: NodeId,
    block: bool,
    boiler: bool,
    chars_at_open: usize,
    link_chars_at_open: usize,
    good_chars_at_open: usize,
}

/// The walk's running state. Counters instead of stack scans keep every
/// step O(1), so deep nesting costs linear time.
#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    totals: HashMap<NodeId, Totals>,
    stack: Vec<Open>,
    /// Open block-level elements, innermost last.
    block_stack: Vec<(NodeId, String)>,
    boiler_open: usize,
    chars: usize,
    link_chars: usize,
    good_chars: usize,
    buf: String,
    buf_links: usize,
}

impl Walker {
    fn flush(&mut self, root: NodeId) {
        let text = squash_whitespace(&self.buf);
        if !text.is_empty() {
            let (owner, tag) = self
                .block_stack
                .last()
                .cloned()
                .unwrap_or((root, String::new()));
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
                self.good_chars += block.chars;
            }
            self.blocks.push(block);
        }
        self.buf.clear();
        self.buf_links = 0;
    }
}

/// What a first pass over the page knows: how much text each element holds.
/// An element holding most of the page's text is a layout wrapper, never
/// furniture, whatever its tag or class says (`<form id="aspnetForm">`
/// around a whole page, `<div class="page-ad-margins">` around the story).
struct Layout<'t> {
    totals: &'t HashMap<NodeId, Totals>,
    page_chars: usize,
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
fn flatten(root: NodeRef<'_, Node>, layout: Option<&Layout<'_>>) -> Flattened {
    let mut w = Walker::default();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIP.contains(&name) || is_hidden(el) {
                        skip_depth += 1;
                        continue;
                    }
                    let block = BLOCK.contains(&name);
                    if block || name == "br" {
                        w.flush(root.id());
                    } else if matches!(name, "td" | "th") {
                        w.buf.push(' ');
                    }
                    if name == "a" {
                        link_depth += 1;
                    }
                    let boiler = is_boiler(el) && !layout.is_some_and(|l| l.is_wrapper(node.id()));
                    w.boiler_open += usize::from(boiler);
                    if block {
                        w.block_stack.push((node.id(), name.to_string()));
                    }
                    w.stack.push(Open {
                        id: node.id(),
                        block,
                        boiler,
                        chars_at_open: w.chars,
                        link_chars_at_open: w.link_chars,
                        good_chars_at_open: w.good_chars,
                    });
                }
                Node::Text(t) if skip_depth == 0 => {
                    let n = t.text.chars().filter(|c| !c.is_whitespace()).count();
                    w.chars += n;
                    w.buf.push_str(&t.text);
                    if link_depth > 0 {
                        w.link_chars += n;
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
                    w.totals.insert(
                        open.id,
                        Totals {
                            chars: w.chars - open.chars_at_open,
                            link_chars: w.link_chars - open.link_chars_at_open,
                            good_chars: w.good_chars - open.good_chars_at_open,
                        },
                    );
                }
            }
        }
    }
    w.flush(root.id());
    Flattened {
        blocks: w.blocks,
        totals: w.totals,
    }
}

/// Readability's vote of one paragraph: a base point, one per comma, and up
/// to three for length.
fn block_score(text: &str) -> f64 {
    let commas = text
        .chars()
        .filter(|c| matches!(c, ',' | '，' | '、'))
        .count();
    1.0 + commas as f64 + (text.chars().count() as f64 / 100.0).min(3.0)
}

const MIN_VOTING_CHARS: usize = 25;
/// Shortest paragraph that counts as running text for [`Block::is_good`].
const GOOD_MIN_CHARS: usize = 60;
/// How many ancestors above a paragraph receive its vote.
const MAX_VOTE_LEVEL: usize = 5;
/// Runner-up containers scoring this share of the winner's score hint that
/// the story is split; their common ancestor with the winner is the story.
const RUNNER_UP_SHARE: f64 = 0.75;
/// How many runners-up must share an ancestor with the winner.
const MIN_RUNNERS_UP: usize = 2;

/// Finds the containers that hold the story, in document order.
fn content_roots<'a>(
    doc: &'a Html,
    body: NodeRef<'a, Node>,
    flat: &Flattened,
) -> Vec<NodeRef<'a, Node>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for b in &flat.blocks {
        if b.boiler || b.text.chars().count() < MIN_VOTING_CHARS || b.link_density() > 0.5 {
            continue;
        }
        if !matches!(
            b.tag.as_str(),
            "p" | "pre" | "tr" | "blockquote" | "div" | "section" | "article" | "li" | "dd"
        ) {
            continue;
        }
        let s = block_score(&b.text);
        let Some(owner) = doc.tree.get(b.owner) else {
            continue;
        };
        // A text-bearing div is its own container as well as a voter.
        let mut level = if matches!(b.tag.as_str(), "div" | "section" | "article") {
            0
        } else {
            1
        };
        let mut node = if level == 0 {
            Some(owner)
        } else {
            owner.parent()
        };
        while let Some(n) = node {
            if level > MAX_VOTE_LEVEL || !n.value().is_element() {
                break;
            }
            // Readability's dividers: parent 1, grandparent 2, then 3 per
            // level, so a story split over several sibling blocks still
            // gathers on their common ancestor.
            let divisor = match level {
                0 | 1 => 1.0,
                2 => 2.0,
                _ => 3.0 * (level - 1) as f64,
            };
            *scores.entry(n.id()).or_insert(0.0) += s / divisor;
            level += 1;
            node = n.parent();
        }
    }
    let adjusted = |id: NodeId, raw: f64| -> f64 {
        let t = flat.totals.get(&id).copied().unwrap_or_default();
        let ld = if t.chars == 0 {
            0.0
        } else {
            t.link_chars as f64 / t.chars as f64
        };
        let weight = doc
            .tree
            .get(id)
            .and_then(|n| n.value().as_element().map(class_weight))
            .unwrap_or(0);
        // The class only tips the balance between containers with real
        // votes: an empty `div.content` must not beat the story.
        raw * (1.0 + 0.25 * weight as f64) * (1.0 - ld)
    };
    let mut ranked: Vec<(NodeId, f64)> = scores
        .iter()
        .map(|(&id, &raw)| (id, adjusted(id, raw)))
        .collect();
    // Ties broken by document position so the choice is deterministic.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let Some(&(top_id, top_score)) = ranked.first() else {
        return vec![body];
    };
    let Some(mut top) = doc.tree.get(top_id) else {
        return vec![body];
    };
    let runners_up: Vec<NodeId> = ranked[1..]
        .iter()
        .take(5)
        .filter(|(_, s)| *s >= RUNNER_UP_SHARE * top_score)
        .map(|(id, _)| *id)
        .collect();
    if runners_up.len() >= MIN_RUNNERS_UP {
        let is_under = |id: NodeId, anc: NodeId| {
            doc.tree
                .get(id)
                .is_some_and(|n| n.ancestors().take(MAX_CLIMB).any(|a| a.id() == anc))
        };
        for anc in top.ancestors().take(MAX_CLIMB) {
            if anc.id() == body.id() {
                break;
            }
            if runners_up
                .iter()
                .filter(|&&r| is_under(r, anc.id()))
                .count()
                >= MIN_RUNNERS_UP
            {
                top = anc;
                break;
            }
        }
    }
    let top = climb(top, body, flat);
    let top_id = top.id();

    // Siblings that score close to the winner belong to the story too
    // (stories split across several divs).
    let threshold = (top_score * 0.2).max(10.0);
    let Some(parent) = top.parent() else {
        return vec![top];
    };
    let sibling_belongs = |c: &NodeRef<'_, Node>| {
        scores
            .get(&c.id())
            .is_some_and(|&s| adjusted(c.id(), s) >= threshold)
            || is_loose_paragraph(c, flat)
    };
    parent
        .children()
        .filter(|c| c.id() == top_id || sibling_belongs(c))
        .collect()
}

/// Widens the winner to an ancestor when that brings in more running text
/// than anything else: stories split over sibling cards or columns gather
/// there, while an ancestor that adds mostly menus and teasers is refused.
fn climb<'a>(
    top: NodeRef<'a, Node>,
    body: NodeRef<'a, Node>,
    flat: &Flattened,
) -> NodeRef<'a, Node> {
    let totals = |n: NodeRef<'_, Node>| flat.totals.get(&n.id()).copied().unwrap_or_default();
    let mut best = top;
    for anc in top.ancestors().take(MAX_CLIMB) {
        if anc.id() == body.id() || !anc.value().is_element() {
            break;
        }
        let (now, next) = (totals(best), totals(anc));
        let gained = next.good_chars.saturating_sub(now.good_chars);
        let other = (next.chars - next.good_chars).saturating_sub(now.chars - now.good_chars);
        // Teaser lists bring good-looking summaries too, but each under a
        // linked headline; a split story brings few links.
        let links = next.link_chars.saturating_sub(now.link_chars);
        if gained > 0 && gained >= other && links * 4 < gained {
            best = anc;
        } else if gained == 0 && other == 0 {
            continue;
        } else if gained < other {
            // Look one level further only while the ancestor is still mostly story.
            if next.good_chars * 2 < next.chars {
                break;
            }
        }
    }
    best
}

/// A sibling `<p>` of the winning container with real text and few links.
fn is_loose_paragraph(node: &NodeRef<'_, Node>, flat: &Flattened) -> bool {
    let Some(el) = node.value().as_element() else {
        return false;
    };
    if el.name() != "p" {
        return false;
    }
    let t = flat.totals.get(&node.id()).copied().unwrap_or_default();
    t.chars > 80 && (t.link_chars as f64) < 0.25 * t.chars as f64
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '!', '?', ':', '。', '！', '？'])
}

/// Whether a block inside the chosen container is story text.
fn keep_block(b: &Block) -> bool {
    if b.boiler || b.tag == "h1" {
        return false;
    }
    let words = b.text.split_whitespace().count();
    let heading = matches!(b.tag.as_str(), "h2" | "h3" | "h4" | "h5" | "h6");
    let max_density = if words < 10 { 0.34 } else { 0.5 };
    if b.link_density() > max_density {
        return false;
    }
    if is_photo_caption(&b.text) {
        return false;
    }
    heading || words >= 5 || ends_sentence(&b.text) || b.text.chars().count() >= 30
}

/// A caption signed with a photo credit: `... (AP Photo/Alan Diaz)`,
/// `... Photo: Jane Doe`, `... Getty Images`.
fn is_photo_caption(text: &str) -> bool {
    let tail: String = text
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail = tail.to_lowercase();
    tail.contains("photo/")
        || tail.contains("photo:")
        || tail.contains("photo by")
        || tail.contains("getty images")
        || tail.contains("(photo")
}

static SEL_TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static SEL_H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static SEL_META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static SEL_CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel("link[rel=canonical]"));
static SEL_JSONLD: LazyLock<Selector> = LazyLock::new(|| sel("script[type='application/ld+json']"));
static SEL_TIME: LazyLock<Selector> = LazyLock::new(|| sel("time"));
static SEL_LISTS: LazyLock<Selector> = LazyLock::new(|| sel("ul, ol, nav, aside"));
static SEL_A: LazyLock<Selector> = LazyLock::new(|| sel("a"));
static SEL_LI: LazyLock<Selector> = LazyLock::new(|| sel("li"));
static SEL_BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

fn element_text(el: ElementRef<'_>) -> String {
    squash_whitespace(&el.text().collect::<String>())
}

/// Extracts an HTML page.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let meta = read_meta(&doc);
    let body = doc
        .select(&SEL_BODY)
        .next()
        .map_or_else(|| doc.tree.root(), |b| *b);

    let first = flatten(body, None);
    let layout = Layout {
        page_chars: first.totals.get(&body.id()).map_or(0, |t| t.chars),
        totals: &first.totals,
    };
    let flat = flatten(body, Some(&layout));
    let mut paragraphs = Vec::new();
    for root in content_roots(&doc, body, &flat) {
        let inner = flatten(root, Some(&layout));
        paragraphs.extend(inner.blocks.into_iter().filter(keep_block).map(|b| b.text));
    }
    // A story seldom repeats a long paragraph word for word; slideshow
    // captions and sticky teasers do. (Short lines such as list labels may
    // repeat in a real story.)
    let mut seen = std::collections::HashSet::new();
    paragraphs.retain(|p| p.chars().count() < 80 || seen.insert(p.clone()));

    let url = meta
        .get("canonical")
        .or_else(|| meta.get("og:url"))
        .cloned();
    let mut page_dates = read_dates(&doc, &meta);
    if let Some(d) = url.as_deref().and_then(dates::date_from_url) {
        page_dates.add_published(d, "url");
    }
    for b in flat.blocks.iter().take(400) {
        if let Some(d) = dates::labelled_date_line(&b.text) {
            page_dates.add_published(d, "text:date-line");
            break;
        }
    }

    Extracted {
        title: choose_title(&doc, &meta),
        url,
        paragraphs,
        links: link_lists(&doc),
        dates: page_dates,
    }
}

/// The page's `<meta>` values keyed by lowercased name/property/itemprop,
/// first occurrence winning, plus `canonical` from `<link rel=canonical>`.
fn read_meta(doc: &Html) -> HashMap<String, String> {
    let mut meta = HashMap::new();
    for m in doc.select(&SEL_META) {
        let el = m.value();
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"));
        let value = el.attr("content").or_else(|| el.attr("datetime"));
        if let (Some(k), Some(v)) = (key, value) {
            meta.entry(k.trim().to_ascii_lowercase())
                .or_insert_with(|| v.trim().to_string());
        }
    }
    if let Some(href) = doc
        .select(&SEL_CANONICAL)
        .next()
        .and_then(|l| l.value().attr("href"))
        && href.starts_with("http")
    {
        meta.insert("canonical".to_string(), href.trim().to_string());
    }
    meta
}

/// Meta names that carry the first-publication date, most trusted first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "citation_publication_date",
    "citation_date",
    "og:published_time",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "created",
];

/// Meta names that carry a modification date.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dcterms.modified",
    "dc.date.modified",
    "lastmod",
];

fn read_dates(doc: &Html, meta: &HashMap<String, String>) -> PageDates {
    let mut out = PageDates::default();
    for script in doc.select(&SEL_JSONLD) {
        let raw: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
            for (key, rule) in [
                ("datePublished", "json-ld:datePublished"),
                ("dateCreated", "json-ld:dateCreated"),
            ] {
                if let Some(raw) = json_date(&v, key) {
                    add_value(&mut out, raw, rule);
                }
            }
            if let Some(d) = json_date(&v, "dateModified").and_then(dates::parse_date) {
                out.add_modified(d, "json-ld:dateModified");
            }
        }
    }
    for name in PUBLISHED_META {
        if let Some(v) = meta.get(*name) {
            add_value(&mut out, v, &format!("meta:{name}"));
        }
    }
    for name in MODIFIED_META {
        if let Some(d) = meta.get(*name).and_then(|v| dates::parse_date(v)) {
            out.add_modified(d, &format!("meta:{name}"));
        }
    }
    let times: Vec<ElementRef<'_>> = doc.select(&SEL_TIME).take(50).collect();
    let marked = times.iter().find(|t| {
        t.value().attr("pubdate").is_some() || t.value().attr("itemprop") == Some("datePublished")
    });
    for (t, rule) in marked
        .map(|t| (t, "time:pubdate"))
        .into_iter()
        .chain(times.first().map(|t| (t, "time")))
    {
        let value = t
            .value()
            .attr("datetime")
            .map(str::to_string)
            .unwrap_or_else(|| element_text(*t));
        add_value(&mut out, &value, rule);
    }
    out
}

/// Adds a machine-readable date field's value, with its time when it has one.
fn add_value(out: &mut PageDates, value: &str, rule: &str) {
    if let Some(d) = dates::parse_date(value) {
        out.add_published_at(d, dates::parse_timestamp(value), rule);
    }
}

/// The first string under `key` anywhere in a JSON-LD value (`@graph`, arrays).
fn json_date<'v>(v: &'v serde_json::Value, key: &str) -> Option<&'v str> {
    let mut stack = vec![v];
    let mut visited = 0;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match v {
            serde_json::Value::Object(map) => {
                if let Some(s) = map.get(key).and_then(|x| x.as_str()) {
                    return Some(s);
                }
                stack.extend(map.values().rev());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    None
}

/// The headline: an `<h1>` that the page's titles confirm, else `og:title`,
/// else the longest part of `<title>` (dropping the site name).
fn choose_title(doc: &Html, meta: &HashMap<String, String>) -> String {
    let title = doc
        .select(&SEL_TITLE)
        .next()
        .map(element_text)
        .unwrap_or_default();
    let og = meta
        .get("og:title")
        .map(|s| squash_whitespace(s))
        .unwrap_or_default();
    let h1s: Vec<String> = doc
        .select(&SEL_H1)
        .take(5)
        .map(element_text)
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(h) = h1s.iter().find(|h| {
        h.split_whitespace().count() >= 2 && (title.contains(h.as_str()) || og.contains(h.as_str()))
    }) {
        return h.clone();
    }
    if !og.is_empty() {
        return og;
    }
    let best_part = title
        .split(" | ")
        .flat_map(|p| p.split(" - "))
        .flat_map(|p| p.split(" — "))
        .max_by_key(|p| p.chars().count())
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    if !best_part.is_empty() {
        return best_part;
    }
    h1s.into_iter().next().unwrap_or_default()
}

/// How many levels to look up for a list's heading or an enclosing list.
const MAX_CLIMB: usize = 64;

/// Every list of links on the page: `ul`/`ol` (outermost only), and `nav` or
/// `aside` blocks whose links are not in lists.
fn link_lists(doc: &Html) -> Vec<LinkList> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Storm hits coast | Daily Planet</title>
<meta property="og:title" content="Storm hits coast">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://planet.example/2024/03/05/storm">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="article-body">
<h1>Storm hits coast</h1>
<p>HAVANA (AP) — A powerful storm struck the northern coast of the island on Tuesday, cutting power to thousands of homes.</p>
<p>Officials said the damage was still being counted, and that rescue teams had reached most of the affected towns.</p>
<p>Schools will stay closed for the rest of the week, the education ministry said in a statement.</p>
</div>
<div class="related"><h3>More stories</h3><ul>
<li><a href="/a">Ten celebrity weddings that shocked the whole world</a></li>
<li><a href="/b">You will not believe what this actor eats for breakfast</a></li>
</ul></div>
<footer><p>Copyright Daily Planet. All rights reserved. Contact us for licensing.</p></footer>
</body></html>"#;

    #[test]
    fn body_is_the_story_without_menus_or_footer() {
        let e = extract(PAGE);
        assert_eq!(e.paragraphs.len(), 3, "{:?}", e.paragraphs);
        assert!(e.paragraphs[0].starts_with("HAVANA (AP)"));
        assert!(!e.body().contains("Copyright"));
        assert!(!e.body().contains("celebrity"));
    }

    #[test]
    fn title_prefers_the_headline() {
        assert_eq!(extract(PAGE).title, "Storm hits coast");
    }

    #[test]
    fn canonical_url_and_meta_date() {
        let e = extract(PAGE);
        assert_eq!(
            e.url.as_deref(),
            Some("https://planet.example/2024/03/05/storm")
        );
        let p = e.dates.published.unwrap();
        assert_eq!(p.date.to_string(), "2024-03-05");
        assert_eq!(p.rule, "meta:article:published_time");
    }

    #[test]
    fn link_lists_come_with_headings() {
        let e = extract(PAGE);
        assert_eq!(e.links.len(), 2);
        assert_eq!(e.links[1].heading, "More stories");
        assert_eq!(e.links[1].items[1].href.as_deref(), Some("/b"));
        assert_eq!(e.links[0].items[0].text, "Home");
    }

    #[test]
    fn json_ld_graph_dates_are_found() {
        let page = r#"<html><head><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2023-09-11T05:00:00Z","dateModified":"2023-09-12"}]}
</script></head><body><p>x</p></body></html>"#;
        let e = extract(page);
        assert_eq!(e.dates.published.unwrap().date.to_string(), "2023-09-11");
        assert_eq!(e.dates.modified.unwrap().date.to_string(), "2023-09-12");
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
