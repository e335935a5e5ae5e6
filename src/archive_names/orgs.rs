//! Organisation identity across the archive: which organisation names are one organisation.
//!
//! - names that differ only by a leading "The", by case, by a trailing "News" or "Party", by a
//!   trailing legal form ("Chrysler Corp" / "Chrysler"), or by the plural of their last word
//!   are one ("The New York Times" / "New York Times", "BBC" /
//!   "BBC News", "Labour" / "Labour Party", "Tory" / "Tories"); a known outlet's own name is
//!   never singularised ("Times" is not "Time");
//! - a clipped form whose every word begins the matching word of a longer name is that name
//!   when some article names both ("Lib Dems" / "Liberal Democrats");
//! - an acronym resolves to its expansion when an article spelled the pair out, or when the
//!   expansion's initials match, it occurs in at least two articles, and some article names
//!   both.
//!
//! Each group is shown under its most frequent form.

use std::collections::{BTreeMap, HashMap};

use super::KindCounts;
use crate::enrich::ner::rules::OUTLETS;

/// Trailing words that name the same organisation with or without them: a broadcaster's news
/// arm is how articles credit the broadcaster, and a party is named with or without "Party".
const DROPPABLE_TAILS: &[&str] = &["news", "party"];

/// Legal forms after a company's name: "Chrysler Corp" is the company "Chrysler", and
/// "Salomon Brothers Inc." is "Salomon Brothers" (lowercase, without a period).
const LEGAL_TAILS: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
];

/// The key two forms of one organisation share: lowercase, without a leading "the", a trailing
/// [`DROPPABLE_TAILS`] word, trailing legal forms ([`LEGAL_TAILS`], and an "and" or "&" left
/// before them), or the plural of the last word.
fn group_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let bare = lower.strip_prefix("the ").unwrap_or(&lower);
    let mut ws: Vec<&str> = bare.split_whitespace().collect();
    if ws.len() > 1 && ws.last().is_some_and(|w| DROPPABLE_TAILS.contains(w)) {
        ws.pop();
    }
    let legal = |w: &&str| LEGAL_TAILS.contains(&w.trim_end_matches(['.', ',']));
    // Only while a word of a name is left: "Co Inc" is no company "Co".
    while ws.len() > 1 && ws.last().is_some_and(legal) && !ws.iter().all(legal) {
        ws.pop();
        while ws.len() > 1 && ws.last().is_some_and(|w| *w == "and" || *w == "&") {
            ws.pop();
        }
    }
    let ws: Vec<&str> = ws.into_iter().map(|w| w.trim_end_matches(',')).collect();
    let mut ws: Vec<String> = ws.into_iter().map(str::to_string).collect();
    let joined = ws.join(" ");
    if let Some(last) = ws.last_mut() {
        if !OUTLETS.contains(&joined.as_str()) {
            *last = singular(last);
        }
    }
    ws.join(" ")
}

/// A lowercase word's singular: "tories" → "tory", "democrats" → "democrat"; words of three
/// letters or fewer, and "-ss" words, are left as they are.
fn singular(w: &str) -> String {
    // "News Corp" is no "New".
    if w.chars().count() <= 3 || w.ends_with("ss") || w == "news" {
        return w.to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// Whether `short` is a clipped form of `long` (both group keys): as many words, each word of
/// `short` at least three letters and the start of the matching word of `long`, one shorter.
fn is_clipped(short: &str, long: &str) -> bool {
    let (s, l): (Vec<&str>, Vec<&str>) = (short.split(' ').collect(), long.split(' ').collect());
    s.len() == l.len()
        && s.iter()
            .zip(&l)
            .all(|(a, b)| a.chars().count() >= 3 && b.starts_with(a))
        && s.iter().zip(&l).any(|(a, b)| a.len() < b.len())
}

/// Organisation names that are one organisation (see the module docs) → the group's most
/// frequent form.
pub(super) fn org_variants(
    orgs: &KindCounts,
    co_mentioned: impl Fn(&str, &str, &str) -> bool,
) -> BTreeMap<String, String> {
    let mut groups: BTreeMap<String, Vec<(&str, u64)>> = BTreeMap::new();
    for (name, n) in &orgs.names {
        groups
            .entry(group_key(name))
            .or_default()
            .push((name.as_str(), *n));
    }
    // Clipped forms join the longer name's group: candidates share the first three letters
    // and the word count, so the search stays near-linear.
    let total = |forms: &[(&str, u64)]| forms.iter().map(|f| f.1).sum::<u64>();
    fn best<'a>(forms: &[(&'a str, u64)]) -> Option<&'a str> {
        forms
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|f| f.0)
    }
    let mut by_start: HashMap<(String, usize), Vec<&String>> = HashMap::new();
    for key in groups.keys() {
        let start: String = key.chars().take(3).collect();
        by_start
            .entry((start, key.split(' ').count()))
            .or_default()
            .push(key);
    }
    let mut joins: Vec<(String, String)> = Vec::new();
    for (key, forms) in &groups {
        let start: String = key.chars().take(3).collect();
        let Some(cands) = by_start.get(&(start, key.split(' ').count())) else {
            continue;
        };
        let long = cands
            .iter()
            .filter(|l| is_clipped(key, l))
            .filter(|l| {
                let (Some(a), Some(b)) = (best(forms), best(&groups[l.as_str()])) else {
                    return false;
                };
                co_mentioned("org", a, b)
            })
            .max_by(|a, b| {
                total(&groups[a.as_str()])
                    .cmp(&total(&groups[b.as_str()]))
                    .then(b.cmp(a))
            });
        if let Some(long) = long {
            joins.push((key.clone(), (*long).clone()));
        }
    }
    for (short, long) in joins {
        // A clipped form of a clipped form joins once, to its own target.
        if let Some(forms) = groups.remove(&short) {
            groups.entry(long).or_default().extend(forms);
        }
    }
    let mut map = BTreeMap::new();
    for forms in groups.values().filter(|f| f.len() > 1) {
        let Some(best) = best(forms) else {
            continue;
        };
        for (form, _) in forms {
            if *form != best {
                map.insert(form.to_string(), best.to_string());
            }
        }
    }
    map
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn is_acronym(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    (2..=8).contains(&letters)
        && !name.contains(' ')
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

pub(super) fn resolve_acronyms(
    orgs: &KindCounts,
    co_mentioned: impl Fn(&str, &str, &str) -> bool,
) -> BTreeMap<String, String> {
    let counts: HashMap<&str, u64> = orgs.names.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let mut map = BTreeMap::new();
    // Explicit pairs first: an article that wrote "North Atlantic Treaty Organization (NATO)".
    let mut explicit: HashMap<&str, (&str, u64)> = HashMap::new();
    for (canonical, alias, n) in &orgs.aliases {
        // An acronym stands for several words: "Isis" beside "ISIS" is the same word in
        // another case (the group of `org_variants`), "Isis" beside "ISIL" another acronym.
        if is_acronym(alias) && !is_acronym(canonical) && canonical.contains(' ') {
            let e = explicit
                .entry(alias.as_str())
                .or_insert((canonical.as_str(), 0));
            if *n > e.1 {
                *e = (canonical.as_str(), *n);
            }
        }
    }
    // Multi-word names by their initials, built once: matching each acronym against every name
    // would be quadratic in the archive's organisations.
    let mut by_initials: HashMap<String, Vec<(&String, u64)>> = HashMap::new();
    for (e, n) in &orgs.names {
        if *n >= 2 && e.contains(' ') {
            by_initials.entry(initials(e)).or_default().push((e, *n));
        }
    }
    for (name, _) in &orgs.names {
        if !is_acronym(name) {
            continue;
        }
        if let Some((expansion, _)) = explicit.get(name.as_str()) {
            map.insert(name.clone(), expansion.to_string());
            continue;
        }
        let best = by_initials
            .get(name.as_str())
            .into_iter()
            .flatten()
            .filter(|(e, _)| co_mentioned("org", name, e))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
        if let Some((expansion, _)) = best {
            map.insert(name.clone(), (*expansion).clone());
        }
    }
    // Only variants that actually occur as names matter; drop self-maps.
    map.retain(|k, v| k != v && counts.contains_key(k.as_str()));
    map
}
