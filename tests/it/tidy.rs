//! The boundaries ARCHITECTURE.md promises, checked on the source: only `src/index/` uses
//! tantivy, only `src/cli.rs` uses clap, only `src/output.rs` (and `src/output/`) prints,
//! every module opens with a `//!` doc, no `#[allow(dead_code)]` hides unused code, and no
//! `dbg!` is left behind. Comments are not code: a line comment that names tantivy is fine.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, as (path relative to `src/` with `/`, text).
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(src())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    assert!(out.len() > 20, "found the sources: {}", out.len());
    out
}

/// The code lines of a file (line number, text): comments left out, and test code — a
/// `tests.rs` file, or everything from a `#[cfg(test)]` on, where test modules sit — too.
fn code_lines(rel: &str, text: &str) -> Vec<(usize, String)> {
    if rel.ends_with("tests.rs") {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            break;
        }
        if t.starts_with("//") {
            continue;
        }
        // A trailing comment is not code either.
        let code = match t.find("// ") {
            Some(at) => t[..at].trim_end(),
            None => t,
        };
        out.push((i + 1, code.to_string()));
    }
    out
}

/// Lines outside `allowed` (path prefixes) whose code matches `pattern`.
fn offenders(allowed: &[&str], pattern: impl Fn(&str) -> bool) -> Vec<String> {
    let mut bad = Vec::new();
    for (rel, text) in sources() {
        if allowed.iter().any(|a| rel.starts_with(a)) {
            continue;
        }
        for (n, code) in code_lines(&rel, &text) {
            if pattern(&code) {
                bad.push(format!("src/{rel}:{n}: {}", code.trim()));
            }
        }
    }
    bad
}

#[test]
fn only_the_index_module_uses_tantivy() {
    let bad = offenders(&["index/"], |c| {
        c.contains("tantivy::") || c.contains("use tantivy")
    });
    assert!(
        bad.is_empty(),
        "tantivy outside src/index/:\n{}",
        bad.join("\n")
    );
}

#[test]
fn only_cli_rs_uses_clap() {
    let bad = offenders(&["cli.rs"], |c| {
        ["clap::", "use clap", "clap_complete", "clap_mangen"]
            .iter()
            .any(|p| c.contains(p))
    });
    assert!(
        bad.is_empty(),
        "clap outside src/cli.rs:\n{}",
        bad.join("\n")
    );
}

#[test]
fn only_output_prints() {
    let bad = offenders(&["output.rs", "output/"], |c| {
        ["println!", "print!(", "eprintln!", "eprint!("]
            .iter()
            .any(|p| c.contains(p))
    });
    assert!(
        bad.is_empty(),
        "printing outside src/output*:\n{}",
        bad.join("\n")
    );
}

#[test]
fn no_dbg_and_no_dead_code_allowed() {
    let bad = offenders(&[], |c| {
        c.contains("dbg!(") || c.contains("allow(dead_code)")
    });
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn every_module_has_a_doc() {
    let bad: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| !text.trim_start().starts_with("//!"))
        .map(|(rel, _)| format!("src/{rel}"))
        .collect();
    assert!(
        bad.is_empty(),
        "no `//!` doc at the top:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_look_for() {
    // The patterns match what they forbid, so a check cannot pass by matching nothing.
    let lines = code_lines(
        "x.rs",
        "//! doc\nuse tantivy::Index; // a comment\n// println!(\"comment\")\nfn f() { println!(\"x\"); }\n#[cfg(test)]\nmod tests { fn g() { dbg!(1); } }\n",
    );
    let code: Vec<&str> = lines.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        code,
        ["use tantivy::Index;", "fn f() { println!(\"x\"); }"],
        "{code:?}"
    );
    assert!(!offenders(&[], |c| c.contains("tantivy::")).is_empty());
}
