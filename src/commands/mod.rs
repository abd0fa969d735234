//! The commands: each turns parsed arguments into a run and an exit code.

pub(crate) mod check;
pub(crate) mod distributed;
pub(crate) mod explain;
pub(crate) mod extract;
pub(crate) mod fingerprint;
pub(crate) mod index;
pub(crate) mod judge;
pub(crate) mod scan;
pub(crate) mod settings;

use crate::cli::{Cli, Command};

/// Exit codes every command uses.
pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_OVER_BOUND: i32 = 1;
pub(crate) const EXIT_ERROR: i32 = 2;

/// The command line, whole: Ctrl-C handling, the arguments (the program's
/// name first), the command and its exit code. The binary is this; so is
/// the `farmscan` script of the Python package.
pub fn main(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    // Ctrl-C: leave no half-written report behind, and say so.
    let _ = ctrlc::set_handler(|| {
        crate::atomic_file::remove_unfinished();
        eprintln!("farmscan: interrupted; no report was written");
        std::process::exit(130);
    });
    use clap::Parser;
    run(Cli::parse_from(args))
}

/// Runs a command; errors are printed here, once, as `farmscan: ...`.
pub(crate) fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Scan(a) => scan::run(&a).map(|_| EXIT_OK),
        Command::Check(a) => check::run(&a),
        Command::Extract(a) => extract::run(&a).map(|_| EXIT_OK),
        Command::Explain(a) => explain::run(&a).map(|_| EXIT_OK),
        Command::Index(c) => index::run(&c).map(|_| EXIT_OK),
        Command::Fingerprint(a) => fingerprint::run(&a).map(|_| EXIT_OK),
        Command::Judge(a) => judge::run(&a).map(|_| EXIT_OK),
        Command::Settings => print_out(&settings::text()).map(|_| EXIT_OK),
        Command::Distributed(a) => distributed::run(&a).map(|_| EXIT_OK),
    };
    result.unwrap_or_else(|e| {
        eprintln!("farmscan: {e}");
        EXIT_ERROR
    })
}

/// What a failed write means for the run: a closed pipe (`| head`) ends the
/// output quietly, as Unix tools do; anything else (a full disk) is an
/// error naming the output.
pub(crate) fn written(
    result: std::io::Result<()>,
    output: Option<&std::path::Path>,
) -> Result<(), String> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write {}: {e}", output_name(output))),
        Ok(()) => Ok(()),
    }
}

/// An output as the user named it: a path, or standard output for none or `-`.
pub(crate) fn output_name(output: Option<&std::path::Path>) -> String {
    match output {
        Some(p) if p.as_os_str() != "-" => p.display().to_string(),
        _ => "to standard output".to_string(),
    }
}

/// Prints a command's text on standard output; see [`written`].
pub(crate) fn print_out(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    written(
        out.write_all(text.as_bytes()).and_then(|_| out.flush()),
        None,
    )
}

/// Sets the worker count for this process's parallel stages.
pub(crate) fn set_jobs(jobs: &crate::cli::Jobs) -> Result<(), String> {
    if let Some(n) = jobs.jobs {
        // More threads than this only cost start-up time and memory: the
        // work is CPU-bound.
        const MAX_JOBS: usize = 1024;
        if n == 0 || n > MAX_JOBS {
            return Err(format!("-j must be between 1 and {MAX_JOBS}, not {n}"));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    Ok(())
}
