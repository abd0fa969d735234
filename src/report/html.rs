//! A self-contained HTML report a researcher can open and send: totals,
//! the sites table (sortable), charts as inline SVG, the most copied
//! originals, and an explanation for each flagged page. No network, no
//! external scripts or fonts. Aggregates are shown in full; page lists are
//! capped so a report of 100,000 pages stays light.

use super::sites::SiteRow;
use super::summary::Summary;
use crate::analyze::Analyzed;
use crate::judge::{Role, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Flagged pages explained in full; the rest are counted.
const MAX_FLAGGED: usize = 500;
/// Sites listed in the table.
const MAX_SITES: usize = 1000;
/// Originals listed by number of copies.
const MAX_ORIGINALS: usize = 50;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A histogram of `values` as an inline SVG bar chart; `whole` values
/// (days) get bins of whole units.
fn histogram(
    title: &str,
    x_label: &str,
    values: &[f64],
    lo: f64,
    hi: f64,
    bins: usize,
    whole: bool,
) -> String {
    let hi = if whole {
        lo + ((hi - lo) / bins as f64).ceil().max(1.0) * bins as f64
    } else {
        hi
    };
    let digits = if whole { 0 } else { 2 };
    let (w, h, pad) = (520.0, 220.0, 36.0);
    let mut counts = vec![0usize; bins];
    for &v in values {
        let t = ((v - lo) / (hi - lo) * bins as f64).floor();
        counts[(t.max(0.0) as usize).min(bins - 1)] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bw = (w - 2.0 * pad) / bins as f64;
    let mut svg = format!(
        r#"<figure><figcaption>{} <span class="n">({} values)</span></figcaption><svg role="img" aria-label="{}" viewBox="0 0 {w} {h}" width="{w}" height="{h}">"#,
        esc(title),
        values.len(),
        esc(title)
    );
    for (i, &c) in counts.iter().enumerate() {
        let bh = (h - 2.0 * pad) * c as f64 / max;
        let _ = write!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}: {c}</title></rect>"#,
            pad + i as f64 * bw + 1.0,
            h - pad - bh,
            (bw - 2.0).max(1.0),
            bh,
            format_args!(
                "{:.digits$} to {:.digits$}",
                lo + (hi - lo) * i as f64 / bins as f64,
                lo + (hi - lo) * (i + 1) as f64 / bins as f64
            )
        );
    }
    let _ = write!(
        svg,
        r#"<line x1="{pad}" y1="{y}" x2="{x2}" y2="{y}" class="axis"/><text x="{pad}" y="{ty}">{lo:.digits$}</text><text x="{x2}" y="{ty}" text-anchor="end">{hi:.digits$}</text><text x="{mid}" y="{label_y}" text-anchor="middle">{}</text><text x="4" y="{top}">{}</text></svg></figure>"#,
        esc(x_label),
        max as usize,
        y = h - pad,
        x2 = w - pad,
        ty = h - pad + 14.0,
        // The axis title on a line of its own, below the end values, so a
        // long end value never runs into it.
        label_y = h - 4.0,
        mid = w / 2.0,
        top = pad - 8.0,
    );
    svg
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222}\
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}table{border-collapse:collapse;width:100%;font-size:13px}\
th,td{padding:3px 6px;border-bottom:1px solid #eee;text-align:left}th{cursor:pointer;background:#f6f6f6;position:sticky;top:0}\
td.num{text-align:right}.charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}svg rect{fill:#c0392b}\
svg text{font-size:11px;fill:#555}.axis{stroke:#999}.n{color:#777;font-size:12px}details{margin:.3em 0}\
.totals span{display:inline-block;margin-right:1.5em}.flag{background:#fdecea;border-radius:3px;padding:0 4px;margin-right:3px}";

/// Sorts a table by the clicked column (numbers numerically), and opens the
/// explanation a link points at.
const SORT_SCRIPT: &str = "document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){\
var t=th.closest('table'),b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';\
rows.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent,na=parseFloat(a),nc=parseFloat(c);\
var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?r:-r;});rows.forEach(function(r){b.appendChild(r);});});});\
function openTarget(){var d=document.getElementById(location.hash.slice(1));if(d&&d.tagName==='DETAILS'){d.open=true;}}\
window.addEventListener('hashchange',openTarget);openTarget();";

/// What the report was made from, shown at its top so a saved report
/// still says how it came about.
pub(crate) struct RunInfo<'a> {
    pub inputs: &'a [std::path::PathBuf],
    pub cfg: &'a crate::config::Config,
    /// The day given with `--today`, when one was: the report then says
    /// which day its verdicts were judged as of. The day it ran is never
    /// shown, so the same input gives the same bytes on any day.
    pub today: Option<chrono::NaiveDate>,
}

/// Writes the report.
pub(crate) fn render(
    pages: &[Analyzed],
    verdicts: &[Verdict],
    sites: &[SiteRow],
    summary: &Summary,
    run: &RunInfo<'_>,
) -> String {
    let mut h = String::new();
    head(&mut h, summary, run);
    // Pages read from an index are judged with the corpus, not reported.
    let shown: Vec<usize> = (0..pages.len()).filter(|&i| !pages[i].from_index).collect();
    charts(&mut h, pages, verdicts, &shown);
    sites_table(&mut h, sites);
    most_copied(&mut h, pages, verdicts, &shown);
    flagged_pages(&mut h, pages, verdicts, &shown);
    let _ = writeln!(h, "<script>{SORT_SCRIPT}</script></body></html>");
    h
}

/// The document head, the run's inputs and thresholds, and the totals.
fn head(h: &mut String, summary: &Summary, run: &RunInfo<'_>) {
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">{} {}\"><title>farmscan report</title><style>{STYLE}</style></head><body>",
        crate::corpus::OWN_REPORT_MARK,
        env!("CARGO_PKG_VERSION")
    );
    let inputs: Vec<String> = run
        .inputs
        .iter()
        .map(|p| esc(&p.display().to_string()))
        .collect();
    let c = run.cfg;
    let _ = write!(
        h,
        "<h1>Content-farm report</h1><p class=\"n\">farmscan {}{}, {}: {}. Thresholds: min_similarity {}, min_similarity_given {:.3}, hamming_radius {}, junk_ratio {}, stale_days {}, min_article_words {}.</p><p class=\"totals\">",
        env!("CARGO_PKG_VERSION"),
        run.today.map(|d| format!(" as of {d}")).unwrap_or_default(),
        if inputs.len() == 1 { "input" } else { "inputs" },
        inputs.join(", "),
        c.min_similarity,
        c.min_similarity_given,
        c.hamming_radius,
        c.junk_ratio,
        c.stale_days,
        c.min_article_words
    );
    for (label, n) in [
        ("pages", summary.pages),
        ("errors", summary.errors),
        ("copies", summary.copies),
        ("originals", summary.originals),
        ("flagged", summary.flagged),
        ("copy", summary.copy),
        ("junk_links", summary.junk_links),
        ("date_mismatch", summary.date_mismatch),
    ] {
        let _ = write!(h, "<span><b>{n}</b> {label}</span>");
    }
    h.push_str("</p>");
}

/// Histograms of the copies' date lags and similarities and of the pages'
/// junk-link ratios.
fn charts(h: &mut String, pages: &[Analyzed], verdicts: &[Verdict], shown: &[usize]) {
    let lags: Vec<f64> = shown
        .iter()
        .filter_map(|&i| verdicts[i].copy_of.as_ref()?.date_lag_days)
        .map(|d| d as f64)
        .collect();
    let sims: Vec<f64> = shown
        .iter()
        .filter_map(|&i| verdicts[i].copy_of.as_ref())
        .map(|c| c.similarity)
        .collect();
    let junk: Vec<f64> = shown
        .iter()
        .map(|&i| pages[i].junk.ratio(verdicts[i].role == Role::Copy))
        .filter(|r| *r > 0.0)
        .collect();
    let lag_max = lags.iter().copied().fold(30.0, f64::max);
    let lag_min = lags.iter().copied().fold(0.0, f64::min);
    h.push_str("<h2>Charts</h2><div class=\"charts\">");
    h.push_str(&histogram(
        "Date lag of copies",
        "days after the original",
        &lags,
        lag_min,
        lag_max,
        20,
        true,
    ));
    h.push_str(&histogram(
        "Similarity of copies",
        "share of the copy found in its original",
        &sims,
        0.0,
        1.0,
        20,
        false,
    ));
    h.push_str(&histogram(
        "Junk-link ratio",
        "junk link characters per body character",
        &junk,
        0.0,
        junk.iter().copied().fold(1.0, f64::max),
        20,
        false,
    ));
    h.push_str("</div>");
}

/// The sites table, the surest farms first.
fn sites_table(h: &mut String, sites: &[SiteRow]) {
    let _ = write!(
        h,
        "<h2>Sites</h2><p class=\"n\">{} sites, the surest farms first (by the lower bound of the farm share); click a column to sort.</p>",
        sites.len()
    );
    h.push_str("<table class=\"sortable\"><thead><tr><th>site</th><th>pages</th><th>copies</th><th>copied from</th><th>wire copies</th><th>junk_links</th><th>date_mismatch</th><th>median lag</th><th>median similarity</th><th>farm share</th><th title=\"lower bound of the farm share: the ranking\">surely farm</th></tr></thead><tbody>");
    for s in sites.iter().take(MAX_SITES) {
        let opt = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{}{}</td><td class=num>{}</td><td class=num>{}</td><td>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td><td class=num>{}</td></tr>",
            esc(&s.site),
            if s.site_from == crate::analyze::SiteFrom::Folder {
                " <span class=n>(folder)</span>"
            } else {
                ""
            },
            s.pages,
            s.copies,
            esc(&s.copied_from_sites.join(", ")),
            s.wire_copies,
            s.junk_links,
            s.date_mismatch,
            opt(s.median_lag_days),
            opt(s.median_similarity),
            s.farm_share,
            s.farm_share_low
        );
    }
    h.push_str("</tbody></table>");
}

/// Originals by number of copies, with the sites that copied them.
fn most_copied(h: &mut String, pages: &[Analyzed], verdicts: &[Verdict], shown: &[usize]) {
    let mut copies_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in shown {
        if let Some(c) = &verdicts[i].copy_of {
            copies_of.entry(c.original).or_default().push(i);
        }
    }
    let mut originals: Vec<(usize, Vec<usize>)> = copies_of.into_iter().collect();
    originals.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    h.push_str("<h2>Most copied originals</h2><table><thead><tr><th>original</th><th>copies</th><th>copied by</th></tr></thead><tbody>");
    for (o, copies) in originals.iter().take(MAX_ORIGINALS) {
        let mut by: Vec<String> = copies.iter().map(|&c| pages[c].site().0).collect();
        by.sort();
        by.dedup();
        let _ = write!(
            h,
            "<tr><td>{}<br><span class=n>{}</span></td><td class=num>{}</td><td>{}</td></tr>",
            esc(&pages[*o].title),
            esc(&pages[*o].report_name()),
            copies.len(),
            esc(&by.join(", "))
        );
    }
    h.push_str("</tbody></table>");
}

/// The flagged pages, listed, then each explained.
fn flagged_pages(h: &mut String, pages: &[Analyzed], verdicts: &[Verdict], shown: &[usize]) {
    let flagged: Vec<usize> = shown
        .iter()
        .copied()
        .filter(|&i| !verdicts[i].flags.is_empty())
        .collect();
    let _ = write!(
        h,
        "<h2>Flagged pages</h2><p class=\"n\">{} flagged",
        flagged.len()
    );
    if flagged.len() > MAX_FLAGGED {
        let _ = write!(
            h,
            "; the first {MAX_FLAGGED} are explained here, all are in the CSV report"
        );
    }
    h.push_str(".</p><ul>");
    for &i in flagged.iter().take(MAX_FLAGGED) {
        let _ = write!(
            h,
            "<li><a href=\"#p{i}\">{}</a> {}</li>",
            esc(&pages[i].report_name()),
            flag_badges(&verdicts[i])
        );
    }
    h.push_str("</ul>");
    for &i in flagged.iter().take(MAX_FLAGGED) {
        explain_page(h, i, pages, &verdicts[i]);
    }
}

fn flag_badges(v: &Verdict) -> String {
    v.flags
        .iter()
        .map(|f| format!("<span class=flag>{}</span>", f.name()))
        .collect()
}

/// The explanation of one flagged page, as `explain` gives it.
fn explain_page(h: &mut String, i: usize, pages: &[Analyzed], v: &Verdict) {
    let p = &pages[i];
    let _ = write!(
        h,
        "<details id=\"p{i}\"><summary>{} {}</summary><ul><li>title: {}</li>",
        esc(&p.report_name()),
        flag_badges(v),
        esc(&p.title)
    );
    if let Some(d) = &p.dates.published {
        let _ = write!(
            h,
            "<li>claims to be published {} ({}, {})</li>",
            d.date,
            d.date.format("%A"),
            esc(&d.rule.to_string())
        );
    }
    for d in &v.date_issues {
        let _ = write!(
            h,
            "<li>date_mismatch ({}): {}</li>",
            d.code.code(),
            esc(&d.detail)
        );
    }
    if let Some(c) = &v.copy_of {
        let o = &pages[c.original];
        let _ = write!(
            h,
            "<li>copy: {:.0}% of its body is in {} ({}), {} shared, SimHash {} apart</li>",
            c.similarity * 100.0,
            esc(&o.report_name()),
            esc(&o.title),
            crate::wording::counted(c.shared_paragraphs, "paragraph", "paragraphs"),
            crate::wording::counted(c.hamming, "bit", "bits")
        );
    }
    let copied = v.role == Role::Copy;
    if copied || p.junk.junk_chars > 0 {
        let _ = write!(
            h,
            "<li>junk link text: {} characters against a body of {} (ratio {:.2})</li>",
            p.junk.counted_chars(copied),
            p.junk.body_chars,
            p.junk.ratio(copied)
        );
    }
    if let Some(w) = p.wire {
        let _ = write!(h, "<li>credits {w}</li>");
    }
    h.push_str("</ul></details>");
}
