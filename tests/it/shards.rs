//! Beyond one machine: enriched JSON Lines (`extract --jsonl`, `index --enriched`) give the
//! same index as enriching in-process.

use std::path::Path;

use serde_json::Value;

use crate::harness::{fixtures, json, morgue, run, stderr, stdout};

/// The JSON answers of the query commands that depend on what is indexed, `seconds` aside.
fn answers(ix: &str) -> Vec<(String, Value)> {
    let asks: [&[&str]; 6] = [
        &["search", "--facets", "-n", "50", "said"],
        &["search", "-n", "50", "nato OR court OR award"],
        &["search", "--sort", "date", "-n", "100", "*"],
        &["quotes", "-n", "100"],
        &["entities", "--top", "100"],
        &["entities", "--kind", "person", "--top", "100", "said"],
    ];
    asks.iter()
        .map(|a| {
            let mut args: Vec<&str> = a.to_vec();
            args.extend(["--json", "--index", ix]);
            let out = run(&args);
            assert!(out.status.success(), "{a:?}: {}", stderr(&out));
            let mut v = json(&out);
            if let Some(o) = v.as_object_mut() {
                o.remove("seconds");
            }
            (a.join(" "), v)
        })
        .collect()
}

fn index_enriched(ix: &Path, lines: &[u8]) -> std::process::Output {
    morgue()
        .args(["index", "--json", "--index"])
        .arg(ix)
        .args(["--enriched", "-"])
        .write_stdin(lines)
        .output()
        .unwrap()
}

#[test]
fn an_index_of_enriched_lines_answers_as_the_index_of_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let articles = fixtures().join("articles");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let direct = morgue()
        .args(["index", "--threads", "1", "--index"])
        .arg(&a)
        .arg(&articles)
        .output()
        .unwrap();
    assert!(direct.status.success(), "{}", stderr(&direct));
    let lines = morgue()
        .args(["extract", "--jsonl"])
        .arg(&articles)
        .output()
        .unwrap();
    assert!(lines.status.success(), "{}", stderr(&lines));
    assert_eq!(stdout(&lines).lines().count(), 11);
    let built = index_enriched(&b, &lines.stdout);
    assert!(built.status.success(), "{}", stderr(&built));
    let report = json(&built);
    assert_eq!(
        (report["indexed"].as_u64(), report["quotes"].as_u64()),
        (Some(11), Some(28))
    );
    let (a, b) = (a.display().to_string(), b.display().to_string());
    for ((ask, want), (_, got)) in answers(&a).into_iter().zip(answers(&b)) {
        assert_eq!(want, got, "{ask}");
    }
    // A later run over the files finds every article unchanged, not new.
    let again = morgue()
        .args(["index", "--json", "--index", &b])
        .arg(&articles)
        .output()
        .unwrap();
    let again = json(&again);
    assert_eq!(
        (again["unchanged"].as_u64(), again["indexed"].as_u64()),
        (Some(11), Some(0))
    );
}

/// Four fixture articles as JSON Lines, with a malformed line and a blank one among them.
fn feed() -> String {
    let files = [
        "000_fc69028cb06b88d6.txt",
        "business/cafe-award-latin1.txt",
        "culture/rowing-utf16.txt",
        "world/harbour-talks.txt",
    ];
    let out = morgue()
        .args(["extract", "--json"])
        .args(files.map(|f| fixtures().join("articles").join(f)))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            let a: Value = serde_json::from_str(l).unwrap();
            serde_json::json!({"title": a["title"], "text": a["body"], "date": a["date"]})
                .to_string()
        })
        .collect();
    assert_eq!(lines.len(), 4);
    lines.insert(2, "{\"title\": broken".to_string());
    lines.insert(3, String::new());
    lines.join("\n") + "\n"
}

#[test]
fn the_stream_filter_keeps_order_and_puts_an_error_in_a_bad_lines_place() {
    let input = feed();
    let out = morgue()
        .args(["extract", "--jsonl", "--origin", "feed.jsonl", "-"])
        .write_stdin(input.as_bytes())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let shape: Vec<String> = lines
        .iter()
        .map(|l| match l.get("error") {
            Some(_) => format!("error@{}", l["line"]),
            None => l["path"].as_str().unwrap().to_string(),
        })
        .collect();
    assert_eq!(
        shape,
        [
            "feed.jsonl#1",
            "feed.jsonl#2",
            "error@3",
            "feed.jsonl#5",
            "feed.jsonl#6"
        ]
    );
    for l in lines.iter().filter(|l| l.get("error").is_none()) {
        assert!(l["id"].as_str().is_some_and(|id| id.len() == 16), "{l}");
        assert!(
            l["entities"].as_array().is_some_and(|e| !e.is_empty()),
            "{l}"
        );
    }
}

#[test]
fn streamed_lines_index_as_the_jsonl_file_itself() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.jsonl");
    std::fs::write(&file, feed()).unwrap();
    let file = file.canonicalize().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let direct = morgue()
        .args(["index", "--threads", "1", "--index"])
        .arg(&a)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(direct.status.code(), Some(2), "{}", stderr(&direct));
    let lines = morgue()
        .args(["extract", "--jsonl", "--origin"])
        .arg(&file)
        .arg("-")
        .write_stdin(feed().as_bytes())
        .output()
        .unwrap();
    // The error line is refused by `index --enriched` as a bad line, as the file's bad line is.
    let built = index_enriched(&b, &lines.stdout);
    assert_eq!(built.status.code(), Some(2), "{}", stderr(&built));
    assert!(
        stderr(&built).contains("1 bad line(s): line 3: an error line"),
        "{}",
        stderr(&built)
    );
    let (a, b) = (a.display().to_string(), b.display().to_string());
    for ((ask, want), (_, got)) in answers(&a).into_iter().zip(answers(&b)) {
        assert_eq!(want, got, "{ask}");
    }
}

#[test]
fn enriched_lines_that_would_index_wrong_are_named_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let good = r#"{"path":"/x/a.txt","title":"Rain","body":"Ada Byron spoke.","entities":[{"text":"Ada Byron","label":"PER","field":"body","start":0,"end":9,"canonical":"Ada Byron"}],"quotes":[]}"#;
    let bad_span = good
        .replace("/x/a.txt", "/x/b.txt")
        .replace("\"end\":9", "\"end\":99");
    let input = format!("{good}\nnot json\n{bad_span}\n");
    let out = index_enriched(&dir.path().join("ix"), input.as_bytes());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("2 bad line(s): line 2: malformed JSON"),
        "{err}"
    );
    assert!(err.contains("line 3: entity span 0..99"), "{err}");
    assert_eq!(json(&out)["indexed"].as_u64(), Some(1));
    let missing = run(&[
        "index",
        "--index",
        "/nonexistent/ix",
        "--enriched",
        "/nonexistent/e.jsonl",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("/nonexistent/e.jsonl: cannot read"),
        "{}",
        stderr(&missing)
    );
}
