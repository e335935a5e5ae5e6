//! Archive-wide names: which name variants stand for one identity across the whole archive,
//! and which names are not listed as entities of their own. Within an article, enrichment
//! already maps "Mr Blair" to "Tony Blair" when the article names him in full; across articles
//! the table built here, from counts, decides the rest:
//!
//! - people are clustered by identity (first and last name and middle initials,
//!   `identity::person_key`), shown under the cluster's most frequent form; a name without
//!   initials joins the one initialled form the archive holds ("Donald Trump" = "Donald J.
//!   Trump"), and stays apart when there are several ("George Bush" beside "George W. Bush" and
//!   "George H.W. Bush");
//! - a one-word person name resolves to the person whose surname (else first name) it is when
//!   that person holds at least [`DOMINANCE`] of the archive's articles naming someone with that
//!   surname; otherwise it is ambiguous: never listed as a person of its own, and a filter for
//!   it lists the people it could mean. A plural surname ("Clintons") is the surname, and a
//!   surname with its suffix alone ("Biden Jr.") resolves like the surname or is not listed;
//! - a nickname before a first name ("Crooked Hillary") is an alias only where an article used
//!   it for a person it named; else it is not listed;
//! - a person name that more of its articles classify or credit as a work ("the film Vera
//!   Drake", "Franz Ferdinand frontman") or as a firm ("Kidder Peabody and Co", "analyst at
//!   Smith Barney") than name as a person (a surname alone, an honorific,
//!   a quote), in at least [`WORK_VOTES`] articles, is no person and not listed among them; a
//!   one-word name that resolves to no one is listed as a person only when at least a quarter
//!   of its articles give person evidence ("Mr. Ban", a quote), so "God", "Obamacare" or a
//!   stray "A" are not;
//! - a name's kind is the majority over its articles: a person named as an organisation in
//!   fewer articles is not listed among organisations, and the other way round;
//! - a short given name is its formal one ("Joe Biden" = "Joseph Biden", `given_names`), and a
//!   "Jr." name is the plain name when no article names both ("Joseph R. Biden Jr." = "Joe
//!   Biden"; "Donald Trump Jr." is named beside his father, or as "Donald Jr.", and stays
//!   apart);
//! - organisations: one name despite "The", case, a "News"/"Party" tail, a plural, a clipped
//!   form or an acronym (`orgs`).
//!
//! The table is rebuilt from index facet counts after every index run and read by queries, so it
//! is always in step with the index. Pure: counts in, table out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::enrich::quotes::gender;
use crate::identity;

mod given_names;
mod no_entity;
mod orgs;
mod places;
mod speaker_match;
pub use speaker_match::AsWritten;

/// Share of full-name articles the dominant full name must hold for a surname to resolve to it.
const DOMINANCE: f64 = 0.8;

/// Articles that must classify a person name as a work before it leaves the persons: one
/// article's "show Anderson Cooper 360" is not enough.
const WORK_VOTES: u64 = 2;

/// Variant → canonical name, per entity kind ("person", "org", "place", "misc"), and the names
/// each kind does not list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameTable {
    pub kinds: BTreeMap<String, BTreeMap<String, String>>,
    /// Per kind, names (canonical forms) not listed under that kind: ambiguous one-word person
    /// names, nicknames without evidence, and names whose majority kind is another.
    #[serde(default)]
    pub hidden: BTreeMap<String, BTreeSet<String>>,
    /// A one-word person name (lowercase) that stands for several people → those people
    /// (canonical forms), most named first.
    #[serde(default)]
    pub ambiguous: BTreeMap<String, Vec<String>>,
}

/// What a `--speaker` or `--person` value matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// These stored names (possibly none).
    Names(Vec<String>),
    /// A bare name that could mean any of these people: the command says so and does not guess.
    Ambiguous(Vec<String>),
}

/// Article counts of one kind's names, and of (canonical, alias) pairs seen inside articles.
#[derive(Debug, Clone, Default)]
pub struct KindCounts {
    pub names: Vec<(String, u64)>,
    pub aliases: Vec<(String, String, u64)>,
    /// Persons only: (cue, name, articles) — the articles that give `name` person or work
    /// evidence (`enrich::name_evidence`; cue is "person" or "work").
    pub cues: Vec<(String, String, u64)>,
}

impl NameTable {
    /// Build the table from per-kind counts. `co_mentioned(kind, a, b)` says whether some
    /// article names both `a` and `b` as `kind`: initials alone are weak evidence ("BT" is not
    /// "BBC Two"), so an acronym meets an expansion it was never seen with only when an
    /// article spelled the pair out; a clipped organisation name meets its long form, and a
    /// "Jr." person the plain name, only by this evidence.
    pub fn build(
        counts: &HashMap<String, KindCounts>,
        co_mentioned: impl Fn(&str, &str, &str) -> bool,
    ) -> NameTable {
        let mut table = NameTable::default();
        if let Some(people) = counts.get("person") {
            let ids = resolve_people(people, &co_mentioned);
            if !ids.map.is_empty() {
                table.kinds.insert("person".into(), ids.map);
            }
            if !ids.hidden.is_empty() {
                table.hidden.insert("person".into(), ids.hidden);
            }
            table.ambiguous = ids.ambiguous;
        }
        if let Some(orgs) = counts.get("org") {
            let mut map = orgs::resolve_acronyms(orgs, &co_mentioned);
            for (variant, canonical) in orgs::org_variants(orgs, &co_mentioned) {
                map.entry(variant).or_insert(canonical);
            }
            // "The FBI" → "FBI" → "Federal Bureau of Investigation": one hop, as looked up.
            let hops: Vec<(String, String)> = map
                .iter()
                .filter_map(|(v, c)| Some((v.clone(), map.get(c)?.clone())))
                .filter(|(v, c)| v != c)
                .collect();
            map.extend(hops);
            if !map.is_empty() {
                table.kinds.insert("org".into(), map);
            }
        }
        for (kind, states) in [("place", true), ("misc", false)] {
            if let Some(names) = counts.get(kind) {
                let map = places::variants(names, states);
                if !map.is_empty() {
                    table.kinds.insert(kind.into(), map);
                }
            }
        }
        table.hide_no_entities(counts);
        table.settle_kinds(counts);
        table
    }

    /// Hide what `no_entity` says is no name of its kind (under its archive-wide form).
    fn hide_no_entities(&mut self, counts: &HashMap<String, KindCounts>) {
        let empty = KindCounts::default();
        let people = counts.get("person").unwrap_or(&empty);
        let orgs = counts.get("org").unwrap_or(&empty);
        let mut hide: Vec<(&str, String)> = Vec::new();
        for name in no_entity::firm_short_names(people, orgs, |n| self.canonical("person", n)) {
            hide.push(("person", name));
        }
        // Legal forms, ordinals and dates alone are no name of any kind ("Co" as a place).
        for kind in ["person", "org", "place", "misc"] {
            for (name, _) in &counts.get(kind).unwrap_or(&empty).names {
                // Under its archive-wide form, unless that is a real name ("AG" as an acronym).
                let canonical = self.canonical(kind, name);
                if no_entity::is_no_name(name) && no_entity::is_no_name(canonical) {
                    hide.push((kind, canonical.to_string()));
                }
            }
        }
        // "Bank", "Center": the generic head of many organisation names, no name alone.
        for name in no_entity::generic_heads(orgs, |n| self.canonical("org", n)) {
            hide.push(("org", name));
        }
        for kind in ["org", "place", "misc"] {
            for name in no_entity::titled_persons(people, counts.get(kind).unwrap_or(&empty)) {
                hide.push((kind, self.canonical(kind, &name).to_string()));
            }
        }
        for (kind, name) in hide {
            self.hidden.entry(kind.into()).or_default().insert(name);
        }
    }

    /// A name's kind is the majority over its articles: count each identity under every kind
    /// and hide it from the kinds that hold fewer of its articles. A tie keeps it a person.
    fn settle_kinds(&mut self, counts: &HashMap<String, KindCounts>) {
        const KINDS: [&str; 4] = ["person", "org", "place", "misc"];
        // Articles per (kind, identity key of the name's archive-wide form).
        let mut by_key: HashMap<(&str, String), u64> = HashMap::new();
        for kind in KINDS {
            for (name, n) in counts.get(kind).map_or(&[][..], |c| &c.names[..]) {
                let k = identity::key("person", self.canonical(kind, name));
                *by_key.entry((kind, k)).or_default() += n;
            }
        }
        let of = |kind: &'static str, k: &str| by_key.get(&(kind, k.to_string())).copied();
        for kind in KINDS {
            for (name, _) in counts.get(kind).map_or(&[][..], |c| &c.names[..]) {
                let canonical = self.canonical(kind, name).to_string();
                let k = identity::key("person", &canonical);
                let mine = of(kind, &k).unwrap_or(0);
                let beaten = KINDS.iter().any(|other| {
                    *other != kind
                        && of(other, &k)
                            .is_some_and(|n| n > mine || (n == mine && *other == "person"))
                });
                // A one-word name that is part of some person's name ("Clinton" as an
                // organisation) is that person only when it resolves to one.
                // A surname's plural ("Clintons", "the Obamas") is a family of people.
                let family = name
                    .trim_start_matches("The ")
                    .strip_suffix('s')
                    .is_some_and(|stem| {
                        let person = self.canonical("person", stem);
                        self.ambiguous.contains_key(&stem.to_lowercase())
                            || (person != stem && person.ends_with(stem))
                    });
                let resolved_person = kind != "person"
                    && !k.contains(' ')
                    && (family || self.canonical("person", name) != name.as_str());
                if beaten || resolved_person {
                    self.hidden
                        .entry(kind.into())
                        .or_default()
                        .insert(canonical);
                }
            }
        }
    }

    /// Whether `name` (a canonical form) is left out of `kind`'s listing.
    pub fn is_hidden(&self, kind: &str, name: &str) -> bool {
        self.hidden.get(kind).is_some_and(|h| h.contains(name))
    }

    /// The archive-wide id of a name of `kind`: the id of its archive-wide form.
    pub fn id(&self, kind: &str, name: &str) -> String {
        identity::id(kind, self.canonical(kind, name))
    }

    /// The stored names (`candidates`, the names an index holds for the filtered field) that a
    /// `--speaker` or `--person` value stands for, by identity: a full name matches its person
    /// and that person's variants, never another person with the same surname; a bare name
    /// matches the person the archive resolves it to, or the one person in `candidates` it can
    /// name, and is ambiguous when it could be several; a name that is no person's matches
    /// names with the same words (and an acronym its expansion).
    pub fn matching(&self, query: &str, candidates: &[String]) -> NameMatch {
        let qwords = name_words(query);
        if qwords.is_empty() {
            return NameMatch::Names(Vec::new());
        }
        let person = |c: &str| identity::key("person", self.canonical("person", c));
        let org_words = |c: &str| name_words(self.canonical("org", c));
        // A full name stands for the person the archive makes of it ("Donald J. Trump" for
        // "Donald Trump" when it holds just that one initialled form).
        let mut target = identity::person_key(self.canonical_any_case("person", query.trim()))
            .unwrap_or_default();
        if !target.contains(' ') {
            if let Some(people) = self.ambiguous.get(&target) {
                return NameMatch::Ambiguous(people.clone());
            }
            // The table keys names as written ("Blair"); a typed query may be any case ("blair").
            let resolved = self.canonical_any_case("person", query.trim());
            if resolved != query.trim() {
                target = identity::key("person", resolved);
            } else {
                // People among the candidates whose surname, else first name, this is.
                let mut people: Vec<(String, &str)> = Vec::new();
                for c in candidates {
                    let k = person(c);
                    let loose = identity::without_initials(&k);
                    let ws: Vec<&str> = loose.split(' ').collect();
                    if ws.len() >= 2 && !people.iter().any(|(p, _)| *p == k) {
                        let surname =
                            ws[ws.len() - 1] == target || (ws.len() == 3 && ws[1] == target);
                        if surname || ws[0] == target {
                            people.push((k, self.canonical("person", c)));
                        }
                    }
                }
                match people.len() {
                    0 => {}
                    1 => target = people[0].0.clone(),
                    _ => {
                        let mut names: Vec<String> =
                            people.iter().map(|(_, n)| n.to_string()).collect();
                        names.sort();
                        names.dedup();
                        return NameMatch::Ambiguous(names);
                    }
                }
            }
        }
        let qorg = org_words(query.trim());
        let names = candidates
            .iter()
            .filter(|c| person(c) == target || name_words(c) == qwords || org_words(c) == qorg)
            .cloned()
            .collect();
        NameMatch::Names(names)
    }

    /// [`Self::canonical`] for a name typed in any case: the exact form first, then the one
    /// variant that equals it ignoring case (none, or several that disagree: the name itself).
    fn canonical_any_case<'a>(&'a self, kind: &str, name: &'a str) -> &'a str {
        let exact = self.canonical(kind, name);
        if exact != name {
            return exact;
        }
        let Some(map) = self.kinds.get(kind) else {
            return name;
        };
        let mut found = map
            .iter()
            .filter(|(variant, _)| variant.eq_ignore_ascii_case(name))
            .map(|(_, canonical)| canonical.as_str());
        match found.next() {
            Some(first) if found.all(|c| c == first) => first,
            _ => name,
        }
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

/// The person part of the table: variant → canonical form, hidden names, ambiguous names.
#[derive(Default)]
struct People {
    map: BTreeMap<String, String>,
    hidden: BTreeSet<String>,
    ambiguous: BTreeMap<String, Vec<String>>,
}

/// One person across the archive: the forms of their name and the articles naming each.
struct Cluster<'a> {
    key: String,
    forms: Vec<(&'a str, u64)>,
    total: u64,
    /// Keys of clusters merged into this one: a name without initials ("donald trump" into
    /// "donald j. trump"), a "Jr." name ("joseph biden jr" into "joseph biden").
    merged: Vec<String>,
}

impl Cluster<'_> {
    /// The form shown: the most frequent, then the longest, then the first in byte order.
    fn display(&self) -> &str {
        self.forms
            .iter()
            .max_by(|a, b| {
                a.1.cmp(&b.1)
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .map_or("", |f| f.0)
    }

    fn surname(&self) -> &str {
        let ws: Vec<&str> = self.key.split(' ').collect();
        // "donald trump jr": the surname is "trump".
        match ws.as_slice() {
            // "donald jr" names no surname.
            [_, x] if SUFFIXES.contains(x) => "",
            [.., s, x] if SUFFIXES.contains(x) => s,
            [.., s] => s,
            [] => "",
        }
    }

    fn first(&self) -> &str {
        self.key.split(' ').next().unwrap_or("")
    }
}

/// A "Jr." person ("Joseph R. Biden Jr.") is the same name without the suffix ("Joe Biden")
/// when no article names both: a father and son named alike are told apart where both appear
/// ("Donald Trump" and "Donald Trump Jr."), while outlets that add the suffix for one man never
/// use the plain form too. A Jr. whom some article calls by first name and suffix ("Donald
/// Jr.") is a son named apart from his father and never merged.
fn merge_juniors(clusters: &mut Vec<Cluster<'_>>, co_mentioned: impl Fn(&str, &str, &str) -> bool) {
    let index = key_index(clusters);
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (j, c) in clusters.iter().enumerate() {
        let Some(base) = c.key.strip_suffix(" jr") else {
            continue;
        };
        // "Donald Jr." names the son apart from his father: such a Jr. is someone else.
        let first_jr = format!("{} jr", c.first());
        if clusters.iter().any(|o| o.key == first_jr) {
            continue;
        }
        let found = index
            .get(base)
            .or_else(|| index.get(&identity::without_initials(base)));
        let Some(&p) = found.filter(|_| base.contains(' ')) else {
            continue;
        };
        let together = c.forms.iter().any(|(a, _)| {
            clusters[p]
                .forms
                .iter()
                .any(|(b, _)| co_mentioned("person", a, b))
        });
        if !together {
            moves.push((j, p));
        }
    }
    for &(j, p) in &moves {
        let forms = std::mem::take(&mut clusters[j].forms);
        let key = clusters[j].key.clone();
        clusters[p].total += forms.iter().map(|f| f.1).sum::<u64>();
        clusters[p].forms.extend(forms);
        clusters[p].merged.push(key);
    }
    clusters.retain(|c| !c.forms.is_empty());
}

/// Every key a cluster answers to (its own and those merged into it) → its position.
fn key_index(clusters: &[Cluster<'_>]) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        for k in std::iter::once(&c.key).chain(&c.merged) {
            index.entry(k.clone()).or_insert(i);
        }
    }
    index
}

/// A name written without middle initials ("Donald Trump") is the one person of the archive
/// with those first and last names and initials ("Donald J. Trump"); when there are several
/// ("George W. Bush", "George H.W. Bush"), it could be any of them and stays apart.
fn join_plain_names(clusters: &mut Vec<Cluster<'_>>) {
    let mut initialled: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        if identity::has_initials(&c.key) {
            initialled
                .entry(identity::without_initials(&c.key))
                .or_default()
                .push(i);
        }
    }
    let moves: Vec<(usize, usize)> = clusters
        .iter()
        .enumerate()
        .filter_map(|(j, c)| match initialled.get(&c.key)?.as_slice() {
            [one] => Some((j, *one)),
            _ => None,
        })
        .collect();
    for &(j, p) in &moves {
        let forms = std::mem::take(&mut clusters[j].forms);
        let key = clusters[j].key.clone();
        clusters[p].total += forms.iter().map(|f| f.1).sum::<u64>();
        clusters[p].forms.extend(forms);
        clusters[p].merged.push(key);
    }
    clusters.retain(|c| !c.forms.is_empty());
}

/// Generational suffixes, as `identity::person_key` keeps them.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Those of [`SUFFIXES`] that after a single name are a regnal number ("Abdullah II").
const REGNAL: &[&str] = &["ii", "iii", "iv"];

/// Whether a two-word person name is a nickname before a first name ("Crooked Hillary"): its
/// first word is no first name, its last word is one.
fn is_nickname(name: &str) -> bool {
    let ws: Vec<&str> = name.split_whitespace().collect();
    ws.len() == 2 && !gender::is_first_name(ws[0]) && gender::is_first_name(ws[1])
}

fn resolve_people<'a>(
    people: &'a KindCounts,
    co_mentioned: impl Fn(&str, &str, &str) -> bool,
) -> People {
    let mut out = People::default();
    let mut clusters: Vec<Cluster<'a>> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut singles: Vec<&str> = Vec::new();
    let mut nicknames: Vec<(&str, u64, String)> = Vec::new();
    let mut add = |clusters: &mut Vec<Cluster<'a>>, key: String, name: &'a str, n: u64| {
        let i = *by_key.entry(key.clone()).or_insert_with(|| {
            clusters.push(Cluster {
                key,
                forms: Vec::new(),
                total: 0,
                merged: Vec::new(),
            });
            clusters.len() - 1
        });
        clusters[i].forms.push((name, n));
        clusters[i].total += n;
    };
    for (name, n) in &people.names {
        // "Joe Biden" and "Joseph Biden" share a key.
        let Some(key) = identity::person_key(name).map(|k| given_names::formal_key(&k)) else {
            continue;
        };
        if no_entity::is_party_tag(name)
            || no_entity::is_non_person(&key)
            || no_entity::is_town_and_state(name)
            || no_entity::is_initials_only(name)
            || no_entity::is_state_abbreviation(name)
        {
            out.hidden.insert(name.to_string());
        } else if !key.contains(' ') {
            singles.push(name);
        } else if is_nickname(name) {
            nicknames.push((name, *n, key));
        } else {
            add(&mut clusters, key, name.as_str(), *n);
        }
    }
    // A "nickname" whose first word starts someone's name, or whose last word starts no one's,
    // is a name after all ("Bernie Sanders" when "Sanders" is in the first-name table).
    let firsts: BTreeSet<String> = clusters.iter().map(|c| c.first().to_string()).collect();
    nicknames.retain(|(name, n, key)| {
        let mut ws = key.split(' ');
        let (w0, w1) = (ws.next().unwrap_or(""), ws.next().unwrap_or(""));
        let real =
            firsts.contains(given_names::formal(w0)) || !firsts.contains(given_names::formal(w1));
        if real {
            add(&mut clusters, key.clone(), name, *n);
        }
        !real
    });
    // Works, bands, shows and indexes: more articles say so than name a person.
    let cue = |kind: &str, name: &str| {
        people
            .cues
            .iter()
            .filter(|(c, n, _)| c == kind && n == name)
            .map(|(_, _, n)| *n)
            .sum::<u64>()
    };
    clusters.retain(|c| {
        let votes = |kind: &str| c.forms.iter().map(|(f, _)| cue(kind, f)).sum::<u64>();
        // A firm ("Kidder Peabody and Co", "analyst at Smith Barney") is no person either.
        let work = votes("work") + votes("firm");
        let is_work = work >= WORK_VOTES && work > votes("person");
        if is_work {
            out.hidden
                .extend(c.forms.iter().map(|(f, _)| f.to_string()));
        }
        !is_work
    });
    join_plain_names(&mut clusters);
    merge_juniors(&mut clusters, &co_mentioned);
    let by_key = key_index(&clusters);
    for c in &clusters {
        let display = c.display();
        for (form, _) in &c.forms {
            if *form != display {
                out.map.insert(form.to_string(), display.to_string());
            }
        }
    }
    // A one-word name: the dominant person with that surname, else with that first name.
    // `sex`, from an honorific ("Mrs. Bush"), leaves out people whose first name says the
    // other one.
    let pick_sexed = |w: &str,
                      by_surname: bool,
                      sex: Option<gender::Gender>|
     -> Option<Result<usize, Vec<usize>>> {
        let fits_sex = |c: &Cluster<'_>| {
            !sex.is_some_and(|s| gender::of_name(c.display()).is_some_and(|g| g != s))
        };
        let holders = |test: &dyn Fn(&Cluster<'_>) -> bool| -> Vec<usize> {
            (0..clusters.len())
                .filter(|&i| fits_sex(&clusters[i]) && test(&clusters[i]))
                .collect()
        };
        let sum = |found: &[usize]| found.iter().map(|&i| clusters[i].total).sum::<u64>();
        let mut found = if by_surname {
            let last = holders(&|c| c.surname() == w);
            // A family name written first ("Xi Jinping", "Yoon Suk-yeol"): a word no first-name
            // table knows, first in the names of people named more often than those whose
            // last word it is ("Chen Xi").
            let first = if gender::is_first_name(w) {
                Vec::new()
            } else {
                holders(&|c| c.first() == w && !c.surname().is_empty())
            };
            if sum(&first) > sum(&last) {
                first
            } else {
                last
            }
        } else {
            holders(&|c| c.first() == given_names::formal(w))
        };
        if found.is_empty() {
            return None;
        }
        found.sort_by(|&a, &b| clusters[b].total.cmp(&clusters[a].total));
        let total = sum(&found);
        let best = found[0];
        Some(if clusters[best].total as f64 >= DOMINANCE * total as f64 {
            Ok(best)
        } else {
            Err(found)
        })
    };
    let pick = |w: &str, by_surname: bool| pick_sexed(w, by_surname, None);
    // "Donald Jr.": the one person with that first name and suffix.
    for c in &clusters {
        let ws: Vec<&str> = c.key.split(' ').collect();
        if let [first, suffix] = ws.as_slice() {
            if !SUFFIXES.contains(suffix) {
                continue;
            }
            // "Abdullah II", "Elizabeth II": a regnal number names a monarch by one name, never
            // a surname with a generational suffix; listed like any one-word name.
            if REGNAL.contains(suffix) {
                for (form, n) in &c.forms {
                    if cue("person", form) * 4 < *n {
                        out.hidden.insert(form.to_string());
                    }
                }
                continue;
            }
            // "Biden Jr.": a surname and suffix, when no first name fits.
            let fits = |at: usize| {
                let mut with = clusters.iter().filter(move |o| {
                    std::iter::once(&o.key).chain(&o.merged).any(|k| {
                        let k = identity::without_initials(k);
                        let ow: Vec<&str> = k.split(' ').collect();
                        ow.len() == 3 && ow[at] == *first && ow[2] == *suffix
                    })
                });
                match (with.next(), with.next()) {
                    (Some(one), None) => Some(one),
                    _ => None,
                }
            };
            // Else a surname alone with its suffix ("Biden Jr." beside "Joe Biden"): the
            // dominant person with that surname; unresolved, it is a one-word name and not
            // listed.
            let resolved = fits(0)
                .or_else(|| fits(1))
                .or_else(|| match pick(first, true) {
                    Some(Ok(i)) => Some(&clusters[i]),
                    _ => None,
                });
            for (form, _) in &c.forms {
                match resolved {
                    Some(one) => {
                        out.map.insert(form.to_string(), one.display().to_string());
                    }
                    None => {
                        out.hidden.insert(form.to_string());
                    }
                }
            }
        }
    }
    let articles: HashMap<&str, u64> = people.names.iter().map(|(n, c)| (n.as_str(), *c)).collect();
    for name in singles {
        // The name without its honorific ("Mrs. Bush" → "bush"), whose sex it keeps.
        let w = identity::person_key(name).unwrap_or_default();
        let sex = gender::of_mention(name, 0, name.len());
        let plural = w.strip_suffix('s').filter(|stem| stem.len() > 2);
        // "Clintons" is a family, not one of them: not listed, not resolved.
        if pick(&w, true).is_none() && plural.is_some_and(|stem| pick(stem, true).is_some()) {
            out.hidden.insert(name.to_string());
            continue;
        }
        // A first name alone ("Bernie"), whether or not the first-name table knows it.
        let by_first = || pick_sexed(&w, false, sex);
        let n = articles.get(name).copied().unwrap_or(0);
        match pick_sexed(&w, true, sex).or_else(by_first) {
            // A word the first-name table knows, alone in more than twice as many articles as
            // the person's full name ("Charles" beside one "Ray Charles", "Michael" beside one
            // "John Michael"), is mostly other people's first name: nobody's.
            Some(Ok(i)) if gender::is_first_name(&w) && clusters[i].total * 2 < n => {
                out.hidden.insert(name.to_string());
            }
            Some(Ok(i)) => {
                out.map
                    .insert(name.to_string(), clusters[i].display().to_string());
            }
            Some(Err(several)) => {
                out.hidden.insert(name.to_string());
                out.ambiguous.entry(w).or_insert_with(|| {
                    several
                        .iter()
                        .map(|&i| clusters[i].display().to_string())
                        .collect()
                });
            }
            // A name of its own ("Madonna", "Mr. Ban"), when its articles treat it as a person.
            None => {
                if cue("person", name) * 4 < n {
                    out.hidden.insert(name.to_string());
                }
            }
        }
    }
    // Every surname several people share, without one dominant, is ambiguous as a filter value
    // even where it is never written alone.
    let surnames: BTreeSet<&str> = clusters.iter().map(Cluster::surname).collect();
    for w in surnames {
        if let Some(Err(several)) = pick(w, true) {
            out.ambiguous.entry(w.to_string()).or_insert_with(|| {
                several
                    .iter()
                    .map(|&i| clusters[i].display().to_string())
                    .collect()
            });
        }
    }
    // Nicknames: an alias where an article used one for a person it named, most often.
    for (nick, _, _) in nicknames {
        let evidence = people
            .aliases
            .iter()
            .filter(|(canonical, alias, _)| alias == nick && canonical != nick)
            .filter_map(|(canonical, _, n)| {
                let key = given_names::formal_key(&identity::person_key(canonical)?);
                let i = by_key.get(key.as_str())?;
                Some((*i, *n))
            })
            .max_by_key(|&(_, n)| n);
        match evidence {
            Some((i, _)) => {
                out.map
                    .insert(nick.to_string(), clusters[i].display().to_string());
            }
            None => {
                out.hidden.insert(nick.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
