//! The `farmscan` binary: parse the command line, run a command, exit with
//! its code (0 success, 1 `check` over its bound, 2 error).

fn main() {
    std::process::exit(farmscan::commands::main(std::env::args_os()));
}
