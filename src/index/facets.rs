//! Name counting for `search --facets` and `entities`: how many matching documents carry each
//! person, organisation, place, misc name, speaker or section.
//!
//! tantivy's `FacetCollector` over the one `facets` field streamed each segment's whole facet
//! dictionary for every query, read every facet of every matching document (aliases included),
//! and turned each counted ordinal into a string with a separate dictionary lookup; on a
//! 200,000-article index that was most of the time of a `search --facets`. Here each kind has
//! its own multi-valued string fast field (`schema::name_column`): a document's values of one
//! kind are read in one bulk call and counted into an array indexed by term ordinal, and only
//! the ordinals that were counted are turned into names, in one sorted pass over the
//! dictionary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

use super::schema::name_column;

/// Name → number of matching documents, sorted by name (byte order), one list per requested
/// kind in request order.
pub type NameCounts = Vec<Vec<(String, u64)>>;

/// Counts the names of the given kinds over the documents a query matches.
#[derive(Clone)]
pub struct NameCounter {
    columns: Vec<String>,
}

impl NameCounter {
    /// Kinds are those of `schema::NAME_KINDS`.
    pub fn new<'a>(kinds: impl IntoIterator<Item = &'a str>) -> NameCounter {
        NameCounter {
            columns: kinds.into_iter().map(name_column).collect(),
        }
    }
}

/// One kind's column in one segment, with a counter per term ordinal.
struct KindCounts {
    /// None when no document of the segment has a name of this kind.
    column: Option<StrColumn>,
    /// The column's names by ordinal (with `column`).
    names: Option<Arc<SegmentNames>>,
    counts: Vec<u32>,
}

/// A segment's names of one kind by term ordinal, read once per segment and kept: a segment
/// never changes, and decoding every counted ordinal's name from the dictionary (tens of
/// thousands for a common word) was a tenth of `morgue serve`'s time under its load mix.
struct SegmentNames {
    text: String,
    /// Where each name ends in `text`, by ordinal.
    ends: Vec<usize>,
}

impl SegmentNames {
    fn read(column: &StrColumn) -> std::io::Result<SegmentNames> {
        let mut names = SegmentNames {
            text: String::new(),
            ends: Vec::with_capacity(column.num_terms()),
        };
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            names.text.push_str(&String::from_utf8_lossy(stream.key()));
            names.ends.push(names.text.len());
        }
        Ok(names)
    }

    fn get(&self, ord: usize) -> Option<&str> {
        let end = *self.ends.get(ord)?;
        let start = if ord == 0 { 0 } else { self.ends[ord - 1] };
        Some(&self.text[start..end])
    }

    /// The names of `column` in `segment`, read on first use.
    fn of(
        segment: SegmentId,
        name: &str,
        column: &StrColumn,
    ) -> tantivy::Result<Arc<SegmentNames>> {
        let slot = (segment, name.to_string());
        {
            // A poisoned lock only means another request panicked; the map is still whole.
            let cache = SEGMENT_NAMES.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(hit) = cache.as_ref().and_then(|c| c.get(&slot)) {
                return Ok(Arc::clone(hit));
            }
        }
        let read = Arc::new(SegmentNames::read(column)?);
        let mut cache = SEGMENT_NAMES.lock().unwrap_or_else(|e| e.into_inner());
        let cache = cache.get_or_insert_with(HashMap::new);
        let held: usize = cache.values().map(|n| n.text.len()).sum();
        if held + read.text.len() > NAME_BYTES_KEPT {
            cache.clear();
        }
        cache.insert(slot, Arc::clone(&read));
        Ok(read)
    }
}

/// Kept segment names, at most [`NAME_BYTES_KEPT`] bytes of text in all (past it they are
/// dropped and read again as asked, so the segments a commit or merge retired do not stay).
type NameCache = HashMap<(SegmentId, String), Arc<SegmentNames>>;
static SEGMENT_NAMES: Mutex<Option<NameCache>> = Mutex::new(None);
const NAME_BYTES_KEPT: usize = 32 << 20;

pub struct SegmentNameCounter {
    kinds: Vec<KindCounts>,
    /// The current document's ordinals.
    buffer: Vec<u64>,
}

/// Result of one segment: the counts, or why a dictionary could not be read.
pub type SegmentFruit = Result<NameCounts, String>;

impl Collector for NameCounter {
    type Fruit = NameCounts;
    type Child = SegmentNameCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentNameCounter> {
        let mut kinds = Vec::with_capacity(self.columns.len());
        for name in &self.columns {
            let column = segment.fast_fields().str(name)?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            let names = match &column {
                Some(c) => Some(SegmentNames::of(segment.segment_id(), name, c)?),
                None => None,
            };
            kinds.push(KindCounts {
                column,
                names,
                counts: vec![0; terms],
            });
        }
        Ok(SegmentNameCounter {
            kinds,
            buffer: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentFruit>) -> tantivy::Result<NameCounts> {
        let mut segments = segments
            .into_iter()
            .collect::<Result<Vec<NameCounts>, String>>()
            .map_err(TantivyError::InternalError)?;
        if segments.len() == 1 {
            return Ok(segments.pop().unwrap_or_default());
        }
        let mut merged: NameCounts = vec![Vec::new(); self.columns.len()];
        for seg in segments {
            for (out, list) in merged.iter_mut().zip(seg) {
                out.extend(list);
            }
        }
        for list in &mut merged {
            // The same name has a different ordinal in every segment: sum by name. Each
            // segment's list is already sorted, and the stable sort merges such runs cheaply.
            list.sort_by(|a, b| a.0.cmp(&b.0));
            list.dedup_by(|next, kept| {
                if next.0 == kept.0 {
                    kept.1 += next.1;
                    true
                } else {
                    false
                }
            });
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentNameCounter {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        for kind in &mut self.kinds {
            if let Some(col) = &kind.column {
                count_doc(col, doc, &mut self.buffer, &mut kind.counts);
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let mut out = Vec::with_capacity(self.kinds.len());
        for kind in self.kinds {
            let Some(names) = &kind.names else {
                out.push(Vec::new());
                continue;
            };
            let mut list = Vec::new();
            for (ord, &n) in kind.counts.iter().enumerate() {
                if n > 0 {
                    let name = names
                        .get(ord)
                        .ok_or("a name dictionary is shorter than its ordinals")?;
                    list.push((name.to_string(), u64::from(n)));
                }
            }
            out.push(list);
        }
        Ok(out)
    }
}

/// Add one to `counts` at each of `doc`'s term ordinals in `col` (`buffer` is scratch space).
/// This runs for every matching document and kind, so the document's ordinals are read in one
/// bulk call rather than a dynamic call per value.
pub(super) fn count_doc(col: &StrColumn, doc: DocId, buffer: &mut Vec<u64>, counts: &mut [u32]) {
    let ords = col.ords();
    let rows = ords.index.value_row_ids(doc);
    let len = rows.len();
    if len == 0 {
        return;
    }
    if buffer.len() < len {
        buffer.resize(len, 0);
    }
    ords.values
        .get_range(u64::from(rows.start), &mut buffer[..len]);
    let mut previous = u64::MAX;
    for &ord in &buffer[..len] {
        // The writer gives a document each name once; should a name repeat next to itself, it
        // still counts once.
        if ord != previous {
            if let Some(n) = counts.get_mut(ord as usize) {
                *n += 1;
            }
        }
        previous = ord;
    }
}

/// One entity after archive-wide variants are merged: its name, the documents counted under it
/// or any of its variants, and the variants seen (in name order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged<'a> {
    pub name: &'a str,
    pub count: u64,
    pub variants: Vec<&'a str>,
}

/// Merge counted names into their canonical forms and keep the `top` highest counts (ties in
/// name order). Enrichment has already unified the forms within each article, so an article
/// counted under "Blair" has no "Tony Blair" and the sums do not double-count.
///
/// Most names are their own canonical form; only the few that the name table maps go through
/// a hash map, so a whole-archive listing of tens of thousands of names stays a linear pass.
pub fn merge_top<'a>(
    names: &'a [(String, u64)],
    canonical: impl Fn(&'a str) -> &'a str,
    top: usize,
) -> (usize, Vec<Merged<'a>>) {
    let mut rows: Vec<Merged<'a>> = Vec::with_capacity(names.len());
    let mut moved: std::collections::HashMap<&'a str, (u64, Vec<&'a str>)> =
        std::collections::HashMap::new();
    for (name, n) in names {
        let c = canonical(name);
        if c == name {
            rows.push(Merged {
                name,
                count: *n,
                variants: Vec::new(),
            });
        } else {
            let e = moved.entry(c).or_default();
            e.0 += n;
            e.1.push(name);
        }
    }
    if !moved.is_empty() {
        for row in &mut rows {
            if let Some((n, variants)) = moved.remove(row.name) {
                row.count += n;
                row.variants = variants;
            }
        }
        // Canonical names that were only ever seen as variants.
        rows.extend(moved.into_iter().map(|(name, (count, variants))| Merged {
            name,
            count,
            variants,
        }));
    }
    let total = rows.len();
    let order = |a: &Merged, b: &Merged| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name));
    let top = top.max(1);
    if rows.len() > top {
        rows.select_nth_unstable_by(top - 1, order);
        rows.truncate(top);
    }
    rows.sort_unstable_by(order);
    (total, rows)
}

/// A searcher's segments and their deletions: two searchers with the same key see the same live
/// documents, so a count read for one holds for the other.
pub type SearcherKey = Vec<(tantivy::index::SegmentId, Option<tantivy::Opstamp>)>;

/// The key of a searcher's view of the archive (see [`SearcherKey`]).
pub fn searcher_key(searcher: &tantivy::Searcher) -> SearcherKey {
    searcher
        .segment_readers()
        .iter()
        .map(|s| (s.segment_id(), s.delete_opstamp()))
        .collect()
}

/// Counts kept per facet root for the latest searcher seen (see `cached_live_facet_counts`).
type FacetCache = (
    SearcherKey,
    std::collections::HashMap<(u32, String), std::sync::Arc<Vec<(tantivy::schema::Facet, u64)>>>,
);

static FACET_CACHE: std::sync::Mutex<Option<FacetCache>> = std::sync::Mutex::new(None);

/// `live_facet_counts`, remembered for the searcher's exact set of segments and deletions.
/// A `--speaker` filter resolves its value against every speaker name in the archive, and
/// scanning that whole dictionary on every request was most of the time `morgue serve` spent
/// on a quote query (about 40 ms on a 100,000-article index); between commits the answer
/// cannot change. Only the latest searcher's counts are kept, so memory stays bounded by one
/// archive's names, and a commit or deletion (a new key) starts afresh.
pub fn cached_live_facet_counts(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
    root: &tantivy::schema::Facet,
) -> tantivy::Result<std::sync::Arc<Vec<(tantivy::schema::Facet, u64)>>> {
    let key = searcher_key(searcher);
    let slot = (field.field_id(), root.encoded_str().to_string());
    {
        // A poisoned lock only means another request panicked mid-insert; the map itself is
        // still whole, so its contents are used.
        let cache = FACET_CACHE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, map)) = cache.as_ref() {
            if *k == key {
                if let Some(hit) = map.get(&slot) {
                    return Ok(hit.clone());
                }
            }
        }
    }
    let counts = std::sync::Arc::new(live_facet_counts(searcher, field, root)?);
    let mut cache = FACET_CACHE.lock().unwrap_or_else(|e| e.into_inner());
    match cache.as_mut() {
        Some((k, map)) if *k == key => {
            map.insert(slot, counts.clone());
        }
        _ => *cache = Some((key, std::iter::once((slot, counts.clone())).collect())),
    }
    Ok(counts)
}

/// Every facet under `root` (at any depth), with the number of live documents carrying it,
/// in facet order, leaving out facets no live document carries. Read from each segment's term
/// dictionary: a facet's document frequency is its count when the segment has no deletions, and
/// only segments with deletions walk the postings to skip deleted documents. Unlike a
/// `FacetCollector` over a query this visits no document, so it costs the number of distinct
/// facets rather than of documents (it counts every document kind: callers ask for facets that
/// only one kind carries).
pub fn live_facet_counts(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
    root: &tantivy::schema::Facet,
) -> tantivy::Result<Vec<(tantivy::schema::Facet, u64)>> {
    use tantivy::DocSet;
    let mut lo = root.encoded_str().as_bytes().to_vec();
    lo.push(0);
    let mut hi = lo.clone();
    if let Some(last) = hi.last_mut() {
        *last = 1;
    }
    let mut counts: std::collections::BTreeMap<Vec<u8>, u64> = Default::default();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field)?;
        let alive = seg.alive_bitset();
        let mut stream = inverted.terms().range().ge(&lo).lt(&hi).into_stream()?;
        while stream.advance() {
            let info = stream.value();
            let n = match alive {
                None => u64::from(info.doc_freq),
                Some(alive) => {
                    let mut postings = inverted.read_postings_from_terminfo(
                        info,
                        tantivy::schema::IndexRecordOption::Basic,
                    )?;
                    let mut n = 0u64;
                    while postings.doc() != tantivy::TERMINATED {
                        n += u64::from(alive.is_alive(postings.doc()));
                        postings.advance();
                    }
                    n
                }
            };
            *counts.entry(stream.key().to_vec()).or_insert(0) += n;
        }
    }
    Ok(counts
        .into_iter()
        .filter(|&(_, n)| n > 0)
        .filter_map(|(k, n)| Some((tantivy::schema::Facet::from_encoded(k).ok()?, n)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The counts by the names read once per segment equal those read the old way, a name
    /// looked up in the dictionary for each matching document's ordinals; the second search
    /// (names kept) equals the first.
    #[test]
    fn name_counts_from_kept_segment_names_equal_dictionary_reads() -> tantivy::Result<()> {
        use tantivy::collector::DocSetCollector;
        use tantivy::query::TermQuery;
        use tantivy::schema::{IndexRecordOption, Schema, FAST, STRING};
        use tantivy::{doc, Index, TantivyDocument, Term};
        let mut b = Schema::builder();
        let tag = b.add_text_field("tag", STRING);
        let person = b.add_text_field(&name_column("person"), FAST);
        let org = b.add_text_field(&name_column("org"), FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let people = ["Ada Berg", "Bo Lund", "Cy Moe", "Åsa Öst", "Dee"];
        for round in 0..2 {
            for i in 0..40usize {
                let mut d = TantivyDocument::default();
                d.add_text(tag, if i % 3 == 0 { "no" } else { "yes" });
                for (j, p) in people.iter().enumerate() {
                    if (i + round) % (j + 2) == 0 {
                        d.add_text(person, p);
                    }
                }
                if i % 4 == 1 {
                    d.add_text(org, format!("Org {}", i % 7));
                }
                w.add_document(d)?;
            }
            // Two segments: the same name has another ordinal in each.
            w.commit()?;
        }
        w.add_document(doc!(tag => "yes"))?;
        w.commit()?;
        let searcher = index.reader()?.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let q = TermQuery::new(Term::from_field_text(tag, "yes"), IndexRecordOption::Basic);
        let mut expected: Vec<std::collections::BTreeMap<String, u64>> =
            vec![Default::default(); 2];
        for addr in searcher.search(&q, &DocSetCollector)? {
            let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
            for (k, kind) in ["person", "org"].iter().enumerate() {
                let Some(col) = ff.str(&name_column(kind))? else {
                    continue;
                };
                let mut seen = Vec::new();
                for ord in col.term_ords(addr.doc_id) {
                    let mut name = String::new();
                    col.ord_to_str(ord, &mut name)?;
                    if !seen.contains(&name) {
                        *expected[k].entry(name.clone()).or_default() += 1;
                        seen.push(name);
                    }
                }
            }
        }
        let expected: NameCounts = expected
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect();
        assert!(expected[0].len() == people.len() && !expected[1].is_empty());
        for _ in 0..2 {
            let got = searcher.search(&q, &NameCounter::new(["person", "org"]))?;
            assert_eq!(got, expected);
        }
        Ok(())
    }

    #[test]
    fn live_facet_counts_skip_deleted_documents_and_other_roots() -> tantivy::Result<()> {
        use tantivy::schema::{Facet, FacetOptions, Schema, STRING};
        use tantivy::{doc, Index, Term};
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING);
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let f = |p: &[&str]| Facet::from_path(p.iter().copied());
        w.add_document(
            doc!(id => "a", facets => f(&["person", "Ada"]), facets => f(&["org", "X"])),
        )?;
        w.add_document(doc!(id => "b", facets => f(&["person", "Ada"])))?;
        w.add_document(doc!(id => "c", facets => f(&["person", "Bo"])))?;
        w.add_document(doc!(id => "d", facets => f(&["personal", "Zed"])))?;
        w.commit()?;
        w.delete_term(Term::from_field_text(id, "b"));
        w.delete_term(Term::from_field_text(id, "c"));
        w.add_document(doc!(id => "e", facets => f(&["person", "Cy"])))?;
        w.commit()?;
        let searcher = index.reader()?.searcher();
        let got: Vec<(String, u64)> = live_facet_counts(&searcher, facets, &f(&["person"]))?
            .into_iter()
            .map(|(facet, n)| (facet.to_string(), n))
            .collect();
        assert_eq!(got, names(&[("/person/Ada", 1), ("/person/Cy", 1)]));
        Ok(())
    }

    #[test]
    fn cached_facet_counts_follow_commits_and_deletions() -> tantivy::Result<()> {
        use tantivy::schema::{Facet, FacetOptions, Schema, STRING};
        use tantivy::{doc, Index, Term};
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING);
        let facets = b.add_facet_field("facets", FacetOptions::default());
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let root = Facet::from_path(["speaker"]);
        let read = |searcher: &tantivy::Searcher| -> tantivy::Result<Vec<(String, u64)>> {
            Ok(cached_live_facet_counts(searcher, facets, &root)?
                .iter()
                .map(|(f, n)| (f.to_string(), *n))
                .collect())
        };
        w.add_document(doc!(id => "a", facets => Facet::from_path(["speaker", "Ada"])))?;
        w.add_document(doc!(id => "b", facets => Facet::from_path(["speaker", "Bo"])))?;
        w.commit()?;
        let reader = index.reader()?;
        let first = reader.searcher();
        let expected = names(&[("/speaker/Ada", 1), ("/speaker/Bo", 1)]);
        assert_eq!(read(&first)?, expected);
        // Asked twice for the same view: the remembered answer.
        assert_eq!(read(&first)?, expected);
        w.delete_term(Term::from_field_text(id, "b"));
        w.add_document(doc!(id => "c", facets => Facet::from_path(["speaker", "Cy"])))?;
        w.commit()?;
        reader.reload()?;
        let second = reader.searcher();
        assert_eq!(
            read(&second)?,
            names(&[("/speaker/Ada", 1), ("/speaker/Cy", 1)])
        );
        // The older view still sees what it saw (it is recounted, not served the newer answer).
        assert_eq!(read(&first)?, expected);
        Ok(())
    }

    fn names(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn variants_add_to_their_canonical_name_before_ranking() {
        let counted = names(&[
            ("Blair", 5),
            ("Brown", 4),
            ("Mr Blair", 1),
            ("Tony Blair", 3),
        ]);
        fn canonical(n: &str) -> &str {
            match n {
                "Blair" | "Mr Blair" => "Tony Blair",
                other => other,
            }
        }
        let (total, top) = merge_top(&counted, canonical, 10);
        assert_eq!(total, 2);
        assert_eq!(
            top,
            vec![
                Merged {
                    name: "Tony Blair",
                    count: 9,
                    variants: vec!["Blair", "Mr Blair"],
                },
                Merged {
                    name: "Brown",
                    count: 4,
                    variants: vec![],
                },
            ]
        );
    }

    #[test]
    fn a_canonical_name_seen_only_through_variants_is_listed() {
        let counted = names(&[("NATO", 2), ("UN", 2)]);
        fn canonical(n: &str) -> &str {
            if n == "NATO" {
                "North Atlantic Treaty Organization"
            } else {
                n
            }
        }
        let (total, top) = merge_top(&counted, canonical, 1);
        assert_eq!(total, 2);
        // Equal counts rank in name order; only the first is kept.
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].name, "North Atlantic Treaty Organization");
        assert_eq!(top[0].variants, vec!["NATO"]);
    }

    #[test]
    fn top_k_equals_a_full_sort() {
        let counted: Vec<(String, u64)> = (0..200u64)
            .map(|i| (format!("name{i:03}"), (i * 7919) % 13))
            .collect();
        let (_, top) = merge_top(&counted, |n| n, 25);
        let mut all: Vec<(&str, u64)> = counted.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let got: Vec<(&str, u64)> = top.iter().map(|m| (m.name, m.count)).collect();
        assert_eq!(got, all[..25].to_vec());
    }
}
