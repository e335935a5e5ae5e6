//! Identities: when two names stand for the same person or organisation, and the stable id
//! that says so.
//!
//! A person's identity is their first and last name and their middle initials. Honorifics and
//! titles ("Mr", "Sen.") and middle names are variants: "Hillary Rodham Clinton" and "Hillary
//! Clinton" are one identity, "Bill Clinton" another. Middle initials tell people apart:
//! "George H.W. Bush" is not "George W. Bush", nor "George P. Bush". A name written without
//! initials ("Donald Trump") has its own key here; the archive joins it to the one initialled
//! form it holds ("Donald J. Trump"), and only when it holds just one (`archive_names`). A
//! generational suffix belongs to the surname ("Donald Trump Jr." is not his father). Other
//! kinds (organisations, places, misc) are identified by their lowercased words.
//!
//! The id is the first 12 hex digits of the blake3 hash of `KIND:KEY` ("person:hillary
//! clinton"), so it is the same in every archive and every run. Which *name* a mention stands
//! for is decided elsewhere: within an article by `enrich::names`, across the archive by
//! `archive_names` (a lone "Clinton" gets Hillary Clinton's id only when the archive resolves it
//! to her); this module only turns a resolved name into its key and id.

/// Words before a person's name that are never part of it. Compared case-insensitively,
/// without a trailing period.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "president",
    "premier",
    "minister",
    "mayor",
    "judge",
    "justice",
    "rev",
    "reverend",
    "father",
    "gen",
    "general",
    "col",
    "capt",
    "sgt",
    "lt",
    "hon",
    "st",
    "the",
];

use crate::article::{Entity, Label};

/// Generational suffixes: kept with the surname, since they name another person.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

fn is_title(w: &str) -> bool {
    TITLES.iter().any(|t| t.eq_ignore_ascii_case(w))
}

/// Words of a name as written, split on anything but letters, digits, apostrophes and hyphens
/// inside a word ("O'Driscoll", "Ki-moon" stay whole).
fn raw_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
}

/// Lowercased words of a name ([`raw_words`]).
fn words(name: &str) -> Vec<String> {
    raw_words(name)
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

/// The identity key of a person's name: "first last" (titles and middle names left out; middle
/// initials kept between them as one word with a period after each letter, "george h.w. bush";
/// a suffix kept after the surname), or the one word of a one-word name. `None` when nothing
/// name-like is left.
pub fn person_key(name: &str) -> Option<String> {
    let raw: Vec<&str> = raw_words(name).skip_while(|w| is_title(w)).collect();
    let ws: Vec<String> = raw
        .iter()
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect();
    let suffix_at = ws
        .iter()
        .rposition(|w| !SUFFIXES.contains(&w.as_str()))
        .map_or(ws.len(), |i| i + 1);
    let (core, suffix) = ws.split_at(suffix_at);
    // A leading initial ("J. Stoltenberg") is a variant of any first name, except when
    // initials are all there is.
    let full: Vec<usize> = (0..core.len())
        .filter(|&i| core[i].chars().count() > 1)
        .collect();
    let kept: Vec<usize> = if full.is_empty() {
        (0..core.len()).collect()
    } else {
        full
    };
    let (&first, &last) = (kept.first()?, kept.last()?);
    let mut key = core[first].clone();
    if kept.len() > 1 {
        let initials = middle_initials(&raw[first + 1..last], &raw);
        if !initials.is_empty() {
            key.push(' ');
            key.push_str(&initials);
        }
        key.push(' ');
        key.push_str(&core[last]);
    }
    for s in suffix.iter().take(1) {
        key.push(' ');
        key.push_str(s);
    }
    Some(key)
}

/// The middle initials among `middle` (words between the first and the last name, as written),
/// lowercase, a period after each letter: "W" → "w.", "H", "W" → "h.w.", "HW" → "h.w.". A
/// middle name is no initial; in a name written all in capitals only single letters are.
fn middle_initials(middle: &[&str], all: &[&str]) -> String {
    let shouting = all.iter().all(|w| !w.chars().any(|c| c.is_lowercase()));
    let mut out = String::new();
    for w in middle {
        let n = w.chars().count();
        let initials = n == 1
            || (!shouting && n <= 3 && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase()));
        if initials {
            for c in w.chars().flat_map(char::to_lowercase) {
                out.push(c);
                out.push('.');
            }
        }
    }
    out
}

/// A person key without its middle initials ("george h.w. bush" → "george bush"): the key of
/// the name written without them.
pub fn without_initials(key: &str) -> String {
    key.split(' ')
        .filter(|w| !w.ends_with('.'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a person key carries middle initials.
pub fn has_initials(key: &str) -> bool {
    key.split(' ').any(|w| w.ends_with('.'))
}

/// The identity key of a name of any kind ("person", "org", "place", "misc"; a speaker is keyed
/// as the kind it was found as).
pub fn key(kind: &str, name: &str) -> String {
    let k = if kind == "person" {
        person_key(name)
    } else {
        None
    };
    k.unwrap_or_else(|| words(name).join(" "))
}

/// The stable id of a resolved name: see the module docs.
pub fn id(kind: &str, name: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(kind.as_bytes());
    h.update(b":");
    h.update(key(kind, name).as_bytes());
    h.finalize().to_hex()[..12].to_string()
}

/// The kind an entity label stands for, as the index names kinds.
pub fn kind_of(label: Label) -> &'static str {
    match label {
        Label::Per => "person",
        Label::Org => "org",
        Label::Loc => "place",
        Label::Misc => "misc",
    }
}

/// The id of an entity mention's canonical name, within its article.
pub fn entity_id(e: &Entity) -> String {
    id(kind_of(e.label), &e.canonical)
}

/// The kind of a speaker's name within an article: an organisation when the article names it
/// as one and never as a person, else a person.
pub fn speaker_kind(speaker: &str, entities: &[Entity]) -> &'static str {
    let named_as = |l: Label| {
        entities
            .iter()
            .any(|e| e.label == l && e.canonical == speaker)
    };
    if named_as(Label::Org) && !named_as(Label::Per) {
        "org"
    } else {
        "person"
    }
}

/// The id of a quote's speaker within its article (`None` without a speaker). The index gives
/// the archive's id instead, which differs only for a name the archive resolves further (a
/// lone surname).
pub fn speaker_id(speaker: Option<&str>, entities: &[Entity]) -> Option<String> {
    speaker.map(|s| id(speaker_kind(s, entities), s))
}

/// Whether two person names can be the same person: the same identity, or the same but for
/// the middle initials one of them leaves out ("Donald Trump", "Donald J. Trump"). Different
/// initials are different people.
pub fn same_person(a: &str, b: &str) -> bool {
    match (person_key(a), person_key(b)) {
        (Some(x), Some(y)) => {
            x == y
                || ((!has_initials(&x) || !has_initials(&y))
                    && without_initials(&x) == without_initials(&y))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_names_and_titles_are_variants() {
        for (a, b) in [
            ("Hillary Rodham Clinton", "Hillary Clinton"),
            ("Sen. Bernie Sanders", "Bernie Sanders"),
            ("George W Bush", "George W. Bush"),
            ("George HW Bush", "George H.W. Bush"),
            ("Mr. Brian O'Driscoll", "Brian O’Driscoll"),
            ("J. Stoltenberg", "Stoltenberg"),
            ("DONALD J. TRUMP", "Donald J. Trump"),
        ] {
            assert!(same_person(a, b), "{a} / {b}");
            assert_eq!(id("person", a), id("person", b), "{a} / {b}");
        }
    }

    #[test]
    fn different_middle_initials_are_different_people() {
        assert_eq!(
            person_key("George H.W. Bush"),
            Some("george h.w. bush".into())
        );
        assert_eq!(person_key("George P. Bush"), Some("george p. bush".into()));
        for (a, b) in [
            ("George H.W. Bush", "George W. Bush"),
            ("George P. Bush", "George W Bush"),
            ("George HW Bush", "George W. Bush"),
        ] {
            assert!(!same_person(a, b), "{a} / {b}");
            assert_ne!(id("person", a), id("person", b), "{a} / {b}");
        }
        // Without initials a name may be either: the archive decides (`archive_names`).
        assert!(same_person("George Bush", "George W. Bush"));
        assert!(same_person("Donald Trump", "Donald J. Trump"));
        assert_ne!(person_key("Donald Trump"), person_key("Donald J. Trump"));
        assert_eq!(without_initials("donald j. trump"), "donald trump");
        // A short capitalised middle word of an all-capitals name is a name, not initials.
        assert_eq!(person_key("JOHN DOE SMITH"), Some("john smith".into()));
    }

    #[test]
    fn another_first_name_or_a_suffix_is_another_person() {
        assert!(!same_person("Bill Clinton", "Hillary Clinton"));
        assert!(!same_person("Donald Trump Jr.", "Donald Trump"));
        assert!(!same_person("Donald Trump III", "Donald Trump II"));
        assert!(!same_person("Clinton", "Hillary Clinton"));
        assert_ne!(id("person", "Clinton"), id("person", "Hillary Clinton"));
        assert_eq!(
            person_key("Donald Trump Jr."),
            Some("donald trump jr".into())
        );
    }

    #[test]
    fn kinds_have_their_own_ids() {
        assert_ne!(id("person", "Fox"), id("org", "Fox"));
        assert_eq!(id("org", "The Guardian"), id("org", "the guardian"));
        assert_eq!(id("person", "Hillary Clinton").len(), 12);
        assert_eq!(person_key("Mr."), None);
    }
}
