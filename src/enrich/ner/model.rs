//! The tagger's weights and its decoder: an averaged perceptron over IOB2 tags, beam-decoded per
//! sentence, with the previous two tags and the article's prediction history as features.
//!
//! Two models are embedded: `data/pass1.bin` (local and document features) and `data/pass2.bin`
//! (the same plus the first pass's tags across the article).
//!
//! Weight file format (little-endian), written by `examples/train_ner.rs`:
//!
//! ```text
//! magic  "MORGNER1"
//! u32    bits        the table has 2^bits rows (feature buckets)
//! u32    ntags       weights per row (9)
//! f32    scale       a stored i16 q means the weight q / scale
//! u32    nrows       number of non-zero rows that follow
//! nrows × { varint  row index delta from the previous stored row (first: from 0)
//!           ntags × i16 }
//! ```
//!
//! Rows that are all zero are left out, so the file holds only what training learned. A file that
//! does not parse yields an empty model, which tags nothing (never a panic, never a guess).

use std::ops::Range;
use std::sync::OnceLock;

use super::beam::{Cand, Hyp};
use super::features::{
    prev_pair_feature, tag_allowed, tag_type, DocFeatures, Feat, NUM_TAGS, TAG_O,
};
use super::hashing::HashKeyed;

const MAGIC: &[u8; 8] = b"MORGNER1";

/// Something that scores a token's features for every tag, and (when training) learns.
pub trait Scorer {
    fn bits(&self) -> u32;
    fn score(&self, feats: &[Feat], out: &mut [f32; NUM_TAGS]);
    /// Like `score` over the token's word features (pushed by `word`) and `rest`. Tokens with
    /// equal `key` ([`DocFeatures::word_key`]) have equal word features, so a scorer may reuse
    /// their sum without calling `word`. The default scores them all.
    fn score_words(
        &self,
        _key: u64,
        word: &mut dyn FnMut(&mut Vec<Feat>),
        rest: &[Feat],
        out: &mut [f32; NUM_TAGS],
    ) {
        let mut all = Vec::new();
        word(&mut all);
        all.extend_from_slice(rest);
        self.score(&all, out)
    }
    /// The scores of [`DocFeatures::dynamic_features`] of token `i`, history left out, after
    /// each (previous tag, tag before) of `prev`, into `out` (one row each; `feats` is a
    /// buffer). The default scores each pair's features in turn; a scorer whose sums do not
    /// depend on the order of addition may share what pairs with the same previous tag share.
    fn score_prev_tags(
        &self,
        doc: &DocFeatures,
        i: usize,
        prev: &[(u8, u8)],
        feats: &mut Vec<Feat>,
        out: &mut [[f32; NUM_TAGS]],
    ) {
        for (&(p, p2), o) in prev.iter().zip(out) {
            feats.clear();
            doc.dynamic_features(self.bits(), i, p, p2, 0, feats);
            self.score(feats, o);
        }
    }
    /// Called after each token with the gold tag when training; a no-op at run time.
    fn update(&mut self, _feats: &[Feat], _gold: u8, _pred: u8) {}
    /// Beam training: one token has been seen (the averaging clock), whether or not it updates.
    fn tick(&mut self) {}
    /// Beam training: add `sign` (±1, times the source's weight) to the rows of `feats` for
    /// `tag`. A structured update is a series of these along the gold and the predicted path.
    fn adjust(&mut self, _feats: &[Feat], _tag: u8, _sign: f32) {}
}

/// Quantised weights as loaded from the embedded file, kept compact: of the 2^bits buckets
/// only about a tenth hold weights, so a bitmap says which do (`present`, one bit a bucket),
/// `rank` counts the set bits before each bitmap word, and `rows` holds the non-zero rows in
/// bucket order. A lookup touches the 128 KB bitmap and its rank table, which stay in cache,
/// and one row of a 2 MB table, instead of one row of an 18 MB one: the tagger's time goes
/// to these lookups.
pub struct Weights {
    bits: u32,
    present: Vec<u64>,
    rank: Vec<u32>,
    rows: Vec<[i16; NUM_TAGS]>,
    inv_scale: f32,
    /// Unique per loaded model, so the per-thread word-sum memo never answers for another.
    id: u64,
}

/// Entries of the word-sum memo before it starts over: a news vocabulary in its usual
/// positions fits, and a stream of distinct tokens cannot grow it without bound (~60 bytes each).
const WORD_SUMS_MAX: usize = 100_000;

thread_local! {
    /// (model id, word key) → the summed rows of that word's word features. A third of a
    /// token's features are word features, and news repeats its words.
    static WORD_SUMS: std::cell::RefCell<rustc_hash::FxHashMap<(u64, u64), [i32; NUM_TAGS]>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

static PASS1_BIN: &[u8] = include_bytes!("data/pass1.bin");
static PASS2_BIN: &[u8] = include_bytes!("data/pass2.bin");

impl Weights {
    /// The embedded first-pass model (local features only), decoded once.
    pub fn pass1() -> &'static Weights {
        static W: OnceLock<Weights> = OnceLock::new();
        W.get_or_init(|| Weights::from_bytes(PASS1_BIN).unwrap_or_else(Weights::empty))
    }

    /// The embedded second-pass model (adds the first pass's tags across the article).
    pub fn pass2() -> &'static Weights {
        static W: OnceLock<Weights> = OnceLock::new();
        W.get_or_init(|| Weights::from_bytes(PASS2_BIN).unwrap_or_else(Weights::empty))
    }

    fn empty() -> Weights {
        Weights {
            bits: 1,
            present: vec![0],
            rank: vec![0],
            rows: Vec::new(),
            inv_scale: 1.0,
            id: next_id(),
        }
    }

    /// The row of bucket `f`, if it holds weights.
    #[inline]
    fn row(&self, f: Feat) -> Option<&[i16; NUM_TAGS]> {
        let (word, bit) = ((f >> 6) as usize, f & 63);
        let w = *self.present.get(word)?;
        if (w >> bit) & 1 == 0 {
            return None;
        }
        let below = (w & ((1u64 << bit) - 1)).count_ones();
        self.rows
            .get(*self.rank.get(word)? as usize + below as usize)
    }

    /// Add the rows of `feats` to `acc`.
    #[inline]
    fn add_rows(&self, feats: &[Feat], acc: &mut [i32; NUM_TAGS]) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for k in 0..NUM_TAGS {
                    acc[k] += i32::from(row[k]);
                }
            }
        }
    }

    /// Summed quantised weights → scores.
    #[inline]
    fn scale(&self, acc: &[i32; NUM_TAGS], out: &mut [f32; NUM_TAGS]) {
        for k in 0..NUM_TAGS {
            out[k] = acc[k] as f32 * self.inv_scale;
        }
    }

    /// Whether the model has learned anything (an empty model tags nothing).
    pub fn is_trained(&self) -> bool {
        self.rows.iter().any(|r| r.iter().any(|&w| w != 0))
    }

    /// Parse the format described in the module docs; `None` if malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Weights> {
        let mut r = Reader { b, pos: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        let bits = r.u32()?;
        let ntags = r.u32()? as usize;
        let scale = f32::from_bits(r.u32()?);
        let nrows = r.u32()? as usize;
        if !(1..=26).contains(&bits) || ntags != NUM_TAGS || scale.is_nan() || scale <= 0.0 {
            return None;
        }
        let size = 1usize << bits;
        let mut present = vec![0u64; size.div_ceil(64)];
        let mut rows: Vec<[i16; NUM_TAGS]> = Vec::with_capacity(nrows.min(size));
        let mut idx = 0usize;
        for n in 0..nrows {
            let d = r.varint()? as usize;
            // Rows come in increasing bucket order; a repeated bucket replaces its row.
            let repeat = n > 0 && d == 0;
            idx = if n == 0 { d } else { idx.checked_add(d)? };
            if idx >= size {
                return None;
            }
            let mut row = [0i16; NUM_TAGS];
            for w in row.iter_mut() {
                *w = r.i16()?;
            }
            if repeat {
                *rows.last_mut()? = row;
            } else {
                present[idx / 64] |= 1 << (idx % 64);
                rows.push(row);
            }
        }
        let mut rank = Vec::with_capacity(present.len());
        let mut total = 0u32;
        for w in &present {
            rank.push(total);
            total += w.count_ones();
        }
        Some(Weights {
            bits,
            present,
            rank,
            rows,
            inv_scale: 1.0 / scale,
            id: next_id(),
        })
    }

    /// Serialise dense f32 weights (row-major, `2^bits × NUM_TAGS`) into the file format,
    /// dropping rows whose largest quantised weight is below `min_q` in magnitude.
    pub fn encode(bits: u32, dense: &[f32], min_q: i16) -> Vec<u8> {
        let max = dense.iter().fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 { 32000.0 / max } else { 1.0 };
        let mut body = Vec::new();
        let mut nrows = 0u32;
        let mut last = 0usize;
        for (i, row) in dense.chunks_exact(NUM_TAGS).enumerate() {
            let q: Vec<i16> = row.iter().map(|&w| (w * scale).round() as i16).collect();
            if q.iter().all(|&x| x.abs() < min_q.max(1)) {
                continue;
            }
            let d = if nrows == 0 { i } else { i - last };
            write_varint(&mut body, d as u64);
            for x in q {
                body.extend_from_slice(&x.to_le_bytes());
            }
            last = i;
            nrows += 1;
        }
        let mut out = Vec::with_capacity(body.len() + 24);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&bits.to_le_bytes());
        out.extend_from_slice(&(NUM_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_bits().to_le_bytes());
        out.extend_from_slice(&nrows.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }
}

impl Scorer for &Weights {
    fn bits(&self) -> u32 {
        self.bits
    }

    #[inline]
    fn score(&self, feats: &[Feat], out: &mut [f32; NUM_TAGS]) {
        let mut acc = [0i32; NUM_TAGS];
        self.add_rows(feats, &mut acc);
        self.scale(&acc, out);
    }

    /// Integer sums do not depend on the order of addition, so a memoised word sum plus the
    /// remaining rows gives exactly the scores of `score`.
    #[inline]
    fn score_words(
        &self,
        key: u64,
        word: &mut dyn FnMut(&mut Vec<Feat>),
        rest: &[Feat],
        out: &mut [f32; NUM_TAGS],
    ) {
        let mut acc = WORD_SUMS.with_borrow_mut(|memo| {
            if memo.len() >= WORD_SUMS_MAX {
                memo.clear();
            }
            *memo.entry((self.id, key)).or_insert_with(|| {
                let mut feats = Vec::with_capacity(24);
                word(&mut feats);
                let mut acc = [0i32; NUM_TAGS];
                self.add_rows(&feats, &mut acc);
                acc
            })
        });
        self.add_rows(rest, &mut acc);
        self.scale(&acc, out);
    }

    /// The rows of the features that read only the previous tag are summed once per tag (a
    /// beam's hypotheses often share their last tag, and these rows are the decoder's cache
    /// misses); integer sums make the scores exactly those of the default.
    fn score_prev_tags(
        &self,
        doc: &DocFeatures,
        i: usize,
        prev: &[(u8, u8)],
        _feats: &mut Vec<Feat>,
        out: &mut [[f32; NUM_TAGS]],
    ) {
        let mut shared = [[0i32; NUM_TAGS]; NUM_TAGS];
        let mut summed = 0u32;
        for (&(p, p2), o) in prev.iter().zip(out) {
            let k = usize::from(p) % NUM_TAGS;
            let Some(feats) = doc.prev_features(self.bits, i, p) else {
                *o = [0.0; NUM_TAGS];
                continue;
            };
            if summed >> k & 1 == 0 {
                self.add_rows(&feats, &mut shared[k]);
                summed |= 1 << k;
            }
            let mut acc = shared[k];
            self.add_rows(&[prev_pair_feature(self.bits, p, p2)], &mut acc);
            self.scale(&acc, o);
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i16(&mut self) -> Option<i16> {
        Some(i16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.take(1)?.first()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

/// Hypotheses kept per token by the beam decoder ([`decode`]). The weights are trained with the
/// same width (`examples/train_ner.rs` decodes through `decode` too), so changing it means
/// retraining. 1 would be the greedy decoder.
pub const BEAM: usize = 4;

/// When decoding, a hypothesis whose score falls this far behind the best is dropped (see
/// `beam`). Path scores run to the hundreds: on conll2020 dev / eng.testa a margin of 100
/// scores 0.8578 / 0.9466, 110 0.8589 / 0.9469, 120 0.8609 / 0.9474, 150 0.8613 / 0.9474, 200
/// 0.8618 / 0.9474, unpruned 0.8602 / 0.9476, 20 0.8305 / 0.9258. Tagging speed
/// (`scripts/bench-ner`'s ner_throughput, six interleaved runs, load 9-13): 1.12M tokens per
/// CPU second at 120, 1.14M at 100, 1.08M at 150, against 1.51M for the greedy decoder; 120 is
/// the narrowest margin at 0.86.
pub const PRUNE_MARGIN: f32 = 120.0;

/// The gold tag of a token annotated without MISC (FiNER-ORD): O or MISC, either is right.
pub const TAG_O_OR_MISC: u8 = 255;

/// Reusable buffers for decoding, so tagging many articles allocates little.
pub struct Scratch {
    pub(super) feats: Vec<Feat>,
    pub(super) dyn_feats: Vec<Feat>,
    pub(super) hist: HashKeyed<u8>,
    /// Tag plain tokens after an O as O without scoring them ([`DocFeatures::plain`]). On at
    /// run time; the trainer turns it off so that training sees every token, as it always has.
    pub(super) plain_is_o: bool,
    /// Hypotheses kept per token (1: greedy).
    pub(super) beam: usize,
    /// How far behind the best a hypothesis may fall before it is dropped ([`PRUNE_MARGIN`]).
    pub(super) margin: f32,
    pub(super) hyps: Vec<Hyp>,
    pub(super) next: Vec<Hyp>,
    pub(super) cands: Vec<Cand>,
    /// (last tag, tag before) of each hypothesis, and its previous-tag scores at a token.
    pub(super) states: Vec<(u8, u8)>,
    pub(super) state_scores: Vec<[f32; NUM_TAGS]>,
    /// (tag, previous node) of every hypothesis made in the sentence, for the backtrace.
    pub(super) nodes: Vec<(u8, u32)>,
    pub(super) path: Vec<u8>,
    pub(super) oracle: Vec<u8>,
}

impl Scratch {
    /// Buffers for a decoder that scores every token (training, and its model selection).
    pub fn every_token() -> Scratch {
        Scratch {
            plain_is_o: false,
            ..Scratch::default()
        }
    }

    /// The same buffers with `width` hypotheses kept per token (1: greedy).
    pub fn with_beam(mut self, width: usize) -> Scratch {
        self.beam = width.clamp(1, 64);
        self
    }
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch {
            feats: Vec::new(),
            dyn_feats: Vec::new(),
            hist: HashKeyed::default(),
            plain_is_o: true,
            beam: BEAM,
            margin: PRUNE_MARGIN,
            hyps: Vec::new(),
            next: Vec::new(),
            cands: Vec::new(),
            states: Vec::new(),
            state_scores: Vec::new(),
            nodes: Vec::new(),
            path: Vec::new(),
            oracle: Vec::new(),
        }
    }
}

/// Tag a document. `gold`, when given, trains the scorer on it as it goes (see below).
///
/// With a beam of 1, greedily left to right: [`Scorer::update`] after each token, and decoding
/// continues with the prediction so that training sees the same history features as run time.
/// With a wider beam, each sentence keeps the best `beam` partial taggings, at most one per
/// (last tag, tag before) since the features see no further back, and the best full one wins:
/// a later token can overturn an earlier choice ("Bank" once "of England" follows). Training is
/// the structured perceptron with early update (Collins & Roark 2004): when no hypothesis in
/// the beam agrees with the gold tags, or the best complete one does not, the gold path's
/// features are rewarded and the best path's penalised over the tokens since the search began,
/// and the search restarts from the gold path. The label history (`hist`) a sentence sees is
/// that of the earlier sentences.
pub fn decode<S: Scorer>(
    scorer: &mut S,
    doc: &DocFeatures,
    sentences: &[Range<usize>],
    gold: Option<&[u8]>,
    scratch: &mut Scratch,
) -> Vec<u8> {
    if scratch.beam > 1 {
        return super::beam::decode_beam(scorer, doc, sentences, gold, scratch);
    }
    let bits = scorer.bits();
    let mut tags = vec![TAG_O; doc.len()];
    scratch.hist.clear();
    let mut scores = [0f32; NUM_TAGS];
    for sent in sentences {
        let range = sent.start.min(doc.len())..sent.end.min(doc.len());
        let (mut prev, mut prev2) = (TAG_O, TAG_O);
        for i in range.clone() {
            if scratch.plain_is_o && gold.is_none() && prev == TAG_O && doc.plain(i) {
                // tags[i] is already O; a plain token is never name-like, so no history.
                prev2 = prev;
                continue;
            }
            scratch.feats.clear();
            doc.local_features(bits, i, sentences, range.clone(), &mut scratch.feats);
            doc.pass2_features(bits, i, range.clone(), &mut scratch.feats);
            let hist = history(doc, &scratch.hist, i);
            doc.dynamic_features(bits, i, prev, prev2, hist, &mut scratch.feats);
            if doc.leaves_out_word_features() {
                let word_key = doc.word_key(bits, i);
                let mut word = |v: &mut Vec<Feat>| doc.word_features(bits, i, v);
                scorer.score_words(word_key, &mut word, &scratch.feats, &mut scores);
            } else {
                scorer.score(&scratch.feats, &mut scores);
            }
            let mut best = TAG_O;
            let mut best_s = f32::NEG_INFINITY;
            for (t, &s) in scores.iter().enumerate() {
                let t = t as u8;
                if s > best_s && tag_allowed(prev, t) {
                    best = t;
                    best_s = s;
                }
            }
            if let Some(g) = gold.and_then(|g| g.get(i)) {
                scorer.update(&scratch.feats, *g, best);
            }
            tags[i] = best;
            remember(doc, &mut scratch.hist, i, best);
            prev2 = prev;
            prev = best;
        }
    }
    tags
}

/// The label token `i`'s word got earlier in the article: 0 never (or not name-like), 1 O,
/// 2 + type.
pub(super) fn history(doc: &DocFeatures, hist: &HashKeyed<u8>, i: usize) -> u8 {
    if doc.name_like(i) {
        hist.get(&doc.lower(i)).copied().unwrap_or(0)
    } else {
        0
    }
}

pub(super) fn remember(doc: &DocFeatures, hist: &mut HashKeyed<u8>, i: usize, tag: u8) {
    if doc.name_like(i) {
        hist.insert(doc.lower(i), tag_type(tag).map_or(1, |k| k + 2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let bits = 4;
        let mut dense = vec![0f32; (1 << bits) * NUM_TAGS];
        dense[3 * NUM_TAGS + 2] = 1.5;
        dense[9 * NUM_TAGS] = -0.75;
        let b = Weights::encode(bits, &dense, 1);
        let w = Weights::from_bytes(&b).expect("parses");
        assert!(w.is_trained());
        let mut out = [0f32; NUM_TAGS];
        (&w).score(&[3, 9], &mut out);
        assert!((out[2] - 1.5).abs() < 1e-3 && (out[0] + 0.75).abs() < 1e-3);
    }

    #[test]
    fn compact_rows_are_found_across_bitmap_words() {
        let bits = 11;
        let mut dense = vec![0f32; (1 << bits) * NUM_TAGS];
        let set = [0usize, 63, 64, 65, 1000, 2047];
        for (n, &i) in set.iter().enumerate() {
            dense[i * NUM_TAGS + n % NUM_TAGS] = 1.0 + n as f32;
        }
        let w = Weights::from_bytes(&Weights::encode(bits, &dense, 1)).expect("parses");
        for i in 0..(1usize << bits) {
            let mut out = [0f32; NUM_TAGS];
            (&w).score(&[i as Feat], &mut out);
            let want: Vec<f32> = dense[i * NUM_TAGS..(i + 1) * NUM_TAGS].to_vec();
            for k in 0..NUM_TAGS {
                assert!((out[k] - want[k]).abs() < 1e-3, "bucket {i} tag {k}");
            }
        }
    }

    #[test]
    fn garbage_is_rejected_not_a_panic() {
        assert!(Weights::from_bytes(b"").is_none());
        assert!(Weights::from_bytes(b"MORGNER1\xff\xff\xff\xff").is_none());
        let mut b = Weights::encode(3, &vec![1.0; 8 * NUM_TAGS], 1);
        b.truncate(b.len() - 1);
        assert!(Weights::from_bytes(&b).is_none());
    }
}
