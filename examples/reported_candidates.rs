//! Prints the reported-speech candidates of each article file (one JSON line per article: its
//! path, body, and every candidate's byte span, whether it touches a quotation, its features and
//! current score), for `scripts/train-reported`, which labels them against PolNeAR's gold.

use morgue::enrich::quotes::{self, reported};
use morgue::{Field, QuoteKind};

mod support;

fn main() {
    support::each_body_article("reported_candidates", |path, article, ents| {
        let direct: Vec<_> = quotes::extract(Field::Body, &article.body, ents)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .collect();
        let cands: Vec<_> = reported::candidates(&article.body, ents, &direct)
            .into_iter()
            .map(|c| {
                serde_json::json!({
                    "start": c.start,
                    "end": c.end,
                    "quoted": c.quoted,
                    "score": reported::score(&c),
                    "features": c.features,
                })
            })
            .collect();
        let line = serde_json::json!({"path": path, "body": article.body, "candidates": cands});
        println!("{line}");
    });
}
