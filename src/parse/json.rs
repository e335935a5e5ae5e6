//! JSON articles: one object, an array of objects, or JSON Lines. Field names vary between
//! scrapers and APIs, so each article field is looked up under its common aliases.

use serde_json::{Map, Value};

use super::{normalize_date, require_text, ParseLimits, Parsed};
use crate::article::Article;
use crate::error::Rejection;

const TITLE: &[&str] = &["title", "headline", "name", "heading"];
const BODY: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "maintext",
    "story",
    "full_text",
    "description",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedAt",
    "pubDate",
    "datePublished",
    "date_publish",
    "created_at",
    "timestamp",
];
const URL: &[&str] = &["url", "link", "uri", "permalink"];
const AUTHOR: &[&str] = &["authors", "author", "byline", "creator"];
const SOURCE: &[&str] = &[
    "source",
    "outlet",
    "publisher",
    "site_name",
    "source_name",
    "site",
];

/// A `.json` file: one article object or an array of them.
pub fn parse_document(text: &str, limits: ParseLimits) -> Result<Parsed, Rejection> {
    check_depth(text, limits)?;
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Rejection::failed(format!("malformed JSON: {e}")))?;
    let mut parsed = Parsed::default();
    match value {
        Value::Object(obj) => parsed
            .articles
            .push(article(&obj).map_err(Rejection::failed)?),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                match item
                    .as_object()
                    .ok_or_else(|| "not a JSON object".to_string())
                    .and_then(article)
                {
                    Ok(mut a) => {
                        a.path = (i + 1).to_string();
                        parsed.articles.push(a);
                    }
                    Err(reason) => parsed.problem(format!("record {}: {reason}", i + 1)),
                }
            }
            if parsed.articles.is_empty() {
                return Err(match parsed.problems.first() {
                    Some(p) => Rejection::failed(format!("no article in the array ({p})")),
                    None => Rejection::skipped("empty JSON array"),
                });
            }
        }
        _ => {
            return Err(Rejection::failed(
                "JSON is neither an article object nor an array of them",
            ))
        }
    }
    Ok(parsed)
}

/// A `.jsonl`/`.ndjson` file: one article per line; bad lines become problems, not failures.
pub fn parse_lines(text: &str, limits: ParseLimits) -> Result<Parsed, Rejection> {
    let mut parsed = Parsed::default();
    for (i, line) in lines(text).enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match parse_line(line, limits) {
            Ok(mut a) => {
                a.path = (i + 1).to_string();
                parsed.articles.push(a);
            }
            Err(reason) => parsed.problem(format!("line {}: {reason}", i + 1)),
        }
    }
    if parsed.articles.is_empty() {
        return Err(match parsed.problems.first() {
            Some(p) => Rejection::failed(format!("no valid line ({p})")),
            None => Rejection::skipped("no text (only blank lines)"),
        });
    }
    Ok(parsed)
}

/// One JSON Lines record (trimmed, not blank): its article, or why the line is not one.
pub fn parse_line(line: &str, limits: ParseLimits) -> Result<Article, String> {
    check_depth(line, limits)
        .map_err(|r| r.reason)
        .and_then(|_| {
            serde_json::from_str::<Value>(line).map_err(|e| format!("malformed JSON: {e}"))
        })
        .and_then(|v| match v {
            Value::Object(obj) => article(&obj),
            _ => Err("not a JSON object".to_string()),
        })
}

/// Lines ending in `\n`, `\r\n` or a lone `\r` (old Mac files). Splitting on a bare `\r` is
/// safe for JSON Lines: JSON forbids raw control characters inside strings, and between tokens
/// `\r` is only whitespace.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.find(['\n', '\r']) {
            Some(i) => {
                let skip = if t[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&t[i + skip..]);
                Some(&t[..i])
            }
            None => {
                rest = None;
                (!t.is_empty()).then_some(t)
            }
        }
    })
}

/// serde_json refuses a 128th level of nesting whatever `--max-depth` says (its recursion limit
/// is fixed unless its `unbounded_depth` feature is on, and then deep input can overflow the
/// stack), so a larger limit is capped here, with a reason that does not tell the user to raise
/// a flag that cannot help.
const JSON_PARSER_MAX_DEPTH: usize = 127;

/// serde_json has its own recursion limit, but a cheap scan gives a clearer reason and lets the
/// limit be configured (lower).
fn check_depth(text: &str, limits: ParseLimits) -> Result<(), Rejection> {
    let limit = limits.max_depth.min(JSON_PARSER_MAX_DEPTH);
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_str {
            match (esc, b) {
                (true, _) => esc = false,
                (false, b'\\') => esc = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'{' | b'[' => {
                depth += 1;
                max = max.max(depth);
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if max > limit {
            let hint = if limit < limits.max_depth {
                "the JSON parser's own limit"
            } else {
                "raise it with --max-depth"
            };
            return Err(Rejection::failed(format!(
                "JSON nested deeper than {limit} levels ({hint})"
            )));
        }
    }
    Ok(())
}

fn article(obj: &Map<String, Value>) -> Result<Article, String> {
    let title = first_string(obj, TITLE).unwrap_or_default();
    let body = first_string(obj, BODY).unwrap_or_default();
    let a = Article {
        title: title.trim().to_string(),
        body: body.trim().to_string(),
        date: first_string(obj, DATE).and_then(|d| normalize_date(&d)),
        url: first_string(obj, URL),
        authors: authors(obj),
        source: first_string(obj, SOURCE),
        ..Article::default()
    };
    if a.title.is_empty() && a.body.is_empty() {
        // Keys are escaped and shortened: they are the file's data and may hold newlines or run
        // to megabytes, and the reason must stay one readable line.
        let keys: Vec<String> = obj.keys().take(8).map(|k| short_escaped(k)).collect();
        return Err(format!(
            "no title or text field (keys: {})",
            keys.join(", ")
        ));
    }
    require_text(&a).map_err(|r| r.reason)?;
    Ok(a)
}

/// A key as it would be written in Rust source (`\n` for a newline), cut to 40 characters.
fn short_escaped(k: &str) -> String {
    let mut out: String = k.chars().take(40).flat_map(char::escape_debug).collect();
    if k.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

/// The first alias holding a usable string; objects like `{"name": …}` count (publisher
/// objects), numbers count for dates given as Unix timestamps.
fn first_string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => ["name", "title", "text"]
            .iter()
            .find_map(|k| o.get(*k)?.as_str().map(str::to_string)),
        _ => None,
    })
}

fn authors(obj: &Map<String, Value>) -> Vec<String> {
    let name = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string()),
        _ => None,
    };
    for k in AUTHOR {
        let found: Vec<String> = match obj.get(*k) {
            Some(Value::Array(items)) => items.iter().filter_map(name).collect(),
            Some(v) => name(v).into_iter().collect(),
            None => continue,
        };
        let found: Vec<String> = found.into_iter().filter(|s| !s.is_empty()).collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_read() {
        let p = parse_document(
            r#"{"headline":"H","content":"C","published":"2016-11-20T10:00:00Z","link":"http://x","byline":["A","B"],"publisher":{"name":"The Daily"}}"#,
            ParseLimits::default(),
        )
        .unwrap();
        let a = &p.articles[0];
        assert_eq!((a.title.as_str(), a.body.as_str()), ("H", "C"));
        assert_eq!(a.date.as_deref(), Some("2016-11-20T10:00:00Z"));
        assert_eq!(a.authors, vec!["A", "B"]);
        assert_eq!(a.source.as_deref(), Some("The Daily"));
    }

    #[test]
    fn bad_line_is_a_problem_not_a_failure() {
        let p = parse_lines(
            "{\"title\":\"a\",\"text\":\"b\"}\n{broken\n{\"title\":\"c\",\"text\":\"d\"}\n",
            ParseLimits::default(),
        )
        .unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].starts_with("line 2:"), "{:?}", p.problems);
        assert_eq!(p.articles[1].path, "3");
    }

    #[test]
    fn cr_only_lines_are_lines() {
        let p = parse_lines(
            "{\"title\":\"a\",\"text\":\"b\"}\r{\"title\":\"c\",\"text\":\"d\"}\r\n\r\n{bad\r",
            ParseLimits::default(),
        )
        .unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[1].path, "2");
        assert_eq!(
            p.problems,
            vec!["line 4: malformed JSON: key must be a string at line 1 column 2"]
        );
    }

    #[test]
    fn problems_are_capped_and_counted() {
        let text = "x\n".repeat(1000) + "{\"title\":\"a\",\"text\":\"b\"}";
        let p = super::super::parse(
            crate::read::Format::Jsonl,
            &text,
            super::super::Origin {
                path: "f",
                section: "",
            },
            ParseLimits::default(),
        )
        .unwrap();
        assert_eq!(p.bad_records, 1000);
        assert_eq!(p.problems.len(), super::super::MAX_PROBLEMS + 1);
        assert_eq!(p.problems.last().unwrap(), "and 990 more not listed");
    }

    #[test]
    fn keys_in_reasons_are_escaped_and_short() {
        let long = "k".repeat(100);
        let r = parse_document(
            &format!("{{\"a\\nb\":1,\"{long}\":2}}"),
            ParseLimits::default(),
        )
        .unwrap_err();
        assert!(r.reason.contains("a\\nb"), "{}", r.reason);
        assert!(!r.reason.contains('\n'));
        assert!(r.reason.len() < 100, "{}", r.reason);
    }

    #[test]
    fn depth_limit_matches_what_serde_json_accepts() {
        let nested = |n: usize| {
            format!(
                "{{\"title\":\"t\",\"x\":{}{}}}",
                "[".repeat(n),
                "]".repeat(n)
            )
        };
        // 126 arrays inside the object: 127 levels, the most serde_json takes.
        assert!(parse_document(&nested(126), ParseLimits::default()).is_ok());
        let r = parse_document(&nested(127), ParseLimits::default()).unwrap_err();
        assert!(r.reason.contains("deeper than 127 levels"), "{}", r.reason);
        let r = parse_document(
            &nested(20),
            ParseLimits {
                max_depth: 10,
                ..ParseLimits::default()
            },
        )
        .unwrap_err();
        assert!(
            r.reason.contains("raise it with --max-depth"),
            "{}",
            r.reason
        );
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse_document(&deep, ParseLimits::default())
            .unwrap_err()
            .reason
            .contains("nested"));
    }

    proptest::proptest! {
        #[test]
        fn no_panic_on_arbitrary_text(s in "\\PC{0,300}") {
            let _ = parse_document(&s, ParseLimits::default());
            let _ = parse_lines(&s, ParseLimits::default());
        }

        #[test]
        fn no_panic_on_json_like_text(s in "[\\[\\]{}\",:a-z0-9 .\\\\\n\r-]{0,300}") {
            let _ = parse_document(&s, ParseLimits::default());
            if let Ok(p) = parse_lines(&s, ParseLimits::default()) {
                proptest::prop_assert!(p.problems.len() <= super::super::MAX_PROBLEMS + 1);
            }
        }
    }
}
