//! `morgue index --enriched`: an index built from enriched JSON Lines (`crate::enriched`), so
//! enrichment can run elsewhere (another machine, a Spark job) and only indexing runs here.
//!
//! Each line's article goes through the same decisions as a file's (`Run::write_article`: new,
//! updated, duplicate; unchanged when its path already holds the same content), so an index
//! built this way equals one built from the files. The input has no files to watch, so
//! nothing is ever removed; the lines of each file that exists here leave a file record that a
//! later `morgue index` of the files never trusts as unchanged (it reads the files again).
//!
//! A line written before enrichment (`"enriched": false`) is enriched here, on the reading
//! thread: one process per shard is how such lines are meant to be indexed (a Spark job runs
//! one per core), and the articles then cross the network before enrichment, at about their
//! input size. `tee` receives every article as an enriched line, so the job keeps its
//! enriched output without a second process writing it.

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{
    indexing_threads, reread_repeated, worker_threads, IngestConfig, Observer, Run, REREAD_MTIME,
};
use crate::error::{Error, RejectionKind, Result};
use crate::index::writer::{FileState, Writer};
use crate::index::Archive;
use crate::report::{Problem, Report};

/// Where `run` writes every article as an enriched line, and the name its errors carry.
pub struct Tee<'a> {
    pub path: &'a Path,
    pub out: &'a mut dyn Write,
}

/// Index the enriched lines of `input`; `source` names it in problems (a file, or `-`).
pub fn run(
    config: &IngestConfig,
    source: &str,
    mut input: impl BufRead,
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

    let (mut bad, mut listed) = (0usize, Vec::new());
    // The file the current run of lines came from, and the hash of their content ids.
    let mut group: Option<(String, blake3::Hasher)> = None;
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        buf.clear();
        let read = Read::take(&mut input, config.limits.max_bytes.saturating_add(1))
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::File {
                path: PathBuf::from(source),
                source: Box::new(e),
            })?;
        if read == 0 {
            break;
        }
        n += 1;
        run.report.bytes += read as u64;
        let result = if buf.len() as u64 > config.limits.max_bytes && buf.last() != Some(&b'\n') {
            crate::enriched::skip_line(&mut input).map_err(|e| Error::File {
                path: PathBuf::from(source),
                source: Box::new(e),
            })?;
            Err(format!("longer than {} bytes", config.limits.max_bytes))
        } else {
            match std::str::from_utf8(&buf) {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => crate::enriched::read_line(line.trim()),
                Err(_) => Err("not UTF-8".to_string()),
            }
        };
        let (mut ea, unenriched) = match result {
            Ok(line) => (line.article, line.unenriched && config.enrich),
            Err(reason) => {
                bad += 1;
                if listed.len() < crate::parse::MAX_PROBLEMS {
                    listed.push(format!("line {n}: {reason}"));
                }
                continue;
            }
        };
        run.report.articles += 1;
        let same = state
            .articles
            .get(&ea.article.path)
            .filter(|ix| ix.id == ea.article.id && !ix.repeated);
        // An article the index already holds is enriched only when its line is to be written.
        if unenriched && (same.is_none() || tee.is_some()) {
            ea.enrichment = crate::enrich::enrich(&ea.article);
        }
        if let Some(tee) = tee.as_mut() {
            crate::enriched::write_line(tee.out, &ea).map_err(|e| tee_error(tee.path, e))?;
        }
        let file = ea.article.file().to_string();
        if group.as_ref().is_some_and(|(f, _)| *f != file) {
            if let Some((f, hasher)) = group.take() {
                archive.guard(|| put_file(&mut run, &f, &hasher))?;
            }
        }
        group
            .get_or_insert_with(|| (file, blake3::Hasher::new()))
            .1
            .update(ea.article.id.as_bytes());
        let section = ea.article.section.clone();
        match same {
            Some(ix) => {
                let path = ea.article.path.clone();
                run.unchanged(&path, ix.duplicate, &section);
            }
            None => {
                // Enriched lines carry no signature: computed here, on the writer's thread.
                let signature = crate::near_dup::Signature::of(&ea.article.body);
                archive.guard(|| run.write_article(ea, signature, &section))?
            }
        }
        observer.file_done(read as u64, read as u64, 1);
        archive.guard(|| run.maybe_commit())?;
    }
    if let Some((f, hasher)) = group.take() {
        archive.guard(|| put_file(&mut run, &f, &hasher))?;
    }
    if let Some(tee) = tee.as_mut() {
        tee.out.flush().map_err(|e| tee_error(tee.path, e))?;
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
    // No roots: nothing indexed earlier is taken for removed.
    archive.guard(|| run.finish(&[], config, started))?;
    let Run { writer, report, .. } = run;
    archive.guard(|| archive.rebuild_names())?;
    archive.guard(|| writer.finish())?;
    let mut report = report;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
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
