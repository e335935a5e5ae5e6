//! Search results with near-duplicate clusters collapsed (`near_dup.rs` assigns them at index
//! time): a cluster takes the rank of its best-ranked matching article and is shown as its
//! earliest matching member (by date, then path), with the other members listed as "also in".
//! `total` then counts clusters, so pages of collapsed hits add up.

use std::collections::HashSet;
use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::schema::KIND_ARTICLE;
use super::Archive;
use crate::error::{Error, Result};

/// Another article of a shown hit's cluster.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AlsoIn {
    pub path: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub section: String,
}

impl AlsoIn {
    /// The outlet that published it: its source, else its section (the folder it came from).
    pub fn outlet(&self) -> &str {
        self.source.as_deref().unwrap_or(&self.section)
    }
}

/// The other members of a cluster listed with a hit, at most (the earliest): each costs a read
/// of its stored document, and a cluster can hold thousands (the amplified benchmark corpus of
/// `scripts/gen-corpus` has one per source article).
pub const ALSO_IN_MAX: usize = 20;

/// A cluster in a ranked list: the rank-giving hit and the cluster id.
pub(super) struct Group {
    pub score: f32,
    pub best: DocAddress,
    pub cluster: String,
}

/// The groups of ranks `offset..offset + limit`, from `fetch(n)`, the top `n` matching
/// articles in rank order. Fetches more until enough distinct clusters are seen or the
/// matches run out.
pub(super) fn top_groups(
    searcher: &Searcher,
    mut fetch: impl FnMut(usize) -> Result<Vec<(f32, DocAddress)>>,
    offset: usize,
    limit: usize,
) -> Result<Vec<Group>> {
    let want = offset + limit;
    let mut n = want * 2 + 10;
    loop {
        let docs = fetch(n)?;
        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        for (score, addr) in &docs {
            let cluster = cluster_of(searcher, *addr)?;
            if seen.insert(cluster.clone()) {
                groups.push(Group {
                    score: *score,
                    best: *addr,
                    cluster,
                });
            }
        }
        if groups.len() >= want || docs.len() < n {
            return Ok(groups.into_iter().skip(offset).take(limit).collect());
        }
        n = n.saturating_mul(4);
    }
}

/// The cluster id of an article document; its own id when it has none.
pub(super) fn cluster_of(searcher: &Searcher, addr: DocAddress) -> Result<String> {
    let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
    let mut out = String::new();
    let col = ff.str("cluster")?.or(ff.str("id")?);
    if let Some(col) = col {
        if let Some(ord) = col.term_ords(addr.doc_id).next() {
            col.ord_to_str(ord, &mut out).map_err(backend)?;
        }
    }
    Ok(out)
}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
}

/// The articles of `cluster` that `query` matches (`None`: all of them).
pub(super) fn members(
    archive: &Archive,
    searcher: &Searcher,
    query: Option<&dyn Query>,
    cluster: &str,
) -> Result<Vec<DocAddress>> {
    let f = &archive.fields;
    let mut clauses = vec![
        (
            Occur::Must,
            term_query(Term::from_field_text(f.cluster, cluster)),
        ),
        (
            Occur::Must,
            term_query(Term::from_field_text(f.kind, KIND_ARTICLE)),
        ),
    ];
    if let Some(q) = query {
        clauses.push((Occur::Must, q.box_clone()));
    }
    let mut docs: Vec<DocAddress> = searcher
        .search(&BooleanQuery::new(clauses), &DocSetCollector)?
        .into_iter()
        .collect();
    docs.sort_unstable();
    Ok(docs)
}

/// The earliest of `docs` (by date, undated last, then path), which a collapsed cluster shows.
pub(super) fn earliest(searcher: &Searcher, docs: &[DocAddress]) -> Result<Option<DocAddress>> {
    Ok(earliest_n(searcher, docs, 1)?.first().copied())
}

/// The `n` earliest of `docs`, earliest first.
pub(super) fn earliest_n(
    searcher: &Searcher,
    docs: &[DocAddress],
    n: usize,
) -> Result<Vec<DocAddress>> {
    let mut keyed: Vec<(i64, String, DocAddress)> = Vec::with_capacity(docs.len());
    for &addr in docs {
        let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
        let date = ff
            .date("date")
            .ok()
            .and_then(|c| c.first(addr.doc_id))
            .map_or(i64::MAX, |d| d.into_timestamp_secs());
        let mut path = String::new();
        if let Some(col) = ff.str("path")? {
            if let Some(ord) = col.term_ords(addr.doc_id).next() {
                col.ord_to_str(ord, &mut path).map_err(backend)?;
            }
        }
        keyed.push((date, path, addr));
    }
    keyed.sort();
    Ok(keyed.into_iter().take(n).map(|(_, _, a)| a).collect())
}

/// Counts the distinct clusters among the matching articles.
pub(super) struct ClusterCount;

pub(super) struct SegmentClusterCount {
    column: Option<StrColumn>,
    ords: Vec<u64>,
}

impl Collector for ClusterCount {
    type Fruit = usize;
    type Child = SegmentClusterCount;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentClusterCount> {
        Ok(SegmentClusterCount {
            column: segment.fast_fields().str("cluster")?,
            ords: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<u64>>) -> tantivy::Result<usize> {
        let all: HashSet<u64, FxBuildHasher> = segments.into_iter().flatten().collect();
        Ok(all.len())
    }
}

impl SegmentCollector for SegmentClusterCount {
    /// Hashes of the segment's matching clusters (the same cluster has another ordinal in
    /// every segment, but the same hash).
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(col) = &self.column {
            if let Some(ord) = col.term_ords(doc).next() {
                self.ords.push(ord);
            }
        }
    }

    fn harvest(mut self) -> Vec<u64> {
        let Some(col) = &self.column else {
            return Vec::new();
        };
        self.ords.sort_unstable();
        self.ords.dedup();
        let mut out = Vec::with_capacity(self.ords.len());
        let _ = col
            .dictionary()
            .sorted_ords_to_term_cb(&self.ords, |t| out.push(FxBuildHasher.hash_one(t)));
        out
    }
}

fn backend(e: std::io::Error) -> Error {
    Error::Backend {
        source: Box::new(e),
    }
}
