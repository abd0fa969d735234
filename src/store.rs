//! The persistent originals index: pages fingerprinted once (`farmscan
//! index add`) and matched against by every later scan (`--index DB`).
//!
//! An embedded SQLite database (bundled, nothing to install). A page is
//! stored as its fingerprint record ([`Record`], the schema `fingerprint`
//! writes), so nothing analysis found is lost on this path, with columns
//! beside it for what `stats` counts. A page is keyed by its body, so adding
//! the same page twice keeps one entry; each `add` is one transaction, so
//! an interrupted one leaves the store as it was.
//!
//! A scan does not load the index: it reads every page's SimHash (8 bytes
//! a page) and looks up its own pages' passage keys in an indexed table,
//! then loads only the indexed pages that may match one of its pages. A
//! million indexed pages cost a scan of a thousand pages a few megabytes.

use crate::analyze::Analyzed;
use crate::fingerprint::{self, Shingle};
use crate::matching::index::MIN_SHARED_KEYS;
use crate::records::Record;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// Bumped whenever stored fingerprints change meaning: 3 when SimHash came
/// to be computed from the shingle hashes, 4 when pages came to be stored
/// as whole records, 5 when passage keys and SimHash got their own columns
/// for lookups; older stores must be rebuilt.
const SCHEMA_VERSION: &str = "5";

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

/// Whether a page can be an indexed original: read, with a body to match.
pub(crate) fn can_be_original(p: &Analyzed) -> bool {
    // Any shingle at all: the set itself (sorted, deduplicated) is built
    // once, by `add`, for the pages that pass.
    p.is_ok() && p.print.paragraphs().iter().any(|s| !s.is_empty())
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
        // A large page cache: the passage-key index of a million pages does
        // not fit SQLite's default of 2 MB, and every lookup would go to disk.
        conn.execute_batch("PRAGMA cache_size = -262144;")
            .map_err(|e| format!("{}: {e}", path.display()))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS pages (
                 id INTEGER PRIMARY KEY,
                 body_key TEXT NOT NULL UNIQUE,
                 path TEXT NOT NULL,
                 record INTEGER,
                 published TEXT,
                 wire TEXT,
                 simhash INTEGER NOT NULL,
                 page TEXT NOT NULL
             );
             CREATE TABLE IF NOT EXISTS passages (key INTEGER NOT NULL, page INTEGER NOT NULL);
             CREATE INDEX IF NOT EXISTS passages_by_key ON passages (key);",
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
                    "INSERT OR IGNORE INTO pages (body_key, path, record, published, wire, simhash, page)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(db_err)?;
            let mut passage = tx
                .prepare("INSERT INTO passages (key, page) VALUES (?1, ?2)")
                .map_err(db_err)?;
            // Passage keys are inserted in key order once the pages are in:
            // in page order, each would land at a random place of the key
            // index, and a million pages took more than twenty minutes.
            let mut keys: Vec<(Shingle, i64)> = Vec::new();
            for p in pages {
                if !can_be_original(p) {
                    out.unusable += 1;
                    continue;
                }
                let set = p.print.set();
                let record = serde_json::to_string(&Record::from(p))
                    .map_err(|e| format!("index database: {e}"))?;
                let changed = insert
                    .execute(params![
                        body_key(&set),
                        &*p.source.path,
                        p.source.record.map(|r| r as i64),
                        p.published().map(|d| d.to_string()),
                        p.wire,
                        p.print.simhash as i64,
                        record,
                    ])
                    .map_err(db_err)?;
                if changed == 1 {
                    out.added += 1;
                    let id = tx.last_insert_rowid();
                    let page_keys = crate::matching::index::page_keys(&set, &p.print.reword());
                    keys.extend(page_keys.iter().map(|&k| (k, id)));
                } else {
                    out.present += 1;
                }
            }
            keys.sort_unstable();
            for (key, id) in keys {
                passage.execute(params![key, id]).map_err(db_err)?;
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

    /// The indexed pages that may match one of `pages`: within the SimHash
    /// radius of one, or sharing [`MIN_SHARED_KEYS`] passage keys with one,
    /// as a scan pairs its own pages. A key held by
    /// more than [`MAX_HOLDERS`] indexed pages is a stock phrase and is not
    /// followed.
    pub(crate) fn candidates_for(
        &self,
        pages: &[Analyzed],
        cfg: &crate::config::Config,
    ) -> Result<Vec<Analyzed>, String> {
        let mut wanted = self.near_simhashes(pages, cfg.hamming_radius)?;
        let batch_keys: Vec<Vec<Shingle>> = pages
            .iter()
            .map(|p| match p.is_ok() {
                true => {
                    crate::matching::index::page_keys(&p.print.set(), &p.print.reword()).into_vec()
                }
                false => Vec::new(),
            })
            .collect();
        // Each distinct key is looked up once, in key order, so the lookups
        // walk the key index from one end to the other instead of at random.
        let mut distinct: Vec<Shingle> = batch_keys.iter().flatten().copied().collect();
        distinct.sort_unstable();
        distinct.dedup();
        let mut lookup = self
            .conn
            .prepare("SELECT page FROM passages WHERE key = ?1 LIMIT ?2")
            .map_err(db_err)?;
        let mut holders: std::collections::HashMap<Shingle, Vec<i64>> = Default::default();
        for key in distinct {
            let found: Vec<i64> = lookup
                .query_map(params![key, MAX_HOLDERS as i64 + 1], |r| r.get(0))
                .map_err(db_err)?
                .collect::<Result<_, _>>()
                .map_err(db_err)?;
            if !found.is_empty() && found.len() <= MAX_HOLDERS {
                holders.insert(key, found);
            }
        }
        for keys in &batch_keys {
            let mut shared: std::collections::HashMap<i64, u32> = Default::default();
            for id in keys.iter().filter_map(|k| holders.get(k)).flatten() {
                *shared.entry(*id).or_default() += 1;
            }
            wanted.extend(
                shared
                    .into_iter()
                    .filter(|&(_, n)| n >= MIN_SHARED_KEYS)
                    .map(|(id, _)| id),
            );
        }
        wanted.sort_unstable();
        wanted.dedup();
        self.load(&wanted)
    }

    /// Indexed pages within `radius` bits of a page's SimHash, found with
    /// the same block index as a scan's, over every indexed SimHash (read,
    /// 8 bytes a page, not the pages).
    fn near_simhashes(&self, pages: &[Analyzed], radius: u32) -> Result<Vec<i64>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, simhash FROM pages")
            .map_err(db_err)?;
        let indexed: Vec<(i64, u64)> = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(db_err)?
            .collect::<Result<_, _>>()
            .map_err(db_err)?;
        // Batch pages first, then indexed ones, numbered in one range.
        let batch = pages.len() as u32;
        let prints: Vec<(u32, u64)> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.is_ok() && !p.print.set().is_empty())
            .map(|(i, p)| (i as u32, p.print.simhash))
            .chain(
                indexed
                    .iter()
                    .enumerate()
                    .map(|(j, &(_, h))| (batch + j as u32, h)),
            )
            .collect();
        Ok(crate::matching::index::simhash_candidates(&prints, radius)
            .into_iter()
            .filter(|&(a, b)| a < batch && b >= batch)
            .map(|(_, b)| indexed[(b - batch) as usize].0)
            .collect())
    }

    /// The indexed pages of the given ids, ready to be matched against as
    /// originals, in the order of their paths.
    fn load(&self, ids: &[i64]) -> Result<Vec<Analyzed>, String> {
        let mut stmt = self
            .conn
            .prepare("SELECT page FROM pages WHERE id = ?1")
            .map_err(db_err)?;
        let mut pages = Vec::with_capacity(ids.len());
        for &id in ids {
            let row: String = stmt.query_row([id], |r| r.get(0)).map_err(db_err)?;
            let record: Record = serde_json::from_str(&row)
                .map_err(|e| format!("index database: a stored page is not a record ({e})"))?;
            let mut page = Analyzed::from(record);
            page.from_index = true;
            page.given_original = true;
            // Its date is the one it was indexed with, and says so; the
            // field it was read from still counts as that field.
            if let Some(f) = page.dates.published.as_mut() {
                f.rule.from_index = true;
            }
            pages.push(page);
        }
        pages.sort_by(|a, b| a.source.cmp(&b.source));
        Ok(pages)
    }

    /// Every indexed page (for tests: a scan asks for candidates).
    #[cfg(test)]
    fn load_all(&self) -> Result<Vec<Analyzed>, String> {
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM pages")
            .map_err(db_err)?
            .query_map([], |r| r.get(0))
            .map_err(db_err)?
            .collect::<Result<_, _>>()
            .map_err(db_err)?;
        self.load(&ids)
    }
}

/// Holders a passage key of the index may have and still be followed:
/// past this it is a stock phrase. (A story indexed more than a thousand
/// times is then found through SimHash only; a scan's own pages have no
/// such limit, see `matching::index`.)
const MAX_HOLDERS: usize = 1000;

/// The identity of a body: a 64-bit hash of its sorted shingle hashes,
/// with their count.
fn body_key(set: &[Shingle]) -> String {
    let text: String = set.iter().map(|x| format!("{x:08x}")).collect();
    format!("{:016x}-{}", fingerprint::hash64(&text), set.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_pages::{page, para};

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
            note: None,
            id: Some("row-7".into()),
        };
        let a = crate::analyze::analyze(&page, false, None);
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("index.db");
        let mut store = Store::open(&db, true).unwrap();
        assert_eq!(store.add(std::slice::from_ref(&a)).unwrap().added, 1);
        let b = Store::open(&db, false)
            .unwrap()
            .load_all()
            .unwrap()
            .remove(0);
        // What the index once dropped: language, lede, junk, date fields,
        // crawl date and the input's id.
        assert!(a.lang.is_some() && a.lede.is_some() && a.junk.junk_chars > 0);
        assert_eq!(b.lang, a.lang);
        assert_eq!(b.lede, a.lede);
        assert_eq!(b.junk, a.junk);
        assert_eq!(b.dates.candidates, a.dates.candidates);
        assert_eq!(b.crawl_date, a.crawl_date);
        assert_eq!(b.id, a.id);
        assert_eq!(b.print.set(), a.print.set());
        assert!(b.from_index && b.given_original);
        // Its date says it came from the index, and is still the field it
        // was read from.
        let (before, after) = (
            &a.dates.published.as_ref().unwrap().rule,
            &b.dates.published.as_ref().unwrap().rule,
        );
        assert!(after.from_index && !before.from_index);
        assert_eq!(after.field, before.field);
        assert_eq!(after.to_string(), format!("index: {before}"));
    }

    #[test]
    fn a_scan_loads_only_the_indexed_pages_that_may_match_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("index.db"), true).unwrap();
        // Two hundred unrelated stories, a story excerpted below, and one
        // reworded only slightly (found by SimHash alone).
        let mut indexed: Vec<Analyzed> = (0..200)
            .map(|i| page(&format!("other-{i}.txt"), &[para(3 * i), para(3 * i + 1)]))
            .collect();
        let story: Vec<String> = (0..6).map(|i| para(10_000 + i)).collect();
        indexed.push(page("story.txt", &story));
        indexed.push(page("twin.txt", &[para(20_000), para(20_001)]));
        assert_eq!(store.add(&indexed).unwrap().added, 202);
        let batch = [
            page("excerpt.txt", &[story[2].clone(), para(30_000)]),
            page("twin-copy.txt", &[para(20_000), para(20_001)]),
        ];
        let found: Vec<String> = store
            .candidates_for(&batch, &crate::config::Config::default())
            .unwrap()
            .iter()
            .map(|p| p.source.path.to_string())
            .collect();
        assert_eq!(found, ["story.txt", "twin.txt"]);
    }

    #[test]
    fn body_keys_differ_for_different_bodies() {
        assert_ne!(body_key(&[1, 2, 3]), body_key(&[1, 2, 4]));
        assert_eq!(body_key(&[1, 2, 3]), body_key(&[1, 2, 3]));
    }
}
