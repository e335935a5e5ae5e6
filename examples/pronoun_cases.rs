//! Prints, for each article file, every "he" and "she" its extraction resolves as a quote's
//! speaker mention, with the rules' answer and which rule gave it: one JSON line per article
//! (its path and body as `extract --json` gives them, the cases' offsets in bytes of the body),
//! for `scripts/eval-pronouns`, which scores them against the pronoun gold, and
//! `eval/identity/bbc-pronouns.py`, which chose the BBC gold's cases from it.

use morgue::enrich::quotes;
use morgue::Field;

mod support;

fn main() {
    support::each_body_article("pronoun_cases", |path, article, ents| {
        let cases: Vec<_> = quotes::pronoun_cases(Field::Body, &article.body, ents)
            .into_iter()
            .map(|c| {
                serde_json::json!({
                    "start": c.start, "end": c.end, "pronoun": c.pronoun,
                    "rule": c.rule, "branch": c.branch,
                })
            })
            .collect();
        let line = serde_json::json!({"path": path, "body": article.body, "cases": cases});
        println!("{line}");
    });
}
