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
    // The same articles through the entities stage alone and through the whole enrichment.
    time_group(c, "ner", &articles, tokens, |a| entities(a).len());
    time_group(c, "enrich", &articles, tokens, |a| {
        let e = enrich(a);
        e.entities.len() + e.quotes.len()
    });
}

fn time_group(
    c: &mut Criterion,
    name: &str,
    articles: &[Article],
    tokens: usize,
    run: impl Fn(&Article) -> usize,
) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    g.bench_function(
        format!("bbc_{}_articles_{}_tokens", articles.len(), tokens),
        |b| b.iter(|| articles.iter().map(&run).sum::<usize>()),
    );
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
