//! A user's query text, made safe and meant before tantivy's query parser sees it: nesting is
//! capped (the parser recurses once per `(` or `NOT`, and 10,000 of them overflowed the stack),
//! and an apostrophe inside a word is part of the word (`Blair's`, `don't`, `Blair’s`), as in
//! the indexed text, rather than the start of a single-quoted phrase. Dates after `date:` are
//! widened to the ranges tantivy takes (`date:2005` is all of 2005). Everything else is left
//! to the parser, whose errors [`explain`] turns into a hint: the unbalanced quote or
//! parenthesis, the valid field names, the date forms.

use tantivy::query::QueryParserError;

/// The field prefixes a user query may use (the documented ones; the schema has more).
pub const QUERY_FIELDS: [&str; 10] = [
    "title:", "body:", "person:", "org:", "place:", "speaker:", "quote:", "section:", "date:",
    "lang:",
];

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

/// A parser error as a hint the user can act on; `text` is the query as typed.
pub fn explain(e: &QueryParserError, text: &str) -> String {
    match e {
        QueryParserError::FieldDoesNotExist(name) => format!(
            "`{name}:` is not a field; the fields are {} (put a word that holds a colon in quotes: \"a:b\")",
            QUERY_FIELDS.join(" ")
        ),
        QueryParserError::DateFormatError(_) => {
            "date: takes YYYY, YYYY-MM or YYYY-MM-DD, or a range of them: date:[2016-01 TO 2016-06]"
                .to_string()
        }
        QueryParserError::SyntaxError(_) => syntax_hint(text).unwrap_or_else(|| {
            "it does not parse; the syntax is in `morgue search --help`".to_string()
        }),
        other => other.to_string(),
    }
}

/// What is most likely wrong with a query the parser refused.
fn syntax_hint(text: &str) -> Option<String> {
    let (mut quotes, mut open, mut escaped) = (0usize, 0i64, false);
    let mut in_phrase = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                quotes += 1;
                in_phrase = !in_phrase;
            }
            '(' if !in_phrase => open += 1,
            ')' if !in_phrase => {
                open -= 1;
                if open < 0 {
                    return Some("a `)` closes no `(`; remove it or add the `(`".into());
                }
            }
            _ => {}
        }
    }
    if quotes % 2 == 1 {
        return Some(
            "unbalanced `\"`: a phrase is opened and never closed; add the closing `\"`".into(),
        );
    }
    if open > 0 {
        return Some("unbalanced `(`: a group is opened and never closed; add the `)`".into());
    }
    let last = text.split_whitespace().last().unwrap_or("");
    if ["AND", "OR", "NOT"].contains(&last) {
        return Some(format!("`{last}` at the end needs a word after it"));
    }
    if let Some(word) = text
        .split_whitespace()
        .find(|w| w.ends_with(':') && w.len() > 1)
    {
        return Some(format!(
            "`{word}` needs a word or \"phrase\" right after the colon"
        ));
    }
    None
}

/// Widen the dates after `date:` to what tantivy's date field takes: a bare `YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD` becomes the range covering it, and range bounds in those forms
/// become RFC 3339 instants (a lower bound at the start of its first day, an upper one at the
/// end of its last). Anything else is left for the parser to refuse.
pub fn rewrite_dates(q: &str) -> String {
    let mut out = String::with_capacity(q.len() + 32);
    let mut rest = q;
    while let Some(pos) = rest.find("date:") {
        out.push_str(&rest[..pos + 5]);
        rest = &rest[pos + 5..];
        let Some(open) = rest.chars().next() else {
            continue;
        };
        if open != '[' && open != '{' {
            // One value, up to a space or a closing parenthesis.
            let end = rest
                .find(|c: char| c.is_whitespace() || c == ')')
                .unwrap_or(rest.len());
            if let Some((lo, hi)) = date_span(&rest[..end]) {
                out.push_str(&format!("[{lo}T00:00:00Z TO {hi}T23:59:59Z]"));
                rest = &rest[end..];
            }
            continue;
        }
        let Some(close) = rest.find([']', '}']) else {
            continue;
        };
        let inner = &rest[1..close];
        let parts: Vec<&str> = inner.split(" TO ").map(str::trim).collect();
        if parts.len() == 2 {
            let bound = |s: &str, upper: bool| match date_span(s) {
                Some((lo, _)) if !upper => format!("{lo}T00:00:00Z"),
                Some((_, hi)) => format!("{hi}T23:59:59Z"),
                None => s.to_string(),
            };
            out.push(open);
            out.push_str(&format!(
                "{} TO {}",
                bound(parts[0], false),
                bound(parts[1], true)
            ));
            out.push_str(&rest[close..close + 1]);
            rest = &rest[close + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The first and last day (`YYYY-MM-DD`) of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` for
/// anything else, a month past 12 or a day the month does not have.
fn date_span(s: &str) -> Option<(String, String)> {
    use chrono::NaiveDate;
    let parts: Vec<&str> = s.split('-').collect();
    let widths = [4, 2, 2];
    if parts.len() > 3
        || parts
            .iter()
            .zip(widths)
            .any(|(p, w)| p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = n(0)? as i32;
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match (n(1), n(2)) {
        (None, _) => Some((format!("{year:04}-01-01"), format!("{year:04}-12-31"))),
        (Some(m), None) => {
            let first = NaiveDate::from_ymd_opt(year, m, 1)?;
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, m + 1, 1)?
            };
            Some((fmt(first), fmt(next.pred_opt()?)))
        }
        (Some(m), Some(d)) => {
            let day = fmt(NaiveDate::from_ymd_opt(year, m, d)?);
            Some((day.clone(), day))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_the_ranges_they_cover() {
        assert_eq!(
            rewrite_dates("nato date:[2016-01-01 TO 2016-12-31]"),
            "nato date:[2016-01-01T00:00:00Z TO 2016-12-31T23:59:59Z]"
        );
        assert_eq!(
            rewrite_dates("date:2016-11-20"),
            "date:[2016-11-20T00:00:00Z TO 2016-11-20T23:59:59Z]"
        );
        assert_eq!(
            rewrite_dates("date:[2015 TO 2016]"),
            "date:[2015-01-01T00:00:00Z TO 2016-12-31T23:59:59Z]"
        );
        assert_eq!(
            rewrite_dates("date:2005 nato"),
            "date:[2005-01-01T00:00:00Z TO 2005-12-31T23:59:59Z] nato"
        );
        assert_eq!(
            rewrite_dates("(date:2016-02)"),
            "(date:[2016-02-01T00:00:00Z TO 2016-02-29T23:59:59Z])"
        );
        assert_eq!(
            rewrite_dates("date:[2016-03 TO 2016-04}"),
            "date:[2016-03-01T00:00:00Z TO 2016-04-30T23:59:59Z}"
        );
        // Not a date: left for the parser to refuse.
        for q in [
            "date:",
            "date:soon",
            "date:2016-13",
            "date:2015-02-29",
            "date:16",
        ] {
            assert_eq!(rewrite_dates(q), q);
        }
    }

    #[test]
    fn syntax_errors_say_what_is_wrong() {
        let hint = |q: &str| syntax_hint(q).unwrap_or_default();
        assert!(hint("\"blair").contains("unbalanced `\"`"));
        assert!(hint("speaker:\"tony blair").contains("unbalanced `\"`"));
        assert!(hint("(nato").contains("unbalanced `(`"));
        assert!(hint("nato)").contains("closes no `(`"));
        assert!(hint("a AND").contains("`AND` at the end"));
        assert!(hint("title:").contains("`title:` needs a word"));
        assert!(
            hint("\"(\" nato").is_empty(),
            "a parenthesis in a phrase is text"
        );
        let e = explain(
            &QueryParserError::FieldDoesNotExist("foo".into()),
            "foo:bar",
        );
        assert!(
            e.contains("`foo:` is not a field") && e.contains("speaker:"),
            "{e}"
        );
    }

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
