//! farmscan finds content-farm pages in web crawls: pages whose article body
//! is a republished copy of another page's, padded with unrelated link lists
//! and given a false date.
//!
//! The pipeline, one module per stage: [`corpus`] (discover, read),
//! [`extract`], [`analyze`], [`matching`], [`judge`] with the [`signals`], and
//! [`report`]. [`pipeline`] runs the per-page stages in parallel; the
//! commands in [`commands`] put them together for the CLI.

pub(crate) mod address;
pub mod analyze;
pub(crate) mod atomic_file;
pub(crate) mod calendar;
pub(crate) mod cli;
pub mod commands;
pub(crate) mod config;
pub(crate) mod content_words;
pub mod corpus;
pub mod extract;
pub mod fingerprint;
pub(crate) mod interrupt;
pub(crate) mod judge;
pub mod matching;
pub(crate) mod pipeline;
#[cfg(feature = "python")]
mod python;
pub(crate) mod records;
pub(crate) mod report;
pub(crate) mod script;
pub(crate) mod signals;
pub(crate) mod spill;
pub(crate) mod store;
#[cfg(test)]
pub(crate) mod test_pages;
pub(crate) mod wording;
