//! A JSON Lines file over `--max-file-size` (issue 22): read a line at a time, the cap applying
//! to each line, with the outcomes the same file gets when it is read whole.

use std::io::Write;
use std::path::Path;

use serde_json::Value;

use crate::harness::{json, run, stderr};

/// The cap the streamed runs pass: far below the file, above every line but one.
const CAP: usize = 4096;

/// A feed of `n` short articles written for this test, a malformed line, blank lines, `\r\n`
/// ends, and one article line longer than [`CAP`] (token `overcaptoken`).
fn feed(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..n {
        let body = format!(
            "The harbour board met on day {i}. \\u201cWe will rebuild the pier,\\u201d said \
             Maria Lindqvist, the board's chair. Token streamtoken{i} and harbourboard."
        );
        let end = if i % 3 == 0 { "\r\n" } else { "\n" };
        write!(
            out,
            r#"{{"title":"Harbour story {i}","body":"{body}"}}{end}"#
        )
        .unwrap();
        if i == 10 {
            out.extend_from_slice(b"{not json\n\n   \n");
        }
    }
    let long = "word ".repeat(CAP / 4);
    writeln!(
        out,
        r#"{{"title":"Long one","body":"{long} overcaptoken"}}"#
    )
    .unwrap();
    write!(out, r#"{{"title":"Last story","body":"Token laststory."}}"#).unwrap();
    out
}

fn index(dir: &Path, name: &str, corpus: &Path, cap: Option<usize>) -> (String, Value, String) {
    let ix = dir.join(name).display().to_string();
    let cap = cap.map(|c| c.to_string());
    let mut args = vec!["index", "--json", "--index", &ix];
    if let Some(c) = &cap {
        args.extend(["--max-file-size", c]);
    }
    let corpus = corpus.display().to_string();
    args.push(&corpus);
    let out = run(&args);
    let err = stderr(&out);
    (ix, json(&out), err)
}

fn search(ix: &str, q: &str) -> Vec<Value> {
    let out = run(&["search", "--json", "--limit", "1000", "--index", ix, q]);
    let mut hits: Vec<Value> = json(&out)["hits"].as_array().unwrap().clone();
    for h in &mut hits {
        // The copies live in different folders; the gzip copy's name ends in `.gz`.
        let path = h["path"].as_str().unwrap().replace(".gz#", "#");
        h["path"] = Value::from(path.rsplit('/').next().unwrap());
        // Scores differ by the long line, an article only in the index read whole.
        h.as_object_mut().unwrap().remove("score");
    }
    hits
}

#[test]
fn a_jsonl_file_over_the_cap_is_indexed_line_by_line_as_it_is_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let (whole, streamed, zipped) = (
        tmp.path().join("whole"),
        tmp.path().join("streamed"),
        tmp.path().join("zipped"),
    );
    // More articles than one streamed batch holds (32), so batches reach the writer before
    // the file's last one.
    let n = 600;
    let bytes = feed(n);
    assert!(bytes.len() > 2 * CAP);
    for d in [&whole, &streamed, &zipped] {
        std::fs::create_dir(d).unwrap();
    }
    std::fs::write(whole.join("feed.jsonl"), &bytes).unwrap();
    std::fs::write(streamed.join("feed.jsonl"), &bytes).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    std::fs::write(zipped.join("feed.jsonl.gz"), gz.finish().unwrap()).unwrap();

    let (ix_w, rep_w, err_w) = index(tmp.path(), "ix-w", &whole, None);
    let (ix_s, rep_s, err_s) = index(tmp.path(), "ix-s", &streamed, Some(CAP));
    let (ix_z, rep_z, err_z) = index(tmp.path(), "ix-z", &zipped, Some(CAP));
    // Read whole, the long line is an article; streamed, it is a bad record over the cap.
    assert_eq!(rep_w["articles"], n + 2, "{err_w}");
    for (rep, err) in [(&rep_s, &err_s), (&rep_z, &err_z)] {
        assert_eq!(rep["files_seen"], 1, "{err}");
        assert_eq!(rep["articles"], n + 1, "{err}");
        assert_eq!(rep["indexed"], n + 1, "{err}");
        assert_eq!(rep["failed"], 1, "{err}");
        assert!(err.contains("2 bad record(s)"), "{err}");
        assert!(err.contains("line 12: malformed JSON"), "{err}");
        let long = format!("line {}: longer than the 4096-byte cap", n + 4);
        assert!(err.contains(&long), "{err}");
    }
    assert!(err_w.contains("line 12: malformed JSON"), "{err_w}");
    // The same articles, paths (line numbers), ids, entities and quotes either way.
    for q in [
        "harbourboard",
        "streamtoken599",
        "laststory",
        "speaker:lindqvist",
    ] {
        let w = search(&ix_w, q);
        assert!(!w.is_empty(), "{q}");
        assert_eq!(w, search(&ix_s, q), "{q}");
        assert_eq!(
            w,
            search(&ix_z, q)
                .iter()
                .map(|h| {
                    let mut h = h.clone();
                    h["path"] = Value::from(h["path"].as_str().unwrap().replace(".gz", ""));
                    h
                })
                .collect::<Vec<_>>(),
            "{q}"
        );
    }
    assert_eq!(search(&ix_w, "overcaptoken").len(), 1);
    assert!(search(&ix_s, "overcaptoken").is_empty());
    let quotes =
        |ix: &str| json(&run(&["quotes", "--json", "--index", ix, "pier"]))["total"].clone();
    assert_eq!(quotes(&ix_w), quotes(&ix_s));

    // Run again: every article is unchanged, none removed.
    let (_, again, err) = index(tmp.path(), "ix-s", &streamed, Some(CAP));
    assert_eq!(again["unchanged"], n + 1, "{err}");
    assert_eq!(again["indexed"], 0, "{err}");
    assert_eq!(again["removed"], 0, "{err}");
}
