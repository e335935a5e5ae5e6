//! Small, deterministic repairs applied after the tagger, for constructions that newswire
//! training data rarely shows but real (and machine-translated) articles do:
//!
//! * a role run inside a mention is not part of any name ("NATO Secretary General Jens" →
//!   ORG "NATO" + PER "Jens …"); CoNLL never includes titles in names;
//! * a country name glued to a two-word name ("United States Donald Trump") is split into the
//!   place and the person;
//! * news outlets and a short list of well-known companies are organisations, whatever the
//!   context says ("writes The Guardian", "Google");
//! * a person's name followed by a lowercase copy of a surname the article uses elsewhere
//!   ("Donald trump") is extended over it;
//! * two organisations joined by "and" are two mentions when the article names either one on
//!   its own ("Lotte and Hyundai" after "Lotte");
//! * an ordinal or calendar word alone ("Second", "Fifth", "Sept.") is never a name.
//!
//! Each rule only splits, relabels or extends mentions along token boundaries, so spans stay on
//! char boundaries, inside the field, sorted and non-overlapping.

use std::ops::Range;

use crate::article::Label;
use crate::enrich::tokenize::{self, Token, TokenKind};
use crate::parse::is_calendar_word;

use super::lexicon::Lexicon;
use super::Mention;

/// Role words that, inside a tagged span, mark a title rather than a name. Kept stricter than
/// `names`' list: "General" alone must not split "General Motors".
const STRICT_ROLES: &[&str] = &[
    "secretary",
    "president",
    "minister",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "senator",
    "governor",
    "ambassador",
    "commissioner",
    "premier",
    "mayor",
];
const ROLE_TAIL: &[&str] = &[
    "general", "prime", "foreign", "vice", "deputy", "press", "chief", "of", "state",
];

/// Outlets tagged ORG regardless of the model's label; lowercase, without a leading "the".
pub const OUTLETS: &[&str] = &[
    "guardian",
    "observer",
    "times",
    "new york times",
    "washington post",
    "wall street journal",
    "financial times",
    "associated press",
    "reuters",
    "agence france-presse",
    "afp",
    "bbc",
    "cnn",
    "spiegel",
    "der spiegel",
    "le monde",
    "independent",
    "telegraph",
    "daily telegraph",
    "economist",
    "bloomberg",
    "al jazeera",
    "tass",
    "interfax",
    "xinhua",
    "ria novosti",
];

/// Companies the 1996 training data cannot know (or barely shows), tagged ORG whatever the
/// model says: without this, "Google" is a person in every BBC technology story. Only names
/// that are almost never anything else; "Amazon", "Ford", "Tesla", "Oracle" are left out.
const COMPANIES: &[&str] = &[
    "google",
    "microsoft",
    "yahoo",
    "ebay",
    "facebook",
    "twitter",
    "youtube",
    "myspace",
    "skype",
    "intel",
    "ibm",
    "nokia",
    "samsung",
    "sony",
    "nintendo",
    "vodafone",
    "netflix",
    "cisco",
    "motorola",
    "siemens",
    "boeing",
    "airbus",
    "volkswagen",
    "gazprom",
    "rosneft",
    "huawei",
    "alibaba",
    "tencent",
];

const COUNTRY_PREFIXES: &[&[&str]] = &[
    &["united", "states"],
    &["united", "kingdom"],
    &["russia"],
    &["germany"],
    &["france"],
    &["china"],
    &["britain"],
    &["us"],
    &["u.s."],
];

fn lower(s: &str) -> String {
    tokenize::lowercase(s)
}

/// Apply the repairs to one field's mentions (sorted, non-overlapping, token-aligned).
pub fn repair(text: &str, tokens: &[Token], mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let starts: Vec<usize> = mentions.iter().map(|m| m.tokens.start).collect();
    for (mi, m) in mentions.into_iter().enumerate() {
        let limit = starts.get(mi + 1).copied().unwrap_or(tokens.len());
        let had_role = m.tokens.len() > 1;
        let pieces = split_roles(text, tokens, m.clone());
        let split =
            had_role && pieces.len() != 1 || pieces.first().is_some_and(|p| p.tokens != m.tokens);
        for mut piece in pieces {
            // A name cut out of a role run may have been left short by the tagger ("… General
            // Jens" + untagged "Stoltenberg"): take in following capitalised words.
            if split && piece.label == Label::Per {
                while piece.tokens.end < limit && piece.tokens.len() < 3 {
                    let Some(t) = tokens.get(piece.tokens.end) else {
                        break;
                    };
                    if t.kind != TokenKind::Word || !tokenize::is_capitalized(t.text(text)) {
                        break;
                    }
                    piece.tokens.end += 1;
                    piece.end = t.end;
                }
            }
            out.extend(split_country(text, tokens, piece));
        }
    }
    // A split can leave a first name next to the surname the tagger labelled on its own
    // ("… General Jens" + "Stoltenberg"): join a one-word PER with an adjacent PER.
    let mut merged: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if let Some(prev) = merged.last_mut() {
            if prev.label == Label::Per
                && m.label == Label::Per
                && prev.tokens.len() == 1
                && prev.tokens.end == m.tokens.start
            {
                prev.tokens.end = m.tokens.end;
                prev.end = m.end;
                continue;
            }
        }
        merged.push(m);
    }
    // A title stands before a full name, never before a surname alone: a capitalised untagged
    // word between a role word and a person ("Chancellor Angela" + PER "Merkel") is the first
    // name the tagger left out.
    for i in 0..merged.len() {
        let m = &merged[i];
        if m.label != Label::Per || m.tokens.start < 2 {
            continue;
        }
        let j = m.tokens.start - 1;
        let free = i == 0 || merged[i - 1].tokens.end <= j;
        let (Some(first), Some(role)) = (tokens.get(j), tokens.get(j - 1)) else {
            continue;
        };
        let first_lower = lower(first.text(text));
        if free
            && first.kind == TokenKind::Word
            && tokenize::is_capitalized(first.text(text))
            && !ROLE_TAIL.contains(&first_lower.as_str())
            && !STRICT_ROLES.contains(&first_lower.as_str())
            && STRICT_ROLES.contains(&lower(role.text(text)).as_str())
        {
            let m = &mut merged[i];
            m.tokens.start = j;
            m.start = first.start;
        }
    }
    let mut out = merged;
    for i in 0..out.len() {
        // "the middle East": a lowercase word that, with the mention, names a known region.
        let m = &out[i];
        if matches!(m.label, Label::Loc | Label::Misc) && m.tokens.start > 0 {
            let j = m.tokens.start - 1;
            if let Some(t) = tokens.get(j) {
                let w = t.text(text);
                let free = i == 0 || out[i - 1].tokens.end <= j;
                // Never an article: "the Netherlands" is "Netherlands" in CoNLL's convention.
                if free
                    && t.kind == TokenKind::Word
                    && w != "the"
                    && w.chars().next().is_some_and(|c| c.is_lowercase())
                {
                    let mut phrase = vec![w];
                    phrase.extend(
                        m.tokens
                            .clone()
                            .filter_map(|k| tokens.get(k))
                            .map(|t| t.text(text)),
                    );
                    if Lexicon::embedded().gazetteer_types(&phrase) & (1 << 2) != 0 {
                        let m = &mut out[i];
                        m.tokens.start = j;
                        m.start = t.start;
                        m.label = Label::Loc;
                    }
                }
            }
        }
    }
    for m in &mut out {
        let t = text.get(m.start..m.end).unwrap_or("");
        let l = lower(t);
        let key = l.strip_prefix("the ").unwrap_or(&l);
        if OUTLETS.contains(&key) || COMPANIES.contains(&key) {
            m.label = Label::Org;
        }
    }
    // A person's name ends before a lowercase preposition: greedy decoding can run a PER tag
    // through "Dr Elena Ruiz of the University of Granada", which is a person and a place.
    for m in &mut out {
        if m.label != Label::Per {
            continue;
        }
        let cut = (m.tokens.start + 1..m.tokens.end).find(|&k| {
            tokens
                .get(k)
                .is_some_and(|t| matches!(t.text(text), "of" | "from" | "at" | "in" | "on" | "for"))
        });
        if let Some(k) = cut {
            if let Some(last) = tokens.get(k - 1) {
                m.tokens.end = k;
                m.end = last.end;
            }
        }
    }
    out
}

/// "the middle East" when the tagger left "East" untagged: a lowercase word and a capitalised
/// one that together name a known place (a gazetteer LOC phrase) become a place. Machine
/// translation lowercases the first word of such names; [`repair`] handles the case where the
/// tagger did tag the capitalised word. Articles stay out ("the Netherlands"), and so do
/// sentence-initial words, where capitals say nothing.
pub fn lowercase_places(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let lex = Lexicon::embedded();
    let mut found: Vec<Mention> = Vec::new();
    let mut next = 0;
    for k in 1..tokens.len() {
        while mentions.get(next).is_some_and(|m| m.tokens.end < k) {
            next += 1;
        }
        // Both tokens must be outside every mention.
        if mentions.get(next).is_some_and(|m| m.tokens.start <= k) {
            continue;
        }
        let (first, second) = (&tokens[k - 1], &tokens[k]);
        let (a, b) = (first.text(text), second.text(text));
        if first.kind != TokenKind::Word
            || second.kind != TokenKind::Word
            || a == "the"
            || !a.chars().next().is_some_and(|c| c.is_lowercase())
            || !tokenize::is_capitalized(b)
            || text.get(first.end..second.start) != Some(" ")
        {
            continue;
        }
        if lex.gazetteer_types(&[a, b]) & (1 << 2) != 0 {
            found.extend(make(tokens, k - 1..k + 1, Label::Loc));
        }
    }
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| m.tokens.start);
    }
}

/// Extend a mention over a following lowercase word when together they spell a person's full
/// name written properly elsewhere in the article ("Donald trump" when "Donald Trump" occurs);
/// the mention becomes PER ("President Donald trump" tagged LOC "Donald"). `full_names` are the
/// article's multi-word PER mentions, lowercased.
pub fn extend_lowercase_surnames(
    text: &str,
    tokens: &[Token],
    mentions: &mut [Mention],
    full_names: &[String],
) {
    for idx in 0..mentions.len() {
        let m = &mentions[idx];
        let next = m.tokens.end;
        let Some(t) = tokens.get(next) else { continue };
        let w = t.text(text);
        if t.kind != TokenKind::Word || !w.chars().next().is_some_and(|c| c.is_lowercase()) {
            continue;
        }
        let full = format!("{} {w}", lower(text.get(m.start..m.end).unwrap_or("")));
        if !full_names.contains(&full) {
            continue;
        }
        // Never run into the next mention.
        if mentions
            .get(idx + 1)
            .is_some_and(|n| n.tokens.start <= next)
        {
            continue;
        }
        let m = &mut mentions[idx];
        m.tokens.end = next + 1;
        m.end = t.end;
        m.label = Label::Per;
    }
}

/// A one-word mention that is the surname of a person named in full elsewhere in the article
/// is that person ("Stoltenberg" tagged ORG after "Jens Stoltenberg"). `surnames` are the
/// lowercase last words of the article's multi-word PER mentions.
pub fn surnames_are_people(text: &str, mentions: &mut [Mention], surnames: &[String]) {
    for m in mentions.iter_mut() {
        if m.label == Label::Per || m.tokens.len() != 1 {
            continue;
        }
        let w = lower(text.get(m.start..m.end).unwrap_or(""));
        if surnames.contains(&w) {
            m.label = Label::Per;
        }
    }
}

/// Ordinal words: a capitalised one at the head of a line ("Second test", "Fifth place")
/// looks like a name to the tagger, but alone it never is one.
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// Drop one-word mentions that are ordinal or calendar words (a dateline's "Sept." or
/// "Tuesday"). "May" stays: alone it is as often Theresa May. In CoNLL-2003 train and testa,
/// 2 of the 2,756 calendar words are a name alone.
///
/// A month abbreviation without its period is a date when a number follows ("Dec 3"), never a
/// person.
pub fn drop_non_names(text: &str, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        let w = text.get(m.start..m.end).unwrap_or("");
        let dated = || {
            !w.ends_with('.')
                && is_calendar_word(&format!("{w}."))
                && text
                    .get(m.end..)
                    .and_then(|rest| rest.trim_start().chars().next())
                    .is_some_and(|c| c.is_ascii_digit())
        };
        let never = ORDINALS.iter().any(|o| o.eq_ignore_ascii_case(w))
            || (is_calendar_word(w) && !w.eq_ignore_ascii_case("may"))
            || dated();
        m.tokens.len() != 1 || !never
    });
}

/// Hyphenated participles that make a place or company name an adjective ("Berlin-based",
/// "Honda-powered"): the word before a name, not part of it.
const ADJECTIVE_TAILS: &[&str] = &[
    "based",
    "backed",
    "owned",
    "led",
    "funded",
    "listed",
    "powered",
    "born",
    "made",
    "run",
    "controlled",
    "headquartered",
    "registered",
    "linked",
    "allied",
    "aligned",
];

/// "Berlin-based Interactive Brokers" is a MISC adjective and the name after it: a mention
/// whose first token is such a hyphenated adjective and that goes on is split there (CoNLL
/// tags the adjective MISC and the name after it on its own).
pub fn split_adjectives(text: &str, tokens: &[Token], mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let first = tokens.get(m.tokens.start).map_or("", |t| t.text(text));
        let adjective = first
            .rsplit_once('-')
            .is_some_and(|(head, tail)| !head.is_empty() && ADJECTIVE_TAILS.contains(&tail));
        if m.tokens.len() < 2 || !adjective {
            out.push(m);
            continue;
        }
        let cut = m.tokens.start + 1;
        out.extend(make(tokens, m.tokens.start..cut, Label::Misc));
        out.extend(make(tokens, cut..m.tokens.end, m.label));
    }
    out
}

/// Names never end on punctuation: a mention's trailing punctuation tokens ("Price" "."), which
/// the tagger may continue a name over at a sentence end, are cut off; a mention of nothing
/// but punctuation is dropped.
pub fn trim_punctuation(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    for m in mentions.iter_mut() {
        while m.tokens.len() > 1 {
            let Some(t) = tokens.get(m.tokens.end - 1) else {
                break;
            };
            if t.text(text).chars().any(char::is_alphanumeric) {
                break;
            }
            m.tokens.end -= 1;
            if let Some(prev) = tokens.get(m.tokens.end - 1) {
                m.end = prev.end;
            }
        }
    }
    mentions.retain(|m| {
        text.get(m.start..m.end)
            .is_some_and(|w| w.chars().any(char::is_alphanumeric))
    });
}

/// A multi-word place or organisation mention whose exact phrase the gazetteer lists only as a
/// person ("United States" + "Donald Trump" read as two places) is a person.
pub fn gazetteer_people(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    let lex = Lexicon::embedded();
    for m in mentions.iter_mut() {
        if m.label == Label::Per || m.label == Label::Misc || m.tokens.len() < 2 {
            continue;
        }
        let words: Vec<&str> = m
            .tokens
            .clone()
            .filter_map(|i| tokens.get(i))
            .map(|t| t.text(text))
            .collect();
        if lex.gazetteer_types(&words) == 1 {
            m.label = Label::Per;
        }
    }
}

/// Words that end a company's name after "and" ("Arthur Yates and Co"): the "and" is then part
/// of the name, not a coordination.
const COMPANY_TAILS: &[&str] = &[
    "co",
    "co.",
    "company",
    "sons",
    "partners",
    "associates",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "ltd",
    "ltd.",
    "brothers",
    "bros",
    "bros.",
];

/// Split "A and B" organisation mentions into A and B when the article mentions A or B on its
/// own elsewhere: the tagger joins coordinated names ("Lotte and Hyundai", "Braves and Cubs"),
/// while names that contain "and" ("Securities and Exchange Commission", "Marks and Spencer")
/// are not otherwise mentioned by their halves. `alone` holds the article's mention texts,
/// lowercased.
pub fn split_coordinations(
    text: &str,
    tokens: &[Token],
    mentions: Vec<Mention>,
    alone: &[String],
) -> Vec<Mention> {
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let and_at: Vec<usize> = m
            .tokens
            .clone()
            .filter(|&k| tokens.get(k).is_some_and(|t| t.text(text) == "and"))
            .collect();
        let [k] = and_at[..] else {
            out.push(m);
            continue;
        };
        let (left, right) = (m.tokens.start..k, k + 1..m.tokens.end);
        let phrase = |r: &Range<usize>| -> String {
            match (
                tokens.get(r.start),
                r.end.checked_sub(1).and_then(|e| tokens.get(e)),
            ) {
                (Some(a), Some(b)) if !r.is_empty() => {
                    lower(text.get(a.start..b.end).unwrap_or(""))
                }
                _ => String::new(),
            }
        };
        let capital = |r: &Range<usize>| {
            tokens
                .get(r.start)
                .is_some_and(|t| tokenize::is_capitalized(t.text(text)))
        };
        let (l, r) = (phrase(&left), phrase(&right));
        let splits = m.label == Label::Org
            && !l.is_empty()
            && !r.is_empty()
            && capital(&left)
            && capital(&right)
            && !COMPANY_TAILS.contains(&r.as_str())
            && (alone.contains(&l) || alone.contains(&r));
        if !splits {
            out.push(m);
            continue;
        }
        out.extend(make(tokens, left, Label::Org));
        out.extend(make(tokens, right, Label::Org));
    }
    out
}

fn make(tokens: &[Token], r: Range<usize>, label: Label) -> Option<Mention> {
    if r.is_empty() {
        return None;
    }
    let a = tokens.get(r.start)?;
    let b = tokens.get(r.end - 1)?;
    Some(Mention {
        start: a.start,
        end: b.end,
        label,
        tokens: r,
    })
}

fn split_roles(text: &str, tokens: &[Token], m: Mention) -> Vec<Mention> {
    let r = m.tokens.clone();
    let words: Vec<String> = r
        .clone()
        .map(|i| lower(tokens.get(i).map_or("", |t| t.text(text))))
        .collect();
    let Some(k) = words
        .iter()
        .position(|w| STRICT_ROLES.contains(&w.as_str()))
    else {
        return vec![m];
    };
    // The role run: the strict word, then words that continue a title ("Secretary General",
    // "Minister of State"); a run may also start one word earlier ("Prime Minister").
    let mut start = k;
    if start > 0 && ROLE_TAIL.contains(&words[start - 1].as_str()) {
        start -= 1;
    }
    let mut end = k + 1;
    while end < words.len()
        && (ROLE_TAIL.contains(&words[end].as_str()) || STRICT_ROLES.contains(&words[end].as_str()))
    {
        end += 1;
    }
    let head = r.start..r.start + start;
    let tail = r.start + end..r.end;
    let head_label = if m.label == Label::Per {
        Label::Org
    } else {
        m.label
    };
    let mut out = Vec::new();
    out.extend(make(tokens, head, head_label));
    out.extend(make(tokens, tail, Label::Per));
    out
}

fn split_country(text: &str, tokens: &[Token], m: Mention) -> Vec<Mention> {
    if m.label != Label::Loc {
        return vec![m];
    }
    let r = m.tokens.clone();
    let words: Vec<String> = r
        .clone()
        .map(|i| lower(tokens.get(i).map_or("", |t| t.text(text))))
        .collect();
    for p in COUNTRY_PREFIXES {
        if words.len() == p.len() + 2 && words.iter().zip(p.iter()).all(|(a, b)| a == b) {
            let rest_capitalised = r.clone().skip(p.len()).all(|i| {
                tokens
                    .get(i)
                    .is_some_and(|t| tokenize::is_capitalized(t.text(text)))
            });
            if rest_capitalised {
                let cut = r.start + p.len();
                let mut out = Vec::new();
                out.extend(make(tokens, r.start..cut, Label::Loc));
                out.extend(make(tokens, cut..r.end, Label::Per));
                return out;
            }
        }
    }
    vec![m]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t_of(text: &str) -> Vec<Token> {
        tokenize::tokenize(text)
    }

    fn mention(tokens: &[Token], r: Range<usize>, label: Label) -> Mention {
        make(tokens, r, label).expect("non-empty")
    }

    fn texts(text: &str, ms: &[Mention]) -> Vec<(String, Label)> {
        ms.iter()
            .map(|m| (text[m.start..m.end].to_string(), m.label))
            .collect()
    }

    #[test]
    fn a_hyphenated_adjective_is_cut_off_a_name_and_dates_are_no_people() {
        let text = "the Oslo-based Nordic Freight Lines said on Dec 3 that Dec Tully left";
        let t = t_of(text);
        let ms = vec![mention(&t, 1..5, Label::Org)];
        let want = [
            ("Oslo-based", Label::Misc),
            ("Nordic Freight Lines", Label::Org),
        ];
        assert_eq!(
            texts(text, &split_adjectives(text, &t, ms)),
            want.map(|(s, l)| (s.to_string(), l))
        );
        let at = |w: &str| t.iter().position(|x| x.text(text) == w).unwrap();
        let (d, tully) = (at("Dec"), at("Tully"));
        let mut ms = vec![
            mention(&t, d..d + 1, Label::Per),
            mention(&t, tully - 1..tully, Label::Per),
        ];
        drop_non_names(text, &mut ms);
        // "Dec 3" is a date; "Dec" before a word is left to the tagger.
        assert_eq!(texts(text, &ms), [("Dec".to_string(), Label::Per)]);
        assert_eq!(ms[0].start, t[tully - 1].start);
    }

    #[test]
    fn a_lowercased_place_name_is_found_when_untagged() {
        // The embedded gazetteer lists "middle east" and "north africa" as places.
        let text = "instability in North Africa and the middle East , a middle Eastern view";
        let t = t_of(text);
        let mut ms = vec![mention(&t, 2..4, Label::Loc)];
        lowercase_places(text, &t, &mut ms);
        let want = [("North Africa", Label::Loc), ("middle East", Label::Loc)];
        assert_eq!(texts(text, &ms), want.map(|(s, l)| (s.to_string(), l)));
        // A word inside a mention is left to the tagger.
        let mut ms = vec![mention(&t, 7..8, Label::Misc)];
        lowercase_places(text, &t, &mut ms);
        assert_eq!(texts(text, &ms), [("East".to_string(), Label::Misc)]);
    }

    #[test]
    fn well_known_companies_are_organisations() {
        let text = "Google said profits rose , Sony agreed";
        let t = t_of(text);
        let ms = vec![mention(&t, 0..1, Label::Per), mention(&t, 5..6, Label::Loc)];
        let got: Vec<Label> = repair(text, &t, ms).iter().map(|m| m.label).collect();
        assert_eq!(got, [Label::Org, Label::Org]);
    }

    #[test]
    fn coordinated_organisations_split_only_on_evidence() {
        let text = "Lotte and Hyundai drew , Arthur Yates and Co said";
        let t = t_of(text);
        let ms = vec![mention(&t, 0..3, Label::Org), mention(&t, 5..9, Label::Org)];
        // No mention of either half elsewhere: names with "and" stay whole.
        let kept = split_coordinations(text, &t, ms.clone(), &[]);
        assert_eq!(kept, ms);
        let alone = ["arthur yates".to_string(), "lotte".to_string()];
        let got = texts(text, &split_coordinations(text, &t, ms, &alone));
        let want = [
            ("Lotte", Label::Org),
            ("Hyundai", Label::Org),
            ("Arthur Yates and Co", Label::Org),
        ];
        assert_eq!(got, want.map(|(s, l)| (s.to_string(), l)));
        // Only organisations: "Trinidad and Tobago" is one place even after "Trinidad".
        let text = "Trinidad and Tobago";
        let t = t_of(text);
        let ms = vec![mention(&t, 0..3, Label::Loc)];
        assert_eq!(
            split_coordinations(text, &t, ms.clone(), &["trinidad".into()]),
            ms
        );
    }

    #[test]
    fn ordinal_and_calendar_words_alone_are_not_names() {
        let text = "Second test ( at Lord 's ) , Second Avenue , Sept. 20 , May said";
        let t = t_of(text);
        let at = |w: &str| t.iter().position(|x| x.text(text) == w).unwrap();
        let (sept, may) = (at("Sept."), at("May"));
        let mut ms = vec![
            mention(&t, 0..1, Label::Misc),
            mention(&t, 4..5, Label::Loc),
            mention(&t, 8..10, Label::Loc),
            mention(&t, sept..sept + 1, Label::Loc),
            mention(&t, may..may + 1, Label::Per),
        ];
        drop_non_names(text, &mut ms);
        let got: Vec<String> = texts(text, &ms).into_iter().map(|x| x.0).collect();
        assert_eq!(got, ["Lord", "Second Avenue", "May"]);
    }

    #[test]
    fn role_inside_a_span_is_cut_out() {
        let text = "NATO Secretary General Jens Stoltenberg said";
        let t = tokenize::tokenize(text);
        let out = repair(text, &t, vec![mention(&t, 0..5, Label::Org)]);
        let got: Vec<(&str, Label)> = out
            .iter()
            .map(|m| (&text[m.start..m.end], m.label))
            .collect();
        assert_eq!(
            got,
            [("NATO", Label::Org), ("Jens Stoltenberg", Label::Per)]
        );
        // "General Motors" is a company, not a title.
        let text = "NATO Secretary General Jens Stoltenberg said";
        let out = repair(
            text,
            &t_of(text),
            vec![mention(&t_of(text), 0..4, Label::Org)],
        );
        assert_eq!(&text[out[1].start..out[1].end], "Jens Stoltenberg");
        let text = "General Motors said";
        let t = tokenize::tokenize(text);
        let out = repair(text, &t, vec![mention(&t, 0..2, Label::Org)]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn names_end_before_punctuation_and_listed_people_are_people() {
        let text = "said engineer Owen Price . It met Donald Trump ; and ( )";
        let t = tokenize::tokenize(text);
        let mut ms = vec![
            mention(&t, 2..5, Label::Per),
            mention(&t, 7..9, Label::Loc),
            mention(&t, 11..13, Label::Org),
        ];
        trim_punctuation(text, &t, &mut ms);
        gazetteer_people(text, &t, &mut ms);
        assert_eq!(
            texts(text, &ms),
            [
                ("Owen Price".to_string(), Label::Per),
                ("Donald Trump".to_string(), Label::Per)
            ]
        );
    }

    #[test]
    fn a_first_name_after_a_title_joins_the_surname() {
        let text = "German Chancellor Angela Merkel met the Vice President Obama";
        let t = tokenize::tokenize(text);
        let ms = vec![
            mention(&t, 0..1, Label::Misc),
            mention(&t, 3..4, Label::Per),
            mention(&t, 8..9, Label::Per),
        ];
        assert_eq!(
            texts(text, &repair(text, &t, ms)),
            [
                ("German".to_string(), Label::Misc),
                ("Angela Merkel".to_string(), Label::Per),
                ("Obama".to_string(), Label::Per)
            ]
        );
    }

    #[test]
    fn country_glued_to_a_name_and_outlets() {
        let text = "the United States Donald Trump , writes The Guardian";
        let t = tokenize::tokenize(text);
        let out = repair(
            text,
            &t,
            vec![mention(&t, 1..5, Label::Loc), mention(&t, 7..9, Label::Loc)],
        );
        let got: Vec<(&str, Label)> = out
            .iter()
            .map(|m| (&text[m.start..m.end], m.label))
            .collect();
        assert_eq!(
            got,
            [
                ("United States", Label::Loc),
                ("Donald Trump", Label::Per),
                ("The Guardian", Label::Org)
            ]
        );
    }

    #[test]
    fn a_known_surname_is_a_person() {
        let text = "Jens Stoltenberg spoke . Stoltenberg left .";
        let t = tokenize::tokenize(text);
        let mut ms = vec![mention(&t, 0..2, Label::Per), mention(&t, 4..5, Label::Org)];
        surnames_are_people(text, &mut ms, &["stoltenberg".to_string()]);
        assert_eq!(ms[1].label, Label::Per);
    }

    #[test]
    fn lowercase_surname_is_taken_in() {
        let text = "President Donald trump said";
        let t = tokenize::tokenize(text);
        let mut ms = vec![mention(&t, 1..2, Label::Loc)];
        extend_lowercase_surnames(text, &t, &mut ms, &["donald trump".to_string()]);
        assert_eq!(&text[ms[0].start..ms[0].end], "Donald trump");
        assert_eq!(ms[0].label, Label::Per);
    }
}
