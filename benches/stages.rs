//! The per-page and pairwise stages after extraction: fingerprinting a
//! body, and verifying a candidate pair on its shingle sets. The SimHash
//! step is also timed against the `simhash` crate's on the same shingles.
//!
//! Run: cargo bench --bench stages

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use farmscan::fingerprint::{fingerprint, hash64, intersection_size, normalise, shingles, simhash};

/// A deterministic body of `words` words in paragraphs of about 60.
fn body(seed: u64, words: usize) -> Vec<String> {
    let mut state = seed | 1;
    let mut out = Vec::new();
    let mut para = String::new();
    for i in 0..words {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        para.push_str(&format!("w{} ", state % 5000));
        if i % 60 == 59 {
            out.push(std::mem::take(&mut para));
        }
    }
    out.push(para);
    out
}

fn bench_stages(c: &mut Criterion) {
    let bodies: Vec<Vec<String>> = (0..100).map(|s| body(s, 400)).collect();
    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Elements(bodies.len() as u64));
    group.bench_function("fingerprint_400_words", |b| {
        b.iter(|| {
            for body in &bodies {
                std::hint::black_box(fingerprint(body));
            }
        })
    });
    let shingled: Vec<Vec<String>> = bodies
        .iter()
        .map(|b| {
            b.iter()
                .flat_map(|p| {
                    shingles(&normalise(p))
                        .into_iter()
                        .map(str::to_string)
                        .collect::<Vec<_>>()
                })
                .collect()
        })
        .collect();
    group.bench_function("simhash_ours_400_words", |b| {
        b.iter(|| {
            for s in &shingled {
                std::hint::black_box(simhash(s.iter().map(|x| hash64(x))));
            }
        })
    });
    group.bench_function("simhash_crate_400_words", |b| {
        b.iter(|| {
            for s in &shingled {
                std::hint::black_box(simhash::simhash_stream(s.iter().map(String::as_str)));
            }
        })
    });
    let sets: Vec<_> = bodies.iter().map(|b| fingerprint(b).set()).collect();
    group.bench_function("verify_pair", |b| {
        b.iter(|| {
            for w in sets.windows(2) {
                std::hint::black_box(intersection_size(&w[0], &w[1]));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_stages);
criterion_main!(benches);
