//! A user's query text, made safe and meant before tantivy's query parser sees it: nesting is
//! capped (the parser recurses once per `(` or `NOT`, and 10,000 of them overflowed the stack),
//! and an apostrophe inside a word is part of the word (`Blair's`, `don't`, `Blair’s`), as in
//! the indexed text, rather than the start of a single-quoted phrase. Everything else is left
//! to the parser.

/// Deepest nesting of groups and `NOT`s accepted. Real queries nest a few levels; the parser
/// and the query tree built from it recurse per level, so this bounds their stack use.
pub const MAX_DEPTH: usize = 32;

/// Characters taken for an apostrophe between two letters or digits.
const APOSTROPHES: [char; 3] = ['\'', '\u{2019}', '\u{02BC}'];

/// Check the nesting and quote the words that hold an apostrophe. The error is a reason for a
/// one-line message.
pub fn prepare(text: &str) -> Result<String, String> {
    check_depth(text)?;
    Ok(quote_apostrophe_words(text))
}

/// Reject nesting deeper than [`MAX_DEPTH`]: open groups outside phrases plus a run of `NOT`s.
fn check_depth(text: &str) -> Result<(), String> {
    let (mut depth, mut nots, mut in_phrase, mut escaped) = (0usize, 0usize, false, false);
    let mut word = String::new();
    let end_word = |word: &mut String, nots: &mut usize| {
        if word == "NOT" {
            *nots += 1;
        } else if !word.is_empty() {
            *nots = 0;
        }
        word.clear();
    };
    for c in text.chars() {
        if escaped {
            escaped = false;
            word.push(c);
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => in_phrase = !in_phrase,
            _ if in_phrase => {}
            '(' => {
                end_word(&mut word, &mut nots);
                depth += 1;
            }
            ')' => {
                end_word(&mut word, &mut nots);
                depth = depth.saturating_sub(1);
                nots = 0;
            }
            c if c.is_whitespace() => end_word(&mut word, &mut nots),
            c => {
                // Only the length matters past three letters: "NOT" or not.
                if word.len() < 4 {
                    word.push(c);
                }
            }
        }
        if depth + nots > MAX_DEPTH {
            return Err(format!(
                "nested more than {MAX_DEPTH} levels deep (parentheses and NOTs); simplify it"
            ));
        }
    }
    Ok(())
}

/// Wrap every word that holds an apostrophe between two letters or digits in double quotes,
/// outside phrases: `Blair's` → `"Blair's"`, `title:don't` → `title:"don't"`. The field's
/// tokenizer then splits it as it split the text ("blair", "s"), as a phrase. A word that uses
/// other query syntax (`*`, `~`, `^`, ranges, escapes) is left alone.
fn quote_apostrophe_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_phrase = false;
    let mut rest = text;
    while !rest.is_empty() {
        if in_phrase {
            // Copy through the closing quote (or the end).
            let end = closing_quote(rest).map_or(rest.len(), |i| i + 1);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            in_phrase = false;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c == '"' {
            out.push('"');
            rest = &rest[1..];
            in_phrase = true;
            continue;
        }
        if c.is_whitespace() || c == '(' || c == ')' {
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        }
        // A run up to the next space, parenthesis or quote.
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | ')' | '"'))
            .map_or(rest.len(), |(i, _)| i);
        let run = &rest[..end];
        rest = &rest[end..];
        out.push_str(&quote_run(run));
    }
    out
}

/// One run of non-space characters: `[+-][field:]word`, the word quoted when it holds an
/// inner apostrophe.
fn quote_run(run: &str) -> String {
    if !has_inner_apostrophe(run)
        || run.contains(['*', '?', '~', '^', '[', ']', '{', '}', '\\'])
        || run.ends_with(':')
    {
        return run.to_string();
    }
    let occur = run.len() - run.trim_start_matches(['+', '-']).len();
    let (sign, rest) = run.split_at(occur);
    // A field prefix is letters, digits and `_` before the last `:` that is not inside the
    // word (`date:` and the like never hold an apostrophe).
    let (field, word) = match rest.find(':') {
        Some(i) if rest[..i].chars().all(|c| c.is_alphanumeric() || c == '_') => {
            rest.split_at(i + 1)
        }
        _ => ("", rest),
    };
    if !has_inner_apostrophe(word) {
        return run.to_string();
    }
    format!("{sign}{field}\"{word}\"")
}

fn has_inner_apostrophe(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars
        .windows(3)
        .any(|w| APOSTROPHES.contains(&w[1]) && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

/// The byte index of the next unescaped `"`.
fn closing_quote(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_with_apostrophes_become_phrases() {
        assert_eq!(prepare("Blair's").unwrap(), "\"Blair's\"");
        assert_eq!(
            prepare("don't won't").unwrap(),
            "\"don't\" \"won't\"",
            "two apostrophes once made one phrase between them"
        );
        assert_eq!(prepare("Blair’s plan").unwrap(), "\"Blair’s\" plan");
        assert_eq!(prepare("title:don't").unwrap(), "title:\"don't\"");
        assert_eq!(prepare("-Blair's +nato").unwrap(), "-\"Blair's\" +nato");
        assert_eq!(
            prepare("(Blair's OR Brown's)").unwrap(),
            "(\"Blair's\" OR \"Brown's\")"
        );
        // Inside a phrase, at a word's edge, or with other syntax: unchanged.
        assert_eq!(prepare("\"Blair's plan\"").unwrap(), "\"Blair's plan\"");
        assert_eq!(prepare("'single quoted'").unwrap(), "'single quoted'");
        assert_eq!(prepare("Blair's*").unwrap(), "Blair's*");
        assert_eq!(
            prepare("date:[2016 TO 2017]").unwrap(),
            "date:[2016 TO 2017]"
        );
    }

    #[test]
    fn deep_nesting_is_refused_shallow_is_not() {
        let deep = "(".repeat(10_000) + "a" + &")".repeat(10_000);
        assert!(prepare(&deep).unwrap_err().contains("nested"));
        let nots = "NOT ".repeat(10_000) + "a";
        assert!(prepare(&nots).is_err());
        let ok = "(".repeat(MAX_DEPTH) + "a" + &")".repeat(MAX_DEPTH);
        assert!(prepare(&ok).is_ok());
        // Parentheses inside a phrase are text; many groups side by side are not nesting.
        assert!(prepare(&format!("\"{}\"", "(".repeat(1000))).is_ok());
        assert!(prepare(&"(a) ".repeat(1000)).is_ok());
        assert!(prepare("NOT a NOT b NOT c").is_ok());
    }
}
