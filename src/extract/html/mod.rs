//! HTML pages: title, canonical URL, dates, the article body and link lists.
//!
//! The body is found the way Readability does it: the page is flattened into
//! text blocks ([`flatten`]), every substantial block votes for its
//! ancestors, and the best container wins, widened to where a split story
//! gathers ([`content`]). Link lists ([`links`]) and the head's metadata and
//! dates ([`meta`]) are read separately. All tree walks are iterative, so
//! deeply nested markup cannot overflow the stack.

mod content;
mod flatten;
mod json_ld;
mod links;
mod meta;
mod page_dates;
pub(crate) use page_dates::meta_name;
mod sanitize;
mod streamed;

use super::{Extracted, squash_whitespace};
use flatten::{Layout, flatten};
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

/// How many levels to look up for an enclosing element (a list, the
/// story's container): bounded so hostile nesting costs linear time.
pub(crate) const MAX_CLIMB: usize = 64;

static SEL_BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("valid built-in selector")
}

/// The visible text of an element: text nodes outside scripts, styles
/// and hidden elements, whitespace collapsed.
fn element_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut skip_depth = 0usize;
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                scraper::Node::Element(e) if skip_depth > 0 || flatten::is_invisible(e) => {
                    skip_depth += 1
                }
                scraper::Node::Text(t) if skip_depth == 0 => {
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
    squash_whitespace(&out)
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

pub(super) fn words(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum()
}

/// Extracts an HTML page.
pub fn extract(html: &str) -> Extracted {
    let mut doc = parse(&sanitize::prepare(html));
    if streamed::may_be_streamed(html) {
        streamed::assemble(&mut doc);
    }
    let meta = meta::read_meta(&doc);
    let body = doc
        .select(&SEL_BODY)
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
    let page_dates = page_dates::read_dates(&page_dates::DateSources {
        doc: &doc,
        meta: &meta,
        scripts: &scripts,
        url: url.as_deref(),
        body,
        blocks: &flat.blocks,
        title: &title,
    });

    Extracted {
        title,
        url,
        paragraphs: story.paragraphs,
        links: links::link_lists(&doc, body, &first.totals, &story.roots),
        dates: page_dates,
    }
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
    fn the_date_beside_an_h2_headline_is_found_when_h1_is_the_logo() {
        let teasers: String = (0..20)
            .map(|i| format!("<p>Teaser number {i} of the site's front column</p>"))
            .collect();
        let page = format!(
            r#"<html><head><title>Forbes on Trump's fortune | Weekly</title>
<meta property="og:title" content="Forbes on Trump's fortune"></head><body>
<h1>Weekly</h1>{teasers}
<h2>Forbes on Trump's fortune</h2><p>A short lead under the headline.</p><h5>23.01.2019</h5>
<p>The interview took place on the tenth floor of his office building in New York, looking out over the river.</p>
</body></html>"#
        );
        let e = extract(&page);
        let p = e.dates.published.expect("a date");
        assert_eq!(
            (p.date.to_string().as_str(), p.rule.to_string().as_str()),
            ("2019-01-23", "text:near-headline")
        );
    }

    /// The first-publication date `extract` reads from a page with this head
    /// and body, with its rule.
    fn published(head: &str, body: &str) -> Option<(String, String)> {
        let page = format!(
            "<html><head>{head}</head><body>{body}<p>{}</p></body></html>",
            "Story text. ".repeat(30)
        );
        extract(&page)
            .dates
            .published
            .map(|f| (f.date.to_string(), f.rule.to_string()))
    }

    #[test]
    fn dates_in_the_long_tail_of_markup() {
        let day = |head: &str, body: &str| published(head, body).map(|(d, _)| d);
        // Dublin Core, http-equiv and capitalised property names.
        assert_eq!(
            day(r#"<meta name="DC.Issued" content="2017-09-01">"#, ""),
            Some("2017-09-01".into())
        );
        assert_eq!(
            day(r#"<meta http-equiv="date" content="2017-09-01">"#, ""),
            Some("2017-09-01".into())
        );
        assert_eq!(
            day(
                r#"<meta property="OG:DatePublished" content="2017-09-01">"#,
                ""
            ),
            Some("2017-09-01".into())
        );
        // A 14-digit timestamp in a field.
        assert_eq!(
            day(r#"<meta name="pubdate" content="20170901123000">"#, ""),
            Some("2017-09-01".into())
        );
        // Microdata on an element that is not <time>.
        assert_eq!(
            published(
                "",
                r#"<span itemprop="datePublished" content="2017-09-01">1 Sept</span>"#
            ),
            Some(("2017-09-01".into(), "itemprop:datePublished".into()))
        );
    }

    #[test]
    fn a_teaser_lists_time_pubdate_dates_another_story() {
        let body = r#"<aside><ul><li><a href="/old">Older story</a> <time pubdate datetime="2019-02-03">3 Feb</time></li></ul></aside>
            <article><h1>Storm</h1><time pubdate datetime="2024-03-05">5 March</time></article>"#;
        assert_eq!(
            published("", body),
            Some(("2024-03-05".into(), "time:pubdate".into()))
        );
    }

    #[test]
    fn the_articles_json_ld_date_beats_the_sites_and_the_modified_date_does_not_win() {
        let ld = r#"<script type="application/ld+json">{"@graph":[
            {"@type":"WebSite","datePublished":"2010-01-01"},
            {"@type":"NewsArticle","datePublished":"2024-03-05T08:00:00Z","dateModified":"2024-06-01T08:00:00Z"}]}</script>"#;
        // The page shows its update day, which only the modified field backs.
        assert_eq!(
            published(ld, "<h1>Storm</h1><p class=\"date\">June 1, 2024</p>"),
            Some(("2024-03-05".into(), "json-ld:datePublished".into()))
        );
    }

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

    #[test]
    fn canonical_url_and_meta_date() {
        let e = extract(PAGE);
        assert_eq!(
            e.url.as_deref(),
            Some("https://planet.example/2024/03/05/storm")
        );
        let p = e.dates.published.unwrap();
        assert_eq!(p.date.to_string(), "2024-03-05");
        assert_eq!(p.rule.to_string(), "meta:article:published_time");
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
    fn a_blog_theme_entry_date_beats_the_updated_time_beside_it() {
        let times = r#"<p><time class="entry-date published" datetime="2019-06-28T11:32:59+02:00">28. Juni 2019</time><time class="updated" datetime="2019-09-26T10:00:00+02:00">26. September 2019</time></p>"#;
        let (day, rule) = published("", times).unwrap();
        assert_eq!(
            (day.as_str(), rule.as_str()),
            ("2019-06-28", "time:pubdate")
        );
        // A time labelled as an update is not the publication, whatever its class.
        let updated = r#"<p><time class="entry-date published" datetime="2024-12-06T11:29:12+00:00">Last Updated: December 6, 2024</time></p>"#;
        let head =
            r#"<meta property="article:published_time" content="2023-10-02T14:21:11+00:00">"#;
        assert_eq!(published(head, updated).unwrap().0, "2023-10-02");
    }

    #[test]
    fn a_url_day_before_the_date_fields_is_the_first_publication() {
        let head = r#"<link rel="canonical" href="https://mag.example/2017/07/12/montauk/"><meta name="datepublished" content="2019-06-17">"#;
        assert_eq!(
            published(head, "").unwrap(),
            ("2017-07-12".into(), "url".into())
        );
        // A URL a day off the field is a time zone, not an edit.
        let close = head.replace("2019-06-17", "2017-07-13");
        assert_eq!(published(&close, "").unwrap().0, "2017-07-13");
    }

    #[test]
    fn a_shown_day_one_off_a_utc_timestamp_does_not_replace_it() {
        let head =
            r#"<meta property="article:published_time" content="2023-11-06T12:00:00+00:00">"#;
        let shown = "<p>5 November 2023</p>";
        assert_eq!(published(head, shown).unwrap().0, "2023-11-06");
    }

    #[test]
    fn publication_times_on_many_days_date_a_list_not_the_page() {
        let comments: String = (19..23)
            .map(|d| format!("<div class=\"comment\"><p>Reply text.</p><time datetime=\"2019-09-{d}T07:30:29Z\" pubdate>{d} septembre</time></div>"))
            .collect();
        let body = format!(
            "<h1>Site</h1><p>Edition du 23 septembre 2019</p><h1>Didier Porte wishes the mayor good health <span>Abonnés</span></h1><p class=\"publication\">Le <time datetime=\"2019-06-28T13:49:45Z\">28 juin 2019</time></p>{comments}"
        );
        let head = "<title>Didier Porte wishes the mayor good health | Chroniques | Site</title>";
        // The headline is found though the title carries the site's name
        // and the heading a label, so the date under it is the page's.
        assert_eq!(
            published(head, &body).unwrap(),
            ("2019-06-28".into(), "text:near-headline".into())
        );
    }

    #[test]
    fn the_picture_path_dates_a_page_with_no_other_date() {
        let head = r#"<meta property="og:image" content="https://eff.example/files/2016/05/04/report.png">"#;
        assert_eq!(
            published(head, "").unwrap(),
            ("2016-05-04".into(), "meta:og:image".into())
        );
        let dated = format!(r#"{head}<meta name="pubdate" content="2016-06-01">"#);
        assert_eq!(published(&dated, "").unwrap().0, "2016-06-01");
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
