//! Linear time on pathological text (issue 22, Build 2): every scanner of the quote stage on its
//! worst case. Tests run in debug builds on a loaded machine, so an absolute bound would either
//! flake or catch nothing; instead each case is timed at n and 4n bytes and must grow less than
//! 8× (linear grows about 4×, quadratic 16×). Time is the test thread's CPU time: wall time
//! also counts the moments other processes hold the cores, which grew with the machine's load
//! and failed the test now and then at load 12–19. The absolute target (1 s per MB, release) is
//! measured by `benches/worst.rs`.

use cpu_time::ThreadTime;

use morgue::enrich::quotes;
use morgue::{Entity, Field, Label};

/// Every occurrence of `name` in `text` as a person entity (what the tagger would give, without
/// its cost: the quote stage is under test).
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

/// The fastest of three runs of the quote stage on `text` (the fastest, so that cache or
/// frequency noise does not decide), in CPU seconds of this thread.
fn quote_secs(text: &str, name: &str) -> f64 {
    let ents = mentions(text, name);
    (0..3)
        .map(|_| {
            let t = ThreadTime::now();
            std::hint::black_box(quotes::extract(Field::Body, text, &ents));
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// `unit` repeated to about `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// Whether the quote stage's time on `unit` repeated grows linearly from `bytes` to 4×`bytes`:
/// under 8× (plus 20 ms for timer noise on tiny times). Tried three times before failing, so one
/// busy moment of the machine does not fail the test; a quadratic scan fails all three.
fn assert_linear(case: &str, unit: &str, bytes: usize, name: &str) {
    let small = repeat(unit, bytes);
    let large = repeat(unit, 4 * bytes);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (a, b) = (quote_secs(&small, name), quote_secs(&large, name));
        eprintln!("{case}: {a:.3} s -> {b:.3} s");
        if b < 8.0 * a + 0.02 {
            return;
        }
        seen.push(format!("{a:.3} s -> {b:.3} s"));
    }
    panic!(
        "{case}: {} -> {} bytes took {} (over 8x: not linear)",
        small.len(),
        large.len(),
        seen.join(", ")
    );
}

#[test]
fn one_sentence_of_repeated_reporting_clauses() {
    assert_linear("'Blair said that '*N", "Blair said that ", 64_000, "Blair");
}

#[test]
fn many_reported_sentences() {
    assert_linear(
        "'Blair said that it rained. '*N",
        "Blair said that it rained all day. ",
        16_000,
        "Blair",
    );
}

#[test]
fn one_sentence_of_commas_and_cues() {
    assert_linear(
        "'Blair said that a, Blair said, b, '*N",
        "Blair said that a, Blair said, b, ",
        64_000,
        "Blair",
    );
}

#[test]
fn open_curly_quotes() {
    assert_linear("'“a '*N", "“a ", 16_000, "Blair");
    assert_linear("'“'*N", "“", 64_000, "Blair");
    assert_linear("'“‘'*N", "“‘", 16_000, "Blair");
    assert_linear("'“Blair said ‘a '*N", "“Blair said ‘a ", 64_000, "Blair");
}

#[test]
fn many_attributed_direct_quotes() {
    assert_linear(
        "'“Yes,” Blair said. '*N",
        "“Yes,” Blair said. ",
        16_000,
        "Blair",
    );
    assert_linear(
        "'\"No,\" he said. '*N",
        "\"No,\" he said. ",
        16_000,
        "Blair",
    );
}

#[test]
fn dots_without_spaces() {
    assert_linear("'said.U.S.'*N", "said.U.S.", 64_000, "Blair");
    assert_linear("'Blair said U.S.'*N", "Blair said U.S.", 64_000, "Blair");
}

/// Pronoun quotes about one person, each checked against every mention of the speaker: cubic
/// before (4 KB took 21 s in a debug build, 8 KB would take minutes). Within the 32 KB look-up
/// window the work still grows with the mentions in it (64 KB: 18 s in debug), so this is an
/// absolute bound on a text inside the window, not a growth test.
#[test]
fn pronoun_quotes_about_one_person() {
    let text = repeat("\"No,\" he said. Blair ", 8_000);
    let secs = quote_secs(&text, "Blair");
    assert!(secs < 10.0, "8 KB of pronoun quotes took {secs:.1} s");
}

/// Quotes about one person inside the look-up window (issue 16): resolving each candidate
/// mention read every mention of the window (its fuller forms, the pronoun's antecedent and
/// gender), so up to the window's 32 KB the work grew with the square of the text; the name
/// index (`attribution::name_index`) reads only the names that can match. Both sizes are
/// inside the window, where a scan of it is quadratic.
#[test]
fn quotes_about_one_person_inside_the_window() {
    assert_linear("'“Blair said ‘a '*N", "“Blair said ‘a ", 8_000, "Blair");
    assert_linear(
        "'Blair sat down. \"No,\" he said. '*N",
        "Blair sat down. \"No,\" he said. ",
        8_000,
        "Blair",
    );
}
