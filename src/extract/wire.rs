//! Wire credits: which news agency a body says it comes from.
//!
//! The list of services lives in `data/wire_services.tsv` so adding one is a
//! data change. A dateline tag (`SEOUL (AP) —`) is only trusted near the top
//! of the story, where wire copy puts it; credit phrases may stand anywhere.

use std::sync::OnceLock;

/// One wire service as listed in the data file.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub(crate) struct WireService {
    pub name: String,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Matched case-insensitively; kept lowercase.
    #[serde(default)]
    pub phrases: Vec<String>,
}

/// The services in use for this process: the built-in list, plus any a
/// configuration file adds before the first page is read.
static SERVICES: OnceLock<Vec<WireService>> = OnceLock::new();

fn builtin() -> Vec<WireService> {
    parse_services(include_str!("../../data/wire_services.tsv"))
}

/// The wire services in use.
pub(crate) fn services() -> &'static [WireService] {
    SERVICES.get_or_init(builtin)
}

/// Adds services to the built-in list; must come before any page is read.
/// The same list again is no change (the Python module runs many scans in
/// one process, each reading its configuration); another list is an error.
pub(crate) fn add_services(extra: Vec<WireService>) -> Result<(), String> {
    let mut all = builtin();
    all.extend(extra);
    if *SERVICES.get_or_init(|| all.clone()) == all {
        Ok(())
    } else {
        Err("the wire services are set once per process and were already in use: start a new process to use other ones".into())
    }
}

/// Parses the tab-separated service list; `#` lines are comments.
pub(crate) fn parse_services(text: &str) -> Vec<WireService> {
    let split = |s: Option<&str>, sep: char| -> Vec<String> {
        s.unwrap_or("")
            .split(sep)
            .map(|x| x.trim().to_string())
            .filter(|x| !x.is_empty())
            .collect()
    };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim().to_string();
            let domains = split(cols.next(), ',');
            let tags = split(cols.next(), ',');
            let phrases = split(cols.next(), '|')
                .into_iter()
                .map(|p| p.to_lowercase())
                .collect();
            WireService {
                name,
                domains,
                tags,
                phrases,
            }
        })
        .filter(|s| !s.name.is_empty())
        .collect()
}

/// How far into the body a dateline tag counts (a lede's first sentence).
const DATELINE_WINDOW: usize = 400;

/// The wire service credited in a body, if any.
pub(crate) fn credited(body: &str) -> Option<&'static str> {
    let head: String = body.chars().take(DATELINE_WINDOW).collect();
    for s in services() {
        if s.tags.iter().any(|t| has_tag(&head, t)) {
            return Some(&s.name);
        }
    }
    let lower = body.to_lowercase();
    services()
        .iter()
        .find(|s| s.phrases.iter().any(|p| lower.contains(p.as_str())))
        .map(|s| s.name.as_str())
}

/// `(TAG)` as a dateline writes it, allowing `(AP Photo)` not to count.
fn has_tag(text: &str, tag: &str) -> bool {
    let needle = format!("({tag})");
    text.contains(&needle)
}

/// The built-in name of a wire service named `name`, if it is one.
pub(crate) fn known(name: &str) -> Option<&'static str> {
    services()
        .iter()
        .find(|s| s.name == name)
        .map(|s| s.name.as_str())
}

/// The wire service whose own site serves `url`, if any.
pub(crate) fn service_for_url(url: &str) -> Option<&'static str> {
    let host = crate::address::url_host(url)?;
    services()
        .iter()
        .find(|s| {
            s.domains
                .iter()
                .any(|d| host == *d || host.ends_with(&format!(".{d}")))
        })
        .map(|s| s.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_in_use_are_given_again_freely_but_never_changed() {
        // The built-in list (no extra services) is what every other test
        // uses, so this test leaves the process as it found it.
        add_services(Vec::new()).unwrap();
        add_services(Vec::new()).unwrap();
        let extra = WireService {
            name: "Harbor Wire".into(),
            domains: vec![],
            tags: vec![],
            phrases: vec!["(harbor wire)".into()],
        };
        let refused = add_services(vec![extra]).unwrap_err();
        assert!(refused.contains("once per process"), "{refused}");
        assert_eq!(services(), builtin().as_slice());
    }

    #[test]
    fn datelines_credit_their_service() {
        assert_eq!(
            credited("SEOUL, South Korea (AP) — A North Korean train"),
            Some("AP")
        );
        assert_eq!(
            credited("LONDON (Reuters) - Britain's economy"),
            Some("Reuters")
        );
        assert_eq!(credited("PARIS, Jan 1 (AFP) - France"), Some("AFP"));
    }

    #[test]
    fn credit_lines_at_the_end_count() {
        let body = "The council voted.\n\nThe Associated Press contributed to this report.";
        assert_eq!(credited(body), Some("AP"));
    }

    #[test]
    fn photo_credits_and_plain_text_do_not() {
        assert_eq!(
            credited("A man walks (AP Photo/Jae C. Hong) in Seoul."),
            None
        );
        assert_eq!(credited("Nothing here names an agency."), None);
    }

    #[test]
    fn wire_sites_are_known_by_domain() {
        assert_eq!(service_for_url("https://apnews.com/article/x"), Some("AP"));
        assert_eq!(
            service_for_url("https://www.reuters.com/world/"),
            Some("Reuters")
        );
        assert_eq!(service_for_url("https://example.com/"), None);
    }
}
