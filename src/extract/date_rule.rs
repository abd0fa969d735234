//! Where a date came from, as typed values decisions branch on: the field
//! or rule that gave it (a meta name and its family, a JSON-LD key, a
//! `<time>` marked as the publication, a rule of the visible text), the
//! field backing a shown day, and whether the page was restored from the
//! originals index. Only reports turn it into words, written
//! `source:detail` (`meta:article:published_time`,
//! `text:near-headline (json-ld:datePublished)`, `index: meta:date`), and
//! the words read back into the same values.

use std::fmt;

/// The kind of evidence a date was read from: the first word of a rule as
/// written, and what `explain` tells a reader to look at.
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
    /// A copyright notice's year (`© 2017`).
    Copyright,
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
            DateSource::Copyright => "copyright",
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
        DateSource::Copyright,
    ];
}

/// The JSON-LD keys a date is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonLdKey {
    DatePublished,
    DateCreated,
    DateModified,
}

impl JsonLdKey {
    /// The key as schema.org spells it, in the JSON and in reports.
    pub(crate) fn name(self) -> &'static str {
        match self {
            JsonLdKey::DatePublished => "datePublished",
            JsonLdKey::DateCreated => "dateCreated",
            JsonLdKey::DateModified => "dateModified",
        }
    }

    const ALL: [JsonLdKey; 3] = [
        JsonLdKey::DatePublished,
        JsonLdKey::DateCreated,
        JsonLdKey::DateModified,
    ];
}

/// Which family a `<meta>` name belongs to, as the original's choice
/// weighs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetaFamily {
    /// The `article` names a publishing system writes for its story
    /// (Open Graph's `article:published_time`, `article.published`,
    /// `article_date_original`).
    Article,
    /// Every other name (Dublin Core, `date`, a picture's address).
    Other,
}

/// A `<meta>` name a date is read from, with its family. The names are
/// the HTML reader's tables, so a name is set once with its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MetaName {
    /// The name as the reader looks it up (lowercased) and reports write it.
    pub name: &'static str,
    pub family: MetaFamily,
}

impl MetaName {
    pub(crate) const fn article(name: &'static str) -> Self {
        MetaName {
            name,
            family: MetaFamily::Article,
        }
    }

    pub(crate) const fn other(name: &'static str) -> Self {
        MetaName {
            name,
            family: MetaFamily::Other,
        }
    }
}

/// The `<time>` elements a date is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeMark {
    /// Marked as the publication (`pubdate`, `itemprop`, a publication
    /// class): written `time:pubdate`.
    Pubdate,
    /// The page's first `<time>`, marked or not, when nothing else dates
    /// it: written `time`.
    Unmarked,
}

/// The rules that read a date from the visible text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextRule {
    /// A labelled date line (`Published: 3 May 2024`).
    DateLine,
    /// The first date around the headline.
    NearHeadline,
    /// The first date of the text, as a last resort.
    First,
}

impl TextRule {
    fn words(self) -> &'static str {
        match self {
            TextRule::DateLine => "date-line",
            TextRule::NearHeadline => "near-headline",
            TextRule::First => "first",
        }
    }

    const ALL: [TextRule; 3] = [TextRule::DateLine, TextRule::NearHeadline, TextRule::First];
}

/// How surely a date is the page's own first publication, weakest first:
/// attribution and `date_mismatch` let a weaker date neither outrank a
/// surer one nor raise a flag alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// A date the page does not present as its own: the first date of the
    /// story's text (which may be the news it reports), an unmarked
    /// `<time>`, a picture's address, a copyright year, a day not stated
    /// whole (`May 2020`).
    Guess,
    /// The day the page shows readers as its date: a labelled date line,
    /// a date under the headline, an element classed as a date.
    Shown,
    /// A field a publishing system writes: structured data, meta tags, a
    /// `<time>` marked as the publication, microdata, the address.
    Field,
}

/// The field or rule a date was read from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DateField {
    JsonLd(JsonLdKey),
    Meta(MetaName),
    Time(TimeMark),
    /// An element other than `<meta>` and `<time>` marked with a
    /// schema.org date property (`itemprop="datePublished"`, or
    /// `dateCreated` where no element is marked published).
    Itemprop(JsonLdKey),
    Url,
    Text(TextRule),
    /// An element whose class or id names it a date.
    Class,
    /// The year of a copyright notice: the last resort, and only a year.
    Copyright,
    /// Words no rule of this version writes (a record made elsewhere),
    /// kept whole so they are written back as read; no decision counts
    /// them as a field.
    Unrecognised(Box<str>),
}

impl DateField {
    /// The kind of evidence; none for words not recognised.
    pub(crate) fn source(&self) -> Option<DateSource> {
        Some(match self {
            DateField::JsonLd(_) => DateSource::JsonLd,
            DateField::Meta(_) => DateSource::Meta,
            DateField::Time(_) => DateSource::Time,
            DateField::Itemprop(_) => DateSource::Itemprop,
            DateField::Url => DateSource::Url,
            DateField::Text(_) => DateSource::Text,
            DateField::Class => DateSource::Class,
            DateField::Copyright => DateSource::Copyright,
            DateField::Unrecognised(_) => return None,
        })
    }

    /// How surely a date read here is the page's own first publication.
    pub(crate) fn confidence(&self) -> Confidence {
        match self {
            DateField::JsonLd(_)
            | DateField::Time(TimeMark::Pubdate)
            | DateField::Itemprop(_)
            | DateField::Url => Confidence::Field,
            // A picture's address may be an older picture reused.
            DateField::Meta(m) => {
                if super::html::is_picture_meta(m) {
                    Confidence::Guess
                } else {
                    Confidence::Field
                }
            }
            DateField::Text(TextRule::DateLine | TextRule::NearHeadline) | DateField::Class => {
                Confidence::Shown
            }
            DateField::Text(TextRule::First)
            | DateField::Time(TimeMark::Unmarked)
            | DateField::Copyright
            | DateField::Unrecognised(_) => Confidence::Guess,
        }
    }

    /// The kind of evidence as the report's `published_source` names it: a
    /// researcher filters on it (structured data over a day only shown in
    /// the text). `None` for words no rule writes.
    pub(crate) fn report_source(&self) -> Option<&'static str> {
        Some(match self {
            DateField::JsonLd(_) => "json-ld",
            DateField::Meta(_) => "meta",
            DateField::Time(_) => "time",
            DateField::Itemprop(_) => "microdata",
            DateField::Url => "url",
            DateField::Text(TextRule::DateLine) => "text-label",
            DateField::Text(_) => "text",
            DateField::Class => "class",
            DateField::Copyright => "copyright",
            DateField::Unrecognised(_) => return None,
        })
    }

    /// The words naming the field within its source (`datePublished`,
    /// `near-headline`); empty for a source with a single rule.
    pub(crate) fn detail(&self) -> &str {
        match self {
            DateField::JsonLd(k) => k.name(),
            DateField::Meta(m) => m.name,
            DateField::Time(TimeMark::Pubdate) => "pubdate",
            DateField::Itemprop(k) => k.name(),
            DateField::Text(t) => t.words(),
            DateField::Class => "date",
            DateField::Time(TimeMark::Unmarked) | DateField::Url | DateField::Copyright => "",
            DateField::Unrecognised(words) => words,
        }
    }

    /// The field written `source:detail` (or the bare source), if it is
    /// one this version writes.
    fn parse(written: &str) -> Option<Self> {
        let (word, detail) = written.split_once(':').unwrap_or((written, ""));
        let source = DateSource::ALL.into_iter().find(|s| s.word() == word)?;
        Some(match (source, detail) {
            (DateSource::JsonLd, key) => {
                DateField::JsonLd(JsonLdKey::ALL.into_iter().find(|k| k.name() == key)?)
            }
            (DateSource::Meta, name) => DateField::Meta(super::html::meta_name(name)?),
            (DateSource::Time, "pubdate") => DateField::Time(TimeMark::Pubdate),
            (DateSource::Time, "") => DateField::Time(TimeMark::Unmarked),
            (DateSource::Itemprop, key) => {
                DateField::Itemprop(JsonLdKey::ALL.into_iter().find(|k| k.name() == key)?)
            }
            (DateSource::Url, "") => DateField::Url,
            (DateSource::Text, words) => {
                DateField::Text(TextRule::ALL.into_iter().find(|t| t.words() == words)?)
            }
            (DateSource::Class, "date") => DateField::Class,
            (DateSource::Copyright, "") => DateField::Copyright,
            _ => return None,
        })
    }
}

/// The rule behind a date: its field, the field that backs a shown day
/// when one does, and whether the page came from the originals index.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "String", into = "String")]
pub struct DateRule {
    pub field: DateField,
    /// The page was restored from the originals index with this date:
    /// reports say so, while decisions still see the field it was read
    /// from.
    pub from_index: bool,
    /// The field backing a day the page shows, which made it the
    /// publication date.
    pub backed_by: Option<Box<DateRule>>,
}

impl DateRule {
    pub(crate) fn new(field: DateField) -> Self {
        DateRule {
            field,
            from_index: false,
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

    /// How surely the rule's date is the first publication: a shown day a
    /// field backs is as sure as that field.
    pub(crate) fn confidence(&self) -> Confidence {
        let own = self.field.confidence();
        self.backed_by
            .as_ref()
            .map_or(own, |by| own.max(by.confidence()))
    }

    /// Whether the date is the page's own field of this kind rather than a
    /// shown day it backs.
    pub(crate) fn is(&self, field: &DateField) -> bool {
        self.field == *field && self.backed_by.is_none()
    }

    /// A rule written without the index's mark: a field, or a shown rule
    /// with its backing field in parentheses. Words it cannot read are
    /// kept whole.
    fn parse(written: &str) -> Self {
        let known = || {
            let (own, backing) = match written.split_once(" (") {
                Some((own, rest)) => (own, Some(rest.strip_suffix(')')?)),
                None => (written, None),
            };
            let rule = DateRule::new(DateField::parse(own)?);
            Some(match backing {
                Some(b) => rule.backed(DateRule::parse(b)),
                None => rule,
            })
        };
        known().unwrap_or_else(|| DateRule::new(DateField::Unrecognised(written.into())))
    }
}

impl fmt::Display for DateRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from_index {
            f.write_str("index: ")?;
        }
        match (self.field.source(), self.field.detail()) {
            (None, words) => f.write_str(words)?,
            (Some(s), "") => f.write_str(s.word())?,
            (Some(s), detail) => write!(f, "{}:{detail}", s.word())?,
        }
        if let Some(by) = &self.backed_by {
            write!(f, " ({by})")?;
        }
        Ok(())
    }
}

/// Reads a rule back from its written form (fingerprint records, the
/// originals index).
impl From<String> for DateRule {
    fn from(s: String) -> Self {
        match s.strip_prefix("index: ") {
            Some(inner) => DateRule {
                from_index: true,
                ..DateRule::parse(inner)
            },
            None => DateRule::parse(&s),
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

    fn read(written: &str) -> DateRule {
        DateRule::from(written.to_string())
    }

    #[test]
    fn rules_read_back_as_the_typed_values_they_were_written_from() {
        let published = DateField::JsonLd(JsonLdKey::DatePublished);
        let article = DateField::Meta(MetaName::article("article:published_time"));
        let cases = [
            (
                "meta:article:published_time",
                DateRule::new(article.clone()),
            ),
            (
                "meta:dc.date",
                DateRule::new(DateField::Meta(MetaName::other("dc.date"))),
            ),
            ("json-ld:datePublished", DateRule::new(published.clone())),
            (
                "json-ld:dateModified",
                DateRule::new(DateField::JsonLd(JsonLdKey::DateModified)),
            ),
            ("url", DateRule::new(DateField::Url)),
            ("time", DateRule::new(DateField::Time(TimeMark::Unmarked))),
            (
                "time:pubdate",
                DateRule::new(DateField::Time(TimeMark::Pubdate)),
            ),
            (
                "itemprop:datePublished",
                DateRule::new(DateField::Itemprop(JsonLdKey::DatePublished)),
            ),
            (
                "itemprop:dateCreated",
                DateRule::new(DateField::Itemprop(JsonLdKey::DateCreated)),
            ),
            (
                "text:first",
                DateRule::new(DateField::Text(TextRule::First)),
            ),
            (
                "text:near-headline (json-ld:datePublished)",
                DateRule::new(DateField::Text(TextRule::NearHeadline))
                    .backed(DateRule::new(published.clone())),
            ),
            (
                "class:date (meta:article:published_time)",
                DateRule::new(DateField::Class).backed(DateRule::new(article.clone())),
            ),
            (
                "index: json-ld:datePublished",
                DateRule {
                    from_index: true,
                    ..DateRule::new(published)
                },
            ),
            (
                "index: text:date-line (meta:article:published_time)",
                DateRule {
                    from_index: true,
                    ..DateRule::new(DateField::Text(TextRule::DateLine))
                        .backed(DateRule::new(article))
                },
            ),
        ];
        for (written, rule) in cases {
            assert_eq!(read(written), rule, "{written}");
            assert_eq!(rule.to_string(), written);
        }
    }

    #[test]
    fn words_of_no_known_rule_are_written_back_as_read() {
        for written in [
            "test",
            "meta:no-such-name",
            "json-ld:headline",
            "text:near-headline (broken",
            "index: ",
            "index: index: url",
        ] {
            let rule = read(written);
            assert_eq!(rule.to_string(), written);
            assert_eq!(rule.field.source(), None, "{written}");
        }
        assert!(read("index: meta:no-such-name").from_index);
    }

    #[test]
    fn a_shown_day_is_not_the_field_that_backs_it() {
        let published = DateField::JsonLd(JsonLdKey::DatePublished);
        assert!(read("json-ld:datePublished").is(&published));
        assert!(read("index: json-ld:datePublished").is(&published));
        assert!(!read("text:near-headline (json-ld:datePublished)").is(&published));
    }
}
