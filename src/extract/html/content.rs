//! The story's containers: Readability-style votes, then widening to the
//! ancestor where a split story gathers, then the blocks worth keeping.

use super::MAX_CLIMB;
use super::dom::{NodeMap, elements_named};
use super::flatten::{Block, Flattened, class_weight};
use crate::extract::HEADLINE_WORDS;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

/// The story as found: its containers and its paragraphs.
pub(super) struct Story {
    pub(super) roots: Vec<NodeId>,
    pub(super) paragraphs: Vec<String>,
}

/// The article body of a page.
pub(super) fn story(doc: &Html, body: NodeRef<'_, Node>, flat: &Flattened) -> Story {
    let roots = widened_to_main(doc, content_roots(doc, body, flat), flat);
    let mut paragraphs = Vec::new();
    for root in &roots {
        // The root's blocks are one run of the page's blocks.
        let Some(t) = flat.totals.get(&root.id()) else {
            continue;
        };
        let run = &flat.blocks[t.first_block..t.first_block + t.blocks];
        let mut announced = false;
        // A heading kept, and whether blocks under it were left out since.
        let mut heading: Option<(usize, bool)> = None;
        for b in run {
            let item = in_list_item(doc, b);
            let kept = if keep_block(b) {
                // "Many patches were sent for review:" announces the list
                // after it, whose entries are links and still the story.
                // An entry of the announced list keeps it announced.
                announced = if item {
                    announced
                } else {
                    b.text.ends_with(':')
                };
                true
            } else if announced && item && !b.boiler {
                true
            } else {
                announced = false;
                if let Some((_, left_out)) = &mut heading {
                    *left_out = true;
                }
                false
            };
            if !kept {
                continue;
            }
            let is_heading = is_heading(b);
            if is_heading {
                drop_bare_heading(&mut paragraphs, heading);
            }
            heading = is_heading.then_some((paragraphs.len(), false));
            paragraphs.push(b.text.clone());
        }
        drop_bare_heading(&mut paragraphs, heading);
    }
    Story {
        roots: roots.iter().map(|r| r.id()).collect(),
        paragraphs: without_repeats(paragraphs),
    }
}

/// Share of a text's words the body must already hold for the text to
/// count as shown on the page: a shop's JSON-LD description rewords its
/// visible one, so half is "shown" (`scripts/eval-wcxb`, product pages).
const SHOWN_SHARE: f64 = 0.5;

/// Adds a text the page holds outside its markup (a product's description
/// in its JSON-LD) when the body does not already show most of its words.
pub(super) fn add_missing(paragraphs: &mut Vec<String>, text: String) {
    let shown: std::collections::HashSet<String> = paragraphs
        .iter()
        .flat_map(|p| p.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let present = words.iter().filter(|w| shown.contains(*w)).count();
    if !words.is_empty() && (present as f64) < SHOWN_SHARE * words.len() as f64 {
        paragraphs.push(text);
    }
}

/// A story seldom repeats a long paragraph word for word; slideshow
/// captions and sticky teasers do. (Short lines such as list labels may
/// repeat in a real story.)
fn without_repeats(mut paragraphs: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    paragraphs.retain(|p| p.chars().count() < 80 || seen.insert(p.clone()));
    paragraphs
}

/// Below this many words a story is no more than a heading or a blurb, and
/// on a page with more to read the page's own text is the body: the cards
/// of a listing or a shop, a product's tabs, a service page's sections.
/// (100 reads wcxb-dev 0.004 better, but a farm's three-sentence excerpt
/// would then take its clickbait headlines in and stop matching its
/// original.)
const BLURB_WORDS: usize = 50;
/// Below this many words a story may be one section of a page spread over
/// many; the page's running text (without its links) is taken instead.
/// Trades service and documentation pages (whole page) against articles
/// with a short story (the story alone); set on `scripts/eval-wcxb`, held
/// by `scripts/eval-matching --real` (farm excerpts must stay excerpts).
const SECTION_WORDS: usize = 500;
/// The page's text replaces the story only when it is this many times
/// longer: a page with a little more than its story keeps the story.
/// Set on `scripts/eval-wcxb`.
const PAGE_SHARE: usize = 2;
/// Most of a block's text in links: a list entry or a menu, not prose
/// (boilerpipe's and jusText's link-density cut).
const LINK_DENSE: f64 = 0.5;

/// The page's text outside furniture, for a page whose story is too short
/// to be all it has to say. A blurb gives way to every block, headlines of
/// cards included (link-dense blocks of [`HEADLINE_WORDS`] or more); a
/// longer story only to the page's prose, so a farm page with a short
/// excerpt never takes its clickbait lists in as its body.
/// On a page typed as an article only a blurb gives way.
pub(super) fn page_reading(
    doc: &Html,
    story: &[String],
    flat: &Flattened,
    article: bool,
) -> Option<Vec<String>> {
    let story_words = super::words(story);
    if story_words >= SECTION_WORDS || (article && story_words >= BLURB_WORDS) {
        return None;
    }
    // The page's header holds its logo, menus and search (a header of the
    // story itself is inside the story found). An element's blocks are one
    // run of the page's, so each header marks a range.
    let mut in_header = vec![false; flat.blocks.len()];
    for header in elements_named(doc, &["header"]) {
        if let Some(t) = flat.totals.get(&header.id()) {
            let end = (t.first_block + t.blocks).min(in_header.len());
            in_header[t.first_block.min(end)..end].fill(true);
        }
    }
    let headlines = story_words < BLURB_WORDS;
    let page: Vec<String> = flat
        .blocks
        .iter()
        .zip(&in_header)
        .filter(|&(b, &header)| {
            !b.boiler
                && !header
                && (b.link_density() <= LINK_DENSE
                    || (headlines && b.text.split_whitespace().count() >= HEADLINE_WORDS))
        })
        .map(|(b, _)| b.text.clone())
        .collect();
    let page = without_repeats(page);
    (super::words(&page) > story_words * PAGE_SHARE).then_some(page)
}

/// Readability's vote of one paragraph: a base point, one per comma (when
/// `commas` count), and up to three for length.
fn block_score(text: &str, commas: bool) -> f64 {
    let commas = if commas {
        text.chars()
            .filter(|c| matches!(c, ',' | '，' | '、'))
            .count()
    } else {
        0
    };
    1.0 + commas as f64 + (text.chars().count() as f64 / 100.0).min(3.0)
}

/// Shorter blocks (bylines, buttons, captions) do not vote: they sit in
/// every column alike. Set with `scripts/eval-extraction` (benchmark
/// articles) and checked on `scripts/eval-wcxb`.
const MIN_VOTING_CHARS: usize = 25;
/// How many ancestors above a paragraph receive its vote: enough to reach
/// the article element through a theme's wrappers, not the page's body.
/// Readability's choice, kept on `scripts/eval-extraction`.
const MAX_VOTE_LEVEL: usize = 5;
/// Runner-up containers scoring this share of the winner's score hint that
/// the story is split; their common ancestor with the winner is the story.
/// Lower, a sidebar of teasers joins the story; higher, a story split by
/// ads loses its second half. Set on `scripts/eval-extraction`, checked on
/// `scripts/eval-wcxb` (article and service pages).
const RUNNER_UP_SHARE: f64 = 0.75;
/// How many runners-up must share an ancestor with the winner: one alone
/// is as often a related box as a second part of the story.
const MIN_RUNNERS_UP: usize = 2;

/// Finds the containers that hold the story, in document order.
fn content_roots<'a>(
    doc: &'a Html,
    body: NodeRef<'a, Node>,
    flat: &Flattened,
) -> Vec<NodeRef<'a, Node>> {
    let scores = votes(doc, flat);
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

/// Readability's votes: each paragraph-like block scores its parent and,
/// less and less, the ancestors above it, so the container holding most
/// of the prose gathers the most.
fn votes(doc: &Html, flat: &Flattened) -> NodeMap<f64> {
    let mut scores: NodeMap<f64> = NodeMap::default();
    for b in &flat.blocks {
        if b.boiler || b.text.chars().count() < MIN_VOTING_CHARS || b.link_density() > 0.5 {
            continue;
        }
        if !matches!(
            b.tag,
            "p" | "pre" | "tr" | "blockquote" | "div" | "section" | "article" | "li" | "dd"
        ) {
            continue;
        }
        // Code counts its length, not its commas: a JSON or CSV listing
        // would outvote the prose around it.
        let s = block_score(&b.text, b.tag != "pre");
        let Some(owner) = doc.tree.get(b.owner) else {
            continue;
        };
        // A text-bearing div is its own container as well as a voter.
        let mut level = if matches!(b.tag, "div" | "section" | "article") {
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
    scores
}

/// Share of the running text of the page's `<main>` below which the story
/// found inside it is one section of many: service and landing pages
/// spread their content over many sibling sections, each too small to win.
const MAIN_SHARE: usize = 3;

/// The page's `<main>` (or `role="main"`) element instead of the roots found
/// inside it, when they hold less than a third of its running text.
fn widened_to_main<'a>(
    doc: &'a Html,
    roots: Vec<NodeRef<'a, Node>>,
    flat: &Flattened,
) -> Vec<NodeRef<'a, Node>> {
    let Some(main) = doc.select(&SEL_MAIN).next().map(|m| *m) else {
        return roots;
    };
    let good = |n: &NodeRef<'_, Node>| flat.totals.get(&n.id()).map_or(0, |t| t.good_chars);
    let inside = roots
        .iter()
        .all(|r| r.ancestors().take(MAX_CLIMB).any(|a| a.id() == main.id()));
    let held: usize = roots.iter().map(good).sum();
    if inside && held * MAIN_SHARE < good(&main) {
        vec![main]
    } else {
        roots
    }
}

static SEL_MAIN: std::sync::LazyLock<scraper::Selector> = std::sync::LazyLock::new(|| {
    scraper::Selector::parse("main, [role='main']").expect("valid built-in selector")
});

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
        // Good text is counted when its block ends, which can be after an
        // inline element around part of it closed: saturate.
        let other = next
            .chars
            .saturating_sub(next.good_chars)
            .saturating_sub(now.chars.saturating_sub(now.good_chars));
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

/// A block ending as a sentence, or announcing what follows with a colon
/// ("Many patches were sent for review:"): prose, however short. (In saved
/// text a line ending with a colon is a label, so the text reader asks
/// only for the sentence.)
fn ends_sentence_or_colon(text: &str) -> bool {
    crate::script::ends_sentence(text)
        || text
            .trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(':')
}

fn is_heading(b: &Block) -> bool {
    matches!(b.tag, "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Removes the last heading kept when all that stood under it was left out:
/// the "Trending Now" above a list of links is not story text.
fn drop_bare_heading(paragraphs: &mut Vec<String>, heading: Option<(usize, bool)>) {
    if let Some((at, true)) = heading
        && at + 1 == paragraphs.len()
    {
        paragraphs.pop();
    }
}

/// Whether a block is an entry of a list: an `li`, or a block straight
/// inside one (`<li><p><a>...</a></p></li>`).
fn in_list_item(doc: &Html, b: &Block) -> bool {
    b.tag == "li"
        || doc
            .tree
            .get(b.owner)
            .and_then(|n| n.parent())
            .and_then(|p| p.value().as_element().map(|e| e.name() == "li"))
            .unwrap_or(false)
}

/// Blocks shorter than this many words are held to a stricter link
/// density: "Read more on Politics" is a link with words around it.
const SHORT_BLOCK_WORDS: usize = 10;
/// Link density a short block may carry: a third, so one linked name in a
/// short sentence stays and a linked teaser goes.
const SHORT_BLOCK_LINK_DENSITY: f64 = 0.34;
/// A block this long (in words or characters) is text, not a label, even
/// without a full stop (a subtitle, a list entry). Set with the two above
/// on `scripts/eval-extraction`, checked on `scripts/eval-wcxb`.
const TEXT_WORDS: usize = 5;
const TEXT_CHARS: usize = 30;

/// Whether a block inside the chosen container is story text.
fn keep_block(b: &Block) -> bool {
    if b.boiler || b.tag == "h1" {
        return false;
    }
    let words = b.text.split_whitespace().count();
    let heading = is_heading(b);
    let max_density = if words < SHORT_BLOCK_WORDS {
        SHORT_BLOCK_LINK_DENSITY
    } else {
        LINK_DENSE
    };
    if b.link_density() > max_density {
        return false;
    }
    if is_photo_caption(&b.text) {
        return false;
    }
    // A code block is content however short: `npm install twilio`.
    let code = b.tag == "pre";
    heading
        || code
        || words >= TEXT_WORDS
        || ends_sentence_or_colon(&b.text)
        || b.text.chars().count() >= TEXT_CHARS
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::html::fixtures::{PAGE, body};
    use crate::extract::html::flatten::flatten;
    use crate::extract::html::{extract, parse, sel};

    /// A block of `text` under a `tag`, `link_chars` of it in links.
    fn block(tag: &'static str, text: &str, link_chars: usize) -> Block {
        Block {
            owner: Html::new_document().tree.root().id(),
            tag,
            text: text.to_string(),
            chars: text.chars().filter(|c| !c.is_whitespace()).count(),
            link_chars,
            boiler: false,
        }
    }

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn the_story_is_the_container_where_the_prose_votes_gather() {
        let prose: String = (0..4)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} of the story, with a clause or two, as stories have them.</p>"
                )
            })
            .collect();
        let page = format!(
            r#"<html><body><div id="side"><p>A teaser for another story, with one comma.</p></div><div id="story">{prose}</div></body></html>"#
        );
        let doc = parse(&page);
        let flat = flatten(body(&doc), None);
        let found = story(&doc, body(&doc), &flat);
        let container = doc.select(&sel("#story")).next().expect("the story");
        assert_eq!(found.roots, [container.id()]);
        assert_eq!(found.paragraphs.len(), 4, "{:?}", found.paragraphs);
    }

    #[test]
    fn a_text_is_added_only_when_the_body_does_not_show_most_of_its_words() {
        let mut paragraphs = strings(&["Lightweight shorts with a zip pocket"]);
        add_missing(
            &mut paragraphs,
            "Lightweight SHORTS with a zip pocket for runners".into(),
        );
        assert_eq!(paragraphs.len(), 1);
        let new = "A seven inch inseam and quick dry fabric";
        add_missing(&mut paragraphs, new.into());
        assert_eq!(
            paragraphs,
            strings(&["Lightweight shorts with a zip pocket", new])
        );
    }

    #[test]
    fn a_long_paragraph_is_kept_once_but_a_short_line_may_repeat() {
        let long =
            "A sticky teaser that the page repeats after every second paragraph of the story.";
        let kept = without_repeats(strings(&["Step one", long, "Step one", long]));
        assert_eq!(kept, strings(&["Step one", long, "Step one"]));
    }

    #[test]
    fn an_article_with_more_than_a_blurb_is_not_read_as_its_whole_page() {
        let prose: String = (0..10)
            .map(|i| format!("<p>Section {i} of the page says a good deal more than the story does, in words of its own.</p>"))
            .collect();
        let doc = parse(&format!("<html><body>{prose}</body></html>"));
        let flat = flatten(body(&doc), None);
        let story = strings(&[&"word ".repeat(60)]);
        assert!(page_reading(&doc, &story, &flat, false).is_some_and(|p| p.len() == 10));
        assert_eq!(page_reading(&doc, &story, &flat, true), None);
        // A blurb gives way to the page even on an article.
        let blurb = strings(&["A blurb of a few words."]);
        assert!(page_reading(&doc, &blurb, &flat, true).is_some());
    }

    #[test]
    fn commas_add_to_a_blocks_vote_except_in_code() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let text = "Rain, wind, and snow";
        assert!(close(
            block_score(text, true) - block_score(text, false),
            2.0
        ));
        // A point to start with, and a point a hundred characters up to three.
        assert!(close(block_score(&"x".repeat(150), true), 2.5));
        assert!(close(block_score(&"x".repeat(1_000), true), 4.0));
    }

    #[test]
    fn a_photo_credit_caption_is_not_story_text() {
        let said = "The mayor speaks to reporters in Havana on Tuesday.";
        assert!(keep_block(&block("p", said, 0)));
        for credit in [
            "(AP Photo/Ramon Espinosa)",
            "Photo: Jane Doe",
            "Getty Images",
        ] {
            assert!(
                !keep_block(&block("p", &format!("{said} {credit}"), 0)),
                "{credit}"
            );
        }
    }

    #[test]
    fn a_short_label_goes_but_a_short_sentence_or_announcement_stays() {
        assert!(!keep_block(&block("p", "Advertisement", 0)));
        assert!(keep_block(&block("p", "It rained.", 0)));
        assert!(keep_block(&block("p", "Patches sent:", 0)));
        assert!(keep_block(&block("h3", "Background", 0)));
        assert!(keep_block(&block("pre", "ls", 0)));
        // The page's headline is its title, not a paragraph of the story.
        assert!(!keep_block(&block(
            "h1",
            "Storm hits the coast of the island",
            0
        )));
    }

    #[test]
    fn a_short_block_is_held_to_a_stricter_link_density() {
        // A sentence of seven words, 12 of its 31 characters in a link:
        // more than a third, less than half.
        assert!(!keep_block(&block(
            "p",
            "Read more on the budget debate today.",
            12
        )));
        assert!(keep_block(&block(
            "p",
            "Read more on the budget debate today.",
            10
        )));
        // Twelve words, 20 of 52 characters in links: long enough for half.
        let long = "The council said it would read more on the budget debate today.";
        assert!(keep_block(&block("p", long, 20)));
    }

    #[test]
    fn a_heading_goes_when_all_under_it_was_left_out() {
        let mut paragraphs = strings(&["Intro.", "Trending Now"]);
        drop_bare_heading(&mut paragraphs, Some((1, false)));
        assert_eq!(paragraphs.len(), 2);
        drop_bare_heading(&mut paragraphs, Some((0, true)));
        assert_eq!(paragraphs.len(), 2, "a heading with text after it stays");
        drop_bare_heading(&mut paragraphs, Some((1, true)));
        assert_eq!(paragraphs, strings(&["Intro."]));
    }

    #[test]
    fn body_is_the_story_without_menus_or_footer() {
        let e = extract(PAGE);
        assert_eq!(e.paragraphs.len(), 3, "{:?}", e.paragraphs);
        assert!(e.paragraphs[0].starts_with("HAVANA (AP)"));
        assert!(!e.body().contains("Copyright"));
        assert!(!e.body().contains("celebrity"));
    }

    #[test]
    fn a_service_page_spread_over_sections_is_read_whole_from_main() {
        // One long section wins the vote; eight short ones in other
        // columns, each in its own wrapper, hold most of the page's text.
        let long = "Our team plans, installs and maintains solar systems of every size, with a visit each spring. ".repeat(4);
        let short: String = (0..8)
            .map(|i| {
                format!(
                    "<div class=\"col\"><div class=\"card\"><h3>Plan {i}</h3><p>Panels, batteries and a warranty of {i} years, \
                     fitted within a month of <a href=\"/s{i}\">the free survey we offer</a>.</p></div></div>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a><a href=\"/about\">About</a></nav><main>\
             <section><div><div><p>{long}</p></div></div></section><section><div class=\"grid\">{short}</div></section><section><div>{short}</div></section></main>\
             <footer><p>Copyright the company, all rights reserved, contact us for anything at all.</p></footer></body></html>"
        );
        let e = extract(&page);
        assert!(
            e.body().contains("maintains solar systems"),
            "{:?}",
            e.paragraphs
        );
        assert!(
            e.body().contains("warranty of 7 years"),
            "{:?}",
            e.paragraphs
        );
        assert!(!e.body().contains("Copyright"));
    }

    #[test]
    fn a_listing_whose_cards_are_its_content_is_read_whole() {
        // The only paragraph is a one-line blurb; the jobs are cards whose
        // headlines are links.
        let cards: String = (0..12)
            .map(|i| {
                format!(
                    "<li><a href=\"/job/{i}\">Senior backend engineer for payments team {i}</a>\
                     <span>Remote, full time</span></li>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a><a href=\"/jobs\">Jobs</a></nav>\
             <p>These are the newest remote jobs this week.</p><ul class=\"jobs\">{cards}</ul></body></html>"
        );
        let e = extract(&page);
        assert!(e.body().contains("payments team 11"), "{:?}", e.paragraphs);
        assert!(!e.body().contains("Home"), "{:?}", e.paragraphs);
    }

    #[test]
    fn a_list_of_links_the_story_announces_is_part_of_it() {
        let para: String = (0..4)
            .map(|i| format!("<p>The compiler backend made good progress in month {i}, and the test suite now passes on three more targets than before.</p>"))
            .collect();
        let items: String = (0..5)
            .map(|i| {
                // One entry is prose, kept on its own merits; the link
                // entries after it are still the announced list's.
                if i == 1 {
                    "<li><p>Rework the way the backend lays out structures in memory, so that packed types are handled.</p></li>".to_string()
                } else {
                    format!("<li><p><a href=\"/pr/{i}\">Add support for attribute number {i}</a></p></li>")
                }
            })
            .collect();
        let page = format!(
            "<html><body><article>{para}<p>Many patches were sent for review:</p><ul>{items}</ul>{para}</article></body></html>"
        );
        let e = extract(&page);
        assert!(
            e.body().contains("attribute number 4"),
            "{:?}",
            e.paragraphs
        );
    }

    #[test]
    fn a_link_lists_heading_is_not_story_text() {
        let para: String = (0..4)
            .map(|i| format!("<p>The council voted on budget line {i} late on Tuesday, after a long debate about roads and schools.</p>"))
            .collect();
        let links: String = (0..6)
            .map(|i| format!("<li><a href=\"/t{i}\">Celebrity story number {i}</a></li>"))
            .collect();
        let page = format!(
            "<html><body><article><h2>What the budget holds</h2>{para}<h3>Trending Now</h3><ul>{links}</ul></article></body></html>"
        );
        let e = extract(&page);
        assert!(
            e.body().contains("What the budget holds"),
            "{:?}",
            e.paragraphs
        );
        assert!(!e.body().contains("Trending Now"), "{:?}", e.paragraphs);
    }

    #[test]
    fn a_short_excerpt_never_takes_in_the_clickbait_beside_it() {
        // A farm page: an excerpt of three sentences (about 75 words) or
        // six, then lists of headlines that together are longer than it.
        for n in [3, 6] {
            let excerpt: String = (0..n)
                .map(|i| format!("<p>Officials said on Monday that storm {i} had cut power to thousands of homes along the coast and that crews were working through the night.</p>"))
                .collect();
            let junk: String = (0..40)
                .map(|i| format!("<li><a href=\"/r{i}\">You will not believe what this famous actor eats {i}</a></li>"))
                .collect();
            let page = format!(
                "<html><body><div>{excerpt}</div><h3>Related</h3><ul>{junk}</ul>\
                 <p>More stories from around the world for our readers, chosen for you every day.</p></body></html>"
            );
            let e = extract(&page);
            assert!(
                e.body().contains("crews were working"),
                "{n}: {:?}",
                e.paragraphs
            );
            assert!(
                !e.body().contains("famous actor"),
                "{n}: {:?}",
                e.paragraphs
            );
        }
    }
    #[test]
    fn a_short_chinese_or_japanese_excerpt_never_takes_in_the_clickbait_beside_it() {
        // Written without spaces, three paragraphs of a story are three
        // "words" between spaces: the story must be counted by characters
        // or it reads as a blurb and the page's headlines become its body.
        let stories = [
            "政府は月曜日、沿岸部を襲った嵐で数千世帯が停電したと発表した。復旧作業は夜通し続けられている。",
            "政府周一表示，袭击沿海地区的风暴导致数千户家庭停电，抢修人员正在连夜工作，学校将停课一周。",
        ];
        for story in stories {
            let excerpt: String = (0..3).map(|_| format!("<p>{story}</p>")).collect();
            let junk: String = (0..12)
                .map(|i| format!("<li><a href=\"/r{i}\">You will not believe what this famous actor eats {i}</a></li>"))
                .collect();
            let page = format!(
                "<html><body><div class=\"post-content\"><h1>嵐</h1>{excerpt}</div>\
                 <div class=\"hot-list\"><h3>Related</h3><ul>{junk}</ul></div></body></html>"
            );
            let e = extract(&page);
            assert!(e.body().contains(story), "{:?}", e.paragraphs);
            assert!(!e.body().contains("famous actor"), "{:?}", e.paragraphs);
        }
    }
}
