//! The conversion of the search library's errors into morgue's [`Error`]: what a user can act
//! on (a full disk, a permission, a read-only file system) is said plainly; anything else is
//! kept whole as the error's source. Here rather than in `error.rs` because only `index/`
//! knows tantivy.

use crate::error::Error;

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
            _ => Error::Backend {
                source: Box::new(e),
            },
        }
    }
}

/// An I/O error of the search library's readers (a dictionary's `ord_to_str`, a postings
/// read), kept whole as the error's source.
pub(super) fn backend(e: std::io::Error) -> Error {
    Error::Backend {
        source: Box::new(e),
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

#[cfg(test)]
mod tests {
    use crate::error::{chain, Error};

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

    #[test]
    fn other_errors_keep_their_source() {
        let e = Error::from(tantivy::TantivyError::InvalidArgument("bad thing".into()));
        let source = std::error::Error::source(&e).expect("a source");
        assert!(source.to_string().contains("bad thing"), "{source}");
        assert!(chain(&e).starts_with("index error: "), "{}", chain(&e));
        assert!(chain(&e).contains("bad thing"));
    }
}
