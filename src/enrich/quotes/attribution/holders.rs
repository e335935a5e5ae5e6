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
