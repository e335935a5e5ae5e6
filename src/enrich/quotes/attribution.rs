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

use crate::article::{Entity, Label};

use super::cues::{
    ends_phrase, is_aux_or_adverb, is_cap, is_count_or_time_word, is_cue_verb, is_dash,
    is_function_word, is_media_noun, is_pronoun, is_punct, is_role_noun, is_title, lower,
    single_char, words, Word, DASHES,
};
use super::gender;

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
    for w in ws.iter().take(8) {
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
        if is_punct(t)
            || (n > 0 && ends_phrase(t))
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
        // town hall in Columbus, Ohio, said" the subject is further back.
        let after_prep = |m: Word| {
            ws.iter()
                .rposition(|w| w.end <= m.start)
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

/// Find a cue and subject in the words that follow a quote (`, he said`, `– said Stoltenberg`,
/// `Smith, a lawyer, said`), or in the clause that closes the quote's sentence (`“…,” just as
/// she did, Rendell added.`). `comma` says the quote ended on a comma (`,”`), the sign that a cue
/// follows; then any verb-like word right after a subject is accepted as the cue (`he surmised`).
pub fn after_quote(text: &str, from: usize, to: usize, comma: bool) -> Option<Found> {
    let ws = drop_parens(text, words(text, from, to));
    if let Some(f) = after_quote_start(text, &ws, comma) {
        return Some(f);
    }
    // The closing clause: `, NP cue [up to eight words] .` at the sentence's end.
    let bound = ws.iter().position(|w| {
        matches!(
            text.get(w.start..w.end),
            Some("." | "!" | "?" | "“" | "\"" | "”" | ";")
        )
    })?;
    if text.get(ws[bound].start..ws[bound].end) != Some(".") {
        return None;
    }
    // An inverted cue closing the sentence, the name last or followed by its appositive: `“…”
    // appeals to voters, said Ada Byron, a demographer at Acme University.`
    for v in 1..bound {
        let t = text.get(ws[v].start..ws[v].end)?;
        if text.get(ws[v - 1].start..ws[v - 1].end) != Some(",")
            || !is_cue_verb(t)
            || t.ends_with("ing")
        {
            continue;
        }
        if let Some((mention, MentionKind::Name)) = subject_after(text, &ws[v + 1..bound + 1]) {
            let closes = ws
                .iter()
                .find(|w| w.start >= mention.end)
                .and_then(|w| text.get(w.start..w.end))
                .is_some_and(|n| matches!(n, "," | "."));
            if closes {
                return Some(Found {
                    cue: ws[v],
                    mention,
                    kind: MentionKind::Name,
                });
            }
        }
    }
    for v in (bound.saturating_sub(9)..bound).rev() {
        let t = text.get(ws[v].start..ws[v].end)?;
        if is_cue_verb(t) {
            // "after the attacks." may end the clause: a cue word without a subject is passed.
            let Some((mention, kind)) = subject_before(text, &ws, v) else {
                continue;
            };
            let i = ws.iter().position(|w| w.start == mention.start)?;
            // The clause opens at a comma, maybe with modifiers before the name: `…, DFA
            // spokesman Neil Sroka said.`
            let c = (i.saturating_sub(4)..i)
                .rev()
                .find(|&c| text.get(ws[c].start..ws[c].end) == Some(","));
            let plain = c.is_some_and(|c| {
                ws[c + 1..i].iter().all(|w| {
                    text.get(w.start..w.end).is_some_and(|t| {
                        !is_punct(t)
                            && !is_verb_like(t)
                            && !is_function_word(t)
                            && !matches!(t, "but" | "and" | "which" | "who" | "that" | "while")
                    })
                })
            });
            // A closing cue ends the sentence, or a short phrase of time or place follows it
            // ("said after the attacks."); "John said none were added…" reports a clause.
            let mut tail = &ws[v + 1..bound];
            // "told CNN", "told a conference on ageing": the hearer first.
            if matches!(t, "told" | "tells" | "tell") {
                let det = tail
                    .first()
                    .and_then(|w| text.get(w.start..w.end))
                    .is_some_and(is_determiner);
                let n = usize::from(det)
                    + tail
                        .iter()
                        .skip(usize::from(det))
                        .take_while(|w| {
                            text.get(w.start..w.end).is_some_and(|t| {
                                !is_punct(t)
                                    && (is_cap(t)
                                        || t.ends_with("’s")
                                        || (det && !is_function_word(t) && !is_verb_like(t)))
                            })
                        })
                        .count();
                tail = &tail[n.min(tail.len())..];
            }
            let closes = tail.is_empty()
                || (tail.len() <= 8
                    && tail
                        .first()
                        .and_then(|w| text.get(w.start..w.end))
                        .is_some_and(|t| {
                            is_date_word(t)
                                || matches!(
                                    t,
                                    "in" | "on"
                                        | "at"
                                        | "during"
                                        | "via"
                                        | "to"
                                        | "after"
                                        | "before"
                                        | "last"
                                        | "this"
                                        | "earlier"
                                        | "later"
                                        | "recently"
                                        | "yesterday"
                                        | "today"
                                )
                        })
                    && tail.iter().all(|w| {
                        text.get(w.start..w.end).is_some_and(|t| {
                            !t.ends_with("ed") && !matches!(t, "is" | "are" | "was" | "were")
                        })
                    }));
            if !plain || !closes {
                return None;
            }
            return Some(Found {
                cue: ws[v],
                mention,
                kind,
            });
        }
    }
    closing_source(text, &ws[..bound])
}

/// The source after "according to" at `ws[v..v + 2]`: the subject after it, the two words the
/// cue.
fn according_to(text: &str, ws: &[Word], v: usize) -> Option<Found> {
    let (mention, kind) = subject_after(text, ws.get(v + 2..)?)?;
    let cue = Word {
        start: ws[v].start,
        end: ws.get(v + 1)?.end,
    };
    Some(Found { cue, mention, kind })
}

/// A source named by the clause that closes the quote's sentence, when no reporting verb did:
/// `“Bobby!” at a rally last month, according to Ada Byron.`, `“…,” as an Acme memo put it.`
/// `ws` holds the sentence's words after the quote, without its full stop.
fn closing_source(text: &str, ws: &[Word]) -> Option<Found> {
    let at = |j: usize| ws.get(j).and_then(|w| text.get(w.start..w.end));
    // A capitalised word after the quote opens a new sentence (`“…?” Acme is a store, according
    // to its website.`): that clause is not about the quote.
    if at(0).is_some_and(|t| is_cap(t) && !is_punct(t)) {
        return None;
    }
    let opens = |v: usize| v == 0 || at(v - 1) == Some(",");
    for v in 0..ws.len() {
        if at(v) == Some("according") && at(v + 1) == Some("to") && opens(v) {
            return according_to(text, ws, v);
        }
        if at(v) == Some("as") && opens(v) {
            let put = (v + 2..ws.len().min(v + 12))
                .find(|&p| at(p) == Some("put") && at(p + 1) == Some("it"))?;
            let (mention, kind) = subject_before(text, ws, put)?;
            if mention.start <= ws[v].start {
                return None;
            }
            return Some(Found {
                cue: ws[put],
                mention,
                kind,
            });
        }
    }
    None
}

/// A transcript's speaker label at the start of a quote's text (`PENCE: Well, look…`,
/// `WALLACE: But, Governor…`): one or two all-capital words of at least two letters, then a
/// colon. The label is the mention, taken only when it names a person the article tags
/// (`UPDATE:` or `NOTE:` never speak), and `Q:`/`A:` never match.
pub fn transcript_label(
    text: &str,
    start: usize,
    end: usize,
    entities: &[Entity],
) -> Option<Found> {
    let head = text.get(start..end.min(start + 40))?;
    let colon = super::spans::turn_label(head)?;
    let words: Vec<&str> = head.get(..colon)?.split(' ').collect();
    let last = words.last()?.trim_end_matches('.');
    // A label naming someone the article never tags is still a speaker (`WALLACE:` for the
    // moderator introduced only as "Chris"), unless it is one of the words that label a
    // paragraph rather than a voice.
    let person = entities.iter().any(|e| has_surname(e, last))
        || (words.len() == 1 && last.len() >= 3 && !is_section_label(last));
    if !person {
        return None;
    }
    let w = Word {
        start,
        end: start + colon,
    };
    Some(Found {
        cue: w,
        mention: w,
        kind: MentionKind::Name,
    })
}

/// Capitalised labels that head a paragraph without being anyone's name.
fn is_section_label(w: &str) -> bool {
    matches!(
        w,
        "UPDATE"
            | "UPDATED"
            | "NOTE"
            | "EDITOR"
            | "EDITORS"
            | "WATCH"
            | "VIDEO"
            | "PHOTO"
            | "PHOTOS"
            | "AUDIO"
            | "BREAKING"
            | "CORRECTION"
            | "CLARIFICATION"
            | "SOURCE"
            | "SOURCES"
            | "READ"
            | "MORE"
            | "RELATED"
            | "EXCLUSIVE"
            | "ANALYSIS"
            | "OPINION"
            | "TRANSCRIPT"
            | "QUESTION"
            | "ANSWER"
            | "WARNING"
            | "SPOILER"
            | "PS"
            | "FACT"
            | "CHECK"
            | "TRUE"
            | "FALSE"
            | "VERDICT"
            | "RATING"
            | "SUMMARY"
            | "BACKGROUND"
            | "CONTEXT"
            | "LISTEN"
            | "SEE"
            | "ALSO"
            | "NEW"
            | "LIVE"
            | "DEVELOPING"
    )
}

/// The start of the punctuation run the caller skipped before `ws` (up to 8 bytes back).
fn ws_dash_start(text: &str, ws: &[Word]) -> Option<usize> {
    let s = ws.first()?.start;
    let mut i = s.saturating_sub(8);
    while i < s && !text.is_char_boundary(i) {
        i += 1;
    }
    Some(i)
}

fn after_quote_start(text: &str, ws: &[Word], comma: bool) -> Option<Found> {
    let mut i = 0;
    while i < ws.len()
        && text
            .get(ws[i].start..ws[i].end)
            .is_some_and(|t| matches!(t, "," | ":" | ";" | "\u{2019}" | "'") || is_dash(t))
    {
        i += 1;
    }
    let ws = ws.get(i..)?;
    let first = text.get(ws.first()?.start..ws.first()?.end)?;
    // "“…,” according to the report.": the report is the quote's source.
    if first.eq_ignore_ascii_case("according")
        && ws.get(1).and_then(|w| text.get(w.start..w.end)) == Some("to")
    {
        return according_to(text, ws, 0);
    }
    // "…,” adding that…": a participle continues the sentence's own subject, which the caller
    // finds before the quote.
    if i > 0 && first.ends_with("ing") {
        return None;
    }
    let inverted_verb = comma
        && first.starts_with(|c: char| c.is_ascii_lowercase())
        && first.ends_with("ed")
        && ws
            .get(1)
            .and_then(|w| text.get(w.start..w.end))
            .is_some_and(|t| is_cap(t) && !is_function_word(t));
    // "“…,” read the statement": a text's own cue.
    let text_reads = comma && first == "read";
    if is_cue_verb(first) || inverted_verb || text_reads {
        let (mention, kind) = subject_after(text, ws.get(1..)?)?;
        return Some(Found {
            cue: ws[0],
            mention,
            kind,
        });
    }
    // "“…” – Sanders." A dash and a name alone: the signature of a quote, also in a run of
    // vox-pop quotes ("“…” ― Ana Ruiz “…” ― Tom Lee") where the next quote follows the name.
    let dashed = i > 0
        && text
            .get(ws_dash_start(text, ws)?..ws.first()?.start)
            .is_some_and(|g| g.contains(DASHES));
    if dashed {
        if let Some((mention, MentionKind::Name)) = subject_after(text, ws) {
            let next = ws.iter().find(|w| w.start >= mention.end);
            let ends = |w: &Word| {
                matches!(
                    text.get(w.start..w.end),
                    Some("." | "," | "“" | "\"" | "”" | "«" | "„")
                ) || text
                    .get(mention.end..w.start)
                    .is_some_and(|gap| gap.contains('\n'))
            };
            if next.is_none_or(ends) {
                return Some(Found {
                    cue: mention,
                    mention,
                    kind: MentionKind::Name,
                });
            }
        }
    }
    // "Melanne Verveer, who served as chief of staff, said": a subject, a relative clause or
    // appositive between commas, then the cue right after a comma.
    if let Some((mention, kind)) = subject_after(text, ws) {
        let after = ws.iter().position(|w| w.start >= mention.end)?;
        if kind != MentionKind::Pronoun && text.get(ws[after].start..ws[after].end) == Some(",") {
            for v in after + 2..ws.len().min(after + 40) {
                let t = text.get(ws[v].start..ws[v].end)?;
                if matches!(t, "." | "!" | "?" | "“" | "\"" | "”" | ";") {
                    break;
                }
                if is_cue_verb(t) && text.get(ws[v - 1].start..ws[v - 1].end) == Some(",") {
                    return Some(Found {
                        cue: ws[v],
                        mention,
                        kind,
                    });
                }
            }
        }
    }
    // Subject first: the verb within the first ten words, with only a subject (maybe with an
    // appositive) before it.
    for v in 1..ws.len().min(12) {
        let t = text.get(ws[v].start..ws[v].end)?;
        if matches!(t, "." | "!" | "?" | "“" | "\"" | "”" | ";") {
            return None;
        }
        // "Trump went on".
        let went_on = t == "went"
            && ws
                .get(v + 1)
                .and_then(|w| text.get(w.start..w.end))
                .is_some_and(|n| n == "on");
        // "“…” the article read.": a text's cue, whatever closes the quote.
        let reads = t == "read" && v <= 4;
        let verb_like = went_on
            || reads
            || comma
                && v <= 4
                && t.starts_with(|c: char| c.is_ascii_lowercase())
                && (t.ends_with("ed") || t.ends_with('s') || is_irregular_past(t))
                && !is_aux_or_adverb(t);
        if is_cue_verb(t) || verb_like {
            let Some((mention, kind)) = subject_before(text, ws, v) else {
                if verb_like && !is_cue_verb(t) {
                    continue;
                }
                return None;
            };
            // The subject must open the clause (allowing for an appositive after it, and for
            // lowercase role words before a name: "chief executive Lowell McAdam said").
            let lead = ws.iter().take_while(|w| w.start < mention.start).count();
            // A conjunction opens a clause of its own: in `“…,” but in fact Ada Byron said` the
            // name is not this quote's cue subject.
            let lead_ok = lead <= 4
                && ws[..lead].iter().all(|w| {
                    text.get(w.start..w.end).is_some_and(|t| {
                        !is_punct(t)
                            && !matches!(
                                t,
                                "but"
                                    | "and"
                                    | "or"
                                    | "while"
                                    | "when"
                                    | "as"
                                    | "because"
                                    | "although"
                                    | "though"
                                    | "whereas"
                                    | "if"
                                    | "so"
                            )
                    })
                });
            if mention.start != ws[0].start && !(lead_ok && kind == MentionKind::Name) {
                if let Some(name) = is_cue_verb(t)
                    .then(|| affiliated_name(text, &ws[..v]))
                    .flatten()
                {
                    return Some(Found {
                        cue: ws[v],
                        mention: name,
                        kind: MentionKind::Name,
                    });
                }
                if verb_like && !is_cue_verb(t) {
                    continue;
                }
                return None;
            }
            return Some(Found {
                cue: ws[v],
                mention,
                kind,
            });
        }
    }
    None
}

/// A name opening `ws` with its affiliation after it, all of `ws` being the subject: "Ada
/// Byron of the Centre for Policy Studies" (then "wrote"). The name is the mention; the
/// affiliation must hold no punctuation and no verb.
fn affiliated_name(text: &str, ws: &[Word]) -> Option<Word> {
    let at = |j: usize| ws.get(j).and_then(|w| text.get(w.start..w.end));
    let run = ws
        .iter()
        .take_while(|w| {
            text.get(w.start..w.end)
                .is_some_and(|t| is_cap(t) && !is_punct(t))
        })
        .count();
    if run == 0 || !matches!(at(run), Some("of" | "at" | "from")) || ws.len() > run + 10 {
        return None;
    }
    let plain = ws[run..].iter().all(|w| {
        text.get(w.start..w.end)
            .is_some_and(|t| !is_punct(t) && (is_cap(t) || !is_verb_like(t)))
    });
    let name = &ws[..run];
    (plain && classify(text, name) == Some(MentionKind::Name)).then(|| span(name))?
}

/// The last resort for a quote inside a sentence with no reporting verb near it: the sentence's
/// subject, when it opens the sentence as a name or pronoun followed by a verb (`Romney went
/// after Trump, calling it “disqualifying”`). PolNeAR attributes such quotes to that subject.
pub fn sentence_subject(text: &str, from: usize, to: usize) -> Option<Found> {
    let mut ws = drop_parens(text, words(text, from, to));
    // A dateline is no part of the sentence: `PHILADELPHIA, July 25 (UPI) — The committee…`.
    if let Some(d) = dateline_end(text, &ws) {
        ws.drain(..d);
    }
    // A leading conjunction is not an opener: in "But Sen. Ada Byron refused to…, responding
    // “…”" the subject comes right after it, not after the first comma.
    let lead = ws
        .iter()
        .take_while(|w| matches!(text.get(w.start..w.end), Some("But" | "And" | "Yet" | "So")))
        .count();
    ws.drain(..lead);
    let mut i = 0;
    let at = |i: usize| ws.get(i).and_then(|w| text.get(w.start..w.end));
    // An opening adverbial ("At the convention, …", "As if addressing him, …", "Continuing to
    // explain, …", "Horrified at the prospect, …") is skipped to its comma. A participle opens
    // one only before a lowercase word that is no verb ("Fleming said" is a name and its verb).
    let opener = at(0).unwrap_or("");
    let participle = is_cap(opener)
        && opener.len() > 5
        && (opener.ends_with("ing") || opener.ends_with("ed"))
        && at(1).is_some_and(|n| {
            !is_cap(n)
                && !is_punct(n)
                && (is_determiner(n)
                    || matches!(
                        n,
                        "to" | "at" | "on" | "in" | "about" | "with" | "by" | "for"
                    )
                    || !is_verb_like(n))
        });
    // An adverb leading a time clause opens one too: "Shortly after the call ended, …".
    let adverb_clause = is_cap(opener)
        && opener.len() > 4
        && opener.ends_with("ly")
        && at(1).is_some_and(|n| {
            matches!(
                n,
                "after" | "before" | "since" | "following" | "into" | "in" | "on" | "at"
            )
        });
    // Without its comma, a prepositional opening ("On the morning of Feb. 28 Trump jumped…")
    // is followed by the subject name; only a name is looked for then.
    let mut names_only = false;
    // A subordinate clause may run long before its comma ("When terrorists are revealed as part
    // of the second front of the war, Obama and Clinton call them “…”").
    let reach = if matches!(
        opener,
        "When"
            | "While"
            | "After"
            | "Before"
            | "If"
            | "Although"
            | "Though"
            | "Because"
            | "Since"
            | "Unless"
            | "Until"
            | "Whenever"
            | "Once"
    ) {
        30
    } else {
        14
    };
    let comma = ws
        .iter()
        .take(reach)
        .position(|w| text.get(w.start..w.end) == Some(","));
    if let (true, Some(c)) = (is_count_or_time_word(opener), comma) {
        // "Hours later, she …", "Eight years ago, he …".
        i = c + 1;
    } else if participle
        || adverb_clause
        || (is_function_word(opener) && !is_pronoun(opener) && !is_determiner(opener))
    {
        match comma {
            Some(c) => i = c + 1,
            None if matches!(
                opener,
                "On" | "In" | "At" | "During" | "After" | "Before" | "Since" | "Following" | "Amid"
            ) =>
            {
                i = 1;
                names_only = true;
            }
            None => {}
        }
    }
    if i > 0 && !names_only {
        i = skip_more_adverbials(text, &ws, i);
    }
    while i < ws.len()
        && text.get(ws[i].start..ws[i].end).is_some_and(|t| {
            is_punct(t)
                || matches!(
                    t,
                    "But" | "And" | "Yet" | "So" | "Still" | "Now" | "Then" | "Also"
                )
        })
    {
        i += 1;
    }
    let rest = ws.get(i..)?;
    let head = text.get(rest.first()?.start..rest.first()?.end)?;
    if !names_only && is_determiner(head) {
        // "The Florida senator likes “…”": a role up to its verb.
        let v = rest.iter().take(7).position(|w| {
            text.get(w.start..w.end)
                .is_some_and(|t| is_punct(t) || (!is_cap(t) && is_verb_like(t)))
        })?;
        let verb = text.get(rest[v].start..rest[v].end)?;
        // "Another critic, Laurence H. Tribe, likened…": the name in the appositive.
        if verb == "," && v >= 2 {
            if let Some(f) = appositive_name(text, rest, v) {
                return Some(f);
            }
        }
        if v < 2 || is_punct(verb) {
            return None;
        }
        // An adverb before the verb is not part of the phrase: "the Acme campaign also called".
        let mut e = v;
        while e > 2
            && text
                .get(rest[e - 1].start..rest[e - 1].end)
                .is_some_and(|t| matches!(t, "also" | "then" | "later" | "again" | "now" | "too"))
        {
            e -= 1;
        }
        let phrase = rest.get(..e)?;
        let kind = classify(text, phrase)?;
        return Some(Found {
            cue: rest[v],
            mention: span(phrase)?,
            kind,
        });
    }
    if !names_only && is_function_word(head) && !is_pronoun(head) {
        return None;
    }
    if !names_only && is_pronoun(head) {
        let verb = rest.get(1).and_then(|w| text.get(w.start..w.end))?;
        if is_cap(verb) || is_punct(verb) || is_determiner(verb) {
            return None;
        }
        return Some(Found {
            cue: rest[1],
            mention: rest[0],
            kind: MentionKind::Pronoun,
        });
    }
    // The subject noun phrase may carry lowercase modifiers before the name ("Republican
    // presidential front-runner Donald Trump defended…"): take the first capitalised run, within
    // seven words, that a verb-like word follows.
    let mut i = 0;
    while i < rest.len().min(8) {
        let t = text.get(rest[i].start..rest[i].end)?;
        // "Trump’s Virginia state director, Mike Rubino, reached…": the name in the appositive
        // of a description.
        if t == "," && i > 0 {
            return appositive_name(text, rest, i);
        }
        if is_punct(t) || (!is_cap(t) && is_verb_like(t)) {
            return None;
        }
        if !is_cap(t) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < rest.len()
            && text
                .get(rest[j].start..rest[j].end)
                .is_some_and(|t| is_cap(t) && !is_punct(t))
        {
            j += 1;
        }
        rest.get(j)?;
        // A coordinated subject speaks together: "Obama and Clinton call them “…”", "Ada Byron
        // and her aides have told…". The first name is the mention.
        let at = |k: usize| rest.get(k).and_then(|w| text.get(w.start..w.end));
        if at(j) == Some("and") {
            let mut k = j + 1;
            if at(k).is_some_and(|t| matches!(t, "his" | "her" | "their")) {
                k += 2;
            } else {
                while at(k).is_some_and(|t| is_cap(t) && !is_punct(t)) {
                    k += 1;
                }
            }
            // A plural subject takes the bare verb: "call", "say", "have".
            let plural_verb = at(k).is_some_and(|t| {
                matches!(
                    t,
                    "call"
                        | "say"
                        | "have"
                        | "are"
                        | "were"
                        | "agree"
                        | "argue"
                        | "claim"
                        | "want"
                        | "describe"
                        | "insist"
                        | "warn"
                        | "tell"
                        | "urge"
                        | "believe"
                )
            });
            if k > j + 1 {
                let verb = if plural_verb {
                    Some(k)
                } else {
                    verb_after_subject(text, rest, k)
                };
                if let Some(v) = verb {
                    let first = rest.get(i..j)?;
                    if classify(text, first) == Some(MentionKind::Name) {
                        return Some(Found {
                            cue: rest[v],
                            mention: span(first)?,
                            kind: MentionKind::Name,
                        });
                    }
                }
            }
        }
        // "Ada Byron’s campaign shrugged it off": a possessor speaking through its campaign or
        // its own text is the subject, the head noun included.
        let possessive = text
            .get(rest[j - 1].start..rest[j - 1].end)
            .is_some_and(|t| t.ends_with("’s") || t.ends_with("'s") || t.ends_with('’'));
        let head = rest.get(j).and_then(|w| text.get(w.start..w.end));
        if possessive && head.is_some_and(speaks_for_possessor) {
            if let Some(v) = verb_after_subject(text, rest, j + 1) {
                return Some(Found {
                    cue: rest[v],
                    mention: span(rest.get(i..j + 1)?)?,
                    kind: MentionKind::Name,
                });
            }
        }
        if let Some(v) = verb_after_subject(text, rest, j) {
            let phrase = rest.get(i..j)?;
            let kind = classify(text, phrase)?;
            if kind != MentionKind::Name {
                return None;
            }
            return Some(Found {
                cue: rest[v],
                mention: span(phrase)?,
                kind,
            });
        }
        i = j;
    }
    None
}

/// The number of words of a dateline opening `ws`: a place in capitals, then anything up to a
/// dash within twelve words (`WASHINGTON (AP) —`, `LA CROSSE, Wisc. —`), or a short capitalised
/// place right before the dash.
fn dateline_end(text: &str, ws: &[Word]) -> Option<usize> {
    let first = text.get(ws.first()?.start..ws.first()?.end)?;
    let d = ws
        .iter()
        .take(12)
        .position(|w| text.get(w.start..w.end).is_some_and(is_dash))?;
    let capitals = first.len() >= 2 && first.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    // Or a short capitalised place, its agency already dropped with the parentheses:
    // `Washington (AFP) –`.
    let place = (1..=3).contains(&d)
        && text
            .get(ws[0].start..ws[d].start)
            .is_some_and(|h| h.contains('(') && h.contains(')'))
        && ws[..d].iter().all(|w| {
            text.get(w.start..w.end)
                .is_some_and(|t| t == "," || (is_cap(t) && !is_function_word(t)))
        });
    (capitals || place).then_some(d + 1)
}

/// The name between the comma at `ws[c]` and the next comma, when a verb follows it: the
/// subject of "Another critic, Ada Byron, likened…".
fn appositive_name(text: &str, ws: &[Word], c: usize) -> Option<Found> {
    let at = |k: usize| ws.get(k).and_then(|w| text.get(w.start..w.end));
    let mut k = c + 1;
    while at(k).is_some_and(|t| is_cap(t) && !is_punct(t)) {
        k += 1;
    }
    if k == c + 1 || at(k) != Some(",") {
        return None;
    }
    let v = ws.iter().skip(k + 1).take(3).position(|w| {
        text.get(w.start..w.end)
            .is_some_and(|t| !is_cap(t) && is_verb_like(t))
    })? + k
        + 1;
    let name = ws.get(c + 1..k)?;
    if classify(text, name) != Some(MentionKind::Name) {
        return None;
    }
    Some(Found {
        cue: ws[v],
        mention: span(name)?,
        kind: MentionKind::Name,
    })
}

/// Head nouns through which their possessor speaks: "Ada Byron’s campaign", "…’s statement".
/// Not persons ("Ada Byron’s lawyer" is someone else).
fn speaks_for_possessor(w: &str) -> bool {
    matches!(
        w,
        "campaign"
            | "office"
            | "team"
            | "administration"
            | "committee"
            | "camp"
            | "staff"
            | "statement"
            | "letter"
            | "response"
            | "website"
            | "tweet"
            | "email"
    )
}

/// After an opening adverbial skipped to its comma at `ws[i - 1]`, the adverbials that follow
/// it: the rest of a place ("In Salem, New Hampshire, Ada Byron said") and a second adverbial
/// clause ("On Monday, after the vote was counted, Ada Byron said"). Returns where the subject
/// may start.
fn skip_more_adverbials(text: &str, ws: &[Word], mut i: usize) -> usize {
    let at = |j: usize| ws.get(j).and_then(|w| text.get(w.start..w.end));
    let next_comma = |from: usize| (from..ws.len().min(from + 14)).find(|&j| at(j) == Some(","));
    for _ in 0..3 {
        let Some(head) = at(i) else { break };
        // "Salem, New Hampshire,": a capitalised place after a capitalised word and its comma.
        let place = i >= 2
            && at(i - 2).is_some_and(is_cap)
            && next_comma(i).is_some_and(|c| {
                c > i
                    && c - i <= 3
                    && ws[i..c]
                        .iter()
                        .all(|w| text.get(w.start..w.end).is_some_and(is_cap))
                    // "…, Ada Byron, a nurse, said" is a subject with its appositive.
                    && at(c + 1).is_some_and(|n| is_cap(n) || is_pronoun(n))
            });
        let clause = matches!(
            head,
            "after"
                | "before"
                | "while"
                | "when"
                | "despite"
                | "since"
                | "following"
                | "amid"
                | "during"
                | "in"
                | "at"
                | "on"
                | "with"
                | "without"
                | "although"
                | "though"
                | "because"
                | "if"
                | "unless"
                | "until"
                | "as"
                | "for"
        );
        match (place || clause).then(|| next_comma(i)).flatten() {
            Some(c) => i = c + 1,
            None => break,
        }
    }
    i
}

/// The verb of a subject name that ends just before `ws[j]`: right there ("Romney went"), after
/// adverbs or a time phrase ("Trump on Thursday ratcheted up", "Lewandowski earlier quashed"),
/// or after an appositive set off by commas or dashes ("Erin Lee, the activist and lawyer,
/// endorsed", "Ana Ruiz, 31, a photographer, said", "Tom Lee — a teacher — says"). After an
/// appositive the verb must be finite: "Ada Byron, saying …" is a participle, not a predicate.
fn verb_after_subject(text: &str, ws: &[Word], j: usize) -> Option<usize> {
    let at = |i: usize| ws.get(i).and_then(|w| text.get(w.start..w.end));
    let skip_adverbs = |mut i: usize| {
        for _ in 0..4 {
            match at(i) {
                Some(t)
                    if matches!(t, "himself" | "herself" | "however" | "meanwhile" | "too")
                        || (t.len() > 4
                            && t.ends_with("ly")
                            && t.starts_with(|c: char| c.is_ascii_lowercase())) =>
                {
                    i += 1
                }
                Some("on" | "last" | "this" | "late" | "early" | "earlier")
                    if at(i + 1).is_some_and(|n| {
                        is_date_word(n)
                            || matches!(n, "week" | "month" | "year" | "night" | "morning")
                    }) =>
                {
                    i += 2
                }
                Some("earlier") => i += 1,
                // "Trump at the time said".
                Some("at") if at(i + 1) == Some("the") && at(i + 2) == Some("time") => i += 3,
                _ => break,
            }
        }
        i
    };
    let finite = |t: &str| is_verb_like(t) && !t.ends_with("ing") && !is_cap(t);
    if at(j).is_some_and(is_verb_like) {
        return Some(j);
    }
    let v = skip_adverbs(j);
    if v > j && at(v).is_some_and(finite) {
        return Some(v);
    }
    let open = at(j)?;
    let dash = is_dash(open);
    if open != "," && !dash {
        return None;
    }
    // A stray comma before the reporting verb: "Sen. Ada Byron (D-R.I.), said…".
    if open == "," && at(j + 1).is_some_and(|t| is_cue_verb(t) && !t.ends_with("ing")) {
        return Some(j + 1);
    }
    // The appositive runs to a matching comma or dash after which a finite verb follows.
    for m in j + 2..ws.len().min(j + 40) {
        let t = at(m)?;
        if matches!(t, "." | "!" | "?" | ";" | ":") {
            return None;
        }
        let closes = if dash { is_dash(t) } else { t == "," };
        if closes {
            let v = skip_adverbs(m + 1);
            if at(v).is_some_and(finite) {
                return Some(v);
            }
        }
    }
    None
}

/// The words outside parentheses: "Harry M. Reid (D-Nev.) said" reads as "Harry M. Reid said".
/// A parenthesis left open (or longer than eight words) is kept, so nothing far is dropped.
fn drop_parens(text: &str, ws: Vec<Word>) -> Vec<Word> {
    let at = |i: usize| ws.get(i).and_then(|w| text.get(w.start..w.end));
    if !ws
        .iter()
        .any(|w| matches!(text.get(w.start..w.end), Some("(") | Some(",")))
    {
        return ws;
    }
    let mut out = Vec::with_capacity(ws.len());
    let mut i = 0;
    while i < ws.len() {
        // A party-and-state tag between commas is an aside too: "Mitch McConnell, R-Ky., said".
        if at(i) == Some(",") && at(i + 1).is_some_and(is_party_tag) {
            let dot = usize::from(at(i + 2) == Some("."));
            if at(i + 2 + dot) == Some(",") {
                i += 3 + dot;
                continue;
            }
        }
        if text.get(ws[i].start..ws[i].end) == Some("(") {
            if let Some(c) = ws[i + 1..]
                .iter()
                .take(9)
                .position(|w| text.get(w.start..w.end) == Some(")"))
            {
                i += c + 2;
                continue;
            }
        }
        out.push(ws[i]);
        i += 1;
    }
    out
}

/// A US party-and-state tag as news writes it after a politician's name: "R-Ky", "D-Mo",
/// "I-Vt" (the trailing dot is a word of its own).
fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 4
        && b.len() <= 12
        && matches!(b[0], b'D' | b'R' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
        && b[3..].iter().all(|c| c.is_ascii_alphabetic() || *c == b'.')
}

/// Irregular past forms a speaker’s verb takes after a quote ending on a comma: "“…,” Trump shot
/// back", "“…,” she spoke up", "“…,” the statement read". Not cues elsewhere: "read" before a
/// quote is as often a person reading as a text saying.
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "shot" | "spoke" | "fought" | "broke" | "struck" | "swore" | "read"
    )
}

/// A lowercase word that reads as a finite verb: a cue, a regular past or third-person form, a
/// negated or common auxiliary.
fn is_verb_like(verb: &str) -> bool {
    is_cue_verb(verb)
        || (verb.starts_with(|c: char| c.is_ascii_lowercase())
            && (verb.ends_with("ed") || verb.ends_with('s'))
            && !ends_phrase(verb)
            && !verb.ends_with("ss"))
        || verb.contains("n’t")
        || verb.contains("n't")
        || matches!(
            verb,
            "has"
                | "had"
                | "is"
                | "was"
                | "will"
                | "would"
                | "did"
                | "does"
                | "could"
                | "also"
                | "then"
                | "later"
                | "went"
                | "took"
                | "made"
                | "gave"
                | "sought"
                | "got"
                | "thinks"
                | "sees"
                | "knows"
                | "wants"
                | "shot"
                | "hit"
                | "struck"
                | "fought"
                | "knew"
                | "chose"
                | "ran"
                | "won"
                | "lost"
                | "told"
                | "came"
                | "became"
                | "led"
                | "wrote"
                | "spoke"
                | "put"
                | "kept"
                | "held"
                | "left"
                | "met"
                | "sent"
                | "brought"
                | "thought"
                | "felt"
                | "saw"
                | "found"
                | "stood"
                | "built"
                | "began"
                | "paid"
                | "heard"
                | "said"
                | "can"
                | "cannot"
                | "may"
                | "might"
                | "should"
                | "must"
                | "are"
                | "were"
                | "have"
                | "do"
        )
}

/// Find a cue and subject in the sentence before a quote (`Stoltenberg writes that “…`, `he
/// said: “…`, `According to Peskov, “…`). The nearest cue to the quote wins.
pub fn before_quote(text: &str, from: usize, to: usize) -> Option<Found> {
    let ws = drop_parens(text, words(text, from, to));
    let n = ws.len();
    // A colon right before the quote binds it to the clause it ends ("When Trump suggested…,
    // Rubio fired back forcefully: “…”"): that clause's subject, before any earlier cue.
    if n >= 3 && text.get(ws[n - 1].start..ws[n - 1].end) == Some(":") {
        let near_cue = ws[n.saturating_sub(7)..n - 1]
            .iter()
            .any(|w| text.get(w.start..w.end).is_some_and(is_cue_verb));
        if !near_cue {
            let clause = ws[n.saturating_sub(20)..n - 1]
                .iter()
                .rev()
                .find(|w| text.get(w.start..w.end) == Some(","))
                .map_or(from, |w| w.end);
            if let Some(f) = sentence_subject(text, clause, ws[n - 1].start) {
                return Some(Found {
                    cue: ws[n - 1],
                    ..f
                });
            }
        }
    }
    let lo = n.saturating_sub(30);
    for v in (lo..n).rev() {
        let t = text.get(ws[v].start..ws[v].end)?;
        if t.eq_ignore_ascii_case("according")
            && ws
                .get(v + 1)
                .and_then(|w| text.get(w.start..w.end))
                .is_some_and(|t| t == "to")
        {
            return according_to(text, &ws, v);
        }
        // "Trump's claim that “…”", "in Forbes’ words, “…”": the possessor of a speech noun.
        if let Some(f) = speech_noun_possessor(text, &ws, v) {
            return Some(f);
        }
        // "Said Ada Byron, a nurse, “…”": a sentence opening on its reporting verb, the name
        // after it.
        if v == 0 && is_cap(t) && is_cue_verb(&t.to_ascii_lowercase()) {
            if let Some((mention, MentionKind::Name)) = subject_after(text, ws.get(1..)?) {
                return Some(Found {
                    cue: ws[v],
                    mention,
                    kind: MentionKind::Name,
                });
            }
        }
        // "As Ada Byron put it, “…”": the idiom reports speech like a cue verb.
        let put_it =
            t == "put" && ws.get(v + 1).and_then(|w| text.get(w.start..w.end)) == Some("it");
        if put_it {
            if let Some((mention, kind)) = subject_before(text, &ws, v) {
                return Some(Found {
                    cue: ws[v],
                    mention,
                    kind,
                });
            }
        }
        if is_cue_verb(t) && !used_as_noun(text, &ws, v) {
            // A participle cue ("…, saying “…”", "declaring it “…”") belongs to the sentence's
            // subject, not to the noun before it.
            // Without a comma ("the Federation of Teachers calling her “…”") the noun right
            // before it is the subject.
            let after_comma = v > 0 && text.get(ws[v - 1].start..ws[v - 1].end) == Some(",");
            if t.ends_with("ing") && after_comma {
                // "…, Spicer said, adding, “…”": the subject of the reporting verb before the
                // comma, wherever it stands in the sentence.
                let prev_cue = v >= 2
                    && text
                        .get(ws[v - 2].start..ws[v - 2].end)
                        .is_some_and(|p| is_cue_verb(p) && !p.ends_with("ing"));
                if let Some((mention, kind)) =
                    prev_cue.then(|| subject_before(text, &ws, v - 2)).flatten()
                {
                    return Some(Found {
                        cue: ws[v],
                        mention,
                        kind,
                    });
                }
                if let Some(f) = sentence_subject(text, from, ws[v].start) {
                    return Some(Found { cue: ws[v], ..f });
                }
                continue;
            }
            // "Rubio will continue to be “…”" is not speech.
            let next = ws.get(v + 1).and_then(|w| text.get(w.start..w.end));
            if t.starts_with("continu") && next == Some("to") {
                continue;
            }
            // "Black Lives Matter issued a statement saying “…”", "boos upon saying “…”": a
            // participle after a document or a preposition speaks for the sentence's subject.
            if t.ends_with("ing") {
                // The document may be followed by when it came out: "a series of tweets early
                // Friday saying “…”".
                let mut p = v.saturating_sub(1);
                while p + 3 > v
                    && p > 0
                    && text.get(ws[p].start..ws[p].end).is_some_and(|w| {
                        is_date_word(w) || matches!(w, "early" | "late" | "on" | "last" | "this")
                    })
                {
                    p -= 1;
                }
                let prev = text.get(ws[p].start..ws[p].end).unwrap_or("");
                let doc =
                    matches!(
                        prev.strip_suffix('s').unwrap_or(prev),
                        "statement"
                            | "release"
                            | "email"
                            | "letter"
                            | "message"
                            | "post"
                            | "tweet"
                            | "video"
                            | "ad"
                            | "interview"
                            | "op-ed"
                            | "memo"
                            | "report"
                            | "note"
                    ) || matches!(prev, "upon" | "by" | "after" | "before" | "while" | "when");
                if doc {
                    if let Some(f) = sentence_subject(text, from, ws[v].start) {
                        return Some(Found { cue: ws[v], ..f });
                    }
                }
            }
            // "Bush thought for a moment and said “…”": the coordinated verb shares the
            // sentence's subject.
            if v > 0 && text.get(ws[v - 1].start..ws[v - 1].end) == Some("and") {
                if let Some(f) = sentence_subject(text, from, ws[v].start) {
                    return Some(Found { cue: ws[v], ..f });
                }
            }
            if let Some((mention, kind)) = subject_before(text, &ws, v) {
                // "a class called “Perception”": naming, not speech, unless a person calls it.
                let naming = matches!(t, "called" | "calls" | "call");
                if !naming || kind != MentionKind::Role {
                    let outer = (kind == MentionKind::Pronoun)
                        .then(|| outer_reporter(text, &ws, mention))
                        .flatten();
                    if let Some(outer) = outer {
                        return Some(outer);
                    }
                    return Some(Found {
                        cue: ws[v],
                        mention,
                        kind,
                    });
                }
                continue;
            }
            // "Said Trump: “…”" and "The paradox, says Carl Anthony, historian…, is “…”": an
            // inverted subject only where the verb opens the sentence or follows a comma. Else
            // this verb has no subject here ("refusing to say"): look further back.
            let opens = v == 0 || text.get(ws[v - 1].start..ws[v - 1].end) == Some(",");
            let speech = matches!(
                t,
                "said"
                    | "says"
                    | "writes"
                    | "wrote"
                    | "adds"
                    | "added"
                    | "explains"
                    | "explained"
                    | "notes"
                    | "noted"
                    | "continued"
                    | "continues"
            );
            if let Some((mention, kind)) = ws
                .get(v + 1..)
                .filter(|_| opens && speech)
                .and_then(|r| subject_after(text, r))
                .filter(|&(m, kind)| {
                    kind == MentionKind::Name
                        || text
                            .get(m.start..m.end)
                            .and_then(|x| x.split_whitespace().last())
                            .is_some_and(|h| is_role_noun(h) || is_media_noun(h))
                })
            {
                return Some(Found {
                    cue: ws[v],
                    mention,
                    kind,
                });
            }
            continue;
        }
    }
    // "Frank Newport and Jim Harter: “…”": a name and a colon introduce the quote; or a
    // sentence whose subject then introduces it ("Hoff proposes similar language: “…”").
    if n >= 2 && text.get(ws[n - 1].start..ws[n - 1].end) == Some(":") {
        if let Some((mention, kind)) = subject_before_plain(text, &ws, n - 1) {
            if kind == MentionKind::Name {
                return Some(Found {
                    cue: ws[n - 1],
                    mention,
                    kind,
                });
            }
        }
        if let Some(f) = sentence_subject(text, from, ws[n - 1].start) {
            return Some(Found {
                cue: ws[n - 1],
                ..f
            });
        }
    }
    None
}

/// True when the cue word at `ws[v]` is a plural noun, not a verb: "Pyongyang's claims", "the
/// claims", "of Democratic claims", "a flurry of late-night tweets". A verb follows its subject
/// ("Trump claims"); a noun follows a possessive, a determiner or "of", or a modifier that does.
fn used_as_noun(text: &str, ws: &[Word], v: usize) -> bool {
    let t = text.get(ws[v].start..ws[v].end).unwrap_or("");
    if !t.ends_with('s') || t.ends_with("ss") || v == 0 {
        return false;
    }
    let at = |j: usize| text.get(ws[j].start..ws[j].end).unwrap_or("");
    let marks_noun = |w: &str| {
        w.ends_with("'s")
            || w.ends_with("’s")
            || w.ends_with("s’")
            || w == "of"
            || is_determiner(w)
            || matches!(w, "such" | "all" | "no")
    };
    let prev = at(v - 1);
    if marks_noun(prev) {
        return true;
    }
    // A modifier in between: capitalised ("Democratic") or hyphenated ("late-night").
    let modifier = (is_cap(prev) || prev.contains('-')) && !is_punct(prev);
    modifier && v >= 2 && marks_noun(at(v - 2))
}

/// The named possessor of a speech noun at `ws[v]`, with up to three modifiers between:
/// "Donald Trump’s claim that", "Ada Byron’s recent evidence-free assertion that", "in Forbes’
/// words". The noun reports what its possessor said, as a reporting verb would.
fn speech_noun_possessor(text: &str, ws: &[Word], v: usize) -> Option<Found> {
    let t = text.get(ws[v].start..ws[v].end)?;
    let noun = matches!(
        t.strip_suffix('s').unwrap_or(t),
        "claim"
            | "assertion"
            | "word"
            | "dictum"
            | "promise"
            | "pledge"
            | "accusation"
            | "suggestion"
            | "catchphrase"
            | "slogan"
            | "demand"
            | "warning"
            | "vow"
            | "boast"
            | "insistence"
            | "declaration"
            | "prediction"
            | "contention"
            | "quip"
    );
    if !noun {
        return None;
    }
    let at = |j: usize| text.get(ws[j].start..ws[j].end).unwrap_or("");
    let possessive = |w: &str| w.ends_with("’s") || w.ends_with("'s") || w.ends_with('’');
    // The possessor: the capitalised word ending in a possessive, modifiers between lowercase.
    let mut p = v.checked_sub(1)?;
    while !possessive(at(p)) {
        let w = at(p);
        if v - p > 3 || is_cap(w) || is_punct(w) || is_cue_verb(w) {
            return None;
        }
        p = p.checked_sub(1)?;
    }
    if !is_cap(at(p)) {
        return None;
    }
    let mut s = p;
    while s > 0 && is_cap(at(s - 1)) && !is_punct(at(s - 1)) && !possessive(at(s - 1)) {
        s -= 1;
    }
    // A reporting verb before it makes the noun a topic: in "Tom Lee said Ada Byron’s claim
    // that… is “not true”" the quoted words are Tom Lee's.
    if ws[..s]
        .iter()
        .any(|w| text.get(w.start..w.end).is_some_and(is_cue_verb))
    {
        return None;
    }
    let phrase = ws.get(s..p + 1)?;
    if classify(text, phrase)? != MentionKind::Name {
        return None;
    }
    Some(Found {
        cue: ws[v],
        mention: span(phrase)?,
        kind: MentionKind::Name,
    })
}

/// A reporting clause around the one that holds the quote: in `Ada Byron said she recalled
/// thinking “…”` the inner "she" is the reporter herself, and the name is the surer mention
/// (PolNeAR marks it as the source). Called for pronoun subjects only: in `Tom Lee said Ada
/// Byron called it “…”` the quoted words are Ada Byron's, whoever reports them. The subject
/// `mention` must follow a finite reporting verb directly (or after "that"), and that verb
/// must have a named subject of its own.
fn outer_reporter(text: &str, ws: &[Word], mention: Word) -> Option<Found> {
    let i = ws.iter().position(|w| w.start == mention.start)?;
    let at = |j: usize| text.get(ws[j].start..ws[j].end);
    let mut v = i.checked_sub(1)?;
    if at(v) == Some("that") {
        v = v.checked_sub(1)?;
    }
    let verb = at(v)?;
    if !is_cue_verb(verb) || verb.ends_with("ing") {
        return None;
    }
    match subject_before(text, ws, v)? {
        (m, MentionKind::Name) => Some(Found {
            cue: ws[v],
            mention: m,
            kind: MentionKind::Name,
        }),
        _ => None,
    }
}

/// The cue in the sentence before a quote that opens its own sentence: `Or maybe Jeb Bush,
/// consultant Phil Musser says. “Several surveys…”` — the previous sentence of the paragraph
/// ends with `NP cue.` (or `NP cue:`).
pub fn previous_sentence(text: &str, from: usize, to: usize) -> Option<Found> {
    let ws = words(text, from, to);
    let n = ws.len();
    let last = text.get(ws.last()?.start..ws.last()?.end)?;
    if !matches!(last, "." | ":") || n < 3 {
        return None;
    }
    // The cue ends the sentence, or only a short phrase of place, time or medium follows it
    // (`Ada Byron said in a statement.`).
    let at = |j: usize| text.get(ws[j].start..ws[j].end);
    let v = (n.saturating_sub(8)..n - 1).rev().find(|&v| {
        at(v).is_some_and(|t| is_cue_verb(t) && !t.ends_with("ing"))
            && (v == n - 2
                || at(v + 1).is_some_and(|p| {
                    matches!(p, "in" | "on" | "at" | "during" | "via" | "to" | "after")
                }) && ws[v + 1..n - 1].iter().all(|w| {
                    text.get(w.start..w.end)
                        .is_some_and(|t| !is_punct(t) && !is_cue_verb(t))
                }))
    })?;
    let (mention, kind) = subject_before(text, &ws, v)?;
    Some(Found {
        cue: ws[v],
        mention,
        kind,
    })
}

/// Resolve a mention to a canonical speaker name. `entities` must be sorted by `start`. `prev_speaker` is the most recent named speaker
/// in this field (the pronoun fallback when there are no entities).
pub fn resolve(
    text: &str,
    found: &Found,
    entities: &[Entity],
    prev_speaker: Option<&str>,
) -> Option<String> {
    let name = resolve_mention(text, found, entities, prev_speaker).filter(|n| !is_party_tag(n))?;
    // The family-member guard: a name whose first name is of the other sex than the mention
    // says ("Mr. Obama" given as Michelle Obama, "she" as Gary Johnson) is the wrong one of
    // that family: the surname stands, made full only with a name that does not clash.
    let m = found.mention;
    let said = contracted_pronoun(text, m).map_or_else(
        || gender::of_mention(text, m.start, m.end),
        |p| gender::of_mention(text, p.start, p.end),
    );
    let clash = |n: &str| said.is_some_and(|g| gender::of_name(n).is_some_and(|h| h != g));
    let name = if clash(&name) {
        name.rsplit(' ').next().unwrap_or_default().to_string()
    } else {
        name
    };
    // Names within the look-up window of the mention only, as in `resolve_mention`, so a
    // long text of quotes costs linear time.
    let lo = entities.partition_point(|e| e.start < window_start(text, m.start));
    let hi = entities.partition_point(|e| e.start < m.end + LOOKUP_WINDOW / 4);
    let near = entities.get(lo..hi.max(lo)).unwrap_or(&[]);
    Some(fuller_name(near, name, &clash))
}

/// Whether two words are one with apostrophes folded ("O’Neill" and "O'Neill" are one surname),
/// in any case.
fn same_folded(a: &str, b: &str) -> bool {
    let fold = |c: char| if c == '’' { '\'' } else { c };
    a.chars()
        .map(fold)
        .flat_map(char::to_lowercase)
        .eq(b.chars().map(fold).flat_map(char::to_lowercase))
}

/// The fullest form the article gives for a one-word speaker: the one person of two or more
/// words whose surname it is, when exactly one is named in the field ("Sanders" read as an
/// organisation → "Bernie Sanders", "O'Neill" → "James O’Neill"), else the one longer
/// organisation it ends ("Times" → "New York Times"). Two people of that surname (Bill and
/// Hillary Clinton) or two such organisations leave the word as it is: no guess.
fn fuller_name(entities: &[Entity], name: String, clash: &dyn Fn(&str) -> bool) -> String {
    if name.contains(' ') || name.chars().all(|c| !c.is_lowercase()) {
        return name;
    }
    let longer = |label: Label| {
        let mut found: Option<&str> = None;
        for e in entities.iter().filter(|e| e.label == label) {
            let c = e.canonical.as_str();
            let last = c.rsplit(' ').next().unwrap_or("");
            if c.contains(' ') && same_folded(last, &name) && !clash(c) {
                if found.is_some_and(|f| f != c) {
                    return Err(());
                }
                found = Some(c);
            }
        }
        Ok(found)
    };
    match longer(Label::Per) {
        Ok(Some(full)) => full.to_string(),
        Err(()) => name,
        // An organisation whose word before this one is a first name may be a person the
        // tagger misread ("Speaker of the House Newt Gingrich" as one organisation) or a place
        // ("New York Times", "San Francisco Chronicle"): the word is left as it is.
        Ok(None) => match longer(Label::Org) {
            Ok(Some(full)) => {
                let ws: Vec<&str> = full.split_whitespace().collect();
                let before = ws.len().checked_sub(2).map_or("", |i| ws[i]);
                if gender::is_first_name(before) {
                    name
                } else {
                    full.to_string()
                }
            }
            _ => name,
        },
    }
}

/// The entities with a person read out of every organisation or place whose mention ends in a
/// title and a name: the tagger reads "Pennsylvania Gov. Ed Rendell" or "Vermont Sen. Bernie
/// Sanders" as a place from its first word, and then neither a pronoun nor a cue finds the
/// person. The name after the last title becomes a person mention (the title and place are
/// dropped); None when no entity is such, so the caller keeps borrowing its slice.
pub fn people_behind_titles(text: &str, entities: &[Entity]) -> Option<Vec<Entity>> {
    let person = |e: &Entity| -> Option<Entity> {
        if !matches!(e.label, Label::Org | Label::Loc) {
            return None;
        }
        let ws = words(text, e.start, e.end);
        let t = ws
            .iter()
            .rposition(|w| text.get(w.start..w.end).is_some_and(is_title))?;
        // A first name and a surname (or a middle name too) after the title: "U.S. Justice
        // Department" has a title word but no person behind it.
        let rest = ws.get(t + 1..).filter(|r| (2..=3).contains(&r.len()))?;
        let names = rest
            .iter()
            .all(|w| text.get(w.start..w.end).is_some_and(is_name_word));
        let first = text.get(rest[0].start..rest[0].end)?;
        if !names || !gender::is_first_name(first) {
            return None;
        }
        let (start, end) = (rest[0].start, rest[rest.len() - 1].end);
        let name = text.get(start..end)?.to_string();
        Some(Entity {
            text: name.clone(),
            label: Label::Per,
            start,
            end,
            canonical: name,
            ..e.clone()
        })
    };
    if !entities.iter().any(|e| person(e).is_some()) {
        return None;
    }
    let mut out: Vec<Entity> = entities
        .iter()
        .map(|e| person(e).unwrap_or_else(|| e.clone()))
        .collect();
    out.sort_by_key(|e| (e.start, e.end));
    Some(out)
}

/// [`resolve`] before the name is made its fullest.
fn resolve_mention(
    text: &str,
    found: &Found,
    entities: &[Entity],
    prev_speaker: Option<&str>,
) -> Option<String> {
    // "He’s claiming that …": a pronoun with a contracted verb is that pronoun, not a name.
    let contracted = contracted_pronoun(text, found.mention);
    let found = &match contracted {
        Some(m) if found.kind == MentionKind::Name => Found {
            mention: m,
            kind: MentionKind::Pronoun,
            ..*found
        },
        _ => *found,
    };
    let m = found.mention;
    // The mentions a pronoun's speaker is checked against: a look-up window on each side of the
    // quote (every mention, in an article shorter than the window).
    let around = {
        let lo = entities.partition_point(|e| e.start < window_start(text, m.start));
        let hi = entities.partition_point(|e| e.start < m.end.saturating_add(LOOKUP_WINDOW));
        entities.get(lo..hi.max(lo)).unwrap_or(&[])
    };
    // Only entities near the quote take part (see LOOKUP_WINDOW); `entities` is sorted by start.
    let lo = entities.partition_point(|e| e.start < window_start(text, m.start));
    let hi = entities.partition_point(|e| e.start < m.end + LOOKUP_WINDOW / 4);
    let entities = entities.get(lo..hi.max(lo)).unwrap_or(&[]);
    let mtext = text.get(m.start..m.end)?;
    match found.kind {
        MentionKind::Pronoun => {
            let lw = mtext.to_ascii_lowercase();
            match lw.as_str() {
                // "It is strange that …", "it was clear to …": no one, but the sentence's frame.
                "it" if expletive_it(text, m.end) => None,
                "who" => who_antecedent(text, entities, m.start),
                "he" | "she" => {
                    // Only a person the pronoun can stand for: "she" never names a man.
                    let want = gender::of_pronoun(&lw);
                    // A party-state tag the tagger read as a person ("R-Wis") is nobody.
                    let fits = |e: &Entity| {
                        !is_party_tag(&e.canonical)
                            && (want.is_none()
                                || gender::of_person(text, entities, e)
                                    .is_none_or(|g| Some(g) == want))
                    };
                    // The subject of this sentence or of the ones before it comes first.
                    let subject = reporting_subject(text, entities, m.start, Label::Per)
                        .filter(|e| fits(e))
                        .or_else(|| {
                            previous_subject(text, entities, m.start, Label::Per, &fits, 3)
                        });
                    if let Some(e) = subject {
                        return Some(per_name(text, e));
                    }
                    // Else the previous quote's speaker, when the pronoun can stand for them,
                    // before the last person named: in `“…,” Lynch said. … (a sentence about
                    // Hartson) … “…,” she said.` the speaker goes on speaking. Only a person:
                    // an organisation or a place that spoke before is no "she". On the
                    // identity gold, direct identity went .727 → .738 on dev and .666 → .704
                    // on the check set (never tuned on). Two variants were measured and
                    // dropped: preferring gender-known names among the recent ones (dev up,
                    // check down), and the last person named when only they are known to fit
                    // (dev .732, check .690).
                    //
                    // The mentions read are those within a look-up window on either side,
                    // and each name's gender and full form are found once: both depend
                    // on the name alone (and the word after it), and reading every mention of
                    // the article at every quote took cubic time on a long run of `“…,” he
                    // said.` quotes about one person (4 KB: 21 s in a debug build).
                    let speaker = prev_speaker.filter(|p| {
                        let mut fit: Vec<(&str, bool)> = Vec::new();
                        let mut full: Vec<(&str, String)> = Vec::new();
                        let mut any = false;
                        for e in around.iter().filter(|e| e.label == Label::Per) {
                            let c = e.canonical.as_str();
                            let named = c == *p
                                || p.strip_suffix(c).is_some_and(|r| r.ends_with(' '))
                                || per_name_once(text, e, &mut full) == *p;
                            if !named {
                                continue;
                            }
                            any = true;
                            let fits_e = match fit.iter().find(|(n, _)| *n == c) {
                                Some(&(_, f)) => f,
                                None => {
                                    let f = fits(e);
                                    fit.push((c, f));
                                    f
                                }
                            };
                            if !fits_e {
                                return false;
                            }
                        }
                        any && (want.is_none()
                            || gender::of_name(p).is_none_or(|g| Some(g) == want))
                    });
                    // Last, that speaker even when no person mention carries the name (a name
                    // the tagger missed and `fallback_name` found), unless it names an
                    // organisation or a place.
                    let untagged = prev_speaker.filter(|p| {
                        (want.is_none() || gender::of_name(p).is_none_or(|g| Some(g) == want))
                            && !around
                                .iter()
                                .any(|e| e.label != Label::Per && e.canonical == *p)
                    });
                    speaker
                        .map(str::to_string)
                        .or_else(|| {
                            recent_fitting(text, entities, m.start, Label::Per, fits)
                                .map(|e| per_name(text, e))
                        })
                        .or_else(|| untagged.map(str::to_string))
                }
                // "it" is as often a statement, a report or a letter as an organisation: an
                // organisation that is the subject here ("Acme says it…") or of the sentence
                // before ("Acme sued. It said…"), else one named just before, is named.
                "it" => reporting_subject(text, entities, m.start, Label::Org)
                    .or_else(|| previous_subject(text, entities, m.start, Label::Org, &|_| true, 3))
                    .or_else(|| {
                        let near = m.start.saturating_sub(IT_REACH);
                        recent_fitting(text, entities, m.start, Label::Org, |e| e.start >= near)
                    })
                    .map(|e| e.canonical.clone()),
                // "they", "we", "I" in narration: too vague to name.
                _ => None,
            }
        }
        MentionKind::Name => {
            // A person inside the mention wins ("US Senator Jeff Sessions"), else its last
            // organisation.
            let inside = |e: &&Entity| e.start < m.end && m.start < e.end;
            if let Some(e) = entities
                .iter()
                .filter(inside)
                .filter(|e| e.label == Label::Per)
                .max_by_key(|e| e.end)
                .or_else(|| {
                    entities
                        .iter()
                        .filter(inside)
                        .filter(|e| e.label == Label::Org)
                        .max_by_key(|e| e.end)
                })
            {
                return Some(per_name(text, e));
            }
            fallback_name(text, mtext, entities)
        }
        MentionKind::Role => {
            let ws = words(text, m.start, m.end);
            let head = ws.last().and_then(|w| text.get(w.start..w.end))?;
            // A role word that the tagger read as a name is one: "Mr. King", "Ms. Bishop". An
            // organisation inside the phrase speaks through its documents and its people as a
            // body ("a GAO report", "the IMF team").
            let inside = |e: &&Entity| e.start >= m.start && e.end <= m.end;
            // The whole phrase an organisation's name: "according to CNN", whose capitals
            // read as a title's.
            let speaks_for = is_collective_noun(head)
                || is_document_noun(head)
                || entities
                    .iter()
                    .any(|e| e.label == Label::Org && e.start <= m.start && e.end >= m.end);
            if let Some(e) = entities
                .iter()
                .filter(inside)
                .filter(|e| e.label == Label::Per)
                .max_by_key(|e| e.end)
                .or_else(|| {
                    entities
                        .iter()
                        .filter(|e| inside(e) || (e.start <= m.start && e.end >= m.end))
                        .filter(|e| e.label == Label::Org && speaks_for)
                        .max_by_key(|e| e.end)
                })
            {
                return Some(per_name(text, e));
            }
            // "a Times article", "a Homeland Security memo": a document speaks for the body
            // named in it, by its full name when the article tags one ("The New York Times").
            let named = || {
                // From the first capitalised word to the last ("Club for Growth"), dates aside.
                let cap = |w: &&Word| {
                    text.get(w.start..w.end).is_some_and(|t| {
                        is_cap(t) && !is_function_word(t) && !is_punct(t) && !is_date_word(t)
                    })
                };
                let a = ws.iter().find(cap)?;
                let b = ws.iter().rev().find(cap)?;
                text.get(a.start..b.end).map(str::to_string)
            };
            if is_document_noun(head) {
                if let Some(n) = named() {
                    return fallback_name(text, &n, entities).or(Some(n));
                }
            }
            // "a spokesman", "one longtime adviser", "another official": an indefinite phrase
            // brings in someone not named — never the person known by that role.
            if ws
                .first()
                .and_then(|w| text.get(w.start..w.end))
                .is_some_and(is_indefinite)
            {
                return None;
            }
            if is_media_noun(head) {
                // "the nationalist Global Times tabloid" names itself.
                return named().or_else(|| recent_media(text, entities, m.start));
            }
            if !is_role_noun(head) && !is_title(head) {
                return None;
            }
            role_holder(text, entities, &ws, m.start)
        }
    }
}

/// The pronoun of a one-word mention that is a pronoun with a contracted verb ("He’s", "she'd",
/// "It’s"): the words reader keeps the apostrophe inside the word, so the mention reads as a
/// capitalised name otherwise.
fn contracted_pronoun(text: &str, m: Word) -> Option<Word> {
    let t = text.get(m.start..m.end)?;
    let cut = t.find(['\'', '’'])?;
    let tail = t.get(cut..)?.trim_start_matches(['\'', '’']);
    (matches!(tail, "s" | "d" | "ll") && is_pronoun(t.get(..cut)?)).then_some(Word {
        start: m.start,
        end: m.start + cut,
    })
}

/// Whether "it" ending at `end` is the empty subject of an adjective or passive frame: "It is
/// strange that …", "it was clear to …", "It’s not surprising that …", "it seems likely that".
/// A form of be/seem, at most three words (no name among them), then that/to/whether/how/why.
fn expletive_it(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let rest = rest.get(..rest.len().min(120)).unwrap_or(rest);
    let rest = rest
        .strip_prefix("’s")
        .or_else(|| rest.strip_prefix("'s"))
        .map(|r| format!("is{r}"))
        .unwrap_or_else(|| rest.to_string());
    let ws: Vec<&str> = rest
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.']))
        .take(6)
        .collect();
    let Some(first) = ws.first() else {
        return false;
    };
    if !matches!(
        *first,
        "is" | "was" | "seems" | "seemed" | "appears" | "appeared"
    ) {
        return false;
    }
    ws.iter().skip(2).take(3).enumerate().any(|(i, w)| {
        matches!(*w, "that" | "to" | "whether" | "how" | "why")
            && ws[1..i + 2].iter().all(|x| !is_cap(x))
    })
}

/// A pronoun inside a subordinate clause speaks for the sentence's subject: in "Ada Byron has
/// railed against what she calls “…”" and "Ada Byron said she recalled “…”" the quote is the
/// subject's, and the pronoun only refers back to it — PolNeAR marks the subject as the source
/// (on train, 14 such quotes against none marking the pronoun). So the mention moves to that
/// subject when the pronoun follows "what", or opens the clause its verb reports ("said (that)
/// she"), and the subject can be the pronoun's antecedent: a name, a role, or the same pronoun.
/// `sent_start` is where the quote's sentence begins. Otherwise `found` is returned unchanged.
pub fn governing_subject(text: &str, sent_start: usize, found: Found) -> Found {
    let m = found.mention;
    let pron = text.get(m.start..m.end).unwrap_or("").to_ascii_lowercase();
    if found.kind != MentionKind::Pronoun || !matches!(pron.as_str(), "he" | "she" | "it") {
        return found;
    }
    let Some(subj) = sentence_subject(text, sent_start, m.start) else {
        return found;
    };
    if subj.mention.end > m.start {
        return found;
    }
    let agrees = match subj.kind {
        MentionKind::Pronoun => text
            .get(subj.mention.start..subj.mention.end)
            .is_some_and(|t| t.eq_ignore_ascii_case(&pron)),
        MentionKind::Name | MentionKind::Role => true,
    };
    let ws = words(text, subj.cue.end, m.start);
    let at = |i: usize| ws.get(i).and_then(|w| text.get(w.start..w.end));
    // Another quote between them is another clause of speech.
    if (0..ws.len()).any(|i| matches!(at(i), Some("“" | "”" | "\""))) {
        return found;
    }
    let after_what = ws.len().checked_sub(1).and_then(at) == Some("what");
    // "said (Wednesday) (that) she": only time words and "that" between the verb and the
    // pronoun, so the pronoun opens the reported clause.
    let reported = text
        .get(subj.cue.start..subj.cue.end)
        .is_some_and(is_cue_verb)
        && ws.iter().all(|w| {
            text.get(w.start..w.end).is_some_and(|t| {
                matches!(t, "that" | "on") || is_date_word(t) || is_aux_or_adverb(t)
            })
        });
    if agrees && (after_what || reported) {
        return Found {
            cue: found.cue,
            mention: subj.mention,
            kind: subj.kind,
        };
    }
    found
}

/// Heads of a phrase that speaks as its owner does: "the Clinton campaign", "Sanders's team".
fn is_collective_noun(w: &str) -> bool {
    matches!(
        w,
        "campaign" | "office" | "team" | "administration" | "committee" | "camp" | "staff"
    )
}

/// Texts whose words are their author's: "a GAO report", "the Rove ad", "the Vox column".
fn is_document_noun(w: &str) -> bool {
    matches!(
        w,
        "ad" | "ads"
            | "report"
            | "statement"
            | "letter"
            | "release"
            | "memo"
            | "column"
            | "card"
            | "website"
            | "email"
            | "tweet"
            | "post"
            | "video"
            | "editorial"
            | "study"
            | "poll"
            | "survey"
            | "filing"
            | "complaint"
            | "lawsuit"
            | "transcript"
            | "article"
            | "story"
            | "analysis"
            | "investigation"
    )
}

/// Determiners that introduce someone new rather than point back to someone known.
fn is_indefinite(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "a" | "an" | "one" | "another" | "some" | "several" | "many" | "both"
    )
}

/// How far (bytes) the article-wide look-ups — role holders, outlets, full forms of surnames —
/// reach: about ten pages of news text. The bound keeps quote extraction linear in the article
/// even when every quote needs a look-up (pathological input), and a news story introduces its
/// people well within it.
const LOOKUP_WINDOW: usize = 32 * 1024;

fn window_start(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len()).saturating_sub(LOOKUP_WINDOW);
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn window_end(text: &str, to: usize) -> usize {
    let mut i = to.min(text.len());
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The person who opens the sentence holding `at` as the subject of a reporting verb: in
/// "Clinton says she appreciated Machado’s courage through what she calls …", both "she" are
/// Clinton, not the person named last.
fn reporting_subject<'e>(
    text: &str,
    entities: &'e [Entity],
    at: usize,
    label: Label,
) -> Option<&'e Entity> {
    let start = sentence_start_near(text, at);
    let e = entities
        .iter()
        .filter(|e| e.start >= start && e.end <= at)
        .min_by_key(|e| e.start)?;
    let lead = text.get(start..e.start)?.trim();
    let lead_ok = lead.is_empty()
        || matches!(lead, "But" | "And")
        || (label == Label::Org && matches!(lead, "The" | "But the" | "And the"));
    if e.label != label || !lead_ok {
        return None;
    }
    let verb = text.get(e.end..)?.split_whitespace().next()?;
    is_cue_verb(verb.trim_end_matches([',', '.'])).then_some(e)
}

/// The most recent person ending before `at` that `fits`, outside quotation marks: a name in
/// someone's quoted words is theirs to refer to, not the narration's ("“…#Hashtag,” he wrote").
fn recent_fitting<'e>(
    text: &str,
    entities: &'e [Entity],
    at: usize,
    label: Label,
    fits: impl Fn(&Entity) -> bool,
) -> Option<&'e Entity> {
    entities
        .iter()
        .rev()
        .filter(|e| e.end <= at && e.label == label)
        .find(|e| fits(e) && !inside_quote(text, e.start))
}

/// Whether `at` lies inside a quotation of its paragraph: the last curly mark before it opens
/// one, or (straight quotes only) an odd number of `"` precede it. Reads at most 2 KB back.
fn inside_quote(text: &str, at: usize) -> bool {
    let from = window_start(text, at).max(at.saturating_sub(2048));
    let mut from = from;
    while from < at && !text.is_char_boundary(from) {
        from += 1;
    }
    let Some(before) = text.get(from..at) else {
        return false;
    };
    let para = before.rsplit('\n').next().unwrap_or(before);
    match para.rfind(['“', '”']) {
        Some(i) => para[i..].starts_with('“'),
        None => para.matches('"').count() % 2 == 1,
    }
}

/// What a relative "who" at `at` stands for: the name right before its comma ("said Ada Byron,
/// who added"), a tagged person or organisation, else a capitalised name as written. A
/// description there ("one Democrat familiar with the talks, who added") names nobody, and
/// neither does anyone named earlier.
fn who_antecedent(text: &str, entities: &[Entity], at: usize) -> Option<String> {
    let before = text.get(..at)?.trim_end().strip_suffix(',')?.trim_end();
    name_ending_at(text, entities, before.len()).or_else(|| {
        // "Scott Reed, the group's strategist, who": the name before the appositive.
        let open = before.rfind(',')?;
        let inner = text.get(open + 1..before.len())?.trim_start();
        let first = inner.split_whitespace().next()?;
        (is_determiner(first) || first.ends_with("’s") || first.ends_with("'s"))
            .then(|| name_ending_at(text, entities, text.get(..open)?.trim_end().len()))?
    })
}

/// The name of a person or organisation written right up to `end`: a tagged one, else a
/// capitalised name as written. A party tag ("Ada Byron (D-Vt.)") and a home ("Sen. Ada Byron of
/// Florida") are asides after the name.
fn name_ending_at(text: &str, entities: &[Entity], end: usize) -> Option<String> {
    let before = text.get(..end)?;
    let before = match before.strip_suffix(')') {
        Some(b) => b.get(..b.rfind('(')?)?.trim_end(),
        None => before,
    };
    let end = before.len();
    let home = entities
        .iter()
        .find(|e| e.end == end && e.label == Label::Loc)
        .and_then(|e| text.get(..e.start)?.strip_suffix(" of "))
        .map(str::len);
    let end = home.unwrap_or(end);
    if let Some(e) = entities
        .iter()
        .filter(|e| e.end == end && matches!(e.label, Label::Per | Label::Org))
        .min_by_key(|e| e.start)
    {
        return Some(per_name(text, e));
    }
    let ws = words(text, end.saturating_sub(60), end);
    let run = ws
        .iter()
        .rev()
        .take_while(|w| {
            text.get(w.start..w.end)
                .is_some_and(|t| is_cap(t) && !is_punct(t) && !is_function_word(t))
        })
        .count();
    let first = ws.len().checked_sub(run).filter(|_| run > 0)?;
    let name = text.get(ws[first].start..end)?;
    fallback_name(text, name, entities).filter(|n| !is_role_phrase(n))
}

/// Where the sentence holding `at` starts: after the last line break or ". " within 300 bytes
/// — not the dot of a title or an initial ("Govs. Jeb Bush", "George W. Bush").
fn sentence_start_near(text: &str, at: usize) -> usize {
    let mut from = at.saturating_sub(300);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    let before = text.get(from..at).unwrap_or("");
    let line = before.rfind('\n').map(|i| i + 1);
    let full_stop = memchr::memmem::rfind_iter(before.as_bytes(), ". ").find(|&i| {
        let word = before[..i].rsplit([' ', '\n']).next().unwrap_or("");
        let word = word.trim_end_matches('.');
        let initial = single_char(word).is_some_and(char::is_uppercase);
        !(initial || is_title(word) || matches!(word, "Govs" | "Sens" | "Reps" | "St"))
    });
    from + full_stop
        .map(|i| i + 2)
        .into_iter()
        .chain(line)
        .max()
        .unwrap_or(0)
}

/// A pronoun opening its sentence continues the subject of the sentence before ("Ada Byron
/// met Tom Lee. She said …" is Ada Byron, whoever was named last): that subject when it is a
/// person who `fits`, or whom the same pronoun opening that sentence stands for ("She says …
/// She adds …"), up to `depth` sentences back. None when that sentence opens otherwise.
fn previous_subject<'e>(
    text: &str,
    entities: &'e [Entity],
    at: usize,
    label: Label,
    fits: &dyn Fn(&Entity) -> bool,
    depth: usize,
) -> Option<&'e Entity> {
    let opens = |s: usize, to: usize| {
        text.get(s..to)
            .map(str::trim)
            .is_some_and(|l| l.is_empty() || matches!(l, "But" | "And"))
    };
    // "“…,” he said.": a quotation before the pronoun leaves it the sentence's subject.
    let after_quote = |s: usize| {
        text.get(s..at).map(str::trim).is_some_and(|l| {
            l.starts_with(['“', '"'])
                && l.trim_end_matches([',', ' ']).ends_with(['”', '"'])
                && l.matches(['“', '”', '"']).count() == 2
        })
    };
    // "On Wednesday, he told …": a short adverbial before the pronoun leaves it the subject.
    let adverbial = |s: usize| {
        text.get(s..at).map(str::trim).is_some_and(|l| {
            l.ends_with(',')
                && l.split_whitespace().count() <= 4
                && !l.contains(['“', '”', '"'])
                && !entities.iter().any(|e| e.start >= s && e.end <= at)
        })
    };
    let s = sentence_start_near(text, at);
    if depth == 0 || s == 0 || !(opens(s, at) || after_quote(s) || adverbial(s)) {
        return None;
    }
    let pron = text.get(at..)?.split_whitespace().next()?;
    let end = text.get(..s)?.trim_end().len();
    let p = sentence_start_near(text, end);
    if p >= end {
        return None;
    }
    // The subject may carry its titles: "Former Pennsylvania governor Ed Rendell, …, was".
    let titles_only = |to: usize| {
        words(text, p, to).iter().all(|w| {
            text.get(w.start..w.end).is_some_and(|t| {
                !is_punct(t)
                    && (is_cap(t)
                        || is_role_noun(t)
                        || is_title(t)
                        || matches!(t, "former" | "the" | "of"))
            })
        })
    };
    let next_word = |e: &Entity| {
        text.get(e.end..end)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or("")
            .trim_end_matches([',', '.'])
    };
    let candidates = || {
        entities
            .iter()
            .filter(|e| e.start >= p && e.end <= end && e.label == label)
    };
    // The reporting clause names the sentence's speaker wherever it stands: "…, Ada Byron
    // said." Else the subject that opens it, followed by its verb or an appositive — not a
    // possessive or a modifier ("Trump’s accusation", "Trump campaign chairman …").
    // Or, inverted, the name that ends the sentence after its cue: "…, noted NBC’s Ada Byron."
    // (an outlet's possessive or a title may stand between them).
    let inverted = || {
        candidates().next_back().filter(|e| {
            let tail = text.get(e.end..end).map(str::trim);
            let before = words(text, p, e.start);
            let verb = before.iter().rev().find(|w| {
                text.get(w.start..w.end).is_some_and(|t| {
                    !(t.ends_with("’s") || t.ends_with("'s") || is_title(t) || is_punct(t))
                })
            });
            matches!(tail, Some("" | "."))
                && verb.is_some_and(|w| text.get(w.start..w.end).is_some_and(is_cue_verb))
        })
    };
    let speaker = candidates()
        .find(|e| is_cue_verb(next_word(e)))
        .or_else(inverted);
    let opener = candidates()
        .min_by_key(|e| e.start)
        .filter(|e| opens(p, e.start) || titles_only(e.start))
        .filter(|e| {
            let n = next_word(e);
            text.get(e.end..).is_some_and(|r| r.starts_with(',')) || (!is_cap(n) && is_verb_like(n))
        });
    if let Some(e) = speaker.or(opener) {
        return fits(e).then_some(e);
    }
    let w = words(text, p, end);
    let i = w.iter().position(|w| {
        text.get(w.start..w.end)
            .is_some_and(|t| !matches!(t, "But" | "And"))
    })?;
    let first = text.get(w[i].start..w[i].end)?;
    if first.eq_ignore_ascii_case(pron) {
        return previous_subject(text, entities, w[i].start, label, fits, depth - 1);
    }
    None
}

/// How far back (bytes) "it" looks for an organisation named before it: a paragraph or two.
const IT_REACH: usize = 800;

/// Words that mark an organisation as a news outlet.
fn is_media_name(name: &str) -> bool {
    name.split_whitespace().any(|w| {
        matches!(
            w,
            "Times"
                | "Post"
                | "Journal"
                | "Guardian"
                | "Observer"
                | "News"
                | "Press"
                | "Herald"
                | "Tribune"
                | "Telegraph"
                | "Spiegel"
                | "Gazette"
                | "Daily"
                | "Reuters"
                | "AP"
                | "CNN"
                | "BBC"
                | "Bloomberg"
                | "Politico"
                | "POLITICO"
                | "Breitbart"
                | "Axios"
                | "Mail"
                | "Independent"
                | "Economist"
                | "Newsweek"
                | "Magazine"
                | "Izvestia"
                | "Kommersant"
                | "Vedomosti"
                | "Monde"
                | "Figaro"
                | "Zeitung"
                | "Allgemeine"
        )
    })
}

fn recent_media(text: &str, entities: &[Entity], at: usize) -> Option<String> {
    if let Some(e) = entities
        .iter()
        .filter(|e| e.end <= at && e.label == Label::Org && is_media_name(&e.canonical))
        .max_by_key(|e| e.end)
    {
        return Some(e.canonical.clone());
    }
    // Fallback without entities: the latest capitalised run naming an outlet.
    let ws = words(text, window_start(text, at), at);
    let mut best: Option<String> = None;
    let mut i = 0;
    while i < ws.len() {
        let t = text.get(ws[i].start..ws[i].end)?;
        if is_cap(t) && !is_function_word(t) && !is_punct(t) {
            let mut j = i;
            while j < ws.len()
                && text
                    .get(ws[j].start..ws[j].end)
                    .is_some_and(|t| is_cap(t) && !is_punct(t))
            {
                j += 1;
            }
            let name = text.get(ws[i].start..ws[j - 1].end)?;
            if is_media_name(name) {
                best = Some(name.to_string());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    best
}

/// The person introduced with a role: a PER entity (or, without entities, a capitalised name)
/// right after the role's head noun ("Secretary General Jens Stoltenberg") or right before it as
/// an appositive ("Jens Stoltenberg, NATO's secretary general"). The latest one before `at` wins,
/// else the first after it.
fn role_holder(text: &str, entities: &[Entity], role: &[Word], at: usize) -> Option<String> {
    let head = role.last().and_then(|w| text.get(w.start..w.end))?;
    let head = head.trim_end_matches('.').to_ascii_lowercase();
    let (r0, r1) = (role.first()?.start, role.last()?.end);
    let has_per = entities.iter().any(|en| en.label == Label::Per);
    let role_text = text.get(r0..r1)?;
    // Every occurrence of the head noun (or its abbreviation) in the window, outside the role
    // mention itself, found by substring search on an ASCII-lowercased copy (same offsets).
    let lo = window_start(text, at);
    let hi = window_end(text, at + LOOKUP_WINDOW / 4);
    let hay = text.get(lo..hi)?.to_ascii_lowercase();
    let abbrev = match head.as_str() {
        "senator" => Some("sen."),
        "governor" => Some("gov."),
        "representative" => Some("rep."),
        "general" => Some("gen."),
        _ => None,
    };
    // Every hit of the head noun (or its abbreviation), cheap to collect; candidates are then
    // tried nearest-first before the quote, else first after it, at most 64 tries so that
    // a text full of role words stays linear.
    let mut hits: Vec<(usize, usize)> = std::iter::once(head.as_str())
        .chain(abbrev)
        .filter(|n| !n.is_empty())
        .flat_map(|needle| hay.match_indices(needle).map(|(i, n)| (i, n.len())))
        .collect();
    hits.sort_unstable();
    let split = hits.partition_point(|&(i, _)| lo + i < at);
    let order = hits[..split]
        .iter()
        .rev()
        .chain(hits[split..].iter())
        .take(64);
    let try_hit = |i: usize, needle_len: usize| -> Option<String> {
        let (s0, s1) = (lo + i, lo + i + needle_len);
        if s0 >= r0 && s1 <= r1 {
            return None;
        }
        let before_ok = hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = hay[i + needle_len..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if !(before_ok && after_ok) {
            return None;
        }
        // Name right after the head noun.
        let after = words(text, s1, window_end(text, s1 + 80));
        let mut j = 0;
        while j < after.len().min(4) {
            let t = text.get(after[j].start..after[j].end).unwrap_or("");
            if !is_cap(t) || is_punct(t) || is_function_word(t) {
                break;
            }
            j += 1;
        }
        let (s, e) = if j > 0 {
            (after[0].start, after[j - 1].end)
        } else {
            // "Jens Stoltenberg, the NATO secretary general": the name before the comma
            // that opens the appositive holding the role.
            let mut from = s0.saturating_sub(120);
            while from > 0 && !text.is_char_boundary(from) {
                from -= 1;
            }
            let back = words(text, from, s0);
            let c = back
                .iter()
                .rev()
                .take(6)
                .position(|w| text.get(w.start..w.end) == Some(","))?;
            let comma = back.len() - 1 - c;
            // The appositive opens with a determiner right after its comma.
            let opens = back
                .get(comma + 1)
                .and_then(|w| text.get(w.start..w.end))
                .is_some_and(|t| is_determiner(t) || t.ends_with("’s") || t.ends_with("'s"));
            if !opens {
                return None;
            }
            let mut b = comma;
            while b > 0
                && comma - b < 4
                && text
                    .get(back[b - 1].start..back[b - 1].end)
                    .is_some_and(|t| is_cap(t) && !is_punct(t) && !is_function_word(t))
            {
                b -= 1;
            }
            if b == comma {
                return None;
            }
            (back[b].start, back[comma - 1].end)
        };
        if contradicts(text, entities, role_text, s.min(s0), e.max(s1)) {
            return None;
        }
        // Entities are sorted by start: look only at those starting before `e`.
        let k = entities.partition_point(|en| en.start < e);
        let name = entities[..k]
            .iter()
            .rev()
            .take(8)
            .find(|en| en.label == Label::Per && s < en.end)
            .map(|en| per_name(text, en))
            .or_else(|| {
                if has_per {
                    None
                } else {
                    text.get(s..e).map(strip_titles)
                }
            });
        if let Some(n) = name.filter(|n| !n.is_empty() && !is_role_phrase(n)) {
            return Some(n);
        }
        None
    };
    order.copied().find_map(|(i, nlen)| try_hit(i, nlen))
}

/// Whether the holder introduced at `from..to` contradicts the role's own state or party: "the
/// Florida senator" is not "Sen. Ada Byron (D-Vt.)", "the Republican nominee" not "Democratic
/// nominee Tom Lee". Only a contradiction rules a holder out — an article often names "the
/// Vermont senator" without ever writing "Vermont" beside him. The holder's side is read from
/// 60 bytes before (not reaching back past another person) to 20 after (a party tag).
fn contradicts(text: &str, entities: &[Entity], role: &str, from: usize, to: usize) -> bool {
    let other = entities
        .iter()
        .filter(|e| e.label == Label::Per && e.end <= from)
        .map(|e| e.end)
        .max()
        .unwrap_or(0);
    let mut lo = from.saturating_sub(60).max(other);
    while lo < from && !text.is_char_boundary(lo) {
        lo += 1;
    }
    let near = text.get(lo..window_end(text, to + 20)).unwrap_or("");
    let disjoint = |a: &[usize], b: &[usize]| {
        !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
    };
    disjoint(&states_in(role), &states_in(near)) || disjoint(&parties_in(role), &parties_in(near))
}

/// Whether `w` is written in `s` as a whole word (a party tag's "R-" counts before anything).
fn has_word(s: &str, w: &str) -> bool {
    s.match_indices(w).any(|(i, _)| {
        let before = s[..i].chars().next_back();
        let after = s[i + w.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && (w.ends_with('-') || after.is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// The US parties `s` names: 0 Republican ("GOP", a tag "R-Fla."), 1 Democratic, 2 independent.
fn parties_in(s: &str) -> Vec<usize> {
    let forms: [&[&str]; 3] = [
        &["Republican", "GOP", "R-"],
        &["Democratic", "Democrat", "D-"],
        &["independent", "Independent", "I-"],
    ];
    (0..3)
        .filter(|&p| forms[p].iter().any(|f| has_word(s, f)))
        .collect()
}

/// The US states `s` names, in full or by AP abbreviation in a party tag ("R-Fla.").
fn states_in(s: &str) -> Vec<usize> {
    STATES
        .iter()
        .enumerate()
        .filter(|(_, (name, ap))| {
            has_word(s, name) || (!ap.is_empty() && s.contains(&format!("-{ap}")))
        })
        .map(|(i, _)| i)
        .collect()
}

/// US states and their AP abbreviations (none for the short names AP writes in full).
const STATES: [(&str, &str); 50] = [
    ("Alabama", "Ala."),
    ("Alaska", ""),
    ("Arizona", "Ariz."),
    ("Arkansas", "Ark."),
    ("California", "Calif."),
    ("Colorado", "Colo."),
    ("Connecticut", "Conn."),
    ("Delaware", "Del."),
    ("Florida", "Fla."),
    ("Georgia", "Ga."),
    ("Hawaii", ""),
    ("Idaho", ""),
    ("Illinois", "Ill."),
    ("Indiana", "Ind."),
    ("Iowa", ""),
    ("Kansas", "Kan."),
    ("Kentucky", "Ky."),
    ("Louisiana", "La."),
    ("Maine", ""),
    ("Maryland", "Md."),
    ("Massachusetts", "Mass."),
    ("Michigan", "Mich."),
    ("Minnesota", "Minn."),
    ("Mississippi", "Miss."),
    ("Missouri", "Mo."),
    ("Montana", "Mont."),
    ("Nebraska", "Neb."),
    ("Nevada", "Nev."),
    ("New Hampshire", "N.H."),
    ("New Jersey", "N.J."),
    ("New Mexico", "N.M."),
    ("New York", "N.Y."),
    ("North Carolina", "N.C."),
    ("North Dakota", "N.D."),
    ("Ohio", ""),
    ("Oklahoma", "Okla."),
    ("Oregon", "Ore."),
    ("Pennsylvania", "Pa."),
    ("Rhode Island", "R.I."),
    ("South Carolina", "S.C."),
    ("South Dakota", "S.D."),
    ("Tennessee", "Tenn."),
    ("Texas", ""),
    ("Utah", ""),
    ("Vermont", "Vt."),
    ("Virginia", "Va."),
    ("Washington", "Wash."),
    ("West Virginia", "W.Va."),
    ("Wisconsin", "Wis."),
    ("Wyoming", "Wyo."),
];

fn is_role_phrase(s: &str) -> bool {
    s.split_whitespace()
        .all(|w| is_role_noun(w) || is_title(w) || w.chars().all(|c| c.is_uppercase()))
}

/// Drop leading titles ("Sen. Ted Cruz" → "Ted Cruz") and a possessive tail.
fn strip_titles(s: &str) -> String {
    let mut parts: Vec<&str> = s.split_whitespace().collect();
    while parts.len() > 1 && parts.first().is_some_and(|w| is_title(w)) {
        parts.remove(0);
    }
    let mut out = parts.join(" ");
    for suf in ["’s", "'s"] {
        if let Some(x) = out.strip_suffix(suf) {
            out = x.to_string();
        }
    }
    out
}

/// Whether `e` is a person whose canonical name ends with `surname`, in any case (a
/// transcript's "PENCE" is Mike Pence).
fn has_surname(e: &Entity, surname: &str) -> bool {
    e.label == Label::Per
        && e.canonical
            .rsplit(' ')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(surname))
}

/// A name as written when entities do not cover it, expanded from a lone surname to the fuller
/// name written elsewhere in the article. Returns None for what does not look like a name.
fn fallback_name(text: &str, mention: &str, entities: &[Entity]) -> Option<String> {
    let name = strip_titles(mention);
    if name.is_empty() {
        return None;
    }
    // A full name ending with this surname is checked before the role test, which takes
    // all-capital words for acronyms.
    if !name.contains(' ') {
        if let Some(e) = entities
            .iter()
            .find(|e| has_surname(e, &name) && e.canonical.contains(' '))
        {
            return Some(e.canonical.clone());
        }
    }
    // "according to CNN": an acronym alone names an organisation (the role test below reads
    // capitals as part of a title, "NATO Secretary General").
    let acronym = (2..=6).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_uppercase())
        && !is_title(&name)
        && !is_role_noun(&name)
        && name != "VP";
    if acronym {
        return Some(name);
    }
    if is_role_phrase(&name) || !determiner_names(&name) {
        return None;
    }
    if name.contains(' ') {
        return Some(name);
    }
    Some(expand_backward(text, &name).unwrap_or(name))
}

/// Whether a phrase can be a name as far as its first word goes: a quantifier or a possessive
/// never opens one ("some Republicans", "Many Americans", "His auto bailout fact-check").
fn determiner_names(phrase: &str) -> bool {
    let first = phrase.split_whitespace().next().unwrap_or("");
    !matches!(
        lower(first, &mut [0; 32]),
        "some"
            | "several"
            | "many"
            | "both"
            | "his"
            | "her"
            | "its"
            | "their"
            | "this"
            | "these"
            | "those"
    )
}

/// A person's name for output: the entity's canonical name, made fuller when it is one word and
/// the article writes more — the tagger may cut "Jens Stoltenberg" into "Jens" (then the next
/// capitalised word at this mention completes it) or know only "Stoltenberg" (then the first
/// "First Stoltenberg" in the text does).
fn per_name(text: &str, e: &Entity) -> String {
    let c = &e.canonical;
    if e.label != Label::Per || c.contains(' ') || c.is_empty() {
        return c.clone();
    }
    let next = text
        .get(e.end..)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.split([' ', ',', '.', '\n', ';', ':']).next())
        .unwrap_or("");
    if is_name_word(next) && e.text == *c {
        return format!("{c} {next}");
    }
    expand_backward(text, c).unwrap_or_else(|| c.clone())
}

fn is_name_word(w: &str) -> bool {
    is_cap(w)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_function_word(w)
        && !is_title(w)
        && !is_role_noun(w)
        && !is_date_word(w)
        && !w.chars().all(|c| c.is_uppercase())
}

/// The first "First Surname" in the text for a lone surname.
/// `per_name`, with the article-wide part (`expand_backward`) looked up once per name in `seen`.
fn per_name_once<'e>(text: &str, e: &'e Entity, seen: &mut Vec<(&'e str, String)>) -> String {
    let c = e.canonical.as_str();
    if e.label != Label::Per || c.contains(' ') || c.is_empty() {
        return c.to_string();
    }
    let next = text
        .get(e.end..)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.split([' ', ',', '.', '\n', ';', ':']).next())
        .unwrap_or("");
    if is_name_word(next) && e.text == *c {
        return format!("{c} {next}");
    }
    if let Some((_, full)) = seen.iter().find(|(n, _)| *n == c) {
        return full.clone();
    }
    let full = expand_backward(text, c).unwrap_or_else(|| c.to_string());
    seen.push((c, full.clone()));
    full
}

fn expand_backward(text: &str, name: &str) -> Option<String> {
    let mut from = 0;
    let hay = text.get(..window_end(text, LOOKUP_WINDOW)).unwrap_or("");
    // memmem's SIMD search: this reads the article's first 32 KB for every one-word name.
    let finder = memchr::memmem::Finder::new(name);
    while let Some(p) = hay.get(from..).and_then(|r| finder.find(r.as_bytes())) {
        let at = from + p;
        from = at + name.len();
        let after_ok = text
            .get(from..)
            .and_then(|r| r.chars().next())
            .is_none_or(|c| !c.is_alphanumeric());
        if !after_ok {
            continue;
        }
        let before = text.get(..at).unwrap_or("");
        if !before.ends_with(' ') {
            continue;
        }
        let prev = before.trim_end().rsplit([' ', '\n']).next().unwrap_or("");
        let initial = is_cap(prev) && prev.len() == 2 && prev.ends_with('.');
        // "Loretta E. Lynch": a first name before the initial belongs to the name too.
        if initial {
            let head = before
                .trim_end()
                .strip_suffix(prev)
                .unwrap_or("")
                .trim_end();
            let first = head.rsplit([' ', '\n']).next().unwrap_or("");
            if is_name_word(first) {
                return Some(format!("{first} {prev} {name}"));
            }
        }
        if is_name_word(prev) || initial {
            return Some(format!("{prev} {name}"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Field;

    fn ent(text: &str, needle: &str, label: Label, canonical: &str) -> Entity {
        let start = text.find(needle).unwrap();
        Entity {
            text: needle.into(),
            label,
            field: Field::Body,
            start,
            end: start + needle.len(),
            canonical: canonical.into(),
        }
    }

    fn close(t: &str) -> usize {
        t.find('”').map_or(0, |i| i + '”'.len_utf8())
    }

    fn after(t: &str, _from: &str) -> Option<(String, String)> {
        let f = after_quote(t, close(t), t.len(), true)?;
        Some((
            t[f.cue.start..f.cue.end].into(),
            t[f.mention.start..f.mention.end].into(),
        ))
    }

    fn before(t: &str, to: &str) -> Option<(String, String)> {
        let f = before_quote(t, 0, t.find(to)?)?;
        Some((
            t[f.cue.start..f.cue.end].into(),
            t[f.mention.start..f.mention.end].into(),
        ))
    }

    #[test]
    fn cue_after_quote_in_every_order() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(after("“x,” he says.", ","), s("says", "he"));
        assert_eq!(
            after("“x”, – said Ada Lovelace", ","),
            s("said", "Ada Lovelace")
        );
        assert_eq!(
            after("“x,” said the Acme spokesman.", ","),
            s("said", "the Acme spokesman")
        );
        assert_eq!(
            after("“x,” Ada Byron, a poet, said.", ","),
            s("said", "Ada Byron")
        );
        assert_eq!(after("“x,” he later told reporters.", ","), s("told", "he"));
        assert_eq!(after("“x.” The sky is blue.", "."), None);
    }

    #[test]
    fn an_article_before_a_capitalised_role_word_is_part_of_the_mention() {
        assert_eq!(
            after(
                "“It might surprise you,” the Republican said this week.",
                ","
            ),
            Some(("said".to_string(), "the Republican".to_string()))
        );
    }

    #[test]
    fn a_subject_name_may_carry_its_affiliation() {
        assert_eq!(
            after(
                "“It would be a stretch,” Ada Byron of the Centre for Policy Studies wrote.",
                ","
            ),
            Some(("wrote".to_string(), "Ada Byron".to_string()))
        );
    }

    #[test]
    fn an_inverted_cue_closing_the_sentence_names_the_speaker() {
        let t = "“Take back” appeals to voters in the north, said Ada Byron, a demographer at \
                 Acme University.";
        assert_eq!(
            after(t, ","),
            Some(("said".to_string(), "Ada Byron".to_string()))
        );
        // A second sentence is not this quote's clause.
        let t = "“Take back” appeals to voters. Then, said Ada Byron, they left.";
        assert_eq!(after(t, ","), None);
    }

    #[test]
    fn according_to_after_the_quote_is_its_source() {
        let t = "“The vote is lost,” according to the Daily Planet.";
        assert_eq!(
            after(t, ","),
            Some(("according to".to_string(), "Daily Planet".to_string()))
        );
    }

    #[test]
    fn a_cue_subject_may_carry_an_appositive_with_commas_or_dashes() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            before(
                "Ana Ruiz, 31, a photographer from Ohio, said the city is the “",
                "“"
            ),
            s("said", "Ana Ruiz")
        );
        assert_eq!(
            before("Tom Lee — a teacher from Ohio — says the vote was “", "“"),
            s("says", "Tom Lee")
        );
        assert_eq!(
            before(
                "Tom Lee -- who ran against Ada Byron -- said the vote was “",
                "“"
            ),
            s("said", "Tom Lee")
        );
    }

    #[test]
    fn a_text_reads_after_its_quote() {
        assert_eq!(
            after("“Vote no,” read the statement.", ","),
            Some(("read".to_string(), "the statement".to_string()))
        );
        assert_eq!(
            after("“Vote no,” the editorial read.", ","),
            Some(("read".to_string(), "the editorial".to_string()))
        );
        let t = "“Vote no,’” the editorial read.";
        let f = after_quote(t, close(t), t.len(), false).unwrap();
        assert_eq!(&t[f.mention.start..f.mention.end], "the editorial");
    }

    #[test]
    fn a_participle_after_a_reporting_clause_shares_its_subject() {
        assert_eq!(
            before(
                "Ada and Tom will meet next week, Eve Park said, adding, “",
                "“"
            ),
            Some(("adding".to_string(), "Eve Park".to_string()))
        );
    }

    #[test]
    fn cue_before_quote() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(before("While Ada writes that “", "“"), s("writes", "Ada"));
        assert_eq!(
            before("He explained that Rome is safe when “", "“"),
            s("explained", "He")
        );
        assert_eq!(
            before("According to Ada Byron, “", "“"),
            s("According to", "Ada Byron")
        );
        assert_eq!(before("The board said: “", "“"), s("said", "The board"));
    }

    #[test]
    fn a_reporting_clause_around_the_cue_names_the_reporter() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        let t = "Ada Byron said she recalled thinking “this is the moment.”";
        assert_eq!(before(t, "“"), s("said", "Ada Byron"));
        // A named inner subject said the words itself; so did "she" when the reporter is no name.
        let t = "Tom Lee said that Ada Byron called the plan “a start.”";
        assert_eq!(before(t, "“"), s("called", "Ada Byron"));
        let t = "The report said she called the plan “a start.”";
        assert_eq!(before(t, "“"), s("called", "she"));
    }

    #[test]
    fn an_opening_cue_verb_and_put_it_name_the_speaker() {
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        let t = "Said Ada Byron, who grew up nearby, “We were all proud.”";
        assert_eq!(before(t, "“"), s("Said", "Ada Byron"));
        let t = "As Ada Byron put it, “the vote is the easy part.”";
        assert_eq!(before(t, "“"), s("put", "Ada Byron"));
    }

    #[test]
    fn pronoun_takes_most_recent_person() {
        let t = "Ada Byron met Bob Stone. “x,” he said.";
        let ents = [
            ent(t, "Ada Byron", Label::Per, "Ada Byron"),
            ent(t, "Bob Stone", Label::Per, "Bob Stone"),
        ];
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Bob Stone"));
    }

    #[test]
    fn a_pronoun_skips_a_person_of_the_other_gender() {
        let t = "Mary Byron met Tom Stone. “We agreed,” she said.";
        let ents = [
            ent(t, "Mary Byron", Label::Per, "Mary Byron"),
            ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ];
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Mary Byron"));
        // Nobody of her gender: no name rather than the wrong one.
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents[1..], None), None);
    }

    #[test]
    fn a_pronoun_opening_a_sentence_continues_the_previous_subject() {
        let t = "Former Acme chief Tom Stone praised Sen. Bob Lane on Monday. He said “x” twice. \
                 He added “y”.";
        let ents = [
            ent(t, "Tom Stone", Label::Per, "Tom Stone"),
            ent(t, "Bob Lane", Label::Per, "Bob Lane"),
        ];
        let he = |nth: usize| {
            let at = t.match_indices("He ").nth(nth).unwrap().0;
            let w = Word {
                start: at,
                end: at + 2,
            };
            Found {
                cue: w,
                mention: w,
                kind: MentionKind::Pronoun,
            }
        };
        assert_eq!(
            resolve(t, &he(0), &ents, None).as_deref(),
            Some("Tom Stone")
        );
        // Through a chain of "He …" sentences, and past the dot of a title.
        assert_eq!(
            resolve(t, &he(1), &ents, None).as_deref(),
            Some("Tom Stone")
        );
    }

    #[test]
    fn who_stands_for_the_name_right_before_it_or_for_nobody() {
        let who = |t: &str, ents: &[Entity]| {
            let at = t.find(" who ").unwrap() + 1;
            let w = Word {
                start: at,
                end: at + 3,
            };
            let f = Found {
                cue: w,
                mention: w,
                kind: MentionKind::Pronoun,
            };
            resolve(t, &f, ents, None)
        };
        let t = "Tom Stone spoke, said Ada Byron, who added “x”.";
        let ents = [ent(t, "Tom Stone", Label::Per, "Tom Stone")];
        assert_eq!(who(t, &ents).as_deref(), Some("Ada Byron"));
        let t = "Tom Stone met Sen. Ada Byron of Ohio, who said “x”.";
        let ents = [
            ent(t, "Tom Stone", Label::Per, "Tom Stone"),
            ent(t, "Ada Byron", Label::Per, "Ada Byron"),
            ent(t, "Ohio", Label::Loc, "Ohio"),
        ];
        assert_eq!(who(t, &ents).as_deref(), Some("Ada Byron"));
        let t = "Tom Stone met Ada Byron, the Acme chief, who said “x”.";
        assert_eq!(who(t, &ents[..2]).as_deref(), Some("Ada Byron"));
        // A description before "who" is someone unnamed, not the person named earlier.
        let t = "Tom Stone left, said one official in the room, who added “x”.";
        let ents = [ent(t, "Tom Stone", Label::Per, "Tom Stone")];
        assert_eq!(who(t, &ents), None);
    }

    #[test]
    fn it_takes_the_organisation_that_is_the_subject() {
        let t = "Acme Corp sued Beta Bank on Monday. It said “the loan was void.”";
        let ents = [
            ent(t, "Acme Corp", Label::Org, "Acme Corp"),
            ent(t, "Beta Bank", Label::Org, "Beta Bank"),
        ];
        let at = t.find("It").unwrap();
        let w = Word {
            start: at,
            end: at + 2,
        };
        let f = Found {
            cue: w,
            mention: w,
            kind: MentionKind::Pronoun,
        };
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Acme Corp"));
    }

    #[test]
    fn a_pronoun_after_a_quote_continues_the_previous_speaker() {
        // The reporting clause names the previous sentence's speaker wherever it stands, and
        // a possessive opening it is no subject.
        let t = "Tom Stone’s plan is bad, Bob Lane said. “It will fail,” he said.";
        let ents = [
            ent(t, "Tom Stone", Label::Per, "Tom Stone"),
            ent(t, "Bob Lane", Label::Per, "Bob Lane"),
        ];
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Bob Lane"));
        let t = "Bob Lane spoke after Tom Stone. “It will fail,” he said.";
        let ents = [
            ent(t, "Bob Lane", Label::Per, "Bob Lane"),
            ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ];
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Bob Lane"));
    }

    #[test]
    fn a_pronoun_does_not_refer_into_quoted_words() {
        let t = "Tom Stone spoke. “Ask Bob Lane,” he said. “Not me,” he added.";
        let ents = [
            ent(t, "Tom Stone", Label::Per, "Tom Stone"),
            ent(t, "Bob Lane", Label::Per, "Bob Lane"),
        ];
        let last = t.rfind('”').unwrap() + '”'.len_utf8();
        let f = after_quote(t, last, t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Tom Stone"));
    }

    #[test]
    fn role_resolves_to_the_person_introduced_with_it() {
        let t = "Acme Chief Executive Ada Byron spoke. “x,” said the chief executive.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(f.kind, MentionKind::Role);
        assert_eq!(resolve(t, &f, &[], None).as_deref(), None);
        let t = "Acme Chief Ada Byron spoke. “x,” said the Acme chief.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada Byron"));
        let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Ada Byron"));
    }

    #[test]
    fn an_acronym_tagged_as_an_organisation_is_its_name() {
        let t = "“The vote is lost,” according to ACME.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        let ents = [ent(t, "ACME", Label::Org, "ACME")];
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("ACME"));
    }

    #[test]
    fn an_indefinite_role_is_someone_new() {
        // "the spokesman" points back to Ada Byron; "a spokesman" brings in someone unnamed.
        let t = "Ada Byron, the Acme spokesman, arrived. “We will see,” said a spokesman.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(f.kind, MentionKind::Role);
        assert_eq!(resolve(t, &f, &[], None), None);
        let t = "Ada Byron, the Acme spokesman, arrived. “We will see,” said one spokesman.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None), None);
    }

    #[test]
    fn a_document_speaks_for_the_organisation_named_in_it() {
        let t = "“Growth will slow,” the Acme Bank report said.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        let ents = [ent(t, "Acme Bank", Label::Org, "Acme Bank")];
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Acme Bank"));
    }

    #[test]
    fn a_role_holder_must_not_contradict_the_role_state_or_party() {
        let t = "Republican nominee Ada Byron debated Democratic nominee Tom Lee. “x,” said \
                 the Republican nominee.";
        let ents = [
            ent(t, "Ada Byron", Label::Per, "Ada Byron"),
            ent(t, "Tom Lee", Label::Per, "Tom Lee"),
        ];
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Ada Byron"));
        // Another state's senator is nobody's "Florida senator"; an unstated state is no
        // contradiction.
        let t = "Sen. Tom Lee (D-Vt.) spoke. “x,” said the Florida senator.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        let ents = [ent(t, "Tom Lee", Label::Per, "Tom Lee")];
        assert_eq!(resolve(t, &f, &ents, None), None);
        let t = "Sen. Tom Lee spoke. “x,” said the Florida senator.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        let ents = [ent(t, "Tom Lee", Label::Per, "Tom Lee")];
        assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Tom Lee"));
    }

    #[test]
    fn role_in_an_appositive_resolves_to_the_name_before_it() {
        let t = "Ada Byron, the Acme spokesman, arrived. “We will see,” said the Acme spokesman.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada Byron"));
    }

    #[test]
    fn media_noun_resolves_to_recent_outlet() {
        let t = "The Daily Planet reported it. “x,” the newspaper wrote.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Daily Planet"));
        let ents = [ent(t, "Daily Planet", Label::Org, "The Daily Planet")];
        assert_eq!(
            resolve(t, &f, &ents, None).as_deref(),
            Some("The Daily Planet")
        );
    }

    /// The subject `sentence_subject` finds for the quote in `t`, as written.
    fn subject(t: &str) -> Option<String> {
        let f = sentence_subject(t, 0, t.find('“')?)?;
        Some(t[f.mention.start..f.mention.end].to_string())
    }

    #[test]
    fn a_sentence_subject_may_carry_an_appositive() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            subject("Ada Byron, the poet and lawyer, endorsed the plan, calling it “bold.”"),
            s("Ada Byron")
        );
        assert_eq!(
            subject("Ana Ruiz, 31, a photographer, thinks the city is the “perfect place.”"),
            s("Ana Ruiz")
        );
        assert_eq!(
            subject("Tom Lee — a teacher from Ohio — thinks the vote was “a big deal.”"),
            s("Tom Lee")
        );
        // A list of names is not a name with an appositive.
        assert_eq!(
            subject("Ada Byron, Tom Lee and Eve Park attended the “summit of hope.”"),
            None
        );
    }

    #[test]
    fn a_sentence_subject_may_follow_several_opening_adverbials() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            subject("On Monday, after the votes were counted, Ada Byron endorsed Tom Lee, calling him “a fighter.”"),
            s("Ada Byron")
        );
        assert_eq!(
            subject("Speaking at a school in Salem, Oregon, Ada Byron went after Tom Lee, calling him “a quitter.”"),
            s("Ada Byron")
        );
    }

    #[test]
    fn an_opening_preposition_is_not_part_of_the_subject() {
        assert_eq!(
            subject(
                "Alongside Tom Lee and his friends, Ada Byron marched on, calling it “our day.”"
            ),
            Some("Ada Byron".to_string())
        );
    }

    #[test]
    fn a_clause_after_a_conjunction_is_not_the_quotes_cue() {
        assert_eq!(after("“We will win,” but Tom Lee voted no.", ","), None);
        assert_eq!(
            after("“We will win,” Tom Lee added.", ","),
            Some(("added".to_string(), "Tom Lee".to_string()))
        );
    }

    #[test]
    fn a_sentence_subject_may_be_followed_by_a_time_phrase() {
        assert_eq!(
            subject("Tom Lee on Thursday ratcheted up his attacks, calling Ada “weak and sad.”")
                .as_deref(),
            Some("Tom Lee")
        );
    }

    #[test]
    fn an_opening_participle_or_preposition_is_not_the_subject() {
        assert_eq!(
            subject(
                "Continuing his speech, Tom Lee rejected the idea of “water under the bridge.”"
            )
            .as_deref(),
            Some("Tom Lee")
        );
        assert_eq!(
            subject("On the morning of Feb. 28 Tom Lee posted a line he called “lovely stuff.”")
                .as_deref(),
            Some("Tom Lee")
        );
    }

    #[test]
    fn a_count_or_a_span_of_time_opening_a_sentence_is_not_its_subject() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            subject("Hours later, she issued a statement calling it “a tragedy for all.”"),
            s("she")
        );
        assert_eq!(
            subject("Eight years ago, he backed Ada Byron over Tom Lee, calling her “the one.”"),
            s("he")
        );
    }

    /// The mention `governing_subject` settles on for the pronoun before the quote in `t`.
    fn governed(t: &str, pronoun: &str) -> String {
        let at = t.find(&format!(" {pronoun} ")).unwrap() + 1;
        let w = Word {
            start: at,
            end: at + pronoun.len(),
        };
        let f = Found {
            cue: w,
            mention: w,
            kind: MentionKind::Pronoun,
        };
        let g = governing_subject(t, 0, f);
        t[g.mention.start..g.mention.end].to_string()
    }

    #[test]
    fn a_pronoun_in_a_subordinate_clause_speaks_for_the_sentence_subject() {
        let t = "Ada Byron has railed against what she calls “a rigged game.”";
        assert_eq!(governed(t, "she"), "Ada Byron");
        let t = "The former judge said on Monday that he recalled “a quiet room.”";
        assert_eq!(governed(t, "he"), "The former judge");
        // The pronoun is the subject of a clause of its own: it stays.
        let t = "Ada Byron met Tom Lee, and he called it “a good start.”";
        assert_eq!(governed(t, "he"), "he");
        let t = "Ada Byron said the report, which she wrote, was “final.”";
        assert_eq!(governed(t, "she"), "she");
    }

    #[test]
    fn a_name_written_without_entities_must_look_like_one() {
        let name = |m: &str| fallback_name(m, m, &[]);
        assert_eq!(name("CNN").as_deref(), Some("CNN"));
        assert_eq!(name("VP"), None);
        assert_eq!(
            name("the Daily Planet").as_deref(),
            Some("the Daily Planet")
        );
        assert_eq!(name("some Republicans"), None);
        assert_eq!(name("His Acme Bank column"), None);
    }

    #[test]
    fn surname_expands_to_full_name_written_earlier() {
        let t = "Ada Byron arrived. “x,” said Byron.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada Byron"));
    }

    /// The speakers `extract` gives the body `t` with these entities.
    /// The speakers of the direct quotes (the sieves here attribute those; reported speech in
    /// the same text, "Ada Byron agreed that…", is `indirect`'s and `reported`'s).
    fn speakers(t: &str, ents: &[Entity]) -> Vec<Option<String>> {
        crate::enrich::quotes::extract(Field::Body, t, ents)
            .into_iter()
            .filter(|q| q.kind == crate::article::QuoteKind::Direct)
            .map(|q| q.speaker)
            .collect()
    }

    #[test]
    fn a_pronoun_with_a_contracted_verb_is_a_pronoun() {
        let t = "Ada Byron spoke in Ohio.\n\nShe’s claiming that the plan is “a big, big \
                 problem” for the town.";
        let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
        assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
        let m = |w: &str| {
            contracted_pronoun(
                w,
                Word {
                    start: 0,
                    end: w.len(),
                },
            )
        };
        assert_eq!(m("He’s"), Some(Word { start: 0, end: 2 }));
        assert_eq!(m("it'll"), Some(Word { start: 0, end: 2 }));
        assert_eq!(m("Byron’s"), None);
        assert_eq!(m("He"), None);
    }

    #[test]
    fn an_empty_it_names_nobody() {
        let it = |t: &str| expletive_it(t, 2);
        assert!(it("It is strange that the mayor would say “no.”"));
        assert!(it("It’s not surprising that they called it “a disaster.”"));
        assert!(it("it was clear to everyone"));
        assert!(!it("It said that the plan was “dead.”"));
        assert!(!it("It is Acme that said “no.”"));
        let t = "Acme Corp sued the city. It is strange that the mayor would denounce \
                 “self-deportation,” as he did.";
        let ents = [ent(t, "Acme Corp", Label::Org, "Acme Corp")];
        assert_ne!(speakers(t, &ents), [Some("Acme Corp".to_string())]);
    }

    #[test]
    fn a_surname_expands_through_an_initial() {
        let t = "Ada E. Byron arrived. “x,” said Byron.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada E. Byron"));
        let t = "E. Byron arrived. “x,” said Byron.";
        let f = after_quote(t, close(t), t.len(), true).unwrap();
        assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("E. Byron"));
    }

    #[test]
    fn a_one_word_speaker_is_the_one_person_or_body_of_that_name() {
        let t = "Ada Byron and Tom Lee met at the Tampa Bay Times office.";
        let ada = ent(t, "Ada Byron", Label::Per, "Ada Byron");
        let tom = ent(t, "Tom Lee", Label::Per, "Tom Lee");
        let times = ent(t, "Tampa Bay Times", Label::Org, "Tampa Bay Times");
        let ents = [ada.clone(), tom, times];
        assert_eq!(fuller_name(&ents, "Byron".into(), &|_| false), "Ada Byron");
        assert_eq!(
            fuller_name(&ents, "Times".into(), &|_| false),
            "Tampa Bay Times"
        );
        assert_eq!(
            fuller_name(&ents, "Lovelace".into(), &|_| false),
            "Lovelace"
        );
        assert_eq!(fuller_name(&ents, "CNN".into(), &|_| false), "CNN");
        // Two people of one surname: the surname stays as it is.
        let u = "Ada Byron and Ben Byron met.";
        let two = [
            ent(u, "Ada Byron", Label::Per, "Ada Byron"),
            ent(u, "Ben Byron", Label::Per, "Ben Byron"),
        ];
        assert_eq!(fuller_name(&two, "Byron".into(), &|_| false), "Byron");
        // Apostrophes of either kind are one surname.
        let v = "James O’Neill spoke.";
        let one = [ent(v, "James O’Neill", Label::Per, "James O’Neill")];
        assert_eq!(
            fuller_name(&one, "O'Neill".into(), &|_| false),
            "James O’Neill"
        );
        // An organisation with a first name before the word may be a misread person or a
        // place: no expansion.
        let w = "Speaker of the House Newt Gingrich spoke to the New York Times.";
        let org = [
            ent(w, "House Newt Gingrich", Label::Org, "House Newt Gingrich"),
            ent(w, "New York Times", Label::Org, "New York Times"),
        ];
        assert_eq!(fuller_name(&org, "Gingrich".into(), &|_| false), "Gingrich");
        assert_eq!(fuller_name(&org, "Times".into(), &|_| false), "Times");
        // Through extract: a surname the tagger read as an organisation.
        let t = "Ada Byron spoke first.\n\n“We won,” Byron said.";
        let at = t.rfind("Byron").unwrap();
        let mut org = ent(t, "Ada Byron", Label::Per, "Ada Byron");
        let per = org.clone();
        (org.start, org.end, org.label) = (at, at + 5, Label::Org);
        (org.text, org.canonical) = ("Byron".into(), "Byron".into());
        assert_eq!(speakers(t, &[per, org]), [Some("Ada Byron".to_string())]);
    }

    #[test]
    fn a_person_behind_a_title_in_a_place_or_organisation_is_a_person() {
        let t = "Tom Lee spoke on Monday.\n\nFormer Pennsylvania Gov. Ada Byron agreed that \
                 the rules should change.\n\n“There is no chance,” she said.";
        let ents = [
            ent(t, "Tom Lee", Label::Per, "Tom Lee"),
            ent(
                t,
                "Pennsylvania Gov. Ada Byron",
                Label::Loc,
                "Pennsylvania Gov. Ada Byron",
            ),
        ];
        let people = people_behind_titles(t, &ents).unwrap();
        assert_eq!(people[1].text, "Ada Byron");
        assert_eq!(people[1].label, Label::Per);
        assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
        // No first name behind the title: no person.
        let u = "The U.S. Justice Department said so.";
        let dept = [ent(
            u,
            "U.S. Justice Department",
            Label::Org,
            "U.S. Justice Department",
        )];
        assert!(people_behind_titles(u, &dept).is_none());
    }

    #[test]
    fn a_name_of_the_other_sex_than_the_mention_is_not_taken() {
        // The entities stage gave "Mr. Byron" the canonical name of Ada Byron.
        let t = "Ada Byron sat with her husband.\n\n“We won,” Mr. Byron said.";
        let at = t.find("Mr. Byron").unwrap();
        let ada = ent(t, "Ada Byron", Label::Per, "Ada Byron");
        let mut mr = ada.clone();
        (mr.start, mr.end, mr.text) = (at, at + 9, "Mr. Byron".into());
        assert_eq!(speakers(t, &[ada, mr]), [Some("Byron".to_string())]);
        // With Tom Byron named too, the surname goes to him.
        let t = "Ada Byron sat with Tom Byron.\n\n“We won,” Mr. Byron said.";
        let at = t.find("Mr. Byron").unwrap();
        let ada = ent(t, "Ada Byron", Label::Per, "Ada Byron");
        let tom = ent(t, "Tom Byron", Label::Per, "Tom Byron");
        let mut mr = ada.clone();
        (mr.start, mr.end, mr.text) = (at, at + 9, "Mr. Byron".into());
        assert_eq!(
            speakers(t, &[ada, tom, mr]),
            [Some("Tom Byron".to_string())]
        );
    }

    #[test]
    fn a_party_tag_is_nobody() {
        let t = "The bill came from Tom Lee (R-Wis.) on Monday.\n\n“I do think the votes are there,” he \
                 said.";
        let ents = [
            ent(t, "Tom Lee", Label::Per, "Tom Lee"),
            ent(t, "R-Wis", Label::Per, "R-Wis"),
        ];
        assert_eq!(speakers(t, &ents), [Some("Tom Lee".to_string())]);
    }
}
