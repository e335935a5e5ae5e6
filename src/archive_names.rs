//! Archive-wide names: which name variants stand for one entity across the whole archive.
//! Within an article, enrichment already maps "Mr Blair" to "Tony Blair" when the article names
//! him in full; across articles, a piece that only says "Blair" is resolved here, from counts:
//!
//! - a one-word person name resolves to the full name ending in that word when that full name
//!   holds at least [`DOMINANCE`] of the archive's full-name articles for the word (so an
//!   ambiguous surname such as "Brown" stays apart when several Browns are common);
//! - an acronym organisation ("NATO") resolves to its expansion ("North Atlantic Treaty
//!   Organization") when an article spelled the pair out, or when the expansion's initials match,
//!   it occurs in at least two articles, and some article names both.
//!
//! The table is rebuilt from index facet counts after every index run and read by queries, so it
//! is always in step with the index. Pure: counts in, table out.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// Share of full-name articles the dominant full name must hold for a surname to resolve to it.
const DOMINANCE: f64 = 0.8;

/// Variant → canonical name, per entity kind ("person", "org", "place", "misc").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameTable {
    pub kinds: BTreeMap<String, BTreeMap<String, String>>,
}

/// Article counts of one kind's names, and of (canonical, alias) pairs seen inside articles.
#[derive(Debug, Clone, Default)]
pub struct KindCounts {
    pub names: Vec<(String, u64)>,
    pub aliases: Vec<(String, String, u64)>,
}

impl NameTable {
    /// Build the table from per-kind counts. `co_mentioned(acronym, expansion)` says whether
    /// some article names both organisations: initials alone are weak evidence ("BT" is not
    /// "BBC Two"), so an acronym meets an expansion it was never seen with only when an
    /// article spelled the pair out.
    pub fn build(
        counts: &HashMap<String, KindCounts>,
        co_mentioned: impl Fn(&str, &str) -> bool,
    ) -> NameTable {
        let mut table = NameTable::default();
        if let Some(people) = counts.get("person") {
            let map = resolve_surnames(&people.names);
            if !map.is_empty() {
                table.kinds.insert("person".into(), map);
            }
        }
        if let Some(orgs) = counts.get("org") {
            let map = resolve_acronyms(orgs, co_mentioned);
            if !map.is_empty() {
                table.kinds.insert("org".into(), map);
            }
        }
        table
    }

    /// The archive-wide canonical form of a name (itself when no variant rule applies).
    pub fn canonical<'a>(&'a self, kind: &str, name: &'a str) -> &'a str {
        self.kinds
            .get(kind)
            .and_then(|m| m.get(name))
            .map_or(name, String::as_str)
    }

    /// Every name of `kind` that a query for `words` should also match: canonicals of matching
    /// variants, and variants of matching canonicals.
    pub fn expansions(&self, kind: &str, words: &[String]) -> Vec<String> {
        let Some(map) = self.kinds.get(kind) else {
            return Vec::new();
        };
        let matches = |name: &str| {
            let ws: Vec<String> = name_words(name);
            !words.is_empty() && words.iter().all(|w| ws.contains(w))
        };
        let mut out: Vec<String> = Vec::new();
        let mut add = |name: &String| {
            // The query itself is matched anyway; list only other forms.
            if name_words(name) != words && !out.contains(name) {
                out.push(name.clone());
            }
        };
        for (variant, canonical) in map {
            if matches(variant) {
                add(canonical);
            }
            if matches(canonical) {
                add(variant);
            }
        }
        out
    }
}

/// Lowercased alphanumeric words of a name, as the index's name tokenizer splits them.
pub fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn resolve_surnames(names: &[(String, u64)]) -> BTreeMap<String, String> {
    // Full names by their last word.
    let mut by_last: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
    for (name, n) in names {
        let words = name_words(name);
        if words.len() >= 2 {
            if let Some(last) = words.last() {
                by_last
                    .entry(last.clone())
                    .or_default()
                    .push((name.as_str(), *n));
            }
        }
    }
    let mut map = BTreeMap::new();
    for (name, _) in names {
        let words = name_words(name);
        if words.len() != 1 {
            continue;
        }
        let Some(full) = by_last.get(&words[0]) else {
            continue;
        };
        let total: u64 = full.iter().map(|(_, n)| n).sum();
        let Some(&(best, best_n)) = full.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        if total > 0 && best_n as f64 >= DOMINANCE * total as f64 {
            map.insert(name.clone(), best.to_string());
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

fn resolve_acronyms(
    orgs: &KindCounts,
    co_mentioned: impl Fn(&str, &str) -> bool,
) -> BTreeMap<String, String> {
    let counts: HashMap<&str, u64> = orgs.names.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    let mut map = BTreeMap::new();
    // Explicit pairs first: an article that wrote "North Atlantic Treaty Organization (NATO)".
    let mut explicit: HashMap<&str, (&str, u64)> = HashMap::new();
    for (canonical, alias, n) in &orgs.aliases {
        if is_acronym(alias) && !is_acronym(canonical) {
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
            .filter(|(e, _)| co_mentioned(name, e))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
        if let Some((expansion, _)) = best {
            map.insert(name.clone(), (*expansion).clone());
        }
    }
    // Only variants that actually occur as names matter; drop self-maps.
    map.retain(|k, v| k != v && counts.contains_key(k.as_str()));
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(names: &[(&str, u64)], aliases: &[(&str, &str, u64)]) -> KindCounts {
        KindCounts {
            names: names.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
            aliases: aliases
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
                .collect(),
        }
    }

    #[test]
    fn dominant_full_name_wins_and_ambiguous_surnames_stay_apart() {
        let people = counts(
            &[
                ("Tony Blair", 90),
                ("Cherie Blair", 5),
                ("Blair", 40),
                ("Gordon Brown", 50),
                ("James Brown", 30),
                ("Brown", 20),
            ],
            &[],
        );
        let t = NameTable::build(&HashMap::from([("person".to_string(), people)]), |_, _| {
            true
        });
        assert_eq!(t.canonical("person", "Blair"), "Tony Blair");
        assert_eq!(
            t.canonical("person", "Brown"),
            "Brown",
            "62% is not overwhelming"
        );
        assert_eq!(
            t.expansions("person", &["blair".into()]),
            vec!["Tony Blair".to_string()]
        );
        assert_eq!(
            t.expansions("person", &["tony".into(), "blair".into()]),
            vec!["Blair".to_string()]
        );
    }

    #[test]
    fn acronyms_meet_their_expansions() {
        let orgs = counts(
            &[
                ("NATO", 30),
                ("North Atlantic Treaty Organization", 3),
                ("BBC", 10),
                ("British Broadcasting Corporation", 2),
                ("UN", 5),
            ],
            &[("North Atlantic Treaty Organization", "NATO", 2)],
        );
        let seen_together =
            |a: &str, e: &str| a == "BBC" && e == "British Broadcasting Corporation";
        let t = NameTable::build(
            &HashMap::from([("org".to_string(), orgs.clone())]),
            seen_together,
        );
        assert_eq!(
            t.canonical("org", "NATO"),
            "North Atlantic Treaty Organization"
        );
        assert_eq!(
            t.canonical("org", "BBC"),
            "British Broadcasting Corporation"
        );
        assert_eq!(t.canonical("org", "UN"), "UN");
        let never = NameTable::build(&HashMap::from([("org".to_string(), orgs)]), |_, _| false);
        assert_eq!(
            never.canonical("org", "BBC"),
            "BBC",
            "initials without a shared article"
        );
        assert_eq!(
            never.canonical("org", "NATO"),
            "North Atlantic Treaty Organization",
            "spelled out"
        );
    }
}
