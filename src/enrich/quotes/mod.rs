//! Quotes: direct quotations of one field and who said them, then reported speech. This module
//! owns the stage's entry and order: the field's entities sorted and read once (people behind
//! titles, persons by majority, the name index); the direct quotes in sequence (`direct`: the
//! sieves in order, continuing speech, the learned second opinion), with quotations interrupted
//! by their cue joined into one (`parts`); the learned abstain on their speakers
//! (`attribution::confidence`); a quoted fragment widened to its reported clause
//! (`statements`); and reported speech (`indirect`, with the learned `reported*` proposers) from
//! the sentences the direct quotes leave, merged in text order. The parts below: `spans` (quote
//! marks), `cues` (the reporting-verb lexicon and word scanner), `attribution` (subject mention
//! → canonical name). Entities come in from the entities stage; this module never tags names
//! itself beyond the documented fallback in `attribution`.
//!
//! One deliberate choice: a quote interrupted by its own cue (`“A,” he said, “B.”`) is reported
//! as *one* quote whose span runs from A to B, the way PolNeAR annotates it (one attribution with
//! a discontinuous content); its `parts` are the quoted pieces, and its `text` is those pieces
//! joined by a space, so the attribution never appears in quote text (JSON, CSV, the index).
//!
//! Every quote with a speaker records which sieve found it (`article::How`): the steps of
//! `direct::quotes`, in order, are transcript label, cue inside, cue after, signature, cue
//! before, previous sentence, colon paragraph, continuation, same sentence, sentence subject,
//! paragraph subject; a speaker reached through a pronoun or a role phrase says so instead. Last,
//! a learned second opinion (`attribution::ranker`) re-picks among the candidate mentions of a
//! quote the weak sieves decided (`ranked` when it chose a mention no sieve proposed).
//!
//! Pure, linear in the text (context windows are bounded), never panics: every slice goes through
//! `str::get` on offsets that come from `char_indices`.

mod attribution;
mod cues;
mod direct;
pub(crate) mod gender;
mod indirect;
mod parts;
pub mod reported;
pub mod reported_cue;
pub mod reported_rescore;
pub mod reported_span;
mod spans;
mod speakers;
mod statements;

use crate::article::{Entity, Field, Quote};

pub use attribution::{pronoun_cases, Candidate, PronounCase, Trace};

/// Largest char boundary `<= i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Extract the direct and indirect quotes of one field. `entities` may hold mentions of any
/// field; only this field's are used.
pub fn extract(field: Field, text: &str, entities: &[Entity]) -> Vec<Quote> {
    extract_traced(field, text, entities, true, None)
}

/// `extract`, optionally without the learned second opinion (`use_model`), recording for every
/// quote the model has a say on its candidates (`trace`): what `scripts/train-speaker-ranker`
/// learns from (through `examples/speaker_candidates.rs`).
pub fn extract_traced(
    field: Field,
    text: &str,
    entities: &[Entity],
    use_model: bool,
    trace: Option<&mut Vec<Trace>>,
) -> Vec<Quote> {
    extract_inner(field, text, entities, use_model, trace, None)
}

/// A quote with the learned abstain's features and the pronoun gate's (each empty where that
/// model has no say).
pub type ConfidenceRecord = (Quote, Vec<String>, Vec<String>);

/// The field's direct quotes as the sieves and the ranker leave them, before the learned abstain
/// (`attribution::confidence`), the pronoun gate (`attribution::pronoun_gate`) and before
/// fragments become clauses, each speaker-bearing one with both models' features: what
/// `scripts/train-speaker-confidence` and `scripts/train-pronoun-gate` learn from (through
/// `examples/speaker_confidence.rs`).
pub fn extract_confidence(field: Field, text: &str, entities: &[Entity]) -> Vec<ConfidenceRecord> {
    let mut rec = Vec::new();
    extract_inner(field, text, entities, true, None, Some(&mut rec));
    rec
}

fn extract_inner(
    field: Field,
    text: &str,
    entities: &[Entity],
    use_model: bool,
    trace: Option<&mut Vec<Trace>>,
    confidence: Option<&mut Vec<ConfidenceRecord>>,
) -> Vec<Quote> {
    let keep = |e: &Entity| e.field == field && e.end <= text.len() && e.start < e.end;
    // Sorted by start so that resolution can look at the entities near each quote only. The
    // entities stage hands each field's entities over as one run already in that order: then
    // they are borrowed; anything else is copied and sorted (the sort is stable, so both give
    // the same sequence).
    let lo = entities.iter().position(keep).unwrap_or(entities.len());
    let hi = lo + entities[lo..].iter().take_while(|e| keep(e)).count();
    let run = &entities[lo..hi];
    let sorted_run = !entities[hi..].iter().any(keep)
        && run
            .windows(2)
            .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end));
    let copy: Vec<Entity>;
    let ents: &[Entity] = if sorted_run {
        run
    } else {
        let mut c: Vec<Entity> = entities.iter().filter(|e| keep(e)).cloned().collect();
        c.sort_by_key(|e| (e.start, e.end));
        copy = c;
        &copy
    };
    let people = attribution::people_behind_titles(text, ents);
    let ents: &[Entity] = people.as_deref().unwrap_or(ents);
    let persons = attribution::persons_by_majority(ents);
    let ents: &[Entity] = persons.as_deref().unwrap_or(ents);
    let names = attribution::NameIndex::new(text, ents);
    let mut out = direct::quotes(field, text, ents, &names, use_model, trace);
    // 8. The learned abstain on every direct quote's speaker (`attribution::confidence`), or,
    //    for training, its features instead.
    match confidence {
        Some(rec) => rec.extend(out.iter().enumerate().map(|(i, q)| {
            let fs = attribution::confidence_features(text, ents, &out, i);
            let ps = attribution::pronoun_features(text, ents, &out, i);
            (q.clone(), fs, ps)
        })),
        None if use_model => {
            attribution::gate(text, ents, &mut out);
            attribution::pronoun_gate(text, ents, &mut out);
        }
        None => {}
    }
    // A fragment quoted inside a reported clause stands for the clause (`statements`).
    statements::extend(text, &mut out);
    // Reported speech, in sentences that hold no direct quote; merged in text order.
    let indirect = indirect::extract(field, text, &names, &out);
    out.extend(indirect);
    out.sort_by_key(|q| q.start);
    out
}

/// Deterministic random texts (xorshift) of up to `max_len` pieces drawn from `alphabet`, for
/// the tests that check a byte scanner against the char-by-char one it replaced.
#[cfg(test)]
pub(crate) fn random_texts(alphabet: &[&str], count: usize, max_len: u64) -> Vec<String> {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count)
        .map(|_| {
            let len = next() % (max_len + 1);
            (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests;
