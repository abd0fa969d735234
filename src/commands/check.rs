//! `farmscan check`: a scan that gates a pipeline on how many pages it flags.

use super::{EXIT_OK, EXIT_OVER_BOUND};
use crate::cli::CheckArgs;
use crate::signals::Flag;

/// The most flagged pages allowed: a count, or a percentage of all pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Bound {
    Count(usize),
    Percent(f64),
}

impl Bound {
    pub(crate) fn parse(s: &str) -> Result<Bound, String> {
        let bad = || format!("--max-flagged takes a count (3) or a percentage (2.5%), not {s:?}");
        match s.trim().strip_suffix('%') {
            Some(p) => {
                let v: f64 = p.trim().parse().map_err(|_| bad())?;
                if !(0.0..=100.0).contains(&v) {
                    return Err(bad());
                }
                Ok(Bound::Percent(v))
            }
            None => s.trim().parse().map(Bound::Count).map_err(|_| bad()),
        }
    }

    /// Whether `flagged` of `pages` is within the bound.
    pub(crate) fn allows(self, flagged: usize, pages: usize) -> bool {
        flagged <= self.pages(pages)
    }

    /// The most flagged pages allowed among `pages`.
    pub(crate) fn pages(self, pages: usize) -> usize {
        match self {
            Bound::Count(n) => n,
            // The share of pages, rounded down; a hair of slack keeps
            // 10% of 30 at 3 despite binary fractions.
            Bound::Percent(p) => (p / 100.0 * pages as f64 + 1e-9).floor() as usize,
        }
    }
}

/// The JSON line `check` prints, keys in this order.
#[derive(serde::Serialize)]
struct CheckLine<'a> {
    result: &'static str,
    counted: usize,
    /// Pages checked: the batch, without pages taken from an index.
    pages: usize,
    /// The bound as given (`3`, `2.5%`).
    max_flagged: &'a str,
    /// The bound in pages: the most that pass.
    max_flagged_pages: usize,
    fail_on: Vec<&'static str>,
    summary: &'a crate::report::summary::Summary,
}

/// What counts towards `--max-flagged`: pages carrying one of these flags,
/// and pages that could not be read when `error` is listed.
struct FailOn {
    flags: Vec<Flag>,
    errors: bool,
}

impl FailOn {
    fn parse(names: &[String]) -> Result<FailOn, String> {
        let mut out = FailOn {
            flags: Vec::new(),
            errors: false,
        };
        for name in names.iter().map(|n| n.trim()) {
            if name == "error" {
                out.errors = true;
            } else {
                out.flags.push(Flag::parse(name).ok_or_else(|| {
                    format!(
                        "unknown flag {name:?} in --fail-on (use copy, junk_links, date_mismatch, error)"
                    )
                })?);
            }
        }
        Ok(out)
    }

    fn names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.flags.iter().map(|f| f.name()).collect();
        if self.errors {
            names.push("error");
        }
        names
    }
}

pub(crate) fn run(args: &CheckArgs) -> Result<i32, String> {
    let bound = Bound::parse(&args.max_flagged)?;
    let fail_on = FailOn::parse(&args.fail_on)?;
    // With `-o -` the report has standard output, and the JSON line moves
    // to standard error so the two never mix.
    let report_on_stdout = args
        .scan
        .output
        .as_deref()
        .is_some_and(|p| p.as_os_str() == "-");
    let scanned = super::scan::scan(&args.scan, args.scan.output.is_some())?;
    // The report goes where -o says; without -o, check writes only the
    // side reports asked for (--pairs, --sites, --html).
    super::scan::write_outputs(&args.scan, &scanned, args.scan.output.is_some())?;
    // Pages taken from an index are the yardstick, not the batch checked.
    let batch: Vec<usize> = (0..scanned.pages.len())
        .filter(|&i| !scanned.pages[i].from_index)
        .collect();
    let counted = batch
        .iter()
        .filter(|&&i| {
            let v = &scanned.verdicts[i];
            v.flags.iter().any(|f| fail_on.flags.contains(f))
                || (fail_on.errors && !scanned.pages[i].is_ok())
        })
        .count();
    if batch.is_empty() && !args.scan.run.quiet {
        eprintln!("farmscan: no pages found in the input; nothing was checked");
    }
    let pass = bound.allows(counted, batch.len());
    let line = CheckLine {
        result: if pass { "pass" } else { "fail" },
        counted,
        pages: batch.len(),
        max_flagged: &args.max_flagged,
        max_flagged_pages: bound.pages(batch.len()),
        fail_on: fail_on.names(),
        summary: &scanned.summary,
    };
    let json = serde_json::to_string(&line).map_err(|e| e.to_string())?;
    if report_on_stdout {
        eprintln!("{json}");
    } else {
        super::print_out(&format!("{json}\n"))?;
    }
    if !args.scan.run.quiet {
        eprintln!("{}", scanned.summary.line());
    }
    Ok(if pass { EXIT_OK } else { EXIT_OVER_BOUND })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_parse_and_apply() {
        assert_eq!(Bound::parse("3"), Ok(Bound::Count(3)));
        assert_eq!(Bound::parse("2.5%"), Ok(Bound::Percent(2.5)));
        assert!(Bound::parse("x").is_err());
        assert!(Bound::parse("120%").is_err());
        assert!(Bound::Count(3).allows(3, 10));
        assert!(!Bound::Count(3).allows(4, 10));
        assert!(Bound::Percent(10.0).allows(1, 10));
        assert!(!Bound::Percent(10.0).allows(2, 10));
    }
}
