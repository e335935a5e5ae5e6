//! The Spark job (`scripts/spark/enrich_job.py`) with `local[2]`: its shards, searched as one,
//! give the counts and top hits of a single-process index of the same articles. It needs
//! Python with pyspark and a Java runtime: without them the test says so and skips, unless
//! `MORGUE_REQUIRE_SPARK` is set (CI installs both and sets it), when their absence fails it.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::harness::{binary, fixtures, json, morgue, run, shared, stderr, stdout};

/// Why the job cannot run here, if it cannot.
fn spark_missing() -> Option<String> {
    let ok = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !ok("java", &["-version"]) {
        return Some("no Java runtime (apt-get install default-jre-headless)".into());
    }
    if !ok("python3", &["-c", "import pyspark"]) {
        return Some("python3 cannot import pyspark (pip install pyspark)".into());
    }
    None
}

/// Articles as JSON Lines (title, text, date), from the files under `root`.
fn articles_jsonl(roots: &[&Path]) -> String {
    let out = morgue()
        .args(["extract", "--jsonl"])
        .args(roots)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines = String::new();
    for line in stdout(&out).lines() {
        let a: Value = serde_json::from_str(line).unwrap();
        let plain = serde_json::json!({"title": a["title"], "text": a["body"], "date": a["date"]});
        lines.push_str(&plain.to_string());
        lines.push('\n');
    }
    lines
}

/// Whether the test named `what` must skip (saying why): no Spark here and none required.
fn skip_without_spark(what: &str) -> bool {
    let Some(why) = spark_missing() else {
        return false;
    };
    assert!(
        std::env::var_os("MORGUE_REQUIRE_SPARK").is_none(),
        "MORGUE_REQUIRE_SPARK is set, but {why}"
    );
    eprintln!("skipping {what}: {why}");
    true
}

/// Run the job with `local[2]` (and `extra` arguments) on `input` into `out_dir`; its summary.
fn run_job(input: &Path, out_dir: &Path, extra: &[&str]) -> Value {
    let job = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/spark/enrich_job.py");
    let done = Command::new("python3")
        .arg(&job)
        .args(["--master", "local[2]"])
        .args(extra)
        .arg("--morgue")
        .arg(binary())
        .arg("--input")
        .arg(input)
        .arg("--output")
        .arg(out_dir)
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", stderr(&done));
    serde_json::from_str(stdout(&done).lines().last().unwrap_or_default()).unwrap()
}

/// `morgue index --json` of `input` into `ix`: its report.
fn index_single(ix: &Path, input: &Path) -> Value {
    let built = run(&[
        "index",
        "--json",
        "--index",
        ix.to_str().unwrap(),
        input.to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", stderr(&built));
    json(&built)
}

/// An answer with its hits taken out, and the hits as (score, id or quote text) in an order
/// that does not depend on how equal scores are broken (the shards order them by shard).
fn split_hits(mut v: Value) -> (Value, Vec<(f64, String)>) {
    let obj = v.as_object_mut().unwrap();
    obj.remove("seconds");
    let mut hits: Vec<(f64, String)> = match obj.remove("hits") {
        Some(Value::Array(hits)) => hits
            .iter()
            .map(|h| {
                let who = h.get("id").unwrap_or(&h["text"]).to_string();
                (h["score"].as_f64().unwrap_or(0.0), who)
            })
            .collect(),
        _ => Vec::new(),
    };
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    (v, hits)
}

#[test]
fn the_spark_job_leaves_shards_that_answer_as_a_single_index() {
    if skip_without_spark("the Spark job test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // BBC's politics section (417 articles) when the shared corpora are there, else the
    // fixtures: a debug build enriches them three times over here.
    let bbc = shared("corpora/bbc").map(|b| b.join("politics"));
    let root = bbc.clone().unwrap_or_else(|| fixtures().join("articles"));
    let input = dir.path().join("articles.jsonl");
    std::fs::write(&input, articles_jsonl(&[&root])).unwrap();

    let out_dir = dir.path().join("out");
    let summary = run_job(&input, &out_dir, &["--partitions", "2"]);
    let shards = out_dir.join("shards");
    assert!(summary["shards"].as_u64().unwrap() >= 2, "{summary}");
    assert_eq!(summary["bad_lines"], 0, "{summary}");

    let single = dir.path().join("single");
    let report = index_single(&single, &input);
    for key in ["articles", "indexed", "duplicates", "quotes", "entities"] {
        assert_eq!(summary[key], report[key], "{key}: {summary} vs {report}");
    }

    // The same articles in one index built from one stream (no record of an input file, as
    // the shards of a stream have none): the scores must be the shards' to the last bit.
    let lines = morgue()
        .args(["extract", "--jsonl", "-"])
        .write_stdin(std::fs::read(&input).unwrap())
        .output()
        .unwrap();
    assert!(lines.status.success(), "{}", stderr(&lines));
    let streamed = dir.path().join("streamed");
    let built = morgue()
        .args(["index", "--json", "--index"])
        .arg(&streamed)
        .args(["--enriched", "-"])
        .write_stdin(lines.stdout)
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));

    let asks: Vec<Vec<&str>> = if bbc.is_some() {
        vec![
            vec!["search", "--facets", "blair election"],
            vec!["search", "labour OR conservative"],
            vec!["quotes", "-n", "300", "--speaker", "blair"],
            vec!["entities", "--top", "20"],
        ]
    } else {
        vec![
            vec!["search", "--facets", "said"],
            vec!["search", "-n", "20", "*"],
            vec!["quotes", "-n", "100"],
            vec!["entities", "--top", "50"],
        ]
    };
    for ask in asks {
        let get = |ix: &Path| {
            let mut args = ask.clone();
            args.extend(["--json", "--index", ix.to_str().unwrap()]);
            if matches!(ask[0], "search" | "quotes" | "entities") {
                args.push("--no-collapse");
            }
            let out = run(&args);
            assert!(out.status.success(), "{ask:?}: {}", stderr(&out));
            split_hits(crate::harness::without_clusters(json(&out)))
        };
        let (want, want_hits) = get(&streamed);
        let (got, got_hits) = get(&shards);
        assert!(want["total"].as_u64().unwrap() > 0, "{ask:?}: {want}");
        assert_eq!(want, got, "{ask:?}");
        assert_eq!(want_hits, got_hits, "{ask:?}");
        // And the single-process index of the file: the same counts and hits (its scores
        // differ a little: its record of the input file is one document more).
        let (one, one_hits) = get(&single);
        assert_eq!(one["total"], got["total"], "{ask:?}");
        let ids = |h: &[(f64, String)]| {
            let mut v: Vec<String> = h.iter().map(|(_, id)| id.clone()).collect();
            v.sort();
            v
        };
        assert_eq!(ids(&one_hits), ids(&got_hits), "{ask:?}");
    }
}

/// WARC input takes the job's other path (one file at a time, its lines re-serialised by
/// Python): every page of the fixture must reach a shard. Before the lines were written back
/// compact, every one of them was counted as a bad line and the job left no shard.
#[test]
fn the_spark_job_indexes_every_page_of_a_warc_file() {
    if skip_without_spark("the Spark WARC test") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let warc = fixtures().join("formats/pages.warc.gz");
    let out_dir = dir.path().join("out");
    let summary = run_job(&warc, &out_dir, &[]);
    assert_eq!(summary["bad_lines"], 0, "{summary}");

    let single = dir.path().join("single");
    let report = index_single(&single, &warc);
    assert!(report["articles"].as_u64().unwrap() >= 2, "{report}");
    for key in ["articles", "indexed", "quotes", "entities"] {
        assert_eq!(summary[key], report[key], "{key}: {summary} vs {report}");
    }
    let titles = |ix: &Path| {
        let out = run(&["search", "--json", "--index", ix.to_str().unwrap(), "*"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let mut t: Vec<String> = json(&out)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["title"].to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(titles(&out_dir.join("shards")), titles(&single));
}
