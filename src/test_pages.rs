//! Made-up pages for unit tests: paragraphs of random words that no two
//! seeds share, so a test controls exactly which text pages have in common.

use crate::analyze::Analyzed;
use crate::corpus::{PageStatus, Source};

/// A paragraph of 40 made-up words, its own for each seed.
pub(crate) fn para(seed: u64) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..40)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("w{}", x % 1_000_000)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A page read from `url` (its path too) whose body is `paras`.
pub(crate) fn page(url: &str, paras: &[String]) -> Analyzed {
    let mut p = Analyzed::bare(Source::file(url), PageStatus::Ok, false);
    p.url = Some(url.into());
    p.print = crate::fingerprint::fingerprint(paras);
    p
}
