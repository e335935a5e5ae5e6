//! `morgue index --enriched`: an index built from enriched JSON Lines (`crate::enriched`), so
//! enrichment can run elsewhere (another machine, a Spark job) and only indexing runs here.
//!
//! Each line's article goes through the same decisions as a file's (`Run::write_article`: new,
//! updated, duplicate; unchanged when its path already holds the same content), so an index
//! built this way equals one built from the files. The input has no files to watch, so
//! nothing is ever removed; the lines of each file that exists here leave a file record that a
//! later `morgue index` of the files never trusts as unchanged (it reads the files again).
//!
//! A line written before enrichment (`"enriched": false`) is enriched here: one process per
//! shard is how such lines are meant to be indexed (a Spark job runs one per shard), and the
//! articles then cross the network before enrichment, at about their input size. `tee` receives
//! every article as an enriched line, so the job keeps its enriched output without a second
//! process writing it.
//!
//! Threads, as in `morgue index` (`ingest.rs`): a reader thread cuts the input into batches of
//! lines → bounded queue → `--threads` workers (parse and check each line, enrich the lines that
//! need it, compute near-duplicate signatures, write the tee's lines into memory) → the single
//! index writer on the calling thread. Order is kept: the reader hands the writer, in input
//! order, one slot per batch that the batch's worker fills, and at most [`IN_FLIGHT`] batches are
//! between the reader and the writer, so memory is bounded whatever the input's length. The tee
//! gets its lines in input order, byte for byte what `extract --jsonl` writes.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crossbeam_channel::{bounded, Receiver, Sender};
use rayon::prelude::*;

use super::{
    indexing_threads, reread_repeated, worker_threads, IngestConfig, Observer, Run, REREAD_MTIME,
};
use crate::article::EnrichedArticle;
use crate::error::{Error, RejectionKind, Result};
use crate::index::writer::{FileState, State, Writer};
use crate::index::Archive;
use crate::near_dup::Signature;
use crate::read::lines::{CappedLines, Line};
use crate::report::{Problem, Report};

/// Where `run` writes every article as an enriched line, and the name its errors carry.
pub struct Tee<'a> {
    pub path: &'a Path,
    pub out: &'a mut dyn Write,
}

/// Lines a worker takes at a time (as `stream.rs` batches a large file), and the input bytes
/// that also close a batch (long articles).
const BATCH: usize = 32;
const BATCH_BYTES: u64 = 256 << 10;
/// Batches between the reader and the writer, per worker: enough that a worker never waits
/// for the writer to take a batch that another worker finished first.
const IN_FLIGHT_PER_WORKER: usize = 4;

/// One input line as the reader hands it to a worker.
struct RawLine {
    /// The line number (lines end as in a file read whole: `\n`, `\r\n` or a lone `\r`).
    n: u64,
    /// Input bytes the line took, its end included.
    bytes: u64,
    /// Its text, or `None` when it was longer than the cap (read past, not kept).
    text: Option<Vec<u8>>,
}

/// One input line as a worker hands it to the writer.
struct Ready {
    n: u64,
    bytes: u64,
    what: What,
}

enum What {
    Blank,
    Bad(String),
    Article(Box<Prepared>),
}

struct Prepared {
    ea: EnrichedArticle,
    /// The index holds this path with this content: `Some(duplicate)`, nothing to write.
    same: Option<bool>,
    /// Written before enrichment, and to be enriched here.
    enrich: bool,
    /// The body's near-duplicate signature, for an article to be written.
    signature: Option<Signature>,
    /// The article as an enriched line, when there is a tee.
    line: Vec<u8>,
}

/// A batch's lines as its worker prepared them, or the read error that ended the input.
type Done = std::io::Result<Vec<Ready>>;

/// Index the enriched lines of `input`; `source` names it in problems (a file, or `-`).
pub fn run(
    config: &IngestConfig,
    source: &str,
    input: impl BufRead + Send,
    mut tee: Option<Tee>,
    observer: &dyn Observer,
) -> Result<Report> {
    let started = Instant::now();
    let archive = Archive::open_or_create(&config.index_dir)?;
    let damaged = archive.damaged_files();
    if !damaged.is_empty() {
        return Err(Error::Damaged {
            path: config.index_dir.clone(),
            files: damaged.join(", "),
        });
    }
    let threads = worker_threads(config.threads);
    let writer =
        archive.guard(|| Writer::begin(&archive, indexing_threads(threads, true), true))?;
    let mut state = archive.guard(|| Writer::existing(&archive))?;
    reread_repeated(&mut state);
    let clusters = archive.guard(|| crate::index::clusters::load(&archive))?;
    let mut run = Run::new(writer, &state, clusters, config);
    run.report.files_seen = 1;

    let (work_tx, work_rx) = bounded::<(Vec<RawLine>, Sender<Done>)>(threads);
    let (order_tx, order_rx) = bounded::<Receiver<Done>>(threads * IN_FLIGHT_PER_WORKER);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("morgue-worker-{i}"))
        .build()
        .map_err(Error::Threads)?;
    let (state_ref, with_tee) = (&state, tee.is_some());
    let cap = config.limits.max_bytes;
    let written = std::thread::scope(|scope| {
        scope.spawn(move || read(input, cap, &work_tx, &order_tx));
        scope.spawn(move || {
            pool.install(|| {
                work_rx.into_iter().par_bridge().for_each(|(lines, done)| {
                    let ready = prepare(lines, state_ref, config.enrich, with_tee, cap);
                    let _ = done.send(Ok(ready));
                });
            });
        });
        // `order_rx` moves into the writer: when it stops early (an error), the reader's next
        // hand-over fails, and the reader, then the workers, stop too.
        write(&archive, &mut run, source, order_rx, tee.as_mut(), observer)
    });
    written?;
    if let Some(tee) = tee.as_mut() {
        tee.out.flush().map_err(|e| tee_error(tee.path, e))?;
    }
    // No roots: nothing indexed earlier is taken for removed.
    run.close(&archive, &[], config, started)
}

/// The reader: the input cut into batches, each sent to a worker with the slot its result
/// goes into, the slots sent to the writer in input order. A read error takes the next slot,
/// already filled, and ends the input.
fn read(
    input: impl BufRead,
    cap: u64,
    work: &Sender<(Vec<RawLine>, Sender<Done>)>,
    order: &Sender<Receiver<Done>>,
) {
    let hand_over = |batch: Vec<RawLine>| -> bool {
        let (done_tx, done_rx) = bounded(1);
        order.send(done_rx).is_ok() && work.send((batch, done_tx)).is_ok()
    };
    let mut lines = CappedLines::new(input, cap);
    let (mut batch, mut batch_bytes) = (Vec::with_capacity(BATCH), 0u64);
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        let before = lines.consumed();
        let line = match lines.next_line(&mut buf) {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                if !batch.is_empty() && !hand_over(std::mem::take(&mut batch)) {
                    return;
                }
                let (done_tx, done_rx) = bounded(1);
                let _ = done_tx.send(Err(e));
                let _ = order.send(done_rx);
                return;
            }
        };
        n += 1;
        let bytes = lines.consumed() - before;
        let text = match line {
            Line::Read => Some(std::mem::take(&mut buf)),
            Line::TooLong => None,
        };
        batch_bytes += bytes;
        batch.push(RawLine { n, bytes, text });
        if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
            if !hand_over(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))) {
                return;
            }
            batch_bytes = 0;
        }
    }
    if !batch.is_empty() {
        hand_over(batch);
    }
}

/// A worker's part: each line read back (`enriched::read_line`), enriched when it was written
/// before enrichment and is to be written (an article the index already holds is enriched only
/// for the tee), its signature when it is to be indexed, and its tee line.
fn prepare(
    lines: Vec<RawLine>,
    state: &State,
    enrich: bool,
    with_tee: bool,
    cap: u64,
) -> Vec<Ready> {
    let mut ready: Vec<Ready> = lines
        .into_iter()
        .map(|raw| {
            let what = match raw.text {
                None => What::Bad(format!("longer than {cap} bytes")),
                Some(text) => match std::str::from_utf8(&text) {
                    Ok(line) if line.trim().is_empty() => What::Blank,
                    Ok(line) => match crate::enriched::read_line(line.trim()) {
                        Ok(read) => {
                            let same = state
                                .articles
                                .get(&read.article.article.path)
                                .filter(|ix| ix.id == read.article.article.id && !ix.repeated)
                                .map(|ix| ix.duplicate);
                            let todo = read.unenriched && enrich && (same.is_none() || with_tee);
                            What::Article(Box::new(Prepared {
                                ea: read.article,
                                same,
                                enrich: todo,
                                signature: None,
                                line: Vec::new(),
                            }))
                        }
                        Err(reason) => What::Bad(reason),
                    },
                    Err(_) => What::Bad("not UTF-8".to_string()),
                },
            };
            Ready {
                n: raw.n,
                bytes: raw.bytes,
                what,
            }
        })
        .collect();
    // The batch's articles to enrich are enriched together (`enrich_batch`: the same results,
    // each stage's working set kept in the caches across the batch).
    let mut todo: Vec<&mut Prepared> = ready
        .iter_mut()
        .filter_map(|r| match &mut r.what {
            What::Article(p) if p.enrich => Some(&mut **p),
            _ => None,
        })
        .collect();
    // The articles move out for enrichment and back in after it.
    let articles: Vec<crate::Article> = todo
        .iter_mut()
        .map(|p| std::mem::take(&mut p.ea.article))
        .collect();
    let enrichments = crate::enrich::enrich_batch(&articles);
    for ((p, article), enrichment) in todo.into_iter().zip(articles).zip(enrichments) {
        p.ea.article = article;
        p.ea.enrichment = enrichment;
    }
    for r in &mut ready {
        if let What::Article(p) = &mut r.what {
            if p.same.is_none() {
                // Enriched lines carry no signature: computed here, off the writer's thread.
                p.signature = Signature::of(&p.ea.article.body);
            }
            if with_tee {
                // Writing into memory cannot fail.
                let _ = crate::enriched::write_line(&mut p.line, &p.ea);
            }
        }
    }
    ready
}

/// The writer's part, on the calling thread: the prepared lines in input order, each written
/// to the tee and decided and written as `morgue index` decides a file's article.
fn write(
    archive: &Archive,
    run: &mut Run,
    source: &str,
    order: Receiver<Receiver<Done>>,
    mut tee: Option<&mut Tee>,
    observer: &dyn Observer,
) -> Result<()> {
    let read_error = |e: std::io::Error| Error::File {
        path: PathBuf::from(source),
        source: Box::new(e),
    };
    let (mut bad, mut listed) = (0usize, Vec::new());
    // The file the current run of lines came from, and the hash of their content ids.
    let mut group: Option<(String, blake3::Hasher)> = None;
    for slot in order {
        // A slot whose worker is gone without filling it: the worker panicked.
        let lines = slot
            .recv()
            .map_err(|_| read_error(std::io::Error::other("a worker thread stopped")))?
            .map_err(read_error)?;
        for Ready { n, bytes, what } in lines {
            run.report.bytes += bytes;
            let p = match what {
                What::Blank => continue,
                What::Bad(reason) => {
                    bad += 1;
                    if listed.len() < crate::parse::MAX_PROBLEMS {
                        listed.push(format!("line {n}: {reason}"));
                    }
                    continue;
                }
                What::Article(p) => *p,
            };
            run.report.articles += 1;
            if let Some(tee) = tee.as_mut() {
                tee.out
                    .write_all(&p.line)
                    .map_err(|e| tee_error(tee.path, e))?;
            }
            let Prepared {
                ea,
                same,
                signature,
                ..
            } = p;
            let file = ea.article.file().to_string();
            if group.as_ref().is_some_and(|(f, _)| *f != file) {
                if let Some((f, hasher)) = group.take() {
                    archive.guard(|| put_file(run, &f, &hasher))?;
                }
            }
            group
                .get_or_insert_with(|| (file, blake3::Hasher::new()))
                .1
                .update(ea.article.id.as_bytes());
            let section = ea.article.section.clone();
            match same {
                Some(duplicate) => {
                    let path = ea.article.path.clone();
                    run.unchanged(&path, duplicate, &section);
                }
                None => archive.guard(|| run.write_article(ea, signature, &section))?,
            }
            observer.file_done(bytes, bytes, 1);
            archive.guard(|| run.maybe_commit())?;
        }
    }
    if let Some((f, hasher)) = group.take() {
        archive.guard(|| put_file(run, &f, &hasher))?;
    }
    if bad > 0 {
        if bad > listed.len() {
            listed.push(format!("and {} more not listed", bad - listed.len()));
        }
        let problem = Problem {
            path: PathBuf::from(source),
            kind: RejectionKind::Failed,
            reason: format!("{bad} bad line(s): {}", listed.join("; ")),
        };
        run.record(observer, problem);
    }
    Ok(())
}

fn tee_error(path: &Path, e: std::io::Error) -> Error {
    Error::File {
        path: path.to_path_buf(),
        source: Box::new(e),
    }
}

/// The file record of a run of lines from one file on this machine, as `morgue index` writes
/// one for a file it read (file records count in the index's statistics, so scores equal those of an index of
/// the files). Its mtime never matches, so a later `morgue index` of the file reads it again,
/// and keeps its articles as unchanged when their content is the same.
fn put_file(run: &mut Run, file: &str, hasher: &blake3::Hasher) -> Result<()> {
    // Only a file on this machine gets a record: lines from stdin (`-#N`) or a Spark
    // partition name a stream, which no later run can read again.
    let Ok(meta) = std::fs::metadata(file) else {
        return Ok(());
    };
    if !meta.is_file() {
        return Ok(());
    }
    let st = FileState {
        size: meta.len(),
        mtime: REREAD_MTIME,
        hash: hasher.finalize().to_hex()[..16].to_string(),
        enrich_version: run.enrich_version,
    };
    let key = super::path_key(file);
    let replace = run.state.files.contains_key(file) || run.seen_files.contains(&key);
    run.writer.put_file(file, &st, replace)?;
    run.seen_files.insert(key);
    Ok(())
}
