//! Plain-text articles: line 1 is the headline, then a blank line, then paragraphs (the seed,
//! BBC and PolNeAR shape). Title and body are slices of the decoded text, verbatim, so every
//! offset maps straight back to the file.

use super::require_text;
use crate::article::Article;
use crate::error::Rejection;

/// A first line longer than this is a paragraph, not a headline (headlines in the BBC and
/// PolNeAR corpora stay under 150 characters).
const MAX_TITLE_CHARS: usize = 300;

pub fn parse(text: &str) -> Result<Article, Rejection> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Lines may end in \n, \r\n or a lone \r (old Mac files).
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let first = &text[..line_end];
    // `nth` rather than `count`: a 10 MB one-line file need not be counted to the end.
    let (title, rest) = if first.chars().nth(MAX_TITLE_CHARS).is_some() {
        ("", text)
    } else {
        (first.trim(), &text[line_end..])
    };
    let body = rest.trim_start_matches(['\n', '\r', ' ', '\t']).trim_end();
    let a = Article {
        title: title.to_string(),
        body: body.to_string(),
        ..Article::default()
    };
    require_text(&a)?;
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_blank_line_paragraphs() {
        let a = parse("Headline here\n\nFirst para.\n\nSecond para.\n").unwrap();
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.body, "First para.\n\nSecond para.");
    }

    #[test]
    fn cr_only_line_endings() {
        let a = parse("Title\r\rBody one.\rBody two.").unwrap();
        assert_eq!(a.title, "Title");
        assert_eq!(a.body, "Body one.\rBody two.");
    }

    #[test]
    fn whitespace_only_is_rejected() {
        assert!(parse(" \n\n \t\n").is_err());
    }

    #[test]
    fn a_long_first_line_is_body() {
        let long = "word ".repeat(100);
        let a = parse(&long).unwrap();
        assert_eq!(a.title, "");
        assert_eq!(a.body, long.trim_end());
    }

    proptest::proptest! {
        /// DESIGN.md: a plain-text article's title and body are the file's own text, verbatim.
        #[test]
        fn title_and_body_are_slices_of_the_text(s in "\\PC{0,400}") {
            if let Ok(a) = parse(&s) {
                proptest::prop_assert!(s.contains(a.title.as_str()));
                proptest::prop_assert!(s.contains(a.body.as_str()));
            }
        }

        /// The same on text shaped like articles: short lines, blank lines, every line ending.
        #[test]
        fn title_and_body_are_slices_of_article_shaped_text(
            s in "([A-Za-zé“” ,.]{0,40}(\n|\r\n|\r|\n\n|\r\r)){0,12}"
        ) {
            if let Ok(a) = parse(&s) {
                proptest::prop_assert!(s.contains(a.title.as_str()));
                proptest::prop_assert!(s.contains(a.body.as_str()));
                proptest::prop_assert!(!a.title.contains(['\n', '\r']));
            }
        }
    }
}
