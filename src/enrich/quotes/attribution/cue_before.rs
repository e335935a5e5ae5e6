//! The `cue-before` sieve: the reporting clause before a quote in its sentence (`Ada Byron
//! said: “…”`, `In a statement, the senator’s office said “…”`, a speech noun's possessor).

use super::*;

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
pub(super) fn used_as_noun(text: &str, ws: &[Word], v: usize) -> bool {
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
pub(super) fn speech_noun_possessor(text: &str, ws: &[Word], v: usize) -> Option<Found> {
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
pub(super) fn outer_reporter(text: &str, ws: &[Word], mention: Word) -> Option<Found> {
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
