//! Prints, for each article file, its direct body quotes as the sieves and the ranker leave them
//! (before the learned abstain), each with the abstain's features (one JSON line per article:
//! its path, title and body as `extract --json` gives them, and per quote its span, speaker,
//! `how`, the abstain's features and the pronoun gate's), for `scripts/train-speaker-confidence`,
//! which labels them against PolNeAR's gold Source spans, and `scripts/train-pronoun-gate`, which
//! labels them against the identity golds' references.

use morgue::enrich::quotes;
use morgue::Field;

mod support;

fn main() {
    support::each_body_article("speaker_confidence", |path, article, ents| {
        let qs: Vec<_> = quotes::extract_confidence(Field::Body, &article.body, ents)
            .into_iter()
            .map(|(q, fs, ps)| {
                serde_json::json!({
                    "start": q.start, "end": q.end, "speaker": q.speaker,
                    "how": q.how.map(|h| h.as_str()), "features": fs,
                    "pronoun_features": ps,
                })
            })
            .collect();
        let line = serde_json::json!({
            "path": path, "title": article.title, "body": article.body, "quotes": qs,
        });
        println!("{line}");
    });
}
