//! The `transcript` sieve: a speaker label opening a quote (`"PENCE: Well, look…"`).

use super::*;

/// A transcript's speaker label at the start of a quote's text (`PENCE: Well, look…`,
/// `WALLACE: But, Governor…`): one or two all-capital words of at least two letters, then a
/// colon. The label is the mention, taken only when it names a person the article tags
/// (`UPDATE:` or `NOTE:` never speak), and `Q:`/`A:` never match.
pub fn transcript_label(
    text: &str,
    start: usize,
    end: usize,
    entities: &[Entity],
) -> Option<Found> {
    let head = text.get(start..end.min(start + 40))?;
    let colon = super::super::spans::turn_label(head)?;
    let words: Vec<&str> = head.get(..colon)?.split(' ').collect();
    let last = words.last()?.trim_end_matches('.');
    // A label naming someone the article never tags is still a speaker (`WALLACE:` for the
    // moderator introduced only as "Chris"), unless it is one of the words that label a
    // paragraph rather than a voice.
    let person = entities.iter().any(|e| has_surname(e, last))
        || (words.len() == 1 && last.len() >= 3 && !is_section_label(last));
    if !person {
        return None;
    }
    let w = Word {
        start,
        end: start + colon,
    };
    Some(Found {
        cue: w,
        mention: w,
        kind: MentionKind::Name,
    })
}

/// Capitalised labels that head a paragraph without being anyone's name.
pub(super) fn is_section_label(w: &str) -> bool {
    matches!(
        w,
        "UPDATE"
            | "UPDATED"
            | "NOTE"
            | "EDITOR"
            | "EDITORS"
            | "WATCH"
            | "VIDEO"
            | "PHOTO"
            | "PHOTOS"
            | "AUDIO"
            | "BREAKING"
            | "CORRECTION"
            | "CLARIFICATION"
            | "SOURCE"
            | "SOURCES"
            | "READ"
            | "MORE"
            | "RELATED"
            | "EXCLUSIVE"
            | "ANALYSIS"
            | "OPINION"
            | "TRANSCRIPT"
            | "QUESTION"
            | "ANSWER"
            | "WARNING"
            | "SPOILER"
            | "PS"
            | "FACT"
            | "CHECK"
            | "TRUE"
            | "FALSE"
            | "VERDICT"
            | "RATING"
            | "SUMMARY"
            | "BACKGROUND"
            | "CONTEXT"
            | "LISTEN"
            | "SEE"
            | "ALSO"
            | "NEW"
            | "LIVE"
            | "DEVELOPING"
    )
}
