//! Several indexes searched as one: the shards a Spark job or several `morgue index` runs
//! leave (`--index a --index b`, or a folder whose subfolders are indexes).
//!
//! Answers are those one index over the union would give:
//! - scores use global BM25 statistics (document frequencies, document and token counts summed
//!   over the shards, through tantivy's `Bm25StatisticsProvider`), so a hit scores the same in
//!   its shard as in the union, and each shard's top `offset + limit` merged by score (or date)
//!   is the union's top;
//! - totals, facet counts, undated counts and entity counts are summed; aliases and quote
//!   counts of a listed entity are summed over the shards;
//! - the archive-wide name table (`archive_names`) is built from the summed facet counts of all
//!   shards when the set is opened, and every shard's filters and names go through it.
//!
//! - snippets pick their fragment with the same global term weights.
//!
//! Left to each shard: a hit's duplicate paths (an article held by two shards is a hit in each,
//! since no shard knows the other's content: a job shards by content id so copies meet), and
//! the order of hits of equal score, which follows shard order rather than the union's
//! document order. One index given alone is searched exactly as before, through `reader`.

pub mod aggregate;
pub mod browse;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::Field;
use tantivy::{DocAddress, Order, Searcher, Term};

use super::facets::{NameCounter, NameCounts};
use super::filters::with_filters;
use super::reader::{
    self, parse_query, EntityRequest, EntityResult, QuoteRequest, QuoteResult, SearchRequest,
    SearchResult, Shard, Sort, Undated,
};
use super::schema::KIND_ARTICLE;
use super::{Archive, ShardSet, VERSION_FILE};
use crate::archive_names::NameTable;
use crate::error::Result;

/// The indexes given to a query command, searched as one.
pub struct Shards {
    archives: Vec<Archive>,
}

impl Shards {
    /// Open every index of `dirs`: an index folder, or a folder whose subfolders are indexes
    /// (taken in name order). The same folder named twice is opened once.
    pub fn open(dirs: &[PathBuf]) -> Result<Shards> {
        let mut found: Vec<PathBuf> = Vec::new();
        for dir in dirs {
            for d in expand(dir)? {
                let key = d.canonicalize().unwrap_or_else(|_| d.clone());
                let seen = found
                    .iter()
                    .any(|f| f.canonicalize().unwrap_or_else(|_| f.clone()) == key);
                if !seen {
                    found.push(d);
                }
            }
        }
        let archives = found
            .iter()
            .map(|d| Archive::open(d))
            .collect::<Result<Vec<_>>>()?;
        let shards = Shards { archives };
        if shards.archives.len() > 1 {
            let names = Arc::new(shards.merged_names()?);
            let readers = shards
                .archives
                .iter()
                .map(|a| a.reader().cloned())
                .collect::<Result<Vec<_>>>()?;
            for a in &shards.archives {
                // Set once, on archives this set alone holds.
                let _ = a.set.set(ShardSet {
                    names: Arc::clone(&names),
                    readers: readers.clone(),
                });
            }
        }
        Ok(shards)
    }

    /// The indexes, in the order given.
    pub fn archives(&self) -> &[Archive] {
        &self.archives
    }

    /// The one index, when only one was given.
    pub fn single(&self) -> Option<&Archive> {
        match self.archives.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The name table of all shards together: built from their summed facet counts, as
    /// `Archive::rebuild_names` builds one index's.
    fn merged_names(&self) -> Result<NameTable> {
        let searchers = self.searchers()?;
        let refs: Vec<&Searcher> = searchers.iter().collect();
        let first = &self.archives[0];
        let counts = first.guard(|| first.name_counts(&refs))?;
        let pairs: Vec<(&Archive, &Searcher)> = self.archives.iter().zip(&searchers).collect();
        Ok(NameTable::build(&counts, |kind, a, b| {
            pairs.iter().any(|(ar, s)| ar.co_mentioned(s, kind, a, b))
        }))
    }

    fn searchers(&self) -> Result<Vec<Searcher>> {
        self.archives.iter().map(Archive::searcher).collect()
    }

    /// Run `f` on every shard, each call guarded on its own index (a damaged file is one error
    /// line naming its shard).
    fn each<T>(
        &self,
        searchers: &[Searcher],
        mut f: impl FnMut(usize, &Archive, &Searcher) -> Result<T>,
    ) -> Result<Vec<T>> {
        self.archives
            .iter()
            .zip(searchers)
            .enumerate()
            .map(|(i, (a, s))| a.guard(|| f(i, a, s)))
            .collect()
    }
}

/// The index folders `dir` stands for.
fn expand(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.join(VERSION_FILE).is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut subs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join(VERSION_FILE).is_file())
                .collect()
        })
        .unwrap_or_default();
    if subs.is_empty() {
        // Neither an index nor a folder of them: the usual message of a missing index.
        Archive::open(dir)?;
    }
    subs.sort();
    Ok(subs)
}

/// BM25 statistics of all shards together.
struct GlobalStats<'a>(&'a [Searcher]);

impl Bm25StatisticsProvider for GlobalStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.0.iter().map(|s| s.total_num_tokens(field)).sum()
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.0.iter().map(|s| s.total_num_docs()).sum()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.0.iter().map(|s| s.doc_freq(term)).sum()
    }
}

/// One shard's candidate for the merged top: its score (relevance) or date (date order).
struct Candidate {
    score: f32,
    date: Option<tantivy::DateTime>,
    shard: usize,
    addr: DocAddress,
}

/// Each shard's top `offset + limit`, merged: best score (or newest date, undated last) first,
/// ties in shard and document order; then the page.
fn page(mut all: Vec<Candidate>, sort: Sort, offset: usize, limit: usize) -> Vec<Candidate> {
    all.sort_by(|a, b| {
        let first = match sort {
            Sort::Relevance => b.score.total_cmp(&a.score),
            Sort::Date => b.date.cmp(&a.date),
        };
        first.then(a.shard.cmp(&b.shard)).then(a.addr.cmp(&b.addr))
    });
    all.into_iter().skip(offset).take(limit).collect()
}

/// The top of one shard and how many documents matched there.
fn top_of(
    searcher: &Searcher,
    stats: &GlobalStats,
    query: &dyn Query,
    sort: Sort,
    want: usize,
    shard: usize,
    names: Option<&NameCounter>,
) -> Result<(usize, Vec<Candidate>, Option<NameCounts>)> {
    let by_score = |(score, addr): (f32, DocAddress)| Candidate {
        score,
        date: None,
        shard,
        addr,
    };
    let by_date = |(date, addr): (Option<tantivy::DateTime>, DocAddress)| Candidate {
        score: 0.0,
        date,
        shard,
        addr,
    };
    let run = |s: &Searcher| -> Result<(usize, Vec<Candidate>, Option<NameCounts>)> {
        match (sort, names) {
            (Sort::Relevance, None) => {
                let top = TopDocs::with_limit(want).order_by_score();
                let (n, docs) = s.search_with_statistics_provider(query, &(Count, top), stats)?;
                Ok((n, docs.into_iter().map(by_score).collect(), None))
            }
            (Sort::Relevance, Some(c)) => {
                let top = TopDocs::with_limit(want).order_by_score();
                let (n, docs, fc) =
                    s.search_with_statistics_provider(query, &(Count, top, c.clone()), stats)?;
                Ok((n, docs.into_iter().map(by_score).collect(), Some(fc)))
            }
            (Sort::Date, None) => {
                let top = TopDocs::with_limit(want)
                    .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
                let (n, docs) = s.search(query, &(Count, top))?;
                Ok((n, docs.into_iter().map(by_date).collect(), None))
            }
            (Sort::Date, Some(c)) => {
                let top = TopDocs::with_limit(want)
                    .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc);
                let (n, docs, fc) = s.search(query, &(Count, top, c.clone()))?;
                Ok((n, docs.into_iter().map(by_date).collect(), Some(fc)))
            }
        }
    };
    run(searcher)
}

/// Name counts of several shards summed, each kind's list in name order as one index gives it.
fn sum_counts(parts: Vec<NameCounts>) -> NameCounts {
    let mut sums: Vec<BTreeMap<String, u64>> = Vec::new();
    for part in parts {
        for (k, names) in part.into_iter().enumerate() {
            if sums.len() <= k {
                sums.resize_with(k + 1, BTreeMap::new);
            }
            for (name, n) in names {
                *sums[k].entry(name).or_default() += n;
            }
        }
    }
    sums.into_iter().map(|m| m.into_iter().collect()).collect()
}

/// `search` over the shards.
pub fn search(shards: &Shards, req: &SearchRequest) -> Result<SearchResult> {
    if let Some(one) = shards.single() {
        return reader::search(one, req);
    }
    let started = Instant::now();
    let searchers = shards.searchers()?;
    let stats = GlobalStats(&searchers);
    let table = shards.archives[0].names();
    let want = req.offset.saturating_add(req.limit.max(1));
    let counter = NameCounter::new(reader::FACET_KINDS);
    let mut ambiguous = Vec::new();
    let parts = shards.each(&searchers, |i, a, s| {
        let f = &a.fields;
        let query = parse_query(a, &req.query, &[f.title, f.body], KIND_ARTICLE)?;
        let undated = reader::undated(a, &table, s, &*query, &req.filters)?;
        let mut amb = Vec::new();
        let query = with_filters(a, s, &table, query, &req.filters, KIND_ARTICLE, &mut amb)?;
        if i == 0 {
            ambiguous = amb;
        }
        let names = req.facets.then_some(&counter);
        let (n, top, counts) = top_of(s, &stats, &*query, req.sort, want, i, names)?;
        Ok((query, undated, n, top, counts))
    })?;
    let mut total = 0;
    let mut undated: Option<Undated> = None;
    let (mut queries, mut candidates, mut counts) = (Vec::new(), Vec::new(), Vec::new());
    for (query, u, n, top, c) in parts {
        total += n;
        if let Some(u) = u {
            let sum = undated.get_or_insert(Undated {
                undated: 0,
                matching: 0,
            });
            sum.undated += u.undated;
            sum.matching += u.matching;
        }
        queries.push(query);
        candidates.extend(top);
        counts.extend(c);
    }
    let chosen = if req.limit == 0 {
        Vec::new()
    } else {
        page(candidates, req.sort, req.offset, req.limit)
    };
    // Each shard renders its own hits (snippets, names, duplicates), then they go back in the
    // merged order.
    let mut hits: Vec<Option<reader::ArticleHit>> = vec![None; chosen.len()];
    shards.each(&searchers, |i, a, s| {
        let mine: Vec<(usize, (f32, DocAddress))> = chosen
            .iter()
            .enumerate()
            .filter(|(_, c)| c.shard == i)
            .map(|(at, c)| (at, (c.score, c.addr)))
            .collect();
        if mine.is_empty() {
            return Ok(());
        }
        let addrs: Vec<(f32, DocAddress)> = mine.iter().map(|(_, x)| *x).collect();
        let rendered = reader::article_hits(a, &table, s, &stats, &*queries[i], &addrs)?;
        for ((at, _), hit) in mine.into_iter().zip(rendered) {
            hits[at] = Some(hit);
        }
        Ok(())
    })?;
    let facets = req
        .facets
        .then(|| reader::facets_of(&table, sum_counts(counts)));
    Ok(SearchResult {
        stories: None,
        ambiguous,
        total,
        hits: hits.into_iter().flatten().collect(),
        facets,
        seconds: started.elapsed().as_secs_f64(),
        undated,
    })
}

/// `quotes` over the shards.
pub fn search_quotes(shards: &Shards, req: &QuoteRequest) -> Result<QuoteResult> {
    if let Some(one) = shards.single() {
        return reader::search_quotes(one, req);
    }
    let started = Instant::now();
    let searchers = shards.searchers()?;
    let stats = GlobalStats(&searchers);
    let table = shards.archives[0].names();
    let want = req.offset.saturating_add(req.limit.max(1));
    let mut ambiguous = Vec::new();
    let parts = shards.each(&searchers, |i, a, s| {
        let mut amb = Vec::new();
        let q = reader::quote_query(a, s, &table, req, &mut amb)?;
        if i == 0 {
            ambiguous = amb;
        }
        let (n, top, _) = top_of(s, &stats, &*q, req.sort, want, i, None)?;
        let snippets = reader::quote_snippets(s, &stats, &*q, a.fields.quote)?;
        Ok((n, top, snippets))
    })?;
    let mut total = 0;
    let (mut candidates, mut snippets) = (Vec::new(), Vec::new());
    for (n, top, sn) in parts {
        total += n;
        candidates.extend(top);
        snippets.push(sn);
    }
    let pairs: Vec<Shard> = shards.archives.iter().zip(&searchers).collect();
    let mut hits = Vec::new();
    for c in page(candidates, req.sort, req.offset, req.limit) {
        let a = &shards.archives[c.shard];
        let hit = a.guard(|| {
            reader::quote_hit(&pairs, c.shard, &table, &snippets[c.shard], c.score, c.addr)
        })?;
        hits.push(hit);
    }
    // What a strict name filter left out, over all shards: the loose count of them all less
    // the strict one, when any shard holds a name the strict filter left out.
    let mut names: Vec<String> = Vec::new();
    for (a, s) in shards.archives.iter().zip(&searchers) {
        if let Some((_, left)) = reader::loosened(a, s, &table, req)? {
            names.extend(
                left.into_iter()
                    .filter(|n| !names.contains(n))
                    .collect::<Vec<_>>(),
            );
        }
    }
    let mut also = None;
    if !names.is_empty() {
        let mut loose = req.clone();
        loose.filters.loose = true;
        let mut n = 0;
        for (a, s) in shards.archives.iter().zip(&searchers) {
            let q = reader::quote_query(a, s, &table, &loose, &mut Vec::new())?;
            n += s.search(&q, &Count)?;
        }
        let more = n.saturating_sub(total);
        also = (more > 0).then_some(reader::LeftOut {
            quotes: more,
            speakers: names,
        });
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

/// `entities` over the shards.
pub fn entities(shards: &Shards, req: &EntityRequest) -> Result<EntityResult> {
    if let Some(one) = shards.single() {
        return reader::entities(one, req);
    }
    let started = Instant::now();
    let searchers = shards.searchers()?;
    let table = shards.archives[0].names();
    let kinds = reader::entity_kinds(req);
    let mut ambiguous = Vec::new();
    let parts = shards.each(&searchers, |i, a, s| {
        let mut amb = Vec::new();
        let q = reader::entity_query(a, s, &table, req, &mut amb)?;
        if i == 0 {
            ambiguous = amb;
        }
        reader::names_and_quotes(a, s, &*q, req, &kinds)
    })?;
    let mut counts = Vec::new();
    let mut quotes = Vec::new();
    for (c, q) in parts {
        counts.push(c);
        quotes.extend(q);
    }
    let pairs: Vec<Shard> = shards.archives.iter().zip(&searchers).collect();
    let first = &shards.archives[0];
    let mut result = first.guard(|| {
        reader::entity_result(&pairs, &table, req, &kinds, sum_counts(counts), &quotes)
    })?;
    result.ambiguous = ambiguous;
    result.seconds = started.elapsed().as_secs_f64();
    Ok(result)
}
