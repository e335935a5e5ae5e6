//! The learned second opinion on the weak sieves: for a direct quote whose speaker came from a
//! sieve that does not carry to unseen text (paragraph or sentence subject, the previous
//! sentence, the same sentence), every mention a sieve could pick is a candidate — the
//! cascade's own pick, the subject of the quote's sentence and of the sentence before, the
//! previous quote's speaker, the persons tagged near the quote — and a logistic model over their
//! features picks the most probable one.
//!
//! The weights and two thresholds (`data/speaker-ranker.tsv`) are trained by
//! `scripts/train-speaker-ranker` on PolNeAR train minus the check articles, with the label
//! "this candidate overlaps the gold Source span", the thresholds chosen by cross-validation
//! there. `t_weak`: below it the model drops a weak sieve's speaker (abstains: no speaker beats a
//! wrong one); `t_none`: above it the model gives a speaker to a quote no sieve spoke for. Both
//! are trained off by default (0 and "never"): on the check set and on worldwide-news the
//! abstentions dropped right speakers as often as wrong ones, and the added speakers were about as
//! often wrong as right; the trainer's `--abstain` and `--add` let cross-validation set them.
//! The features are strings so that the trainer and this file share one definition: the example
//! `examples/speaker_candidates.rs` prints exactly what `candidates` computes. Outside training
//! a feature is never written out: its name is hashed from its parts as they stand
//! ([`Features`]) and looked up among the hashes of the file's names, which gives the same
//! weights in the same order (about thirty `format!`s per candidate were most of a long run of
//! quotes' time).

use std::sync::OnceLock;

use super::*;
use crate::article::How;

/// Everything the ranker reads about one quote and the cascade's decision.
pub struct Context<'a> {
    pub text: &'a str,
    pub entities: &'a [Entity],
    /// `entities` indexed by name (`resolve_indexed`), shared by the quotes of the field.
    pub names: &'a NameIndex<'a>,
    /// The quote's opening and closing marks (`outer_start`, `outer_end` of its first and last
    /// span) and its number of words.
    pub q_start: usize,
    pub q_end: usize,
    pub q_words: usize,
    pub sent_start: usize,
    pub para_start: usize,
    /// The start of the sentence before the quote's (== `sent_start` when there is none).
    pub prev_sent: usize,
    /// The sieve that decided and what it picked (mention, resolved speaker), if anything.
    pub sieve: Option<How>,
    pub pick: Option<(Found, String)>,
    /// The previous quote of this field: its end and its speaker's mention and name.
    pub prev_end: Option<usize>,
    pub prev_pick: Option<((usize, usize), String)>,
    pub prev_speaker: Option<&'a str>,
}

/// One mention the model may choose, with the speaker it resolves to and its features.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub found: Found,
    pub speaker: String,
    /// The sieve whose `how` a choice of this candidate reports.
    pub how: How,
    /// The features' names: filled only when `candidates` is asked for them (training).
    pub features: Vec<String>,
    /// The features' hashed names ([`feature_key`]), in the same order: what the model reads.
    pub keys: Vec<u64>,
}

/// The candidates of one quote the model has a say on (for training: `extract_traced`).
#[derive(Debug, Clone)]
pub struct Trace {
    /// The quote's span (`Quote::start`, `Quote::end`).
    pub start: usize,
    pub end: usize,
    /// The cascade's sieve, when it gave a speaker.
    pub sieve: Option<How>,
    pub candidates: Vec<Candidate>,
}

/// What the model decided for one quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Candidate `i` (may be the cascade's own pick).
    Pick(usize),
    /// No candidate is likely enough: no speaker.
    Abstain,
}

/// Whether the model has a say on a quote the cascade decided with `sieve` (`None`: nobody).
/// Continuing speech is left to its rule: PolNeAR annotates few continuation quotes apart (35 of
/// the 325 the rule fires on in tune match a gold quote with a Source), so tune cannot teach
/// when it goes wrong; the model, let decide them, dropped right continuations on news outside
/// PolNeAR (wwn 19 right → 6).
pub fn ranker_applies(sieve: Option<How>) -> bool {
    matches!(
        sieve,
        None | Some(
            How::ParagraphSubject
                | How::PreviousSentence
                | How::SentenceSubject
                | How::SameSentence
        )
    )
}

/// At most this many tagged entities on each side of the quote become candidates (nearest first).
const NEAR_ENTITIES: usize = 3;

/// Bytes between a mention and the quote past which the words between are not counted (the
/// mention is far: the largest distance bucket).
const FAR: usize = 600;

/// How many recent resolutions [`Resolved`] keeps: a quote proposes at most eight mentions, and
/// the next quotes of a run propose mostly the same ones.
const RESOLVED_KEPT: usize = 32;

/// The speakers the last candidates resolved to, kept across the quotes of one field. Each
/// resolution reads every entity of the look-up window, and a run of quotes proposes the same
/// nearest mentions again and again: without this a 1 MB run of `“Blair said ‘a ` took 12.7 s
/// (the mentions were resolved about eight times each). `resolve` depends only on the mention,
/// the entities, the previous speaker and, for a pronoun, the cue, so a kept answer is the one
/// it would give again.
/// (Output-identical: `extract --json` over PolNeAR dev and train and BBC gave the same bytes.)
#[derive(Default)]
pub struct Resolved {
    /// The previous speaker the kept answers were resolved under.
    speaker: Option<String>,
    /// By mention, kind and, for a pronoun, cue: what `resolve` reads of a `Found`.
    recent: std::collections::VecDeque<(Key, Option<String>)>,
}

/// A kept resolution's key: the mention, its kind and the cue when `resolve` reads it.
type Key = (Word, MentionKind, Option<Word>);

impl Resolved {
    fn get(&mut self, cx: &Context, f: &Found) -> Option<String> {
        if self.speaker.as_deref() != cx.prev_speaker {
            self.speaker = cx.prev_speaker.map(str::to_string);
            self.recent.clear();
        }
        // The cue decides how far back an "it" looks (an "it" whose verb does not report stays
        // in its sentence), so a pronoun's answer is kept per cue; a name written with a
        // contracted verb ("It’s") is read as that pronoun. A name's or a role's answer does not
        // depend on the cue: the candidates of a run of quotes share those.
        let pronoun = f.kind == MentionKind::Pronoun
            || (f.kind == MentionKind::Name && contracted_pronoun(cx.text, f.mention).is_some());
        let key = (f.mention, f.kind, pronoun.then_some(f.cue));
        if let Some((_, s)) = self.recent.iter().find(|(k, _)| *k == key) {
            return s.clone();
        }
        let s = resolve_indexed(cx.text, f, cx.names, cx.prev_speaker).filter(|s| !s.is_empty());
        if self.recent.len() == RESOLVED_KEPT {
            self.recent.pop_front();
        }
        self.recent.push_back((key, s.clone()));
        s
    }
}

/// The hash the model looks a feature up by: FNV-1a over the bytes of its name, fed part by part,
/// so the parts of a name hash as the whole name does and no string is built.
pub fn feature_key(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in parts.iter().flat_map(|p| p.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// One candidate's features as they are computed: each one's key, and its name when asked for.
pub(in crate::enrich::quotes) struct Features {
    pub keys: Vec<u64>,
    pub names: Option<Vec<String>>,
}

impl Features {
    /// The feature whose name is `parts` concatenated.
    pub(in crate::enrich::quotes) fn add(&mut self, parts: &[&str]) {
        self.keys.push(feature_key(parts));
        if let Some(names) = &mut self.names {
            names.push(parts.concat());
        }
    }
}

/// A small count as its digits in a feature name (every count here is capped below ten).
pub(in crate::enrich::quotes) fn digit(n: usize) -> &'static str {
    ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
        .get(n)
        .copied()
        .unwrap_or("9+")
}

/// A flag as a feature name writes it (as `format!` did).
pub(in crate::enrich::quotes) fn flag(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// The candidates of one quote, deduplicated by mention (a mention proposed twice carries both
/// sources), each resolving to a speaker; in a fixed order (the cascade's pick first). `memo`
/// is shared by the quotes of one field (one `entities` and `text`). `named`: whether each
/// candidate also carries its features' names (for training; the model reads only the keys).
pub fn candidates(cx: &Context, memo: &mut Resolved, named: bool) -> Vec<Candidate> {
    let text = cx.text;
    let mut resolve_found = |f: &Found| memo.get(cx, f);
    // (found, speaker, source tag, how)
    let mut raw: Vec<(Found, String, &'static str, How)> = Vec::new();
    if let (Some((f, s)), Some(how)) = (&cx.pick, cx.sieve) {
        raw.push((*f, s.clone(), "cascade", how));
    }
    if let Some(f) = sentence_subject(text, cx.sent_start, cx.q_start) {
        if let Some(s) = resolve_found(&f) {
            raw.push((f, s, "subj0", How::SentenceSubject));
        }
    }
    if cx.prev_sent < cx.sent_start {
        let end = text
            .get(..cx.sent_start)
            .map_or(cx.sent_start, |t| t.trim_end().len());
        if let Some(f) = sentence_subject(text, cx.prev_sent, end) {
            if let Some(s) = resolve_found(&f) {
                let how = if cx.sent_start == cx.para_start {
                    How::ParagraphSubject
                } else {
                    How::PreviousSentence
                };
                raw.push((f, s, "subj1", how));
            }
        }
    }
    if let Some(((s, e), name)) = &cx.prev_pick {
        let w = Word { start: *s, end: *e };
        let f = Found {
            cue: w,
            mention: w,
            kind: MentionKind::Name,
        };
        raw.push((f, name.clone(), "prev", How::Continuation));
    }
    // Tagged persons and organisations: before the quote back to the previous sentence's start
    // (or the paragraph's), and after it to the end of its sentence.
    let lo = cx.prev_sent.min(cx.para_start.max(cx.sent_start));
    let mut lim = (cx.q_end + 200).min(text.len());
    while !text.is_char_boundary(lim) {
        lim -= 1;
    }
    let after_end = text
        .get(cx.q_end..lim)
        .and_then(|t| t.find(['\n', '.', '?', '!']).map(|i| cx.q_end + i + 1))
        .unwrap_or(lim);
    let ents = cx.entities;
    let a = ents.partition_point(|e| e.start < lo);
    let b = ents.partition_point(|e| e.start < after_end);
    let near = ents.get(a..b.max(a)).unwrap_or(&[]);
    // Persons only: tagged organisations near a quote are mostly outlets and documents ("The
    // Washington Post", "U.N. Charter"), and as candidates they cost more than they gave on tune.
    let is_speaker_label = |e: &Entity| e.label == Label::Per;
    let before = near
        .iter()
        .rev()
        .filter(|e| e.end <= cx.q_start && is_speaker_label(e))
        .take(NEAR_ENTITIES);
    let after = near
        .iter()
        .filter(|e| e.start >= cx.q_end && is_speaker_label(e))
        .take(NEAR_ENTITIES);
    for e in before.chain(after) {
        let w = Word {
            start: e.start,
            end: e.end,
        };
        let f = Found {
            cue: w,
            mention: w,
            kind: MentionKind::Name,
        };
        if let Some(s) = resolve_found(&f) {
            raw.push((f, s, "per", How::Ranked));
        }
    }
    // Merge by mention span; the first proposer's `how` and resolution stand.
    let mut merged: Vec<(Found, String, Vec<&'static str>, How)> = Vec::new();
    for (f, s, tag, how) in raw {
        let span = (f.mention.start, f.mention.end);
        if let Some(m) = merged
            .iter_mut()
            .find(|m| (m.0.mention.start, m.0.mention.end) == span)
        {
            m.2.push(tag);
        } else {
            merged.push((f, s, vec![tag], how));
        }
    }
    let n = merged.len();
    let distinct = {
        let mut v: Vec<&str> = merged.iter().map(|m| m.1.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    // Every text read below is bounded (a few hundred bytes around the quote), so that a long
    // paragraph of quotes costs linear time.
    let opens_par = cx.q_start - cx.para_start.min(cx.q_start) <= 16
        && text
            .get(cx.para_start..cx.q_start)
            .is_some_and(|t| t.trim().is_empty());
    let opens_sent = text
        .get(cx.sent_start..cx.q_start)
        .is_some_and(|t| t.trim().is_empty());
    let frag = text
        .get(cx.q_start..)
        .and_then(|t| t.chars().take(64).find(|c| c.is_alphanumeric()))
        .is_some_and(char::is_lowercase);
    let casc = cx.sieve.map_or("none", How::as_str);
    // Rank by distance on each side of the quote.
    let dist = |f: &Found| {
        if f.mention.end <= cx.q_start {
            cx.q_start - f.mention.end
        } else {
            f.mention.start.saturating_sub(cx.q_end)
        }
    };
    let mut out = Vec::with_capacity(n);
    for (f, speaker, tags, how) in &merged {
        let m = f.mention;
        let side_before = m.end <= cx.q_start;
        let pos = if m.start >= cx.q_end {
            if text
                .get(cx.q_end..m.start)
                .is_some_and(|t| t.contains('\n'))
            {
                "after-par"
            } else {
                "after"
            }
        } else if !side_before {
            "inside"
        } else if m.start >= cx.sent_start {
            "s0"
        } else if m.start >= cx.prev_sent {
            "s1"
        } else if m.start >= cx.para_start {
            "far"
        } else {
            "prev-par"
        };
        let (g0, g1) = if side_before {
            (m.end, cx.q_start)
        } else {
            (cx.q_end.min(m.start), m.start)
        };
        let gap_words = if g1 - g0 > FAR {
            99
        } else {
            text.get(g0..g1)
                .map_or(99, |t| t.split_whitespace().count())
        };
        let dw = match gap_words {
            0 => "0",
            1..=2 => "1-2",
            3..=5 => "3-5",
            6..=10 => "6-10",
            11..=20 => "11-20",
            _ => "21+",
        };
        let d = dist(f);
        let rank = merged
            .iter()
            .filter(|o| (o.0.mention.end <= cx.q_start) == side_before && dist(&o.0) < d)
            .count()
            .min(2);
        let kind = match (f.kind, tags.contains(&"per")) {
            (MentionKind::Pronoun, _) => "pron",
            (MentionKind::Role, _) => "role",
            (_, true) => "per",
            _ => "name",
        };
        let next = words(text, m.end, (m.end + 40).min(text.len()))
            .into_iter()
            .find(|w| text.get(w.start..w.end).is_some_and(|t| !is_punct(t)))
            .and_then(|w| text.get(w.start..w.end))
            .unwrap_or("");
        let next_class = if is_cue_verb(next) {
            "cue"
        } else if next.is_empty() || is_cap(next) {
            "cap"
        } else if is_aux_or_adverb(next) {
            "aux"
        } else {
            "low"
        };
        let mut fs = Features {
            keys: Vec::with_capacity(40),
            names: named.then(|| Vec::with_capacity(40)),
        };
        fs.add(&["b"]);
        let mut srcs = tags.clone();
        srcs.sort_unstable();
        let mut joined: Vec<&str> = Vec::with_capacity(2 * srcs.len() + 1);
        joined.push("srcs:");
        for (i, t) in srcs.iter().enumerate() {
            if i > 0 {
                joined.push("+");
            }
            joined.push(t);
        }
        fs.add(&joined);
        let (opens_sent, opens_par, frag) = (flag(opens_sent), flag(opens_par), flag(frag));
        if tags.contains(&"prev") {
            // Lines of text between the previous quote and this one (continuing speech is near).
            let gap = cx
                .prev_end
                .filter(|&e| cx.q_start - e.min(cx.q_start) <= 4 * FAR)
                .and_then(|e| text.get(e.min(cx.q_start)..cx.q_start))
                .map_or(9, |t| {
                    t.split('\n').filter(|l| !l.trim().is_empty()).count()
                });
            fs.add(&["prevgap:", digit(gap.min(3)), "|opens:", opens_sent]);
        }
        for t in tags {
            fs.add(&["src:", t]);
            fs.add(&["src:", t, "|casc:", casc]);
            fs.add(&["src:", t, "|pos:", pos]);
            fs.add(&["src:", t, "|opensp:", opens_par]);
        }
        fs.add(&["casc:", casc]);
        fs.add(&["kind:", kind]);
        fs.add(&["kind:", kind, "|pos:", pos]);
        fs.add(&["pos:", pos]);
        fs.add(&["pos:", pos, "|dw:", dw]);
        fs.add(&["pos:", pos, "|rank:", digit(rank)]);
        fs.add(&["pos:", pos, "|opens:", opens_sent]);
        fs.add(&["next:", next_class]);
        fs.add(&["next:", next_class, "|pos:", pos]);
        fs.add(&["opensp:", opens_par, "|opens:", opens_sent, "|frag:", frag]);
        fs.add(&["frag:", frag, "|pos:", pos]);
        let ql = match cx.q_words {
            0..=3 => "1-3",
            4..=10 => "4-10",
            _ => "11+",
        };
        fs.add(&["ql:", ql]);
        fs.add(&["ql:", ql, "|frag:", frag]);
        fs.add(&["n:", digit(n.min(5))]);
        fs.add(&["distinct:", digit(distinct.min(4))]);
        let prev_same = flag(cx.prev_speaker == Some(speaker.as_str()));
        fs.add(&["prevspk:", prev_same]);
        fs.add(&["prevspk:", prev_same, "|pos:", pos]);
        let casc_same = flag(cx.pick.as_ref().is_some_and(|(_, s)| s == speaker));
        fs.add(&["cascspk:", casc_same, "|casc:", casc]);
        let one_word = flag(!speaker.contains(' '));
        fs.add(&["oneword:", one_word, "|kind:", kind]);
        out.push(Candidate {
            found: *f,
            speaker: speaker.clone(),
            how: *how,
            features: fs.names.unwrap_or_default(),
            keys: fs.keys,
        });
    }
    out
}

static MODEL: &str = include_str!("../data/speaker-ranker.tsv");

/// The trained model: feature weights and the thresholds (on the probability of the best
/// candidate) for a quote the cascade left without a speaker and for one it gave a speaker.
struct Model {
    /// By [`feature_key`] of the feature's name, which is what candidates carry. (Fx-hashed:
    /// every feature of every candidate is looked up.)
    weights: rustc_hash::FxHashMap<u64, f32>,
    t_none: f32,
    t_weak: f32,
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let file = super::model_file::read(MODEL);
        Model {
            // Without a trained file nothing clears the thresholds and every candidate waits.
            t_none: file.setting("t_none").unwrap_or(2.0),
            t_weak: file.setting("t_weak").unwrap_or(-1.0),
            weights: keyed(&file.weights),
        }
    })
}

/// A model file's weights by the [`feature_key`] of their names.
pub(in crate::enrich::quotes) fn keyed(
    weights: &rustc_hash::FxHashMap<&str, f32>,
) -> rustc_hash::FxHashMap<u64, f32> {
    weights
        .iter()
        .map(|(name, &w)| (feature_key(&[name]), w))
        .collect()
}

/// Whether the model may give a speaker to a quote no sieve spoke for (trained with `--add`).
pub fn ranker_adds() -> bool {
    model().t_none <= 1.0
}

/// The probability that a candidate with these features (their [`feature_key`]s) is the
/// annotated source.
pub fn probability(keys: &[u64]) -> f32 {
    let w = &model().weights;
    let z: f32 = keys.iter().filter_map(|k| w.get(k)).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The decision for one quote: the most probable candidate (the first on a tie) when it clears
/// the threshold for the cascade's outcome, else none. `had_pick` says whether the cascade gave
/// a speaker.
pub fn decide(cands: &[Candidate], had_pick: bool) -> Decision {
    let m = model();
    let t = if had_pick { m.t_weak } else { m.t_none };
    let probs: Vec<f32> = cands.iter().map(|c| probability(&c.keys)).collect();
    decide_on(&probs, t)
}

/// The most probable of `probs` (the first on a tie) when it reaches `t`, else none.
fn decide_on(probs: &[f32], t: f32) -> Decision {
    let mut best: Option<(usize, f32)> = None;
    for (i, &p) in probs.iter().enumerate() {
        if best.is_none_or(|(_, b)| p > b) {
            best = Some((i, p));
        }
    }
    match best {
        Some((i, p)) if p >= t => Decision::Pick(i),
        _ => Decision::Abstain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Field, QuoteKind};
    use crate::enrich::quotes::extract;

    fn per(t: &str, name: &str) -> Entity {
        let start = t.find(name).expect("the name is in the text");
        Entity {
            text: name.into(),
            label: Label::Per,
            field: Field::Body,
            start,
            end: start + name.len(),
            canonical: name.into(),
        }
    }

    #[test]
    fn the_most_probable_candidate_speaks_when_it_reaches_the_threshold() {
        assert_eq!(decide_on(&[0.2, 0.7, 0.7], 0.5), Decision::Pick(1));
        assert_eq!(decide_on(&[0.2, 0.4], 0.5), Decision::Abstain);
        assert_eq!(decide_on(&[], 0.0), Decision::Abstain);
        assert_eq!(decide_on(&[0.1], 0.0), Decision::Pick(0));
    }

    #[test]
    fn the_trained_model_loads_with_weights_and_thresholds_in_range() {
        let m = model();
        assert!(m.weights.len() > 50, "{} weights", m.weights.len());
        assert!((0.0..=1.01).contains(&m.t_none) && (0.0..=1.01).contains(&m.t_weak));
        assert!(m.weights.values().all(|w| w.is_finite()));
        // No two of the file's names share a key, so each key reads its own name's weight.
        let file = super::super::model_file::read(MODEL);
        assert_eq!(m.weights.len(), file.weights.len());
        for (name, w) in &file.weights {
            assert_eq!(m.weights.get(&feature_key(&[name])), Some(w), "{name}");
        }
    }

    #[test]
    fn a_feature_key_is_the_hash_of_the_whole_name_whatever_its_parts() {
        assert_eq!(
            feature_key(&["pos:", "s0", "|dw:", "1-2"]),
            feature_key(&["pos:s0|dw:1-2"])
        );
        assert_ne!(feature_key(&["pos:s0"]), feature_key(&["pos:s1"]));
    }

    #[test]
    fn candidates_are_the_sieves_picks_and_the_persons_near_the_quote_once_each() {
        let t = "Tom Lee backed the plan. Ada Byron writes in the Gazette.\n\n\
                 “In Paris the engine won.” Mary Shelley agreed.";
        let ents = [
            per(t, "Tom Lee"),
            per(t, "Ada Byron"),
            per(t, "Mary Shelley"),
        ];
        let q = t.find('“').unwrap();
        let q_end = t.find('”').unwrap() + '”'.len_utf8();
        let prev_sent = t.find("Ada").unwrap();
        let names = NameIndex::new(t, &ents);
        let cx = Context {
            text: t,
            entities: &ents,
            names: &names,
            q_start: q,
            q_end,
            q_words: 5,
            sent_start: q,
            para_start: q,
            prev_sent,
            sieve: None,
            pick: None,
            prev_end: None,
            prev_pick: None,
            prev_speaker: None,
        };
        let c = candidates(&cx, &mut Resolved::default(), true);
        let names: Vec<&str> = c.iter().map(|c| c.speaker.as_str()).collect();
        // The subject of the sentence before and the persons on both sides; Tom Lee's sentence
        // is two sentences back.
        assert_eq!(names, ["Ada Byron", "Mary Shelley"], "{c:?}");
        // "Ada Byron" is proposed twice (subject and tagged person) and kept once.
        assert!(
            c[0].features.iter().any(|f| f == "srcs:per+subj1"),
            "{:?}",
            c[0].features
        );
        assert!(c[1].features.iter().any(|f| f == "pos:after"));
        // What the model reads is the names' keys, one for one.
        for c in &c {
            let keys: Vec<u64> = c.features.iter().map(|f| feature_key(&[f])).collect();
            assert_eq!(keys, c.keys);
        }
        // Unnamed, the same keys.
        let bare = candidates(&cx, &mut Resolved::default(), false);
        assert!(bare.iter().all(|c| c.features.is_empty()));
        let keys = |cs: &[Candidate]| cs.iter().map(|c| c.keys.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&bare), keys(&c));
    }

    #[test]
    fn a_kept_resolution_of_it_is_not_reused_under_another_cue() {
        // "It" resolves to the organisation named a sentence back only when its verb reports
        // (`resolve`'s "it" branch reads the cue): the same mention under two cues, two answers.
        let t = "The town thanked Acme Corp on Monday. It said the mill would close, which \
                 means jobs.";
        let ents = [Entity {
            label: Label::Org,
            ..per(t, "Acme Corp")
        }];
        let word = |w: &str| {
            let start = t.find(w).unwrap();
            Word {
                start,
                end: start + w.len(),
            }
        };
        let it = |cue: &str| Found {
            cue: word(cue),
            mention: word("It"),
            kind: MentionKind::Pronoun,
        };
        let names = NameIndex::new(t, &ents);
        let cx = Context {
            text: t,
            entities: &ents,
            names: &names,
            q_start: 0,
            q_end: 0,
            q_words: 0,
            sent_start: 0,
            para_start: 0,
            prev_sent: 0,
            sieve: None,
            pick: None,
            prev_end: None,
            prev_pick: None,
            prev_speaker: None,
        };
        let said = resolve_indexed(t, &it("said"), &names, None);
        let means = resolve_indexed(t, &it("means"), &names, None);
        assert_eq!(said.as_deref(), Some("Acme Corp"));
        assert_eq!(means, None);
        // Kept answers are the ones `resolve` gives, in either order.
        let mut memo = Resolved::default();
        assert_eq!(memo.get(&cx, &it("means")), means);
        assert_eq!(memo.get(&cx, &it("said")), said);
        let mut memo = Resolved::default();
        assert_eq!(memo.get(&cx, &it("said")), said);
        assert_eq!(memo.get(&cx, &it("means")), means);
    }

    #[test]
    fn a_paragraph_subject_that_did_not_write_the_quote_is_overruled() {
        // The paragraph before is about Tom Lee, but Ada Byron writes it: the paragraph-subject
        // sieve gives Tom Lee, the model the writer. (The sentence does not end on its cue,
        // which would name her without the model: `direct`'s step 6.)
        let t = "Tom Lee has long backed the engine plan, Ada Byron writes in the Gazette of \
                 25 June, citing his letters.\n\n“In Paris, as in Rome, the events of the past \
                 few years have revealed a frightening confluence of interests. Nobody planned \
                 it.”";
        let ents = [per(t, "Tom Lee"), per(t, "Ada Byron")];
        let direct: Vec<_> = extract(Field::Body, t, &ents)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .collect();
        assert_eq!(direct.len(), 1);
        assert_eq!(direct[0].speaker.as_deref(), Some("Ada Byron"));
        assert_eq!(direct[0].how, Some(How::Ranked));
        // Without the model the sieve's subject stands.
        let plain = crate::enrich::quotes::extract_traced(Field::Body, t, &ents, false, None);
        let plain: Vec<_> = plain
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .collect();
        assert_eq!(plain[0].speaker.as_deref(), Some("Tom Lee"));
        assert_eq!(plain[0].how, Some(How::ParagraphSubject));
    }
}
