//! Typed errors. A [`Rejection`] is a per-file outcome (data, not a failure of the run); an
//! [`Error`] is fatal to a command (bad arguments, unusable index). Errors keep their causes as
//! `source()`; [`chain`] shows them on one line.

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
    /// A filter flag whose value matches nothing the index could hold (a section it does not
    /// have); the reason suggests the nearest valid value.
    #[error("{flag}: {reason}")]
    Filter { flag: &'static str, reason: String },
    /// A file or folder that could not be read or written, for a reason worded here.
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    /// A file or folder that could not be read or written, the underlying error kept whole as
    /// this error's `source()` ([`chain`] shows `path: reason`).
    #[error("{path}")]
    File {
        path: PathBuf,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// An index that exists could not be opened; the search library's error is the source.
    #[error("{path}: cannot open the index")]
    Open {
        path: PathBuf,
        #[source]
        source: Box<Error>,
    },
    /// The worker pool of an index run could not be started (the system refused threads).
    #[error("cannot start worker threads")]
    Threads(#[source] rayon::ThreadPoolBuildError),
    #[error("index error: {0}")]
    Index(String),
    /// An error of the search library, kept whole as this error's `source()` (its text is
    /// shown after "index error: " by [`chain`]); the conversion lives in `index/`, the only
    /// module that knows that library.
    #[error("index error")]
    Backend {
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// An error and its sources on one line, `outer: inner: innermost`, as `anyhow` shows them
/// with `{:#}`.
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(inner) = source {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        source = inner.source();
    }
    s
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
