//! Per-article evidence of what a person name stands for: a person, or a work, band, show or
//! index that the tagger took for one ("Vera Drake", "Franz Ferdinand", "Harry Potter").
//!
//! One article rarely tells, but the archive does when the votes of its articles are added
//! (`archive_names`). The cues are about how news writes, not about particular names:
//!
//! - a **person** is referred to again by surname or with an honorific ("Blair said", "Mr
//!   Blair"), or is the speaker of a quote;
//! - a **work** is named after a noun that classifies it ("the film Vera Drake", "rock band
//!   Franz Ferdinand") or before one that credits or counts it ("Vera Drake star Imelda
//!   Staunton", "Harry Potter films", "Hang Seng index"), and is repeated in full;
//! - a **firm** is followed by its legal form ("Kidder Peabody and Co", "James Capel Ltd"),
//!   employs the analyst or economist quoted ("analyst at Smith Barney", "Societe Generale
//!   economist"), or is classified as a broker or bank ("brokers James Capel", "French bank
//!   Societe Generale").
//!
//! This module only reads an enriched article; the index writer stores its answer as facets
//! (`/cue/person/NAME`, `/cue/work/NAME`) and `archive_names` decides from their counts. Pure.

use std::collections::BTreeMap;

use crate::article::{Article, Enrichment, Label};

/// Nouns that, right before a name, say what kind of thing it is ("the film Vera Drake").
const BEFORE: &[&str] = &[
    "film", "movie", "album", "band", "novel", "book", "series", "play", "musical", "single",
    "song", "show", "group", "sitcom", "opera", "index",
];

/// Nouns that, right after a name, credit or count a work ("Vera Drake star", "Harry Potter
/// films", "Franz Ferdinand frontman", "Kospi index") or make it an era ("Jim Crow laws"). A possessive between them is not
/// taken: "Mike Leigh's film" is a person's film.
const AFTER: &[&str] = &[
    "film",
    "films",
    "movie",
    "movies",
    "album",
    "albums",
    "star",
    "stars",
    "director",
    "author",
    "singer",
    "frontman",
    "franchise",
    "sequel",
    "soundtrack",
    "single",
    "song",
    "songs",
    "show",
    "musical",
    "fans",
    "books",
    "novels",
    "series",
    "band",
    "index",
    "era",
    "laws",
];

/// Words that, right before a name, make it a firm ("brokers James Capel", "French bank Societe
/// Generale"). Not "broker" or "banker": "money broker Joachim Schmidt" is a person.
const FIRM_BEFORE: &[&str] = &["brokers", "brokerage", "bank", "firm", "insurer", "lender"];

/// Jobs whose holder works for a firm: "analyst at Smith Barney", "Smith Barney analyst". A
/// person has aides and spokesmen, not analysts or economists.
const FIRM_JOBS: &[&str] = &[
    "analyst",
    "analysts",
    "economist",
    "economists",
    "strategist",
    "strategists",
];

/// Legal forms that, after a name, make it a company's ("Kidder Peabody and Co", "James Capel
/// Ltd"); as written.
const LEGAL_FORMS: &[&str] = &[
    "Co", "Co.", "Company", "Inc", "Inc.", "Ltd", "Ltd.", "Corp", "Corp.", "PLC", "Plc", "LLC",
    "AG", "SA", "NV", "GmbH",
];

/// What one article says about one of its person names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Referred to by surname or honorific, or quoted.
    pub person: bool,
    /// Classified or credited as a work.
    pub work: bool,
    /// Followed by a legal form, employing an analyst, or classified as a broker or bank.
    pub firm: bool,
}

/// The evidence an article gives for each of its person names (canonical forms) that has some.
pub fn of_article<'a>(
    article: &Article,
    enrichment: &'a Enrichment,
) -> BTreeMap<&'a str, Evidence> {
    let mut out: BTreeMap<&'a str, Evidence> = BTreeMap::new();
    for e in enrichment.entities.iter().filter(|e| e.label == Label::Per) {
        let canonical = e.canonical.as_str();
        let last = canonical.split_whitespace().last().unwrap_or("");
        let shorter = e.text != canonical && e.text.split_whitespace().last() == Some(last);
        let text = article.field(e.field);
        let work = text
            .get(..e.start)
            .is_some_and(|before| BEFORE.contains(&last_word(before)))
            || text
                .get(e.end..)
                .is_some_and(|after| AFTER.contains(&next_word(after)));
        let firm = text.get(..e.start).is_some_and(is_firm_before)
            || text.get(e.end..).is_some_and(is_firm_after);
        if shorter || work || firm {
            let ev = out.entry(canonical).or_default();
            ev.person |= shorter;
            ev.work |= work;
            ev.firm |= firm;
        }
    }
    for q in &enrichment.quotes {
        if let Some(s) = q.speaker.as_deref() {
            if let Some(e) = enrichment
                .entities
                .iter()
                .find(|e| e.label == Label::Per && e.canonical == s)
            {
                out.entry(e.canonical.as_str()).or_default().person = true;
            }
        }
    }
    out
}

/// Whether the words before a name make it a firm: "brokers", "analyst at", "economists with".
fn is_firm_before(before: &str) -> bool {
    let w = last_word(before);
    if FIRM_BEFORE.contains(&w) {
        return true;
    }
    if !["at", "with"].contains(&w) {
        return false;
    }
    let rest = &before[..before.trim_end_matches(' ').len() - w.len()];
    FIRM_JOBS.contains(&last_word(rest))
}

/// Whether the words after a name make it a firm: a job ("Smith Barney analyst") or a legal
/// form, after a comma and an "and" or "&" if any ("Kidder, Peabody and Co", "Capel Ltd").
fn is_firm_after(after: &str) -> bool {
    if FIRM_JOBS.contains(&next_word(after)) {
        return true;
    }
    let t = after
        .strip_prefix(',')
        .unwrap_or(after)
        .trim_start_matches(' ');
    let t = ["and ", "& "]
        .iter()
        .find_map(|c| t.strip_prefix(c))
        .unwrap_or(t);
    let word = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '>' || c == ')')
        .next()
        .unwrap_or("");
    // Only when something was between: "Peabody Co" needs its space, not "PeabodyCo".
    t.len() < after.len() && LEGAL_FORMS.contains(&word)
}

/// The lowercase word right before `text`'s end, when only spaces separate them ("" when none,
/// or when it is the tail of a longer word: "Xband").
fn last_word(text: &str) -> &str {
    let t = text.trim_end_matches(' ');
    if t.len() == text.len() {
        return "";
    }
    // Lowercase ASCII letters are one byte each, so `start` is a char boundary.
    let start = t.len() - t.bytes().rev().take_while(u8::is_ascii_lowercase).count();
    if t[..start].ends_with(char::is_alphanumeric) {
        return "";
    }
    &t[start..]
}

/// The lowercase word right after `text`'s start, when only spaces separate them.
fn next_word(text: &str) -> &str {
    let t = text.trim_start_matches(' ');
    if t.len() == text.len() {
        return "";
    }
    let end = t.bytes().take_while(u8::is_ascii_lowercase).count();
    if t[end..].starts_with(char::is_alphanumeric) {
        return "";
    }
    &t[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entity, Field, Quote, QuoteKind};

    fn per(text: &str, body: &str, canonical: &str, nth: usize) -> Entity {
        let start = body.match_indices(text).nth(nth).unwrap().0;
        Entity {
            text: text.into(),
            label: Label::Per,
            field: Field::Body,
            start,
            end: start + text.len(),
            canonical: canonical.into(),
        }
    }

    fn article(body: &str) -> Article {
        Article {
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn works_are_classified_or_credited_people_are_named_again() {
        let body = "The film Vera Drake won. Vera Drake star Imelda Staunton said Staunton was \
                    glad. Mike Leigh's film was praised; Leigh smiled.";
        let ents = vec![
            per("Vera Drake", body, "Vera Drake", 0),
            per("Vera Drake", body, "Vera Drake", 1),
            per("Imelda Staunton", body, "Imelda Staunton", 0),
            per("Staunton", body, "Imelda Staunton", 1),
            per("Mike Leigh", body, "Mike Leigh", 0),
            per("Leigh", body, "Mike Leigh", 1),
        ];
        let en = Enrichment {
            entities: ents,
            quotes: vec![],
        };
        let ev = of_article(&article(body), &en);
        assert_eq!(
            ev["Vera Drake"],
            Evidence {
                person: false,
                work: true,
                firm: false
            }
        );
        assert_eq!(
            ev["Imelda Staunton"],
            Evidence {
                person: true,
                work: false,
                firm: false
            }
        );
        // "Leigh's film" is his film, not a sign that he is one.
        assert_eq!(
            ev["Mike Leigh"],
            Evidence {
                person: true,
                work: false,
                firm: false
            }
        );
    }

    #[test]
    fn a_quoted_name_is_a_person_and_a_name_without_cues_has_no_entry() {
        let body = "Alex Kapranos spoke. Jo Bloggs came too.";
        let en = Enrichment {
            entities: vec![
                per("Alex Kapranos", body, "Alex Kapranos", 0),
                per("Jo Bloggs", body, "Jo Bloggs", 0),
            ],
            quotes: vec![Quote {
                text: "Hello".into(),
                field: Field::Body,
                start: 0,
                end: 5,
                speaker: Some("Alex Kapranos".into()),
                speaker_start: None,
                speaker_end: None,
                cue: None,
                kind: QuoteKind::Direct,
                how: None,
                parts: vec![],
            }],
        };
        let ev = of_article(&article(body), &en);
        assert!(ev["Alex Kapranos"].person);
        assert!(!ev.contains_key("Jo Bloggs"));
    }

    #[test]
    fn firms_have_legal_forms_analysts_and_a_trade() {
        let body = "Jo Kell, analyst at Dow Kemp, said Lee Hart and Co, broker Ed Bly and brokers Ames Bray \
                    agreed; Tess Lund Ltd. and a Roy Vane analyst did too. Ann Pike, a \
                    spokesman for Bo Dunn, and Cy Ross, an aide with Al Berg, said Pat Coe and \
                    company disagreed.";
        let names = [
            "Jo Kell",
            "Dow Kemp",
            "Lee Hart",
            "Ames Bray",
            "Ed Bly",
            "Tess Lund",
            "Roy Vane",
            "Ann Pike",
            "Bo Dunn",
            "Cy Ross",
            "Al Berg",
            "Pat Coe",
        ];
        let en = Enrichment {
            entities: names.iter().map(|n| per(n, body, n, 0)).collect(),
            quotes: vec![],
        };
        let ev = of_article(&article(body), &en);
        let firms: Vec<&str> = names
            .into_iter()
            .filter(|n| ev.get(n).is_some_and(|e| e.firm))
            .collect();
        assert_eq!(
            firms,
            ["Dow Kemp", "Lee Hart", "Ames Bray", "Tess Lund", "Roy Vane"]
        );
    }

    #[test]
    fn any_span_of_any_text_is_read_without_panicking() {
        let body = "“Vera”’s film ’ Ü band  éstar Jo’s — 北京 show";
        let bounds: Vec<usize> = (0..=body.len())
            .filter(|&i| body.is_char_boundary(i))
            .collect();
        for &start in &bounds {
            for &end in bounds.iter().filter(|&&e| e >= start) {
                let text = &body[start..end];
                let en = Enrichment {
                    entities: vec![Entity {
                        text: text.into(),
                        label: Label::Per,
                        field: Field::Body,
                        start,
                        end,
                        canonical: format!("{text} X"),
                    }],
                    quotes: vec![],
                };
                let _ = of_article(&article(body), &en);
            }
        }
    }

    #[test]
    fn cue_words_must_stand_alone() {
        assert_eq!(last_word("the film "), "film");
        assert_eq!(last_word("the film"), "");
        assert_eq!(last_word("Rock-band "), "band");
        assert_eq!(last_word("Xband "), "");
        assert_eq!(next_word(" star Imelda"), "star");
        assert_eq!(next_word(" stars, who"), "stars");
        assert_eq!(next_word("'s film"), "");
        assert_eq!(next_word(" starlet"), "starlet");
        assert_eq!(next_word(" star2"), "");
        assert_eq!(next_word(""), "");
        // Multi-byte letters and punctuation next to the word are boundaries, never split.
        assert_eq!(last_word("Martin O’Malley’s band "), "band");
        assert_eq!(last_word("’ "), "");
        assert_eq!(last_word("éband "), "");
        assert_eq!(next_word(" star’s"), "star");
        assert_eq!(next_word(" “star"), "");
    }
}
