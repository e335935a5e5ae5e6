//! Nothing lost, nothing doubled (issue 22): `#` in file, folder and root names, overlapping
//! roots, an index that an older run doubled, unreadable folders and roots. Each test is a
//! reproduction that lost or doubled articles before file identity became (file, record).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::{run, IngestConfig, Quiet};
use crate::index::reader::audit;
use crate::index::Archive;
use crate::report::Report;

fn config(ix: &Path, roots: &[PathBuf]) -> IngestConfig {
    IngestConfig {
        index_dir: ix.to_path_buf(),
        paths: roots.to_vec(),
        threads: 2,
        limits: Default::default(),
        parse_limits: Default::default(),
        enrich: false,
        commit_every: 1_000,
        select: Default::default(),
    }
}

fn index(ix: &Path, roots: &[PathBuf]) -> Report {
    run(&config(ix, roots), &Quiet).unwrap()
}

/// Write an article file dated 2020, so a re-run trusts its mtime and skips it unread (the
/// path the `#` bug took; a file written just now is always read again).
fn article(path: &Path, title: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("{title}\n\nThe body of {title}.\n")).unwrap();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

/// Live article documents, asserting that no path is held twice and no quote is orphaned.
fn live_articles(ix: &Path) -> usize {
    let a = audit(&Archive::open(ix).unwrap()).unwrap();
    assert_eq!((a.repeated_paths, a.orphan_quotes), (0, 0), "{a:?}");
    a.articles
}

#[test]
fn a_hash_in_a_file_folder_or_root_name_loses_no_article() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("proj#1").join("news");
    article(&root.join("c/Issue #42.txt"), "Hash title");
    article(&root.join("C#/one.txt"), "Sharp one");
    article(&root.join("C#/two#.txt"), "Sharp two");
    // A JSON Lines file, whose records are `#1` and `#2` of a name that holds `#` itself.
    let jsonl = root.join("feed#3.jsonl");
    std::fs::write(
        &jsonl,
        "{\"title\":\"Rec one\",\"text\":\"First.\"}\n{\"title\":\"Rec two\",\"text\":\"Second.\"}\n",
    )
    .unwrap();
    article(&root.join("plain.txt"), "Plain");
    std::fs::File::options()
        .write(true)
        .open(&jsonl)
        .unwrap()
        .set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_577_836_800))
        .unwrap();
    let ix = tmp.path().join("ix");
    let first = index(&ix, std::slice::from_ref(&root));
    assert_eq!((first.articles, first.indexed), (6, 6), "{first:?}");
    let again = index(&ix, std::slice::from_ref(&root));
    assert_eq!(
        (again.articles, again.unchanged, again.removed),
        (6, 6, 0),
        "{again:?}"
    );
    assert_eq!(live_articles(&ix), 6);
    // A deleted file under the `#` root is removed, and only it.
    std::fs::remove_file(root.join("C#/two#.txt")).unwrap();
    let after = index(&ix, std::slice::from_ref(&root));
    assert_eq!(
        (after.articles, after.unchanged, after.removed),
        (5, 5, 1),
        "{after:?}"
    );
    assert_eq!(live_articles(&ix), 5);
}

#[test]
fn overlapping_roots_index_each_article_once() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    for section in ["business", "tech"] {
        for n in 0..3 {
            article(
                &root.join(section).join(format!("{n}.txt")),
                &format!("{section} {n}"),
            );
        }
    }
    let tech = root.join("tech");
    let ix = tmp.path().join("ix");
    let r = index(&ix, &[tech.clone(), tech.clone()]);
    assert_eq!((r.files_seen, r.articles, r.indexed), (3, 3, 3), "{r:?}");
    assert_eq!(live_articles(&ix), 3);

    let ix2 = tmp.path().join("ix2");
    let r = index(
        &ix2,
        &[root.clone(), root.join("business"), tech.join("1.txt")],
    );
    assert_eq!((r.files_seen, r.articles, r.indexed), (6, 6, 6), "{r:?}");
    assert_eq!(live_articles(&ix2), 6);
    // The nested roots were walked as part of their ancestor: the same sections, so a re-run
    // over the ancestor alone changes nothing.
    let r = index(&ix2, std::slice::from_ref(&root));
    assert_eq!((r.unchanged, r.updated, r.removed), (6, 0, 0), "{r:?}");
}

#[test]
fn a_doubled_index_is_repaired_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    article(&root.join("a.txt"), "Alpha");
    article(&root.join("b.txt"), "Beta");
    let ix = tmp.path().join("ix");
    index(&ix, std::slice::from_ref(&root));
    // Write a.txt's article a second time under the same path, as a run over overlapping
    // roots of an older morgue did.
    {
        let archive = Archive::open_or_create(&ix).unwrap();
        let mut writer = crate::index::writer::Writer::begin(&archive, 1, false).unwrap();
        let file = root.canonicalize().unwrap().join("a.txt");
        let parsed =
            crate::extract::read_articles(&file, "", Default::default(), Default::default())
                .unwrap();
        for article in parsed.articles {
            let near = crate::index::writer::Near {
                cluster: &article.id.clone(),
                signature: None,
            };
            writer
                .add(
                    &crate::article::EnrichedArticle {
                        article,
                        enrichment: Default::default(),
                    },
                    near,
                )
                .unwrap();
        }
        writer.commit("{}").unwrap();
    }
    let doubled = audit(&Archive::open(&ix).unwrap()).unwrap();
    assert_eq!((doubled.articles, doubled.repeated_paths), (3, 1));
    let r = index(&ix, std::slice::from_ref(&root));
    assert_eq!((r.articles, r.removed), (2, 0), "{r:?}");
    assert_eq!(live_articles(&ix), 2);
    // And the repair sticks: the next run finds nothing to do.
    let r = index(&ix, std::slice::from_ref(&root));
    assert_eq!((r.unchanged, r.updated), (2, 0), "{r:?}");
}

/// Make `dir` unreadable; false (with a note) when it stays readable, as it does for root.
#[cfg(unix)]
fn make_unreadable(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(dir).is_ok() {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!(
            "skipped: {} is still readable after chmod 000 (running as root?)",
            dir.display()
        );
        return false;
    }
    true
}

#[cfg(unix)]
fn make_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_or_root_keeps_its_articles() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    for section in ["business", "tech"] {
        for n in 0..3 {
            article(
                &root.join(section).join(format!("{n}.txt")),
                &format!("{section} {n}"),
            );
        }
    }
    let ix = tmp.path().join("ix");
    index(&ix, std::slice::from_ref(&root));
    let tech = root.join("tech");
    if !make_unreadable(&tech) {
        return;
    }
    let r = index(&ix, std::slice::from_ref(&root));
    make_readable(&tech);
    assert_eq!((r.removed, r.failed, r.unchanged), (0, 1, 3), "{r:?}");
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    assert!(
        r.problems[0].reason.contains("cannot read folder")
            && r.problems[0].reason.contains("kept"),
        "{:?}",
        r.problems[0]
    );
    assert_eq!(live_articles(&ix), 6);

    // The whole root unreadable: nothing is removed either.
    assert!(make_unreadable(&root));
    let r = index(&ix, std::slice::from_ref(&root));
    make_readable(&root);
    assert_eq!((r.removed, r.failed), (0, 1), "{r:?}");
    assert_eq!(live_articles(&ix), 6);

    // Readable again, the folder's files are all there, and a file deleted meanwhile goes.
    std::fs::remove_file(tech.join("0.txt")).unwrap();
    let r = index(&ix, std::slice::from_ref(&root));
    assert_eq!((r.removed, r.failed, r.unchanged), (1, 0, 5), "{r:?}");
    assert_eq!(live_articles(&ix), 5);
}

/// The chaos script's variants (`scripts/chaos`): odd characters in names, a root given both
/// through a symlink and as itself, and `#` folders nested 30 deep. Every article is indexed
/// once, and a re-run finds each one unchanged.
#[cfg(unix)]
#[test]
fn odd_names_symlinked_roots_and_deep_nesting_keep_every_article() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("real");
    let names = [
        "what?.txt",
        "star*.txt",
        "per%20cent.txt",
        "back\\slash.txt",
        "new\nline.txt",
        "-dash.txt",
        "é ü 中.txt",
        "tab\there.txt",
        "esc\u{1b}[31m.txt",
        "semi;colon&amp.txt",
    ];
    for (i, n) in names.iter().enumerate() {
        article(&root.join(n), &format!("Odd {i}"));
    }
    let mut deep = root.clone();
    for i in 0..30 {
        deep = deep.join(format!("l{i}#x"));
    }
    article(&deep.join("a#1.txt"), "Deep");
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&root, &link).unwrap();
    let ix = tmp.path().join("ix");
    let n = names.len() as u64 + 1;
    let first = index(&ix, &[link.clone(), root.clone()]);
    assert_eq!((first.articles, first.indexed), (n, n), "{first:?}");
    for roots in [vec![link.clone()], vec![root.clone()]] {
        let again = index(&ix, &roots);
        assert_eq!(
            (again.articles, again.unchanged, again.removed),
            (n, n, 0),
            "{roots:?}: {again:?}"
        );
    }
    assert_eq!(live_articles(&ix) as u64, n);
}

/// The byte counts a progress bar sees: found files, per-article progress, what is left at
/// each file's end.
#[derive(Default)]
struct Bytes {
    found: std::sync::atomic::AtomicU64,
    progress: std::sync::atomic::AtomicU64,
    calls: std::sync::atomic::AtomicU64,
    unreported: std::sync::atomic::AtomicU64,
}

impl super::Observer for Bytes {
    fn discovered(&self, _files: u64, bytes: u64) {
        self.found
            .store(bytes, std::sync::atomic::Ordering::Relaxed);
    }
    fn progress(&self, bytes: u64) {
        self.progress
            .fetch_add(bytes, std::sync::atomic::Ordering::Relaxed);
        self.calls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    fn file_done(&self, _bytes: u64, unreported: u64, _articles: u64) {
        self.unreported
            .fetch_add(unreported, std::sync::atomic::Ordering::Relaxed);
    }
}

/// One large JSON Lines file moves the bar article by article, and the bar ends exactly at
/// the bytes the walker found; the articles come out in file order whatever worker enriched
/// them.
#[test]
fn one_large_file_reports_progress_per_article_and_ends_at_its_size() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("feed");
    std::fs::create_dir_all(&root).unwrap();
    let lines: String = (0..200)
        .map(|i| {
            format!(
                "{{\"title\":\"Story {i}\",\"text\":\"Body number {i} said the minister {}.\"}}\n",
                "and more ".repeat(i % 17)
            )
        })
        .collect();
    std::fs::write(root.join("wire.jsonl"), &lines).unwrap();
    std::fs::write(root.join("one.txt"), "Alone\n\nOne article.\n").unwrap();
    let seen = Bytes::default();
    let mut cfg = config(&tmp.path().join("ix"), std::slice::from_ref(&root));
    cfg.enrich = true;
    let report = run(&cfg, &seen).unwrap();
    assert_eq!(report.articles, 201);
    let load = |a: &std::sync::atomic::AtomicU64| a.load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        load(&seen.calls),
        200,
        "one progress call per article of the big file"
    );
    assert_eq!(
        load(&seen.progress) + load(&seen.unreported),
        load(&seen.found),
        "the bar ends at the bytes found"
    );
    assert!(load(&seen.progress) > lines.len() as u64 * 9 / 10);
    // File order kept: the records are numbered as they stand in the file.
    let out = crate::index::reader::search(
        &Archive::open(&tmp.path().join("ix")).unwrap(),
        &crate::index::reader::SearchRequest {
            query: "\"story 7\"".into(),
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        out.hits[0].path.ends_with("wire.jsonl#8"),
        "{:?}",
        out.hits[0].path
    );
}
