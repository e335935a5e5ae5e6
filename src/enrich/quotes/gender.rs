//! The grammatical gender of a person, so that "he" and "she" resolve only to a person they can
//! stand for. Evidence, strongest first: the article's own words about that person — an
//! honorific ("Mr. Graham", "Ms. Byron") or a pronoun right after a reporting verb whose subject
//! the person is ("Graham said he…") — then the first name, from a table of US first names that
//! go to one sex at least 95% of the time (`data/first_names.txt`, built by
//! `scripts/first-names` from Social Security baby-name counts). Unknown is an answer: a person
//! whose gender nothing shows stays a candidate for either pronoun.

use crate::article::{Entity, Label};

use super::cues::{is_cue_verb, is_title, lower};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Sorted by name (bytes), one `name<TAB>m|f` a line: looked up by binary search over the text
/// itself, so nothing is built at start-up (a hash map of the 14,000 names cost 11 million
/// instructions a process, 1% of extracting 500 articles).
static FIRST_NAMES_TXT: &str = include_str!("data/first_names.txt");

/// The line of `FIRST_NAMES_TXT` for `name` (lowercase), if any.
fn first_name_line(name: &str) -> Option<&'static str> {
    let t = FIRST_NAMES_TXT;
    let (mut lo, mut hi) = (0, t.len());
    // Invariant: the line sought, if present, starts in `lo..hi`, and `lo` starts a line.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        // memchr's SIMD searches: a look-up takes about fourteen steps.
        let b = t.as_bytes();
        let start = memchr::memrchr(b'\n', b.get(..mid)?)
            .map_or(0, |i| i + 1)
            .max(lo);
        let end = memchr::memchr(b'\n', b.get(start..)?).map_or(t.len(), |i| start + i);
        let line = t.get(start..end)?;
        let key = memchr::memchr(b'\t', line.as_bytes())
            .and_then(|i| line.get(..i))
            .unwrap_or(line);
        match key.cmp(name) {
            std::cmp::Ordering::Equal => return Some(line),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

fn first_name_gender(name: &str) -> Option<Gender> {
    match first_name_line(name)?.split_once('\t')?.1 {
        "m" => Some(Gender::Male),
        "f" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender a personal pronoun refers to; None for the others ("they", "it", "who").
pub fn of_pronoun(p: &str) -> Option<Gender> {
    match lower(p, &mut [0; 32]) {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// The gender of a first name as written ("Hillary"), when the table knows it.
fn of_first_name(w: &str) -> Option<Gender> {
    if w.len() > 20 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    first_name_gender(lower(w, &mut [0; 32]))
}

/// Whether a word is a first name the table knows ("Hillary", "Sean"), in any case. Names used
/// by both sexes are not in the table, so "no" means "not known to be a first name".
pub fn is_first_name(w: &str) -> bool {
    of_first_name(w).is_some()
}

/// The gender of a name as written or canonical ("Sen. Hillary Clinton"): its first name's,
/// after any titles. A lone surname tells nothing.
pub fn of_name(name: &str) -> Option<Gender> {
    let mut parts = name.split_whitespace().skip_while(|w| is_title(w));
    let first = parts.next()?;
    parts.next()?;
    of_first_name(first)
}

/// The gender of person `e`, from the article's words about every mention of the same person in
/// `entities` (honorifics, "X said he"), else from the first name of its canonical name — but
/// a mention written with a first name, whose surname another person of `entities` shares, only
/// from itself ([`of_own_mention`]).
pub fn of_person(text: &str, entities: &[Entity], e: &Entity) -> Option<Gender> {
    if e.label != Label::Per {
        return None;
    }
    if has_first_word(&e.text)
        && entities.iter().any(|m| {
            m.label == Label::Per
                && m.canonical != e.canonical
                && shares_surname(&e.canonical, &m.canonical)
        })
    {
        return of_own_mention(text, e);
    }
    let (mut male, mut female) = (0u32, 0u32);
    for m in entities
        .iter()
        .filter(|m| m.label == Label::Per && m.canonical == e.canonical)
    {
        match said_of(text, m) {
            Some(Gender::Male) => male += 1,
            Some(Gender::Female) => female += 1,
            None => {}
        }
    }
    of_counts(male, female, &e.canonical)
}

/// The gender one mention shows of itself: its honorific or "X said he" ([`said_of`]), else the
/// first name it is written with. What a person's gender is where two people share a surname:
/// the canonicaliser may merge the bare-surname mentions of one into the other ("Trump" said of
/// her father, canonical "Ivanka Trump"), and counting what those say ("Trump said he") made
/// "Ivanka Trump" a man, so the "she" after her went to the person quoted before her. Elsewhere
/// the counts stand, as they rightly outweigh a first name the table gives to the other sex
/// ("Lindsey Graham … Mr. Graham").
pub fn of_own_mention(text: &str, e: &Entity) -> Option<Gender> {
    said_of(text, e).or_else(|| of_name(&e.text))
}

/// Whether a mention is written with more than a surname ("Ivanka Trump", not "Trump" or "Mr.
/// Trump"): only such a mention tells one person of a shared surname from another. A bare
/// surname keeps the counts over its canonical name, which are all it has.
pub fn has_first_word(mention: &str) -> bool {
    mention
        .split_whitespace()
        .filter(|w| !is_title(w))
        .nth(1)
        .is_some()
}

/// Whether `other` is another name with the surname of `name`: a name of two words or more
/// ending in the same word (case aside), or that word alone, as written.
pub fn shares_surname(name: &str, other: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or("");
    match other.rsplit_once(' ') {
        Some((_, l)) => l.eq_ignore_ascii_case(last),
        None => other == last,
    }
}

/// What the article's words at one mention say of the person's sex: an honorific before it, or
/// "X said he" after it.
pub fn said_of(text: &str, m: &Entity) -> Option<Gender> {
    honorific_before(text, m.start).or_else(|| pronoun_after_cue(text, m.end))
}

/// A person's gender from how many mentions say male and female ([`said_of`]), else from the
/// first name of `canonical`.
pub fn of_counts(male: u32, female: u32, canonical: &str) -> Option<Gender> {
    match male.cmp(&female) {
        std::cmp::Ordering::Greater => Some(Gender::Male),
        std::cmp::Ordering::Less => Some(Gender::Female),
        std::cmp::Ordering::Equal => of_name(canonical),
    }
}

/// The gender a mention at `start..end` says of itself: its own honorific ("Mr. Obama"), the
/// one just before it, or its pronoun ("she").
pub fn of_mention(text: &str, start: usize, end: usize) -> Option<Gender> {
    let m = text.get(start..end)?;
    let first = m.split_whitespace().next()?;
    of_pronoun(first)
        .or_else(|| match first.trim_end_matches('.') {
            "Mr" => Some(Gender::Male),
            "Mrs" | "Ms" | "Miss" => Some(Gender::Female),
            _ => None,
        })
        .or_else(|| honorific_before(text, start))
}

/// The sex a description's own nouns say ("the New York businessman", "the congresswoman"):
/// None when none of its words carries one.
pub fn of_description<'a>(words: impl Iterator<Item = &'a str>) -> Option<Gender> {
    words
        .filter_map(|w| match lower(w, &mut [0; 32]) {
            "man" | "businessman" | "congressman" | "chairman" | "father" | "husband" | "son"
            | "brother" | "actor" | "king" => Some(Gender::Male),
            "woman" | "businesswoman" | "congresswoman" | "chairwoman" | "mother" | "wife"
            | "daughter" | "sister" | "actress" | "queen" | "lady" => Some(Gender::Female),
            _ => None,
        })
        .next()
}

/// "Mr. Graham", "Ms Byron": the honorific just before a mention starting at `at`.
fn honorific_before(text: &str, at: usize) -> Option<Gender> {
    let before = text.get(..at)?.trim_end();
    let word = before
        .rsplit([' ', '\n', '(', '“', '"'])
        .next()?
        .trim_end_matches('.');
    match word {
        "Mr" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" => Some(Gender::Female),
        _ => None,
    }
}

/// "Graham said he…": a reporting verb right after the mention ending at `at`, then a pronoun.
fn pronoun_after_cue(text: &str, at: usize) -> Option<Gender> {
    let mut end = at.saturating_add(40).min(text.len());
    while end > at && !text.is_char_boundary(end) {
        end -= 1;
    }
    let rest = text.get(at..end)?;
    let mut ws = rest.split_whitespace();
    let verb = ws.next()?;
    let pron = ws.next()?.trim_end_matches([',', '.']);
    if rest.starts_with(' ') && is_cue_verb(verb) {
        of_pronoun(pron)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Field;

    fn per(text: &str, needle: &str, canonical: &str, nth: usize) -> Entity {
        let start = text.match_indices(needle).nth(nth).unwrap().0;
        Entity {
            text: needle.into(),
            label: Label::Per,
            field: Field::Body,
            start,
            end: start + needle.len(),
            canonical: canonical.into(),
        }
    }

    #[test]
    fn every_listed_first_name_is_found_and_nothing_else() {
        // The binary search relies on the file's order; every line must be reachable.
        let lines: Vec<(&str, &str)> = FIRST_NAMES_TXT
            .lines()
            .map(|l| l.split_once('\t').unwrap())
            .collect();
        assert!(lines.windows(2).all(|w| w[0].0 < w[1].0));
        for &(name, g) in &lines {
            let want = if g == "m" {
                Gender::Male
            } else {
                Gender::Female
            };
            assert_eq!(first_name_gender(name), Some(want), "{name}");
            // A name cut short or lengthened is another name, found only if listed.
            for other in [&name[..name.len() - 1], &format!("{name}q")] {
                let listed = lines.binary_search_by(|l| l.0.cmp(other)).is_ok();
                assert_eq!(first_name_gender(other).is_some(), listed, "{other}");
            }
        }
        assert_eq!(first_name_gender(""), None);
        assert_eq!(first_name_gender("zzzzzz"), None);
        assert_eq!(first_name_gender("a"), None);
    }

    #[test]
    fn a_first_name_tells_the_gender_when_one_sex_dominates() {
        assert_eq!(of_name("Hillary Clinton"), Some(Gender::Female));
        assert_eq!(of_name("Sen. Donald Byron"), Some(Gender::Male));
        // Given to both sexes, or a surname alone: unknown.
        assert_eq!(of_name("Jordan Byron"), None);
        assert_eq!(of_name("Byron"), None);
    }

    #[test]
    fn the_article_own_words_outweigh_the_first_name() {
        let t = "Lindsey Byron spoke. Later Byron said he would stay. Mr. Byron left.";
        let ents = [
            per(t, "Lindsey Byron", "Lindsey Byron", 0),
            per(t, "Byron", "Lindsey Byron", 1),
            per(t, "Byron", "Lindsey Byron", 2),
        ];
        assert_eq!(of_person(t, &ents, &ents[0]), Some(Gender::Male));
        assert_eq!(of_person(t, &ents[..1], &ents[0]), Some(Gender::Female));
    }

    #[test]
    fn where_another_person_shares_the_surname_only_the_mention_itself_tells() {
        // The bare "Byron" mentions are Tom's, merged into Ada's name by the canonicaliser.
        let t = "Tom Byron spoke. Byron said he would stay. Later Ada Byron wrote an essay.";
        let mut ents = vec![
            per(t, "Tom Byron", "Tom Byron", 0),
            per(t, "Byron", "Ada Byron", 1),
            per(t, "Ada Byron", "Ada Byron", 0),
        ];
        assert_eq!(of_person(t, &ents, &ents[2]), Some(Gender::Female));
        // The bare mention by what it says itself.
        assert_eq!(of_person(t, &ents, &ents[1]), Some(Gender::Male));
        // A first name the table does not know: unknown, whatever the merged mentions say.
        let u = "Tom Byron spoke. Byron said he would stay. Later Zyx Byron wrote an essay.";
        let shared = [
            per(u, "Tom Byron", "Tom Byron", 0),
            per(u, "Byron", "Zyx Byron", 1),
            per(u, "Zyx Byron", "Zyx Byron", 0),
        ];
        assert_eq!(of_person(u, &shared, &shared[2]), None);
        // Nobody else called Byron: the counts stand.
        ents.remove(0);
        assert_eq!(of_person(t, &ents, &ents[1]), Some(Gender::Male));
    }
}
