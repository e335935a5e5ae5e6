//! Wire stories and their republications, for measuring near-duplicate clustering: each source
//! story (BBC or Reuters-21578, at least [`MIN_WORDS`] words; a story whose opening words another
//! story already has is left out, since the corpora hold stories published twice under two
//! headlines, which the truth would otherwise call two stories) is published
//! by one outlet, and about half of them again by one to four other outlets, each copy edited the
//! way newsrooms edit wire copy:
//!
//! - a headline of the outlet's own (an "UPDATE n-" prefix, the lead's first words, or a word
//!   dropped);
//! - half of the copies gain a byline paragraph, or a "(Outlet) -" dateline before the lead;
//! - 0–3% of the words replaced by words of another story;
//! - half of the copies lose their last paragraphs, keeping at least two thirds of the words;
//! - a third gain a closing "Additional reporting … editing …" paragraph.
//!
//! Written as `OUT/corpus/OUTLET/NNNNN-K.json` (title, text, date, source) with
//! `OUT/truth.tsv`: one line per article, its path under `corpus/` and its story number.
//! Deterministic: the same sources give the same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use super::Source;

/// Shorter stories are briefs that outlets rewrite rather than copy, and too short to compare.
const MIN_WORDS: usize = 80;
/// At most this many source stories, taken evenly across the corpus (sections mixed).
const MAX_STORIES: usize = 1000;
const OUTLETS: [&str; 6] = [
    "wire-service",
    "daily-post",
    "evening-herald",
    "city-tribune",
    "the-courier",
    "globe-online",
];
const NAMES: [&str; 8] = [
    "Ana Ruiz",
    "Tom Okafor",
    "Lena Berg",
    "Sam Patel",
    "Ivo Novak",
    "Mei Lin",
    "Ruth Adler",
    "Omar Haddad",
];

/// xorshift64*: small, deterministic, good enough to pick edits.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

pub fn generate(sources: &[Source], out: &Path) -> std::io::Result<()> {
    let mut seen = std::collections::HashSet::new();
    let eligible: Vec<&Source> = sources
        .iter()
        .filter(|s| s.body.split_whitespace().count() >= MIN_WORDS)
        .filter(|s| seen.insert(opening(&s.body)))
        .collect();
    let step = eligible.len().div_ceil(MAX_STORIES).max(1);
    let stories: Vec<&Source> = eligible.iter().step_by(step).copied().collect();
    let corpus = out.join("corpus");
    for outlet in OUTLETS {
        fs::create_dir_all(corpus.join(outlet))?;
    }
    let mut truth = String::new();
    let (mut articles, mut copies) = (0usize, 0usize);
    for (i, src) in stories.iter().enumerate() {
        let mut rng = Rng::new(i as u64 + 1);
        let first = rng.below(OUTLETS.len());
        // Half the stories stay with one outlet; the others are republished by 1–4 more.
        let n_copies = if rng.chance(50) { 0 } else { 1 + rng.below(4) };
        let day = date(i);
        let mut write = |outlet: usize, k: usize, title: &str, body: &str, hour: usize| {
            let rel = format!("{}/{i:05}-{k}.json", OUTLETS[outlet]);
            let v = serde_json::json!({
                "title": title,
                "text": body,
                "date": format!("{day}T{hour:02}:00:00Z"),
                "source": OUTLETS[outlet],
            });
            let _ = writeln!(truth, "{rel}\t{i}");
            fs::write(corpus.join(&rel), v.to_string())
        };
        write(first, 0, &src.title, &src.body, 6)?;
        articles += 1;
        for k in 1..=n_copies {
            let outlet = (first + k) % OUTLETS.len();
            let other = stories[(i + 1 + rng.below(stories.len() - 1)) % stories.len()];
            let title = headline(src, &mut rng, k);
            let body = edit(&src.body, &other.body, OUTLETS[outlet], &mut rng);
            write(outlet, k, &title, &body, 6 + k * 2)?;
            articles += 1;
            copies += 1;
        }
    }
    fs::write(out.join("truth.tsv"), truth)?;
    eprintln!(
        "gen_corpus wire: {} stories, {articles} articles ({copies} edited copies) under {}",
        stories.len(),
        corpus.display()
    );
    Ok(())
}

/// A story's first [`OPENING_WORDS`] words, lowercased.
fn opening(body: &str) -> String {
    let words: Vec<String> = body
        .split_whitespace()
        .take(OPENING_WORDS)
        .map(str::to_lowercase)
        .collect();
    words.join(" ")
}

/// Two stories that open with this many equal words are one story.
const OPENING_WORDS: usize = 12;

/// Story `i`'s day: one a day from 2020-01-01, over 28-day months (valid dates only).
fn date(i: usize) -> String {
    let (y, m, d) = (2020 + i / 336, 1 + (i / 28) % 12, 1 + i % 28);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A copy's own headline, never the original's.
fn headline(src: &Source, rng: &mut Rng, k: usize) -> String {
    match rng.below(3) {
        0 => format!("UPDATE {k}-{}", src.title),
        1 => {
            let lead: Vec<&str> = src.body.split_whitespace().take(8).collect();
            lead.join(" ").trim_end_matches([',', '.', ';']).to_string()
        }
        _ => {
            let words: Vec<&str> = src.title.split_whitespace().collect();
            if words.len() < 3 {
                return format!("{} (update {k})", src.title);
            }
            let drop = 1 + rng.below(words.len() - 1);
            words
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != drop)
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ")
        }
    }
}

/// An outlet's edit of a wire story's body.
fn edit(body: &str, other: &str, outlet: &str, rng: &mut Rng) -> String {
    let mut paras: Vec<String> = body.split("\n\n").map(str::to_string).collect();
    // Trimmed from the end (the least important paragraphs of an inverted pyramid), keeping
    // at least two thirds of the words.
    if rng.chance(50) {
        let total = body.split_whitespace().count();
        let mut kept = total;
        let drop = 1 + rng.below(3);
        for _ in 0..drop {
            let last = paras.last().map_or(0, |p| p.split_whitespace().count());
            if paras.len() < 2 || (kept - last) * 3 < total * 2 {
                break;
            }
            kept -= last;
            paras.pop();
        }
    }
    // Words replaced by words of another story: 0–3% of them.
    let rate = rng.below(4) as u64;
    let spare: Vec<&str> = other.split_whitespace().collect();
    if rate > 0 && !spare.is_empty() {
        for p in &mut paras {
            let words: Vec<String> = p
                .split(' ')
                .map(|w| {
                    if rng.next() % 100 < rate {
                        spare[rng.below(spare.len())].to_string()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            *p = words.join(" ");
        }
    }
    let name = NAMES[rng.below(NAMES.len())];
    match rng.below(4) {
        0 => paras.insert(0, format!("By {name}, {outlet}")),
        1 => {
            if let Some(lead) = paras.first_mut() {
                *lead = format!("({outlet}) - {lead}");
            }
        }
        _ => {}
    }
    if rng.chance(33) {
        let editor = NAMES[rng.below(NAMES.len())];
        paras.push(format!(
            "Additional reporting by {name}; editing by {editor}."
        ));
    }
    paras.join("\n\n")
}
