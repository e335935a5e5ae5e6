//! Name forms beyond "Given Surname": a speaker's short form made the fullest name the article
//! gives when that name holds it as a *part* rather than as its last word — a family name
//! written first ("Wang" → "Wang Yi", "Kwon" → "Kwon Young-se"), a double surname ("Chaves" or
//! "Rodrigo Chaves" → "Rodrigo Chaves Robles"), a surname of several words ("Al Baker" →
//! "Akbar Al Baker", "Fernández de Kirchner" → "Cristina Fernández de Kirchner"), an English
//! name before a Chinese one ("Donald Li" → "Donald Li Kwok-tung") and a Mongolian initial
//! ("Ankhbayar" → "D.Ankhbayar").
//!
//! The "Given Surname" forms stay where they were (`names::fullest_form`,
//! `names::written_fuller`, `resolve::fuller_name`): this runs after them, and leaves alone a
//! word that some person's name *ends* with, as those decide it. Precision first, as everywhere
//! a person is named: when two people's names hold the part ("Jung" in "Jung Eugene" and "Jung
//! Hae-in"), the short form stays — no guess between two people.

use super::*;

/// The one person named near the quote whose name holds `name` as a run of its words and adds
/// only name words, when `name` is not that name's plain "Given Surname" tail (see the module
/// doc). `entities` are those near the quote; `clash` says a name is of the other sex than the
/// mention. A name first written after the short form was already in use is no candidate
/// (news gives the full name first). None when no name or two different people's names hold it.
pub(super) fn holding_name(
    text: &str,
    entities: &[Entity],
    name: &str,
    clash: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let mine = name_words(name);
    let lone = mine.len() == 1;
    // A lone word must look like a name: capitalised, not an acronym or an initial.
    if mine.is_empty()
        || (lone
            && (!is_cap(mine[0])
                || mine[0].chars().count() < 2
                || mine[0].chars().all(|c| !c.is_lowercase())))
    {
        return None;
    }
    // News names a person in full before it shortens the name: a name first written after the
    // short form was already in use ("Seo's writing team, Seo Ssi Nae", where "Seo" already
    // named the singer) is not what the short form stands for.
    let first_use = entities
        .iter()
        .find(|e| e.label == Label::Per && same_folded(&e.canonical, name))
        .map(|e| e.start);
    let mut found: Vec<&str> = Vec::new();
    for e in entities.iter().filter(|e| e.label == Label::Per) {
        if first_use.is_some_and(|at| e.start > at) {
            // `entities` are in text order: every later name was written after it too.
            break;
        }
        let c = e.canonical.as_str();
        // A fuller name is longer: most mentions near a quote are the same short form, and
        // this check costs nothing (a run of quotes about one person reads every mention of
        // the look-up window at each quote).
        if c.len() <= name.len() {
            continue;
        }
        let theirs = name_words(c);
        let Some(at) = run_at(&theirs, &mine) else {
            continue;
        };
        let end = at + mine.len();
        let dotted = lone && dotted_part(theirs[at], mine[0]);
        if theirs.len() <= mine.len() && !dotted {
            continue;
        }
        let tail_only_suffixes = theirs[end..].iter().all(|w| is_suffix(w));
        // A lone word that ends someone's name is the "Given Surname" readers' to decide
        // (they leave "Clinton" alone between Bill and Hillary): nothing is guessed here.
        if lone && tail_only_suffixes && !dotted {
            return None;
        }
        // Only a generational suffix added ("Donald Trump" → "Donald Trump Jr.") is another
        // person of that name, not a fuller form.
        if at == 0 && tail_only_suffixes && !dotted {
            continue;
        }
        // Every added word a name word, a particle or an initial; no title or role ("House
        // Speaker Paul Ryan" is no fuller name of "Paul Ryan"), and no institution's head noun
        // ("Bola Tinubu Colloquium", an event the tagger read as a person).
        // A word the article also writes in lower case is a common noun ("Michelle McLean
        // Children", from "the Michelle McLean Children's Trust"), not a name.
        let mut added = theirs[..at].iter().chain(&theirs[end..]);
        let names_only = added.all(|w| {
            is_part_word(w)
                && !is_honorific(w)
                && (is_particle(&w.to_lowercase()) || !written_lowercase(text, w))
        }) && !theirs.last().is_some_and(|w| is_institution_noun(w))
            && !theirs[end..].iter().any(|w| is_headline_word(w));
        if !names_only || clash(c) {
            continue;
        }
        if !found.contains(&c) {
            found.push(c);
        }
    }
    // Forms of one person ("Wang Yi" and "Wang Yi Jr.") are one answer: the longest, when it
    // holds every word of the others.
    let longest = found.iter().copied().max_by_key(|c| name_words(c).len())?;
    let all = name_words(longest);
    found
        .iter()
        .all(|c| name_words(c).iter().all(|w| all.contains(w)))
        .then(|| longest.to_string())
}

/// Where `mine` stands in `theirs` as a run of words (apostrophes and case folded); a lone
/// word also matches a Mongolian initial form ("Ankhbayar" in "D.Ankhbayar").
fn run_at(theirs: &[&str], mine: &[&str]) -> Option<usize> {
    if mine.len() == 1 {
        if let Some(i) = theirs.iter().position(|t| dotted_part(t, mine[0])) {
            return Some(i);
        }
    }
    (0..theirs.len().checked_sub(mine.len())? + 1).find(|&i| {
        theirs[i..i + mine.len()]
            .iter()
            .zip(mine)
            .all(|(t, m)| same_folded(t, m))
    })
}

/// Whether `word` is `part` behind a one- or two-letter initial and a dot ("D.Ankhbayar",
/// "G.Zandanshatar"), the Mongolian way of writing a patronymic initial.
fn dotted_part(word: &str, part: &str) -> bool {
    word.split_once('.').is_some_and(|(init, rest)| {
        (1..=2).contains(&init.chars().count())
            && is_cap(init)
            && init.chars().all(char::is_alphabetic)
            && rest.chars().count() > 1
            && rest.chars().all(|c| c.is_alphabetic() || c == '-')
            && same_folded(rest, part)
    })
}

/// Honorifics written before a name that `is_title` does not know, from Malaysia, Cambodia and
/// Thailand ("Tan Sri", "Datuk Seri", "Samdech Techo", "Khunying"): no part of the name.
fn is_honorific(w: &str) -> bool {
    matches!(
        w.trim_end_matches(['.', '\'', '’']),
        "Datuk" | "Dato" | "Datin" | "Seri" | "Sri" | "Tun" | "Samdech" | "Techo" | "Khunying"
    )
}

/// Whether `w` (capitalised) is written in lower case somewhere in the article's first
/// [`LOOKUP_WINDOW`] bytes, as a whole word.
pub(super) fn written_lowercase(text: &str, w: &str) -> bool {
    let low = w.to_lowercase();
    if low == w || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
        return false;
    }
    let hay = text.get(..window_end(text, LOOKUP_WINDOW)).unwrap_or("");
    memchr::memmem::find_iter(hay.as_bytes(), low.as_bytes()).any(|at| {
        let before = hay.get(..at).and_then(|b| b.chars().next_back());
        let after = hay.get(at + low.len()..).and_then(|r| r.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Whether a word after a name is a common word a headline capitalised ("Donald Trump Calls",
/// "Ada Byron Show", a tagger's person span run on): the NER lexicon's casing profile says
/// unlabelled news seldom capitalises it inside a sentence (buckets 1 and 2, the cut
/// `ner/non_names.rs` uses), and it is no first name the table knows. A word the lexicon does
/// not hold is not judged ("Kwok-tung", "Quesada").
fn is_headline_word(w: &str) -> bool {
    let lex = crate::enrich::ner::lexicon::Lexicon::embedded();
    matches!(lex.case_bucket(w), 1 | 2)
        && !gender::is_first_name(w)
        && !is_suffix(w)
        && !is_particle(&w.to_lowercase())
}

/// Generational suffixes after a surname ("Joseph R. Biden Jr."): no name part.
fn is_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches([',', '.']),
        "Jr" | "Sr" | "II" | "III" | "IV"
    )
}

/// A word that can be added to a name: a name word ("Akbar", "Kwok-tung"), an initial
/// ("D.", "R."), or a lowercase particle of a surname ("de", "bin", "van der").
fn is_part_word(w: &str) -> bool {
    // An initial with its dot, or without one as the Indian press writes them ("B Z Zameer
    // Ahmed Khan", "H D Deve Gowda").
    let initial = (w.chars().count() == 2 && w.ends_with('.') && is_cap(w))
        || (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()));
    is_name_word(w) || initial || is_suffix(w) || is_particle(w)
}

/// Lowercase particles inside surnames: Spanish and Portuguese "de", "del", "da", "dos", "y";
/// Dutch and German "van", "der", "von"; Arabic "bin", "ibn", "al", "el"; French "le", "du".
pub(super) fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "la"
            | "las"
            | "los"
            | "da"
            | "das"
            | "do"
            | "dos"
            | "di"
            | "du"
            | "le"
            | "y"
            | "e"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ter"
            | "bin"
            | "bint"
            | "ibn"
            | "al"
            | "el"
            | "abu"
    )
}

/// Head nouns of what is named after a person but is not one (an event, a place, a body): a
/// name ending in one is no fuller form of that person.
fn is_institution_noun(w: &str) -> bool {
    matches!(
        w,
        "Colloquium"
            | "Foundation"
            | "Institute"
            | "Centre"
            | "Center"
            | "Award"
            | "Awards"
            | "Prize"
            | "Stadium"
            | "Street"
            | "Road"
            | "Avenue"
            | "Hall"
            | "Park"
            | "Airport"
            | "University"
            | "School"
            | "College"
            | "Hospital"
            | "Cup"
            | "Trophy"
            | "Lecture"
            | "Memorial"
            | "Bridge"
            | "Square"
            | "Act"
            | "Fund"
            | "Trust"
            | "Museum"
            | "Library"
            | "Hotel"
            | "Scholarship"
            | "Programme"
            | "Program"
            | "Day"
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ent, speakers};
    use super::*;
    use crate::article::Field;

    fn per(t: &str, name: &str) -> Entity {
        ent(t, name, Label::Per, name)
    }

    fn held(t: &str, ents: &[Entity], name: &str) -> Option<String> {
        holding_name(t, ents, name, &|_| false)
    }

    #[test]
    fn a_family_name_written_first_is_the_whole_name() {
        let t = "Foreign minister Tan Mei-ling met Oyun Bat. Later Tan spoke.";
        let ents = [per(t, "Tan Mei-ling"), per(t, "Oyun Bat")];
        assert_eq!(held(t, &ents, "Tan").as_deref(), Some("Tan Mei-ling"));
        // The word that ends a name is the "Given Surname" readers' call, not this one's.
        assert_eq!(held(t, &ents, "Bat"), None);
        // A word no name holds, an acronym, an initial: nothing.
        assert_eq!(held(t, &ents, "Lee"), None);
        assert_eq!(held(t, &ents, "TAN"), None);
    }

    #[test]
    fn two_people_holding_the_part_leave_it_as_written() {
        let t = "Seo Ha-na and her brother Seo Jun-ho spoke.";
        let ents = [per(t, "Seo Ha-na"), per(t, "Seo Jun-ho")];
        assert_eq!(held(t, &ents, "Seo"), None);
        // Two forms of one person are one answer, the longest.
        let u = "Wang Lin, later Wang Lin Jr. in the records, spoke.";
        let one = [per(u, "Wang Lin"), per(u, "Wang Lin Jr.")];
        assert_eq!(held(u, &one, "Wang").as_deref(), Some("Wang Lin Jr."));
        // Of the other sex than the mention: another person.
        assert_eq!(holding_name(u, &one, "Wang", &|_| true), None);
    }

    #[test]
    fn initials_without_dots_are_parts_of_the_name() {
        let t = "Legislator K R Vimal Nathan Rao spoke. Later Vimal said more.";
        let ents = [per(t, "K R Vimal Nathan Rao")];
        assert_eq!(
            held(t, &ents, "Vimal").as_deref(),
            Some("K R Vimal Nathan Rao")
        );
    }

    #[test]
    fn a_name_first_written_after_the_short_form_is_another_one() {
        // The short form is in use before the group's name appears: it is the singer's.
        let t = "Singer Han Bo-ra is back. Han's band, Han Da Ul, wrote it. Han said so.";
        let short = |t: &str, at: &str| Entity {
            start: t.find(at).unwrap(),
            end: t.find(at).unwrap() + 3,
            ..ent(t, "Han", Label::Per, "Han")
        };
        let ents = [per(t, "Han Bo-ra"), short(t, "Han's"), per(t, "Han Da Ul")];
        assert_eq!(held(t, &ents, "Han").as_deref(), Some("Han Bo-ra"));
        // Written only after the short form, a lone holder is not taken either.
        let u = "Han spoke first. Then Han Da Ul, a band, played.";
        let late = [short(u, "Han spoke"), per(u, "Han Da Ul")];
        assert_eq!(held(u, &late, "Han"), None);
        // Without the short form among the names, both holders stand: no guess.
        assert_eq!(held(t, &[ents[0].clone(), ents[2].clone()], "Han"), None);
    }

    #[test]
    fn double_surnames_and_particles_keep_every_part() {
        let t = "Ana Ruiz Soto, Omar bin Khalid, Ines Duarte de Melo and Aziz Al Kuwari met.";
        let ents = [
            per(t, "Ana Ruiz Soto"),
            per(t, "Omar bin Khalid"),
            per(t, "Ines Duarte de Melo"),
            per(t, "Aziz Al Kuwari"),
        ];
        assert_eq!(held(t, &ents, "Ruiz").as_deref(), Some("Ana Ruiz Soto"));
        assert_eq!(held(t, &ents, "Ana Ruiz").as_deref(), Some("Ana Ruiz Soto"));
        assert_eq!(
            held(t, &ents, "bin Khalid").as_deref(),
            Some("Omar bin Khalid")
        );
        assert_eq!(
            held(t, &ents, "Duarte de Melo").as_deref(),
            Some("Ines Duarte de Melo")
        );
        assert_eq!(
            held(t, &ents, "Al Kuwari").as_deref(),
            Some("Aziz Al Kuwari")
        );
        // A first name alone is held too, when one person has it.
        assert_eq!(held(t, &ents, "Omar").as_deref(), Some("Omar bin Khalid"));
    }

    #[test]
    fn a_headline_word_run_onto_a_name_is_no_part_of_it() {
        let t = "Ada Byron Calls For Calm\n\nAda Byron spoke on the Tom Lee Show.";
        let ents = [per(t, "Ada Byron Calls"), per(t, "Tom Lee Show")];
        assert_eq!(held(t, &ents, "Ada Byron"), None);
        assert_eq!(held(t, &ents, "Tom Lee"), None);
        assert!(is_headline_word("Calls") && is_headline_word("Show"));
        assert!(!is_headline_word("Robles") && !is_headline_word("Kwok-tung"));
    }

    #[test]
    fn an_initial_glued_to_a_mongolian_name_is_part_of_it() {
        let t = "Minister B.Tuvshin spoke. Tuvshin added more.";
        let ents = [per(t, "B.Tuvshin")];
        assert_eq!(held(t, &ents, "Tuvshin").as_deref(), Some("B.Tuvshin"));
        assert!(dotted_part("B.Tuvshin", "Tuvshin"));
        assert!(!dotted_part("U.S.", "S."));
        assert!(!dotted_part("Tuvshin", "Tuvshin"));
    }

    #[test]
    fn a_role_or_an_institution_is_no_fuller_name() {
        let t = "Deputy Minister Lo Pei spoke at the Ade Bello Colloquium.";
        let ents = [
            per(t, "Deputy Minister Lo Pei"),
            per(t, "Ade Bello Colloquium"),
        ];
        assert_eq!(held(t, &ents, "Lo"), None);
        assert_eq!(held(t, &ents, "Ade Bello"), None);
        // Honorifics are no name; a word the article writes in lower case is a common noun.
        let u = "Datuk Seri Ong Ka Ting and the Ada Byron Children's Trust spoke. Our children.";
        let ents = [
            per(u, "Datuk Seri Ong Ka Ting"),
            per(u, "Ada Byron Children"),
        ];
        assert_eq!(held(u, &ents, "Ong Ka Ting"), None);
        assert_eq!(held(u, &ents, "Ada Byron"), None);
        assert!(written_lowercase(u, "Children"));
        assert!(!written_lowercase(u, "Trust"));
    }

    #[test]
    fn a_later_family_name_speaks_as_the_whole_name() {
        let t = "The envoy Tan Mei-ling arrived on Monday.\n\n\
                 “We came to listen,” Tan said.";
        let at = t.rfind("Tan").unwrap();
        let ents = [
            per(t, "Tan Mei-ling"),
            Entity {
                text: "Tan".into(),
                label: Label::Per,
                field: Field::Body,
                start: at,
                end: at + 3,
                canonical: "Tan".into(),
            },
        ];
        assert_eq!(speakers(t, &ents), [Some("Tan Mei-ling".to_string())]);
    }
}
