//! Feature extraction for the NER tagger, shared by the runtime and the trainer
//! (`examples/train_ner.rs`) so that both see exactly the same features.
//!
//! Features are never materialised as strings: each token's word, lowercase form, shape and
//! affixes are hashed once per document, and a feature is the hash of a template id with one or
//! two of those values, folded into a fixed-size weight table ("hashing trick"). That keeps the
//! hot path free of allocation. Templates follow Ratinov & Roth (2009): local context (words,
//! shapes, affixes in a ±2 window), word clusters and casing statistics learned from unlabelled
//! news text, gazetteer matches, and non-local document features (how the same word is cased
//! elsewhere in the article, and how the tagger labelled it earlier in the article).
//!
//! This module owns the tag set and the features; the hashes they are made of are `hashing`'s,
//! the lexicon (clusters, casing profile, gazetteer) they read is `lexicon`'s, and the weights
//! and decoding live in `model`.

use std::ops::Range;

use super::hashing::{fmix, mix, phrase_step, HashKeyed, PHRASE_SEED};
use super::lexicon::{Lexicon, GAZ_GOES_ON};
use super::tokens::{
    TokInfo, F_ALLCAPS, F_CAP, F_CAPS_SENT, F_LOWER, F_PLAIN, F_PUNCT, F_SENT_START, WORDS,
};

/// Number of tags: O, then B-/I- for PER, ORG, LOC, MISC (IOB2).
pub const NUM_TAGS: usize = 9;
/// Tag index of "outside".
pub const TAG_O: u8 = 0;

/// The B- tag of label type `k` (0 PER, 1 ORG, 2 LOC, 3 MISC).
pub fn tag_b(k: u8) -> u8 {
    1 + 2 * k
}
/// The I- tag of label type `k`.
pub fn tag_i(k: u8) -> u8 {
    2 + 2 * k
}
/// Label type of a tag (None for O).
pub fn tag_type(t: u8) -> Option<u8> {
    if t == 0 || t as usize >= NUM_TAGS {
        None
    } else {
        Some((t - 1) / 2)
    }
}
/// Whether tag `t` is allowed after `prev` (IOB2: I-X only continues B-X or I-X).
pub fn tag_allowed(prev: u8, t: u8) -> bool {
    if t == 0 || t % 2 == 1 {
        return true;
    }
    tag_type(prev) == tag_type(t)
}

/// The document as the tagger sees it: words (as `&str`) and sentence token ranges.
pub struct DocFeatures {
    toks: Vec<TokInfo>,
    /// lowercase hash → bit 0: seen capitalised mid-sentence (in a mixed-case sentence);
    /// bit 1: seen in lowercase.
    doc_case: HashKeyed<u8>,
    /// lowercase hash → (length, last word) of the longest capitalised run holding the word.
    doc_runs: HashKeyed<(u8, u64)>,
    /// Second pass only: the first pass's tag of each token, and the label the first pass gave
    /// most often to the same word elsewhere in the article (0 none, 1 O, 2+k type k).
    first: Vec<u8>,
    agg: Vec<u8>,
    /// Local (tag-independent, first-pass) features of every token, computed once and reused by
    /// both passes and every training epoch: (bits, flat features, start offset per token).
    local: std::cell::OnceCell<LocalCache>,
    /// The article's first word (lowercase hash): a cheap genre signal. Wire stories open with
    /// their desk ("SOCCER -", "TENNIS -"), and in sports copy a capitalised town is a team.
    topic: u64,
    /// Id of the lexicon the token information came from (part of [`DocFeatures::word_key`]).
    lex_id: u64,
    /// Local features leave the word features out (see `leave_out_word_features`).
    word_sums: bool,
}

type LocalCache = (u32, Vec<Feat>, Vec<(u32, u32)>);

/// One feature: a bucket index into the weight table.
pub type Feat = u32;

/// Template ids; hashed together with the values. Kept as named constants so a change of the
/// feature set is visible in one place (and forces retraining).
mod t {
    pub const BIAS: u64 = 1;
    pub const W: u64 = 2;
    pub const L: u64 = 3;
    pub const LM1: u64 = 4;
    pub const LP1: u64 = 5;
    pub const LM2: u64 = 6;
    pub const LP2: u64 = 7;
    pub const BI_M: u64 = 8;
    pub const BI_P: u64 = 9;
    pub const SH: u64 = 10;
    pub const SHM1: u64 = 11;
    pub const SHP1: u64 = 12;
    pub const SH3: u64 = 13;
    pub const AFF: u64 = 14;
    pub const CL: u64 = 30;
    pub const CL2: u64 = 100;
    pub const DOC_RUN: u64 = 123;
    pub const DOC_RUN_LAST: u64 = 124;
    pub const CLM1: u64 = 40;
    pub const CLP1: u64 = 50;
    pub const CASEP: u64 = 60;
    pub const POS: u64 = 61;
    pub const CAPSENT: u64 = 62;
    pub const CAPSENT_L: u64 = 63;
    pub const DOCCASE: u64 = 64;
    pub const GAZ: u64 = 65;
    pub const GAZM1: u64 = 66;
    pub const GAZP1: u64 = 67;
    pub const W_SHM1: u64 = 68;
    pub const LM1_SH: u64 = 69;
    pub const PREV: u64 = 80;
    pub const PREV2: u64 = 81;
    pub const PREV_L: u64 = 82;
    pub const PREV_SH: u64 = 83;
    pub const HIST: u64 = 84;
    pub const HIST_SH: u64 = 85;
    pub const BI_MM: u64 = 70;
    pub const BI_PP: u64 = 71;
    pub const LM3: u64 = 72;
    pub const LP3: u64 = 73;
    pub const TOPIC: u64 = 74;
    pub const TOPIC_SH: u64 = 75;
    pub const RUN: u64 = 76;
    pub const RUN_LAST: u64 = 77;
    pub const RUN_SHAPE: u64 = 78;
    pub const FP_OWN: u64 = 90;
    pub const FP_CTX: u64 = 91;
    pub const FP_OWN_L: u64 = 92;
    pub const FP_AGG: u64 = 93;
    pub const FP_AGG_SH: u64 = 94;
}

#[inline]
fn f1(bits: u32, tpl: u64, a: u64) -> Feat {
    (fmix(mix(mix(tpl, a), 0x1234_5678)) >> (64 - bits)) as Feat
}
#[inline]
fn f2(bits: u32, tpl: u64, a: u64, b: u64) -> Feat {
    (fmix(mix(mix(mix(tpl, a), b), 0x8765_4321)) >> (64 - bits)) as Feat
}

const PAD_L: u64 = 0xdead_beef;
const PAD_R: u64 = 0xfeed_face;

impl DocFeatures {
    /// Precompute token information for a document. `words[i]` is token i's text; `sentences`
    /// are token ranges in order (they must lie within `words`; out-of-range parts are ignored).
    pub fn new(lex: &Lexicon, words: &[&str], sentences: &[Range<usize>]) -> DocFeatures {
        let mut toks = vec![TokInfo::default(); words.len()];
        let mut doc_case: HashKeyed<u8> = HashKeyed::default();
        for sent in sentences {
            let range = sent.start.min(words.len())..sent.end.min(words.len());
            // A headline or a shouted sentence: most letters are capitals, so capitalisation
            // says nothing about names there.
            let (mut up, mut letters) = (0usize, 0usize);
            WORDS.with_borrow_mut(|memo| {
                for (w, ti) in words[range.clone()].iter().zip(&mut toks[range.clone()]) {
                    let info = memo.get(lex, w);
                    *ti = info.tok;
                    up += info.upper as usize;
                    letters += info.letters as usize;
                }
            });
            let caps_sent = letters >= 4 && up * 10 >= letters * 8;
            let mut first_word = true;
            for i in range {
                let ti = &mut toks[i];
                if caps_sent {
                    ti.flags |= F_CAPS_SENT;
                }
                if first_word && ti.flags & F_PUNCT == 0 {
                    ti.flags |= F_SENT_START;
                    first_word = false;
                } else if !caps_sent {
                    if ti.flags & F_CAP != 0 {
                        *doc_case.entry(ti.lower).or_insert(0) |= 1;
                    } else if ti.flags & F_LOWER != 0 {
                        *doc_case.entry(ti.lower).or_insert(0) |= 2;
                    }
                }
            }
        }
        // Capitalised runs, in mixed-case sentences only (in a headline everything is one run).
        let mut doc_runs: HashKeyed<(u8, u64)> = HashKeyed::default();
        for sent in sentences {
            let end = sent.end.min(words.len());
            let mut i = sent.start.min(end);
            while i < end {
                let cap =
                    |t: &TokInfo| t.flags & (F_CAP | F_ALLCAPS) != 0 && t.flags & F_CAPS_SENT == 0;
                if !cap(&toks[i]) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < end {
                    if cap(&toks[j]) {
                        j += 1;
                    } else if j + 1 < end
                        && matches!(words[j], "of" | "and" | "&" | "de" | "for" | "the")
                        && cap(&toks[j + 1])
                    {
                        j += 2;
                    } else {
                        break;
                    }
                }
                let mut h = 0x7777u64;
                for t in &toks[i..j] {
                    h = mix(h, t.lower);
                }
                let last = toks[j - 1].lower;
                let len = (j - i).min(6) as u8;
                for t in &toks[i..j] {
                    let e = doc_runs.entry(t.lower).or_insert((0u8, 0u64));
                    if len > e.0 {
                        *e = (len, last);
                    }
                }
                for (p, t) in toks[i..j].iter_mut().enumerate() {
                    t.run = h;
                    t.run_last = last;
                    t.run_len = len;
                    t.run_pos = (p + 1).min(6) as u8;
                }
                i = j;
            }
        }
        // Gazetteer: longest match starting at each token, within a sentence.
        if lex.gaz_max_len > 0 {
            for sent in sentences {
                let end = sent.end.min(words.len());
                let mut i = sent.start.min(end);
                while i < end {
                    let mut h = PHRASE_SEED;
                    let mut best: Option<(usize, u8)> = None;
                    let stop = end.min(i + lex.gaz_max_len);
                    for (j, tk) in toks.iter().enumerate().take(stop).skip(i) {
                        h = phrase_step(h, tk.lower);
                        let Some(&m) = lex.gazetteer.get(&h) else {
                            break;
                        };
                        if m & 0x0f != 0 {
                            best = Some((j + 1, m & 0x0f));
                        }
                        if m & GAZ_GOES_ON == 0 {
                            break;
                        }
                    }
                    if let Some((e, m)) = best {
                        toks[i].gaz |= m << 4;
                        for tk in &mut toks[i..e] {
                            tk.gaz |= m;
                        }
                    }
                    i += 1;
                }
            }
        }
        let topic = toks.first().map_or(0, |t| t.lower);
        DocFeatures {
            local: std::cell::OnceCell::new(),
            topic,
            lex_id: lex.id,
            word_sums: false,
            toks,
            doc_case,
            doc_runs,
            first: Vec::new(),
            agg: Vec::new(),
        }
    }

    /// Give the second pass the first pass's tags (Ratinov & Roth's non-local "context
    /// aggregation"): each token learns its own first-pass tag and its neighbours', and the
    /// label the same word got most often *elsewhere* in the article.
    pub fn set_first_pass(&mut self, tags: &[u8]) {
        let n = self.toks.len();
        self.first = (0..n)
            .map(|i| tags.get(i).copied().unwrap_or(TAG_O))
            .collect();
        // Per word: counts of O and each type over name-like occurrences.
        let mut counts: HashKeyed<[u16; 5]> = HashKeyed::default();
        for (i, t) in self.toks.iter().enumerate() {
            if t.flags & (F_CAP | F_ALLCAPS) != 0 {
                let slot = tag_type(self.first[i]).map_or(0, |k| k as usize + 1);
                let c = counts.entry(t.lower).or_insert([0; 5]);
                c[slot] = c[slot].saturating_add(1);
            }
        }
        self.agg = vec![0; n];
        for (i, t) in self.toks.iter().enumerate() {
            let Some(c) = counts.get(&t.lower) else {
                continue;
            };
            let mut c = *c;
            // Exclude this occurrence: the point is what the *rest* of the article says.
            if t.flags & (F_CAP | F_ALLCAPS) != 0 {
                let slot = tag_type(self.first[i]).map_or(0, |k| k as usize + 1);
                c[slot] = c[slot].saturating_sub(1);
            }
            let total: u16 = c.iter().sum();
            if total == 0 {
                continue;
            }
            let (best, _) = c
                .iter()
                .enumerate()
                .max_by_key(|&(k, &v)| (v, std::cmp::Reverse(k)))
                .unwrap_or((0, &0));
            let unanimous = c[best] == total;
            self.agg[i] = 1 + best as u8 + if unanimous { 8 } else { 0 };
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Lowercase hash of token `i` (the key of the prediction history).
    pub fn lower(&self, i: usize) -> u64 {
        self.toks.get(i).map_or(0, |t| t.lower)
    }

    /// Whether token `i` could start a name at all (capitalised, digit or all caps). Used to
    /// key the prediction history only on name-like tokens.
    pub fn name_like(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.flags & (F_CAP | F_ALLCAPS) != 0)
    }

    /// Whether token `i` is a plain lowercase word, punctuation or a number. Outside a name such
    /// a token does not start one: in CoNLL-2003 (train and testa) 66% of tokens are plain and
    /// follow an O tag, and 59 of those 168,000 begin an entity ("serie A", "1997 Fed Cup"). The
    /// decoder tags them O without scoring, which is most of the tagger's time saved.
    pub fn plain(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & F_PLAIN != 0)
    }

    /// The key token `i`'s word features depend on: the word, its position flags, the lexicon
    /// and the table size. Tokens with equal keys have equal word features, so a scorer may
    /// memoise their sum (see `model::Weights`).
    pub fn word_key(&self, bits: u32, i: usize) -> u64 {
        let Some(x) = self.toks.get(i) else {
            return 0;
        };
        fmix(mix(
            mix(mix(x.word, u64::from(x.flags & POS_FLAGS)), self.lex_id),
            u64::from(bits),
        ))
    }

    /// Append token `i`'s [`word_features`].
    pub fn word_features(&self, bits: u32, i: usize, out: &mut Vec<Feat>) {
        if let Some(x) = self.toks.get(i) {
            word_features(bits, x, out);
        }
    }

    /// From now on [`DocFeatures::local_features`] leaves the word features out: the decoder's
    /// scorer adds their memoised sum by [`DocFeatures::word_key`] instead. Call it before
    /// decoding; training, which needs every feature, never does.
    pub fn leave_out_word_features(&mut self) {
        self.local = std::cell::OnceCell::new();
        self.word_sums = true;
    }

    /// Whether [`DocFeatures::leave_out_word_features`] was called.
    pub fn leaves_out_word_features(&self) -> bool {
        self.word_sums
    }

    /// The tag-independent features of token `i` within `sent` (its sentence range), appended
    /// to `out`: first the [`DocFeatures::word_features`], then those that read the context.
    pub fn static_features(&self, bits: u32, i: usize, sent: Range<usize>, out: &mut Vec<Feat>) {
        self.word_features(bits, i, out);
        self.context_features(bits, i, sent, out);
    }

    /// The static features that read the neighbours or the article, or (with `word_sums`) all of
    /// them.
    fn local_static(&self, bits: u32, i: usize, sent: Range<usize>, out: &mut Vec<Feat>) {
        if self.word_sums {
            self.context_features(bits, i, sent, out);
        } else {
            self.static_features(bits, i, sent, out);
        }
    }

    /// The static features other than the word features.
    fn context_features(&self, bits: u32, i: usize, sent: Range<usize>, out: &mut Vec<Feat>) {
        let Some(&x) = self.toks.get(i) else {
            return;
        };
        let get = |j: isize| -> Option<&TokInfo> {
            if j < sent.start as isize || j >= sent.end as isize {
                None
            } else {
                self.toks.get(j as usize)
            }
        };
        let ii = i as isize;
        let m1 = get(ii - 1);
        let p1 = get(ii + 1);
        let m2 = get(ii - 2);
        let p2 = get(ii + 2);
        let lm1 = m1.map_or(PAD_L, |t| t.lower);
        let lp1 = p1.map_or(PAD_R, |t| t.lower);
        let shm1 = m1.map_or(PAD_L, |t| t.shape);
        let shp1 = p1.map_or(PAD_R, |t| t.shape);

        out.push(f1(bits, t::LM1, lm1));
        out.push(f1(bits, t::LP1, lp1));
        out.push(f1(bits, t::LM2, m2.map_or(PAD_L, |t| t.lower)));
        out.push(f1(bits, t::LP2, p2.map_or(PAD_R, |t| t.lower)));
        out.push(f2(bits, t::BI_M, lm1, x.lower));
        out.push(f2(bits, t::BI_P, x.lower, lp1));
        out.push(f1(bits, t::SHM1, shm1));
        out.push(f1(bits, t::SHP1, shp1));
        out.push(f2(bits, t::SH3, mix(shm1, x.shape), shp1));
        out.push(f2(bits, t::W_SHM1, x.lower, shm1));
        let lm2 = m2.map_or(PAD_L, |t| t.lower);
        let lp2 = p2.map_or(PAD_R, |t| t.lower);
        out.push(f2(bits, t::BI_MM, lm2, lm1));
        out.push(f2(bits, t::BI_PP, lp1, lp2));
        out.push(f1(bits, t::LM3, get(ii - 3).map_or(PAD_L, |t| t.lower)));
        out.push(f1(bits, t::LP3, get(ii + 3).map_or(PAD_R, |t| t.lower)));
        if x.flags & (F_CAP | F_ALLCAPS) != 0 {
            out.push(f2(
                bits,
                t::TOPIC,
                self.topic,
                u64::from(prefix(x.cluster, 6)),
            ));
            out.push(f2(bits, t::TOPIC_SH, self.topic, shp1));
        }
        if x.run_len > 0 {
            out.push(f1(bits, t::RUN, x.run));
            out.push(f2(
                bits,
                t::RUN_LAST,
                x.run_last,
                u64::from(x.run_pos == x.run_len),
            ));
            out.push(f1(
                bits,
                t::RUN_SHAPE,
                u64::from(x.run_len) << 8 | u64::from(x.run_pos),
            ));
        }
        out.push(f2(bits, t::LM1_SH, lm1, x.shape));
        for (k, len) in [4u32, 8].into_iter().enumerate() {
            out.push(f1(
                bits,
                t::CLM1 + k as u64,
                m1.map_or(1, |t| u64::from(prefix(t.cluster, len))),
            ));
            out.push(f1(
                bits,
                t::CLP1 + k as u64,
                p1.map_or(1, |t| u64::from(prefix(t.cluster, len))),
            ));
        }
        if x.flags & (F_CAP | F_ALLCAPS) != 0 {
            // The longest capitalised run holding this word anywhere in the article ("Ted
            // Baker Plc" for a lone "Baker"): its last word and length, against this run's.
            if let Some(&(len, last)) = self.doc_runs.get(&x.lower) {
                if len > x.run_len {
                    out.push(f2(bits, t::DOC_RUN_LAST, last, u64::from(x.run_pos == 0)));
                    out.push(f1(
                        bits,
                        t::DOC_RUN,
                        u64::from(len) << 8 | u64::from(x.run_len),
                    ));
                }
            }
        }
        // Non-local: the same word elsewhere in this article, in mixed-case sentences.
        let dc = self.doc_case.get(&x.lower).copied().unwrap_or(0);
        out.push(f2(
            bits,
            t::DOCCASE,
            u64::from(dc),
            u64::from(x.flags & 0x37),
        ));
        if x.gaz != 0 {
            out.push(f2(
                bits,
                t::GAZ,
                u64::from(x.gaz),
                u64::from(x.flags & F_CAP),
            ));
        }
        if let Some(t) = m1.filter(|t| t.gaz != 0) {
            out.push(f1(bits, t::GAZM1, u64::from(t.gaz)));
        }
        if let Some(t) = p1.filter(|t| t.gaz != 0) {
            out.push(f1(bits, t::GAZP1, u64::from(t.gaz)));
        }
    }

    /// Append token `i`'s local features (cached per document; see `static_features`).
    /// `sentences` must be the document's sentence list and `sent` the one holding `i`.
    pub fn local_features(
        &self,
        bits: u32,
        i: usize,
        sentences: &[Range<usize>],
        sent: Range<usize>,
        out: &mut Vec<Feat>,
    ) {
        let (b, feats, offs) = self.local.get_or_init(|| {
            let mut feats = Vec::with_capacity(self.toks.len() * 56);
            let mut offs = vec![(0u32, 0u32); self.toks.len()];
            for s in sentences {
                let r = s.start.min(self.toks.len())..s.end.min(self.toks.len());
                for j in r.clone() {
                    let a = feats.len() as u32;
                    // Plain tokens are mostly tagged without features; the few inside a name
                    // ("Bank of England") get theirs computed on demand below.
                    if !self.plain(j) {
                        self.local_static(bits, j, r.clone(), &mut feats);
                    }
                    offs[j] = (a, feats.len() as u32);
                }
            }
            (bits, feats, offs)
        });
        if *b == bits {
            if let Some(&(a, z)) = offs.get(i) {
                if let Some(f) = feats.get(a as usize..z as usize).filter(|f| !f.is_empty()) {
                    out.extend_from_slice(f);
                    return;
                }
            }
        }
        self.local_static(bits, i, sent, out);
    }

    /// The second pass's features of token `i` (nothing before `set_first_pass`).
    pub fn pass2_features(&self, bits: u32, i: usize, sent: Range<usize>, out: &mut Vec<Feat>) {
        let Some(&x) = self.toks.get(i) else {
            return;
        };
        let ii = i as isize;
        {
            if self.first.is_empty() {
                return;
            }
            let tag_at = |j: isize| -> u64 {
                if j < sent.start as isize || j >= sent.end as isize {
                    99
                } else {
                    self.first.get(j as usize).map_or(99, |&t| u64::from(t))
                }
            };
            let own = tag_at(ii);
            out.push(f1(bits, t::FP_OWN, own));
            out.push(f2(
                bits,
                t::FP_CTX,
                tag_at(ii - 1) << 8 | own,
                tag_at(ii + 1),
            ));
            out.push(f2(bits, t::FP_OWN_L, own, x.lower));
            let agg = u64::from(self.agg.get(i).copied().unwrap_or(0));
            out.push(f2(bits, t::FP_AGG, agg, own));
            out.push(f2(bits, t::FP_AGG_SH, agg, x.shape));
        }
    }

    /// Features that depend on the tags decoded so far: the previous two tags and the label
    /// this word got earlier in the article (`hist`: 0 = never seen, 1 = O, 2+k = type k).
    pub fn dynamic_features(
        &self,
        bits: u32,
        i: usize,
        prev: u8,
        prev2: u8,
        hist: u8,
        out: &mut Vec<Feat>,
    ) {
        let Some([p, p_l, p_sh]) = self.prev_features(bits, i, prev) else {
            return;
        };
        out.extend([p, prev_pair_feature(bits, prev, prev2), p_l, p_sh]);
        self.history_features(bits, i, hist, out);
    }

    /// The features of [`DocFeatures::dynamic_features`] that read the previous tag but not
    /// the one before it (`None` past the end): a beam's hypotheses that end in the same tag
    /// share them.
    pub fn prev_features(&self, bits: u32, i: usize, prev: u8) -> Option<[Feat; 3]> {
        let x = self.toks.get(i)?;
        Some([
            f1(bits, t::PREV, u64::from(prev)),
            f2(bits, t::PREV_L, u64::from(prev), x.lower),
            f2(bits, t::PREV_SH, u64::from(prev), x.shape),
        ])
    }

    /// The part of [`DocFeatures::dynamic_features`] that reads only `hist`, not the previous
    /// tags: the beam decoder scores it once per token instead of once per hypothesis.
    pub fn history_features(&self, bits: u32, i: usize, hist: u8, out: &mut Vec<Feat>) {
        let Some(&x) = self.toks.get(i) else {
            return;
        };
        if hist != 0 {
            out.push(f1(bits, t::HIST, u64::from(hist)));
            out.push(f2(bits, t::HIST_SH, u64::from(hist), x.shape));
        }
    }
}

/// The feature of [`DocFeatures::dynamic_features`] that reads the last two tags (the same for
/// every token).
pub fn prev_pair_feature(bits: u32, prev: u8, prev2: u8) -> Feat {
    f1(bits, t::PREV2, u64::from(prev) << 8 | u64::from(prev2))
}

/// The flags that give a token's position: sentence start, and a headline-like sentence.
const POS_FLAGS: u8 = F_SENT_START | F_CAPS_SENT;

/// The features that depend only on the word as written and its position flags (never on the
/// neighbours or the rest of the article): pushed first by `static_features`.
fn word_features(bits: u32, x: &TokInfo, out: &mut Vec<Feat>) {
    let caps = x.flags & F_CAPS_SENT != 0;
    let pos = u64::from(x.flags & POS_FLAGS);
    out.push(f1(bits, t::BIAS, 0));
    out.push(f1(bits, t::W, x.word));
    out.push(f1(bits, t::L, x.lower));
    out.push(f2(bits, t::SH, x.shape, pos));
    for (k, &a) in x.affix.iter().enumerate() {
        if a != 0 {
            out.push(f1(bits, t::AFF + k as u64, a));
        }
    }
    // Word clusters: path prefixes of several lengths, as Ratinov & Roth use Brown paths.
    if x.cluster != 0 {
        for (k, len) in [4u32, 6, 10, 20].into_iter().enumerate() {
            out.push(f2(
                bits,
                t::CL + k as u64,
                u64::from(prefix(x.cluster, len)),
                pos & 16,
            ));
        }
    } else {
        out.push(f1(bits, t::CL + 9, 0));
    }
    // The second clustering (older newswire only): what 1990s text groups together.
    if x.cluster2 != 0 {
        for (k, len) in [4u32, 8, 12, 16].into_iter().enumerate() {
            out.push(f2(
                bits,
                t::CL2 + k as u64,
                u64::from(prefix(x.cluster2, len)),
                pos & 16,
            ));
        }
    } else {
        out.push(f1(bits, t::CL2 + 9, 0));
    }
    // How this word is usually cased in unlabelled news, against how it is cased here.
    out.push(f2(
        bits,
        t::CASEP,
        u64::from(x.case_prof),
        u64::from(x.flags & 0x37),
    ));
    out.push(f1(bits, t::POS, pos | u64::from(x.flags & 0x0f) << 8));
    if caps {
        out.push(f1(bits, t::CAPSENT, x.shape));
        out.push(f1(bits, t::CAPSENT_L, x.lower));
    }
}

#[inline]
fn prefix(cluster: u32, len: u32) -> u32 {
    // The cluster path has a leading 1 at bit position `depth`; keep its first `len` bits.
    if cluster == 0 {
        return 0;
    }
    let depth = 31 - cluster.leading_zeros();
    if depth <= len {
        cluster
    } else {
        cluster >> (depth - len)
    }
}

#[cfg(test)]
mod tests {
    use super::super::hashing::hash_lower;
    use super::*;

    #[test]
    fn word_features_come_first_can_be_left_out_and_are_keyed() {
        let lex = Lexicon::parse("nato\t0110\t3\n", "");
        let words = [
            "NATO", "said", "NATO", "ALL", "CAPS", "HEADLINE", "HERE", "NATO", "Ada",
        ];
        let sents = vec![0..3, 3..9];
        let d = DocFeatures::new(&lex, &words, &sents);
        let bits = 18;
        let sent_of = |i: usize| if i < 3 { 0..3 } else { 3..9 };
        let mut keys = Vec::new();
        for i in [0, 1, 2, 7, 8] {
            let sent = sent_of(i);
            let mut all = Vec::new();
            d.static_features(bits, i, sent, &mut all);
            let mut own = Vec::new();
            d.word_features(bits, i, &mut own);
            assert_eq!(&all[..own.len()], &own[..], "token {i}");
            // Left out, the word features are exactly what is missing.
            let mut lean = DocFeatures::new(&lex, &words, &sents);
            lean.leave_out_word_features();
            let mut rest = Vec::new();
            lean.local_features(bits, i, &sents, sent_of(i), &mut rest);
            assert_eq!([&own[..], &rest[..]].concat(), all, "token {i}");
            keys.push(d.word_key(bits, i));
        }
        // The same word at a sentence start, mid-sentence and in a headline: three keys.
        assert_ne!(keys[0], keys[2]);
        assert_ne!(keys[2], keys[3]);
        assert_ne!(keys[0], keys[3]);
        let other = DocFeatures::new(&Lexicon::parse("", ""), &words, &sents);
        assert_ne!(
            other.word_key(bits, 2),
            keys[2],
            "another lexicon, another key"
        );
    }

    #[test]
    fn a_word_learns_the_longest_run_holding_it_elsewhere() {
        let lex = Lexicon::parse("", "");
        let words = [
            "Ted", "Baker", "Plc", "shares", "fell", ".", "Baker", "said", ".",
        ];
        let sents = vec![0..6, 6..9];
        let d = DocFeatures::new(&lex, &words, &sents);
        assert_eq!(
            d.doc_runs.get(&hash_lower("baker")),
            Some(&(3, hash_lower("plc")))
        );
        let feats = |i: usize, sent: Range<usize>| {
            let mut out = Vec::new();
            d.static_features(18, i, sent, &mut out);
            out
        };
        // The lone "Baker" gets the run's last word; "Plc" inside the longest run does not.
        let run_last = f2(18, t::DOC_RUN_LAST, hash_lower("plc"), 0);
        assert!(feats(6, 6..9).contains(&run_last));
        assert!(!feats(2, 0..6).contains(&run_last));
    }

    #[test]
    fn tags_round_trip() {
        for k in 0..4 {
            assert_eq!(tag_type(tag_b(k)), Some(k));
            assert_eq!(tag_type(tag_i(k)), Some(k));
            assert!(tag_allowed(tag_b(k), tag_i(k)));
            assert!(!tag_allowed(TAG_O, tag_i(k)));
        }
    }

    #[test]
    fn gazetteer_matches_longest_phrase() {
        let lex = Lexicon::parse("", "LOC\tnorth africa\nLOC\tafrica\n");
        let words = ["in", "North", "Africa"];
        let sents = vec![0..3, 3..3];
        let d = DocFeatures::new(&lex, &words, &sents);
        assert_eq!(d.toks[1].gaz, (1 << 2) | (1 << 6));
        assert_eq!(d.toks[2].gaz & 0x0f, 1 << 2);
    }

    #[test]
    fn features_never_panic_on_odd_input() {
        let lex = Lexicon::parse("x\t01\t1\n", "");
        let words = ["", "’", "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ", "a"];
        let d = DocFeatures::new(&lex, &words, &[0..2, 2..9]);
        let mut out = Vec::new();
        for i in 0..6 {
            d.static_features(18, i, 0..9, &mut out);
            d.dynamic_features(18, i, 0, 0, 2, &mut out);
        }
        assert!(out.iter().all(|&f| f < (1 << 18)));
    }
}
