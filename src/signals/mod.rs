//! Judge: the three flags, one module each, and the page verdict they make.

pub(crate) mod copy;
pub(crate) mod date_mismatch;
pub(crate) mod farm_site;
pub(crate) mod junk_links;

use serde::Serialize;

/// A flag a page can carry, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Flag {
    Copy,
    JunkLinks,
    DateMismatch,
}

impl Flag {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Flag::Copy => "copy",
            Flag::JunkLinks => "junk_links",
            Flag::DateMismatch => "date_mismatch",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Flag> {
        [Flag::Copy, Flag::JunkLinks, Flag::DateMismatch]
            .into_iter()
            .find(|f| f.name() == s)
    }
}
