//! Is this plain text an article at all? Folders of articles also hold word lists, data files
//! and documentation (Reuters-21578 ships topic lists, a Prolog file of country facts, category
//! notes and its README as `.txt`). Indexed as articles they become thousands of junk entities
//! and quotes, so they are skipped with a reason instead, recognised by their shape rather than
//! by their names.
//!
//! Each rule was checked against every article of the BBC, PolNeAR and Worldwide-News corpora
//! (4,243 files, none flagged) and the Reuters auxiliary files (all eight flagged).

/// The reason a text is not an article, or `None` when it may be one.
pub fn not_an_article(text: &str) -> Option<&'static str> {
    let mut lines = 0usize;
    let mut one_token = 0usize;
    for line in text.lines() {
        let mut words = line.split_whitespace();
        if words.next().is_none() {
            continue;
        }
        lines += 1;
        one_token += usize::from(words.next().is_none());
    }
    // A list of terms, one a line ("amex", "asx", …). Articles hold a few one-word lines (a
    // byline, "Advertisement"); the most in the corpora above is under half.
    if lines >= 5 && one_token * 10 >= lines * 9 {
        return Some("not an article: a word list (one term a line)");
    }
    // Data or code: prose is at most 9% punctuation and symbols in the corpora above, the
    // Prolog facts file 27%.
    let chars = text.chars().count();
    let symbols = text
        .chars()
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
        .count();
    if chars > 200 && symbols * 100 > chars * 15 {
        return Some("not an article: mostly symbols (data or code, not prose)");
    }
    // A plain-text article starts with its headline on line 1. A text that starts with blank
    // lines is a document laid out for print: with an indented (centred) title it is a cover
    // page; with almost no sentences (under one sentence end per 100 words) a table or notes.
    let starts_blank = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .is_some_and(|l| l.trim().is_empty());
    if starts_blank {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if first.starts_with([' ', '\t']) {
            return Some("not an article: no headline on line 1 (a document's centred title page)");
        }
        let words = text.split_whitespace().count();
        if words >= 300 && sentence_ends(text) * 100 < words {
            return Some(
                "not an article: no headline on line 1 and almost no sentences (a table or notes)",
            );
        }
    }
    None
}

/// Words that end a sentence: a letter or digit, then `.`, `!` or `?`, maybe a closing quote or
/// bracket, then whitespace or the end.
fn sentence_ends(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| {
            let w = w.trim_end_matches(['"', '\'', '”', '’', ')']);
            let mut rev = w.chars().rev();
            matches!(rev.next(), Some('.' | '!' | '?'))
                && rev.next().is_some_and(char::is_alphanumeric)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_passes() {
        let a = "Markets rally\n\nShares rose on Monday. \"It was a good day,\" a trader said.\n";
        assert_eq!(not_an_article(a), None);
        // One paragraph without any sentence end is still an article: the rules need a blank
        // first line before they count sentences.
        assert_eq!(not_an_article(&"word ".repeat(400)), None);
    }

    #[test]
    fn a_word_list_is_not_an_article() {
        let list = "amex\nasx\nbiffex\ncboe\ncbt\ncme\n";
        assert!(not_an_article(list).unwrap().contains("word list"));
    }

    #[test]
    fn facts_in_code_are_not_an_article() {
        let facts = "fact(\"Aland\", \"Capital\", [\"Mariehamn\"]).\n".repeat(20);
        assert!(not_an_article(&facts).unwrap().contains("symbols"));
    }

    #[test]
    fn a_document_with_a_cover_page_is_not_an_article() {
        let doc = "\n          A Test Collection\n             README file\n\nI. Introduction\n\nThis describes it.\n";
        assert!(not_an_article(doc).unwrap().contains("title page"));
    }

    #[test]
    fn notes_without_sentences_after_a_blank_line_are_not_an_article() {
        let notes = format!(
            "\nSome notes\n\n{}",
            "Trade balance\nGold price\n".repeat(80)
        );
        assert!(not_an_article(&notes).unwrap().contains("sentences"));
    }
}
