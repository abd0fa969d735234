//! Command-line definitions: every flag documented once, here.

use crate::config::{Config, FileConfig, ThresholdArgs};
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Find content-farm pages in a web crawl: republished copies of other
/// pages' stories, padded with unrelated link lists and given false dates.
#[derive(Debug, Parser)]
#[command(name = "farmscan", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Scan a corpus and write one report row per page (CSV by default).
    Scan(ScanArgs),
    /// Scan for a pipeline: exit 0 when the flagged pages are within
    /// --max-flagged, 1 when over it, 2 on error; prints a JSON summary
    /// (on stderr when `-o -` puts the report on stdout).
    Check(CheckArgs),
    /// Print what farmscan read from each page (title, dates, body, link lists).
    Extract(ExtractArgs),
    /// Explain, for a person, why one page got its flags.
    Explain(ExplainArgs),
    /// Write each page's fingerprint record (JSON Lines): all that matching
    /// and judging need, so shards can be fingerprinted anywhere.
    Fingerprint(FingerprintArgs),
    /// Judge pages from fingerprint records and write the page report, as
    /// `scan` would for the pages they came from.
    Judge(JudgeArgs),
    /// Keep a persistent index of originals to check later crawls against.
    #[command(subcommand)]
    Index(IndexCommand),
    /// Print every threshold with its default and meaning, as a
    /// configuration file to save as farmscan.toml and edit.
    Settings,
    /// Run one corpus-wide step of a scan spread over many machines (the
    /// Spark job): reads KEY<TAB>VALUE lines gathered by key, writes lines
    /// to gather by key for the next step.
    Distributed(DistributedArgs),
}

#[derive(Debug, Args)]
pub(crate) struct DistributedArgs {
    /// The step to run.
    #[arg(value_enum)]
    pub step: crate::commands::distributed::Step,

    /// Files of KEY<TAB>VALUE lines (default: standard input); for the
    /// files step, the PATHs to walk.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Write the lines here instead of stdout ("-" is stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report format, for the judge and report steps (CSV or JSON Lines).
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Csv)]
    pub format: Format,

    /// Pages of the whole corpus that can match (the sum of the trim
    /// step's `eligible` lines), for the candidates step.
    #[arg(long, value_name = "N")]
    pub eligible: Option<usize>,

    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Args)]
#[command(
    override_usage = "farmscan fingerprint [OPTIONS] <PATH>...\n       farmscan fingerprint [OPTIONS] --originals <PATH> [PATH]..."
)]
pub(crate) struct FingerprintArgs {
    /// Files or directories to fingerprint: at least one, unless
    /// --originals names some.
    #[arg(required_unless_present = "originals", value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the records here instead of stdout ("-" is stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Pages that are originals by definition (a wire feed, a publisher's
    /// archive), fingerprinted as such, as `scan --originals PATH` takes
    /// them. May be repeated.
    #[arg(long, value_name = "PATH")]
    pub originals: Vec<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Args)]
pub(crate) struct JudgeArgs {
    /// Fingerprint record files (from `farmscan fingerprint`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Write the report here instead of stdout ("-" is stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Csv)]
    pub format: Format,

    /// The records' site boilerplate was already left out (by a job that
    /// saw the whole corpus): do not look for it again among these pages.
    #[arg(long)]
    pub trimmed: bool,

    /// Judge the pages of each record group (the records' `group` field)
    /// apart from the others, as one job's connected components.
    #[arg(long)]
    pub by_group: bool,

    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Subcommand)]
pub(crate) enum IndexCommand {
    /// Fingerprint pages into the index (created if missing); a page
    /// already there is kept once.
    Add(Box<IndexAddArgs>),
    /// Print what the index holds.
    Stats(IndexStatsArgs),
}

#[derive(Debug, Args)]
pub(crate) struct IndexAddArgs {
    /// Files or directories of original pages (a wire feed, a publisher's archive).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The index database file.
    #[arg(long, value_name = "DB", required = true)]
    pub db: PathBuf,

    #[command(flatten)]
    pub run: RunArgs,

    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Args)]
pub(crate) struct IndexStatsArgs {
    /// The index database file.
    #[arg(long, value_name = "DB", required = true)]
    pub db: PathBuf,
}

/// Options shared by `scan` and `check`.
#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Files or directories to scan (directories are walked recursively;
    /// hidden files are skipped and symlinks are not followed).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the page report here instead of stdout ("-" is stdout).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Report format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = Format::Csv)]
    pub format: Format,

    /// Also write one row per copy: copy,original,hamming,similarity,shared_paragraphs.
    /// CSV, or Parquet when FILE ends in .parquet; a name ending in
    /// neither follows --format (Parquet with parquet, else CSV).
    #[arg(long, value_name = "FILE")]
    pub pairs: Option<PathBuf>,

    /// Also write one row per site (registrable domain, or folder when no
    /// URL is known): pages, copies, flags, lags, farm share. CSV, or
    /// Parquet when FILE ends in .parquet; a name ending in neither
    /// follows --format (Parquet with parquet, else CSV).
    #[arg(long, value_name = "FILE")]
    pub sites: Option<PathBuf>,

    /// Also write a self-contained HTML report (totals, sites, charts,
    /// explanations of flagged pages) to open in a browser and send.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Pages that are originals by definition (a wire feed, a publisher's
    /// archive): matched against, never flagged. May be repeated.
    #[arg(long, value_name = "PATH")]
    pub originals: Vec<PathBuf>,

    /// An originals index made with `farmscan index add`: its pages are
    /// matched against like --originals, and not reported. Only the indexed
    /// pages that may match a page of the scan are loaded.
    #[arg(long, value_name = "DB")]
    pub index: Option<PathBuf>,

    #[command(flatten)]
    pub run: RunArgs,

    #[command(flatten)]
    pub settings: Settings,
}

/// How a run works, for every command that reads a corpus.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    #[command(flatten)]
    pub jobs: Jobs,

    /// No progress bar and no summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,

    #[command(flatten)]
    pub today: Today,
}

/// `-j`: how many worker threads read and analyse pages.
#[derive(Debug, Args)]
pub(crate) struct Jobs {
    /// Worker threads (default: one per core). The output is the same for any number.
    #[arg(short = 'j', long = "jobs", value_name = "N")]
    pub jobs: Option<usize>,
}

/// `--config`: the configuration file a command reads.
#[derive(Debug, Args)]
pub(crate) struct ConfigFile {
    /// A TOML file of thresholds, originals and extra wire services
    /// (default: farmscan.toml in the working directory, if present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `--today`: the day a run takes as the latest a page can tell of.
#[derive(Debug, Args)]
pub(crate) struct Today {
    /// The day of the scan (YYYY-MM-DD): no page is taken to tell of a
    /// later day. Without it, a page is bounded by its crawl date (WARC-Date,
    /// JSONL `date`) plus a year, or else by the day its file was last
    /// written, so the report does not change with the day it is made.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
}

/// The configuration file and the thresholds: the same for every command
/// that reads or judges pages, so each reaches the verdict `scan` would.
#[derive(Debug, Args)]
pub(crate) struct Settings {
    #[command(flatten)]
    pub config: ConfigFile,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,
}

impl Settings {
    /// Reads the configuration file and puts the flags over it, before any
    /// page is read: the file (for its originals) and the run's
    /// configuration. The file's wire services join the built-in ones.
    pub(crate) fn load(&self) -> Result<(FileConfig, Config), String> {
        let file = FileConfig::load(self.config.config.as_deref())?;
        if !file.wire.is_empty() {
            crate::extract::wire::add_services(file.wire.clone())?;
        }
        let cfg = self.thresholds.config(&file)?;
        Ok((file, cfg))
    }

    /// As [`Settings::load`], for a command that reads pages: with the day
    /// of the scan, which bounds the dates they can tell of.
    pub(crate) fn load_on(&self, today: &Today) -> Result<(FileConfig, Config), String> {
        let (file, mut cfg) = self.load()?;
        cfg.today = today.today;
        Ok((file, cfg))
    }
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub scan: ScanArgs,

    /// Most flagged pages allowed: a count (3) or a share of the pages checked
    /// (2.5%); pages from --index are not counted.
    #[arg(
        long,
        value_name = "N|P%",
        default_value = "0",
        allow_hyphen_values = true
    )]
    pub max_flagged: String,

    /// Flags that count towards --max-flagged (comma-separated): copy,
    /// junk_links, date_mismatch, and error for pages that could not be read.
    #[arg(
        long,
        value_name = "FLAG,...",
        value_delimiter = ',',
        default_value = "copy,junk_links,date_mismatch"
    )]
    pub fail_on: Vec<String>,
}

/// `--format`'s values and what `--help` says of each.
impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Csv, Format::Jsonl, Format::Parquet]
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        use clap::builder::PossibleValue;
        Some(match self {
            Format::Csv => PossibleValue::new("csv").help("CSV with a header row"),
            Format::Jsonl => PossibleValue::new("jsonl")
                .help("One JSON object per line; lists as arrays, absent values as null"),
            Format::Parquet => PossibleValue::new("parquet")
                .help("Parquet with typed columns (dates as dates, flags as lists)"),
        })
    }
}

/// How `extract` prints pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExtractFormat {
    Text,
    Jsonl,
}

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Files or directories to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: readable text, or one JSON object per page.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ExtractFormat::Text)]
    pub format: ExtractFormat,

    #[command(flatten)]
    pub jobs: Jobs,

    #[command(flatten)]
    pub today: Today,

    /// Read with the configuration's size limit and wire services.
    #[command(flatten)]
    pub settings: Settings,
}

#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The page to explain: a page file, or one record of a WARC or JSON
    /// Lines file as the report names it (`crawl.warc.gz#3`).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Another page to compare it with: how much of FILE it holds, and which paragraphs.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,

    /// The corpus FILE was scanned in: its pages are judged together with
    /// FILE, so the verdict is the one `scan` gives. Without it, FILE is
    /// judged alone (with --against and the configuration's originals).
    /// May be repeated.
    #[arg(long, value_name = "PATH")]
    pub corpus: Vec<PathBuf>,

    /// The configuration and thresholds `scan` ran with, so the verdict is
    /// the one it gave.
    #[command(flatten)]
    pub settings: Settings,

    #[command(flatten)]
    pub today: Today,
}
