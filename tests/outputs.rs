//! Output that cannot be written: a full disk is a clear error (exit 2), a
//! reader that went away (`| head`) ends the output quietly; never a panic.
#![cfg(target_os = "linux")]

mod common;
use common::sample;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_farmscan"))
}

/// Every command that prints, with arguments that make it print.
fn printing_commands(tag: &str) -> Vec<Vec<String>> {
    let s = sample().display().to_string();
    let page = sample()
        .join("farm/harbor-strike-copy.txt")
        .display()
        .to_string();
    let db = std::env::temp_dir().join(format!("farmscan-outputs-{tag}-{}.db", std::process::id()));
    let db = db.display().to_string();
    let add = bin()
        .args(["index", "add", "--db", &db, &s, "-q"])
        .output()
        .expect("runs");
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    vec![
        vec!["scan".into(), s.clone(), "-q".into()],
        vec!["check".into(), s.clone(), "-q".into()],
        vec!["extract".into(), s.clone()],
        vec!["explain".into(), page],
        vec!["fingerprint".into(), s, "-q".into()],
        vec!["index".into(), "stats".into(), "--db".into(), db],
    ]
}

#[test]
fn a_full_disk_is_an_error_naming_the_output_not_a_panic() {
    for args in printing_commands("full") {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full exists on Linux");
        let out = bin().args(&args).stdout(full).output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("cannot write to standard output"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    for args in printing_commands("pipe") {
        let mut child = bin()
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        // The reader goes away before anything is read.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("cannot write"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
        assert_ne!(out.status.code(), Some(2), "{args:?}: {err}");
    }
}

/// A report far longer than any writer's buffer and than the pipe's own
/// (64 KiB; 3,000 rows make about 230 KB), so that the writer blocks
/// until the reader has gone, and meets the closed pipe in the middle of
/// the rows (where the CSV writer wraps the error), not at the final
/// flush. With 400 rows the whole report could fit the pipe before the
/// reader left, and the old code passed one run in five.
#[test]
fn a_pipe_closed_in_the_middle_of_a_long_report_ends_it_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..3000 {
        common::write(
            dir.path(),
            &format!("site/page-{i:04}.txt"),
            format!("Page {i} of a long corpus: its own words, number {i}, and nothing copied."),
        );
    }
    for format in ["csv", "jsonl"] {
        let mut child = bin()
            .args(["scan", "-q", "--format", format])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts");
        // Read the first line, as `| head -1` does, then go away.
        let mut stdout = child.stdout.take().expect("piped");
        let mut first = [0u8; 64];
        std::io::Read::read_exact(&mut stdout, &mut first).expect("a first line");
        drop(stdout);
        let out = child.wait_with_output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{format}: {err}");
        assert!(err.is_empty(), "{format}: {err}");
    }
}
