//! The persistent originals index: pages fingerprinted once (`farmscan
//! index add`) and matched against by every later scan (`--index DB`).
//!
//! An embedded SQLite database (bundled, nothing to install). A page is
//! stored as its fingerprint record ([`Record`], the schema `fingerprint`
//! writes), so nothing analysis found is lost on this path, with columns
//! beside it for what `stats` counts. A page is keyed by its body, so adding
//! the same page twice keeps one entry; each `add` is one transaction, so
//! an interrupted one leaves the store as it was.

use crate::analyze::Analyzed;
use crate::extract::{DateRule, DateSource};
use crate::fingerprint::{self, Shingle};
use crate::records::Record;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// Bumped whenever stored fingerprints change meaning: 3 when SimHash came
/// to be computed from the shingle hashes, 4 when pages came to be stored
/// as whole records; older stores must be rebuilt.
const SCHEMA_VERSION: &str = "4";

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
                 published TEXT,
                 wire TEXT,
                 page TEXT NOT NULL
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
                    "INSERT OR IGNORE INTO pages (body_key, path, record, published, wire, page)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(db_err)?;
            for p in pages {
                let set = p.print.set();
                if !p.is_ok() || set.is_empty() {
                    out.unusable += 1;
                    continue;
                }
                let record = serde_json::to_string(&Record::from(p))
                    .map_err(|e| format!("index database: {e}"))?;
                let changed = insert
                    .execute(params![
                        body_key(&set),
                        p.source.path,
                        p.source.record.map(|r| r as i64),
                        p.published().map(|d| d.to_string()),
                        p.wire,
                        record,
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
            .prepare("SELECT page FROM pages ORDER BY path, record")
            .map_err(db_err)?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(db_err)?;
        let mut pages = Vec::new();
        for row in rows {
            let record: Record = serde_json::from_str(&row.map_err(db_err)?)
                .map_err(|e| format!("index database: a stored page is not a record ({e})"))?;
            let mut page = Analyzed::from(record);
            page.from_index = true;
            page.given_original = true;
            // Its date is the one it was indexed with, and says so.
            if let Some(f) = page.dates.published.as_mut() {
                f.rule = DateRule::new(DateSource::Index, &f.rule.to_string());
            }
            pages.push(page);
        }
        Ok(pages)
    }
}

/// The identity of a body: a 64-bit hash of its sorted shingle hashes,
/// with their count.
fn body_key(set: &[Shingle]) -> String {
    let text: String = set.iter().map(|x| format!("{x:08x}")).collect();
    format!("{:016x}-{}", fingerprint::hash64(&text), set.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indexed_page_keeps_everything_analysis_found() {
        let page = crate::corpus::Page {
            source: crate::corpus::Source::file("harbor-strike-copy.txt"),
            markup: crate::corpus::Markup::Text,
            text: std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/sample/farm/harbor-strike-copy.txt"
            ))
            .unwrap(),
            url: Some("https://quickfeed.example/1".into()),
            crawl_date: chrono::NaiveDate::from_ymd_opt(2025, 4, 12),
            saved: None,
            id: Some("row-7".into()),
        };
        let a = crate::analyze::analyze(&page, false);
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("index.db");
        let mut store = Store::open(&db, true).unwrap();
        assert_eq!(store.add(std::slice::from_ref(&a)).unwrap().added, 1);
        let b = Store::open(&db, false).unwrap().load().unwrap().remove(0);
        // What the index once dropped: language, lede, junk, date fields,
        // crawl date and the input's id.
        assert!(a.lang.is_some() && a.lede.is_some() && a.junk.junk_chars > 0);
        assert_eq!(b.lang, a.lang);
        assert_eq!(b.lede, a.lede);
        assert_eq!(b.junk.ratio(), a.junk.ratio());
        assert_eq!(b.dates.candidates, a.dates.candidates);
        assert_eq!(b.crawl_date, a.crawl_date);
        assert_eq!(b.id, a.id);
        assert_eq!(b.print.set(), a.print.set());
        assert!(b.from_index && b.given_original);
        let rule = &b.dates.published.as_ref().unwrap().rule;
        assert_eq!(rule.source, DateSource::Index);
    }

    #[test]
    fn body_keys_differ_for_different_bodies() {
        assert_ne!(body_key(&[1, 2, 3]), body_key(&[1, 2, 4]));
        assert_eq!(body_key(&[1, 2, 3]), body_key(&[1, 2, 3]));
    }
}
