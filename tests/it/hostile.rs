//! Issue 22's adversarial cases at the command line: queries that overflowed the stack or
//! misread apostrophes, `extract` on a file that is not an article, `morgue audit`. The index
//! side (lost, doubled and unreadable paths, damaged files) is tested beside the code, in
//! `src/ingest/tests.rs` and `src/index/guard.rs`.

use crate::harness::{index, ix, json, run, stderr};

/// A corpus of two articles, one with "Blair's" and "don't" in it.
fn apostrophe_index() -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("a.txt"),
        "Budget row\n\nMr Blair's plan was criticised. \"We don't accept it,\" Brown said.\n",
    )
    .unwrap();
    std::fs::write(
        corpus.path().join("b.txt"),
        "Other news\n\nBlair said nothing about the plan.\n",
    )
    .unwrap();
    let (dir, out) = index(&[corpus.path()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

#[test]
fn apostrophes_inside_words_are_part_of_the_word() {
    let dir = apostrophe_index();
    let ix = ix(&dir);
    for q in [
        "Blair's",
        "Blair’s",
        "don't",
        "Blair's don't",
        "body:Blair's",
    ] {
        let out = run(&["search", "--json", "--index", &ix, q]);
        assert_eq!(out.status.code(), Some(0), "{q}: {}", stderr(&out));
        let v = json(&out);
        assert_eq!(v["total"], 1, "{q}: {v}");
    }
}

#[test]
fn a_deeply_nested_query_is_one_error_line() {
    let dir = apostrophe_index();
    let ix = ix(&dir);
    for q in [
        "(".repeat(10_000) + "plan" + &")".repeat(10_000),
        "NOT ".repeat(10_000) + "plan",
        "(".repeat(10_000),
    ] {
        let out = run(&["search", "--index", &ix, &q]);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("nested more than"), "{err}");
    }
}

#[test]
fn extract_on_a_skipped_file_exits_as_index_does() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("photo.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();
    let out = run(&["extract", "--json", &png.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("not an article"), "{}", stderr(&out));
}

#[test]
fn audit_says_a_sound_index_is_sound() {
    let dir = apostrophe_index();
    let out = run(&["audit", "--json", "--index", &ix(&dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    assert_eq!(v["counts"]["articles"], 2, "{v}");
    assert_eq!(v["damaged_files"].as_array().map(Vec::len), Some(0), "{v}");
}
