//! `farmscan extract`: what was read from each page.

mod common;
use common::*;

#[test]
fn jsonl_has_the_spec_fields() {
    let pages = extract_jsonl(&sample().join("farm/harbor-strike-copy.txt"));
    assert_eq!(pages.len(), 1);
    let p = &pages[0];
    for f in [
        "path",
        "record",
        "url",
        "title",
        "published",
        "lang",
        "text",
        "links",
    ] {
        assert!(p.get(f).is_some(), "missing {f}");
    }
    assert_eq!(p["published"], "2025-06-13");
    assert_eq!(p["dates"]["published"]["rule"], "text:date-line");
    assert_eq!(p["text"].as_str().unwrap().split("\n\n").count(), 7);
    let headings: Vec<&str> = p["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["heading"].as_str().unwrap())
        .collect();
    assert_eq!(headings, ["Related", "Ranking", "Recommendation"]);
}

#[test]
fn html_links_carry_text_and_target() {
    let pages = extract_jsonl(&sample().join("unique/council-budget.html"));
    let lists = pages[0]["links"].as_array().unwrap();
    let related = lists
        .iter()
        .find(|l| l["heading"] == "Related coverage")
        .expect("related box found");
    assert_eq!(related["items"][1]["href"], "/2024/05/20/cedar-pool");
    assert!(
        !pages[0]["text"]
            .as_str()
            .unwrap()
            .contains("Cedar Avenue pool stays closed")
    );
}

#[test]
fn charset_declared_in_meta_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let mut page = b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><p>Le caf\xe9 de la gare a rouvert ses portes ce matin apr\xe8s des travaux.</p></body></html>".to_vec();
    page.extend_from_slice(b"\n");
    write(dir.path(), "latin1.html", page);
    let pages = extract_jsonl(dir.path());
    assert_eq!(pages[0]["title"], "Café");
    assert!(pages[0]["text"].as_str().unwrap().contains("après"));
}

#[test]
fn text_format_is_readable() {
    let out = farmscan()
        .arg("extract")
        .arg(sample().join("originals/harbor-strike.html"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("title: Dock workers walk out at Europe's busiest port"));
    assert!(text.contains("published: 2024-03-04 (meta:article:published_time)"));
    assert!(text.contains("[links] More from World (2 items)"));
}

/// A page in a legacy charset, declared in its markup, comes out as text.
fn roundtrip(encoding: &'static encoding_rs::Encoding, label: &str, title: &str, body: &str) {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<html><head><meta charset=\"{label}\"><title>{title}</title></head><body><p>{body}</p></body></html>"
    );
    let (bytes, _, unmappable) = encoding.encode(&page);
    assert!(!unmappable);
    write(dir.path(), "page.html", bytes);
    let pages = extract_jsonl(dir.path());
    assert_eq!(pages[0]["title"], title);
    assert_eq!(pages[0]["text"], body);
}

#[test]
fn shift_jis_pages_decode() {
    roundtrip(
        encoding_rs::SHIFT_JIS,
        "shift_jis",
        "東京の天気",
        "東京では今日、朝から強い雨が降り続いており、交通機関に大きな影響が出ています。",
    );
}

#[test]
fn gb18030_pages_decode() {
    roundtrip(
        encoding_rs::GB18030,
        "gb18030",
        "北京天气",
        "北京今天全天有雨，气温较低，市民出行请注意安全，并留意交通信息的变化。",
    );
}

#[test]
fn windows_1252_pages_decode() {
    roundtrip(
        encoding_rs::WINDOWS_1252,
        "windows-1252",
        "Caf\u{e9} \u{201c}Libert\u{e9}\u{201d}",
        "Le caf\u{e9} \u{201c}Libert\u{e9}\u{201d} a rouvert ses portes ce matin apr\u{e8}s trois mois de travaux.",
    );
}

#[test]
fn utf16_with_bom_decodes() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><title>Grüße</title></head><body><p>Ein ganz gewöhnlicher Absatz über das Wetter in München heute.</p></body></html>";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in page.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    write(dir.path(), "page.html", bytes);
    let pages = extract_jsonl(dir.path());
    assert_eq!(pages[0]["title"], "Grüße");
    assert!(pages[0]["text"].as_str().unwrap().contains("München"));
}

#[test]
fn title_drops_the_site_name_and_prefers_the_headline() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.html",
        "<html><head><title>Rates rise again | Money Daily</title></head><body><h1>Rates rise again</h1><p>The central bank raised its main rate by a quarter point on Thursday, the third rise this year.</p></body></html>",
    );
    write(
        dir.path(),
        "b.html",
        "<html><head><title>Money Daily - Rates rise again as inflation lingers</title></head><body><p>The central bank raised its main rate by a quarter point on Thursday, the third rise this year.</p></body></html>",
    );
    let pages = extract_jsonl(dir.path());
    assert_eq!(pages[0]["title"], "Rates rise again");
    assert_eq!(pages[1]["title"], "Rates rise again as inflation lingers");
}

#[test]
fn link_lists_outside_and_inside_the_body_container_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><body><nav aria-label=\"Main menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
<div class=\"story\"><p>The central bank raised its main rate by a quarter point on Thursday, the third rise this year, and signalled more to come.</p>\
<p>Economists had expected the move after a run of strong wage figures, but markets still fell in the afternoon.</p>\
<h3>Most read</h3><ol><li><a href=\"/x\">Singer cancels tour after surprise announcement</a></li><li><a href=\"/y\">Ten gadgets you did not know you needed</a></li></ol></div>\
<footer><table><tr><td><a href=\"/about\">About us</a></td><td><a href=\"/jobs\">Jobs</a></td></tr></table></footer></body></html>";
    write(dir.path(), "p.html", page);
    let p = &extract_jsonl(dir.path())[0];
    let lists = p["links"].as_array().unwrap();
    assert_eq!(lists[0]["heading"], "Main menu");
    assert_eq!(lists[0]["items"].as_array().unwrap().len(), 3);
    let most = lists
        .iter()
        .find(|l| l["heading"] == "Most read")
        .expect("list inside the story container");
    assert_eq!(
        most["items"][0]["text"],
        "Singer cancels tour after surprise announcement"
    );
    assert!(!p["text"].as_str().unwrap().contains("Singer cancels"));
}

#[test]
fn tables_and_divs_of_links_are_link_lists() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><body><div class=\"story\"><p>The central bank raised its main rate by a quarter point on Thursday, the third rise this year, and signalled more to come.</p></div>\
<div class=\"promo\"><h4>Trending now</h4><div><a href=\"/1\">Star reveals secret wedding photos</a> <a href=\"/2\">Why everyone is buying this mop</a> <a href=\"/3\">The diet doctors will not tell you about</a></div></div>\
<footer><table><tr><td><a href=\"/about\">About us</a></td><td><a href=\"/jobs\">Jobs</a></td><td><a href=\"/ads\">Advertise</a></td></tr></table></footer></body></html>";
    write(dir.path(), "p.html", page);
    let p = &extract_jsonl(dir.path())[0];
    let lists = p["links"].as_array().unwrap();
    assert_eq!(lists.len(), 2, "{lists:?}");
    assert_eq!(lists[0]["heading"], "Trending now");
    assert_eq!(lists[0]["items"].as_array().unwrap().len(), 3);
    assert_eq!(lists[1]["items"][2]["text"], "Advertise");
}

#[test]
fn right_to_left_text_comes_out_in_logical_order() {
    let dir = tempfile::tempdir().unwrap();
    let para =
        "أعلنت الحكومة يوم الاثنين عن خطة جديدة لبناء عشرين حديقة عامة في العاصمة خلال ثلاث سنوات.";
    write(
        dir.path(),
        "ar.html",
        format!(
            "<html dir=\"rtl\" lang=\"ar\"><body><article><p>{para}</p></article></body></html>"
        ),
    );
    let pages = extract_jsonl(dir.path());
    assert_eq!(
        pages[0]["text"], para,
        "characters in reading order, no reordering or marks added"
    );
    assert_eq!(pages[0]["lang"], "ara");
}
