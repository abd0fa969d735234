//! The run's totals: the summary line on stderr and `check`'s JSON.

use crate::analyze::Analyzed;
use crate::judge::Verdict;
use crate::wording::counted;
use serde::Serialize;

/// Counts for the summary line and `check`'s JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Summary {
    pub pages: usize,
    pub errors: usize,
    pub copies: usize,
    pub originals: usize,
    pub flagged: usize,
    pub copy: usize,
    pub junk_links: usize,
    pub date_mismatch: usize,
    pub skipped_files: u64,
    /// Records of WARC and JSON Lines files that are not pages.
    pub skipped_records: u64,
    pub seconds: f64,
}

impl Summary {
    /// `skipped` is (files that are not pages, records that are not pages).
    pub(crate) fn new(
        pages: &[Analyzed],
        verdicts: &[Verdict],
        skipped: (u64, u64),
        seconds: f64,
    ) -> Self {
        let (skipped_files, skipped_records) = skipped;
        use crate::judge::Role;
        use crate::signals::Flag;
        // Pages read from an index are judged with the corpus, not reported.
        let shown: Vec<(&Analyzed, &Verdict)> = pages
            .iter()
            .zip(verdicts)
            .filter(|(p, _)| !p.from_index)
            .collect();
        let count = |f: Flag| shown.iter().filter(|(_, v)| v.flags.contains(&f)).count();
        Summary {
            pages: shown.len(),
            errors: shown.iter().filter(|(p, _)| !p.is_ok()).count(),
            copies: shown.iter().filter(|(_, v)| v.role == Role::Copy).count(),
            // The pages the reported copies copy, indexed ones included.
            originals: shown
                .iter()
                .filter_map(|(_, v)| v.copy_of.as_ref().map(|c| c.original))
                .collect::<std::collections::HashSet<_>>()
                .len(),
            flagged: shown.iter().filter(|(_, v)| !v.flags.is_empty()).count(),
            copy: count(Flag::Copy),
            junk_links: count(Flag::JunkLinks),
            date_mismatch: count(Flag::DateMismatch),
            skipped_files,
            skipped_records,
            seconds,
        }
    }

    /// The human summary printed on stderr.
    pub(crate) fn line(&self) -> String {
        let rate = if self.seconds > 0.0 {
            self.pages as f64 / self.seconds
        } else {
            0.0
        };
        format!(
            "{} ({}), {} of {}, {} flagged (copy {}, junk_links {}, date_mismatch {}), {} and {} skipped, {:.1}s, {:.0} pages/s",
            counted(self.pages, "page", "pages"),
            counted(self.errors, "error", "errors"),
            counted(self.copies, "copy", "copies"),
            counted(self.originals, "original", "originals"),
            self.flagged,
            self.copy,
            self.junk_links,
            self.date_mismatch,
            counted(self.skipped_files, "file", "files"),
            counted(self.skipped_records, "record", "records"),
            self.seconds,
            rate
        )
    }
}
