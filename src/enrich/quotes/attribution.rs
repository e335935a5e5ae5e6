//! Speaker attribution: from the words around a quote to a cue, a speaker *mention* (the
//! syntactic source nearest the cue: "he", "Stoltenberg", "the NATO Secretary General") and a
//! canonical speaker name. Sieves, most precise first: a named mention next to the cue; a pronoun
//! → the most recent person; a role phrase → the person introduced with that role; "the
//! newspaper" → the most recent media organisation. Continuing speech is decided by the caller,
//! which sees the sequence of quotes. When a sieve is unsure it yields no name (null), never a
//! guess.
//!
//! Names come from the entities stage (`Entity::canonical` of PER/ORG mentions). When a cue's
//! subject is a capitalised name that the entities do not cover (no tagger yet, or a miss), a
//! documented fallback uses the name as written, expanded from a surname to the fuller form
//! written earlier in the article ("Stoltenberg" → "Jens Stoltenberg").
//!
//! Layout: this file holds the mention kinds and the subject readers every sieve shares
//! (`classify`, `subject_after`, `subject_before`); each sieve's scanner has its own file under
//! `attribution/`, named after the `how` it gives (`cue_after`, `cue_before`, `transcript`,
//! `previous_sentence`, `sentence_subject`), and a mention becomes a name in `resolve` (with
//! `antecedents` for pronouns, `holders` for roles and outlets, `names` for the output form,
//! `name_index` for the field's names by word).
//! The tests, and the helpers the sieves' own tests share, are in `attribution/tests.rs`. The
//! children read this module's items and each other's through `use super::*`.

use crate::article::{Entity, Label};

use super::cues::{
    ends_phrase, is_aux_or_adverb, is_cap, is_count_or_time_word, is_cue_verb, is_dash,
    is_function_word, is_media_noun, is_pronoun, is_punct, is_role_noun, is_title, lower,
    single_char, words, Word, DASHES,
};
use super::gender;

mod antecedents;
mod bodies;
mod confidence;
mod continuation;
mod cue_after;
mod cue_before;
mod documents;
mod holders;
pub(in crate::enrich::quotes) mod model_file;
mod name_index;
mod name_parts;
mod names;
mod places;
mod previous_sentence;
mod pronoun_cases;
mod pronoun_gate;
mod ranker;
mod resolve;
mod sentence_subject;
mod transcript;

use antecedents::*;
use bodies::*;
pub use confidence::*;
pub use continuation::*;
pub use cue_after::*;
pub use cue_before::*;
use documents::*;
use holders::*;
pub use name_index::NameIndex;
use name_parts::*;
use names::*;
pub use places::persons_by_majority;
use places::*;
pub use previous_sentence::*;
use pronoun_cases::Branch;
pub use pronoun_cases::{pronoun_cases, PronounCase};
pub use pronoun_gate::*;
pub use ranker::*;
pub use resolve::*;
pub use sentence_subject::*;
pub use transcript::*;

/// What kind of mention a cue's subject is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Pronoun,
    Name,
    /// A determiner phrase or a capitalised title without a name ("the Kremlin spokesman").
    Role,
}

/// A cue with its subject mention, found in the context of one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub cue: Word,
    pub mention: Word,
    pub kind: MentionKind,
}

fn is_determiner(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "my"
            | "our"
            | "your"
            | "one"
            | "another"
            | "this"
            | "these"
            | "those"
            | "several"
            | "some"
            | "many"
            | "both"
    )
}

/// Classify a phrase `ws` as a mention.
fn classify(text: &str, ws: &[Word]) -> Option<MentionKind> {
    let first = text.get(ws.first()?.start..ws.first()?.end)?;
    let last = text.get(ws.last()?.start..ws.last()?.end)?;
    if ws.len() == 1 && is_pronoun(first) {
        return Some(MentionKind::Pronoun);
    }
    if ws
        .iter()
        .all(|w| text.get(w.start..w.end).is_some_and(is_date_word))
    {
        return None;
    }
    if is_determiner(first) {
        if ws.len() == 1 {
            return None;
        }
        // "the billionaire Donald Trump": a name at the end wins over the role.
        if is_cap(last) && !is_role_noun(last) && !is_title(last) {
            return Some(MentionKind::Name);
        }
        return Some(MentionKind::Role);
    }
    if is_cap(first) && !is_function_word(first) {
        if is_role_noun(last) || is_title(last) {
            return Some(MentionKind::Role);
        }
        return Some(MentionKind::Name);
    }
    None
}

/// The subject after an inverted verb: `said Stoltenberg`, `said the NATO Secretary General`.
fn subject_after(text: &str, ws: &[Word]) -> Option<(Word, MentionKind)> {
    let first = ws.first()?;
    let f = text.get(first.start..first.end)?;
    if is_pronoun(f) {
        return Some((*first, MentionKind::Pronoun));
    }
    // "said Will Doyle": after an inverted verb a capitalised "Will" is a name.
    let name_like = is_cap(f)
        && ws
            .get(1)
            .and_then(|w| text.get(w.start..w.end))
            .is_some_and(is_cap);
    if ends_phrase(f) || (is_aux_or_adverb(f) && !name_like) {
        return None;
    }
    let mut n: usize = 0;
    let mut seen_cap = false;
    let mut limit = 8;
    for w in ws {
        if n == limit {
            break;
        }
        let t = text.get(w.start..w.end)?;
        // "Stephen Vladeck of the University of Texas": the name ends at its preposition.
        // "an Acme poll released Thursday": a date after the head is no part of the name (but
        // "a Wednesday editorial" is a modifier).
        // Nor is a participle after it: "an Acme poll released …" (but "the newly elected").
        let prev = n
            .checked_sub(1)
            .and_then(|p| ws.get(p))
            .and_then(|p| text.get(p.start..p.end))
            .unwrap_or("");
        let participle = n > 1
            && t.len() > 4
            && t.ends_with("ed")
            && !is_cap(t)
            && !prev.ends_with("ly")
            && !is_determiner(prev);
        // "said Economic and Fiscal Policy Minister Heizo Takenaka", "Health and Human
        // Services Secretary Ada Byron": an "and" inside a title, whose capitalised words
        // run on to a role word and a name after it, does not end the phrase (the last
        // capitalised run below then holds the name). "Ada Byron and Sen. Tom Lee" still ends.
        // A first name two words back means a person ends at the "and" ("Senate leader Phil
        // Berger and House Speaker Tim Moore" are two speakers).
        let after_person = n >= 2
            && ws
                .get(n - 2)
                .and_then(|w| text.get(w.start..w.end))
                .is_some_and(gender::is_first_name);
        let and_in_title = t == "and" && seen_cap && !after_person && {
            let after = ws.get(n + 1..).unwrap_or(&[]);
            let caps = after
                .iter()
                .take_while(|w| {
                    text.get(w.start..w.end)
                        .is_some_and(|x| is_cap(x) && !is_punct(x))
                })
                .count();
            let titled = after[..caps]
                .iter()
                .position(|w| {
                    text.get(w.start..w.end)
                        .is_some_and(|x| is_title(x) || is_role_noun(x))
                })
                .is_some_and(|r| r + 1 < caps);
            // Such a phrase runs past the usual eight words ("former Pennsylvania Gov. and
            // Democratic National Committee Chairman Ed Rendell"): to the end of that run.
            if titled {
                limit = limit.max(n + 1 + caps);
            }
            titled
        };
        if (is_punct(t) || (n > 0 && ends_phrase(t))) && !and_in_title
            || (n > 1 && is_date_word(t))
            || participle
            || (seen_cap && matches!(t, "of" | "for"))
        {
            break;
        }
        seen_cap |= is_cap(t);
        n += 1;
    }
    let phrase = ws.get(..n)?;
    // "said Rubio’s deputy campaign manager, Rich Beeson, who…": the name in the appositive.
    if ws.get(n).and_then(|w| text.get(w.start..w.end)) == Some(",") {
        let rest = ws.get(n + 1..).unwrap_or(&[]);
        let k = rest
            .iter()
            .take(4)
            .take_while(|w| {
                text.get(w.start..w.end)
                    .is_some_and(|t| is_cap(t) && !is_punct(t))
            })
            .count();
        let closes = rest
            .get(k)
            .is_none_or(|w| matches!(text.get(w.start..w.end), Some("," | ".")));
        let lower_head = phrase
            .last()
            .and_then(|w| text.get(w.start..w.end))
            .is_some_and(|t| !is_cap(t));
        if k > 0 && closes && lower_head {
            let r = span(&rest[..k])?;
            if classify(text, &rest[..k]) == Some(MentionKind::Name) {
                return Some((r, MentionKind::Name));
            }
        }
    }
    // The last capitalised run names the speaker: "former Obama adviser David Axelrod".
    let mut run: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < n {
        let t = text.get(phrase[i].start..phrase[i].end)?;
        if is_cap(t) && !(i == 0 && is_function_word(t)) {
            let mut j = i;
            while j < n && text.get(phrase[j].start..phrase[j].end).is_some_and(is_cap) {
                j += 1;
            }
            run = Some((i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    // A run inside the phrase is a modifier ("the Acme spokesman": a role); only a final run
    // names, or a run before an organisation noun ("the Clinton campaign" speaks as one).
    if let Some((a, _)) = run.filter(|&(_, b)| b + 1 == n) {
        let head = text.get(phrase[n - 1].start..phrase[n - 1].end)?;
        if matches!(
            head,
            "campaign" | "office" | "team" | "administration" | "committee" | "camp" | "staff"
        ) {
            return Some((span(phrase.get(a..n)?)?, MentionKind::Name));
        }
    }
    if let Some((a, b)) = run.filter(|&(_, b)| b == n) {
        let r = span(phrase.get(a..b)?)?;
        let rtext = text.get(r.start..r.end)?;
        if !is_role_phrase(rtext) {
            return Some((r, MentionKind::Name));
        }
        // "NATO Secretary General", "the Kremlin spokesman": a role, the whole phrase.
        return Some((span(phrase)?, MentionKind::Role));
    }
    if is_determiner(f) && n > 1 {
        return Some((span(phrase)?, MentionKind::Role));
    }
    None
}

/// Weekdays and months: capitalised, never a speaker.
fn is_date_word(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan"
            | "Feb"
            | "Aug"
            | "Sept"
            | "Oct"
            | "Nov"
            | "Dec"
    )
}

fn span(ws: &[Word]) -> Option<Word> {
    Some(Word {
        start: ws.first()?.start,
        end: ws.last()?.end,
    })
}

/// The subject before the verb at `ws[v]`: `he said`, `Stoltenberg writes`, `the board said`,
/// `Craig Dunn, a local leader, said`.
fn subject_before(text: &str, ws: &[Word], v: usize) -> Option<(Word, MentionKind)> {
    let mut k = v;
    // Skip auxiliaries, adverbs and dates between subject and verb ("Obama on Friday declared").
    while k > 0
        && text.get(ws[k - 1].start..ws[k - 1].end).is_some_and(|t| {
            is_aux_or_adverb(t)
                || is_date_word(t)
                || matches!(t, "himself" | "herself" | "themselves" | "itself")
                || (t.len() > 4
                    && t.ends_with("ly")
                    && t.starts_with(|c: char| c.is_ascii_lowercase()))
        })
    {
        k -= 1;
        if k > 0
            && text
                .get(ws[k - 1].start..ws[k - 1].end)
                .is_some_and(|t| matches!(t, "on" | "last" | "this" | "in" | "early" | "late"))
        {
            k -= 1;
        }
    }
    if k == 0 {
        return None;
    }
    let mut tk = text.get(ws[k - 1].start..ws[k - 1].end)?;
    if tk == ")" {
        // A parenthesis after the name: "Sen. Elizabeth Warren (D-Mass.) said".
        let lo = k.saturating_sub(8);
        k = (lo..k - 1)
            .rev()
            .find(|&j| text.get(ws[j].start..ws[j].end) == Some("("))?;
        if k == 0 {
            return None;
        }
        tk = text.get(ws[k - 1].start..ws[k - 1].end)?;
    }
    // "Barack Obama, who called it “unfit”": the relative pronoun is the mention; it resolves
    // like a pronoun to the person just named.
    if tk == "who" && k >= 2 && text.get(ws[k - 2].start..ws[k - 2].end) == Some(",") {
        return Some((ws[k - 1], MentionKind::Pronoun));
    }
    if tk == "," {
        // An appositive: jump back over it to the comma that opens it, within 25 words.
        let lo = k.saturating_sub(26);
        let open = (lo..k - 1)
            .rev()
            .find(|&j| text.get(ws[j].start..ws[j].end) == Some(","))?;
        // "X, Y, said" is an appositive almost always ("Smith, a professor at Yale, said").
        let inner = ws.get(open + 1..k - 1).filter(|i| !i.is_empty())?;
        // A name right after a preposition is its object, not a subject: in "Clinton, during a
        // town hall in Columbus, Ohio, said" the subject is further back. So is one after a
        // preposition and an article: "The Secretary of State for the Family, Ada Byron, said"
        // is Ada Byron, not "Family".
        let after_prep = |m: Word| {
            let before = ws.iter().rposition(|w| w.end <= m.start);
            let article = |i: usize| {
                text.get(ws[i].start..ws[i].end)
                    .is_some_and(|t| matches!(t, "the" | "a" | "an"))
            };
            before
                .map(|i| if i > 0 && article(i) { i - 1 } else { i })
                .and_then(|i| text.get(ws[i].start..ws[i].end))
                .is_some_and(|p| {
                    matches!(
                        p,
                        "in" | "at" | "on" | "of" | "from" | "to" | "for" | "with" | "by" | "near"
                    )
                })
        };
        let outer = subject_before_plain(text, ws, open).filter(|&(m, _)| !after_prep(m));
        // "Sanders's campaign manager, Jeff Weaver, said": the name in the appositive wins over a
        // role outside it.
        if outer.is_none_or(|(_, kind)| kind == MentionKind::Role)
            && classify(text, inner) == Some(MentionKind::Name)
        {
            let phrase = ws.get(open + 1..k - 1)?;
            let all_caps = phrase.iter().all(|w| {
                text.get(w.start..w.end)
                    .is_some_and(|t| is_cap(t) && !is_punct(t))
            });
            if all_caps {
                return Some((span(phrase)?, MentionKind::Name));
            }
        }
        if outer.is_some() {
            return outer;
        }
        // An appositive with commas of its own: "Ana Ruiz, 31, a photographer, said". A name
        // before an earlier comma, within 40 words and the sentence.
        let lo = k.saturating_sub(41);
        for c in (lo..open).rev() {
            let t = text.get(ws[c].start..ws[c].end)?;
            if matches!(t, "." | "!" | "?" | ";" | ":" | "“" | "”" | "\"") {
                return None;
            }
            if t == "," {
                if let Some(found @ (m, MentionKind::Name)) = subject_before_plain(text, ws, c) {
                    if !after_prep(m) {
                        return Some(found);
                    }
                }
            }
        }
        return None;
    }
    // An appositive between dashes: "Tom Lee — a teacher from Ohio — says".
    let is_dash = |j: usize| text.get(ws[j].start..ws[j].end).is_some_and(is_dash);
    if is_dash(k - 1) {
        // "--" is two words: the pair closes (and opens) the appositive as one dash.
        let mut close = k - 1;
        while close > 0 && is_dash(close - 1) {
            close -= 1;
        }
        let lo = close.saturating_sub(25);
        let mut open = (lo..close).rev().find(|&j| is_dash(j))?;
        while open > 0 && is_dash(open - 1) {
            open -= 1;
        }
        if open + 1 >= close {
            return None;
        }
        return subject_before_plain(text, ws, open)
            .filter(|&(_, kind)| kind != MentionKind::Pronoun);
    }
    subject_before_plain(text, ws, k)
}

/// The noun phrase ending just before `ws[k]`.
fn subject_before_plain(text: &str, ws: &[Word], k: usize) -> Option<(Word, MentionKind)> {
    if k == 0 {
        return None;
    }
    let last = text.get(ws[k - 1].start..ws[k - 1].end)?;
    if is_pronoun(last) {
        return Some((ws[k - 1], MentionKind::Pronoun));
    }
    if is_punct(last) {
        return None;
    }
    let mut j = k;
    if is_cap(last) {
        // A capitalised run, not crossing a sentence-initial function word.
        while j > 0 {
            let t = text.get(ws[j - 1].start..ws[j - 1].end)?;
            if !is_cap(t) || is_punct(t) || (is_function_word(t) && j < k) {
                break;
            }
            if is_function_word(t) {
                return None;
            }
            j -= 1;
        }
        // "the Republican said": a role word after its article is a role phrase, the article
        // included.
        let role_head = is_role_noun(last) && j + 1 == k;
        if role_head
            && j > 0
            && text
                .get(ws[j - 1].start..ws[j - 1].end)
                .is_some_and(|t| matches!(t, "the" | "The"))
        {
            j -= 1;
        } else if role_head {
            // "one senior Democrat said": lowercase modifiers back to a determiner.
            let det = (j.saturating_sub(3)..j)
                .rev()
                .find(|&d| text.get(ws[d].start..ws[d].end).is_some_and(is_determiner));
            if let Some(d) = det {
                let modifiers = ws[d + 1..j].iter().all(|w| {
                    text.get(w.start..w.end).is_some_and(|t| {
                        !is_cap(t) && !is_punct(t) && !is_function_word(t) && !is_verb_like(t)
                    })
                });
                if modifiers {
                    j = d;
                }
            }
        }
    } else {
        // A lowercase phrase must reach back to a determiner within five words: "the board",
        // "a Clinton campaign spokesman".
        let lo = k.saturating_sub(6);
        // A possessive name works as a determiner: "Ryan’s office".
        j = (lo..k).rev().find(|&i| {
            text.get(ws[i].start..ws[i].end).is_some_and(|t| {
                is_determiner(t) || (is_cap(t) && (t.ends_with("’s") || t.ends_with("'s")))
            })
        })?;
        // Only nouns and modifiers in between: "the courts that they should" and "Trump's
        // rhetoric and" are not subjects.
        if ws[j + 1..k].iter().any(|w| {
            text.get(w.start..w.end).is_some_and(|t| {
                is_punct(t)
                    || is_pronoun(t)
                    || is_aux_or_adverb(t)
                    || is_determiner(t)
                    || (ends_phrase(t) && t != "of")
                    || matches!(t, "or" | "if" | "is" | "are" | "were" | "should" | "could")
            })
        }) {
            return None;
        }
        // The object of a preposition is no subject: in "Protesters marching through the
        // streets chanted" the subject is the noun before the participle.
        let prep = j
            .checked_sub(1)
            .and_then(|p| text.get(ws[p].start..ws[p].end))
            .is_some_and(|t| {
                matches!(
                    t,
                    "through"
                        | "in"
                        | "into"
                        | "on"
                        | "at"
                        | "across"
                        | "along"
                        | "from"
                        | "to"
                        | "with"
                        | "near"
                        | "outside"
                        | "inside"
                        | "around"
                        | "toward"
                        | "towards"
                        | "past"
                )
            });
        if prep {
            let participle = j >= 2
                && text
                    .get(ws[j - 2].start..ws[j - 2].end)
                    .is_some_and(|t| t.len() > 4 && t.ends_with("ing") && !is_cap(t));
            return if participle {
                subject_before_plain(text, ws, j - 2)
            } else {
                None
            };
        }
    }
    let phrase = ws.get(j..k)?;
    let kind = classify(text, phrase)?;
    Some((span(phrase)?, kind))
}

#[cfg(test)]
mod tests;
