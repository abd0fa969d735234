//! `farmscan settings`: every threshold, its default and its meaning, as a
//! configuration file a user saves and edits.

use crate::config::settings;
use std::fmt::Write;

/// The configuration file of the defaults, each key under its meaning and
/// the flag that overrides it.
pub(crate) fn text() -> String {
    let mut out = String::from(
        "# farmscan's thresholds and their defaults. Save as farmscan.toml in the\n\
         # folder you scan from (or give it with --config FILE) and change what you\n\
         # need; a flag given on the command line overrides the file.\n",
    );
    for s in settings() {
        let _ = write!(
            out,
            "\n# {} (--{} {})\n{} = {}\n",
            s.help,
            s.name.replace('_', "-"),
            s.value,
            s.name,
            s.default
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, FileConfig};

    #[test]
    fn the_printed_defaults_read_back_as_the_defaults() {
        let file: FileConfig = toml::from_str(&super::text()).expect("a valid configuration file");
        let read = format!("{:?}", file.apply(Config::default()));
        assert_eq!(read, format!("{:?}", Config::default()));
        assert!(
            file.min_similarity_given.is_some(),
            "every setting is written"
        );
        assert!(file.max_bytes.is_some());
    }
}
