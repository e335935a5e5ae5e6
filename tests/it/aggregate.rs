//! Aggregate questions on a corpus written here, whose quotes and names are known: `quotes
//! --facets`, `--count-by` on `search` and `quotes` (human, JSON, CSV, each equal to counting
//! the hits by hand), `entities QUERY` counting quotes only within the query, `--fields`, and
//! CSV cells that a spreadsheet would run as formulas.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::harness::{json, run, stderr, stdout};

/// Three articles in two sections and three months; Gordon Brown is quoted twice about the
/// economy, and named (never quoted) in the sport story.
fn corpus() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("c");
    let write = |rel: &str, title: &str, date: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let a = serde_json::json!({"title": title, "date": date, "text": text});
        std::fs::write(path, a.to_string()).unwrap();
    };
    write(
        "politics/a.json",
        "Brown sets out budget plans",
        "2016-03-05",
        "Chancellor Gordon Brown set out his budget on Tuesday.\n\n\"The economy is growing faster than anyone expected,\" said Gordon Brown.\n\n\"The economy will need inflation to fall next year,\" Mr Brown told MPs.\n\nPrime Minister Tony Blair backed him. \"The economy needs more investment in schools,\" said Tony Blair.",
    );
    write(
        "politics/b.json",
        "Tories attack budget",
        "2016-04-10",
        "Conservative leader Michael Howard criticised the budget.\n\n\"The economy is weaker than the chancellor admits,\" said Michael Howard.\n\n\"The economy has been mismanaged for years,\" Tory spokesman Oliver Letwin said.",
    );
    write(
        "sport/c.json",
        "Arsenal lift the cup",
        "2015-01-01",
        "Arsenal won the cup final on Saturday, watched by Gordon Brown.\n\n\"We won the cup because we never gave up,\" said Arsene Wenger.\n\n\"=SUM(A1:A9) was our score today,\" said Thierry Henry.",
    );
    let ix = tmp.path().join("ix").display().to_string();
    let out = run(&["index", "--index", &ix, &root.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (tmp, ix)
}

fn counts(v: &Value) -> Vec<(String, u64)> {
    v["counts"]
        .as_array()
        .unwrap_or_else(|| panic!("{v}"))
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn quotes_facets_answer_who_is_quoted_most_about_a_subject() {
    let (_t, ix) = corpus();
    let v = json(&run(&[
        "quotes", "--facets", "--json", "--index", &ix, "economy",
    ]));
    assert_eq!(v["total"], 5, "{v}");
    let speakers = &v["facets"]["speakers"];
    assert_eq!(speakers[0]["name"], "Gordon Brown", "{v}");
    assert_eq!(speakers[0]["count"], 2, "{v}");
    assert_eq!(speakers.as_array().unwrap().len(), 4, "{v}");
    // Persons come from the quotes' articles: Brown's article holds three of the five quotes.
    let persons = &v["facets"]["persons"];
    assert_eq!(persons[0]["name"], "Gordon Brown", "{v}");
    assert_eq!(persons[0]["count"], 3, "{v}");
    assert!(
        !persons
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["name"] == "Arsene Wenger"),
        "the sport story has no matching quote: {v}"
    );
    let sections = &v["facets"]["sections"];
    assert_eq!(sections[0]["name"], "politics");
    assert_eq!(sections[0]["count"], 5);
    let human = stdout(&run(&["quotes", "--facets", "--index", &ix, "economy"]));
    assert!(human.contains("speakers: Gordon Brown (2)"), "{human}");
    // Without --facets the JSON keeps its old shape.
    let plain = json(&run(&["quotes", "--json", "--index", &ix, "economy"]));
    assert!(plain.get("facets").is_none(), "{plain}");
}

#[test]
fn count_by_equals_counting_the_hits_by_hand() {
    let (_t, ix) = corpus();
    let all = json(&run(&["quotes", "--json", "-n", "100", "--index", &ix]));
    let mut by_speaker: BTreeMap<String, u64> = BTreeMap::new();
    let mut by_month: BTreeMap<String, u64> = BTreeMap::new();
    for h in all["hits"].as_array().unwrap() {
        *by_speaker
            .entry(h["speaker"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
        *by_month
            .entry(h["date"].as_str().unwrap()[..7].to_string())
            .or_default() += 1;
    }
    let v = json(&run(&[
        "quotes",
        "--count-by",
        "speaker",
        "--json",
        "--index",
        &ix,
    ]));
    assert_eq!(
        (v["of"].as_str(), v["by"].as_str()),
        (Some("quotes"), Some("speaker"))
    );
    assert_eq!(v["total"], all["total"]);
    let got: BTreeMap<String, u64> = counts(&v).into_iter().collect();
    assert_eq!(got, by_speaker, "{v}");
    let c = counts(&v);
    assert!(c.windows(2).all(|w| w[0].1 >= w[1].1), "count order: {c:?}");

    let v = json(&run(&[
        "quotes",
        "--count-by",
        "month",
        "--json",
        "--index",
        &ix,
    ]));
    let months = counts(&v);
    assert_eq!(
        months,
        by_month.into_iter().collect::<Vec<_>>(),
        "time order"
    );
    let v = json(&run(&[
        "search",
        "--count-by",
        "year",
        "--json",
        "--index",
        &ix,
        "*",
    ]));
    assert_eq!(
        counts(&v),
        [("2015".to_string(), 1), ("2016".to_string(), 2)]
    );
    assert_eq!(v["without"], 0);
    let v = json(&run(&[
        "search",
        "--count-by",
        "person",
        "--json",
        "-n",
        "1",
        "--index",
        &ix,
        "*",
    ]));
    assert_eq!(counts(&v), [("Gordon Brown".to_string(), 2)], "{v}");
    assert!(v["distinct"].as_u64().unwrap() > 1, "{v}");

    let csv = stdout(&run(&[
        "search",
        "--count-by",
        "section",
        "--csv",
        "--index",
        &ix,
        "*",
    ]));
    assert_eq!(csv, "section,count\npolitics,2\nsport,1\n");
    let human = stdout(&run(&[
        "quotes",
        "--count-by",
        "speaker",
        "--index",
        &ix,
        "economy",
    ]));
    assert!(
        human.lines().nth(1).unwrap().starts_with("Gordon Brown"),
        "{human}"
    );
    assert!(
        human.contains("5 matching quotes, 0 without a speaker"),
        "{human}"
    );
}

#[test]
fn entities_count_quotes_within_the_query() {
    let (_t, ix) = corpus();
    let row = |v: &Value, name: &str| -> Value {
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} not in {v}"))
    };
    let everywhere = json(&run(&[
        "entities", "--json", "--kind", "person", "--index", &ix,
    ]));
    assert_eq!(row(&everywhere, "Gordon Brown")["quotes"], 2);
    assert_eq!(row(&everywhere, "Gordon Brown")["articles"], 2);
    // The sport story names Brown but quotes only Wenger and Henry.
    let cup = json(&run(&[
        "entities", "--json", "--kind", "person", "--index", &ix, "cup",
    ]));
    assert_eq!(row(&cup, "Gordon Brown")["quotes"], 0, "{cup}");
    assert_eq!(row(&cup, "Gordon Brown")["articles"], 1, "{cup}");
    assert_eq!(row(&cup, "Arsene Wenger")["quotes"], 1, "{cup}");
    // A filter scopes them too.
    let sport = json(&run(&[
        "entities",
        "--json",
        "--kind",
        "person",
        "--section",
        "sport",
        "--index",
        &ix,
    ]));
    assert_eq!(row(&sport, "Gordon Brown")["quotes"], 0, "{sport}");
}

#[test]
fn fields_pick_json_keys_and_csv_columns() {
    let (_t, ix) = corpus();
    let v = json(&run(&[
        "search",
        "--json",
        "--fields",
        "title,date",
        "--index",
        &ix,
        "budget",
    ]));
    for h in v["hits"].as_array().unwrap() {
        let keys: Vec<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["date", "title"], "{h}");
    }
    assert_eq!(v["total"], 2, "the envelope stays");
    let csv = stdout(&run(&[
        "quotes",
        "--csv",
        "--fields",
        "quote,speaker",
        "--index",
        &ix,
        "cup",
    ]));
    assert!(csv.starts_with("quote,speaker\n"), "{csv}");
    let out = run(&[
        "entities",
        "--json",
        "--fields",
        "name,nope",
        "--index",
        &ix,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("nope is not a field") && err.contains("aliases"),
        "{err}"
    );
    let out = run(&["search", "--fields", "title", "--index", &ix, "budget"]);
    assert_eq!(out.status.code(), Some(1), "--fields without --json/--csv");
    // Every documented JSON key exists on a hit.
    for (cmd, list) in [
        ("search", "id,path,title,date,section,score,snippet,highlights,persons,orgs,places,speakers,duplicates,url,source,authors"),
        ("quotes", "speaker,speaker_id,text,kind,highlights,cue,how,path,title,date,section,score,url,source,authors"),
    ] {
        let v = json(&run(&[cmd, "--json", "--fields", list, "--index", &ix, "economy"]));
        let keys = v["hits"][0].as_object().unwrap().len();
        assert_eq!(keys, list.split(',').count(), "{cmd}: {v}");
    }
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_neutralised() {
    let (_t, ix) = corpus();
    let csv = stdout(&run(&["quotes", "--csv", "--index", &ix, "score"]));
    assert!(
        csv.contains("Henry,\"'=SUM(A1:A9) was our score today,\""),
        "{csv}"
    );
    assert!(!csv.contains("\"=SUM"), "{csv}");
    // JSON keeps the text as stored.
    let v = json(&run(&["quotes", "--json", "--index", &ix, "score"]));
    assert!(
        v["hits"][0]["text"].as_str().unwrap().starts_with("=SUM"),
        "{v}"
    );
}
