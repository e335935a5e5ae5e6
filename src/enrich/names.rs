//! Canonical names within one article, and the role phrases that introduce people.
//!
//! Given the article's entity mentions (from `ner`), [`canonicalize`] gives each mention the name
//! it stands for in this article:
//!
//! * people: surname-only, honorific and role variants map to the fullest name in the article
//!   ("Stoltenberg", "Mr Stoltenberg" → "Jens Stoltenberg"); when two full names share the
//!   surname, the more frequent one wins (ties: the first seen);
//! * case artefacts are repaired ("Donald trump" → "Donald Trump", "STOLTENBERG" →
//!   "Stoltenberg" when the article also writes it in mixed case);
//! * country variants unify through a small table ("US", "U.S.", "the United States" →
//!   "United States"; "UK", "Britain" → "United Kingdom");
//! * a leading article does not split an organisation ("The Guardian" and "Guardian" are one;
//!   the form with "The" is kept, since that is the outlet's name).
//!
//! [`roles`] finds the title phrase written directly before a person's name ("NATO Secretary
//! General Jens Stoltenberg" → role "NATO Secretary General" for "Jens Stoltenberg"), so that the
//! quotes module can resolve "said the NATO Secretary General" to a person.
//!
//! This module owns naming only; it never adds or removes mentions. Resolution across articles
//! (the archive's dominant full name, acronym expansions) belongs to the index.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::article::Label;
use crate::enrich::honorifics;
use crate::enrich::quotes::gender;
use crate::enrich::tokenize;
use crate::identity;

/// A mention as `names` needs it: its exact text and label.
#[derive(Debug, Clone, Copy)]
pub struct MentionText<'a> {
    pub text: &'a str,
    pub label: Label,
}

/// Words written before a name that are not part of it beyond the courtesy titles of
/// `honorifics` ("Professor Stoltenberg", "It Stoltenberg" in a machine translation). Compared
/// case-insensitively, with or without a trailing period.
const HONORIFICS: &[&str] = &[
    "professor",
    "president",
    "premier",
    "chancellor",
    "minister",
    "senator",
    "sen",
    "gov",
    "governor",
    "gen",
    "general",
    "secretary",
    "judge",
    "justice",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "it",
    "the",
    "he",
    "she",
    "but",
    "and",
    "while",
    "as",
    "earlier",
    "when",
    "then",
    "so",
];

/// Country (and a few organisation) variants → one name. Keys are lowercase, without a leading
/// "the" and with periods removed ("U.S." → "us").
const VARIANTS: &[(&str, &str)] = &[
    ("us", "United States"),
    ("usa", "United States"),
    ("united states", "United States"),
    ("united states of america", "United States"),
    ("uk", "United Kingdom"),
    ("united kingdom", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("great britain", "United Kingdom"),
    ("russian federation", "Russia"),
    ("un", "United Nations"),
    ("united nations", "United Nations"),
    ("eu", "European Union"),
    ("european union", "European Union"),
    ("uae", "United Arab Emirates"),
];

/// Last words of newspaper names that, alone, stand for the one paper of the article ending in
/// them ("the Times", "the Post"); lowercase.
const OUTLET_HEADS: &[&str] = &[
    "times",
    "post",
    "journal",
    "tribune",
    "herald",
    "telegraph",
    "globe",
    "gazette",
    "chronicle",
    "inquirer",
    "examiner",
];

/// Words that make a capitalised run before a name a role ("Secretary General", "Prime
/// Minister"); lowercase.
const ROLE_WORDS: &[&str] = &[
    "president",
    "vice",
    "secretary",
    "general",
    "minister",
    "prime",
    "foreign",
    "defence",
    "defense",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "executive",
    "leader",
    "senator",
    "governor",
    "ambassador",
    "commissioner",
    "head",
    "ceo",
    "coach",
    "manager",
    "captain",
    "judge",
    "mayor",
    "king",
    "queen",
    "pope",
    "prince",
    "press",
    "deputy",
    "envoy",
    "official",
    "representative",
    "speaker",
    "attorney",
    "candidate",
    "nominee",
    "founder",
    "editor",
    "analyst",
    "economist",
    "professor",
    "officer",
    "commander",
    "adviser",
    "advisor",
    "premier",
    "treasurer",
    "boss",
];

/// Words that may stand before a person's name in a tagged mention but are never part of it:
/// parties and party members, office and place nouns, and sentence words the tagger took in
/// ("Democrat Hillary Clinton", "Liberal MP", "Against Hillary Clinton"); lowercase, compared
/// case-insensitively.
const PREFIX_WORDS: &[&str] = &[
    "rep",
    "representative",
    "congresswoman",
    "assemblyman",
    "assemblywoman",
    "democrat",
    "democrats",
    "democratic",
    "republican",
    "republicans",
    "gop",
    "liberal",
    "conservative",
    "tory",
    "labour",
    "labor",
    "socialist",
    "libertarian",
    "progressive",
    "mp",
    "mep",
    "msp",
    "mla",
    "mpp",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilwoman",
    "lawmaker",
    "legislator",
    "sheriff",
    "detective",
    "constable",
    "inspector",
    "sergeant",
    "lieutenant",
    "colonel",
    "county",
    "district",
    "state",
    "city",
    "province",
    "former",
    "late",
    "acting",
    "interim",
    "incumbent",
    "against",
    "thank",
    "thanks",
    "by",
    "with",
    "from",
    "for",
    "to",
    "of",
    "in",
    "on",
    "at",
    "said",
    "says",
    "told",
    "asked",
    "via",
    "after",
    "before",
    "if",
    "where",
    "why",
    "how",
    "what",
    "who",
    "that",
    "this",
    "meanwhile",
    "however",
    "also",
    "dear",
    "including",
    "unlike",
    "like",
];

fn is_prefix_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    PREFIX_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

fn is_honorific(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(w)) || honorifics::is_honorific(w)
}

fn is_role_word(w: &str) -> bool {
    ROLE_WORDS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// A mention's words on whitespace (mentions are token spans, so these are their tokens with
/// the original spacing dropped), without what the tagger's span may have taken in after the
/// name: a colon or comma ("Nancy Cordes:" before a quote), a parenthesis ("John Mica (R-Fla").
///
/// A possessive is not part of the name ("Clinton's", "Clintons’" → "Clinton", "Clintons"), and
/// a word the tagger's span holds twice in a row is one word ("Matlow Matlow" → "Matlow").
fn words(text: &str) -> Vec<&str> {
    let mut ws: Vec<&str> = text
        .split_whitespace()
        .take_while(|w| !w.starts_with('('))
        .map(|w| w.trim_end_matches([':', ',', ';']))
        .map(strip_possessive)
        .filter(|w| !w.is_empty())
        .collect();
    if ws.is_empty() {
        return text.split_whitespace().collect();
    }
    ws.dedup_by(|b, a| a.eq_ignore_ascii_case(b));
    ws
}

/// "Clinton's" / "Clinton’s" → "Clinton"; "Clintons'" → "Clintons".
fn strip_possessive(w: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    w.trim_end_matches(['\'', '’'])
}

/// Fix case artefacts word by word: an all-lowercase word becomes capitalised ("trump" →
/// "Trump"); other words keep their case. Short function words inside names stay lowercase.
fn repair_case(word: &str) -> String {
    let inner = [
        "of", "the", "and", "de", "van", "von", "der", "la", "le", "du", "da", "al", "for", "in",
        "on",
    ];
    if word.chars().any(|c| c.is_uppercase()) || inner.contains(&word) {
        return word.to_string();
    }
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn join_repaired(ws: &[&str]) -> String {
    let mut out = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // The first word of a name is always capitalised, even "de" or "van".
        let r = repair_case(w);
        if i == 0
            && !r
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        {
            let mut c = r.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push_str(&r);
        }
    }
    out
}

/// The table key of a mention: lowercase, no leading "the", no periods, single spaces.
fn variant_key(text: &str) -> String {
    let l = tokenize::lowercase(text);
    let l = l.trim();
    let l = l.strip_prefix("the ").unwrap_or(l);
    let mut out = String::with_capacity(l.len());
    for w in l.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().filter(|&c| c != '.'));
    }
    out
}

/// Whether a word is written as a name would be: capitalised but not shouted, so it can serve
/// as the preferred spelling ("Stoltenberg" over "STOLTENBERG" or "stoltenberg").
fn well_cased(text: &str) -> bool {
    text.split_whitespace().all(|w| {
        tokenize::is_capitalized(w) || !w.chars().any(|c| c.is_alphabetic()) || w.len() <= 3
    }) && !(tokenize::is_all_caps(text) && text.chars().filter(|c| c.is_alphabetic()).count() > 5)
}

/// Canonical name for each mention, in order (see the module docs for the rules).
pub fn canonicalize(mentions: &[MentionText<'_>]) -> Vec<String> {
    // Per mention: its cleaned words (for people: titles, roles, parties and stray sentence
    // words before the name dropped).
    let mut cleaned: Vec<Vec<&str>> = mentions
        .iter()
        .map(|m| {
            let mut ws = words(m.text);
            if m.label == Label::Per {
                loop {
                    // A phrase of the world's honorifics ("Datuk Seri", "Tan Sri") goes whole.
                    let h = honorifics::leading(&ws);
                    if h > 0 && h < ws.len() {
                        ws.drain(..h);
                    } else if ws.len() > 1 && (is_honorific(ws[0]) || is_prefix_word(ws[0])) {
                        ws.remove(0);
                    } else {
                        break;
                    }
                }
            }
            if ws.len() > 1 && ws[0].eq_ignore_ascii_case("the") && m.label != Label::Org {
                ws.remove(0);
            }
            ws
        })
        .collect();
    // A longer run before a person's name ("Nova Scotia Liberal MP Sean Fraser", "Crooked
    // Hillary Clinton"): cut where the name begins, when the run shows a role, or the article
    // names the person without it.
    let person_names: FxHashSet<String> = mentions
        .iter()
        .zip(&cleaned)
        .filter(|(m, _)| m.label == Label::Per)
        .map(|(_, ws)| tokenize::lowercase(&ws.join(" ")))
        .collect();
    for (m, ws) in mentions.iter().zip(cleaned.iter_mut()) {
        if m.label == Label::Per {
            let from = name_start(ws, |rest| {
                person_names.contains(&tokenize::lowercase(&rest.join(" ")))
            });
            ws.drain(..from);
        }
    }
    let cleaned = cleaned;

    // Preferred spelling of each lowercase form in this article: the most frequent well-cased
    // one (ties: first seen), so "STOLTENBERG" or "trump" borrow the article's own spelling.
    let mut spelled: FxHashMap<String, (String, usize, usize)> = FxHashMap::default();
    for (i, ws) in cleaned.iter().enumerate() {
        for w in ws {
            if well_cased(w) && tokenize::is_capitalized(w) {
                let e = spelled
                    .entry(tokenize::lowercase(w))
                    .or_insert_with(|| (w.to_string(), 0, i));
                if e.0 == *w {
                    e.1 += 1;
                } else if tokenize::is_all_caps(&e.0) && !tokenize::is_all_caps(w) {
                    // The prose spelling beats a headline's or dateline's capitals: "Riga",
                    // not "RIGA".
                    *e = (w.to_string(), 1, i);
                }
            }
        }
    }
    let spell = |w: &str| -> String {
        match spelled.get(&tokenize::lowercase(w)) {
            Some((s, _, _)) => s.clone(),
            None => repair_case(w),
        }
    };
    let spell_all = |ws: &[&str]| -> String {
        let fixed: Vec<String> = ws.iter().map(|w| spell(w)).collect();
        let refs: Vec<&str> = fixed.iter().map(String::as_str).collect();
        join_repaired(&refs)
    };

    // People: full names (two or more words) grouped by identity (first and last name, see
    // `identity`), each group with its fullest form, its count and its first index.
    let mut people: Vec<FullName> = Vec::new();
    for (i, (m, ws)) in mentions.iter().zip(&cleaned).enumerate() {
        if m.label != Label::Per || ws.len() < 2 {
            continue;
        }
        let name = spell_all(ws);
        let Some(key) = identity::person_key(&name).filter(|k| k.contains(' ')) else {
            continue;
        };
        match people.iter_mut().find(|p| p.key == key) {
            Some(p) => {
                p.count += 1;
                // The fullest form the article gives: most words, then the first seen.
                if name.split(' ').count() > p.name.split(' ').count() {
                    p.name = name;
                }
            }
            None => people.push(FullName {
                surname: surname_of(ws),
                first: tokenize::lowercase(ws[0]),
                key,
                name,
                count: 1,
                first_seen: i,
                redirect: false,
            }),
        }
    }
    // A name written without middle initials ("Donald Trump") is the one person of the article
    // with those names and initials ("Donald J. Trump"); beside two ("George W. Bush", "George
    // H.W. Bush") it is neither.
    let joins: Vec<(usize, usize)> = (0..people.len())
        .filter(|&i| !identity::has_initials(&people[i].key))
        .filter_map(|i| {
            let mut with = (0..people.len()).filter(|&o| {
                identity::has_initials(&people[o].key)
                    && identity::without_initials(&people[o].key) == people[i].key
            });
            let one = with.next()?;
            with.next().is_none().then_some((i, one))
        })
        .collect();
    for (plain, one) in joins {
        people[plain].redirect = true;
        people[plain].name = people[one].name.clone();
        people[one].count += people[plain].count;
        people[one].first_seen = people[one].first_seen.min(people[plain].first_seen);
    }
    // A nickname before a first name ("Crooked Hillary") is the one person of the article with
    // that first name, when there is one: it redirects there and is no surname of its own.
    let nicknames: Vec<(usize, Option<String>)> = people
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !p.redirect && !gender::is_first_name(&p.first) && gender::is_first_name(&p.surname)
        })
        .map(|(i, p)| {
            let mut with = people
                .iter()
                .filter(|o| !o.redirect && o.first == p.surname && !std::ptr::eq(*o, p));
            let one = with.next().filter(|_| with.next().is_none());
            (i, one.map(|o| o.name.clone()))
        })
        .collect();
    for (i, name) in nicknames {
        if let Some(name) = name {
            people[i].redirect = true;
            people[i].name = name;
        }
    }
    let people = people;
    // An article that names someone by first name and suffix ("Donald Jr." beside "Donald
    // Trump Jr.") tells the son apart by it: its bare surname is someone else, never a suffixed
    // full name. A surname and suffix ("Biden Jr.") is no such sign: it is the same man.
    let suffix_apart = people.iter().any(|p| {
        let mut ws = p.key.split(' ');
        let (Some(w), Some(_), None) = (ws.next(), ws.next(), ws.next()) else {
            return false;
        };
        has_suffix(&p.key)
            && people
                .iter()
                .any(|o| o.first == w && o.key.split(' ').count() > 2)
    });
    // The most frequent of the people `pick` selects, then the fullest, then the first seen.
    let best = |pick: &dyn Fn(&FullName) -> bool| -> Option<&FullName> {
        people
            .iter()
            .filter(|p| !p.redirect && pick(p))
            .max_by(|a, b| {
                a.count
                    .cmp(&b.count)
                    .then(a.name.len().cmp(&b.name.len()))
                    .then(b.first_seen.cmp(&a.first_seen))
            })
    };
    // A lone first name ("Hillary", "Crooked Hillary") stands for the one person of the
    // article with that first name, when no one has it as a surname.
    let by_first_name = |w: &str| -> Option<&FullName> {
        // Only a known first name: "Obama" is no first name of "Obama Ran" (a headline's words).
        if !gender::is_first_name(w) {
            return None;
        }
        let w = tokenize::lowercase(w);
        if people.iter().any(|p| !p.redirect && p.surname == w) {
            return None;
        }
        let mut with = people.iter().filter(|p| !p.redirect && p.first == w);
        let one = with.next()?;
        with.next().is_none().then_some(one)
    };

    // Organisations: does any mention of the same key carry a leading "The"?
    let mut org_with_the: FxHashMap<String, String> = FxHashMap::default();
    for (m, ws) in mentions.iter().zip(&cleaned) {
        if m.label == Label::Org && ws.len() > 1 && ws[0].eq_ignore_ascii_case("the") {
            org_with_the
                .entry(variant_key(m.text))
                .or_insert_with(|| format!("The {}", spell_all(&ws[1..])));
        }
    }

    // A newspaper's last word alone ("the Times" after "The New York Times") is that paper,
    // when the article names exactly one organisation ending in it.
    let outlet_by_head = |w: &str| -> Option<String> {
        let head = tokenize::lowercase(w);
        if !OUTLET_HEADS.contains(&head.as_str()) {
            return None;
        }
        let mut found: Vec<String> = Vec::new();
        for (m, ws) in mentions.iter().zip(&cleaned) {
            let bare = match ws.first() {
                Some(f) if f.eq_ignore_ascii_case("the") => &ws[1..],
                _ => &ws[..],
            };
            if m.label == Label::Org
                && bare.len() > 1
                && bare.last().is_some_and(|l| tokenize::lowercase(l) == head)
            {
                let full = org_with_the
                    .get(&variant_key(&ws.join(" ")))
                    .cloned()
                    .unwrap_or_else(|| spell_all(ws));
                if !found.contains(&full) {
                    found.push(full);
                }
            }
        }
        (found.len() == 1).then(|| found.remove(0))
    };

    mentions
        .iter()
        .zip(&cleaned)
        .map(|(m, ws)| {
            if ws.is_empty() {
                return m.text.trim().to_string();
            }
            let key = variant_key(&ws.join(" "));
            if matches!(m.label, Label::Loc | Label::Org | Label::Misc) {
                if let Some((_, v)) = VARIANTS.iter().find(|(k, _)| *k == key) {
                    return (*v).to_string();
                }
            }
            match m.label {
                Label::Per => {
                    let own = spell_all(ws);
                    let surname = surname_of(ws);
                    let same =
                        identity::person_key(&own).and_then(|k| people.iter().find(|p| p.key == k));
                    // "Mrs. Bush" is no man's surname. Only the women's honorifics are read:
                    // "Mr. Graham" is Lindsey Graham, whose first name the first-name table
                    // gives to women, and men with such names are the commoner mismatch.
                    let honorific = words(m.text)
                        .first()
                        .and_then(|w| honorific_sex(w))
                        .filter(|s| *s == gender::Gender::Female);
                    let sex_fits = |p: &FullName| {
                        !honorific.is_some_and(|s| gender::of_name(&p.name).is_some_and(|g| g != s))
                    };
                    let by_surname = |p: &FullName| {
                        p.surname == surname && !(suffix_apart && has_suffix(&p.key))
                    };
                    let resolved = match ws.len() {
                        // Its own identity, spelled as fully as the article spells it.
                        _ if same.is_some() => same,
                        // A woman's surname that the article gives only to men (or to a son
                        // named apart): the honorific stays, so the archive keeps the sex too
                        // ("Mrs. Bush").
                        1 if honorific.is_some()
                            && !people
                                .iter()
                                .any(|p| !p.redirect && by_surname(p) && sex_fits(p))
                            && people.iter().any(|p| !p.redirect && p.surname == surname) =>
                        {
                            return format!("{} {own}", words(m.text)[0]);
                        }
                        // A surname: the most frequent full name ending in it ("Blair" is Tony
                        // Blair when he is named more than Cherie Blair); else a first name.
                        1 => best(&|p| by_surname(p) && sex_fits(p))
                            .or_else(|| by_first_name(ws[0]).filter(|p| sex_fits(p))),
                        // A nickname before a first name ("Crooked Hillary"), when the
                        // article names the person.
                        2 if !gender::is_first_name(ws[0])
                            && !people.iter().any(|p| !p.redirect && p.surname == surname) =>
                        {
                            by_first_name(ws[1])
                        }
                        // An initial for a first name ("J. Stoltenberg"); another first name
                        // is another person: "Cherie Blair" is not "Tony Blair".
                        _ => {
                            best(&|p| p.surname == surname).filter(|p| initials_fit(&own, &p.name))
                        }
                    };
                    resolved.map_or(own, |p| p.name.clone())
                }
                Label::Org => match ws.as_slice() {
                    [w] => outlet_by_head(w),
                    [the, w] if the.eq_ignore_ascii_case("the") => outlet_by_head(w),
                    _ => None,
                }
                .or_else(|| org_with_the.get(&key).cloned())
                .unwrap_or_else(|| spell_all(ws)),
                _ => spell_all(ws),
            }
        })
        .collect()
}

/// True when every word of `short` before its surname is a prefix (an initial, with or without
/// a dot) of the word at the same position in `full`.
fn initials_fit(short: &str, full: &str) -> bool {
    let (s, f): (Vec<&str>, Vec<&str>) = (short.split(' ').collect(), full.split(' ').collect());
    if s.len() > f.len() || s.len() < 2 {
        return false;
    }
    s[..s.len() - 1].iter().zip(&f).all(|(a, b)| {
        let a = a.trim_end_matches('.');
        !a.is_empty() && b.to_lowercase().starts_with(&a.to_lowercase())
    })
}

/// A full person name of the article and how often its identity is named.
struct FullName {
    /// `identity::person_key` of the name.
    key: String,
    /// The fullest form written.
    name: String,
    /// Lowercase last word (a suffix such as "Jr." skipped) and first word.
    surname: String,
    first: String,
    count: usize,
    first_seen: usize,
    /// A nickname ("Crooked Hillary") for the one person of the article with that first name,
    /// now its `name`: never a surname or first name to resolve others to.
    redirect: bool,
}

/// Whether a person key ends in a generational suffix ("donald trump jr").
fn has_suffix(key: &str) -> bool {
    key.rsplit(' ')
        .next()
        .is_some_and(|w| matches!(w, "jr" | "sr"))
}

/// The sex an honorific says ("Mrs." female, "Mr" male); None for any other word.
fn honorific_sex(w: &str) -> Option<gender::Gender> {
    match w.trim_end_matches('.').to_ascii_lowercase().as_str() {
        "mr" => Some(gender::Gender::Male),
        "mrs" | "ms" | "miss" => Some(gender::Gender::Female),
        _ => None,
    }
}

/// The lowercase surname of a person's words: the last word that is not a suffix ("Jr.").
fn surname_of(ws: &[&str]) -> String {
    let last = ws
        .iter()
        .rev()
        .find(|w| {
            !matches!(
                tokenize::lowercase(w.trim_end_matches('.')).as_str(),
                "jr" | "sr" | "ii" | "iii" | "iv"
            )
        })
        .or(ws.last())
        .copied()
        .unwrap_or("");
    // "O'Neill" and "O’Neill" are one surname: articles mix the two apostrophes.
    tokenize::lowercase(last).replace('’', "'")
}

/// Where a person's name begins in a mention of three or more words: after the run of words
/// that introduce it ("Nova Scotia Liberal MP Sean Fraser", "Barron County District Attorney
/// Brian Wright", "Crooked Hillary Clinton"). The cut is at the first known first name, when
/// the words before it hold a role, party or place noun, or the article also names the person
/// without them (`named`); else right after the last such word ("Barron" is a first name too).
/// At least two words are kept after the cut ("Mary Pope Osborne", "Martin Luther King Jr.").
fn name_start(ws: &[&str], named: impl Fn(&[&str]) -> bool) -> usize {
    if ws.len() < 3 {
        return 0;
    }
    let marker = |w: &&str| is_role_word(w) || is_prefix_word(w) || is_honorific(w);
    let first_name_at = (1..ws.len() - 1).find(|&i| gender::is_first_name(ws[i]));
    if let Some(i) = first_name_at.filter(|_| !gender::is_first_name(ws[0])) {
        if ws[..i].iter().any(marker) || named(&ws[i..]) {
            return i;
        }
    }
    match ws[..ws.len() - 2].iter().rposition(marker) {
        Some(j) => j + 1,
        None => 0,
    }
}

#[cfg(test)]
mod tests;
