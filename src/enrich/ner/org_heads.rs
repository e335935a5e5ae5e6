//! Organisation heads: the last word of a company's or institution's name says what it is
//! ("Nordhavn Shipping", "Adani Holdings", "Keystone Bank"). A tagger that has never seen the
//! first word reads an unknown capitalised pair as a first name and a surname; the head noun
//! settles it. The rule is by class — industry and corporate-form nouns — never by name.
//!
//! A mention keeps its person label when the gazetteer lists its exact phrase as a person, or
//! when a title or honorific stands right before it ("Mr Bank"): surnames that are also such
//! nouns stay people there.

use crate::article::Label;
use crate::enrich::tokenize::{self, Token};

use super::lexicon::Lexicon;
use super::Mention;

/// Last words that end an organisation's name and, in news, never a person's; lowercase.
/// Nouns that are common surnames ("Steel", "Oil"-like trades such as "Smith") stay out.
pub const ORG_HEADS: &[&str] = &[
    // Corporate forms.
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "ltd",
    "ltd.",
    "limited",
    "plc",
    "llc",
    "ag",
    "gmbh",
    "holdings",
    "group",
    "company",
    "companies",
    "enterprises",
    "ventures",
    "partners",
    "brands",
    // Industries.
    "shipping",
    "airlines",
    "airways",
    "motors",
    "automotive",
    "industries",
    "bank",
    "bancorp",
    "bankshares",
    "insurance",
    "securities",
    "investments",
    "capital",
    "financial",
    "pharmaceuticals",
    "pharma",
    "therapeutics",
    "biotech",
    "technologies",
    "systems",
    "software",
    "semiconductor",
    "electronics",
    "telecom",
    "telecommunications",
    "communications",
    "logistics",
    "petroleum",
    "chemicals",
    "mining",
    "minerals",
    "resources",
    "energy",
    "utilities",
    "foods",
    "beverages",
    "breweries",
    "brewery",
    "retail",
    "stores",
    "media",
    "entertainment",
    "studios",
    "publishing",
    "realty",
    "properties",
    "construction",
    "engineering",
];

/// Titles and honorifics before a name: what follows is a person whatever its last word.
const BEFORE_PERSON: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "sir", "lady", "lord",
];

/// Whether `word` (any case) is an organisation head.
pub fn is_org_head(word: &str) -> bool {
    let w = tokenize::lowercase(word);
    ORG_HEADS.contains(&w.as_str())
}

/// Relabel multi-word person mentions that end on an organisation head as organisations, after
/// taking in a capitalised head the tagger left out right after a mention ("Nordhavn" +
/// "Shipping").
pub fn relabel(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    let lex = Lexicon::embedded();
    for i in 0..mentions.len() {
        let limit = mentions.get(i + 1).map_or(tokens.len(), |n| n.tokens.start);
        let m = &mut mentions[i];
        if m.tokens.end < limit {
            if let Some(next) = tokens.get(m.tokens.end) {
                let w = next.text(text);
                if tokenize::is_capitalized(w) && is_org_head(w) {
                    m.tokens.end += 1;
                    m.end = next.end;
                    m.label = Label::Org;
                }
            }
        }
    }
    for m in mentions.iter_mut() {
        if m.label != Label::Per || m.tokens.len() < 2 {
            continue;
        }
        let words: Vec<&str> = m
            .tokens
            .clone()
            .filter_map(|i| tokens.get(i))
            .map(|t| t.text(text))
            .collect();
        if !words.last().is_some_and(|w| is_org_head(w)) {
            continue;
        }
        let titled = m
            .tokens
            .start
            .checked_sub(1)
            .and_then(|j| tokens.get(j))
            .is_some_and(|t| BEFORE_PERSON.contains(&tokenize::lowercase(t.text(text)).as_str()));
        // Bit 0: the gazetteer lists the phrase as a person.
        if titled || lex.gazetteer_types(&words) & 1 != 0 {
            continue;
        }
        m.label = Label::Org;
    }
}

/// The first words of the article's organisation names that end on a head ("nordhavn" from
/// "Nordhavn Shipping"), lowercased: the company's short name.
pub fn short_names(text: &str, tokens: &[Token], mentions: &[Mention], out: &mut Vec<String>) {
    for m in mentions
        .iter()
        .filter(|m| m.label == Label::Org && m.tokens.len() == 2)
    {
        let (Some(first), Some(last)) = (tokens.get(m.tokens.start), tokens.get(m.tokens.end - 1))
        else {
            continue;
        };
        if is_org_head(last.text(text)) {
            out.push(tokenize::lowercase(first.text(text)));
        }
    }
}

/// A one-word person mention that is the short name of one of the article's companies, and no
/// surname of a person it names in full, is that company ("Nordhavn" after "Nordhavn Shipping").
pub fn short_names_are_orgs(
    text: &str,
    mentions: &mut [Mention],
    short: &[String],
    surnames: &[String],
) {
    for m in mentions.iter_mut() {
        if m.label != Label::Per || m.tokens.len() != 1 {
            continue;
        }
        let w = tokenize::lowercase(text.get(m.start..m.end).unwrap_or(""));
        if short.contains(&w) && !surnames.contains(&w) {
            m.label = Label::Org;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per(tokens: &[Token], r: std::ops::Range<usize>) -> Mention {
        Mention {
            start: tokens[r.start].start,
            end: tokens[r.end - 1].end,
            label: Label::Per,
            tokens: r,
        }
    }

    #[test]
    fn an_industry_head_makes_an_unknown_pair_an_organisation() {
        let text =
            "Brennick Shipping and Ostvald Holdings hired Maria Holm , and Mr Ian Bank said so .";
        let t = tokenize::tokenize(text);
        let mut ms = vec![per(&t, 0..2), per(&t, 3..5), per(&t, 6..8), per(&t, 11..13)];
        relabel(text, &t, &mut ms);
        let got: Vec<(&str, Label)> = ms
            .iter()
            .map(|m| (&text[m.start..m.end], m.label))
            .collect();
        assert_eq!(
            got,
            [
                ("Brennick Shipping", Label::Org),
                ("Ostvald Holdings", Label::Org),
                ("Maria Holm", Label::Per),
                // Honorific before it: a person whose surname is the noun.
                ("Ian Bank", Label::Per),
            ]
        );
    }

    #[test]
    fn an_untagged_head_after_a_name_is_taken_in() {
        let text = "Brennick Shipping reported a loss , said Maria Holm of Brennick .";
        let t = tokenize::tokenize(text);
        let mut ms = vec![per(&t, 0..1), per(&t, 7..9), per(&t, 10..11)];
        relabel(text, &t, &mut ms);
        let got: Vec<(&str, Label)> = ms
            .iter()
            .map(|m| (&text[m.start..m.end], m.label))
            .collect();
        assert_eq!(
            got,
            [
                ("Brennick Shipping", Label::Org),
                ("Maria Holm", Label::Per),
                ("Brennick", Label::Per),
            ]
        );
    }

    #[test]
    fn a_one_word_mention_is_left_alone() {
        let text = "Group said so .";
        let t = tokenize::tokenize(text);
        let mut ms = vec![per(&t, 0..1)];
        relabel(text, &t, &mut ms);
        assert_eq!(ms[0].label, Label::Per);
    }
}
