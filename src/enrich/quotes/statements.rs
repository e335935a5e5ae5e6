//! Statements: a quoted fragment inside a reported clause becomes the clause.
//!
//! Journalists often quote a few words inside their own paraphrase: `Trump said that there have
//! been “thousands of shootings” in Chicago this year alone.` The quoted words alone ("thousands
//! of shootings") are not what the speaker is reported to have said; the statement is the clause
//! after the reporting verb, with the quoted words marked inside it. PolNeAR annotates the
//! clause as the quote's content, and a reader searching one person's quotes needs it to know
//! what the fragment was about. On PolNeAR dev, 70 of the 142 direct quotes that
//! `quotes --speaker` could not match were such fragments, found with the right speaker.
//!
//! A direct quote becomes its clause when its quoted words begin in lowercase (a capital opens
//! the speaker's own sentence), its speaker's mention and cue come before it in the same sentence
//! and words of the journalist's other than "that" stand between the cue and the opening mark (so
//! `he said, “…”` and `he wrote that “…”` are left alone). The clause runs from the first word after the cue to the end of
//! the sentence; later fragments of the same clause with the same (or no) speaker are folded into
//! it. The quote keeps its speaker, cue and `how`; its text is the clause as written, quote marks
//! included, so the speaker's own words stay marked.

use super::cues;
use crate::article::{Quote, QuoteKind};

/// Longest clause made from a fragment, in bytes: a sentence longer than this is more likely a
/// misread boundary than one statement.
const MAX_CLAUSE: usize = 400;

fn is_open(c: char) -> bool {
    matches!(c, '“' | '"')
}

fn is_close(c: char) -> bool {
    matches!(c, '”' | '"')
}

/// The end of the sentence a quote ending at `end` (its inner end) belongs to: before the
/// sentence's final punctuation, or after a closing mark whose quoted words end the sentence.
fn sentence_end(text: &str, end: usize) -> Option<usize> {
    let mut in_quote = true;
    // Quoted words that end with the sentence's punctuation: the sentence ends at their mark.
    let mut pending = text.get(..end)?.trim_end().ends_with(['.', '?', '!']);
    let rest = text.get(end..)?;
    let mut it = rest.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let at = end + i;
        if at - end > MAX_CLAUSE {
            return None;
        }
        let next = it.peek().map(|&(_, n)| n);
        if c == '\n' {
            return Some(at);
        }
        if in_quote && is_close(c) {
            in_quote = false;
            if pending {
                return Some(at + c.len_utf8());
            }
        } else if !in_quote && is_open(c) {
            in_quote = true;
            pending = false;
        } else if matches!(c, '.' | '?' | '!') {
            let ends = match next {
                None => true,
                Some(n) => n.is_whitespace() || is_close(n),
            };
            if ends && in_quote {
                pending = true;
            } else if ends {
                return Some(at);
            }
        }
    }
    Some(text.len())
}

/// Where the clause of a fragment quote starts, when it is one (module docs).
fn clause_start(text: &str, q: &Quote) -> Option<usize> {
    let (mention_end, cue) = (q.speaker_end?, q.cue.as_deref()?);
    let open = text.get(..q.start)?.char_indices().next_back()?;
    if !is_open(open.1) || mention_end > open.0 {
        return None;
    }
    let gap = text.get(mention_end..open.0)?;
    if gap.contains('\n') || gap.contains(". ") || gap.chars().any(|c| is_open(c) || is_close(c)) {
        return None;
    }
    let lower = gap.to_lowercase();
    if lower.len() != gap.len() {
        return None;
    }
    let at = lower.find(&cue.to_lowercase())?;
    let after = at + cue.len();
    let words = gap.get(after..)?;
    // Only "that" between the cue and the quote (`he writes that “…”`): the quote is the whole
    // statement already.
    let between = words.trim_matches([' ', ',', ':']);
    if !between.chars().any(char::is_alphabetic) || between.eq_ignore_ascii_case("that") {
        return None;
    }
    let lead = words.len() - words.trim_start_matches([' ', ',', ':']).len();
    Some(mention_end + after + lead)
}

/// Turn fragment quotes into their clauses (module docs). `quotes` are the field's direct
/// quotes in text order.
pub(super) fn extend(text: &str, quotes: &mut Vec<Quote>) {
    let mut i = 0;
    while i < quotes.len() {
        let q = &quotes[i];
        // Quoted words that begin in lowercase continue the journalist's sentence; a capital
        // opens the speaker's own sentence, which is the statement already.
        let lowercase = q.text.chars().next().is_some_and(char::is_lowercase);
        let fragment =
            lowercase && q.kind == QuoteKind::Direct && q.speaker.is_some() && q.parts.is_empty();
        let span = fragment
            .then(|| clause_start(text, q))
            .flatten()
            .and_then(|s| Some((s, sentence_end(text, q.end)?)));
        let Some((start, mut end)) = span.filter(|&(s, e)| e > s && e - s <= MAX_CLAUSE) else {
            i += 1;
            continue;
        };
        // Later quotes inside the clause: the same statement when they share the speaker and
        // no reporting verb stands between (`called it “a start” but described…` is two).
        let mut inside = 0;
        let mut last = q.end;
        for o in quotes[i + 1..].iter().take_while(|o| o.start < end) {
            let between = text.get(last..o.start).unwrap_or_default();
            if between
                .split(|c: char| !c.is_alphabetic())
                .any(cues::is_cue_verb)
            {
                // The clause ends with the previous quote's closing mark.
                end = last + between.chars().next().map_or(0, char::len_utf8);
                break;
            }
            inside += 1;
            last = o.end;
        }
        let speaker = q.speaker.clone();
        if quotes[i + 1..i + 1 + inside]
            .iter()
            .any(|o| o.speaker.is_some() && o.speaker != speaker || o.end > end)
        {
            i += 1;
            continue;
        }
        let Some(clause) = text.get(start..end) else {
            i += 1;
            continue;
        };
        let clause = clause.trim_end_matches([',', ';', ' ']).to_string();
        let q = &mut quotes[i];
        q.end = start + clause.len();
        q.start = start;
        q.text = clause;
        quotes.drain(i + 1..i + 1 + inside);
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Field;

    fn quote(text: &str, words: &str, speaker: &str, cue: &str) -> Quote {
        let start = text.find(words).unwrap();
        let mention = text.find(speaker).unwrap();
        Quote {
            text: words.to_string(),
            field: Field::Body,
            start,
            end: start + words.len(),
            speaker: Some(speaker.to_string()),
            speaker_start: Some(mention),
            speaker_end: Some(mention + speaker.len()),
            cue: Some(cue.to_string()),
            kind: QuoteKind::Direct,
            how: None,
            parts: Vec::new(),
        }
    }

    #[test]
    fn a_fragment_in_a_reported_clause_becomes_the_clause() {
        let t =
            "Ada Byron said that the engine was “a marvel of the age” in every way. Then she left.";
        let mut qs = vec![quote(t, "a marvel of the age", "Ada Byron", "said")];
        extend(t, &mut qs);
        assert_eq!(qs.len(), 1);
        assert_eq!(
            qs[0].text,
            "that the engine was “a marvel of the age” in every way"
        );
        assert_eq!(&t[qs[0].start..qs[0].end], qs[0].text);
    }

    #[test]
    fn quoted_words_ending_the_sentence_keep_their_closing_mark() {
        let t = "Ada Byron warned that the plan was “doomed to fail.” Nobody answered.";
        let mut qs = vec![quote(t, "doomed to fail.", "Ada Byron", "warned")];
        extend(t, &mut qs);
        assert_eq!(qs[0].text, "that the plan was “doomed to fail.”");
    }

    #[test]
    fn two_fragments_of_one_clause_are_one_statement() {
        let t = "Ada Byron said the rival was “slow” and “a fraud” at heart.\n";
        let mut qs = vec![
            quote(t, "slow", "Ada Byron", "said"),
            quote(t, "a fraud", "Ada Byron", "said"),
        ];
        extend(t, &mut qs);
        assert_eq!(qs.len(), 1, "{qs:?}");
        assert_eq!(qs[0].text, "the rival was “slow” and “a fraud” at heart");
    }

    #[test]
    fn a_reporting_verb_between_two_fragments_makes_two_statements() {
        let t = "Ada Byron called the plan “a start” but described its pace as “far too slow.”";
        let mut qs = vec![
            quote(t, "a start", "Ada Byron", "called"),
            quote(t, "far too slow.", "Ada Byron", "called"),
        ];
        extend(t, &mut qs);
        assert_eq!(qs.len(), 2, "{qs:?}");
        assert_eq!(qs[0].text, "the plan “a start”");
        assert_eq!(qs[1].text, "far too slow.");
    }

    #[test]
    fn a_quote_right_after_its_cue_or_before_it_is_left_alone() {
        for (t, words) in [
            (
                "Ada Byron said, “The engine works.” She smiled.",
                "The engine works.",
            ),
            ("Ada Byron said: “The engine works.”", "The engine works."),
            ("“The engine works,” Ada Byron said.", "The engine works,"),
            // A capital opens the speaker's own sentence: the statement already.
            (
                "Ada Byron wrote that “Engines will think.”",
                "Engines will think.",
            ),
            (
                "Ada Byron said in London “The engine works.”",
                "The engine works.",
            ),
        ] {
            let mut qs = vec![quote(t, words, "Ada Byron", "said")];
            let before = qs.clone();
            extend(t, &mut qs);
            assert_eq!(qs, before, "{t}");
        }
    }

    #[test]
    fn a_clause_stops_at_another_speakers_reporting_verb() {
        let t = "Ada Byron said the rival was “slow” as Charles Babbage noted her “rash” moves.";
        let mut qs = vec![
            quote(t, "slow", "Ada Byron", "said"),
            quote(t, "rash", "Charles Babbage", "noted"),
        ];
        extend(t, &mut qs);
        assert_eq!(qs.len(), 2, "{qs:?}");
        assert_eq!(qs[0].text, "the rival was “slow”");
        assert_eq!(qs[0].speaker.as_deref(), Some("Ada Byron"));
        assert_eq!(qs[1].text, "her “rash” moves");
        assert_eq!(qs[1].speaker.as_deref(), Some("Charles Babbage"));
    }
}
