//! Near-duplicate wire copy (`near_dup.rs`, `index/collapse.rs`): a story republished by other
//! outlets with another headline, a byline, a changed word and a trimmed paragraph is one
//! cluster; `search` shows it once, as its earliest copy, "also in N outlets"; `--no-collapse`
//! shows every copy; a copy indexed by a later run joins the cluster.

use std::path::Path;

use crate::harness::{index, ix, json, run, stdout};

/// A story written for this test (four paragraphs, a quote in the second).
const BRIDGE: [&str; 4] = [
    "The city council of Port Halvard voted on Tuesday to build a new tidal bridge across the \
     harbour mouth, ending a dispute that has divided fishermen and ferry operators for more \
     than a decade.",
    "\"We will build it, and we will build it to last a century,\" said Mayor Ana Lindqvist \
     after the vote, which passed by eleven votes to four in a late-night session.",
    "Opponents had argued that the bridge piers would change the currents that bring cod into \
     the inner harbour, and that the ferry company would lose its only profitable route to the \
     northern islands.",
    "Construction is expected to begin next spring and to cost about 240 million crowns, paid \
     for by a regional development fund and a toll on heavy goods vehicles for twenty years.",
];

/// An unrelated story on the same harbour, sharing some of its words.
const FERRY: &str = "Ferry passengers in Port Halvard faced long delays on Sunday after a \
     storm damaged the loading ramp at the northern terminal. The ferry company said repairs \
     would take at least three days, and that extra sailings from the southern quay would carry \
     cars and goods vehicles in the meantime. Fishermen in the inner harbour reported that \
     several small boats had broken their moorings during the night, and the coastguard \
     recovered two of them near the lighthouse on Monday morning.";

fn write(dir: &Path, rel: &str, title: &str, date: &str, source: &str, body: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let v = serde_json::json!({"title": title, "text": body, "date": date, "source": source});
    std::fs::write(path, v.to_string()).unwrap();
}

/// The original and two edited copies of the bridge story, and the ferry story.
fn corpus(dir: &Path) {
    let original = BRIDGE.join("\n\n");
    write(
        dir,
        "wire/bridge.json",
        "Port Halvard votes for tidal bridge",
        "2021-03-02T06:00:00Z",
        "Nordic Wire",
        &original,
    );
    // Another headline, a byline, one word changed, the last paragraph trimmed.
    let trimmed = format!(
        "By Lena Berg, Harbour Post\n\n{}",
        BRIDGE[..3].join("\n\n").replace("late-night", "stormy")
    );
    write(
        dir,
        "post/bridge-vote.json",
        "Council backs harbour bridge after decade of dispute",
        "2021-03-02T11:00:00Z",
        "Harbour Post",
        &trimmed,
    );
    let dateline = format!("(Island Times) - {original}\n\nEditing by Tom Okafor.");
    write(
        dir,
        "times/bridge.json",
        "UPDATE 1-Port Halvard votes for tidal bridge",
        "2021-03-02T09:30:00Z",
        "Island Times",
        &dateline,
    );
    write(
        dir,
        "post/ferry.json",
        "Storm delays Port Halvard ferries",
        "2021-03-07T08:00:00Z",
        "Harbour Post",
        FERRY,
    );
}

#[test]
fn edited_copies_are_one_story_shown_once_as_the_earliest() {
    let root = tempfile::tempdir().unwrap();
    corpus(root.path());
    let (dir, out) = index(&[root.path()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ix = ix(&dir);

    let r = json(&run(&["search", "--index", &ix, "--json", "bridge"]));
    assert_eq!(r["total"], 3, "{r}");
    assert_eq!(r["stories"], 1, "{r}");
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{r}");
    assert!(hits[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("wire/bridge.json"));
    assert_eq!(hits[0]["also_in_outlets"], 2);
    let also: Vec<&str> = hits[0]["also_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    // Earliest first.
    assert_eq!(also, ["Island Times", "Harbour Post"]);

    // The ferry story shares words but is a story of its own.
    let r = json(&run(&["search", "--index", &ix, "--json", "harbour"]));
    assert_eq!(
        (r["total"].as_u64(), r["stories"].as_u64()),
        (Some(4), Some(2))
    );
    let clusters: std::collections::BTreeSet<&str> = r["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["cluster"].as_str().unwrap())
        .collect();
    assert_eq!(clusters.len(), 2, "{r}");

    let human = stdout(&run(&["search", "--index", &ix, "bridge"]));
    assert!(
        human.contains("also in 2 outlets: Harbour Post, Island Times"),
        "{human}"
    );
    assert!(human.contains("3 matching articles in 1 story"), "{human}");

    let csv = stdout(&run(&["search", "--index", &ix, "--csv", "bridge"]));
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",cluster,also_in_outlets"),
        "{csv}"
    );
    assert!(csv.lines().nth(1).unwrap().ends_with(",2"), "{csv}");
}

#[test]
fn no_collapse_shows_every_copy() {
    let root = tempfile::tempdir().unwrap();
    corpus(root.path());
    let (dir, _) = index(&[root.path()]);
    let ix = ix(&dir);
    let r = json(&run(&[
        "search",
        "--index",
        &ix,
        "--json",
        "--no-collapse",
        "bridge",
    ]));
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{r}");
    assert!(r.get("stories").is_none(), "{r}");
    assert!(hits
        .iter()
        .all(|h| h["also_in"].as_array().unwrap().is_empty()));
    // Every copy names the same cluster.
    assert!(
        hits.iter().all(|h| h["cluster"] == hits[0]["cluster"]),
        "{r}"
    );
}

#[test]
fn a_copy_indexed_by_a_later_run_joins_the_story() {
    let root = tempfile::tempdir().unwrap();
    corpus(root.path());
    let (dir, _) = index(&[root.path()]);
    let ix = ix(&dir);
    let before = json(&run(&["search", "--index", &ix, "--json", "bridge"]));
    // A fourth outlet, a day later, with a paragraph of its own.
    let body = format!(
        "{}\n\nThe harbour master declined to comment on the decision.",
        BRIDGE.join("\n\n")
    );
    write(
        root.path(),
        "gazette/bridge.json",
        "Tidal bridge approved",
        "2021-03-03T07:00:00Z",
        "North Gazette",
        &body,
    );
    let out = run(&["index", "--index", &ix, &root.path().display().to_string()]);
    assert!(out.status.success());
    let after = json(&run(&["search", "--index", &ix, "--json", "bridge"]));
    assert_eq!(after["stories"], 1, "{after}");
    assert_eq!(after["hits"][0]["cluster"], before["hits"][0]["cluster"]);
    assert_eq!(after["hits"][0]["also_in_outlets"], 3, "{after}");
}

/// A quote the wire copies repeat is one statement (issue 19): `quotes` lists it once, as its
/// earliest copy, with the other outlets; counts by speaker, the speaker facet and the
/// speaker's quote count in `entities` count it once. The same words in a story of its own
/// are another statement, and the same words twice in that story are two (as annotators count
/// them).
#[test]
fn a_quote_repeated_by_wire_copies_counts_once_with_its_outlets_listed() {
    let root = tempfile::tempdir().unwrap();
    corpus(root.path());
    // Another story, not a copy, in which the mayor repeats her words a week later.
    write(
        root.path(),
        "post/bridge-anniversary.json",
        "Mayor defends bridge plan at harbour festival",
        "2021-03-09T08:00:00Z",
        "Harbour Post",
        "At the opening of the spring harbour festival on Tuesday, the mayor answered critics \
         of the planned tidal bridge with the words she had used on the night of the vote.\n\n\
         \"We will build it, and we will build it to last a century,\" said Mayor Ana Lindqvist \
         to applause from the crowd gathered on the quay.\n\nThe festival runs until Sunday, \
         with boat races, a fish market and concerts every evening in the old customs house.\n\n\
         \"We will build it, and we will build it to last a century,\" Mayor Ana Lindqvist said \
         again as the first boats set off.",
    );
    let (dir, out) = index(&[root.path()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ix = ix(&dir);

    let r = json(&run(&["quotes", "--index", &ix, "--json", "century"]));
    assert_eq!(
        (r["total"].as_u64(), r["distinct"].as_u64()),
        (Some(5), Some(3)),
        "{r}"
    );
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{r}");
    let wire = hits
        .iter()
        .find(|h| h["path"].as_str().unwrap().ends_with("wire/bridge.json"))
        .unwrap_or_else(|| panic!("the earliest copy is shown: {r}"));
    assert_eq!(wire["speaker"], "Ana Lindqvist", "{r}");
    assert_eq!(wire["also_in_outlets"], 2, "{r}");
    assert_eq!(wire["also_in_total"], 2, "{r}");
    let also: Vec<&str> = wire["also_in"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["source"].as_str().unwrap())
        .collect();
    assert_eq!(also, ["Island Times", "Harbour Post"], "{r}");
    // The festival's two quotes of the same words are two, neither a copy of the other.
    let own: Vec<&serde_json::Value> = hits.iter().filter(|h| *h != wire).collect();
    assert_eq!(own.len(), 2, "{r}");
    for h in own {
        assert!(h["path"]
            .as_str()
            .unwrap()
            .ends_with("bridge-anniversary.json"));
        assert_eq!(h["also_in_total"], 0, "{r}");
    }

    let human = stdout(&run(&["quotes", "--index", &ix, "century"]));
    assert!(
        human.contains("also in 2 outlets: Harbour Post, Island Times"),
        "{human}"
    );
    assert!(human.contains("5 matching quotes (3 distinct)"), "{human}");

    let every = json(&run(&[
        "quotes",
        "--index",
        &ix,
        "--json",
        "--no-collapse",
        "century",
    ]));
    assert_eq!(every["hits"].as_array().unwrap().len(), 5, "{every}");
    assert!(every.get("distinct").is_none(), "{every}");

    // Counted once per statement: the wire story's and the festival's two.
    let by = json(&run(&[
        "quotes",
        "--index",
        &ix,
        "--json",
        "--count-by",
        "speaker",
        "century",
    ]));
    assert_eq!(by["total"], 3, "{by}");
    assert_eq!(by["counts"][0]["name"], "Ana Lindqvist", "{by}");
    assert_eq!(by["counts"][0]["count"], 3, "{by}");
    let facets = json(&run(&[
        "quotes", "--index", &ix, "--json", "--facets", "century",
    ]));
    let speakers = &facets["facets"]["speakers"];
    assert_eq!(speakers[0]["name"], "Ana Lindqvist", "{facets}");
    assert_eq!(speakers[0]["count"], 3, "{facets}");
    for args in [
        &["entities", "--kind", "person"][..],
        &["entities", "--kind", "person", "bridge"],
    ] {
        let mut a = args.to_vec();
        a.extend(["--index", &ix, "--json"]);
        let e = json(&run(&a));
        let mayor = e["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "Ana Lindqvist")
            .unwrap_or_else(|| panic!("{e}"));
        assert_eq!(mayor["quotes"], 3, "{args:?}: {e}");
    }
    // Every copy, when asked.
    let e = json(&run(&[
        "entities",
        "--kind",
        "person",
        "--no-collapse",
        "--index",
        &ix,
        "--json",
    ]));
    let mayor = e["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Ana Lindqvist");
    assert_eq!(mayor.unwrap()["quotes"], 5, "{e}");
}
