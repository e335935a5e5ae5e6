//! Reported speech found by a token tagger: every sentence in which the learned cue detector
//! (`reported_cue.rs`) finds a word above its gate is tagged word by word as Begin / Inside / Outside of attributed
//! content, in PolNeAR's sense of a Content span ("Clinton said *that she would win*", "*The
//! plan will fail*, officials warned"), by a structured averaged perceptron decoded with
//! Viterbi (first-order transitions, O→I forbidden). Features are hashed into a fixed table
//! (`data/reported-spans.bin`, written by `scripts/train-reported-spans` through
//! `examples/reported_spans.rs`, which reads the same features from this module).
//!
//! Decoding adds a bias toward content to every word's Begin and Inside scores (the model's
//! `bias`, chosen with the threshold: the plain best path leaves out content the tagger is
//! unsure of, which capped recall). A tagged span is kept when its *margin* — the best path's
//! score minus the score of the same path with the span turned to Outside — is above a
//! threshold chosen by k-fold cross-validation on PolNeAR train (check articles left out) for
//! the indirect stage's precision ≥ 0.91. Its speaker comes from a source next to it: a lexicon
//! cue just before it with its subject ("Clinton *has argued* that…"), "according to X, …", or
//! a closing "…, X said." The source is resolved as the rules' are
//! (`indirect::speaker_quote`): a description or an unresolved pronoun gives a quote without a
//! speaker. A span with no source next to it, a passive cue or one with a plain object ("was
//! told", "said it would …"), or a second cue inside it is kept without a speaker; one after a
//! negated, modal or conditional cue ("did not say") is not emitted. The tagger runs after the rules and the candidate
//! classifier and adds only spans clear of theirs and of every quotation.
//!
//! The cue-relative features (distance and direction to the nearest cue, the cue word) use the
//! words the detector calls cues; the source next to a span is still found through the cue
//! lexicon (`reported::is_cue_word`), so a span whose only cue is beyond the lexicon keeps no
//! speaker.
//!
//! Linear in the text: every sentence is split into words once and scored by the cue detector
//! (a fixed number of features a word); only those past the gate get the tagger's features,
//! and Viterbi is linear in the sentence; sentences over `MAX_WORDS` words are not read.

use std::sync::OnceLock;

use crate::article::{Entity, Field, How, Quote};

use super::attribution::{Found, MentionKind, NameIndex};
pub use super::cues::Word;
use super::cues::{is_cap, is_dash, is_punct, is_role_noun, is_title, lower, words};
use super::indirect::{clear_spans, description_quote, speaker_quote, trigger_sentences};
use super::reported::{is_aux, is_cue_word, is_hedge, is_lead, source_of, Source};
use super::reported_cue::{cluster_of, mix, word_hash, Context, CueModel, Words};
use super::spans::{para_end_of, para_start};
use super::speakers::FieldEntities;

/// Tags: Outside, Begin, Inside.
pub const TAGS: usize = 3;
const O: usize = 0;
const B: usize = 1;
const I: usize = 2;
/// log2 of the hashed feature table's rows (each row holds one weight per tag). 2^18 rows keep
/// collisions rare for the ~100k distinct features PolNeAR train yields.
pub const BITS: u32 = 18;
pub const ROWS: usize = 1 << BITS;
/// Transition weights: from O, B, I or the sentence start (row 3) to O, B, I.
pub const TRANS: usize = 4 * TAGS;
/// The longest sentence tagged (as `indirect`'s bound: news sentences over 120 words are rare).
const MAX_WORDS: usize = 250;

/// A model: the emission table (`ROWS × TAGS`), the transitions, the margin threshold and
/// the recall bias.
pub struct Model {
    pub emit: Vec<f32>,
    pub trans: [f32; TRANS],
    pub threshold: f32,
    /// Added to every word's Begin and Inside scores when decoding (never while training):
    /// the perceptron is trained for the best tag sequence, which leaves out content it is
    /// unsure of; a bias toward content proposes more and longer spans, and the margin
    /// threshold, chosen with the bias in place, cuts them back to the target precision.
    pub bias: f32,
}

impl Model {
    /// A model of zeros (the trainer's start).
    pub fn zeros() -> Model {
        Model {
            emit: vec![0.0; ROWS * TAGS],
            trans: [0.0; TRANS],
            threshold: 0.0,
            bias: 0.0,
        }
    }

    /// The model in the file format: little-endian f32s, the threshold, the bias, the
    /// transitions, then the emission table.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 * (2 + TRANS + self.emit.len()));
        for x in [&self.threshold, &self.bias]
            .into_iter()
            .chain(&self.trans)
            .chain(&self.emit)
        {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out
    }

    /// The model in `bytes`, or nothing when the length is not the format's.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        if bytes.len() != 4 * (2 + TRANS + ROWS * TAGS) {
            return None;
        }
        let mut xs = bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let threshold = xs.next()?;
        let bias = xs.next()?;
        let mut trans = [0.0; TRANS];
        for t in &mut trans {
            *t = xs.next()?;
        }
        Some(Model {
            emit: xs.collect(),
            trans,
            threshold,
            bias,
        })
    }

    fn tr(&self, from: usize, to: usize) -> f32 {
        self.trans[from * TAGS + to]
    }

    /// The emission scores of one word, with the bias toward content.
    fn scores(&self, feats: &[u32]) -> [f32; TAGS] {
        let mut s = [0.0, self.bias, self.bias];
        for &f in feats {
            let row = f as usize * TAGS;
            for (t, x) in s.iter_mut().enumerate() {
                *x += self.emit[row + t];
            }
        }
        s
    }

    /// The best tag sequence (Viterbi; O→I and start→I are never taken) and its emissions.
    pub fn decode(&self, sent: &Sentence) -> (Vec<usize>, Vec<[f32; TAGS]>) {
        let n = sent.feats.len();
        let em: Vec<[f32; TAGS]> = sent.feats.iter().map(|f| self.scores(f)).collect();
        if n == 0 {
            return (Vec::new(), em);
        }
        let allowed = |from: usize, to: usize| !(to == I && (from == O || from == 3));
        let mut best = vec![[f32::NEG_INFINITY; TAGS]; n];
        let mut back = vec![[0usize; TAGS]; n];
        for t in 0..TAGS {
            if allowed(3, t) {
                best[0][t] = self.tr(3, t) + em[0][t];
            }
        }
        for i in 1..n {
            for t in 0..TAGS {
                for p in 0..TAGS {
                    if !allowed(p, t) || best[i - 1][p] == f32::NEG_INFINITY {
                        continue;
                    }
                    let s = best[i - 1][p] + self.tr(p, t) + em[i][t];
                    if s > best[i][t] {
                        best[i][t] = s;
                        back[i][t] = p;
                    }
                }
            }
        }
        let mut tags = vec![O; n];
        let mut t = (0..TAGS)
            .max_by(|&a, &b| best[n - 1][a].total_cmp(&best[n - 1][b]))
            .unwrap_or(O);
        for i in (0..n).rev() {
            tags[i] = t;
            t = back[i][t];
        }
        (tags, em)
    }

    /// The score of tag sequence `tags` given the emissions.
    fn path_score(&self, tags: &[usize], em: &[[f32; TAGS]]) -> f32 {
        let mut prev = 3;
        let mut s = 0.0;
        for (i, &t) in tags.iter().enumerate() {
            s += self.tr(prev, t) + em[i][t];
            prev = t;
        }
        s
    }

    /// The spans (word ranges) of a tag sequence with their margins: how much the path loses
    /// when the span turns to Outside.
    pub fn spans(&self, sent: &Sentence) -> Vec<(usize, usize, f32)> {
        let (tags, em) = self.decode(sent);
        let best = self.path_score(&tags, &em);
        let mut out = Vec::new();
        for (a, b) in runs(&tags) {
            let mut alt = tags.clone();
            alt[a..b].fill(O);
            out.push((a, b, best - self.path_score(&alt, &em)));
        }
        out
    }
}

/// The word ranges of the B I* runs of `tags`.
pub fn runs(tags: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        if tags[i] == B {
            let a = i;
            i += 1;
            while i < tags.len() && tags[i] == I {
                i += 1;
            }
            out.push((a, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The embedded model.
static MODEL: &[u8] = include_bytes!("data/reported-spans.bin");

fn model() -> Option<&'static Model> {
    static M: OnceLock<Option<Model>> = OnceLock::new();
    M.get_or_init(|| Model::from_bytes(MODEL)).as_ref()
}

/// One sentence read by the tagger: its words and each word's hashed features.
pub struct Sentence {
    pub ws: Vec<Word>,
    pub feats: Vec<[u32; FEATURES]>,
    /// End of the sentence's text without its final punctuation.
    pub body_end: usize,
}

/// The sentences of a field the tagger reads: those holding a cue the cue model detects, at
/// most `MAX_WORDS` words long, without a question mark. `ents` sorted by start.
pub fn sentences(text: &str, ents: &[Entity], cue_model: &CueModel) -> Vec<Sentence> {
    let mut seen = Words::default();
    every_sentence(text)
        .into_iter()
        .filter_map(|ws| read(text, ents, cue_model, &mut seen, ws))
        .collect()
}

/// The tagger's reading of sentence `ws` when the cue model detects a cue in it: the words are
/// read into one `reported_cue::Context` that both the detector and the tagger's features use.
fn read<'t>(
    text: &'t str,
    ents: &[Entity],
    cue_model: &CueModel,
    seen: &mut Words<'t>,
    ws: Vec<Word>,
) -> Option<Sentence> {
    if !cue_model.passes_stems(text, &ws) {
        return None;
    }
    let c = Context::new(text, ents, &ws);
    let cues = cue_model.detect_in(&c, seen)?;
    let feats = features_in(&c, &cues, first_in_para(text, &ws));
    drop(c);
    Some(sentence_with(text, ws, feats))
}

/// The words of every sentence of a field that the tagger may read: at most `MAX_WORDS` words,
/// no question mark.
pub fn every_sentence(text: &str) -> Vec<Vec<Word>> {
    let anchors = word_starts(text);
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(&t) = anchors.get(k) {
        let (ps, pe) = (para_start(text, t), para_end_of(text, t));
        let n = anchors[k..].partition_point(|&x| x < pe).max(1);
        let para = &anchors[k..k + n];
        k += n;
        for (a, b) in trigger_sentences(text, ps, pe, para) {
            if text.get(a..b).is_none_or(|s| s.contains('?')) {
                continue;
            }
            let ws = words(text, a, b);
            if !ws.is_empty() && ws.len() <= MAX_WORDS {
                out.push(ws);
            }
        }
    }
    out
}

/// The tagger's reading of one sentence given its cues.
pub fn sentence(text: &str, ents: &[Entity], ws: Vec<Word>, cues: &[bool]) -> Sentence {
    let feats = features(text, ents, &ws, cues, first_in_para(text, &ws));
    sentence_with(text, ws, feats)
}

/// Whether a sentence opens its paragraph.
fn first_in_para(text: &str, ws: &[Word]) -> bool {
    ws.first()
        .is_some_and(|w| para_start(text, w.start) == w.start)
}

/// The tagger's reading of one sentence from the words and features.
fn sentence_with(text: &str, ws: Vec<Word>, feats: Vec<[u32; FEATURES]>) -> Sentence {
    let body_end = ws.last().map_or(0, |last| {
        if matches!(text.get(last.start..last.end), Some("." | "!")) {
            last.start
        } else {
            last.end
        }
    });
    Sentence {
        ws,
        feats,
        body_end,
    }
}

/// The byte starts of the ASCII letter runs that follow whitespace or open the text: one in
/// every sentence of English prose, so `trigger_sentences` yields every sentence.
fn word_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    (0..b.len())
        .filter(|&i| b[i].is_ascii_alphabetic() && (i == 0 || b[i - 1].is_ascii_whitespace()))
        .collect()
}

/// One feature row from a template number and up to four value hashes (`reported_cue::mix`,
/// chained; the high bits mix best).
fn row(template: u64, parts: [u64; 2]) -> u32 {
    (mix(template, parts[0], parts[1]) >> (64 - BITS)) as u32
}

/// Two value hashes as one, for a feature of more than two parts.
fn pair(a: u64, b: u64) -> u64 {
    mix(0xfeed, a, b)
}

/// A word's shape: its letters as X/x, digits as d, runs collapsed ("McCain" → "XxXx"), written
/// into `buf` (12 chars of at most 4 bytes) without allocating.
fn shape<'b>(w: &str, buf: &'b mut [u8; 48]) -> &'b str {
    let mut n = 0;
    let mut last = None;
    for c in w.chars().take(12) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(k) {
            n += k.encode_utf8(&mut buf[n..]).len();
            last = Some(k);
        }
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// FNV-1a of a string as written (a shape: its case is the point).
fn raw_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The last three chars of `w`.
fn suffix(w: &str) -> &str {
    let cut = w.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &w[cut..]
}

/// A word cluster's path prefix of `len` bits (0 for no cluster).
fn prefix(c: u32, len: u32) -> u64 {
    let bits = 32 - c.leading_zeros();
    u64::from(if c == 0 || bits <= len {
        c
    } else {
        c >> (bits - 1 - len)
    })
}

/// A distance in words, bucketed (0 for none).
fn dist(d: Option<usize>) -> u64 {
    match d {
        None => 0,
        Some(0) => 1,
        Some(1) => 2,
        Some(2) => 3,
        Some(3) => 4,
        Some(4..=6) => 5,
        Some(7..=10) => 6,
        Some(11..=20) => 7,
        Some(_) => 8,
    }
}

fn count(n: usize) -> u64 {
    n.min(2) as u64
}

/// The number of features of every word.
pub const FEATURES: usize = 37;

/// Stand-ins for the words before the first and after the last of a sentence.
const START: u64 = 0x0053_5441_5254;
const END: u64 = 0x0045_4e44;

/// The hashed features of every word of a sentence (the trainer reads these too). Each word is
/// hashed once (lowercased on the fly, as its shape, suffix and cluster prefixes are); a
/// feature is then a few multiplications over those numbers, not a hash over strings.
pub fn features(
    text: &str,
    ents: &[Entity],
    ws: &[Word],
    cue: &[bool],
    para_first: bool,
) -> Vec<[u32; FEATURES]> {
    features_in(&Context::new(text, ents, ws), cue, para_first)
}

/// `features` over a sentence the cue detector has read already: its words' hashes, entity
/// labels and clusters are not computed again.
pub fn features_in(c: &Context, cue: &[bool], para_first: bool) -> Vec<[u32; FEATURES]> {
    let (raw, wh, ent) = (&c.raw, &c.wh, &c.ent);
    let cl: Vec<u32> = raw.iter().map(|w| cluster_of(w)).collect();
    let n = raw.len();
    let comma: Vec<bool> = raw.iter().map(|w| matches!(*w, "," | ";" | ":")).collect();
    // Commas before each word, for the count between a word and a cue.
    let mut commas = vec![0usize; n + 1];
    for i in 0..n {
        commas[i + 1] = commas[i] + usize::from(comma[i]);
    }
    let quoted = raw
        .iter()
        .any(|w| matches!(*w, "\"" | "“" | "”" | "‘" | "'" | "’" | "«" | "»" | "„"));
    // The nearest cue before and after each word.
    let mut before: Vec<Option<usize>> = vec![None; n];
    let mut last = None;
    for i in 0..n {
        before[i] = last;
        if cue[i] {
            last = Some(i);
        }
    }
    let mut after: Vec<Option<usize>> = vec![None; n];
    let mut next = None;
    for i in (0..n).rev() {
        after[i] = next;
        if cue[i] {
            next = Some(i);
        }
    }
    let get = |i: isize| -> u64 {
        if i < 0 {
            START
        } else {
            wh.get(i as usize).copied().unwrap_or(END)
        }
    };
    let ent_at = |i: isize| -> u64 {
        if i < 0 {
            9
        } else {
            ent.get(i as usize).copied().unwrap_or(10)
        }
    };
    // Word clusters (the NER lexicon's), as path prefixes of 4, 8 and 12 bits.
    let c8: Vec<u64> = cl.iter().map(|&c| prefix(c, 8)).collect();
    let q = u64::from(quoted);
    let pf = u64::from(para_first);
    let mut out = Vec::with_capacity(n);
    let mut shb = [0u8; 48];
    for i in 0..n {
        let ii = i as isize;
        let w = wh[i];
        let suf = word_hash(suffix(raw[i]));
        let sh = raw_hash(shape(raw[i], &mut shb));
        let cbd = dist(before[i].map(|j| i - j));
        let cad = dist(after[i].map(|j| j - i));
        let cbw = before[i].map_or(0, |j| wh[j]);
        let caw = after[i].map_or(0, |j| wh[j]);
        let cbc = before[i].map_or(0, |j| count(commas[i] - commas[j + 1]));
        let cac = after[i].map_or(0, |j| count(commas[j] - commas[i + 1]));
        // The word after the cue before ("said that", "told reporters") and the entity before
        // it (its subject's type).
        let cb_next = before[i].map_or(0, |j| get(j as isize + 1));
        let cb_subj = before[i].map_or(11, |j| ent_at(j as isize - 1));
        let ca_subj = after[i].map_or(11, |j| ent_at(j as isize + 1));
        let pos = pair(dist(Some(i)), dist(Some(n - 1 - i)));
        let cprev = if i > 0 { c8[i - 1] } else { 0 };
        let cnext = c8.get(i + 1).copied().unwrap_or(0);
        let punct = u64::from(is_punct(raw[i]));
        out.push([
            row(0, [0, 0]),
            row(1, [w, 0]),
            row(2, [sh, 0]),
            row(3, [suf, 0]),
            row(4, [get(ii - 1), 0]),
            row(5, [get(ii + 1), 0]),
            row(6, [get(ii - 2), 0]),
            row(7, [get(ii + 2), 0]),
            row(8, [get(ii - 1), w]),
            row(9, [w, get(ii + 1)]),
            row(10, [cbd, 0]),
            row(11, [cbd, cbw]),
            row(12, [cad, 0]),
            row(13, [cad, caw]),
            row(14, [cbd, cbc]),
            row(15, [cad, cac]),
            row(16, [ent[i], 0]),
            row(17, [ent_at(ii - 1), 0]),
            row(18, [ent_at(ii + 1), 0]),
            row(19, [pos, 0]),
            row(20, [q, cbd]),
            row(21, [pf, cbd]),
            row(22, [cbd, get(ii - 1)]),
            row(23, [cbd, cb_next]),
            row(24, [cbd, cb_subj]),
            row(25, [cad, ca_subj]),
            row(26, [cbd, cad]),
            row(27, [pair(cbd, cbw), pair(cbc, cad)]),
            row(28, [punct, pair(cbd, cad)]),
            row(29, [prefix(cl[i], 4), 0]),
            row(30, [c8[i], 0]),
            row(31, [prefix(cl[i], 12), 0]),
            row(32, [cprev, 0]),
            row(33, [cnext, 0]),
            row(34, [cbd, w]),
            row(35, [cad, w]),
            row(36, [cbd, c8[i]]),
        ]);
    }
    out
}

/// One tagged span with its source: what `extract` emits once the margin clears the
/// threshold.
pub struct Proposal {
    pub start: usize,
    pub end: usize,
    pub margin: f32,
    pub quote: Quote,
}

/// The tagger's spans in one field that have a source, clear of quotations and of `taken`
/// (the quotes earlier stages found), with their margins; `extract` keeps those above the
/// model's threshold, the trainer scores them all.
pub fn proposals(
    model: &Model,
    cue_model: &CueModel,
    field: Field,
    text: &str,
    ents: &[Entity],
    direct: &[Quote],
    taken: &[Quote],
) -> Vec<Proposal> {
    let names = NameIndex::new(text, ents);
    let ents = &FieldEntities::new(&names);
    proposals_above(model, cue_model, field, text, ents, direct, taken, None)
}

/// [`proposals`] with a margin of at most `min_margin` dropped before its source is read and
/// its speaker resolved (what `extract` keeps, at less cost: most tagged spans fall short).
#[allow(clippy::too_many_arguments)] // `proposals`' arguments and the margin
fn proposals_above(
    model: &Model,
    cue_model: &CueModel,
    field: Field,
    text: &str,
    ents: &FieldEntities,
    direct: &[Quote],
    taken: &[Quote],
    min_margin: Option<f32>,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    let (taken, direct_spans) = (Sorted::new(taken), Sorted::new(direct));
    let mut seen = Words::default();
    for ws in every_sentence(text) {
        // A sentence inside one quote (a direct quotation, or a clause the earlier stages
        // took) can yield no span: every span in it would overlap that quote and be dropped
        // below. Skipping it spares the cue detector and the tagger, with the same output.
        let (s, e) = (
            ws.first().map_or(0, |w| w.start),
            ws.last().map_or(0, |w| w.end),
        );
        if taken.covers(s, e) || direct_spans.covers(s, e) {
            continue;
        }
        let Some(sent) = read(text, ents, cue_model, &mut seen, ws) else {
            continue;
        };
        for (a, b, margin) in model.spans(&sent) {
            if min_margin.is_some_and(|t| margin.is_nan() || margin <= t) {
                continue;
            }
            let ws = &sent.ws;
            // Trailing punctuation is not content ("…in May." → "…in May").
            let mut b2 = b;
            while b2 > a && is_punct(tok(text, &ws[b2 - 1])) {
                b2 -= 1;
            }
            if b2 - a < 2 {
                continue;
            }
            // A cue with "that" inside the span is an attribution of its own ("…sources
            // said Ada Byron said that…"): which source the span belongs to is in doubt, so it
            // names none; the margin still decides whether it is reported speech (on PolNeAR
            // most such spans are).
            let nested = (a..b2 - 1).any(|i| {
                is_cue_word(tok(text, &ws[i])) && tok(text, &ws[i + 1]).eq_ignore_ascii_case("that")
            });
            let (qs, qe) = (ws[a].start, ws[b2 - 1].end);
            if taken.overlaps(qs, qe, 0) {
                continue;
            }
            // A negated, modal or conditional cue ("did not say", "would argue", "If X
            // said") reports nothing, as in the rules: such a span is not emitted at all. A
            // passive cue, an order or a cue with a plain object ("was told", "said it would
            // …") is no report by its subject, but its span is still attributed content (on
            // PolNeAR the spans the tagger is sure of mostly are): it names no source, and the
            // margin decides, as for a span without one.
            let src = match source(text, ents, ws, a, b2, sent.body_end) {
                Src::Hedged => continue,
                _ if nested => None,
                Src::Found(s, c, clean) => Some((s, c, clean)),
                Src::NotSubject | Src::Unknown => None,
            };
            let (ms, me) = src.map_or((qs, qe), |(s, _, _)| (s.mention.start, s.mention.end));
            // Quote marks through `clear_spans`, direct quotes (touching counts) through the
            // sorted spans: one scan of every direct quote per span would be quadratic.
            if !clear_spans(text, &[], (qs, qe), (ms, me))
                || direct_spans.overlaps(qs, qe, 1)
                || direct_spans.overlaps(ms, me, 1)
            {
                continue;
            }
            let quote = match src {
                Some((src, cue, clean)) => {
                    build(field, text, ents, &src, cue, clean, qs, qe, ws[0].start)
                }
                None => sourceless(field, text, qs, qe),
            };
            let Some(quote) = quote else {
                continue;
            };
            out.push(Proposal {
                start: qs,
                end: qe,
                margin,
                quote,
            });
        }
    }
    out
}

/// Quote spans sorted by start, with the running maximum of their ends: whether any touches a
/// range in O(log n).
struct Sorted {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Sorted {
    fn new(qs: &[Quote]) -> Sorted {
        let mut v: Vec<(usize, usize)> = qs.iter().map(|q| (q.start, q.end)).collect();
        v.sort_unstable();
        let mut m = 0;
        let max_end = v
            .iter()
            .map(|&(_, e)| {
                m = m.max(e);
                m
            })
            .collect();
        Sorted {
            starts: v.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    /// Whether one span holds all of `s..e`: among the spans starting at or before `s`, the
    /// one reaching furthest reaches `e`.
    fn covers(&self, s: usize, e: usize) -> bool {
        let k = self.starts.partition_point(|&x| x <= s);
        k > 0 && self.max_end[k - 1] >= e
    }

    /// Whether a span overlaps `s..e` (or comes within `slack` bytes of it).
    fn overlaps(&self, s: usize, e: usize, slack: usize) -> bool {
        let k = self.starts.partition_point(|&x| x < e + slack);
        k > 0 && self.max_end[k - 1] + slack > s
    }
}

/// The quote of a span with its source: the speaker resolved as the rules resolve theirs; a
/// description, or a name or pronoun that does not resolve, gives no speaker.
#[allow(clippy::too_many_arguments)] // the parts of one quote, by name
fn build(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    src: &Source,
    cue: Word,
    clean: bool,
    qs: usize,
    qe: usize,
    sent_start: usize,
) -> Option<Quote> {
    let ctext = tok(text, &cue);
    if src.kind != MentionKind::Role && clean {
        let found = Found {
            cue,
            mention: src.mention,
            kind: src.kind,
        };
        if let Some(mut q) = speaker_quote(field, text, ents, &found, qs, qe, sent_start, ctext) {
            if matches!(q.how, Some(How::Reported | How::ReportedLearned)) {
                q.how = Some(How::ReportedSpan);
            }
            if q.speaker.as_deref().is_none_or(clean_speaker) {
                return Some(q);
            }
        }
    }
    let mut q = description_quote(field, text, src.mention, qs, qe, ctext)?;
    if src.kind != MentionKind::Role {
        // A name or pronoun that did not resolve, or not cleanly: no speaker, and not a
        // description either.
        q.how = Some(How::ReportedSpan);
    }
    Some(q)
}

/// A span whose source the sentence does not show next to it (the cue far before it, or in
/// the sentence before): reported speech without a speaker or cue.
fn sourceless(field: Field, text: &str, qs: usize, qe: usize) -> Option<Quote> {
    Some(Quote {
        text: text.get(qs..qe)?.to_string(),
        field,
        start: qs,
        end: qe,
        speaker: None,
        speaker_start: None,
        speaker_end: None,
        cue: None,
        kind: crate::article::QuoteKind::Indirect,
        how: Some(How::ReportedSpan),
        parts: Vec::new(),
    })
}

fn tok<'t>(text: &'t str, w: &Word) -> &'t str {
    text.get(w.start..w.end).unwrap_or("")
}

/// The source of content words `a..b` of sentence `ws`, and its cue: a cue within four words
/// before the span with its subject ("Ada Byron has long argued that …", "officials told
/// reporters …"), "according to X, …", or a closing "…, X said." / "…, said X."
/// What stands next to a span: a source and its cue, a cue that reports nothing (negated,
/// modal or conditional), a cue whose subject is not the span's source (passive, an order,
/// "added" or "said it" with a plain object), or nothing the rules below know.
enum Src {
    /// A source, its cue, and whether the subject phrase is a clean name (`clean_subject`).
    Found(Source, Word, bool),
    Hedged,
    NotSubject,
    Unknown,
}

fn source(text: &str, ents: &[Entity], ws: &[Word], a: usize, b: usize, body_end: usize) -> Src {
    // A conditional sentence reports nothing ("If Ada Byron said that…, nobody believed her").
    if ws
        .first()
        .is_some_and(|w| matches!(tok(text, w), "If" | "Unless" | "Whether"))
    {
        return Src::Hedged;
    }
    match found_source(text, ents, ws, a, b, body_end) {
        Some((src, cue, auxs, clean)) => {
            let c = lower(tok(text, &cue), &mut [0; 32]).to_string();
            let passive = auxs.last().is_some_and(|x| {
                matches!(x.as_str(), "is" | "was" | "are" | "were" | "be" | "been")
            }) && !c.ends_with("ing");
            // "added the jobs to the list": "add" reports only with "that" or an auxiliary.
            // "said it again": "it" or "so" right after a plain cue is its object.
            let first = lower(tok(text, &ws[a]), &mut [0; 32]).to_string();
            let plain_add = c.starts_with("add") && auxs.is_empty() && first != "that";
            let object =
                auxs.is_empty() && cue.end <= ws[a].start && matches!(first.as_str(), "it" | "so");
            // "told the council to close the bridge" is an order, not a report (as in the
            // rules): a "to" within five words after such a cue.
            let order = cue.end <= ws[a].start
                && matches!(
                    c.as_str(),
                    "told" | "tell" | "tells" | "telling" | "asked" | "ask" | "asks" | "ordered"
                )
                && ws
                    .iter()
                    .skip_while(|w| w.start <= cue.start)
                    .take(5)
                    .any(|w| tok(text, w) == "to");
            if auxs.iter().any(|x| is_hedge(x)) {
                Src::Hedged
            } else if passive || plain_add || object || order {
                Src::NotSubject
            } else {
                Src::Found(src, cue, clean)
            }
        }
        None => Src::Unknown,
    }
}

/// The source next to a span, its cue and the cue's auxiliaries (lowercase).
fn found_source(
    text: &str,
    ents: &[Entity],
    ws: &[Word],
    a: usize,
    b: usize,
    body_end: usize,
) -> Option<(Source, Word, Vec<String>, bool)> {
    let auxs_of = |from: usize, to: usize| -> Vec<String> {
        ws[from..to]
            .iter()
            .map(|w| lower(tok(text, w), &mut [0; 32]).to_string())
            .collect()
    };
    let t = |i: usize| tok(text, &ws[i]);
    // Before: the nearest cue within four words, with only non-punctuation between it and the
    // span (a comma or colon right before the span is allowed).
    let mut k = a;
    if k > 0 && matches!(t(k - 1), "," | ":") {
        k -= 1;
    }
    let cue_before = (k.saturating_sub(4)..k)
        .rev()
        .take_while(|&j| j + 1 == k || !is_punct(t(j + 1)))
        .find(|&j| is_cue_word(t(j)));
    if let Some(v) = cue_before {
        if t(v) == "according" {
            // "according to X, span" does not put the source before the cue.
        } else {
            let mut j = v;
            while j > 0 && is_aux(t(j - 1)) {
                j -= 1;
            }
            // The subject: from the sentence's start (past a lead word) or the last comma.
            let mut s = (0..j).rev().find(|&i| is_punct(t(i))).map_or(0, |i| i + 1);
            if s < j && is_lead(t(s)) {
                s += 1;
            }
            if s < j && j - s <= 8 {
                if let Some(src) = source_of(text, ents, &ws[s..j]) {
                    // "Clinton plans to visit…, according to a campaign aide": the sentence
                    // names another source after the span.
                    let later = ws[b..].iter().any(|w| tok(text, w) == "according");
                    let clean = clean_subject(text, &ws[s..j], &src) && !later;
                    return Some((src, ws[v], auxs_of(j, v), clean));
                }
            }
        }
    }
    // "According to X, span".
    let acc = (0..a).find(|&i| lower(t(i), &mut [0; 32]) == "according");
    if let Some(i) = acc {
        if ws.get(i + 1).is_some_and(|w| tok(text, w) == "to") && a >= 1 && t(a - 1) == "," {
            let end = a - 1;
            if i + 2 < end && end - (i + 2) <= 8 {
                if let Some(src) = source_of(text, ents, &ws[i + 2..end]) {
                    let clean = clean_subject(text, &ws[i + 2..end], &src);
                    return Some((src, ws[i], Vec::new(), clean));
                }
            }
        }
    }
    // Closing: "span, X said." or "span, said X." up to the sentence's end, at most nine
    // words, no other punctuation.
    if b < ws.len() && t(b) == "," {
        let end = ws.iter().rposition(|w| w.start < body_end)? + 1;
        let tail = ws.get(b + 1..end)?;
        if tail.is_empty() || tail.len() > 9 || tail.iter().any(|w| is_punct(tok(text, w))) {
            return None;
        }
        let v = tail.iter().position(|w| is_cue_word(tok(text, w)))?;
        let cue = tail[v];
        let according = tok(text, &cue) == "according";
        let (subj, auxs) = if v == 0 || according {
            (tail.get(v + 1 + usize::from(according)..)?, Vec::new())
        } else {
            let mut k = v;
            while k > 1 && is_aux(tok(text, &tail[k - 1])) {
                k -= 1;
            }
            if tail.len() - v - 1 > 4 {
                return None;
            }
            let auxs = tail[k..v]
                .iter()
                .map(|w| lower(tok(text, w), &mut [0; 32]).to_string())
                .collect();
            (&tail[..k], auxs)
        };
        if subj.is_empty() || subj.len() > 8 {
            return None;
        }
        return source_of(text, ents, subj).map(|s| {
            let clean = clean_subject(text, subj, &s);
            (s, cue, auxs, clean)
        });
    }
    None
}

/// Whether a subject phrase names its source cleanly enough for the tagger to give a speaker:
/// the name (or "he"/"she") is the whole phrase, or what precedes it reads as a role phrase
/// ("Trump campaign spokesman Jason Miller", "Tottenham sporting director Frank Arnesen"). A
/// verb, pronoun or function word before the name ("He said Obama hopes…", "The ad then
/// references FBI criticism…", "Obama and Clinton continue…") means the name is not the cue's
/// whole subject; a capitalized non-title word right before it ("The Tax Policy Center" tagged
/// "Policy Center", "JP Morgan" tagged "Morgan") puts the name's boundary in doubt. The
/// tagger's spans are looser than the rules' clauses, so its speakers meet this stricter test:
/// no speaker beats a wrong one.
fn clean_subject(text: &str, phrase: &[Word], src: &Source) -> bool {
    if src.kind == MentionKind::Role {
        return true;
    }
    let mut before: Vec<&str> = phrase
        .iter()
        .take_while(|w| w.end <= src.mention.start)
        .map(|w| tok(text, w))
        .collect();
    // A subordinate clause's subject ("though Lynch notes…", "after Ada Byron said…").
    if before
        .first()
        .is_some_and(|w| SUBORDINATORS.contains(&lower(w, &mut [0; 32])))
    {
        before.remove(0);
    }
    let n = before.len();
    let role_word = |i: usize| {
        let w = before[i];
        let l = lower(w, &mut [0; 32]).to_string();
        let next = before.get(i + 1).copied();
        // The cue lexicon holds every word of PolNeAR's cue spans ("new", "campaign"): a
        // lowercase one is a verb unless it modifies a role ("campaign spokesman", "new chief
        // executive").
        let verb = !is_cap(w) && is_cue_word(&l) && !next.is_some_and(is_role_noun);
        // "of" inside a name or title ("Bank of England governor", "Secretary of Energy").
        let of_name = l == "of" && i > 0 && is_cap(before[i - 1]) && next.is_some_and(is_cap);
        of_name || !(verb || is_aux(w) || is_hedge(&l) || FUNCTION_WORDS.contains(&l.as_str()))
    };
    if !(0..n).all(role_word) {
        return false;
    }
    // The word right before the name: a capitalized word that is neither a title, a role, a
    // possessive ("Labour's Yvette Cooper") nor "The" may be the name's own first word, cut
    // off by the tagger of names.
    before.last().is_none_or(|w| {
        !is_cap(w)
            || is_title(w)
            || is_role_noun(w)
            || w.eq_ignore_ascii_case("the")
            || w.ends_with("'s")
            || w.ends_with("’s")
    })
}

/// Conjunctions opening a subordinate clause whose subject may be a source.
const SUBORDINATORS: [&str; 8] = [
    "after", "though", "although", "since", "once", "before", "until", "because",
];

/// Words that cannot stand in a role phrase before a name: pronouns, determiners other than
/// "the", prepositions, conjunctions and sentence adverbs.
const FUNCTION_WORDS: [&str; 42] = [
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "this", "that",
    "these", "those", "there", "a", "an", "and", "or", "but", "nor", "of", "to", "in", "on", "at",
    "by", "for", "with", "from", "about", "as", "despite", "than", "then", "also", "even", "now",
    "when", "while", "which",
];

/// Whether a resolved speaker reads as a name: no dash standing alone ("Hillary Clinton — Who")
/// and no lowercase word but a name particle.
fn clean_speaker(s: &str) -> bool {
    s.split_whitespace().all(|w| {
        !is_dash(w)
            && (is_cap(w)
                || matches!(
                    w,
                    "de" | "da" | "del" | "der" | "van" | "von" | "al" | "bin" | "la" | "le" | "du"
                ))
    })
}

thread_local! {
    /// Set by `without_tagger`: the trainer needs the quotes of the stages before the tagger.
    static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with the tagger switched off on this thread (for `examples/reported_spans.rs`,
/// which scores the tagger against what the earlier stages find without it).
pub fn without_tagger<R>(f: impl FnOnce() -> R) -> R {
    OFF.with(|o| o.set(true));
    let r = f();
    OFF.with(|o| o.set(false));
    r
}

/// The tagger's quotes in one field (see the module doc); nothing when the embedded model does
/// not load.
pub(super) fn extract(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    direct: &[Quote],
    taken: &[Quote],
) -> Vec<Quote> {
    let Some(m) = model().filter(|_| !OFF.with(std::cell::Cell::get)) else {
        return Vec::new();
    };
    let Some(cm) = super::reported_cue::model() else {
        return Vec::new();
    };
    proposals_above(m, cm, field, text, ents, direct, taken, Some(m.threshold))
        .into_iter()
        .map(|p| p.quote)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Label, QuoteKind};

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
    fn the_embedded_model_loads_with_a_finite_threshold_and_survives_a_round_trip() {
        let m = model().expect("data/reported-spans.bin has the format's length");
        assert!(m.threshold.is_finite());
        assert!(m.emit.iter().chain(&m.trans).all(|x| x.is_finite()));
        assert!(m.emit.iter().any(|&x| x != 0.0), "an untrained model");
        let back = Model::from_bytes(&m.to_bytes()).expect("round trip");
        assert_eq!(back.threshold, m.threshold);
        assert_eq!(back.emit, m.emit);
        assert!(Model::from_bytes(&MODEL[1..]).is_none());
    }

    #[test]
    fn viterbi_never_opens_a_span_with_inside_and_spans_are_b_i_runs() {
        // A model that prefers Inside everywhere still has to begin with B.
        let mut m = Model::zeros();
        let t = "Ada Byron said the bridge would close in May.";
        let ws = words(t, 0, t.len());
        let cues: Vec<bool> = ws.iter().map(|w| &t[w.start..w.end] == "said").collect();
        let feats = features(t, &[], &ws, &cues, true);
        for f in &feats {
            for &x in f {
                m.emit[x as usize * TAGS + I] += 1.0;
            }
        }
        let s = Sentence {
            feats,
            ws,
            body_end: t.len() - 1,
        };
        let (tags, _) = m.decode(&s);
        assert_eq!(tags[0], B, "{tags:?}");
        assert!(tags[1..].iter().all(|&x| x == I), "{tags:?}");
        assert_eq!(runs(&tags), [(0, tags.len())]);
        assert_eq!(runs(&[O, B, I, O, B, B, I]), [(1, 3), (4, 5), (5, 7)]);
        // The margin of the one span is what turning it to Outside costs: positive.
        let spans = m.spans(&s);
        assert_eq!(spans.len(), 1);
        assert!(spans[0].2 > 0.0);
    }

    #[test]
    fn every_word_of_a_sentence_gets_the_same_number_of_features() {
        let t = "Officials said on Monday, in a statement, that the bridge will close.";
        let ws = words(t, 0, t.len());
        let cues = vec![false; ws.len()];
        let f = features(t, &[], &ws, &cues, false);
        assert_eq!(f.len(), ws.len());
        assert!(f.iter().all(|x| x.len() == f[0].len()));
        assert!(f.iter().flatten().all(|&x| (x as usize) < ROWS));
        // Only sentences holding a cue word are read; a question is not.
        let t = "The bridge will close. Officials said it would. Did officials say so?";
        let s = sentences(
            t,
            &[],
            super::super::reported_cue::model().expect("cue model"),
        );
        assert_eq!(s.len(), 1);
        assert_eq!(
            &t[s[0].ws[0].start..s[0].body_end],
            "Officials said it would"
        );
    }

    #[test]
    fn sorted_spans_answer_overlap_and_touching_like_a_scan() {
        let q = |start, end| Quote {
            text: String::new(),
            field: Field::Body,
            start,
            end,
            speaker: None,
            speaker_start: None,
            speaker_end: None,
            cue: None,
            kind: QuoteKind::Direct,
            how: None,
            parts: Vec::new(),
        };
        let qs = [q(50, 60), q(0, 40), q(10, 20), q(70, 71)];
        let sorted = Sorted::new(&qs);
        for s in 0..80 {
            for e in s + 1..82 {
                for slack in [0, 1] {
                    let scan = qs.iter().any(|d| d.start < e + slack && s < d.end + slack);
                    assert_eq!(sorted.overlaps(s, e, slack), scan, "{s}..{e} ±{slack}");
                }
                let held = qs.iter().any(|d| d.start <= s && e <= d.end);
                assert_eq!(sorted.covers(s, e), held, "{s}..{e} held");
            }
        }
    }

    /// Through the whole quote stage: a span the rules and the classifier leave, with the
    /// subject of the cue next to it as the speaker.
    #[test]
    fn the_tagger_adds_a_span_with_the_speaker_next_to_its_cue() {
        let t = "Late on Monday, Ada Byron was arguing that the council had never paid its share \
                 of the costs.";
        let e = [ent(t, "Ada Byron", Label::Per)];
        let q: Vec<_> = super::super::extract(Field::Body, t, &e)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Indirect)
            .collect();
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].how, Some(How::ReportedSpan));
        assert_eq!(q[0].speaker.as_deref(), Some("Ada Byron"));
        assert!(q[0].text.contains("the council had never paid its share"));
        // Without the tagger, nothing: the span is the tagger's own.
        let none = without_tagger(|| super::super::extract(Field::Body, t, &e));
        assert!(none.iter().all(|q| q.kind != QuoteKind::Indirect));
    }
    /// The tagger names a speaker only when the name is the cue's whole subject or follows a
    /// role phrase; otherwise its span keeps no speaker.
    #[test]
    fn a_speaker_needs_a_clean_subject() {
        let clean = |phrase: &str, name: &str| {
            let ws = words(phrase, 0, phrase.len());
            let start = phrase.rfind(name).expect("the name is in the phrase");
            let src = Source {
                mention: Word {
                    start,
                    end: start + name.len(),
                },
                kind: MentionKind::Name,
                class: "PER",
            };
            clean_subject(phrase, &ws, &src)
        };
        for ok in [
            ("Ada Byron", "Ada Byron"),
            ("Sen. Ada Byron", "Ada Byron"),
            ("Trump campaign spokesman Jason Miller", "Jason Miller"),
            ("Tottenham sporting director Frank Arnesen", "Frank Arnesen"),
            ("Bank of England governor Mervyn King", "Mervyn King"),
            ("Labour's Yvette Cooper", "Yvette Cooper"),
            ("though Lynch", "Lynch"),
        ] {
            assert!(clean(ok.0, ok.1), "{ok:?}");
        }
        for bad in [
            ("He said Obama", "Obama"),
            ("The ad then references FBI", "FBI"),
            ("Obama and Clinton", "Clinton"),
            ("It is apparent that Clinton", "Clinton"),
            ("The Tax Policy Center", "Policy Center"),
            ("JP Morgan", "Morgan"),
        ] {
            assert!(!clean(bad.0, bad.1), "{bad:?}");
        }
        assert!(clean_speaker("Ada Byron") && clean_speaker("Ludwig van Beethoven"));
        assert!(!clean_speaker("Hillary Clinton — Who"));
    }
    /// Shapes keep case and collapse runs, suffixes are the last three chars, and a cluster
    /// prefix keeps the path's leading bits: the values the features are hashed from.
    #[test]
    fn shapes_suffixes_and_prefixes_read_the_word() {
        let mut b = [0; 48];
        assert_eq!(shape("McCain", &mut b), "XxXx");
        assert_eq!(shape("U.S.", &mut b), "X.X.");
        assert_eq!(shape("1990s", &mut b), "dx");
        assert_eq!(shape("ÉCOLE-ÉTÉ", &mut b), "X-X");
        assert_eq!(shape("", &mut b), "");
        assert_eq!(suffix("naïve"), "ïve");
        assert_eq!(suffix("a"), "a");
        // The shape's hash keeps case: "Said" and "said" differ in shape, not in word.
        assert_ne!(raw_hash("Xx"), raw_hash("xx"));
        assert_eq!(word_hash("Said"), word_hash("said"));
        assert_eq!(prefix(0, 8), 0);
        assert_eq!(prefix(0b1011, 8), 0b1011);
        assert_eq!(prefix(0b1_0110_1101, 4), 0b1_0110);
        assert_eq!(prefix(u32::MAX, 12), 0x1fff);
    }
}
