//! Analyze: everything about one page that needs no other page — language,
//! word count, fingerprints, wire credit, junk links, the lede's weekday.
//!
//! The page's markup is dropped here; what survives is small enough to keep
//! for every page of a large corpus.

use crate::corpus::{Page, PageStatus, Source};
use crate::extract::{self, Extracted, PageDates, wire};
use crate::fingerprint::{self, BodyPrint};
pub mod junk;
pub mod lede;

use chrono::NaiveDate;
use junk::JunkTotals;
use lede::LedeWeekday;

/// How much of a body the language detector reads: enough to be sure,
/// bounded so long pages cost no more.
const LANG_PREFIX_CHARS: usize = 1000;

/// What a page's site was read from: the registrable domain of its URL,
/// or the folder it was found in when no URL is known. Written `url` or
/// `folder` in the sites report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum SiteFrom {
    #[default]
    Url,
    Folder,
}

impl SiteFrom {
    /// The word the sites report writes.
    pub(crate) fn name(self) -> &'static str {
        match self {
            SiteFrom::Url => "url",
            SiteFrom::Folder => "folder",
        }
    }
}

/// One page after per-page analysis.
#[derive(Debug, Clone)]
pub struct Analyzed {
    pub source: Source,
    /// Read, or what went wrong reading this page.
    pub status: PageStatus,
    pub url: Option<String>,
    /// The address the page declares for itself (see [`Extracted`]).
    pub canonical: Option<String>,
    /// The page documents who published it (see
    /// [`crate::address::documents_publisher`]): evidence for the original.
    pub documents_publisher: bool,
    pub title: String,
    pub lang: Option<&'static str>,
    pub words: usize,
    pub dates: PageDates,
    /// When the page was fetched (WARC-Date, JSONL `date`), if known.
    pub crawl_date: Option<NaiveDate>,
    /// The input's id for the page (JSON Lines `id`).
    pub id: Option<String>,
    pub print: BodyPrint,
    /// Wire service credited in the body.
    pub wire: Option<&'static str>,
    /// Wire service whose own site this page is on.
    pub wire_site: Option<&'static str>,
    /// The junk-link sizes (`explain` measures again for the items).
    pub junk: JunkTotals,
    pub lede: Option<LedeWeekday>,
    /// Named by `--originals` or read from an index: matched against,
    /// never flagged.
    pub given_original: bool,
    /// Read from an originals index: judged with the corpus, not reported.
    pub from_index: bool,
    /// What the reader noticed that did not stop it reading (see
    /// [`Page::note`]).
    pub note: Option<String>,
}

impl Analyzed {
    /// A page with nothing read from it but its status: the row of a page
    /// that could not be read, or the base that the index and fingerprint
    /// records fill in.
    pub(crate) fn bare(source: Source, status: PageStatus, given_original: bool) -> Self {
        Analyzed {
            source,
            status,
            url: None,
            canonical: None,
            documents_publisher: false,
            title: String::new(),
            lang: None,
            words: 0,
            dates: PageDates::default(),
            crawl_date: None,
            id: None,
            print: BodyPrint::default(),
            wire: None,
            wire_site: None,
            junk: JunkTotals::default(),
            lede: None,
            given_original,
            from_index: false,
            note: None,
        }
    }

    pub(crate) fn is_ok(&self) -> bool {
        self.status.is_ok()
    }

    /// A page's site: the registrable domain of its URL, or, when no URL is
    /// known, the folder it was found in, as the report's `path` names it
    /// (`data/sample/farm`, not `farm`: two corpora's `farm/` folders are
    /// two sites). The second value says which.
    pub(crate) fn site(&self) -> (String, SiteFrom) {
        if let Some(domain) = self.url.as_deref().and_then(crate::address::url_domain) {
            return (domain, SiteFrom::Url);
        }
        // The path is already as the report writes it, so its folder is cut
        // from the text rather than rebuilt from a `Path`.
        let folder = match self.source.path.rsplit_once('/') {
            Some(("", _)) => "/",
            Some((folder, _)) => folder,
            None => ".",
        };
        (folder.to_string(), SiteFrom::Folder)
    }

    /// The addresses that name this page (see [`crate::address::page_identities`]).
    pub(crate) fn identities(&self) -> Vec<String> {
        crate::address::page_identities(self.url.as_deref(), self.canonical.as_deref())
    }

    /// How the reports name this page (the `original` column, the pairs
    /// file): `path` or `path#record`, but a record of standard input by
    /// its own `id` when it has one, since `-#3` joins to nothing.
    pub(crate) fn report_name(&self) -> String {
        match &self.id {
            Some(id) if &*self.source.path == crate::corpus::STDIN_NAME => id.clone(),
            _ => self.source.label(),
        }
    }

    /// Read, but with no article text: nothing to match or measure.
    pub(crate) fn has_no_body(&self) -> bool {
        self.is_ok() && self.words == 0
    }

    pub(crate) fn published(&self) -> Option<NaiveDate> {
        self.dates.published.as_ref().map(|f| f.date)
    }
}

/// ISO 639-3 code of the text's language, or `None` when the detector is unsure.
pub(crate) fn language(body: &str) -> Option<&'static str> {
    let prefix: String = body.chars().take(LANG_PREFIX_CHARS).collect();
    let info = whatlang::detect(&prefix)?;
    info.is_reliable().then(|| info.lang().code())
}

/// Analyzes an extracted page, with dates bounded as its extraction was
/// (the junk measure tells dates from headlines).
pub(crate) fn analyze_extracted(
    page: &Page,
    ex: Extracted,
    given_original: bool,
    today: Option<NaiveDate>,
) -> Analyzed {
    let latest = extract::page_latest(page, today);
    crate::calendar::bounded_by(latest, || measure(page, ex, given_original))
}

fn measure(page: &Page, ex: Extracted, given_original: bool) -> Analyzed {
    let body = ex.body();
    let junk = junk::measure(&ex).totals;
    let lang = language(&body);
    // Each paragraph is normalised once, for its shingles and its
    // rewording features.
    let norms: Vec<String> = ex
        .paragraphs
        .iter()
        .map(|p| fingerprint::normalise(p))
        .collect();
    let reword = crate::content_words::reword_features(&norms, lang);
    Analyzed {
        source: page.source.clone(),
        status: PageStatus::Ok,
        wire: wire::credited(&body),
        wire_site: ex.url.as_deref().and_then(wire::service_for_url),
        lang,
        words: crate::script::count_words(&body),
        print: fingerprint::fingerprint_normalised(&norms).with_reword(reword),
        lede: lede::lede_weekday(&ex.paragraphs),
        documents_publisher: crate::address::documents_publisher(
            ex.url.as_deref(),
            ex.canonical.as_deref(),
            ex.publisher.as_deref(),
        ),
        url: ex.url,
        canonical: ex.canonical,
        title: ex.title,
        dates: ex.dates,
        crawl_date: page.crawl_date,
        id: page.id.clone(),
        junk,
        given_original,
        from_index: false,
        note: page.note.clone(),
    }
}

/// Extracts and analyzes one page; `today` as [`extract::extract`] takes it.
pub fn analyze(page: &Page, given_original: bool, today: Option<NaiveDate>) -> Analyzed {
    analyze_extracted(page, extract::extract(page, today), given_original, today)
}
