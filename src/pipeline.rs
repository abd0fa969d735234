//! The per-page half of the pipeline — discover, read, extract, analyze —
//! run in parallel with a progress bar. The corpus-wide half is
//! [`crate::judge`].

use crate::analyze::{self, Analyzed};
use crate::config::Config;
use crate::corpus::{self, PageStatus};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The shingles (and rewording features) a scan keeps in memory before
/// it parks the rest on disk. A corpus of a few thousand real pages, about
/// 12 MB of them, never writes the spill file, whose writes and read-backs
/// were 7.5% of the time of such a scan; a corpus of millions parks all but
/// its first pages, and holds this much more than it would.
const HELD_SHINGLE_BYTES: u64 = 32 << 20;

/// The analyzed pages of a corpus, sorted by (path, record).
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub pages: Vec<Analyzed>,
    /// Files under the PATHs that are not pages (unknown kinds, special files).
    pub skipped_files: u64,
    /// Records inside WARC and JSON Lines files that are not pages.
    pub skipped_records: u64,
}

/// A progress bar on stderr, or a hidden one when stderr is not a terminal
/// or the user asked for quiet.
pub(crate) fn progress(len: u64, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} files [{bar:30}] eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar
}

/// Reads and analyzes every page under `paths`. Only a PATH that does not
/// exist is an error; a page that fails becomes a row with its status.
pub(crate) fn load(
    paths: &[PathBuf],
    given_original: bool,
    cfg: &Config,
    quiet: bool,
) -> Result<Loaded, String> {
    let walk = corpus::discover(paths)?;
    if walk.skipped_unknown > 0 && !quiet {
        let more = walk.skipped_unknown - walk.unknown_names.len() as u64;
        eprintln!(
            "farmscan: skipped {} not named as pages ({}, each maybe .gz): {}{}; name a file itself to read it as HTML",
            crate::wording::counted(walk.skipped_unknown, "file", "files"),
            corpus::walk::extension_list(),
            walk.unknown_names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
    if walk.repeated > 0 && !quiet {
        eprintln!(
            "farmscan: {} reached by more than one PATH, read once",
            crate::wording::counted(walk.repeated, "file", "files")
        );
    }
    // Shingles wait on disk until matching asks for them, once the pages
    // held in memory have taken their share; without a temporary folder to
    // write to, they all stay in memory. Which pages are parked depends on
    // the threads' timing, but parking changes where shingles are kept,
    // never what they are.
    let spill = crate::spill::Spill::new().ok().map(std::sync::Arc::new);
    let held = std::sync::atomic::AtomicU64::new(0);
    let (mut pages, skipped_records) = read_corpus(
        &walk,
        cfg.max_bytes,
        quiet,
        |page| {
            let mut analyzed = analyze::analyze(page, given_original, cfg.today);
            if let Some(spill) = &spill {
                let bytes = analyzed.print.held_bytes();
                let before = held.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
                if before + bytes > HELD_SHINGLE_BYTES {
                    analyzed.print.park(spill);
                }
            }
            analyzed
        },
        |source, status| Analyzed::bare(source, status, given_original),
    );
    // Sources are unique (a file reached twice is read once), so an
    // unstable sort gives the one order, without a buffer of half the pages.
    pages.sort_unstable_by(|a, b| a.source.cmp(&b.source));
    // Said whatever --quiet asks: a likely mistake that changes verdicts.
    if let Some(warning) = today_before_crawls(&pages, cfg.today) {
        eprintln!("farmscan: {warning}");
    }
    Ok(Loaded {
        pages,
        skipped_files: walk.skipped_unknown + walk.skipped_special,
        skipped_records,
    })
}

/// A warning when the day of the scan comes before pages were crawled: no
/// page can tell of a day after `--today`, so every date those pages
/// claim after it is taken as a misreading and dropped, and originals may
/// change. The crawl said the pages existed later, so the day is likely a
/// mistake.
fn today_before_crawls(pages: &[Analyzed], today: Option<chrono::NaiveDate>) -> Option<String> {
    let today = today?;
    let later: Vec<chrono::NaiveDate> = pages
        .iter()
        .filter_map(|p| p.crawl_date.filter(|&c| c > today))
        .collect();
    let last = later.iter().max()?;
    Some(format!(
        "--today {today} is before the crawl date of {} (the latest {last}): dates they claim after {today} are read as misreadings and dropped",
        crate::wording::counted(later.len(), "page", "pages")
    ))
}

/// Adds pages named as originals to a corpus's pages, in source order; a
/// page named both ways is kept once, as the original.
pub(crate) fn merge_originals(pages: &mut Vec<Analyzed>, originals: Vec<Analyzed>) {
    pages.extend(originals);
    pages.sort_by(|a, b| {
        a.source
            .cmp(&b.source)
            .then(b.given_original.cmp(&a.given_original))
    });
    pages.dedup_by(|later, earlier| later.source == earlier.source);
}

/// Reads every page a walk found and maps each with `map`, files in
/// parallel and the pages of a large file in parallel batches, with a
/// progress bar unless `quiet`. A page that cannot be read, or whose
/// mapping panics, is handed to `failed` with its status instead: the one
/// reading loop of every command, so each gets the same guards. Results
/// come in the walk's file order, each file's pages in reading order, with
/// how many records of the files were not pages.
pub(crate) fn read_corpus<T: Send>(
    walk: &corpus::walk::Walk,
    max_bytes: u64,
    quiet: bool,
    map: impl Fn(&corpus::Page) -> T + Sync,
    failed: impl Fn(corpus::Source, PageStatus) -> T + Sync,
) -> (Vec<T>, u64) {
    let bar = progress(walk.files.len() as u64, quiet);
    let per_file: Vec<(Vec<T>, u64)> = walk
        .files
        .par_iter()
        .map(|found| {
            if crate::interrupt::asked() {
                return (Vec::new(), 0);
            }
            let rows = map_file(found, max_bytes, &map, &failed);
            bar.inc(1);
            rows
        })
        .collect();
    bar.finish_and_clear();
    let skipped = per_file.iter().map(|(_, n)| n).sum();
    // Sized once: ten million pages grown by doubling would briefly need
    // room for twenty.
    let mut rows = Vec::with_capacity(per_file.iter().map(|(r, _)| r.len()).sum());
    for (file_rows, _) in per_file {
        rows.extend(file_rows);
    }
    (rows, skipped)
}

/// Pages read from one file before they are mapped together: enough to
/// keep both cores busy on one large WARC or JSON Lines file, few enough
/// that the raw pages waiting in memory stay small.
const BATCH: usize = 256;

/// All pages of one file, mapped in parallel batches as they are read.
/// Returns the rows and how many records of the file were not pages.
pub(crate) fn map_file<T: Send>(
    found: &corpus::Discovered,
    max_bytes: u64,
    map: &(impl Fn(&corpus::Page) -> T + Sync),
    failed: &(impl Fn(corpus::Source, PageStatus) -> T + Sync),
) -> (Vec<T>, u64) {
    let mut rows = Vec::new();
    let mut batch: Vec<Result<corpus::Page, corpus::Failure>> = Vec::with_capacity(BATCH);
    let map_batch = |batch: &mut Vec<Result<corpus::Page, corpus::Failure>>, rows: &mut Vec<T>| {
        let mapped: Vec<T> = batch
            .par_drain(..)
            .map(|item| match item {
                Ok(page) => guarded(&page, map, failed),
                Err(f) => failed(f.source, PageStatus::Failed(f.status)),
            })
            .collect();
        rows.extend(mapped);
    };
    let skipped = corpus::read_file(found, max_bytes, &mut |item| {
        if crate::interrupt::asked() {
            return;
        }
        batch.push(item);
        if batch.len() == BATCH {
            map_batch(&mut batch, &mut rows);
        }
    });
    map_batch(&mut batch, &mut rows);
    (rows, skipped)
}

/// Maps a page; a bug on one odd page must not end a long scan: it becomes
/// that page's status, and the panic message is on stderr to report.
fn guarded<T>(
    page: &corpus::Page,
    map: &impl Fn(&corpus::Page) -> T,
    failed: &impl Fn(corpus::Source, PageStatus) -> T,
) -> T {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| map(page))).unwrap_or_else(|_| {
        failed(
            page.source.clone(),
            PageStatus::Failed("internal error while analyzing".into()),
        )
    })
}
