//! The only module that touches tantivy. `schema` declares the fields, `writer` adds and deletes
//! documents (one writer per index, guarded by tantivy's lock), `reader` runs queries.
//! An index folder holds tantivy's files plus `morgue.json` with the schema version.

mod facets;
pub mod reader;
pub mod schema;
pub mod stem;
pub mod writer;

use std::path::{Path, PathBuf};

use std::collections::HashMap;

use tantivy::directory::MmapDirectory;
use tantivy::schema::Facet;
use tantivy::Index;

use crate::archive_names::{KindCounts, NameTable};
use crate::error::{Error, Result};
use schema::{Fields, SCHEMA_VERSION};

const VERSION_FILE: &str = "morgue.json";
/// The archive-wide name table, rebuilt after every index run.
const NAMES_FILE: &str = "names.json";

/// An opened index with its field handles.
pub struct Archive {
    pub(crate) index: Index,
    pub(crate) fields: Fields,
    pub dir: PathBuf,
}

impl Archive {
    /// Open an existing index for reading.
    pub fn open(dir: &Path) -> Result<Archive> {
        if !dir.join(VERSION_FILE).is_file() {
            return Err(Error::NoIndex {
                path: dir.to_path_buf(),
                reason: "no morgue index there".into(),
            });
        }
        check_version(dir)?;
        let index = Index::open_in_dir(dir).map_err(|e| Error::NoIndex {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        Self::wrap(index, dir)
    }

    /// Open an index for writing, creating it (and its folder) when absent.
    pub fn open_or_create(dir: &Path) -> Result<Archive> {
        let io = |e: std::io::Error| Error::Io {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        };
        if dir.join(VERSION_FILE).is_file() {
            check_version(dir)?;
        } else if dir.exists() && std::fs::read_dir(dir).map_err(io)?.next().is_some() {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                reason:
                    "folder exists, is not empty and is not a morgue index; choose another --index"
                        .into(),
            });
        }
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, _) = schema::build();
        let mmap = MmapDirectory::open(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let index = Index::open_or_create(mmap, schema)?;
        std::fs::write(
            dir.join(VERSION_FILE),
            format!("{{\"schema_version\":{SCHEMA_VERSION}}}\n"),
        )
        .map_err(io)?;
        Self::wrap(index, dir)
    }

    /// The archive-wide name table (empty when the index has none yet).
    pub fn names(&self) -> NameTable {
        std::fs::read_to_string(self.dir.join(NAMES_FILE))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Recompute the archive-wide name table from the committed index and store it beside it.
    pub fn rebuild_names(&self) -> Result<NameTable> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        // Person and organisation facets are on article documents only, so counting live
        // documents per facet counts articles.
        let mut by_kind: HashMap<String, KindCounts> = HashMap::new();
        for kind in ["person", "org"] {
            let entry = by_kind.entry(kind.to_string()).or_default();
            let count =
                |root: Facet| facets::live_facet_counts(&searcher, self.fields.facets, &root);
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
        let facets = self.fields.facets;
        let co_mentioned = |a: &str, b: &str| {
            let term = |name: &str| {
                let q: Box<dyn tantivy::query::Query> = Box::new(tantivy::query::TermQuery::new(
                    tantivy::Term::from_facet(facets, &Facet::from_path(["org", name])),
                    tantivy::schema::IndexRecordOption::Basic,
                ));
                (tantivy::query::Occur::Must, q)
            };
            let both = tantivy::query::BooleanQuery::new(vec![term(a), term(b)]);
            searcher
                .search(&both, &tantivy::collector::Count)
                .is_ok_and(|n| n > 0)
        };
        let table = NameTable::build(&by_kind, co_mentioned);
        let tmp = self.dir.join(format!("{NAMES_FILE}.tmp"));
        let io = |e: std::io::Error| Error::Io {
            path: self.dir.join(NAMES_FILE),
            reason: e.to_string(),
        };
        let json = serde_json::to_string(&table).map_err(|e| Error::Index(e.to_string()))?;
        // Write then rename, so a reader never sees half a table.
        std::fs::write(&tmp, json).map_err(io)?;
        std::fs::rename(&tmp, self.dir.join(NAMES_FILE)).map_err(io)?;
        Ok(table)
    }

    fn wrap(index: Index, dir: &Path) -> Result<Archive> {
        schema::register_tokenizers(&index);
        let fields = schema::fields_of(&index.schema()).map_err(Error::Index)?;
        Ok(Archive {
            index,
            fields,
            dir: dir.to_path_buf(),
        })
    }
}

fn check_version(dir: &Path) -> Result<()> {
    let raw = std::fs::read_to_string(dir.join(VERSION_FILE)).unwrap_or_default();
    let found = serde_json::from_str::<serde_json::Value>(&raw)
        .ok()
        .and_then(|v| v.get("schema_version")?.as_u64())
        .unwrap_or(0) as u32;
    if found != SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            path: dir.to_path_buf(),
            found,
            expected: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Parse a normalised article date (`YYYY-MM-DD` or RFC 3339) into tantivy's date type.
pub(crate) fn to_tantivy_date(date: &str) -> Option<tantivy::DateTime> {
    let secs = if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(date) {
        dt.timestamp()
    } else {
        let d = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        d.and_hms_opt(0, 0, 0)?.and_utc().timestamp()
    };
    Some(tantivy::DateTime::from_timestamp_secs(secs))
}
