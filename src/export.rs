//! `morgue export --to quickwit|elasticsearch OUT`: an index's articles and quotes as the files
//! a distributed search engine ingests (issue 21), for archives that outgrow one machine.
//!
//! OUT gets the engine's index configuration for articles and for quotes, and the documents as
//! JSON Lines (`index::export` says what a document holds). Elasticsearch (and OpenSearch) take
//! documents through `_bulk`, whose request size is capped (100 MB by default), so its files
//! are action/document line pairs cut into parts of at most [`BULK_PART_BYTES`]; each document
//! carries its id, so a re-ingest replaces rather than doubles. Quickwit streams one file of
//! any size. Every file is written under a temporary name and renamed when complete, so a
//! failed export (a full disk) never leaves a file that looks whole.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use anyhow::Context;
use morgue::index::export::{self, Doc};
use morgue::index::Archive;

use crate::cli::Engine;

/// Largest `_bulk` file written: well under Elasticsearch's default 100 MB request limit.
pub const BULK_PART_BYTES: u64 = 50 << 20;

/// What an export wrote.
#[derive(Debug, Default)]
pub struct Written {
    pub articles: u64,
    pub quotes: u64,
    /// Every file, in the order they were finished.
    pub files: Vec<PathBuf>,
}

/// Which engine index a document goes to, and the file stem of its part.
#[derive(Clone, Copy)]
enum Stream {
    Articles,
    Quotes,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Articles => "articles",
            Stream::Quotes => "quotes",
        }
    }
}

/// A JSON Lines file being written under `NAME.partial`, renamed to `NAME` by [`Part::finish`].
struct Part {
    path: PathBuf,
    partial: PathBuf,
    out: BufWriter<File>,
    bytes: u64,
}

impl Part {
    fn create(path: PathBuf) -> anyhow::Result<Part> {
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        let file = File::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        Ok(Part {
            path,
            partial,
            out: BufWriter::new(file),
            bytes: 0,
        })
    }

    fn line(&mut self, line: &[u8]) -> anyhow::Result<()> {
        self.out
            .write_all(line)
            .and_then(|()| self.out.write_all(b"\n"))
            .with_context(|| format!("cannot write {}", self.partial.display()))?;
        self.bytes += line.len() as u64 + 1;
        Ok(())
    }

    fn finish(self, written: &mut Written) -> anyhow::Result<()> {
        let Part {
            path, partial, out, ..
        } = self;
        out.into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot write {}", partial.display()))?;
        std::fs::rename(&partial, &path).with_context(|| {
            format!("cannot rename {} to {}", partial.display(), path.display())
        })?;
        written.files.push(path);
        Ok(())
    }
}

/// The documents of one stream: one file for Quickwit, numbered `_bulk` parts for
/// Elasticsearch.
struct Sink {
    engine: Engine,
    stream: Stream,
    dir: PathBuf,
    part: Option<Part>,
    parts: u32,
    /// Bytes after which an Elasticsearch part is closed ([`BULK_PART_BYTES`]).
    limit: u64,
}

impl Sink {
    fn new(engine: Engine, stream: Stream, dir: &Path, limit: u64) -> Sink {
        Sink {
            engine,
            stream,
            dir: dir.to_path_buf(),
            part: None,
            parts: 0,
            limit,
        }
    }

    fn file_name(&self) -> String {
        match self.engine {
            Engine::Quickwit => format!("{}.ndjson", self.stream.name()),
            Engine::Elasticsearch => {
                format!("{}.bulk-{:04}.ndjson", self.stream.name(), self.parts)
            }
        }
    }

    fn write(&mut self, id: &str, doc: &[u8], written: &mut Written) -> anyhow::Result<()> {
        let full = self
            .part
            .as_ref()
            .is_some_and(|p| matches!(self.engine, Engine::Elasticsearch) && p.bytes >= self.limit);
        if full {
            if let Some(p) = self.part.take() {
                p.finish(written)?;
            }
        }
        if self.part.is_none() {
            self.parts += 1;
            self.part = Some(Part::create(self.dir.join(self.file_name()))?);
        }
        let Some(part) = self.part.as_mut() else {
            unreachable!("a part was just created");
        };
        if matches!(self.engine, Engine::Elasticsearch) {
            let action = serde_json::json!({
                "index": {"_index": format!("morgue-{}", self.stream.name()), "_id": id}
            });
            part.line(action.to_string().as_bytes())?;
        }
        part.line(doc)
    }

    /// Close the last part; a stream with no document still gets its (empty) file, so the
    /// ingest commands work on an empty archive too.
    fn finish(mut self, written: &mut Written) -> anyhow::Result<()> {
        if self.part.is_none() {
            self.parts += 1;
            self.part = Some(Part::create(self.dir.join(self.file_name()))?);
        }
        match self.part.take() {
            Some(p) => p.finish(written),
            None => Ok(()),
        }
    }
}

/// The engine's index configuration files: (file name, contents).
fn configs(engine: Engine) -> [(&'static str, &'static str); 2] {
    match engine {
        Engine::Quickwit => [
            (
                "articles.index.yaml",
                include_str!("export/quickwit-articles.yaml"),
            ),
            (
                "quotes.index.yaml",
                include_str!("export/quickwit-quotes.yaml"),
            ),
        ],
        Engine::Elasticsearch => [
            (
                "articles.mapping.json",
                include_str!("export/elasticsearch-articles.json"),
            ),
            (
                "quotes.mapping.json",
                include_str!("export/elasticsearch-quotes.json"),
            ),
        ],
    }
}

/// Write the export of `archive` for `engine` into `dir` (created if missing).
pub fn run(archive: &Archive, engine: Engine, dir: &Path) -> anyhow::Result<Written> {
    run_in_parts(archive, engine, dir, BULK_PART_BYTES)
}

/// [`run`], closing `_bulk` parts after `limit` bytes.
fn run_in_parts(
    archive: &Archive,
    engine: Engine,
    dir: &Path,
    limit: u64,
) -> anyhow::Result<Written> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = Written::default();
    for (name, text) in configs(engine) {
        let mut part = Part::create(dir.join(name))?;
        part.out
            .write_all(text.as_bytes())
            .with_context(|| format!("cannot write {}", part.partial.display()))?;
        part.finish(&mut written)?;
    }
    let mut articles = Sink::new(engine, Stream::Articles, dir, limit);
    let mut quotes = Sink::new(engine, Stream::Quotes, dir, limit);
    let mut failed: Option<anyhow::Error> = None;
    let mut buf = Vec::new();
    export::documents(archive, &mut |doc| {
        buf.clear();
        let step = match &doc {
            Doc::Article(a) => serde_json::to_writer(&mut buf, a)
                .map_err(anyhow::Error::from)
                .and_then(|()| articles.write(&a.id, &buf, &mut written))
                .map(|()| written.articles += 1),
            Doc::Quote(q) => serde_json::to_writer(&mut buf, q)
                .map_err(anyhow::Error::from)
                .and_then(|()| quotes.write(&q.id, &buf, &mut written))
                .map(|()| written.quotes += 1),
        };
        match step {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    articles.finish(&mut written)?;
    quotes.finish(&mut written)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An index of the bundled fixtures, in a temp folder.
    fn fixture_archive() -> (tempfile::TempDir, Archive) {
        let dir = tempfile::tempdir().unwrap();
        let config = morgue::ingest::IngestConfig {
            index_dir: dir.path().join("ix"),
            paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles")],
            threads: 1,
            limits: Default::default(),
            parse_limits: Default::default(),
            enrich: true,
            commit_every: morgue::ingest::DEFAULT_COMMIT_EVERY,
            select: Default::default(),
        };
        morgue::ingest::run(&config, &morgue::ingest::Quiet).unwrap();
        let archive = Archive::open(&dir.path().join("ix")).unwrap();
        (dir, archive)
    }

    fn lines(path: &Path) -> Vec<serde_json::Value> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn bulk_files_are_cut_into_parts_of_whole_action_document_pairs() {
        let (_ix, archive) = fixture_archive();
        let whole = tempfile::tempdir().unwrap();
        let one = run(&archive, Engine::Elasticsearch, whole.path()).unwrap();
        let cut = tempfile::tempdir().unwrap();
        // 1 KB parts: every quote document is a few hundred bytes, so there are many parts.
        let parts = run_in_parts(&archive, Engine::Elasticsearch, cut.path(), 1024).unwrap();
        assert_eq!((one.articles, one.quotes), (parts.articles, parts.quotes));
        let quote_parts: Vec<&PathBuf> = parts
            .files
            .iter()
            .filter(|f| f.to_string_lossy().contains("quotes.bulk-"))
            .collect();
        assert!(quote_parts.len() > 3, "{quote_parts:?}");
        let mut docs = 0;
        for f in quote_parts {
            let ls = lines(f);
            assert_eq!(ls.len() % 2, 0, "{f:?} ends inside a pair");
            for pair in ls.chunks(2) {
                assert_eq!(pair[0]["index"]["_index"], "morgue-quotes");
                assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
                docs += 1;
            }
        }
        assert_eq!(docs, parts.quotes);
        // No temporary file is left behind.
        for e in std::fs::read_dir(cut.path()).unwrap() {
            let name = e.unwrap().file_name();
            assert!(!name.to_string_lossy().ends_with(".partial"), "{name:?}");
        }
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_an_error_naming_it() {
        let (_ix, archive) = fixture_archive();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "x").unwrap();
        let e = run(&archive, Engine::Quickwit, &file).unwrap_err();
        assert!(format!("{e:#}").contains("a-file"), "{e:#}");
    }
}
