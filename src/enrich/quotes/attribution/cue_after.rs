//! The `cue-after` and `cue-inside` sieves' scanner: the reporting clause after a quote
//! (`“…,” Ada Byron said.`, `“…,” said the senator`, `“…” – Ada Byron`, "according to X").

use super::*;

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
pub(super) fn according_to(text: &str, ws: &[Word], v: usize) -> Option<Found> {
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
pub(super) fn closing_source(text: &str, ws: &[Word]) -> Option<Found> {
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

/// The start of the punctuation run the caller skipped before `ws` (up to 8 bytes back).
pub(super) fn ws_dash_start(text: &str, ws: &[Word]) -> Option<usize> {
    let s = ws.first()?.start;
    let mut i = s.saturating_sub(8);
    while i < s && !text.is_char_boundary(i) {
        i += 1;
    }
    Some(i)
}

pub(super) fn after_quote_start(text: &str, ws: &[Word], comma: bool) -> Option<Found> {
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
pub(super) fn affiliated_name(text: &str, ws: &[Word]) -> Option<Word> {
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
