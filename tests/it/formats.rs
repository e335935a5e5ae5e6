//! Input formats beyond plain text, JSON and HTML: Reuters SGML, NITF, NewsML-G2, RSS, Atom,
//! and plain-text files that are not articles. Fixtures in `fixtures/formats` (written for the
//! project); the Reuters-21578 corpus when `../shared` is present.

use serde_json::Value;

use crate::harness::{fixtures, index, ix, json, run, shared, stderr, stdout};

/// The one hit of a search, as JSON.
fn only_hit(dir: &tempfile::TempDir, query: &str) -> Value {
    let out = run(&["search", "--index", &ix(dir), "--json", query]);
    let r = json(&out);
    assert_eq!(r["total"], 1, "{query}: {r}");
    r["hits"][0].clone()
}

#[test]
fn every_format_indexes_with_titles_dates_and_bodies() {
    let (dir, out) = index(&[&fixtures().join("formats")]);
    let r = json(&out);
    let err = stderr(&out);
    // wire.sgm: 3 stories and an empty one (a skipped record); the NITF and NewsML files one
    // each; the RSS and Atom feeds two items each; the WARC two HTML responses among six records.
    assert_eq!(r["articles"], 11, "{r}\n{err}");
    assert_eq!(r["indexed"], 11, "{r}\n{err}");
    assert_eq!(r["records_skipped"], 5, "{r}");
    // The word list and the XML catalog are not articles; no file fails.
    assert_eq!(r["skipped"], 2, "{err}");
    assert_eq!(r["failed"], 0, "{err}");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        err.contains("exchanges.txt: not an article: a word list"),
        "{err}"
    );
    assert!(
        err.contains("catalog.xml: not an article: XML whose root element <catalog>"),
        "{err}"
    );

    let cases = [
        (
            "barley",
            "PRAIRIE BARLEY GROWERS PLANT EARLY",
            "1987-03-04",
            "wire.sgm#101",
        ),
        (
            "dividend",
            "LAKESIDE TOOLS <LKT> SETS QUARTERLY DIVIDEND",
            "1987-03-04",
            "wire.sgm#102",
        ),
        (
            "dredging OR debate",
            "Council approves harbour plan",
            "2016-03-03",
            "harbour.nitf",
        ),
        (
            "smudge",
            "Frost spares valley orchards",
            "2016-04-01",
            "orchard.xml",
        ),
        (
            "fuel",
            "Ferry fares & timetables change",
            "2016-05-03",
            "gazette.rss#1",
        ),
        (
            "lighthouse",
            "Lighthouse reopens to visitors",
            "2016-05-07",
            "gazette.rss#2",
        ),
        (
            "crowds",
            "Dam opens after decade of work",
            "2016-05-31",
            "valley.atom#1",
        ),
        (
            "drought",
            "Rain returns to the valley",
            "2016-06-02",
            "valley.atom#2",
        ),
    ];
    for (query, title, date, path) in cases {
        let hit = only_hit(&dir, query);
        assert_eq!(hit["title"], title, "{query}");
        assert!(
            hit["date"].as_str().unwrap().starts_with(date),
            "{query}: {hit}"
        );
        assert!(
            hit["path"].as_str().unwrap().ends_with(path),
            "{query}: {hit}"
        );
    }
    // Reuters codes are kept as tags: the story about barley carries its topic.
    let out = run(&[
        "search",
        "--index",
        &ix(&dir),
        "--json",
        "ferry AND traffic",
    ]);
    assert_eq!(json(&out)["total"], 1, "the UNPROC story is indexed");
}

#[test]
fn reuters_21578_accounts_for_every_story() {
    let Some(corpus) = shared("corpora/reuters21578") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = run(&[
        "index",
        "--json",
        "--no-enrich",
        "--index",
        &dir.path().join("ix").display().to_string(),
        &corpus.display().to_string(),
    ]);
    let r = json(&out);
    let err = stderr(&out);
    // Every story is an article or a skipped record (one empty story); no file fails, so the
    // run exits 0.
    assert_eq!(
        r["articles"].as_u64().unwrap() + r["records_skipped"].as_u64().unwrap_or(0),
        21_578,
        "{r}\n{err}"
    );
    assert_eq!(r["records_skipped"], 1, "{r}");
    assert_eq!(
        (r["failed"].as_u64(), out.status.code()),
        (Some(0), Some(0)),
        "{err}"
    );
    // The eight auxiliary .txt files, the DTD and SOURCE.md are skipped, each with a reason.
    for aux in [
        "README.txt",
        "all-exchanges-strings.lc.txt",
        "all-orgs-strings.lc.txt",
        "all-people-strings.lc.txt",
        "all-places-strings.lc.txt",
        "all-topics-strings.lc.txt",
        "cat-descriptions_120396.txt",
        "feldman-cia-worldfactbook-data.txt",
    ] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("morgue: skipped:") && l.contains(aux)),
            "{aux} not skipped:\n{err}"
        );
    }
    // Every story has a DATE: every indexed article is dated.
    let ixp = dir.path().join("ix").display().to_string();
    let all = json(&run(&[
        "search", "--index", &ixp, "--json", "--limit", "0", "said",
    ]));
    let dated = json(&run(&[
        "search", "--index", &ixp, "--json", "--limit", "0", "--since", "1987", "said",
    ]));
    assert!(all["total"].as_u64().unwrap() > 10_000);
    assert_eq!(all["total"], dated["total"]);
}

#[test]
fn dates_come_from_file_names_and_date_folders_unless_turned_off() {
    let src = tempfile::tempdir().unwrap();
    let folder = src.path().join("2016/03/07");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("budget.txt"),
        "Budget passes\n\nThe budget passed.\n",
    )
    .unwrap();
    std::fs::write(
        src.path().join("paper_2015-11-11_rally.txt"),
        "Rally held\n\nA rally was held in the square.\n",
    )
    .unwrap();
    std::fs::write(
        src.path().join("undated.txt"),
        "Quiet day\n\nNothing was held.\n",
    )
    .unwrap();
    let (dir, out) = index(&[src.path()]);
    assert_eq!(json(&out)["indexed"], 3, "{}", stderr(&out));
    assert_eq!(only_hit(&dir, "budget")["date"], "2016-03-07");
    assert_eq!(only_hit(&dir, "rally")["date"], "2015-11-11");

    // A date filter that meets undated articles says how many it left out.
    let ixp = ix(&dir);
    let out = run(&[
        "search", "--index", &ixp, "--json", "--since", "2015", "held",
    ]);
    assert_eq!(json(&out)["total"], 1);
    assert!(
        stderr(&out).contains("1 of 2 matching articles have no date"),
        "{}",
        stderr(&out)
    );

    let off = tempfile::tempdir().unwrap();
    let offix = off.path().join("ix").display().to_string();
    let out = run(&[
        "index",
        "--json",
        "--no-date-from-path",
        "--index",
        &offix,
        &src.path().display().to_string(),
    ]);
    assert_eq!(json(&out)["indexed"], 3);
    let out = run(&["search", "--index", &offix, "--json", "budget"]);
    assert_eq!(json(&out)["hits"][0]["date"], Value::Null);
}

#[test]
fn a_run_that_finds_no_article_says_so() {
    let (_dir, out) = index(&[&fixtures().join("formats/aux")]);
    assert_eq!(json(&out)["articles"], 0);
    assert!(
        stderr(&out).contains("warning: 0 articles from 2 files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_german_article_is_identified_and_not_run_through_the_english_models() {
    let dir = tempfile::tempdir().unwrap();
    let de = dir.path().join("hafen.txt");
    std::fs::write(
        &de,
        "Neues Fährterminal in Rostock\n\n\
         Die Hafenbehörde teilte am Dienstag mit, dass das neue Fährterminal im nächsten Frühjahr \
         öffnen werde. „Wir haben die Arbeiten bezahlt“, sagte Bürgermeisterin Anna Weber. Die \
         Fischer im alten Hafen sind besorgt über den Lärm und den Verkehr auf der Küstenstraße, \
         der sich nicht verringern wird. Der Betreiber Nordsee Fähren und die Stadt wollen im \
         Sommer jede Stunde eine Fähre fahren lassen, auch wenn die Kosten für das Projekt \
         weiter steigen und die Bauarbeiten nicht vor dem Herbst beendet sein werden.\n",
    )
    .unwrap();
    let en = dir.path().join("harbour.txt");
    std::fs::write(
        &en,
        "New ferry terminal in Rostock\n\n\
         The harbour authority said on Tuesday that the new ferry terminal would open next \
         spring. \"We paid for the work,\" said Mayor Anna Weber. Fishermen in the old port said \
         they were worried about the noise and the traffic on the coast road, which will not \
         fall. The operator and the city want a ferry every hour in the summer, even though the \
         cost of the project keeps rising and the work will not be finished before the autumn.\n",
    )
    .unwrap();
    let out = run(&[
        "extract",
        "--json",
        &de.display().to_string(),
        &en.display().to_string(),
    ]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["lang"], "de", "{}", lines[0]);
    assert_eq!(lines[0]["entities"].as_array().unwrap().len(), 0);
    assert_eq!(lines[0]["quotes"].as_array().unwrap().len(), 0);
    assert_eq!(lines[1]["lang"], "en");
    assert!(!lines[1]["quotes"].as_array().unwrap().is_empty());
    assert!(lines[1]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["canonical"] == "Anna Weber"));
}
