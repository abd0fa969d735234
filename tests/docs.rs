//! The words a user reads, held to what the tool does: the README's
//! synopsis, its examples and its tables, and what each command's --help
//! says. A flag added without its line in the README, or an example that
//! stopped working, fails here.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

fn help(command: &[&str]) -> String {
    let out = farmscan().args(command).arg("--help").output().unwrap();
    assert_ok(&out);
    String::from_utf8(out.stdout).unwrap()
}

/// The commands, as the command line names them.
const COMMANDS: &[&[&str]] = &[
    &["scan"],
    &["check"],
    &["extract"],
    &["explain"],
    &["index", "add"],
    &["index", "stats"],
    &["fingerprint"],
    &["judge"],
    &["settings"],
    &["distributed"],
];

/// A command's options, each by its long name, and its short names' long
/// names (`-o` → `--output`); help and version left out.
fn options(command: &[&str]) -> (BTreeSet<String>, BTreeMap<String, String>) {
    let mut longs = BTreeSet::new();
    let mut shorts = BTreeMap::new();
    for line in help(command).lines() {
        // An option's line is indented a little; a description wrapped
        // onto a line that starts with a dash is indented far more.
        let indent = line.len() - line.trim_start().len();
        let line = line.trim_start();
        if !line.starts_with('-') || indent > 6 {
            continue;
        }
        let names = line.split("  ").next().unwrap();
        let flags: Vec<&str> = names
            .split([',', ' '])
            .filter(|t| t.starts_with('-'))
            .collect();
        // Lines of prose that start with a dash (a list of values) name
        // no option.
        let Some(long) = flags.iter().find(|f| f.starts_with("--") && f.len() > 2) else {
            continue;
        };
        let long = long.to_string();
        if long == "--help" || long == "--version" {
            continue;
        }
        for short in flags.iter().filter(|f| !f.starts_with("--")) {
            shorts.insert(short.to_string(), long.clone());
        }
        longs.insert(long);
    }
    (longs, shorts)
}

/// Every `-x` and `--name` in a piece of text.
fn flags_in(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('-') {
        let starts_word = i == 0 || matches!(bytes[i - 1], b' ' | b'[' | b'(' | b'`' | b'|');
        if !starts_word {
            continue;
        }
        let rest = &text[i..];
        let dashes = if rest.starts_with("--") { 2 } else { 1 };
        let name: String = rest[dashes..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        if name.is_empty() || (dashes == 1 && name.len() != 1) {
            continue;
        }
        out.insert(format!("{}{name}", "-".repeat(dashes)));
    }
    out
}

/// The README's synopsis: each command's words and the flags its lines
/// show, `[SETTINGS]` and `[same as scan]` expanded.
fn synopsis() -> BTreeMap<Vec<String>, BTreeSet<String>> {
    let text = readme();
    let block = text.split("## Commands").nth(1).unwrap();
    let block = block.split("```").nth(1).unwrap();
    let (commands, settings) = block.split_once("SETTINGS:").unwrap();
    let settings = flags_in(settings);
    let mut entries: Vec<(Vec<String>, String)> = Vec::new();
    for line in commands.lines() {
        let line = line.split('#').next().unwrap();
        if let Some(rest) = line.strip_prefix("farmscan ") {
            for (k, part) in rest.split(" | ").enumerate() {
                let mut words = part.split_whitespace();
                let mut name = vec![words.next().unwrap().to_string()];
                if name[0] == "index" {
                    name.push(words.next().unwrap().to_string());
                } else if k > 0 {
                    // `| stats --db DB`: a second subcommand of the first.
                    name = vec![entries.last().unwrap().0[0].clone(), name[0].clone()];
                }
                entries.push((name, words.collect::<Vec<_>>().join(" ")));
            }
        } else if let Some(last) = entries.last_mut() {
            last.1.push(' ');
            last.1.push_str(line.trim());
        }
    }
    let mut out = BTreeMap::new();
    for (name, line) in &entries {
        let mut flags = flags_in(line);
        if line.contains("[SETTINGS]") {
            flags.extend(settings.iter().cloned());
        }
        if line.contains("[same as scan]") {
            let scan: &BTreeSet<String> = &out[&vec!["scan".to_string()]];
            flags.extend(scan.iter().cloned());
        }
        out.insert(name.clone(), flags);
    }
    out
}

#[test]
fn the_readme_synopsis_shows_every_option_of_every_command_and_no_other() {
    let synopsis = synopsis();
    let mut wrong = Vec::new();
    for command in COMMANDS {
        if *command == ["distributed"] {
            // A step of the Spark job, documented with it, not for hands.
            continue;
        }
        let key: Vec<String> = command.iter().map(|s| s.to_string()).collect();
        let shown = synopsis
            .get(&key)
            .unwrap_or_else(|| panic!("{command:?} is not in the README's synopsis"));
        let (longs, shorts) = options(command);
        let shown: BTreeSet<String> = shown
            .iter()
            .map(|f| shorts.get(f).cloned().unwrap_or_else(|| f.clone()))
            .collect();
        for missing in longs.difference(&shown) {
            wrong.push(format!(
                "{command:?}: {missing} is in --help, not in the README"
            ));
        }
        for extra in shown.difference(&longs) {
            wrong.push(format!(
                "{command:?}: the README shows {extra}, which --help does not have"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_option_a_help_text_names_is_an_option_of_that_command() {
    for command in COMMANDS {
        // Words as read, not as wrapped onto lines.
        let text = help(command)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (longs, shorts) = options(command);
        for flag in flags_in(&text) {
            let long = shorts.get(&flag).cloned().unwrap_or(flag.clone());
            let own = ["-h", "--help", "-V", "--version"];
            if own.contains(&long.as_str()) || longs.contains(&long) {
                continue;
            }
            // A reference to another command's option says which command.
            let referenced = ["scan ", "check ", "index add "]
                .iter()
                .any(|c| text.contains(&format!("{c}{flag}")));
            assert!(
                referenced,
                "{command:?} --help names {flag}, which it does not take"
            );
        }
    }
}

/// The sample corpus, and a crawl of it as a gzipped WARC, where the
/// README's examples expect them: `crawl/`, `archive/`,
/// `archive-2025-07/`, `batch-0042.warc.gz`.
fn sandbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = |from: &Path, to: &Path| {
        for entry in walkdir::WalkDir::new(from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    };
    copy(&sample(), &dir.path().join("crawl"));
    copy(&sample().join("originals"), &dir.path().join("archive"));
    copy(
        &sample().join("unique"),
        &dir.path().join("archive-2025-07"),
    );
    let mut warc = Vec::new();
    for (i, entry) in std::fs::read_dir(sample().join("farm"))
        .unwrap()
        .enumerate()
    {
        let page = std::fs::read(entry.unwrap().path()).unwrap();
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
        block.extend_from_slice(&page);
        warc.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://farm.example/{i}\r\nWARC-Date: 2025-04-12T00:00:00Z\r\nContent-Length: {}\r\n\r\n",
                block.len()
            )
            .into_bytes(),
        );
        warc.extend(block);
        warc.extend(b"\r\n\r\n");
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, &warc).unwrap();
    std::fs::write(dir.path().join("batch-0042.warc.gz"), gz.finish().unwrap()).unwrap();
    dir
}

/// The `farmscan` command lines of the README's shell examples, each
/// with the comment that says what it does.
fn readme_examples() -> Vec<(String, String)> {
    let text = readme();
    let mut out = Vec::new();
    for (k, block) in text.split("```").enumerate() {
        if k % 2 == 0 || !block.starts_with("sh\n") {
            continue;
        }
        let mut pending = String::new();
        for line in block.lines().skip(1) {
            pending.push_str(line.trim_end_matches('\\').trim_end());
            pending.push(' ');
            if line.ends_with('\\') {
                continue;
            }
            let (command, comment) = match pending.split_once(" # ") {
                Some((c, m)) => (c.trim().to_string(), m.trim().to_string()),
                None => (pending.trim().to_string(), String::new()),
            };
            pending.clear();
            if command.starts_with("farmscan ") {
                out.push((command, comment));
            }
        }
    }
    out
}

#[test]
fn every_readme_example_runs_and_does_what_its_words_say() {
    let dir = sandbox();
    let examples = readme_examples();
    assert!(examples.len() >= 5, "{examples:?}");
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_farmscan"));
    for (command, comment) in &examples {
        let words: Vec<&str> = command.split_whitespace().skip(1).collect();
        let out = std::process::Command::new(&bin)
            .args(&words)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        if words[0] == "check" {
            // The README's own `case`: 0 accepted, 1 over the bound.
            assert!(matches!(code, Some(0 | 1)), "{command}: {stderr}");
            let line: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
            let readme_keys = check_line_keys_in_readme();
            let keys: Vec<&String> = line.as_object().unwrap().keys().collect();
            assert_eq!(keys, readme_keys.iter().collect::<Vec<_>>(), "{command}");
        } else {
            assert_eq!(code, Some(0), "{command}: {stderr}");
        }
        if comment.contains("pages added to originals.db") {
            assert!(
                stdout
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .parse::<u64>()
                    .is_ok()
                    && stdout.contains(" pages added to originals.db, "),
                "{command}: {stdout}"
            );
        }
        if comment.contains("adding again keeps one entry a page") {
            assert!(stdout.contains("already there"), "{stdout}");
        }
        for output in ["-o", "--sites", "--html"] {
            if let Some(i) = words.iter().position(|w| *w == output) {
                let file = dir.path().join(words[i + 1]);
                assert!(file.exists(), "{command}: {} not written", words[i + 1]);
            }
        }
    }
    // The two commands at the very top, with the binary cargo built.
    let out = farmscan()
        .args(["scan", "data/sample"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(ok_rows(&out).len() > 5);
}

/// The keys of the `check` JSON line the README shows, in its order.
fn check_line_keys_in_readme() -> Vec<String> {
    let text = readme();
    let start = text.find("`{\"result\"").unwrap() + 1;
    let example = &text[start..start + text[start..].find('`').unwrap()];
    let example = example.replace("{...}", "{}");
    let value: serde_json::Value = serde_json::from_str(&example).unwrap();
    value.as_object().unwrap().keys().cloned().collect()
}

#[test]
fn the_readme_report_table_lists_the_report_columns_in_order() {
    let text = readme();
    let table = text.split("## The report").nth(1).unwrap();
    let columns: Vec<String> = table
        .lines()
        .skip_while(|l| !l.starts_with("| column"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('`').nth(1).unwrap().to_string())
        .collect();
    let out = farmscan()
        .args(["scan", "-q"])
        .arg(sample())
        .output()
        .unwrap();
    assert_ok(&out);
    let header = String::from_utf8(out.stdout).unwrap();
    let header: Vec<&str> = header.lines().next().unwrap().split(',').collect();
    assert_eq!(columns, header);
}

#[test]
fn the_readme_names_the_fields_extract_writes() {
    let out = farmscan()
        .args(["extract", "--format", "jsonl"])
        .arg(sample().join("farm/harbor-strike-copy.txt"))
        .output()
        .unwrap();
    assert_ok(&out);
    let row: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = readme();
    let extract = &text[text.find("- `extract` prints").unwrap()..];
    let extract = &extract[..extract.find("\n- ").unwrap()];
    for field in ["text", "links", "heading", "items"] {
        assert!(row.to_string().contains(&format!("\"{field}\"")), "{field}");
        assert!(
            extract.contains(&format!("`{field}`")),
            "the README names `{field}`"
        );
    }
}

#[test]
fn the_skip_message_and_the_readme_name_the_same_page_files() {
    let text = readme();
    let table = &text[text.find("| kind | names | one page is |").unwrap()..];
    let documented: BTreeSet<String> = table
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .flat_map(|l| {
            l.split('|')
                .nth(2)
                .unwrap()
                .split('`')
                .filter(|w| w.starts_with('.'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "notes.pdf", "%PDF");
    let out = farmscan().arg("scan").arg(dir.path()).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    let listed = err
        .split_once('(')
        .unwrap()
        .1
        .split_once(", each maybe .gz")
        .unwrap()
        .0;
    let listed: BTreeSet<String> = listed.split(", ").map(str::to_string).collect();
    assert_eq!(listed, documented, "{err}");
    // And each is read: a file of each name is a page, not skipped.
    for ext in &listed {
        write(dir.path(), &format!("x{ext}"), "<p>x</p>");
    }
    let out = farmscan().arg("scan").arg(dir.path()).output().unwrap();
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("skipped 1 file ")
    );
}

#[test]
fn every_help_that_says_dash_is_standard_output_means_it() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("records.jsonl");
    let made = farmscan()
        .args(["fingerprint", "-q", "-o"])
        .arg(&records)
        .arg(sample())
        .output()
        .unwrap();
    assert_ok(&made);
    let s = sample().display().to_string();
    let r = records.display().to_string();
    let runs: BTreeMap<&str, Vec<&str>> = BTreeMap::from([
        ("scan", vec!["scan", "-q", &s]),
        ("check", vec!["check", "-q", "--max-flagged", "100%", &s]),
        ("fingerprint", vec!["fingerprint", "-q", &s]),
        ("judge", vec!["judge", &r]),
        ("distributed", vec!["distributed", "files", &s]),
    ]);
    for command in COMMANDS {
        if !help(command).contains("(\"-\" is stdout)") {
            continue;
        }
        let args = runs
            .get(command[0])
            .unwrap_or_else(|| panic!("{command:?} says \"-\" is stdout: add it here"));
        let out = farmscan().args(args).args(["-o", "-"]).output().unwrap();
        assert_ok(&out);
        assert!(
            !out.stdout.is_empty(),
            "{command:?} -o - wrote nothing on stdout"
        );
    }
}

#[test]
fn the_fingerprint_usage_says_a_path_or_originals_is_needed() {
    let out = farmscan().arg("fingerprint").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let usage = help(&["fingerprint"]);
    assert!(
        usage.contains("farmscan fingerprint [OPTIONS] <PATH>..."),
        "{usage}"
    );
}

#[test]
fn the_python_example_says_what_to_install_for_pandas() {
    let text = readme();
    let python = &text[text.find("## From Python").unwrap()..];
    assert!(python.contains(".to_pandas()"));
    assert!(
        python.contains("farmscan[pandas]"),
        "the README names the extra"
    );
    let pyproject =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("pyproject.toml"))
            .unwrap();
    let extras = pyproject
        .split("[project.optional-dependencies]")
        .nth(1)
        .unwrap();
    let extras = extras.split("\n[").next().unwrap();
    assert!(
        extras
            .lines()
            .any(|l| l.starts_with("pandas = [") && l.contains("\"pandas\"")),
        "pyproject.toml declares the pandas extra"
    );
}
