//! Paths → candidate files, without reading content. Follows symlinks (walkdir detects loops
//! and reports them), never descends into the index's own folder, skips hidden entries (`.git`,
//! editor backups), and turns anything that is not a regular file (FIFO, socket, device) into a
//! candidate carrying its rejection so it is still counted.

use std::path::{Path, PathBuf};

use crate::error::Rejection;

/// One file the walker found.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Absolute path (the root canonicalised, joined with the walked relative path), so the same
    /// file keeps one identity whatever folder `morgue index` is run from.
    pub path: PathBuf,
    /// Folder relative to the walked root, with `/` separators ("business", "2016/politics").
    pub section: String,
    pub size: u64,
    /// Set when the walker already knows the file cannot be read as an article.
    pub rejection: Option<Rejection>,
}

/// A root as given on the command line, resolved.
#[derive(Debug, Clone)]
pub struct Root {
    pub path: PathBuf,
    pub is_file: bool,
}

/// Resolve roots: each must exist. Returns the roots and one error line per missing root.
pub fn resolve_roots(paths: &[PathBuf]) -> (Vec<Root>, Vec<(PathBuf, String)>) {
    let mut roots = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match p.canonicalize() {
            Ok(abs) => {
                let is_file = abs.is_file();
                roots.push(Root { path: abs, is_file });
            }
            Err(e) => errors.push((p.clone(), format!("cannot read path: {e}"))),
        }
    }
    (roots, errors)
}

/// Walk every root, calling `emit` for each candidate in a deterministic (sorted) order.
/// `emit` returns false to stop early (the receiving side has gone away).
pub fn walk(roots: &[Root], index_dir: Option<&Path>, mut emit: impl FnMut(Candidate) -> bool) {
    for root in roots {
        if root.is_file {
            let size = std::fs::metadata(&root.path).map(|m| m.len()).unwrap_or(0);
            if !emit(Candidate {
                path: root.path.clone(),
                section: String::new(),
                size,
                rejection: None,
            }) {
                return;
            }
            continue;
        }
        let walker = walkdir::WalkDir::new(&root.path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
                let is_index = index_dir.is_some_and(|ix| e.path() == ix);
                !hidden && !is_index
            });
        for entry in walker {
            let candidate = match entry {
                Ok(e) if e.file_type().is_dir() => continue,
                Ok(e) => {
                    let path = e.path().to_path_buf();
                    let section = section_of(&root.path, &path);
                    let meta = e.metadata();
                    let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
                    let rejection = if e.file_type().is_file() {
                        None
                    } else {
                        Some(Rejection::skipped(
                            "not a regular file (FIFO, socket or device)",
                        ))
                    };
                    Candidate {
                        path,
                        section,
                        size,
                        rejection,
                    }
                }
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.path.clone());
                    let reason = if err.loop_ancestor().is_some() {
                        "symlink loop: the link points back into a folder above it".to_string()
                    } else {
                        match err.io_error() {
                            Some(io)
                                if io.kind() == std::io::ErrorKind::NotFound
                                    && path.is_symlink() =>
                            {
                                "broken symlink: its target does not exist".to_string()
                            }
                            Some(io) => format!("cannot read: {io}"),
                            // walkdir's errors are I/O or loops; should another kind appear,
                            // its message names the path, which the report line shows already.
                            None => "cannot read this entry".to_string(),
                        }
                    };
                    Candidate {
                        section: section_of(&root.path, &path),
                        path,
                        size: 0,
                        rejection: Some(Rejection::failed(reason)),
                    }
                }
            };
            if !emit(candidate) {
                return;
            }
        }
    }
}

fn section_of(root: &Path, file: &Path) -> String {
    let Ok(rel) = file.strip_prefix(root) else {
        return String::new();
    };
    let Some(parent) = rel.parent() else {
        return String::new();
    };
    parent
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_is_the_folder_below_the_root() {
        assert_eq!(
            section_of(Path::new("/a"), Path::new("/a/politics/1.txt")),
            "politics"
        );
        assert_eq!(
            section_of(Path::new("/a"), Path::new("/a/x/y/1.txt")),
            "x/y"
        );
        assert_eq!(section_of(Path::new("/a"), Path::new("/a/1.txt")), "");
    }
}
