//! The bodies of the fuzz targets, one function per target, each taking arbitrary bytes. They
//! live here, not in `fuzz_targets/`, so that `tests/it/bad_input.rs` can include this file and
//! replay every crash input saved under `fixtures/fuzz-regressions/<target>/` in plain
//! `cargo test`, without libFuzzer. Besides "no panic, no hang", each checks the invariants that
//! hold for its stage.

use morgue::parse::{self, Origin, ParseLimits};
use morgue::read::{self, Format};
use morgue::{Article, Field};

/// Byte decoding: any bytes give text or a rejection, never a panic.
pub fn decode(data: &[u8]) {
    let _ = read::decode(data);
}

/// Arbitrary bytes as the text a parser receives: lossy UTF-8, as `read::decode` would hand over
/// some text for almost any input.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn parse(format: Format, data: &[u8]) -> Option<parse::Parsed> {
    let text = text(data);
    let origin = Origin {
        path: "fuzz.input",
        section: "fuzz",
    };
    parse::parse(format, &text, origin, ParseLimits::default()).ok()
}

/// Plain text: title and body are slices of the text, verbatim.
pub fn parse_plain(data: &[u8]) {
    let source = text(data);
    if let Some(p) = parse(Format::Plain, data) {
        for a in &p.articles {
            assert!(source.contains(a.title.as_str()), "title is not a slice");
            assert!(source.contains(a.body.as_str()), "body is not a slice");
            assert!(!a.title.contains(['\n', '\r']), "title spans lines");
        }
    }
}

pub fn parse_json(data: &[u8]) {
    let _ = parse(Format::Json, data);
}

/// JSON Lines: the problem list stays bounded whatever the number of bad lines.
pub fn parse_jsonl(data: &[u8]) {
    if let Some(p) = parse(Format::Jsonl, data) {
        assert!(p.problems.len() <= parse::MAX_PROBLEMS + 1);
        for problem in &p.problems {
            assert!(
                !problem.contains('\n'),
                "a problem spans lines: {problem:?}"
            );
        }
    }
}

pub fn parse_html(data: &[u8]) {
    let _ = parse(Format::Html, data);
}

/// Enrichment of an article whose first line is the title: every span lies on character
/// boundaries inside its field and matches the text it claims.
pub fn enrich(data: &[u8]) {
    let source = text(data);
    let (title, body) = source.split_once('\n').unwrap_or(("", &source));
    let article = Article {
        title: title.to_string(),
        body: body.to_string(),
        ..Article::default()
    };
    let e = morgue::enrich::enrich(&article);
    let slice = |field: Field, start: usize, end: usize| article.field(field).get(start..end);
    for m in &e.entities {
        assert_eq!(
            slice(m.field, m.start, m.end),
            Some(m.text.as_str()),
            "{m:?}"
        );
    }
    for q in &e.quotes {
        assert_eq!(
            slice(q.field, q.start, q.end),
            Some(q.text.as_str()),
            "{q:?}"
        );
        if let (Some(s), Some(t)) = (q.speaker_start, q.speaker_end) {
            assert!(slice(q.field, s, t).is_some(), "{q:?}");
        }
    }
}
