//! Query-side behaviour on the bundled fixtures, with snapshot output (insta): every flag and
//! field of `search`, `quotes` and `entities`, in human, JSON and CSV form. Paths and timings
//! are redacted so snapshots are the same on every machine.

use crate::harness::{fixture_index, fixtures, morgue, stderr};

/// Run a query command against the fixture index; stdout with paths and timings redacted.
fn q(args: &[&str]) -> String {
    redact(&raw(args))
}

fn raw(args: &[&str]) -> String {
    let out = morgue()
        .args(args)
        .arg("--index")
        .arg(fixture_index().join("ix"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn redact(s: &str) -> String {
    let fixtures = fixtures().join("articles");
    let canonical = fixtures.canonicalize().unwrap_or(fixtures);
    let mut out = s.replace(&canonical.display().to_string(), "[fixtures]");
    // "(3 ms)" timings and JSON scores vary between runs and machines.
    for (open, close) in [(" (", " ms)"), ("\"score\":", ",")] {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            match after.find(close) {
                Some(j)
                    if after[..j]
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == 'e') =>
                {
                    result.push_str(&rest[..i + open.len()]);
                    result.push('_');
                    rest = &after[j..];
                }
                _ => {
                    result.push_str(&rest[..i + open.len()]);
                    rest = after;
                }
            }
        }
        result.push_str(rest);
        out = result;
    }
    out
}

/// A query command's JSON output.
fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&raw(args)).unwrap()
}

#[test]
fn seed_speaker_and_word_returns_exactly_the_deterrence_quote() {
    let v = json(&["quotes", "--json", "--speaker", "stoltenberg", "deterrence"]);
    assert_eq!(v["total"], 1, "{v}");
    let hit = &v["hits"][0];
    assert!(
        hit["text"]
            .as_str()
            .unwrap()
            .starts_with("This is deterrence, not aggression"),
        "{hit}"
    );
    assert_eq!(hit["speaker"], "Jens Stoltenberg");
}

#[test]
fn seed_peskov_has_his_two_quotes() {
    let v = json(&["quotes", "--json", "--speaker", "peskov"]);
    assert_eq!(v["total"], 2, "{v}");
    let texts: Vec<&str> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert!(texts.iter().any(|t| t.contains("détente")), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("bigger and bigger")),
        "{texts:?}"
    );
}

#[test]
fn facets_over_nato_articles_count_stoltenberg() {
    let v = json(&["search", "--json", "--facets", "org:NATO"]);
    let persons = v["facets"]["persons"].as_array().unwrap();
    assert!(
        persons.iter().any(|p| p["name"] == "Jens Stoltenberg"),
        "{v}"
    );
}

#[test]
fn search_by_entity_fields() {
    insta::assert_snapshot!(
        "search_org_person",
        q(&["search", "org:NATO person:stoltenberg"])
    );
    insta::assert_snapshot!(
        "search_place_flag",
        q(&["search", "--place", "russia", "*"])
    );
    insta::assert_snapshot!(
        "search_person_flag",
        q(&["search", "--person", "trump", "--json", "*"])
    );
    insta::assert_snapshot!("search_speaker_field", q(&["search", "speaker:peskov"]));
    insta::assert_snapshot!(
        "search_org_flag",
        q(&["search", "--org", "nato", "--facets", "*"])
    );
}

#[test]
fn search_by_section_date_and_text_fields() {
    insta::assert_snapshot!(
        "search_section",
        q(&["search", "--section", "science", "--sort", "date", "*"])
    );
    insta::assert_snapshot!(
        "search_since_until",
        q(&[
            "search",
            "--since",
            "2016-10-01",
            "--until",
            "2016-11-30",
            "--json",
            "*"
        ])
    );
    insta::assert_snapshot!(
        "search_date_field",
        q(&["search", "date:[2016-07-01 TO 2016-09-30]"])
    );
    insta::assert_snapshot!(
        "search_title_body",
        q(&["search", "title:festival OR body:freight"])
    );
    insta::assert_snapshot!("search_quote_field_phrase", q(&["search", "\"old docks\""]));
    insta::assert_snapshot!(
        "search_facets_json",
        q(&["search", "--json", "--facets", "--limit", "1", "*"])
    );
}

#[test]
fn quotes_in_every_output_form() {
    insta::assert_snapshot!("quotes_speaker", q(&["quotes", "--speaker", "stoltenberg"]));
    insta::assert_snapshot!(
        "quotes_json",
        q(&["quotes", "--json", "--speaker", "peskov"])
    );
    insta::assert_snapshot!("quotes_csv", q(&["quotes", "--csv", "--limit", "50"]));
    insta::assert_snapshot!("quotes_org", q(&["quotes", "--org", "nato"]));
    insta::assert_snapshot!(
        "quotes_dates",
        q(&[
            "quotes",
            "--since",
            "2016-09-01",
            "--until",
            "2016-12-31",
            "--sort",
            "date"
        ])
    );
    insta::assert_snapshot!("quotes_quote_field", q(&["quotes", "quote:aggression"]));
    insta::assert_snapshot!("quotes_section", q(&["quotes", "--section", "business"]));
}

#[test]
fn quotes_kind_filter_separates_reported_speech() {
    let all = json(&["quotes", "--json", "--limit", "100"]);
    let direct = json(&["quotes", "--json", "--kind", "direct", "--limit", "100"]);
    let indirect = json(&["quotes", "--json", "--kind", "indirect", "--limit", "100"]);
    let total = |v: &serde_json::Value| v["total"].as_u64().unwrap();
    assert_eq!(total(&all), total(&direct) + total(&indirect));
    let hits = indirect["hits"].as_array().unwrap();
    // "Ms Saar said the pact would be reviewed after one year." — reported, with its speaker.
    assert!(
        hits.iter().any(|h| h["speaker"] == "Kadri Saar"
            && h["text"] == "the pact would be reviewed after one year"),
        "{indirect}"
    );
    // Every reported quote names its speaker, or says its source is a description
    // ("officials said…") or a tagged span whose source is not next to it: no speaker, never
    // a guess.
    assert!(
        hits.iter().all(|h| h["kind"] == "indirect"
            && (h["speaker"].is_string()
                || h["how"] == "reported-description"
                || h["how"] == "reported-span")),
        "{indirect}"
    );
    assert!(
        hits.iter().any(|h| h["how"] == "reported-description"),
        "{indirect}"
    );
    let dhits = direct["hits"].as_array().unwrap();
    assert!(dhits.iter().all(|h| h["kind"] == "direct"), "{direct}");
}

#[test]
fn entities_listings() {
    insta::assert_snapshot!(
        "entities_person",
        q(&["entities", "--kind", "person", "--top", "5"])
    );
    insta::assert_snapshot!(
        "entities_org_json",
        q(&["entities", "--kind", "org", "--top", "5", "--json"])
    );
    insta::assert_snapshot!(
        "entities_comention",
        q(&["entities", "--top", "8", "person:peskov"])
    );
    insta::assert_snapshot!(
        "entities_place_section",
        q(&["entities", "--kind", "place", "--section", "world"])
    );
}

#[test]
fn a_kind_given_twice_is_counted_once() {
    let once = json(&["entities", "--json", "--kind", "person", "--top", "5"]);
    let twice = json(&[
        "entities", "--json", "--kind", "person", "--kind", "person", "--top", "5",
    ]);
    assert!(once["total"].as_u64().unwrap() > 0, "{once}");
    assert_eq!(once["entities"], twice["entities"]);
    assert_eq!(once["total"], twice["total"]);
}
