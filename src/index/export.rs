//! Every article and quote an index holds, as flat documents for a search engine that serves
//! archives too large for one machine (issue 21: `morgue export`). Names are the archive's
//! canonical names (what `entities` lists), each kind a list of keywords; quotes carry their
//! article's id, title, date and section so they can be searched and counted on their own.
//!
//! Streaming: documents are handed to a callback one at a time, segment by segment, so an
//! export of millions of articles holds one stored document in memory, not the archive.

use std::ops::ControlFlow;

use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

use super::errors::backend;
use super::reader::{date_of, facet_values, first, speaker_kind};
use super::schema::{KIND_ARTICLE, KIND_QUOTE};
use super::Archive;
use crate::error::Result;

/// An article as an engine indexes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArticleDoc {
    pub id: String,
    pub path: String,
    pub title: String,
    pub body: String,
    /// `YYYY-MM-DD`, or a full RFC 3339 time when the article gives one.
    pub date: Option<String>,
    pub section: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
    pub lang: Option<String>,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub misc: Vec<String>,
    pub speakers: Vec<String>,
}

/// A quote as an engine indexes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuoteDoc {
    /// The article's id, `-`, and a hash of the quote (kind, speaker, cue, text): stable across
    /// exports of the same index, so a re-ingest replaces rather than doubles. The same words
    /// said twice by one speaker in one article are one document.
    pub id: String,
    pub article_id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub section: String,
    pub text: String,
    /// `direct` or `indirect`.
    pub kind: String,
    pub speaker: Option<String>,
    /// The speaker's identity id, as `quotes --json` gives it.
    pub speaker_id: Option<String>,
    /// The organisation the article ties the speaker to, when it names one.
    pub speaker_org: Option<String>,
    pub cue: Option<String>,
    /// Which sieve or model found the speaker (`article::How`).
    pub how: Option<String>,
}

/// One exported document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Doc {
    Article(ArticleDoc),
    Quote(QuoteDoc),
}

/// Hand every live article and quote of the archive to `sink`, in index order, until it says
/// stop (it keeps its own reason, such as a full disk). The error is the index's.
pub fn documents(archive: &Archive, sink: &mut dyn FnMut(Doc) -> ControlFlow<()>) -> Result<()> {
    archive.guard(|| documents_unguarded(archive, sink))
}

fn documents_unguarded(
    archive: &Archive,
    sink: &mut dyn FnMut(Doc) -> ControlFlow<()>,
) -> Result<()> {
    let searcher = archive.searcher()?;
    let table = archive.names();
    let shards = [(archive, &searcher)];
    let f = &archive.fields;
    let mut kind = String::new();
    for (ord, seg) in searcher.segment_readers().iter().enumerate() {
        let Some(kinds) = seg.fast_fields().str("kind")? else {
            continue;
        };
        for doc in seg.doc_ids_alive() {
            kind.clear();
            if let Some(o) = kinds.term_ords(doc).next() {
                kinds.ord_to_str(o, &mut kind).map_err(backend)?;
            }
            if kind != KIND_ARTICLE && kind != KIND_QUOTE {
                continue;
            }
            let d: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
            let opt = |field| Some(first(&d, field)).filter(|s| !s.is_empty());
            let names = |kind: &str| facet_values(&d, f.facets, kind, &table);
            let id = first(&d, f.id);
            let out = if kind == KIND_ARTICLE {
                Doc::Article(ArticleDoc {
                    path: first(&d, f.path),
                    title: first(&d, f.title),
                    body: first(&d, f.body),
                    date: date_of(&d, f.date),
                    section: first(&d, f.section),
                    url: opt(f.url),
                    source: opt(f.source),
                    authors: d
                        .get_all(f.authors)
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    lang: names("lang").into_iter().next(),
                    persons: names("person"),
                    orgs: names("org"),
                    places: names("place"),
                    misc: names("misc"),
                    speakers: names("speaker"),
                    id,
                })
            } else {
                let speaker = names("speaker").into_iter().next();
                let text = first(&d, f.quote);
                let kind = first(&d, f.quote_kind);
                let cue = opt(f.cue);
                let what = [
                    kind.as_str(),
                    speaker.as_deref().unwrap_or(""),
                    cue.as_deref().unwrap_or(""),
                    text.as_str(),
                ]
                .join("\u{1f}");
                Doc::Quote(QuoteDoc {
                    id: format!("{id}-{}", &blake3::hash(what.as_bytes()).to_hex()[..12]),
                    speaker_id: speaker
                        .as_deref()
                        .map(|s| crate::identity::id(speaker_kind(&shards, s), s)),
                    article_id: id,
                    path: first(&d, f.path),
                    title: first(&d, f.title),
                    date: date_of(&d, f.date),
                    section: first(&d, f.section),
                    speaker_org: opt(f.speaker_org),
                    how: opt(f.quote_how),
                    speaker,
                    text,
                    kind,
                    cue,
                })
            };
            if sink(out).is_break() {
                return Ok(());
            }
        }
    }
    Ok(())
}
