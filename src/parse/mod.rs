//! Decoded text → [`Article`]s, one submodule per format. Parsers take `&str` and return a
//! [`Parsed`] value: the articles found plus per-record problems. They do no I/O and never panic;
//! a file that holds no article at all is a [`Rejection`].

mod date;
mod dateline;
mod feed;
mod html;
mod json;
pub mod language;
mod newsml;
mod nitf;
mod pathdate;
mod plain;
mod sgml;
mod shape;
mod warc;
mod xml;

pub use date::normalize_date;
pub use dateline::is_calendar_word;
pub use pathdate::date_from_path;

/// Version of what parsing takes from a file. Bump it when an article gains or changes
/// something on re-parsing (as when datelines started giving dates), so that `morgue index`
/// re-reads files it would otherwise skip as unchanged.
/// 5: language identification no longer takes "in", "was", "is", "of", "on", "to", "for" and
/// "he" for English (German news was read as English and run through the English models).
/// 6: Finnish is identified (it had no function-word list and stayed unknown).
/// 7: samples of 25–39 words are identified on stronger evidence (short Finnish and Russian
/// articles stayed unknown), and an unsure trigram answer is taken when the language's own
/// function words settle it.
pub const PARSE_VERSION: u64 = 7;

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
    /// Records that are not articles and were passed over, as a WARC's requests, metadata
    /// and non-HTML responses: counted, not problems.
    pub skipped_records: usize,
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
    /// Date an article that has no date of its own from its path (see `pathdate`).
    pub date_from_path: bool,
}

impl Default for ParseLimits {
    fn default() -> Self {
        // Real articles nest a few dozen levels at most; 128 is serde_json's own recursion limit.
        ParseLimits {
            max_depth: 128,
            date_from_path: true,
        }
    }
}

/// Parse decoded text of the given format.
pub fn parse(
    format: Format,
    text: &str,
    origin: Origin,
    limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    let parsed = match format {
        Format::Plain => {
            if let Some(reason) = shape::not_an_article(text) {
                return Err(Rejection::skipped(reason));
            }
            Parsed {
                articles: vec![plain::parse(text)?],
                ..Parsed::default()
            }
        }
        Format::Json => json::parse_document(text, limits)?,
        Format::Jsonl => json::parse_lines(text, limits)?,
        Format::Html => Parsed {
            articles: vec![html::parse(text, limits)?],
            ..Parsed::default()
        },
        Format::Sgml => sgml::parse(text, limits)?,
        Format::Xml => xml::parse_document(text, limits)?,
        // Never decoded whole: `parse_warc` reads it as a stream.
        Format::Warc => return Err(Rejection::failed("a WARC file is read as a stream")),
    };
    Ok(finish(parsed, format, origin, limits))
}

/// One JSON Lines record read on its own (`extract --jsonl -` reads a stream a line at a
/// time): the article as a `.jsonl` file's line `record` would give it, with the path
/// `origin.path#record`, or why the line is not an article (one line, control characters
/// escaped).
pub fn parse_record(
    line: &str,
    record: u64,
    origin: Origin,
    limits: ParseLimits,
) -> Result<Article, String> {
    let mut article = json::parse_line(line.trim(), limits)
        .map_err(|reason| crate::extract::one_line(&reason))?;
    // `finish` reads the record number from the path, as it does for the JSON parsers.
    article.path = record.to_string();
    let parsed = Parsed {
        articles: vec![article],
        ..Parsed::default()
    };
    let mut parsed = finish(parsed, Format::Jsonl, origin, limits);
    Ok(parsed.articles.remove(0))
}

/// Parse a WARC archive from a stream; `max_record` caps one record's body.
pub fn parse_warc(
    reader: impl std::io::BufRead,
    origin: Origin,
    limits: ParseLimits,
    max_record: u64,
) -> Result<Parsed, Rejection> {
    let parsed = warc::parse(reader, limits, max_record)?;
    Ok(finish(parsed, Format::Warc, origin, limits))
}

/// What every format's articles get once parsed: paths, section, ids, dates of last resort.
fn finish(mut parsed: Parsed, format: Format, origin: Origin, limits: ParseLimits) -> Parsed {
    parsed.finish_problems();
    // Formats of many records number every record, even in a file that holds one.
    let many =
        parsed.articles.len() > 1 || matches!(format, Format::Jsonl | Format::Sgml | Format::Warc);
    for (i, a) in parsed.articles.iter_mut().enumerate() {
        let record = if many {
            Some(record_number(a, i))
        } else {
            None
        };
        a.record = record;
        a.path = crate::article::record_path(origin.path, a.record);
        a.section = origin.section.to_string();
        a.id = Article::content_id(&a.title, &a.body);
        if a.date.is_none() {
            // No date in the metadata (plain text never has any): the dateline's, if any.
            a.date = dateline::dateline_date(&a.body);
        }
        if a.date.is_none() && limits.date_from_path {
            // Neither metadata nor dateline: the file's name or folders, when they hold one.
            a.date = pathdate::date_from_path(origin.path);
        }
        if a.lang.is_none() {
            a.lang = language::detect(&a.title, &a.body);
        }
    }
    parsed
}

/// Record numbers are stashed in `path` by the JSON parsers (line or array position) so that a
/// skipped bad line does not shift the numbers of the good ones; otherwise (or should a parser
/// stash something that is not a number) the article's position counts.
fn record_number(a: &Article, i: usize) -> u64 {
    a.path.parse().unwrap_or(i as u64 + 1)
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

    #[test]
    fn a_dateline_dates_an_article_without_a_metadata_date() {
        let origin = Origin {
            path: "p",
            section: "",
        };
        let plain = "Talks resume\n\nLONDON, March 3, 2016 (Reuters) - Talks resumed.\n";
        let p = parse(Format::Plain, plain, origin, ParseLimits::default()).unwrap();
        assert_eq!(p.articles[0].date.as_deref(), Some("2016-03-03"));
        // Metadata wins over the dateline.
        let json = r#"{"title": "T", "date": "2016-03-04", "text": "LONDON, March 3, 2016 - x"}"#;
        let p = parse(Format::Json, json, origin, ParseLimits::default()).unwrap();
        assert_eq!(p.articles[0].date.as_deref(), Some("2016-03-04"));
        let undated = "Talks resume\n\nTalks resumed on March 3, 2016 in London.\n";
        let p = parse(Format::Plain, undated, origin, ParseLimits::default()).unwrap();
        assert_eq!(p.articles[0].date, None);
    }

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
            for format in [Format::Json, Format::Jsonl, Format::Html, Format::Sgml, Format::Xml] {
                let _ = parse(format, &text, origin, ParseLimits::default());
            }
        }
    }
}
