//! Names for output: role phrases and titles stripped, a surname made full from the article
//! ("Stoltenberg" → "Jens Stoltenberg"), the fallback name for a mention the tagger missed.

use super::*;

pub(super) fn is_role_phrase(s: &str) -> bool {
    s.split_whitespace()
        .all(|w| is_role_noun(w) || is_title(w) || w.chars().all(|c| c.is_uppercase()))
}

/// Drop leading titles ("Sen. Ted Cruz" → "Ted Cruz") and a possessive tail.
pub(super) fn strip_titles(s: &str) -> String {
    let mut parts: Vec<&str> = s.split_whitespace().collect();
    while parts.len() > 1 && parts.first().is_some_and(|w| is_title(w)) {
        parts.remove(0);
    }
    let mut out = parts.join(" ");
    for suf in ["’s", "'s"] {
        if let Some(x) = out.strip_suffix(suf) {
            out = x.to_string();
        }
    }
    out
}

/// Whether `e` is a person whose canonical name ends with `surname`, in any case (a
/// transcript's "PENCE" is Mike Pence).
pub(super) fn has_surname(e: &Entity, surname: &str) -> bool {
    e.label == Label::Per
        && e.canonical
            .rsplit(' ')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(surname))
}

/// A name as written when entities do not cover it, expanded from a lone surname to the fuller
/// name written elsewhere in the article. Returns None for what does not look like a name.
pub(super) fn fallback_name(text: &str, mention: &str, entities: &[Entity]) -> Option<String> {
    let name = strip_titles(mention);
    if name.is_empty() {
        return None;
    }
    // A full name ending with this surname is checked before the role test, which takes
    // all-capital words for acronyms.
    if !name.contains(' ') {
        if let Some(e) = entities
            .iter()
            .find(|e| has_surname(e, &name) && e.canonical.contains(' '))
        {
            return Some(e.canonical.clone());
        }
    }
    // "according to CNN": an acronym alone names an organisation (the role test below reads
    // capitals as part of a title, "NATO Secretary General").
    let acronym = (2..=6).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_uppercase())
        && !is_title(&name)
        && !is_role_noun(&name)
        && name != "VP";
    if acronym {
        return Some(name);
    }
    if is_role_phrase(&name) || !determiner_names(&name) || is_description(&name) {
        return None;
    }
    if name.contains(' ') {
        return Some(name);
    }
    Some(expand_backward(text, &name).unwrap_or(name))
}

/// Whether `m`, one word the tagger left untagged, is only a common word whose capital is its
/// sentence's ("Research conducted by the commission revealed …", "Fears had been expressed
/// that …"): it opens its sentence, is no acronym and no known first name, and the article
/// never writes it capitalised inside a sentence nearby (a surname the tagger missed is, "said
/// Byron"), and it is not the subject of a cue ("Police said" is a group that speaks) nor a
/// plural. The subject sieves read such a word as a name and gave it as the speaker ("Multiple
/// outlets reported" gave "Multiple").
pub(super) fn capital_of_sentence_only(text: &str, m: Word) -> bool {
    let Some(w) = text.get(m.start..m.end) else {
        return false;
    };
    let opens = |at: usize| {
        let s = sentence_start_near(text, at);
        text.get(s..at)
            .is_some_and(|t| !t.chars().any(char::is_alphanumeric))
    };
    // "Police said", "Protesters chanted": a group that speaks is the subject of a cue.
    let next = words(text, m.end, window_end(text, m.end + 40))
        .into_iter()
        .find(|x| text.get(x.start..x.end).is_some_and(|t| !is_punct(t)))
        .and_then(|x| text.get(x.start..x.end))
        .unwrap_or("");
    // A plural ("Aides have suggested", "Protesters marching … chanted") is as often a group
    // that speaks, which PolNeAR names as the source, as a thing ("Fears had been …"): kept.
    if w.contains(char::is_whitespace)
        || w.ends_with('s')
        || is_cue_verb(next)
        || !is_cap(w)
        || w.chars().all(|c| !c.is_lowercase())
        || gender::is_first_name(w)
        || !opens(m.start)
    {
        return false;
    }
    let lo = window_start(text, m.start);
    let hay = text
        .get(lo..window_end(text, m.end + LOOKUP_WINDOW))
        .unwrap_or("");
    let whole = |at: usize| {
        let before = text.get(..at).and_then(|t| t.chars().next_back());
        let after = text.get(at + w.len()..).and_then(|t| t.chars().next());
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    };
    !memchr::memmem::find_iter(hay.as_bytes(), w.as_bytes())
        .map(|i| lo + i)
        .filter(|&at| at != m.start && whole(at))
        .take(WRITTEN_MENTIONS)
        .any(|at| !opens(at))
}

/// Whether a phrase is a description, not a name: an article and then a lower-case word ("The
/// senator from Vermont", "A woman in Leeds"); "The Washington Post" is a name.
fn is_description(phrase: &str) -> bool {
    let mut ws = phrase.split_whitespace();
    ws.next()
        .is_some_and(|w| matches!(w, "The" | "A" | "An" | "the" | "a" | "an"))
        && ws.next().is_some_and(|w| w.starts_with(char::is_lowercase))
}

/// Whether a phrase can be a name as far as its first word goes: a quantifier or a possessive
/// never opens one ("some Republicans", "Many Americans", "His auto bailout fact-check").
pub(super) fn determiner_names(phrase: &str) -> bool {
    let first = phrase.split_whitespace().next().unwrap_or("");
    !matches!(
        lower(first, &mut [0; 32]),
        "some"
            | "several"
            | "many"
            | "both"
            | "his"
            | "her"
            | "its"
            | "their"
            | "this"
            | "these"
            | "those"
    )
}

/// A person's name for output: the entity's canonical name, made fuller when it is one word and
/// the article writes more — the tagger may cut "Jens Stoltenberg" into "Jens" (then the next
/// capitalised word at this mention completes it) or know only "Stoltenberg" (then the first
/// "First Stoltenberg" in the text does).
pub(super) fn per_name(text: &str, e: &Entity) -> String {
    local_name(text, e)
        .unwrap_or_else(|| expand_backward(text, &e.canonical).unwrap_or(e.canonical.clone()))
}

/// The name `per_name` gives when the mention and its next word decide it; `None` for a lone
/// surname whose first name must be looked up in the article (`expand_backward`).
fn local_name(text: &str, e: &Entity) -> Option<String> {
    let c = &e.canonical;
    if e.label != Label::Per || c.contains(' ') || c.is_empty() {
        return Some(c.clone());
    }
    let next = text
        .get(e.end..)
        .and_then(|r| r.strip_prefix(' '))
        .and_then(|r| r.split([' ', ',', '.', '\n', ';', ':']).next())
        .unwrap_or("");
    // A month after a known first name is a surname ("Theresa May", whom the tagger cut at the
    // month).
    let month_surname = || is_date_word(next) && is_cap(next) && gender::is_first_name(c);
    ((is_name_word(next) || month_surname()) && e.text == *c).then(|| format!("{c} {next}"))
}

pub(super) fn is_name_word(w: &str) -> bool {
    is_cap(w)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_function_word(w)
        && !is_title(w)
        && !is_role_noun(w)
        && !is_date_word(w)
        && !w.chars().all(|c| c.is_uppercase())
}

/// The first "First Surname" in the text for a lone surname.
/// `per_name`, with the article-wide part (`expand_backward`) looked up once per name in `seen`.
pub(super) fn per_name_once<'e>(
    text: &str,
    e: &'e Entity,
    seen: &mut Vec<(&'e str, String)>,
) -> String {
    if let Some(name) = local_name(text, e) {
        return name;
    }
    let c = e.canonical.as_str();
    if let Some((_, full)) = seen.iter().find(|(n, _)| *n == c) {
        return full.clone();
    }
    let full = expand_backward(text, c).unwrap_or_else(|| c.to_string());
    seen.push((c, full.clone()));
    full
}

/// Where `name` is written in the article's first [`LOOKUP_WINDOW`] bytes, ending a word: the
/// starts among its first [`WRITTEN_MENTIONS`] occurrences (one inside a longer word counts
/// towards the limit but is not given). An article gives a person's full name early, and a text
/// of one surname repeated (1 MB of "Blair said that it rained.") must not cost a check of every
/// mention in the window for every quote.
fn early_mentions<'t>(text: &'t str, name: &'t str) -> impl Iterator<Item = usize> + 't {
    let hay = text.get(..window_end(text, LOOKUP_WINDOW)).unwrap_or("");
    memchr::memmem::find_iter(hay.as_bytes(), name.as_bytes())
        .take(WRITTEN_MENTIONS)
        .filter(move |&at| {
            text.get(at + name.len()..)
                .and_then(|r| r.chars().next())
                .is_none_or(|c| !c.is_alphanumeric())
        })
}

pub(super) fn expand_backward(text: &str, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    for at in early_mentions(text, name) {
        let before = text.get(..at).unwrap_or("");
        if !before.ends_with(' ') {
            continue;
        }
        let prev = before.trim_end().rsplit([' ', '\n']).next().unwrap_or("");
        let initial = is_cap(prev) && prev.len() == 2 && prev.ends_with('.');
        // "Loretta E. Lynch": a first name before the initial belongs to the name too.
        if initial {
            let head = before
                .trim_end()
                .strip_suffix(prev)
                .unwrap_or("")
                .trim_end();
            let first = head.rsplit([' ', '\n']).next().unwrap_or("");
            if is_name_word(first) {
                return Some(format!("{first} {prev} {name}"));
            }
        }
        if is_name_word(prev) || initial {
            return Some(format!("{prev} {name}"));
        }
    }
    None
}

/// A name without the closed-class words a misread mention carries at its end: a headline's
/// "Rakeyia Scott Can Be Heard" gives the person "Rakeyia Scott Can", a dash-led aside
/// "Hillary Clinton — Who". No name ends in a modal, an auxiliary, a wh-word or a dash, except
/// as a surname right after a known first name: "Theresa May" and "George Will" are people,
/// and cutting them left a first name alone as the speaker.
pub(super) fn trim_name_tail(name: &str) -> &str {
    let mut out = name.trim_end();
    while let Some((head, last)) = out.rsplit_once(' ') {
        let head = head.trim_end();
        if !head.contains(' ') && is_cap(last) && !is_dash(last) && gender::is_first_name(head) {
            break;
        }
        let closed = is_dash(last)
            || matches!(
                lower(last, &mut [0; 32]),
                "can"
                    | "could"
                    | "will"
                    | "would"
                    | "shall"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "is"
                    | "was"
                    | "are"
                    | "were"
                    | "has"
                    | "had"
                    | "have"
                    | "does"
                    | "did"
                    | "who"
                    | "whom"
                    | "what"
                    | "which"
                    | "where"
                    | "when"
                    | "why"
                    | "how"
            );
        if !closed {
            break;
        }
        out = head.trim_end();
    }
    out
}

/// The words of a name with quotation marks dropped: `Robert C. "Bobby" Scott` reads as
/// Robert, C., Bobby, Scott.
pub(super) fn name_words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .map(|w| w.trim_matches(['"', '“', '”', '\'', '‘', '’']))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The fullest form the article gives a person of two or more words: the one longer name of a
/// person near the quote with the same surname that holds every word of this one and adds only
/// initials, middle names or a quoted nickname ("Bobby Scott" → `Robert C. "Bobby" Scott`,
/// "Paul Ryan" → "Paul D. Ryan"). A longer form opening with anything but a first name
/// ("House Speaker Paul D. Ryan") is a role, not a fuller name; two such forms leave the name.
pub(super) fn fullest_form(
    entities: &[Entity],
    name: String,
    clash: &dyn Fn(&str) -> bool,
) -> String {
    let mine = name_words(&name);
    let (Some(&first), Some(&last)) = (mine.first(), mine.last()) else {
        return name;
    };
    let mut found: Option<&str> = None;
    for e in entities.iter().filter(|e| e.label == Label::Per) {
        let c = e.canonical.as_str();
        let theirs = name_words(c);
        if theirs.len() <= mine.len()
            || theirs.last().is_none_or(|l| !same_folded(l, last))
            || clash(c)
        {
            continue;
        }
        // Every word of this name, in order, among the longer one's.
        let mut rest = theirs.iter();
        if !mine.iter().all(|w| rest.any(|t| t == w)) {
            continue;
        }
        let opens = theirs[0];
        let first_ok = opens == first
            || (gender::is_first_name(opens) && c.contains(&format!("\"{first}\"")))
            || (gender::is_first_name(opens) && c.contains(&format!("“{first}”")));
        let added_ok = theirs[1..theirs.len() - 1].iter().all(|w| {
            mine.contains(w)
                || (w.len() == 2 && w.ends_with('.') && is_cap(w))
                || (is_name_word(w) && gender::is_first_name(w))
        });
        if !first_ok || !added_ok {
            continue;
        }
        if found.is_some_and(|f| f != c) {
            return name;
        }
        found = Some(c);
    }
    found.map_or(name, str::to_string)
}

/// How many mentions of a surname `early_mentions` gives.
const WRITTEN_MENTIONS: usize = 16;

/// A one-word speaker's fuller form as the article writes it, when no tagged mention gives one:
/// the one "First Surname" in the text whose first word is a known first name or follows a
/// title ("Speaker of the House Newt Gingrich", "Vermont Sen. Bernie Sanders" that the tagger
/// read as a place). Two such forms (Bill and Hillary Clinton) or one of the other sex than the
/// mention leave the surname.
pub(super) fn written_fuller(
    text: &str,
    name: &str,
    clash: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if name.is_empty() || !is_cap(name) || name.chars().all(|c| !c.is_lowercase()) {
        return None;
    }
    let mut found: Option<String> = None;
    for at in early_mentions(text, name) {
        let before = text.get(..at).unwrap_or("");
        if !before.ends_with([' ', '\u{a0}']) {
            continue;
        }
        let mut back = before.trim_end().rsplit([' ', '\n', '\u{a0}']);
        let prev = back.next().unwrap_or("");
        let titled = back.next().is_some_and(is_title);
        if !is_name_word(prev) || !(gender::is_first_name(prev) || titled) {
            continue;
        }
        let full = format!("{prev} {name}");
        if clash(&full) {
            continue;
        }
        if found.as_ref().is_some_and(|f| *f != full) {
            return None;
        }
        found = Some(full);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ent, speakers};
    use super::*;
    use crate::article::Field;

    #[test]
    fn a_description_is_no_fallback_name() {
        let t = "The senator from Vermont said the system was “corrupt to the core.”";
        assert_eq!(fallback_name(t, "The senator from Vermont", &[]), None);
        assert!(is_description("a woman in Leeds"));
        assert!(!is_description("The Washington Post"));
        assert!(!is_description("Ada Byron"));
    }

    #[test]
    fn no_name_ends_in_a_closed_class_word() {
        assert_eq!(trim_name_tail("Ada Byron Can"), "Ada Byron");
        assert_eq!(trim_name_tail("Ada Byron — Who"), "Ada Byron");
        assert_eq!(trim_name_tail("Ada Byron Will Be"), "Ada Byron Will Be");
        assert_eq!(trim_name_tail("Will"), "Will");
        assert_eq!(trim_name_tail("Ada Byron"), "Ada Byron");
        assert_eq!(trim_name_tail("Ada May"), "Ada May");
        assert_eq!(trim_name_tail("Tom Will"), "Tom Will");
        assert_eq!(trim_name_tail("Ada May Can"), "Ada May");
        // The tagger cut the name at the month: the month is the surname.
        let t = "Ada May spoke.\n\n“Stop,” Ada May said.";
        let at = t.rfind("Ada May").unwrap();
        let ada = Entity {
            start: at,
            end: at + 3,
            ..ent(t, "Ada", Label::Per, "Ada")
        };
        assert_eq!(speakers(t, &[ada]), [Some("Ada May".to_string())]);
        // Through extract: a headline-cased mention the tagger carried a word too far.
        let t = "Ada Byron Can Be Heard On Tape\n\nAda Byron can be heard on the tape.\n\n\
                 “Stop,” she said.";
        let ents = [ent(t, "Ada Byron Can", Label::Per, "Ada Byron Can")];
        assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
    }

    #[test]
    fn a_sentence_capital_alone_is_no_name() {
        // An untagged word opening its sentence, never capitalised inside one: no speaker.
        let t = "The board met on Monday.\n\nResearch conducted by the board found the system \
                 \"broken beyond repair\".";
        assert_eq!(speakers(t, &[]), [None]);
        // The same word written inside a sentence too is a name the tagger missed.
        let t = "The board met on Monday, and Research spoke first.\n\nResearch conducted \
                 the review and found the system \"broken beyond repair\".";
        assert_eq!(speakers(t, &[]), [Some("Research".to_string())]);
        // A group that is the subject of a cue speaks.
        let t = "The board met on Monday.\n\nPolice said the system was \"broken\".";
        assert_eq!(speakers(t, &[]), [Some("Police".to_string())]);
    }

    #[test]
    fn a_speaker_takes_the_fullest_form_of_the_same_name() {
        let t = "Rep. Robert C. \"Bobby\" Scott spoke. Paul D. Ryan listened, as did Tom Lee.";
        let ents = [
            ent(
                t,
                "Robert C. \"Bobby\" Scott",
                Label::Per,
                "Robert C. \"Bobby\" Scott",
            ),
            ent(t, "Paul D. Ryan", Label::Per, "Paul D. Ryan"),
            ent(t, "Tom Lee", Label::Per, "Tom Lee"),
        ];
        let full = |n: &str| fullest_form(&ents, n.to_string(), &|_| false);
        assert_eq!(full("Bobby Scott"), "Robert C. \"Bobby\" Scott");
        assert_eq!(full("Paul Ryan"), "Paul D. Ryan");
        assert_eq!(full("Tom Lee"), "Tom Lee");
        assert_eq!(full("Ann Lee"), "Ann Lee");
        // A role before the name is no fuller name; two fuller forms are no answer.
        let u = "House Speaker Paul Ryan spoke.";
        let role = [ent(
            u,
            "House Speaker Paul Ryan",
            Label::Per,
            "House Speaker Paul Ryan",
        )];
        assert_eq!(
            fullest_form(&role, "Paul Ryan".into(), &|_| false),
            "Paul Ryan"
        );
        let v = "George H. Bush and George W. Bush spoke.";
        let two = [
            ent(v, "George H. Bush", Label::Per, "George H. Bush"),
            ent(v, "George W. Bush", Label::Per, "George W. Bush"),
        ];
        assert_eq!(
            fullest_form(&two, "George Bush".into(), &|_| false),
            "George Bush"
        );
        // The other sex than the mention says is another person of that name.
        assert_eq!(
            fullest_form(&ents, "Bobby Scott".into(), &|_| true),
            "Bobby Scott"
        );
    }

    #[test]
    fn a_surname_takes_the_one_first_name_the_article_writes_before_it() {
        let t = "Speaker of the House Newt Gingrich wrote it. Vermont Sen. Bernie Sanders agreed.";
        assert_eq!(
            written_fuller(t, "Gingrich", &|_| false).as_deref(),
            Some("Newt Gingrich")
        );
        // After a title the word before the surname is a name even if the table lacks it.
        assert_eq!(
            written_fuller(t, "Sanders", &|_| false).as_deref(),
            Some("Bernie Sanders")
        );
        assert_eq!(written_fuller(t, "House", &|_| false), None);
        // Two people of one surname, or only one of the other sex: the surname stays.
        let u = "Bill Clinton and Hillary Clinton spoke.";
        assert_eq!(written_fuller(u, "Clinton", &|_| false), None);
        assert_eq!(
            written_fuller(u, "Clinton", &|n| n.starts_with("Bill")),
            Some("Hillary Clinton".into())
        );
        assert_eq!(written_fuller("Ada Byron spoke.", "Byron", &|_| true), None);
        // Through extract: a surname the tagger read as an organisation, its first name untagged.
        let t = "Speaker of the House Newt Gingrich spoke in 1994.\n\n\
                 In July, Gingrich dismissed Estonia as the “suburbs of St. Petersburg.”";
        let at = t.rfind("Gingrich").unwrap();
        let org = Entity {
            text: "Gingrich".into(),
            label: Label::Org,
            field: Field::Body,
            start: at,
            end: at + 8,
            canonical: "Gingrich".into(),
        };
        assert_eq!(speakers(t, &[org]), [Some("Newt Gingrich".to_string())]);
    }
}
