//! What stands next to a span the tagger found (`reported_span`): the source and cue before or
//! after it ("Ada Byron has argued that …", "according to X, …", "…, X said."), whether the cue
//! reports at all (negated, modal, conditional, passive, an order), whether the subject is a
//! clean name, and the quote built from them, its speaker resolved as the rules resolve theirs.

use crate::article::{Entity, Field, How, Quote};

use super::super::attribution::{sentence_subject, Found, MentionKind};
use super::super::cues::{is_cap, is_dash, is_punct, is_role_noun, is_title, lower};
use super::super::indirect::{description_quote, speaker_quote};
use super::super::reported::{is_aux, is_cue_word, is_hedge, is_lead, source_of, Source};
use super::super::speakers::FieldEntities;
use super::Word;

/// The quote of a span with its source: the speaker resolved as the rules resolve theirs; a
/// name, pronoun or description that does not resolve gives no speaker.
#[allow(clippy::too_many_arguments)] // the parts of one quote, by name
pub(super) fn build(
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
    if clean {
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

pub(super) fn tok<'t>(text: &'t str, w: &Word) -> &'t str {
    text.get(w.start..w.end).unwrap_or("")
}

/// What stands next to a span: a source and its cue, a cue that reports nothing (negated,
/// modal or conditional), a cue whose subject is not the span's source (passive, an order,
/// "added" or "said it" with a plain object), or nothing the rules below know.
pub(super) enum Src {
    /// A source, its cue, and whether the subject phrase is a clean name (`clean_subject`).
    Found(Source, Word, bool),
    Hedged,
    NotSubject,
    Unknown,
}

/// The source of content words `a..b` of sentence `ws`, and its cue: a cue within four words
/// before the span with its subject ("Ada Byron has long argued that …", "officials told
/// reporters …"), "according to X, …", or a closing "…, X said." / "…, said X."
pub(super) fn source(
    text: &str,
    ents: &[Entity],
    ws: &[Word],
    a: usize,
    b: usize,
    body_end: usize,
) -> Src {
    // A conditional sentence reports nothing ("If Ada Byron said that…, nobody believed her").
    if ws
        .first()
        .is_some_and(|w| matches!(tok(text, w), "If" | "Unless" | "Whether"))
    {
        return Src::Hedged;
    }
    match found_source(text, ents, ws, a, b, body_end) {
        Some(NextTo {
            src,
            cue,
            auxs,
            clean,
        }) => {
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

/// A source next to a span as `found_source` reads it: the source, its cue, the cue's
/// auxiliaries (lowercase) and whether the subject phrase names the source cleanly
/// (`clean_subject`).
struct NextTo {
    src: Source,
    cue: Word,
    auxs: Vec<String>,
    clean: bool,
}

/// The source next to a span, its cue and the cue's auxiliaries.
fn found_source(
    text: &str,
    ents: &[Entity],
    ws: &[Word],
    a: usize,
    b: usize,
    body_end: usize,
) -> Option<NextTo> {
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
            // "Ada Byron said he …, arguing that …", "Ada Byron, at the hearing, cited …", "Ada
            // Byron has praised … but has said she will …": a cue right after a comma (a
            // participle, or the verb after an aside), or a verb joined by "and"/"but",
            // reports through the subject of the sentence's main clause, read as the direct
            // quotes' sentence-subject sieve reads it (a name or pronoun opening the sentence,
            // past asides, then its verb).
            let after_comma = s == j && j > 0 && t(j - 1) == ",";
            let joined = j > 0 && matches!(t(j - 1), "and" | "but");
            // "…, writes The Observer, citing …": the clause before the comma is an inverted
            // attribution, whose source (not the sentence's subject) is the one citing; that
            // is left without a speaker rather than given to the main subject.
            let inverted = after_comma && {
                let c = j - 1;
                let from = (0..c).rev().find(|&i| is_punct(t(i))).map_or(0, |i| i + 1);
                from < c && is_cue_word(t(from))
            };
            if (after_comma || joined) && !inverted {
                return sentence_subject(text, ws[0].start, ws[j - 1].start).map(|f| NextTo {
                    src: Source {
                        mention: f.mention,
                        kind: f.kind,
                        class: match f.kind {
                            MentionKind::Pronoun => "PRON",
                            MentionKind::Name => "PER",
                            MentionKind::Role => "DESC",
                        },
                    },
                    cue: ws[v],
                    auxs: auxs_of(j, v),
                    clean: true,
                });
            }
            if s < j && j - s <= 8 {
                if let Some(src) = source_of(text, ents, &ws[s..j]) {
                    // "Clinton plans to visit…, according to a campaign aide": the sentence
                    // names another source after the span.
                    let later = ws[b..].iter().any(|w| tok(text, w) == "according");
                    let clean = clean_subject(text, &ws[s..j], &src) && !later;
                    return Some(NextTo {
                        src,
                        cue: ws[v],
                        auxs: auxs_of(j, v),
                        clean,
                    });
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
                    return Some(NextTo {
                        src,
                        cue: ws[i],
                        auxs: Vec::new(),
                        clean,
                    });
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
        return source_of(text, ents, subj).map(|src| {
            let clean = clean_subject(text, subj, &src);
            NextTo {
                src,
                cue,
                auxs,
                clean,
            }
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
pub(in crate::enrich::quotes) fn clean_subject(text: &str, phrase: &[Word], src: &Source) -> bool {
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

/// Words a subordinate clause or an aside opens with, before its subject, which may be a source
/// ("though Lynch notes …", "while Ada Byron has said …", "as X reported, …"): the one list of
/// both readers of a span's source, the rules' (`clean_subject`) and the learned selector's
/// (`ranker`), which had eight and twelve of these words; their union changes no quote on dev,
/// tune, tune-id, wwn-tune-ind or wwn-tune2.
pub(super) const SUBORDINATORS: [&str; 13] = [
    "after", "though", "although", "since", "once", "before", "until", "because", "while", "as",
    "when", "if", "whereas",
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
/// and no lowercase word but a name particle, or the head of a campaign's name ("Trump
/// campaign", as `indirect::speaker` names one).
pub(super) fn clean_speaker(s: &str) -> bool {
    let s = s.strip_suffix(" campaign").unwrap_or(s);
    s.split_whitespace().all(|w| {
        !is_dash(w)
            && (is_cap(w)
                || matches!(
                    w,
                    "de" | "da" | "del" | "der" | "van" | "von" | "al" | "bin" | "la" | "le" | "du"
                ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::quotes::cues::words;

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
        assert!(clean_speaker("Byron campaign"));
        assert!(!clean_speaker("Hillary Clinton — Who") && !clean_speaker("Byron campaign said"));
    }
}
