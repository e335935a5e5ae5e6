//! Quote requests: a query over the quote documents (words over the quote text, the filters,
//! direct or indirect), each hit with its speaker's archive-wide name and id, its highlight
//! ranges and its article, and what a strict name filter left out. A quote that wire copies of
//! one story repeat is listed once, as its earliest copy, with the others as "also in"
//! (`index/quote_copies.rs`, `index/collapse.rs`). `index::shards` runs the same steps over
//! several indexes (without collapsing: shards do not share clusters). Re-exported by
//! `index::reader`.

use std::ops::Range;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::collapse::{self, AlsoIn, By, GroupTop};
use super::entities::speaker_kind;
use super::filters::with_filters;
use super::reader::{date_of, first, origin_by_path, parse_query, Filters, Origin, Shard, Sort};
use super::schema::KIND_QUOTE;
use super::snippets::snippet_generator;
use super::Archive;
use crate::archive_names::NameTable;
use crate::article::QuoteKind;
use crate::error::Result;

/// One query over the quotes.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    pub query: String,
    pub filters: Filters,
    /// Only direct or only indirect (reported) quotes; both when `None`.
    pub kind: Option<QuoteKind>,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
}

/// One quote and where it was said.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteHit {
    pub speaker: Option<String>,
    /// The speaker's identity id across the archive (the id `entities` lists them under).
    pub speaker_id: Option<String>,
    pub text: String,
    /// Direct (verbatim, in quote marks) or indirect (reported speech).
    pub kind: QuoteKind,
    /// Byte ranges of `text` that matched the query's words.
    pub highlights: Vec<Range<usize>>,
    pub cue: Option<String>,
    /// How the speaker was found (the sieve's name, see `article::How`).
    pub how: Option<String>,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub section: String,
    pub score: f32,
    #[serde(flatten)]
    pub origin: Origin,
    /// In a collapsed listing, the quote's other copies (the same words in other copies of the
    /// wire story): the earliest ones, how many distinct outlets those came from, how many.
    pub also_in: Vec<AlsoIn>,
    pub also_in_outlets: usize,
    pub also_in_total: usize,
}

#[derive(Debug, Clone)]
pub struct QuoteResult {
    /// Matching quote documents, every copy counted.
    pub total: usize,
    /// In a collapsed listing, the distinct quotes among them (what the hits page through).
    pub distinct: Option<usize>,
    pub hits: Vec<QuoteHit>,
    pub seconds: f64,
    /// The people a `--speaker`/`--person` value could mean, when it names no one person (the
    /// result is then empty: the command does not guess).
    pub ambiguous: Vec<String>,
    /// What a `--speaker`/`--person` matched as the articles give the name left out, and
    /// `--loose` would add.
    pub also: Option<LeftOut>,
}

/// Quotes a strict name filter left out (`Filters::loose` would return them too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// How many more quotes the loose filter matches.
    pub quotes: usize,
    /// The stored speaker names it would add ("Obama" for "Barack Obama").
    pub speakers: Vec<String>,
}

/// The request with its name filters loose, when a strict one left names out.
pub(super) fn loosened(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    req: &QuoteRequest,
) -> Result<Option<(QuoteRequest, Vec<String>)>> {
    let names = super::filters::left_out(archive, searcher, table, &req.filters, KIND_QUOTE)?;
    if names.is_empty() {
        return Ok(None);
    }
    let mut loose = req.clone();
    loose.filters.loose = true;
    Ok(Some((loose, names)))
}

/// Run a query over quote documents; bare words match the quote text.
fn search_quotes_unguarded(archive: &Archive, req: &QuoteRequest) -> Result<QuoteResult> {
    let started = Instant::now();
    let searcher = archive.searcher()?;
    let f = &archive.fields;
    let table = archive.names();
    let mut ambiguous = Vec::new();
    let q = quote_query(archive, &searcher, &table, req, &mut ambiguous)?;
    let limit = req.limit.max(1);
    // A quote repeated by wire copies is listed once, with the other copies in `also_in`;
    // paging then counts distinct quotes.
    if !req.filters.every_copy {
        return collapsed(archive, &table, &searcher, q, req, ambiguous, started);
    }
    let (total, docs): (usize, Vec<(f32, DocAddress)>) = match req.sort {
        Sort::Relevance => searcher.search(
            &q,
            &(
                Count,
                TopDocs::with_limit(limit)
                    .and_offset(req.offset)
                    .order_by_score(),
            ),
        )?,
        Sort::Date => {
            let top = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
            let (n, docs) = searcher.search(&q, &(Count, top))?;
            (n, docs.into_iter().map(|(_, a)| (0.0, a)).collect())
        }
    };
    let also = left_out(archive, &searcher, &table, req, total)?;
    let snippets = quote_snippets(&searcher, &searcher, &*q, f.quote)?;
    let mut hits = Vec::new();
    for (score, addr) in docs.into_iter().take(req.limit) {
        hits.push(quote_hit(
            &[(archive, &searcher)],
            0,
            &table,
            &snippets,
            score,
            addr,
        )?);
    }
    Ok(QuoteResult {
        ambiguous,
        also,
        total,
        distinct: None,
        hits,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// What a strict name filter left out: the quotes the loose filter adds to `total`.
fn left_out(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    req: &QuoteRequest,
    total: usize,
) -> Result<Option<LeftOut>> {
    Ok(match loosened(archive, searcher, table, req)? {
        Some((loose, speakers)) => {
            let q = quote_query(archive, searcher, table, &loose, &mut Vec::new())?;
            let more = searcher.search(&q, &Count)?.saturating_sub(total);
            (more > 0).then_some(LeftOut {
                quotes: more,
                speakers,
            })
        }
        None => None,
    })
}

/// [`search_quotes_unguarded`] with the copies of a quote collapsed: each distinct quote takes
/// the rank of its best-ranked copy and is shown as its earliest matching copy.
fn collapsed(
    archive: &Archive,
    table: &NameTable,
    searcher: &Searcher,
    q: Box<dyn Query>,
    req: &QuoteRequest,
    ambiguous: Vec<String>,
    started: Instant,
) -> Result<QuoteResult> {
    // The groups of the page are found in the counting pass (`collapse::GroupTop`).
    let want = match req.limit {
        0 => 0,
        n => req.offset.saturating_add(n),
    };
    let (total, (distinct, top)) =
        searcher.search(&q, &(Count, GroupTop::new(By::QuoteCopy, req.sort, want)))?;
    let groups = collapse::page_of_groups(searcher, By::QuoteCopy, top, req.offset)?;
    let snippets = quote_snippets(searcher, searcher, &*q, archive.fields.quote)?;
    let mut hits = Vec::with_capacity(groups.len());
    for g in &groups {
        let shown = collapse::earliest_matching(archive, searcher, By::QuoteCopy, &*q, &g.cluster)?
            .unwrap_or(g.best);
        let mut hit = quote_hit(&[(archive, searcher)], 0, table, &snippets, g.score, shown)?;
        (hit.also_in, hit.also_in_outlets, hit.also_in_total) =
            collapse::also_in(archive, searcher, By::QuoteCopy, &g.cluster, shown)?;
        hits.push(hit);
    }
    Ok(QuoteResult {
        ambiguous,
        also: left_out(archive, searcher, table, req, total)?,
        total,
        distinct: Some(distinct),
        hits,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// A quote request's query: the words over quote text, the filters, the kind.
pub(super) fn quote_query(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    req: &QuoteRequest,
    ambiguous: &mut Vec<String>,
) -> Result<Box<dyn Query>> {
    let f = &archive.fields;
    let q = parse_query(archive, &req.query, &[f.quote], KIND_QUOTE)?;
    let q = with_filters(
        archive,
        searcher,
        table,
        q,
        &req.filters,
        KIND_QUOTE,
        ambiguous,
    )?;
    Ok(match req.kind {
        Some(kind) => {
            let term = Term::from_field_text(f.quote_kind, kind.as_str());
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ),
            ]))
        }
        None => q,
    })
}

/// The highlighter of quote hits.
pub(super) fn quote_snippets(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    q: &dyn Query,
    field: Field,
) -> Result<SnippetGenerator> {
    let mut snippets = snippet_generator(searcher, stats, q, field)?;
    // Quotes are shown whole; the snippet generator is used only for its highlight ranges.
    snippets.set_max_num_chars(100_000);
    Ok(snippets)
}

/// One quote hit, read from shard `at` of `shards` (a speaker's kind is looked up in them all).
pub(super) fn quote_hit(
    shards: &[Shard],
    at: usize,
    table: &NameTable,
    snippets: &SnippetGenerator,
    score: f32,
    addr: DocAddress,
) -> Result<QuoteHit> {
    let (archive, searcher) = shards[at];
    let f = &archive.fields;
    let doc: TantivyDocument = searcher.doc(addr)?;
    let opt = |field| Some(first(&doc, field)).filter(|s| !s.is_empty());
    let text = first(&doc, f.quote);
    let highlights = quote_highlights(snippets, &text);
    let speaker = opt(f.speaker).map(|s| {
        let c = table.canonical("person", &s);
        table.canonical("org", c).to_string()
    });
    let speaker_id = speaker
        .as_deref()
        .map(|s| crate::identity::id(speaker_kind(shards, s), s));
    Ok(QuoteHit {
        speaker,
        speaker_id,
        text,
        kind: if first(&doc, f.quote_kind) == QuoteKind::Indirect.as_str() {
            QuoteKind::Indirect
        } else {
            QuoteKind::Direct
        },
        highlights,
        cue: opt(f.cue),
        how: opt(f.quote_how),
        origin: origin_by_path(archive, searcher, &first(&doc, f.path))?,
        path: first(&doc, f.path),
        title: first(&doc, f.title),
        date: date_of(&doc, f.date),
        section: first(&doc, f.section),
        score,
        also_in: Vec::new(),
        also_in_outlets: 0,
        also_in_total: 0,
    })
}

/// The byte ranges of a whole quote that match the query. The snippet generator's fragment runs
/// from the first token to the last, so it leaves out a quote's closing punctuation (and any
/// leading mark); its ranges are relative to the fragment and are shifted back onto the text.
/// (Comparing the fragment with the text dropped the highlights of most direct quotes.)
fn quote_highlights(snippets: &SnippetGenerator, text: &str) -> Vec<Range<usize>> {
    let snip = snippets.snippet(text);
    let start = snip.fragment_range().start;
    snip.highlighted()
        .iter()
        .map(|r| r.start + start..r.end + start)
        .filter(|r| text.get(r.clone()).is_some())
        .collect()
}

/// Run a query over quote documents (see [`search_quotes_unguarded`]), guarded like
/// [`search`](super::reader::search).
pub fn search_quotes(archive: &Archive, req: &QuoteRequest) -> Result<QuoteResult> {
    archive.guard(|| search_quotes_unguarded(archive, req))
}
