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

use std::sync::OnceLock;

use crate::article::{Entity, Field, How, Label, Quote};

use super::attribution::{Found, MentionKind};
use super::cues::{is_cap, is_punct, lower, words, Word};
use super::indirect::{clear_spans, speaker_quote, trigger_sentences};
use super::spans::{para_end_of, para_start};
use super::speakers::FieldEntities;

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
pub(super) fn is_lead(w: &str) -> bool {
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
pub(super) fn is_aux(w: &str) -> bool {
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
pub(super) fn is_hedge(w: &str) -> bool {
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
    // Anchors: where a subject may start, or a cue stand. PER/ORG entities, "He"/"She" opening
    // a sentence (found by their bytes, so the scan is one pass), and the words PolNeAR train
    // uses as cues (`data/reported-cues.txt`), for sources that are not names.
    let mut anchors: Vec<usize> = ents
        .iter()
        .filter(|e| matches!(e.label, Label::Per | Label::Org))
        .map(|e| e.start)
        .collect();
    for pat in ["He ", "She "] {
        anchors.extend(memchr::memmem::find_iter(text.as_bytes(), pat));
    }
    anchors.extend(cue_starts(text));
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

/// The cue lexicon: every word PolNeAR train (check articles left out) uses as the verb of a
/// cue at least four times, written by `scripts/train-reported`.
static CUE_WORDS: &str = include_str!("data/reported-cues.txt");

/// (Fx-hashed: `cue_starts` looks up every lowercase word of a text.)
fn cue_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static W: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    W.get_or_init(|| {
        CUE_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

pub(super) fn is_cue_word(w: &str) -> bool {
    cue_words().contains(w)
}

/// The byte starts of the lexicon's words in `text`: one pass over its ASCII letter runs.
pub(super) fn cue_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let glued = |x: u8| x >= 0x80 || x.is_ascii_alphanumeric() || matches!(x, b'\'' | b'-');
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let free = (s == 0 || !glued(b[s - 1])) && b.get(i).is_none_or(|&x| !glued(x));
        if free && text.get(s..i).is_some_and(is_cue_word) {
            out.push(s);
        }
    }
    out
}

/// What a candidate's source is, as a feature and for the speaker.
#[derive(Clone, Copy)]
pub(super) struct Source {
    pub(super) mention: Word,
    pub(super) kind: MentionKind,
    /// PER, ORG, PRON (he/she), PRONX (they, it, we…), NAMEDESC (a phrase holding a name that
    /// is not its head: "Clinton's campaign") or DESC.
    pub(super) class: &'static str,
}

/// The candidate of one sentence: a subject (at its start, after a lead word, or after an
/// introductory phrase closed by a comma) with its verb and complement, or a closing
/// attribution ("…, officials said.").
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
    let s = Sent {
        text,
        direct,
        ws: &ws,
        body_end,
    };
    for (n_start, &si) in starts.iter().enumerate() {
        let pos = si.min(2).min(n_start + 1);
        if let Some((mention, kind, label)) = subject_at(text, ents, &ws, si) {
            // The first word at or after the subject's end; a word running past it is a
            // possessive ("Clinton’s campaign"): someone else's subject.
            let j = ws.iter().position(|w| w.end > mention.end)?;
            if ws[j].start < mention.end {
                return None;
            }
            let class = match (kind, label) {
                (MentionKind::Pronoun, _) => "PRON",
                (_, Label::Org) => "ORG",
                _ => "PER",
            };
            let src = Source {
                mention,
                kind,
                class,
            };
            return s.forward(src, j, pos, true);
        }
        // After an introductory comma, a closing attribution ("…, a spokesman said on
        // Monday.") goes before a description subject whose complement is its tail.
        if n_start > 0 && si > 1 && tok(text, &ws[si - 1]) == "," {
            if let Some(c) = s.closing(ents) {
                return Some(c);
            }
        }
        if let Some((src, j)) = described(text, ents, &ws, si) {
            if let Some(c) = s.forward(src, j, pos, false) {
                return Some(c);
            }
        }
    }
    s.closing(ents)
}

/// One sentence being read: its words and where its body ends (before the final stop).
struct Sent<'a> {
    text: &'a str,
    direct: &'a [Quote],
    ws: &'a [Word],
    body_end: usize,
}

impl Sent<'_> {
    /// The candidate whose subject is `src`, with the verb at or after word `j` (past an
    /// appositive when `named`, then auxiliaries): the complement runs from the word after the
    /// verb to the first semicolon, colon, dash or cutting comma.
    fn forward(&self, src: Source, mut j: usize, pos: usize, named: bool) -> Option<Candidate> {
        let (text, ws) = (self.text, self.ws);
        let mut app = false;
        if named && tok(text, ws.get(j)?) == "," {
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
        let mut ce = self.body_end;
        for i in c..ws.len() {
            let t = tok(text, &ws[i]);
            if ws[i].start >= self.body_end {
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
        let hedged = auxs.iter().any(|a| is_hedge(a))
            || (auxs
                .last()
                .is_some_and(|a| matches!(a.as_str(), "is" | "was" | "are" | "were"))
                && !ctext.ends_with("ing"));
        let form = if app { "app" } else { "fwd" };
        self.build(
            src,
            cue,
            (cs, ce),
            tok(text, &next),
            &auxs,
            form,
            pos,
            hedged,
        )
    }

    /// "…, officials said." / "…, said a spokesman." / "…, according to the report.": the last
    /// comma's tail is a source and a lexicon cue (and at most four more words); the words
    /// before it are the complement.
    fn closing(&self, ents: &[Entity]) -> Option<Candidate> {
        let (text, ws) = (self.text, self.ws);
        let end = ws.iter().rposition(|w| w.start < self.body_end)? + 1;
        let comma = (end.saturating_sub(12)..end)
            .rev()
            .find(|&i| tok(text, &ws[i]) == ",")?;
        if comma < 3 {
            return None;
        }
        let tail = &ws[comma + 1..end];
        let v = tail.iter().position(|w| is_cue_word(tok(text, w)))?;
        if tail.iter().any(|w| is_punct(tok(text, w))) {
            return None;
        }
        let cue = tail[v];
        let according = tok(text, &cue) == "according";
        let (subj, rest, auxs): (&[Word], usize, Vec<String>) = if v == 0 || according {
            // Inverted: "said a spokesman", "according to the report".
            let from = v + 1 + usize::from(according);
            (tail.get(from..)?, 0, Vec::new())
        } else {
            let mut k = v;
            while k > 1 && is_aux(tok(text, &tail[k - 1])) {
                k -= 1;
            }
            let auxs = tail[k..v]
                .iter()
                .map(|w| tok(text, w).to_ascii_lowercase())
                .collect();
            (&tail[..k], tail.len() - v - 1, auxs)
        };
        if subj.is_empty() || subj.len() > 8 || rest > 4 {
            return None;
        }
        let src = source_of(text, ents, subj)?;
        let cs = ws[0].start;
        let ce = ws[comma].start;
        let hedged = auxs.iter().any(|a| is_hedge(a));
        let form = if according { "acc_post" } else { "post" };
        let first = tok(text, &ws[0]);
        let mut c = self.build(src, cue, (cs, ce), first, &auxs, form, 0, hedged)?;
        c.features.push(format!("tail={}", rest.min(3)));
        Some(c)
    }

    /// The candidate with its features, or nothing when the complement is under two words.
    #[allow(clippy::too_many_arguments)] // the parts of a candidate, by name
    fn build(
        &self,
        src: Source,
        cue: Word,
        (cs, ce): (usize, usize),
        next: &str,
        auxs: &[String],
        form: &'static str,
        pos: usize,
        hedged: bool,
    ) -> Option<Candidate> {
        let text = self.text;
        let comp = text.get(cs..ce.max(cs))?;
        let comp = comp.trim_end_matches([' ', '.', '!', ',', ';', ')']);
        let ce = cs + comp.len();
        let ncomp = comp.split_whitespace().count();
        if ncomp < 2 {
            return None;
        }
        let finite = comp.split_whitespace().take(8).any(is_finite);
        let ctext = tok(text, &cue);
        let stem = stem(ctext);
        let mut features = features(
            ctext,
            next,
            src.class,
            auxs,
            form == "app",
            ncomp,
            finite,
            pos,
        );
        features.push(format!("form={form}"));
        // The verb with the complement's first word ("questioned whether", "called for").
        let o1 = comp
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_lowercase();
        features.push(format!("stem_c1={stem}|{o1}"));
        features.push(format!("form_stem={form}|{stem}"));
        features.push(format!("subj_stem={}|{stem}", src.class));
        features.push(format!("form_subj={form}|{}", src.class));
        if matches!(src.class, "DESC" | "NAMEDESC" | "PRONX") {
            let ms = words(text, src.mention.start, src.mention.end);
            let head = ms.last().map_or("", |w| tok(text, w));
            let first = ms.first().map_or("", |w| tok(text, w));
            // A capital is a name's, except on the sentence's first word ("Officials said").
            let head = if is_cap(head) && ms.last().map(|w| w.start) != Some(self.ws[0].start) {
                "CAP".to_string()
            } else {
                head.to_ascii_lowercase()
            };
            features.push(format!("head={head}"));
            features.push(format!("head_stem={head}|{stem}"));
            features.push(format!("first={}", first_class(first)));
            features.push(format!("slen={}", ms.len().min(5)));
        }
        let mut c = Candidate {
            start: cs,
            end: ce,
            mention: src.mention,
            cue,
            kind: src.kind,
            sent_start: self.ws[0].start,
            quoted: false,
            hedged,
            features,
        };
        c.quoted = !clear_spans(
            text,
            self.direct,
            (c.start, c.end),
            (c.mention.start, c.mention.end),
        );
        Some(c)
    }
}

/// The class of a description's first word: a determiner, a number, a capital, or lowercase.
fn first_class(w: &str) -> &'static str {
    match lower(w, &mut [0; 32]) {
        "the" => "the",
        "a" | "an" => "a",
        "his" | "her" | "its" | "their" | "our" | "my" => "poss",
        "some" | "many" | "most" | "several" | "other" | "few" | "more" | "all" | "both" => "quant",
        "this" | "these" | "that" | "those" => "dem",
        _ if w.starts_with(|c: char| c.is_ascii_digit()) => "num",
        _ if is_cap(w) => "cap",
        _ => "low",
    }
}

/// A description subject starting at word `si`: the words up to a lexicon cue within eight
/// words (its auxiliaries left to the verb), holding no punctuation and opening as a noun
/// phrase can. Returns the source and the index of the first word after it.
fn described(text: &str, ents: &[Entity], ws: &[Word], si: usize) -> Option<(Source, usize)> {
    let v = (si + 1..ws.len().min(si + 9)).find(|&i| is_cue_word(tok(text, &ws[i])))?;
    let mut j = v;
    while j > si + 1 && is_aux(tok(text, &ws[j - 1])) {
        j -= 1;
    }
    let src = source_of(text, ents, &ws[si..j])?;
    Some((src, j))
}

/// The source a phrase `ws` (a subject) is: a PER/ORG entity ending it or "he"/"she" resolve
/// as names; another pronoun, a phrase holding a name that is not its head, or a description
/// has no speaker. Nothing for punctuation inside or a first word no noun phrase opens with.
pub(super) fn source_of(text: &str, ents: &[Entity], ws: &[Word]) -> Option<Source> {
    let (first, last) = (ws.first()?, ws.last()?);
    if ws.iter().any(|w| is_punct(tok(text, w))) {
        return None;
    }
    let f = lower(tok(text, first), &mut [0; 32]).to_string();
    if matches!(
        f.as_str(),
        "that"
            | "which"
            | "who"
            | "what"
            | "when"
            | "where"
            | "if"
            | "as"
            | "to"
            | "in"
            | "of"
            | "for"
            | "on"
            | "at"
            | "by"
            | "with"
            | "from"
            | "there"
            | "and"
            | "but"
            | "or"
            | "not"
            | "so"
            | "because"
            | "while"
    ) {
        return None;
    }
    let span = Word {
        start: first.start,
        end: last.end,
    };
    if ws.len() == 1 && matches!(f.as_str(), "he" | "she") {
        return Some(Source {
            mention: *first,
            kind: MentionKind::Pronoun,
            class: "PRON",
        });
    }
    if ws.len() == 1 && matches!(f.as_str(), "they" | "it" | "we" | "i" | "you") {
        return Some(Source {
            mention: *first,
            kind: MentionKind::Role,
            class: "PRONX",
        });
    }
    let i = ents.partition_point(|e| e.end <= span.start);
    let inside: Vec<&Entity> = ents[i..]
        .iter()
        .take_while(|e| e.start < span.end)
        .filter(|e| matches!(e.label, Label::Per | Label::Org) && e.end <= span.end)
        .collect();
    // A name ending the phrase is its head, unless a preposition ties it to a description
    // before it ("figures from Acme Corp", "the head of Acme"; but "Secretary of State Ada
    // Byron").
    let tied = |e: &Entity| {
        ws.iter().enumerate().any(|(i, w)| {
            w.end <= e.start
                && match lower(tok(text, w), &mut [0; 32]) {
                    "from" | "for" | "at" | "with" | "by" | "in" | "to" | "on" | "about" => true,
                    "of" => i > 0 && !is_cap(tok(text, &ws[i - 1])),
                    _ => false,
                }
        })
    };
    if let Some(e) = inside.iter().find(|e| e.end == span.end && !tied(e)) {
        let class = if e.label == Label::Org { "ORG" } else { "PER" };
        let mention = Word {
            start: e.start,
            end: e.end,
        };
        return Some(Source {
            mention,
            kind: MentionKind::Name,
            class,
        });
    }
    let class = if inside.is_empty() {
        "DESC"
    } else {
        "NAMEDESC"
    };
    Some(Source {
        mention: span,
        kind: MentionKind::Role,
        class,
    })
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

/// (Fx-hashed: every feature of every candidate is looked up, and SipHash was a fifth of the
/// classifier's time; the keys are the shipped file's.)
fn weights() -> &'static rustc_hash::FxHashMap<&'static str, f32> {
    static W: OnceLock<rustc_hash::FxHashMap<&'static str, f32>> = OnceLock::new();
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
    ents: &FieldEntities,
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
    use crate::enrich::quotes::indirect::tests::ent;

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
    fn no_named_candidate_for_a_possessive_a_question_or_a_subject_mid_sentence() {
        for t in [
            "Ada Byron’s campaign called for a higher minimum wage.",
            "Did Ada Byron call for a higher minimum wage in the state?",
            "The town council met Ada Byron and called for a higher wage.",
        ] {
            let e = [ent(t, "Ada Byron", Label::Per)];
            let c = candidates(t, &e, &[]);
            assert!(c.iter().all(|c| c.kind == MentionKind::Role), "{t}");
        }
    }

    #[test]
    fn a_description_or_a_closing_attribution_is_a_candidate_without_a_name() {
        let t = "Several senior officials have argued that the bridge should close.";
        let c = candidates(t, &[], &[]);
        assert_eq!(c.len(), 1);
        assert_eq!(&t[c[0].start..c[0].end], "that the bridge should close");
        assert_eq!(
            &t[c[0].mention.start..c[0].mention.end],
            "Several senior officials"
        );
        assert_eq!(&t[c[0].cue.start..c[0].cue.end], "argued");
        assert_eq!(c[0].kind, MentionKind::Role);
        assert!(c[0].features.contains(&"head=officials".to_string()));
        assert!(c[0].features.contains(&"aux=have".to_string()));
        let t = "The bridge will close in May, a council spokesman said on Monday.";
        let c = candidates(t, &[], &[]);
        assert_eq!(c.len(), 1);
        assert_eq!(&t[c[0].start..c[0].end], "The bridge will close in May");
        assert_eq!(
            &t[c[0].mention.start..c[0].mention.end],
            "a council spokesman"
        );
        assert!(c[0].features.contains(&"form=post".to_string()));
        // Named sources keep the speaker's entity as the mention.
        let t = "The bridge will close in May, according to Acme Corp.";
        let e = [ent(t, "Acme Corp", Label::Org)];
        let c = candidates(t, &e, &[]);
        assert_eq!(c.len(), 1);
        assert_eq!(&t[c[0].mention.start..c[0].mention.end], "Acme Corp");
        assert_eq!(c[0].kind, MentionKind::Name);
        assert!(c[0].features.contains(&"form=acc_post".to_string()));
    }

    #[test]
    fn cue_words_are_found_whole_and_lowercase() {
        let t = "He said; Said-ward resaid, unsaid said.";
        let got: Vec<&str> = cue_starts(t).iter().map(|&s| &t[s..s + 4]).collect();
        assert_eq!(got, ["said", "said"]);
        assert_eq!(cue_starts(t), [3, t.rfind("said").unwrap()]);
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
        let t = "Ada Byron has questioned whether the bridge over the river could be saved before \
                 the winter floods.";
        let e = [ent(t, "Ada Byron", Label::Per)];
        let q: Vec<_> = super::super::extract(Field::Body, t, &e)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(
            q[0].text,
            "whether the bridge over the river could be saved before the winter floods"
        );
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
