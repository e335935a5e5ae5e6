//! "The statement said": a definite document points back to where the article brought it in
//! ("Acme said in a statement", "Acme released a statement", "a statement by Acme", "Acme's
//! statement"), and speaks as that author, as the identity gold's conventions give a document
//! with one named author. Only a named author counts (a person or organisation the article
//! tags, or a capitalised name); a document brought in without one ("a report found …") names
//! nobody, and neither does one not brought in within a few paragraphs.

use super::*;

/// How far back (bytes) the earlier mention of the document is looked for.
const DOCUMENT_REACH: usize = 1500;

/// The author of the definite document `ws` (its head noun last) at `at`, by the rule in the
/// module comment. `resolve_name` turns a named mention into its speaker name.
pub(super) fn document_author(
    text: &str,
    entities: &[Entity],
    ws: &[Word],
    at: usize,
    resolve_name: &dyn Fn(Word) -> Option<String>,
) -> Option<String> {
    let first = ws.first().and_then(|w| text.get(w.start..w.end))?;
    if !first.eq_ignore_ascii_case("the") || ws.len() != 2 {
        return None;
    }
    let head = text.get(ws[1].start..ws[1].end)?;
    let mut from = at.saturating_sub(DOCUMENT_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = text.get(from..at)?;
    // The last earlier mention of the noun, as a word of its own, outside quotation marks.
    let occ = before
        .match_indices(head)
        .map(|(i, _)| from + i)
        .filter(|&i| {
            let prev = text.get(..i).and_then(|t| t.chars().next_back());
            let next = text.get(i + head.len()..).and_then(|t| t.chars().next());
            !prev.is_some_and(char::is_alphanumeric)
                && !next.is_some_and(char::is_alphanumeric)
                && !inside_quote(text, i)
        })
        .last()?;
    let occ_end = occ + head.len();
    // "a statement by Acme", "a letter from Ada Byron".
    let after = text.get(occ_end..).unwrap_or("");
    let by = [" by the ", " from the ", " by ", " from ", " issued by "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .map(|r| occ_end + (after.len() - r.len()));
    let named_at = |s: usize| {
        entities
            .iter()
            .find(|e| e.start == s && matches!(e.label, Label::Per | Label::Org))
            .and_then(|e| {
                resolve_name(Word {
                    start: e.start,
                    end: e.end,
                })
            })
    };
    if let Some(n) = by.and_then(named_at) {
        return Some(n);
    }
    // "Acme's statement", "Acme’s report".
    let pre = text.get(..occ)?.trim_end();
    if let Some(owner) = pre.strip_suffix("'s").or_else(|| pre.strip_suffix("’s")) {
        let e = entities
            .iter()
            .find(|e| e.end == owner.len() && matches!(e.label, Label::Per | Label::Org))?;
        return named_at(e.start);
    }
    // "Acme said in a statement", "Acme released a statement": the subject of the sentence
    // that brought the document in — with "a", so that it is brought in there and not named
    // again ("Hloba, said the statement"), and only a text its subject writes (a lawsuit or a
    // poll is about its subject as often).
    let brought_in = pre.ends_with(" a") || pre.ends_with(" an") || pre.ends_with("\na");
    let written = matches!(
        head,
        "statement" | "letter" | "release" | "memo" | "email" | "tweet" | "post" | "editorial"
    );
    if brought_in && !written {
        return reported_in(entities, pre).and_then(named_at);
    }
    if !brought_in {
        return None;
    }
    // (A quotation earlier in that sentence is someone's words: the subject comes after it.)
    let mut s = sentence_start_near(text, occ);
    if let Some((q, c)) = text
        .get(s..occ)
        .and_then(|t| t.char_indices().rfind(|&(_, c)| matches!(c, '”' | '"')))
    {
        s += q + c.len_utf8();
    }
    let f = sentence_subject(text, s, occ)?;
    // The subject issues the document: "Acme said in a statement", "Acme released a letter".
    let verb = text
        .get(f.mention.end..occ)?
        .split_whitespace()
        .find(|w| !is_ly_adverb(w))
        .unwrap_or("");
    let issues = is_cue_verb(verb)
        || matches!(
            verb,
            "issued" | "released" | "sent" | "published" | "posted" | "wrote" | "put"
        );
    // "Acme's campaign sent an email": the campaign, not its owner, wrote it.
    let possessed = text
        .get(f.mention.end..)
        .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s"));
    if f.kind != MentionKind::Name || !issues || possessed {
        return None;
    }
    resolve_name(f.mention)
}

/// "Acme said Monday in a report", "Ada Byron wrote in a study": a document of any kind that its
/// subject reports in. `pre` is the text before the document's noun, ending "in a" / "in an";
/// the cue verb right before "in" (a day between allowed) and a tagged person or organisation
/// right before the verb. Gives where that name starts.
fn reported_in(entities: &[Entity], pre: &str) -> Option<usize> {
    let rest = pre
        .strip_suffix(" a")
        .or_else(|| pre.strip_suffix(" an"))?
        .trim_end()
        .strip_suffix(" in")?
        .trim_end();
    let (mut head, mut last) = rest.rsplit_once(' ')?;
    if is_date_word(last) {
        (head, last) = head.trim_end().rsplit_once(' ')?;
    }
    if !is_cue_verb(last) || last.ends_with("ing") {
        return None;
    }
    let end = head.trim_end().len();
    entities
        .iter()
        .find(|e| e.end == end && matches!(e.label, Label::Per | Label::Org))
        .map(|e| e.start)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{ent, speakers};
    use super::*;

    #[test]
    fn the_statement_speaks_as_whoever_issued_it() {
        let t = "Acme Mining said in a statement on Monday that it would close the mine.\n\n\
                 “The decision was not taken lightly,” the statement said.";
        let ents = [ent(t, "Acme Mining", Label::Org, "Acme Mining")];
        assert_eq!(speakers(t, &ents), [Some("Acme Mining".to_string())]);
        let t = "Ada Byron's letter reached the court.\n\n“I regret nothing,” the letter said.";
        let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
        assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
        let t = "A report by Acme Mining came out.\n\n“Costs will rise,” the report said.";
        let ents = [ent(t, "Acme Mining", Label::Org, "Acme Mining")];
        assert_eq!(speakers(t, &ents), [Some("Acme Mining".to_string())]);
    }

    #[test]
    fn a_report_its_subject_said_something_in_speaks_as_that_subject() {
        let t = "Costs will double, the Acme Bank said Monday in a report.\n\n“Wages follow \
                 prices,” the report said.";
        let ents = [ent(t, "Acme Bank", Label::Org, "Acme Bank")];
        assert_eq!(speakers(t, &ents), [Some("Acme Bank".to_string())]);
        // A report someone only published is not theirs to speak for.
        let t = "The Acme Bank published a report.\n\n“Wages follow prices,” the report said.";
        let ents = [ent(t, "Acme Bank", Label::Org, "Acme Bank")];
        assert_eq!(speakers(t, &ents), [None]);
    }

    #[test]
    fn a_document_without_a_named_author_names_nobody() {
        let t = "A report found that costs had doubled.\n\n“Costs will rise,” the report said.";
        assert_eq!(speakers(t, &[]), [None]);
        let t = "“Costs will rise,” the report said.";
        assert_eq!(speakers(t, &[]), [None]);
        // A name quoted in the sentence that brought the document in is not its author.
        let t = "“Ada Byron called us,” Acme Mining said in a statement.\n\n“She was \
                 wrong,” the statement said.";
        let ents = [
            ent(t, "Ada Byron", Label::Per, "Ada Byron"),
            ent(t, "Acme Mining", Label::Org, "Acme Mining"),
        ];
        let acme = Some("Acme Mining".to_string());
        assert_eq!(speakers(t, &ents), [acme.clone(), acme]);
        // The document named again, not brought in: its sentence's subject is no author.
        let t = "Ada Byron, said the statement, was the best.\n\n“We wish her well,” the \
                 statement said.";
        let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
        assert_eq!(speakers(t, &ents), [None]);
    }
}
