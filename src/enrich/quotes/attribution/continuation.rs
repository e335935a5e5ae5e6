//! The guard on continuing speech: a quote paragraph with no cue goes on with the previous
//! quote's speaker (the caller's `continuation` step) unless the narration since that quote
//! ended brings in another person as a sentence's subject or a speaker ("Ada Byron said …
//! Tom Lee disagreed. “…”"), or the quote's own sentence goes on to a reporting verb the
//! sieves could not read (`“…,” a senior official at the ministry told reporters.`): then
//! nobody, rather than a guess.

use super::*;

/// Whether the text between `from` (the previous quote's end) and `to` (this quote's start)
/// has a person other than `prev` opening a sentence or reporting (`Tom Lee said`), outside
/// quotation marks. A person named only as an object ("…, contrasting Clinton's plans with
/// Trump's") does not count. `entities` sorted by start.
/// Whether the previous speaker must not be carried to the quote `q_start..q_end`: another
/// subject since `prev_end` (`another_subject_between`), or a reporting verb in the rest of
/// the quote's sentence.
pub fn continuation_blocked(
    text: &str,
    entities: &[Entity],
    prev_end: usize,
    (q_start, q_end): (usize, usize),
    prev: &str,
) -> bool {
    // A quote that closes its own sentence (`.”`, `?”`) leaves the words after it to the next
    // sentence, which may well report the same speaker again.
    let closed = text
        .get(..q_end)
        .map(|t| t.trim_end_matches(['”', '"', '’', '\'', '»', ' ']))
        .is_some_and(|t| t.ends_with(['.', '?', '!']));
    let end = super::super::spans::para_end_of(text, q_end);
    let rest = text.get(q_end..end).unwrap_or("");
    let sentence = rest.split(". ").next().unwrap_or(rest);
    let cued = !closed
        && sentence
            .split_whitespace()
            .take(16)
            .any(|w| is_cue_verb(w.trim_end_matches([',', '.', ':'])));
    cued || another_subject_between(text, entities, prev_end, q_start, prev)
}

fn another_subject_between(
    text: &str,
    entities: &[Entity],
    from: usize,
    to: usize,
    prev: &str,
) -> bool {
    let last = |n: &str| n.rsplit(' ').next().unwrap_or("").to_string();
    let prev_last = last(prev);
    let lo = entities.partition_point(|e| e.start < from);
    entities
        .get(lo..)
        .unwrap_or(&[])
        .iter()
        .take_while(|e| e.end <= to)
        .filter(|e| e.label == Label::Per && last(&e.canonical) != prev_last)
        .any(|e| {
            let s = sentence_start_near(text, e.start).max(from);
            let lead = text.get(s..e.start).map_or("", str::trim);
            let opens = lead
                .split_whitespace()
                .all(|w| matches!(w, "But" | "And" | "Then") || is_title(w) || is_role_noun(w));
            let verb = text
                .get(e.end..)
                .and_then(|r| r.split_whitespace().next())
                .map(|w| w.trim_end_matches([',', '.']))
                .is_some_and(is_cue_verb);
            (opens || verb) && !inside_quote(text, e.start)
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::ent;
    use super::*;

    fn between(t: &str, names: &[&str], prev: &str) -> bool {
        let mut ents: Vec<Entity> = names.iter().map(|n| ent(t, n, Label::Per, n)).collect();
        ents.sort_by_key(|e| e.start);
        let from = t.find('”').unwrap() + '”'.len_utf8();
        let to = t.rfind('“').unwrap();
        another_subject_between(t, &ents, from, to, prev)
    }

    #[test]
    fn a_new_subject_between_two_quotes_stops_the_continuation() {
        let t = "“We won,” Ada Byron said.\n\nTom Lee disagreed with her.\n\n“It is over.”";
        assert!(between(t, &["Ada Byron", "Tom Lee"], "Ada Byron"));
        let t = "“We won,” Ada Byron said. Later Tom Lee said so too.\n\n“It is over.”";
        assert!(between(t, &["Ada Byron", "Tom Lee"], "Ada Byron"));
    }

    #[test]
    fn a_cue_after_the_quote_that_no_sieve_read_stops_it_too() {
        let t = "“We won,” Ada Byron said.\n\n“It is over,” a senior aide at the ministry \
                 told reporters.";
        let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
        let q = t.rfind('“').unwrap();
        let qe = t.rfind('”').unwrap() + '”'.len_utf8();
        let pe = t.find('”').unwrap() + '”'.len_utf8();
        assert!(continuation_blocked(t, &ents, pe, (q, qe), "Ada Byron"));
        let u = "“We won,” Ada Byron said.\n\n“It is over.” She said it twice.";
        let q = u.rfind('“').unwrap();
        let qe = u.rfind('”').unwrap() + '”'.len_utf8();
        assert!(!continuation_blocked(u, &ents, pe, (q, qe), "Ada Byron"));
    }

    #[test]
    fn an_object_or_the_same_person_does_not() {
        let t = "“We won,” Ada Byron said, praising Tom Lee.\n\n“It is over.”";
        assert!(!between(t, &["Ada Byron", "Tom Lee"], "Ada Byron"));
        let t = "“We won,” Ada Byron said.\n\nByron smiled.\n\n“It is over.”";
        assert!(!between(t, &["Ada Byron", "Byron"], "Ada Byron"));
    }
}
