//! The worker's side of `morgue index`: one walked file → what the writer needs of it. A file
//! whose size, mtime and enrichment version match its record is not read at all; otherwise its
//! articles are read and only those the index does not hold as they are get enriched. A file of
//! many articles is enriched by the whole pool; a JSON Lines file over the cap goes to
//! `stream.rs`. No tantivy here: the writer thread (`ingest.rs`) decides and writes.

use rayon::prelude::*;

use super::stream;
use super::{mtime_nanos, pipeline_version, FileOutcome, FileResult, IngestConfig, Item, Observer};
use crate::article::{EnrichedArticle, Enrichment};
use crate::error::Rejection;
use crate::extract::{open_articles, Articles};
use crate::index::writer::State;
use crate::near_dup::Signature;
use crate::walk::Candidate;

/// Worker side: skip unchanged files unread; otherwise read, parse, and enrich only the
/// articles that will be written. A file read as a stream hands its batches to `send` and
/// returns its last one.
pub(super) fn process(
    candidate: Candidate,
    state: &State,
    cfg: &IngestConfig,
    observer: &dyn Observer,
    send: &dyn Fn(FileResult),
) -> FileResult {
    let version = pipeline_version(cfg.enrich);
    if let Some(rej) = candidate.rejection.clone() {
        return FileResult::new(candidate, 0, Err(rej));
    }
    let mtime = match std::fs::metadata(&candidate.path) {
        Ok(m) => mtime_nanos(&m),
        Err(e) => {
            let rej = Rejection::failed(format!("cannot read: {e}"));
            return FileResult::new(candidate, 0, Err(rej));
        }
    };
    let file = candidate.path.to_string_lossy();
    let previous = state.files.get(file.as_ref());
    if previous.is_some_and(|p| {
        p.size == candidate.size && p.mtime == mtime && p.enrich_version == version
    }) {
        return FileResult::new(candidate, mtime, Ok(FileOutcome::UnchangedFile));
    }
    let same_version = previous.is_some_and(|p| p.enrich_version == version);
    let parsed = match open_articles(
        &candidate.path,
        &candidate.section,
        cfg.limits,
        cfg.parse_limits,
    ) {
        Ok(Articles::Whole(p)) => p,
        Ok(Articles::Stream(records)) => {
            let file = stream::StreamedFile {
                candidate,
                mtime,
                same_version,
            };
            return stream::process(file, records, state, cfg, observer, send);
        }
        Err(rej) => return FileResult::new(candidate, 0, Err(rej)),
    };
    let mut hasher = blake3::Hasher::new();
    for article in &parsed.articles {
        hasher.update(article.id.as_bytes());
    }
    // A file of many articles (JSON Lines, a feed, a WARC) is enriched by every worker, in
    // file order, rather than by the one that read it: one large file would otherwise keep a
    // single core busy while the others wait. Its progress is passed on per article, in
    // proportion to the article's share of the file's text, so a large file moves the bar.
    let many = parsed.articles.len() > 1;
    let text: u64 = parsed
        .articles
        .iter()
        .map(|a| (a.title.len() + a.body.len()) as u64)
        .sum();
    let size = candidate.size;
    let reported = std::sync::atomic::AtomicU64::new(0);
    let enrich_one = |article: crate::Article| -> Item {
        let part = (article.title.len() + article.body.len()) as u64;
        let item = item_of(article, state, same_version, cfg);
        if many && matches!(item, Item::Fresh(..)) {
            let bytes = (u128::from(size) * u128::from(part) / u128::from(text.max(1))) as u64;
            reported.fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
            observer.progress(bytes);
        }
        item
    };
    let items: Vec<Item> = if many {
        parsed.articles.into_par_iter().map(enrich_one).collect()
    } else {
        parsed.articles.into_iter().map(enrich_one).collect()
    };
    let hash = hasher.finalize().to_hex()[..16].to_string();
    FileResult {
        problems: parsed.problems,
        bad_records: parsed.bad_records,
        skipped_records: parsed.skipped_records,
        reported: reported.into_inner(),
        ..FileResult::new(candidate, mtime, Ok(FileOutcome::Read { items, hash }))
    }
}

/// An article as the writer gets it: `Unchanged` when the index holds it as it is (same path,
/// content and enrichment version), else enriched, with its near-duplicate signature.
pub(super) fn item_of(
    article: crate::Article,
    state: &State,
    same_version: bool,
    cfg: &IngestConfig,
) -> Item {
    match state.articles.get(&article.path) {
        Some(ix) if same_version && ix.id == article.id && !ix.repeated => Item::Unchanged {
            path: article.path,
            duplicate: ix.duplicate,
        },
        _ => {
            let enrichment = if cfg.enrich {
                crate::enrich::enrich(&article)
            } else {
                Enrichment::default()
            };
            let signature = Signature::of(&article.body);
            Item::Fresh(
                Box::new(EnrichedArticle {
                    article,
                    enrichment,
                }),
                signature,
            )
        }
    }
}

impl FileResult {
    pub(super) fn new(
        candidate: Candidate,
        mtime: i64,
        outcome: std::result::Result<FileOutcome, Rejection>,
    ) -> FileResult {
        FileResult {
            candidate,
            mtime,
            outcome,
            problems: Vec::new(),
            bad_records: 0,
            skipped_records: 0,
            reported: 0,
            streamed: 0,
        }
    }
}
