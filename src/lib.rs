//! farmscan finds content-farm pages in web crawls: pages whose article body
//! is a republished copy of another page's, padded with unrelated link lists
//! and given a false date.
//!
//! The pipeline, one module per stage: [`corpus`] (discover, read),
//! [`extract`], [`analyze`], [`matching`], [`judge`] with the [`signals`], and
//! [`report`]. [`pipeline`] runs the per-page stages in parallel; the
//! commands in [`commands`] put them together for the CLI.

pub mod address;
pub mod analyze;
pub mod atomic_file;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod extract;
pub mod fingerprint;
pub mod html_report;
pub mod judge;
pub mod matching;
pub mod pipeline;
pub mod records;
pub mod report;
pub mod script;
pub mod signals;
pub mod sites;
pub mod store;
pub mod summary;
