//! Quotations interrupted by their cue (`“A,” he said, “B.”`): which consecutive quote spans
//! form one quotation, whether a span breaks off for a cue, and such a quotation's `parts` and
//! text. PolNeAR annotates it as one attribution with a discontinuous content, so it is one quote
//! whose span runs from A to B; its text is the parts joined by a space, so the attribution never
//! appears in quote text (JSON, CSV, the index).

use super::cues::{is_cue_verb, lower, words};
use super::spans::QuoteSpan;

/// Group consecutive spans that form one quotation interrupted by its cue: same paragraph, and
/// the gap is a short cue clause (`, he said, `, `, said Ada Byron, a poet. `) with no second
/// clause in it. Tuned on the PolNeAR train split: such gaps belong to one attribution five times
/// in six; gaps with "adding", "that", "and"… start a new one.
pub(super) fn group(text: &str, spans: &[QuoteSpan]) -> Vec<Vec<QuoteSpan>> {
    let mut out: Vec<Vec<QuoteSpan>> = Vec::new();
    for s in spans {
        if let Some(g) = out.last_mut() {
            if let Some(p) = g.last() {
                if p.closed
                    && !closes_before_new_sentence(text, p)
                    && is_cue_gap(text, p.outer_end, s.outer_start)
                {
                    g.push(*s);
                    continue;
                }
            }
        }
        out.push(vec![*s]);
    }
    out
}

/// True when the quote `p` breaks off for a cue: its words end on a comma or other pause
/// (`“A,” he said`, `“‘Title,’” he said`), or a comma follows the closing mark (`“A”, he said`).
pub(super) fn interrupted(text: &str, p: &QuoteSpan) -> bool {
    let pause = text
        .get(p.start..p.end)
        .map(|t| t.trim_end().trim_end_matches(['’', '\'', '"', '”']))
        .is_some_and(|t| t.ends_with([',', '?', '!', '.', ';', '—', '–', '-', '…']));
    let comma_after = text
        .get(p.outer_end..)
        .is_some_and(|r| r.trim_start().starts_with(','));
    pause || comma_after
}

/// True when the quote `p` ends its sentence (`.”`, `?”`, `!”`) and a capitalised word opens the
/// text after it: `“…spring.” He added, “…”` is a second sentence with a cue of its own, not the
/// interruption of one quote.
fn closes_before_new_sentence(text: &str, p: &QuoteSpan) -> bool {
    let closed = text
        .get(p.start..p.end)
        .is_some_and(|t| t.trim_end().ends_with(['.', '?', '!']));
    let next_cap = text
        .get(p.outer_end..)
        .and_then(|r| r.trim_start().chars().next())
        .is_some_and(char::is_uppercase);
    closed && next_cap
}

fn is_cue_gap(text: &str, a: usize, b: usize) -> bool {
    let Some(gap) = text.get(a..b) else {
        return false;
    };
    if gap.contains('\n') || gap.len() > 160 {
        return false;
    }
    let ws = words(text, a, b);
    let n_words = ws
        .iter()
        .filter(|w| {
            text.get(w.start..w.end)
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
        })
        .count();
    if n_words == 0 || n_words > 10 {
        return false;
    }
    let mut has_cue = false;
    for (i, w) in ws.iter().enumerate() {
        let t = text.get(w.start..w.end).unwrap_or("");
        if is_cue_verb(t) {
            has_cue = true;
        }
        if matches!(
            lower(t, &mut [0; 32]),
            "adding" | "that" | "and" | "but" | "then" | "who" | "which"
        ) {
            return false;
        }
        // A sentence boundary inside the gap (not its final punctuation) means two sentences.
        if matches!(t, "." | "!" | "?") && i + 1 < ws.len() {
            let rest_is_punct = ws[i + 1..].iter().all(|w| {
                text.get(w.start..w.end)
                    .is_some_and(|t| !t.chars().any(char::is_alphanumeric))
            });
            if !rest_is_punct {
                return false;
            }
        }
    }
    has_cue
}

/// The `parts` of quotation `g` (its spans, when there are two or more) and its text: the span
/// from its first to its last words, or for an interrupted quote its parts without the
/// attribution between them. Nothing when the span is not on `text`'s char boundaries.
pub(super) fn parts_and_text(text: &str, g: &[QuoteSpan]) -> Option<(Vec<(usize, usize)>, String)> {
    let (first, last) = (g.first()?, g.last()?);
    let whole = text.get(first.start..last.end)?;
    let parts: Vec<(usize, usize)> = if g.len() > 1 {
        g.iter().map(|s| (s.start, s.end)).collect()
    } else {
        Vec::new()
    };
    let qtext = if parts.is_empty() {
        whole.to_string()
    } else {
        let pieces: Vec<&str> = parts.iter().filter_map(|&(s, e)| text.get(s..e)).collect();
        pieces.join(" ")
    };
    Some((parts, qtext))
}
