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
    /// A filter flag whose value matches nothing the index could hold (a section it does not
    /// have); the reason suggests the nearest valid value.
    #[error("{flag}: {reason}")]
    Filter { flag: &'static str, reason: String },
    #[error("{path}: {reason}")]
    Io { path: PathBuf, reason: String },
    #[error("index error: {0}")]
    Index(String),
}

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Self {
        // tantivy words I/O errors in its Debug notation; the ones a user can act on are said
        // plainly, as the system says them.
        match io_kind(&e) {
            Some(std::io::ErrorKind::StorageFull) => {
                Error::Index("cannot write the index: No space left on device".into())
            }
            Some(std::io::ErrorKind::PermissionDenied) => Error::Index(
                "cannot read or write the index: Permission denied (it belongs to another user, \
                 or is read-only)"
                    .into(),
            ),
            Some(std::io::ErrorKind::ReadOnlyFilesystem) => {
                Error::Index("cannot write the index: Read-only file system".into())
            }
            Some(std::io::ErrorKind::QuotaExceeded) => {
                Error::Index("cannot write the index: Disk quota exceeded".into())
            }
            _ => Error::Index(crate::extract::one_line(&e.to_string())),
        }
    }
}

/// The kind of the I/O error inside a tantivy error, when there is one.
fn io_kind(e: &tantivy::TantivyError) -> Option<std::io::ErrorKind> {
    use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
    match e {
        tantivy::TantivyError::IoError(io) => Some(io.kind()),
        tantivy::TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
            Some(io_error.kind())
        }
        tantivy::TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => {
            Some(io_error.kind())
        }
        tantivy::TantivyError::LockFailure(LockError::IoError(io), _) => Some(io.kind()),
        _ => {
            // Other variants carry their cause as text only.
            let text = e.to_string();
            [
                ("os error 28", std::io::ErrorKind::StorageFull),
                ("os error 13", std::io::ErrorKind::PermissionDenied),
                ("os error 30", std::io::ErrorKind::ReadOnlyFilesystem),
                ("os error 122", std::io::ErrorKind::QuotaExceeded),
            ]
            .into_iter()
            .find(|(code, _)| text.contains(code))
            .map(|(_, kind)| kind)
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_says_so() {
        let full = std::io::Error::from_raw_os_error(28);
        let e = Error::from(tantivy::TantivyError::from(full));
        assert!(e.to_string().contains("No space left on device"), "{e}");
        let e = Error::from(tantivy::TantivyError::InternalError(
            "commit failed: Os { code: 28, kind: StorageFull } (os error 28)".into(),
        ));
        assert!(e.to_string().contains("No space left on device"), "{e}");
    }
}
