//! `farmscan judge`: the corpus-wide half of a scan, over the records
//! `farmscan fingerprint` wrote (on one machine or many).

use crate::analyze::Analyzed;
use crate::cli::JudgeArgs;
use crate::judge;
use crate::records::Record;
use crate::report;
use std::io::BufRead;

/// A record as judged: its group, whether its site is a farm when the
/// records say, and the page.
type Judged = (Option<u64>, Option<bool>, Analyzed);

/// Reads fingerprint records; a line that is not a record is an error (the
/// file was written by `fingerprint`, so a bad line means a broken file).
fn read_records(path: &std::path::Path) -> Result<Vec<Judged>, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: {e}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line).map_err(|e| {
            format!(
                "{}:{}: not a fingerprint record: {e}",
                path.display(),
                n + 1
            )
        })?;
        out.push((record.group, record.farm_site, record.into()));
    }
    Ok(out)
}

pub(crate) fn run(args: &JudgeArgs) -> Result<(), String> {
    if args.settings.thresholds.max_bytes.is_some() {
        return Err(
            "--max-bytes caps pages as they are read: give it to fingerprint; judge reads records"
                .into(),
        );
    }
    let (_, mut cfg) = args.settings.load()?;
    cfg.site_boilerplate = !args.trimmed;
    let mut records = Vec::new();
    for f in &args.files {
        records.extend(read_records(f)?);
    }
    if !args.by_group {
        records.iter_mut().for_each(|(g, _, _)| *g = None);
    }
    // Each group judged on its own; rows in (path, record) order overall.
    records.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.source.cmp(&b.2.source)));
    // A page fingerprinted twice (a retried shard given beside the first
    // try) is one page, not a copy of itself.
    let before = records.len();
    records.dedup_by(|a, b| a.0 == b.0 && a.2.source == b.2.source);
    if records.len() < before {
        eprintln!(
            "farmscan: {} records repeated in the input, judged once",
            before - records.len()
        );
    }
    let mut rows = Vec::new();
    for group in records.chunk_by(|a, b| a.0 == b.0) {
        let pages: Vec<Analyzed> = group.iter().map(|(_, _, p)| p.clone()).collect();
        // Site reputations tallied over the whole corpus, when given.
        let farm: Option<Vec<bool>> = group.iter().map(|(_, f, _)| *f).collect();
        let verdicts = judge::judge_with_sites(&pages, &cfg, farm.as_deref());
        rows.extend((0..pages.len()).map(|i| report::PageRow::new(&pages, &verdicts, i)));
    }
    rows.sort_by(|a, b| (&a.path, a.record).cmp(&(&b.path, b.record)));
    let rows = rows.into_iter();
    super::written(
        crate::atomic_file::write_atomically(args.output.as_deref(), |w| {
            report::write_pages(w, rows, args.format)
        }),
        args.output.as_deref(),
    )
}
