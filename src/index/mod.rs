//! The only module that touches tantivy. `schema` declares the fields, `writer` adds and deletes
//! documents (one writer per index, guarded by tantivy's lock), `reader` runs queries
//! (quote requests in `quotes`, entity listings in `entities`, both re-exported by `reader`).
//! An index folder holds tantivy's files plus `morgue.json` with the schema version.

pub mod aggregate;
mod article_quotes;
pub mod browse;
pub mod clusters;
pub mod collapse;
mod entities;
mod errors;
pub mod export;
mod facets;
mod filters;
pub mod guard;
mod merges;
mod name_ids;
mod query;
mod quote_copies;
mod quotes;
pub mod reader;
pub mod schema;
pub mod shards;
mod snippets;
pub mod stem;
pub mod writer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use std::collections::HashMap;

use tantivy::directory::MmapDirectory;
use tantivy::schema::Facet;
use tantivy::{Index, IndexReader, Searcher};

use crate::archive_names::{KindCounts, NameTable};
use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION};

const VERSION_FILE: &str = "morgue.json";

/// Whether `dir` holds a morgue index (its version file), without opening it.
pub fn holds_index(dir: &Path) -> bool {
    dir.join(VERSION_FILE).is_file()
}
/// The archive-wide name table, rebuilt after every index run.
const NAMES_FILE: &str = "names.json";

/// An opened index with its field handles.
pub struct Archive {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub dir: PathBuf,
    /// One reader for the archive's lifetime, made on first use: opening a reader maps every
    /// segment, which a long-lived `morgue serve` must not pay per request. tantivy reloads it
    /// when a writer commits (its default policy watches `meta.json`).
    reader: OnceLock<IndexReader>,
    /// The name table as last read, with the modification time and size of `names.json` it
    /// was read at, so it is parsed again only when an index run rewrote it.
    names: Mutex<Option<(NamesStamp, Arc<NameTable>)>>,
    /// The set of shards this index is searched with as one (`shards`): its name table is
    /// used instead of this index's own, and filters look names and sections up in them all.
    pub(crate) set: OnceLock<ShardSet>,
}

/// What the shards searched as one share (see [`Archive::set`]).
pub(crate) struct ShardSet {
    pub(crate) names: Arc<NameTable>,
    /// A reader of every shard, this one included.
    pub(crate) readers: Vec<IndexReader>,
}

type NamesStamp = Option<(SystemTime, u64)>;

impl Archive {
    /// Open an existing index for reading.
    pub fn open(dir: &Path) -> Result<Archive> {
        match std::fs::metadata(dir.join(VERSION_FILE)) {
            Ok(m) if m.is_file() => {}
            // A folder this user may not read is an index that exists: say so, rather than
            // send them to build one.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Err(Error::Io {
                    path: dir.to_path_buf(),
                    reason: format!("cannot read the index folder: {e}"),
                })
            }
            _ => {
                return Err(Error::NoIndex {
                    path: dir.to_path_buf(),
                    reason: "no morgue index there".into(),
                })
            }
        }
        check_version(dir)?;
        if !dir.join("meta.json").exists() {
            // `morgue.json` is written before tantivy's files (see `open_or_create`): a run
            // killed in between leaves an index that was never committed to. Nothing is lost;
            // the next `morgue index` creates the rest.
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
                reason:
                    "its creation was cut short before the first commit; run `morgue index` again"
                        .into(),
            });
        }
        let index = Index::open_in_dir(dir).map_err(|e| match Error::from(e) {
            // The version file is there, so this is an index: its files are unreadable or
            // damaged, or its creation was cut short before tantivy wrote them.
            Error::Index(reason) if reason.contains("Permission denied") => Error::Io {
                path: dir.to_path_buf(),
                reason: "cannot read the index's files: Permission denied".into(),
            },
            Error::Index(reason) => Error::Io {
                path: dir.to_path_buf(),
                reason: format!("cannot open the index: {reason}"),
            },
            e @ Error::Backend { .. } => Error::Open {
                path: dir.to_path_buf(),
                source: Box::new(e),
            },
            other => other,
        })?;
        Self::wrap(index, dir)
    }

    /// Open an index for writing, creating it (and its folder) when absent.
    pub fn open_or_create(dir: &Path) -> Result<Archive> {
        let io = |e: std::io::Error| Error::File {
            path: dir.to_path_buf(),
            source: Box::new(e),
        };
        if dir.join(VERSION_FILE).is_file() {
            check_version(dir)?;
        } else {
            if dir.exists() && std::fs::read_dir(dir).map_err(io)?.next().is_some() {
                return Err(Error::Io {
                    path: dir.to_path_buf(),
                    reason:
                        "folder exists, is not empty and is not a morgue index; choose another --index"
                            .into(),
                });
            }
            std::fs::create_dir_all(dir).map_err(io)?;
            // Written once, when the index is created, and before tantivy's files: a run never
            // rewrites it (a reader that met it half-written was told to re-index a healthy
            // index), and an index whose creation was cut short still says what it is.
            write_atomically(
                &dir.join(VERSION_FILE),
                format!("{{\"schema_version\":{SCHEMA_VERSION}}}\n").as_bytes(),
            )?;
        }
        let (schema, _) = schema::build();
        let mmap = MmapDirectory::open(dir).map_err(|e| Error::File {
            path: dir.to_path_buf(),
            source: Box::new(e),
        })?;
        let index = Index::open_or_create(mmap, schema)?;
        Self::wrap(index, dir)
    }

    /// The archive-wide name table (empty when the index has none yet).
    pub fn names(&self) -> Arc<NameTable> {
        if let Some(set) = self.set.get() {
            return Arc::clone(&set.names);
        }
        let path = self.dir.join(NAMES_FILE);
        // The table is parsed again only when `names.json` changed (it is replaced by a
        // rename after each index run), so a long-lived reader such as `morgue serve` does
        // not parse it per query.
        let stamp = std::fs::metadata(&path)
            .ok()
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        if stamp.is_none() {
            // No table yet (an index run has not finished): nothing to read or retry.
            return Arc::new(NameTable::default());
        }
        let mut cached = self.names.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, table)) = cached.as_ref() {
            if *at == stamp {
                return Arc::clone(table);
            }
        }
        let read = || -> Option<NameTable> {
            std::fs::read_to_string(&path)
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
        };
        // The file is replaced by a rename, never rewritten in place; a read that still failed
        // (a replace on a file system without atomic rename) is tried once more.
        let table = read().or_else(|| {
            std::thread::sleep(RETRY_AFTER);
            read()
        });
        match table {
            Some(t) => {
                let t = Arc::new(t);
                *cached = Some((stamp, Arc::clone(&t)));
                t
            }
            None => Arc::new(NameTable::default()),
        }
    }

    /// A searcher over the latest commit the shared reader has picked up.
    pub(crate) fn searcher(&self) -> Result<Searcher> {
        Ok(self.reader()?.searcher())
    }

    /// The archive's one reader.
    pub(crate) fn reader(&self) -> Result<&IndexReader> {
        if let Some(r) = self.reader.get() {
            return Ok(r);
        }
        let reader = self.index.reader()?;
        Ok(self.reader.get_or_init(|| reader))
    }

    /// Searchers of every index this one is searched with as one (just `own` alone), for the
    /// look-ups whose answer is the whole set's: which names and sections exist.
    pub(crate) fn set_searchers(&self, own: &Searcher) -> Vec<Searcher> {
        match self.set.get() {
            Some(set) => set.readers.iter().map(IndexReader::searcher).collect(),
            None => vec![own.clone()],
        }
    }

    /// Recompute the archive-wide name table from the committed index and store it beside it.
    pub fn rebuild_names(&self) -> Result<NameTable> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let by_kind = self.name_counts(&[&searcher])?;
        let table = NameTable::build(&by_kind, |kind, a, b| {
            self.co_mentioned(&searcher, kind, a, b)
        });
        let json = serde_json::to_string(&table).map_err(|e| Error::File {
            path: self.dir.join(NAMES_FILE),
            source: Box::new(e),
        })?;
        write_atomically(&self.dir.join(NAMES_FILE), json.as_bytes())?;
        Ok(table)
    }

    /// What the name table is built from: each kind's names, aliases and (persons) cues with
    /// the number of live articles carrying them.
    /// `searchers` are this index's, or those of a set of shards searched as one (their
    /// counts summed per facet, in facet order, as one index of them all would give them).
    pub(crate) fn name_counts(
        &self,
        searchers: &[&Searcher],
    ) -> Result<HashMap<String, KindCounts>> {
        let count = |root: Facet| -> Result<Vec<(Facet, u64)>> {
            if let [one] = searchers {
                return Ok(facets::live_facet_counts(one, self.fields.facets, &root)?);
            }
            let mut sum: std::collections::BTreeMap<Facet, u64> = Default::default();
            for searcher in searchers {
                for (facet, n) in facets::live_facet_counts(searcher, self.fields.facets, &root)? {
                    *sum.entry(facet).or_default() += n;
                }
            }
            Ok(sum.into_iter().collect())
        };
        // Person and organisation facets are on article documents only, so counting live
        // documents per facet counts articles.
        let mut by_kind: HashMap<String, KindCounts> = HashMap::new();
        // Places and misc names are counted too: a name's kind is the majority over them all.
        for kind in ["person", "org", "place", "misc"] {
            let entry = by_kind.entry(kind.to_string()).or_default();
            for (facet, n) in count(Facet::from_path([kind]))? {
                if let [_, name] = facet.to_path().as_slice() {
                    entry.names.push((name.to_string(), n));
                }
            }
            // Aliases sit two levels down: /alias/KIND/CANONICAL/ALIAS.
            for (facet, n) in count(Facet::from_path(["alias", kind]))? {
                if let [_, _, canonical, alias] = facet.to_path().as_slice() {
                    entry
                        .aliases
                        .push((canonical.to_string(), alias.to_string(), n));
                }
            }
        }
        // Per-article evidence of what a person name stands for (`/cue/person|work/NAME`).
        if let Some(people) = by_kind.get_mut("person") {
            for (facet, n) in count(Facet::from_path(["cue"]))? {
                if let [_, cue, name] = facet.to_path().as_slice() {
                    people.cues.push((cue.to_string(), name.to_string(), n));
                }
            }
        }
        Ok(by_kind)
    }

    /// Whether some article names both `a` and `b` as names of `kind`.
    pub(crate) fn co_mentioned(&self, searcher: &Searcher, kind: &str, a: &str, b: &str) -> bool {
        let facets = self.fields.facets;
        let term = |name: &str| {
            let q: Box<dyn tantivy::query::Query> = Box::new(tantivy::query::TermQuery::new(
                tantivy::Term::from_facet(facets, &Facet::from_path([kind, name])),
                tantivy::schema::IndexRecordOption::Basic,
            ));
            (tantivy::query::Occur::Must, q)
        };
        let both = tantivy::query::BooleanQuery::new(vec![term(a), term(b)]);
        searcher
            .search(&both, &tantivy::collector::Count)
            .is_ok_and(|n| n > 0)
    }

    /// The index's files that fail their checksum (reads every file: for `morgue audit` and
    /// after a failure).
    pub fn damaged_files(&self) -> Vec<String> {
        guard::damaged_files(&self.index, &self.dir)
    }

    /// Run a call into tantivy on this index: a panic or a damaged file becomes one error line
    /// naming the file (see [`guard`]).
    pub fn guard<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        guard::guarded(&self.index, &self.dir, f)
    }

    fn wrap(index: Index, dir: &Path) -> Result<Archive> {
        schema::register_tokenizers(&index);
        let fields = schema::fields_of(&index.schema()).map_err(Error::Index)?;
        Ok(Archive {
            index,
            fields,
            dir: dir.to_path_buf(),
            reader: OnceLock::new(),
            names: Mutex::new(None),
            set: OnceLock::new(),
        })
    }
}

/// How long a reader waits before its one retry of a metadata file.
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_millis(50);

/// Replace `path` with `bytes` through a temporary file in the same folder and a rename, so a
/// reader sees the old file or the new one, never a part. The temporary name carries the
/// process id, so two processes never write into the same temporary file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let io = |e: std::io::Error| Error::File {
        path: path.to_path_buf(),
        source: Box::new(e),
    };
    std::fs::write(&tmp, bytes).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// The schema version in `morgue.json`; a file that cannot be read or parsed is read once more
/// (an index created by an older morgue rewrote it in place at every run), and if it still
/// fails, the error names the file rather than asking for a re-index.
fn read_version(dir: &Path) -> Result<u32> {
    let path = dir.join(VERSION_FILE);
    let read = || -> std::result::Result<u32, String> {
        let raw = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let value: serde_json::Value =
            serde_json::from_str(&raw).map_err(|e| format!("not valid JSON ({e})"))?;
        value
            .get("schema_version")
            .and_then(|v| v.as_u64())
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| "no schema_version in it".to_string())
    };
    read()
        .or_else(|_| {
            std::thread::sleep(RETRY_AFTER);
            read()
        })
        .map_err(|reason| Error::Io {
            path,
            reason: format!(
                "cannot read the index's version file: {reason}; the index's own files are \
                 not affected: if it was made by this morgue, write {{\"schema_version\":\
                 {SCHEMA_VERSION}}} into it"
            ),
        })
}

fn check_version(dir: &Path) -> Result<()> {
    let found = read_version(dir)?;
    if found != SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            path: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Parse a normalised article date (`YYYY-MM-DD` or RFC 3339) into tantivy's date type;
/// `None` outside the range it holds (see `parse::date::YEARS`), which would wrap around.
pub(crate) fn to_tantivy_date(date: &str) -> Option<tantivy::DateTime> {
    let secs = date_secs(date)?;
    (MIN_DATE_SECS..=MAX_DATE_SECS)
        .contains(&secs)
        .then(|| tantivy::DateTime::from_timestamp_secs(secs))
}

/// Seconds since 1970 of a normalised date, for any year chrono reads.
pub(crate) fn date_secs(date: &str) -> Option<i64> {
    Some(if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(date) {
        dt.timestamp()
    } else {
        let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        d.and_hms_opt(0, 0, 0)?.and_utc().timestamp()
    })
}

/// The whole seconds tantivy's date (i64 nanoseconds) holds without wrapping.
pub(crate) const MIN_DATE_SECS: i64 = i64::MIN / 1_000_000_000 + 1;
pub(crate) const MAX_DATE_SECS: i64 = i64::MAX / 1_000_000_000 - 1;

#[cfg(test)]
mod tests {
    use super::*;

    /// An index that cannot be created names its folder and keeps the I/O error as its source,
    /// so a caller can still ask what kind of failure it was.
    #[test]
    fn a_folder_that_cannot_be_made_keeps_its_io_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("plain-file");
        std::fs::write(&file, "not a folder").unwrap();
        let Err(e) = Archive::open_or_create(&file.join("ix")) else {
            panic!("an index under a file was created");
        };
        let source = std::error::Error::source(&e).expect("the I/O error is kept");
        assert!(
            source.downcast_ref::<std::io::Error>().is_some(),
            "{source:?}"
        );
        let line = crate::error::chain(&e);
        assert!(
            line.starts_with(&file.join("ix").display().to_string()),
            "{line}"
        );
        assert!(
            line.len() > file.join("ix").display().to_string().len() + 2,
            "{line}"
        );
    }

    /// Readers opening the index while writers open it (as `search` does during `morgue index`)
    /// never meet a half-written version file and are never told to re-index: it used to be
    /// rewritten in place by every run, and a reader met it empty about 4% of the time.
    #[test]
    fn readers_never_meet_a_half_written_version_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ix");
        drop(Archive::open_or_create(&dir).unwrap());
        let stop = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                for _ in 0..200 {
                    drop(Archive::open_or_create(&dir).unwrap());
                }
                stop.store(true, std::sync::atomic::Ordering::Relaxed);
            });
            let mut opened = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || opened == 0 {
                if let Err(e) = Archive::open(&dir) {
                    panic!("after {opened} opens: {e}");
                }
                opened += 1;
            }
        });
    }

    #[test]
    fn a_damaged_version_file_is_named_not_a_reason_to_reindex() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ix");
        drop(Archive::open_or_create(&dir).unwrap());
        std::fs::write(dir.join(VERSION_FILE), "{\"schema_ver").unwrap();
        let msg = Archive::open(&dir).err().unwrap().to_string();
        assert!(msg.contains("morgue.json"), "{msg}");
        assert!(msg.contains("not valid JSON"), "{msg}");
        assert!(!msg.contains("re-index"), "{msg}");
        // No temporary files are left behind by the writes that succeeded.
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    }
}
