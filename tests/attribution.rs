//! Which page of a cluster is the original, on pages as the web serves them:
//! same-day copies, farm sites, consent dialogs, template pages of one
//! site, partial copies of given originals.

mod common;
use common::*;
use std::path::Path;

/// An invented story of `n` paragraphs of made-up words, its own for each
/// topic: two stories share no three-word run.
fn story(topic: &str, n: usize) -> Vec<String> {
    let mut state = topic.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3)
    }) | 1;
    let mut next = move |k: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % k
    };
    let syllables = [
        "ka", "lo", "mi", "ne", "tu", "ra", "so", "vi", "de", "po", "gu", "ze",
    ];
    (0..n)
        .map(|_| {
            let words: Vec<String> = (0..45)
                .map(|_| (0..3).map(|_| syllables[next(12) as usize]).collect())
                .collect();
            format!("{}.", words.join(" "))
        })
        .collect()
}

fn head(url: &str, published: &str) -> String {
    format!(
        r#"<link rel="canonical" href="{url}"><meta property="article:published_time" content="{published}">"#
    )
}

fn page(dir: &Path, name: &str, url: &str, published: &str, paras: &[String], after: &str) {
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    write(
        dir,
        name,
        html_page(name, &head(url, published), &refs, after),
    );
}

/// Thirty unrelated clickbait headlines: a farm's padding.
fn junk_box() -> String {
    let items: String = (0..30)
        .map(|i| format!("<li><a href=\"/x{i}\">You will not believe celebrity secret number {i} revealed today</a></li>"))
        .collect();
    format!("<div class=\"hot\"><h3>Hot News</h3><ul>{items}</ul></div>")
}

fn explain_against(page: &Path, other: &Path) -> String {
    let out = farmscan()
        .args(["explain"])
        .arg(page)
        .arg("--against")
        .arg(other)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Scans `dir`, checks that `a-copy.html` is judged the copy of
/// `b-orig.html` and the latter an original, and returns what `explain`
/// says of the pair.
fn copy_of_b_explained(dir: &Path) -> String {
    let rows = scan(&[dir], &[]);
    assert_eq!(row(&rows, "b-orig.html")["role"], "original");
    let copy = row(&rows, "a-copy.html");
    assert_eq!(copy["role"], "copy");
    assert!(copy["original"].ends_with("b-orig.html"));
    explain_against(&dir.join("a-copy.html"), &dir.join("b-orig.html"))
}

#[test]
fn a_same_day_copy_stated_later_is_the_copy_and_explain_names_the_time() {
    let dir = tempfile::tempdir().unwrap();
    let body = story("harbor", 6);
    // The copy holds a paragraph more than the original's page yields, so
    // body containment alone would favour it.
    let mut longer = body.clone();
    longer.extend(story("harbor-extra", 1));
    page(
        dir.path(),
        "a-copy.html",
        "https://quickfeed.example/1",
        "2024-03-05T13:00:00Z",
        &longer,
        "",
    );
    page(
        dir.path(),
        "b-orig.html",
        "https://courier.example/1",
        "2024-03-05T08:00:00+00:00",
        &body,
        "",
    );
    let text = copy_of_b_explained(dir.path());
    assert!(text.contains("verdict: this page is the copy"), "{text}");
    assert!(
        text.contains(
            "decided by: both claim the same day and the original states an earlier time"
        ),
        "{text}"
    );
}

#[test]
fn a_same_day_copy_on_a_farm_site_loses_the_tie() {
    let dir = tempfile::tempdir().unwrap();
    let body = story("orchard", 6);
    // Day-only dates tie; the copy's path sorts first.
    page(
        dir.path(),
        "a-copy.html",
        "https://quickfeed.example/s",
        "2024-03-05",
        &body,
        "",
    );
    page(
        dir.path(),
        "b-orig.html",
        "https://courier.example/s",
        "2024-03-05",
        &body,
        "",
    );
    // The copy's site pads its other pages with junk links: eight of its
    // nine pages, enough to be sure it is a farm.
    let topics = [
        "glacier", "railway", "museum", "bakery", "canal", "ferry", "quarry", "abbey",
    ];
    for (i, topic) in topics.iter().enumerate() {
        page(
            dir.path(),
            &format!("farm-{i}.html"),
            &format!("https://quickfeed.example/p{i}"),
            "2024-02-01",
            &story(topic, 5),
            &junk_box(),
        );
    }
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(row(&rows, "b-orig.html")["role"], "original");
    let copy = row(&rows, "a-copy.html");
    assert_eq!(copy["role"], "copy");
    assert!(copy["original"].ends_with("b-orig.html"));
}

#[test]
fn an_original_whose_date_field_is_contradicted_by_its_shown_day_keeps_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let body = story("vineyard", 6);
    // The publisher's JSON-LD was rewritten when the site was rebuilt; the
    // page still shows the day it first ran, before the farm's copy.
    let refs: Vec<&str> = body.iter().map(String::as_str).collect();
    let orig = html_page(
        "Vineyard",
        r#"<link rel="canonical" href="https://courier.example/v"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-06-24"}</script>"#,
        &refs,
        "",
    )
    .replace("<h1>Vineyard</h1>", "<h1>Vineyard</h1><div class=\"post-date\">August 25, 2024</div>");
    write(dir.path(), "orig.html", orig);
    page(
        dir.path(),
        "copy.html",
        "https://quickfeed.example/v",
        "2024-08-26",
        &body,
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    let copy = row(&rows, "copy.html");
    assert_eq!(copy["role"], "copy", "{rows:?}");
    assert!(copy["original"].ends_with("orig.html"));
}

const CONSENT: &str = r#"<div id="onetrust-banner-sdk" class="otFlat"><div class="ot-sdk-container"><div id="onetrust-policy-text">
<p>We and our 977 partners store and access personal data, like browsing data or unique identifiers, on your device. Selecting Allow all enables tracking technologies to support the purposes shown under we and our partners process data to provide.</p>
<p>Selecting Reject all or withdrawing your consent will disable them. If trackers are disabled, some content and ads you see may not be as relevant to you. You can resurface this menu to change your choices or withdraw consent at any time by clicking the privacy link.</p>
<p>We and our partners process data to provide: use precise geolocation data, actively scan device characteristics for identification, store and access information on a device, personalised advertising and content, advertising and content measurement, audience research and services development.</p>
<p>Your choices will have effect within our website; for more details, refer to our privacy policy, where you can read how we and our partners use the data collected and for how long it is kept on each of the devices you use to visit the site.</p>
</div></div></div>"#;

#[test]
fn consent_dialogs_are_not_bodies_and_make_no_copies() {
    let dir = tempfile::tempdir().unwrap();
    for (name, url, topic) in [
        ("news.html", "https://news.example/front", "election"),
        ("recipes.html", "https://recipes.example/dinner", "bakery"),
    ] {
        let paras = story(topic, 2);
        let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
        let html = html_page(name, &head(url, "2024-05-01"), &refs, "")
            .replace("<body>", &format!("<body>{CONSENT}"));
        write(dir.path(), name, html);
    }
    let rows = scan(&[dir.path()], &[]);
    for name in ["news.html", "recipes.html"] {
        assert_eq!(row(&rows, name)["role"], "unique", "{name}");
    }
    let out = farmscan()
        .args(["extract"])
        .arg(dir.path().join("news.html"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&story("election", 2)[0]), "{text}");
    assert!(!text.contains("partners"), "{text}");
}

#[test]
fn template_pages_of_one_site_are_not_copies_and_a_refetch_is_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let intro = story("sofa", 4);
    for (i, topic) in ["armchair", "ottoman"].iter().enumerate() {
        // Category pages: the shop's long buying guide, then their own items.
        let mut paras = intro.clone();
        paras.extend(story(topic, 2));
        page(
            dir.path(),
            &format!("cat-{i}.html"),
            &format!("https://shop.example/cat/{topic}"),
            "2024-01-01",
            &paras,
            "",
        );
    }
    // The same article fetched twice, under one address.
    let body = story("telescope", 5);
    page(
        dir.path(),
        "crawl-1/t.html",
        "https://www.observatory.example/t/",
        "2024-02-02",
        &body,
        "",
    );
    page(
        dir.path(),
        "crawl-2/t.html",
        "http://observatory.example/t",
        "2024-02-02",
        &body,
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    for name in [
        "cat-0.html",
        "cat-1.html",
        "crawl-1/t.html",
        "crawl-2/t.html",
    ] {
        assert_eq!(row(&rows, name)["role"], "unique", "{name}");
    }
}

#[test]
fn a_third_of_a_given_original_makes_a_copy_only_when_the_original_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let wire = story("refinery", 9);
    page(
        &dir.path().join("wire"),
        "feed.html",
        "https://wire.example/r",
        "2024-04-01T06:00:00Z",
        &wire,
        "",
    );
    // Three of its paragraphs among five of the page's own: 3 of 8.
    let mut patch: Vec<String> = wire[2..5].to_vec();
    patch.extend(story("stadium", 5));
    page(
        &dir.path().join("crawl"),
        "patch.html",
        "https://blog.example/p",
        "2024-06-01",
        &patch,
        "",
    );
    let plain = scan(&[&dir.path().join("crawl"), &dir.path().join("wire")], &[]);
    assert_eq!(row(&plain, "patch.html")["role"], "unique");
    let originals = dir.path().join("wire");
    let given = scan(
        &[&dir.path().join("crawl")],
        &["--originals", originals.to_str().unwrap()],
    );
    let p = row(&given, "patch.html");
    assert_eq!(p["role"], "copy");
    assert!(p["flags"].contains("copy"));
}

#[test]
fn a_page_carrying_an_originals_whole_body_is_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    // The publisher's page yields only part of its story: three paragraphs.
    let part = story("railway", 3);
    page(
        dir.path(),
        "orig.html",
        "https://courier.example/r",
        "2024-01-05T09:00:00Z",
        &part,
        "",
    );
    let mut copy = part.clone();
    copy.extend(story("railway-rest", 6));
    page(
        dir.path(),
        "copy.html",
        "https://quickfeed.example/r",
        "2024-09-01",
        &copy,
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    let c = row(&rows, "copy.html");
    assert_eq!(c["role"], "copy");
    assert!(c["original"].ends_with("orig.html"));
    assert_eq!(row(&rows, "orig.html")["role"], "original");
}

#[test]
fn two_pages_of_one_site_with_the_same_short_blurb_are_not_copies() {
    let dir = tempfile::tempdir().unwrap();
    // Where a shop's listing did not render, only its blurb is left.
    let blurb = story("blurb", 1);
    for name in ["books", "music"] {
        page(
            dir.path(),
            &format!("{name}.html"),
            &format!("https://shop.example/best/{name}"),
            "2024-01-01",
            &blurb,
            "",
        );
    }
    let rows = scan(&[dir.path()], &[]);
    for name in ["books.html", "music.html"] {
        assert_eq!(row(&rows, name)["role"], "unique", "{name}");
    }
}

#[test]
fn a_bare_page_stating_an_earlier_hour_does_not_take_the_publishers_story() {
    let dir = tempfile::tempdir().unwrap();
    let body = story("lighthouse", 6);
    let refs: Vec<&str> = body.iter().map(String::as_str).collect();
    // The publisher's page: its own canonical address and an article's
    // structured date with its time and zone.
    let publisher = r#"<link rel="canonical" href="https://courier.example/2024/lighthouse">
        <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-05T08:00:00+00:00","publisher":{"name":"The Courier"}}</script>"#;
    write(
        dir.path(),
        "b-orig.html",
        html_page("Lighthouse", publisher, &refs, ""),
    );
    // A bare page with no address that claims an earlier hour of that day;
    // its name sorts first.
    let bare = r#"<meta property="article:published_time" content="2024-03-05T06:00:00+00:00">"#;
    write(
        dir.path(),
        "a-copy.html",
        html_page("Lighthouse", bare, &refs, ""),
    );
    let text = copy_of_b_explained(dir.path());
    assert!(
        text.contains(
            "decided by: both claim the same day and only the original documents its publisher"
        ),
        "{text}"
    );
}

#[test]
fn a_farm_excerpt_dated_only_by_its_storys_text_is_not_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = story("vineyard", 8);
    // The news the story reports happened on a day its lede names.
    body[0] = format!("On 8 March 2014 the harvest began. {}", body[0]);
    page(
        dir.path(),
        "z-publisher.html",
        "https://weinblatt.example/vineyard",
        "2016-05-10",
        &body,
        "",
    );
    // The farm's excerpt: the first three paragraphs, no date field, its
    // name sorting first.
    let excerpt: Vec<&str> = body[..3].iter().map(String::as_str).collect();
    write(
        dir.path(),
        "a-excerpt.html",
        html_page("Vineyard", "", &excerpt, ""),
    );
    let rows = scan(&[dir.path()], &[]);
    let publisher = row(&rows, "z-publisher.html");
    assert_eq!(publisher["role"], "original");
    assert_eq!(publisher["flags"], "");
    let farm = row(&rows, "a-excerpt.html");
    assert_eq!(farm["role"], "copy");
    assert_eq!(farm["published"], "2014-03-08");
    assert_eq!(farm["published_source"], "text");
    // A guessed date is no evidence that the copy moved its date.
    assert_eq!(farm["date_issue"], "");
}

#[test]
fn a_date_claimed_long_after_the_crawl_is_kept_and_flagged_future() {
    let dir = tempfile::tempdir().unwrap();
    let body = story("comet", 5);
    let refs: Vec<&str> = body.iter().map(String::as_str).collect();
    let head = r#"<meta property="article:published_time" content="2027-06-01T09:00:00Z">"#;
    let html = html_page("Comet", head, &refs, "");
    let line = serde_json::json!({"url": "https://skies.example/comet", "date": "2024-03-05", "html": html});
    write(dir.path(), "crawl.jsonl", format!("{line}\n"));
    let rows = scan(&[dir.path()], &[]);
    let page = row(&rows, "crawl.jsonl");
    assert_eq!(page["published"], "2027-06-01");
    assert_eq!(page["date_issue"], "future");
    assert_eq!(page["flags"], "date_mismatch");
}
