//! Orchestration of `morgue index`: one walker thread → bounded channel → worker pool (read,
//! parse, enrich) → bounded channel → the single index writer on the calling thread. Memory is
//! bounded by the channel capacities and the articles in flight by a budget in bytes
//! (`inflight.rs`), never by corpus size. Every walked file ends in exactly
//! one outcome in the [`Report`]; per-file problems never stop the run.
//!
//! Incremental runs start from what the last commit holds ([`State`]):
//! - a file whose size, mtime and enrichment version match its file record is not even read;
//! - a file that was touched but whose articles keep their content ids is `unchanged` (not
//!   re-enriched) — the content hash confirms what size and mtime suggest;
//! - an article whose path held other content is deleted and re-added (`updated`);
//! - an article whose content is indexed under another live path is a `duplicate`: recorded
//!   with its path, not indexed twice; if the original goes away, the copy is promoted;
//! - indexed paths under the walked roots that were not seen again are `removed`, unless their
//!   file, or a folder above it, failed to read this time (a read error never loses an article);
//! - a path the index holds twice (an older run over overlapping roots wrote it so) is read
//!   again and written once.
//!
//! Commits happen in batches at file boundaries, so after a crash the index holds whole files'
//! articles only, and the next run picks up exactly what is missing.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;
use rayon::prelude::*;

use crate::article::{file_of, EnrichedArticle, Enrichment};
use crate::enrich::ENRICH_VERSION;
use crate::error::{Error, Rejection, RejectionKind, Result};
use crate::extract::stream::Record;
use crate::extract::{open_articles, Articles};
use crate::index::writer::{FileState, Near, State, Writer};
use crate::index::Archive;
use crate::near_dup::{Clusters, Signature};
use crate::parse::ParseLimits;
use crate::read::Limits;
use crate::report::{Problem, Report};
use crate::walk::{self, Candidate, Root};

/// Everything `morgue index` needs, already validated.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub index_dir: PathBuf,
    pub paths: Vec<PathBuf>,
    pub threads: usize,
    pub limits: Limits,
    pub parse_limits: ParseLimits,
    /// Run entity and quote extraction (off for a plain full-text index).
    pub enrich: bool,
    /// Commit after this many written articles (also at least every minute and at the end).
    pub commit_every: u64,
    /// `--include` / `--exclude`: the files this run looks at; the others are neither read nor
    /// removed.
    pub select: walk::Select,
}

/// Default batch size: large enough that commits cost little, small enough that a crash loses
/// at most a few seconds of work.
pub const DEFAULT_COMMIT_EVERY: u64 = 20_000;

/// Progress callbacks, so the binary can draw a bar and print problems as they happen while
/// the library stays free of printing.
pub trait Observer: Sync {
    /// The walker has found `files` files so far, `bytes` long together.
    fn discovered(&self, _files: u64, _bytes: u64) {}
    /// A worker has enriched about `bytes` more of a file it is reading (one article of a
    /// JSON Lines file or a feed, in proportion to its text), so one large file shows progress
    /// before it is done. Called from worker threads.
    fn progress(&self, _bytes: u64) {}
    /// One file is done (`bytes` long, `articles` parsed from it); `unreported` of its bytes
    /// were not yet passed to [`Observer::progress`].
    fn file_done(&self, _bytes: u64, _unreported: u64, _articles: u64) {}
    /// A file was skipped or failed, or had bad records.
    fn problem(&self, _p: &Problem) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl Observer for Quiet {}

/// File-record mtime meaning "read this file again next run" (no real file has it).
const REREAD_MTIME: i64 = i64::MIN;
/// A file modified this close to the run's start may be modified again within the same
/// timestamp tick without changing its size; its mtime is not trusted (git's "racy" rule), so
/// the next run reads it again and the content hash decides.
const RACY_NANOS: i64 = 2_000_000_000;
const COMMIT_EVERY: Duration = Duration::from_secs(60);
/// Channel capacities: enough to keep workers busy, small enough to bound memory.
const CANDIDATE_QUEUE: usize = 1024;
const RESULT_QUEUE: usize = 256;

/// What a worker hands the writer for one file.
struct FileResult {
    candidate: Candidate,
    mtime: i64,
    outcome: std::result::Result<FileOutcome, Rejection>,
    /// Bad records (a listing capped at a few entries) and their true count.
    problems: Vec<String>,
    bad_records: usize,
    /// Records the parser passed over as not articles (WARC requests, non-HTML responses).
    skipped_records: usize,
    /// Bytes of the file already passed to `Observer::progress` by the worker.
    reported: u64,
    /// Articles of the file already handed over in [`FileOutcome::Part`]s (a file read as a
    /// stream, `stream.rs`).
    streamed: u64,
}

enum FileOutcome {
    /// Size, mtime and enrichment version match the file record: not read at all.
    UnchangedFile,
    /// Read and parsed; `hash` is the hash of its articles' content ids.
    Read { items: Vec<Item>, hash: String },
    /// A batch of a file read as a stream; the file's last batch comes as `Read`, with the
    /// file's bookkeeping.
    Part { items: Vec<Item> },
}

enum Item {
    /// Same path and content as in the index: nothing to write.
    Unchanged { path: String, duplicate: bool },
    /// To be written, with its body's near-duplicate signature (computed by the worker, so
    /// the single writer thread only looks it up).
    Fresh(Box<EnrichedArticle>, Option<Signature>),
}

pub fn run(config: &IngestConfig, observer: &dyn Observer) -> Result<Report> {
    let started = Instant::now();
    let archive = Archive::open_or_create(&config.index_dir)?;
    let index_dir = config.index_dir.canonicalize().map_err(|e| Error::File {
        path: config.index_dir.clone(),
        source: Box::new(e),
    })?;
    let threads = worker_threads(config.threads);
    // Merges are capped in size, so a longer run does not make ever larger ones
    // (`index/merges.rs`).
    // A damaged file would make tantivy panic inside the tasks its writer runs on a thread
    // pool of its own (applying deletes at a commit, merging), and a panic there aborts the
    // process: no guard can catch it. So the writer starts only on an index whose files all
    // pass their checksums (this reads the whole index once: see the README for its cost).
    let damaged = archive.damaged_files();
    if !damaged.is_empty() {
        return Err(Error::Damaged {
            path: config.index_dir.clone(),
            files: damaged.join(", "),
        });
    }
    // Every call into tantivy is guarded: a damaged index is one error line, not a panic.
    let writer = archive.guard(|| {
        Writer::begin(
            &archive,
            indexing_threads(threads, config.enrich),
            config.enrich,
        )
    })?;
    let mut state = archive.guard(|| Writer::existing(&archive))?;
    reread_repeated(&mut state);
    let state = Arc::new(state);
    let clusters = archive.guard(|| crate::index::clusters::load(&archive))?;
    let mut run = Run::new(writer, &state, clusters, config);

    let (roots, missing) = walk::resolve_roots(&config.paths);
    for (path, reason) in missing {
        run.report.files_seen += 1;
        run.record(
            observer,
            Problem {
                path,
                kind: RejectionKind::Failed,
                reason,
            },
        );
    }

    let (cand_tx, cand_rx) = bounded::<Candidate>(CANDIDATE_QUEUE);
    let (res_tx, res_rx) = bounded::<FileResult>(RESULT_QUEUE);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("morgue-worker-{i}"))
        .build()
        .map_err(Error::Threads)?;

    // Articles between the workers and the writer are bounded in bytes (`inflight.rs`).
    let flight = InFlight::new(inflight::BUDGET);
    let mut write_error: Option<Error> = None;
    std::thread::scope(|scope| {
        let (roots_ref, index_dir_ref) = (&roots, index_dir.as_path());
        let select = &config.select;
        scope.spawn(move || {
            let (mut n, mut bytes) = (0u64, 0u64);
            walk::walk_selected(roots_ref, Some(index_dir_ref), select, |c| {
                n += 1;
                bytes += c.size;
                observer.discovered(n, bytes);
                cand_tx.send(c).is_ok()
            });
        });
        let state_w = Arc::clone(&state);
        let flight_w = &flight;
        scope.spawn(move || {
            pool.install(|| {
                cand_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(res_tx, |tx, c| {
                        let send = |fr: FileResult| {
                            flight_w.take(inflight::weight(&fr));
                            let _ = tx.send(fr);
                        };
                        send(process(c, &state_w, config, observer, &send));
                    });
            });
        });
        for fr in res_rx.iter() {
            let weight = inflight::weight(&fr);
            // After a write error keep draining, so the workers can finish and exit.
            if write_error.is_none() {
                if let Err(e) = archive.guard(|| run.apply(fr, observer)) {
                    write_error = Some(e);
                }
            }
            flight.give(weight);
        }
    });
    if let Some(e) = write_error {
        return Err(e);
    }
    run.close(&archive, &roots, config, started)
}

/// The writer's side of a run: decisions, counts and the bookkeeping for removals.
struct Run<'a> {
    writer: Writer,
    state: &'a State,
    paths_by_file: HashMap<&'a str, Vec<&'a str>>,
    report: Report,
    /// Content id → the live article path holding it (`live.rs`).
    live_ids: LiveIds<'a>,
    /// Duplicate paths seen this run, by content id, with their record number and section
    /// (for promotion).
    dups_by_id: HashMap<String, Vec<(String, Option<u64>, String)>>,
    /// Content ids whose indexed article went away this run (updated or removed).
    orphaned: Vec<String>,
    /// Near-duplicate clusters of the articles indexed so far (`near_dup.rs`), in temporary
    /// files in the index folder (named in their errors).
    clusters: Clusters,
    index_dir: PathBuf,
    /// Article paths of the index's [`State`] seen again this run (those the run writes
    /// itself are live or duplicates, never removed, so they need no entry).
    seen_paths: HashSet<&'a str>,
    /// Files seen this run, by `live::path_key`: 8 bytes a file (`keys.rs`).
    seen_files: KeySet,
    /// Files that failed or had bad records: their indexed articles are kept as they were.
    kept_files: HashSet<String>,
    /// Folders the walker could not read: every article indexed from under them is kept.
    kept_folders: Vec<PathBuf>,
    since_commit: u64,
    last_commit: Instant,
    commit_every: u64,
    enrich_version: u64,
    /// Wall-clock start of the run, for the racy-mtime rule.
    started_nanos: i64,
}

impl<'a> Run<'a> {
    fn new(writer: Writer, state: &'a State, clusters: Clusters, config: &IngestConfig) -> Run<'a> {
        let live_ids = LiveIds::from_state(state);
        Run {
            writer,
            state,
            paths_by_file: state.paths_by_file(),
            report: Report::default(),
            live_ids,
            dups_by_id: HashMap::new(),
            orphaned: Vec::new(),
            clusters,
            index_dir: config.index_dir.clone(),
            seen_paths: HashSet::new(),
            seen_files: KeySet::new(),
            kept_files: HashSet::new(),
            kept_folders: Vec::new(),
            since_commit: 0,
            last_commit: Instant::now(),
            commit_every: config.commit_every.max(1),
            enrich_version: pipeline_version(config.enrich),
            started_nanos: nanos(std::time::SystemTime::now()),
        }
    }

    fn record(&mut self, observer: &dyn Observer, p: Problem) {
        match p.kind {
            RejectionKind::Skipped => self.report.skipped += 1,
            RejectionKind::Failed => self.report.failed += 1,
        }
        observer.problem(&p);
        self.report.problems.push(p);
    }

    fn apply(&mut self, fr: FileResult, observer: &dyn Observer) -> Result<()> {
        let fr = match fr.outcome {
            // Not a whole file yet: its count, file record and progress come with its last
            // batch. Nor a commit: after a crash the index holds whole files only.
            Ok(FileOutcome::Part { items }) => {
                return self.write_items(items, &fr.candidate.section);
            }
            outcome => FileResult { outcome, ..fr },
        };
        self.report.files_seen += 1;
        self.report.bytes += fr.candidate.size;
        self.report.records_skipped += fr.skipped_records as u64;
        let file = fr.candidate.path.to_string_lossy().into_owned();
        let section = fr.candidate.section.clone();
        let mut articles = 0u64;
        match fr.outcome {
            Err(rej) => {
                if rej.kind == RejectionKind::Failed {
                    // An unreadable folder (or root) keeps everything indexed from under it: a
                    // read error never loses an article.
                    if fr.candidate.path.is_dir() {
                        self.kept_folders.push(fr.candidate.path.clone());
                    }
                    self.kept_files.insert(file);
                }
                let problem = Problem {
                    path: fr.candidate.path.clone(),
                    kind: rej.kind,
                    reason: rej.reason,
                };
                self.record(observer, problem);
            }
            Ok(FileOutcome::UnchangedFile) => {
                let paths = self
                    .paths_by_file
                    .get(file.as_str())
                    .cloned()
                    .unwrap_or_default();
                for path in paths {
                    if let Some(ix) = self.state.articles.get(path) {
                        self.unchanged(path, ix.duplicate, &section);
                        articles += 1;
                    }
                }
                self.seen_files.insert(path_key(&file));
            }
            // Handled above.
            Ok(FileOutcome::Part { .. }) => {}
            Ok(FileOutcome::Read { items, hash }) => {
                articles += fr.streamed + items.len() as u64;
                self.write_items(items, &section)?;
                // A file with bad records keeps a record too (so its good articles are not
                // re-enriched), but with an mtime that never matches: the next run reads it
                // again and reports its problems again.
                let clean = fr.problems.is_empty();
                let st = FileState {
                    size: fr.candidate.size,
                    mtime: if clean && fr.mtime < self.started_nanos - RACY_NANOS {
                        fr.mtime
                    } else {
                        REREAD_MTIME
                    },
                    hash,
                    enrich_version: self.enrich_version,
                };
                // Only a record from an earlier commit (or, were a file walked twice, from
                // this run) needs deleting.
                let replace = self.state.files.contains_key(&file)
                    || self.seen_files.contains(&path_key(&file));
                self.writer.put_file(&file, &st, replace)?;
                self.seen_files.insert(path_key(&file));
                if !clean {
                    self.kept_files.insert(file);
                    let reason = format!(
                        "{} bad record(s): {}",
                        fr.bad_records,
                        fr.problems.join("; ")
                    );
                    let problem = Problem {
                        path: fr.candidate.path.clone(),
                        kind: RejectionKind::Failed,
                        reason,
                    };
                    self.record(observer, problem);
                }
            }
        }
        self.report.articles += articles;
        observer.file_done(
            fr.candidate.size,
            fr.candidate.size.saturating_sub(fr.reported),
            articles,
        );
        self.maybe_commit()
    }

    fn write_items(&mut self, items: Vec<Item>, section: &str) -> Result<()> {
        for item in items {
            match item {
                Item::Unchanged { path, duplicate } => self.unchanged(&path, duplicate, section),
                Item::Fresh(ea, sig) => self.write_article(*ea, sig, section)?,
            }
        }
        Ok(())
    }

    /// Commit when a batch is full or a minute has passed since the last commit.
    fn maybe_commit(&mut self) -> Result<()> {
        if self.since_commit >= self.commit_every
            || (self.since_commit > 0 && self.last_commit.elapsed() >= COMMIT_EVERY)
        {
            self.commit(false)?;
        }
        Ok(())
    }

    fn unchanged(&mut self, path: &str, duplicate: bool, section: &str) {
        if duplicate {
            self.report.duplicates += 1;
            if let Some(ix) = self.state.articles.get(path) {
                self.dups_by_id.entry(ix.id.clone()).or_default().push((
                    path.to_string(),
                    ix.record,
                    section.to_string(),
                ));
            }
        } else {
            self.report.unchanged += 1;
        }
        self.see(path);
    }

    /// Mark an article path of the index's state as seen this run.
    fn see(&mut self, path: &str) {
        let state = self.state;
        if let Some((p, _)) = state.articles.get_key_value(path) {
            self.seen_paths.insert(p.as_str());
        }
    }

    /// Decide a read article's outcome and write it; `signature` is its body's
    /// (`Signature::of`).
    fn write_article(
        &mut self,
        ea: EnrichedArticle,
        signature: Option<Signature>,
        section: &str,
    ) -> Result<()> {
        let (path, id) = (ea.article.path.clone(), ea.article.id.clone());
        let record = ea.article.record;
        let previous = self.state.articles.get(&path);
        if let Some(prev) = previous {
            // The path held other content (or another enrichment, or was held twice): its old
            // version goes.
            self.writer.delete_path(&path);
            if !prev.duplicate && prev.id != id && self.live_ids.held_at(&prev.id, &path) {
                self.live_ids.remove(&prev.id);
                self.orphaned.push(prev.id.clone());
            }
        }
        self.see(&path);
        if let Some(other) = self.live_ids.get(&id).filter(|o| !o.is_path(&path)) {
            // Same content under another path that is still there (seen this run, or its file
            // exists): a duplicate. Otherwise the file moved and this copy replaces it. An
            // article this run wrote was seen.
            let still_there = match other {
                Live::Run(_) => true,
                Live::Indexed(other) => {
                    let record = self.state.articles.get(other).and_then(|ix| ix.record);
                    self.seen_paths.contains(other) || Path::new(file_of(other, record)).exists()
                }
            };
            if still_there {
                self.writer.add_duplicate(&path, record, &id)?;
                self.report.duplicates += 1;
                self.dups_by_id
                    .entry(id)
                    .or_default()
                    .push((path, record, section.to_string()));
                self.since_commit += 1;
                return Ok(());
            }
        }
        if previous.is_some() {
            self.report.updated += 1;
        } else {
            self.report.indexed += 1;
        }
        self.add(&ea, signature)
    }

    fn add(&mut self, ea: &EnrichedArticle, signature: Option<Signature>) -> Result<()> {
        self.report.entities += ea.enrichment.entities.len() as u64;
        self.report.quotes += ea.enrichment.quotes.len() as u64;
        let cluster = self
            .clusters
            .assign(&ea.article.id, signature.as_ref())
            .map_err(|e| Error::File {
                path: self.index_dir.clone(),
                source: Box::new(e),
            })?;
        let near = Near {
            cluster: &cluster,
            signature: signature.as_ref(),
        };
        self.writer.add(ea, near)?;
        self.live_ids.insert_run(&ea.article.id, &ea.article.path);
        self.since_commit += 1;
        Ok(())
    }

    fn commit(&mut self, complete: bool) -> Result<()> {
        let r = &self.report;
        let payload = serde_json::json!({
            "files_done": r.files_seen, "articles": r.articles, "complete": complete,
        });
        self.writer.commit(&payload.to_string())?;
        self.since_commit = 0;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// The end of a run: [`Run::finish`], the name table, the writer's merges; the report.
    fn close(
        mut self,
        archive: &Archive,
        roots: &[Root],
        config: &IngestConfig,
        started: Instant,
    ) -> Result<Report> {
        archive.guard(|| self.finish(roots, config, started))?;
        // Let the merges under way finish, so the archive is left in few segments: dropping the
        // writer abandons them, and a 500,000-article run then ended with 15 segments instead
        // of 8 and phrase queries a third slower.
        let Run {
            writer, mut report, ..
        } = self;
        // The name table is rebuilt from the final commit while this run still holds the
        // writer lock, so no other run replaces it at the same time.
        archive.guard(|| archive.rebuild_names())?;
        archive.guard(|| writer.finish())?;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }

    /// Removals, promotion of duplicates whose original went away, the final commit.
    fn finish(&mut self, roots: &[Root], config: &IngestConfig, started: Instant) -> Result<()> {
        let state = self.state;
        for (path, ix) in &state.articles {
            let file = ix.file(path);
            if self.seen_paths.contains(path.as_str())
                || self.kept(file)
                || !in_run(file, roots, config)
            {
                continue;
            }
            self.writer.delete_path(path);
            if !ix.duplicate {
                self.report.removed += 1;
                if self.live_ids.held_at(&ix.id, path) {
                    self.live_ids.remove(&ix.id);
                    self.orphaned.push(ix.id.clone());
                }
            }
        }
        for file in state.files.keys() {
            if !self.seen_files.contains(&path_key(file))
                && !self.kept(file)
                && in_run(file, roots, config)
            {
                self.writer.delete_file(file);
            }
        }
        for id in std::mem::take(&mut self.orphaned) {
            if self.live_ids.contains(&id) {
                continue;
            }
            let Some(copies) = self.dups_by_id.get(&id).cloned() else {
                continue;
            };
            for (path, record, section) in copies {
                if self.promote(&path, record, &section, &id, config)? {
                    break;
                }
            }
        }
        self.report.seconds = started.elapsed().as_secs_f64();
        self.commit(true)?;
        Ok(())
    }

    /// Whether a file's indexed articles are kept although it was not seen: it failed to read,
    /// or lies under a folder that could not be read.
    fn kept(&self, file: &str) -> bool {
        self.kept_files.contains(file)
            || (!self.kept_folders.is_empty()
                && self
                    .kept_folders
                    .iter()
                    .any(|d| Path::new(file).starts_with(d)))
    }

    /// Index the duplicate at `path` as the article for `id`; false when it no longer holds it.
    fn promote(
        &mut self,
        path: &str,
        record: Option<u64>,
        section: &str,
        id: &str,
        config: &IngestConfig,
    ) -> Result<bool> {
        let file = Path::new(file_of(path, record));
        let found = |a: &crate::Article| a.path == path && a.id == id;
        let article = match open_articles(file, section, config.limits, config.parse_limits) {
            Ok(Articles::Whole(parsed)) => parsed.articles.into_iter().find(found),
            Ok(Articles::Stream(records)) => records
                .filter_map(|r| match r {
                    Record::Article(a) => Some(*a),
                    Record::Problem(_) => None,
                })
                .find(found),
            Err(_) => None,
        };
        let Some(article) = article else {
            return Ok(false);
        };
        let enrichment = if config.enrich {
            crate::enrich::enrich(&article)
        } else {
            Enrichment::default()
        };
        self.writer.delete_path(path);
        let signature = Signature::of(&article.body);
        self.add(
            &EnrichedArticle {
                article,
                enrichment,
            },
            signature,
        )?;
        self.report.duplicates = self.report.duplicates.saturating_sub(1);
        self.report.indexed += 1;
        Ok(true)
    }
}

/// Files holding an article path that the index holds twice (written by an older morgue run
/// over overlapping roots) are read again, so that each such path is rewritten once.
fn reread_repeated(state: &mut State) {
    let files: HashSet<String> = state
        .articles
        .iter()
        .filter(|(_, ix)| ix.repeated)
        .map(|(path, ix)| ix.file(path).to_string())
        .collect();
    for file in files {
        if let Some(st) = state.files.get_mut(&file) {
            st.mtime = REREAD_MTIME;
        }
    }
}

/// Workers asked for, at least one and at most [`MAX_THREADS_PER_CORE`] per core: past that
/// they only wait for each other, and each holds its own caches (`--threads 10000` ran for
/// minutes before the first file).
fn worker_threads(asked: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    asked.clamp(1, cores * MAX_THREADS_PER_CORE)
}

/// See [`worker_threads`]; a few per core still help when reads wait on a slow disk.
const MAX_THREADS_PER_CORE: usize = 4;

/// Tantivy's own indexing threads for `workers` worker threads.
///
/// Without enrichment they are the bottleneck, so there are as many as workers (one thread
/// indexed 10k generated articles in 2.8 s, two in 1.7 s). With enrichment, indexing is about
/// a third of the run's CPU time and the workers set the pace, so half as many suffice. Fewer
/// threads also means fewer, larger segments: each indexing thread writes a segment of its own
/// per commit, and every segment pays again for its term dictionaries, a cold stem cache and,
/// later, a merge. On 2 cores, one thread instead of two cut a 100,000-article run from 57.8
/// to 51.5 CPU seconds (means of three, A/B alternated) and left 5 segments instead of 10.
fn indexing_threads(workers: usize, enrich: bool) -> usize {
    if enrich {
        workers.div_ceil(2)
    } else {
        workers
    }
}

/// Whether an indexed file is one this run looked for: under a walked root and selected by
/// `--include`/`--exclude`. Only such files can be removed when they were not seen.
fn in_run(file: &str, roots: &[Root], config: &IngestConfig) -> bool {
    config.select.covers(Path::new(file), roots)
}

/// Nanoseconds since the Unix epoch (fits an i64 until 2262).
/// What a file's articles were built with, kept in its file record: the enrichment version (0
/// without enrichment) in the low 32 bits and the parse version above them, so that a change to
/// either makes the next run re-read the file rather than skip it as unchanged.
fn pipeline_version(enrich: bool) -> u64 {
    let enrich = if enrich { ENRICH_VERSION } else { 0 };
    (crate::parse::PARSE_VERSION << 32) | enrich
}

fn nanos(t: std::time::SystemTime) -> i64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

fn mtime_nanos(meta: &std::fs::Metadata) -> i64 {
    meta.modified().map_or(0, nanos)
}

mod from_enriched;
mod inflight;
mod keys;
mod live;
mod stream;
mod worker;
pub use from_enriched::{run as run_enriched, Tee};
use inflight::InFlight;
use keys::KeySet;
use live::{path_key, Live, LiveIds};
use worker::process;

#[cfg(test)]
mod tests;
