//! Results with copies collapsed: search hits by near-duplicate cluster (`near_dup.rs` assigns
//! them at index time), quote hits by copy key (`index/quote_copies.rs`: the same quote in the
//! wire copies of one story). A group takes the rank of its best-ranked matching document and
//! is shown as its earliest matching member (by date, then path), with the other members listed
//! as "also in". Paging counts groups, so pages of collapsed hits add up.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{
    DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use super::errors::backend;
use super::reader::{date_of, first, origin_by_path, Sort};
use super::schema::{KIND_ARTICLE, KIND_QUOTE};
use super::Archive;
use crate::error::Result;

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

/// What is collapsed: articles of one near-duplicate cluster, or the copies of one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum By {
    Cluster,
    QuoteCopy,
}

impl By {
    /// The fast column holding each document's group.
    fn column(self) -> &'static str {
        match self {
            By::Cluster => "cluster",
            By::QuoteCopy => super::quote_copies::COLUMN,
        }
    }

    fn field(self, archive: &Archive) -> Field {
        match self {
            By::Cluster => archive.fields.cluster,
            By::QuoteCopy => archive.fields.quote_copy,
        }
    }

    fn kind(self) -> &'static str {
        match self {
            By::Cluster => KIND_ARTICLE,
            By::QuoteCopy => KIND_QUOTE,
        }
    }
}

/// A group in a ranked list: the rank-giving hit and the group's value (a cluster id, a quote
/// key).
pub(super) struct Group {
    pub score: f32,
    pub best: DocAddress,
    pub cluster: String,
}

/// The groups of ranks `offset..offset + limit` of `query`'s matches in `sort` order (none for
/// a `limit` of 0). The way collapsed lists found their groups before [`GroupTop`], kept as
/// the reference the tests compare it with.
#[cfg(test)]
pub(super) fn ranked_groups(
    searcher: &Searcher,
    by: By,
    query: &dyn Query,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> Result<Vec<Group>> {
    use tantivy::collector::TopDocs;
    use tantivy::Order;
    if limit == 0 {
        return Ok(Vec::new());
    }
    let fetch = |n: usize| -> Result<Vec<(f32, DocAddress)>> {
        Ok(match sort {
            Sort::Relevance => searcher.search(query, &TopDocs::with_limit(n).order_by_score())?,
            Sort::Date => searcher
                .search(
                    query,
                    &TopDocs::with_limit(n)
                        .order_by_fast_field::<tantivy::DateTime>("date", Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect(),
        })
    };
    top_groups(searcher, by, fetch, offset, limit)
}

/// The groups of ranks `offset..offset + limit`, from `fetch(n)`, the top `n` matching
/// documents in rank order. Fetches more until enough distinct groups are seen or the
/// matches run out.
#[cfg(test)]
fn top_groups(
    searcher: &Searcher,
    by: By,
    mut fetch: impl FnMut(usize) -> Result<Vec<(f32, DocAddress)>>,
    offset: usize,
    limit: usize,
) -> Result<Vec<Group>> {
    let want = offset + limit;
    let mut n = want * 2 + 10;
    let mut columns = HashMap::new();
    loop {
        let docs = fetch(n)?;
        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        for (score, addr) in &docs {
            let cluster = group_of(searcher, by, *addr, &mut columns)?;
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

/// The group of a document: an article's cluster id (its own id when it has none), a quote's
/// copy key. `columns` keeps each segment's group column once opened (opening a column costs
/// more than reading a value from it).
fn group_of(
    searcher: &Searcher,
    by: By,
    addr: DocAddress,
    columns: &mut HashMap<u32, Option<StrColumn>>,
) -> Result<String> {
    let col = match columns.entry(addr.segment_ord) {
        std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
        std::collections::hash_map::Entry::Vacant(v) => {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            v.insert(match by {
                By::Cluster => ff.str("cluster")?.or(ff.str("id")?),
                By::QuoteCopy => ff.str(by.column())?,
            })
        }
    };
    let mut out = String::new();
    if let Some(col) = col {
        if let Some(ord) = col.term_ords(addr.doc_id).next() {
            col.ord_to_str(ord, &mut out).map_err(backend)?;
        }
    }
    if out.is_empty() {
        // No group stored: the document is a group of its own (a value no term can have).
        out = format!("\0{}:{}", addr.segment_ord, addr.doc_id);
    }
    Ok(out)
}

fn term_query(t: Term) -> Box<dyn Query> {
    Box::new(TermQuery::new(t, IndexRecordOption::Basic))
}

/// The members of group `value` that `query` matches (`None`: all of them).
pub(super) fn members(
    archive: &Archive,
    searcher: &Searcher,
    by: By,
    query: Option<&dyn Query>,
    value: &str,
) -> Result<Vec<DocAddress>> {
    let f = &archive.fields;
    let mut clauses = vec![
        (
            Occur::Must,
            term_query(Term::from_field_text(by.field(archive), value)),
        ),
        (
            Occur::Must,
            term_query(Term::from_field_text(f.kind, by.kind())),
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

/// The earliest member of group `value` (by date, undated last, then path) that `query`
/// matches, which a collapsed list shows. The group's earliest members are kept per view
/// ([`GroupMembers`]), so this is usually a seek per member in date order rather than a query
/// over the group and a read of its members' dates and paths; a group whose kept members all
/// fail the query is searched the long way.
pub(super) fn earliest_matching(
    archive: &Archive,
    searcher: &Searcher,
    by: By,
    query: &dyn Query,
    value: &str,
) -> Result<Option<DocAddress>> {
    let group = GroupMembers::of(archive, searcher, by, value)?;
    let weight = query.weight(tantivy::query::EnableScoring::disabled_from_searcher(
        searcher,
    ))?;
    for (addr, _) in &group.earliest {
        let segment = searcher.segment_reader(addr.segment_ord);
        let mut scorer = weight.scorer(segment, 1.0)?;
        let at = scorer.doc();
        let matches = at == addr.doc_id
            || (at < addr.doc_id && tantivy::DocSet::seek(&mut scorer, addr.doc_id) == addr.doc_id);
        if matches {
            return Ok(Some(*addr));
        }
    }
    if group.earliest.len() == group.addrs.len() {
        return Ok(None);
    }
    let matching = members(archive, searcher, by, Some(query), value)?;
    earliest(searcher, &matching)
}

/// The earliest of `docs` (by date, undated last, then path), which a collapsed cluster shows.
pub(super) fn earliest(searcher: &Searcher, docs: &[DocAddress]) -> Result<Option<DocAddress>> {
    Ok(earliest_n(searcher, docs, 1)?.first().copied())
}

/// The `n` earliest of `docs`, earliest first. Dates come first and a path is read only for
/// the documents that can still be among the `n` (dated no later than the `n`th earliest):
/// turning a path ordinal into text decodes a dictionary block, and a cluster can hold
/// thousands of members. `docs` are sorted (as [`members`] gives them), so each segment's
/// columns are opened once for its run of documents.
pub(super) fn earliest_n(
    searcher: &Searcher,
    docs: &[DocAddress],
    n: usize,
) -> Result<Vec<DocAddress>> {
    if n == 0 || docs.is_empty() {
        return Ok(Vec::new());
    }
    let mut dated: Vec<(i64, DocAddress)> = Vec::with_capacity(docs.len());
    let mut dates: Option<(u32, Option<Column<tantivy::DateTime>>)> = None;
    for &addr in docs {
        if dates
            .as_ref()
            .is_none_or(|(seg, _)| *seg != addr.segment_ord)
        {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            dates = Some((addr.segment_ord, ff.date("date").ok()));
        }
        let date = dates
            .as_ref()
            .and_then(|(_, c)| c.as_ref())
            .and_then(|c| c.first(addr.doc_id))
            .map_or(i64::MAX, |d| d.into_timestamp_secs());
        dated.push((date, addr));
    }
    // The `n`th earliest date: later documents sort after at least `n` others.
    let mut by_date: Vec<i64> = dated.iter().map(|(d, _)| *d).collect();
    let nth = (n - 1).min(by_date.len() - 1);
    let (_, &mut last, _) = by_date.select_nth_unstable(nth);
    dated.retain(|(d, _)| *d <= last);
    let mut keyed: Vec<(i64, String, DocAddress)> = Vec::with_capacity(dated.len());
    let mut paths: Option<(u32, Option<StrColumn>)> = None;
    for (date, addr) in dated {
        if paths
            .as_ref()
            .is_none_or(|(seg, _)| *seg != addr.segment_ord)
        {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            paths = Some((addr.segment_ord, ff.str("path")?));
        }
        let mut path = String::new();
        if let Some(col) = paths.as_ref().and_then(|(_, c)| c.as_ref()) {
            if let Some(ord) = col.term_ords(addr.doc_id).next() {
                col.ord_to_str(ord, &mut path).map_err(backend)?;
            }
        }
        keyed.push((date, path, addr));
    }
    keyed.sort();
    Ok(keyed.into_iter().take(n).map(|(_, _, a)| a).collect())
}

/// The other members of a shown hit's group, for its "also in" list: the earliest
/// [`ALSO_IN_MAX`] of them, how many distinct outlets those came from, and how many there are.
pub(super) fn also_in(
    archive: &Archive,
    searcher: &Searcher,
    by: By,
    value: &str,
    shown: DocAddress,
) -> Result<(Vec<AlsoIn>, usize, usize)> {
    let group = GroupMembers::of(archive, searcher, by, value)?;
    let total = group.addrs.len() - usize::from(group.addrs.binary_search(&shown).is_ok());
    // The earliest `ALSO_IN_MAX` others are the group's earliest `ALSO_IN_MAX + 1` without the
    // shown hit (the same order decides both).
    let mut also: Vec<AlsoIn> = group
        .earliest
        .iter()
        .filter(|(addr, _)| *addr != shown)
        .take(ALSO_IN_MAX)
        .map(|(_, a)| a.clone())
        .collect();
    also.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.path).cmp(&(b.date.is_none(), &b.date, &b.path))
    });
    let outlets: HashSet<&str> = also.iter().map(AlsoIn::outlet).collect();
    let n_outlets = outlets.len();
    Ok((also, n_outlets, total))
}

/// A group's members as "also in" lists them, whichever member is shown: every member's
/// address (sorted) and the earliest [`ALSO_IN_MAX`] + 1 members (by date, then path) read
/// from the document store, in that order.
///
/// Between commits a group's members cannot change, and reading their stored documents was
/// most of a collapsed search's time in `morgue serve` (up to 20 documents per hit), so each
/// group is read once per searcher view and kept (see [`GroupMembers::of`]).
struct GroupMembers {
    addrs: Vec<DocAddress>,
    earliest: Vec<(DocAddress, AlsoIn)>,
}

/// Groups read per view, at most: past it the view's groups are dropped and read again as
/// asked (each holds up to 21 titles and paths, so this bounds memory to a few MB).
const GROUPS_KEPT: usize = 4096;

type GroupViews = Vec<(
    std::path::PathBuf,
    super::facets::SearcherKey,
    HashMap<(By, String), std::sync::Arc<GroupMembers>>,
)>;

/// The latest view of each index (by folder), as `article_quotes` keeps its links: a commit
/// replaces its index's view.
static GROUP_VIEWS: std::sync::Mutex<GroupViews> = std::sync::Mutex::new(Vec::new());

impl GroupMembers {
    /// The members of group `value` in `searcher`'s view, read on first use.
    fn of(
        archive: &Archive,
        searcher: &Searcher,
        by: By,
        value: &str,
    ) -> Result<std::sync::Arc<GroupMembers>> {
        let key = super::facets::searcher_key(searcher);
        let slot = (by, value.to_string());
        {
            // A poisoned lock only means another request panicked; the map is still whole.
            let views = GROUP_VIEWS.lock().unwrap_or_else(|e| e.into_inner());
            let hit = views
                .iter()
                .find(|(dir, k, _)| *dir == archive.dir && *k == key)
                .and_then(|(_, _, groups)| groups.get(&slot));
            if let Some(hit) = hit {
                return Ok(std::sync::Arc::clone(hit));
            }
        }
        let read = std::sync::Arc::new(GroupMembers::read(archive, searcher, by, value)?);
        let mut views = GROUP_VIEWS.lock().unwrap_or_else(|e| e.into_inner());
        let i = match views
            .iter()
            .position(|(dir, k, _)| *dir == archive.dir && *k == key)
        {
            Some(i) => i,
            None => {
                views.retain(|(dir, _, _)| *dir != archive.dir);
                views.push((archive.dir.clone(), key, HashMap::new()));
                views.len() - 1
            }
        };
        let groups = &mut views[i].2;
        if groups.len() >= GROUPS_KEPT {
            groups.clear();
        }
        groups.insert(slot, std::sync::Arc::clone(&read));
        Ok(read)
    }

    fn read(archive: &Archive, searcher: &Searcher, by: By, value: &str) -> Result<GroupMembers> {
        let f = &archive.fields;
        let addrs = members(archive, searcher, by, None, value)?;
        let mut earliest = Vec::new();
        for addr in earliest_n(searcher, &addrs, ALSO_IN_MAX + 1)? {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let path = first(&doc, f.path);
            // Quote documents do not repeat their article's source: one look-up each.
            let source = match by {
                By::Cluster => Some(first(&doc, f.source)).filter(|s| !s.is_empty()),
                By::QuoteCopy => origin_by_path(archive, searcher, &path)?.source,
            };
            let also = AlsoIn {
                title: first(&doc, f.title),
                date: date_of(&doc, f.date),
                source,
                section: first(&doc, f.section),
                path,
            };
            earliest.push((addr, also));
        }
        Ok(GroupMembers { addrs, earliest })
    }
}

/// The distinct groups among a query's matches and the top `want` groups in `sort` order,
/// collected in the pass that counts the matches: per segment the best document of each group
/// (kept by term ordinal), then across segments by the hash of the group's value
/// ([`TermHashes`]). The groups and their order are [`ranked_groups`]' (a group ranks by its
/// best document, ties in address order, as tantivy's `TopDocs` breaks them), without running
/// the query again for more top documents until enough distinct groups are seen: in a corpus
/// of wire copies the top documents are mostly copies of one story, and those re-runs were an
/// eighth of `morgue serve`'s time. The distinct count is [`DistinctCount`]'s.
pub(super) struct GroupTop {
    by: By,
    sort: Sort,
    want: usize,
}

impl GroupTop {
    pub(super) fn new(by: By, sort: Sort, want: usize) -> GroupTop {
        GroupTop { by, sort, want }
    }
}

/// A document's place in a ranked list, higher first: its score (relevance) or its date in
/// seconds (date order; undated lowest, as `TopDocs` ranks `None`).
type Rank = f64;

pub(super) struct SegmentGroupTop {
    segment: SegmentOrdinal,
    sort: Sort,
    /// The group column: `by.column()`, or for clusters the `id` column where a segment has no
    /// `cluster` column ([`group_of`]'s fallback).
    column: Option<StrColumn>,
    /// Whether `column` is `by.column()` itself (only its groups are counted as distinct).
    own_column: bool,
    hashes: Option<std::sync::Arc<Vec<u64>>>,
    dates: Option<Column<tantivy::DateTime>>,
    /// Per term ordinal: the index in `best` of its group's best document, `u32::MAX` if none.
    slot: Vec<u32>,
    best: Vec<(u64, Rank, DocId)>,
    /// Documents without a group value: each is a group of its own.
    alone: Vec<(Rank, DocId)>,
    /// The ordinal of an empty value, which groups nothing ([`group_of`]), and whether a
    /// matching document had it ([`DistinctCount`] counts it as one group).
    empty: Option<u64>,
    empty_seen: bool,
}

/// One segment's groups: (ordinal or hash, rank, document) per group met, documents alone,
/// and whether its ordinals still need hashing.
pub(super) struct SegmentGroups {
    segment: SegmentOrdinal,
    groups: Vec<(u64, Rank, DocId)>,
    alone: Vec<(Rank, DocId)>,
    counted: bool,
    /// The hash of the empty value, when a matching document had it.
    empty: Option<u64>,
}

/// Whether `a` ranks before `b`: higher rank, then lower address.
fn before(a: (Rank, DocAddress), b: (Rank, DocAddress)) -> bool {
    match a.0.total_cmp(&b.0) {
        std::cmp::Ordering::Equal => a.1 < b.1,
        o => o == std::cmp::Ordering::Greater,
    }
}

impl Collector for GroupTop {
    /// The distinct groups, and the best document of each of the top `want` groups with its
    /// score (0 in date order), in rank order.
    type Fruit = (usize, Vec<(f32, DocAddress)>);
    type Child = SegmentGroupTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentGroupTop> {
        let ff = reader.fast_fields();
        let own = ff.str(self.by.column())?;
        let own_column = own.is_some();
        let column = match (own, self.by) {
            (Some(c), _) => Some(c),
            (None, By::Cluster) => ff.str("id")?,
            (None, By::QuoteCopy) => None,
        };
        let hashes = match (&column, own_column) {
            (Some(col), true) => Some(TermHashes::of(reader.segment_id(), self.by, col)?),
            _ => None,
        };
        let dates = match self.sort {
            Sort::Date => ff.date("date").ok(),
            Sort::Relevance => None,
        };
        let terms = column.as_ref().map_or(0, |c| c.num_terms());
        let empty = match &column {
            Some(col) => col.dictionary().term_ord(b"")?,
            None => None,
        };
        Ok(SegmentGroupTop {
            segment,
            sort: self.sort,
            column,
            own_column,
            hashes,
            dates,
            slot: vec![u32::MAX; terms],
            best: Vec::new(),
            alone: Vec::new(),
            empty,
            empty_seen: false,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(
        &self,
        segments: Vec<tantivy::Result<SegmentGroups>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut groups: HashMap<u64, (Rank, DocAddress), FxBuildHasher> = HashMap::default();
        let mut distinct: HashSet<u64, FxBuildHasher> = HashSet::default();
        let mut alone: Vec<(Rank, DocAddress)> = Vec::new();
        for seg in segments {
            let seg = seg?;
            if seg.counted {
                distinct.extend(seg.empty);
            }
            for (hash, rank, doc) in seg.groups {
                let here = (rank, DocAddress::new(seg.segment, doc));
                if seg.counted {
                    distinct.insert(hash);
                }
                match groups.entry(hash) {
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(here);
                    }
                    std::collections::hash_map::Entry::Occupied(mut o) => {
                        if before(here, *o.get()) {
                            o.insert(here);
                        }
                    }
                }
            }
            alone.extend(
                seg.alone
                    .into_iter()
                    .map(|(rank, doc)| (rank, DocAddress::new(seg.segment, doc))),
            );
        }
        let mut ranked: Vec<(Rank, DocAddress)> = groups.into_values().chain(alone).collect();
        let order = |a: &(Rank, DocAddress), b: &(Rank, DocAddress)| {
            b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
        };
        if self.want == 0 {
            ranked.clear();
        } else if ranked.len() > self.want {
            ranked.select_nth_unstable_by(self.want - 1, order);
            ranked.truncate(self.want);
        }
        ranked.sort_unstable_by(order);
        let score = |rank: Rank| match self.sort {
            Sort::Relevance => rank as f32,
            Sort::Date => 0.0,
        };
        Ok((
            distinct.len(),
            ranked.into_iter().map(|(r, a)| (score(r), a)).collect(),
        ))
    }
}

impl SegmentCollector for SegmentGroupTop {
    type Fruit = tantivy::Result<SegmentGroups>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let rank = match self.sort {
            Sort::Relevance => Rank::from(score),
            Sort::Date => self
                .dates
                .as_ref()
                .and_then(|c| c.first(doc))
                .map_or(Rank::NEG_INFINITY, |d| d.into_timestamp_secs() as Rank),
        };
        let ord = self
            .column
            .as_ref()
            .and_then(|col| col.term_ords(doc).next());
        let Some(ord) = ord else {
            self.alone.push((rank, doc));
            return;
        };
        if Some(ord) == self.empty {
            self.empty_seen = true;
            self.alone.push((rank, doc));
            return;
        }
        let Some(slot) = self.slot.get_mut(ord as usize) else {
            self.alone.push((rank, doc));
            return;
        };
        if *slot == u32::MAX {
            *slot = self.best.len() as u32;
            self.best.push((ord, rank, doc));
        } else {
            // Documents come in order, so a later one is better only with a higher rank.
            let kept = &mut self.best[*slot as usize];
            if rank.total_cmp(&kept.1) == std::cmp::Ordering::Greater {
                (kept.1, kept.2) = (rank, doc);
            }
        }
    }

    fn harvest(self) -> tantivy::Result<SegmentGroups> {
        let mut groups = self.best;
        match (&self.hashes, &self.column) {
            (Some(hashes), _) => {
                for g in &mut groups {
                    g.0 = *hashes.get(g.0 as usize).ok_or_else(|| {
                        tantivy::TantivyError::InternalError(
                            "a group dictionary is shorter than its ordinals".into(),
                        )
                    })?;
                }
            }
            (None, Some(col)) => {
                // The `id` fallback: hashed here (no cache: only segments without clusters).
                groups.sort_unstable_by_key(|g| g.0);
                let ords: Vec<u64> = groups.iter().map(|g| g.0).collect();
                let hashes = term_hashes(col, &ords)?;
                for (g, h) in groups.iter_mut().zip(hashes) {
                    g.0 = h;
                }
            }
            (None, None) => {}
        }
        Ok(SegmentGroups {
            segment: self.segment,
            groups,
            alone: self.alone,
            counted: self.own_column,
            empty: self
                .empty_seen
                .then(|| FxBuildHasher.hash_one(b"".as_slice())),
        })
    }
}

/// The groups of ranks `offset..` among `top` (as [`GroupTop`] gives them), each with its
/// value read from its best document.
pub(super) fn page_of_groups(
    searcher: &Searcher,
    by: By,
    top: Vec<(f32, DocAddress)>,
    offset: usize,
) -> Result<Vec<Group>> {
    let mut columns = HashMap::new();
    top.into_iter()
        .skip(offset)
        .map(|(score, best)| {
            Ok(Group {
                score,
                best,
                cluster: group_of(searcher, by, best, &mut columns)?,
            })
        })
        .collect()
}

/// Counts the distinct groups among the matching documents (the count before [`GroupTop`],
/// kept as the tests' reference).
#[cfg(test)]
pub(super) struct DistinctCount(pub By);

#[cfg(test)]
pub(super) struct SegmentDistinctCount {
    column: Option<StrColumn>,
    /// The hash of each of the column's terms, by ordinal (see [`TermHashes`]).
    hashes: Option<std::sync::Arc<Vec<u64>>>,
    ords: Vec<u64>,
}

#[cfg(test)]
impl Collector for DistinctCount {
    type Fruit = usize;
    type Child = SegmentDistinctCount;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentDistinctCount> {
        let column = segment.fast_fields().str(self.0.column())?;
        let hashes = match &column {
            Some(col) => Some(TermHashes::of(segment.segment_id(), self.0, col)?),
            None => None,
        };
        Ok(SegmentDistinctCount {
            column,
            hashes,
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

#[cfg(test)]
impl SegmentCollector for SegmentDistinctCount {
    /// Hashes of the segment's matching groups (the same group has another ordinal in every
    /// segment, but the same hash).
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(col) = &self.column {
            if let Some(ord) = col.term_ords(doc).next() {
                self.ords.push(ord);
            }
        }
    }

    fn harvest(mut self) -> Vec<u64> {
        let Some(hashes) = &self.hashes else {
            return Vec::new();
        };
        self.ords.sort_unstable();
        self.ords.dedup();
        self.ords
            .iter()
            .map_while(|&ord| hashes.get(ord as usize).copied())
            .collect()
    }
}

/// The hash of every term of a segment's group column, by ordinal, read once per segment and
/// kept: a segment never changes, and decoding the dictionary for the groups of every request
/// (tens of thousands of clusters for a common word) was a tenth of a faceted search's time in
/// `morgue serve`.
struct TermHashes;

/// Segments' term hashes, at most [`HASHES_KEPT`] in all (past it they are dropped and read
/// again as asked, so the segments a commit or merge retired do not stay): 16 MB.
type HashCache = HashMap<(tantivy::index::SegmentId, By), std::sync::Arc<Vec<u64>>>;
static TERM_HASHES: std::sync::Mutex<Option<HashCache>> = std::sync::Mutex::new(None);
const HASHES_KEPT: usize = 2 << 20;

impl TermHashes {
    fn of(
        segment: tantivy::index::SegmentId,
        by: By,
        col: &StrColumn,
    ) -> tantivy::Result<std::sync::Arc<Vec<u64>>> {
        {
            // A poisoned lock only means another request panicked; the map is still whole.
            let cache = TERM_HASHES.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(hit) = cache.as_ref().and_then(|c| c.get(&(segment, by))) {
                return Ok(std::sync::Arc::clone(hit));
            }
        }
        let mut hashes = Vec::with_capacity(col.num_terms());
        let mut stream = col.dictionary().stream()?;
        while stream.advance() {
            hashes.push(FxBuildHasher.hash_one(stream.key()));
        }
        let hashes = std::sync::Arc::new(hashes);
        let mut cache = TERM_HASHES.lock().unwrap_or_else(|e| e.into_inner());
        let cache = cache.get_or_insert_with(HashMap::new);
        if cache.values().map(|h| h.len()).sum::<usize>() + hashes.len() > HASHES_KEPT {
            cache.clear();
        }
        cache.insert((segment, by), std::sync::Arc::clone(&hashes));
        Ok(hashes)
    }
}

/// The hash of the term of each of `ords` (sorted, distinct) in `col`'s dictionary, in their
/// order: the same term has another ordinal in every segment but the same hash. Shorter than
/// `ords` only if the dictionary is.
pub(super) fn term_hashes(col: &StrColumn, ords: &[u64]) -> std::io::Result<Vec<u64>> {
    let mut out = Vec::with_capacity(ords.len());
    col.dictionary()
        .sorted_ords_to_term_cb(ords, |t| out.push(FxBuildHasher.hash_one(t)))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The groups found in the counting pass are those the query re-run for more top documents
    /// found, in the same order with the same scores and shown documents, and the distinct count
    /// is [`DistinctCount`]'s: by relevance and by date, on several pages, with groups spread over
    /// segments, equal scores (copies with the same words), documents without a group or with an
    /// empty one, and undated documents.
    #[test]
    fn groups_from_the_counting_pass_equal_the_query_run_again() -> Result<()> {
        use tantivy::collector::Count;
        use tantivy::schema::{Schema, FAST, STRING, TEXT};
        use tantivy::{Index, TantivyDocument};
        let mut b = Schema::builder();
        let body = b.add_text_field("body", TEXT);
        let cluster = b.add_text_field("cluster", STRING | FAST);
        let id = b.add_text_field("id", STRING | FAST);
        let date = b.add_date_field("date", FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let texts = [
            "oil prices rose as oil stocks fell",
            "oil talks",
            "the oil minister spoke about oil and oil again",
            "markets and gold",
        ];
        let mut n = 0;
        for round in 0..3 {
            for i in 0..40usize {
                n += 1;
                let mut d = TantivyDocument::default();
                // Copies of one story share its words, and so their score.
                d.add_text(body, texts[i % texts.len()]);
                d.add_text(id, format!("doc{n}"));
                match i % 9 {
                    0 => {}
                    1 => d.add_text(cluster, ""),
                    _ => d.add_text(cluster, format!("c{}", (i * 7 + round) % 11)),
                }
                if i % 5 != 0 {
                    let secs = 1_100_000_000 + ((i * 13 + round * 3) % 17) as i64 * 86_400;
                    d.add_date(date, tantivy::DateTime::from_timestamp_secs(secs));
                }
                w.add_document(d)?;
            }
            w.commit()?;
        }
        let searcher = index.reader()?.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let q: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(body, "oil"),
            IndexRecordOption::WithFreqs,
        ));
        let as_tuples = |groups: Vec<Group>| -> Vec<(f32, DocAddress, String)> {
            groups
                .into_iter()
                .map(|g| (g.score, g.best, g.cluster))
                .collect()
        };
        let distinct = searcher.search(&*q, &DistinctCount(By::Cluster))?;
        assert!(distinct > 5);
        for sort in [Sort::Relevance, Sort::Date] {
            for (offset, limit) in [(0, 1), (0, 3), (2, 4), (5, 10), (0, 40), (30, 10), (3, 0)] {
                let old = ranked_groups(&searcher, By::Cluster, &*q, sort, offset, limit)?;
                let want = if limit == 0 { 0 } else { offset + limit };
                let (matched, (groups, top)) =
                    searcher.search(&*q, &(Count, GroupTop::new(By::Cluster, sort, want)))?;
                assert_eq!(matched, n - n / 4, "every text but one in four says oil");
                assert_eq!(groups, distinct);
                let new = page_of_groups(&searcher, By::Cluster, top, offset)?;
                assert_eq!(
                    as_tuples(new),
                    as_tuples(old),
                    "{sort:?}, offset {offset}, limit {limit}"
                );
            }
        }
        Ok(())
    }
}
