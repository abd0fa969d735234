//! Thresholds that decide verdicts, in one place so the CLI, a config file
//! and the tests all set the same knobs.

/// Every tunable of a scan, with defaults chosen by measurement.
#[derive(Debug, Clone)]
pub struct Config {
    /// SimHash bits two bodies may differ in and still be candidate copies.
    pub hamming_radius: u32,
    /// Share of a page's shingles found in another page for it to be a copy.
    pub min_similarity: f64,
    /// Fewest shingles a page must share with another to be a copy, so a
    /// common quotation alone is not enough.
    pub min_shared_shingles: usize,
    /// Junk link characters per body character at which `junk_links` is set.
    pub junk_ratio: f64,
    /// Words a body needs to count as an article (pages without one are not
    /// judged for their links).
    pub min_article_words: usize,
    /// Days a copy's date may trail its original's before it is stale.
    pub stale_days: i64,
    /// Days a page's own date fields may disagree.
    pub inconsistent_days: i64,
    /// Cap on bytes one file may decompress to.
    pub max_bytes: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            hamming_radius: 3,
            min_similarity: 0.5,
            min_shared_shingles: 20,
            junk_ratio: 0.5,
            min_article_words: 80,
            stale_days: 7,
            inconsistent_days: 7,
            max_bytes: crate::corpus::DEFAULT_MAX_BYTES,
        }
    }
}
