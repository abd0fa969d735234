//! `junk_links`: the verdict on a page's junk-link measure
//! (`analyze::junk`), from the thresholds of the configuration.

use crate::analyze::junk::JunkTotals;
use crate::config::Config;

/// Whether the measure sets the flag: a real article with junk text at least
/// `junk_ratio` times its length, or a short one (a farm's excerpt) buried
/// under SHORT_BODY_FACTOR times that.
pub(crate) fn flagged(m: &JunkTotals, body_words: usize, cfg: &Config) -> bool {
    let ratio = m.ratio();
    (body_words >= cfg.min_article_words && ratio >= cfg.junk_ratio)
        || (body_words >= short_body_words(cfg) && ratio >= SHORT_BODY_FACTOR * cfg.junk_ratio)
}

/// How much more junk a body under `min_article_words` must carry to be
/// flagged: short news items beside a site's long "latest news" feed reach
/// the plain ratio; a farm's excerpt under its clickbait goes well past it.
pub(crate) const SHORT_BODY_FACTOR: f64 = 2.5;

/// The shortest body judged for its links at all: below it a page is a
/// stub whose links say nothing about it.
pub(crate) fn short_body_words(cfg: &Config) -> usize {
    cfg.min_article_words / 2
}
