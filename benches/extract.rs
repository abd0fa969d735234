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
                text: farmscan::corpus::decode::decode_bytes(bytes, true, None),
                url: None,
                crawl_date: None,
                saved: None,
                note: None,
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
                std::hint::black_box(farmscan::extract::extract(p, None));
            }
        })
    });
    group.bench_function("benchmark_pages_analyzed", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(farmscan::analyze::analyze(p, false, None));
            }
        })
    });
    group.finish();
}

/// The parsers issue 20 named as cheaper than an html5ever tree, each on the
/// same pages and doing the least any extractor needs of it: see every
/// element and every run of text. The distance from `tree` to these is what
/// a change of parser could win at most.
fn bench_parsers(c: &mut Criterion) {
    let pages = load_pages();
    let mut group = c.benchmark_group("parsers");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.sample_size(10);
    group.bench_function("html5ever_tree", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(scraper::Html::parse_document(&p.text));
            }
        })
    });
    group.bench_function("html5ever_tokenizer", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(tokenize(&p.text));
            }
        })
    });
    group.bench_function("html5gum_tokenizer", |b| {
        b.iter(|| {
            for p in &pages {
                let tokens = html5gum::Tokenizer::new(p.text.as_str()).flatten().count();
                std::hint::black_box(tokens);
            }
        })
    });
    group.bench_function("tl_dom", |b| {
        b.iter(|| {
            for p in &pages {
                let dom = tl::parse(&p.text, tl::ParserOptions::default());
                std::hint::black_box(dom.map(|d| d.nodes().len()).ok());
            }
        })
    });
    group.bench_function("lol_html_stream", |b| {
        b.iter(|| {
            for p in &pages {
                std::hint::black_box(stream(&p.text));
            }
        })
    });
    group.finish();
}

/// Tokens counted by html5ever's tokenizer with no tree behind it.
fn tokenize(html: &str) -> usize {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::{
        BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    struct Count(std::cell::Cell<usize>);
    impl TokenSink for Count {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            if !matches!(token, Token::ParseError(_)) {
                self.0.set(self.0.get() + 1);
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Count(std::cell::Cell::new(0)), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.get()
}

/// Elements and text chunks seen by lol_html's streaming rewriter.
fn stream(html: &str) -> usize {
    use lol_html::{HtmlRewriter, Settings, element, text};
    let seen = std::cell::Cell::new(0usize);
    let settings = Settings::new()
        .append_element_content_handler(element!("*", |_| {
            seen.set(seen.get() + 1);
            Ok(())
        }))
        .append_element_content_handler(text!("*", |_| {
            seen.set(seen.get() + 1);
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    seen.get()
}

criterion_group!(benches, bench_extract, bench_parsers);
criterion_main!(benches);
