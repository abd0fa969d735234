//! Copy matching on fixtures written here: excerpts, edited copies,
//! boilerplate-only overlap, quotations, and the choice of the original.

mod common;
use common::*;
use std::path::Path;

/// Words for invented stories; each story draws its own sentences, so two
/// stories share little more than function words.
const VOCAB: &[&str] = &[
    "harbor",
    "council",
    "engineers",
    "bridge",
    "festival",
    "drought",
    "orchard",
    "museum",
    "vaccine",
    "election",
    "glacier",
    "factory",
    "railway",
    "library",
    "tournament",
    "satellite",
    "vineyard",
    "pipeline",
    "hospital",
    "airport",
    "theater",
    "reservoir",
    "parliament",
    "bakery",
    "mountain",
    "volcano",
    "startup",
    "telescope",
    "ferry",
    "stadium",
    "prison",
    "school",
    "village",
    "market",
    "wildfire",
    "refinery",
    "orchestra",
    "embassy",
    "canal",
    "laboratory",
    "monastery",
    "quarry",
];
const VERBS: &[&str] = &[
    "approved",
    "delayed",
    "expanded",
    "inspected",
    "celebrated",
    "rebuilt",
    "funded",
    "criticized",
    "opened",
    "closed",
    "measured",
    "protected",
    "reported",
    "questioned",
    "restored",
    "planned",
];

/// A deterministic invented story of `paragraphs` paragraphs.
fn story(seed: u64, paragraphs: usize) -> Vec<String> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    (0..paragraphs)
        .map(|_| {
            (0..3)
                .map(|_| {
                    let mut s = format!(
                        "The {} near the {} {} the {} plan",
                        VOCAB[next(VOCAB.len())],
                        VOCAB[next(VOCAB.len())],
                        VERBS[next(VERBS.len())],
                        VOCAB[next(VOCAB.len())]
                    );
                    s.push_str(&format!(
                        " after the {} {} the {} on {} {}.",
                        VOCAB[next(VOCAB.len())],
                        VERBS[next(VERBS.len())],
                        VOCAB[next(VOCAB.len())],
                        ["Monday", "Tuesday", "a cold morning", "the weekend"][next(4)],
                        ["again", "at last", "for the first time", "once more"][next(4)]
                    ));
                    s
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn page(
    dir: &Path,
    name: &str,
    title: &str,
    date: &str,
    paras: &[String],
    extra_head: &str,
    after: &str,
) {
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    let head = format!(
        r#"<meta property="article:published_time" content="{date}T08:00:00Z">{extra_head}"#
    );
    write(dir, name, html_page(title, &head, &refs, after));
}

/// Clickbait words that no story above uses.
const BAIT: &[&str] = &[
    "celebrity",
    "diet",
    "secret",
    "wedding",
    "quarterback",
    "lottery",
    "skincare",
    "reunion",
    "millionaire",
    "sitcom",
    "influencer",
    "makeover",
    "tattoo",
    "royal",
    "gadget",
    "horoscope",
];

/// A box of 30 unrelated clickbait headlines, longer than half a story.
fn junk_box(seed: u64) -> String {
    let items: String = (0..30u64)
        .map(|i| {
            let w = |x: u64| BAIT[((x + seed) % BAIT.len() as u64) as usize];
            format!(
                "<li><a href=\"/x{i}\">You will not believe this {} {} and {} story</a></li>",
                w(i),
                w(i / 2 + 5),
                w(i * 3 + 1)
            )
        })
        .collect();
    format!("<div class=\"hot\"><h3>Hot News</h3><ul>{items}</ul></div>")
}

#[test]
fn an_excerpt_of_a_third_is_a_copy_of_the_full_story() {
    let dir = tempfile::tempdir().unwrap();
    let full = story(1, 9);
    page(dir.path(), "orig.html", "Orig", "2024-01-10", &full, "", "");
    page(
        dir.path(),
        "excerpt.html",
        "Excerpt",
        "2024-06-01",
        &full[3..6],
        "",
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    let e = row(&rows, "excerpt.html");
    assert_eq!(e["role"], "copy");
    assert!(e["original"].ends_with("orig.html"));
    assert_eq!(e["similarity"], "1.0");
    assert_eq!(row(&rows, "orig.html")["role"], "original");
}

#[test]
fn an_edited_copy_with_inserted_ad_lines_is_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let full = story(2, 8);
    let mut edited: Vec<String> = full
        .iter()
        .map(|p| {
            // Drop every 15th word and swap one pair per paragraph.
            let mut words: Vec<&str> = p
                .split_whitespace()
                .enumerate()
                .filter(|(i, _)| i % 15 != 7)
                .map(|(_, w)| w)
                .collect();
            words.swap(3, 4);
            words.join(" ")
        })
        .collect();
    edited.insert(
        2,
        "Advertisement: the best mortgage rates in your area, compare offers today.".into(),
    );
    page(dir.path(), "orig.html", "Orig", "2024-01-10", &full, "", "");
    page(
        dir.path(),
        "edited.html",
        "Edited",
        "2024-03-01",
        &edited,
        "",
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    let e = row(&rows, "edited.html");
    assert_eq!(e["role"], "copy");
    let sim: f64 = e["similarity"].parse().unwrap();
    assert!(sim > 0.5 && sim < 0.95, "edits lower the similarity: {sim}");
}

#[test]
fn same_template_and_junk_lists_with_different_stories_are_not_copies() {
    let dir = tempfile::tempdir().unwrap();
    let junk = junk_box(99);
    for (i, seed) in [10u64, 11, 12].iter().enumerate() {
        page(
            dir.path(),
            &format!("farm{i}.html"),
            "Farm",
            "2024-05-01",
            &story(*seed, 6),
            "",
            &junk,
        );
    }
    let rows = scan(&[dir.path()], &[]);
    for r in &rows {
        assert_eq!(r["role"], "unique", "{}", r["path"]);
        assert!(
            r["flags"].contains("junk_links"),
            "the junk is still junk: {}",
            r["path"]
        );
    }
}

#[test]
fn a_site_footer_and_disclaimer_inside_the_body_do_not_make_copies() {
    let dir = tempfile::tempdir().unwrap();
    let disclaimer = "Disclaimer: the information on this site is provided for general interest only and may be changed at any time without notice to readers, so please verify everything yourself before relying on it in any way.".to_string();
    let subscribe = "Subscribe to our newsletter to receive the best stories of the week in your inbox every Friday morning, free of charge and without any advertising.".to_string();
    for (i, seed) in [20u64, 21, 22, 23].iter().enumerate() {
        let mut body = story(*seed, 2);
        body.push(disclaimer.clone());
        body.push(subscribe.clone());
        let canonical = format!(r#"<link rel="canonical" href="https://site.example/story-{i}">"#);
        page(
            dir.path(),
            &format!("p{i}.html"),
            "Site",
            "2024-05-01",
            &body,
            &canonical,
            "",
        );
    }
    let rows = scan(&[dir.path()], &[]);
    assert!(rows.iter().all(|r| r["role"] == "unique"), "{rows:?}");
}

#[test]
fn a_shared_quotation_alone_is_not_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let quote = "\"We will rebuild the harbor wall before the winter storms arrive, whatever it costs,\" the mayor said.".to_string();
    let mut a = story(30, 6);
    a.insert(2, quote.clone());
    let mut b = story(31, 6);
    b.insert(4, quote);
    page(dir.path(), "a.html", "A", "2024-05-01", &a, "", "");
    page(dir.path(), "b.html", "B", "2024-05-02", &b, "", "");
    let rows = scan(&[dir.path()], &[]);
    assert!(rows.iter().all(|r| r["role"] == "unique"), "{rows:?}");
}

#[test]
fn the_original_is_the_clean_earlier_page_even_when_the_farm_claims_an_older_date() {
    let dir = tempfile::tempdir().unwrap();
    let full = story(40, 7);
    page(
        dir.path(),
        "publisher.html",
        "Story",
        "2024-04-01",
        &full,
        "",
        "",
    );
    // The farm backdates its copy, but its junk links give it away.
    page(
        dir.path(),
        "farm.html",
        "Story",
        "2023-01-01",
        &full,
        "",
        &junk_box(41),
    );
    let rows = scan(&[dir.path()], &[]);
    let farm = row(&rows, "farm.html");
    assert_eq!(farm["role"], "copy");
    assert!(farm["original"].ends_with("publisher.html"));
    assert!(farm["flags"].contains("date_mismatch"));
}

#[test]
fn the_wire_services_own_site_is_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut full = story(50, 6);
    full[0] = format!("LONDON (Reuters) - {}", full[0]);
    let home = r#"<link rel="canonical" href="https://www.reuters.com/world/story">"#;
    page(
        dir.path(),
        "a-newspaper.html",
        "Story",
        "2024-04-01",
        &full,
        "",
        "",
    );
    page(
        dir.path(),
        "b-reuters.html",
        "Story",
        "2024-04-01",
        &full,
        home,
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    let paper = row(&rows, "a-newspaper.html");
    assert_eq!(paper["role"], "copy");
    assert!(paper["original"].ends_with("b-reuters.html"));
    assert_eq!(paper["wire"], "Reuters");
}

#[test]
fn every_copy_points_at_the_cluster_original_not_at_another_copy() {
    let dir = tempfile::tempdir().unwrap();
    let full = story(60, 9);
    page(
        dir.path(),
        "orig.html",
        "Story",
        "2024-01-01",
        &full,
        "",
        "",
    );
    page(
        dir.path(),
        "copy1.html",
        "Story",
        "2024-02-01",
        &full,
        "",
        "",
    );
    page(
        dir.path(),
        "copy2.html",
        "Story",
        "2024-03-01",
        &full[..5],
        "",
        "",
    );
    page(
        dir.path(),
        "copy3.html",
        "Story",
        "2024-04-01",
        &full[4..],
        "",
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    for c in ["copy1.html", "copy2.html", "copy3.html"] {
        assert!(row(&rows, c)["original"].ends_with("orig.html"), "{c}");
    }
}

#[test]
fn the_same_page_read_twice_is_one_original_and_one_copy_chosen_by_path() {
    let dir = tempfile::tempdir().unwrap();
    let full = story(70, 5);
    page(dir.path(), "x.html", "Story", "2024-01-01", &full, "", "");
    page(dir.path(), "y.html", "Story", "2024-01-01", &full, "", "");
    let rows = scan(&[dir.path()], &[]);
    assert_eq!(row(&rows, "x.html")["role"], "original");
    assert_eq!(row(&rows, "y.html")["role"], "copy");
}

/// A wire story of our own, told three ways: as the agency wrote it, as a
/// spinner rewords it (synonyms, clauses moved, sentences split, a
/// paragraph cut), and as another outlet reports the same meeting in its
/// own words with the same names and numbers.
const WIRE_STORY: &[&str] = &[
    "BRUSSELS (AP) — European energy ministers agreed on Tuesday to cap the price of natural gas at 180 euros per megawatt hour, ending months of bitter argument over how to shield households from soaring heating bills.",
    "The deal, reached after eleven hours of talks, will take effect in February and can be suspended if supplies run short, Czech industry minister Jozef Sikela told reporters after the meeting.",
    "Germany and the Netherlands had long resisted a cap, warning that tankers carrying liquefied gas would sail to Asian buyers willing to pay more, while Italy, Poland and Greece pressed for a much lower limit.",
    "Traders in Amsterdam said prices had already fallen sharply since the summer peak, when gas briefly cost more than 340 euros, as storage sites across the bloc filled faster than expected.",
    "Environmental groups criticised the agreement, arguing that cheaper gas would slow the switch to wind and solar power and reward countries that had failed to cut their consumption.",
    "The ministers also approved joint purchasing of gas for next winter and faster permits for renewable energy projects, two measures the European Commission had proposed in October.",
];

const SPUN_STORY: &[&str] = &[
    "On Tuesday, energy ministers from across Europe reached agreement to cap natural gas prices at 180 euros per megawatt hour. The accord ends months of fierce dispute over protecting households from rising heating costs.",
    "Czech industry minister Jozef Sikela told journalists following the meeting that the deal, struck after eleven hours of negotiations, will come into force in February and may be suspended should supplies run low.",
    "Warning that vessels carrying liquefied gas would head to Asian buyers ready to pay more, Germany and the Netherlands long opposed a cap. Italy, Poland and Greece, meanwhile, pushed for a far lower ceiling.",
    "The ministers additionally backed joint buying of gas for next winter as well as quicker permits for renewable power projects, two steps proposed by the European Commission in October.",
];

const OTHER_OUTLET: &[&str] = &[
    "After a marathon night in Brussels, Jozef Sikela emerged smiling: the 27 governments had finally settled on a ceiling of 180 euros per megawatt hour for wholesale gas.",
    "For Italy, Poland and Greece it is less than they wanted; they had campaigned for a figure closer to 100 euros. Berlin and The Hague, which fought any limit, won a clause letting the mechanism be switched off.",
    "Heating bills are unlikely to fall soon, economists at two Amsterdam banks cautioned, because contracts for this winter were signed months ago at higher rates.",
    "Climate campaigners staged a small protest outside the council building, holding banners calling the cap a gift to fossil fuel companies.",
    "The cap starts in February. Officials in the European Commission, which drafted a tougher version in October, declined to say whether they considered the outcome a defeat.",
];

#[test]
fn a_spun_copy_is_a_reworded_copy_and_another_outlets_report_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let page = |name: &str, url: &str, date: &str, paras: &[&str], after: &str| {
        let head = format!(
            r#"<link rel="canonical" href="{url}"><meta property="article:published_time" content="{date}">"#
        );
        write(
            dir.path(),
            name,
            html_page("Gas price cap", &head, paras, after),
        );
    };
    page(
        "wire.html",
        "https://wire.example/gas-cap",
        "2022-12-20T08:00:00Z",
        WIRE_STORY,
        "",
    );
    page(
        "spun.html",
        "https://quickfeed.example/gas",
        "2022-12-21T10:00:00Z",
        SPUN_STORY,
        &junk_box(7),
    );
    page(
        "other.html",
        "https://ledger.example/gas",
        "2022-12-20T09:00:00Z",
        OTHER_OUTLET,
        "",
    );
    let rows = scan(&[dir.path()], &[]);
    let spun = row(&rows, "spun.html");
    assert_eq!(spun["role"], "copy");
    assert!(spun["original"].ends_with("wire.html"), "{spun:?}");
    assert_eq!(spun["match"], "reworded");
    assert!(spun["coverage"].parse::<f64>().unwrap() > 0.2, "{spun:?}");
    // Its shingles alone would not make it a copy.
    assert!(spun["similarity"].parse::<f64>().unwrap() < 0.9);
    assert_eq!(row(&rows, "wire.html")["role"], "original");
    let other = row(&rows, "other.html");
    assert_eq!(other["role"], "unique", "{other:?}");
    // explain shows how it matched and the reworded passages beside the
    // original's.
    let out = farmscan()
        .args(["explain"])
        .arg(dir.path().join("spun.html"))
        .arg("--against")
        .arg(dir.path().join("wire.html"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  reworded: "), "{text}");
    assert!(
        text.contains("passages aligned by their content words"),
        "{text}"
    );
    assert!(
        text.contains("| BRUSSELS (AP) — European energy ministers agreed"),
        "{text}"
    );
}
