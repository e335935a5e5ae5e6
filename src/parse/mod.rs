//! Decoded text → [`Article`]s, one submodule per format. Parsers take `&str` and return a
//! [`Parsed`] value: the articles found plus per-record problems. They do no I/O and never panic;
//! a file that holds no article at all is a [`Rejection`].

mod date;
mod html;
mod json;
mod plain;

pub use date::normalize_date;

use crate::article::Article;
use crate::error::Rejection;
use crate::read::Format;

/// Where the text came from: fills `path` and `section` of every article.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub path: &'a str,
    pub section: &'a str,
}

/// Articles found in one file, and problems with individual records (a bad JSONL line) that did
/// not stop the others.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    /// The first [`MAX_PROBLEMS`] problems, one line each; past that, one last line saying how
    /// many more there were.
    pub problems: Vec<String>,
    /// Every bad record, including those not listed in `problems`.
    pub bad_records: usize,
}

/// Problems listed per file. A 64 MiB JSONL file of broken lines would otherwise hold tens of
/// millions of messages (gigabytes) and print them as one enormous line.
pub const MAX_PROBLEMS: usize = 10;

impl Parsed {
    /// Record a bad record, keeping the list (and memory) bounded.
    fn problem(&mut self, p: String) {
        self.bad_records += 1;
        if self.bad_records <= MAX_PROBLEMS {
            self.problems.push(p);
        }
    }

    /// Close the list with a count of the problems that were not listed.
    fn finish_problems(&mut self) {
        if self.bad_records > MAX_PROBLEMS {
            let more = self.bad_records - MAX_PROBLEMS;
            self.problems.push(format!("and {more} more not listed"));
        }
    }
}

/// Limits on structure, so hostile input cannot exhaust the stack or memory.
#[derive(Debug, Clone, Copy)]
pub struct ParseLimits {
    /// Deepest JSON/HTML nesting accepted.
    pub max_depth: usize,
}

impl Default for ParseLimits {
    fn default() -> Self {
        // Real articles nest a few dozen levels at most; 128 is serde_json's own recursion limit.
        ParseLimits { max_depth: 128 }
    }
}

/// Parse decoded text of the given format.
pub fn parse(
    format: Format,
    text: &str,
    origin: Origin,
    limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    let mut parsed = match format {
        Format::Plain => Parsed {
            articles: vec![plain::parse(text)?],
            ..Parsed::default()
        },
        Format::Json => json::parse_document(text, limits)?,
        Format::Jsonl => json::parse_lines(text, limits)?,
        Format::Html => Parsed {
            articles: vec![html::parse(text, limits)?],
            ..Parsed::default()
        },
    };
    parsed.finish_problems();
    let many = parsed.articles.len() > 1 || matches!(format, Format::Jsonl);
    for (i, a) in parsed.articles.iter_mut().enumerate() {
        a.path = if many {
            format!("{}#{}", origin.path, record_number(a, i))
        } else {
            origin.path.to_string()
        };
        a.section = origin.section.to_string();
        a.id = Article::content_id(&a.title, &a.body);
    }
    Ok(parsed)
}

/// Record numbers are stashed in `path` by the JSON parsers (line or array position) so that a
/// skipped bad line does not shift the numbers of the good ones.
fn record_number(a: &Article, i: usize) -> String {
    if a.path.is_empty() {
        (i + 1).to_string()
    } else {
        a.path.clone()
    }
}

/// An article needs some text; whitespace alone is not one.
fn require_text(a: &Article) -> Result<(), Rejection> {
    if a.title.trim().is_empty() && a.body.trim().is_empty() {
        Err(Rejection::skipped("no text (only whitespace)"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Any bytes, decoded as `read` decodes a file and parsed as plain text: the title and
        /// body are slices of the decoded text, and no format's parser panics.
        #[test]
        fn decoded_bytes_parse_without_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
            let Ok(text) = crate::read::decode(&bytes) else {
                return Ok(());
            };
            let origin = Origin { path: "p", section: "" };
            if let Ok(p) = parse(Format::Plain, &text, origin, ParseLimits::default()) {
                let a = &p.articles[0];
                proptest::prop_assert!(text.contains(a.title.as_str()));
                proptest::prop_assert!(text.contains(a.body.as_str()));
            }
            for format in [Format::Json, Format::Jsonl, Format::Html] {
                let _ = parse(format, &text, origin, ParseLimits::default());
            }
        }
    }
}
