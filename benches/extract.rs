//! Extraction speed on real pages: the article-extraction benchmark's 181
//! pages, decompressed and decoded before timing, extracted on one thread.
//! Criterion reports pages per second; ms/page is its inverse.
//!
//! Run: cargo bench --bench extract

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use farmscan::corpus::{Markup, Page, Source};
use std::io::Read;

fn load_pages() -> Vec<Page> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/article-extraction-benchmark/html");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the bench reads the shared evaluation data)",
                dir.display()
            )
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(std::fs::File::open(p).expect("readable page"))
                .read_to_end(&mut bytes)
                .expect("valid gzip");
            Page {
                source: Source::file(&p.to_string_lossy()),
                markup: Markup::Html,
                text: farmscan::corpus::decode::decode_bytes(&bytes, true, None),
                url: None,
                crawl_date: None,
                saved: None,
                id: None,
            }
        })
        .collect()
}

fn bench_extract(c: &mut Criterion) {
    let pages = load_pages();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    // The floor: what any extractor must do anyway, parse every page.
    group.bench_function("parse_only", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(scraper::Html::parse_document(&p.text));
            }
        })
    });
    group.bench_function("benchmark_pages", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(farmscan::extract::extract(p));
            }
        })
    });
    group.bench_function("benchmark_pages_analyzed", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(farmscan::analyze::analyze(p, false));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
