//! Crash safety: `kill -9` a running `morgue index` at several points; the index must open,
//! hold only whole committed articles (no repeated paths, no quotes without their article), and
//! the next run must complete to exactly the expected set. `scripts/crash-loop` does the same
//! 100 times on a larger corpus.

use std::path::Path;
use std::time::Duration;

use morgue::index::reader::audit;
use morgue::index::Archive;

use crate::harness::binary;

const ARTICLES: usize = 1500;

fn write_corpus(dir: &Path) {
    for i in 0..ARTICLES {
        let section = dir.join(format!("s{}", i % 7));
        std::fs::create_dir_all(&section).unwrap();
        let body = format!(
            "Story number {i} from the wire.\n\nOfficials in town {} said on Monday that the bridge \
             would reopen in week {}, according to a statement.",
            i % 97,
            i % 52
        );
        std::fs::write(
            section.join(format!("{i:05}.txt")),
            format!("Headline {i}\n\n{body}"),
        )
        .unwrap();
    }
}

fn index_cmd(ix: &Path, corpus: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(binary());
    c.args(["index", "--json", "--commit-every", "40", "--index"])
        .arg(ix)
        .arg(corpus);
    c.stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    c
}

#[test]
fn kill_9_at_several_points_leaves_a_consistent_index_and_the_next_run_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus);
    // Kill points spread over a run; whichever commit each lands after, the checks must hold.
    for (round, delay_ms) in [120u64, 350, 700].into_iter().enumerate() {
        let ix = tmp.path().join(format!("ix{round}"));
        let mut child = index_cmd(&ix, &corpus).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix: no destructor, no final commit.
        let _ = child.wait();

        if ix.join("morgue.json").exists() && !ix.join("meta.json").exists() {
            // Killed between the two files of creation: nothing was committed, and readers
            // say so in one line rather than with tantivy's message.
            let err = Archive::open(&ix)
                .err()
                .expect("an uncommitted index does not open");
            assert!(err.to_string().contains("cut short"), "{err}");
            eprintln!("round {round}: killed after {delay_ms} ms, before the first commit");
        } else if ix.join("morgue.json").exists() {
            let archive = Archive::open(&ix).expect("index opens after kill -9");
            let a = audit(&archive).unwrap();
            assert_eq!(a.repeated_paths, 0, "round {round}: {a:?}");
            assert_eq!(a.orphan_quotes, 0, "round {round}: {a:?}");
            assert!(a.articles <= ARTICLES, "round {round}: {a:?}");
            eprintln!(
                "round {round}: killed after {delay_ms} ms with {} articles committed",
                a.articles
            );
        }

        let out = index_cmd(&ix, &corpus).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let done = r["indexed"].as_u64().unwrap() + r["unchanged"].as_u64().unwrap();
        assert_eq!(done, ARTICLES as u64, "round {round}: {r}");
        let a = audit(&Archive::open(&ix).unwrap()).unwrap();
        assert_eq!(
            (a.articles, a.repeated_paths, a.orphan_quotes),
            (ARTICLES, 0, 0),
            "round {round}"
        );
    }
}

#[test]
fn queries_work_while_an_index_run_is_going_on() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    write_corpus(&corpus);
    let ix = tmp.path().join("ix");
    // A first small commit, so the index exists before the long run starts.
    let first = corpus.join("s0");
    assert!(index_cmd(&ix, &first).output().unwrap().status.success());
    let mut child = index_cmd(&ix, &corpus).spawn().unwrap();
    let mut queries = 0;
    let mut totals = Vec::new();
    while child.try_wait().unwrap().is_none() {
        let out = std::process::Command::new(binary())
            .args(["search", "--json", "--index"])
            .arg(&ix)
            .arg("bridge")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "search during indexing: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        totals.push(v["total"].as_u64().unwrap());
        queries += 1;
    }
    assert!(child.wait().unwrap().success());
    assert!(queries >= 1, "at least one query ran during the index run");
    assert!(
        totals.windows(2).all(|w| w[0] <= w[1]),
        "readers see commits grow: {totals:?}"
    );
}

#[test]
fn an_index_killed_between_its_two_creation_files_is_named_and_the_next_run_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Bridge reopens\n\nThe bridge reopened.\n",
    )
    .unwrap();
    let ix = tmp.path().join("ix");
    // What a kill between `morgue.json` and tantivy's first files leaves behind.
    std::fs::create_dir_all(&ix).unwrap();
    let version = std::fs::read_to_string(crate::harness::fixture_index().join("ix/morgue.json"))
        .expect("the fixture index has its version file");
    std::fs::write(ix.join("morgue.json"), version).unwrap();
    let out = std::process::Command::new(binary())
        .args(["search", "--index"])
        .arg(&ix)
        .arg("bridge")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cut short") && err.lines().count() == 1,
        "{err}"
    );
    let out = index_cmd(&ix, &corpus).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = audit(&Archive::open(&ix).unwrap()).unwrap();
    assert_eq!(a.articles, 1, "{a:?}");
}
