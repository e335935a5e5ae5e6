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
///
/// Roots are normalised once, so that each file is walked once, under one path: every root is
/// canonicalised (a symlinked or relative spelling of a folder is that folder), a root given
/// twice is kept once, and a root inside another root's walk (a folder below it, reached
/// without passing a hidden entry) is folded into that ancestor, whose walk covers it with the
/// same sections it would get on its own re-run. Otherwise `index B B/business` indexed the
/// business articles twice.
pub fn resolve_roots(paths: &[PathBuf]) -> (Vec<Root>, Vec<(PathBuf, String)>) {
    let mut roots: Vec<Root> = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match p.canonicalize() {
            Ok(abs) => {
                let root = Root {
                    is_file: abs.is_file(),
                    path: abs,
                };
                if roots.iter().any(|r| covers(r, &root)) {
                    continue;
                }
                roots.retain(|r| !covers(&root, r));
                roots.push(root);
            }
            Err(e) => errors.push((p.clone(), format!("cannot read path: {e}"))),
        }
    }
    (roots, errors)
}

/// Whether walking `outer` reaches everything `inner` holds: the same path, or a path below a
/// folder root that the walk does not skip as hidden.
fn covers(outer: &Root, inner: &Root) -> bool {
    if outer.is_file {
        return outer.path == inner.path;
    }
    inner.path.strip_prefix(&outer.path).is_ok_and(|rel| {
        rel.components()
            .all(|c| !c.as_os_str().to_string_lossy().starts_with('.'))
    })
}

/// Which files a run looks at, from `--include` / `--exclude` globs (ripgrep's glob syntax,
/// via globset). A glob without `/` matches a file or folder *name* anywhere below a root
/// (`*.txt`, `drafts`); a glob with `/` matches the path relative to its root (`2016/**`,
/// `business/*.txt`), `*` staying within one folder and `**` crossing folders. A file is
/// looked at when it matches some `--include` (or none is given) and no `--exclude`; an
/// excluded folder is not entered. Matching is on the path, never on content.
///
/// The selection narrows a run the way naming fewer roots does: what it leaves out is neither
/// read nor removed from the index (an archive tool never loses articles because a filter was
/// typed), and a later run without the filter picks those files up again.
#[derive(Debug, Clone, Default)]
pub struct Select {
    include: Option<Globs>,
    exclude: Option<Globs>,
}

/// One side of a selection: globs on names and globs on relative paths.
#[derive(Debug, Clone)]
struct Globs {
    names: globset::GlobSet,
    paths: globset::GlobSet,
}

impl Globs {
    fn new(patterns: &[String], flag: &str) -> Result<Option<Globs>, String> {
        if patterns.is_empty() {
            return Ok(None);
        }
        let mut names = globset::GlobSetBuilder::new();
        let mut paths = globset::GlobSetBuilder::new();
        for p in patterns {
            let trimmed = p.trim_start_matches("./").trim_end_matches('/');
            let glob = globset::GlobBuilder::new(trimmed)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{flag} '{p}': {}", e.kind()))?;
            if trimmed.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |b: globset::GlobSetBuilder| b.build().map_err(|e| format!("{flag}: {e}"));
        Ok(Some(Globs {
            names: build(names)?,
            paths: build(paths)?,
        }))
    }

    fn matches(&self, rel: &Path) -> bool {
        rel.file_name().is_some_and(|n| self.names.is_match(n)) || self.paths.is_match(rel)
    }
}

impl Select {
    /// The selection the globs describe; an invalid glob is an error naming the flag.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Select, String> {
        Ok(Select {
            include: Globs::new(include, "--include")?,
            exclude: Globs::new(exclude, "--exclude")?,
        })
    }

    /// Whether a file, by its path relative to its root, is looked at.
    pub fn file(&self, rel: &Path) -> bool {
        self.include.as_ref().is_none_or(|g| g.matches(rel)) && !self.excluded(rel)
    }

    /// Whether an entry (file or folder), by its path relative to its root, is excluded.
    fn excluded(&self, rel: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| g.matches(rel))
    }

    /// Whether an indexed file lies within what this run looks at: under a root and selected
    /// (its folders not excluded either).
    pub fn covers(&self, file: &Path, roots: &[Root]) -> bool {
        roots.iter().any(|r| {
            if r.is_file {
                return r.path == file;
            }
            let Ok(rel) = file.strip_prefix(&r.path) else {
                return false;
            };
            let folders_ok = rel
                .ancestors()
                .skip(1)
                .filter(|a| !a.as_os_str().is_empty())
                .all(|a| !self.excluded(a));
            folders_ok && self.file(rel)
        })
    }
}

/// Walk every root, calling `emit` for each candidate in a deterministic (sorted) order.
/// `emit` returns false to stop early (the receiving side has gone away).
pub fn walk(roots: &[Root], index_dir: Option<&Path>, emit: impl FnMut(Candidate) -> bool) {
    walk_selected(roots, index_dir, &Select::default(), emit)
}

/// [`walk`] looking only at the files `select` keeps: excluded folders are not entered, and
/// files left out are not candidates (they are not part of this run). A root given as a file
/// is matched by its name.
pub fn walk_selected(
    roots: &[Root],
    index_dir: Option<&Path>,
    select: &Select,
    mut emit: impl FnMut(Candidate) -> bool,
) {
    // The index folder by identity, so that a symlink to it (or to a folder above it) under a
    // root does not lead the walk into the index's own files.
    let index_id = index_dir.and_then(|ix| std::fs::metadata(ix).ok().map(|m| file_id(&m)));
    for root in roots {
        if root.is_file {
            if !root
                .path
                .file_name()
                .is_some_and(|n| select.file(Path::new(n)))
            {
                continue;
            }
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
                let is_index = index_dir.is_some_and(|ix| e.path() == ix)
                    || (e.file_type().is_dir()
                        && index_id.is_some()
                        && e.metadata().ok().map(|m| file_id(&m)) == index_id);
                let rel = e.path().strip_prefix(&root.path).unwrap_or(e.path());
                let excluded = e.depth() > 0 && e.file_type().is_dir() && select.excluded(rel);
                !hidden && !is_index && !excluded
            });
        for entry in walker {
            let candidate = match entry {
                Ok(e) if e.file_type().is_dir() => continue,
                Ok(e) if !select.file(e.path().strip_prefix(&root.path).unwrap_or(e.path())) => {
                    continue
                }
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
                            // The ingester keeps what was indexed from under an unreadable
                            // folder; the line says so, since its files go unlisted.
                            Some(io) if path.is_dir() => format!(
                                "cannot read folder: {io}; the articles indexed from it are kept"
                            ),
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

/// A file's identity on its device (device and inode on Unix; elsewhere only the walked path
/// check applies).
#[cfg(unix)]
fn file_id(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
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

    fn root_paths(paths: &[&Path]) -> Vec<PathBuf> {
        let owned: Vec<PathBuf> = paths.iter().map(|p| p.to_path_buf()).collect();
        let (roots, errors) = resolve_roots(&owned);
        assert!(errors.is_empty(), "{errors:?}");
        roots.into_iter().map(|r| r.path).collect()
    }

    #[test]
    fn overlapping_roots_are_walked_once() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        let (a, b) = (top.join("a"), top.join("a/b"));
        std::fs::create_dir_all(&b).unwrap();
        std::fs::create_dir_all(top.join("a/.hidden")).unwrap();
        std::fs::write(b.join("1.txt"), "T\n\nBody.\n").unwrap();
        // The same root twice, and spelled with `..`: one root.
        assert_eq!(root_paths(&[&a, &a, &b.join("..")]), vec![a.clone()]);
        // A nested root is folded into its ancestor, in either order.
        assert_eq!(root_paths(&[&a, &b]), vec![a.clone()]);
        assert_eq!(root_paths(&[&b, &a]), vec![a.clone()]);
        // So is a file inside a root.
        assert_eq!(root_paths(&[&b.join("1.txt"), &a]), vec![a.clone()]);
        // A hidden folder is not walked from its parent: it stays a root of its own.
        let hidden = top.join("a/.hidden");
        assert_eq!(root_paths(&[&a, &hidden]), vec![a.clone(), hidden]);
        // Siblings stay apart, and a prefix of a name is not an ancestor.
        std::fs::create_dir_all(top.join("ab")).unwrap();
        assert_eq!(
            root_paths(&[&a, &top.join("ab")]),
            vec![a.clone(), top.join("ab")]
        );
        // Each file is walked once.
        let (roots, _) = resolve_roots(&[a.clone(), b.clone(), b.join("1.txt")]);
        let mut n = 0;
        walk(&roots, None, |_| {
            n += 1;
            true
        });
        assert_eq!(n, 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_to_the_index_folder_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        let (corpus, ix) = (top.join("corpus"), top.join("ix"));
        std::fs::create_dir_all(&corpus).unwrap();
        std::fs::create_dir_all(&ix).unwrap();
        std::fs::write(corpus.join("a.txt"), "T\n\nBody.\n").unwrap();
        std::fs::write(ix.join("meta.json"), "{}").unwrap();
        std::os::unix::fs::symlink(&ix, corpus.join("to-index")).unwrap();
        std::os::unix::fs::symlink(&top, corpus.join("to-top")).unwrap();
        let (roots, _) = resolve_roots(std::slice::from_ref(&corpus));
        let mut seen = Vec::new();
        walk(&roots, Some(&ix), |c| {
            seen.push(c.path);
            true
        });
        assert!(
            !seen.iter().any(|p| p.ends_with("meta.json")),
            "the index's files were walked: {seen:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_root_is_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join("real")).unwrap();
        std::os::unix::fs::symlink(top.join("real"), top.join("link")).unwrap();
        assert_eq!(
            root_paths(&[&top.join("link"), &top.join("real")]),
            vec![top.join("real")]
        );
    }

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
