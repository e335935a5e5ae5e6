//! Prints, for each article file, the candidates of every direct quote the learned speaker
//! ranker has a say on (one JSON line per article: its path, title and body as `extract --json`
//! gives them, all direct body quotes, and per ranked quote the cascade's sieve and each
//! candidate's mention span, speaker and features), computed with the model switched off, for
//! `scripts/train-speaker-ranker`, which labels them against PolNeAR's gold Source spans.

use morgue::enrich::quotes;
use morgue::{Field, QuoteKind};

mod support;

fn main() {
    support::each_body_article("speaker_candidates", |path, article, ents| {
        let mut trace = Vec::new();
        let direct: Vec<_> =
            quotes::extract_traced(Field::Body, &article.body, ents, false, Some(&mut trace))
                .into_iter()
                .filter(|q| q.kind == QuoteKind::Direct)
                .map(|q| {
                    serde_json::json!({
                        "field": "body", "start": q.start, "end": q.end,
                        "speaker": q.speaker, "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end,
                    })
                })
                .collect();
        let ranked: Vec<_> = trace
            .iter()
            .map(|t| {
                let cands: Vec<_> = t
                    .candidates
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "start": c.found.mention.start,
                            "end": c.found.mention.end,
                            "speaker": c.speaker,
                            "features": c.features,
                        })
                    })
                    .collect();
                serde_json::json!({
                    "start": t.start, "end": t.end,
                    "sieve": t.sieve.map(|h| h.as_str()),
                    "candidates": cands,
                })
            })
            .collect();
        let line = serde_json::json!({
            "path": path, "title": article.title, "body": article.body,
            "quotes": direct, "ranked": ranked,
        });
        println!("{line}");
    });
}
