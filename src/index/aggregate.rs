//! Aggregate questions: how many matching articles or quotes each speaker, person,
//! organisation, place, section, month or year has ("who is quoted most about the economy?":
//! the quotes matching `economy`, counted by speaker). Plain data out; rendering is the
//! binary's job.
//!
//! Quote documents carry their speaker, section and date, so those are counted on the quotes
//! themselves. They do not repeat their article's persons, organisations and places (that
//! would multiply the index's name columns by the quotes per article), so a quote counts for
//! a person through its article: the matching quotes' paths are gathered, their articles
//! looked up by path, and each article's names counted once per matching quote it holds.
//!
//! A quote that wire copies of one story repeat counts once, as its earliest copy
//! (`index/quote_copies.rs`).

use std::collections::HashMap;

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::browse::{Counted, MonthCounter};
use super::errors::backend;
use super::facets::{merge_top, NameCounter};
use super::filters::with_filters;
use super::reader::{parse_query, Filters, NameCount};
use super::schema::{name_column, KIND_ARTICLE, KIND_QUOTE};
use super::Archive;
use crate::archive_names::NameTable;
use crate::article::QuoteKind;
use crate::error::{Error, Result};

/// What matching documents are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Speaker,
    Person,
    Org,
    Place,
    Section,
    Month,
    Year,
}

impl CountBy {
    pub fn as_str(self) -> &'static str {
        match self {
            CountBy::Speaker => "speaker",
            CountBy::Person => "person",
            CountBy::Org => "org",
            CountBy::Place => "place",
            CountBy::Section => "section",
            CountBy::Month => "month",
            CountBy::Year => "year",
        }
    }

    /// The name kind (`schema::NAME_KINDS`) counted, or `None` for months and years.
    fn name_kind(self) -> Option<&'static str> {
        match self {
            CountBy::Month | CountBy::Year => None,
            other => Some(other.as_str()),
        }
    }
}

/// One aggregate question.
#[derive(Debug, Clone)]
pub struct CountRequest {
    pub query: String,
    pub filters: Filters,
    /// Articles (bare words match title and body) or quotes (bare words match the quote).
    pub of: Counted,
    /// For quotes: only direct or only indirect ones.
    pub quote_kind: Option<QuoteKind>,
    pub by: CountBy,
    /// Most rows returned; months and years are all returned, in time order.
    pub limit: usize,
}

/// The answer: rows highest count first (names, sections) or in time order (months, years).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Counts {
    /// Matching documents.
    pub total: u64,
    /// Matching documents with no value to count by (no date, no speaker, no section). A
    /// document with several names (an article naming three people) counts under each.
    pub without: u64,
    /// Distinct values before `limit` cut the list.
    pub distinct: usize,
    pub counts: Vec<NameCount>,
    #[serde(skip)]
    pub seconds: f64,
    /// The people a `--speaker`/`--person` value could mean, when it names no one person.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ambiguous: Vec<String>,
}

/// Count the documents a query matches by one value (see [`CountRequest`]).
pub fn count_by(archive: &Archive, req: &CountRequest) -> Result<Counts> {
    archive.guard(|| count_by_unguarded(archive, req))
}

/// The top values of several name kinds over the quotes a query matches: `quotes --facets`.
/// Each list is highest count first, at most `top` long.
pub fn quote_facets(
    archive: &Archive,
    query: &str,
    filters: &Filters,
    quote_kind: Option<QuoteKind>,
    kinds: &[&'static str],
    top: usize,
) -> Result<Vec<Vec<NameCount>>> {
    archive.guard(|| {
        let searcher = archive.searcher()?;
        let table = archive.names();
        let q = matching(
            archive,
            &searcher,
            &table,
            query,
            filters,
            Counted::Quotes,
            quote_kind,
            &mut Vec::new(),
        )?;
        let q = super::quote_copies::counted_once(&searcher, q, filters.every_copy)?;
        let counted = count_names(archive, &searcher, &*q, Counted::Quotes, kinds)?;
        Ok(counted
            .into_iter()
            .zip(kinds)
            .map(|(names, kind)| ranked(&table, kind, &names, top).1)
            .collect())
    })
}

fn count_by_unguarded(archive: &Archive, req: &CountRequest) -> Result<Counts> {
    let started = std::time::Instant::now();
    let searcher = archive.searcher()?;
    let table = archive.names();
    let mut ambiguous = Vec::new();
    let q = matching(
        archive,
        &searcher,
        &table,
        &req.query,
        &req.filters,
        req.of,
        req.quote_kind,
        &mut ambiguous,
    )?;
    let q = match req.of {
        Counted::Quotes => super::quote_copies::counted_once(&searcher, q, req.filters.every_copy)?,
        Counted::Articles => q,
    };
    let total = searcher.search(&*q, &Count)? as u64;
    let mut counts = match req.by.name_kind() {
        Some(kind) => {
            let names = count_names(archive, &searcher, &*q, req.of, &[kind])?
                .pop()
                .unwrap_or_default();
            let (distinct, rows) = ranked(&table, kind, &names, req.limit);
            let with = with_value(archive, &searcher, &*q, req.of, kind)?;
            Counts {
                total,
                without: total.saturating_sub(with),
                distinct,
                counts: rows,
                ..Counts::default()
            }
        }
        None => {
            let (by_month, undated) = searcher.search(&*q, &MonthCounter)?;
            let mut rows: Vec<NameCount> = Vec::new();
            for (m, n) in by_month {
                let name = if req.by == CountBy::Year {
                    format!("{:04}", m.div_euclid(12))
                } else {
                    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
                };
                match rows.last_mut() {
                    Some(last) if last.name == name => last.count += n,
                    _ => rows.push(NameCount { name, count: n }),
                }
            }
            Counts {
                total,
                without: undated,
                distinct: rows.len(),
                counts: rows,
                ..Counts::default()
            }
        }
    };
    counts.ambiguous = ambiguous;
    counts.seconds = started.elapsed().as_secs_f64();
    Ok(counts)
}

/// The query over articles or quotes with the filters and, for quotes, the quote kind.
#[allow(clippy::too_many_arguments)]
fn matching(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    query: &str,
    filters: &Filters,
    of: Counted,
    quote_kind: Option<QuoteKind>,
    ambiguous: &mut Vec<String>,
) -> Result<Box<dyn Query>> {
    let f = &archive.fields;
    let (defaults, kind) = match of {
        Counted::Articles => (vec![f.title, f.body], KIND_ARTICLE),
        Counted::Quotes => (vec![f.quote], KIND_QUOTE),
    };
    let q = parse_query(archive, query, &defaults, kind)?;
    let q = with_filters(archive, searcher, table, q, filters, kind, ambiguous)?;
    Ok(match (of, quote_kind) {
        (Counted::Quotes, Some(k)) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, q),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.quote_kind, k.as_str()),
                    IndexRecordOption::Basic,
                )),
            ),
        ])),
        _ => q,
    })
}

/// Name → matching documents, one list per kind. Quotes count speakers and sections on
/// themselves, other names through their article (see the module doc).
fn count_names(
    archive: &Archive,
    searcher: &Searcher,
    q: &dyn Query,
    of: Counted,
    kinds: &[&str],
) -> Result<Vec<Vec<(String, u64)>>> {
    let on_doc = |k: &&str| of == Counted::Articles || matches!(*k, "speaker" | "section");
    let own: Vec<&str> = kinds.iter().copied().filter(|k| on_doc(k)).collect();
    let through: Vec<&str> = kinds.iter().copied().filter(|k| !on_doc(k)).collect();
    let mut own_counts = if own.is_empty() {
        Vec::new()
    } else {
        searcher.search(q, &NameCounter::new(own.iter().copied()))?
    }
    .into_iter();
    let mut through_counts = if through.is_empty() {
        Vec::new()
    } else {
        names_through_articles(archive, searcher, q, &through)?.0
    }
    .into_iter();
    Ok(kinds
        .iter()
        .map(|k| {
            if on_doc(k) {
                own_counts.next()
            } else {
                through_counts.next()
            }
            .unwrap_or_default()
        })
        .collect())
}

/// How many matching documents have at least one value of `kind` (quotes through their
/// article for article names: see [`names_through_articles`]).
fn with_value(
    archive: &Archive,
    searcher: &Searcher,
    q: &dyn Query,
    of: Counted,
    kind: &str,
) -> Result<u64> {
    if of == Counted::Quotes && !matches!(kind, "speaker" | "section") {
        let (_, with) = names_through_articles(archive, searcher, q, &[kind])?;
        return Ok(with.first().copied().unwrap_or(0));
    }
    let has = BooleanQuery::new(vec![
        (Occur::Must, q.box_clone()),
        (
            Occur::Must,
            Box::new(tantivy::query::ExistsQuery::new(name_column(kind), false)),
        ),
    ]);
    Ok(searcher.search(&has, &Count)? as u64)
}

/// Article documents stored under any of `paths`.
fn article_at<'a>(archive: &Archive, paths: impl IntoIterator<Item = &'a str>) -> BooleanQuery {
    let f = &archive.fields;
    let terms: Vec<Term> = paths
        .into_iter()
        .map(|p| Term::from_field_text(f.path, p))
        .collect();
    BooleanQuery::new(vec![
        (Occur::Must, Box::new(TermSetQuery::new(terms))),
        (
            Occur::Must,
            Box::new(TermQuery::new(
                Term::from_field_text(f.kind, KIND_ARTICLE),
                IndexRecordOption::Basic,
            )),
        ),
    ])
}

/// The article path of every matching quote, with how many matching quotes it holds.
fn quote_paths(searcher: &Searcher, q: &dyn Query) -> Result<HashMap<String, u64>> {
    let addrs = searcher.search(q, &DocSetCollector)?;
    let mut out: HashMap<String, u64> = HashMap::new();
    for_each_path(searcher, addrs, |_, path| {
        *out.entry(path.to_string()).or_default() += 1;
    })?;
    Ok(out)
}

/// Call `f` with each document's stored path, read from the `path` column (one column per
/// segment, opened once). Documents come segment by segment, not in the order given: each
/// segment's path ordinals are sorted and turned into text in one pass over the dictionary,
/// because looking ordinals up one at a time decodes a dictionary block per document, which
/// was most of the time of `entities QUERY` on a large archive.
pub(super) fn for_each_path(
    searcher: &Searcher,
    addrs: impl IntoIterator<Item = DocAddress>,
    mut f: impl FnMut(DocAddress, &str),
) -> Result<()> {
    let mut by_segment: HashMap<u32, Vec<DocAddress>> = HashMap::new();
    for addr in addrs {
        by_segment.entry(addr.segment_ord).or_default().push(addr);
    }
    let mut segments: Vec<(u32, Vec<DocAddress>)> = by_segment.into_iter().collect();
    segments.sort_unstable_by_key(|(seg, _)| *seg);
    for (seg, docs) in segments {
        let Some(col) = searcher.segment_reader(seg).fast_fields().str("path")? else {
            continue;
        };
        let mut pairs: Vec<(u64, DocAddress)> = docs
            .into_iter()
            .filter_map(|addr| Some((col.term_ords(addr.doc_id).next()?, addr)))
            .collect();
        pairs.sort_unstable_by_key(|(ord, addr)| (*ord, addr.doc_id));
        let mut ords: Vec<u64> = pairs.iter().map(|(ord, _)| *ord).collect();
        ords.dedup();
        let mut paths: Vec<String> = Vec::with_capacity(ords.len());
        col.dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                paths.push(String::from_utf8_lossy(bytes).into_owned())
            })
            .map_err(backend)?;
        if paths.len() != ords.len() {
            return Err(Error::Index(format!(
                "reading paths: {} of {} path ordinals found in segment {seg}",
                paths.len(),
                ords.len()
            )));
        }
        let mut at = 0;
        for (ord, addr) in pairs {
            while ords[at] != ord {
                at += 1;
            }
            f(addr, &paths[at]);
        }
    }
    Ok(())
}

/// Names of `kinds` over the articles of the matching quotes, each article's names counted
/// once per matching quote it holds. Lists sorted by name, like [`NameCounter`]'s; with them,
/// per kind, how many matching quotes have an article naming anyone of that kind.
type Through = (Vec<Vec<(String, u64)>>, Vec<u64>);

fn names_through_articles(
    archive: &Archive,
    searcher: &Searcher,
    q: &dyn Query,
    kinds: &[&str],
) -> Result<Through> {
    let weights = quote_paths(searcher, q)?;
    let mut out: Vec<HashMap<String, u64>> = vec![HashMap::new(); kinds.len()];
    let mut with = vec![0u64; kinds.len()];
    if weights.is_empty() {
        return Ok((vec![Vec::new(); kinds.len()], with));
    }
    let articles = searcher.search(
        &article_at(archive, weights.keys().map(String::as_str)),
        &DocSetCollector,
    )?;
    // Counts per segment and term ordinal; names resolved once per counted ordinal.
    let mut by_segment: HashMap<u32, Vec<HashMap<u64, u64>>> = HashMap::new();
    for_each_path(searcher, articles, |addr, path| {
        let w = weights.get(path).copied().unwrap_or(0);
        let seg = by_segment
            .entry(addr.segment_ord)
            .or_insert_with(|| vec![HashMap::new(); kinds.len()]);
        for (i, kind) in kinds.iter().enumerate() {
            let Ok(Some(col)) = searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .str(&name_column(kind))
            else {
                continue;
            };
            let mut any = false;
            for ord in col.term_ords(addr.doc_id) {
                *seg[i].entry(ord).or_default() += w;
                any = true;
            }
            if any {
                with[i] += w;
            }
        }
    })?;
    for (seg_ord, per_kind) in by_segment {
        let ff = searcher.segment_reader(seg_ord).fast_fields();
        for (i, counts) in per_kind.into_iter().enumerate() {
            let Some(col) = ff.str(&name_column(kinds[i]))? else {
                continue;
            };
            for (ord, n) in counts {
                let mut name = String::new();
                col.ord_to_str(ord, &mut name).map_err(backend)?;
                *out[i].entry(name).or_default() += n;
            }
        }
    }
    let lists = out
        .into_iter()
        .map(|m| {
            let mut v: Vec<(String, u64)> = m.into_iter().collect();
            v.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            v
        })
        .collect();
    Ok((lists, with))
}

/// Stored names merged into their archive-wide names (hidden ones left out), highest count
/// first: the number of distinct names and the top `limit`.
fn ranked(
    table: &NameTable,
    kind: &str,
    names: &[(String, u64)],
    limit: usize,
) -> (usize, Vec<NameCount>) {
    let canonical = |n: &str| -> String {
        if kind == "speaker" {
            table
                .canonical("org", table.canonical("person", n))
                .to_string()
        } else {
            table.canonical(kind, n).to_string()
        }
    };
    let listed: Vec<(String, u64)> = names
        .iter()
        .filter(|(n, _)| !table.is_hidden(kind, &canonical(n)))
        .cloned()
        .collect();
    let (distinct, top) = merge_top(
        &listed,
        |n| {
            if kind == "speaker" {
                table.canonical("org", table.canonical("person", n))
            } else {
                table.canonical(kind, n)
            }
        },
        limit,
    );
    (
        distinct,
        top.into_iter()
            .map(|m| NameCount {
                name: m.name.to_string(),
                count: m.count,
            })
            .collect(),
    )
}
