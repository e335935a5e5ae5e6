//! Identities as a user meets them: `--speaker` with a full name never returns another person
//! with the same surname, a bare surname that could mean several people is reported and matches
//! nothing, and the entity lists of real archives (BBC, PolNeAR train and dev, from ../shared;
//! skipped without) carry few one-word or duplicate persons and no person among organisations.

use std::collections::HashMap;
use std::path::Path;

use crate::harness::{index, ix, json, run, shared, stderr};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn a_full_name_matches_one_person_and_a_shared_surname_is_ambiguous() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("news");
    std::fs::create_dir_all(&root).unwrap();
    write(
        &root,
        "a.txt",
        "Clinton on trade\n\n“We will win this,” Hillary Clinton said on Monday.\n",
    );
    write(
        &root,
        "b.txt",
        "Clinton on the past\n\n“Those were good years,” Bill Clinton said on Tuesday.\n",
    );
    write(
        &root,
        "c.txt",
        "Rodham on trade\n\n“Trade must be fair,” Hillary Rodham Clinton said.\n",
    );
    let (dir, out) = index(&[&root]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ix = ix(&dir);
    let speakers = |name: &str| -> Vec<String> {
        let r = json(&run(&[
            "quotes",
            "--json",
            "--index",
            &ix,
            "--speaker",
            name,
        ]));
        r["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["speaker"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let hillary = speakers("Hillary Clinton");
    assert_eq!(hillary.len(), 2, "{hillary:?}");
    assert!(hillary.iter().all(|s| s.contains("Hillary")), "{hillary:?}");
    assert_eq!(speakers("Bill Clinton"), ["Bill Clinton"]);

    // Two Clintons, neither dominant: the command says so and does not guess.
    let out = run(&["quotes", "--json", "--index", &ix, "--speaker", "Clinton"]);
    let r = json(&out);
    assert_eq!(r["total"], 0, "{r}");
    let ambiguous: Vec<&str> = r["ambiguous"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(ambiguous.contains(&"Bill Clinton"), "{r}");
    assert!(ambiguous.iter().any(|a| a.starts_with("Hillary")), "{r}");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("\"Clinton\" could mean"), "{err}");

    // The speaker id of a quote is the id of its person in the entity list.
    let q = json(&run(&[
        "quotes",
        "--json",
        "--index",
        &ix,
        "--speaker",
        "Bill Clinton",
    ]));
    let e = json(&run(&[
        "entities", "--json", "--index", &ix, "--kind", "person",
    ]));
    let bill = e["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Bill Clinton")
        .expect("Bill Clinton listed");
    assert_eq!(q["hits"][0]["speaker_id"], bill["id"]);
}

/// Lowercase first and last word, generational suffixes left out: two entries with the same are
/// one person listed twice, and one word ("Biden Jr.") is a one-word name.
fn person_key(name: &str) -> String {
    let ws: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1)
        .map(str::to_lowercase)
        .filter(|w| !["jr", "sr", "ii", "iii"].contains(&w.as_str()))
        .collect();
    match ws.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] => format!("{first} {last}"),
    }
}

fn names(ix: &str, kind: &str, top: &str) -> Vec<String> {
    let r = json(&run(&[
        "entities", "--json", "--index", ix, "--kind", kind, "--top", top,
    ]));
    r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

/// At most 2 one-word, duplicate or not-a-name entries among the top-40 persons, and no person (one of the
/// top 300) among the top-30 organisations.
fn entity_lists_read_like_an_editors(corpus: &str) {
    let Some(path) = shared(corpus) else {
        return;
    };
    let (dir, out) = index(&[&path]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ix = ix(&dir);
    let persons = names(&ix, "person", "40");
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut junk = Vec::new();
    for p in &persons {
        let key = person_key(p);
        // A headline or a clause read as a name ("Big Win For Bernie", "Hillary Clinton — Who")
        // is no entry an editor would write: counted with the one-word ones.
        let phrase = p.contains(|c: char| !(c.is_alphabetic() || " .-'’".contains(c)))
            || p.split(' ')
                .any(|w| ["For", "On", "Against", "After", "When", "Who"].contains(&w));
        if phrase {
            junk.push(format!("not a name: {p}"));
        } else if !key.contains(' ') {
            junk.push(format!("one word: {p}"));
        } else if let Some(other) = seen.insert(key, p) {
            junk.push(format!("duplicate: {p} / {other}"));
        }
    }
    assert!(junk.len() <= 2, "{corpus}: {junk:?} in {persons:?}");
    let people: Vec<String> = names(&ix, "person", "300")
        .iter()
        .map(|p| person_key(p))
        .filter(|k| k.contains(' '))
        .collect();
    let orgs = names(&ix, "org", "30");
    let as_orgs: Vec<&String> = orgs
        .iter()
        .filter(|o| people.contains(&person_key(o)))
        .collect();
    assert!(
        as_orgs.is_empty(),
        "{corpus}: persons among orgs {as_orgs:?}"
    );
}

#[test]
fn bbc_entity_lists() {
    entity_lists_read_like_an_editors("corpora/bbc");
}

#[test]
fn polnear_train_entity_lists() {
    entity_lists_read_like_an_editors("corpora/polnear/train/text");
}

#[test]
fn polnear_dev_entity_lists() {
    entity_lists_read_like_an_editors("corpora/polnear/dev/text");
}
