//! Beyond one machine: enriched JSON Lines (`extract --jsonl`, `index --enriched`) give the
//! same index as enriching in-process.

use std::path::Path;

use serde_json::Value;

use crate::harness::{fixtures, json, morgue, run, stderr, stdout};

/// The queries whose JSON answers must not depend on how the index was built.
const ASKS: [&[&str]; 12] = [
    &["search", "--facets", "-n", "50", "said"],
    // A section and a person that only some shards hold.
    &["search", "--section", "science", "*"],
    &["search", "--person", "dupont", "*"],
    &["search", "-n", "50", "nato OR court OR award"],
    &["search", "--sort", "date", "-n", "100", "*"],
    &["quotes", "-n", "100"],
    &["entities", "--top", "100"],
    &["entities", "--kind", "person", "--top", "100", "said"],
    // Aggregates: every value counted in each shard, then summed and ranked.
    &["search", "--count-by", "month", "*"],
    &["search", "--count-by", "person", "-n", "5", "*"],
    &["quotes", "--count-by", "speaker"],
    &["quotes", "--facets", "-n", "3"],
];

/// The JSON answers of [`ASKS`] over one index.
fn answers(ix: &str) -> Vec<(String, Value)> {
    answers_of(&[ix])
}

/// The JSON answers of [`ASKS`] over several `--index` values, `seconds` aside.
fn answers_of(indexes: &[&str]) -> Vec<(String, Value)> {
    ASKS.iter()
        .map(|a| {
            let mut args: Vec<&str> = a.to_vec();
            args.push("--json");
            // Copies are collapsed within one index only: shards do not share clusters.
            if matches!(a[0], "search" | "quotes" | "entities") {
                args.push("--no-collapse");
            }
            for ix in indexes {
                args.extend(["--index", ix]);
            }
            let out = run(&args);
            if !out.status.success() {
                // A refusal must be the same refusal.
                let err = serde_json::json!({"code": out.status.code(), "stderr": stderr(&out)});
                return (a.join(" "), err);
            }
            let mut v = crate::harness::without_clusters(json(&out));
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
        (Some(11), Some(36))
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

/// Lines written before enrichment (`extract --jsonl --no-enrich`) are enriched by `index
/// --enriched`, which gives the index and (`--write-enriched`) the lines of enriching first.
#[test]
fn lines_written_before_enrichment_are_enriched_by_the_index_as_extract_would() {
    let dir = tempfile::tempdir().unwrap();
    let articles = fixtures().join("articles");
    let extract = |extra: &[&str]| {
        let out = morgue()
            .args(["extract", "--jsonl"])
            .args(extra)
            .arg(&articles)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let enriched = extract(&[]);
    let plain = extract(&["--no-enrich"]);
    assert!(
        plain.len() * 2 < enriched.len(),
        "not enriched lines are smaller"
    );
    assert!(stdout_of(&plain)
        .lines()
        .all(|l| l.contains("\"enriched\":false") && l.contains("\"quotes\":[]")));
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let tee = dir.path().join("enriched.jsonl");
    let built_a = index_enriched(&a, &enriched);
    assert!(built_a.status.success(), "{}", stderr(&built_a));
    let built_b = morgue()
        .args(["index", "--json", "--index"])
        .arg(&b)
        .args(["--enriched", "-", "--write-enriched"])
        .arg(&tee)
        .write_stdin(plain)
        .output()
        .unwrap();
    assert!(built_b.status.success(), "{}", stderr(&built_b));
    assert_eq!(json(&built_b)["quotes"].as_u64(), Some(36));
    assert_eq!(std::fs::read(&tee).unwrap(), enriched);
    let (a, b) = (a.display().to_string(), b.display().to_string());
    for ((ask, want), (_, got)) in answers(&a).into_iter().zip(answers(&b)) {
        assert_eq!(want, got, "{ask}");
    }
}

/// `index --enriched` enriches on its `--threads` workers while one thread writes: with one
/// worker or four, over lines enough for several batches with a bad line and a blank one among
/// them, the written lines are those of `extract --jsonl` in input order, byte for byte, the
/// bad line is named by its number, and the runs count alike. (Their search answers may order
/// hits of equal score differently: four workers get two indexing threads, and so other
/// segments.)
#[test]
fn lines_enriched_by_several_workers_are_written_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    // The fixture articles eight times over, each copy's title marked (new content, so every
    // line is enriched), a malformed line and a blank one after the first 40 lines.
    let base = morgue()
        .args(["extract", "--jsonl"])
        .arg(fixtures().join("articles"))
        .output()
        .unwrap();
    assert!(base.status.success(), "{}", stderr(&base));
    let mut feed: Vec<String> = Vec::new();
    for k in 0..8 {
        for line in stdout(&base).lines() {
            let a: Value = serde_json::from_str(line).unwrap();
            let title = format!("{} ({k})", a["title"].as_str().unwrap());
            let plain = serde_json::json!({"title": title, "text": a["body"], "date": a["date"]});
            feed.push(plain.to_string());
        }
    }
    assert_eq!(feed.len(), 88);
    feed.insert(40, "{\"title\": broken".to_string());
    feed.insert(41, String::new());
    let feed = feed.join("\n") + "\n";
    let extract = |extra: &[&str]| {
        let out = morgue()
            .args(["extract", "--jsonl", "--origin", "feed"])
            .args(extra)
            .arg("-")
            .write_stdin(feed.as_bytes())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        out.stdout
    };
    let plain = extract(&["--no-enrich"]);
    let enriched: String = stdout_of(&extract(&[]))
        .lines()
        .filter(|l| !l.starts_with("{\"error\""))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(enriched.lines().count(), 88);
    let mut reports = Vec::new();
    for threads in ["1", "4"] {
        let (ix, tee) = (
            dir.path().join(threads),
            dir.path().join(format!("{threads}.jsonl")),
        );
        let out = morgue()
            .args(["index", "--json", "--threads", threads, "--index"])
            .arg(&ix)
            .args(["--enriched", "-", "--write-enriched"])
            .arg(&tee)
            .write_stdin(plain.as_slice())
            .output()
            .unwrap();
        // The bad line (an error line of the extract) is a failure of the run, named by its
        // line number; the rest is indexed.
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let mut report = json(&out);
        assert_eq!(report["indexed"].as_u64(), Some(88), "{report}");
        report.as_object_mut().unwrap().remove("seconds");
        assert!(
            stderr(&out).contains("line 41: an error line"),
            "{}",
            stderr(&out)
        );
        assert_eq!(stdout_of(&std::fs::read(&tee).unwrap()), enriched);
        reports.push(report);
    }
    assert_eq!(reports[0], reports[1]);
}

fn stdout_of(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
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

/// Enriched lines into `k` shard indexes under `root/shards/`, a line's shard chosen by `pick`
/// (from the line and its position); returns the shard folders.
fn build_shards(
    root: &Path,
    lines: &str,
    k: usize,
    pick: impl Fn(&Value, usize) -> usize,
) -> Vec<String> {
    let mut parts = vec![String::new(); k];
    for (i, line) in lines.lines().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let p = &mut parts[pick(&v, i) % k];
        p.push_str(line);
        p.push('\n');
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            assert!(!part.is_empty(), "shard {i} got no line");
            let dir = root.join("shards").join(format!("part-{i:05}"));
            let out = index_enriched(&dir, part.as_bytes());
            assert!(out.status.success(), "{}", stderr(&out));
            dir.display().to_string()
        })
        .collect()
}

/// The article file of an enriched line (its path without a record's `#N`).
fn file_of(v: &Value) -> String {
    let path = v["path"].as_str().unwrap();
    match v["record"].as_u64() {
        Some(n) => path.strip_suffix(&format!("#{n}")).unwrap().to_string(),
        None => path.to_string(),
    }
}

/// The fixtures indexed whole (`root/union`) and as three shards of consecutive files, as a
/// job's partitions are (`root/shards/part-*`): the union's folder and the shard folders.
fn fixture_shards(root: &Path) -> (String, Vec<String>) {
    let articles = fixtures().join("articles");
    let union = root.join("union");
    let direct = morgue()
        .args(["index", "--threads", "1", "--index"])
        .arg(&union)
        .arg(&articles)
        .output()
        .unwrap();
    assert!(direct.status.success(), "{}", stderr(&direct));
    let lines = stdout(
        &morgue()
            .args(["extract", "--jsonl"])
            .arg(&articles)
            .output()
            .unwrap(),
    );
    let files: Vec<String> = lines
        .lines()
        .map(|l| file_of(&serde_json::from_str(l).unwrap()))
        .collect();
    let mut order: Vec<&String> = files.iter().collect();
    order.dedup();
    let shard_of = |f: &String| order.iter().position(|o| *o == f).unwrap() * 3 / order.len();
    let parts = build_shards(root, &lines, 3, |v, _| shard_of(&file_of(v)));
    (union.display().to_string(), parts)
}

#[test]
fn shards_searched_as_one_answer_as_the_index_of_their_union() {
    let dir = tempfile::tempdir().unwrap();
    let (union, parts) = fixture_shards(dir.path());
    let folder = dir.path().join("shards").display().to_string();
    let want = answers(&union);
    for (ask, w) in &want {
        assert!(w.get("code").is_none(), "{ask}: {w}");
    }
    // The folder of shards, and the shards named one by one.
    for set in [
        vec![folder.as_str()],
        parts.iter().map(String::as_str).collect(),
    ] {
        let got = answers_of(&set);
        for ((ask, w), (_, g)) in want.iter().zip(&got) {
            assert_eq!(w, g, "{ask} over {set:?}");
        }
    }
    // The scores are the union's because the statistics are: a shard alone scores otherwise.
    let alone = json(&run(&["search", "--json", "--index", &parts[0], "said"]));
    let merged = json(&run(&["search", "--json", "--index", &folder, "said"]));
    let score_of = |r: &Value, id: &Value| {
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["id"] == *id)
            .map(|h| h["score"].as_f64().unwrap())
    };
    let id = &alone["hits"][0]["id"];
    assert_ne!(score_of(&alone, id), score_of(&merged, id), "{alone}");
    // `--index shards/*` as the shell expands it: one `--index` value, the other shards as the
    // first words of the query. They are shards, not words to find (which found nothing).
    for ask in [vec!["search", "said"], vec!["quotes"], vec!["entities"]] {
        let answer = |args: Vec<&str>| {
            let mut v = json(&run(&args));
            v.as_object_mut().unwrap().remove("seconds");
            v
        };
        let mut globbed = vec![ask[0], "--json", "--index"];
        globbed.extend(parts.iter().map(String::as_str));
        globbed.extend(&ask[1..]);
        let mut named = vec![ask[0], "--json", "--index", folder.as_str()];
        named.extend(&ask[1..]);
        let want = answer(named);
        assert!(want["total"].as_u64().unwrap() > 0, "{ask:?}: {want}");
        assert_eq!(
            answer(globbed),
            want,
            "{ask:?} over the shards as a glob gives them"
        );
    }
    // `show` finds each article in whichever shard holds it.
    let all = json(&run(&[
        "search", "--json", "-n", "100", "--index", &union, "*",
    ]));
    for h in all["hits"].as_array().unwrap() {
        let id = h["id"].as_str().unwrap();
        let one = json(&run(&["show", "--json", "--index", &union, id]));
        let set = json(&run(&["show", "--json", "--index", &folder, id]));
        assert_eq!(one, set, "show {id}");
    }
}

#[test]
fn bbc_in_three_shards_answers_as_one_index() {
    let Some(bbc) = crate::harness::shared("corpora/bbc") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Two of the five sections (927 articles) keep the test short.
    let out = morgue()
        .args(["extract", "--jsonl"])
        .args([bbc.join("politics"), bbc.join("business")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = stdout(&out);
    let union = dir.path().join("union");
    let built = index_enriched(&union, lines.as_bytes());
    assert!(built.status.success(), "{}", stderr(&built));
    // Shards by content id, so that the copies of an article meet in one shard and are
    // indexed once, as in the union.
    build_shards(dir.path(), &lines, 3, |v, _| {
        usize::from_str_radix(&v["id"].as_str().unwrap()[..4], 16).unwrap()
    });
    let union = union.display().to_string();
    let shards = dir.path().join("shards").display().to_string();
    let asks: [&[&str]; 8] = [
        &["search", "--facets", "blair election"],
        &["search", "-n", "10", "\"chief executive\" OR shares"],
        &["search", "-n", "10", "\"interest rates\""],
        &["search", "--person", "gordon brown", "-n", "10", "tax"],
        &["quotes", "-n", "300", "--speaker", "blair"],
        // Every hit (the totals are under 300): a speaker filter scores its quotes alike,
        // and a page boundary inside a tie may fall differently.
        &["quotes", "-n", "300", "economy"],
        &["entities", "--top", "20"],
        &["entities", "--kind", "org", "--top", "20", "profits"],
    ];
    for ask in asks {
        let get = |ix: &str| {
            let mut args: Vec<&str> = ask.to_vec();
            args.extend(["--json", "--index", ix]);
            if matches!(ask[0], "search" | "quotes" | "entities") {
                args.push("--no-collapse");
            }
            let out = run(&args);
            assert!(out.status.success(), "{ask:?}: {}", stderr(&out));
            let mut v = crate::harness::without_clusters(json(&out));
            v.as_object_mut().unwrap().remove("seconds");
            v
        };
        let (want, got) = (
            ties_in_one_order(get(&union)),
            ties_in_one_order(get(&shards)),
        );
        assert!(want["total"].as_u64().unwrap() > 0, "{ask:?}: {want}");
        assert_eq!(want, got, "{ask:?}");
    }
}

/// Hits of equal score in one order: the union orders them by document, the shards by shard
/// (BBC holds near-copies that score the same).
fn ties_in_one_order(mut v: Value) -> Value {
    if let Some(hits) = v.get_mut("hits").and_then(Value::as_array_mut) {
        hits.sort_by(|a, b| {
            let score = |h: &Value| h["score"].as_f64().unwrap_or(0.0);
            score(b)
                .total_cmp(&score(a))
                .then_with(|| a.to_string().cmp(&b.to_string()))
        });
    }
    v
}

#[test]
fn serve_over_shards_answers_as_over_their_union() {
    use crate::serve::{get, serve};
    let dir = tempfile::tempdir().unwrap();
    let (union, _) = fixture_shards(dir.path());
    let one = serve(Path::new(&union), "127.0.0.1:0");
    let set = serve(&dir.path().join("shards"), "127.0.0.1:0");
    assert!(set.banner.contains("shards"), "{}", set.banner);
    let body = |addr: &str, target: &str| {
        let (status, _, body) = get(addr, target);
        assert_eq!(status, 200, "{target}: {}", String::from_utf8_lossy(&body));
        body
    };
    let api = |addr: &str, target: &str| {
        let v: Value = serde_json::from_slice(&body(addr, target)).unwrap();
        let mut v = crate::harness::without_clusters(v);
        if let Some(o) = v.as_object_mut() {
            o.remove("seconds");
        }
        v
    };
    for target in [
        "/api/search?q=said&facets=1&limit=50&collapse=0",
        "/api/search?q=*&sort=date&limit=100&collapse=0",
        "/api/quotes?limit=100&collapse=0",
        "/api/entities?limit=100&collapse=0",
        "/api/months?q=*",
        "/api/months?q=*&of=quotes&collapse=0",
    ] {
        assert_eq!(api(&one.addr, target), api(&set.addr, target), "{target}");
    }
    // Every article of the union opens through the set, with the same enrichment; its entity
    // and article pages answer.
    let all = api(&one.addr, "/api/search?q=*&limit=100");
    let hits = all["hits"].as_array().unwrap();
    assert!(hits.len() > 3, "{all}");
    for h in hits {
        let target = format!("/api/articles/{}", h["id"].as_str().unwrap());
        assert_eq!(api(&one.addr, &target), api(&set.addr, &target), "{target}");
        body(
            &set.addr,
            &format!("/articles/{}", h["id"].as_str().unwrap()),
        );
    }
    let people = api(&set.addr, "/api/entities?kind=person&limit=5");
    for e in people["entities"].as_array().unwrap() {
        let page = body(
            &set.addr,
            &format!("/entities/{}", e["id"].as_str().unwrap()),
        );
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains(e["name"].as_str().unwrap()), "{page}");
    }
    for page in ["/search?q=said", "/quotes?q=*", "/entities"] {
        body(&set.addr, page);
    }
}
