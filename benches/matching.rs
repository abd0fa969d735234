//! Finding near-duplicate fingerprints at scale: 1,000,000 and 10,000,000
//! random 64-bit SimHashes, 1% of them planted 1 to 3 bits from another,
//! all pairs within 3 bits found by the block index. (For reference, simhash-py needs about
//! 1.6 s on one core for 1M fingerprints at k=3.)
//!
//! Run: cargo bench --bench matching

use criterion::{Criterion, criterion_group, criterion_main};
use farmscan::matching::index::simhash_candidates;

fn fingerprints(n: u32, planted: u32) -> Vec<(u32, u64)> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut prints: Vec<(u32, u64)> = (0..n - planted).map(|i| (i, next())).collect();
    for j in 0..planted {
        let (_, base) = prints[j as usize * 7];
        let mut near = base;
        for _ in 0..(1 + j % 3) {
            near ^= 1 << (next() % 64);
        }
        prints.push((n - planted + j, near));
    }
    prints
}

fn bench_index(c: &mut Criterion) {
    let mut group = c.benchmark_group("simhash_index");
    group.sample_size(10);
    for (name, n) in [
        ("1M_fingerprints_k3", 1_000_000u32),
        ("10M_fingerprints_k3", 10_000_000),
    ] {
        let prints = fingerprints(n, n / 100);
        let found = simhash_candidates(&prints, 3).len();
        assert!(
            found >= (n / 100) as usize,
            "every planted pair is found ({found})"
        );
        group.bench_function(name, |b| {
            b.iter(|| simhash_candidates(std::hint::black_box(&prints), 3))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_index);
criterion_main!(benches);
