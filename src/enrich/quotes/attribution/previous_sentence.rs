//! The `previous-sentence` sieve: a sentence that ends on its cue introduces the quote after it
//! (`Ada Byron said. “…”`).

use super::*;

/// The cue in the sentence before a quote that opens its own sentence: `Or maybe Jeb Bush,
/// consultant Phil Musser says. “Several surveys…”` — the previous sentence of the paragraph
/// ends with `NP cue.` (or `NP cue:`).
pub fn previous_sentence(text: &str, from: usize, to: usize) -> Option<Found> {
    let ws = words(text, from, to);
    let n = ws.len();
    let last = text.get(ws.last()?.start..ws.last()?.end)?;
    if !matches!(last, "." | ":") || n < 3 {
        return None;
    }
    // The cue ends the sentence, or only a short phrase of place, time or medium follows it
    // (`Ada Byron said in a statement.`).
    let at = |j: usize| text.get(ws[j].start..ws[j].end);
    let v = (n.saturating_sub(8)..n - 1).rev().find(|&v| {
        at(v).is_some_and(|t| is_cue_verb(t) && !t.ends_with("ing"))
            && (v == n - 2
                || at(v + 1).is_some_and(|p| {
                    matches!(p, "in" | "on" | "at" | "during" | "via" | "to" | "after")
                }) && ws[v + 1..n - 1].iter().all(|w| {
                    text.get(w.start..w.end)
                        .is_some_and(|t| !is_punct(t) && !is_cue_verb(t))
                }))
    })?;
    let (mention, kind) = subject_before(text, &ws, v)?;
    Some(Found {
        cue: ws[v],
        mention,
        kind,
    })
}
