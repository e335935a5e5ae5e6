//! A quote repeated across wire copies counts once (issue 19). Every copy of a wire story is its
//! own article (`near_dup.rs` puts them in one cluster), and each copy's quotes are documents of
//! their own; so a statement that five outlets printed was five quotes in every count. A quote
//! document's `quote_copy` key is its cluster and its words hashed together: the copies of one
//! statement share it, the same words in an unrelated story do not. The same words twice in one
//! article (a statement quoted again further down) are two quotes, as an annotator counts them:
//! the second occurrence's key carries its number, so it matches the second occurrence in
//! another copy, never the first in its own article.
//!
//! Counting keeps the earliest copy of each key (by date, then by index order) and drops the
//! others ([`first_copies`]); the quote listing shows one copy with the others listed
//! (`index/quotes.rs` through `index/collapse.rs`). The key is computed at index time and
//! compared only within one index: shards do not share clusters (see `near_dup.rs`).

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;
use tantivy::collector::DocSetCollector;
use tantivy::index::SegmentId;
use tantivy::query::{ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, TERMINATED,
};

use super::errors::backend;
use crate::error::{Error, Result};

/// The column holding each quote document's key.
pub const COLUMN: &str = "quote_copy";

/// The keys of one article's quotes, in the order of its quotes.
pub struct Keys<'a> {
    cluster: &'a str,
    seen: HashMap<String, u32>,
}

impl<'a> Keys<'a> {
    pub fn new(cluster: &'a str) -> Keys<'a> {
        Keys {
            cluster,
            seen: HashMap::new(),
        }
    }

    /// The key of the article's next quote, `text`: [`key`] with how many times the article
    /// gave the same words before.
    pub fn next(&mut self, text: &str) -> String {
        let first = key(self.cluster, text, 0);
        let n = self.seen.entry(first.clone()).or_insert(0);
        *n += 1;
        match *n - 1 {
            0 => first,
            again => key(self.cluster, text, again),
        }
    }
}

/// The key of the `occurrence`th (from 0) quote with `text` in an article of `cluster`: 16 hex
/// digits of a hash of the cluster, the occurrence and the quote's words, lowercased, without
/// punctuation or spacing (copies differ in those: curly or straight marks, a line break, a
/// dash).
pub fn key(cluster: &str, text: &str, occurrence: u32) -> String {
    let mut h = blake3::Hasher::new();
    h.update(cluster.as_bytes());
    h.update(&[0]);
    h.update(&occurrence.to_le_bytes());
    let mut buf = [0u8; 4];
    for (i, word) in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i > 0 {
            h.update(b" ");
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            h.update(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    h.finalize().to_hex()[..16].to_string()
}

/// The quotes `q` matches, each repeated quote by its earliest copy only: a query to count
/// with. `None` when no matching quote has a copy among the others (then `q` itself counts
/// right, and nothing was built).
pub(super) fn first_copies(searcher: &Searcher, q: &dyn Query) -> Result<Option<FirstCopies>> {
    let addrs = searcher.search(q, &DocSetCollector)?;
    let mut by_segment: HashMap<u32, Vec<DocId>> = HashMap::new();
    for a in addrs {
        by_segment.entry(a.segment_ord).or_default().push(a.doc_id);
    }
    // Key hash → (date, address) of the earliest copy seen; documents without a key (an index
    // written before keys existed cannot be opened, but a quote could lack one) stand alone.
    let mut earliest: HashMap<u64, (i64, DocAddress), FxBuildHasher> = HashMap::default();
    let mut alone: Vec<DocAddress> = Vec::new();
    let mut repeated = false;
    for (seg, mut docs) in by_segment {
        docs.sort_unstable();
        let ff = searcher.segment_reader(seg).fast_fields();
        let dates = ff.date("date").ok();
        let Some(col) = ff.str(COLUMN)? else {
            alone.extend(docs.iter().map(|&d| DocAddress::new(seg, d)));
            continue;
        };
        let mut pairs: Vec<(u64, DocId)> = Vec::with_capacity(docs.len());
        for &d in &docs {
            match col.term_ords(d).next() {
                Some(ord) => pairs.push((ord, d)),
                None => alone.push(DocAddress::new(seg, d)),
            }
        }
        let mut ords: Vec<u64> = pairs.iter().map(|p| p.0).collect();
        ords.sort_unstable();
        ords.dedup();
        let hashes = super::collapse::term_hashes(&col, &ords).map_err(backend)?;
        if hashes.len() != ords.len() {
            return Err(Error::Index(format!(
                "reading quote keys: {} of {} ordinals found in segment {seg}",
                hashes.len(),
                ords.len()
            )));
        }
        for (ord, d) in pairs {
            let hash = hashes[ords.binary_search(&ord).unwrap_or(0)];
            let date = dates
                .as_ref()
                .and_then(|c| c.first(d))
                .map_or(i64::MAX, |t| t.into_timestamp_secs());
            let here = (date, DocAddress::new(seg, d));
            match earliest.entry(hash) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(here);
                }
                std::collections::hash_map::Entry::Occupied(mut o) => {
                    repeated = true;
                    if here < *o.get() {
                        o.insert(here);
                    }
                }
            }
        }
    }
    if !repeated {
        return Ok(None);
    }
    let mut kept: HashMap<SegmentId, Vec<DocId>> = HashMap::new();
    for addr in earliest.into_values().map(|(_, a)| a).chain(alone) {
        let id = searcher.segment_reader(addr.segment_ord).segment_id();
        kept.entry(id).or_default().push(addr.doc_id);
    }
    for docs in kept.values_mut() {
        docs.sort_unstable();
        docs.dedup();
    }
    Ok(Some(FirstCopies {
        docs: Arc::new(kept),
    }))
}

/// `q` with repeated quotes kept once: [`first_copies`] when some are repeated, else `q` (and
/// `q` as it is when the request asks for `every_copy`).
pub(super) fn counted_once(
    searcher: &Searcher,
    q: Box<dyn Query>,
    every_copy: bool,
) -> Result<Box<dyn Query>> {
    if every_copy {
        return Ok(q);
    }
    Ok(match first_copies(searcher, &*q)? {
        Some(copies) => Box::new(copies),
        None => q,
    })
}

/// A fixed set of documents per segment, as a query (constant score): what [`first_copies`]
/// kept. Valid only for the searcher it was built with (segment ids name its segments).
#[derive(Clone, Debug)]
pub struct FirstCopies {
    docs: Arc<HashMap<SegmentId, Vec<DocId>>>,
}

impl Query for FirstCopies {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for FirstCopies {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let docs = self
            .docs
            .get(&reader.segment_id())
            .cloned()
            .unwrap_or_default();
        Ok(Box::new(ConstScorer::new(Listed { docs, at: 0 }, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let kept = self
            .docs
            .get(&reader.segment_id())
            .is_some_and(|d| d.binary_search(&doc).is_ok());
        if kept {
            Ok(Explanation::new("first copy of a quote", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not a kept copy"
            )))
        }
    }
}

/// A sorted list of documents as a doc set (tantivy's own is built for its tests only).
struct Listed {
    docs: Vec<DocId>,
    at: usize,
}

impl DocSet for Listed {
    fn advance(&mut self) -> DocId {
        self.at = (self.at + 1).min(self.docs.len());
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).copied().unwrap_or(TERMINATED)
    }

    fn size_hint(&self) -> u32 {
        u32::try_from(self.docs.len()).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::{key, Keys};

    #[test]
    fn copies_that_differ_in_marks_case_and_spacing_share_a_key() {
        let a = key("c1", "\u{201c}We will not back down,\u{201d} she said", 0);
        let b = key("c1", "\"we will NOT back\n down\" she said", 0);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn a_listed_doc_set_walks_its_documents_then_terminates() {
        use super::{DocSet, Listed, TERMINATED};
        let mut d = Listed {
            docs: vec![2, 5, 9],
            at: 0,
        };
        assert_eq!(d.doc(), 2);
        assert_eq!(d.seek(6), 9);
        assert_eq!(d.advance(), TERMINATED);
        assert_eq!(d.advance(), TERMINATED);
        let empty = Listed {
            docs: Vec::new(),
            at: 0,
        };
        assert_eq!(empty.doc(), TERMINATED);
    }

    #[test]
    fn other_words_or_another_cluster_give_another_key() {
        let a = key("c1", "We will not back down", 0);
        assert_ne!(a, key("c1", "We will back down", 0));
        assert_ne!(a, key("c2", "We will not back down", 0));
        // Word boundaries count: "a bc" is not "ab c".
        assert_ne!(key("c1", "a bc", 0), key("c1", "ab c", 0));
    }

    #[test]
    fn the_same_words_twice_in_one_article_are_two_keys_that_match_another_copy() {
        let (mut a, mut b) = (Keys::new("c1"), Keys::new("c1"));
        let a1 = a.next("We will build it.");
        let other = a.next("Not today.");
        let a2 = a.next("\u{201c}We will build it\u{201d}");
        assert_ne!(a1, a2);
        assert_ne!(a1, other);
        // Another copy of the story, its quotes in the same order: key for key the same.
        assert_eq!(b.next("we will build it"), a1);
        assert_eq!(b.next("Not today"), other);
        assert_eq!(b.next("We will build it"), a2);
    }
}
