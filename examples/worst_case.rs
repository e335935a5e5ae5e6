//! Benchmark of issue 22's pathological texts: each worst case at about 1 MB through the stage
//! it attacks (the quote stage, or the HTML reader), in seconds per MB — the target is under 1 s
//! per MB in a release build. The growth of these cases is tested in `tests/it/linear.rs` (debug
//! builds, no absolute bound); this is where the absolute figure is measured.
//!
//! `cargo run --release --example worst_case [CASE...]` (default: every case). Prints a Markdown
//! table; the time is the fastest of three runs.

use std::time::Instant;

use morgue::enrich::quotes;
use morgue::parse::{self, Origin, ParseLimits};
use morgue::read::Format;
use morgue::{Entity, Field, Label};

const MB: usize = 1 << 20;

/// Every occurrence of `name` as a person mention, as the tagger would give it.
fn mentions(text: &str, name: &str) -> Vec<Entity> {
    text.match_indices(name)
        .map(|(i, m)| Entity {
            text: m.to_string(),
            label: Label::Per,
            field: Field::Body,
            start: i,
            end: i + m.len(),
            canonical: name.to_string(),
        })
        .collect()
}

fn repeat(unit: &str) -> String {
    unit.repeat(MB.div_ceil(unit.len()))
}

/// The fastest of three runs of `f`, in seconds.
fn fastest(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn quote_case(unit: &str) -> (usize, f64) {
    let text = repeat(unit);
    let ents = mentions(&text, "Blair");
    let secs = fastest(|| {
        std::hint::black_box(quotes::extract(Field::Body, &text, &ents));
    });
    (text.len(), secs)
}

fn html_case(text: &str) -> (usize, f64) {
    let origin = Origin {
        path: "worst.html",
        section: "",
    };
    let secs = fastest(|| {
        let _ = std::hint::black_box(parse::parse(
            Format::Html,
            text,
            origin,
            ParseLimits::default(),
        ));
    });
    (text.len(), secs)
}

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    let quote_units = [
        ("said-that", "Blair said that "),
        ("said-that-sentences", "Blair said that it rained all day. "),
        ("commas-and-cues", "Blair said that a, Blair said, b, "),
        ("open-curly", "“"),
        ("open-curly-a", "“a "),
        ("curly-double-single", "“‘"),
        ("curly-with-cue", "“Blair said ‘a "),
        ("cued-quotes", "“Yes,” Blair said. "),
        ("pronoun-quotes", "Blair sat down. \"No,\" he said. "),
        ("dots-no-spaces", "said.U.S."),
    ];
    println!("| case | bytes | seconds | s per MB |");
    println!("|---|---:|---:|---:|");
    let show = |name: &str, (bytes, secs): (usize, f64)| {
        let per_mb = secs / (bytes as f64 / MB as f64);
        println!("| {name} | {bytes} | {secs:.3} | {per_mb:.3} |");
    };
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    for (name, unit) in quote_units {
        if wanted(name) {
            show(name, quote_case(unit));
        }
    }
    if wanted("html-self-closing-divs") {
        let t = format!("<html><body>{}</body></html>", "<div/>".repeat(100_000));
        show("html-self-closing-divs", html_case(&t));
    }
    if wanted("html-many-attributes") {
        let attrs: Vec<String> = (0..200_000).map(|i| format!("a{i}=x")).collect();
        let t = format!("<html><body><p {}>t</p></body></html>", attrs.join(" "));
        show("html-many-attributes", html_case(&t));
    }
}
