//! Where a date came from: the kind of evidence (a typed source that
//! decisions branch on) and the words that name the exact field or rule,
//! written `source:detail` in reports (`meta:article:published_time`,
//! `text:near-headline (json-ld:datePublished)`).

use std::fmt;

/// The kind of evidence a date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// Structured data: `<script type="application/ld+json">`.
    JsonLd,
    /// A `<meta>` tag of the head.
    Meta,
    /// A `<time>` element.
    Time,
    /// An element marked `itemprop`.
    Itemprop,
    /// The page's address.
    Url,
    /// The visible text (a date line, a date near the headline).
    Text,
    /// An element whose class names it a date.
    Class,
    /// A page restored from an originals index, with the rule it was
    /// indexed under.
    Index,
}

impl DateSource {
    fn word(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json-ld",
            DateSource::Meta => "meta",
            DateSource::Time => "time",
            DateSource::Itemprop => "itemprop",
            DateSource::Url => "url",
            DateSource::Text => "text",
            DateSource::Class => "class",
            DateSource::Index => "index",
        }
    }

    const ALL: [DateSource; 8] = [
        DateSource::JsonLd,
        DateSource::Meta,
        DateSource::Time,
        DateSource::Itemprop,
        DateSource::Url,
        DateSource::Text,
        DateSource::Class,
        DateSource::Index,
    ];
}

/// The rule behind a date: its source, the field or rule within it, and the
/// field that backs a shown day when one does.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "String", into = "String")]
pub struct DateRule {
    pub source: DateSource,
    /// The field (`article:published_time`) or rule (`near-headline`);
    /// empty for a source with a single rule (`url`, a bare `time`).
    pub detail: String,
    /// The field backing a day the page shows, which made it the
    /// publication date.
    pub backed_by: Option<Box<DateRule>>,
}

impl DateRule {
    pub(crate) fn new(source: DateSource, detail: &str) -> Self {
        DateRule {
            source,
            detail: detail.to_string(),
            backed_by: None,
        }
    }

    /// This rule, backed by another field's agreeing date.
    pub(crate) fn backed(self, by: DateRule) -> Self {
        DateRule {
            backed_by: Some(Box::new(by)),
            ..self
        }
    }

    /// Whether the date is the page's own first-publication field of this
    /// source and field (`is(Meta, "article:published_time")`).
    pub(crate) fn is(&self, source: DateSource, detail: &str) -> bool {
        self.source == source && self.detail == detail && self.backed_by.is_none()
    }
}

impl fmt::Display for DateRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.source, self.detail.is_empty()) {
            // An indexed page keeps the words of the rule it was indexed by.
            (DateSource::Index, _) => write!(f, "index: {}", self.detail)?,
            (s, true) => f.write_str(s.word())?,
            (s, false) => write!(f, "{}:{}", s.word(), self.detail)?,
        }
        if let Some(by) = &self.backed_by {
            write!(f, " ({by})")?;
        }
        Ok(())
    }
}

/// Reads a rule back from its written form (fingerprint records). Words of
/// no known source are kept whole as an indexed rule's.
impl From<String> for DateRule {
    fn from(s: String) -> Self {
        if let Some(inner) = s.strip_prefix("index: ") {
            return DateRule::new(DateSource::Index, inner);
        }
        let (own, backed) = match s.split_once(" (") {
            Some((own, rest)) => (own, rest.strip_suffix(')').map(|b| b.to_string())),
            None => (s.as_str(), None),
        };
        let (word, detail) = own.split_once(':').unwrap_or((own, ""));
        let Some(source) = DateSource::ALL.into_iter().find(|x| x.word() == word) else {
            return DateRule::new(DateSource::Index, &s);
        };
        let rule = DateRule::new(source, detail);
        match backed {
            Some(b) => rule.backed(DateRule::from(b)),
            None => rule,
        }
    }
}

impl From<DateRule> for String {
    fn from(r: DateRule) -> Self {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_back_as_written() {
        for written in [
            "meta:article:published_time",
            "json-ld:datePublished",
            "url",
            "time",
            "text:near-headline (json-ld:datePublished)",
            "index: meta:date",
        ] {
            let rule = DateRule::from(written.to_string());
            assert_eq!(rule.to_string(), written);
        }
        let backed = DateRule::from("class:date (meta:pubdate)".to_string());
        assert_eq!(backed.source, DateSource::Class);
        assert_eq!(backed.backed_by.unwrap().source, DateSource::Meta);
    }
}
