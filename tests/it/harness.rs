//! Shared by every integration-test module: run the built `morgue` binary, index the bundled
//! fixtures into temp folders, parse JSON output with a readable failure, and find the shared
//! corpora when this checkout has them beside it (tests that need them skip without).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::OnceLock;

use assert_cmd::Command;
use serde_json::Value;

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The `morgue` binary under test, for tests that spawn and kill it (`std::process`).
pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("morgue")
}

/// A `morgue` command with colour off, so output is the same whatever the terminal.
pub fn morgue() -> Command {
    let mut c = Command::cargo_bin("morgue").expect("binary built");
    c.env("NO_COLOR", "1");
    c
}

/// Run `morgue ARGS` to completion.
pub fn run(args: &[&str]) -> Output {
    morgue().args(args).output().expect("morgue runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON on stdout; a failure shows both streams.
pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)))
}

/// Index `paths` into a fresh temp index (`ix` inside the returned dir, which keeps it alive).
pub fn index(paths: &[&Path]) -> (tempfile::TempDir, Output) {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let mut args: Vec<String> = vec![
        "index".into(),
        "--json".into(),
        "--index".into(),
        ix.display().to_string(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let out = morgue().args(&args).output().unwrap();
    (dir, out)
}

/// The index folder inside a dir made by [`index`].
pub fn ix(dir: &tempfile::TempDir) -> String {
    dir.path().join("ix").display().to_string()
}

/// One index of `fixtures/articles`, built once for the whole test binary. Read-only: tests
/// that change an index make their own with [`index`].
pub fn fixture_index() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = morgue()
            // One worker: documents go in walk order, so equal-score ties (a `*` query) rank
            // the same on every run.
            .args(["index", "--threads", "1", "--index"])
            .arg(dir.path().join("ix"))
            .arg(fixtures().join("articles"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        dir
    })
    .path()
}

/// The shared corpora, when this checkout has them beside it; `None` (and a note why) otherwise.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

/// Copy a folder tree (regular files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A search answer without its near-duplicate fields: clusters are found within one index, so
/// a set of shards and the index of their union give the same articles other cluster ids.
/// Comparisons of the two also search with `--no-collapse` (serve: `collapse=0`).
pub fn without_clusters(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("stories");
    }
    if let Some(hits) = v.get_mut("hits").and_then(Value::as_array_mut) {
        for h in hits.iter_mut().filter_map(Value::as_object_mut) {
            for k in ["cluster", "also_in", "also_in_outlets", "also_in_total"] {
                h.remove(k);
            }
        }
    }
    v
}
