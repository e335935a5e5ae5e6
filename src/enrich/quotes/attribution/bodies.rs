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
    let nearest = near.iter().rev().find(|e| fits(e))?;
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
