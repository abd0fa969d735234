//! Thresholds that decide verdicts, in one place so the CLI, a config file
//! and the tests all set the same knobs.

/// Every tunable of a scan, with defaults chosen by measurement.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// SimHash bits two bodies may differ in and still be candidate copies.
    /// 3 of 64 is Manku et al.'s near-duplicate radius; passage keys find
    /// the edited copies beyond it, so on the realistic corpus (seed 1,
    /// `scripts/eval-matching --real`) radii 1 to 6 give the same figures:
    /// the radius trades blocking work, not accuracy, there.
    pub hamming_radius: u32,
    /// Share of a page's shingles found in another page for it to be a copy.
    /// On the realistic corpus (seed 1): 0.4 judges a second legitimate page
    /// a copy (precision 0.992 -> 0.987), 0.6 misses excerpts (recall 0.987
    /// -> 0.983, real originals kept 158 -> 157 of 160).
    pub min_similarity: f64,
    /// Share of a page's shingles found in a given original (`--originals`,
    /// the index) for it to be a copy: a wire feed or an archive is known
    /// to be a source, so a page pasted together from a third of one of its
    /// stories is already a copy.
    pub min_similarity_given: f64,
    /// Fewest shingles a page must share with another to be a copy, so a
    /// common quotation alone is not enough. 10 to 40 give the same figures
    /// on the realistic corpus (seed 1), whose shortest excerpts share far
    /// more: 20 is a quotation of about twenty words.
    pub min_shared_shingles: usize,
    /// Share of each other's body two pages of one site must hold to be
    /// copies: pages of one site share template text (category, tag and
    /// catalogue pages), so only the same story served twice counts.
    pub min_same_site_similarity: f64,
    /// Junk link characters per body character at which `junk_links` is set.
    pub junk_ratio: f64,
    /// Words a body needs to count as an article (pages without one are not
    /// judged for their links). 120, calibrated on the legitimate pages of
    /// the evaluation data: short news items beside long "latest news"
    /// feeds were most of the false junk_links flags.
    pub min_article_words: usize,
    /// Days a copy's date may trail its original's before it is stale: a
    /// weekly paper running a story in its next issue is not. 3 to 14 leave
    /// the legitimate pages' date_mismatch share unchanged (0.16%, seed 1
    /// of the realistic corpus); it decides among copies only.
    pub stale_days: i64,
    /// Days a page's own date fields may disagree: updates within a week
    /// are routine. 3 to 30 leave the legitimate pages' share unchanged
    /// (0.16%, seed 1 of the realistic corpus).
    pub inconsistent_days: i64,
    /// Cap on bytes one file may decompress to.
    pub max_bytes: u64,
    /// Sites (registrable domains) whose stories this crawl may republish
    /// under licence: a copy of one of their pages keeps its role and
    /// original but is not flagged `copy`.
    pub licensed: Vec<String>,
    /// Leave paragraphs a site repeats on many pages out of matching. Off
    /// when the pages were trimmed already (a distributed job does it
    /// across the whole corpus before judging groups).
    pub site_boilerplate: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            hamming_radius: 3,
            min_similarity: 0.5,
            min_similarity_given: 1.0 / 3.0,
            min_shared_shingles: 20,
            min_same_site_similarity: 0.8,
            junk_ratio: 0.5,
            min_article_words: 120,
            stale_days: 7,
            inconsistent_days: 7,
            max_bytes: crate::corpus::DEFAULT_MAX_BYTES,
            licensed: Vec::new(),
            site_boilerplate: true,
        }
    }
}

impl Config {
    /// Refuses thresholds that make no sense, wherever they came from (a
    /// flag or the configuration file): NaN, infinities, negative values,
    /// shares above 1, a junk ratio of 0 (every link would be junk).
    pub(crate) fn validate(&self) -> Result<(), String> {
        let share = |name: &str, v: f64| {
            if v.is_finite() && (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(format!("{name} must be between 0 and 1, not {v}"))
            }
        };
        share("min_similarity", self.min_similarity)?;
        share("min_similarity_given", self.min_similarity_given)?;
        share("min_same_site_similarity", self.min_same_site_similarity)?;
        if !(self.junk_ratio.is_finite() && self.junk_ratio > 0.0) {
            return Err(format!(
                "junk_ratio must be a number above 0, not {}",
                self.junk_ratio
            ));
        }
        if self.hamming_radius > 63 {
            return Err(format!(
                "hamming_radius must be below 64, not {}",
                self.hamming_radius
            ));
        }
        for (name, days) in [
            ("stale_days", self.stale_days),
            ("inconsistent_days", self.inconsistent_days),
        ] {
            if days < 0 {
                return Err(format!("{name} must be 0 or more, not {days}"));
            }
        }
        if self.max_bytes == 0 {
            return Err("max_bytes must be above 0".into());
        }
        Ok(())
    }
}

/// A configuration file (`--config FILE`, or `farmscan.toml` in the working
/// directory): every field optional; command-line flags override it.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileConfig {
    pub hamming_radius: Option<u32>,
    pub min_similarity: Option<f64>,
    pub min_similarity_given: Option<f64>,
    pub min_shared_shingles: Option<usize>,
    pub junk_ratio: Option<f64>,
    pub min_article_words: Option<usize>,
    pub stale_days: Option<i64>,
    pub inconsistent_days: Option<i64>,
    pub max_bytes: Option<u64>,
    /// Paths of pages that are originals by definition, added to `--originals`.
    #[serde(default)]
    pub originals: Vec<std::path::PathBuf>,
    /// Wire services added to the built-in list.
    #[serde(default)]
    pub wire: Vec<crate::extract::wire::WireService>,
    /// Syndication partners: domains whose stories may be republished
    /// (copies of their pages are not flagged `copy`).
    #[serde(default)]
    pub licensed: Vec<String>,
}

/// The name of the configuration file read from the working directory.
pub(crate) const DEFAULT_FILE: &str = "farmscan.toml";

impl FileConfig {
    /// Reads `path`, or `farmscan.toml` in the working directory when no
    /// path is given and that file exists.
    pub(crate) fn load(path: Option<&std::path::Path>) -> Result<FileConfig, String> {
        let path = match path {
            Some(p) => p.to_path_buf(),
            None if std::path::Path::new(DEFAULT_FILE).is_file() => {
                // Found, not named: say so, or its thresholds would change
                // verdicts unseen.
                eprintln!("farmscan: using {DEFAULT_FILE} from the working directory");
                DEFAULT_FILE.into()
            }
            None => return Ok(FileConfig::default()),
        };
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut file: FileConfig =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        file.apply(Config::default())
            .validate()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for w in &mut file.wire {
            w.phrases.iter_mut().for_each(|p| *p = p.to_lowercase());
        }
        // Paths in the file are the file's own: relative to its folder, as
        // wherever the command runs from.
        let folder = path.parent().unwrap_or(std::path::Path::new(""));
        for o in &mut file.originals {
            if o.is_relative() {
                *o = folder.join(&*o);
            }
        }
        Ok(file)
    }

    /// The defaults with this file's values over them.
    pub(crate) fn apply(&self, mut cfg: Config) -> Config {
        macro_rules! set {
            ($($f:ident),*) => { $( if let Some(v) = self.$f { cfg.$f = v; } )* };
        }
        set!(
            hamming_radius,
            min_similarity,
            min_similarity_given,
            min_shared_shingles,
            junk_ratio,
            min_article_words,
            stale_days,
            inconsistent_days,
            max_bytes
        );
        if !self.licensed.is_empty() {
            cfg.licensed = self
                .licensed
                .iter()
                .map(|d| d.trim().trim_start_matches("www.").to_ascii_lowercase())
                .collect();
        }
        cfg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_values_override_defaults_and_unknown_keys_are_errors() {
        let file: FileConfig = toml::from_str(
            "junk_ratio = 0.8\nstale_days = 30\noriginals = [\"feed\"]\n[[wire]]\nname = \"ANP\"\ntags = [\"ANP\"]\n",
        )
        .unwrap();
        let cfg = file.apply(Config::default());
        assert_eq!(cfg.junk_ratio, 0.8);
        assert_eq!(cfg.stale_days, 30);
        assert_eq!(cfg.hamming_radius, Config::default().hamming_radius);
        assert_eq!(file.wire[0].tags, ["ANP"]);
        assert!(toml::from_str::<FileConfig>("junk_ration = 1").is_err());
    }
}
