//! `farmscan scan`: the page report.

use crate::analyze::Analyzed;
use crate::cli::ScanArgs;
use crate::judge::{self, Verdict};
use crate::pipeline;
use crate::report;
use crate::report::summary::Summary;
use crate::store::Store;
use std::time::Instant;

/// A finished scan: pages, their verdicts and the summary.
pub(crate) struct Scanned {
    pub pages: Vec<Analyzed>,
    pub verdicts: Vec<Verdict>,
    pub summary: Summary,
    /// The thresholds the verdicts were reached with.
    pub cfg: crate::config::Config,
}

/// Loads the corpus and the originals, and judges them together;
/// `writes_report` says whether the page report will be written (check
/// writes it only with -o).
pub(crate) fn scan(args: &ScanArgs, writes_report: bool) -> Result<Scanned, String> {
    super::set_jobs(&args.run.jobs)?;
    check_outputs(args, writes_report)?;
    let (file, cfg) = args.settings.load_on(&args.run.today)?;
    let start = Instant::now();
    // Open the index first: a missing or unreadable index is an error before
    // any work is done.
    let store = match &args.index {
        Some(db) => Some(Store::open(db, false)?),
        None => None,
    };
    let mut loaded = pipeline::load(&args.paths, false, &cfg, args.run.quiet)?;
    let originals: Vec<_> = args
        .originals
        .iter()
        .chain(&file.originals)
        .cloned()
        .collect();
    if !originals.is_empty() {
        let originals = pipeline::load(&originals, true, &cfg, args.run.quiet)?;
        loaded.skipped_files += originals.skipped_files;
        loaded.skipped_records += originals.skipped_records;
        pipeline::merge_originals(&mut loaded.pages, originals.pages);
    }
    if let Some(store) = &store {
        let indexed = store.candidates_for(&loaded.pages, &cfg)?;
        loaded.pages.extend(without_twins(indexed, &loaded.pages));
    }
    crate::interrupt::check()?;
    let verdicts = judge::judge(&loaded.pages, &cfg);
    let summary = Summary::new(
        &loaded.pages,
        &verdicts,
        (loaded.skipped_files, loaded.skipped_records),
        start.elapsed().as_secs_f64(),
    );
    Ok(Scanned {
        pages: loaded.pages,
        verdicts,
        summary,
        cfg,
    })
}

/// The indexed pages that are not pages of the batch: a page scanned again
/// after `index add` (the same file, or the same page, by any of its
/// identities, with the same body crawled again) is one page, not a copy
/// of itself.
fn without_twins(
    indexed: Vec<crate::analyze::Analyzed>,
    batch: &[crate::analyze::Analyzed],
) -> Vec<crate::analyze::Analyzed> {
    let sources: std::collections::HashSet<_> = batch.iter().map(|p| &p.source).collect();
    // The same file named another way (`./data` for `data`): its real path.
    let real = |s: &crate::corpus::Source| {
        std::fs::canonicalize(&*s.path)
            .ok()
            .map(|path| (path, s.record))
    };
    let real_sources: std::collections::HashSet<_> =
        batch.iter().filter_map(|p| real(&p.source)).collect();
    let crawled: std::collections::HashSet<(String, u64)> = batch
        .iter()
        .flat_map(|p| p.identities().into_iter().map(|id| (id, p.print.simhash)))
        .collect();
    indexed
        .into_iter()
        .filter(|p| {
            let again = p
                .identities()
                .into_iter()
                .any(|id| crawled.contains(&(id, p.print.simhash)));
            let same_file = sources.contains(&p.source)
                || real(&p.source).is_some_and(|r| real_sources.contains(&r));
            !same_file && !again
        })
        .collect()
}

/// Refuses, before any page is read, outputs that could not be written:
/// two of them on standard output, Parquet on a terminal, or a file in a
/// folder that does not exist.
fn check_outputs(args: &ScanArgs, writes_report: bool) -> Result<(), String> {
    let is_stdout = |p: &std::path::Path| p.as_os_str() == "-";
    let sides = [
        ("--pairs", args.pairs.as_deref()),
        ("--sites", args.sites.as_deref()),
        ("--html", args.html.as_deref()),
    ];
    let mut on_stdout: Vec<&str> = sides
        .iter()
        .filter(|(_, p)| p.is_some_and(is_stdout))
        .map(|(flag, _)| *flag)
        .collect();
    if args.output.as_deref().is_none_or(is_stdout) {
        // For check, standard output holds its JSON summary instead.
        on_stdout.push("the report (or check's summary)");
    }
    if args.format == crate::report::Format::Parquet
        && std::io::IsTerminal::is_terminal(&std::io::stdout())
    {
        let mut binary: Vec<&str> = sides
            .iter()
            // The HTML report is never Parquet.
            .filter(|(flag, p)| *flag != "--html" && p.is_some_and(is_stdout))
            .map(|(flag, _)| *flag)
            .collect();
        if writes_report && args.output.as_deref().is_none_or(is_stdout) {
            binary.push("-o");
        }
        if let Some(flag) = binary.first() {
            return Err(format!(
                "Parquet is binary and standard output is a terminal: give {flag} a file"
            ));
        }
    }
    if on_stdout.len() > 1 {
        return Err(format!(
            "{} would all go to standard output: give all but one of them a file",
            on_stdout.join(" and ")
        ));
    }
    for (flag, path) in [("-o", args.output.as_deref())].into_iter().chain(sides) {
        let Some(path) = path.filter(|p| !is_stdout(p)) else {
            continue;
        };
        let folder = path.parent().filter(|f| !f.as_os_str().is_empty());
        if folder.is_some_and(|f| !f.is_dir()) {
            return Err(format!(
                "cannot write {} ({flag}): folder {} does not exist",
                path.display(),
                folder.map_or(String::new(), |f| f.display().to_string())
            ));
        }
    }
    Ok(())
}

/// Writes the outputs of a finished scan: the report (when `report`), and
/// the sites, HTML and pairs files asked for.
pub(crate) fn write_outputs(args: &ScanArgs, s: &Scanned, report: bool) -> Result<(), String> {
    if report {
        super::written(
            crate::atomic_file::write_atomically(args.output.as_deref(), |w| {
                write_report(w, s, args.format)
            }),
            args.output.as_deref(),
        )?;
    }
    if args.sites.is_some() || args.html.is_some() {
        let sites = crate::report::sites::aggregate(&s.pages, &s.verdicts);
        if let Some(path) = &args.sites {
            super::written(
                crate::atomic_file::write_atomically(Some(path), |w| {
                    report::write_sites(w, &sites, report::side_table(path, args.format))
                }),
                Some(path),
            )?;
        }
        if let Some(path) = &args.html {
            let run = crate::report::html::RunInfo {
                inputs: &args.paths,
                cfg: &s.cfg,
                today: s.cfg.today,
            };
            let page = crate::report::html::render(&s.pages, &s.verdicts, &sites, &s.summary, &run);
            super::written(
                crate::atomic_file::write_atomically(Some(path), |w| w.write_all(page.as_bytes())),
                Some(path),
            )?;
        }
    }
    if let Some(pairs) = &args.pairs {
        super::written(
            crate::atomic_file::write_atomically(Some(pairs), |w| {
                report::write_pairs(
                    w,
                    report::pairs(&s.pages, &s.verdicts),
                    report::side_table(pairs, args.format),
                )
            }),
            Some(pairs),
        )?;
    }
    Ok(())
}

/// Writes the page report of a finished scan: one row per page scanned
/// (indexed originals are not reported).
pub(crate) fn write_report(
    out: &mut dyn std::io::Write,
    s: &Scanned,
    format: report::Format,
) -> std::io::Result<()> {
    let rows = (0..s.pages.len())
        .filter(|&i| !s.pages[i].from_index)
        .map(|i| report::PageRow::new(&s.pages, &s.verdicts, i));
    report::write_pages(out, rows, format)
}

pub(crate) fn run(args: &ScanArgs) -> Result<(), String> {
    let scanned = scan(args, true)?;
    write_outputs(args, &scanned, true)?;
    if !args.run.quiet {
        eprintln!("{}", scanned.summary.line());
    }
    Ok(())
}
