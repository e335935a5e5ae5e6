//! A JSON Lines file too large to read whole (over `--max-file-size`), indexed as a stream.
//! The worker that opened it reads a batch of lines, the pool enriches the batch, and the batch
//! goes to the writer as a [`FileOutcome::Part`]; the last batch comes as an ordinary `Read`
//! carrying the file's record (the hash over all its articles' ids, its problems). Memory holds
//! the batches in flight, never the file: the result queue is bounded, so a writer that falls
//! behind holds the reader back.
//!
//! Outcomes are those of the same file read whole: the same articles, paths, ids and
//! problems, and the same rejection when no line is an article.

use rayon::prelude::*;

use super::worker::item_of;
use super::{FileOutcome, FileResult, IngestConfig, Item, Observer};
use crate::error::Rejection;
use crate::extract::stream::{JsonlStream, Record};
use crate::index::writer::State;
use crate::parse::MAX_PROBLEMS;
use crate::walk::Candidate;

/// A file about to be streamed, with what `process` already knows of it.
pub(super) struct StreamedFile {
    pub candidate: Candidate,
    pub mtime: i64,
    /// The file's record was written by this enrichment version (unchanged articles are not
    /// enriched again).
    pub same_version: bool,
}

/// Articles per batch: enough for the workers of a large machine to share one, few enough
/// that the batches waiting in the result queue stay small. When the writer is the slower side
/// (`--no-enrich`) the queue fills: its 256 places then hold at most 256 batches of
/// [`BATCH_BYTES`] (64 MiB). Measured (debug build, `--no-enrich`, 100,125 BBC-derived
/// articles): one 233 MB file streamed peaked at 333 MB RSS, the same lines as 101 files read
/// whole at 347 MB: a streamed file costs what its articles cost, not what its size does.
const BATCH: usize = 32;
/// A batch is also closed at this much text (long articles).
const BATCH_BYTES: usize = 256 << 10;

pub(super) fn process(
    file: StreamedFile,
    records: JsonlStream,
    state: &State,
    cfg: &IngestConfig,
    observer: &dyn Observer,
    send: &dyn Fn(FileResult),
) -> FileResult {
    let StreamedFile {
        candidate,
        mtime,
        same_version,
    } = file;
    let mut hasher = blake3::Hasher::new();
    let (mut problems, mut bad) = (Vec::new(), 0usize);
    let (mut streamed, mut reported) = (0u64, 0u64);
    let mut batch = Vec::new();
    let mut batch_bytes = 0usize;
    let mut enrich = |batch: Vec<crate::Article>| -> Vec<Item> {
        let text: usize = batch.iter().map(|a| a.title.len() + a.body.len()).sum();
        let items: Vec<Item> = batch
            .into_par_iter()
            .map(|a| item_of(a, state, same_version, cfg))
            .collect();
        // The file's size bounds its progress; a gzip file's text is larger than the file.
        let bytes = (text as u64).min(candidate.size.saturating_sub(reported));
        reported += bytes;
        observer.progress(bytes);
        items
    };
    for record in records {
        match record {
            Record::Article(a) => {
                hasher.update(a.id.as_bytes());
                batch_bytes += a.title.len() + a.body.len();
                batch.push(*a);
            }
            Record::Problem(p) => {
                bad += 1;
                if bad <= MAX_PROBLEMS {
                    problems.push(p);
                }
            }
        }
        if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
            let items = enrich(std::mem::take(&mut batch));
            batch_bytes = 0;
            streamed += items.len() as u64;
            let part = Ok(FileOutcome::Part { items });
            send(FileResult::new(candidate.clone(), mtime, part));
        }
    }
    if streamed == 0 && batch.is_empty() {
        // As for a file read whole (`json::parse_lines`).
        let rej = match problems.first() {
            Some(p) => Rejection::failed(format!("no valid line ({p})")),
            None => Rejection::skipped("no text (only blank lines)"),
        };
        return FileResult::new(candidate, 0, Err(rej));
    }
    if bad > MAX_PROBLEMS {
        problems.push(format!("and {} more not listed", bad - MAX_PROBLEMS));
    }
    let items = enrich(batch);
    let hash = hasher.finalize().to_hex()[..16].to_string();
    FileResult {
        problems,
        bad_records: bad,
        reported,
        streamed,
        ..FileResult::new(candidate, mtime, Ok(FileOutcome::Read { items, hash }))
    }
}
