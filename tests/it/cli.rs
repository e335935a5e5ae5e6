//! The command line as a user meets it: exit codes for bad arguments, closed pipes on stdout and
//! stderr, refused values (page sizes, dates, missing paths), control characters in human
//! output, highlighting in quotes, the JSON and CSV shapes, help, completions and the man page.

use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

use crate::harness::{binary, fixture_index, fixtures, json, morgue, run, stderr, stdout};

/// The shared fixture index, as a `--index` value.
fn fx() -> String {
    fixture_index().join("ix").display().to_string()
}

/// Run a shell pipeline (`$M` is the binary); returns (stdout, stderr, status) of the shell.
fn sh(script: &str) -> (String, String, Option<i32>) {
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("M", binary())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn bad_arguments_exit_1_with_clap_message_and_help_exits_0() {
    for args in [
        &["serch", "x"][..],
        &["search", "--nosuch", "x"],
        &["search", "--limit", "ten", "x"],
        &["index"],
        &["quotes", "--kind", "sideways"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error:"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
    assert!(
        stderr(&run(&["serch"])).contains("'search'"),
        "a suggestion"
    );
    for args in [&["--help"][..], &["search", "--help"], &["--version"]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            !stdout(&out).is_empty() && stderr(&out).is_empty(),
            "{args:?}"
        );
    }
}

#[test]
fn every_subcommand_help_has_examples_and_every_flag_a_description() {
    for sub in [
        "index",
        "search",
        "quotes",
        "entities",
        "extract",
        "completions",
        "man",
    ] {
        let help = stdout(&run(&[sub, "--help"]));
        let examples = help
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("{sub}: no examples:\n{help}"));
        let n = examples
            .lines()
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter(|l| l.trim_start().starts_with("morgue "))
            .count();
        assert!(n >= 2, "{sub}: {n} examples");
        // A flag's description follows it on its line (short layout) or on the next (long).
        let lines: Vec<&str> = help.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            if t.starts_with("--") || (t.starts_with('-') && t.get(2..4) == Some(", ")) {
                let same_line = t
                    .split_once("  ")
                    .is_some_and(|(_, r)| !r.trim().is_empty());
                let next = lines.get(i + 1).map_or("", |n| n.trim());
                assert!(
                    same_line || (!next.is_empty() && !next.starts_with('-')),
                    "{sub}: {t} has no description"
                );
            }
        }
    }
}

#[test]
fn readme_cli_reference_names_every_flag_of_help() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for sub in [
        "index",
        "search",
        "quotes",
        "entities",
        "extract",
        "completions",
        "show",
    ] {
        let help = stdout(&run(&[sub, "--help"]));
        for word in help.split_whitespace() {
            let flag = word.trim_end_matches([',', '.']);
            let name = flag.trim_start_matches("--");
            if flag.starts_with("--")
                && name.len() > 1
                && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                && !["help", "version"].contains(&name)
            {
                assert!(
                    readme.contains(flag),
                    "README does not mention `{flag}` of `morgue {sub}`"
                );
            }
        }
    }
}

#[test]
fn a_closed_stdout_ends_the_command_quietly_with_0() {
    // The man page is larger than a pipe's buffer once repeated through `yes`-like output, so
    // use outputs big enough to fill the pipe after `head` has gone.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    for i in 0..400 {
        std::fs::write(
            corpus.join(format!("{i}.txt")),
            format!(
                "Story {i} about the harbour\n\n{}",
                "The harbour board met. ".repeat(20)
            ),
        )
        .unwrap();
    }
    let ix = tmp.path().join("ix");
    let out = run(&[
        "index",
        "--no-enrich",
        "--index",
        &ix.display().to_string(),
        &corpus.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for cmd in [
        "search '*' -n 1000",
        "search '*' -n 1000 --json",
        "search '*' -n 1000 --csv",
    ] {
        let (head, err, _) = sh(&format!(
            "\"$M\" {cmd} --index '{}' | head -c 10; echo \" rc=${{PIPESTATUS[0]}}\"",
            ix.display()
        ));
        assert!(head.ends_with(" rc=0\n"), "{cmd}: {head:?} {err}");
        assert_eq!(err, "", "{cmd}: nothing on stderr");
    }
}

#[test]
fn a_closed_stderr_ends_the_index_run_and_releases_the_lock() {
    // Three thousand problem files: far more lines than a pipe holds once `head` has gone.
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    for i in 0..3000 {
        std::fs::write(corpus.join(format!("empty-{i}.txt")), "").unwrap();
    }
    std::fs::write(corpus.join("good.txt"), "Good\n\nA good story.").unwrap();
    let ix = tmp.path().join("ix").display().to_string();
    let c = corpus.display().to_string();
    let (head, _, status) = sh(&format!(
        "timeout 120 \"$M\" index -j 1 --index '{ix}' '{c}' 2>&1 >/dev/null | head -c 100; \
         echo; echo \"rc=${{PIPESTATUS[0]}}\""
    ));
    assert_eq!(status, Some(0));
    assert!(head.starts_with("morgue: skipped: "), "{head}");
    assert!(head.trim_end().ends_with("rc=0"), "no hang, exit 0: {head}");
    // The run committed and let go of the lock: the next run is not "locked".
    let again = run(&["index", "--json", "--index", &ix, &c]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(json(&again)["unchanged"], 1);
}

#[test]
fn a_missing_path_is_an_error_that_creates_no_index() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix");
    let missing = tmp.path().join("no-such-folder");
    let out = run(&[
        "index",
        "--index",
        &ix.display().to_string(),
        &missing.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no-such-folder: no such file"),
        "{}",
        stderr(&out)
    );
    assert!(!ix.exists(), "no index was created");
}

#[test]
fn page_sizes_are_bounded_with_a_clear_message() {
    for args in [
        &["search", "--limit", "18446744073709551615", "x"][..],
        &["search", "--sort", "date", "--limit", "1000000000000", "x"],
        &["quotes", "-n", "100001"],
        &["entities", "--top", "999999999"],
        &["search", "--offset", "18446744073709551615", "x"],
    ] {
        let mut args = args.to_vec();
        let ix = fx();
        args.extend(["--index", &ix]);
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("at most"), "{args:?}: {err}");
        assert!(err.contains("--"), "names the flag: {err}");
    }
    let out = run(&[
        "search",
        "--sort",
        "date",
        "-n",
        "100000",
        "--index",
        &fx(),
        "*",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn since_and_until_take_a_year_a_month_or_a_day() {
    let total = |args: &[&str]| -> u64 {
        let ix = fx();
        let mut a = vec!["search", "--json", "--index", &ix];
        a.extend(args);
        let out = run(&a);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        json(&out)["total"].as_u64().unwrap()
    };
    let month = total(&["--since", "2016-10", "--until", "2016-10", "*"]);
    assert_eq!(month, total(&["date:[2016-10-01 TO 2016-10-31]"]));
    assert_eq!(month, 2, "the two October briefs");
    assert_eq!(
        total(&["--since", "2016", "--until", "2016", "*"]),
        total(&["date:[2016-01-01 TO 2016-12-31]"])
    );
    for bad in [
        "16-01-01",
        "2016-13",
        "2016-02-30",
        "999",
        "10000",
        "yesterday",
    ] {
        let out = run(&["search", "--since", bad, "--index", &fx(), "*"]);
        assert_eq!(out.status.code(), Some(1), "{bad}");
        assert!(stderr(&out).contains("--since"), "{bad}: {}", stderr(&out));
    }
}

#[test]
fn control_characters_are_escaped_in_human_output_and_kept_in_json_and_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    let title = "Evil \u{1b}[2J\u{1b}]0;pwned\u{7} title \u{9b}31m";
    let article = serde_json::json!({
        "title": title,
        "text": format!("Mayor Ann Smith spoke at the harbour. \"We will rebuild the \u{1b}[31mharbour\u{1b}[0m wall,\" Ann Smith said. Bell\u{7}."),
        "date": "2016-05-01",
    });
    let file = corpus.join("evil.json");
    std::fs::write(&file, article.to_string()).unwrap();
    let ix = tmp.path().join("ix").display().to_string();
    let out = run(&["index", "--index", &ix, &corpus.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let raw_controls = |s: &str| s.chars().any(|c| c.is_control() && c != '\n');
    for args in [
        &["search", "harbour"][..],
        &["search", "--facets", "harbour"],
        &["quotes", "rebuild"],
        &["quotes"],
    ] {
        let mut a = args.to_vec();
        a.extend(["--index", &ix]);
        let text = stdout(&run(&a));
        assert!(!raw_controls(&text), "{args:?}: {text:?}");
        assert!(
            text.contains("\\u{1b}"),
            "{args:?} shows the escape: {text}"
        );
    }
    let human = stdout(&run(&["extract", &file.display().to_string()]));
    assert!(!raw_controls(&human), "{human:?}");
    assert!(human.contains("Evil \\u{1b}[2J"), "{human}");
    // With colour forced, the only escapes are morgue's own SGR codes.
    let colored = stdout(&run(&[
        "search", "--color", "always", "--index", &ix, "harbour",
    ]));
    assert!(colored.contains("\u{1b}[1m"), "{colored:?}");
    assert!(!colored.contains("\u{1b}[2J") && !colored.contains('\u{9b}'));

    let j = json(&run(&["search", "--json", "--index", &ix, "harbour"]));
    assert_eq!(j["hits"][0]["title"], title, "JSON is byte-exact");
    let csv = stdout(&run(&["search", "--csv", "--index", &ix, "harbour"]));
    assert!(csv.contains(title), "CSV is byte-exact: {csv:?}");
}

#[test]
fn words_in_quotes_ending_in_punctuation_are_highlighted() {
    // "I never planned for a hundred of anything," — the stored quote ends with a comma, which
    // the snippet fragment leaves out.
    let v = json(&run(&["quotes", "--json", "--index", &fx(), "hundred"]));
    let hit = &v["hits"][0];
    let text = hit["text"].as_str().unwrap();
    assert!(text.ends_with(','), "{text}");
    let ranges = hit["highlights"].as_array().unwrap();
    assert_eq!(ranges.len(), 1, "{hit}");
    let (s, e) = (
        ranges[0]["start"].as_u64().unwrap() as usize,
        ranges[0]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "hundred");
    let human = stdout(&run(&["quotes", "--index", &fx(), "hundred"]));
    assert!(human.contains("a [hundred] of anything,"), "{human}");
    // Every direct quote matched by a word of it has that word marked.
    let all = json(&run(&[
        "quotes",
        "--json",
        "--kind",
        "direct",
        "-n",
        "100",
        "--index",
        &fx(),
        "the",
    ]));
    for h in all["hits"].as_array().unwrap() {
        assert!(!h["highlights"].as_array().unwrap().is_empty(), "{h}");
    }
}

#[test]
fn json_facets_are_arrays_in_count_order() {
    let v = json(&run(&[
        "search",
        "--json",
        "--facets",
        "--index",
        &fx(),
        "*",
    ]));
    for kind in ["persons", "orgs", "places", "speakers", "sections"] {
        let list = v["facets"][kind]
            .as_array()
            .unwrap_or_else(|| panic!("{kind}: {v}"));
        assert!(!list.is_empty(), "{kind}");
        let counts: Vec<u64> = list
            .iter()
            .map(|e| {
                assert!(e["name"].is_string(), "{e}");
                e["count"].as_u64().unwrap()
            })
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] >= w[1]),
            "{kind}: {counts:?}"
        );
    }
}

#[test]
fn url_source_and_authors_appear_in_every_format() {
    let find = |args: &[&str]| {
        let ix = fx();
        let mut a = args.to_vec();
        a.extend(["--index", &ix, "freight"]);
        stdout(&run(&a))
    };
    for args in [&["search"][..], &["search", "--csv"]] {
        let text = find(args);
        for want in [
            "https://example.org/business/nordhavn-profits",
            "The Harbour Gazette",
            "Lars Munk",
        ] {
            assert!(text.contains(want), "{args:?} lacks {want}: {text}");
        }
    }
    let j: Value = serde_json::from_str(&find(&["search", "--json"])).unwrap();
    let hit = &j["hits"][0];
    assert_eq!(hit["url"], "https://example.org/business/nordhavn-profits");
    assert_eq!(hit["source"], "The Harbour Gazette");
    assert_eq!(hit["authors"][0], "Lars Munk");
    for key in ["url", "source", "authors"] {
        let q = json(&run(&["quotes", "--json", "--index", &fx()]));
        assert!(q["hits"][0].get(key).is_some(), "quotes --json lacks {key}");
    }
    let csv = stdout(&run(&["quotes", "--csv", "--index", &fx()]));
    assert!(csv.starts_with(
        "speaker,quote,cue,date,title,path,kind,url,source,authors,also_in_outlets\n"
    ));
}

#[test]
fn entities_and_search_print_csv() {
    let out = stdout(&run(&["entities", "--csv", "-n", "5", "--index", &fx()]));
    let mut r = csv_rows(&out);
    assert_eq!(
        r.remove(0),
        ["name", "kind", "articles", "quotes", "aliases"]
    );
    assert_eq!(r.len(), 5, "{out}");
    let j = json(&run(&["entities", "--json", "-n", "5", "--index", &fx()]));
    for (row, e) in r.iter().zip(j["entities"].as_array().unwrap()) {
        assert_eq!(row[0], e["name"].as_str().unwrap());
        assert_eq!(row[2], e["articles"].to_string());
    }
    let out = stdout(&run(&[
        "search",
        "--csv",
        "--index",
        &fx(),
        "section:science",
    ]));
    let r = csv_rows(&out);
    assert_eq!(r.len(), 4, "header and 3 hits: {out}");
    assert!(r[1..].iter().all(|row| row[2] == "science"));
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn the_index_comes_from_morgue_index_when_not_given() {
    let out = morgue()
        .env("MORGUE_INDEX", fixture_index().join("ix"))
        .args(["search", "--json", "freight"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["total"], 1);
    // A flag wins over the variable.
    let out = morgue()
        .env("MORGUE_INDEX", "/nonexistent/ix")
        .args(["search", "--json", "--index", &fx(), "freight"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn color_is_chosen_by_flag() {
    let always = stdout(&run(&[
        "search",
        "--color",
        "always",
        "--index",
        &fx(),
        "freight",
    ]));
    assert!(always.contains("\u{1b}[1;33mfreight"), "{always:?}");
    let never = stdout(&run(&[
        "search",
        "--color",
        "never",
        "--index",
        &fx(),
        "freight",
    ]));
    assert!(
        !never.contains('\u{1b}') && never.contains("[freight]"),
        "{never:?}"
    );
}

#[test]
fn the_index_summary_says_where_and_what_next() {
    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("my ix");
    let out = run(&[
        "index",
        "--index",
        &ix.display().to_string(),
        &fixtures().join("articles/world").display().to_string(),
    ]);
    let text = stdout(&out);
    assert!(text.contains(&format!("index: {}", ix.display())), "{text}");
    assert!(text.contains("next: morgue search --index '"), "{text}");
}

#[test]
fn completions_and_man_page_are_generated() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(stdout(&out).contains("quotes"), "{shell}");
    }
    let man = stdout(&run(&["man"]));
    assert!(
        man.starts_with(".ie") || man.contains(".TH morgue"),
        "{man}"
    );
    assert!(
        man.contains("MORGUE_INDEX"),
        "the environment is documented"
    );
}

#[test]
fn query_and_filter_errors_say_how_to_fix_them() {
    let err = |args: &[&str]| {
        let ix = fx();
        let mut a = args.to_vec();
        a.extend(["--index", &ix]);
        let out = run(&a);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stdout(&out));
        let e = stderr(&out);
        assert_eq!(e.lines().count(), 1, "one line: {e}");
        e
    };
    let e = err(&["search", "\"blair"]);
    assert!(e.contains("unbalanced `\"`"), "{e}");
    let e = err(&["search", "foo:bar"]);
    assert!(
        e.contains("`foo:` is not a field") && e.contains("person: org: place:"),
        "{e}"
    );
    let e = err(&["quotes", "date:soon"]);
    assert!(e.contains("date: takes YYYY, YYYY-MM or YYYY-MM-DD"), "{e}");
    assert!(!e.contains("invalid format"), "not tantivy's words: {e}");
    let e = err(&["search", "--section", "sciense", "*"]);
    assert!(e.contains("did you mean \"science\"?"), "{e}");
    assert!(
        e.contains("business") && e.contains("world"),
        "lists the sections: {e}"
    );
    let e = err(&["entities", "--section", "zzz"]);
    assert!(
        e.contains("--section") && !e.contains("did you mean"),
        "{e}"
    );
    // A year and a month after date: are the ranges they cover, as --since/--until take them.
    let count = |q: &str| {
        json(&run(&["search", "--json", "-n", "0", "--index", &fx(), q]))["total"].clone()
    };
    let by_flag = |since: &str, until: &str| {
        json(&run(&[
            "search",
            "--json",
            "-n",
            "0",
            "--since",
            since,
            "--until",
            until,
            "--index",
            &fx(),
            "*",
        ]))["total"]
            .clone()
    };
    assert_eq!(count("date:2016"), by_flag("2016", "2016"));
    assert_eq!(count("date:2016-09"), by_flag("2016-09", "2016-09"));
    assert_eq!(count("date:2016-09"), 2);
    assert_eq!(count("date:[2016-09 TO 2016-10]"), 4);
}

#[test]
fn show_prints_one_article_by_id_or_path_with_its_names_quotes_and_duplicates() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("c");
    std::fs::create_dir_all(&corpus).unwrap();
    let text = "Harbour wall to be rebuilt\n\nMayor Ann Smith visited the harbour on Monday.\n\n\"We will rebuild the wall by spring,\" said Ann Smith.\n";
    std::fs::write(corpus.join("a.txt"), text).unwrap();
    std::fs::write(corpus.join("copy.txt"), text).unwrap();
    let ix = tmp.path().join("ix").display().to_string();
    let out = run(&["index", "--index", &ix, &corpus.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hit = json(&run(&["search", "--json", "--index", &ix, "harbour"]));
    let id = hit["hits"][0]["id"].as_str().unwrap().to_string();
    let path = hit["hits"][0]["path"].as_str().unwrap().to_string();

    let by_id = json(&run(&["show", "--json", "--index", &ix, &id]));
    assert_eq!(by_id["id"], id.as_str());
    assert_eq!(by_id["path"], path.as_str());
    assert_eq!(by_id["title"], "Harbour wall to be rebuilt");
    assert_eq!(by_id["duplicates"].as_array().unwrap().len(), 1, "{by_id}");
    let quote = &by_id["quotes"][0];
    assert_eq!(quote["speaker"], "Ann Smith", "{by_id}");
    assert!(by_id["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["canonical"] == "Ann Smith"));
    // By a relative path, from the folder it is relative to.
    let rel = std::process::Command::new(binary())
        .args(["show", "--json", "--index", &ix])
        .arg(Path::new(&path).file_name().unwrap())
        .current_dir(Path::new(&path).parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(json(&rel)["id"], id.as_str(), "{}", stderr(&rel));

    let human = stdout(&run(&["show", "--index", &ix, &id]));
    assert!(human.starts_with("Harbour wall to be rebuilt\n"), "{human}");
    assert!(human.contains("also at: "), "{human}");
    assert!(human.contains("people: Ann Smith (2)"), "{human}");
    assert!(human.contains("1. Ann Smith (said)"), "{human}");
    let colored = stdout(&run(&["show", "--color", "always", "--index", &ix, &id]));
    assert!(
        colored.contains("Mayor \u{1b}[1;33mAnn Smith\u{1b}[0m visited"),
        "{colored:?}"
    );

    let out = run(&["show", "--index", &ix, "0000000000000000"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no article with this id or path"),
        "{}",
        stderr(&out)
    );
}

/// Run the binary with `input` on stdin.
fn with_stdin(args: &[&str], input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(binary())
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_dash_reads_stdin_json_lines_for_extract_and_paths_for_index() {
    let lines = concat!(
        r#"{"title": "Ferry fares rise", "text": "\"We had no choice,\" said Jonas Pell."}"#,
        "\n",
        "not json\n",
        r#"{"title": "Bridge opens", "text": "The bridge opened on Monday."}"#,
        "\n"
    );
    let out = with_stdin(&["extract", "--json", "-"], lines);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad line fails: {}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("stdin: line 2"), "{}", stderr(&out));
    let docs: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["path"], "-#1");
    assert_eq!(docs[1]["path"], "-#3");
    assert_eq!(docs[0]["quotes"][0]["speaker"], "Jonas Pell", "{}", docs[0]);
    let out = run(&["extract", "-", "x.txt"]);
    assert_eq!(out.status.code(), Some(1));

    let tmp = tempfile::tempdir().unwrap();
    let ix = tmp.path().join("ix").display().to_string();
    let list = format!(
        "{}\n\n{}\n",
        fixtures().join("articles/world").display(),
        fixtures().join("articles/business/results.json").display()
    );
    let out = with_stdin(&["index", "--json", "--index", &ix, "-"], &list);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(r["files_seen"], 2, "{r}");
    let out = with_stdin(&["index", "--index", &ix, "-"], "/no/such/path\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such file"), "{}", stderr(&out));
}

#[test]
fn include_and_exclude_select_files_and_never_remove_what_they_leave_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    for (rel, title) in [
        ("2016/a.txt", "Budget vote"),
        ("2016/b.txt", "Harbour strike"),
        ("2017/c.txt", "Rail fares"),
        ("drafts/d.txt", "Unfinished piece"),
        ("2017/drafts/e.txt", "Another draft"),
    ] {
        let path = corpus.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, format!("{title}\n\nThe body of {title}.\n")).expect("write");
    }
    let ix = dir.path().join("ix").display().to_string();
    let c = corpus.display().to_string();
    let summary = |extra: &[&str]| {
        let mut args = vec!["index", "--json", "--index", ix.as_str()];
        args.extend_from_slice(extra);
        args.push(c.as_str());
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json(&out)
    };
    let titles = || -> Vec<String> {
        let out = run(&[
            "search",
            "--json",
            "--index",
            ix.as_str(),
            "--limit",
            "50",
            "body",
        ]);
        let mut t: Vec<String> = json(&out)["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["title"].as_str().unwrap_or_default().to_string())
            .collect();
        t.sort();
        t
    };
    // A folder name excludes that folder at any depth; a path glob is relative to the root.
    let s = summary(&["--exclude", "drafts", "--include", "2016/*.txt"]);
    assert_eq!(
        (s["files_seen"].as_u64(), s["indexed"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(titles(), ["Budget vote", "Harbour strike"]);
    // A narrower run leaves what it does not look at in the index.
    let s = summary(&["--include", "c.txt"]);
    assert_eq!(
        (s["indexed"].as_u64(), s["removed"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(titles(), ["Budget vote", "Harbour strike", "Rail fares"]);
    // Without a filter, everything; a deleted file inside the selection is removed.
    std::fs::remove_file(corpus.join("2016/b.txt")).expect("rm");
    let s = summary(&["--exclude", "*.bak"]);
    assert_eq!(
        (s["indexed"].as_u64(), s["removed"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        titles(),
        [
            "Another draft",
            "Budget vote",
            "Rail fares",
            "Unfinished piece"
        ]
    );
    // A bad glob is one line naming the flag, exit 1, nothing indexed.
    let out = run(&[
        "index",
        "--index",
        ix.as_str(),
        "--include",
        "[",
        c.as_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--include '['"), "{}", stderr(&out));
}
