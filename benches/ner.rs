//! Throughput of tokenize + NER + canonical names (`enrich::entities`) on BBC articles, reported
//! as tokens per second (one core: criterion runs the closure on the calling thread), and of the
//! whole enrichment (`enrich::enrich`: entities, then direct and indirect quotes) on the same
//! articles: the ratio of the two medians is what quotes add to `morgue extract`.
//!
//! `cargo bench --bench ner`. Needs `../shared/corpora/bbc`; without it the bench says so and
//! measures nothing.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use morgue::enrich::{enrich, entities, tokenize};
use morgue::Article;

fn load_bbc(limit: usize) -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    let mut files = Vec::new();
    for section in ["business", "entertainment", "politics", "sport", "tech"] {
        if let Ok(rd) = std::fs::read_dir(root.join(section)) {
            files.extend(rd.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    // Every fourth file across the sections, so all sections are represented.
    files
        .into_iter()
        .step_by(4)
        .take(limit)
        .filter_map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).ok()?).into_owned();
            let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
            Some(Article {
                title: title.trim().to_string(),
                body: body.trim_start().to_string(),
                ..Article::default()
            })
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = load_bbc(400);
    if articles.is_empty() {
        eprintln!("note: ../shared/corpora/bbc not found; nothing to measure");
        return;
    }
    let tokens: usize = articles
        .iter()
        .map(|a| tokenize::tokenize(&a.title).len() + tokenize::tokenize(&a.body).len())
        .sum();
    // Warm the lazily loaded model outside the measurement.
    let _ = entities(&articles[0]);
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    g.bench_function(
        format!("bbc_{}_articles_{}_tokens", articles.len(), tokens),
        |b| {
            b.iter(|| {
                let mut n = 0;
                for a in &articles {
                    n += entities(a).len();
                }
                n
            })
        },
    );
    g.finish();
    let mut g = c.benchmark_group("enrich");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    g.bench_function(
        format!("bbc_{}_articles_{}_tokens", articles.len(), tokens),
        |b| {
            b.iter(|| {
                let mut n = 0;
                for a in &articles {
                    let e = enrich(a);
                    n += e.entities.len() + e.quotes.len();
                }
                n
            })
        },
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
