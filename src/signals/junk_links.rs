//! `junk_links`: the verdict on a page's junk-link measure
//! (`analyze::junk`), from the thresholds of the configuration.

use crate::analyze::junk::JunkTotals;
use crate::config::Config;

/// Whether the measure sets the flag: a real article with junk text at least
/// `junk_ratio` times its length, or a short one (a farm's excerpt) buried
/// under SHORT_BODY_FACTOR times that. The site's own rails count when the
/// page's story is `copied` from another page.
pub(crate) fn flagged(m: &JunkTotals, body_words: usize, copied: bool, cfg: &Config) -> bool {
    let ratio = m.ratio(copied);
    (body_words >= cfg.min_article_words && ratio >= cfg.junk_ratio)
        || (body_words >= short_body_words(cfg) && ratio >= SHORT_BODY_FACTOR * cfg.junk_ratio)
}

/// How much more junk a body under `min_article_words` must carry to be
/// flagged: short news items beside a site's long "latest news" feed reach
/// the plain ratio; a farm's excerpt under its clickbait goes well past it.
const SHORT_BODY_FACTOR: f64 = 2.5;

/// The shortest body judged for its links at all: below it a page is a
/// stub whose links say nothing about it.
fn short_body_words(cfg: &Config) -> usize {
    cfg.min_article_words / 2
}

/// The rule [`flagged`] applies to a body of `body_words`, in words a
/// person reads beside the page's ratio.
pub(crate) fn threshold(body_words: usize, cfg: &Config) -> String {
    if body_words >= cfg.min_article_words {
        format!("flag at {:.2}", cfg.junk_ratio)
    } else if body_words >= short_body_words(cfg) {
        format!(
            "a body under {} words is flagged only at {:.2}",
            cfg.min_article_words,
            SHORT_BODY_FACTOR * cfg.junk_ratio
        )
    } else {
        format!(
            "not judged: a body under {} words is a stub whose links say nothing about it",
            short_body_words(cfg)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_bodies_need_more_junk_and_stubs_are_not_judged() {
        let cfg = Config::default();
        let m = |junk_chars, body_chars| JunkTotals {
            junk_chars,
            rail_chars: 0,
            body_chars,
        };
        assert!(flagged(&m(600, 1000), 200, false, &cfg));
        assert!(
            !flagged(&m(600, 1000), 100, false, &cfg),
            "short: 0.6 is under 2.5 x 0.5"
        );
        assert!(flagged(&m(1300, 1000), 100, false, &cfg));
        assert!(
            !flagged(&m(5000, 1000), 30, false, &cfg),
            "a stub is never judged"
        );
        assert_eq!(threshold(200, &cfg), "flag at 0.50");
        assert!(threshold(100, &cfg).contains("flagged only at 1.25"));
        assert!(threshold(30, &cfg).starts_with("not judged"));
    }
}
