//! The learned source of a tagged reported span whose source the rules (`source.rs`) did not
//! find next to it: every mention of the span's sentence that the rules could read as a source
//! is a candidate — the tagged persons and organisations outside the span, a "he"/"she", the
//! sentence's subject (`attribution::sentence_subject`), the subject or inverted subject of any
//! reporting cue of the sentence and an "according to X" phrase (`reported::source_of`) — each
//! resolved to a speaker as the rules resolve theirs (`indirect::speaker_quote`: names to the
//! article's fullest form, pronouns through the antecedent logic, descriptions through holders);
//! a candidate that resolves to no clean name is none. A logistic model over string features
//! (side of the span, words and punctuation between, the words next to the mention, whether a
//! cue follows it, its kind, whether it is the sentence's subject, its rank by distance) gives
//! each a probability; the most probable speaks when it reaches the trained threshold
//! (`how: reported-ranked`), else the span keeps no speaker: no speaker beats a wrong one.
//!
//! The weights and the threshold (`data/reported-source.tsv`) are trained by
//! `scripts/train-reported-source` on PolNeAR train minus the check articles (label: the
//! candidate overlaps the gold attribution's Source span), the threshold by cross-validation
//! with a cost per wrong speaker. As in `attribution/ranker.rs`, a feature's name is hashed from
//! its parts (`attribution::feature_key`) and written out only for training (`examples/reported_sources.rs`
//! prints exactly what [`candidates`] computes).

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::article::{Field, How, Label, Quote};
use crate::enrich::quotes::attribution::{
    digit, flag, keyed, model_file, sentence_subject, Features, Found, MentionKind,
};

use super::super::cues::{is_cap, is_punct, lower};
use super::super::indirect::speaker_quote;
use super::super::reported::{is_aux, is_cue_word, is_lead, source_of};
use super::super::speakers::FieldEntities;
use super::source::{clean_speaker, tok, SUBORDINATORS};
use super::Word;

/// One mention the model may choose: its mention and cue, the quote it gives (speaker
/// resolved; none for a description or pronoun that names no one, "officials", "they": the
/// model's pick of such a mention is its reason to give no speaker), its features' names
/// (training only) and their keys.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub found: Found,
    pub quote: Option<Quote>,
    pub features: Vec<String>,
    pub keys: Vec<u64>,
}

/// The candidates of one span (for training, through [`traced`]).
#[derive(Debug, Clone)]
pub struct Trace {
    pub start: usize,
    pub end: usize,
    pub candidates: Vec<Candidate>,
}

thread_local! {
    /// Set by [`traced`]: the model is off and every span's candidates are kept here.
    static TRACE: RefCell<Option<Vec<Trace>>> = const { RefCell::new(None) };
    static OFF: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with the model off on this thread and returns the candidates of every span it
/// would have decided (for `examples/reported_sources.rs`).
pub fn traced<R>(f: impl FnOnce() -> R) -> (R, Vec<Trace>) {
    TRACE.with_borrow_mut(|t| *t = Some(Vec::new()));
    OFF.with(|o| o.set(true));
    let r = f();
    OFF.with(|o| o.set(false));
    let t = TRACE.with_borrow_mut(Option::take).unwrap_or_default();
    (r, t)
}

/// The word index holding byte `at` (the first word ending after it).
fn word_at(ws: &[Word], at: usize) -> usize {
    ws.partition_point(|w| w.end <= at)
}

/// The candidates of content words `a..b` of sentence `ws`, each resolving to a clean speaker,
/// deduplicated by mention (the first proposer's reading stands, every proposer is a feature).
pub(super) fn candidates(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    ws: &[Word],
    (a, b): (usize, usize),
    named: bool,
) -> Vec<Candidate> {
    let (qs, qe) = (ws[a].start, ws[b - 1].end);
    let sent_start = ws[0].start;
    let sent_end = ws.last().map_or(qe, |w| w.end);
    let t = |i: usize| tok(text, &ws[i]);
    let outside = |m: Word| m.end <= qs || m.start >= qe;
    let mut raw: Vec<(Found, &'static str)> = Vec::new();
    // The cue nearest a mention on its span's side: the mention itself when there is none.
    let cue_for = |m: Word| -> Word {
        let i = word_at(ws, m.end);
        (i..ws.len().min(i + 4))
            .find(|&j| is_cue_word(t(j)) && (j < a || j >= b))
            .map_or(m, |j| ws[j])
    };
    if let Some(f) = sentence_subject(text, sent_start, qs) {
        if outside(f.mention) {
            raw.push((f, "subj"));
        }
    }
    // Reporting cues of the sentence outside the span: their subject ("X has said", "X, the
    // head of Y, praised"), the inverted subject after them ("…, writes X, citing"), and
    // "according to X".
    for v in (0..ws.len()).filter(|&v| (v < a || v >= b) && is_cue_word(t(v))) {
        if lower(t(v), &mut [0; 32]) == "according" {
            if v + 1 < ws.len() && t(v + 1) == "to" {
                let from = v + 2;
                let to = (from..ws.len())
                    .find(|&i| is_punct(t(i)) || i == a)
                    .unwrap_or(ws.len());
                if from < to && to - from <= 8 {
                    if let Some(s) = source_of(text, ents, &ws[from..to]) {
                        raw.push((found(s.mention, s.kind, ws[v]), "acc"));
                    }
                }
            }
            continue;
        }
        let mut j = v;
        while j > 0 && is_aux(t(j - 1)) {
            j -= 1;
        }
        let mut s = (0..j).rev().find(|&i| is_punct(t(i))).map_or(0, |i| i + 1);
        if s < j && (is_lead(t(s)) || SUBORDINATORS.contains(&lower(t(s), &mut [0; 32]))) {
            s += 1;
        }
        if s < j && j - s <= 8 && (j <= a || s >= b) {
            if let Some(src) = source_of(text, ents, &ws[s..j]) {
                raw.push((found(src.mention, src.kind, ws[v]), "cuesubj"));
            }
        }
        let to = (v + 1..ws.len())
            .find(|&i| is_punct(t(i)) || i == a)
            .unwrap_or(ws.len());
        if v + 1 < to && to - (v + 1) <= 6 && (to <= a || v >= b) {
            if let Some(src) = source_of(text, ents, &ws[v + 1..to]) {
                raw.push((found(src.mention, src.kind, ws[v]), "cueobj"));
            }
        }
    }
    // Tagged persons and organisations, and "he"/"she", of the sentence outside the span.
    let lo = ents.partition_point(|e| e.start < sent_start);
    for e in ents[lo..].iter().take_while(|e| e.start < sent_end) {
        let m = Word {
            start: e.start,
            end: e.end,
        };
        if matches!(e.label, Label::Per | Label::Org) && e.end <= sent_end && outside(m) {
            raw.push((found(m, MentionKind::Name, cue_for(m)), "ent"));
        }
    }
    for (i, w) in ws.iter().enumerate() {
        let mut buf = [0; 32];
        let p = lower(t(i), &mut buf);
        if (i < a || i >= b) && matches!(p, "he" | "she" | "they" | "we" | "it") {
            raw.push((found(*w, MentionKind::Pronoun, cue_for(*w)), "pron"));
        }
    }
    // Merge by mention; resolve each once.
    let mut merged: Vec<(Found, Vec<&'static str>)> = Vec::new();
    for (f, tag) in raw {
        match merged.iter_mut().find(|(g, _)| g.mention == f.mention) {
            Some((_, tags)) => {
                if !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
            None => merged.push((f, vec![tag])),
        }
    }
    // A mention inside another ("NATO" in "NATO Secretary General Ada Byron", a name inside
    // a subject phrase) is often a modifier of that phrase, not a source of its own: a feature.
    let inside = |m: Word, o: Word| o.start <= m.start && m.end <= o.end && o != m;
    let nested: Vec<(bool, bool)> = merged
        .iter()
        .map(|(f, _)| {
            let within = merged.iter().any(|(o, _)| inside(f.mention, o.mention));
            let holds = merged.iter().any(|(o, _)| inside(o.mention, f.mention));
            (within, holds)
        })
        .collect();
    let resolved: Vec<(Found, Vec<&str>, Option<Quote>)> = merged
        .into_iter()
        .map(|(f, tags)| {
            let q = speaker_quote(field, text, ents, &f, qs, qe, sent_start, tok(text, &f.cue))
                .filter(|q| q.speaker.as_deref().is_some_and(clean_speaker));
            (f, tags, q)
        })
        .collect();
    let n = resolved.len();
    let distinct = {
        let mut v: Vec<&str> = resolved
            .iter()
            .filter_map(|r| r.2.as_ref()?.speaker.as_deref())
            .collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let first = match lower(t(a), &mut [0; 32]) {
        "that" => "that",
        "to" => "to",
        _ => "other",
    };
    let opens = a == 0 || (a == 1 && is_punct(t(0)));
    let ends = ws[b..].iter().all(|w| is_punct(tok(text, w)));
    let dist = |m: Word| {
        if m.end <= qs {
            a - word_at(ws, m.end).min(a)
        } else {
            word_at(ws, m.start).saturating_sub(b)
        }
    };
    let mut out = Vec::with_capacity(n);
    for ((f, tags, q), &(within, holds)) in resolved.iter().zip(&nested) {
        let m = f.mention;
        let before = m.end <= qs;
        let side = if before { "before" } else { "after" };
        let (mi, mj) = (
            word_at(ws, m.start),
            word_at(ws, m.end.saturating_sub(1)) + 1,
        );
        // Words strictly between the mention and the span.
        let (g0, g1) = if before { (mj, a) } else { (b, mi) };
        let between = &ws[g0.min(g1)..g1.max(g0)];
        let gap = between.len();
        let dw = match gap {
            0 => "0",
            1 => "1",
            2 => "2",
            3..=4 => "3-4",
            5..=8 => "5-8",
            _ => "9+",
        };
        let commas = between
            .iter()
            .filter(|w| tok(text, w) == ",")
            .count()
            .min(2);
        let other_punct = between
            .iter()
            .any(|w| is_punct(tok(text, w)) && tok(text, w) != ",");
        let cue_between = between.iter().any(|w| is_cue_word(tok(text, w)));
        // The word after the mention, past auxiliaries: a cue right after it is its verb.
        let mut k = mj;
        let mut auxs = 0;
        while k < ws.len() && is_aux(t(k)) && auxs < 3 {
            k += 1;
            auxs += 1;
        }
        let next = if mj >= ws.len() {
            "end"
        } else if k < ws.len() && is_cue_word(t(k)) && (k < a || k >= b) {
            "cue"
        } else if auxs > 0 {
            "aux"
        } else if t(mj) == "," {
            ","
        } else if is_punct(t(mj)) {
            "punct"
        } else if is_cap(t(mj)) {
            "cap"
        } else {
            "low"
        };
        let prev = if mi == 0 {
            "start"
        } else {
            let p = lower(t(mi - 1), &mut [0; 32]).to_string();
            if p == "," {
                ","
            } else if is_punct(&p) {
                "punct"
            } else if p == "to" && mi >= 2 && lower(t(mi - 2), &mut [0; 32]) == "according" {
                "acc"
            } else if p == "by" {
                "by"
            } else if is_cue_word(t(mi - 1)) {
                "cue"
            } else if SUBORDINATORS.contains(&p.as_str()) || is_lead(t(mi - 1)) {
                "sub"
            } else if matches!(p.as_str(), "the" | "a" | "an") || is_cap(t(mi - 1)) {
                "det"
            } else {
                "low"
            }
        };
        // Inside a prepositional phrase ("an analyst at the Acme Institute said", "a meeting
        // with Ada Byron"): the object of a preposition is seldom the one who speaks.
        let pp = (mi.saturating_sub(2)..mi).any(|i| {
            matches!(
                lower(t(i), &mut [0; 32]),
                "at" | "of" | "for" | "with" | "from" | "in" | "on" | "by" | "to" | "about"
            )
        });
        let d = dist(m);
        let rank = resolved
            .iter()
            .filter(|o| (o.0.mention.end <= qs) == before && dist(o.0.mention) < d)
            .count()
            .min(2);
        let kind = match f.kind {
            MentionKind::Pronoun => "pron",
            MentionKind::Role => "role",
            MentionKind::Name => {
                let i = ents.partition_point(|e| e.start < m.start);
                match ents.get(i).filter(|e| e.start == m.start).map(|e| e.label) {
                    Some(Label::Org) => "org",
                    Some(Label::Per) => "per",
                    _ => "name",
                }
            }
        };
        let mut fs = Features {
            keys: Vec::with_capacity(40),
            names: named.then(|| Vec::with_capacity(40)),
        };
        fs.add(&["b"]);
        let mut srcs = tags.clone();
        srcs.sort_unstable();
        let mut joined = vec!["srcs:"];
        for (i, s) in srcs.iter().enumerate() {
            if i > 0 {
                joined.push("+");
            }
            joined.push(s);
        }
        fs.add(&joined);
        for s in tags {
            fs.add(&["src:", s]);
            fs.add(&["src:", s, "|side:", side]);
        }
        let (cb, op) = (flag(cue_between), flag(other_punct));
        fs.add(&["kind:", kind]);
        fs.add(&["kind:", kind, "|side:", side]);
        fs.add(&["side:", side]);
        fs.add(&["side:", side, "|dw:", dw]);
        fs.add(&["side:", side, "|rank:", digit(rank)]);
        fs.add(&["side:", side, "|commas:", digit(commas), "|punct:", op]);
        fs.add(&["side:", side, "|cuebetween:", cb]);
        fs.add(&["next:", next]);
        fs.add(&["next:", next, "|side:", side]);
        fs.add(&["next:", next, "|kind:", kind]);
        fs.add(&["prev:", prev]);
        fs.add(&["prev:", prev, "|side:", side]);
        fs.add(&["prev:", prev, "|next:", next]);
        fs.add(&["pp:", flag(pp), "|kind:", kind]);
        fs.add(&[
            "within:",
            flag(within),
            "|holds:",
            flag(holds),
            "|kind:",
            kind,
        ]);
        fs.add(&["pp:", flag(pp), "|next:", next]);
        fs.add(&["side:", side, "|next:", next, "|dw:", dw]);
        fs.add(&["first:", first, "|side:", side]);
        fs.add(&["opens:", flag(opens), "|side:", side]);
        fs.add(&["ends:", flag(ends), "|side:", side]);
        fs.add(&["n:", digit(n.min(5))]);
        fs.add(&["distinct:", digit(distinct.min(4))]);
        let spk = q.as_ref().and_then(|q| q.speaker.as_deref());
        let form = match spk {
            None => "none",
            Some(s) if s.contains(' ') => "full",
            Some(_) => "one",
        };
        fs.add(&["speaker:", form, "|kind:", kind]);
        fs.add(&["speaker:", form, "|side:", side]);
        out.push(Candidate {
            found: *f,
            quote: q.clone(),
            features: fs.names.unwrap_or_default(),
            keys: fs.keys,
        });
    }
    out
}

fn found(mention: Word, kind: MentionKind, cue: Word) -> Found {
    Found { cue, mention, kind }
}

static MODEL: &str = include_str!("../data/reported-source.tsv");

/// The trained weights by `attribution::feature_key`, and the threshold a candidate must reach.
struct Model {
    weights: rustc_hash::FxHashMap<u64, f32>,
    threshold: f32,
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let file = model_file::read(MODEL);
        Model {
            // Without a trained threshold nothing speaks.
            threshold: file.setting("threshold").unwrap_or(2.0),
            weights: keyed(&file.weights),
        }
    })
}

fn probability(keys: &[u64]) -> f32 {
    let w = &model().weights;
    let z: f32 = keys.iter().filter_map(|k| w.get(k)).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The quote the model gives span `a..b` of `ws` (its speaker, `how: reported-ranked`), or
/// none when no candidate reaches the threshold. Traced instead (no speaker) inside [`traced`].
pub(super) fn decide(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    ws: &[Word],
    span: (usize, usize),
) -> Option<Quote> {
    let tracing = TRACE.with_borrow(Option::is_some);
    if !tracing && (OFF.with(Cell::get) || model().threshold > 1.0) {
        return None;
    }
    let cands = candidates(field, text, ents, ws, span, tracing);
    if tracing {
        let t = Trace {
            start: ws[span.0].start,
            end: ws[span.1 - 1].end,
            candidates: cands,
        };
        TRACE.with_borrow_mut(|v| v.as_mut().map(|v| v.push(t)));
        return None;
    }
    let mut best: Option<(usize, f32)> = None;
    for (i, c) in cands.iter().enumerate() {
        let p = probability(&c.keys);
        if best.is_none_or(|(_, b)| p > b) {
            best = Some((i, p));
        }
    }
    let (i, p) = best?;
    if p < model().threshold {
        return None;
    }
    // A pick that names no one ("officials said …") gives no speaker.
    let mut q = cands.into_iter().nth(i)?.quote?;
    q.how = Some(How::ReportedRanked);
    Some(q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Entity;
    use crate::enrich::quotes::attribution::feature_key;
    use crate::enrich::quotes::attribution::NameIndex;
    use crate::enrich::quotes::indirect::tests::ent;
    use crate::enrich::quotes::reported_span::every_sentence;

    /// The words of the one sentence of `t` and the word range of `span` in it.
    fn sentence(t: &str, span: &str) -> (Vec<Word>, (usize, usize)) {
        let ws = every_sentence(t).remove(0);
        let s = t.find(span).expect("the span is in the text");
        let e = s + span.len();
        let a = ws
            .iter()
            .position(|w| w.start == s)
            .expect("a word starts the span");
        let b = ws
            .iter()
            .rposition(|w| w.end == e)
            .expect("a word ends the span")
            + 1;
        (ws, (a, b))
    }

    fn with_entities<R>(t: &str, ents: &[Entity], f: impl FnOnce(&FieldEntities) -> R) -> R {
        let names = NameIndex::new(t, ents);
        f(&FieldEntities::new(&names))
    }

    #[test]
    fn an_appositive_name_before_its_cue_is_a_candidate_with_its_context() {
        let t = "The head of the group, Ada Byron, praised the council for its plan to rebuild \
                 the old bridge before the winter.";
        let ents = [ent(t, "Ada Byron", Label::Per)];
        let (ws, span) = sentence(t, "the council for its plan to rebuild the old bridge");
        let c = with_entities(t, &ents, |fe| {
            candidates(Field::Body, t, fe, &ws, span, true)
        });
        let byron = c
            .iter()
            .find(|c| c.quote.as_ref().and_then(|q| q.speaker.as_deref()) == Some("Ada Byron"))
            .unwrap_or_else(|| panic!("{c:?}"));
        // Set off by commas, the cue after the second one; also the sentence's subject.
        for f in [
            "srcs:ent+subj",
            "side:before|cuebetween:true",
            "next:,",
            "prev:,",
            "kind:per",
        ] {
            assert!(
                byron.features.iter().any(|x| x == f),
                "{f}: {:?}",
                byron.features
            );
        }
        // What the model reads is the names' keys, one for one.
        let keys: Vec<u64> = byron.features.iter().map(|f| feature_key(&[f])).collect();
        assert_eq!(keys, byron.keys);
        // Nothing inside the span is a candidate.
        let (qs, qe) = (ws[span.0].start, ws[span.1 - 1].end);
        assert!(c
            .iter()
            .all(|c| c.found.mention.end <= qs || c.found.mention.start >= qe));
    }

    #[test]
    fn a_description_is_a_candidate_that_names_no_one() {
        let t = "Officials at the agency praised the council for its plan to rebuild the old \
                 bridge.";
        let (ws, span) = sentence(t, "the council for its plan to rebuild the old bridge");
        let c = with_entities(t, &[], |fe| candidates(Field::Body, t, fe, &ws, span, true));
        assert!(!c.is_empty());
        assert!(c.iter().all(|c| c.quote.is_none()), "{c:?}");
        // So the model, whatever it weighs, gives no speaker.
        let d = with_entities(t, &[], |fe| decide(Field::Body, t, fe, &ws, span));
        assert_eq!(d, None);
    }

    #[test]
    fn the_trained_selector_names_the_appositive_and_says_how() {
        let t = "The head of the group, Ada Byron, praised the council for its plan to rebuild \
                 the old bridge before the winter.";
        let ents = [ent(t, "Ada Byron", Label::Per)];
        let (ws, span) = sentence(t, "the council for its plan to rebuild the old bridge");
        let q = with_entities(t, &ents, |fe| decide(Field::Body, t, fe, &ws, span));
        let q = q.expect("a speaker");
        assert_eq!(q.speaker.as_deref(), Some("Ada Byron"));
        assert_eq!(q.how, Some(How::ReportedRanked));
        assert_eq!(q.speaker_start, t.find("Ada Byron"));
        // Traced, the model is off and the span's candidates are kept instead.
        let (off, traces) =
            traced(|| with_entities(t, &ents, |fe| decide(Field::Body, t, fe, &ws, span)));
        assert_eq!(off, None);
        assert_eq!(traces.len(), 1);
        assert_eq!(traces[0].start, ws[span.0].start);
    }

    #[test]
    fn the_trained_model_loads_with_weights_and_a_threshold_in_range() {
        let m = model();
        assert!(m.weights.len() > 50, "{} weights", m.weights.len());
        assert!((0.5..=1.0).contains(&m.threshold), "{}", m.threshold);
        assert!(m.weights.values().all(|w| w.is_finite()));
    }
}
