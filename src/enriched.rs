//! Enriched JSON Lines: the hand-off format between enrichment and indexing, so that the two
//! can run on different machines (`morgue extract --jsonl` writes it, `morgue index
//! --enriched` reads it, and a Spark job or a distributed search engine can sit in between).
//!
//! One line is one article: the `extract --json` shape of DESIGN.md (`path`, `title`, `body`,
//! `date`, `section`, `entities` with their identity `id`, `quotes` with `speaker_id`) plus
//! everything the index stores about an article (`id`, `record`, `url`, `authors`, `source`,
//! `tags`, `lang`), so that an index built from the lines equals one built from the files.
//! A line that could not be made is `{"error": …, "line": N}` in its place.
//!
//! A line may also be written before enrichment (`extract --jsonl --no-enrich`, marked
//! `"enriched": false`): the parsed article with its id, which costs a fraction of enriching
//! it. `index --enriched` enriches such a line itself. A Spark job uses that to move articles
//! between machines by content id at about the size of the input, instead of enriched lines
//! three to four times larger.
//!
//! This module owns the line format and the streaming filter; printing stays with the writer
//! the caller passes in, and indexing with `ingest`.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::article::{Article, EnrichedArticle, Enrichment, Entity, Field, Quote};
use crate::parse::{self, Origin, ParseLimits};
use crate::read::lines::{CappedLines, Line};
use crate::read::{self, Limits};

/// Articles enriched together by the streaming filter: `enrich_batch` shares its per-batch work
/// among them, and a batch is all the filter holds in memory.
pub const STREAM_BATCH: usize = 32;

/// One enriched line, as written.
#[derive(Serialize)]
struct LineOut<'a> {
    id: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<u64>,
    title: &'a str,
    body: &'a str,
    date: Option<&'a str>,
    section: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "<[(String, String)]>::is_empty")]
    tags: &'a [(String, String)],
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    /// Written only when false: a line whose enrichment is still to be done.
    #[serde(skip_serializing_if = "is_true")]
    enriched: bool,
    entities: Vec<EntityOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

#[derive(Serialize)]
struct EntityOut<'a> {
    #[serde(flatten)]
    entity: &'a Entity,
    id: String,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    #[serde(flatten)]
    quote: &'a Quote,
    speaker_id: Option<String>,
}

/// One enriched line, as read: the identity ids are derived data and are not read back.
#[derive(Deserialize)]
struct LineIn {
    id: Option<String>,
    path: String,
    #[serde(default)]
    record: Option<u64>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    section: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    tags: Vec<(String, String)>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default = "yes")]
    enriched: bool,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    quotes: Vec<Quote>,
}

/// Write one article as an enriched line.
pub fn write_line(out: &mut (impl Write + ?Sized), a: &EnrichedArticle) -> io::Result<()> {
    write(out, a, true)
}

/// Write one article as a line still to be enriched (its enrichment, empty, is not written).
pub fn write_unenriched_line(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    write(out, a, false)
}

fn write(out: &mut (impl Write + ?Sized), a: &EnrichedArticle, enriched: bool) -> io::Result<()> {
    let art = &a.article;
    let line = LineOut {
        id: &art.id,
        path: &art.path,
        record: art.record,
        title: &art.title,
        body: &art.body,
        date: art.date.as_deref(),
        section: &art.section,
        url: art.url.as_deref(),
        authors: &art.authors,
        source: art.source.as_deref(),
        tags: &art.tags,
        lang: art.lang.as_deref(),
        enriched,
        entities: a
            .enrichment
            .entities
            .iter()
            .map(|e| EntityOut {
                entity: e,
                id: crate::identity::entity_id(e),
            })
            .collect(),
        quotes: a
            .enrichment
            .quotes
            .iter()
            .map(|q| QuoteOut {
                quote: q,
                speaker_id: crate::identity::speaker_id(
                    q.speaker.as_deref(),
                    &a.enrichment.entities,
                ),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

/// Write the line that stands for input line `line` that gave no article.
pub fn write_error(out: &mut impl Write, line: u64, reason: &str) -> io::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &serde_json::json!({ "error": reason, "line": line }),
    )?;
    writeln!(out)
}

/// One line read back.
#[derive(Debug)]
pub struct LineRead {
    pub article: EnrichedArticle,
    /// The line was written before enrichment (`"enriched": false`): its enrichment is empty
    /// and still to be done.
    pub unenriched: bool,
}

/// Read one enriched line back. Spans are checked against the text they point into (the
/// index slices names out of it), and the id against the title and body, so a hand-edited or
/// truncated line is refused with its reason rather than indexed wrong.
pub fn read_line(line: &str) -> Result<LineRead, String> {
    let value: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    if let Some(err) = value.get("error") {
        let err = err.as_str().unwrap_or("?");
        return Err(format!(
            "an error line, not an article: {}",
            crate::extract::one_line(err)
        ));
    }
    let l: LineIn =
        serde_json::from_value(value).map_err(|e| format!("not an enriched article: {e}"))?;
    let id = Article::content_id(&l.title, &l.body);
    if l.id.as_ref().is_some_and(|given| *given != id) {
        return Err(format!(
            "id {} does not match its title and body (expected {id})",
            crate::extract::one_line(l.id.as_deref().unwrap_or_default())
        ));
    }
    if l.path.is_empty() {
        return Err("empty path".to_string());
    }
    let carries = !l.entities.is_empty() || !l.quotes.is_empty();
    if !l.enriched && carries {
        return Err("marked \"enriched\": false but carries entities or quotes".to_string());
    }
    let article = Article {
        id,
        path: l.path,
        record: l.record,
        section: l.section,
        title: l.title,
        body: l.body,
        date: l.date,
        url: l.url,
        authors: l.authors,
        source: l.source,
        tags: l.tags,
        lang: l.lang,
    };
    let enrichment = Enrichment {
        entities: l.entities,
        quotes: l.quotes,
    };
    check_spans(&article, &enrichment)?;
    Ok(LineRead {
        article: EnrichedArticle {
            article,
            enrichment,
        },
        unenriched: !l.enriched,
    })
}

/// Every span must be a slice of its field's text (in range, on character boundaries).
fn check_spans(a: &Article, e: &Enrichment) -> Result<(), String> {
    let fits =
        |field: Field, s: usize, end: usize| s <= end && a.field(field).get(s..end).is_some();
    for ent in &e.entities {
        if !fits(ent.field, ent.start, ent.end) {
            return Err(format!(
                "entity span {}..{} is not within its field",
                ent.start, ent.end
            ));
        }
    }
    for q in &e.quotes {
        let speaker = match (q.speaker_start, q.speaker_end) {
            (Some(s), Some(end)) => fits(q.field, s, end),
            (None, None) => true,
            _ => false,
        };
        if !fits(q.field, q.start, q.end)
            || !speaker
            || !q.parts.iter().all(|&(s, end)| fits(q.field, s, end))
        {
            return Err(format!(
                "quote span {}..{} (or its speaker or parts) is not within its field",
                q.start, q.end
            ));
        }
    }
    Ok(())
}

/// What the streaming filter did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StreamCounts {
    /// Articles written as enriched lines.
    pub articles: u64,
    /// Input lines written as error lines.
    pub errors: u64,
}

/// One input line's place in the output: an article to enrich, or an error already decided.
enum Slot {
    Article(Box<Article>),
    Error(u64, String),
}

/// `morgue extract --jsonl -`: JSON Lines articles (the shapes `index` reads from a `.jsonl`
/// file) in, one enriched line per article line out, in input order. Blank lines are passed
/// over; a line that is not an article becomes an error line in its place, and the stream
/// goes on. Memory holds one batch of [`STREAM_BATCH`] lines and one line of at most
/// `limits.max_bytes` (a longer one is an error line, read past without being kept). Lines end
/// as in a file read whole (`CappedLines`: `\n`, `\r\n` or a lone `\r`), so they are numbered
/// alike.
///
/// Articles get the path `origin#N`, N the line number, and a section of `section`. Without
/// `enrich`, every article line is written unenriched (`"enriched": false`).
pub fn extract_stream(
    input: impl BufRead,
    origin: &str,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
    enrich: bool,
    out: &mut impl Write,
) -> io::Result<StreamCounts> {
    let mut counts = StreamCounts::default();
    let mut batch: Vec<Slot> = Vec::with_capacity(STREAM_BATCH);
    let mut lines = CappedLines::new(input, limits.max_bytes);
    let mut buf = Vec::new();
    let mut n = 0u64;
    while let Some(line) = lines.next_line(&mut buf)? {
        n += 1;
        let slot = match line {
            Line::TooLong => Some(Slot::Error(
                n,
                format!("line longer than {} bytes", limits.max_bytes),
            )),
            Line::Read => line_slot(&buf, n, origin, section, parse_limits),
        };
        if let Some(slot) = slot {
            batch.push(slot);
        }
        if batch.len() >= STREAM_BATCH {
            flush(&mut batch, enrich, out, &mut counts)?;
        }
    }
    flush(&mut batch, enrich, out, &mut counts)?;
    out.flush()?;
    Ok(counts)
}

/// A line's slot; `None` for a blank line.
fn line_slot(
    bytes: &[u8],
    n: u64,
    origin: &str,
    section: &str,
    parse_limits: ParseLimits,
) -> Option<Slot> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let text = match read::decode(bytes) {
        Ok(t) => t,
        Err(r) => return Some(Slot::Error(n, crate::extract::one_line(&r.reason))),
    };
    let origin = Origin {
        path: origin,
        section,
    };
    Some(match parse::parse_record(&text, n, origin, parse_limits) {
        Ok(a) => Slot::Article(Box::new(a)),
        Err(reason) => Slot::Error(n, reason),
    })
}

/// Enrich a batch's articles together (unless `enrich` is off) and write every slot in order.
fn flush(
    batch: &mut Vec<Slot>,
    enrich: bool,
    out: &mut impl Write,
    counts: &mut StreamCounts,
) -> io::Result<()> {
    // The articles move out for enrichment; their slots keep only their place in the order.
    let articles: Vec<Article> = batch
        .iter_mut()
        .filter_map(|s| match s {
            Slot::Article(a) => Some(std::mem::take(&mut **a)),
            Slot::Error(..) => None,
        })
        .collect();
    let enrichments = if enrich {
        crate::enrich::enrich_batch(&articles)
    } else {
        vec![Enrichment::default(); articles.len()]
    };
    let mut enriched = enrichments
        .into_iter()
        .zip(articles)
        .map(|(enrichment, article)| EnrichedArticle {
            article,
            enrichment,
        });
    for slot in batch.drain(..) {
        match slot {
            Slot::Article(_) => {
                if let Some(ea) = enriched.next() {
                    write(out, &ea, enrich)?;
                    counts.articles += 1;
                }
            }
            Slot::Error(n, reason) => {
                write_error(out, n, &reason)?;
                counts.errors += 1;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream(input: &str) -> (String, StreamCounts) {
        stream_with(input, true)
    }

    fn stream_with(input: &str, enrich: bool) -> (String, StreamCounts) {
        let mut out = Vec::new();
        let counts = extract_stream(
            input.as_bytes(),
            "feed",
            "",
            Limits { max_bytes: 200 },
            ParseLimits::default(),
            enrich,
            &mut out,
        )
        .unwrap();
        (String::from_utf8(out).unwrap(), counts)
    }

    #[test]
    fn a_bad_line_is_an_error_line_in_its_place_and_the_stream_goes_on() {
        let long = format!("{{\"title\": \"{}\"}}", "x".repeat(300));
        let input = format!(
            "{{\"title\": \"Rain\", \"text\": \"Ada Byron said it would rain.\"}}\nnot json\n\n{long}\n{{\"headline\": \"Sun\", \"body\": \"It shone.\"}}\n"
        );
        let (out, counts) = stream(&input);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(
            counts,
            StreamCounts {
                articles: 2,
                errors: 2
            }
        );
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["path"], "feed#1");
        assert_eq!(lines[0]["title"], "Rain");
        assert_eq!(lines[1]["line"], 2);
        assert!(lines[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("malformed JSON"));
        assert_eq!(lines[2]["line"], 4);
        assert!(lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("longer than 200"));
        assert_eq!(lines[3]["path"], "feed#5");
        assert_eq!(lines[3]["record"], 5);
    }

    #[test]
    fn lines_ending_in_a_lone_carriage_return_are_lines_as_in_a_file_read_whole() {
        let input = "{\"title\": \"Rain\", \"text\": \"It rained.\"}\r{\"title\": \"Sun\", \"text\": \"It shone.\"}\r\n{\"title\": \"Fog\", \"text\": \"It lifted.\"}\r";
        let (out, counts) = stream_with(input, false);
        assert_eq!(
            counts,
            StreamCounts {
                articles: 3,
                errors: 0
            }
        );
        let paths: Vec<String> = out
            .lines()
            .map(|l| read_line(l).unwrap().article.article.path)
            .collect();
        assert_eq!(paths, ["feed#1", "feed#2", "feed#3"]);
    }

    #[test]
    fn a_written_line_reads_back_as_the_same_article() {
        let (out, _) = stream(
            "{\"title\": \"Talks\", \"text\": \"“We will rebuild,” said Ada Byron in London.\", \"url\": \"http://x/1\", \"author\": \"Bo\"}\n",
        );
        let back = read_line(out.trim()).unwrap();
        assert!(!back.unenriched);
        let back = back.article;
        assert_eq!(back.article.path, "feed#1");
        assert_eq!(back.article.url.as_deref(), Some("http://x/1"));
        assert_eq!(back.article.authors, vec!["Bo".to_string()]);
        let again = crate::enrich::enrich(&back.article);
        assert_eq!(back.enrichment, again);
        assert!(!again.quotes.is_empty(), "{again:?}");
    }

    #[test]
    fn a_line_written_before_enrichment_says_so_and_reads_back_as_the_same_article() {
        let input = "{\"title\": \"Talks\", \"text\": \"“We will rebuild,” said Ada Byron.\"}\n";
        let (enriched, _) = stream(input);
        let (out, counts) = stream_with(input, false);
        assert_eq!(counts.articles, 1);
        let line: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(line["enriched"], false);
        assert_eq!(line["quotes"], serde_json::json!([]));
        let before = read_line(out.trim()).unwrap();
        let after = read_line(enriched.trim()).unwrap();
        assert!(before.unenriched && !after.unenriched);
        assert_eq!(before.article.article, after.article.article);
        assert!(!after.article.enrichment.quotes.is_empty());
        // A line marked unenriched that carries enrichment is contradictory: refused.
        let marked = enriched.replacen("\"entities\"", "\"enriched\":false,\"entities\"", 1);
        assert!(read_line(marked.trim())
            .unwrap_err()
            .contains("\"enriched\": false"));
    }

    #[test]
    fn lines_that_would_index_wrong_are_refused_with_a_reason() {
        let ok = r#"{"path":"a#1","title":"T","body":"Ada Byron","entities":[{"text":"Ada Byron","label":"PER","field":"body","start":0,"end":9,"canonical":"Ada Byron"}],"quotes":[]}"#;
        assert!(read_line(ok).is_ok());
        let out_of_range = ok.replace("\"end\":9", "\"end\":90");
        assert!(read_line(&out_of_range)
            .unwrap_err()
            .contains("entity span"));
        let wrong_id = ok.replace("{\"path\"", "{\"id\":\"0000000000000000\",\"path\"");
        assert!(read_line(&wrong_id).unwrap_err().contains("does not match"));
        assert!(read_line(r#"{"error":"x","line":3}"#)
            .unwrap_err()
            .contains("error line"));
        assert!(read_line("{").unwrap_err().starts_with("malformed JSON"));
    }
}
