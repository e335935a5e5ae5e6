//! Writing: one tantivy `IndexWriter` per run (tantivy's lock file makes a second writer fail
//! at once), article and quote documents built from an `EnrichedArticle`, deletes by path, and
//! commits carrying a payload that says how far the run got.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use tantivy::schema::Facet;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::errors::backend;
use super::schema::{Fields, KIND_ARTICLE, KIND_DUPLICATE, KIND_FILE, KIND_QUOTE};
use super::{to_tantivy_date, Archive};
use crate::article::{file_of, EnrichedArticle, Label};
use crate::error::{Error, Result};
use crate::near_dup::Signature;

/// Memory budget per tantivy indexing thread. 128 MB keeps segments large enough that merges
/// stay cheap, while two threads plus the enrichment workers stay far below 1 GB.
const MEMORY_PER_THREAD: usize = 128 << 20;

/// How long [`Writer::begin`] keeps trying a writer lock that looks taken, and how often.
///
/// tantivy's writer lock is an `flock` on a file, held until every descriptor of that open file
/// is closed. A child process started by another thread of the same process (a library caller,
/// or the test binary running `morgue` beside an in-process run) inherits a copy of every open
/// descriptor between its fork and its exec, so for that moment it holds the lock of a writer
/// this process has already dropped: a second run straight after the first then failed with
/// "locked" (measured: 9,000 of 20,000 lock-drop-lock cycles beside one thread spawning `true`).
/// The inherited copy lives only until the child's exec, so a short wait settles it; a lock
/// really held by another `morgue index` is still reported, a second later.
const LOCK_PATIENCE: Duration = Duration::from_secs(1);
const LOCK_RETRY: Duration = Duration::from_millis(20);

/// An article path in the index: the article's id, and whether it is only a duplicate record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    pub id: String,
    pub duplicate: bool,
    /// The record number within its file (`None` for a one-article file): with the path, it
    /// gives the file (`article::file_of`).
    pub record: Option<u64>,
    /// More than one live document holds this path (an index that an overlapping-roots run of
    /// an older morgue wrote twice): the next run rewrites it once.
    pub repeated: bool,
}

impl Indexed {
    /// The file this article path came from.
    pub fn file<'a>(&self, path: &'a str) -> &'a str {
        file_of(path, self.record)
    }
}

/// What the index remembers about a file it read cleanly.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileState {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// blake3 of the file's bytes as stored on disk.
    pub hash: String,
    pub enrich_version: u64,
}

/// The index's content at the start of a run.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// Article path (`file` or `file#N`) → what is indexed there.
    pub articles: HashMap<String, Indexed>,
    /// File path → its state when last read.
    pub files: HashMap<String, FileState>,
}

impl State {
    /// Article paths grouped by the file they came from.
    pub fn paths_by_file(&self) -> HashMap<&str, Vec<&str>> {
        let mut by_file: HashMap<&str, Vec<&str>> = HashMap::new();
        for (path, ix) in &self.articles {
            by_file
                .entry(ix.file(path))
                .or_default()
                .push(path.as_str());
        }
        by_file
    }
}

/// An article's place among near-duplicates (`near_dup.rs`): its cluster id, and the body
/// signature that later runs compare new articles with.
#[derive(Debug, Clone, Copy)]
pub struct Near<'a> {
    pub cluster: &'a str,
    pub signature: Option<&'a Signature>,
}

pub struct Writer {
    writer: IndexWriter,
    fields: Fields,
}

impl Writer {
    /// Take the index's single writer. Fails with [`Error::Locked`] when another process holds it.
    /// `enrich` picks the merge policy's levels for an enriching run (`merges.rs`).
    pub fn begin(archive: &Archive, threads: usize, enrich: bool) -> Result<Writer> {
        let threads = threads.clamp(1, 8);
        let mut waited = Duration::ZERO;
        let writer = loop {
            match archive
                .index
                .writer_with_num_threads(threads, MEMORY_PER_THREAD * threads)
            {
                Ok(writer) => break writer,
                Err(tantivy::TantivyError::LockFailure(..)) if waited < LOCK_PATIENCE => {
                    std::thread::sleep(LOCK_RETRY);
                    waited += LOCK_RETRY;
                }
                Err(tantivy::TantivyError::LockFailure(..)) => {
                    return Err(Error::Locked {
                        path: archive.dir.clone(),
                    })
                }
                Err(other) => return Err(Error::from(other)),
            }
        };
        writer.set_merge_policy(Box::new(super::merges::policy(enrich)));
        Ok(Writer {
            writer,
            fields: archive.fields.clone(),
        })
    }

    /// What the last commit holds: articles and duplicates by path, and file states.
    ///
    /// Read from the fast columns by term ordinal: each document's ordinals are collected first
    /// and the strings are then read in one sorted pass over each dictionary, since a lookup
    /// per document decodes a dictionary block each time (10 s for a 500,000-article index,
    /// paid by every re-run).
    pub fn existing(archive: &Archive) -> Result<State> {
        let reader = archive.index.reader()?;
        let searcher = reader.searcher();
        let mut state = State::default();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(kinds), Some(paths), Some(ids), Some(files), Some(hashes)) = (
                ff.str("kind")?,
                ff.str("path")?,
                ff.str("id")?,
                ff.str("file")?,
                ff.str("file_hash")?,
            ) else {
                continue;
            };
            let (records, sizes, mtimes, versions) = (
                ff.u64("record")?,
                ff.u64("file_size")?,
                ff.i64("file_mtime")?,
                ff.u64("enrich_version")?,
            );
            // The kind dictionary holds a handful of words: read it whole.
            let mut kind_ords: Vec<u64> = (0..kinds.num_terms() as u64).collect();
            let kind_names = terms_of(&kinds, &mut kind_ords)?;
            let kind_of = |ord: u64| kind_names.get(ord as usize).map(String::as_str);
            // (path, id, duplicate, record) and (file, hash, size, mtime, version), as ordinals.
            let mut articles: Vec<(u64, u64, bool, Option<u64>)> = Vec::new();
            let mut file_docs: Vec<(u64, u64, FileState)> = Vec::new();
            for doc in seg.doc_ids_alive() {
                let Some(kind) = kinds.term_ords(doc).next().and_then(kind_of) else {
                    continue;
                };
                match kind {
                    KIND_ARTICLE | KIND_DUPLICATE => {
                        let (Some(p), Some(i)) =
                            (paths.term_ords(doc).next(), ids.term_ords(doc).next())
                        else {
                            continue;
                        };
                        articles.push((p, i, kind == KIND_DUPLICATE, records.first(doc)));
                    }
                    KIND_FILE => {
                        let (Some(f), Some(h)) =
                            (files.term_ords(doc).next(), hashes.term_ords(doc).next())
                        else {
                            continue;
                        };
                        let st = FileState {
                            size: sizes.first(doc).unwrap_or(0),
                            mtime: mtimes.first(doc).unwrap_or(0),
                            hash: String::new(),
                            enrich_version: versions.first(doc).unwrap_or(0),
                        };
                        file_docs.push((f, h, st));
                    }
                    _ => {}
                }
            }
            let mut path_ords: Vec<u64> = articles.iter().map(|a| a.0).collect();
            let path_names = terms_of(&paths, &mut path_ords)?;
            let mut id_ords: Vec<u64> = articles.iter().map(|a| a.1).collect();
            let id_names = terms_of(&ids, &mut id_ords)?;
            for (p, i, duplicate, record) in articles {
                let path = term_at(&path_ords, &path_names, p)?;
                let indexed = Indexed {
                    id: term_at(&id_ords, &id_names, i)?.to_string(),
                    duplicate,
                    record,
                    repeated: false,
                };
                // A path held twice (in this segment or another) is marked, not silently
                // collapsed into one entry, so the run can repair it.
                match state.articles.entry(path.to_string()) {
                    std::collections::hash_map::Entry::Occupied(mut e) => {
                        e.get_mut().repeated = true;
                    }
                    std::collections::hash_map::Entry::Vacant(e) => {
                        e.insert(indexed);
                    }
                }
            }
            let mut file_ords: Vec<u64> = file_docs.iter().map(|f| f.0).collect();
            let file_names = terms_of(&files, &mut file_ords)?;
            let mut hash_ords: Vec<u64> = file_docs.iter().map(|f| f.1).collect();
            let hash_names = terms_of(&hashes, &mut hash_ords)?;
            for (f, h, mut st) in file_docs {
                st.hash = term_at(&hash_ords, &hash_names, h)?.to_string();
                state
                    .files
                    .insert(term_at(&file_ords, &file_names, f)?.to_string(), st);
            }
        }
        Ok(state)
    }

    /// Record a cleanly read file so the next run can skip it when its size and mtime match.
    /// `replace` says whether the index may already hold a record for it, which is deleted.
    ///
    /// Why not always delete: at the next commit a delete is looked up in the term dictionary
    /// of every segment, so its cost grows with the index, and a first run over 500,000
    /// articles issued 250,000 deletes that matched nothing.
    pub fn put_file(&mut self, file: &str, st: &FileState, replace: bool) -> Result<()> {
        let f = &self.fields;
        if replace {
            self.writer.delete_term(Term::from_field_text(f.file, file));
        }
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_FILE);
        doc.add_text(f.file, file);
        doc.add_u64(f.file_size, st.size);
        doc.add_i64(f.file_mtime, st.mtime);
        doc.add_text(f.file_hash, &st.hash);
        doc.add_u64(f.enrich_version, st.enrich_version);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Forget a file's state (it is gone, or it now has problems and must be re-read).
    pub fn delete_file(&mut self, file: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, file));
    }

    /// Record that `path` (record `record` of its file) holds the same content as the indexed
    /// article `id`.
    pub fn add_duplicate(&mut self, path: &str, record: Option<u64>, id: &str) -> Result<()> {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_DUPLICATE);
        doc.add_text(f.path, path);
        if let Some(n) = record {
            doc.add_u64(f.record, n);
        }
        doc.add_text(f.id, id);
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Add an article and one document per quote.
    pub fn add(&mut self, ea: &EnrichedArticle, near: Near) -> Result<()> {
        let f = &self.fields;
        let a = &ea.article;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.kind, KIND_ARTICLE);
        self.common(&mut doc, ea);
        doc.add_text(f.cluster, near.cluster);
        if let Some(sig) = near.signature {
            doc.add_bytes(f.minhash, &sig.to_bytes());
        }
        if let Some(n) = a.record {
            doc.add_u64(f.record, n);
        }
        doc.add_text(f.body, &a.body);
        if let Some(url) = &a.url {
            doc.add_text(f.url, url);
        }
        if let Some(source) = &a.source {
            doc.add_text(f.source, source);
        }
        for author in &a.authors {
            doc.add_text(f.authors, author);
        }
        // The language, given by the file or identified (`parse::language`), for counting and
        // filtering an archive by it.
        if let Some(lang) = &a.lang {
            doc.add_facet(f.facets, Facet::from_path(["lang", lang.as_str()]));
            // Prose in a language with its own stemmer, once more under it (schema.rs).
            if let Some((_, field)) = f.prose.iter().find(|(code, _)| *code == lang.as_str()) {
                doc.add_text(*field, &a.title);
                doc.add_text(*field, &a.body);
            }
        }
        // The file's own subject codes (Reuters topics and places, feed categories).
        for (kind, value) in &a.tags {
            doc.add_facet(
                f.facets,
                Facet::from_path(["tag", kind.as_str(), value.as_str()]),
            );
        }
        for label in Label::ALL {
            let (field, facet) = match label {
                Label::Per => (f.person, "person"),
                Label::Org => (f.org, "org"),
                Label::Loc => (f.place, "place"),
                Label::Misc => (f.misc, "misc"),
            };
            let names: BTreeSet<&str> = ea
                .enrichment
                .entities
                .iter()
                .filter(|e| e.label == label)
                .map(|e| e.canonical.as_str())
                .collect();
            for name in names {
                doc.add_text(field, name);
                doc.add_facet(f.facets, Facet::from_path([facet, name]));
                name_value(&mut doc, f, facet, name);
            }
            // Surface forms under their canonical name, so `morgue entities` can list aliases
            // and a query for any form finds the article.
            let aliases: BTreeSet<(&str, &str)> = ea
                .enrichment
                .entities
                .iter()
                .filter(|e| e.label == label && e.text != e.canonical)
                .map(|e| (e.canonical.as_str(), e.text.as_str()))
                .collect();
            for (name, alias) in aliases {
                doc.add_text(field, alias);
                doc.add_facet(f.facets, Facet::from_path(["alias", facet, name, alias]));
            }
        }
        // What this article says each person name is (a person, a work, a firm): the archive decides
        // from the votes of all its articles (`archive_names`).
        for (name, ev) in crate::enrich::name_evidence::of_article(&ea.article, &ea.enrichment) {
            for (cue, yes) in [("person", ev.person), ("work", ev.work), ("firm", ev.firm)] {
                if yes {
                    doc.add_facet(f.facets, Facet::from_path(["cue", cue, name]));
                }
            }
        }
        let speakers: BTreeSet<&str> = ea
            .enrichment
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref())
            .collect();
        // Each speaker's organisation, looked up once per article rather than once per quote.
        let mut orgs: HashMap<&str, Option<&str>> = HashMap::new();
        for s in speakers {
            doc.add_text(f.speaker, s);
            doc.add_facet(f.facets, Facet::from_path(["speaker", s]));
            name_value(&mut doc, f, "speaker", s);
            orgs.insert(s, speaker_org(ea, s));
        }
        self.writer.add_document(doc)?;

        let mut keys = super::quote_copies::Keys::new(near.cluster);
        for q in &ea.enrichment.quotes {
            let mut qd = TantivyDocument::default();
            qd.add_text(f.kind, KIND_QUOTE);
            self.common(&mut qd, ea);
            qd.add_text(f.cluster, near.cluster);
            qd.add_text(f.quote_copy, keys.next(&q.text));
            qd.add_text(f.quote, &q.text);
            qd.add_text(f.quote_kind, q.kind.as_str());
            if let Some(s) = &q.speaker {
                qd.add_text(f.speaker, s);
                qd.add_facet(f.facets, Facet::from_path(["speaker", s.as_str()]));
                name_value(&mut qd, f, "speaker", s);
                if let Some(Some(org)) = orgs.get(s.as_str()) {
                    qd.add_text(f.speaker_org, org);
                }
            }
            if let Some(cue) = &q.cue {
                qd.add_text(f.cue, cue);
            }
            if let Some(how) = q.how {
                qd.add_text(f.quote_how, how.as_str());
            }
            self.writer.add_document(qd)?;
        }
        Ok(())
    }

    /// Fields both document kinds carry: identity, title, date, section, language.
    fn common(&self, doc: &mut TantivyDocument, ea: &EnrichedArticle) {
        let (f, a) = (&self.fields, &ea.article);
        doc.add_text(f.id, &a.id);
        doc.add_text(f.path, &a.path);
        doc.add_text(f.title, &a.title);
        if let Some(d) = a.date.as_deref().and_then(to_tantivy_date) {
            doc.add_date(f.date, d);
        }
        doc.add_text(f.section, &a.section);
        if let Some(lang) = &a.lang {
            doc.add_text(f.lang, lang);
        }
        if !a.section.is_empty() {
            doc.add_facet(f.facets, Facet::from_path(["section", a.section.as_str()]));
            name_value(doc, f, "section", &a.section);
        }
    }

    /// Delete the article stored under `path` and its quotes.
    pub fn delete_path(&mut self, path: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.path, path));
    }

    /// Commit what was added so far, with a payload describing the run's progress.
    pub fn commit(&mut self, payload: &str) -> Result<()> {
        let mut prepared = self.writer.prepare_commit()?;
        prepared.set_payload(payload);
        prepared.commit()?;
        Ok(())
    }

    /// Wait for background merges so the index on disk is compact when the run ends.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

/// A name in its kind's counting column (the facet holds it too, for stored values and aliases).
fn name_value(doc: &mut TantivyDocument, f: &Fields, kind: &str, name: &str) {
    if let Some(field) = f.names.of(kind) {
        doc.add_text(field, name);
    }
}

/// The strings of the ordinals in `ords` (sorted and deduplicated in place), in that order.
fn terms_of(col: &tantivy::columnar::StrColumn, ords: &mut Vec<u64>) -> Result<Vec<String>> {
    ords.sort_unstable();
    ords.dedup();
    let mut out = Vec::with_capacity(ords.len());
    let complete = col
        .dictionary()
        .sorted_ords_to_term_cb(ords, |t| out.push(String::from_utf8_lossy(t).into_owned()))
        .map_err(backend)?;
    if !complete || out.len() != ords.len() {
        return Err(Error::Index(
            "a string column's dictionary is shorter than its ordinals".into(),
        ));
    }
    Ok(out)
}

/// The string of ordinal `ord`, from the sorted ordinals and their strings.
fn term_at<'a>(ords: &[u64], names: &'a [String], ord: u64) -> Result<&'a str> {
    ords.binary_search(&ord)
        .ok()
        .and_then(|i| names.get(i))
        .map(String::as_str)
        .ok_or_else(|| Error::Index(format!("term ordinal {ord} missing from its dictionary")))
}

/// The organisation a speaker belongs to, when the article names one right before the person
/// ("NATO Secretary General Jens Stoltenberg"): the ORG mention that ends within a few bytes of
/// one of the speaker's PER mentions.
fn speaker_org<'a>(ea: &'a EnrichedArticle, speaker: &str) -> Option<&'a str> {
    let ents = &ea.enrichment.entities;
    ents.iter()
        .filter(|p| p.label == Label::Per && p.canonical == speaker)
        .find_map(|p| {
            ents.iter()
                .filter(|o| {
                    o.label == Label::Org
                        && o.field == p.field
                        && o.end <= p.start
                        && p.start - o.end <= 40
                })
                .map(|o| o.canonical.as_str())
                .next_back()
        })
}
