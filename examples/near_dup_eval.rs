//! Pair precision and recall of an index's near-duplicate clusters against the truth written by
//! `gen_corpus wire` (run by `scripts/eval-near-dup`): two articles are a true pair when they
//! come from one story, a predicted pair when they share a cluster.
//!
//! usage: near_dup_eval INDEX_DIR CORPUS_DIR TRUTH_TSV [-v]   (-v lists wrong and missed pairs)

use std::collections::HashMap;
use std::path::Path;

fn pairs(n: usize) -> u64 {
    (n as u64) * (n as u64).saturating_sub(1) / 2
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: near_dup_eval INDEX_DIR CORPUS_DIR TRUTH_TSV [-v]");
        std::process::exit(1);
    }
    let verbose = args.iter().any(|a| a == "-v");
    let root = Path::new(&args[2])
        .canonicalize()
        .unwrap_or_else(|e| fail(&format!("{}: {e}", args[2])));
    let truth: HashMap<String, String> = std::fs::read_to_string(&args[3])
        .unwrap_or_else(|e| fail(&format!("{}: {e}", args[3])))
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(p, s)| (p.to_string(), s.to_string()))
        .collect();
    let members = morgue::index::Archive::open(Path::new(&args[1]))
        .and_then(|a| morgue::index::clusters::members(&a))
        .unwrap_or_else(|e| fail(&e.to_string()));
    // (cluster, story) for every indexed article of the truth.
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (path, cluster) in members {
        let rel = Path::new(&path)
            .strip_prefix(&root)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or(path.clone());
        if let Some(story) = truth.get(&rel) {
            rows.push((cluster, story.clone(), rel));
        }
    }
    let mut by_cluster: HashMap<&str, Vec<&(String, String, String)>> = HashMap::new();
    let mut by_story: HashMap<&str, usize> = HashMap::new();
    let mut by_both: HashMap<(&str, &str), usize> = HashMap::new();
    for r in &rows {
        by_cluster.entry(&r.0).or_default().push(r);
        *by_story.entry(&r.1).or_default() += 1;
        *by_both.entry((&r.0, &r.1)).or_default() += 1;
    }
    let predicted: u64 = by_cluster.values().map(|v| pairs(v.len())).sum();
    let true_pairs: u64 = by_story.values().map(|&n| pairs(n)).sum();
    let right: u64 = by_both.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    println!(
        "articles {} (of {} in the truth)  stories {}  clusters {}  true pairs {true_pairs}  predicted pairs {predicted}  right {right}",
        rows.len(),
        truth.len(),
        by_story.len(),
        by_cluster.len()
    );
    println!(
        "pair precision {:.4}  pair recall {:.4}",
        ratio(right, predicted),
        ratio(right, true_pairs)
    );
    if verbose {
        for members in by_cluster.values() {
            let stories: std::collections::BTreeSet<&str> =
                members.iter().map(|r| r.1.as_str()).collect();
            if stories.len() > 1 {
                let paths: Vec<&str> = members.iter().map(|r| r.2.as_str()).collect();
                println!("merged stories: {}", paths.join("  "));
            }
        }
        let mut clusters_of: HashMap<&str, Vec<&(String, String, String)>> = HashMap::new();
        for r in &rows {
            clusters_of.entry(&r.1).or_default().push(r);
        }
        for members in clusters_of.values() {
            let clusters: std::collections::BTreeSet<&str> =
                members.iter().map(|r| r.0.as_str()).collect();
            if clusters.len() > 1 {
                let paths: Vec<String> = members
                    .iter()
                    .map(|r| format!("{}[{}]", r.2, &r.0[..r.0.len().min(6)]))
                    .collect();
                println!("split story: {}", paths.join("  "));
            }
        }
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("near_dup_eval: {msg}");
    std::process::exit(1)
}
