//! `farmscan extract`: what farmscan read from each page, before matching.

use crate::analyze;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::corpus::{self, PageStatus, Source};
use crate::extract::{self, Extracted, LinkList, PageDates};
use serde::Serialize;
use std::io::Write;

/// One page as `extract --format jsonl` prints it (SPEC fields first).
#[derive(Debug, Serialize)]
struct ExtractRow {
    path: String,
    record: Option<u64>,
    url: Option<String>,
    title: String,
    published: Option<String>,
    lang: Option<&'static str>,
    text: String,
    links: Vec<LinkList>,
    /// Every date found and the rule that found it.
    dates: PageDates,
    status: PageStatus,
    /// The input's id for the page (JSON Lines `id`).
    id: Option<String>,
    /// What the reader noticed that did not stop it (a payload cut short).
    note: Option<String>,
}

/// The row of a page read (with its id and note) or of one that failed.
fn row(
    source: &Source,
    (id, note): (Option<String>, Option<String>),
    result: Result<Extracted, PageStatus>,
) -> ExtractRow {
    match result {
        Ok(e) => {
            let text = e.body();
            ExtractRow {
                path: source.path.to_string(),
                record: source.record,
                published: e
                    .dates
                    .published
                    .as_ref()
                    .map(|f| f.date.format("%Y-%m-%d").to_string()),
                lang: analyze::language(&text),
                url: e.url,
                title: e.title,
                text,
                links: e.links,
                dates: e.dates,
                status: PageStatus::Ok,
                id,
                note,
            }
        }
        Err(status) => ExtractRow {
            path: source.path.to_string(),
            record: source.record,
            url: None,
            title: String::new(),
            published: None,
            lang: None,
            text: String::new(),
            links: Vec::new(),
            dates: PageDates::default(),
            status,
            id,
            note,
        },
    }
}

fn print_text(out: &mut impl Write, r: &ExtractRow) -> std::io::Result<()> {
    let label = match r.record {
        Some(n) => format!("{}#{n}", r.path),
        None => r.path.clone(),
    };
    writeln!(out, "=== {label}")?;
    if !r.status.is_ok() {
        return writeln!(out, "status: {}\n", r.status);
    }
    if let Some(n) = &r.note {
        writeln!(out, "note: {n}")?;
    }
    writeln!(out, "title: {}", r.title)?;
    if let Some(u) = &r.url {
        writeln!(out, "url: {u}")?;
    }
    if let Some(p) = &r.dates.published {
        writeln!(out, "published: {} ({})", p.date, p.rule)?;
    }
    if let Some(m) = &r.dates.modified {
        writeln!(out, "modified: {} ({})", m.date, m.rule)?;
    }
    writeln!(out, "lang: {}\n", r.lang.unwrap_or("?"))?;
    writeln!(out, "{}\n", r.text)?;
    for list in &r.links {
        writeln!(
            out,
            "[links] {} ({} items)",
            if list.heading.is_empty() {
                "(no heading)"
            } else {
                &list.heading
            },
            list.items.len()
        )?;
        for item in &list.items {
            writeln!(out, "  - {}", item.text)?;
        }
    }
    writeln!(out)
}

pub(crate) fn run(args: &ExtractArgs) -> Result<(), String> {
    super::set_jobs(&args.jobs)?;
    let stdout = std::io::stdout();
    write(args, &mut stdout.lock())
}

/// Writes what was read from each page to `out`, in the format asked for.
pub(crate) fn write(args: &ExtractArgs, out: &mut dyn Write) -> Result<(), String> {
    let walk = corpus::discover(&args.paths)?;
    let (_, cfg) = args.settings.load_on(&args.today)?;
    let (rows, _) = crate::pipeline::read_corpus(
        &walk,
        cfg.max_bytes,
        true,
        |p| {
            let named = (p.id.clone(), p.note.clone());
            row(&p.source, named, Ok(extract::extract(p, cfg.today)))
        },
        |source, status| row(&source, (None, None), Err(status)),
    );
    crate::interrupt::check()?;
    let mut out = std::io::BufWriter::new(out);
    let written: std::io::Result<()> = rows.iter().try_for_each(|r| match args.format {
        ExtractFormat::Jsonl => {
            serde_json::to_writer(&mut out, r)?;
            out.write_all(b"\n")
        }
        ExtractFormat::Text => print_text(&mut out, r),
    });
    super::written(written.and_then(|_| out.flush()), None)
}
