//! Names the archive does not list under the kind the tagger gave them, by their form and by
//! the archive's other names, never by a list of names:
//!
//! - a person name ending in an organisation, place or event noun ("Clinton Foundation"), a
//!   party-and-state tag ("D-Va") or a town with its state ("Staunton, Va.");
//! - a person "name" of initials alone ("L.P.", "S.A.": a company's legal form cut loose) or a
//!   state abbreviation ("Minn.");
//! - a "name" of legal forms, ordinals or dates alone ("Inc", "Co Ltd", "4TH", "MAR8": the
//!   pieces a shouting headline leaves), of any kind;
//! - a person name that most often begins an organisation's name ("Drexel Burnham" beside
//!   "Drexel Burnham Lambert Inc"): the firm's short name, not a person;
//! - an organisation, place or misc name that ends in a person's full name after a title or role
//!   ("House Speaker Paul Ryan", "Ohio Gov. John Kasich"): a person the tagger mislabelled,
//!   listed under the person already;
//! - a one-word organisation "name" that is the generic head of many of the archive's
//!   organisation names ("Bank" of "World Bank", "Bank of Japan", "Chase Manhattan Bank"…):
//!   the piece a cut span leaves ("BANK OF JAPAN" in a headline, "the Center for American
//!   Progress"), which names no one organisation.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{name_words, KindCounts};
use crate::identity;

/// Whether every word of a person name is one letter ("L.P.", "S. A."): initials with no name.
pub(super) fn is_initials_only(name: &str) -> bool {
    let ws = name_words(name);
    !ws.is_empty() && ws.iter().all(|w| w.chars().count() == 1)
}

/// Whether a one-word name is a state abbreviation with its period ("Minn."), as newspapers
/// write it after a town.
pub(super) fn is_state_abbreviation(name: &str) -> bool {
    name.strip_suffix('.').is_some_and(|w| {
        !w.contains(|c: char| !c.is_alphabetic())
            && STATE_ABBREVIATIONS
                .iter()
                .any(|s| s.eq_ignore_ascii_case(w))
    })
}

/// Legal forms of companies, lowercase: a name of these alone names no company.
const LEGAL_FORMS: &[&str] = &[
    "inc", "co", "corp", "ltd", "plc", "llc", "lp", "sa", "ag", "nv", "bv", "gmbh", "pty", "bhd",
    "spa", "and",
];

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Whether a name (of any kind) is only legal forms, ordinals ("4TH") or dates ("MAR8").
pub(super) fn is_no_name(name: &str) -> bool {
    let ws = name_words(name);
    let empty = |w: &str| {
        let ordinal = w.trim_start_matches(|c: char| c.is_ascii_digit());
        let date = w.trim_end_matches(|c: char| c.is_ascii_digit());
        LEGAL_FORMS.contains(&w)
            || (ordinal.len() < w.len() && ["st", "nd", "rd", "th"].contains(&ordinal))
            || (date.len() < w.len() && MONTHS.contains(&date))
            || w.chars().all(|c| c.is_ascii_digit())
    };
    !ws.is_empty() && ws.iter().all(|w| empty(w))
}

/// Persons (their archive-wide forms, of two words or more) whose name begins organisation
/// names holding at least as many articles as the person's forms together: "Drexel Burnham"
/// (25 articles as a person) before "Drexel Burnham Lambert Inc" (52) is the firm. Compared by
/// words, so "Kidder, Peabody and Co" begins with "Kidder Peabody".
pub(super) fn firm_short_names<'a>(
    people: &'a KindCounts,
    orgs: &KindCounts,
    canonical: impl Fn(&'a str) -> &'a str,
) -> BTreeSet<String> {
    // Org articles by each leading run of two to four words.
    let mut by_start: HashMap<Vec<String>, u64> = HashMap::new();
    for (org, n) in &orgs.names {
        let ws = name_words(org);
        for len in 2..ws.len().min(5) {
            *by_start.entry(ws[..len].to_vec()).or_default() += n;
        }
    }
    let mut persons: HashMap<&str, u64> = HashMap::new();
    for (name, n) in &people.names {
        *persons.entry(canonical(name)).or_default() += n;
    }
    persons
        .into_iter()
        .filter(|(name, n)| {
            let ws = name_words(name);
            ws.len() >= 2 && by_start.get(&ws).is_some_and(|m| m >= n)
        })
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Names of a kind other than person that end in the full name of a person the archive names
/// in at least two articles, with words before it ("House Speaker Paul Ryan"). A name that is
/// no person's by its last word, such as a department the tagger once took for a person
/// ("Agriculture Department"), is no such tail.
pub(super) fn titled_persons(people: &KindCounts, other: &KindCounts) -> BTreeSet<String> {
    let persons: HashSet<String> = people
        .names
        .iter()
        .filter(|(_, n)| *n >= 2)
        .filter_map(|(name, _)| identity::person_key(name))
        .filter(|k| k.contains(' ') && !is_non_person(k))
        .collect();
    other
        .names
        .iter()
        .filter(|(name, _)| {
            let ws: Vec<&str> = name.split_whitespace().collect();
            (1..ws.len().saturating_sub(1)).any(|at| {
                // The person's name starts with a capital after the words before it.
                ws[at].starts_with(|c: char| c.is_uppercase())
                    && identity::person_key(&ws[at..].join(" ")).is_some_and(|k| {
                        // Only when the words before are not all part of the name itself.
                        persons.contains(&k) && k.split(' ').count() == ws.len() - at
                    })
            })
        })
        .map(|(name, _)| name.clone())
        .collect()
}

/// Distinct multi-word organisation names a one-word name must head before it counts as a
/// generic head rather than a name: a few ("White House", "State House") do not make "House"
/// generic.
const GENERIC_HEAD_NAMES: usize = 5;

/// One-word organisation names (archive-wide forms, their variants' articles summed) that head at least [`GENERIC_HEAD_NAMES`] distinct
/// multi-word organisation names of the archive, and at least half as many as the articles
/// naming the word alone: "Bank" alone in 609 Reuters articles heads 579 names ("Bank of
/// Japan", "World Bank"…), while "Congress" (315 articles) heads 13 and "Labour" (209) 3. The head of a name is its last word, or a word
/// right before "of", "for" or "on" ("Bank of Japan", "Center for American Progress").
pub(super) fn generic_heads<'a>(
    orgs: &'a KindCounts,
    canonical: impl Fn(&'a str) -> &'a str,
) -> BTreeSet<String> {
    // Distinct names per head word (lowercase, without a leading "the": "The Bank of Japan" and
    // "BANK OF JAPAN" are one name).
    let mut names_by_head: HashMap<String, HashSet<String>> = HashMap::new();
    // Articles per archive-wide form: "SENATE" in three headlines is "Senate" (200 articles),
    // and "Democratic" is "Democratic Party".
    let mut articles: HashMap<&str, u64> = HashMap::new();
    for (name, n) in &orgs.names {
        *articles.entry(canonical(name)).or_default() += n;
        let ws = name_words(name);
        let ws = match ws.first().map(String::as_str) {
            Some("the") => &ws[1..],
            _ => &ws[..],
        };
        if ws.len() < 2 {
            continue;
        }
        let key = ws.join(" ");
        let mut heads: Vec<&str> = vec![&ws[ws.len() - 1]];
        for pair in ws.windows(2) {
            if ["of", "for", "on"].contains(&pair[1].as_str()) {
                heads.push(&pair[0]);
            }
        }
        for h in heads {
            names_by_head
                .entry(h.to_string())
                .or_default()
                .insert(key.clone());
        }
    }
    articles
        .into_iter()
        .filter(|(name, n)| {
            let ws = name_words(name);
            ws.len() == 1
                && names_by_head.get(&ws[0]).is_some_and(|heads| {
                    heads.len() >= GENERIC_HEAD_NAMES && heads.len() as u64 * 2 >= *n
                })
        })
        .map(|(name, _)| name.to_string())
        .collect()
}

/// Last words that make a name an organisation, a place or an event, never a person ("Clinton
/// Foundation", "Downing Street", "Fox News"); lowercase.
const NON_PERSON_HEADS: &[&str] = &[
    "foundation",
    "institute",
    "university",
    "college",
    "school",
    "party",
    "committee",
    "council",
    "association",
    "campaign",
    "fund",
    "bank",
    // "Salomon Brothers", "Tabuchi Electric": firms, never one person.
    "brothers",
    "electric",
    "club",
    "inc",
    "co",
    "corp",
    "ltd",
    "plc",
    "group",
    "news",
    "times",
    "post",
    "street",
    "avenue",
    "road",
    "square",
    "hall",
    "center",
    "centre",
    "county",
    "airport",
    "act",
    "administration",
    "department",
    "agency",
    "commission",
    "forum",
    "awards",
];

pub(super) fn is_non_person(key: &str) -> bool {
    key.rsplit(' ')
        .next()
        .is_some_and(|w| key.contains(' ') && NON_PERSON_HEADS.contains(&w))
}

/// US state abbreviations as newspapers write them after a town ("Staunton, Va."), lowercase
/// without the period: a name ending in one is a place, never a person.
const STATE_ABBREVIATIONS: &[&str] = &[
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky",
    "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa",
    "tenn", "tex", "vt", "va", "wash", "wis", "wyo",
];

/// Whether a name ends with a state abbreviation and its period ("Staunton Va.").
pub(super) fn is_town_and_state(name: &str) -> bool {
    let mut ws = name.split_whitespace();
    let last = ws.next_back().unwrap_or("");
    ws.next_back().is_some()
        && last.strip_suffix('.').is_some_and(|w| {
            STATE_ABBREVIATIONS
                .iter()
                .any(|s| s.eq_ignore_ascii_case(w))
        })
}

/// A party-and-state tag the tagger took for a name ("D-Va", "R-Fla."): never a person.
pub(super) fn is_party_tag(name: &str) -> bool {
    let b = name.trim_end_matches('.').as_bytes();
    b.len() >= 4
        && matches!(b[0], b'D' | b'R' | b'I')
        && b[1] == b'-'
        && b[2].is_ascii_uppercase()
        && b[3..].iter().all(u8::is_ascii_lowercase)
}
