//! Typed errors. A [`Rejection`] is a per-file outcome (data, not a failure of the run); an
//! [`Error`] is fatal to a command (bad arguments, unusable index).

use std::path::PathBuf;

/// Why one file (or record) did not become an article. `skipped` means "not an article"
/// (image, empty, unknown extension); `failed` means "meant to be one, but unreadable or
/// malformed". Both carry a lowercase one-line reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub kind: RejectionKind,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectionKind {
    Skipped,
    Failed,
}

impl Rejection {
    pub fn skipped(reason: impl Into<String>) -> Self {
        Rejection {
            kind: RejectionKind::Skipped,
            reason: reason.into(),
        }
    }
    pub fn failed(reason: impl Into<String>) -> Self {
        Rejection {
            kind: RejectionKind::Failed,
            reason: reason.into(),
        }
    }
}

/// Errors that stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("index at {path} is locked by another `morgue index`; wait for it to finish (the lock is released when it exits)")]
    Locked { path: PathBuf },
    #[error("cannot open the index at {path}: {reason} (build one with `morgue index --index {path} PATH...`)")]
    NoIndex { path: PathBuf, reason: String },
    #[error("index at {path} has schema version {found}, this morgue uses {expected}; re-index with `morgue index --index {path} PATH...`")]
    SchemaVersion {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("index at {path} is damaged: {files} fails its checksum (`morgue audit --index {path}` checks every file); a damaged index cannot be repaired: move it aside and index again into a new folder")]
    Damaged { path: PathBuf, files: String },
    #[error("invalid query {query:?}: {reason}")]
    Query { query: String, reason: String },
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("index error: {0}")]
    Index(String),
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        Error::Index(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
