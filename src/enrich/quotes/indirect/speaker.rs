//! The speaker of an indirect quote: a named person or organisation the field's entities know,
//! a "he"/"she" that names exactly one person of the paragraphs before, or a description
//! ("officials", "a spokesman") kept as a mention without a speaker. Shared by the clause rules
//! (`indirect`) and the learned proposers (`reported`, `reported_span`), so that every route to
//! an indirect quote resolves its speaker alike.

use crate::article::{Entity, Field, How, Label, Quote, QuoteKind};

use super::super::attribution::{resolve_indexed, Found, MentionKind};
use super::super::cues::{is_role_noun, is_title, lower, Word};
use super::super::gender;
use super::super::spans::para_start;
use super::super::speakers::FieldEntities;

/// How many entity mentions before a pronoun `unique_person` reads.
const PRONOUN_REACH: usize = 40;

/// The one person that `near` (the mentions before a "he" or "she") names who can be that
/// pronoun: of the people whose gender (`gender::of_person`) is `want` or unknown, the canonical
/// name when there is exactly one. With two candidates, recency is a coin toss ("…on Trump. She
/// said…" is not Trump, and "…Trump met Pence. He said…" could be either): nothing.
fn unique_person(text: &str, near: &[Entity], want: Option<gender::Gender>) -> Option<String> {
    let mut found: Option<&str> = None;
    let mut seen: Vec<&str> = Vec::new();
    for e in near.iter().filter(|e| e.label == Label::Per) {
        if seen.contains(&e.canonical.as_str()) {
            continue;
        }
        seen.push(&e.canonical);
        let g = gender::of_person(text, near, e);
        if want.is_some() && g.is_some() && g != want {
            continue;
        }
        if found.is_some() {
            return None;
        }
        found = Some(&e.canonical);
    }
    found.map(str::to_string)
}

/// Resolve the speaker and build the quote, or nothing when the speaker is not a named person or
/// organisation of this field.
#[allow(clippy::too_many_arguments)] // one call shape for three patterns; a struct would only rename them
pub(in crate::enrich::quotes) fn speaker_quote(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    found: &Found,
    qs: usize,
    qe: usize,
    sent_start: usize,
    cue: &str,
) -> Option<Quote> {
    let m = found.mention;
    let speaker = match found.kind {
        MentionKind::Pronoun => {
            // Only "he"/"she", and only a person named before the sentence in this paragraph
            // or the two before: the reported clause may itself name people ("Obama was wrong,
            // he said"), who are not the speaker.
            let p = text.get(m.start..m.end)?.to_ascii_lowercase();
            if p != "he" && p != "she" {
                return None;
            }
            let mut from = para_start(text, sent_start);
            for _ in 0..2 {
                // The paragraph before: skip the blank lines between them.
                let prev_end = text.get(..from).map_or(0, |t| t.trim_end().len());
                from = para_start(text, prev_end);
            }
            let upto = sent_start.min(m.start).min(qs);
            let lo = ents.partition_point(|e| e.start < from);
            let hi = ents.partition_point(|e| e.start < upto);
            // Sorted by start and never straddling `upto` (a sentence or pronoun start): a slice,
            // of which the last `PRONOUN_REACH` mentions are read (a bound on the work per
            // pronoun, whatever the paragraphs' length).
            let near = ents.get(lo.max(hi.saturating_sub(PRONOUN_REACH))..hi.max(lo));
            unique_person(text, near.unwrap_or(&[]), gender::of_pronoun(&p))?
        }
        MentionKind::Name => {
            if !ents.tags_speaker(m.start, m.end) {
                return None;
            }
            resolve_indexed(text, found, ents.names(), None)?
        }
        // A role or description ("the chancellor", "a spokesman", "the report") is reported
        // speech without a speaker: resolving it is left out. Of the 33 role subjects over
        // PolNeAR train and BBC, about one in four resolved to the wrong holder ("the
        // chancellor" to the shadow chancellor named earlier, "the prime minister" to a visiting
        // minister, "a spokesman" to a spokesman of another party); direct quotes keep role
        // resolution, where the quote marks at least make the speech certain.
        MentionKind::Role => return description_quote(field, text, m, qs, qe, cue),
    };
    // A title or role word alone ("Lord", "General") is a tagging slip, not a name.
    if speaker
        .split_whitespace()
        .all(|w| is_title(w) || is_role_noun(w))
    {
        return None;
    }
    // Whatever the route, the name must be one the entities know: a PER or ORG canonical name,
    // or that name completed by `attribution` ("Jens" + "Stoltenberg").
    let known = ents.knows(&speaker);
    // The speaker's mention must not lie inside the reported clause.
    if !known || (m.start < qe && qs < m.end) {
        return None;
    }
    let how = match found.kind {
        MentionKind::Pronoun => How::Pronoun,
        _ if lower(cue, &mut [0; 32]).starts_with("according") => How::AccordingTo,
        _ => How::Reported,
    };
    indirect_quote(field, text, (qs, qe), Some(speaker), Some((m, cue)), how)
}

/// Reported speech whose source `m` is a description ("officials", "a spokesman"): a quote with
/// no speaker, the source phrase kept as its mention for `--explain`; nothing when the mention
/// lies inside the clause.
pub(in crate::enrich::quotes) fn description_quote(
    field: Field,
    text: &str,
    m: Word,
    qs: usize,
    qe: usize,
    cue: &str,
) -> Option<Quote> {
    if m.start < qe && qs < m.end {
        return None;
    }
    indirect_quote(
        field,
        text,
        (qs, qe),
        None,
        Some((m, cue)),
        How::ReportedDescription,
    )
}

/// The indirect quote of clause `qs..qe`: said by `speaker` (none for a description or a source
/// that does not resolve), through the source mention and cue the sentence shows next to it
/// (none when it shows neither), found as `how` says. Every route to an indirect quote builds it
/// here; nothing when the clause is not on `text`'s char boundaries.
pub(in crate::enrich::quotes) fn indirect_quote(
    field: Field,
    text: &str,
    (qs, qe): (usize, usize),
    speaker: Option<String>,
    source: Option<(Word, &str)>,
    how: How,
) -> Option<Quote> {
    Some(Quote {
        text: text.get(qs..qe)?.to_string(),
        field,
        start: qs,
        end: qe,
        speaker,
        speaker_start: source.map(|(m, _)| m.start),
        speaker_end: source.map(|(m, _)| m.end),
        cue: source.map(|(_, cue)| cue.to_string()),
        kind: QuoteKind::Indirect,
        how: Some(how),
        parts: Vec::new(),
    })
}
