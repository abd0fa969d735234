//! The Python module `farmscan._native`, built into the wheel: the command
//! line behind the package's `farmscan` script, and the scan, extract and
//! explain that `farmscan/__init__.py` wraps. Each call takes the command's
//! own arguments and parses them with the CLI's parser, so Python and the
//! command line accept the same options, give the same messages and reach
//! the same verdicts.

use crate::cli::{Cli, Command};
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

pyo3::create_exception!(
    _native,
    FarmscanError,
    PyException,
    "An error that ends a farmscan run, with the message the command line prints."
);

/// The arguments of one command (without the program's name), parsed as
/// the command line parses them; a bad one is a ValueError with clap's
/// message.
fn parse(argv: Vec<String>) -> PyResult<Command> {
    use clap::Parser;
    let args = std::iter::once("farmscan".to_string()).chain(argv);
    Cli::try_parse_from(args)
        .map(|cli| cli.command)
        .map_err(|e| PyValueError::new_err(e.render().to_string().trim_end().to_string()))
}

/// The worker pool of `jobs` threads, made once per count and kept: a pool
/// made and dropped on every call would start and stop its threads each
/// time, and may still be stopping them when the interpreter exits.
fn pool(jobs: usize) -> Result<std::sync::Arc<rayon::ThreadPool>, String> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    static POOLS: Mutex<Option<HashMap<usize, Arc<rayon::ThreadPool>>>> = Mutex::new(None);
    let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
    let pools = pools.get_or_insert_with(HashMap::new);
    if let Some(p) = pools.get(&jobs) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| format!("cannot start {jobs} worker threads: {e}"))?;
    Ok(pools.entry(jobs).or_insert(Arc::new(p)).clone())
}

/// Runs `work` on a thread of its own with `jobs` workers (rayon's global
/// pool, one per core, when None), the GIL released. Every 50 ms the
/// caller's thread looks for Ctrl-C; on it the run is asked to stop and,
/// once it has, the KeyboardInterrupt is raised.
fn interruptible<T: Send + 'static>(
    py: Python<'_>,
    jobs: Option<usize>,
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> PyResult<T> {
    let pool = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => Some(pool(n).map_err(FarmscanError::new_err)?),
        None => None,
    };
    crate::interrupt::clear();
    let (done, result) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        let value = match pool {
            Some(pool) => pool.install(work),
            None => work(),
        };
        let _ = done.send(value);
    });
    use std::sync::mpsc::RecvTimeoutError;
    let tick = std::time::Duration::from_millis(50);
    let mut result = result;
    loop {
        // The receiver goes into the GIL-free wait and comes back out.
        let (received, back) = py.detach(move || (result.recv_timeout(tick), result));
        result = back;
        match received {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(message)) => return Err(FarmscanError::new_err(message)),
            // The run panicked: its thread ended without a result.
            Err(RecvTimeoutError::Disconnected) => {
                return Err(FarmscanError::new_err(
                    "internal error (a bug: please report it)",
                ));
            }
            Err(RecvTimeoutError::Timeout) => {
                if let Err(interrupted) = py.check_signals() {
                    crate::interrupt::ask();
                    let _ = py.detach(|| handle.join());
                    return Err(interrupted);
                }
            }
        }
    }
}

/// `farmscan scan ARGS`: the page report as Parquet bytes, the typed table
/// `--format parquet` writes.
#[pyfunction]
#[pyo3(signature = (argv, jobs=None))]
fn scan(py: Python<'_>, argv: Vec<String>, jobs: Option<usize>) -> PyResult<Py<PyBytes>> {
    let Command::Scan(args) = parse(argv)? else {
        return Err(PyValueError::new_err("expected the arguments of scan"));
    };
    let bytes = interruptible(py, jobs, move || {
        let scanned = crate::commands::scan::scan(&args, false)?;
        let mut out = Vec::new();
        crate::commands::scan::write_report(&mut out, &scanned, crate::report::Format::Parquet)
            .map_err(|e| format!("cannot write the report: {e}"))?;
        Ok(out)
    })?;
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// `farmscan extract ARGS`: what the command prints.
#[pyfunction]
#[pyo3(signature = (argv, jobs=None))]
fn extract(py: Python<'_>, argv: Vec<String>, jobs: Option<usize>) -> PyResult<String> {
    let Command::Extract(args) = parse(argv)? else {
        return Err(PyValueError::new_err("expected the arguments of extract"));
    };
    let bytes = interruptible(py, jobs, move || {
        let mut out = Vec::new();
        crate::commands::extract::write(&args, &mut out)?;
        Ok(out)
    })?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `farmscan explain ARGS`: the explanation the command prints.
#[pyfunction]
#[pyo3(signature = (argv, jobs=None))]
fn explain(py: Python<'_>, argv: Vec<String>, jobs: Option<usize>) -> PyResult<String> {
    let Command::Explain(args) = parse(argv)? else {
        return Err(PyValueError::new_err("expected the arguments of explain"));
    };
    interruptible(py, jobs, move || crate::commands::explain::text(&args))
}

/// The whole command line, for the package's `farmscan` script: ARGV with
/// the program's name first; returns the exit code.
#[pyfunction]
fn run_cli(py: Python<'_>, argv: Vec<String>) -> i32 {
    py.detach(|| crate::commands::main(argv.into_iter().map(Into::into)))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("FarmscanError", m.py().get_type::<FarmscanError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // The thresholds the command line takes as flags, defined once in
    // `config`: the package's keywords are these names.
    let names: Vec<&str> = crate::config::settings().iter().map(|s| s.name).collect();
    m.add("THRESHOLDS", names)?;
    m.add_function(wrap_pyfunction!(scan, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(run_cli, m)?)?;
    Ok(())
}
