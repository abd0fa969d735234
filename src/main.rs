//! The `farmscan` binary: parse the command line, run a command, exit with
//! its code (0 success, 1 `check` over its bound, 2 error).

use clap::Parser;

fn main() {
    // Ctrl-C: leave no half-written report behind, and say so.
    let _ = ctrlc::set_handler(|| {
        farmscan::atomic_file::remove_unfinished();
        eprintln!("farmscan: interrupted; no report was written");
        std::process::exit(130);
    });
    let cli = farmscan::cli::Cli::parse();
    let code = farmscan::commands::run(cli);
    std::process::exit(code);
}
