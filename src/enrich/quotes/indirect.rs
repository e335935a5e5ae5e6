//! Indirect (reported) speech: "Peskov said that NATO was a threat", "NATO is a threat, Peskov
//! said.", "According to Peskov, NATO is a threat." Each becomes a [`Quote`] of kind
//! [`QuoteKind::Indirect`] whose span is the reported clause and whose speaker is a named person
//! or organisation.
//!
//! Precision comes first, because indirect quotes share every output with direct ones: a question
//! is never read, and in a sentence holding a quote mark or part of a direct quote only a clause
//! and speaker clear of every quotation count; the speaker must trace back to a PER or ORG entity
//! of the field (no fallback names, no "they", no "it", and "he"/"she" only when this paragraph
//! and the two before name one person the pronoun's gender fits); modal, negated,
//! passive, infinitive and relative uses of the verb ("would say", "did not say", "was told",
//! "is said to", "who said") and the adjective ("the said company") are not speech. When in
//! doubt the sentence yields nothing — an indirect quote without a speaker is noise.
//!
//! Cue and subject finding reuse `attribution` (the same subject rules and name resolution as
//! direct quotes); this module owns only the clause: where the reported words start and end.
//! Where to look is `triggers` (the reporting verbs and the sentences around them), what keeps
//! clear of quotations is `marks`, who said it is `speaker`, and the word classes the rules test
//! are `words`.
//! Linear in the text, never panics: every slice goes through `str::get`.

use crate::article::{Field, Quote};

use super::attribution::{after_quote, before_quote, Found, MentionKind, NameIndex};
use super::cues::{is_cap, is_function_word, is_punct, lower, words, Word};
use super::spans::{para_end_of, para_start};
use super::speakers::FieldEntities;

mod marks;
mod speaker;
mod triggers;
mod words;

pub(super) use marks::clear_spans;
use marks::{clear_of_quotes, has_quote_mark};
pub(super) use speaker::{campaign_of, description_quote, indirect_quote, speaker_quote};
pub(super) use triggers::trigger_sentences;
use triggers::{is_speech_verb, is_trigger, trigger_starts};
use words::{
    blocks_report, cuts_clause, is_adverbial, is_descriptor, is_finite_aux, is_past_form,
    is_subordinate_opener, opens_clause, PLAIN_VERB_OK, WITH_LISTENER, ZERO_THAT,
};

/// The longest sentence (in words, punctuation included) read for reported speech. Of the
/// sentences of BBC and PolNeAR, fewer than one in ten thousand has over 120 words; `'Blair said that '`
/// 4,000 times in one sentence (64 KB) took 35 s in a debug build before this bound.
const MAX_SENTENCE_WORDS: usize = 250;

/// One sentence: its words and byte span.
struct Sentence<'w> {
    ws: &'w [Word],
    start: usize,
    /// End of the sentence's text without its final punctuation.
    body_end: usize,
}

/// Extract the indirect quotes of one field. `names` indexes this field's entities sorted by
/// start; `direct` the field's direct quotes, which no indirect quote may overlap.
pub fn extract(field: Field, text: &str, names: &NameIndex, direct: &[Quote]) -> Vec<Quote> {
    let ents = &FieldEntities::new(names);
    let mut out = Vec::new();
    let triggers = trigger_starts(text);
    let mut k = 0;
    // Most paragraphs hold no reporting verb, and in those that do, most sentences do not:
    // only the sentences around a trigger are split into words.
    while let Some(&t) = triggers.get(k) {
        let (ps, pe) = (para_start(text, t), para_end_of(text, t));
        let n = triggers[k..].partition_point(|&x| x < pe);
        let para = &triggers[k..k + n];
        k += n;
        for (a, b) in trigger_sentences(text, ps, pe, para) {
            // A question is never reported speech: tested on the bytes before the words are
            // built (the words cover every non-space character).
            let raw = text.get(a..b).unwrap_or("").trim();
            if raw.contains('?') {
                continue;
            }
            // A sentence holding a quote mark or part of a direct quote is read too ("Clinton
            // told the audience that she believes…, saying that “race…”"), but a reported
            // clause found in it must keep clear of every quotation (below).
            let marked = has_quote_mark(raw);
            let sw = words(text, a, b);
            // The rules below read from the sentence's start for each verb: a "sentence" far
            // longer than news prose (a list or text without full stops) would cost time
            // quadratic in its length, so it is not read.
            if sw.len() > MAX_SENTENCE_WORDS {
                continue;
            }
            let (Some(first), Some(last)) = (sw.first(), sw.last()) else {
                continue;
            };
            // The words cover every non-space character, so they span exactly the trimmed
            // sentence tested above.
            let (start, end) = (first.start, last.end);
            if !sw.iter().any(|w| is_trigger(tok(text, w))) {
                continue;
            }
            let marked = marked
                || direct
                    .iter()
                    .any(|q| q.start < end + 1 && start < q.end + 1);
            // Every sentence with a trigger is read: a source need not be named ("officials
            // said that…" is reported speech without a speaker).
            let final_punct = matches!(text.get(last.start..last.end), Some("." | "!"));
            let sent = Sentence {
                ws: &sw,
                start,
                body_end: if final_punct { last.start } else { end },
            };
            let before = out.len();
            sentence(field, text, ents, &sent, &mut out);
            if marked {
                // Neither the clause nor the speaker's mention may touch a quote mark or a
                // direct quote: the words between marks are someone's own, and a clause that
                // runs into them is the direct stage's.
                let mut found = out.split_off(before);
                found.retain(|q| clear_of_quotes(text, direct, q));
                out.append(&mut found);
            }
        }
    }
    // What the rules do not find, the learned classifier may (verbs beyond speech: "called
    // for", "wants", "found"); the rules' clauses stand where both fire.
    let learned = super::reported::extract(field, text, ents, direct, &out);
    if !learned.is_empty() {
        out.extend(learned);
        out.sort_by_key(|q| (q.start, q.end));
    }
    // Then the token tagger: content spans in any form, clear of both.
    let tagged = super::reported_span::extract(field, text, ents, direct, &out);
    if !tagged.is_empty() {
        out.extend(tagged);
        out.sort_by_key(|q| (q.start, q.end));
    }
    out
}

fn tok<'t>(text: &'t str, w: &Word) -> &'t str {
    text.get(w.start..w.end).unwrap_or("")
}

/// Every reported clause of one sentence: "X said (that) …", "According to X, …", "…, X said."
fn sentence(field: Field, text: &str, ents: &FieldEntities, s: &Sentence, out: &mut Vec<Quote>) {
    let before = out.len();
    for v in 0..s.ws.len() {
        if let Some(q) = forward(field, text, ents, s, v) {
            out.push(q);
        }
    }
    if out.len() == before {
        if let Some(q) = according_to(field, text, ents, s) {
            out.push(q);
        }
    }
    if out.len() == before {
        if let Some(q) = closing_cue(field, text, ents, s) {
            out.push(q);
        }
    }
    if out.len() == before {
        if let Some(q) = middle_cue(field, text, ents, s) {
            out.push(q);
        }
    }
}

/// "Though the handover went smoothly, he said, replacing Clinton would be harder.": a reporting
/// clause set off by commas inside the sentence. The words after it are reported (the words
/// before it are too, but may be an introductory phrase: "Back in Virginia, Mr. Clarke said,
/// he…"); the clause between the commas is a subject (after its descriptors), adverbs and the
/// verb, nothing that makes the verb modal, negated or relative.
fn middle_cue(field: Field, text: &str, ents: &FieldEntities, s: &Sentence) -> Option<Quote> {
    let ws = s.ws;
    for v in 2..ws.len() {
        if !is_speech_verb(tok(text, &ws[v])) {
            continue;
        }
        // The comma closing the cue: right after the verb or after up to three adverb words.
        let Some(close) = (v + 1..ws.len().min(v + 5)).find(|&i| tok(text, &ws[i]) == ",") else {
            continue;
        };
        if ws[v + 1..close].iter().any(|w| {
            let t = tok(text, w);
            is_punct(t) || blocks_report(t) || is_finite_aux(t) || t == "that"
        }) {
            continue;
        }
        let Some(found) = before_quote(text, s.start, ws[v].end) else {
            continue;
        };
        let Some(m0) = ws.iter().position(|w| w.start == found.mention.start) else {
            continue;
        };
        let mut m = m0;
        if found.kind == MentionKind::Name {
            while m > 0 && is_descriptor(tok(text, &ws[m - 1])) {
                m -= 1;
            }
        }
        // The opening comma, with at least three words before it.
        if found.cue != ws[v] || m < 4 || tok(text, &ws[m - 1]) != "," {
            continue;
        }
        let between = words(text, found.mention.end, ws[v].start);
        let mtext = text
            .get(found.mention.start..found.mention.end)
            .unwrap_or("");
        if between.len() > 3
            || between.iter().any(|w| {
                let t = tok(text, w);
                is_punct(t) || blocks_report(t) || is_finite_aux(t)
            })
            || mtext.contains("’s")
            || mtext.contains("'s")
        {
            continue;
        }
        let (qs, qe) = clause_from(text, s, close + 1)?;
        let cue = text.get(ws[v].start..ws[v].end)?;
        return speaker_quote(field, text, ents, &found, qs, qe, s.start, cue);
    }
    None
}

/// The clause that starts at word `c` of the sentence: up to the sentence's final punctuation,
/// or to a comma that opens a second clause, or a semicolon. None when fewer than three words.
fn clause_from(text: &str, s: &Sentence, c: usize) -> Option<(usize, usize)> {
    let start = s.ws.get(c)?.start;
    let mut end = s.body_end;
    let mut n_words = 0;
    for i in c..s.ws.len() {
        let t = tok(text, &s.ws[i]);
        if s.ws[i].start >= s.body_end {
            break;
        }
        if t == ";" || t == ":" || DASH_WORDS.contains(&t) {
            end = s.ws[i].start;
            break;
        }
        if t == "," && s.ws.get(i + 1).is_some_and(|w| cuts_clause(tok(text, w))) {
            end = s.ws[i].start;
            break;
        }
        // A second reporting clause closing the sentence ("…, people at the meeting said.")
        // is the writer's, not part of what was reported.
        if t == "," {
            let rest: Vec<&Word> = s.ws[i + 1..]
                .iter()
                .take_while(|w| w.start < s.body_end)
                .collect();
            if rest.len() <= 8 && rest.iter().any(|w| is_speech_verb(tok(text, w))) {
                end = s.ws[i].start;
                break;
            }
        }
        if !is_punct(t) {
            n_words += 1;
        }
    }
    let end = start + trim_clause_end(text.get(start..end)?).len();
    (n_words >= 3 && end > start).then_some((start, end))
}

const DASH_WORDS: [&str; 3] = ["–", "—", "―"];

/// A clause without the punctuation that closes its sentence: a parenthesised sentence ends in
/// ".)", which the sentence splitter leaves on the last word ("…was unrelated.)").
fn trim_clause_end(c: &str) -> &str {
    let mut c = c.trim_end();
    loop {
        let t = if c.ends_with(')') && !c.contains('(') {
            c.strip_suffix(')')
        } else {
            c.strip_suffix(['.', '!', ';', ','])
        };
        match t {
            Some(t) => c = t.trim_end(),
            None => return c,
        }
    }
}

/// "X said (on Tuesday) (that) …", "X told reporters (that) …".
fn forward(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    s: &Sentence,
    v: usize,
) -> Option<Quote> {
    let ws = s.ws;
    let verb = tok(text, &ws[v]);
    if !is_speech_verb(verb) || v == 0 {
        return None;
    }
    // The words between the verb and "that" (at most eight, no punctuation).
    let that = (v + 1..ws.len().min(v + 10))
        .take_while(|&i| !is_punct(tok(text, &ws[i])))
        .find(|&i| tok(text, &ws[i]) == "that");
    let gap = &ws[v + 1..that.unwrap_or(v + 1)];
    let listener = WITH_LISTENER.contains(&verb);
    let c = match that {
        Some(t) => {
            // A say-verb takes only an adverbial before "that" ("said on Tuesday that"): "said
            // the claim that…" reports the claim, not the clause.
            let gap_ok = if listener {
                !(matches!(verb, "told" | "tells" | "assured" | "assures") && gap.is_empty())
                    && gap.iter().all(|w| !is_finite_aux(tok(text, w)))
            } else {
                gap.first().is_none_or(|w| is_adverbial(tok(text, w)))
                    && gap.iter().all(|w| !is_finite_aux(tok(text, w)))
            };
            // "said that was wrong": "that" is the subject, not a complementiser.
            let next = ws.get(t + 1).map(|w| tok(text, w)).unwrap_or("");
            if !gap_ok || is_finite_aux(next) || is_punct(next) {
                return None;
            }
            t + 1
        }
        None => {
            if !ZERO_THAT.contains(&verb) {
                return None;
            }
            let mut c = v + 1;
            if listener {
                c = listener_end(text, ws, v + 1)?;
            }
            zero_that_clause(text, ws, c, verb)?;
            c
        }
    };
    let (qs, qe) = clause_from(text, s, c)?;
    let found = before_quote(text, s.start, ws[v].end)?;
    if found.cue != ws[v] {
        return None;
    }
    subject_opens(text, s, &found)?;
    // Between the subject and the verb: adverbs, dates, an appositive — nothing that makes the
    // verb passive, modal, negated, infinitive or relative.
    let between = words(text, found.mention.end, ws[v].start);
    if between.iter().any(|w| blocks_report(tok(text, w))) {
        return None;
    }
    let cue = text.get(ws[v].start..ws[v].end)?;
    speaker_quote(field, text, ents, &found, qs, qe, s.start, cue)
}

/// Where the clause starts after a listener without "that": at a subject pronoun within five
/// words ("told the BBC News website it was…"), else after a one-word listener or "the" and one
/// word, when the clause then opens with a lowercase pronoun or determiner ("told reporters the
/// plan was dead") — a capitalised word there could still be the listener's name.
fn listener_end(text: &str, ws: &[Word], from: usize) -> Option<usize> {
    for (i, w) in ws.iter().enumerate().take(from + 6).skip(from + 1) {
        let t = tok(text, w);
        if is_punct(t) || is_finite_aux(t) {
            break;
        }
        if matches!(t, "he" | "she" | "it" | "they" | "we" | "I" | "there") {
            return Some(i);
        }
    }
    let c = from
        + if tok(text, ws.get(from)?) == "the" {
            2
        } else {
            1
        };
    let first = tok(text, ws.get(c)?);
    (!is_cap(first) && opens_clause(first)).then_some(c)
}

/// Whether the words from `c` read as a clause without "that" after `verb`: a pronoun,
/// determiner or name first, and then a finite verb before any punctuation or relative word.
/// Checked on the words, not a parse, so the verb is recognised by its form:
/// - a finite auxiliary within six words ("the plan would fail", "he was wrong");
/// - after a say-verb ("said", "told"…, `PLAIN_VERB_OK`), also a plain past or present tense:
///   a subject pronoun and the word after it ("said he expects", "says they wanted"), or a
///   lowercase "-ed" word within four words ("said the plan failed"). A noun object of "said" is
///   rare and short ("said goodbye", "said a prayer"), and never opens with "he" or "they".
///
/// "it" is left to the auxiliary test ("said it again").
fn zero_that_clause(text: &str, ws: &[Word], c: usize, verb: &str) -> Option<()> {
    let first = tok(text, ws.get(c)?);
    if !opens_clause(first) || is_finite_aux(first) {
        return None;
    }
    let plain_ok = PLAIN_VERB_OK.contains(&verb);
    if plain_ok && matches!(first, "he" | "she" | "they" | "we" | "I" | "there") {
        let next = tok(text, ws.get(c + 1)?);
        if next.starts_with(|c: char| c.is_lowercase())
            && !is_function_word(next)
            && !matches!(next, "and" | "or" | "too" | "again" | "himself" | "herself")
        {
            return Some(());
        }
    }
    for (k, w) in ws.get(c + 1..)?.iter().take(6).enumerate() {
        let t = tok(text, w);
        if is_finite_aux(t) || (plain_ok && k < 4 && is_past_form(t)) {
            return Some(());
        }
        if is_punct(t) || matches!(t, "that" | "which" | "who" | "to" | "of" | "and" | "or") {
            return None;
        }
    }
    None
}

/// The subject must open its sentence (after a conjunction or an introductory phrase ending in a
/// comma), so that "officials in Washington said" does not make Washington the speaker, and
/// "Smith and Jones said" does not make it Jones alone. Possessive mentions ("Trump’s lawyer")
/// name someone else, and a subordinate opener ("If Smith says…") is not a report.
fn subject_opens(text: &str, s: &Sentence, f: &Found) -> Option<()> {
    let ws = s.ws;
    let m0 = ws.iter().position(|w| w.start == f.mention.start)?;
    if ws.iter().take(m0).any(|w| {
        matches!(
            lower(tok(text, w), &mut [0; 32]),
            "if" | "unless" | "whether"
        )
    }) {
        return None;
    }
    // A descriptor before a name is part of the subject: "Kremlin spokesman Dmitry Peskov".
    let mut m = m0;
    if f.kind == MentionKind::Name {
        while m > 0 && is_descriptor(tok(text, &ws[m - 1])) {
            m -= 1;
        }
    }
    let ok_before = m == 0
        || matches!(
            tok(text, &ws[m - 1]),
            "," | "("
                | "But"
                | "And"
                | "but"
                | "and"
                | "Yet"
                | "So"
                | "Meanwhile"
                | "However"
                | "Now"
                | "The"
        );
    if !ok_before {
        return None;
    }
    let opener = ws.first().map(|w| tok(text, w)).unwrap_or("");
    if m > 0 && is_subordinate_opener(opener) && tok(text, &ws[m - 1]) != "," {
        return None;
    }
    let mtext = text.get(f.mention.start..f.mention.end)?;
    if mtext.contains("’s") || mtext.contains("'s") || mtext.ends_with(['’', '\'']) {
        return None;
    }
    Some(())
}

/// "According to X, …" and "…, according to X."
fn according_to(field: Field, text: &str, ents: &FieldEntities, s: &Sentence) -> Option<Quote> {
    let ws = s.ws;
    let a = (0..ws.len().saturating_sub(1)).find(|&i| {
        tok(text, &ws[i]).eq_ignore_ascii_case("according") && tok(text, &ws[i + 1]) == "to"
    })?;
    let lead = &ws[..a];
    let at_start = lead
        .iter()
        .all(|w| matches!(tok(text, w), "But" | "And" | "Yet" | "So" | ","));
    if at_start {
        // The mention runs up to the comma that ends the phrase; the clause follows it.
        let comma = (a + 2..ws.len()).find(|&i| tok(text, &ws[i]) == ",")?;
        let found = before_quote(text, ws[a].start, ws[comma].start)?;
        if found.mention.end != ws[comma - 1].end {
            return None;
        }
        let (qs, qe) = clause_from(text, s, comma + 1)?;
        let cue = text.get(found.cue.start..found.cue.end)?;
        return speaker_quote(field, text, ents, &found, qs, qe, s.start, cue);
    }
    // "…, according to X[, appositive]." at the sentence's end.
    if a == 0 || tok(text, &ws[a - 1]) != "," {
        return None;
    }
    let found = before_quote(text, ws[a].start, s.body_end)?;
    let rest = words(text, found.mention.end, s.body_end);
    if rest.len() > 8
        || rest.iter().any(|w| {
            matches!(tok(text, w), "that" | "who" | "which") || is_finite_aux(tok(text, w))
        })
        || rest.first().is_some_and(|w| tok(text, w) != ",")
    {
        return None;
    }
    let (qs, qe) = leading_clause(text, s, a - 1)?;
    let cue = text.get(found.cue.start..found.cue.end)?;
    speaker_quote(field, text, ents, &found, qs, qe, s.start, cue)
}

/// The clause from the sentence's start to the comma at word `comma` ("NATO is a threat, Peskov
/// said."): at least four words, not a subordinate or prepositional opener ("In Moscow, Peskov
/// said."), with a finite verb, and not itself a report ("X said that…, Y said").
fn leading_clause(text: &str, s: &Sentence, comma: usize) -> Option<(usize, usize)> {
    let ws = s.ws.get(..comma)?;
    let n_words = ws.iter().filter(|w| !is_punct(tok(text, w))).count();
    let first = tok(text, ws.first()?);
    if n_words < 4 || is_subordinate_opener(first) || is_punct(first) {
        return None;
    }
    let finite = ws.iter().any(|w| {
        let t = tok(text, w);
        is_finite_aux(t) || (t.len() > 3 && t.ends_with("ed") && !is_cap(t))
    });
    let nested = ws.iter().enumerate().any(|(i, w)| {
        let t = tok(text, w);
        t.eq_ignore_ascii_case("according")
            || (is_speech_verb(t) && ws.get(i + 1).is_some_and(|n| tok(text, n) == "that"))
    });
    if !finite || nested {
        return None;
    }
    let start = ws.first()?.start;
    let end = start + text.get(start..s.ws[comma].start)?.trim_end().len();
    Some((start, end))
}

/// "…, Peskov said (on Tuesday)." and "…, said Peskov, the Kremlin spokesman."
fn closing_cue(field: Field, text: &str, ents: &FieldEntities, s: &Sentence) -> Option<Quote> {
    let ws = s.ws;
    if s.body_end == ws.last()?.end {
        return None; // no final full stop: a headline or a cut sentence
    }
    // The last comma whose tail holds a reporting verb within its first eight words.
    let tail_len = ws.len().min(16);
    let comma = (ws.len() - tail_len..ws.len())
        .rev()
        .filter(|&i| tok(text, &ws[i]) == ",")
        .find(|&i| {
            ws[i + 1..]
                .iter()
                .take(8)
                .any(|w| is_speech_verb(tok(text, w)))
        })?;
    let found = after_quote(text, ws[comma].start, ws.last()?.end, true)?;
    if !is_speech_verb(tok(text, &found.cue)) || found.mention.start < ws[comma].end {
        return None;
    }
    let after = words(text, found.cue.end.max(found.mention.end), s.body_end);
    if after.len() > 8
        || after.iter().any(|w| {
            let t = tok(text, w);
            is_speech_verb(t)
                || is_finite_aux(t)
                || matches!(
                    t,
                    "that"
                        | "and"
                        | "but"
                        | "adding"
                        | "because"
                        | "if"
                        | "when"
                        | "while"
                        | "although"
                        | "who"
                        | "which"
                        | "to"
                )
        })
    {
        return None;
    }
    // Nothing but the subject and its adverbs between the comma and the verb ("…, Peskov
    // later said") or the verb right after it ("…, said Peskov").
    let between = words(
        text,
        ws[comma].end,
        found.cue.start.min(found.mention.start),
    );
    let descriptor_only = found.kind == MentionKind::Name
        && between.len() <= 4
        && between.iter().all(|w| is_descriptor(tok(text, w)));
    if !between.is_empty() && !descriptor_only {
        return None;
    }
    let mid = words(
        text,
        found.mention.end.min(found.cue.end),
        found.cue.start.max(found.mention.start),
    );
    if mid.iter().any(|w| blocks_report(tok(text, w))) {
        return None;
    }
    let mtext = text.get(found.mention.start..found.mention.end)?;
    if mtext.contains("’s") || mtext.contains("'s") {
        return None;
    }
    let (qs, qe) = leading_clause(text, s, comma)?;
    let cue = text.get(found.cue.start..found.cue.end)?;
    speaker_quote(field, text, ents, &found, qs, qe, s.start, cue)
}

#[cfg(test)]
pub(super) mod tests;
