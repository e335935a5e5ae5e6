//! The "he"/"she" speaker mentions a text's extraction resolves, with the rules' answer and
//! which rule gave it, recorded while the extraction runs: what `scripts/eval-pronouns` scores
//! against the pronoun gold (`eval/identity/polnear-tune-pronouns.tsv`, `bbc-pronouns.tsv`),
//! and how the BBC gold's cases were chosen. Recorded inside the extraction rather than
//! recomputed beside it, so a case sees what the quote stage saw: its entities (after the
//! stage's own repairs), the previous quote's speaker, only the pronouns a quote's speaker is
//! looked up through. Outside a recording nothing is kept (one thread-local read per pronoun).

use std::cell::RefCell;

use super::*;
use crate::article::Field;

/// Which of the rules answered a "he"/"she".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Branch {
    /// The subject of the pronoun's reporting verb, or carried from the sentences before.
    Subject,
    /// The previous quote's speaker.
    Previous,
    /// The most recent person who fits.
    Recent,
    /// The previous speaker without a tagged mention, or nobody.
    Untagged,
}

impl Branch {
    fn as_str(self) -> &'static str {
        match self {
            Branch::Subject => "subject",
            Branch::Previous => "previous",
            Branch::Recent => "recent",
            Branch::Untagged => "untagged",
        }
    }
}

/// One "he"/"she" speaker mention: its span, the rules' answer and which rule gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PronounCase {
    pub start: usize,
    pub end: usize,
    pub pronoun: String,
    pub rule: Option<String>,
    /// `subject`, `previous`, `recent` or `untagged`.
    pub branch: &'static str,
}

thread_local! {
    /// The cases of the recording under way ([`pronoun_cases`]), else `None`.
    static RECORD: RefCell<Option<Vec<PronounCase>>> = const { RefCell::new(None) };
}

/// Notes the answer `rule` gave the pronoun at `m`, when a recording is under way. The last
/// answer for a pronoun stands (the quote loop and the second opinion may ask twice).
pub(super) fn record(text: &str, m: Word, rule: Option<&str>, branch: Branch) {
    RECORD.with(|r| {
        if let Some(cases) = r.borrow_mut().as_mut() {
            cases.retain(|c| c.start != m.start);
            cases.push(PronounCase {
                start: m.start,
                end: m.end,
                pronoun: text.get(m.start..m.end).unwrap_or("").to_ascii_lowercase(),
                rule: rule.map(str::to_string),
                branch: branch.as_str(),
            });
        }
    });
}

/// Every "he" and "she" that the extraction of `text` resolves as a speaker mention, with the
/// rules' answer, in text order.
pub fn pronoun_cases(field: Field, text: &str, entities: &[Entity]) -> Vec<PronounCase> {
    RECORD.with(|r| *r.borrow_mut() = Some(Vec::new()));
    crate::enrich::quotes::extract(field, text, entities);
    let mut cases = RECORD.with(|r| r.borrow_mut().take()).unwrap_or_default();
    cases.sort_by_key(|c| c.start);
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Label;

    fn person(text: &str, name: &str, nth: usize) -> Entity {
        let start = text
            .match_indices(name)
            .nth(nth)
            .expect("the name is in the text")
            .0;
        Entity {
            text: name.to_string(),
            label: Label::Per,
            field: Field::Body,
            start,
            end: start + name.len(),
            canonical: name.to_string(),
        }
    }

    #[test]
    fn records_each_speaker_pronoun_with_the_rule_that_answered_and_only_while_asked() {
        // A "he" after a sentence naming no one (the previous speaker goes on), a "she" the
        // previous speaker cannot be (the most recent woman named), a "he" opening the
        // sentence after the one a new person opens (that sentence's subject), and a "he" that
        // is no quote's speaker mention (never recorded).
        let t = "Ann Park met Tom Lee on Monday.\n\n\
                 “We agreed,” Tom Lee said. The talks ran late.\n\n\
                 “It went well,” he said. He left early.\n\n\
                 “We will meet again,” she said.\n\n\
                 Sam Cole arrived at noon. He said: “Nothing is settled.”";
        let mut ents = vec![
            person(t, "Ann Park", 0),
            person(t, "Tom Lee", 0),
            person(t, "Tom Lee", 1),
            person(t, "Sam Cole", 0),
        ];
        ents.sort_by_key(|e| e.start);
        let cases = pronoun_cases(Field::Body, t, &ents);
        let got: Vec<(&str, Option<&str>, &str)> = cases
            .iter()
            .map(|c| (c.pronoun.as_str(), c.rule.as_deref(), c.branch))
            .collect();
        assert_eq!(
            got,
            [
                ("he", Some("Tom Lee"), "previous"),
                ("she", Some("Ann Park"), "recent"),
                ("he", Some("Sam Cole"), "subject"),
            ]
        );
        assert!(cases.windows(2).all(|w| w[0].start < w[1].start));
        assert_eq!(&t[cases[1].start..cases[1].end], "she");
        // Outside a recording nothing is kept, and the extraction's answers are the same.
        let quotes = crate::enrich::quotes::extract(Field::Body, t, &ents);
        assert!(RECORD.with(|r| r.borrow().is_none()));
        let speakers: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(
            speakers,
            [
                Some("Tom Lee"),
                Some("Tom Lee"),
                Some("Ann Park"),
                Some("Sam Cole")
            ]
        );
    }
}
