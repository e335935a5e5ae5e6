//! The direct quotes of one field in sequence: which sieve finds each quotation's cue (inside an
//! interrupted quote, after it, a signature, before it, the previous sentence, a colon
//! paragraph), continuing speech and a second quote of the same sentence, the sentence's or
//! paragraph's subject, and the learned second opinion (`attribution::ranker`) on the weak
//! sieves; each speaker records the sieve that found it (`article::How`). The sieves themselves
//! are `attribution`'s; which quote spans form one quotation is `parts`'s; what the stage does
//! after (the abstain, fragments, reported speech) is `mod.rs`'s.

use crate::article::{Entity, Field, How, Quote, QuoteKind};

use super::attribution::{
    self, after_quote, before_quote, previous_sentence, sentence_subject, Found, MentionKind,
    NameIndex, Trace,
};
use super::cues::{self, is_cue_verb, words, DASHES};
use super::floor_boundary;
use super::parts::{self, group, interrupted};
use super::spans::{self, find_spans, para_start};

/// A direct quote's speaker from the mention its sieve found (`attribution::resolve_indexed`),
/// except that a campaign named by its candidate ("the Trump campaign", "Ada Byron's
/// campaign") speaks as that campaign ("Trump campaign", "Byron campaign"), as reported speech
/// names it (`indirect::campaign_of`): a candidate's campaign is not the candidate, and the
/// identity gold names it so.
fn speaker_of(text: &str, f: &Found, names: &NameIndex, prev: Option<&str>) -> Option<String> {
    if f.kind != MentionKind::Pronoun {
        if let Some(c) = super::indirect::campaign_of(text, names.entities(), f.mention) {
            return Some(c);
        }
    }
    attribution::resolve_indexed(text, f, names, prev)
}

/// How far back (bytes) the sentence before a quote is read for a cue, and how far ahead the words
/// after it: bounds that keep the scan linear on pathological paragraphs. A news sentence is
/// rarely longer than this.
const BEFORE_WINDOW: usize = 400;
const AFTER_WINDOW: usize = 200;

/// The direct quotes of one field, in text order, with their speakers: `ents` this field's
/// entities sorted by start and `names` their index; without the learned second opinion unless
/// `use_model`, recording its candidates in `trace` when given.
pub(super) fn quotes(
    field: Field,
    text: &str,
    ents: &[Entity],
    names: &NameIndex,
    use_model: bool,
    mut trace: Option<&mut Vec<Trace>>,
) -> Vec<Quote> {
    let spans = find_spans(text);
    let groups = group(text, &spans);
    let mut out: Vec<Quote> = Vec::with_capacity(groups.len());
    let mut prev_speaker: Option<String> = None;
    let mut resolved = attribution::Resolved::default();
    let mut prev_end: Option<usize> = None;
    let mut prev_start: Option<usize> = None;
    for g in &groups {
        let (first, last) = (g[0], g[g.len() - 1]);
        // 0. A transcript's speaker label opening the quote: `"PENCE: Well, look…"`.
        let mut found: Option<Found> =
            attribution::transcript_label(text, first.start, first.end, ents);
        let label = found.is_some();
        // The sieve that found the cue (see `How`); set together with `found`.
        let mut sieve = found.map(|_| How::Transcript);
        // 1. The cue inside an interrupted quote: “A,” he said, “B.” A first part that does not
        //    break off on a pause quotes a word of the sentence (`The four “loopholes” he cited
        //    are “…”`): the cue after the whole quote comes first then (2b below).
        let mut inner_cue = None;
        for w in g.windows(2) {
            if found.is_some() || inner_cue.is_some() {
                break;
            }
            let f = after_quote(text, w[0].outer_end, w[1].outer_start, true);
            if interrupted(text, &w[0]) {
                found = f;
                sieve = found.map(|_| How::CueInside);
            } else {
                inner_cue = f;
            }
        }
        // 2. After the quote — unless the quote closed its own sentence (`.”`): then what follows
        //    is a new sentence, not this quote's cue.
        let ends_sentence = text
            .get(last.start..last.end)
            .is_some_and(|t| t.trim_end().ends_with('.'));
        // A dash right after the closing mark signs the quote even when it ends its sentence:
        // `“… shame.” ― Sonya Herridge`, `“… Europe.” – said Peskov`.
        let dash_next = text
            .get(last.outer_end..)
            .is_some_and(|t| t.trim_start_matches([' ', '\u{a0}']).starts_with(DASHES));
        let cue_sentence_next = || short_cue_sentence(text, last.outer_end);
        if found.is_none() && last.closed && (!ends_sentence || dash_next || cue_sentence_next()) {
            let to = floor_boundary(text, last.outer_end + AFTER_WINDOW);
            let to = spans::para_end_of(text, last.outer_end).min(to);
            let comma = text
                .get(last.start..last.end)
                .is_some_and(|t| t.trim_end().ends_with([',', '?', '!']));
            found = after_quote(text, last.outer_end, to, comma);
            sieve = found.map(|_| How::CueAfter);
        }
        // 2b. The cue between the parts of a quote that did not break off on a pause.
        if found.is_none() {
            found = inner_cue;
            sieve = found.map(|_| How::CueInside);
        }
        // 2c. A signature paragraph right after: `“…”\n\n– Hillary Clinton.`
        if found.is_none()
            && last.closed
            && text
                .get(last.outer_end..spans::para_end_of(text, last.outer_end))
                .is_some_and(|t| t.trim().is_empty())
        {
            let rest = text.get(last.outer_end..).unwrap_or("");
            let skip = rest.len() - rest.trim_start().len();
            let next = last.outer_end + skip;
            let signed = text.get(next..).is_some_and(|t| t.starts_with(DASHES));
            if signed {
                let end = spans::para_end_of(text, next).min(floor_boundary(text, next + 120));
                found = after_quote(text, next, end, false);
                sieve = found.map(|_| How::Signature);
            }
        }
        // 3. Before the quote, in its own sentence.
        let mut sent_start = sentence_start(text, first.outer_start);
        // A full stop inside the previous quote does not start this sentence: `“… Indiana. He
        // has been a leader,” Cruz said, adding: “…”` reads from the quote's end, and the two
        // quotes are of one sentence.
        let mut joined = false;
        if let (Some(ps), Some(pe)) = (prev_start, prev_end) {
            if ps < sent_start && sent_start < pe && pe <= first.outer_start {
                sent_start = pe;
                // (Unless that quote closed its own sentence: `… shape.” The choice was …`.)
                joined = !text
                    .get(..pe)
                    .map(|t| t.trim_end_matches(['”', '"', '’', '\'', ' ']))
                    .is_some_and(|t| t.ends_with(['.', '?', '!']));
            }
        }
        // Nor is an earlier quote of the same sentence part of this one's context: in `“We
        // can’t,” Trump said, adding, “NATO costs…”` the subject is Trump, not the quoted "We".
        let ctx_start = match (prev_start, prev_end) {
            (Some(ps), Some(pe)) if sent_start <= ps && pe <= first.outer_start => pe,
            _ => sent_start,
        };
        if found.is_none() {
            found = before_quote(text, ctx_start, first.outer_start);
            sieve = found.map(|_| How::CueBefore);
        }
        // 3b. A quote opening its sentence, after a sentence that ends on its cue.
        if found.is_none()
            && text
                .get(sent_start..first.outer_start)
                .is_some_and(|s| s.trim().is_empty())
            && sent_start > para_start(text, first.outer_start)
        {
            let prev_start = sentence_start(text, sent_start.saturating_sub(1));
            // A sentence that began after a quote's closing mark (`…working.” Ada Byron says…`)
            // starts after the mark.
            let prev_start = text.get(prev_start..sent_start).map_or(prev_start, |p| {
                sent_start - p.trim_start_matches(['"', '”', '’', '\'', ' ']).len()
            });
            if prev_start < sent_start
                && !text
                    .get(prev_start..sent_start)
                    .is_some_and(|s| s.contains(['"', '“', '”']))
            {
                found = previous_sentence(text, prev_start, sent_start);
                // Or that sentence's subject reports through its verb anywhere in it: `Tom
                // Lee, his partner, called him a master of deals. “He showed again…”`.
                if found.is_none() {
                    found = sentence_subject(text, prev_start, sent_start).filter(|f| {
                        f.kind == MentionKind::Name
                            && text
                                .get(f.cue.start..f.cue.end)
                                .is_some_and(|c| is_cue_verb(c) && !c.ends_with("ing"))
                    });
                }
                sieve = found.map(|_| How::PreviousSentence);
            }
        }
        // 3c. A quote opening its paragraph after a paragraph that ends on a colon: that
        //     paragraph's last sentence introduces it (`Ada Byron replied:\n\n“…”`).
        if found.is_none() {
            found = after_colon_paragraph(text, first.outer_start);
            sieve = found.map(|_| How::ColonParagraph);
        }
        let found = found.map(|f| attribution::governing_subject(text, sent_start, f));
        let (mut speaker, mut mention, cue) = match &found {
            Some(f) => (
                speaker_of(text, f, names, prev_speaker.as_deref()),
                Some((f.mention.start, f.mention.end)),
                text.get(f.cue.start..f.cue.end).map(str::to_string),
            ),
            None => (None, None, None),
        };
        // A transcript label that names nobody the article tags speaks under its own name,
        // in the article's spelling: `WALLACE:` is Wallace.
        if label {
            let tag = mention.and_then(|(s, e)| text.get(s..e));
            // (A short label resolves as an acronym, `PENCE`, when nobody is tagged for it.)
            if speaker.is_none() || speaker.as_deref() == tag {
                speaker = tag.map(title_case);
            }
        }
        // 4. Continuing speech: no cue, the quote opens its sentence, and the previous quote
        //    ended in this paragraph or the one before.
        if found.is_none() {
            let opens = text
                .get(sent_start..first.outer_start)
                .is_some_and(|s| s.trim().is_empty());
            if let (true, Some(pe), Some(prev)) = (opens, prev_end, out.last()) {
                let between = text.get(pe..first.outer_start).unwrap_or("\n\n\n");
                let breaks = between.split('\n').filter(|l| !l.trim().is_empty()).count();
                // Another person brought in since the previous quote ended may be the one
                // speaking now: no speaker then, rather than a guess.
                let other = prev.speaker.as_deref().is_some_and(|p| {
                    let q = (first.outer_start, last.outer_end);
                    attribution::continuation_blocked(text, ents, pe, q, p)
                });
                if breaks <= 1 && prev.speaker.is_some() && !other {
                    speaker = prev.speaker.clone();
                    mention = prev.speaker_start.zip(prev.speaker_end);
                    sieve = Some(How::Continuation);
                }
            }
        }
        // 4b. A second quote of the same sentence with no cue of its own shares the first one's
        //     speaker: `Ada Byron called it “a start” but described the plan as “too slow.”`.
        let same_sentence = joined || prev_start.is_some_and(|ps| sent_start <= ps);
        if found.is_none() && mention.is_none() && same_sentence {
            if let Some(prev) = out.last().filter(|p| Some(p.start) > prev_start) {
                speaker = prev.speaker.clone();
                mention = prev.speaker_start.zip(prev.speaker_end);
                sieve = Some(How::SameSentence);
            }
        }
        // 5. The sentence's subject, read only when nothing above named a speaker.
        let mut subject = None;
        if found.is_none() && mention.is_none() {
            if let Some(f) = sentence_subject(text, sent_start, first.outer_start) {
                speaker = speaker_of(text, &f, names, prev_speaker.as_deref());
                mention = Some((f.mention.start, f.mention.end));
                (subject, sieve) = (Some(f), Some(How::SentenceSubject));
            }
        }
        // 6. A paragraph that opens with an uncued quote, after a paragraph about someone:
        //    that paragraph's last sentence's subject ("Viguerie is upbeat…\n\n“Not only…”"),
        //    or the speaker that sentence ends on (`…, Ada Byron said.\n\n“…”`: the reported
        //    speech goes on in her own words).
        let ps = para_start(text, first.outer_start);
        if found.is_none() && mention.is_none() && sent_start == ps && ps > 0 {
            let prev_end = text.get(..ps).map_or(0, |t| t.trim_end().len());
            let prev_sent = sentence_start(text, prev_end.saturating_sub(1));
            let prev_text = text.get(prev_sent..prev_end).unwrap_or("");
            if !prev_text.contains(['"', '“', '”']) {
                let reported = previous_sentence(text, prev_sent, prev_end)
                    .filter(|f| f.kind == MentionKind::Name);
                if let Some(f) = reported {
                    speaker = speaker_of(text, &f, names, prev_speaker.as_deref());
                    mention = Some((f.mention.start, f.mention.end));
                    (subject, sieve) = (Some(f), Some(How::PreviousSentence));
                } else if let Some(f) = sentence_subject(text, prev_sent, prev_end) {
                    speaker = speaker_of(text, &f, names, prev_speaker.as_deref());
                    mention = Some((f.mention.start, f.mention.end));
                    (subject, sieve) = (Some(f), Some(How::ParagraphSubject));
                }
            }
        }
        // 7. The learned second opinion on the weak sieves (`attribution::ranker`).
        let mut cue = cue;
        let mut ranked: Option<Found> = None;
        let decided = speaker.as_ref().and(sieve);
        // (Candidates for a quote no sieve spoke for are built only when the model may add a
        // speaker there, or for training.)
        let model_acts = use_model && (decided.is_some() || attribution::ranker_adds());
        if attribution::ranker_applies(decided) && (model_acts || trace.is_some()) {
            let pick = speaker.clone().and_then(|s| {
                let f = found.or(subject).or_else(|| {
                    mention.map(|(a, b)| {
                        let w = cues::Word { start: a, end: b };
                        Found {
                            cue: w,
                            mention: w,
                            kind: MentionKind::Name,
                        }
                    })
                })?;
                Some((f, s))
            });
            let before = text.get(..sent_start).map_or(0, |t| t.trim_end().len());
            let cx = attribution::Context {
                text,
                entities: ents,
                names,
                q_start: first.outer_start,
                q_end: last.outer_end,
                q_words: text
                    .get(first.start..last.end)
                    .map_or(0, |t| t.split_whitespace().count()),
                sent_start,
                para_start: ps,
                prev_sent: if before > 0 {
                    sentence_start(text, before - 1)
                } else {
                    sent_start
                },
                sieve: decided,
                pick,
                prev_end,
                prev_pick: out
                    .last()
                    .and_then(|p| Some(((p.speaker_start?, p.speaker_end?), p.speaker.clone()?))),
                prev_speaker: prev_speaker.as_deref(),
            };
            let had_pick = cx.pick.is_some();
            let cands = attribution::candidates(&cx, &mut resolved, trace.is_some());
            if model_acts {
                match attribution::decide(&cands, had_pick) {
                    attribution::Decision::Pick(0) if had_pick => {}
                    attribution::Decision::Pick(i) => {
                        let c = &cands[i];
                        speaker = Some(c.speaker.clone());
                        mention = Some((c.found.mention.start, c.found.mention.end));
                        sieve = Some(c.how);
                        ranked = Some(c.found);
                        cue = (c.found.cue != c.found.mention)
                            .then(|| text.get(c.found.cue.start..c.found.cue.end))
                            .flatten()
                            .map(str::to_string);
                    }
                    // The cascade's pick is not likely enough: no speaker beats a wrong one.
                    attribution::Decision::Abstain if had_pick => {
                        speaker = None;
                        mention = None;
                    }
                    attribution::Decision::Abstain => {}
                }
            }
            if let Some(t) = trace.as_deref_mut() {
                t.push(Trace {
                    start: first.start,
                    end: last.end,
                    sieve: decided,
                    candidates: cands,
                });
            }
        }
        if let Some(s) = &speaker {
            prev_speaker = Some(s.clone());
        }
        prev_end = Some(last.outer_end);
        prev_start = Some(first.outer_start);
        let Some((parts, qtext)) = parts::parts_and_text(text, g) else {
            continue;
        };
        let how = speaker
            .as_ref()
            .and(sieve)
            .map(|sieve| how_found(text, sieve, ranked.or(found).or(subject)));
        // One quoted word that nobody is known to have said is a scare quote or a title
        // (NATO “legacy” Union), not speech: leave it out. On PolNeAR train this trades 1.1
        // points of recall for 1.4 of precision.
        if speaker.is_none() && qtext.split_whitespace().count() <= 1 {
            continue;
        }
        out.push(Quote {
            text: qtext,
            field,
            start: first.start,
            end: last.end,
            speaker,
            speaker_start: mention.map(|m| m.0),
            speaker_end: mention.map(|m| m.1),
            cue,
            kind: QuoteKind::Direct,
            how,
            parts,
        });
    }
    // An uncued quote before another of the same sentence whose cue follows it shares that
    // cue: `…carry “a great deal of weight” and bring “firepower” they need, Tom Lee said.`
    for k in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (&out[k], &out[k + 1]);
        let cued_after = b.speaker_start.is_some_and(|s| s >= b.end);
        let same_sentence = text.get(a.end..b.start).is_some_and(|gap| {
            let gap = gap.trim_start_matches(['”', '"', '’', '\'']);
            !gap.contains('\n') && !gap.contains(". ") && !gap.contains("? ") && !gap.contains("! ")
        });
        if a.speaker_start.is_none() && cued_after && same_sentence {
            let (speaker, s, e) = (b.speaker.clone(), b.speaker_start, b.speaker_end);
            let a = &mut out[k];
            a.how = speaker.as_ref().map(|_| How::SameSentence);
            a.speaker = speaker;
            a.speaker_start = s;
            a.speaker_end = e;
        }
    }
    out
}

/// What a quote's `how` says, given the sieve that found its cue (or subject) and that mention:
/// a pronoun or role resolution names itself, "according to" is its own cue; anything else is
/// the sieve.
fn how_found(text: &str, sieve: How, found: Option<Found>) -> How {
    let Some(f) = found else {
        return sieve;
    };
    if matches!(
        sieve,
        How::Continuation | How::SameSentence | How::Transcript
    ) {
        return sieve;
    }
    match f.kind {
        MentionKind::Pronoun => How::Pronoun,
        MentionKind::Role => How::Role,
        MentionKind::Name
            if text
                .get(f.cue.start..f.cue.end)
                .is_some_and(|c| c.eq_ignore_ascii_case("according to")) =>
        {
            How::AccordingTo
        }
        MentionKind::Name => sieve,
    }
}

/// "WALLACE" → "Wallace", "O'BRIEN" → "O'brien": capitals kept at the start of each word.
fn title_case(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut start = true;
    for c in label.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// True when the words after a quote that closed its sentence form a short cue clause of their
/// own: `“…the emails.” Ada Byron said.`, `“…tax cuts.” Tom Lee wrote on Monday.` — a writer's
/// stray full stop, not a new statement (that would say more: `He said the vote…`).
fn short_cue_sentence(text: &str, from: usize) -> bool {
    let to = floor_boundary(text, from + 120).min(spans::para_end_of(text, from));
    let ws = words(text, from, to);
    let Some(end) = ws.iter().position(|w| {
        matches!(
            text.get(w.start..w.end),
            Some("." | "!" | "?" | "“" | "\"" | "”" | ";")
        )
    }) else {
        return false;
    };
    let clause = &ws[..end];
    let word = |w: &cues::Word| text.get(w.start..w.end).unwrap_or("");
    let opens_cap = clause.first().is_some_and(|w| cues::is_cap(word(w)));
    let cue = clause
        .iter()
        .any(|w| is_cue_verb(word(w)) && !word(w).ends_with("ing"));
    // A subject pronoun opens the cue clause (`He said.`); one after it starts reported speech.
    let clause_of_its_own = clause.iter().skip(1).any(|w| {
        matches!(
            word(w),
            "that" | "he" | "she" | "they" | "it" | "was" | "is"
        )
    });
    opens_cap
        && cue
        && clause.len() <= 8
        && text.get(ws[end].start..ws[end].end) == Some(".")
        && !clause_of_its_own
}

/// The cue of a quote at `at` that opens its paragraph, when the paragraph before ends on a
/// colon: read from that paragraph's last sentence, as if the quote followed it directly.
fn after_colon_paragraph(text: &str, at: usize) -> Option<Found> {
    let ps = para_start(text, at);
    if ps == 0 || !text.get(ps..at)?.trim().is_empty() {
        return None;
    }
    let prev = text.get(..ps)?.trim_end();
    if !prev.ends_with(':') {
        return None;
    }
    let from = sentence_start(text, prev.len() - 1);
    before_quote(text, from, prev.len())
}

/// The start of the sentence holding `at`: after the last sentence-final `.`/`!`/`?` word of the
/// paragraph before `at` (within `BEFORE_WINDOW`), or the paragraph start.
///
/// The window is read backwards in pieces that start at a space, so that usually only the last
/// sentence's words are built: the scanner's words never cross whitespace, so each piece splits
/// exactly as the whole window would.
fn sentence_start(text: &str, at: usize) -> usize {
    const PIECE: usize = 96;
    let ps = para_start(text, at);
    let from = floor_boundary(text, at.saturating_sub(BEFORE_WINDOW)).max(ps);
    let bytes = text.as_bytes();
    let mut hi = at;
    while hi > from {
        let lo = bytes
            .get(from..hi.saturating_sub(PIECE).max(from))
            .and_then(|r| r.iter().rposition(u8::is_ascii_whitespace))
            .map_or(from, |i| from + i);
        // Most pieces hold no sentence-final mark at all: then no words need building.
        if memchr::memchr3(b'.', b'!', b'?', bytes.get(lo..hi).unwrap_or(&[])).is_none() {
            hi = lo;
            continue;
        }
        // A full stop ends a sentence only before a space ("R-Ky., told" does not).
        let end = words(text, lo, hi).into_iter().rev().find(|w| {
            matches!(text.get(w.start..w.end), Some("." | "!" | "?"))
                && text
                    .get(w.end..)
                    .and_then(|r| r.chars().next())
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\''))
        });
        if let Some(w) = end {
            return w.end;
        }
        hi = lo;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Label;

    #[test]
    fn a_campaign_speaks_as_the_campaign() {
        // As reported speech names it (`indirect::campaign_of`): not the candidate.
        let person = |t: &str, at: usize, len: usize| Entity {
            text: t[at..at + len].to_string(),
            label: Label::Per,
            field: Field::Body,
            start: at,
            end: at + len,
            canonical: "Ada Byron".into(),
        };
        let direct = |t: &str, ents: &[Entity]| -> Vec<Option<String>> {
            super::super::extract(Field::Body, t, ents)
                .into_iter()
                .filter(|q| q.kind == QuoteKind::Direct)
                .map(|q| q.speaker)
                .collect()
        };
        for t in [
            "Ada Byron toured Ohio.\n\n“The bridge is safe,” the Byron campaign said.",
            "Ada Byron toured Ohio.\n\n“The bridge is safe,” Byron's campaign said.",
        ] {
            let ents = [person(t, 0, 9), person(t, t.rfind("Byron").unwrap(), 5)];
            assert_eq!(direct(t, &ents), [Some("Byron campaign".into())], "{t}");
        }
    }

    #[test]
    fn sentence_start_reads_back_piece_by_piece_as_the_whole_window() {
        // The whole window split at once, as sentence_start did before reading it in pieces.
        let whole = |text: &str, at: usize| {
            let ps = para_start(text, at);
            let from = floor_boundary(text, at.saturating_sub(BEFORE_WINDOW)).max(ps);
            words(text, from, at)
                .iter()
                .rev()
                .find(|w| {
                    matches!(text.get(w.start..w.end), Some("." | "!" | "?"))
                        && text
                            .get(w.end..)
                            .and_then(|r| r.chars().next())
                            .is_none_or(|c| c.is_whitespace() || matches!(c, '"' | '”' | '’'))
                })
                .map_or(from, |w| w.end)
        };
        let text = "First line.\nThe U.S. envoy spoke at length about the long and winding \
                    negotiations in Geneva, which lasted far into the night! Then Mr. Ode, a \
                    veteran of many such talks (and of 9/11 inquiries), said “no.” Was it over? \
                    Nobody in the building on that cold and windy evening of the summit could \
                    say for certain what would happen next in the talks.";
        for (at, _) in text.char_indices() {
            assert_eq!(sentence_start(text, at), whole(text, at), "at {at}");
        }
    }
}
