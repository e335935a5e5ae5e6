//! Reading: parse a user query (words, phrases, boolean operators, field prefixes, date ranges),
//! run it over article or quote documents, and return plain data (hits, snippets with highlight
//! ranges, facet counts). Rendering is the binary's job. Quote requests live in `index::quotes`
//! and entity listings in `index::entities`; their types and entry points are re-exported here,
//! so callers name one module for every request.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{Bm25StatisticsProvider, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::collapse::{AlsoIn, By, GroupTop};
use super::errors::backend;
use super::facets::{merge_top, Merged, NameCounts};
use super::filters::with_filters;
use super::name_ids::{canonical_in, IdCounter};
use super::schema::{KIND_ARTICLE, KIND_DUPLICATE, KIND_QUOTE};
use super::snippets::BodySnippets;
use super::Archive;
use crate::archive_names::NameTable;
use crate::error::{Error, Result};

pub use super::entities::{entities, EntityKind, EntityRequest, EntityResult, EntityRow};
pub(super) use super::entities::{
    entity_kinds, entity_query, entity_result, names_and_quotes, speaker_kind,
};
pub(super) use super::quotes::{loosened, quote_hit, quote_query, quote_snippets};
pub use super::quotes::{search_quotes, LeftOut, QuoteHit, QuoteRequest, QuoteResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// Structured filters from command-line flags, ANDed with the query. Names match on any of
/// their words, case-insensitively ("stoltenberg" finds "Jens Stoltenberg").
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub speaker: Option<String>,
    pub org: Option<String>,
    pub person: Option<String>,
    pub place: Option<String>,
    pub section: Option<String>,
    /// Only articles (and their quotes) in this language, by ISO 639-1 code (`de`).
    pub lang: Option<String>,
    /// Inclusive bounds, `YYYY-MM-DD` (or any form `parse::normalize_date` accepts).
    pub since: Option<String>,
    pub until: Option<String>,
    /// `--speaker`/`--person` resolve a name archive-wide (a bare "Obama" is Barack Obama where
    /// the archive makes that unambiguous) instead of as each article gives it.
    pub loose: bool,
    /// Count and list every wire copy of a quote: by default a quote that the copies of one
    /// story repeat is one quote (`index/quote_copies.rs`).
    pub every_copy: bool,
}

impl Filters {
    /// No filter set.
    pub fn is_empty(&self) -> bool {
        [
            &self.speaker,
            &self.org,
            &self.person,
            &self.place,
            &self.section,
            &self.lang,
            &self.since,
            &self.until,
        ]
        .iter()
        .all(|o| o.is_none())
    }
}

/// One query over the articles.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    pub facets: bool,
    /// Show each near-duplicate cluster once, as its earliest matching article with the others
    /// as `also_in` (`index/collapse.rs`); `total` then counts clusters.
    pub collapse: bool,
}

/// A text excerpt and the byte ranges in it that matched the query (in JSON, a hit's
/// `snippet` and `highlights`).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Snippet {
    #[serde(rename = "snippet")]
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ArticleHit {
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub section: String,
    pub score: f32,
    #[serde(flatten)]
    pub snippet: Snippet,
    pub persons: Vec<String>,
    pub orgs: Vec<String>,
    pub places: Vec<String>,
    pub speakers: Vec<String>,
    /// Other paths holding the same title and body (indexed once), sorted.
    pub duplicates: Vec<String>,
    #[serde(flatten)]
    pub origin: Origin,
    /// The near-duplicate cluster (`near_dup.rs`): the content id of the article that started it.
    pub cluster: String,
    /// In a collapsed search, the cluster's other articles: the earliest ones (at most
    /// `collapse::ALSO_IN_MAX`), how many distinct outlets those came from, and how many there
    /// are in all.
    pub also_in: Vec<AlsoIn>,
    pub also_in_outlets: usize,
    pub also_in_total: usize,
}

/// Where an article came from, as its file said: shown with every article and quote hit.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Origin {
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
}

/// One counted value: a name (or section, or month) and how many matching documents have it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NameCount {
    pub name: String,
    pub count: u64,
}

/// Counts of the most frequent values over all matching articles, highest count first (ties
/// in name order).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facets {
    pub persons: Vec<NameCount>,
    pub orgs: Vec<NameCount>,
    pub places: Vec<NameCount>,
    pub speakers: Vec<NameCount>,
    pub sections: Vec<NameCount>,
}

#[derive(Debug, Clone)]
pub struct SearchResult {
    /// Matching articles.
    pub total: usize,
    /// In a collapsed search, the matching stories (near-duplicate clusters), which the hits
    /// and `offset` count.
    pub stories: Option<usize>,
    pub hits: Vec<ArticleHit>,
    pub facets: Option<Facets>,
    pub seconds: f64,
    /// The people a `--speaker`/`--person` value could mean, when it names no one person (the
    /// result is then empty: the command does not guess).
    pub ambiguous: Vec<String>,
    /// With `--since`/`--until`: how many articles match all else, and how many of those have
    /// no date (which a date filter always leaves out).
    pub undated: Option<Undated>,
}

/// Articles a date filter left out for having no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Undated {
    pub undated: usize,
    pub matching: usize,
}

/// How many values each facet lists.
const FACET_TOP: usize = 10;
/// The facets `search --facets` counts, in the order of [`Facets`]' fields.
pub(super) const FACET_KINDS: [&str; 5] = ["person", "org", "place", "speaker", "section"];

/// Run a query over article documents.
fn search_unguarded(archive: &Archive, req: &SearchRequest) -> Result<SearchResult> {
    let started = Instant::now();
    let searcher = archive.searcher()?;
    let f = &archive.fields;
    let query = parse_query(archive, &req.query, &[f.title, f.body], KIND_ARTICLE)?;
    let table = archive.names();
    let undated = undated(archive, &table, &searcher, &*query, &req.filters)?;
    let mut ambiguous = Vec::new();
    let query = with_filters(
        archive,
        &searcher,
        &table,
        query,
        &req.filters,
        KIND_ARTICLE,
        &mut ambiguous,
    )?;

    let limit = req.limit.max(1);
    if req.collapse {
        return collapsed(
            archive,
            &table,
            &searcher,
            &*query,
            req,
            (ambiguous, undated),
            started,
        );
    }
    // Names are numbered per view on first use: only when facets are asked for.
    let counter = req
        .facets
        .then(|| IdCounter::new(archive, &searcher, &table, &FACET_KINDS))
        .transpose()?;
    let (total, addrs, facet_counts) = match req.sort {
        Sort::Relevance => {
            let top = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .order_by_score();
            if let Some(counter) = &counter {
                let (n, docs, fc) = searcher.search(&query, &(Count, top, counter.clone()))?;
                (n, docs, Some(fc))
            } else {
                let (n, docs) = searcher.search(&query, &(Count, top))?;
                (n, docs, None)
            }
        }
        Sort::Date => {
            let top = TopDocs::with_limit(limit)
                .and_offset(req.offset)
                .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
            let to_scored =
                |docs: Vec<(Option<tantivy::DateTime>, DocAddress)>| -> Vec<(f32, DocAddress)> {
                    docs.into_iter().map(|(_, a)| (0.0, a)).collect()
                };
            if let Some(counter) = &counter {
                let (n, docs, fc) = searcher.search(&query, &(Count, top, counter.clone()))?;
                (n, to_scored(docs), Some(fc))
            } else {
                let (n, docs) = searcher.search(&query, &(Count, top))?;
                (n, to_scored(docs), None)
            }
        }
    };
    let hits = if req.limit == 0 {
        Vec::new()
    } else {
        article_hits(archive, &table, &searcher, &searcher, &*query, &addrs)?
    };
    let facets = counter
        .zip(facet_counts)
        .map(|(counter, counts)| facets_by_number(&counter, &counts));
    Ok(SearchResult {
        ambiguous,
        total,
        stories: None,
        hits,
        facets,
        seconds: started.elapsed().as_secs_f64(),
        undated,
    })
}

/// [`search_unguarded`] with near-duplicate clusters collapsed (`index/collapse.rs`).
fn collapsed(
    archive: &Archive,
    table: &Arc<NameTable>,
    searcher: &Searcher,
    query: &dyn Query,
    req: &SearchRequest,
    (ambiguous, undated): (Vec<String>, Option<Undated>),
    started: Instant,
) -> Result<SearchResult> {
    use super::collapse;
    let counter = req
        .facets
        .then(|| IdCounter::new(archive, searcher, table, &FACET_KINDS))
        .transpose()?;
    // The groups of the page are found in the counting pass (`collapse::GroupTop`).
    let want = match req.limit {
        0 => 0,
        n => req.offset.saturating_add(n),
    };
    let grouped = GroupTop::new(By::Cluster, req.sort, want);
    let (total, (stories, top), facet_counts) = if let Some(counter) = &counter {
        let (n, g, fc) = searcher.search(query, &(Count, grouped, counter.clone()))?;
        (n, g, Some(fc))
    } else {
        let (n, g) = searcher.search(query, &(Count, grouped))?;
        (n, g, None)
    };
    let groups = collapse::page_of_groups(searcher, By::Cluster, top, req.offset)?;
    // Each cluster is shown as its earliest article that matches, at the best one's rank.
    let mut addrs = Vec::with_capacity(groups.len());
    for g in &groups {
        let shown = collapse::earliest_matching(archive, searcher, By::Cluster, query, &g.cluster)?
            .unwrap_or(g.best);
        addrs.push((g.score, shown));
    }
    let mut hits = article_hits(archive, table, searcher, searcher, query, &addrs)?;
    for (hit, (_, shown)) in hits.iter_mut().zip(&addrs) {
        let (also, outlets, total) =
            collapse::also_in(archive, searcher, By::Cluster, &hit.cluster, *shown)?;
        (hit.also_in, hit.also_in_outlets, hit.also_in_total) = (also, outlets, total);
    }
    let facets = counter
        .zip(facet_counts)
        .map(|(counter, counts)| facets_by_number(&counter, &counts));
    Ok(SearchResult {
        ambiguous,
        total,
        stories: Some(stories),
        hits,
        facets,
        seconds: started.elapsed().as_secs_f64(),
        undated,
    })
}

/// The facets of `search --facets` from the counts of [`FACET_KINDS`]: variants merge into
/// their archive-wide canonical name before ranking. For shards searched as one, whose names
/// are counted by string.
pub(super) fn facets_of(table: &NameTable, counts: NameCounts) -> Facets {
    facets_from(FACET_KINDS.iter().zip(counts).map(|(kind, mut listed)| {
        listed.retain(|(n, _)| !table.is_hidden(kind, canonical_in(table, kind, n)));
        let (_, top) = merge_top(&listed, |n| canonical_in(table, kind, n), FACET_TOP);
        name_counts(top)
    }))
}

/// [`facets_of`] for the counts by name number of one index (`index/name_ids.rs`).
fn facets_by_number(counter: &IdCounter, counts: &[Vec<u32>]) -> Facets {
    facets_from(
        counter
            .names()
            .zip(counts)
            .map(|(names, counts)| name_counts(names.top(counts, FACET_TOP).1)),
    )
}

fn name_counts(top: Vec<Merged>) -> Vec<NameCount> {
    top.into_iter()
        .map(|m| NameCount {
            name: m.name.to_string(),
            count: m.count,
        })
        .collect()
}

/// The facet lists, in the order of [`FACET_KINDS`].
fn facets_from(mut tops: impl Iterator<Item = Vec<NameCount>>) -> Facets {
    Facets {
        persons: tops.next().unwrap_or_default(),
        orgs: tops.next().unwrap_or_default(),
        places: tops.next().unwrap_or_default(),
        speakers: tops.next().unwrap_or_default(),
        sections: tops.next().unwrap_or_default(),
    }
}

/// With a date filter: the articles matching the query and every other filter, and those of
/// them without a date. `None` without a date filter.
pub(super) fn undated(
    archive: &Archive,
    table: &NameTable,
    searcher: &Searcher,
    query: &dyn Query,
    filters: &Filters,
) -> Result<Option<Undated>> {
    if filters.since.is_none() && filters.until.is_none() {
        return Ok(None);
    }
    let open = Filters {
        since: None,
        until: None,
        ..filters.clone()
    };
    let matching = with_filters(
        archive,
        searcher,
        table,
        query.box_clone(),
        &open,
        KIND_ARTICLE,
        &mut Vec::new(),
    )?;
    let count = searcher.search(&*matching, &Count)?;
    let no_date = BooleanQuery::new(vec![
        (Occur::Must, matching),
        (
            Occur::MustNot,
            Box::new(tantivy::query::ExistsQuery::new("date".to_string(), false)),
        ),
    ]);
    Ok(Some(Undated {
        undated: searcher.search(&no_date, &Count)?,
        matching: count,
    }))
}

pub(super) fn article_hits(
    archive: &Archive,
    table: &NameTable,
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    query: &dyn Query,
    addrs: &[(f32, DocAddress)],
) -> Result<Vec<ArticleHit>> {
    let f = &archive.fields;
    let mut body_snippets = BodySnippets::new(searcher, stats, query, f)?;
    let mut hits = Vec::with_capacity(addrs.len());
    for (score, addr) in addrs {
        let doc: TantivyDocument = searcher.doc(*addr)?;
        let lang = facet_values(&doc, f.facets, "lang", table)
            .into_iter()
            .next();
        let s = body_snippets.snippet(&doc, lang.as_deref())?;
        let snippet = if s.is_empty() {
            // Matched on title or an entity field only: show the article's opening instead.
            let body = first(&doc, f.body);
            let end = body.char_indices().nth(200).map_or(body.len(), |(i, _)| i);
            Snippet {
                text: body[..end].to_string(),
                highlights: Vec::new(),
            }
        } else {
            Snippet {
                text: s.fragment().to_string(),
                highlights: s.highlighted().to_vec(),
            }
        };
        let id = first(&doc, f.id);
        let duplicates = duplicate_paths(archive, searcher, &id)?;
        hits.push(ArticleHit {
            id,
            path: first(&doc, f.path),
            title: first(&doc, f.title),
            date: date_of(&doc, f.date),
            section: first(&doc, f.section),
            score: *score,
            snippet,
            persons: facet_values(&doc, f.facets, "person", table),
            orgs: facet_values(&doc, f.facets, "org", table),
            places: facet_values(&doc, f.facets, "place", table),
            speakers: facet_values(&doc, f.facets, "speaker", table),
            duplicates,
            origin: origin_of(archive, &doc),
            cluster: Some(first(&doc, f.cluster))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| first(&doc, f.id)),
            also_in: Vec::new(),
            also_in_outlets: 0,
            also_in_total: 0,
        });
    }
    Ok(hits)
}

/// The paths recorded as duplicates of article `id`: one term lookup per shown hit, paths read
/// from the fast field rather than the compressed document store.
pub(super) fn duplicate_paths(
    archive: &Archive,
    searcher: &Searcher,
    id: &str,
) -> Result<Vec<String>> {
    let f = &archive.fields;
    let term =
        |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
    let q = BooleanQuery::new(vec![
        (Occur::Must, term(Term::from_field_text(f.id, id))),
        (
            Occur::Must,
            term(Term::from_field_text(f.kind, KIND_DUPLICATE)),
        ),
    ]);
    let docs = searcher.search(&q, &DocSetCollector)?;
    let mut paths = Vec::with_capacity(docs.len());
    super::aggregate::for_each_path(searcher, docs, |_, path| paths.push(path.to_string()))?;
    paths.sort_unstable();
    paths.dedup();
    Ok(paths)
}

/// The url, source and authors stored on an article document.
fn origin_of(archive: &Archive, doc: &TantivyDocument) -> Origin {
    let f = &archive.fields;
    let opt = |field| Some(first(doc, field)).filter(|s| !s.is_empty());
    Origin {
        url: opt(f.url),
        source: opt(f.source),
        authors: doc
            .get_all(f.authors)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    }
}

/// The origin of the article stored under `path` (quote documents do not repeat it): one term
/// lookup per shown quote.
pub(super) fn origin_by_path(archive: &Archive, searcher: &Searcher, path: &str) -> Result<Origin> {
    let f = &archive.fields;
    let term =
        |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
    let q = BooleanQuery::new(vec![
        (Occur::Must, term(Term::from_field_text(f.path, path))),
        (
            Occur::Must,
            term(Term::from_field_text(f.kind, KIND_ARTICLE)),
        ),
    ]);
    let top = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?;
    Ok(match top.first() {
        Some((_, addr)) => origin_of(archive, &searcher.doc(*addr)?),
        None => Origin::default(),
    })
}

pub(crate) fn first(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// Canonical names of one kind from a document's stored facets (`/KIND/NAME`), mapped through
/// the archive-wide table and deduplicated.
pub(super) fn facet_values(
    doc: &TantivyDocument,
    field: Field,
    kind: &str,
    table: &NameTable,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in doc.get_all(field) {
        let Some(path) = v.as_facet() else { continue };
        let Ok(facet) = Facet::from_encoded(path.as_bytes().to_vec()) else {
            continue;
        };
        let parts = facet.to_path();
        if parts.len() == 2 && parts[0] == kind {
            let name = canonical_in(table, kind, parts[1]);
            if !out.iter().any(|o| o == name) {
                out.push(name.to_string());
            }
        }
    }
    out
}

pub(crate) fn date_of(doc: &TantivyDocument, field: Field) -> Option<String> {
    let d = doc.get_first(field)?.as_datetime()?;
    let secs = d.into_timestamp_secs();
    let dt = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(if secs % 86_400 == 0 {
        dt.format("%Y-%m-%d").to_string()
    } else {
        dt.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    })
}

/// Parse a user query, restricted to one document kind. Field prefixes map to index fields
/// (`person:`, `org:`, `place:`, `speaker:`, `quote:`, `section:`, `title:`, `body:`, `date:`).
pub(crate) fn parse_query(
    archive: &Archive,
    text: &str,
    defaults: &[Field],
    kind: &str,
) -> Result<Box<dyn Query>> {
    let f = &archive.fields;
    let trimmed = text.trim();
    let kind_q: Box<dyn Query> = Box::new(TermQuery::new(
        Term::from_field_text(f.kind, kind),
        IndexRecordOption::Basic,
    ));
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(kind_q);
    }
    let mut fields = defaults.to_vec();
    // Article prose is searched under each language's own stemmer too, for the languages this
    // index holds (schema::STEMMED_LANGS): a German word form finds its German article.
    if defaults.contains(&f.body) {
        let searcher = archive.searcher()?;
        for (code, field) in &f.prose {
            let term = Term::from_field_text(f.lang, code);
            if searcher.doc_freq(&term)? > 0 {
                fields.push(*field);
            }
        }
    }
    let mut parser = QueryParser::for_index(&archive.index, fields);
    // Users of news archives expect "nato russia" to mean both words, as web search does.
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, 2.0);
    let prepared = super::query::prepare(trimmed).map_err(|reason| Error::Query {
        query: text.to_string(),
        reason,
    })?;
    let rewritten = super::query::rewrite_dates(&prepared);
    let user = parser.parse_query(&rewritten).map_err(|e| Error::Query {
        query: text.to_string(),
        reason: super::query::explain(&e, trimmed),
    })?;
    Ok(Box::new(BooleanQuery::new(vec![
        (Occur::Must, user),
        (Occur::Must, kind_q),
    ])))
}

/// One shard of an archive searched as one (`index::shards`): its archive and a searcher.
pub(super) type Shard<'a> = (&'a Archive, &'a Searcher);

/// Consistency counts of the committed index, for crash tests and `scripts/crash-loop`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Audit {
    pub articles: usize,
    /// Article paths held by more than one article document (must be 0).
    pub repeated_paths: usize,
    pub quotes: usize,
    /// Quote documents whose article is not in the index (must be 0).
    pub orphan_quotes: usize,
    pub duplicates: usize,
    pub files: usize,
}

/// Count documents by kind and check that article paths are unique and every quote has its
/// article.
fn audit_unguarded(archive: &Archive) -> Result<Audit> {
    let reader = archive.index.reader()?;
    let searcher = reader.searcher();
    let mut article_paths: HashMap<String, usize> = HashMap::new();
    let mut quote_paths: Vec<String> = Vec::new();
    let mut audit = Audit::default();
    let (mut kind, mut path) = (String::new(), String::new());
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let (Some(kinds), Some(paths)) = (ff.str("kind")?, ff.str("path")?) else {
            continue;
        };
        for doc in seg.doc_ids_alive() {
            kind.clear();
            path.clear();
            if let Some(o) = kinds.term_ords(doc).next() {
                kinds.ord_to_str(o, &mut kind).map_err(backend)?;
            }
            if let Some(o) = paths.term_ords(doc).next() {
                paths.ord_to_str(o, &mut path).map_err(backend)?;
            }
            match kind.as_str() {
                KIND_ARTICLE => *article_paths.entry(path.clone()).or_default() += 1,
                KIND_QUOTE => quote_paths.push(path.clone()),
                super::schema::KIND_DUPLICATE => audit.duplicates += 1,
                super::schema::KIND_FILE => audit.files += 1,
                _ => {}
            }
        }
    }
    audit.articles = article_paths.values().sum();
    audit.repeated_paths = article_paths.values().filter(|n| **n > 1).count();
    audit.quotes = quote_paths.len();
    audit.orphan_quotes = quote_paths
        .iter()
        .filter(|p| !article_paths.contains_key(*p))
        .count();
    Ok(audit)
}

/// Run a query over article documents (see [`search_unguarded`]); a damaged index is an
/// error naming its file, never a panic.
pub fn search(archive: &Archive, req: &SearchRequest) -> Result<SearchResult> {
    archive.guard(|| search_unguarded(archive, req))
}

/// The consistency audit (see [`audit_unguarded`]), guarded like [`search`].
pub fn audit(archive: &Archive) -> Result<Audit> {
    archive.guard(|| audit_unguarded(archive))
}
