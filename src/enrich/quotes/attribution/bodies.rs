//! A definite description of an organisation as a speaker: "the ministry said", "the union
//! said in a statement", "according to the fund". The speaker is the organisation the article
//! named before with that head word in its name ("Ministry of Health", "International Monetary
//! Fund"), as the identity gold's conventions ask (an organisation by its name as the article
//! gives it). Precision first: any other word of the description must be in that name too ("the
//! health ministry" is "Ministry of Health", never "Ministry of Defence"), and two different
//! organisations that fit within a few paragraphs leave the quote without a speaker.

use super::*;

/// Head nouns of a description that names an organisation by what it is. Words that also name
/// a person's role (`is_role_noun`) or speak through their owner (`is_collective_noun`) are
/// left to those readers; "government" is left out on purpose: a government speaks as its
/// country, which the organisations named before it do not tell.
fn is_body_noun(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "ministry"
            | "department"
            | "agency"
            | "company"
            | "corporation"
            | "firm"
            | "union"
            | "party"
            | "council"
            | "commission"
            | "court"
            | "police"
            | "army"
            | "embassy"
            | "bank"
            | "authority"
            | "board"
            | "association"
            | "federation"
            | "organisation"
            | "organization"
            | "institute"
            | "university"
            | "foundation"
            | "fund"
            | "bureau"
            | "tribunal"
            | "parliament"
            | "coalition"
            | "alliance"
            | "society"
            | "centre"
            | "center"
            | "hospital"
            | "airline"
            | "group"
            | "club"
            | "regulator"
            | "watchdog"
    )
}

/// Heads that a company's own name seldom holds ("the company" for Acme Holdings): these
/// stand for the one organisation the text around names, when there is exactly one.
fn is_generic_body(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "company" | "firm" | "organisation" | "organization"
    )
}

/// Head nouns of an unnamed member speaking for an organisation: "an Acme official", "a
/// spokesperson for the ministry".
fn is_member_noun(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "official" | "spokesman" | "spokeswoman" | "spokesperson" | "representative"
    )
}

/// The one organisation (not a news outlet) named outside quotation marks in the paragraph of
/// `at` and the one before it, up to `at`; None when there are none or several.
fn only_body_nearby(text: &str, near: &[Entity], at: usize) -> Option<String> {
    use super::super::spans::para_start;
    let p = para_start(text, at);
    let before = text.get(..p).map_or(0, |t| t.trim_end().len());
    let from = if before == 0 {
        p
    } else {
        para_start(text, before)
    };
    let mut found: Option<&str> = None;
    for e in near.iter().filter(|e| {
        e.label == Label::Org && e.start >= from && e.end <= at && !is_media_name(&e.canonical)
    }) {
        if inside_quote(text, e.start) {
            continue;
        }
        if found.is_some_and(|f| f != e.canonical) {
            return None;
        }
        found = Some(&e.canonical);
    }
    let name = found?;
    Some(name.strip_prefix("The ").unwrap_or(name).to_string())
}

/// An unnamed member of a named organisation speaks for it, as the identity gold's
/// conventions ask: "an Acme official", "a spokesperson for Acme" — an indefinite phrase,
/// which brings in someone the article does not name ("the Acme official" is more often a
/// person named before: `role_holder`'s). The organisation is tagged inside the phrase, or
/// right after it behind "for", "of" or "at".
pub(super) fn member_body(text: &str, entities: &[Entity], m: Word) -> Option<String> {
    let ws = words(text, m.start, m.end);
    let head = ws.last().and_then(|w| text.get(w.start..w.end))?;
    if !is_member_noun(head) {
        return None;
    }
    let after = text.get(m.end..).unwrap_or("");
    let rest = after.trim_start();
    let rest = ["for the ", "of the ", "at the ", "for ", "of ", "at "]
        .iter()
        .find_map(|p| rest.strip_prefix(p));
    let behind = rest.map(|r| m.end + (after.len() - r.len()));
    let body = entities
        .iter()
        .filter(|e| e.label == Label::Org && !is_media_name(&e.canonical))
        .find(|e| (e.start >= m.start && e.end <= m.end) || Some(e.start) == behind)?;
    let name = body.canonical.as_str();
    Some(name.strip_prefix("The ").unwrap_or(name).to_string())
}

/// The organisation an "it" at `at` stands for when the subject of its sentence, or of the
/// sentence before (the one before a quotation the "it" follows), is a definite description of
/// one: "The ministry said it would …", "The union said so. ¶ “…,” it said.".
pub(super) fn described_subject(text: &str, entities: &[Entity], at: usize) -> Option<String> {
    let body = |from: usize, to: usize| {
        let f = sentence_subject(text, from, to)?;
        let ws = words(text, f.mention.start, f.mention.end);
        (f.kind == MentionKind::Role && f.mention.end <= at)
            .then(|| described_body(text, entities, &ws, f.mention.start))?
    };
    let s = sentence_start_near(text, at);
    let own = text.get(s..at).unwrap_or("");
    let quoted = own.contains(['“', '”', '"']);
    if !quoted {
        if let Some(b) = body(s, at) {
            return Some(b);
        }
    }
    // After a quotation, the sentence before the paragraph it opens.
    let s = if quoted {
        super::super::spans::para_start(text, at)
    } else {
        s
    };
    let end = text.get(..s).map_or(0, |t| t.trim_end().len());
    let p = sentence_start_near(text, end);
    if p >= end || text.get(p..end).is_none_or(|t| t.contains(['“', '”', '"'])) {
        return None;
    }
    body(p, end)
}

/// How far back (bytes) two fitting organisations make the description ambiguous: a few
/// paragraphs of news text.
const AMBIGUOUS_REACH: usize = 2000;

/// The organisation a definite description `ws` (its first word "the") at `at` stands for, by
/// the rule in the module comment; None when the phrase is no such description.
pub(super) fn described_body(
    text: &str,
    entities: &[Entity],
    ws: &[Word],
    at: usize,
) -> Option<String> {
    let at_word = |w: &Word| text.get(w.start..w.end).unwrap_or("");
    let (first, rest) = ws.split_first()?;
    let (head, mods) = rest.split_last()?;
    if !at_word(first).eq_ignore_ascii_case("the") || !is_body_noun(at_word(head)) {
        return None;
    }
    // Every modifier must be a word of the name: "the health ministry", "the state-run firm"
    // (which no name holds, so no speaker). A possessive or a name among them is someone
    // else's ("the party's leader" is no description of this kind).
    let mods: Vec<&str> = mods.iter().map(at_word).collect();
    if mods.iter().any(|m| is_punct(m) || m.contains(['’', '\''])) {
        return None;
    }
    let head = at_word(head);
    let holds = |name: &str, w: &str| {
        name.split([' ', '-'])
            .any(|n| n.eq_ignore_ascii_case(w) || n.eq_ignore_ascii_case(w.trim_end_matches('s')))
    };
    // A one-word name ("Commission") is no fuller than the description.
    let fits = |e: &Entity| {
        e.label == Label::Org
            && e.canonical.contains(' ')
            && e.end <= at
            && holds(&e.canonical, head)
            && mods.iter().all(|m| holds(&e.canonical, m))
            && !inside_quote(text, e.start)
    };
    let lo = entities.partition_point(|e| e.start < window_start(text, at));
    let near = entities.get(lo..).unwrap_or(&[]);
    let Some(nearest) = near.iter().rev().find(|e| fits(e)) else {
        return if mods.is_empty() && is_generic_body(head) {
            only_body_nearby(text, near, at)
        } else {
            None
        };
    };
    let reach = at.saturating_sub(AMBIGUOUS_REACH);
    let rival = near
        .iter()
        .any(|e| e.start >= reach && fits(e) && e.canonical != nearest.canonical);
    let name = nearest.canonical.as_str();
    // The gold writes an organisation without its leading article.
    let name = name.strip_prefix("The ").unwrap_or(name);
    (!rival).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::tests::ent;
    use super::*;

    fn body(t: &str, phrase: &str, orgs: &[&str]) -> Option<String> {
        let ents: Vec<Entity> = orgs.iter().map(|o| ent(t, o, Label::Org, o)).collect();
        let at = t.rfind(phrase).unwrap();
        let ws = words(t, at, at + phrase.len());
        described_body(t, &ents, &ws, at)
    }

    #[test]
    fn the_ministry_is_the_ministry_the_article_named() {
        let t = "The Ministry of Health opened a clinic. The ministry said it was proud.";
        assert_eq!(
            body(t, "The ministry", &["Ministry of Health"]).as_deref(),
            Some("Ministry of Health")
        );
        // A modifier must be in the name.
        let t = "The Ministry of Health opened a clinic. The defence ministry said no.";
        assert_eq!(
            body(t, "The defence ministry", &["Ministry of Health"]),
            None
        );
        let t = "The Ministry of Public Security acted. The public security ministry said so.";
        assert_eq!(
            body(
                t,
                "The public security ministry",
                &["Ministry of Public Security"]
            )
            .as_deref(),
            Some("Ministry of Public Security")
        );
    }

    #[test]
    fn an_unnamed_member_speaks_for_the_organisation() {
        let t = "Acme Holdings cut jobs. An Acme Holdings official said no.";
        let ents = [ent(t, "Acme Holdings", Label::Org, "Acme Holdings")];
        let at = t.find("An Acme").unwrap();
        let m = Word {
            start: at,
            end: at + "An Acme Holdings official".len(),
        };
        // (`ent` tags the first "Acme Holdings"; the one inside the phrase is tagged here.)
        let inside = Entity {
            start: at + 3,
            end: at + 3 + "Acme Holdings".len(),
            ..ents[0].clone()
        };
        assert_eq!(
            member_body(t, &[ents[0].clone(), inside], m).as_deref(),
            Some("Acme Holdings")
        );
        let t = "Acme Holdings cut jobs, a spokesperson for Acme Holdings said.";
        let at = t.find("a spokesperson").unwrap();
        let m = Word {
            start: at,
            end: at + "a spokesperson".len(),
        };
        let behind = Entity {
            start: t.rfind("Acme").unwrap(),
            end: t.rfind("Acme").unwrap() + "Acme Holdings".len(),
            ..ents[0].clone()
        };
        assert_eq!(
            member_body(t, &[ents[0].clone(), behind], m).as_deref(),
            Some("Acme Holdings")
        );
        // A person's role is no member of a body.
        let m = Word {
            start: 0,
            end: "Acme Holdings".len(),
        };
        assert_eq!(member_body(t, &ents, m), None);
    }

    #[test]
    fn the_company_is_the_one_organisation_named_around_it() {
        let t = "Acme Holdings cut jobs.\n\n“We regret it,” the company said.";
        assert_eq!(
            body(t, "the company", &["Acme Holdings"]).as_deref(),
            Some("Acme Holdings")
        );
        let t = "Acme Holdings sued Bolt Mining.\n\n“We regret it,” the company said.";
        assert_eq!(
            body(t, "the company", &["Acme Holdings", "Bolt Mining"]),
            None
        );
    }

    #[test]
    fn it_after_a_described_organisation_is_that_organisation() {
        // (The organisation named last is not the one the description stands for.)
        let t = "The Ministry of Health opened a clinic.\n\nThe ministry said Acme Builders \
                 would build it.\n\n“We are proud of it,” it said.";
        let ents = [
            ent(t, "Ministry of Health", Label::Org, "Ministry of Health"),
            ent(t, "Acme Builders", Label::Org, "Acme Builders"),
        ];
        assert_eq!(
            super::super::tests::speakers(t, &ents),
            [Some("Ministry of Health".to_string())]
        );
    }

    #[test]
    fn two_fitting_organisations_leave_the_description_unresolved() {
        let t = "The Ministry of Health met the Ministry of Finance. The ministry said no.";
        assert_eq!(
            body(
                t,
                "The ministry",
                &["Ministry of Health", "Ministry of Finance"]
            ),
            None
        );
    }

    #[test]
    fn only_a_definite_body_noun_with_a_named_organisation_speaks() {
        let t = "Acme Mining Union went on strike. A union said no.";
        assert_eq!(body(t, "A union", &["Acme Mining Union"]), None);
        let t = "Acme Mining Union went on strike. The spokesman said no.";
        assert_eq!(body(t, "The spokesman", &["Acme Mining Union"]), None);
        // No organisation of that kind named: nobody.
        let t = "Ada Byron went on strike. The union said no.";
        assert_eq!(body(t, "The union", &[]), None);
        // A name inside quotation marks is not the narration's.
        let t = "“Acme Union is weak,” Ada Byron wrote. The union said no.";
        assert_eq!(body(t, "The union", &["Acme Union"]), None);
    }
}
