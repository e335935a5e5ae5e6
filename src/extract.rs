//! One file → its articles: read, decode, parse. `morgue extract` enriches what comes out a
//! batch of files at a time (`enrich::enrich_batch`), the ingester article by article; both
//! give the same enrichment, so what `extract` shows is exactly what gets indexed.

use std::path::Path;

use crate::article::Quote;
use crate::error::Rejection;
use crate::parse::{self, Origin, ParseLimits, Parsed};
use crate::read::{self, Format, Limits};

/// Read JSON Lines articles from a stream (`morgue extract -`: stdin), with the size cap and
/// decoding of a file; the articles' path is `-#N`, N the line number.
pub fn read_jsonl(
    mut input: impl std::io::Read,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    use std::io::Read;
    let mut bytes = Vec::new();
    // One byte past the cap tells "at the cap" from "over it".
    input
        .by_ref()
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Rejection::failed(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limits.max_bytes {
        return Err(Rejection::failed(format!(
            "more than {} bytes; split the input or give files",
            limits.max_bytes
        )));
    }
    if bytes.is_empty() {
        return Err(Rejection::skipped("no input"));
    }
    let text = read::decode(&bytes)?;
    let origin = Origin {
        path: "-",
        section: "",
    };
    parse::parse(Format::Jsonl, &text, origin, parse_limits)
}

pub mod stream;

/// A file's articles: parsed whole, or, for a JSON Lines file over the size cap, a stream of
/// its lines to be taken a batch at a time.
pub enum Articles {
    Whole(Parsed),
    Stream(stream::JsonlStream),
}

/// [`read_articles`], except that a JSON Lines file over the cap is opened as a stream rather
/// than skipped: a newsroom's dump is often one such file, and the cap is meant for one
/// record, not for a file of millions.
pub fn open_articles(
    path: &Path,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Articles, Rejection> {
    if let Some((Format::Jsonl, gz)) = Format::from_path(path) {
        let bytes = match read::read_within(path, gz, limits) {
            Ok(read::Contents::Whole(bytes)) => bytes,
            Ok(read::Contents::OverCap { .. }) => {
                let stream = stream::JsonlStream::open(path, gz, section, limits, parse_limits);
                return one_lined(stream).map(Articles::Stream);
            }
            Err(r) => return Err(tidy(r)),
        };
        let parsed = parse_bytes(path, section, &bytes, Format::Jsonl, parse_limits);
        return one_lined(parsed).map(Articles::Whole);
    }
    read_articles(path, section, limits, parse_limits).map(Articles::Whole)
}

/// Read and parse one file. `path` is what articles record as their source path.
pub fn read_articles(
    path: &Path,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    let (format, gz) = Format::from_path(path).ok_or_else(|| {
        Rejection::skipped(format!(
            "not an article: unknown extension {}",
            unknown_extension(path)
        ))
    })?;
    let read_and_parse = || {
        if format == Format::Warc {
            let path_str = path.to_string_lossy();
            let origin = Origin {
                path: &path_str,
                section,
            };
            let stream = read::open_stream(path, gz)?;
            return parse::parse_warc(stream, origin, parse_limits, limits.max_bytes);
        }
        let bytes = read::read_bytes(path, gz, limits)?;
        parse_bytes(path, section, &bytes, format, parse_limits)
    };
    one_lined(read_and_parse())
}

/// Decode and parse a file's bytes (reasons and problems made one line by [`one_lined`]).
fn parse_bytes(
    path: &Path,
    section: &str,
    bytes: &[u8],
    format: Format,
    parse_limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    let text = read::decode(bytes)?;
    let path_str = path.to_string_lossy();
    parse::parse(
        format.refine(&text),
        &text,
        Origin {
            path: &path_str,
            section,
        },
        parse_limits,
    )
}

/// Every reason and problem is printed as one line after the path: make sure each is one.
fn one_lined<T: OneLine>(res: Result<T, Rejection>) -> Result<T, Rejection> {
    match res {
        Ok(mut v) => {
            v.one_line();
            Ok(v)
        }
        Err(r) => Err(tidy(r)),
    }
}

fn tidy(mut r: Rejection) -> Rejection {
    r.reason = one_line(&r.reason);
    r
}

/// What [`one_lined`] tidies besides a rejection's reason.
trait OneLine {
    fn one_line(&mut self) {}
}
impl OneLine for Parsed {
    fn one_line(&mut self) {
        for p in &mut self.problems {
            *p = one_line(p);
        }
    }
}
// A stream makes each of its problems one line as it reads them.
impl OneLine for stream::JsonlStream {}

/// The extension as a user would name it: `.tar.gz` rather than `.gz` for `x.tar.gz`.
fn unknown_extension(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inner = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = inner.rsplit_once('.').map_or("", |(_, e)| e);
    let gz = if inner.len() < name.len() { ".gz" } else { "" };
    one_line(&format!(".{ext}{gz}"))
}

/// A reason with its control characters (newlines above all, which would split one problem
/// over several report lines) escaped as `\n`, `\r`, `\u{1b}`…; other text is kept as it is.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// What `extract --explain` shows for one quote: the sentence it was read from and the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The quote's sentence, widened to the speaker's mention when that is near (on one line).
    pub sentence: String,
    /// The sieve, the cue and the mention that named the speaker, or why there is none.
    pub decision: String,
}

/// How far apart (bytes) a quote and its speaker's mention may be for the shown sentence to
/// cover both; a continuation's mention paragraphs earlier is named in the decision instead.
const EXPLAIN_SPAN: usize = 600;

/// Explain one quote of `text` (the field the quote points into).
pub fn explain(text: &str, q: &Quote) -> Explanation {
    let mention = q
        .speaker_start
        .zip(q.speaker_end)
        .and_then(|(s, e)| Some((s, e, text.get(s..e)?)));
    let (mut lo, mut hi) = (q.start, q.end);
    if let Some((s, e, _)) = mention {
        if e.max(hi) - s.min(lo) <= EXPLAIN_SPAN {
            (lo, hi) = (s.min(lo), e.max(hi));
        }
    }
    let (from, to) = sentence_around(text, lo, hi);
    let sentence = one_line(text.get(from..to).unwrap_or("").trim());
    let cue = q.cue.as_deref().map(|c| format!("cue \"{}\"", one_line(c)));
    let decision = match (&q.speaker, q.how, mention) {
        (Some(who), Some(how), Some((s, _, m))) => {
            let cue = cue.map(|c| format!("{c}, ")).unwrap_or_default();
            format!(
                "{}: {cue}mention \"{}\" at {s} → {who}",
                how.as_str(),
                one_line(m)
            )
        }
        (Some(who), Some(how), None) => format!("{}: → {who}", how.as_str()),
        (Some(who), None, _) => format!("→ {who}"),
        // Reported speech from a description ("officials said"): the source, and no speaker.
        (None, Some(how), Some((s, _, m))) => {
            let cue = cue.map(|c| format!("{c}, ")).unwrap_or_default();
            format!(
                "{}: {cue}source \"{}\" at {s} → no speaker: a description names no one",
                how.as_str(),
                one_line(m)
            )
        }
        (None, _, _) => match cue {
            Some(c) => {
                format!("no speaker: {c} found, but its subject names no person or organisation")
            }
            None => "no speaker: no cue, subject or continuing speaker found".to_string(),
        },
    };
    Explanation { sentence, decision }
}

/// The sentence (or sentences) holding `lo..hi`: back to just after the previous `. `, `? `,
/// `! ` or line break, forward to the next one, each within `EXPLAIN_SPAN` bytes.
fn sentence_around(text: &str, lo: usize, hi: usize) -> (usize, usize) {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (lo, hi) = (floor(lo), floor(hi.max(lo)));
    let back_from = floor(lo.saturating_sub(EXPLAIN_SPAN));
    let before = text.get(back_from..lo).unwrap_or("");
    let from = ends_of_sentences(before)
        .last()
        .map_or(back_from, |&e| back_from + e);
    let ahead_to = floor(hi + EXPLAIN_SPAN);
    let after = text.get(hi..ahead_to).unwrap_or("");
    let to = ends_of_sentences(after)
        .first()
        .map_or(ahead_to, |&e| hi + e);
    (from, to)
}

/// Byte offsets just after each sentence end in `s`: a `.`/`?`/`!` before a space, or a line
/// break.
fn ends_of_sentences(s: &str) -> Vec<usize> {
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| {
            b[i] == b'\n'
                || (matches!(b[i], b'.' | b'?' | b'!') && b.get(i + 1).is_some_and(|&c| c == b' '))
        })
        .map(|i| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Field, How, QuoteKind};

    fn quote(text: &str, q: &str, speaker: Option<(&str, &str)>, how: Option<How>) -> Quote {
        let start = text.find(q).unwrap();
        let (speaker, s, e) = match speaker {
            Some((name, m)) => {
                let s = text.rfind(m).unwrap();
                (Some(name.to_string()), Some(s), Some(s + m.len()))
            }
            None => (None, None, None),
        };
        Quote {
            text: q.to_string(),
            field: Field::Body,
            start,
            end: start + q.len(),
            speaker,
            speaker_start: s,
            speaker_end: e,
            cue: Some("said".to_string()),
            kind: QuoteKind::Direct,
            how,
            parts: Vec::new(),
        }
    }

    #[test]
    fn explain_shows_the_sentence_and_the_deciding_mention() {
        let t = "Rain fell. “We will rebuild,” she said. Then it stopped.";
        let q = quote(
            t,
            "We will rebuild,",
            Some(("Ada Byron", "she")),
            Some(How::Pronoun),
        );
        let x = explain(t, &q);
        assert_eq!(x.sentence, "“We will rebuild,” she said.");
        assert_eq!(
            x.decision,
            "pronoun: cue \"said\", mention \"she\" at 34 → Ada Byron"
        );
    }

    #[test]
    fn explain_says_why_there_is_no_speaker() {
        let t = "“We will rebuild,” the sign said.";
        let q = quote(t, "We will rebuild,", None, None);
        let x = explain(t, &q);
        assert_eq!(x.sentence, t);
        assert!(
            x.decision.starts_with("no speaker: cue \"said\""),
            "{}",
            x.decision
        );
    }

    #[test]
    fn reasons_are_kept_on_one_line() {
        assert_eq!(one_line("bad\nkey\r\u{1b}x"), "bad\\nkey\\r\\u{1b}x");
        assert_eq!(one_line("café £5"), "café £5");
    }

    #[test]
    fn unknown_extension_names_the_whole_suffix() {
        assert_eq!(unknown_extension(Path::new("a/x.tar.gz")), ".tar.gz");
        assert_eq!(unknown_extension(Path::new("a/photo.png")), ".png");
    }
}
