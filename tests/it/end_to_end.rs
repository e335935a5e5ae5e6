//! End-to-end tests: run the `morgue` binary on the bundled fixtures (and, when present, the
//! shared corpora) and check what a user sees — exit codes, JSON shapes, reports, search hits.

use std::path::Path;

use serde_json::Value;

use crate::harness::{fixtures, index, ix, json, run, shared, stderr, stdout};

#[test]
fn indexing_the_fixtures_counts_every_file_and_article() {
    let (_dir, out) = index(&[&fixtures().join("articles")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = json(&out);
    for key in [
        "files_seen",
        "articles",
        "indexed",
        "updated",
        "unchanged",
        "removed",
        "duplicates",
        "skipped",
        "failed",
        "entities",
        "quotes",
        "seconds",
    ] {
        assert!(r.get(key).is_some(), "missing {key} in {r}");
    }
    // 9 files: 7 single-article files, one JSON array of 2, one JSONL of 2.
    assert_eq!(r["files_seen"], 9);
    assert_eq!(r["articles"], 11);
    assert_eq!(r["indexed"], 11);
    assert_eq!(r["failed"], 0);
    assert_eq!(r["skipped"], 0);
}

#[test]
fn progress_bar_is_absent_when_stderr_is_piped() {
    let (_dir, out) = index(&[&fixtures().join("articles")]);
    assert_eq!(
        stderr(&out),
        "",
        "nothing on stderr when all files are fine and stderr is a pipe"
    );
}

#[test]
fn mixed_folder_indexes_good_articles_reports_each_bad_file_once_and_exits_2() {
    let (dir, out) = index(&[&fixtures().join("mixed")]);
    assert_eq!(out.status.code(), Some(2));
    let r = json(&out);
    assert_eq!(r["files_seen"], 5);
    assert_eq!(r["skipped"], 2, "empty file and PNG");
    assert_eq!(r["failed"], 1, "the JSONL file with a broken line");
    assert_eq!(r["indexed"], 4, "good txt, good json, two good JSONL lines");
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    for (name, reason) in [
        ("empty.txt", "empty file"),
        ("photo.png", "not an article"),
        ("feed.jsonl", "line 2"),
    ] {
        let hits: Vec<_> = lines.iter().filter(|l| l.contains(name)).collect();
        assert_eq!(hits.len(), 1, "{name} reported once: {err}");
        assert!(hits[0].contains(reason), "{name}: {}", hits[0]);
    }
    let s = run(&["search", "--json", "--index", &ix(&dir), "robotics"]);
    assert_eq!(
        json(&s)["total"],
        1,
        "good lines of a partly bad JSONL file are indexed"
    );
}

#[test]
fn reindexing_counts_unchanged_updated_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(corpus.join("a")).unwrap();
    std::fs::write(corpus.join("a/one.txt"), "One\n\nThe first story.").unwrap();
    std::fs::write(corpus.join("a/two.txt"), "Two\n\nThe second story.").unwrap();
    std::fs::write(corpus.join("a/three.txt"), "Three\n\nThe third story.").unwrap();
    let ixp = tmp.path().join("ix").display().to_string();
    let c = corpus.display().to_string();
    let first = json(&run(&["index", "--json", "--index", &ixp, &c]));
    assert_eq!(first["indexed"], 3);

    let again = json(&run(&["index", "--json", "--index", &ixp, &c]));
    assert_eq!(
        (again["unchanged"].as_u64(), again["indexed"].as_u64()),
        (Some(3), Some(0))
    );

    std::fs::write(
        corpus.join("a/two.txt"),
        "Two\n\nThe second story, corrected.",
    )
    .unwrap();
    std::fs::remove_file(corpus.join("a/three.txt")).unwrap();
    let third = json(&run(&["index", "--json", "--index", &ixp, &c]));
    assert_eq!(third["updated"], 1, "{third}");
    assert_eq!(third["removed"], 1, "{third}");
    assert_eq!(third["unchanged"], 1, "{third}");
    let s = json(&run(&["search", "--json", "--index", &ixp, "story"]));
    assert_eq!(s["total"], 2, "no stale or duplicated article left: {s}");
    assert_eq!(
        json(&run(&["search", "--json", "--index", &ixp, "corrected"]))["total"],
        1
    );
}

#[test]
fn duplicate_content_is_indexed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Same\n\nIdentical text.").unwrap();
    std::fs::write(corpus.join("b.txt"), "Same\n\nIdentical text.").unwrap();
    let ixp = tmp.path().join("ix").display().to_string();
    let r = json(&run(&[
        "index",
        "--json",
        "--index",
        &ixp,
        &corpus.display().to_string(),
    ]));
    assert_eq!(
        (r["indexed"].as_u64(), r["duplicates"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        json(&run(&["search", "--json", "--index", &ixp, "identical"]))["total"],
        1
    );
}

#[test]
fn the_index_folder_is_never_ingested() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("story.txt"), "Story\n\nA story.").unwrap();
    let root = tmp.path().display().to_string();
    let ixp = tmp.path().join("morgue-index").display().to_string();
    json(&run(&["index", "--json", "--index", &ixp, &root]));
    let r = json(&run(&["index", "--json", "--index", &ixp, &root]));
    assert_eq!(r["files_seen"], 1, "{r}");
}

#[test]
fn a_second_writer_fails_at_once_with_exit_1() {
    let (dir, _) = index(&[&fixtures().join("articles")]);
    let archive = morgue::index::Archive::open_or_create(&dir.path().join("ix")).unwrap();
    let _held = morgue::index::writer::Writer::begin(&archive, 1, false).unwrap();
    let out = run(&[
        "index",
        "--index",
        &ix(&dir),
        &fixtures().join("articles").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
    // Readers keep working while the writer is held.
    assert_eq!(
        run(&["search", "--index", &ix(&dir), "folk"]).status.code(),
        Some(0)
    );
}

#[test]
fn search_shows_highlighted_snippets_and_json_shape() {
    let (dir, _) = index(&[&fixtures().join("articles")]);
    let human = run(&["search", "--index", &ix(&dir), "freight"]);
    assert_eq!(human.status.code(), Some(0));
    let text = stdout(&human);
    assert!(
        text.contains("[freight]"),
        "matched words are marked when piped: {text}"
    );
    assert!(!text.contains('\x1b'), "no colour when piped");
    assert!(text.contains("Nordhavn Shipping profits fall"), "{text}");

    let j = json(&run(&["search", "--json", "--index", &ix(&dir), "freight"]));
    assert_eq!(j["total"], 1);
    let hit = &j["hits"][0];
    for key in [
        "id", "path", "title", "date", "section", "score", "snippet", "persons", "orgs", "places",
        "speakers",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}: {hit}");
    }
    assert_eq!(hit["section"], "business");
    assert_eq!(hit["date"], "2016-11-17T08:30:00Z");
    assert!(j.get("facets").is_some());
}

#[test]
fn search_fields_dates_sections_and_paging() {
    let (dir, _) = index(&[&fixtures().join("articles")]);
    let total = |q: &str| {
        json(&run(&["search", "--json", "--index", &ix(&dir), q]))["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(total("section:science"), 3);
    assert_eq!(total("title:festival"), 1);
    assert_eq!(
        total("date:[2016-10-01 TO 2016-10-31]"),
        2,
        "the two briefs"
    );
    assert_eq!(total("date:2016-11-17"), 1);
    assert_eq!(total("\"old docks\""), 1);
    assert_eq!(total("shipping OR bakery"), 2);
    assert_eq!(total("shipping -nordhavn"), 0);
    let page = json(&run(&[
        "search",
        "--json",
        "--limit",
        "2",
        "--offset",
        "1",
        "--sort",
        "date",
        "--index",
        &ix(&dir),
        "*",
    ]));
    assert_eq!(page["hits"].as_array().unwrap().len(), 2);
    assert_eq!(
        page["hits"][0]["date"], "2016-10-03",
        "second newest: {page}"
    );
}

#[test]
fn malformed_query_is_a_one_line_error_with_exit_1() {
    let (dir, _) = index(&[&fixtures().join("articles")]);
    for q in ["title:(", "nosuchfield:x", "date:[2016 TO"] {
        let out = run(&["search", "--index", &ix(&dir), q]);
        assert_eq!(out.status.code(), Some(1), "{q}");
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{q}: {err}");
        assert!(err.contains("invalid query"), "{q}: {err}");
    }
}

#[test]
fn search_without_an_index_says_how_to_build_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&[
        "search",
        "--index",
        &tmp.path().join("none").display().to_string(),
        "x",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("morgue index"), "{}", stderr(&out));
}

fn extract_one(path: &Path) -> Value {
    let out = run(&["extract", "--json", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json(&out)
}

#[test]
fn extract_prints_the_seed_with_design_keys() {
    let seed = fixtures().join("articles/000_fc69028cb06b88d6.txt");
    let v = extract_one(&seed);
    for key in ["path", "title", "body", "entities", "quotes"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let raw = std::fs::read_to_string(&seed).unwrap();
    assert_eq!(
        v["title"],
        "NATO Secretary General warned trump about delays rejection of Alliance"
    );
    let body = v["body"].as_str().unwrap();
    assert!(
        raw.contains(body),
        "the body is the file's own text, verbatim"
    );
    assert!(body.contains("\n\n"), "paragraphs kept");
}

#[test]
fn extract_decodes_every_format() {
    let a = fixtures().join("articles");
    let latin1 = extract_one(&a.join("business/cafe-award-latin1.txt"));
    assert_eq!(latin1["title"], "Café owner wins £5,000 award");
    let utf16 = extract_one(&a.join("culture/rowing-utf16.txt"));
    assert_eq!(utf16["title"], "Rowing club celebrates century");
    assert!(utf16["body"]
        .as_str()
        .unwrap()
        .contains("“We have survived"));
    let gz = extract_one(&a.join("science/flood-barrier.txt.gz"));
    assert_eq!(gz["title"], "Flood barrier tested ahead of winter");

    let html = extract_one(&a.join("culture/festival.html"));
    assert_eq!(html["title"], "Folk festival returns to the old docks");
    assert_eq!(html["date"], "2016-07-22T17:00:00Z");
    let body = html["body"].as_str().unwrap();
    assert!(body.starts_with("The Harbourside Folk Festival"), "{body}");
    for junk in [
        "cookies",
        "Related stories",
        "rights reserved",
        "Sport",
        "analytics",
    ] {
        assert!(!body.contains(junk), "boilerplate {junk:?} in {body}");
    }

    let out = run(&[
        "extract",
        "--json",
        &a.join("business/briefs.json").display().to_string(),
    ]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("briefs.json#1"));
    assert_eq!(lines[1]["date"], "2016-10-03");
}

#[test]
fn extract_reports_a_skipped_file_and_exits_as_index_does() {
    let out = run(&[
        "extract",
        "--json",
        &fixtures().join("mixed/empty.txt").display().to_string(),
    ]);
    // An empty file is skipped (not an article), which `index` does not count as a failure.
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("empty.txt: empty file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bbc_corpus_is_fully_accounted_for() {
    let Some(bbc) = shared("corpora/bbc") else {
        return;
    };
    let (dir, out) = index(&[&bbc]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = json(&out);
    // 2,225 articles plus README.TXT (a .txt, so indexed as text) and SOURCE.md (skipped).
    assert_eq!(r["files_seen"], 2227);
    assert_eq!(r["skipped"], 1);
    assert_eq!(r["articles"], 2226);
    assert_eq!(
        r["duplicates"], 98,
        "the 98 byte-identical pairs are indexed once"
    );
    assert_eq!(r["indexed"], 2128);
    let s = json(&run(&[
        "search",
        "--json",
        "--index",
        &ix(&dir),
        "--limit",
        "5",
        "Blair",
    ]));
    assert!(s["total"].as_u64().unwrap() > 100);
    for h in s["hits"].as_array().unwrap() {
        assert_eq!(h["section"], "politics", "{h}");
    }
    let pound = json(&run(&[
        "search",
        "--json",
        "--index",
        &ix(&dir),
        "title:\"Chelsea sack Mutu\"",
    ]));
    assert!(pound["hits"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("sport/199.txt"));
    let e = extract_one(&bbc.join("sport/199.txt"));
    assert!(e["body"].as_str().unwrap().contains("£15.8m"));

    // Archive-wide names: quotes by "Blair" are Tony Blair's; the top people are full names.
    let q = json(&run(&[
        "quotes",
        "--json",
        "--index",
        &ix(&dir),
        "--speaker",
        "blair",
        "--limit",
        "20",
    ]));
    assert!(q["total"].as_u64().unwrap() > 50, "{q}");
    let hits = q["hits"].as_array().unwrap();
    let tony = hits.iter().filter(|h| h["speaker"] == "Tony Blair").count();
    assert!(
        tony * 10 >= hits.len() * 9,
        "speakers: {:?}",
        hits.iter().map(|h| &h["speaker"]).collect::<Vec<_>>()
    );
    let people = json(&run(&[
        "entities",
        "--json",
        "--index",
        &ix(&dir),
        "--kind",
        "person",
        "--top",
        "5",
    ]));
    for p in people["entities"].as_array().unwrap() {
        assert!(
            p["name"].as_str().unwrap().contains(' '),
            "a full name: {p}"
        );
    }
    assert_eq!(people["entities"][0]["name"], "Tony Blair");
}

#[test]
fn search_hits_list_the_other_paths_of_a_duplicate() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(corpus.join("x")).unwrap();
    for p in ["a.txt", "b.txt", "x/c.txt"] {
        std::fs::write(corpus.join(p), "Same\n\nIdentical text.").unwrap();
    }
    std::fs::write(corpus.join("d.txt"), "Other\n\nA different identical text.").unwrap();
    let ixp = tmp.path().join("ix").display().to_string();
    let c = corpus.display().to_string();
    json(&run(&["index", "--json", "--index", &ixp, &c]));
    let paths = |v: &Value| -> Vec<String> {
        let mut p: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                s.as_str()
                    .unwrap()
                    .rsplit_once("/c/")
                    .unwrap()
                    .1
                    .to_string()
            })
            .collect();
        p.sort();
        p
    };
    let s = json(&run(&["search", "--json", "--index", &ixp, "identical"]));
    assert_eq!(s["total"], 2, "{s}");
    let hits = s["hits"].as_array().unwrap();
    let same = hits.iter().find(|h| h["title"] == "Same").unwrap();
    let other = hits.iter().find(|h| h["title"] == "Other").unwrap();
    // Whichever copy is indexed, the hit and its duplicates are the three paths.
    let mut all = paths(&same["duplicates"]);
    all.push(
        same["path"]
            .as_str()
            .unwrap()
            .rsplit_once("/c/")
            .unwrap()
            .1
            .to_string(),
    );
    all.sort();
    assert_eq!(all, ["a.txt", "b.txt", "x/c.txt"], "{same}");
    assert_eq!(paths(&other["duplicates"]), Vec::<String>::new());

    let human = stdout(&run(&["search", "--index", &ixp, "identical"]));
    let also: Vec<&str> = human.lines().filter(|l| l.contains("also at:")).collect();
    assert_eq!(also.len(), 1, "{human}");
    assert_eq!(also[0].matches(".txt").count(), 2, "{human}");

    // A copy that goes away is no longer listed.
    let gone = same["duplicates"][0].as_str().unwrap().to_string();
    std::fs::remove_file(&gone).unwrap();
    json(&run(&["index", "--json", "--index", &ixp, &c]));
    let s = json(&run(&["search", "--json", "--index", &ixp, "title:same"]));
    let left = paths(&s["hits"][0]["duplicates"]);
    assert_eq!(left.len(), 1, "{s}");
    assert!(!gone.ends_with(&left[0]), "{s}");
}

#[test]
fn duplicates_are_recorded_and_promoted_when_the_original_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Same\n\nIdentical text.").unwrap();
    std::fs::write(corpus.join("b.txt"), "Same\n\nIdentical text.").unwrap();
    let ixp = tmp.path().join("ix").display().to_string();
    let c = corpus.display().to_string();
    json(&run(&["index", "--json", "--index", &ixp, &c]));
    let again = json(&run(&["index", "--json", "--index", &ixp, &c]));
    assert_eq!(
        (again["unchanged"].as_u64(), again["duplicates"].as_u64()),
        (Some(1), Some(1)),
        "{again}"
    );

    // Workers run in parallel, so either copy may be the one indexed: delete that one.
    let s = json(&run(&["search", "--json", "--index", &ixp, "identical"]));
    let indexed = s["hits"][0]["path"].as_str().unwrap().to_string();
    let (gone, copy) = if indexed.ends_with("a.txt") {
        ("a.txt", "b.txt")
    } else {
        ("b.txt", "a.txt")
    };
    std::fs::remove_file(corpus.join(gone)).unwrap();
    let after = json(&run(&["index", "--json", "--index", &ixp, &c]));
    assert_eq!(after["removed"], 1, "{after}");
    assert_eq!(after["indexed"], 1, "the copy is promoted: {after}");
    let s = json(&run(&["search", "--json", "--index", &ixp, "identical"]));
    assert_eq!(s["total"], 1, "{s}");
    assert!(s["hits"][0]["path"].as_str().unwrap().ends_with(copy));
}

#[test]
fn moved_and_touched_files_are_recognised() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(corpus.join("old")).unwrap();
    std::fs::create_dir_all(corpus.join("new")).unwrap();
    std::fs::write(corpus.join("old/story.txt"), "Story\n\nA story that moves.").unwrap();
    std::fs::write(
        corpus.join("other.txt"),
        "Other\n\nA story that is touched.",
    )
    .unwrap();
    let ixp = tmp.path().join("ix").display().to_string();
    let c = corpus.display().to_string();
    json(&run(&["index", "--json", "--index", &ixp, &c]));

    std::fs::rename(corpus.join("old/story.txt"), corpus.join("new/story.txt")).unwrap();
    // Rewrite with the same bytes: a new mtime, the same content.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(
        corpus.join("other.txt"),
        "Other\n\nA story that is touched.",
    )
    .unwrap();
    let r = json(&run(&["index", "--json", "--index", &ixp, &c]));
    assert_eq!(r["unchanged"], 1, "{r}");
    assert_eq!(
        (r["indexed"].as_u64(), r["removed"].as_u64()),
        (Some(1), Some(1)),
        "{r}"
    );
    assert_eq!(
        r["duplicates"], 0,
        "a moved file is not a duplicate of its old self: {r}"
    );
    let s = json(&run(&["search", "--json", "--index", &ixp, "moves"]));
    assert_eq!(s["total"], 1);
    assert_eq!(s["hits"][0]["section"], "new");
}
