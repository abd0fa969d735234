//! The `farmscan` binary: parse the command line, run a command, exit with
//! its code (0 success, 1 `check` over its bound, 2 error).

use clap::Parser;

fn main() {
    let cli = farmscan::cli::Cli::parse();
    let code = farmscan::commands::run(cli);
    std::process::exit(code);
}
