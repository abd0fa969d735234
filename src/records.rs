//! The fingerprint file: one JSON object per page holding everything that
//! matching and judging need, so pages can be fingerprinted anywhere (a
//! shard on a cluster node) and judged elsewhere with the same rules.

use crate::analyze::Analyzed;
use crate::analyze::junk::JunkTotals;
use crate::analyze::lede::LedeWeekday;
use crate::corpus::Source;
use crate::extract::{FoundDate, PageDates, wire};
use crate::fingerprint::{BodyPrint, Shingle};
use serde::{Deserialize, Serialize};

/// A page's fingerprint record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Record {
    pub path: String,
    pub record: Option<u64>,
    pub status: crate::corpus::PageStatus,
    pub url: Option<String>,
    /// The address the page declares for itself; absent from records
    /// written before it was kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    /// The page documents who published it; absent (false) from records
    /// written before it was kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub documents_publisher: bool,
    /// The site the page belongs to (URL host), for site boilerplate.
    pub site: Option<String>,
    /// The site the sites report and farm reputations count it under
    /// (registrable domain, or the folder when no URL is known).
    pub site_name: String,
    /// Whether its site is a farm, set by a distributed job that tallied
    /// the whole corpus; judged from the records themselves when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub farm_site: Option<bool>,
    pub title: String,
    pub lang: Option<String>,
    pub words: usize,
    pub published: Option<FoundDate>,
    pub modified: Option<FoundDate>,
    /// Every first-publication date field (for the consistency check).
    pub date_fields: Vec<FoundDate>,
    /// The day the page shows readers, when it shows one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shown_date: Option<FoundDate>,
    pub crawl_date: Option<chrono::NaiveDate>,
    /// The input's id for the page (JSON Lines `id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// SimHash as 16 hex digits (JSON numbers cannot hold 64 bits safely).
    pub simhash: String,
    /// Shingle hashes of each paragraph.
    pub paragraphs: Vec<Vec<Shingle>>,
    /// Rewording features of the body (sorted); absent from records
    /// written before they were kept, which then match verbatim only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reword: Vec<Shingle>,
    pub wire: Option<String>,
    pub wire_site: Option<String>,
    pub junk_chars: usize,
    /// Junk link text in the site's own rails; absent from older records.
    #[serde(default)]
    pub rail_chars: usize,
    pub body_chars: usize,
    pub lede_weekday: Option<u32>,
    pub lede_phrase: Option<String>,
    pub given_original: bool,
    /// Set by a distributed job: pages of one group are judged together,
    /// apart from other groups (`judge --by-group`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u64>,
    /// What the reader noticed that did not stop it reading the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl From<&Analyzed> for Record {
    fn from(p: &Analyzed) -> Self {
        Record {
            path: p.source.path.to_string(),
            record: p.source.record,
            status: p.status.clone(),
            url: p.url.clone(),
            canonical: p.canonical.clone(),
            documents_publisher: p.documents_publisher,
            site: p.url.as_deref().and_then(crate::address::url_host),
            site_name: p.site().0,
            farm_site: None,
            title: p.title.clone(),
            lang: p.lang.map(str::to_string),
            words: p.words,
            published: p.dates.published.clone(),
            modified: p.dates.modified.clone(),
            date_fields: p.dates.candidates.clone(),
            shown_date: p.dates.shown.clone(),
            crawl_date: p.crawl_date,
            id: p.id.clone(),
            simhash: format!("{:016x}", p.print.simhash),
            paragraphs: p.print.paragraphs().to_vecs(),
            reword: p.print.reword(),
            wire: p.wire.map(str::to_string),
            wire_site: p.wire_site.map(str::to_string),
            junk_chars: p.junk.junk_chars,
            rail_chars: p.junk.rail_chars,
            body_chars: p.junk.body_chars,
            lede_weekday: p.lede.as_ref().map(|l| l.weekday),
            lede_phrase: p.lede.as_ref().map(|l| l.phrase.clone()),
            given_original: p.given_original,
            group: None,
            note: p.note.clone(),
        }
    }
}

impl From<Record> for Analyzed {
    fn from(r: Record) -> Self {
        let mut p = Analyzed::bare(
            Source {
                path: r.path.into(),
                record: r.record,
            },
            r.status,
            r.given_original,
        );
        p.url = r.url;
        p.canonical = r.canonical;
        p.documents_publisher = r.documents_publisher;
        p.title = r.title;
        p.lang = r
            .lang
            .as_deref()
            .and_then(whatlang::Lang::from_code)
            .map(|l| l.code());
        p.words = r.words;
        p.dates = PageDates {
            published: r.published,
            modified: r.modified,
            candidates: r.date_fields,
            shown: r.shown_date,
        };
        p.crawl_date = r.crawl_date;
        p.id = r.id;
        p.note = r.note;
        p.print = BodyPrint::new(
            u64::from_str_radix(&r.simhash, 16).unwrap_or(0),
            &r.paragraphs,
        )
        .with_reword(r.reword);
        p.wire = r.wire.as_deref().and_then(wire::known);
        p.wire_site = r.wire_site.as_deref().and_then(wire::known);
        p.junk = JunkTotals {
            junk_chars: r.junk_chars,
            rail_chars: r.rail_chars,
            body_chars: r.body_chars,
        };
        p.lede = r
            .lede_weekday
            .zip(r.lede_phrase)
            .map(|(weekday, phrase)| LedeWeekday { weekday, phrase });
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Markup, Page};

    #[test]
    fn a_page_survives_the_round_trip_through_its_record() {
        let page = Page {
            source: Source {
                path: "a.txt".into(),
                record: Some(3),
            },
            markup: Markup::Text,
            text: std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/sample/farm/harbor-strike-copy.txt"
            ))
            .unwrap(),
            url: Some("https://quickfeed.example/1".into()),
            crawl_date: None,
            saved: None,
            note: None,
            id: None,
        };
        let a = crate::analyze::analyze(&page, false, None);
        let json = serde_json::to_string(&Record::from(&a)).unwrap();
        let b: Analyzed = serde_json::from_str::<Record>(&json).unwrap().into();
        assert_eq!(b.source, a.source);
        assert_eq!(b.print.simhash, a.print.simhash);
        assert_eq!(b.print.set(), a.print.set());
        assert_eq!(b.published(), a.published());
        assert_eq!(b.wire, Some("AP"));
        assert_eq!(b.lang, a.lang);
        assert_eq!(b.lede, a.lede);
        assert_eq!(b.junk, a.junk);
    }

    #[test]
    fn the_declared_address_survives_the_record_and_older_records_read_without_it() {
        let page = Page {
            source: Source::file("print.html"),
            markup: Markup::Html,
            text: r#"<html><head><link rel="canonical" href="https://planet.example/storm"></head>
                <body><article><p>A storm cut power to the northern coast of the island on Tuesday.</p></article></body></html>"#
                .into(),
            url: Some("https://planet.example/print/storm".into()),
            crawl_date: None,
            saved: None,
            note: None,
            id: None,
        };
        let a = crate::analyze::analyze(&page, false, None);
        assert_eq!(a.url.as_deref(), Some("https://planet.example/print/storm"));
        let mut json = serde_json::to_value(Record::from(&a)).unwrap();
        let b: Analyzed = serde_json::from_value::<Record>(json.clone())
            .unwrap()
            .into();
        assert_eq!(b.canonical.as_deref(), Some("https://planet.example/storm"));
        json.as_object_mut().unwrap().remove("canonical");
        let older: Analyzed = serde_json::from_value::<Record>(json).unwrap().into();
        assert_eq!(older.canonical, None);
    }
}
