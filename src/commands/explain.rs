//! `farmscan explain`: a readable account of one page's verdict.

use crate::analyze::{self, Analyzed, junk};
use crate::cli::ExplainArgs;
use crate::config::Config;
use crate::corpus::{self, Page};
use crate::extract::{
    self, Confidence, DateField, DateRule, DateSource, Extracted, FoundDate, Precision, Region,
};
use crate::fingerprint;
use crate::judge;
use crate::signals::copy::{Evidence, credible_date};
use crate::signals::junk_links;
use std::fmt::Write as _;

/// A page file, or one record of a multi-page file (`crawl.warc.gz#3`).
fn page_name(name: &std::path::Path) -> (std::path::PathBuf, Option<u64>) {
    let resolved = corpus::path_name::resolve(name);
    if !resolved.exists()
        && let Some((file, n)) = name.to_str().and_then(|s| s.rsplit_once('#'))
        && let Ok(n) = n.parse::<u64>()
    {
        return (
            corpus::path_name::resolve(std::path::Path::new(file)),
            Some(n),
        );
    }
    (resolved, None)
}

/// Reads one file's pages (or the one record named), extracted and analyzed.
fn load(name: &std::path::Path, cfg: &Config) -> Result<Vec<(Page, Extracted, Analyzed)>, String> {
    let (path, record) = page_name(name);
    if path.is_dir() {
        return Err(format!(
            "{}: explain takes one page file, not a folder (scan the folder, then explain a page of its report)",
            path.display()
        ));
    }
    let walk = corpus::discover(std::slice::from_ref(&path))?;
    let found = walk
        .files
        .first()
        .ok_or_else(|| format!("{}: not a page file", path.display()))?;
    // The one reading loop, keeping the page named (or every page of the
    // file) with what was read from it.
    let (read, _) = crate::pipeline::map_file(
        found,
        cfg.max_bytes,
        &|p: &Page| {
            record.is_none_or(|r| p.source.record == Some(r)).then(|| {
                let ex = extract::extract(p, cfg.today);
                let a = analyze::analyze_extracted(p, ex.clone(), false, cfg.today);
                Ok((p.clone(), ex, a))
            })
        },
        // Of a record named, only its own failure: another record's is
        // not what was asked about.
        &|source: corpus::Source, status| {
            record
                .is_none_or(|r| source.record == Some(r))
                .then(|| Err(format!("{}: {status}", source.label())))
        },
    );
    let mut pages = Vec::new();
    let mut failures = Vec::new();
    for item in read.into_iter().flatten() {
        match item {
            Ok(page) => pages.push(page),
            Err(why) => failures.push(why),
        }
    }
    if pages.is_empty() {
        // Why the page asked for could not be read, said once.
        return Err(failures.pop().unwrap_or_else(|| match record {
            Some(r) => format!("{}: no page is record {r} of this file", path.display()),
            None => format!("{}: no page in this file", path.display()),
        }));
    }
    for f in &failures {
        eprintln!("farmscan: {f}");
    }
    Ok(pages)
}

pub(crate) fn run(args: &ExplainArgs) -> Result<(), String> {
    super::print_out(&text(args)?)
}

/// The explanation of each page of FILE, as `run` prints it.
pub(crate) fn text(args: &ExplainArgs) -> Result<String, String> {
    let (file, cfg) = args.settings.load_on(&args.today)?;
    if let Some(other) = &args.against
        && same_file(&args.file, other)
    {
        return Err("FILE and --against name the same page".into());
    }
    let subjects = load(&args.file, &cfg)?;
    let others = match &args.against {
        Some(p) => load(p, &cfg)?,
        None => Vec::new(),
    };
    let mut all: Vec<Analyzed> = subjects.iter().map(|s| s.2.clone()).collect();
    all.extend(others.iter().map(|o| o.2.clone()));
    // The rest of the corpus, and the configuration's originals, judged
    // with the page as scan judges them; the page itself is not read twice.
    let named: Vec<&Analyzed> = all.iter().collect();
    let is_named = |p: &Analyzed| named.iter().any(|n| same_page(n, p));
    let mut context = Vec::new();
    if !args.corpus.is_empty() {
        context.extend(crate::pipeline::load(&args.corpus, false, &cfg, true)?.pages);
    }
    if !file.originals.is_empty() {
        context.extend(crate::pipeline::load(&file.originals, true, &cfg, true)?.pages);
    }
    let context: Vec<Analyzed> = context.into_iter().filter(|p| !is_named(p)).collect();
    let alone = args.corpus.is_empty();
    all.extend(context);
    let verdicts = judge::judge(&all, &cfg);
    let mut text = String::new();
    if alone {
        let _ = writeln!(
            text,
            "(judged {}; give --corpus PATH to judge it among the pages it was scanned with, as scan does)\n",
            if file.originals.is_empty() && others.is_empty() {
                "alone"
            } else {
                "with --against and the configured originals only"
            }
        );
    }
    for (i, (_, ex, a)) in subjects.iter().enumerate() {
        describe(&mut text, ex, a, &verdicts[i], &all, &cfg);
        for (j, (_, ex_other, oa)) in others.iter().enumerate() {
            let o = subjects.len() + j;
            let copy_of = |x: usize, y: usize| {
                verdicts[x]
                    .copy_of
                    .as_ref()
                    .filter(|c| c.original == y)
                    .map(|c| c.decided_by)
            };
            let relation = copy_of(i, o)
                .map(|e| (true, e))
                .or_else(|| copy_of(o, i).map(|e| (false, e)));
            compare(&mut text, ex, a, oa, relation);
            let reworded = [(i, o), (o, i)].iter().any(|&(x, y)| {
                verdicts[x]
                    .copy_of
                    .as_ref()
                    .is_some_and(|c| c.original == y && c.matched == judge::Match::Reworded)
            });
            if reworded {
                aligned_passages(&mut text, (ex, a), (ex_other, oa));
            }
        }
    }
    Ok(text)
}

/// Whether two names reach one file.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Whether two pages are one: the same record of the same file.
fn same_page(a: &Analyzed, b: &Analyzed) -> bool {
    a.source.record == b.source.record
        && same_file(
            std::path::Path::new(&*a.source.path),
            std::path::Path::new(&*b.source.path),
        )
}

/// Where a list stands, in words.
fn region_gloss(region: Region) -> &'static str {
    match region {
        Region::Main => "in the page's main column",
        Region::Nav => "in a menu",
        Region::Header => "in the page header",
        Region::Footer => "in the page footer",
        Region::Aside => "in a sidebar",
    }
}

/// The rule that found a date, in words a reader can check on the page.
/// An indexed page's rule, and words of no known rule, are shown as written.
fn rule_gloss(rule: &DateRule) -> String {
    let written = rule.to_string();
    let source = rule.field.source().filter(|_| !rule.from_index);
    let place = match source {
        Some(DateSource::Meta) => "a <meta> tag of the page's head",
        Some(DateSource::JsonLd) => "the page's structured data (JSON-LD)",
        Some(DateSource::Text) => "the visible text",
        Some(DateSource::Class) => "an element whose class names it a date",
        Some(DateSource::Time) => "a <time> element",
        Some(DateSource::Itemprop) => "an element marked itemprop",
        Some(DateSource::Url) => "the page's address",
        Some(DateSource::Copyright) => "a copyright notice, the last resort",
        None => return written,
    };
    let detail = rule.field.detail();
    if detail.is_empty() {
        return format!("{place} [{written}]");
    }
    // A backing field is glossed with its own words, as written.
    let backing = rule
        .backed_by
        .as_ref()
        .map(|by| format!(" ({by})"))
        .unwrap_or_default();
    format!(
        "{place}, {} [{written}]",
        format!("{detail}{backing}").replace('-', " ")
    )
}

fn describe(
    out: &mut String,
    ex: &Extracted,
    a: &Analyzed,
    v: &judge::Verdict,
    all: &[Analyzed],
    cfg: &Config,
) {
    describe_page(out, ex, a, v);
    describe_dates(out, a, v);
    describe_links(out, ex, a, v.role, cfg);
    describe_copy(out, v, all);
}

/// The page at a glance: title, address, body, fingerprint, wire, verdict.
fn describe_page(out: &mut String, ex: &Extracted, a: &Analyzed, v: &judge::Verdict) {
    let _ = writeln!(out, "{}", a.source.label());
    let _ = writeln!(out, "  title:    {}", a.title);
    if let Some(u) = &a.url {
        let _ = writeln!(out, "  url:      {u}");
    }
    let _ = writeln!(
        out,
        "  body:     {} words in {} paragraphs, language {}",
        a.words,
        ex.paragraphs.len(),
        a.lang.unwrap_or("unsure")
    );
    let _ = writeln!(
        out,
        "  simhash:  {:016x} (a 64-bit fingerprint of the wording: near-copies differ in a few bits)",
        a.print.simhash
    );
    let _ = writeln!(
        out,
        "  wire:     {}",
        a.wire
            .map_or("no wire credit found".to_string(), |w| format!(
                "credited to {w}"
            ))
    );
    let flags: Vec<&str> = v.flags.iter().map(|f| f.name()).collect();
    let _ = writeln!(
        out,
        "  verdict:  role {}, flags {}",
        v.role.name(),
        if flags.is_empty() {
            "none".into()
        } else {
            flags.join(";")
        }
    );
}

/// The dates the page claims, every candidate with where it was read, why
/// one was chosen, and what contradicts it.
fn describe_dates(out: &mut String, a: &Analyzed, v: &judge::Verdict) {
    let _ = writeln!(out, "\nDates");
    match &a.dates.published {
        Some(p) => {
            // A month or a year has no weekday.
            let weekday = match p.precision {
                Precision::Day => format!(" ({})", p.date.format("%A")),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  claims to be published {}{weekday}, read from {}",
                p.date,
                rule_gloss(&p.rule)
            );
            let _ = writeln!(out, "  why this one: {}", why_chosen(p, &a.dates));
        }
        None => {
            let _ = writeln!(out, "  no publication date found");
        }
    }
    let mut others: Vec<(&str, &FoundDate)> = a
        .dates
        .candidates
        .iter()
        .map(|c| ("publication field", c))
        .collect();
    others.extend(a.dates.shown.iter().map(|s| ("shown to readers", s)));
    others.extend(a.dates.modified.iter().map(|m| ("modified", m)));
    let chosen = a.dates.published.as_ref();
    let others: Vec<_> = others
        .into_iter()
        .filter(|(_, f)| chosen.is_none_or(|c| c.date != f.date || c.rule != f.rule))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "  other dates found:");
    }
    for (what, f) in others {
        let _ = writeln!(out, "    {} {what}, in {}", f.date, rule_gloss(&f.rule));
    }
    if let Some(l) = &a.lede {
        let _ = writeln!(out, "  the lede dates its news: \"{}\"", l.phrase);
    }
    if v.date_issues.is_empty() {
        let _ = writeln!(out, "  no contradiction found");
    }
    for d in &v.date_issues {
        let _ = writeln!(out, "  date_mismatch ({}): {}", d.code.code(), d.detail);
    }
}

/// Why the reader chose `p` as the publication date, in the words of its
/// cascade, and how far the date can be trusted.
fn why_chosen(p: &FoundDate, dates: &crate::extract::PageDates) -> String {
    let coarse = match p.precision {
        Precision::Day => "",
        Precision::Month => {
            "; only a month is stated, so the report gives its first day (published_precision month)"
        }
        Precision::Year => {
            "; only a year is stated, so the report gives its first day (published_precision year)"
        }
    };
    let later_fields = dates.candidates.iter().any(|c| c.date > p.date);
    let reason = match (&p.rule.field, p.confidence()) {
        _ if p.rule.backed_by.is_some() => {
            "the day the page shows its readers, which a publication field backs"
        }
        (DateField::Url, _) if later_fields => {
            "the address's day, fixed when the story first went out: a field's later day is an edit, or the same moment written in UTC"
        }
        (_, Confidence::Field) => {
            "the most trusted publication field found (meta tags, then JSON-LD, a <time> marked as the publication, microdata, the address)"
        }
        (_, Confidence::Shown) => {
            "no publication field dates the page, so the day it shows readers"
        }
        (_, Confidence::Guess) => {
            "nothing on the page states its day, so a last resort: it never outweighs a stated date in choosing an original, nor makes stale or backdated"
        }
    };
    format!("{reason}{coarse}")
}

/// The link lists outside the body, each item's fate, and the junk measure.
fn describe_links(out: &mut String, ex: &Extracted, a: &Analyzed, role: judge::Role, cfg: &Config) {
    let _ = writeln!(
        out,
        "\nLink lists ({} outside the body; each item's fate follows it)",
        ex.links.len()
    );
    let site = ex.url.as_deref().and_then(crate::address::url_domain);
    // Every item of a counted list, judged as the scan judges it.
    let mut fates: Vec<Vec<String>> = vec![Vec::new(); ex.links.len()];
    let body = ex.body();
    junk::judge_items(ex, &body, |at, item, outcome| {
        let why = match outcome {
            junk::Outcome::Junk(shared) => {
                if shared.is_empty() {
                    "JUNK: a headline that shares no topic word with the story".to_string()
                } else {
                    format!(
                        "JUNK: a headline that shares only \"{}\" with the story",
                        shared.join("\", \"")
                    )
                }
            }
            junk::Outcome::Related(shared) => format!(
                "not junk: about the story (shares \"{}\")",
                shared.join("\", \"")
            ),
            junk::Outcome::NotHeadline => {
                "not junk: too short for a headline, or a date or a button".to_string()
            }
            junk::Outcome::Repeated => {
                "not junk again: the same headline or story as an item above".to_string()
            }
        };
        fates[at].push(format!("{} — {why}", item.text));
    });
    for (list, fates) in ex.links.iter().zip(&fates) {
        let heading = if list.heading.is_empty() {
            "(no heading)"
        } else {
            &list.heading
        };
        let counted = match junk::why_not_counted(list, site.as_deref()) {
            Some(why) => format!("not counted: {why}"),
            None if junk::is_own_rail(list, ex.url.as_deref()) => {
                "the site's own rail: its items open articles of this site addressed like this page; counted only around a copied story".to_string()
            }
            None => "counted".to_string(),
        };
        let _ = writeln!(
            out,
            "  {heading}: {} items {} ({counted})",
            list.items.len(),
            region_gloss(list.region)
        );
        if fates.is_empty() {
            for item in &list.items {
                let _ = writeln!(out, "    - {}", item.text);
            }
        }
        for f in fates {
            let _ = writeln!(out, "    - {f}");
        }
    }
    let junk = junk::measure(ex);
    let copied = role == judge::Role::Copy;
    let _ = writeln!(
        out,
        "  junk link text: {} chars against a body of {} chars, ratio {:.2} ({})",
        junk.totals.counted_chars(copied),
        junk.totals.body_chars,
        junk.totals.ratio(copied),
        junk_links::threshold(a.words, cfg)
    );
    if junk.totals.rail_chars > 0 {
        let _ = writeln!(
            out,
            "    the site's own rails hold {} more chars of unrelated headlines, {}",
            junk.totals.rail_chars,
            if copied {
                "counted: this page's story is copied from another page"
            } else {
                "not counted: the story is not a copy of another page"
            }
        );
    }
    if junk.items.is_empty() {
        let _ = writeln!(out, "    no item counted as junk");
    }
}

/// For a copy: how much of it its original holds, and why that page is the
/// original.
fn describe_copy(out: &mut String, v: &judge::Verdict, all: &[Analyzed]) {
    if let Some(c) = &v.copy_of {
        let o = &all[c.original];
        let _ = writeln!(out, "\nCopy");
        let measure = match c.matched {
            judge::Match::Reworded => {
                "of its pairs of content words (stop words left out, words cut to their stems)"
            }
            _ => "of its body",
        };
        let _ = writeln!(
            out,
            "  {}: {:.0}% {measure} is found in {} (SimHash {} apart, {} shared word for word)",
            c.matched.name(),
            c.similarity * 100.0,
            o.source.label(),
            crate::wording::counted(c.hamming, "bit", "bits"),
            crate::wording::counted(c.shared_paragraphs, "paragraph", "paragraphs")
        );
        let _ = writeln!(
            out,
            "  it covers {:.0}% of the original by the same measure",
            c.coverage * 100.0
        );
        if let Some(lag) = c.date_lag_days {
            let _ = writeln!(out, "  it claims a date {lag} days after the original's");
        }
        let _ = writeln!(
            out,
            "  why that page is the original: {}",
            c.decided_by.describe()
        );
    }
}

/// Smallest share of a paragraph's rewording features another paragraph
/// must hold to be shown beside it as the same passage reworded.
const ALIGNED: f64 = 0.3;

/// A reworded copy's passages beside the original's they reword: each
/// paragraph of the subject with the other's paragraph that holds most of
/// its pairs of content words, so a reader can check the rewording by eye.
fn aligned_passages(
    out: &mut String,
    (ex, a): (&Extracted, &Analyzed),
    (eo, oa): (&Extracted, &Analyzed),
) {
    let features = |text: &str, lang| {
        crate::content_words::reword_features(&[fingerprint::normalise(text)], lang)
    };
    let theirs: Vec<Vec<fingerprint::Shingle>> =
        eo.paragraphs.iter().map(|p| features(p, oa.lang)).collect();
    let short = |t: &str| {
        let s: String = t.chars().take(60).collect();
        if t.chars().count() > 60 {
            format!("{s}…")
        } else {
            s
        }
    };
    let _ = writeln!(
        out,
        "  passages aligned by their content words (this page | the other):"
    );
    for p in &ex.paragraphs {
        let mine = features(p, a.lang);
        let best = theirs
            .iter()
            .enumerate()
            .map(|(k, t)| (fingerprint::intersection_size(&mine, t), k))
            .max();
        if let Some((shared, k)) =
            best.filter(|&(n, _)| n as f64 >= ALIGNED * mine.len().max(1) as f64)
        {
            let _ = writeln!(
                out,
                "    {:>3.0}%  {} | {}",
                100.0 * shared as f64 / mine.len().max(1) as f64,
                short(p),
                short(&eo.paragraphs[k])
            );
        }
    }
}

/// How much of the subject the other page holds, paragraph by paragraph,
/// and, when one copies the other, which evidence made the original.
/// `relation` is whether the subject is the copy, and that evidence.
fn compare(
    out: &mut String,
    ex: &Extracted,
    a: &Analyzed,
    oa: &Analyzed,
    relation: Option<(bool, Evidence)>,
) {
    let _ = writeln!(out, "\nAgainst {}", oa.source.label());
    let (set, other) = (a.print.set(), oa.print.set());
    let shared = fingerprint::intersection_size(&set, &other);
    let pct = |n: usize, d: usize| {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    };
    let _ = writeln!(
        out,
        "  {:.0}% of this page's body is in the other; {:.0}% of the other's is in this one",
        pct(shared, set.len()),
        pct(shared, other.len())
    );
    let _ = writeln!(
        out,
        "  SimHash distance {} bits; other page: {} words, published {}",
        fingerprint::hamming(a.print.simhash, oa.print.simhash),
        oa.words,
        oa.published().map_or("unknown".into(), |d| d.to_string())
    );
    let verdict = match relation {
        Some((true, _)) => "this page is the copy",
        Some((false, _)) => "this page is the original",
        None => "neither is a copy of the other",
    };
    let _ = writeln!(out, "  verdict: {verdict}");
    let day = |p: &Analyzed| credible_date(p).map_or("none".into(), |d| d.to_string());
    let _ = writeln!(
        out,
        "  earliest credible first publication: this page {}, the other {}",
        day(a),
        day(oa)
    );
    if let Some((_, evidence)) = relation {
        let _ = writeln!(out, "  decided by: {}", evidence.describe());
    }
    let _ = writeln!(out, "  paragraphs of this page found in the other:");
    for (text, hashes) in ex.paragraphs.iter().zip(a.print.paragraphs().iter()) {
        let found = hashes
            .iter()
            .filter(|h| other.binary_search(h).is_ok())
            .count();
        let short: String = text.chars().take(70).collect();
        let _ = writeln!(
            out,
            "    {:>3.0}%  {short}{}",
            pct(found, hashes.len()),
            if text.chars().count() > 70 { "…" } else { "" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_glossed_from_its_field_in_the_words_reports_write() {
        let gloss = |written: &str| rule_gloss(&DateRule::from(written.to_string()));
        assert_eq!(
            gloss("meta:parsely-pub-date"),
            "a <meta> tag of the page's head, parsely pub date [meta:parsely-pub-date]"
        );
        assert_eq!(
            gloss("meta:article:published_time"),
            "a <meta> tag of the page's head, article:published_time [meta:article:published_time]"
        );
        assert_eq!(gloss("url"), "the page's address [url]");
        assert_eq!(
            gloss("text:near-headline (json-ld:datePublished)"),
            "the visible text, near headline (json ld:datePublished) \
             [text:near-headline (json-ld:datePublished)]"
        );
        assert_eq!(gloss("index: meta:date"), "index: meta:date");
        assert_eq!(gloss("test"), "test");
    }
}
