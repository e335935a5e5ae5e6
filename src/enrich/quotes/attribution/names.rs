//! Names for output: role phrases and titles stripped, a surname made full from the article
//! ("Stoltenberg" → "Jens Stoltenberg"), the fallback name for a mention the tagger missed.

use super::*;

pub(super) fn is_role_phrase(s: &str) -> bool {
    s.split_whitespace()
        .all(|w| is_role_noun(w) || is_title(w) || w.chars().all(|c| c.is_uppercase()))
}

/// Drop leading titles ("Sen. Ted Cruz" → "Ted Cruz") and a possessive tail.
pub(super) fn strip_titles(s: &str) -> String {
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
pub(super) fn has_surname(e: &Entity, surname: &str) -> bool {
    e.label == Label::Per
        && e.canonical
            .rsplit(' ')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(surname))
}

/// A name as written when entities do not cover it, expanded from a lone surname to the fuller
/// name written elsewhere in the article. Returns None for what does not look like a name.
pub(super) fn fallback_name(text: &str, mention: &str, entities: &[Entity]) -> Option<String> {
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
pub(super) fn determiner_names(phrase: &str) -> bool {
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
pub(super) fn per_name(text: &str, e: &Entity) -> String {
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

pub(super) fn is_name_word(w: &str) -> bool {
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
pub(super) fn per_name_once<'e>(
    text: &str,
    e: &'e Entity,
    seen: &mut Vec<(&'e str, String)>,
) -> String {
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

pub(super) fn expand_backward(text: &str, name: &str) -> Option<String> {
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
