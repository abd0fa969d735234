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
    let mut store = Store::open(&args.db, true)?;
    let loaded = pipeline::load(&args.paths, true, &cfg, args.run.quiet)?;
    let added = store.add(&loaded.pages)?;
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
