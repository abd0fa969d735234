//! The persistent originals index: pages fingerprinted once (`farmscan
//! index add`) and matched against by every later scan (`--index DB`).
//!
//! An embedded SQLite database (bundled, nothing to install). A page is
//! keyed by its body, so adding the same page twice keeps one entry; each
//! `add` is one transaction, so an interrupted one leaves the store as it
//! was.

use crate::analyze::Analyzed;
use crate::corpus::Source;
use crate::extract::{FoundDate, PageDates, wire};
use crate::fingerprint::{self, BodyPrint, Shingle};
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// Bumped whenever stored fingerprints change meaning: 3 when SimHash came
/// to be computed from the shingle hashes, so older stores must be rebuilt.
const SCHEMA_VERSION: &str = "3";

/// An open originals index.
pub(crate) struct Store {
    conn: Connection,
}

/// What `add` did.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Added {
    pub added: usize,
    /// Pages whose body was already in the index.
    pub present: usize,
    /// Pages with an error status or no body, which cannot be originals.
    pub unusable: usize,
}

/// What the index holds.
#[derive(Debug)]
pub(crate) struct Stats {
    pub pages: u64,
    pub wire_pages: u64,
    pub earliest: Option<String>,
    pub latest: Option<String>,
}

fn db_err(e: rusqlite::Error) -> String {
    format!("index database: {e}")
}

impl Store {
    /// Opens an index, creating it when `create` is set; opening a missing
    /// index to read from is an error.
    pub(crate) fn open(path: &Path, create: bool) -> Result<Store, String> {
        if !create && !path.exists() {
            return Err(format!(
                "{}: no such index (create it with `farmscan index add`)",
                path.display()
            ));
        }
        let conn = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS pages (
                 body_key TEXT PRIMARY KEY,
                 path TEXT NOT NULL,
                 record INTEGER,
                 url TEXT,
                 title TEXT NOT NULL,
                 published TEXT,
                 published_utc TEXT,
                 published_rule TEXT,
                 wire TEXT,
                 wire_site TEXT,
                 words INTEGER NOT NULL,
                 simhash TEXT NOT NULL,
                 paragraphs BLOB NOT NULL
             );",
        )
        .map_err(|e| format!("{}: not a farmscan index ({e})", path.display()))?;
        let version: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(db_err)?;
        match version.as_deref() {
            None => {
                conn.execute("INSERT INTO meta VALUES ('schema', ?1)", [SCHEMA_VERSION])
                    .map_err(db_err)?;
            }
            Some(SCHEMA_VERSION) => {}
            Some(v) => {
                return Err(format!(
                    "{}: index schema {v}, this farmscan reads {SCHEMA_VERSION}",
                    path.display()
                ));
            }
        }
        Ok(Store { conn })
    }

    /// Adds pages in one transaction.
    pub(crate) fn add(&mut self, pages: &[Analyzed]) -> Result<Added, String> {
        let tx = self.conn.transaction().map_err(db_err)?;
        let mut out = Added::default();
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO pages (body_key, path, record, url, title, published, published_utc,
                     published_rule, wire, wire_site, words, simhash, paragraphs)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(db_err)?;
            for p in pages {
                if !p.is_ok() || p.print.set.is_empty() {
                    out.unusable += 1;
                    continue;
                }
                let published = p.dates.published.as_ref();
                let changed = insert
                    .execute(params![
                        body_key(&p.print.set),
                        p.source.path,
                        p.source.record.map(|r| r as i64),
                        p.url,
                        p.title,
                        published.map(|f| f.date.to_string()),
                        published
                            .and_then(|f| f.utc)
                            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string()),
                        published.map(|f| f.rule.to_string()),
                        p.wire,
                        p.wire_site,
                        p.words as i64,
                        format!("{:016x}", p.print.simhash),
                        encode_paragraphs(&p.print.paragraphs),
                    ])
                    .map_err(db_err)?;
                if changed == 1 {
                    out.added += 1;
                } else {
                    out.present += 1;
                }
            }
        }
        tx.commit().map_err(db_err)?;
        Ok(out)
    }

    pub(crate) fn stats(&self) -> Result<Stats, String> {
        self.conn
            .query_row(
                "SELECT COUNT(*), COUNT(wire), MIN(published), MAX(published) FROM pages",
                [],
                |r| {
                    Ok(Stats {
                        pages: r.get::<_, i64>(0)? as u64,
                        wire_pages: r.get::<_, i64>(1)? as u64,
                        earliest: r.get(2)?,
                        latest: r.get(3)?,
                    })
                },
            )
            .map_err(db_err)
    }

    /// Every indexed page, ready to be matched against as an original.
    pub(crate) fn load(&self) -> Result<Vec<Analyzed>, String> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT path, record, url, title, published, published_utc, published_rule, wire, wire_site,
                 words, simhash, paragraphs FROM pages ORDER BY path, record",
            )
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| {
                let path: String = r.get(0)?;
                let record: Option<i64> = r.get(1)?;
                let published: Option<String> = r.get(4)?;
                let utc: Option<String> = r.get(5)?;
                let rule: Option<String> = r.get(6)?;
                let wire_name: Option<String> = r.get(7)?;
                let wire_site: Option<String> = r.get(8)?;
                let simhash: String = r.get(10)?;
                let blob: Vec<u8> = r.get(11)?;
                let mut page = Analyzed::bare(
                    Source {
                        path,
                        record: record.map(|n| n as u64),
                    },
                    crate::corpus::PageStatus::Ok,
                    true,
                );
                page.from_index = true;
                page.url = r.get(2)?;
                page.title = r.get(3)?;
                page.words = r.get::<_, i64>(9)? as usize;
                page.wire = wire_name.as_deref().and_then(wire::known);
                page.wire_site = wire_site.as_deref().and_then(wire::known);
                let mut dates = PageDates::default();
                if let Some(date) = published.and_then(|d| d.parse().ok()) {
                    let utc = utc.and_then(|t| {
                        chrono::NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M:%S").ok()
                    });
                    dates.published = Some(FoundDate {
                        date,
                        rule: crate::extract::DateRule::new(
                            crate::extract::DateSource::Index,
                            &rule.unwrap_or_default(),
                        ),
                        utc,
                        zoned: false,
                    });
                }
                page.dates = dates;
                let paragraphs = decode_paragraphs(&blob);
                let mut set: Vec<Shingle> = paragraphs.iter().flatten().copied().collect();
                set.sort_unstable();
                set.dedup();
                page.print = BodyPrint {
                    simhash: u64::from_str_radix(&simhash, 16).unwrap_or(0),
                    paragraphs,
                    set,
                };
                Ok(page)
            })
            .map_err(db_err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(db_err)
    }
}

/// The identity of a body: a 64-bit hash of its sorted shingle hashes,
/// with their count.
fn body_key(set: &[Shingle]) -> String {
    let text: String = set.iter().map(|x| format!("{x:08x}")).collect();
    format!("{:016x}-{}", fingerprint::hash64(&text), set.len())
}

/// Paragraph shingles as bytes: per paragraph a u32 count, then its hashes.
fn encode_paragraphs(paragraphs: &[Vec<Shingle>]) -> Vec<u8> {
    let mut out = Vec::new();
    for p in paragraphs {
        out.extend_from_slice(&(p.len() as u32).to_le_bytes());
        for h in p {
            out.extend_from_slice(&h.to_le_bytes());
        }
    }
    out
}

fn decode_paragraphs(mut bytes: &[u8]) -> Vec<Vec<Shingle>> {
    const WIDTH: usize = std::mem::size_of::<Shingle>();
    let mut out = Vec::new();
    while bytes.len() >= 4 {
        let n = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        bytes = &bytes[4..];
        let take = (n * WIDTH).min(bytes.len() / WIDTH * WIDTH);
        out.push(
            bytes[..take]
                .chunks_exact(WIDTH)
                .map(|c| Shingle::from_le_bytes(c.try_into().unwrap_or([0; WIDTH])))
                .collect(),
        );
        bytes = &bytes[take..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_round_trip_through_bytes() {
        let p = vec![vec![1, 2, 3], vec![], vec![Shingle::MAX]];
        assert_eq!(decode_paragraphs(&encode_paragraphs(&p)), p);
    }

    #[test]
    fn body_keys_differ_for_different_bodies() {
        assert_ne!(body_key(&[1, 2, 3]), body_key(&[1, 2, 4]));
        assert_eq!(body_key(&[1, 2, 3]), body_key(&[1, 2, 3]));
    }
}
