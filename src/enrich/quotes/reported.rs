//! Reported speech found by a learned classifier: a sentence whose subject is a named person or
//! organisation (or "he"/"she" resolved to one), followed by a verb and its complement, is a
//! *candidate*; an averaged perceptron trained on PolNeAR train (`scripts/train-reported`, the
//! check articles left out) decides from simple features — the verb, the word after it, the
//! auxiliaries before it, the subject's type, the complement's length and form — whether the
//! complement is attributed content in PolNeAR's sense ("Clinton called for a higher minimum
//! wage", "Trump wants to build a wall", "The report found that…").
//!
//! It complements the rules of `indirect`, which know only speech verbs: a candidate that
//! overlaps a quote the rules found is dropped, so the rules keep their clauses where both fire.
//! The speaker goes through the same resolution as the rules' (`indirect::speaker_quote`): no
//! named person or organisation, no quote. The weights are data (`data/reported.tsv`), embedded.
//!
//! Linear in the text: candidates start only at a PER/ORG entity or a "He"/"She", and only the
//! sentence holding one is split into words, once.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::article::{Entity, Field, How, Label, Quote};

use super::attribution::{Found, MentionKind};
use super::cues::{is_punct, lower, words, Word};
use super::indirect::{clear_spans, speaker_quote, trigger_sentences};
use super::spans::{para_end_of, para_start};

/// One candidate: a subject, its verb, and the complement that may be reported content.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Byte span of the complement (the would-be quote).
    pub start: usize,
    pub end: usize,
    /// The subject mention and the verb (cue).
    pub mention: Word,
    pub cue: Word,
    pub kind: MentionKind,
    /// Start of the sentence.
    pub sent_start: usize,
    /// Whether the complement or the subject touches a quotation (such candidates are never
    /// emitted; the training script leaves them out too).
    pub quoted: bool,
    /// Whether a negation or modal stands before the verb ("did not say", "would call for"), or
    /// the verb is passive ("was told": the subject is the listener): PolNeAR attributes some
    /// of those too, but they are not reported speech by the subject, as in the rules (such
    /// candidates are never emitted).
    pub hedged: bool,
    pub features: Vec<String>,
}

/// Words that may open a sentence before its subject ("But Clinton said…").
fn is_lead(w: &str) -> bool {
    matches!(
        w,
        "But"
            | "And"
            | "However"
            | "Yet"
            | "So"
            | "Meanwhile"
            | "Still"
            | "Now"
            | "Instead"
            | "Also"
    )
}

/// Auxiliaries and adverbs between a subject and its verb ("has also said", "did not say"):
/// skipped to reach the verb, and kept as a feature.
fn is_aux(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "has"
            | "have"
            | "had"
            | "also"
            | "is"
            | "was"
            | "are"
            | "were"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "just"
            | "already"
            | "recently"
            | "repeatedly"
            | "previously"
            | "again"
            | "still"
            | "then"
            | "now"
            | "later"
            | "often"
            | "long"
    )
}

/// Negations and modals: see `Candidate::hedged`.
fn is_hedge(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "never"
            | "would"
            | "could"
            | "might"
            | "may"
            | "will"
            | "can"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
    )
}

/// Finite forms that show a complement is a clause of its own ("…that the plan would fail").
fn is_finite(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "is" | "was" | "will" | "would" | "has" | "had" | "are" | "were" | "could" | "can"
    )
}

/// Words that, after a comma, start a second clause the complement does not include.
fn cuts(w: &str) -> bool {
    matches!(
        w,
        "adding" | "saying" | "but" | "while" | "although" | "according" | "who" | "which"
    )
}

fn tok<'t>(text: &'t str, w: &Word) -> &'t str {
    text.get(w.start..w.end).unwrap_or("")
}

/// The candidates of one field. `ents` holds the field's entities sorted by start, `direct`
/// its direct quotes.
pub fn candidates(text: &str, ents: &[Entity], direct: &[Quote]) -> Vec<Candidate> {
    // Anchors: where a subject may start. PER/ORG entities, and "He"/"She" opening a sentence
    // (found by their bytes, so the scan is one pass).
    let mut anchors: Vec<usize> = ents
        .iter()
        .filter(|e| matches!(e.label, Label::Per | Label::Org))
        .map(|e| e.start)
        .collect();
    for pat in ["He ", "She "] {
        anchors.extend(memchr::memmem::find_iter(text.as_bytes(), pat));
    }
    anchors.sort_unstable();
    anchors.dedup();
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(&t) = anchors.get(k) {
        let (ps, pe) = (para_start(text, t), para_end_of(text, t));
        let n = anchors[k..].partition_point(|&x| x < pe).max(1);
        let para = &anchors[k..k + n];
        k += n;
        for (a, b) in trigger_sentences(text, ps, pe, para) {
            if let Some(c) = sentence(text, ents, direct, a, b) {
                out.push(c);
            }
        }
    }
    out
}

/// The candidate of one sentence, if its subject (at its start, after a lead word, or after an
/// introductory phrase closed by a comma) is a PER/ORG entity or "He"/"She".
fn sentence(
    text: &str,
    ents: &[Entity],
    direct: &[Quote],
    a: usize,
    b: usize,
) -> Option<Candidate> {
    let raw = text.get(a..b)?;
    if raw.contains('?') {
        return None;
    }
    let ws = words(text, a, b);
    if ws.len() < 5 {
        return None;
    }
    let mut starts = vec![0];
    if is_lead(tok(text, &ws[0])) {
        starts.push(1);
    }
    if let Some(i) = ws.iter().take(12).position(|w| tok(text, w) == ",") {
        starts.push(i + 1);
    }
    let last = ws.last()?;
    let body_end = if matches!(tok(text, last), "." | "!") {
        last.start
    } else {
        last.end
    };
    for (n_start, &si) in starts.iter().enumerate() {
        let (mention, kind, label) = match subject_at(text, ents, &ws, si) {
            Some(s) => s,
            None => continue,
        };
        // The first word at or after the subject's end; a word running past it is a
        // possessive ("Clinton’s campaign"): someone else's subject.
        let mut j = ws.iter().position(|w| w.end > mention.end)?;
        if ws[j].start < mention.end {
            return None;
        }
        let mut app = false;
        if tok(text, &ws[j]) == "," {
            let close = (j + 1..ws.len().min(j + 25)).find(|&i| tok(text, &ws[i]) == ",")?;
            j = close + 1;
            app = true;
        }
        let mut auxs: Vec<String> = Vec::new();
        while let Some(w) = ws.get(j) {
            if auxs.len() >= 3 || !is_aux(tok(text, w)) {
                break;
            }
            auxs.push(tok(text, w).to_ascii_lowercase());
            j += 1;
        }
        let cue = *ws.get(j)?;
        let ctext = tok(text, &cue);
        if ctext.len() < 2 || !ctext.bytes().all(|c| c.is_ascii_lowercase() || c == b'-') {
            return None;
        }
        let c = j + 1;
        let next = *ws.get(c)?;
        let cs = next.start;
        let mut ce = body_end;
        for i in c..ws.len() {
            let t = tok(text, &ws[i]);
            if ws[i].start >= body_end {
                break;
            }
            if matches!(t, ";" | ":" | "—" | "–") {
                ce = ws[i].start;
                break;
            }
            if t == "," && ws.get(i + 1).is_some_and(|w| cuts(tok(text, w))) {
                ce = ws[i].start;
                break;
            }
        }
        let comp = text.get(cs..ce.max(cs))?;
        let comp = comp.trim_end_matches([' ', '.', '!', ',', ';', ')']);
        let ce = cs + comp.len();
        let ncomp = comp.split_whitespace().count();
        if ncomp < 2 {
            return None;
        }
        let finite = comp.split_whitespace().take(8).any(is_finite);
        let subj = match (kind, label) {
            (MentionKind::Pronoun, _) => "PRON",
            (_, Label::Org) => "ORG",
            _ => "PER",
        };
        let features = features(
            ctext,
            tok(text, &next),
            subj,
            &auxs,
            app,
            ncomp,
            finite,
            si.min(2).min(n_start + 1),
        );
        let mut c = Candidate {
            start: cs,
            end: ce,
            mention,
            cue,
            kind,
            sent_start: ws[0].start,
            quoted: false,
            hedged: auxs.iter().any(|a| is_hedge(a))
                || (auxs
                    .last()
                    .is_some_and(|a| matches!(a.as_str(), "is" | "was" | "are" | "were"))
                    && !ctext.ends_with("ing")),
            features,
        };
        c.quoted = !clear_spans(text, direct, (c.start, c.end), (mention.start, mention.end));
        return Some(c);
    }
    None
}

/// The subject starting at word `si`: a PER/ORG entity starting there (or after "The"), or
/// "He"/"She".
fn subject_at(
    text: &str,
    ents: &[Entity],
    ws: &[Word],
    si: usize,
) -> Option<(Word, MentionKind, Label)> {
    let w = ws.get(si)?;
    let t = tok(text, w);
    let at = if matches!(t, "The" | "the") {
        ws.get(si + 1)?.start
    } else {
        w.start
    };
    let i = ents.partition_point(|e| e.start < at);
    if let Some(e) = ents[i..]
        .iter()
        .take_while(|e| e.start == at)
        .find(|e| matches!(e.label, Label::Per | Label::Org))
    {
        let m = Word {
            start: e.start,
            end: e.end,
        };
        return Some((m, MentionKind::Name, e.label));
    }
    matches!(t, "He" | "She" | "he" | "she").then_some((*w, MentionKind::Pronoun, Label::Per))
}

/// The feature strings of a candidate (the training script reads the same strings, written by
/// `examples/reported_candidates.rs`).
#[allow(clippy::too_many_arguments)] // the features, by name; a struct would only rename them
fn features(
    cue: &str,
    next: &str,
    subj: &str,
    auxs: &[String],
    app: bool,
    ncomp: usize,
    finite: bool,
    si: usize,
) -> Vec<String> {
    let nl = next.to_lowercase();
    let ncls = match nl.as_str() {
        "that" => "that",
        "he" | "she" | "it" | "they" | "we" | "i" | "there" => "pron",
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "these" => "det",
        "to" => "to",
        _ if next.starts_with(char::is_uppercase) => "cap",
        _ if is_punct(next) => "punct",
        _ => "low",
    };
    let stem = stem(cue);
    vec![
        "bias".to_string(),
        format!("cue={cue}"),
        format!("stem={stem}"),
        format!("cue_n={cue}|{ncls}"),
        format!("n={ncls}"),
        format!("subj={subj}"),
        format!("aux={}", auxs.join("_")),
        format!("app={}", u8::from(app)),
        format!("len={}", (ncomp / 4).min(6)),
        format!("fin={}", u8::from(finite)),
        format!("stem_fin={stem}|{}", u8::from(finite)),
        format!("si={si}"),
        format!("nx={nl}"),
    ]
}

/// A crude stem, enough to pool a verb's forms ("calls", "called", "calling" → "call").
fn stem(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s", "d"] {
        if let Some(s) = w.strip_suffix(suf) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

/// The embedded weights: `feature<TAB>weight` lines, `threshold<TAB>t` among them.
static WEIGHTS: &str = include_str!("data/reported.tsv");

fn weights() -> &'static HashMap<&'static str, f32> {
    static W: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    W.get_or_init(|| {
        WEIGHTS
            .lines()
            .filter_map(|l| {
                let (f, w) = l.split_once('\t')?;
                Some((f, w.trim().parse().ok()?))
            })
            .collect()
    })
}

/// The classifier's score of a candidate; it is emitted when the score is above the threshold.
pub fn score(c: &Candidate) -> f32 {
    let w = weights();
    c.features
        .iter()
        .map(|f| w.get(f.as_str()).copied().unwrap_or(0.0))
        .sum()
}

fn threshold() -> f32 {
    weights().get("threshold").copied().unwrap_or(f32::INFINITY)
}

/// The quotes the classifier accepts in one field, with their speakers resolved; none that
/// overlaps `taken` (the rules' indirect quotes) or touches a quotation.
pub(super) fn extract(
    field: Field,
    text: &str,
    ents: &[Entity],
    direct: &[Quote],
    taken: &[Quote],
) -> Vec<Quote> {
    let th = threshold();
    let mut out = Vec::new();
    for c in candidates(text, ents, direct) {
        if c.quoted || c.hedged || score(&c) <= th {
            continue;
        }
        if taken.iter().any(|q| q.start < c.end && c.start < q.end) {
            continue;
        }
        let found = Found {
            cue: c.cue,
            mention: c.mention,
            kind: c.kind,
        };
        let cue = tok(text, &c.cue);
        if let Some(mut q) =
            speaker_quote(field, text, ents, &found, c.start, c.end, c.sent_start, cue)
        {
            // A named subject: the classifier's route; "he"/"she" stays `pronoun`.
            if q.how == Some(How::Reported) {
                q.how = Some(How::ReportedLearned);
            }
            out.push(q);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::QuoteKind;

    fn ent(t: &str, name: &str, label: Label) -> Entity {
        let start = t.find(name).expect("the name is in the text");
        Entity {
            text: name.into(),
            label,
            field: Field::Body,
            start,
            end: start + name.len(),
            canonical: name.into(),
        }
    }

    #[test]
    fn the_weights_are_one_finite_number_per_feature_with_a_threshold() {
        let mut n = 0;
        for l in WEIGHTS.lines() {
            let (f, w) = l.split_once('\t').expect("feature<TAB>weight");
            assert!(!f.is_empty());
            assert!(w.parse::<f32>().is_ok_and(f32::is_finite), "{l}");
            n += 1;
        }
        assert_eq!(weights().len(), n, "a feature twice");
        assert!(threshold().is_finite());
    }

    #[test]
    fn a_candidate_is_subject_auxiliaries_verb_and_complement() {
        let t = "Ada Byron has also called for a higher minimum wage in the state.";
        let e = [ent(t, "Ada Byron", Label::Per)];
        let c = candidates(t, &e, &[]);
        assert_eq!(c.len(), 1);
        assert_eq!(
            &t[c[0].start..c[0].end],
            "for a higher minimum wage in the state"
        );
        assert_eq!(&t[c[0].cue.start..c[0].cue.end], "called");
        assert!(c[0].features.contains(&"aux=has_also".to_string()));
        assert!(c[0].features.contains(&"subj=PER".to_string()));
        assert!(!c[0].quoted);
    }

    #[test]
    fn no_candidate_for_a_possessive_a_question_or_a_subject_mid_sentence() {
        for t in [
            "Ada Byron’s campaign called for a higher minimum wage.",
            "Did Ada Byron call for a higher minimum wage in the state?",
            "The town council met Ada Byron and called for a higher wage.",
        ] {
            let e = [ent(t, "Ada Byron", Label::Per)];
            assert!(candidates(t, &e, &[]).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_complement_touching_a_quotation_is_marked() {
        let t = "Ada Byron called the plan “a disgrace to the whole town” on Monday.";
        let e = [ent(t, "Ada Byron", Label::Per)];
        let c = candidates(t, &e, &[]);
        assert_eq!(c.len(), 1);
        assert!(c[0].quoted);
    }

    /// Through the whole quote stage: the classifier reports what the speech-verb rules cannot
    /// see, with the speaker the rules would give.
    #[test]
    fn the_classifier_finds_attributions_beyond_speech_verbs() {
        let t = "Ada Byron has questioned whether the bridge could be saved.";
        let e = [ent(t, "Ada Byron", Label::Per)];
        let q: Vec<_> = super::super::extract(Field::Body, t, &e)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "whether the bridge could be saved");
        assert_eq!(q[0].cue.as_deref(), Some("questioned"));
        assert_eq!(q[0].how, Some(How::ReportedLearned));
        assert_eq!(q[0].speaker.as_deref(), Some("Ada Byron"));
        // A verb PolNeAR never attributes with: nothing.
        let t = "Ada Byron arrived in the town on a rainy Monday in May.";
        let e = [ent(t, "Ada Byron", Label::Per)];
        assert!(super::super::extract(Field::Body, t, &e)
            .iter()
            .all(|q| q.kind != QuoteKind::Indirect));
    }
}
