//! `farmscan distributed`: the corpus-wide steps a distributed job runs.
//! The tests play the job's part (number the pages, gather lines by key
//! over a few partitions, label components) and hold the report to scan's.

mod common;
use common::*;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

type Line = (String, String);

/// Runs one step on each partition of the lines gathered by key.
fn step(name: &str, lines: Vec<Line>, flags: &[String]) -> Vec<Line> {
    const PARTITIONS: u64 = 3;
    let mut parts: BTreeMap<u64, String> = BTreeMap::new();
    for (k, v) in lines {
        let part = k.bytes().map(u64::from).sum::<u64>() % PARTITIONS;
        parts
            .entry(part)
            .or_default()
            .push_str(&format!("{k}\t{v}\n"));
    }
    let mut out = Vec::new();
    for text in parts.into_values() {
        let run = farmscan()
            .args(["distributed", name])
            .args(flags)
            .write_stdin(text)
            .output()
            .unwrap();
        assert_ok(&run);
        out.extend(String::from_utf8(run.stdout).unwrap().lines().map(|l| {
            let (k, v) = l.split_once('\t').expect("KEY<TAB>VALUE");
            (k.to_string(), v.to_string())
        }));
    }
    out
}

fn is_page(l: &Line) -> bool {
    l.0.starts_with("page:")
}

fn page_number(l: &Line) -> u64 {
    l.0["page:".len()..].parse().unwrap()
}

/// The job, on `paths`, with farmscan `flags` for every step: the report.
fn distributed_scan(paths: &[&Path], flags: &[&str]) -> Vec<u8> {
    let flags: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
    // The page files as the job shares them out: named one by one, as the
    // walk of the PATHs found them.
    let listed = farmscan()
        .args(["distributed", "files"])
        .args(paths)
        .output()
        .unwrap();
    assert_ok(&listed);
    let files: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    assert!(!files.is_empty());
    let out = farmscan()
        .args(["fingerprint", "-q", "-o", "-"])
        .args(&files)
        .output()
        .unwrap();
    assert_ok(&out);
    let mut records: Vec<(String, i64, String)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            let record = r["record"].as_i64().unwrap_or(-1);
            (
                r["path"].as_str().unwrap().to_string(),
                record,
                l.to_string(),
            )
        })
        .collect();
    records.sort();
    let numbered = records
        .into_iter()
        .enumerate()
        .map(|(n, (_, _, l))| (n.to_string(), l))
        .collect();
    let paragraphs = step("paragraphs", numbered, &flags);
    let (pages, entries): (Vec<Line>, Vec<Line>) = paragraphs.into_iter().partition(is_page);
    let mut input = pages;
    input.extend(step("boilerplate", entries, &flags));
    let (pages, keys): (Vec<Line>, Vec<Line>) =
        step("trim", input, &flags).into_iter().partition(is_page);
    let eligible: u64 = keys
        .iter()
        .filter(|l| l.0 == "eligible")
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(&l.1).unwrap()["eligible"]
                .as_u64()
                .unwrap()
        })
        .sum();
    let mut candidates_flags = flags.clone();
    candidates_flags.extend(["--eligible".to_string(), eligible.to_string()]);
    let keys = keys.into_iter().filter(|l| l.0 != "eligible").collect();
    let pairs = step(
        "passages",
        step("candidates", keys, &candidates_flags),
        &flags,
    );
    let mut input = pages.clone();
    input.extend(pairs);
    let edges = step("verify", step("halves", input, &flags), &flags);
    // Components, by the smallest page number reachable.
    let ends: Vec<(u64, u64)> = edges
        .iter()
        .map(|l| {
            let e = &serde_json::from_str::<serde_json::Value>(&l.1).unwrap()["edge"];
            (e["a"].as_u64().unwrap(), e["b"].as_u64().unwrap())
        })
        .collect();
    let mut label: HashMap<u64, u64> = pages
        .iter()
        .map(|l| (page_number(l), page_number(l)))
        .collect();
    loop {
        let mut changed = false;
        for &(a, b) in &ends {
            let least = label[&a].min(label[&b]);
            for x in [a, b] {
                if label[&x] != least {
                    label.insert(x, least);
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut grouped: Vec<Line> = pages
        .iter()
        .map(|l| (format!("group:{}", label[&page_number(l)]), l.1.clone()))
        .collect();
    grouped.extend(
        ends.iter()
            .zip(&edges)
            .map(|(&(a, _), l)| (format!("group:{}", label[&a]), l.1.clone())),
    );
    let farm_sites = step(
        "farm-sites",
        step("evidence", grouped.clone(), &flags),
        &flags,
    );
    grouped.extend(farm_sites);
    let mut rows = step("judge", grouped, &flags);
    rows.sort_by_key(|l| l.0.parse::<u64>().unwrap());
    let text: String = rows.iter().map(|(k, v)| format!("{k}\t{v}\n")).collect();
    let out = farmscan()
        .args(["distributed", "report"])
        .args(&flags)
        .write_stdin(text)
        .output()
        .unwrap();
    assert_ok(&out);
    out.stdout
}

fn scanned(paths: &[&Path], flags: &[&str]) -> Vec<u8> {
    let out = farmscan()
        .args(["scan", "-q"])
        .args(paths)
        .args(flags)
        .output()
        .unwrap();
    assert_ok(&out);
    out.stdout
}

/// A corpus with what each step decides: a disclaimer one site repeats, a
/// story copied by farm sites (one padded with junk links), an excerpt.
fn farm_corpus(dir: &Path) {
    let words = |seed: usize, n: usize| -> String {
        (0..n)
            .map(|i| format!("w{}", (seed * 7919 + i * 104_729) % 100_003))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let story: Vec<String> = (0..6)
        .map(|i| format!("{}.", words(1000 + i, 40)))
        .collect();
    let disclaimer = format!("{}.", words(5, 30));
    let mut lines = Vec::new();
    let mut page = |url: String, paragraphs: Vec<String>, date: &str| {
        let text = paragraphs.join("\n\n");
        lines.push(serde_json::json!({"url": url, "text": text, "date": date}).to_string());
    };
    page(
        "https://wire.example/story".into(),
        story.clone(),
        "2024-03-01",
    );
    for f in 0..4 {
        let mut body = story.clone();
        body.push(disclaimer.clone());
        page(format!("https://farm.example/copy{f}"), body, "2024-03-05");
        page(
            format!("https://farm.example/own{f}"),
            vec![format!("{}.", words(200 + f, 60)), disclaimer.clone()],
            "2024-03-02",
        );
    }
    let mut rewrite = story[..4].to_vec();
    rewrite.extend((0..2).map(|i| format!("{}.", words(400 + i, 40))));
    page(
        "https://digest.example/rewrite".into(),
        rewrite,
        "2024-03-09",
    );
    for u in 0..5 {
        page(
            format!("https://blog{u}.example/post"),
            vec![format!("{}.", words(300 + u, 80))],
            "2024-02-01",
        );
    }
    write(dir, "corpus.jsonl", lines.join("\n") + "\n");
}

#[test]
fn the_steps_give_the_scan_report_byte_for_byte() {
    let sample = sample();
    assert_eq!(distributed_scan(&[&sample], &[]), scanned(&[&sample], &[]));
    let dir = tempfile::tempdir().unwrap();
    farm_corpus(dir.path());
    let report = distributed_scan(&[dir.path()], &[]);
    assert_eq!(report, scanned(&[dir.path()], &[]));
    assert!(
        rows(&String::from_utf8(report).unwrap())
            .iter()
            .filter(|r| r["role"] == "copy")
            .count()
            >= 4
    );
}

#[test]
fn the_steps_read_the_configuration_and_the_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    farm_corpus(dir.path());
    write(
        dir.path(),
        "farmscan.toml",
        "min_similarity = 0.6\njunk_ratio = 0.8\nstale_days = 3\n",
    );
    let config = dir.path().join("farmscan.toml");
    let config = config.to_str().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let corpus: &Path = &corpus;
    for flags in [
        vec!["--config", config],
        vec!["--config", config, "--min-similarity", "0.9"],
    ] {
        assert_eq!(
            distributed_scan(&[corpus], &flags),
            scanned(&[corpus], &flags),
            "{flags:?}"
        );
    }
    // Two thirds of the rewrite is the story's: a copy at 0.5, not at 0.9.
    let role = |flags: &[&str]| {
        let report = String::from_utf8(distributed_scan(&[corpus], flags)).unwrap();
        rows(&report)
            .into_iter()
            .find(|r| r["url"].contains("digest"))
            .unwrap()["role"]
            .clone()
    };
    assert_eq!(role(&[]), "copy");
    assert_eq!(role(&["--min-similarity", "0.9"]), "unique");
}

#[test]
fn a_site_disclaimer_is_boilerplate_of_that_site_only() {
    let entry = |page: u64, site: &str, story: u64| {
        let site = serde_json::json!(site);
        format!(
            "paragraph:1\t{{\"paragraph\":{{\"page\":{page},\"key\":1,\"site\":{site},\"story\":{story}}}}}\n"
        )
    };
    let text = [
        entry(0, "a.example", 10),
        entry(1, "a.example", 11),
        entry(2, "a.example", 12),
        entry(3, "b.example", 13),
    ]
    .concat();
    let out = farmscan()
        .args(["distributed", "boilerplate"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_ok(&out);
    let marked: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(marked, ["page:0", "page:1", "page:2"]);
}

#[test]
fn a_site_is_a_farm_only_on_enough_evidence() {
    let evidence = |n: usize, farm: usize| -> String {
        (0..n)
            .map(|i| format!("site:s\t{{\"evidence\":{{\"site\":\"s\",\"group\":\"group:{i}\",\"farm\":{}}}}}\n", i < farm))
            .collect()
    };
    let farms = |text: String| {
        let out = farmscan()
            .args(["distributed", "farm-sites"])
            .write_stdin(text)
            .output()
            .unwrap();
        assert_ok(&out);
        String::from_utf8(out.stdout).unwrap().lines().count()
    };
    // Two farm pages of two are weak evidence; forty of fifty are not.
    assert_eq!(farms(evidence(2, 2)), 0);
    assert_eq!(farms(evidence(50, 40)), 50);
}

#[test]
fn candidates_need_the_corpus_count_and_bad_lines_are_errors() {
    farmscan()
        .args(["distributed", "candidates"])
        .write_stdin("key:4\t{\"holder\":{\"page\":0,\"keys\":3}}\n")
        .assert()
        .code(2);
    farmscan()
        .args(["distributed", "trim"])
        .write_stdin("page:0\tnot json\n")
        .assert()
        .code(2);
    farmscan()
        .args(["distributed", "judge", "--max-bytes", "9"])
        .write_stdin("")
        .assert()
        .code(2);
}
