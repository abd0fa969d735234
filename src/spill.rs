//! Shingles parked on disk: the largest part of a page's record (about a
//! kilobyte for a 250-word body) is needed only by the few pages that match
//! another, so a scan keeps it in a temporary file and reads it back when
//! asked. Memory then grows by a few dozen bytes a page, not a kilobyte.
//!
//! The file is removed as soon as it is created: it lives as long as the
//! scan holds it open and never outlives a crash.

use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// A temporary file that pages' shingles are written to once and read
/// back from any thread.
#[derive(Debug)]
pub(crate) struct Spill {
    file: File,
    /// Where the next write goes; writes take their place under the lock
    /// and then write without it.
    end: Mutex<u64>,
}

impl Spill {
    /// A new, already unlinked file in the system's temporary folder.
    pub(crate) fn new() -> io::Result<Self> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "farmscan-{}-{}.prints",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        std::fs::remove_file(&path)?;
        Ok(Spill {
            file,
            end: Mutex::new(0),
        })
    }

    /// Writes `words` and returns where they start.
    pub(crate) fn write(&self, words: &[u32]) -> io::Result<u64> {
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        let at = {
            let mut end = self.end.lock().unwrap_or_else(|e| e.into_inner());
            let at = *end;
            *end += bytes.len() as u64;
            at
        };
        self.file.write_all_at(&bytes, at)?;
        Ok(at)
    }

    /// Reads back `count` words written at `at`.
    pub(crate) fn read(&self, at: u64, count: usize) -> io::Result<Vec<u32>> {
        let mut bytes = vec![0u8; count * 4];
        self.file.read_exact_at(&mut bytes, at)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_read_back_as_written_from_any_thread() {
        let spill = std::sync::Arc::new(Spill::new().unwrap());
        let handles: Vec<_> = (0..4u32)
            .map(|t| {
                let spill = spill.clone();
                std::thread::spawn(move || {
                    (0..200u32)
                        .map(|i| {
                            let words: Vec<u32> =
                                (0..i % 7).map(|k| t << 24 | i << 8 | k).collect();
                            (spill.write(&words).unwrap(), words)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (at, words) in h.join().unwrap() {
                assert_eq!(spill.read(at, words.len()).unwrap(), words);
            }
        }
    }
}
