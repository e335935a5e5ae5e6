//! Builds the NER lexicon (`src/enrich/ner/data/lexicon.txt`) from unlabelled news text: for
//! each frequent lowercase word, two hierarchical word-cluster paths and a casing profile.
//!
//! Clusters: a cheap stand-in for Brown clustering. Each word is described by its immediate left
//! and right neighbours (among the 1,000 most frequent words, the rest pooled), as square-rooted,
//! L2-normalised counts; the vocabulary is then split recursively in two by spherical 2-means,
//! and the sequence of left/right choices is the word's bit path — so, as with Brown paths,
//! prefixes of the path are coarser clusters. The first path comes from all the text, the second
//! from the older newswire alone (BBC 2004–05, Reuters 1987, CoNLL 1996): modern news groups
//! today's names, and the older paths keep the groups that CoNLL-style text was tagged with.
//!
//! Casing profile: how often the word is capitalised when it is *not* sentence-initial and not
//! in an all-caps line, bucketed (1 never … 4 almost always; 0 too rare to say). This is what
//! lets the tagger read ALL-CAPS headlines and sentence-initial words.
//!
//! Input: BBC `.txt` files, Reuters-21578 `.sgm` (TITLE and BODY), CoNLL `eng.train` tokens, and
//! (optional third argument) the bodies of `news-allsides-2015-2020` (21,000 articles of
//! 2015–2020 news, decompressed JSON Lines). Only derived statistics are written, never text.
//! The vocabulary is the 60,000 most frequent words: rarer words stay out, and a word the lexicon
//! does not know is itself a strong hint of a name. Deterministic: vocabulary sorted by
//! (count desc, word), fixed initialisation, fixed iteration counts.
//!
//! Output, one line per word: `word<TAB>path<TAB>case bucket<TAB>older path` (`-`: none).
//!
//! ```text
//! cargo run --release --example ner_lexicon -- SHARED_CORPORA_DIR OUT.txt [ALLSIDES.jsonl]
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
    /// Interned lowercase words: id → word, word → id.
    words: Vec<String>,
    ids: HashMap<String, u32>,
    /// Per word id: occurrences, and (capitalised, lowercase) counts mid-sentence in mixed-case
    /// lines.
    count: Vec<u32>,
    cap: Vec<(u32, u32)>,
    /// Sentences as word-id lists (for the context counts). Ids keep 21 M tokens of news in
    /// about 100 MB where strings would need ten times that.
    sents: Vec<Box<[u32]>>,
}

impl Stats {
    fn id(&mut self, w: String) -> u32 {
        if let Some(&i) = self.ids.get(&w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.words.push(w.clone());
        self.ids.insert(w, i);
        self.count.push(0);
        self.cap.push((0, 0));
        i
    }

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
        let mut ids = Vec::with_capacity(words.len());
        for (i, w) in words.iter().enumerate() {
            let id = self.id(tokenize::lowercase(&tokenize::normalize_apostrophes(w))) as usize;
            self.count[id] += 1;
            if i > 0 && !caps_line && w.chars().any(|c| c.is_alphabetic()) {
                let e = &mut self.cap[id];
                if tokenize::is_capitalized(w) {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
            }
            ids.push(id as u32);
        }
        self.sents.push(ids.into_boxed_slice());
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
        eprintln!("usage: ner_lexicon SHARED_CORPORA_DIR OUT.txt [ALLSIDES.jsonl]");
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
    let n_old = st.sents.len();
    // Modern news (optional third argument: the allsides JSON Lines, decompressed): body text
    // only. Headlines are title-cased or shouted and would blur the casing profile; bodies are
    // where the tagger meets most names.
    if let Some(path) = args.get(3) {
        let f = std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        let mut n = 0usize;
        for line in std::io::BufRead::lines(std::io::BufReader::new(f)) {
            let Ok(line) = line else { continue };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            if let Some(text) = v.get("text").and_then(|t| t.as_str()) {
                st.add_text(text);
                n += 1;
            }
        }
        eprintln!("{n} modern articles from {path}");
    }
    let total: usize = st.sents.iter().map(|s| s.len()).sum();
    eprintln!(
        "{} sentences, {} tokens, {} types",
        st.sents.len(),
        total,
        st.words.len()
    );

    // Two clusterings: over all the text (the primary paths), and over the older newswire alone
    // (BBC, Reuters-21578, CoNLL: the second paths). The tagger reads both: modern paths group
    // today's names, the older ones keep what the 1996-style text taught.
    let (vocab, paths) = clusters(&st.words, &st.sents, MAX_VOCAB);
    let (vocab_old, paths_old) = clusters(&st.words, &st.sents[..n_old], MAX_VOCAB);
    let mut second: HashMap<u32, &str> = HashMap::new();
    for (i, &w) in vocab_old.iter().enumerate() {
        if !paths_old[i].is_empty() {
            second.insert(w, &paths_old[i]);
        }
    }

    let mut out = String::new();
    let mut sorted: Vec<usize> = (0..vocab.len()).collect();
    sorted.sort_by(|&a, &b| st.words[vocab[a] as usize].cmp(&st.words[vocab[b] as usize]));
    for i in sorted {
        let w = &st.words[vocab[i] as usize];
        if w.contains(['\t', '\n']) {
            continue;
        }
        let (c, l) = st.cap[vocab[i] as usize];
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
        let old = second.get(&vocab[i]).copied().unwrap_or("-");
        out.push_str(&format!("{w}\t{path}\t{bucket}\t{old}\n"));
    }
    std::fs::write(&args[2], out).unwrap_or_else(|e| panic!("cannot write {}: {e}", args[2]));
    eprintln!("wrote {} words to {}", vocab.len(), args[2]);
}

/// Word clusters over `sents`: the vocabulary (word ids with at least [`MIN_COUNT`]
/// occurrences there, the `max_vocab` most frequent, sorted by count then word) and each word's
/// bit path (empty when its group was too small to split).
fn clusters(words: &[String], sents: &[Box<[u32]>], max_vocab: usize) -> (Vec<u32>, Vec<String>) {
    let mut count = vec![0u32; words.len()];
    for s in sents {
        for &w in s.iter() {
            count[w as usize] += 1;
        }
    }
    let mut vocab: Vec<u32> = (0..words.len() as u32)
        .filter(|&i| count[i as usize] >= MIN_COUNT)
        .collect();
    vocab.sort_by(|&a, &b| {
        let (a, b) = (a as usize, b as usize);
        count[b].cmp(&count[a]).then(words[a].cmp(&words[b]))
    });
    vocab.truncate(max_vocab);
    // Word id → rank in the vocabulary.
    let mut rank: Vec<Option<u32>> = vec![None; words.len()];
    for (r, &i) in vocab.iter().enumerate() {
        rank[i as usize] = Some(r as u32);
    }
    let ctx_dim = 2 * (CONTEXT_WORDS + 1);
    let ctx_of = |w: u32| -> usize {
        match rank[w as usize] {
            Some(r) if (r as usize) < CONTEXT_WORDS => r as usize,
            _ => CONTEXT_WORDS,
        }
    };
    let mut ctx: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in sents {
        for (i, &w) in s.iter().enumerate() {
            let Some(wi) = rank[w as usize] else {
                continue;
            };
            let left = if i > 0 {
                ctx_of(s[i - 1])
            } else {
                CONTEXT_WORDS
            };
            let right = if i + 1 < s.len() {
                ctx_of(s[i + 1])
            } else {
                CONTEXT_WORDS
            };
            let m = &mut ctx[wi as usize];
            *m.entry(left as u32).or_insert(0.0) += 1.0;
            *m.entry((CONTEXT_WORDS + 1 + right) as u32).or_insert(0.0) += 1.0;
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
    (vocab, paths)
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
