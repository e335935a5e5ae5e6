//! Who holds a role or speaks as an outlet: "the senator" → the person introduced with that
//! role (checked against party and state), "the newspaper" → the most recent media
//! organisation.

use super::*;

/// Words that mark an organisation as a news outlet.
pub(super) fn is_media_name(name: &str) -> bool {
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

pub(super) fn recent_media(text: &str, entities: &[Entity], at: usize) -> Option<String> {
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
pub(super) fn role_holder(
    text: &str,
    entities: &[Entity],
    role: &[Word],
    at: usize,
) -> Option<String> {
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
        if !(before_ok && after_ok) || other_rank(&hay[..i], &role_text.to_ascii_lowercase()) {
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
            // The appositive opens with a determiner right after its comma, or is a title
            // written capitalised up to its head noun ("John Ging, Operations Director of the
            // UN office", as much of the world's press writes it).
            let opener = back.get(comma + 1).and_then(|w| text.get(w.start..w.end));
            let titled = text.get(s0..s1).is_some_and(is_cap)
                && back[comma + 1..].iter().all(|w| {
                    text.get(w.start..w.end)
                        .is_some_and(|t| is_cap(t) && !is_punct(t) && !is_function_word(t))
                });
            let opens = titled
                || opener
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

/// Words that make a role another one: "former President Tom Lee" is not "the president",
/// "vice presidential nominee Tom Lee" not "the presidential nominee", "Deputy Director Tom
/// Lee" not "the director".
fn is_rank_word(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "ex"
            | "vice"
            | "deputy"
            | "assistant"
            | "associate"
            | "late"
            | "onetime"
            | "erstwhile"
    )
}

/// Whether the words written before an occurrence of a role's head noun (`before`, lowercased,
/// up to that occurrence) rank it otherwise than the role itself (`role`, lowercased) does: a
/// rank word among the three words before the head, back to the last punctuation, that the
/// role does not have ("the president" against "former President Tom Lee", "the GOP
/// candidate" against "former Republican presidential candidate Tom Lee").
fn other_rank(before: &str, role: &str) -> bool {
    let mut from = before.len().saturating_sub(64);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = before[from..]
        .rsplit(['.', ',', ';', ':', '!', '?', '(', ')', '"', '“', '”', '\n'])
        .next()
        .unwrap_or("");
    tail.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| is_rank_word(w) && !role.split(|c: char| !c.is_alphanumeric()).any(|r| r == w))
}

/// Whether the holder introduced at `from..to` contradicts the role's own state or party: "the
/// Florida senator" is not "Sen. Ada Byron (D-Vt.)", "the Republican nominee" not "Democratic
/// nominee Tom Lee". Only a contradiction rules a holder out — an article often names "the
/// Vermont senator" without ever writing "Vermont" beside him. The holder's side is read from
/// 60 bytes before (not reaching back past another person) to 20 after (a party tag).
pub(super) fn contradicts(
    text: &str,
    entities: &[Entity],
    role: &str,
    from: usize,
    to: usize,
) -> bool {
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
pub(super) fn has_word(s: &str, w: &str) -> bool {
    s.match_indices(w).any(|(i, _)| {
        let before = s[..i].chars().next_back();
        let after = s[i + w.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric())
            && (w.ends_with('-') || after.is_none_or(|c| !c.is_alphanumeric()))
    })
}

/// The US parties `s` names: 0 Republican ("GOP", a tag "R-Fla."), 1 Democratic, 2 independent.
pub(super) fn parties_in(s: &str) -> Vec<usize> {
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
pub(super) fn states_in(s: &str) -> Vec<usize> {
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
pub(super) const STATES: [(&str, &str); 50] = [
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

/// Role heads that, after "the", describe the person an article is about rather than someone
/// new: "the Vermont senator", "the Republican nominee", "the New York businessman". Heads that
/// name a helper or a stranger ("the spokesman", "the aide", "the official") are left out, and
/// so is "president", which names a sitting president as often as the person in the story.
fn is_principal_head(w: &str) -> bool {
    office(w).is_some()
        || matches!(
            lower(w, &mut [0; 32]),
            "candidate"
                | "nominee"
                | "frontrunner"
                | "front-runner"
                | "businessman"
                | "businesswoman"
                | "billionaire"
                | "mogul"
        )
}

/// The elected office a role word or title names (1 senator, 2 governor, 3 member of the
/// House, 4 mayor, 5 president, 6 secretary), for telling "the Indiana governor" from a person
/// the article calls "Sen." or "President".
fn office(w: &str) -> Option<u8> {
    match lower(w, &mut [0; 32]).trim_end_matches('.') {
        "senator" | "sen" => Some(1),
        "governor" | "gov" => Some(2),
        "congressman" | "congresswoman" | "rep" | "representative" => Some(3),
        "mayor" => Some(4),
        "president" => Some(5),
        "secretary" => Some(6),
        _ => None,
    }
}

/// A word that describes a person as a title would ("billionaire Donald Trump", "Democratic
/// front-runner Hillary Clinton"), and that a description uses only of that person.
fn is_trade_word(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "businessman"
            | "businesswoman"
            | "billionaire"
            | "mogul"
            | "developer"
            | "frontrunner"
            | "front-runner"
    )
}

/// What the article writes beside person `name`: the four words before each of its mentions
/// ("Vermont Sen. Bernie Sanders", "GOP nominee Donald Trump", "President Obama") and a party
/// tag or appositive right after ("Ada Byron (D-Vt.)", "Tom Lee, the Ohio billionaire,"), all
/// joined into one string for `offices`, `parties_in`, `states_in` and trade words to read.
fn written_beside(text: &str, entities: &[Entity], name: &str, skip: (usize, usize)) -> String {
    let mut out = String::new();
    for e in entities
        .iter()
        .filter(|e| e.label == Label::Per && per_name(text, e) == name)
    {
        // The description itself says nothing about who it is: neither "With Ada Byron, the
        // Ohio senator said …" (no apposition) nor "the Ohio senator blasted Ada Byron": the
        // windows stop at it.
        let mut from = e.start.saturating_sub(60);
        if (from..e.start).contains(&skip.1) {
            from = skip.1;
        }
        // Nor do words about someone else: "President Tom Lee met Ada Byron".
        if let Some(prev) = entities
            .iter()
            .filter(|p| p.end <= e.start && p.end > from)
            .map(|p| p.end)
            .max()
        {
            from = prev;
        }
        while from < e.start && !text.is_char_boundary(from) {
            from += 1;
        }
        let before = text.get(from..e.start).unwrap_or("");
        // The clause before the name, from the last sentence end (a full stop that is not a
        // title's, "Sen.") on.
        let clause = before
            .rsplit(['\n', ',', '(', '“', '"'])
            .next()
            .unwrap_or("");
        let ws: Vec<&str> = clause.split_whitespace().collect();
        let opens = ws
            .iter()
            .rposition(|w| w.ends_with('.') && office(w).is_none())
            .map_or(0, |i| i + 1);
        let ws = &ws[opens..];
        out.extend(
            ws[ws.len().saturating_sub(4)..]
                .iter()
                .flat_map(|w| [*w, " "]),
        );
        let to = window_end(
            text,
            if (e.end..e.end + 60).contains(&skip.0) {
                skip.0
            } else {
                e.end + 60
            },
        );
        let after = text.get(e.end..to).unwrap_or("");
        // Only a closed tag or appositive: "(D-Vt.)", ", the Ohio billionaire,".
        if let Some(rest) = after
            .strip_prefix(" (")
            .or_else(|| after.strip_prefix(", "))
        {
            if let Some(end) = rest.find([')', ',', '\n', '“', '"']) {
                if rest[end..].starts_with([')', ',']) {
                    out.push_str(&rest[..end]);
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// The person a definite description stands for when no one was introduced with that role:
/// "the Republican nominee" or "the New York businessman" in a story about Donald Trump is
/// Donald Trump. Every fact the description states about its person — an office ("the Indiana
/// governor"), a party, a state, a trade ("the billionaire") — must be one the article writes
/// beside that person's name somewhere ("Republican nominee Donald Trump", "Indiana Gov. Mike
/// Pence", "billionaire Donald Trump"); a person it gives another office ("President Obama")
/// is no one's "nominee". Candidates are the people named in the description's paragraph and
/// the two before it, outside quotations, who fit its sex ("businessman") and whom nothing near
/// their mention contradicts (`contradicts`); the one the article
/// names most often up to here wins, the most recent on a tie. None for an indefinite or
/// possessive phrase, a helper's role ("the spokesman"), or no candidate.
pub(super) fn described_person(
    text: &str,
    entities: &[Entity],
    role: &[Word],
    at: usize,
) -> Option<String> {
    let word = |w: &Word| text.get(w.start..w.end).unwrap_or("");
    let first = word(role.first()?);
    let head = word(role.last()?);
    if !first.eq_ignore_ascii_case("the") || !is_principal_head(head) {
        return None;
    }
    // "the Clinton campaign's chairman": someone else's role.
    if role
        .iter()
        .any(|w| word(w).ends_with("'s") || word(w).ends_with("’s"))
    {
        return None;
    }
    let (r0, r1) = (role.first()?.start, role.last()?.end);
    let role_text = text.get(r0..r1)?;
    let want = office(head);
    let trades: Vec<&str> = role.iter().map(word).filter(|w| is_trade_word(w)).collect();
    let (parties, states) = (parties_in(role_text), states_in(role_text));
    let sex = gender::of_description(role.iter().map(word));
    // The start of the paragraph two before the one holding the description.
    let mut from = at;
    for _ in 0..3 {
        from = text.get(..from).and_then(|t| t.rfind("\n\n")).unwrap_or(0);
    }
    let from = from.max(window_start(text, at));
    // Every fact of the description written beside the name, and no other office.
    let role_lower = role_text.to_lowercase();
    let head_lower = head.to_lowercase();
    let described = |beside: &str| {
        let offices: Vec<u8> = beside.split_whitespace().filter_map(office).collect();
        // "former President Tom Lee" is no one "the president" describes: a rank word up to
        // two words before the description's head noun, that the description lacks
        // (`is_rank_word`; "former neurosurgeon Tom Lee" may still be "the candidate").
        let lower = beside.to_lowercase();
        let ws: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .collect();
        let other_rank = ws.iter().enumerate().any(|(j, w)| {
            *w == head_lower
                && ws[j.saturating_sub(2)..j]
                    .iter()
                    .any(|r| is_rank_word(r) && !has_word(&role_lower, r))
        });
        // A sitting president (office 5) is nobody's "candidate" or "nominee".
        let holds = match want {
            Some(o) => offices.contains(&o),
            None => !offices.contains(&5),
        };
        holds
            && !other_rank
            && trades.iter().all(|t| has_word(beside, t))
            && parties.iter().all(|p| parties_in(beside).contains(p))
            && states.iter().all(|st| states_in(beside).contains(st))
    };
    let mut names: Vec<(String, usize, bool)> = Vec::new(); // name, times named, described
    for e in entities
        .iter()
        .filter(|e| e.label == Label::Per && e.end <= at)
    {
        let n = per_name(text, e);
        match names.iter_mut().find(|(m, _, _)| *m == n) {
            Some((_, c, _)) => *c += 1,
            None => {
                let d = described(&written_beside(text, entities, &n, (r0, r1)));
                names.push((n, 1, d));
            }
        }
    }
    let fits = |e: &Entity| {
        e.label == Label::Per
            && !is_party_tag(&e.canonical)
            && sex.is_none_or(|s| gender::of_person(text, entities, e).is_none_or(|g| g == s))
            && !contradicts(text, entities, role_text, e.start, e.end)
    };
    let mut best: Option<(usize, usize, String)> = None; // times named, last end, name
    for e in entities
        .iter()
        .filter(|e| e.start >= from && e.end <= at && !inside_quote(text, e.start))
    {
        if !fits(e) {
            continue;
        }
        let n = per_name(text, e);
        let Some(&(_, times, true)) = names.iter().find(|(m, _, _)| *m == n) else {
            continue;
        };
        if best
            .as_ref()
            .is_none_or(|(t, end, _)| (times, e.end) > (*t, *end))
        {
            best = Some((times, e.end, n));
        }
    }
    best.map(|(_, _, n)| n).filter(|n| !is_role_phrase(n))
}

#[cfg(test)]
mod tests {
    use super::super::tests::ent;
    use super::*;
    use crate::article::{Field, QuoteKind};

    /// The speakers of the direct quotes `extract` finds in the body `t` with people `names`
    /// (every mention of each tagged).
    fn speakers(t: &str, names: &[&str]) -> Vec<Option<String>> {
        let mut ents: Vec<Entity> = names
            .iter()
            .flat_map(|n| {
                t.match_indices(n).map(|(i, _)| Entity {
                    start: i,
                    end: i + n.len(),
                    ..ent(t, n, Label::Per, n)
                })
            })
            .collect();
        ents.sort_by_key(|e| e.start);
        crate::enrich::quotes::extract(Field::Body, t, &ents)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| q.speaker)
            .collect()
    }

    #[test]
    fn a_description_goes_to_the_person_the_article_writes_it_beside() {
        // The party is written beside Tom Lee only; the one named most does not have it.
        let t = "Ada Byron toured Ohio. Ada Byron met Tom Lee (R-Ohio), and Ada Byron spoke.\n\n\
                 The Republican candidate said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Tom Lee".into())]
        );
        // A description stating nothing checkable goes to the one the article names most.
        let t = "Tom Lee toured Ohio. Tom Lee met Ada Byron, and Tom Lee spoke.\n\n\
                 The presidential candidate said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Tom Lee".into())]
        );
        // A party nobody is written with: no speaker rather than the main figure.
        let t = "Tom Lee toured Ohio. Tom Lee met Ada Byron, and Tom Lee spoke.\n\n\
                 The Democratic candidate said, “We will win.”";
        assert_eq!(speakers(t, &["Tom Lee", "Ada Byron"]), [None]);
    }

    #[test]
    fn an_office_goes_only_to_a_person_written_with_it() {
        let t = "Ada Byron toured Ohio. Ada Byron met Ohio Rep. Tom Lee, and Ada Byron spoke.\n\n\
                 The Ohio congressman said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Tom Lee".into())]
        );
        let t = "Tom Lee toured Ohio. Tom Lee met Ada Byron, and Tom Lee spoke.\n\n\
                 The congressman said, “We will win.”";
        assert_eq!(speakers(t, &["Tom Lee", "Ada Byron"]), [None]);
        // A sitting president is nobody's "candidate".
        let t = "President Tom Lee spoke. President Tom Lee met Ada Byron.\n\n\
                 The presidential candidate said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Ada Byron".into())]
        );
    }

    #[test]
    fn a_helper_or_someone_else_s_role_is_not_the_main_figure() {
        for role in [
            "The campaign spokesman",
            "The Republican nominee’s aide",
            "A Republican candidate",
        ] {
            let t = format!("Tom Lee toured Ohio. Tom Lee spoke.\n\n{role} said, “We will win.”");
            assert_eq!(speakers(&t, &["Tom Lee"]), [None], "{role}");
        }
    }

    #[test]
    fn a_person_inside_a_role_speaks_only_as_its_head() {
        // Someone's adviser or strategist is not that person (`resolve_mention`'s role
        // branch): the holder of the role where the article names one, else no one.
        let t = "Ada Byron toured Ohio.\n\nA top Ada Byron adviser says the vote is “a sure \
                 thing” now.";
        assert_eq!(speakers(t, &["Ada Byron"]), [None]);
        let t = "Tom Lee asked Ada Byron to quit.\n\n“That was a mistake,” Byron's former \
                 campaign strategist said in an interview.";
        let at = t.find("Byron's").unwrap();
        let byron = Entity {
            start: at,
            end: at + "Byron".len(),
            ..ent(t, "Ada Byron", Label::Per, "Ada Byron")
        };
        let ents = [
            ent(t, "Tom Lee", Label::Per, "Tom Lee"),
            ent(t, "Ada Byron", Label::Per, "Ada Byron"),
            byron,
        ];
        let direct = |t: &str, ents: &[Entity]| -> Vec<Option<String>> {
            crate::enrich::quotes::extract(Field::Body, t, ents)
                .into_iter()
                .filter(|q| q.kind == QuoteKind::Direct)
                .map(|q| q.speaker)
                .collect()
        };
        assert_eq!(direct(t, &ents), [None]);
        // The person heading the phrase speaks.
        let t = "Ohio Senator Ada Byron said, “The vote is a sure thing.”";
        assert_eq!(speakers(t, &["Ada Byron"]), [Some("Ada Byron".into())]);
    }

    #[test]
    fn a_role_of_another_rank_is_another_role() {
        // A former president is not "the president", a vice presidential nominee not "the
        // presidential nominee": the holder of the role itself is.
        let t = "President Ada Byron spoke in Quito. She blamed former President Tom Lee.\n\n\
                 The president said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Ada Byron".into())]
        );
        let t = "Ada Byron, the presidential nominee, toured Ohio with vice presidential \
                 nominee Tom Lee.\n\nThe presidential nominee said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Ada Byron".into())]
        );
        // Written beside no one else: a description of another rank is no one.
        let t = "Ada Byron spoke in Quito. Ada Byron blamed former President Tom Lee.\n\n\
                 The president said, “We will win.”";
        assert_eq!(speakers(t, &["Tom Lee", "Ada Byron"]), [None]);
        // The same rank is the same role.
        let t = "Ada Byron met former President Tom Lee.\n\n\
                 The former president said, “We will win.”";
        assert_eq!(
            speakers(t, &["Tom Lee", "Ada Byron"]),
            [Some("Tom Lee".into())]
        );
        assert!(other_rank("met ex-", "the president"));
        assert!(!other_rank(
            "the former senator. president ",
            "the president"
        ));
    }
}
