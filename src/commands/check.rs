//! `farmscan check`: a scan that gates a pipeline on how many pages it flags.

use super::{EXIT_OK, EXIT_OVER_BOUND};
use crate::cli::CheckArgs;
use crate::signals::Flag;

/// The most flagged pages allowed: a count, or a percentage of all pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Count(usize),
    Percent(f64),
}

impl Bound {
    pub fn parse(s: &str) -> Result<Bound, String> {
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
    pub fn allows(self, flagged: usize, pages: usize) -> bool {
        match self {
            Bound::Count(n) => flagged <= n,
            Bound::Percent(p) => (flagged as f64) <= p / 100.0 * pages as f64,
        }
    }
}

pub fn run(args: &CheckArgs) -> Result<i32, String> {
    let bound = Bound::parse(&args.max_flagged)?;
    let fail_on: Vec<Flag> = args
        .fail_on
        .iter()
        .map(|f| {
            Flag::parse(f.trim()).ok_or_else(|| {
                format!("unknown flag {f:?} in --fail-on (use copy, junk_links, date_mismatch)")
            })
        })
        .collect::<Result<_, _>>()?;
    let scanned = super::scan::scan(&args.scan)?;
    if args.scan.output.is_some() {
        super::scan::write_outputs(&args.scan, &scanned)?;
    }
    let counted = scanned
        .verdicts
        .iter()
        .filter(|v| v.flags.iter().any(|f| fail_on.contains(f)))
        .count();
    let pass = bound.allows(counted, scanned.pages.len());
    let line = serde_json::json!({
        "result": if pass { "pass" } else { "fail" },
        "counted": counted,
        "max_flagged": args.max_flagged,
        "fail_on": fail_on.iter().map(|f| f.name()).collect::<Vec<_>>(),
        "summary": scanned.summary,
    });
    super::print_out(&format!("{line}\n"))?;
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
