//! The beam decoder and its training: the structured perceptron with early update over IOB2
//! tags (see [`super::model::decode`], which calls it when the beam is wider than one).
//!
//! Apart from `model` because the greedy decoder, the weight format and the scorer live there;
//! this holds the search (hypotheses, recombination, backtrace) and the path update.

use std::ops::Range;

use super::features::{tag_allowed, tag_type, DocFeatures, Feat, NUM_TAGS, TAG_O};
use super::model::{history, remember, Scorer, Scratch, TAG_O_OR_MISC};

/// No node: the start of a search.
const NONE: u32 = u32::MAX;

/// A partial tagging of a sentence in the beam.
#[derive(Clone, Copy)]
pub(super) struct Hyp {
    score: f32,
    prev: u8,
    prev2: u8,
    /// Its last tag in [`Scratch::nodes`] ([`NONE`]: no tag yet).
    node: u32,
    /// Training: every tag so far fits the gold tags.
    gold: bool,
}

/// One extension of a hypothesis by one tag.
#[derive(Clone, Copy)]
pub(super) struct Cand {
    score: f32,
    tag: u8,
    hyp: u8,
}

/// Whether predicting `t` where the gold tag is `g` is right.
fn fits_gold(g: u8, t: u8) -> bool {
    g == t || (g == TAG_O_OR_MISC && (t == TAG_O || tag_type(t) == Some(3)))
}

/// A token's features that do not depend on the tags before it, into `out` (cleared).
fn static_features(
    doc: &DocFeatures,
    bits: u32,
    i: usize,
    sentences: &[Range<usize>],
    range: Range<usize>,
    out: &mut Vec<Feat>,
) {
    out.clear();
    doc.local_features(bits, i, sentences, range.clone(), out);
    doc.pass2_features(bits, i, range, out);
}

/// The beam decoder (see [`decode`]).
pub(super) fn decode_beam<S: Scorer>(
    scorer: &mut S,
    doc: &DocFeatures,
    sentences: &[Range<usize>],
    gold: Option<&[u8]>,
    scratch: &mut Scratch,
) -> Vec<u8> {
    let bits = scorer.bits();
    let width = scratch.beam;
    let mut tags = vec![TAG_O; doc.len()];
    scratch.hist.clear();
    let mut base = [0f32; NUM_TAGS];
    let start = Hyp {
        score: 0.0,
        prev: TAG_O,
        prev2: TAG_O,
        node: NONE,
        gold: true,
    };
    for sent in sentences {
        let range = sent.start.min(doc.len())..sent.end.min(doc.len());
        if range.is_empty() {
            continue;
        }
        scratch.nodes.clear();
        scratch.hyps.clear();
        scratch.hyps.push(start);
        // Where the current search began (the sentence start, or after an early update), and
        // the tags before it.
        let mut from = range.start;
        let mut ctx = (TAG_O, TAG_O);
        for i in range.clone() {
            let g = gold.and_then(|g| g.get(i).copied());
            if g.is_some() {
                scorer.tick();
            }
            if scratch.plain_is_o
                && gold.is_none()
                && doc.plain(i)
                && scratch.hyps.iter().all(|h| h.prev == TAG_O)
            {
                // Every hypothesis tags it O and then has the same state (O, O): only the best
                // can still win.
                let best = scratch.hyps[0];
                scratch.nodes.push((TAG_O, best.node));
                scratch.hyps.clear();
                scratch.hyps.push(Hyp {
                    prev: TAG_O,
                    prev2: TAG_O,
                    node: scratch.nodes.len() as u32 - 1,
                    ..best
                });
                continue;
            }
            static_features(doc, bits, i, sentences, range.clone(), &mut scratch.feats);
            // The history features are the same for every hypothesis: scored once, here.
            let hist = history(doc, &scratch.hist, i);
            doc.history_features(bits, i, hist, &mut scratch.feats);
            if doc.leaves_out_word_features() {
                let word_key = doc.word_key(bits, i);
                let mut word = |v: &mut Vec<Feat>| doc.word_features(bits, i, v);
                scorer.score_words(word_key, &mut word, &scratch.feats, &mut base);
            } else {
                scorer.score(&scratch.feats, &mut base);
            }
            // The best `width` extensions, at most one per state (tag, previous tag), best
            // first, kept as they are generated: what a stable sort of all of them and a pass
            // that skips taken states would pick (ties go to the earlier, lowest tag first as
            // the greedy argmax), without sorting the rest.
            scratch.cands.clear();
            // When decoding, an extension this far behind the best so far is behind the final
            // best too, and so pruned below: it never enters.
            let mut top = f32::NEG_INFINITY;
            scratch.states.clear();
            scratch
                .states
                .extend(scratch.hyps.iter().map(|h| (h.prev, h.prev2)));
            scratch
                .state_scores
                .resize(scratch.states.len(), [0.0; NUM_TAGS]);
            scorer.score_prev_tags(
                doc,
                i,
                &scratch.states,
                &mut scratch.dyn_feats,
                &mut scratch.state_scores,
            );
            for (hi, h) in scratch.hyps.iter().enumerate() {
                let dyn_s = &scratch.state_scores[hi];
                for t in 0..NUM_TAGS as u8 {
                    if tag_allowed(h.prev, t) {
                        let k = t as usize;
                        let c = Cand {
                            score: h.score + base[k] + dyn_s[k],
                            tag: t,
                            hyp: hi as u8,
                        };
                        if gold.is_none() {
                            if c.score > top {
                                top = c.score;
                            } else if c.score < top - scratch.margin {
                                continue;
                            }
                        }
                        keep_best(&mut scratch.cands, &scratch.hyps, width, c);
                    }
                }
            }
            scratch.next.clear();
            for c in &scratch.cands {
                let h = scratch.hyps[c.hyp as usize];
                scratch.nodes.push((c.tag, h.node));
                scratch.next.push(Hyp {
                    score: c.score,
                    prev: c.tag,
                    prev2: h.prev,
                    node: scratch.nodes.len() as u32 - 1,
                    gold: h.gold && g.is_some_and(|g| fits_gold(g, c.tag)),
                });
            }
            std::mem::swap(&mut scratch.hyps, &mut scratch.next);
            if gold.is_none() {
                // Decoding only: a hypothesis far behind the best is dropped. Otherwise one that
                // keeps a name open through a run of plain words would keep every hypothesis
                // from ending in O, and so the plain words from being skipped.
                let floor = scratch.hyps[0].score - scratch.margin;
                scratch.hyps.retain(|h| h.score >= floor);
            }
            let last = i + 1 == range.end;
            let violated = g.is_some()
                && (!scratch.hyps.iter().any(|h| h.gold) || (last && !scratch.hyps[0].gold));
            if violated {
                let best = scratch.hyps[0];
                backtrace(&scratch.nodes, best.node, &mut scratch.path);
                for (k, &t) in scratch.path.iter().enumerate() {
                    tags[from + k] = t;
                }
                if let Some(gold) = gold {
                    let end = ctx;
                    early_update(
                        scorer,
                        doc,
                        sentences,
                        range.clone(),
                        from,
                        end,
                        gold,
                        scratch,
                    );
                    // Restart from the gold path.
                    let (o1, o2) = (
                        scratch.oracle.last().copied().unwrap_or(TAG_O),
                        scratch.oracle.iter().rev().nth(1).copied().unwrap_or(ctx.0),
                    );
                    ctx = (o1, o2);
                    scratch.hyps.clear();
                    scratch.hyps.push(Hyp {
                        prev: o1,
                        prev2: o2,
                        ..start
                    });
                    from = i + 1;
                }
            }
        }
        if from < range.end {
            backtrace(&scratch.nodes, scratch.hyps[0].node, &mut scratch.path);
            for (k, &t) in scratch.path.iter().enumerate() {
                tags[from + k] = t;
            }
        }
        for i in range {
            remember(doc, &mut scratch.hist, i, tags[i]);
        }
    }
    tags
}

/// Put `c` into `best` (at most `width` extensions, best first, one per state): it replaces its
/// state's extension if it beats it, else enters if it beats the last. Strictly beats: among
/// equal scores the one generated first stays ahead, as in a stable sort.
fn keep_best(best: &mut Vec<Cand>, hyps: &[Hyp], width: usize, c: Cand) {
    let prev = hyps[c.hyp as usize].prev;
    let beats = |o: &Cand| c.score.total_cmp(&o.score).is_gt();
    if let Some(j) = best
        .iter()
        .position(|o| o.tag == c.tag && hyps[o.hyp as usize].prev == prev)
    {
        if !beats(&best[j]) {
            return;
        }
        best.remove(j);
    } else if best.len() == width && !best.last().is_some_and(beats) {
        return;
    }
    let at = best.iter().position(beats).unwrap_or(best.len());
    best.insert(at, c);
    best.truncate(width);
}

/// The tags of the hypothesis ending at `node`, first to last, into `out`.
fn backtrace(nodes: &[(u8, u32)], mut node: u32, out: &mut Vec<u8>) {
    out.clear();
    while let Some(&(t, up)) = nodes.get(node as usize) {
        out.push(t);
        node = up;
    }
    out.reverse();
}

/// The structured perceptron's update over `from..from + path.len()` (`scratch.path`, the
/// best hypothesis, which began after the tags `ctx`): reward the gold path's features, penalise
/// the predicted path's, where they differ. Leaves the gold path in `scratch.oracle`.
#[allow(clippy::too_many_arguments)]
fn early_update<S: Scorer>(
    scorer: &mut S,
    doc: &DocFeatures,
    sentences: &[Range<usize>],
    range: Range<usize>,
    from: usize,
    ctx: (u8, u8),
    gold: &[u8],
    scratch: &mut Scratch,
) {
    let bits = scorer.bits();
    // The gold path: where the gold tag is "O or MISC", the prediction if it fits.
    scratch.oracle.clear();
    let mut prev = ctx.0;
    for (k, &p) in scratch.path.iter().enumerate() {
        let g = gold.get(from + k).copied().unwrap_or(TAG_O);
        let mut o = if g != TAG_O_OR_MISC {
            g
        } else if fits_gold(g, p) {
            p
        } else {
            TAG_O
        };
        if !tag_allowed(prev, o) {
            o -= 1; // I-X after something else begins X
        }
        scratch.oracle.push(o);
        prev = o;
    }
    let (mut op, mut op2) = ctx;
    let (mut pp, mut pp2) = ctx;
    for k in 0..scratch.path.len() {
        let i = from + k;
        let (o, p) = (scratch.oracle[k], scratch.path[k]);
        if o != p || (op, op2) != (pp, pp2) {
            let hist = history(doc, &scratch.hist, i);
            if o != p {
                static_features(doc, bits, i, sentences, range.clone(), &mut scratch.feats);
                if doc.leaves_out_word_features() {
                    doc.word_features(bits, i, &mut scratch.feats);
                }
                scorer.adjust(&scratch.feats, o, 1.0);
                scorer.adjust(&scratch.feats, p, -1.0);
            }
            scratch.dyn_feats.clear();
            doc.dynamic_features(bits, i, op, op2, hist, &mut scratch.dyn_feats);
            scorer.adjust(&scratch.dyn_feats, o, 1.0);
            scratch.dyn_feats.clear();
            doc.dynamic_features(bits, i, pp, pp2, hist, &mut scratch.dyn_feats);
            scorer.adjust(&scratch.dyn_feats, p, -1.0);
        }
        (op2, op) = (op, o);
        (pp2, pp) = (pp, p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::ner::model::decode;

    /// A plain (not averaged) dense perceptron, enough to see that the beam trains.
    struct Toy(Vec<f32>);

    impl Scorer for Toy {
        fn bits(&self) -> u32 {
            12
        }
        fn score(&self, feats: &[Feat], out: &mut [f32; NUM_TAGS]) {
            *out = [0.0; NUM_TAGS];
            for &f in feats {
                let row = &self.0[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
        fn adjust(&mut self, feats: &[Feat], tag: u8, sign: f32) {
            for &f in feats {
                self.0[f as usize * NUM_TAGS + tag as usize] += sign;
            }
        }
    }

    #[test]
    fn the_beam_learns_and_decodes_whole_names() {
        use super::super::features::{tag_b, tag_i};
        use super::super::lexicon::Lexicon;
        let lex = Lexicon::parse("", "");
        let words = [
            "Bank",
            "of",
            "Ruritania",
            "staff",
            "met",
            "Ada",
            "Quill",
            ".",
            "Quill",
            "spoke",
            "to",
            "Bank",
            "of",
            "Ruritania",
            ".",
        ];
        let sents = vec![0..8, 8..15];
        let (b, i, o) = (tag_b, tag_i, TAG_O);
        let gold = [
            b(1),
            i(1),
            i(1),
            o,
            o,
            b(0),
            i(0),
            o,
            b(0),
            o,
            o,
            b(1),
            i(1),
            i(1),
            o,
        ];
        let doc = DocFeatures::new(&lex, &words, &sents);
        let mut toy = Toy(vec![0.0; (1 << 12) * NUM_TAGS]);
        let mut train = Scratch::every_token().with_beam(4);
        for _ in 0..10 {
            decode(&mut toy, &doc, &sents, Some(&gold), &mut train);
        }
        // Run time: plain tokens after an O skipped, the same beam.
        let got = decode(
            &mut toy,
            &doc,
            &sents,
            None,
            &mut Scratch::default().with_beam(4),
        );
        assert_eq!(got, gold);
    }

    #[test]
    fn keep_best_picks_what_a_sort_and_a_state_check_pick() {
        // Scores from a small set so that ties and repeated states are common.
        let mut x = 0x9e37_79b9_u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        for _ in 0..500 {
            let hyps: Vec<Hyp> = (0..1 + next() % 4)
                .map(|_| Hyp {
                    score: 0.0,
                    prev: (next() % 3) as u8,
                    prev2: 0,
                    node: NONE,
                    gold: false,
                })
                .collect();
            let cands: Vec<Cand> = (0..next() % 30)
                .map(|_| Cand {
                    score: (next() % 7) as f32,
                    tag: (next() % 4) as u8,
                    hyp: (next() as usize % hyps.len()) as u8,
                })
                .collect();
            let width = 1 + next() as usize % 5;
            let mut sorted = cands.clone();
            sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
            let mut want: Vec<Cand> = Vec::new();
            for c in sorted {
                let state = |c: &Cand| (c.tag, hyps[c.hyp as usize].prev);
                if want.len() < width && !want.iter().any(|w| state(w) == state(&c)) {
                    want.push(c);
                }
            }
            let mut got = Vec::new();
            for &c in &cands {
                keep_best(&mut got, &hyps, width, c);
            }
            let key = |v: &[Cand]| -> Vec<(u32, u8, u8)> {
                v.iter()
                    .map(|c| (c.score.to_bits(), c.tag, c.hyp))
                    .collect()
            };
            assert_eq!(key(&got), key(&want));
        }
    }

    #[test]
    fn a_masked_token_may_be_misc_or_o() {
        assert!(fits_gold(TAG_O_OR_MISC, TAG_O));
        assert!(fits_gold(TAG_O_OR_MISC, 7) && fits_gold(TAG_O_OR_MISC, 8));
        assert!(!fits_gold(TAG_O_OR_MISC, 1) && !fits_gold(TAG_O, 7));
    }
}
