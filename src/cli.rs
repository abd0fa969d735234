//! Command-line definitions: every flag documented once, here.

use crate::config::Config;
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find content-farm pages in a web crawl: republished copies of other
/// pages' stories, padded with unrelated link lists and given false dates.
#[derive(Debug, Parser)]
#[command(name = "farmscan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan a corpus and write one report row per page (CSV by default).
    Scan(ScanArgs),
    /// Scan for a pipeline: exit 0 when the flagged pages are within
    /// --max-flagged, 1 when over it, 2 on error; prints a JSON summary.
    Check(CheckArgs),
    /// Print what farmscan read from each page (title, dates, body, link lists).
    Extract(ExtractArgs),
    /// Explain, for a person, why one page got its flags.
    Explain(ExplainArgs),
}

/// Options shared by `scan` and `check`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan (directories are walked recursively;
    /// hidden files are skipped and symlinks are not followed).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the page report here instead of stdout ("-" is stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,

    /// Also write one CSV row per copy: copy,original,hamming,similarity,shared_paragraphs.
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,

    /// Pages that are originals by definition (a wire feed, a publisher's
    /// archive): matched against, never flagged. May be repeated.
    #[arg(long, value_name = "PATH")]
    pub originals: Vec<PathBuf>,

    /// Worker threads (default: one per core). The report is the same for any number.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,

    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub thresholds: Thresholds,
}

/// Thresholds that decide verdicts.
#[derive(Debug, Args)]
pub struct Thresholds {
    /// Share of a page's body that must be found in another page for it to
    /// be a copy (0 to 1).
    #[arg(long, value_name = "X", default_value_t = Config::default().min_similarity)]
    pub min_similarity: f64,

    /// SimHash bits two bodies may differ in to be compared as near-duplicates.
    #[arg(long, value_name = "BITS", default_value_t = Config::default().hamming_radius)]
    pub hamming_radius: u32,

    /// Junk link characters per body character at which a page is flagged junk_links.
    #[arg(long, value_name = "X", default_value_t = Config::default().junk_ratio)]
    pub junk_ratio: f64,

    /// Days a copy's date may trail its original's before it is flagged date_mismatch (stale).
    #[arg(long, value_name = "DAYS", default_value_t = Config::default().stale_days)]
    pub stale_days: i64,

    /// Largest size one file may decompress to, in bytes; larger files get an error row.
    #[arg(long, value_name = "BYTES", default_value_t = Config::default().max_bytes)]
    pub max_bytes: u64,
}

impl Thresholds {
    pub fn config(&self) -> Result<Config, String> {
        if !(0.0..=1.0).contains(&self.min_similarity) {
            return Err("--min-similarity must be between 0 and 1".into());
        }
        if self.hamming_radius > 63 {
            return Err("--hamming-radius must be below 64".into());
        }
        Ok(Config {
            min_similarity: self.min_similarity,
            hamming_radius: self.hamming_radius,
            junk_ratio: self.junk_ratio,
            stale_days: self.stale_days,
            max_bytes: self.max_bytes,
            ..Config::default()
        })
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub scan: ScanArgs,

    /// Most flagged pages allowed: a count (3) or a share of all pages (2.5%).
    #[arg(long, value_name = "N|P%", default_value = "0")]
    pub max_flagged: String,

    /// Flags that count towards --max-flagged (comma-separated).
    #[arg(
        long,
        value_name = "FLAG,...",
        value_delimiter = ',',
        default_value = "copy,junk_links,date_mismatch"
    )]
    pub fail_on: Vec<String>,
}

/// How `extract` prints pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or directories to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: readable text, or one JSON object per page.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,

    /// Worker threads (default: one per core).
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The page to explain.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Another page to compare it with: how much of FILE it holds, and which paragraphs.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,
}
