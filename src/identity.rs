//! Identities: when two names stand for the same person or organisation, and the stable id
//! that says so.
//!
//! A person's identity is their first and last name. Honorifics and titles ("Mr", "Sen."),
//! middle names and initials are variants of it: "Donald J. Trump" and "Donald Trump" are one
//! identity, "Hillary Rodham Clinton" and "Hillary Clinton" another, and "Bill Clinton" a third.
//! A generational suffix belongs to the surname ("Donald Trump Jr." is not his father). Other
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

/// Lowercased words of a name, split on anything but letters, digits, apostrophes and hyphens
/// inside a word ("O'Driscoll", "Ki-moon" stay whole).
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
        .collect()
}

/// The identity key of a person's name: "first last" (titles, middle names and initials left
/// out; a suffix kept with the surname), or the one word of a one-word name. `None` when
/// nothing name-like is left.
pub fn person_key(name: &str) -> Option<String> {
    let ws: Vec<String> = words(name)
        .into_iter()
        .skip_while(|w| is_title(w))
        .collect();
    let suffix_at = ws
        .iter()
        .rposition(|w| !SUFFIXES.contains(&w.as_str()))
        .map_or(ws.len(), |i| i + 1);
    let (core, suffix) = ws.split_at(suffix_at);
    // Initials ("J", "W") are variants, except when they are all there is.
    let full: Vec<&str> = core
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() > 1)
        .collect();
    let core: Vec<&str> = if full.is_empty() {
        core.iter().map(String::as_str).collect()
    } else {
        full
    };
    let (first, last) = (core.first()?, core.last()?);
    let mut key = if core.len() == 1 {
        (*first).to_string()
    } else {
        format!("{first} {last}")
    };
    for s in suffix.iter().take(1) {
        key.push(' ');
        key.push_str(s);
    }
    Some(key)
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

/// Whether two person names are the same identity.
pub fn same_person(a: &str, b: &str) -> bool {
    matches!((person_key(a), person_key(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_names_initials_and_titles_are_variants() {
        for (a, b) in [
            ("Donald J. Trump", "Donald Trump"),
            ("Anthony D. Weiner", "Anthony Weiner"),
            ("Hillary Rodham Clinton", "Hillary Clinton"),
            ("Sen. Bernie Sanders", "Bernie Sanders"),
            ("George W Bush", "George W. Bush"),
            ("Mr. Brian O'Driscoll", "Brian O’Driscoll"),
        ] {
            assert!(same_person(a, b), "{a} / {b}");
            assert_eq!(id("person", a), id("person", b));
        }
    }

    #[test]
    fn another_first_name_or_a_suffix_is_another_person() {
        assert!(!same_person("Bill Clinton", "Hillary Clinton"));
        assert!(!same_person("Donald Trump Jr.", "Donald Trump"));
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
