//! Thresholds that decide verdicts, in one place so the CLI, a config file
//! and the tests all set the same knobs.

/// Declares every threshold and size limit once: its meaning for engineers
/// (doc comments), its type, default, range check, and the words and value
/// name `--help` shows. From this one list come the fields of [`Config`],
/// the optional keys of the configuration file ([`FileConfig`]), the flags
/// of every command that reads or judges pages ([`ThresholdArgs`]) and the
/// list the Python package and the Spark job forward ([`SETTINGS`]).
macro_rules! settings {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $default:expr, $check:ident, $value:literal, $help:literal;
    )*) => {
        /// Every tunable of a scan, with defaults chosen by measurement.
        #[derive(Debug, Clone)]
        pub(crate) struct Config {
            $( $(#[doc = $doc])* pub $name: $ty, )*
            /// Sites (registrable domains) whose stories this crawl may
            /// republish under licence: a copy of one of their pages keeps
            /// its role and original but is not flagged `copy`.
            pub licensed: Vec<String>,
            /// The day of the scan (`--today`): no page is taken to tell
            /// of a later one. Unset, each page is bounded by its crawl or
            /// file date (`calendar::latest_for`).
            pub today: Option<chrono::NaiveDate>,
            /// Leave paragraphs a site repeats on many pages out of
            /// matching. Off when the pages were trimmed already (a
            /// distributed job does it across the whole corpus before
            /// judging groups).
            pub site_boilerplate: bool,
        }

        impl Default for Config {
            fn default() -> Self {
                Config {
                    $( $name: $default, )*
                    licensed: Vec::new(),
                    today: None,
                    site_boilerplate: true,
                }
            }
        }

        impl Config {
            /// Refuses thresholds that make no sense, wherever they came
            /// from (a flag or the configuration file).
            pub(crate) fn validate(&self) -> Result<(), String> {
                $( $check(stringify!($name), self.$name)?; )*
                Ok(())
            }
        }

        /// A configuration file (`--config FILE`, or `farmscan.toml` in the
        /// working directory): every field optional; command-line flags
        /// override it.
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct FileConfig {
            $( pub $name: Option<$ty>, )*
            /// Paths of pages that are originals by definition, added to
            /// `--originals`.
            #[serde(default)]
            pub originals: Vec<std::path::PathBuf>,
            /// Wire services added to the built-in list.
            #[serde(default)]
            pub wire: Vec<crate::extract::wire::WireService>,
            /// Syndication partners: domains whose stories may be
            /// republished (copies of their pages are not flagged `copy`).
            #[serde(default)]
            pub licensed: Vec<String>,
        }

        /// The thresholds as flags. Each overrides the configuration file,
        /// which overrides the default.
        #[derive(Debug, Default, clap::Args)]
        pub(crate) struct ThresholdArgs {
            $(
                #[arg(long, value_name = $value, allow_negative_numbers = true,
                      help = with_default::<$ty>($help, $default))]
                pub $name: Option<$ty>,
            )*
        }

        impl ThresholdArgs {
            /// `cfg` with the flags given over it.
            fn apply(&self, mut cfg: Config) -> Config {
                $( if let Some(v) = self.$name { cfg.$name = v; } )*
                cfg
            }
        }

        impl FileConfig {
            /// `cfg` with this file's values over it.
            fn apply_values(&self, mut cfg: Config) -> Config {
                $( if let Some(v) = self.$name { cfg.$name = v; } )*
                cfg
            }
        }

        /// Every setting with its default, in the order `--help` lists
        /// them: what `farmscan settings` prints and the keywords the
        /// Python package forwards as flags.
        pub(crate) fn settings() -> Vec<Setting> {
            let d = Config::default();
            vec![ $( Setting {
                name: stringify!($name),
                value: $value,
                help: $help,
                default: d.$name.to_string(),
            }, )* ]
        }
    };
}

/// One setting as the command line names it.
#[derive(Debug)]
pub(crate) struct Setting {
    /// The configuration file's key; the flag is it with `-` for `_`.
    pub name: &'static str,
    /// The flag's value name (`X`, `DAYS`).
    pub value: &'static str,
    pub help: &'static str,
    /// The default as TOML writes it (full precision, so that a file of
    /// the defaults changes nothing).
    pub default: String,
}

settings! {
    /// SimHash bits two bodies may differ in and still be candidate copies.
    /// 3 of 64 is Manku et al.'s near-duplicate radius; passage keys find
    /// the edited copies beyond it, so on the realistic corpus (seed 1,
    /// `scripts/eval-matching --real`) radii 1 to 6 give the same figures:
    /// the radius trades blocking work, not accuracy, there.
    hamming_radius: u32 = 3, below_64, "BITS",
        "SimHash bits two bodies may differ in to be compared as near-duplicates";
    /// Share of a page's shingles found in another page for it to be a copy.
    /// On the realistic corpus (seed 1): 0.4 judges a second legitimate page
    /// a copy (precision 0.992 -> 0.987), 0.6 misses excerpts (recall 0.987
    /// -> 0.983, real originals kept 158 -> 157 of 160).
    min_similarity: f64 = 0.5, share, "X",
        "Share of a page's body that must be found in another page for it to be a copy, 0 to 1";
    /// Share of a page's shingles found in a given original (`--originals`,
    /// the index) for it to be a copy: a wire feed or an archive is known
    /// to be a source, so a page pasted together from a third of one of its
    /// stories is already a copy.
    min_similarity_given: f64 = 1.0 / 3.0, share, "X",
        "The same share for a page matched against a given original (`scan --originals`, `scan --index`): a page taking a third of its text from a wire feed's story is a copy";
    /// Fewest shingles a page must share with another to be a copy, so a
    /// common quotation alone is not enough. 10 to 40 give the same figures
    /// on the realistic corpus (seed 1), whose shortest excerpts share far
    /// more: 20 is a quotation of about twenty words.
    min_shared_shingles: usize = 20, any, "N",
        "Fewest word shingles a page must share with another to be a copy, so that a common quotation alone is not one";
    /// Share of each other's body two pages of one site must hold to be
    /// copies: pages of one site share template text (category, tag and
    /// catalogue pages), so only the same story served twice counts.
    min_same_site_similarity: f64 = 0.8, share, "X",
        "Share of each other's body two pages of one site must hold to be copies, 0 to 1 (pages of a site share its template)";
    /// Junk link characters per body character at which `junk_links` is set.
    junk_ratio: f64 = 0.5, above_zero, "X",
        "Junk link characters per body character at which a page is flagged junk_links";
    /// Words a body needs to count as an article (pages without one are not
    /// judged for their links). 120, calibrated on the legitimate pages of
    /// the evaluation data: short news items beside long "latest news"
    /// feeds were most of the false junk_links flags.
    min_article_words: usize = 120, any, "N",
        "Words a body needs to count as an article; shorter pages are not flagged junk_links";
    /// Days a copy's date may trail its original's before it is stale: a
    /// weekly paper running a story in its next issue is not. 3 to 14 leave
    /// the legitimate pages' date_mismatch share unchanged (0.16%, seed 1
    /// of the realistic corpus); it decides among copies only.
    stale_days: i64 = 7, not_negative, "DAYS",
        "Days a copy's date may trail its original's before it is flagged date_mismatch (stale)";
    /// Days a page's own date fields may disagree: updates within a week
    /// are routine. 3 to 30 leave the legitimate pages' share unchanged
    /// (0.16%, seed 1 of the realistic corpus).
    inconsistent_days: i64 = 7, not_negative, "DAYS",
        "Days a page's own date fields may disagree before it is flagged date_mismatch (inconsistent)";
    /// Cap on bytes one file may decompress to.
    max_bytes: u64 = crate::corpus::DEFAULT_MAX_BYTES, above_zero_bytes, "BYTES",
        "Largest size one page (a file, a WARC record, a JSON line) may decompress to, in bytes; larger ones get an error row";
}

/// `help` and the default, as `--help` shows them.
fn with_default<T: ShownDefault>(help: &str, default: T) -> String {
    format!("{help} [default: {}]", default.shown())
}

/// A default as a reader wants it: shares to three decimals.
trait ShownDefault {
    fn shown(&self) -> String;
}

impl ShownDefault for f64 {
    fn shown(&self) -> String {
        ((self * 1000.0).round() / 1000.0).to_string()
    }
}

macro_rules! shown_as_is {
    ($($t:ty),*) => { $( impl ShownDefault for $t { fn shown(&self) -> String { self.to_string() } } )* };
}
shown_as_is!(u32, u64, usize, i64);

// The range checks a setting names; each error names the setting.

fn share(name: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(format!("{name} must be between 0 and 1, not {v}"))
    }
}

/// Above 0: a junk ratio of 0 would make every link junk.
fn above_zero(name: &str, v: f64) -> Result<(), String> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(format!("{name} must be a number above 0, not {v}"))
    }
}

fn below_64(name: &str, v: u32) -> Result<(), String> {
    if v < 64 {
        Ok(())
    } else {
        Err(format!("{name} must be below 64, not {v}"))
    }
}

fn not_negative(name: &str, v: i64) -> Result<(), String> {
    if v >= 0 {
        Ok(())
    } else {
        Err(format!("{name} must be 0 or more, not {v}"))
    }
}

fn above_zero_bytes(name: &str, v: u64) -> Result<(), String> {
    if v > 0 {
        Ok(())
    } else {
        Err(format!("{name} must be above 0"))
    }
}

/// Any count is meaningful.
fn any(_: &str, _: usize) -> Result<(), String> {
    Ok(())
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
    pub(crate) fn apply(&self, cfg: Config) -> Config {
        let mut cfg = self.apply_values(cfg);
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

impl ThresholdArgs {
    /// The configuration: defaults, then the file, then these flags.
    pub(crate) fn config(&self, file: &FileConfig) -> Result<Config, String> {
        let cfg = self.apply(file.apply(Config::default()));
        cfg.validate()?;
        Ok(cfg)
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
