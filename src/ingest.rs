//! Orchestration of `morgue index`: one walker thread → bounded channel → worker pool (read,
//! parse, enrich) → bounded channel → the single index writer on the calling thread. Memory is
//! bounded by the channel capacities, never by corpus size. Every walked file ends in exactly
//! one outcome in the [`Report`]; per-file problems never stop the run.
//!
//! Incremental runs: the writer starts from the index's path → id map. A file whose articles
//! all keep their ids is `unchanged` (not re-enriched); a changed one is deleted and re-added
//! (`updated`); an article whose content is already indexed under another live path is a
//! `duplicate`; indexed paths under the walked roots that were not seen again are `removed`
//! (unless their file failed to read this time: a read error never loses an article).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::bounded;
use rayon::prelude::*;

use crate::article::{Article, EnrichedArticle, Enrichment};
use crate::error::{Error, Rejection, RejectionKind, Result};
use crate::extract::read_articles;
use crate::index::writer::Writer;
use crate::index::Archive;
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
}

/// Progress callbacks, so the binary can draw a bar and print problems as they happen while
/// the library stays free of printing.
pub trait Observer: Sync {
    /// The walker has found `n` files so far.
    fn discovered(&self, _n: u64) {}
    /// One file is done (`bytes` read, `articles` parsed from it).
    fn file_done(&self, _bytes: u64, _articles: u64) {}
    /// A file was skipped or failed, or had bad records.
    fn problem(&self, _p: &Problem) {}
}

/// An observer that ignores everything.
pub struct Quiet;
impl Observer for Quiet {}

/// Commit at least this often so a crash loses little work (and readers see progress).
const COMMIT_EVERY_ARTICLES: u64 = 20_000;
const COMMIT_EVERY: Duration = Duration::from_secs(60);
/// Channel capacities: enough to keep workers busy, small enough to bound memory.
const CANDIDATE_QUEUE: usize = 1024;
const RESULT_QUEUE: usize = 256;

/// What a worker hands the writer for one file.
struct FileResult {
    candidate: Candidate,
    outcome: std::result::Result<Vec<Item>, Rejection>,
    problems: Vec<String>,
}

enum Item {
    /// Same path and content as in the index: nothing to write. Carries the article path.
    Unchanged(String),
    Fresh(Box<EnrichedArticle>),
}

pub fn run(config: &IngestConfig, observer: &dyn Observer) -> Result<Report> {
    let started = Instant::now();
    let archive = Archive::open_or_create(&config.index_dir)?;
    let index_dir = config.index_dir.canonicalize().map_err(|e| Error::Io {
        path: config.index_dir.clone(),
        reason: e.to_string(),
    })?;
    let threads = config.threads.max(1);
    // Tantivy's own indexing threads: half the cores, since workers enrich on the rest.
    let mut writer = Writer::begin(&archive, threads.div_ceil(2))?;
    let known = Arc::new(Writer::existing(&archive)?);
    let mut live_ids: HashMap<String, String> = known
        .iter()
        .map(|(p, id)| (id.clone(), p.clone()))
        .collect();

    let mut report = Report::default();
    let (roots, missing) = walk::resolve_roots(&config.paths);
    for (path, reason) in missing {
        report.files_seen += 1;
        record(
            &mut report,
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
        .map_err(|e| Error::Index(format!("cannot start worker threads: {e}")))?;

    let mut seen_paths: HashSet<String> = HashSet::new();
    let mut kept_files: HashSet<String> = HashSet::new();
    let mut since_commit = 0u64;
    let mut last_commit = Instant::now();
    let mut write_error: Option<Error> = None;

    std::thread::scope(|scope| {
        let roots_ref = &roots;
        let index_dir_ref = index_dir.as_path();
        scope.spawn(move || {
            let mut n = 0u64;
            walk::walk(roots_ref, Some(index_dir_ref), |c| {
                n += 1;
                observer.discovered(n);
                cand_tx.send(c).is_ok()
            });
        });
        let known_w = Arc::clone(&known);
        let cfg = config.clone();
        scope.spawn(move || {
            pool.install(|| {
                cand_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(res_tx, |tx, c| {
                        let r = process(c, &known_w, &cfg);
                        let _ = tx.send(r);
                    });
            });
        });

        for fr in res_rx.iter() {
            if write_error.is_some() {
                continue; // drain so the workers can finish
            }
            report.files_seen += 1;
            report.bytes += fr.candidate.size;
            let file_key = fr.candidate.path.to_string_lossy().into_owned();
            match fr.outcome {
                Err(rej) => {
                    if rej.kind == RejectionKind::Failed {
                        kept_files.insert(file_key);
                    }
                    record(
                        &mut report,
                        observer,
                        Problem {
                            path: fr.candidate.path,
                            kind: rej.kind,
                            reason: rej.reason,
                        },
                    );
                    observer.file_done(fr.candidate.size, 0);
                }
                Ok(items) => {
                    let n = items.len() as u64;
                    if !fr.problems.is_empty() {
                        kept_files.insert(file_key.clone());
                        let reason = format!(
                            "{} bad record(s): {}",
                            fr.problems.len(),
                            fr.problems.join("; ")
                        );
                        record(
                            &mut report,
                            observer,
                            Problem {
                                path: fr.candidate.path.clone(),
                                kind: RejectionKind::Failed,
                                reason,
                            },
                        );
                    }
                    for item in items {
                        report.articles += 1;
                        match item {
                            Item::Unchanged(path) => {
                                report.unchanged += 1;
                                seen_paths.insert(path);
                            }
                            Item::Fresh(ea) => {
                                if let Err(e) = write_article(
                                    &mut writer,
                                    &mut report,
                                    &known,
                                    &mut live_ids,
                                    &mut seen_paths,
                                    *ea,
                                ) {
                                    write_error = Some(e);
                                    break;
                                }
                                since_commit += 1;
                            }
                        }
                    }
                    observer.file_done(fr.candidate.size, n);
                }
            }
            if since_commit >= COMMIT_EVERY_ARTICLES
                || (since_commit > 0 && last_commit.elapsed() >= COMMIT_EVERY)
            {
                if let Err(e) = writer.commit(&payload(&report, false)) {
                    write_error = Some(e);
                }
                since_commit = 0;
                last_commit = Instant::now();
            }
        }
    });
    if let Some(e) = write_error {
        return Err(e);
    }

    // Articles under the walked roots that were not seen again are gone from disk.
    for path in known.keys() {
        let file = path.split_once('#').map_or(path.as_str(), |(f, _)| f);
        if seen_paths.contains(path) || kept_files.contains(file) || !under_roots(file, &roots) {
            continue;
        }
        writer.delete_path(path);
        report.removed += 1;
    }
    report.seconds = started.elapsed().as_secs_f64();
    writer.commit(&payload(&report, true))?;
    writer.finish()?;
    archive.rebuild_names()?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn record(report: &mut Report, observer: &dyn Observer, p: Problem) {
    match p.kind {
        RejectionKind::Skipped => report.skipped += 1,
        RejectionKind::Failed => report.failed += 1,
    }
    observer.problem(&p);
    report.problems.push(p);
}

/// Decide the article's outcome and write it.
fn write_article(
    writer: &mut Writer,
    report: &mut Report,
    known: &HashMap<String, String>,
    live_ids: &mut HashMap<String, String>,
    seen: &mut HashSet<String>,
    ea: EnrichedArticle,
) -> Result<()> {
    let a = &ea.article;
    let previous = known.get(&a.path);
    if previous.is_some() {
        // The path held other content: its old version goes whatever happens next.
        writer.delete_path(&a.path);
    }
    if let Some(other) = live_ids.get(&a.id) {
        // Same content under another path that is still there (seen this run, or its file
        // exists): a duplicate. Otherwise the file moved and this copy replaces it.
        let other_file = other.split_once('#').map_or(other.as_str(), |(f, _)| f);
        if other != &a.path && (seen.contains(other) || Path::new(other_file).exists()) {
            report.duplicates += 1;
            if previous.is_some() {
                report.removed += 1;
            }
            seen.insert(a.path.clone());
            return Ok(());
        }
    }
    if previous.is_some() {
        report.updated += 1;
    } else {
        report.indexed += 1;
    }
    report.entities += ea.enrichment.entities.len() as u64;
    report.quotes += ea.enrichment.quotes.len() as u64;
    writer.add(&ea)?;
    live_ids.insert(a.id.clone(), a.path.clone());
    seen.insert(a.path.clone());
    Ok(())
}

fn under_roots(file: &str, roots: &[Root]) -> bool {
    let p = Path::new(file);
    roots.iter().any(|r| {
        if r.is_file {
            r.path == p
        } else {
            p.starts_with(&r.path)
        }
    })
}

fn payload(report: &Report, done: bool) -> String {
    serde_json::json!({"files_done": report.files_seen, "articles": report.articles, "complete": done}).to_string()
}

/// Worker side: read and parse; enrich only the articles that will be written.
fn process(
    candidate: Candidate,
    known: &HashMap<String, String>,
    cfg: &IngestConfig,
) -> FileResult {
    if let Some(rej) = candidate.rejection.clone() {
        return FileResult {
            candidate,
            outcome: Err(rej),
            problems: Vec::new(),
        };
    }
    let parsed = match read_articles(
        &candidate.path,
        &candidate.section,
        cfg.limits,
        cfg.parse_limits,
    ) {
        Ok(p) => p,
        Err(rej) => {
            return FileResult {
                candidate,
                outcome: Err(rej),
                problems: Vec::new(),
            }
        }
    };
    let items = parsed
        .articles
        .into_iter()
        .map(|article: Article| {
            if known.get(&article.path) == Some(&article.id) {
                Item::Unchanged(article.path)
            } else {
                let enrichment = if cfg.enrich {
                    crate::enrich::enrich(&article)
                } else {
                    Enrichment::default()
                };
                Item::Fresh(Box::new(EnrichedArticle {
                    article,
                    enrichment,
                }))
            }
        })
        .collect();
    FileResult {
        candidate,
        outcome: Ok(items),
        problems: parsed.problems,
    }
}
