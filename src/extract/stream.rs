//! A JSON Lines file too large to read whole (over `--max-file-size`), taken a line at a time:
//! the cap then applies to each line, and memory holds one line, not the file. Every line
//! gives what the same line gives in a file read whole — the same article, path (`file#N`),
//! id and date, or the same problem — so a file indexes alike either way.

use std::borrow::Cow;
use std::io::BufRead;

use crate::article::Article;
use crate::error::Rejection;
use crate::parse::{self, Origin, ParseLimits};
use crate::read::lines::{CappedLines, Line};
use crate::read::{self, Limits};

/// One line's result.
#[derive(Debug)]
pub enum Record {
    Article(Box<Article>),
    /// Why the line is not an article ("line 7: malformed JSON: …"), on one line.
    Problem(String),
}

/// The records of a JSON Lines stream, in order; blank lines are passed over. A read error
/// ends the stream with a last problem saying so.
pub struct JsonlStream {
    lines: CappedLines<Box<dyn BufRead>>,
    path: String,
    section: String,
    cap: u64,
    parse_limits: ParseLimits,
    /// Lines read so far (blank ones too: they keep their numbers, as in a file read whole).
    n: u64,
    buf: Vec<u8>,
    done: bool,
}

impl JsonlStream {
    /// Open `path` as a stream (unwrapping gzip when `gz`). A UTF-16 file is refused: its lines
    /// cannot be told apart byte by byte, and JSON Lines is UTF-8 by definition.
    pub fn open(
        path: &std::path::Path,
        gz: bool,
        section: &str,
        limits: Limits,
        parse_limits: ParseLimits,
    ) -> Result<JsonlStream, Rejection> {
        let mut input = read::open_stream(path, gz)?;
        let head = input
            .fill_buf()
            .map_err(|e| Rejection::failed(format!("cannot read: {e}")))?;
        if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
            return Err(Rejection::skipped(format!(
                "a UTF-16 JSON Lines file over the {}-byte cap (convert it to UTF-8, or raise \
                 --max-file-size to read it whole)",
                limits.max_bytes
            )));
        }
        if head.starts_with(b"\xef\xbb\xbf") {
            input.consume(3);
        }
        Ok(JsonlStream {
            lines: CappedLines::new(input, limits.max_bytes),
            path: path.to_string_lossy().into_owned(),
            section: section.to_string(),
            cap: limits.max_bytes,
            parse_limits,
            n: 0,
            buf: Vec::new(),
            done: false,
        })
    }

    /// The record of the line just read into `self.buf`; `None` for a blank line.
    fn record(&self) -> Option<Record> {
        let n = self.n;
        let bytes = &self.buf;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        // A file read whole is decoded as a whole; a line of a stream on its own. UTF-8 is the
        // rule for JSON Lines, and a line that is not is decoded as the whole-file reader
        // decodes a file (legacy code pages, or a binary line refused).
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => match read::decode(bytes) {
                Ok(t) => Cow::Owned(t),
                Err(r) => return Some(Record::Problem(format!("line {n}: {}", r.reason))),
            },
        };
        let line = text.trim();
        if line.is_empty() {
            return None;
        }
        let origin = Origin {
            path: &self.path,
            section: &self.section,
        };
        Some(
            match parse::parse_record(line, n, origin, self.parse_limits) {
                Ok(a) => Record::Article(Box::new(a)),
                Err(reason) => Record::Problem(format!("line {n}: {reason}")),
            },
        )
    }
}

impl Iterator for JsonlStream {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            let mut buf = std::mem::take(&mut self.buf);
            let line = self.lines.next_line(&mut buf);
            self.buf = buf;
            match line {
                Ok(None) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Record::Problem(crate::extract::one_line(&format!(
                        "line {}: read error: {e}; the lines after it were not read",
                        self.n + 1
                    ))));
                }
                Ok(Some(Line::TooLong)) => {
                    self.n += 1;
                    return Some(Record::Problem(format!(
                        "line {}: longer than the {}-byte cap (raise it with --max-file-size)",
                        self.n, self.cap
                    )));
                }
                Ok(Some(Line::Read)) => {
                    self.n += 1;
                    if let Some(r) = self.record() {
                        return Some(r);
                    }
                }
            }
        }
        None
    }
}
