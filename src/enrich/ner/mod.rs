//! Named-entity recognition: tokens → PER/ORG/LOC/MISC mentions with byte spans.
//!
//! A beam-decoded averaged perceptron (see `model` and `beam`) over hashed features (see `features`), trained on
//! CoNLL-2003 `eng.train` by `examples/train_ner.rs` (`scripts/train-ner`) and embedded in the
//! binary. The fields of one article (title, body) are tagged as one document, so that the
//! non-local features — how a word is cased and how it was labelled elsewhere in the article —
//! see the whole article.
//!
//! This module owns mention detection and labels; canonical names are `names`' job.

pub mod beam;
pub mod boundaries;
pub mod features;
pub mod hashing;
pub mod lexicon;
pub mod model;
pub mod non_names;
pub mod org_heads;
pub mod rules;
mod tokens;

use std::ops::Range;

use crate::article::Label;
use crate::enrich::tokenize::{self, Tokenized};

use features::{tag_type, DocFeatures, TAG_O};
use lexicon::Lexicon;
use model::{Scratch, Weights};

/// One entity mention in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the field's text.
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The field's token indices the mention covers (into that field's [`Tokenized`]).
    pub tokens: Range<usize>,
}

/// A field's tokens and the mentions found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaggedField {
    pub tokens: Tokenized,
    pub mentions: Vec<Mention>,
}

/// Label type index (as used by the tagger) → [`Label`].
pub fn label_of(k: u8) -> Label {
    match k {
        0 => Label::Per,
        1 => Label::Org,
        2 => Label::Loc,
        _ => Label::Misc,
    }
}

/// IOB2 tags → entity token spans with their label type. Tolerates IOB1-style input (an I-
/// after O or after another type starts a new entity).
pub fn spans(tags: &[u8]) -> Vec<(Range<usize>, u8)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let ty = tag_type(t);
        let begins = t != TAG_O && (t % 2 == 1 || cur.map(|c| c.1) != ty);
        if t == TAG_O || begins {
            if let Some((s, k)) = cur.take() {
                out.push((s..i, k));
            }
        }
        if begins {
            cur = ty.map(|k| (i, k));
        }
    }
    if let Some((s, k)) = cur {
        out.push((s..tags.len(), k));
    }
    out
}

/// Tokenise and tag the fields of one article (e.g. `[title, body]`) as one document.
pub fn recognize(texts: &[&str]) -> Vec<TaggedField> {
    let tokens: Vec<Tokenized> = texts.iter().map(|t| tokenize::analyze(t)).collect();
    let mentions = recognize_tokenized(texts, &tokens);
    tokens
        .into_iter()
        .zip(mentions)
        .map(|(tokens, mentions)| TaggedField { tokens, mentions })
        .collect()
}

/// Tag already tokenised fields; returns one mention list per field.
pub fn recognize_tokenized(texts: &[&str], fields: &[Tokenized]) -> Vec<Vec<Mention>> {
    let pass1 = Weights::pass1();
    let pass2 = Weights::pass2();
    let mut out = vec![Vec::new(); fields.len()];
    if !pass1.is_trained() {
        return out;
    }
    let mut words: Vec<&str> = Vec::new();
    let mut sentences: Vec<Range<usize>> = Vec::new();
    // Global token index where each field starts.
    let mut offsets = Vec::with_capacity(fields.len());
    for (text, tz) in texts.iter().zip(fields) {
        let base = words.len();
        offsets.push(base);
        words.extend(tz.tokens.iter().map(|t| t.text(text)));
        for s in &tz.sentences {
            sentences.push(base + s.tokens.start..base + s.tokens.end);
        }
    }
    let mut doc = DocFeatures::new(Lexicon::embedded(), &words, &sentences);
    doc.leave_out_word_features();
    let mut scratch = Scratch::default();
    let mut tags = model::decode(&mut &*pass1, &doc, &sentences, None, &mut scratch);
    if pass2.is_trained() {
        doc.set_first_pass(&tags);
        tags = model::decode(&mut &*pass2, &doc, &sentences, None, &mut scratch);
    }
    for (fi, tz) in fields.iter().enumerate() {
        let base = offsets[fi];
        let end = base + tz.tokens.len();
        for (r, k) in spans(tags.get(base..end).unwrap_or(&[])) {
            let (Some(first), Some(last)) = (tz.tokens.get(r.start), tz.tokens.get(r.end - 1))
            else {
                continue;
            };
            out[fi].push(Mention {
                start: first.start,
                end: last.end,
                label: label_of(k),
                tokens: r,
            });
        }
    }
    for ((text, tz), ms) in texts.iter().zip(fields).zip(out.iter_mut()) {
        rules::trim_punctuation(text, &tz.tokens, ms);
        *ms = rules::repair(text, &tz.tokens, std::mem::take(ms));
        *ms = rules::split_adjectives(text, &tz.tokens, std::mem::take(ms));
        rules::lowercase_places(text, &tz.tokens, ms);
        rules::gazetteer_people(text, &tz.tokens, ms);
        org_heads::relabel(text, &tz.tokens, ms);
        boundaries::repair(text, &tz.tokens, ms);
        rules::drop_non_names(text, ms);
        *ms = non_names::repair(text, &tz.tokens, std::mem::take(ms));
    }
    // "A and B" organisations: only articles that have one pay for collecting the evidence
    // (every mention's text, lowercased).
    let coordinated = texts.iter().zip(fields).zip(&out).any(|((text, tz), ms)| {
        ms.iter().any(|m| {
            m.label == Label::Org
                && m.tokens
                    .clone()
                    .any(|k| tz.tokens.get(k).is_some_and(|t| t.text(text) == "and"))
        })
    });
    if coordinated {
        let mut alone: Vec<String> = texts
            .iter()
            .zip(&out)
            .flat_map(|(text, ms)| {
                ms.iter()
                    .map(|m| tokenize::lowercase(text.get(m.start..m.end).unwrap_or("")))
            })
            .collect();
        alone.sort();
        alone.dedup();
        for ((text, tz), ms) in texts.iter().zip(fields).zip(out.iter_mut()) {
            *ms = rules::split_coordinations(text, &tz.tokens, std::mem::take(ms), &alone);
        }
    }
    // Multi-word person names anywhere in the article, lowercased ("donald trump").
    let mut full_names: Vec<String> = Vec::new();
    for (text, ms) in texts.iter().zip(&out) {
        for m in ms
            .iter()
            .filter(|m| m.label == Label::Per && m.tokens.len() > 1)
        {
            full_names.push(tokenize::lowercase(text.get(m.start..m.end).unwrap_or("")));
        }
    }
    full_names.sort();
    full_names.dedup();
    let mut surnames: Vec<String> = full_names
        .iter()
        .filter_map(|f| f.rsplit(' ').next().map(str::to_string))
        .collect();
    surnames.sort();
    surnames.dedup();
    for (text, ms) in texts.iter().zip(out.iter_mut()) {
        rules::surnames_are_people(text, ms, &surnames);
    }
    let mut short = Vec::new();
    for ((text, tz), ms) in texts.iter().zip(fields).zip(&out) {
        org_heads::short_names(text, &tz.tokens, ms, &mut short);
    }
    if !short.is_empty() {
        for (text, ms) in texts.iter().zip(out.iter_mut()) {
            org_heads::short_names_are_orgs(text, ms, &short, &surnames);
        }
    }
    for ((text, tz), ms) in texts.iter().zip(fields).zip(out.iter_mut()) {
        rules::extend_lowercase_surnames(text, &tz.tokens, ms, &full_names);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use features::{tag_b, tag_i};

    #[test]
    fn spans_from_iob2_and_iob1() {
        let t = [
            TAG_O,
            tag_b(0),
            tag_i(0),
            tag_b(0),
            TAG_O,
            tag_i(2),
            tag_i(1),
        ];
        assert_eq!(spans(&t), vec![(1..3, 0), (3..4, 0), (5..6, 2), (6..7, 1)]);
    }
}
