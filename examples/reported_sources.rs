//! Prints, for each article file, the candidates of every tagged reported span whose source the
//! rules did not find (one JSON line per article: its path and body as `extract --json` gives
//! them, every indirect body quote, and per such span each candidate's mention span, speaker and
//! features), computed with the learned source selector switched off
//! (`reported_span::ranker::traced`), for `scripts/train-reported-source`, which labels them
//! against PolNeAR's gold Source spans.

use morgue::enrich::quotes::{self, reported_span::ranker};
use morgue::{Field, QuoteKind};

mod support;

fn main() {
    support::each_body_article("reported_sources", |path, article, ents| {
        let (found, traces) = ranker::traced(|| quotes::extract(Field::Body, &article.body, ents));
        let indirect: Vec<_> = found
            .iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .map(|q| serde_json::json!({"start": q.start, "end": q.end, "speaker": q.speaker}))
            .collect();
        let spans: Vec<_> = traces
            .iter()
            .map(|t| {
                let cands: Vec<_> = t
                    .candidates
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "start": c.found.mention.start, "end": c.found.mention.end,
                            "speaker": c.quote.as_ref().and_then(|q| q.speaker.clone()), "features": c.features,
                        })
                    })
                    .collect();
                serde_json::json!({"start": t.start, "end": t.end, "candidates": cands})
            })
            .collect();
        let line = serde_json::json!({
            "path": path, "body": article.body, "quotes": indirect, "spans": spans,
        });
        println!("{line}");
    });
}
