//! Whole-corpus NER throughput: tokenize + NER + canonical names over every BBC article,
//! reported per wall-clock second and per CPU second of this (single-threaded) process. On a
//! shared machine the CPU figure is the per-core rate; the wall figure includes time the
//! scheduler gave to others. Run by `scripts/bench-ner`.
//!
//! ```text
//! cargo run --release --example ner_throughput -- ../shared/corpora/bbc [ROUNDS]
//! ```

use std::path::Path;
use std::time::Instant;

use morgue::enrich::{entities, tokenize};
use morgue::Article;

/// utime + stime of this process in seconds, from /proc (Linux); None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root = Path::new(args.get(1).map_or("../shared/corpora/bbc", String::as_str));
    let rounds: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(3);
    let mut files = Vec::new();
    for section in ["business", "entertainment", "politics", "sport", "tech"] {
        if let Ok(rd) = std::fs::read_dir(root.join(section)) {
            files.extend(rd.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    let articles: Vec<Article> = files
        .iter()
        .filter_map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(p).ok()?).into_owned();
            let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
            Some(Article {
                title: title.trim().to_string(),
                body: body.trim_start().to_string(),
                ..Article::default()
            })
        })
        .collect();
    if articles.is_empty() {
        eprintln!("no articles under {}", root.display());
        std::process::exit(2);
    }
    let tokens: usize = articles
        .iter()
        .map(|a| tokenize::tokenize(&a.title).len() + tokenize::tokenize(&a.body).len())
        .sum();
    let _ = entities(&articles[0]); // load the model outside the timing
    let mut found = 0;
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    for _ in 0..rounds {
        for a in &articles {
            found += entities(a).len();
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
    let total = (tokens * rounds) as f64;
    println!(
        "{} articles, {} tokens x {} rounds, {} entities/round",
        articles.len(),
        tokens,
        rounds,
        found / rounds
    );
    println!("wall {wall:.2}s: {:.0} tokens/s", total / wall);
    if let Some(cpu) = cpu.filter(|&c| c > 0.0) {
        println!("cpu  {cpu:.2}s: {:.0} tokens/s per core", total / cpu);
    }
}
