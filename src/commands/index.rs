//! `farmscan index`: the persistent store of originals.

use crate::cli::{IndexAddArgs, IndexCommand, IndexStatsArgs};
use crate::pipeline;
use crate::store::Store;

pub(crate) fn run(cmd: &IndexCommand) -> Result<(), String> {
    match cmd {
        IndexCommand::Add(a) => add(a),
        IndexCommand::Stats(a) => stats(a),
    }
}

fn add(args: &IndexAddArgs) -> Result<(), String> {
    super::set_jobs(&args.run.jobs)?;
    let (_, cfg) = args.settings.load_on(&args.run.today)?;
    // The pages are read before the index is touched, so that a run that
    // fails (a PATH that does not exist) or finds nothing to add leaves no
    // new, empty index behind for a later scan to accept.
    let loaded = pipeline::load(&args.paths, true, &cfg, args.run.quiet)?;
    let new_index = !args.db.exists();
    if new_index && !loaded.pages.iter().any(crate::store::can_be_original) {
        return Err(format!(
            "nothing to add: no page under the PATHs given has a body to match against ({} read); {} was not created",
            crate::wording::counted(loaded.pages.len(), "page", "pages"),
            args.db.display()
        ));
    }
    let added = Store::open(&args.db, true).and_then(|mut store| store.add(&loaded.pages));
    if added.is_err() && new_index {
        let _ = std::fs::remove_file(&args.db);
    }
    let added = added?;
    super::print_out(&format!(
        "{} pages added to {}, {} already there, {} not usable (error or no body)\n",
        added.added,
        args.db.display(),
        added.present,
        added.unusable
    ))
}

fn stats(args: &IndexStatsArgs) -> Result<(), String> {
    let s = Store::open(&args.db, false)?.stats()?;
    super::print_out(&format!(
        "pages: {}\ncrediting a wire service: {}\npublished: {} to {}\n",
        s.pages,
        s.wire_pages,
        s.earliest.as_deref().unwrap_or("-"),
        s.latest.as_deref().unwrap_or("-")
    ))
}
