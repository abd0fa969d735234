//! Writes the scale-test corpus fast: N JSON Lines documents of 150-400
//! words from a Zipf-distributed made-up vocabulary, 1% of them near copies
//! (3% of words dropped, 2% replaced) of a recent document of the same
//! shard. Built by `scripts/scale-test` with plain `rustc`, no crates.
//!
//! Usage: scale_corpus DOCS SEED FOLDER
//! Writes FOLDER/docs-NNN.jsonl (100,000 documents each) and
//! FOLDER/planted.tsv (shard file, line of the copy, line of its original).

use std::io::Write;

const SHARD: u64 = 100_000;
const SYLLABLES: [&str; 20] = [
    "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qui", "dor", "len", "mar", "ost",
    "ul", "ber", "chi", "gan", "fey",
];

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

struct Words {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed);
        let mut set = std::collections::BTreeSet::new();
        while set.len() < 20_000 {
            let n = rng.range(1, 4);
            set.insert((0..n).map(|_| SYLLABLES[rng.below(20) as usize]).collect::<String>());
        }
        let mut total = 0.0;
        let cumulative = (0..set.len())
            .map(|r| {
                total += 1.0 / (r as f64 + 1.0);
                total
            })
            .collect();
        Words { words: set.into_iter().collect(), cumulative }
    }
    /// A word drawn with Zipf-like frequency, as in real text.
    fn zipf(&self, rng: &mut Rng) -> &str {
        let x = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

fn document(words: &Words, rng: &mut Rng) -> String {
    let target = rng.range(150, 400);
    let (mut text, mut count) = (String::new(), 0);
    while count < target {
        if !text.is_empty() {
            text.push('\n');
        }
        for s in 0..rng.range(2, 5) {
            if s > 0 {
                text.push(' ');
            }
            let n = rng.range(8, 20);
            for w in 0..n {
                let word = words.zipf(rng);
                if w == 0 {
                    let mut c = word.chars();
                    text.extend(c.next().map(|f| f.to_ascii_uppercase()));
                    text.push_str(c.as_str());
                } else {
                    text.push(' ');
                    text.push_str(word);
                }
            }
            text.push('.');
            count += n;
        }
    }
    text
}

fn near_copy(text: &str, words: &Words, rng: &mut Rng) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in text.split(' ') {
        let r = rng.unit();
        if r < 0.03 {
            continue;
        }
        out.push(if r < 0.05 { &words.words[rng.below(20_000) as usize] } else { w });
    }
    out.join(" ")
}

/// Writes one shard; returns (line of copy, line of original) pairs.
fn shard(docs: u64, seed: u64, k: u64, folder: &str, words: &Words) -> Vec<(u64, u64)> {
    let mut rng = Rng(seed ^ (k + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let first = k * SHARD + 1;
    let count = SHARD.min(docs + 1 - first);
    let file = std::fs::File::create(format!("{folder}/docs-{k:03}.jsonl")).expect("shard file");
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let (mut planted, mut recent): (Vec<(u64, u64)>, Vec<(u64, String)>) = (Vec::new(), Vec::new());
    for line in 1..=count {
        let i = first + line - 1;
        let text = if !recent.is_empty() && rng.unit() < 0.01 {
            let (src, text) = &recent[rng.below(recent.len() as u64) as usize];
            planted.push((line, *src));
            near_copy(text, words, &mut rng)
        } else {
            let text = document(words, &mut rng);
            if recent.len() < 2000 {
                recent.push((line, text.clone()));
            } else {
                let at = rng.below(recent.len() as u64) as usize;
                recent[at] = (line, text.clone());
            }
            text
        };
        writeln!(
            out,
            r#"{{"id": "{i}", "text": "{}", "url": "https://site{}.example/{i}"}}"#,
            text.replace('\n', "\\n"),
            i % 997
        )
        .expect("write shard");
    }
    out.flush().expect("write shard");
    planted
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, docs, seed, folder] = &args[..] else {
        eprintln!("usage: scale_corpus DOCS SEED FOLDER");
        std::process::exit(2);
    };
    let docs: u64 = docs.parse().expect("DOCS is a number");
    let seed: u64 = seed.parse().expect("SEED is a number");
    let words = Words::new(seed);
    let shards = docs.div_ceil(SHARD);
    let next = std::sync::atomic::AtomicU64::new(0);
    let planted = std::sync::Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if k >= shards {
                    break;
                }
                let found = shard(docs, seed, k, folder, &words);
                planted.lock().unwrap().push((k, found));
            });
        }
    });
    let mut planted = planted.into_inner().unwrap();
    planted.sort();
    let mut out = std::io::BufWriter::new(std::fs::File::create(format!("{folder}/planted.tsv")).expect("planted.tsv"));
    for (k, pairs) in planted {
        for (copy, original) in pairs {
            writeln!(out, "docs-{k:03}.jsonl\t{copy}\t{original}").expect("write planted.tsv");
        }
    }
}
