//! Archives in several languages (issue 19, item 4): each article's language is recorded and
//! filterable (`--lang`, `lang:`), prose in a language with a Snowball stemmer is also searched
//! under it (a German word form finds its German article), and text in other scripts is never
//! mangled (a Cyrillic or Greek query finds its article). The articles are the project's own.

use std::path::Path;

use serde_json::Value;

use crate::harness::{index, ix, json, run, stderr};

const GERMAN: &str = "Neue Wohnungen für Hannover\n\n\
    Die Landesregierung in Hannover hat am Dienstag neue Pläne für den Wohnungsbau vorgestellt. \
    Nach Angaben des Ministeriums sollen in den kommenden fünf Jahren mehr als zwanzigtausend \
    Häuser und Wohnungen entstehen. Die Opposition kritisierte, dass die Regierungen der \
    vergangenen Jahre zu wenig getan hätten. Viele Familien warten seit langem auf bezahlbaren \
    Wohnraum in den Städten, und die Mieten sind zuletzt deutlich gestiegen. Der Minister \
    erklärte, die ersten Baustellen würden noch in diesem Herbst eröffnet.\n";

const RUSSIAN: &str = "Выставка современного искусства\n\n\
    В Москве в понедельник открылась международная выставка современного искусства. \
    Организаторы сообщили, что в ней участвуют художники из двадцати стран. По словам \
    директора музея, выставка продлится до конца весны, а вход для студентов будет \
    бесплатным. Городские власти рассчитывают, что за это время её посетят более ста тысяч \
    человек. Критики уже назвали экспозицию одной из самых смелых за последние годы.\n";

const GREEK: &str = "Μέτρα για τις μικρές επιχειρήσεις\n\n\
    Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για τη στήριξη των μικρών επιχειρήσεων στην Αθήνα \
    και τη Θεσσαλονίκη. Σύμφωνα με τον υπουργό, τα χρήματα θα δοθούν μέσα στους επόμενους \
    τρεις μήνες. Οι εκπρόσωποι των εμπόρων χαιρέτισαν την απόφαση, αλλά ζήτησαν περισσότερη \
    βοήθεια για τις περιοχές που επλήγησαν από τις πυρκαγιές του καλοκαιριού, όπως είπαν \
    στους δημοσιογράφους μετά τη συνάντηση.\n";

const ENGLISH: &str = "New homes for the city\n\n\
    The regional government presented new plans for housing on Tuesday. According to the \
    ministry, more than twenty thousand houses and flats are to be built over the next five \
    years. The opposition said that the governments of recent years had done too little, and \
    that many families have waited a long time for homes they can afford in the cities, where \
    rents have risen sharply. The minister said the first building sites would open this \
    autumn.\n";

/// An index of the four articles, one file each.
fn four_languages() -> tempfile::TempDir {
    let corpus = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("wohnungen.txt", GERMAN),
        ("vystavka.txt", RUSSIAN),
        ("metra.txt", GREEK),
        ("homes.txt", ENGLISH),
    ] {
        std::fs::write(corpus.path().join(name), text).unwrap();
    }
    let (dir, out) = index(&[corpus.path()]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

/// The file names of `search` hits.
fn found(ix: &str, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json", "--index", ix];
    all.extend(args);
    let o = run(&all);
    assert!(o.status.success(), "{all:?}: {}", stderr(&o));
    let mut names: Vec<String> = json(&o)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let p = h["path"].as_str().unwrap();
            Path::new(p)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[test]
fn a_word_form_finds_its_article_under_its_languages_stemmer() {
    let dir = four_languages();
    let ix = ix(&dir);
    // "Regierung" is written only as "Regierungen", "Москва" only as "Москве": the English
    // analyzer keeps the forms apart, the German and Russian stemmers join them.
    assert_eq!(found(&ix, &["Regierung"]), ["wohnungen.txt"]);
    assert_eq!(found(&ix, &["Москва"]), ["vystavka.txt"]);
    assert_eq!(
        found(&ix, &["\"Regierung der vergangenen\""]),
        ["wohnungen.txt"]
    );
    // Words as written, in any script, are found as before.
    assert_eq!(found(&ix, &["Θεσσαλονίκη"]), ["metra.txt"]);
    assert_eq!(found(&ix, &["выставка"]), ["vystavka.txt"]);
    assert_eq!(found(&ix, &["Häuser"]), ["wohnungen.txt"]);
    // An English query is not widened by the other stemmers' forms.
    assert_eq!(found(&ix, &["governments"]), ["homes.txt"]);
}

#[test]
fn lang_filters_articles_and_an_unknown_code_lists_the_languages_held() {
    let dir = four_languages();
    let ix = ix(&dir);
    assert_eq!(found(&ix, &["*", "--lang", "de"]), ["wohnungen.txt"]);
    assert_eq!(found(&ix, &["*", "--lang", "RU"]), ["vystavka.txt"]);
    assert_eq!(found(&ix, &["lang:el"]), ["metra.txt"]);
    assert_eq!(
        found(&ix, &["lang:en OR lang:de"]),
        ["homes.txt", "wohnungen.txt"]
    );
    let o = run(&["search", "--index", &ix, "*", "--lang", "fr"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("--lang") && err.contains("\"fr\""), "{err}");
    for held in ["de (1)", "el (1)", "en (1)", "ru (1)"] {
        assert!(err.contains(held), "{held} missing: {err}");
    }
}

#[test]
fn the_entity_list_and_quotes_take_the_language_filter() {
    let dir = four_languages();
    let ix = ix(&dir);
    // Only the English article runs through the English models, so a German-only listing has
    // no names and no quotes, and an English-only one has the English article's.
    let e: Value = json(&run(&[
        "entities", "--json", "--index", &ix, "--lang", "de",
    ]));
    assert_eq!(e["total"], 0, "{e}");
    let q: Value = json(&run(&["quotes", "--json", "--index", &ix, "--lang", "de"]));
    assert_eq!(q["total"], 0, "{q}");
    let q: Value = json(&run(&["quotes", "--json", "--index", &ix, "--lang", "en"]));
    assert!(q["total"].as_u64().unwrap() > 0, "{q}");
}

/// A hit found through its language's stemmer marks the form the article writes: "Regierung"
/// highlights "Regierungen", "Москва" highlights "Москве" (the English highlighter alone left
/// both unmarked). An English hit is highlighted under the English stemmer as before.
#[test]
fn a_stemmed_match_is_highlighted_as_the_article_writes_it() {
    let dir = four_languages();
    let ix = ix(&dir);
    let marked = |query: &str| -> Vec<String> {
        let o = run(&["search", "--json", "--index", &ix, query]);
        assert!(o.status.success(), "{}", stderr(&o));
        let hits = json(&o)["hits"].as_array().unwrap().clone();
        assert_eq!(hits.len(), 1, "{query}");
        let text = hits[0]["snippet"].as_str().unwrap().to_string();
        hits[0]["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let (s, e) = (h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
                text[s as usize..e as usize].to_string()
            })
            .collect()
    };
    assert_eq!(marked("Regierung"), ["Regierungen"]);
    assert_eq!(marked("Москва"), ["Москве"]);
    assert_eq!(marked("governments"), ["government", "governments"]);
}
