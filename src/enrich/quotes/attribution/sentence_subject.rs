//! The `sentence-subject` sieve (and the `paragraph-subject` and `previous-sentence` fallbacks
//! that use it): the subject of a sentence that reports through its verb, past datelines,
//! adverbials, appositives and parentheses.

use super::*;

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
pub(super) fn dateline_end(text: &str, ws: &[Word]) -> Option<usize> {
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
pub(super) fn appositive_name(text: &str, ws: &[Word], c: usize) -> Option<Found> {
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
pub(super) fn speaks_for_possessor(w: &str) -> bool {
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
pub(super) fn skip_more_adverbials(text: &str, ws: &[Word], mut i: usize) -> usize {
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
pub(super) fn verb_after_subject(text: &str, ws: &[Word], j: usize) -> Option<usize> {
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
pub(super) fn drop_parens(text: &str, ws: Vec<Word>) -> Vec<Word> {
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
pub(super) fn is_party_tag(w: &str) -> bool {
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
pub(super) fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "shot" | "spoke" | "fought" | "broke" | "struck" | "swore" | "read"
    )
}

/// A lowercase word that reads as a finite verb: a cue, a regular past or third-person form, a
/// negated or common auxiliary.
pub(super) fn is_verb_like(verb: &str) -> bool {
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
