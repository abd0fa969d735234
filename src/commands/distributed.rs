//! `farmscan distributed STEP`: the corpus-wide steps of a scan, for a job
//! that spreads a corpus over many machines (the Spark job). The job only
//! moves lines: every line is `KEY<TAB>VALUE`, the job gathers the lines of
//! one key on one machine, and each step reads gathered lines and writes
//! lines for the next gathering. Every decision (boilerplate, SimHash
//! blocks, passage keys, candidate pairs, verification, site reputations,
//! originals and flags) is made here, with the same functions and the same
//! configuration as `scan`, so the job's report is the scan's.
//!
//! Keys: `page:N` gathers page N's items (pages are numbered from 0 in
//! scan's order, by path then record); `group:G` a group of related pages
//! (the job's connected components of the `edge` lines); the others gather
//! what one decision needs (a paragraph's pages, a SimHash block's or a
//! passage key's holders, a pair's two pages, a site's pages).

use crate::analyze::Analyzed;
use crate::cli::DistributedArgs;
use crate::config::Config;
use crate::fingerprint::Shingle;
use crate::judge::{self, Role};
use crate::matching::{Edge, Printed, boilerplate, index};
use crate::records::Record;
use crate::report::{self, Format};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;

/// The steps, in the order a job runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Step {
    /// Reads the FILEs as the PATHs of a scan (walked as `scan` walks
    /// them); writes the page files a scan reads, one path a line, for the
    /// job to share among its workers.
    Files,
    /// Reads `N<TAB>RECORD` lines (fingerprint records numbered in scan's
    /// order); writes each page, and each of its paragraphs under the
    /// paragraph's key.
    Paragraphs,
    /// Reads each paragraph's pages; writes, to each page, its paragraphs
    /// that are its site's boilerplate or the web's.
    Boilerplate,
    /// Reads each page with its boilerplate; writes the page without it,
    /// its SimHash under each block and its passage keys, when it can match
    /// at all, and the count of such pages (`eligible`, summed for
    /// `--eligible`).
    Trim,
    /// Reads each SimHash block's and passage key's holders; writes the
    /// pairs near in SimHash to both pages, and the passage keys each page
    /// shares with others.
    Candidates,
    /// Reads each page's shared passage keys; writes the pairs that share
    /// enough to both pages (with the pairs it is given).
    Passages,
    /// Reads each page with its candidate pairs; writes the page to each pair.
    Halves,
    /// Reads each pair's two pages; writes the pair as an `edge` when the
    /// bodies hold as a copy relation.
    Verify,
    /// Reads each group's pages and edges; writes each page's farm evidence
    /// to its site.
    Evidence,
    /// Reads each site's farm evidence; writes, to each group with a page
    /// of a farm site, the site.
    FarmSites,
    /// Reads each group's pages, edges and farm sites; writes each page's
    /// report row under its page number.
    Judge,
    /// Reads the report rows in page order; writes the report.
    Report,
}

/// What a line carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Item {
    /// A page and its number.
    Page { page: u64, record: Box<Record> },
    /// A paragraph of a page, with the page's site (host) and the story the
    /// paragraph stands beside.
    Paragraph {
        page: u64,
        key: u64,
        site: Option<String>,
        story: u64,
    },
    /// A paragraph of a page that is boilerplate.
    Boilerplate { page: u64, key: u64 },
    /// A page's SimHash, gathered under one of its blocks.
    Print { page: u64, simhash: u64 },
    /// A page holding a passage key, and how many keys it has.
    Holder { page: u64, keys: usize },
    /// Passage keys `page` shares with `partner`: in light runs, with a
    /// heavy key's anchor; and how many keys `page` has.
    Shared {
        page: u64,
        partner: u64,
        light: u32,
        heavy: u32,
        keys: usize,
    },
    /// Pages that may share their body, `a` before `b`.
    Pair { a: u64, b: u64 },
    /// A verified relation, `a` before `b`.
    Edge {
        a: u64,
        b: u64,
        shared: usize,
        a_in_b: f64,
        b_in_a: f64,
    },
    /// Pages that can match, in one part of the corpus.
    Eligible(usize),
    /// Whether a page of `site`, judged in `group`, shows farm evidence.
    Evidence {
        site: String,
        group: String,
        farm: bool,
    },
    /// A site the corpus shows to be a farm.
    FarmSite(String),
    /// A page's report row, written in the report's format.
    Row(String),
}

pub(crate) fn run(args: &DistributedArgs) -> Result<(), String> {
    if args.settings.thresholds.max_bytes.is_some() {
        return Err(
            "--max-bytes caps pages as they are read: give it to fingerprint; these steps read records"
                .into(),
        );
    }
    let (_, cfg) = args.settings.load()?;
    if args.step == Step::Files {
        return write_files(args);
    }
    let text = read_input(&args.files)?;
    let mut out = Lines::default();
    if args.step == Step::Report {
        return write_report(args, &text);
    }
    if args.step == Step::Paragraphs {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let (n, record) = line
                .split_once('\t')
                .ok_or_else(|| format!("not a numbered record: {line:.80}"))?;
            let page: u64 = n
                .parse()
                .map_err(|_| format!("not a page number: {n:.40}"))?;
            let record: Record = serde_json::from_str(record)
                .map_err(|e| format!("page {page}: not a fingerprint record: {e}"))?;
            paragraphs(page, record, &mut out);
        }
    } else {
        let mut eligible = 0;
        let mut pairs = BTreeSet::new();
        let mut shared = HashMap::new();
        for (key, items) in groups(&text)? {
            match args.step {
                Step::Boilerplate => decide_boilerplate(items, &mut out),
                Step::Trim => eligible += trim(items, &cfg, &mut out)?,
                Step::Candidates => {
                    let eligible = args
                        .eligible
                        .ok_or("candidates needs --eligible N, the sum of trim's counts")?;
                    candidates(items, &cfg, eligible, &mut pairs, &mut shared)?
                }
                Step::Passages => passages(items, &mut pairs),
                Step::Halves => halves(items, &mut out)?,
                Step::Verify => verify(items, &cfg, &mut out)?,
                Step::Evidence => evidence(key, items, &cfg, &mut out)?,
                Step::FarmSites => farm_sites(items, &mut out),
                Step::Judge => judge_group(items, &cfg, args.format, &mut out)?,
                Step::Files | Step::Paragraphs | Step::Report => unreachable!("handled above"),
            }
        }
        if args.step == Step::Trim {
            out.push("eligible".into(), Item::Eligible(eligible));
        }
        for ((page, partner), (light, heavy, keys)) in shared {
            let item = Item::Shared {
                page: page.into(),
                partner: partner.into(),
                light,
                heavy,
                keys,
            };
            out.push(format!("shared:{page}"), item);
        }
        for (a, b) in pairs {
            for page in [a, b] {
                out.push(page_key(page), Item::Pair { a, b });
            }
        }
    }
    super::written(
        crate::atomic_file::write_atomically(args.output.as_deref(), |w| w.write_all(&out.0)),
        args.output.as_deref(),
    )
}

/// The input: the files named, or standard input.
/// The page files under the PATHs, in the walk's order: the one list of
/// endings (`corpus::walk::EXTENSIONS`) and the walk's rules decide, not
/// the job.
fn write_files(args: &DistributedArgs) -> Result<(), String> {
    let walk = crate::corpus::discover(&args.files)?;
    let mut text = String::new();
    for f in &walk.files {
        text.push_str(&f.display);
        text.push('\n');
    }
    super::written(
        crate::atomic_file::write_atomically(args.output.as_deref(), |w| {
            w.write_all(text.as_bytes())
        }),
        args.output.as_deref(),
    )
}

fn read_input(files: &[std::path::PathBuf]) -> Result<String, String> {
    let mut text = String::new();
    if files.is_empty() {
        std::io::stdin()
            .lock()
            .read_to_string(&mut text)
            .map_err(|e| format!("standard input: {e}"))?;
    }
    for f in files {
        let mut file = std::fs::File::open(f).map_err(|e| format!("{}: {e}", f.display()))?;
        file.read_to_string(&mut text)
            .map_err(|e| format!("{}: {e}", f.display()))?;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
    }
    Ok(text)
}

/// The lines gathered by key, keys in order; each key's items in the
/// order read (no step depends on it).
fn groups(text: &str) -> Result<BTreeMap<&str, Vec<Item>>, String> {
    let mut out: BTreeMap<&str, Vec<Item>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line
            .split_once('\t')
            .ok_or_else(|| format!("not a KEY<TAB>VALUE line: {line:.80}"))?;
        let item: Item = serde_json::from_str(value)
            .map_err(|e| format!("{key}: not a line of a distributed step: {e}"))?;
        out.entry(key).or_default().push(item);
    }
    Ok(out)
}

/// The lines a step writes.
#[derive(Default)]
struct Lines(Vec<u8>);

impl Lines {
    fn push(&mut self, key: String, item: Item) {
        self.0.extend_from_slice(key.as_bytes());
        self.0.push(b'\t');
        serde_json::to_writer(&mut self.0, &item).expect("items serialise");
        self.0.push(b'\n');
    }
}

fn page_key(page: u64) -> String {
    format!("page:{page}")
}

/// A page number as the matching functions count pages.
fn id(page: u64) -> Result<u32, String> {
    u32::try_from(page).map_err(|_| format!("page number {page} is past what one scan holds"))
}

fn paragraphs(page: u64, record: Record, out: &mut Lines) {
    let p: Analyzed = record.clone().into();
    let site = p.url.as_deref().and_then(crate::address::url_host);
    for (key, story) in boilerplate::paragraphs_beside(&p) {
        let site = site.clone();
        let item = Item::Paragraph {
            page,
            key,
            site,
            story,
        };
        out.push(format!("paragraph:{key:016x}"), item);
    }
    let record = Box::new(record);
    out.push(page_key(page), Item::Page { page, record });
}

/// One paragraph's pages: which of them hold it as boilerplate.
fn decide_boilerplate(items: Vec<Item>, out: &mut Lines) {
    let mut sites: HashMap<String, u32> = HashMap::new();
    let mut run: Vec<(u64, u32, u64)> = Vec::new();
    let mut pages: Vec<(u64, u64, u32)> = Vec::new();
    for item in items {
        if let Item::Paragraph {
            page,
            key,
            site,
            story,
        } = item
        {
            let site = match site {
                Some(host) => {
                    let next = sites.len() as u32;
                    *sites.entry(host).or_insert(next)
                }
                None => boilerplate::NO_SITE,
            };
            run.push((key, site, story));
            pages.push((page, key, site));
        }
    }
    run.sort_unstable();
    let mut of_site = HashSet::new();
    let web = boilerplate::boilerplate_run(&run, |site| {
        of_site.insert(site);
    });
    for (page, key, site) in pages {
        if web || of_site.contains(&site) {
            out.push(page_key(page), Item::Boilerplate { page, key });
        }
    }
}

/// The page of a group of items, and the others.
fn the_page(items: Vec<Item>) -> Result<(u64, Record, Vec<Item>), String> {
    let mut page = None;
    let mut rest = Vec::new();
    for item in items {
        match item {
            Item::Page { page: n, record } => page = Some((n, *record)),
            other => rest.push(other),
        }
    }
    let (n, record) = page.ok_or("a page's items came without the page")?;
    Ok((n, record, rest))
}

/// A page's kept shingle set, as judging reads it: none when unreadable.
fn kept_set(p: &Analyzed) -> Vec<Shingle> {
    if p.is_ok() { p.print.set() } else { Vec::new() }
}

/// A page without its boilerplate paragraphs (emptied, so the others keep
/// their places), and its candidate keys. Returns 1 when it can match.
fn trim(items: Vec<Item>, cfg: &Config, out: &mut Lines) -> Result<usize, String> {
    let (page, mut record, rest) = the_page(items)?;
    let boiler: HashSet<u64> = rest
        .iter()
        .filter_map(|i| match i {
            Item::Boilerplate { key, .. } => Some(*key),
            _ => None,
        })
        .collect();
    for paragraph in &mut record.paragraphs {
        if !paragraph.is_empty() && boiler.contains(&boilerplate::paragraph_key(paragraph)) {
            paragraph.clear();
        }
    }
    let p: Analyzed = record.clone().into();
    out.push(
        page_key(page),
        Item::Page {
            page,
            record: Box::new(record),
        },
    );
    let printed = Printed::new(
        p.print.simhash,
        &kept_set(&p),
        &p.print.reword(),
        p.given_original,
    );
    if printed.len < cfg.min_shared_shingles {
        return Ok(0);
    }
    let simhash = p.print.simhash;
    for (block, mask) in index::block_masks(cfg.hamming_radius).enumerate() {
        let item = Item::Print { page, simhash };
        out.push(format!("block:{block}:{:016x}", simhash & mask), item);
    }
    let keys = printed.keys.len();
    for key in printed.keys.iter() {
        out.push(format!("key:{key}"), Item::Holder { page, keys });
    }
    Ok(1)
}

/// Keys shared per (page, partner): in light runs, with anchors; and the
/// page's key count.
type SharedKeys = HashMap<(u32, u32), (u32, u32, usize)>;

/// One SimHash block's or passage key's holders: the pairs near in
/// SimHash, and the passage keys each holder shares with others.
fn candidates(
    items: Vec<Item>,
    cfg: &Config,
    eligible: usize,
    pairs: &mut BTreeSet<(u64, u64)>,
    shared: &mut SharedKeys,
) -> Result<(), String> {
    let mut prints = Vec::new();
    let mut holders = Vec::new();
    for item in items {
        match item {
            Item::Print { page, simhash } => prints.push((id(page)?, simhash)),
            Item::Holder { page, keys } => holders.push((id(page)?, keys)),
            _ => {}
        }
    }
    pairs.extend(
        index::simhash_candidates(&prints, cfg.hamming_radius)
            .into_iter()
            .map(|(a, b)| (a.into(), b.into())),
    );
    holders.sort_unstable();
    if holders.len() < 2 {
        return Ok(());
    }
    let run: Vec<u32> = holders.iter().map(|&(page, _)| page).collect();
    let keys: HashMap<u32, usize> = holders.iter().copied().collect();
    if run.len() > index::max_holders(eligible) {
        let anchors = index::anchors(&run, |id| (std::cmp::Reverse(keys[id]), *id));
        for &page in &run {
            for &a in anchors.iter().filter(|&&a| a != page) {
                shared.entry((page, a)).or_insert((0, 0, keys[&page])).1 += 1;
            }
        }
    } else {
        for &page in &run {
            for &b in index::light_partners(&run, page) {
                shared.entry((page, b)).or_insert((0, 0, keys[&page])).0 += 1;
            }
        }
    }
    Ok(())
}

/// One page's shared passage keys, summed: the pairs they make. Pairs
/// given are kept.
fn passages(items: Vec<Item>, pairs: &mut BTreeSet<(u64, u64)>) {
    let mut sums: HashMap<u64, (u32, u32, usize)> = HashMap::new();
    let mut page_of = None;
    for item in items {
        match item {
            Item::Shared {
                page,
                partner,
                light,
                heavy,
                keys,
            } => {
                page_of = Some(page);
                let s = sums.entry(partner).or_insert((0, 0, keys));
                s.0 += light;
                s.1 += heavy;
            }
            Item::Pair { a, b } => {
                pairs.insert((a, b));
            }
            _ => {}
        }
    }
    let Some(page) = page_of else {
        return;
    };
    for (partner, (light, heavy, keys)) in sums {
        if index::shares_enough(light, heavy, keys) {
            pairs.insert((partner.min(page), partner.max(page)));
        }
    }
}

/// A page and its candidate pairs: the page, to each pair.
fn halves(items: Vec<Item>, out: &mut Lines) -> Result<(), String> {
    let (page, record, rest) = the_page(items)?;
    let pairs: BTreeSet<(u64, u64)> = rest
        .into_iter()
        .filter_map(|i| match i {
            Item::Pair { a, b } => Some((a, b)),
            _ => None,
        })
        .collect();
    for (a, b) in pairs {
        let record = Box::new(record.clone());
        out.push(format!("pair:{a}:{b}"), Item::Page { page, record });
    }
    Ok(())
}

/// Pages of a group, in page order, with their numbers.
fn pages_of(items: Vec<Item>) -> (Vec<u64>, Vec<Analyzed>, Vec<Item>) {
    let mut pages = Vec::new();
    let mut rest = Vec::new();
    for item in items {
        match item {
            Item::Page { page, record } => pages.push((page, *record)),
            other => rest.push(other),
        }
    }
    pages.sort_by_key(|&(page, _)| page);
    pages.dedup_by_key(|&mut (page, _)| page);
    let (numbers, records): (Vec<u64>, Vec<Record>) = pages.into_iter().unzip();
    (
        numbers,
        records.into_iter().map(Analyzed::from).collect(),
        rest,
    )
}

/// A pair's two pages: an edge when they hold as a relation.
fn verify(items: Vec<Item>, cfg: &Config, out: &mut Lines) -> Result<(), String> {
    let (numbers, pages, _) = pages_of(items);
    let [a, b] = numbers[..] else {
        return Err(format!("a pair came with {} pages, not 2", numbers.len()));
    };
    let kept = |i: usize| kept_set(&pages[i]);
    let printed: Vec<Printed> = pages
        .iter()
        .map(|p| {
            Printed::new(
                p.print.simhash,
                &kept_set(p),
                &p.print.reword(),
                p.given_original,
            )
        })
        .collect();
    for e in judge::related_pairs(&pages, &printed, &[(0, 1)], cfg, &kept) {
        let item = Item::Edge {
            a,
            b,
            shared: e.shared,
            a_in_b: e.a_in_b,
            b_in_a: e.b_in_a,
        };
        out.push("edge".into(), item);
    }
    Ok(())
}

/// A group's pages and their edges, renumbered within the group, and the
/// group's other items.
struct Group {
    numbers: Vec<u64>,
    pages: Vec<Analyzed>,
    edges: Vec<Edge>,
    rest: Vec<Item>,
}

impl Group {
    fn new(items: Vec<Item>) -> Result<Group, String> {
        let (numbers, pages, items) = pages_of(items);
        let local = |n: u64| {
            numbers
                .binary_search(&n)
                .map(|i| i as u32)
                .map_err(|_| format!("an edge names page {n}, not of its group"))
        };
        let mut edges = Vec::new();
        let mut rest = Vec::new();
        for item in items {
            match item {
                Item::Edge {
                    a,
                    b,
                    shared,
                    a_in_b,
                    b_in_a,
                } => edges.push(Edge {
                    a: local(a)?,
                    b: local(b)?,
                    shared,
                    a_in_b,
                    b_in_a,
                }),
                other => rest.push(other),
            }
        }
        Ok(Group {
            numbers,
            pages,
            edges,
            rest,
        })
    }

    fn judge(&self, cfg: &Config, farm_site: &[bool]) -> Vec<judge::Verdict> {
        let kept = |i: usize| kept_set(&self.pages[i]);
        judge::judge_related(&self.pages, cfg, &kept, &self.edges, Some(farm_site))
    }
}

/// A group judged with no site a farm: each page's farm evidence, to its site.
fn evidence(key: &str, items: Vec<Item>, cfg: &Config, out: &mut Lines) -> Result<(), String> {
    let g = Group::new(items)?;
    let verdicts = g.judge(cfg, &vec![false; g.pages.len()]);
    let roles: Vec<Role> = verdicts.iter().map(|v| v.role).collect();
    let copy_of: Vec<_> = verdicts.into_iter().map(|v| v.copy_of).collect();
    let (sites, _) = crate::signals::farm_site::site_numbers(&g.pages);
    let junk = judge::junk(&g.pages, cfg);
    let found = crate::signals::farm_site::farm_evidence(&g.pages, &sites, &junk, &roles, &copy_of);
    for (p, farm) in g.pages.iter().zip(found) {
        if let Some(farm) = farm {
            let site = p.site().0;
            let item = Item::Evidence {
                site: site.clone(),
                group: key.to_string(),
                farm,
            };
            out.push(format!("site:{site}"), item);
        }
    }
    Ok(())
}

/// A site's farm evidence, tallied: when it is a farm, the site to each
/// group of its pages.
fn farm_sites(items: Vec<Item>, out: &mut Lines) {
    let (mut farm, mut all) = (0, 0);
    let mut groups = BTreeSet::new();
    let mut name = None;
    for item in items {
        if let Item::Evidence {
            site,
            group,
            farm: f,
        } = item
        {
            farm += usize::from(f);
            all += 1;
            groups.insert(group);
            name = Some(site);
        }
    }
    if let Some(site) = name.filter(|_| crate::signals::farm_site::is_farm_site(farm, all)) {
        for group in groups {
            out.push(group, Item::FarmSite(site.clone()));
        }
    }
}

/// A group judged with the corpus's farm sites: each page's report row.
fn judge_group(
    items: Vec<Item>,
    cfg: &Config,
    format: Format,
    out: &mut Lines,
) -> Result<(), String> {
    let g = Group::new(items)?;
    let farms: HashSet<&str> = g
        .rest
        .iter()
        .filter_map(|i| match i {
            Item::FarmSite(site) => Some(site.as_str()),
            _ => None,
        })
        .collect();
    let farm: Vec<bool> = g
        .pages
        .iter()
        .map(|p| farms.contains(p.site().0.as_str()))
        .collect();
    let verdicts = g.judge(cfg, &farm);
    for (i, &page) in g.numbers.iter().enumerate() {
        let row = report::PageRow::new(&g.pages, &verdicts, i);
        let text = report::page_lines(std::iter::once(row), format).map_err(|e| e.to_string())?;
        let text = String::from_utf8(text).map_err(|e| e.to_string())?;
        out.push(page.to_string(), Item::Row(text));
    }
    Ok(())
}

/// The rows, in the order given, under the report's header.
fn write_report(args: &DistributedArgs, text: &str) -> Result<(), String> {
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let (_, value) = line
            .split_once('\t')
            .ok_or_else(|| format!("not a KEY<TAB>VALUE line: {line:.80}"))?;
        match serde_json::from_str(value) {
            Ok(Item::Row(row)) => rows.push(row),
            _ => return Err(format!("not a report row: {value:.80}")),
        }
    }
    let header = report::page_header(args.format).map_err(|e| e.to_string())?;
    super::written(
        crate::atomic_file::write_atomically(args.output.as_deref(), |w| {
            w.write_all(&header)?;
            rows.iter().try_for_each(|r| w.write_all(r.as_bytes()))
        }),
        args.output.as_deref(),
    )
}
