//! Builds the NER lexicon (`src/enrich/ner/data/lexicon.txt`) from unlabelled news text: for
//! each frequent lowercase word, a hierarchical word-cluster path and a casing profile.
//!
//! Clusters: a cheap stand-in for Brown clustering. Each word is described by its immediate left
//! and right neighbours (among the 1,000 most frequent words, the rest pooled), as square-rooted,
//! L2-normalised counts; the vocabulary is then split recursively in two by spherical 2-means,
//! and the sequence of left/right choices is the word's bit path — so, as with Brown paths,
//! prefixes of the path are coarser clusters.
//!
//! Casing profile: how often the word is capitalised when it is *not* sentence-initial and not
//! in an all-caps line, bucketed (1 never … 4 almost always; 0 too rare to say). This is what
//! lets the tagger read ALL-CAPS headlines and sentence-initial words.
//!
//! Input: BBC `.txt` files, Reuters-21578 `.sgm` (TITLE and BODY), CoNLL `eng.train` tokens.
//! Only derived statistics are written, never text. Deterministic: vocabulary sorted by
//! (count desc, word), fixed initialisation, fixed iteration counts.
//!
//! ```text
//! cargo run --release --example ner_lexicon -- SHARED_CORPORA_DIR OUT.txt
//! ```

use std::collections::HashMap;
use std::path::Path;

use morgue::enrich::tokenize::{self, TokenKind};

const MIN_COUNT: u32 = 3;
const MAX_VOCAB: usize = 60_000;
const CONTEXT_WORDS: usize = 1000;
const MAX_DEPTH: usize = 16;
const MIN_SPLIT: usize = 16;

#[derive(Default)]
struct Stats {
    count: HashMap<String, u32>,
    cap: HashMap<String, (u32, u32)>,
    /// Sentences as lowercase token lists (for the context counts).
    sents: Vec<Vec<String>>,
}

impl Stats {
    fn add_sentence(&mut self, words: &[&str]) {
        let letters: usize = words
            .iter()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        let upper: usize = words
            .iter()
            .map(|w| w.chars().filter(|c| c.is_uppercase()).count())
            .sum();
        let caps_line = letters >= 4 && upper * 10 >= letters * 8;
        let mut lows = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let l = tokenize::lowercase(&tokenize::normalize_apostrophes(w));
            *self.count.entry(l.clone()).or_insert(0) += 1;
            if i > 0 && !caps_line && w.chars().any(|c| c.is_alphabetic()) {
                let e = self.cap.entry(l.clone()).or_insert((0, 0));
                if tokenize::is_capitalized(w) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
            lows.push(l);
        }
        self.sents.push(lows);
    }

    fn add_text(&mut self, text: &str) {
        let tz = tokenize::analyze(text);
        for s in &tz.sentences {
            let words: Vec<&str> = tz.tokens[s.tokens.clone()]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct || t.end > t.start)
                .map(|t| t.text(text))
                .collect();
            self.add_sentence(&words);
        }
    }
}

fn unescape_sgml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(';').filter(|&j| j < 8) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        match &rest[1..j] {
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "amp" => out.push('&'),
            "quot" => out.push('"'),
            _ => {} // control characters such as &#3; carry no text
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let a = s.find(open)? + open.len();
    let b = s[a..].find(close)? + a;
    Some(&s[a..b])
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: ner_lexicon SHARED_CORPORA_DIR OUT.txt");
        std::process::exit(2);
    }
    let root = Path::new(&args[1]);
    let mut st = Stats::default();

    // BBC: every .txt under bbc/, sorted for determinism.
    let mut bbc: Vec<_> = walk(&root.join("bbc"));
    bbc.sort();
    for p in &bbc {
        if p.extension().is_some_and(|e| e == "txt") {
            if let Ok(b) = std::fs::read(p) {
                st.add_text(&String::from_utf8_lossy(&b));
            }
        }
    }
    // Reuters-21578: TITLE and BODY of every story. Bodies are hard-wrapped, so lines are joined
    // before sentence splitting.
    let mut sgm: Vec<_> = walk(&root.join("reuters21578"));
    sgm.sort();
    for p in sgm
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
    {
        let Ok(b) = std::fs::read(p) else { continue };
        let s = String::from_utf8_lossy(&b);
        for story in s.split("</REUTERS>") {
            if let Some(t) = between(story, "<TITLE>", "</TITLE>") {
                st.add_text(&unescape_sgml(t));
            }
            if let Some(body) = between(story, "<BODY>", "</BODY>") {
                let body = unescape_sgml(body);
                let joined: String = body
                    .split("\n    ")
                    .map(|para| para.replace('\n', " "))
                    .collect::<Vec<_>>()
                    .join("\n");
                st.add_text(&joined);
            }
        }
    }
    // CoNLL train: already tokenised, one token per line.
    if let Ok(b) = std::fs::read(root.join("conll2003/eng.train")) {
        let s = String::from_utf8_lossy(&b);
        let mut sent: Vec<&str> = Vec::new();
        for line in s.lines() {
            let w = line.split(' ').next().unwrap_or("");
            if w.is_empty() || w == "-DOCSTART-" {
                if !sent.is_empty() {
                    st.add_sentence(&sent);
                    sent.clear();
                }
            } else {
                sent.push(w);
            }
        }
        if !sent.is_empty() {
            st.add_sentence(&sent);
        }
    }
    let total: usize = st.sents.iter().map(Vec::len).sum();
    eprintln!(
        "{} sentences, {} tokens, {} types",
        st.sents.len(),
        total,
        st.count.len()
    );

    // Vocabulary, sorted by (count desc, word).
    let mut vocab: Vec<(&String, u32)> = st
        .count
        .iter()
        .filter(|(_, &c)| c >= MIN_COUNT)
        .map(|(w, &c)| (w, c))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(MAX_VOCAB);
    let index: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    let ctx_dim = 2 * (CONTEXT_WORDS + 1);
    let ctx_of = |w: &str| -> usize {
        match index.get(w) {
            Some(&i) if i < CONTEXT_WORDS => i,
            _ => CONTEXT_WORDS,
        }
    };
    let mut ctx: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in &st.sents {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let left = if i > 0 {
                ctx_of(&s[i - 1])
            } else {
                CONTEXT_WORDS
            };
            let right = if i + 1 < s.len() {
                ctx_of(&s[i + 1])
            } else {
                CONTEXT_WORDS
            };
            *ctx[wi].entry(left as u32).or_insert(0.0) += 1.0;
            *ctx[wi]
                .entry((CONTEXT_WORDS + 1 + right) as u32)
                .or_insert(0.0) += 1.0;
        }
    }
    // Sparse, sorted, sqrt-scaled, unit-length vectors.
    let vecs: Vec<Vec<(u32, f32)>> = ctx
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(k, c)| (k, c.sqrt())).collect();
            v.sort_by_key(|x| x.0);
            let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            for x in &mut v {
                x.1 /= n;
            }
            v
        })
        .collect();

    // Recursive bisection.
    let mut paths: Vec<String> = vec![String::new(); vocab.len()];
    let mut stack: Vec<(Vec<usize>, usize)> = vec![((0..vocab.len()).collect(), 0)];
    while let Some((members, depth)) = stack.pop() {
        if members.len() < MIN_SPLIT || depth >= MAX_DEPTH {
            continue;
        }
        let (a, b) = bisect(&members, &vecs, ctx_dim);
        if a.is_empty() || b.is_empty() {
            continue;
        }
        for &m in &a {
            paths[m].push('0');
        }
        for &m in &b {
            paths[m].push('1');
        }
        stack.push((a, depth + 1));
        stack.push((b, depth + 1));
    }

    let mut out = String::new();
    let mut sorted: Vec<usize> = (0..vocab.len()).collect();
    sorted.sort_by(|&a, &b| vocab[a].0.cmp(vocab[b].0));
    for i in sorted {
        let w = vocab[i].0;
        if w.contains(['\t', '\n']) {
            continue;
        }
        let (c, l) = st.cap.get(w).copied().unwrap_or((0, 0));
        let n = c + l;
        let bucket = if n < 3 {
            0
        } else {
            let r = c as f64 / n as f64;
            if r < 0.05 {
                1
            } else if r < 0.5 {
                2
            } else if r < 0.95 {
                3
            } else {
                4
            }
        };
        let path = if paths[i].is_empty() { "-" } else { &paths[i] };
        out.push_str(&format!("{w}\t{path}\t{bucket}\n"));
    }
    std::fs::write(&args[2], out).unwrap_or_else(|e| panic!("cannot write {}: {e}", args[2]));
    eprintln!("wrote {} words to {}", vocab.len(), args[2]);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn dot(v: &[(u32, f32)], c: &[f32]) -> f32 {
    v.iter().map(|&(k, x)| x * c[k as usize]).sum()
}

/// Spherical 2-means on the members' vectors. Initialised deterministically with the first
/// member (the most frequent word) and the member least similar to it.
fn bisect(members: &[usize], vecs: &[Vec<(u32, f32)>], dim: usize) -> (Vec<usize>, Vec<usize>) {
    let mut c0 = vec![0f32; dim];
    let mut c1 = vec![0f32; dim];
    for &(k, x) in &vecs[members[0]] {
        c0[k as usize] = x;
    }
    let far = members
        .iter()
        .copied()
        .min_by(|&a, &b| {
            dot(&vecs[a], &c0)
                .total_cmp(&dot(&vecs[b], &c0))
                .then(a.cmp(&b))
        })
        .unwrap_or(members[0]);
    for &(k, x) in &vecs[far] {
        c1[k as usize] = x;
    }
    let mut assign = vec![false; members.len()];
    for _ in 0..8 {
        for (i, &m) in members.iter().enumerate() {
            assign[i] = dot(&vecs[m], &c1) > dot(&vecs[m], &c0);
        }
        c0.iter_mut().for_each(|x| *x = 0.0);
        c1.iter_mut().for_each(|x| *x = 0.0);
        for (i, &m) in members.iter().enumerate() {
            let c = if assign[i] { &mut c1 } else { &mut c0 };
            for &(k, x) in &vecs[m] {
                c[k as usize] += x;
            }
        }
        for c in [&mut c0, &mut c1] {
            let n = c.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            c.iter_mut().for_each(|x| *x /= n);
        }
    }
    let mut a = Vec::new();
    let mut b = Vec::new();
    for (i, &m) in members.iter().enumerate() {
        if assign[i] {
            b.push(m);
        } else {
            a.push(m);
        }
    }
    (a, b)
}
