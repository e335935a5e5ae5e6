//! Which segments an index run's writer merges in the background: tantivy's log merge policy,
//! with no merge larger than [`MAX_MERGE_DOCS`] documents, so that the memory a merge takes does
//! not grow with the archive.
//!
//! A merge maps all its input segments (their pages count in the process's resident set, as
//! file-backed memory, while it reads them) and holds tables sized by its documents and terms
//! (the new order of every document, the old-to-new ordinals of every term of each string
//! column). Under tantivy's own policy (eight segments of a level at once, up to ten million
//! documents) the merges grow with the run: a plain run merges eight segments of about 150,000
//! documents (1.2M) somewhere past a million articles, an enriching one six of up to 300,000
//! (1.8M). Runs of 1M articles without enrichment never reached that level (their largest merge
//! was 160,000 documents with or without the cap, file-backed peak 223 MB in both), so what
//! the cap saves at 2M is not measured yet.

use tantivy::index::SegmentMeta;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};

/// The most documents one merge may write. A segment above half of it is not merged again, so
/// an index of N documents keeps N / MAX_MERGE_DOCS to 2N / MAX_MERGE_DOCS large segments (and
/// the small ones of its latest commits): more segments as the archive grows, where tantivy's
/// own policy would keep a few ever larger ones.
pub const MAX_MERGE_DOCS: u32 = 600_000;

/// The policy of an index run's writer: `enrich` picks the log policy's levels (see
/// [`log_policy`]); both are capped at [`MAX_MERGE_DOCS`].
pub fn policy(enrich: bool) -> CappedMerges {
    CappedMerges {
        inner: log_policy(enrich),
        max_docs: MAX_MERGE_DOCS,
    }
}

/// Tantivy's log policy, and for an enriching run six segments of a level at a time.
///
/// With one indexing thread (an enriching run on 2 cores, see `ingest::indexing_threads`) each
/// commit writes one segment of 40,000–190,000 documents (articles, their quotes and file
/// records), and the default (8 segments of a level at once) merged eight of them into one of
/// 800,000 near the end of a 500,000-article run: peak RSS 1,072 and 1,090 MB in two runs. Six
/// at a time, and never a segment that is already above 300,000 documents (one merge's result),
/// peaked at 767 and 802 MB with 10 segments left, as compact as before (8–13 segments; query
/// latency p50 no worse). A segment above half the cap can only be merged with smaller ones, so
/// it is not a candidate either.
fn log_policy(enrich: bool) -> LogMergePolicy {
    let mut policy = LogMergePolicy::default();
    if enrich {
        policy.set_min_num_segments(6);
        policy.set_max_docs_before_merge(300_000.min(MAX_MERGE_DOCS as usize / 2));
    } else {
        policy.set_max_docs_before_merge(MAX_MERGE_DOCS as usize / 2);
    }
    policy
}

#[derive(Debug)]
pub struct CappedMerges {
    inner: LogMergePolicy,
    max_docs: u32,
}

impl MergePolicy for CappedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let docs = |id| {
            segments
                .iter()
                .find(|s| s.id() == id)
                .map_or(0, SegmentMeta::num_docs)
        };
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(ids)| {
                let sized = ids.into_iter().map(|id| (id, docs(id))).collect();
                capped(sized, self.max_docs).map(MergeCandidate)
            })
            .collect()
    }
}

/// The part of a merge candidate that stays within `max_docs` documents: its smallest segments,
/// as many as fit. None when fewer than two fit (merging one segment with nothing only pays
/// for a copy), unless the candidate was one segment to begin with (one with many deleted
/// documents, rewritten without them) and it fits.
fn capped<Id>(mut segments: Vec<(Id, u32)>, max_docs: u32) -> Option<Vec<Id>> {
    let alone = segments.len() == 1;
    segments.sort_by_key(|s| s.1);
    let mut total = 0u64;
    let kept: Vec<Id> = segments
        .into_iter()
        .take_while(|s| {
            total += u64::from(s.1);
            total <= u64::from(max_docs)
        })
        .map(|s| s.0)
        .collect();
    (kept.len() >= 2 || (alone && kept.len() == 1)).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_takes_its_smallest_segments_up_to_the_cap() {
        let level = vec![("a", 300), ("b", 100), ("c", 250), ("d", 200)];
        assert_eq!(
            capped(level.clone(), 10_000),
            Some(vec!["b", "d", "c", "a"])
        );
        assert_eq!(capped(level.clone(), 600), Some(vec!["b", "d", "c"]));
        assert_eq!(capped(level.clone(), 300), Some(vec!["b", "d"]));
        assert_eq!(capped(level, 299), None, "one segment alone is not a merge");
        assert_eq!(capped(vec![("a", 500), ("b", 600)], 1_000), None);
        // A segment rewritten for its deletes is kept when it fits.
        assert_eq!(capped(vec![("a", 500)], 1_000), Some(vec!["a"]));
        assert_eq!(capped(vec![("a", 1_500)], 1_000), None);
    }

    #[test]
    fn no_merge_of_a_long_run_exceeds_the_cap() {
        // A run's commits under the policy: every segment that merges produce is within the cap.
        use tantivy::index::SegmentId;
        let inventory = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        let policy = CappedMerges {
            inner: log_policy(true),
            max_docs: 1_000,
        };
        let mut segments: Vec<SegmentMeta> = Vec::new();
        let mut merged = 0;
        for _ in 0..400 {
            segments.push(inventory.new_segment_meta(SegmentId::generate_random(), 90));
            for MergeCandidate(ids) in policy.compute_merge_candidates(&segments) {
                let docs: u32 = segments
                    .iter()
                    .filter(|s| ids.contains(&s.id()))
                    .map(SegmentMeta::num_docs)
                    .sum();
                assert!(docs <= 1_000, "a merge of {docs} documents");
                segments.retain(|s| !ids.contains(&s.id()));
                segments.push(inventory.new_segment_meta(SegmentId::generate_random(), docs));
                merged += 1;
            }
        }
        assert!(merged > 0);
        let total: u32 = segments.iter().map(SegmentMeta::num_docs).sum();
        assert_eq!(total, 400 * 90);
        // Still merged down: about one segment per half cap, not one per commit.
        assert!(segments.len() < 120, "{} segments", segments.len());
    }
}
