//! `farmscan fingerprint`: the per-page half of a scan, written as records
//! that `farmscan judge` reads, so it can run on many machines.

use crate::cli::FingerprintArgs;
use crate::pipeline;
use crate::records::Record;

pub(crate) fn run(args: &FingerprintArgs) -> Result<(), String> {
    super::set_jobs(&args.run.jobs)?;
    let (_, cfg) = args.settings.load_on(&args.run.today)?;
    let mut pages = pipeline::load(&args.paths, false, &cfg, args.run.quiet)?.pages;
    if !args.originals.is_empty() {
        let originals = pipeline::load(&args.originals, true, &cfg, args.run.quiet)?;
        pipeline::merge_originals(&mut pages, originals.pages);
    }
    super::written(
        crate::atomic_file::write_atomically(args.output.as_deref(), |w| {
            for p in &pages {
                serde_json::to_writer(&mut *w, &Record::from(p))?;
                w.write_all(b"\n")?;
            }
            Ok(())
        }),
        args.output.as_deref(),
    )
}
