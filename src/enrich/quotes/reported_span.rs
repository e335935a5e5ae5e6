//! Reported speech found by a token tagger: every sentence in which the learned cue detector
//! (`reported_cue.rs`) finds a word above its gate is tagged word by word as Begin / Inside of
//! attributed content, in PolNeAR's sense of a Content span ("Clinton said *that she would
//! win*", "*The plan will fail*, officials warned"), Attribution (the source and cue of a
//! report, outside its content) or Outside, by a structured averaged perceptron decoded with
//! Viterbi (first-order transitions, Inside only after Begin or Inside). Features are hashed into a fixed table
//! (`data/reported-spans.bin`, written by `scripts/train-reported-spans` through
//! `examples/reported_spans.rs`, which reads the same features from this module).
//!
//! Decoding adds a bias toward content to every word's Begin and Inside scores (the model's
//! `bias`, chosen with the threshold: the plain best path leaves out content the tagger is
//! unsure of, which capped recall), and to Attribution alike. A tagged span is kept when its *margin* — the best path's
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

use super::attribution::NameIndex;
pub use super::cues::Word;
use super::cues::{is_punct, lower, words};
use super::indirect::{clear_spans, indirect_quote, trigger_sentences};
use super::reported::is_cue_word;
use super::reported_cue::{Context, CueModel, Words};
use super::reported_rescore::{self as rescore, FirstWord, SpanFacts};
use super::spans::{para_end_of, para_start};
use super::speakers::FieldEntities;

mod features;
pub mod ranker;
pub(super) mod source;

pub use features::{features, features_in, FEATURES};
use source::{build, source, tok, Src};

/// Tags: Outside, Begin, Inside, and Attribution — a word of a report's source or cue outside
/// every content span ("…, *writes The Guardian*", "*Ada Byron said* that …"). Attribution is
/// outside of every span as O is, but learned apart from plain outside words, so a span ends
/// where its own source and cue begin (with only O and a bias toward content, spans ran over
/// them: "…, writes The Guardian"). The bias toward content is added to Attribution too, so
/// where content meets its own attribution the edge is the weights' choice, not the bias's
/// (with Attribution unbiased, a large bias swallows the attribution again: out of fold the
/// overlap scorer, which forgives long spans, even prefers that, but the span loses its
/// source and so its speaker).
pub const TAGS: usize = 4;
pub const O: usize = 0;
pub const B: usize = 1;
pub const I: usize = 2;
pub const A: usize = 3;
/// The transition row of the sentence start.
pub const START_ROW: usize = TAGS;
/// log2 of the hashed feature table's rows (each row holds one weight per tag). 2^18 rows keep
/// collisions rare for the ~100k distinct features PolNeAR train yields.
pub const BITS: u32 = 18;
pub const ROWS: usize = 1 << BITS;
/// Transition weights: from O, B, I, A or the sentence start (`START_ROW`) to O, B, I, A.
pub const TRANS: usize = (TAGS + 1) * TAGS;
/// The longest sentence tagged (as `indirect`'s bound: news sentences over 120 words are rare).
const MAX_WORDS: usize = 250;

/// A model: the emission table (`ROWS × TAGS`), the transitions, the margin threshold and
/// the recall bias.
pub struct Model {
    pub emit: Vec<f32>,
    pub trans: [f32; TRANS],
    pub threshold: f32,
    /// Added to every word's Begin, Inside and Attribution scores when decoding (never while
    /// training): the perceptron is trained for the best tag sequence, which leaves out content
    /// it is unsure of; a bias toward content proposes more and longer spans, and the margin
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
        let mut s = [0.0, self.bias, self.bias, self.bias];
        for &f in feats {
            // One bounds check a row, not one a weight (features are below `ROWS`).
            let row = f as usize * TAGS;
            if let Some(r) = self.emit.get(row..row + TAGS) {
                for (x, w) in s.iter_mut().zip(r) {
                    *x += w;
                }
            }
        }
        s
    }

    /// The best tag sequence (Viterbi; Inside follows only Begin or Inside) and its emissions.
    pub fn decode(&self, sent: &Sentence) -> (Vec<usize>, Vec<[f32; TAGS]>) {
        let n = sent.feats.len();
        let em: Vec<[f32; TAGS]> = sent.feats.iter().map(|f| self.scores(f)).collect();
        if n == 0 {
            return (Vec::new(), em);
        }
        let allowed = |from: usize, to: usize| to != I || from == B || from == I;
        let mut best = vec![[f32::NEG_INFINITY; TAGS]; n];
        let mut back = vec![[0usize; TAGS]; n];
        for t in 0..TAGS {
            if allowed(START_ROW, t) {
                best[0][t] = self.tr(START_ROW, t) + em[0][t];
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
        let mut prev = START_ROW;
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
fn read(
    text: &str,
    ents: &[Entity],
    cue_model: &CueModel,
    seen: &mut Words,
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

/// One tagged span with its source: what `extract` emits once the margin clears the
/// threshold.
pub struct Proposal {
    pub start: usize,
    pub end: usize,
    pub margin: f32,
    pub quote: Quote,
    /// What `reported_rescore` reads of the span.
    pub features: [f32; rescore::FEATURES],
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
    let seen = &mut Words::default();
    proposals_above(
        model, cue_model, field, text, ents, direct, taken, None, seen,
    )
}

/// [`proposals`] with a margin of at most `min_margin` dropped before its source is read and
/// its speaker resolved (what `extract` keeps, at less cost: most tagged spans fall short).
/// `seen` holds the words `cue_model` has scored before.
#[allow(clippy::too_many_arguments)] // `proposals`' arguments, the margin and the word cache
fn proposals_above(
    model: &Model,
    cue_model: &CueModel,
    field: Field,
    text: &str,
    ents: &FieldEntities,
    direct: &[Quote],
    taken: &[Quote],
    min_margin: Option<f32>,
    seen: &mut Words,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    let (taken, direct_spans) = (Sorted::new(taken), Sorted::new(direct));
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
        let Some(sent) = read(text, ents, cue_model, seen, ws) else {
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
            let read = source(text, ents, ws, a, b2, sent.body_end);
            let unknown = !nested && matches!(read, Src::Unknown);
            let src = match read {
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
                // A span whose source the sentence does not show next to it (the cue far
                // before it, or in the sentence before): reported speech without a speaker or cue.
                None => indirect_quote(field, text, (qs, qe), None, None, How::ReportedSpan),
            };
            let Some(quote) = quote else {
                continue;
            };
            let speaker = quote.speaker.is_some();
            let first = match lower(tok(text, &ws[a]), &mut [0; 32]) {
                "that" => FirstWord::That,
                "to" => FirstWord::To,
                _ => FirstWord::Other,
            };
            let features = SpanFacts {
                margin,
                speaker,
                cue: !speaker && quote.cue.is_some(),
                words: b2 - a,
                first,
                ends_sentence: ws[b2..].iter().all(|w| is_punct(tok(text, w))),
                opens_sentence: a == 0,
            }
            .features();
            // No source next to the span: the learned source selector may name one from the
            // mentions of its sentence (`ranker`). After the rescorer's facts, which describe
            // the rules' reading, so that which spans are kept does not change.
            let quote = if unknown && quote.speaker.is_none() {
                ranker::decide(field, text, ents, ws, (a, b2)).unwrap_or(quote)
            } else {
                quote
            };
            out.push(Proposal {
                start: qs,
                end: qe,
                margin,
                quote,
                features,
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

thread_local! {
    /// Set by `without_tagger`: the trainer needs the quotes of the stages before the tagger.
    static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The words the embedded cue model has scored on this thread, across fields and articles
    /// (`reported_cue::Words`); only `extract`, which reads with the embedded model, uses it.
    static SEEN: std::cell::RefCell<Words> = std::cell::RefCell::new(Words::default());
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
    // The rescorer decides when it loads: it reads a span's source, so no span is dropped by
    // margin before its source is read, except below the margin every span it kept in
    // training cleared (`Rescorer::floor`). Without it the margin threshold is the cut.
    let r = rescore::model();
    let keep = |p: &Proposal| r.is_none_or(|r| r.score(&p.features) > r.threshold);
    let min_margin = Some(r.map_or(m.threshold, |r| r.floor));
    SEEN.with_borrow_mut(|seen| {
        proposals_above(m, cm, field, text, ents, direct, taken, min_margin, seen)
    })
    .into_iter()
    .filter(keep)
    .map(|p| p.quote)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{How, Label, QuoteKind};
    use crate::enrich::quotes::indirect::tests::ent;

    #[test]
    fn the_embedded_model_loads_with_a_finite_threshold_and_survives_a_round_trip() {
        let m = model().expect("data/reported-spans.bin has the format's length");
        assert!(m.threshold.is_finite());
        assert!(m.emit.iter().chain(&m.trans).all(|x| x.is_finite()));
        assert!(m.emit.iter().any(|&x| x != 0.0), "an untrained model");
        assert!(
            m.emit.chunks(TAGS).any(|r| r[A] != 0.0),
            "Attribution is learned"
        );
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
        // Attribution ends a span as Outside does.
        assert_eq!(runs(&[B, I, A, A, B, I, O]), [(0, 2), (4, 6)]);
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
}
