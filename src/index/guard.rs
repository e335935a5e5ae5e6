//! The index boundary: a damaged index is an error, never a panic. tantivy trusts its files,
//! and flipped bytes in a term dictionary or a fast column make it panic (tantivy-fst,
//! tantivy-sstable, ownedbytes) or return an error in its own Debug notation. Every call into
//! tantivy that reads or writes an index runs through [`guarded`], which catches such a panic,
//! checks the index's files against their checksums, and turns both into one line naming the
//! damaged file.
//!
//! A panic inside the guard is not printed by the panic hook (its message becomes part of the
//! error instead); nor is one in tantivy's own indexing and merge threads, whose failure reaches
//! the writer as an error. Every other panic is printed as before.

use std::any::Any;
use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Mutex, Once};

use tantivy::Index;

use crate::error::{Error, Result};

thread_local! {
    /// How many guards this thread is inside.
    static INSIDE: Cell<usize> = const { Cell::new(0) };
}

/// The last panic message of one of tantivy's own threads, to explain the writer's error.
static BACKGROUND_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Run `f`, a call into tantivy on the index at `index`/`dir`. A panic, or a tantivy error, is
/// returned as [`Error::Damaged`] when the index's files fail their checksums, and otherwise
/// as one line with the panic's message.
pub fn guarded<T>(index: &Index, dir: &Path, f: impl FnOnce() -> Result<T>) -> Result<T> {
    install_hook();
    INSIDE.with(|n| n.set(n.get() + 1));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    INSIDE.with(|n| n.set(n.get() - 1));
    match outcome {
        Ok(Err(Error::Index(reason))) => Err(diagnose(index, dir, reason)),
        Ok(Err(e @ Error::Backend { .. })) => {
            // Damaged files or a background panic explain it better; otherwise the error is
            // kept with its source.
            let text = crate::error::chain(&e);
            let plain = crate::extract::one_line(&text);
            Err(match diagnose(index, dir, text) {
                Error::Index(reason) if reason == plain => e,
                other => other,
            })
        }
        Ok(other) => other,
        Err(payload) => Err(diagnose(
            index,
            dir,
            format!("tantivy stopped: {}", message(payload.as_ref())),
        )),
    }
}

/// Name the damaged files, if a checksum says which (tantivy's own words add nothing then);
/// otherwise keep the reason, on one line.
fn diagnose(index: &Index, dir: &Path, reason: String) -> Error {
    let background = BACKGROUND_PANIC.lock().ok().and_then(|mut p| p.take());
    let damaged = damaged_files(index, dir);
    if !damaged.is_empty() {
        return Error::Damaged {
            path: dir.to_path_buf(),
            files: damaged.join(", "),
        };
    }
    let reason = match background {
        Some(background) => format!("{reason} ({background})"),
        None => reason,
    };
    Error::Index(crate::extract::one_line(&reason))
}

/// The index's live files whose content does not match the checksum in their footer (or whose
/// footer cannot be read), sorted. Reads every file of the index, so it runs only after a
/// failure.
pub fn damaged_files(index: &Index, dir: &Path) -> Vec<String> {
    let Ok(files) = panic::catch_unwind(AssertUnwindSafe(|| {
        let Ok(metas) = index.load_metas() else {
            return vec!["meta.json".to_string()];
        };
        let mut out: Vec<String> = metas
            .list_segment_files()
            .into_iter()
            .filter(|f| dir.join(f).exists())
            .filter(|f| !matches!(index.directory().validate_checksum(f), Ok(true)))
            .map(|f| f.to_string_lossy().into_owned())
            .collect();
        out.sort();
        out
    })) else {
        return Vec::new();
    };
    files
}

fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Wrap the process's panic hook once: quiet inside a guard and in tantivy's threads, the
/// previous hook everywhere else.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if INSIDE.with(Cell::get) > 0 {
                return;
            }
            let name = std::thread::current().name().unwrap_or("").to_string();
            let tantivy_thread = ["thrd-tantivy", "merge_thread", "segment_updater"]
                .iter()
                .any(|prefix| name.starts_with(prefix));
            if tantivy_thread {
                if let Ok(mut p) = BACKGROUND_PANIC.lock() {
                    *p = Some(format!("{name}: {}", message(info.payload())));
                }
                return;
            }
            previous(info);
        }));
    });
}

#[cfg(test)]
mod tests {
    use crate::error::Error;
    use crate::index::reader::{self, EntityKind, EntityRequest, SearchRequest};
    use crate::index::Archive;
    use crate::ingest::{run, IngestConfig, Quiet};

    /// Flip `n` bits of `path` at positions drawn from `seed` (xorshift; no dependency).
    fn flip(path: &std::path::Path, seed: u64, n: usize) {
        let mut bytes = std::fs::read(path).unwrap();
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        for _ in 0..n {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let i = (x % bytes.len() as u64) as usize;
            bytes[i] ^= 1 << (x >> 61);
        }
        std::fs::write(path, bytes).unwrap();
    }

    fn one_line_error<T>(what: &str, r: crate::error::Result<T>) -> Option<Error> {
        match r {
            Ok(_) => None,
            Err(e) => {
                let line = e.to_string();
                assert!(!line.contains('\n'), "{what}: {line}");
                Some(e)
            }
        }
    }

    /// Twenty flipped bits in a term dictionary or fast-field file made tantivy panic (11 of
    /// 12 seeds in `morgue index`); now every command ends with one error line, and the
    /// damaged file is named.
    #[test]
    fn a_damaged_index_is_an_error_naming_the_file_not_a_panic() {
        let tmp = tempfile::tempdir().unwrap();
        let corpus = tmp.path().join("corpus");
        std::fs::create_dir_all(&corpus).unwrap();
        for n in 0..8 {
            let text = format!(
                "Story {n} on NATO\n\nJens Stoltenberg said the alliance met in Brussels {n}."
            );
            std::fs::write(corpus.join(format!("{n}.txt")), text).unwrap();
        }
        let clean = tmp.path().join("clean");
        let config = |ix: &std::path::Path| IngestConfig {
            index_dir: ix.to_path_buf(),
            paths: vec![corpus.clone()],
            threads: 1,
            limits: Default::default(),
            parse_limits: Default::default(),
            enrich: false,
            commit_every: 1000,
            select: Default::default(),
        };
        run(&config(&clean), &Quiet).unwrap();
        let mut named = 0;
        for ext in ["term", "fast"] {
            for seed in 1..=6u64 {
                let ix = tmp.path().join(format!("ix-{ext}-{seed}"));
                std::fs::create_dir_all(&ix).unwrap();
                for e in std::fs::read_dir(&clean).unwrap() {
                    let e = e.unwrap();
                    std::fs::copy(e.path(), ix.join(e.file_name())).unwrap();
                }
                let file = std::fs::read_dir(&ix)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .find(|p| p.extension().is_some_and(|x| x == ext))
                    .unwrap();
                flip(&file, seed, 20);
                let mut errors = Vec::new();
                if let Ok(archive) = Archive::open(&ix) {
                    let req = SearchRequest {
                        query: "nato".into(),
                        limit: 10,
                        ..Default::default()
                    };
                    errors.extend(one_line_error("search", reader::search(&archive, &req)));
                    let req = EntityRequest {
                        query: String::new(),
                        filters: Default::default(),
                        kinds: EntityKind::ALL.to_vec(),
                        top: 10,
                    };
                    errors.extend(one_line_error("entities", reader::entities(&archive, &req)));
                    errors.extend(one_line_error("audit", reader::audit(&archive)));
                }
                errors.extend(one_line_error("index", run(&config(&ix), &Quiet)));
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                named += errors
                    .iter()
                    .filter(|e| matches!(e, Error::Damaged { files, .. } if files.contains(&name)))
                    .count();
            }
        }
        assert!(named > 0, "no error named the damaged file");
    }
}
