//! `morgue export` (issue 21): what it writes is every article and quote of the index, in the
//! shapes the engine's own configuration declares, with the names and speaker ids the CLI gives.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::Value;

use crate::harness::{fixture_index, json, run, stderr, stdout};

fn lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// The audit's article and quote counts of the fixture index.
fn audited() -> (usize, usize) {
    let ix = fixture_index().join("ix");
    let a = json(&run(&["audit", "--json", "--index", ix.to_str().unwrap()]));
    let n = |k: &str| {
        a["counts"][k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in {a}")) as usize
    };
    (n("articles"), n("quotes"))
}

fn export(to: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let ix = fixture_index().join("ix");
    let o = run(&[
        "export",
        "--index",
        ix.to_str().unwrap(),
        "--to",
        to,
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("load them with:"), "{}", stdout(&o));
    out
}

/// Every key a document has is declared by the engine's configuration.
fn declared(keys: impl Iterator<Item = String>, declares: impl Fn(&str) -> bool, what: &str) {
    for k in keys {
        assert!(declares(&k), "{what}: `{k}` is not in the configuration");
    }
}

#[test]
fn quickwit_export_holds_every_article_and_quote_as_its_config_declares() {
    let (articles, quotes) = audited();
    let out = export("quickwit");
    let a = lines(&out.path().join("articles.ndjson"));
    let q = lines(&out.path().join("quotes.ndjson"));
    assert_eq!((a.len(), q.len()), (articles, quotes));
    for (docs, config) in [(&a, "articles.index.yaml"), (&q, "quotes.index.yaml")] {
        let yaml = std::fs::read_to_string(out.path().join(config)).unwrap();
        let keys: BTreeSet<String> = docs
            .iter()
            .flat_map(|d| d.as_object().unwrap().keys().cloned())
            .collect();
        declared(
            keys.into_iter(),
            |k| yaml.contains(&format!("name: {k},")) || yaml.contains(&format!("name: {k}\n")),
            config,
        );
    }
    // Article ids are unique; each quote names an exported article.
    let ids: BTreeSet<&str> = a.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), a.len());
    for d in &q {
        assert!(ids.contains(d["article_id"].as_str().unwrap()), "{d}");
    }
}

#[test]
fn elasticsearch_export_is_bulk_pairs_under_mappings_that_declare_every_field() {
    let (articles, quotes) = audited();
    let out = export("elasticsearch");
    for (stream, expected) in [("articles", articles), ("quotes", quotes)] {
        let mapping: Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join(format!("{stream}.mapping.json"))).unwrap(),
        )
        .unwrap();
        let props = mapping["mappings"]["properties"].as_object().unwrap();
        let bulk = lines(&out.path().join(format!("{stream}.bulk-0001.ndjson")));
        assert_eq!(bulk.len(), 2 * expected, "{stream}");
        for pair in bulk.chunks(2) {
            assert_eq!(pair[0]["index"]["_index"], format!("morgue-{stream}"));
            assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
            declared(
                pair[1].as_object().unwrap().keys().cloned(),
                |k| props.contains_key(k),
                stream,
            );
        }
    }
}

#[test]
fn exported_quotes_carry_the_speakers_and_ids_quotes_json_gives() {
    let out = export("quickwit");
    let exported = lines(&out.path().join("quotes.ndjson"));
    let ix = fixture_index().join("ix");
    let cli = json(&run(&[
        "quotes",
        "--json",
        "--limit",
        "1000",
        "--index",
        ix.to_str().unwrap(),
    ]));
    let hits = cli["hits"].as_array().unwrap_or_else(|| panic!("{cli}"));
    assert_eq!(hits.len(), exported.len());
    // (path, text) → (speaker, speaker_id), as the CLI lists them.
    let listed: HashMap<(String, String), (Value, Value)> = hits
        .iter()
        .map(|h| {
            (
                (h["path"].to_string(), h["text"].to_string()),
                (h["speaker"].clone(), h["speaker_id"].clone()),
            )
        })
        .collect();
    let mut named = 0;
    for d in &exported {
        let key = (d["path"].to_string(), d["text"].to_string());
        let (speaker, id) = listed.get(&key).unwrap_or_else(|| panic!("{d}"));
        assert_eq!((&d["speaker"], &d["speaker_id"]), (speaker, id), "{d}");
        named += usize::from(!speaker.is_null());
    }
    assert!(named > 10, "only {named} exported quotes have a speaker");
}

#[test]
fn export_into_a_file_is_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let ix = fixture_index().join("ix");
    let o = run(&[
        "export",
        "--index",
        ix.to_str().unwrap(),
        "--to",
        "quickwit",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("not-a-folder"), "{err}");
}
