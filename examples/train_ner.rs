//! Trains the NER tagger: a weighted averaged perceptron on one or more CoNLL-like training
//! sources, model selection (number of epochs) on one or more dev files (the sum of their entity
//! F1s), weights written to `OUTDIR/pass1.bin` and `OUTDIR/pass2.bin`.
//!
//! Run through `scripts/train-ner`. Deterministic: documents are shuffled with a fixed-seed
//! xorshift generator, every map is iterated in sorted order or not at all, and the features are
//! the library's own (`morgue::enrich::ner::features`), so the trained weights match run time.
//!
//! A training source is `PATH[:WEIGHT[:nomisc]]`: its updates are scaled by WEIGHT (default 1),
//! and `nomisc` marks a source annotated without MISC (FiNER-ORD), whose O tokens mean "O or
//! MISC": predicting MISC there is not corrected.
//!
//! `--report` files are scored and printed beside the dev files but never choose anything: the
//! untuned sets, so that a variant's effect on them is seen in the same run.
//!
//! ```text
//! cargo run --release --example train_ner -- OUTDIR EPOCHS BITS FOLDS \
//!     --dev DEV.conll... --train SOURCE... [--report CONLL...]
//! ```

use std::ops::Range;
use std::time::Instant;

use morgue::enrich::ner::features::{tag_b, tag_i, tag_type, DocFeatures, Feat, NUM_TAGS, TAG_O};
use morgue::enrich::ner::lexicon::Lexicon;
use morgue::enrich::ner::model::{decode, Scorer, Scratch, Weights, BEAM, TAG_O_OR_MISC};
use morgue::enrich::ner::spans;

/// Decoding buffers for training and model selection: every token scored, and the run-time
/// beam width unless NER_BEAM says otherwise (exploring; 1 is the greedy decoder).
fn scratch() -> Scratch {
    let width = std::env::var("NER_BEAM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(BEAM);
    Scratch::every_token().with_beam(width)
}

struct Doc {
    words: Vec<String>,
    sentences: Vec<Range<usize>>,
    tags: Vec<u8>,
    /// Update scale of the document's source.
    weight: f32,
}

/// Read a CoNLL-style file (`-DOCSTART-` between documents, blank lines between sentences,
/// token first and tag last on a line, tab- or space-separated) into documents; IOB1 tags
/// become IOB2. With `no_misc`, O tags become [`TAG_O_OR_MISC`].
fn read_conll(path: &str, weight: f32, no_misc: bool) -> Vec<Doc> {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let text = String::from_utf8_lossy(&text);
    let mut docs = Vec::new();
    let mut cur = Doc {
        words: vec![],
        sentences: vec![],
        tags: vec![],
        weight,
    };
    let mut sent_start = 0;
    let mut prev_label = String::new();
    let flush_sent = |cur: &mut Doc, sent_start: &mut usize| {
        if cur.words.len() > *sent_start {
            cur.sentences.push(*sent_start..cur.words.len());
        }
        *sent_start = cur.words.len();
    };
    for line in text.lines() {
        if line.starts_with("-DOCSTART-") {
            flush_sent(&mut cur, &mut sent_start);
            if !cur.words.is_empty() {
                docs.push(std::mem::replace(
                    &mut cur,
                    Doc {
                        words: vec![],
                        sentences: vec![],
                        tags: vec![],
                        weight,
                    },
                ));
            }
            sent_start = 0;
            prev_label.clear();
            continue;
        }
        let parts: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else {
            line.split_whitespace().collect()
        };
        if parts.iter().all(|p| p.trim().is_empty()) {
            flush_sent(&mut cur, &mut sent_start);
            prev_label.clear();
            continue;
        }
        let word = parts[0];
        let tag = parts[parts.len() - 1];
        let (bi, label) = match tag.split_once('-') {
            Some((b, l)) => (b, l),
            None => ("O", ""),
        };
        let k = match label {
            "PER" => Some(0u8),
            "ORG" => Some(1),
            "LOC" => Some(2),
            "MISC" => Some(3),
            _ => None,
        };
        let t = match k {
            None if no_misc => TAG_O_OR_MISC,
            None => TAG_O,
            Some(k) => {
                if bi == "B" || prev_label != label {
                    tag_b(k)
                } else {
                    tag_i(k)
                }
            }
        };
        prev_label = if k.is_some() {
            label.to_string()
        } else {
            String::new()
        };
        cur.words.push(word.to_string());
        cur.tags.push(t);
    }
    flush_sent(&mut cur, &mut sent_start);
    if !cur.words.is_empty() {
        docs.push(cur);
    }
    docs
}

/// Averaged perceptron with lazy averaging (Daumé's trick): `acc` holds the running sum of each
/// weight over time, brought up to date only when the weight changes.
struct Trainer {
    bits: u32,
    w: Vec<f32>,
    acc: Vec<f64>,
    stamp: Vec<u32>,
    clock: u32,
    /// Update scale of the document being trained on.
    weight: f32,
}

impl Trainer {
    fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NUM_TAGS;
        Trainer {
            bits,
            w: vec![0.0; n],
            acc: vec![0.0; n],
            stamp: vec![0; n],
            clock: 1,
            weight: 1.0,
        }
    }

    fn bump(&mut self, j: usize, d: f32) {
        let age = self.clock - self.stamp[j];
        self.acc[j] += f64::from(age) * f64::from(self.w[j]);
        self.stamp[j] = self.clock;
        self.w[j] += d;
    }

    fn averaged(&self) -> Vec<f32> {
        (0..self.w.len())
            .map(|j| {
                let age = self.clock - self.stamp[j];
                let total = self.acc[j] + f64::from(age) * f64::from(self.w[j]);
                (total / f64::from(self.clock)) as f32
            })
            .collect()
    }
}

impl Scorer for Trainer {
    fn bits(&self) -> u32 {
        self.bits
    }
    fn score(&self, feats: &[Feat], out: &mut [f32; NUM_TAGS]) {
        *out = [0.0; NUM_TAGS];
        for &f in feats {
            let row = &self.w[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
            for k in 0..NUM_TAGS {
                out[k] += row[k];
            }
        }
    }
    fn update(&mut self, feats: &[Feat], gold: u8, pred: u8) {
        self.clock += 1;
        let gold = if gold == TAG_O_OR_MISC {
            if pred == TAG_O || tag_type(pred) == Some(3) {
                return;
            }
            TAG_O
        } else {
            gold
        };
        if gold == pred {
            return;
        }
        let d = self.weight;
        for &f in feats {
            let base = f as usize * NUM_TAGS;
            self.bump(base + gold as usize, d);
            self.bump(base + pred as usize, -d);
        }
    }
    fn tick(&mut self) {
        self.clock += 1;
    }
    fn adjust(&mut self, feats: &[Feat], tag: u8, sign: f32) {
        let d = sign * self.weight;
        for &f in feats {
            self.bump(f as usize * NUM_TAGS + tag as usize, d);
        }
    }
}

/// Frozen dense weights for evaluation.
struct Dense {
    bits: u32,
    w: Vec<f32>,
}

impl Scorer for Dense {
    fn bits(&self) -> u32 {
        self.bits
    }
    fn score(&self, feats: &[Feat], out: &mut [f32; NUM_TAGS]) {
        *out = [0.0; NUM_TAGS];
        for &f in feats {
            let row = &self.w[f as usize * NUM_TAGS..(f as usize + 1) * NUM_TAGS];
            for k in 0..NUM_TAGS {
                out[k] += row[k];
            }
        }
    }
}

struct Prepared {
    feats: DocFeatures,
    sentences: Vec<Range<usize>>,
    tags: Vec<u8>,
    weight: f32,
}

fn prepare(lex: &Lexicon, docs: &[Doc]) -> Vec<Prepared> {
    docs.iter()
        .map(|d| {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            Prepared {
                feats: DocFeatures::new(lex, &words, &d.sentences),
                sentences: d.sentences.clone(),
                tags: d.tags.clone(),
                weight: d.weight,
            }
        })
        .collect()
}

/// Entity-level micro F1 and per-type (tp, fp, fn).
fn evaluate<S: Scorer>(s: &mut S, docs: &[Prepared]) -> (f64, [[usize; 3]; 4]) {
    let mut counts = [[0usize; 3]; 4];
    let mut scratch = scratch();
    for d in docs {
        let pred = decode(s, &d.feats, &d.sentences, None, &mut scratch);
        let mut p = Vec::new();
        let mut g = Vec::new();
        // Entities never cross sentences in gold; score per sentence as the shared scorer does.
        for r in &d.sentences {
            for (sp, k) in spans(&pred[r.clone()]) {
                p.push((r.start + sp.start, r.start + sp.end, k));
            }
            for (sp, k) in spans(&d.tags[r.clone()]) {
                g.push((r.start + sp.start, r.start + sp.end, k));
            }
        }
        for x in &p {
            if g.contains(x) {
                counts[x.2 as usize][0] += 1;
            } else {
                counts[x.2 as usize][1] += 1;
            }
        }
        for x in &g {
            if !p.contains(x) {
                counts[x.2 as usize][2] += 1;
            }
        }
    }
    let (tp, fp, fnn) = counts
        .iter()
        .fold((0, 0, 0), |a, c| (a.0 + c[0], a.1 + c[1], a.2 + c[2]));
    (f1(tp, fp, fnn), counts)
}

fn f1(tp: usize, fp: usize, fnn: usize) -> f64 {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fnn > 0 {
        tp as f64 / (tp + fnn) as f64
    } else {
        0.0
    };
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// A named dev set.
struct Dev {
    name: String,
    docs: Vec<Prepared>,
    /// Counted in the selection score (a `--dev` file), or only reported (`--report`).
    selects: bool,
}

/// Each dev set's F1 with its per-type F1s, and their sum (the selection score).
fn evaluate_all<S: Scorer>(s: &mut S, devs: &[Dev]) -> (f64, String) {
    let mut sum = 0.0;
    let mut parts = Vec::new();
    for d in devs {
        let (f, counts) = evaluate(s, &d.docs);
        if d.selects {
            sum += f;
        }
        let per: Vec<String> = counts
            .iter()
            .zip(["PER", "ORG", "LOC", "MISC"])
            .map(|(c, n)| format!("{n} {:.4}", f1(c[0], c[1], c[2])))
            .collect();
        let mark = if d.selects { "" } else { " [report]" };
        parts.push(format!("{}{mark} {f:.4} ({})", d.name, per.join(", ")));
    }
    (sum, parts.join("; "))
}

/// Train for `epochs` epochs; returns the averaged weights of the epoch with the best summed
/// dev F1 (when `devs` is given) or of the last epoch.
fn train(
    bits: u32,
    train: &[&Prepared],
    devs: Option<&[Dev]>,
    epochs: usize,
    label: &str,
    t0: Instant,
) -> (Vec<f32>, usize, f64) {
    // NER_SEED varies the shuffle, to see how much of a difference is noise (runs differ by
    // about 0.01 on dev from the order alone). NER_SEEDS=K trains K perceptrons on K shuffles
    // (seeds NER_SEED .. NER_SEED+K-1) side by side and uses the mean of their averaged weights:
    // one linear model, as fast at run time, with less of the order's noise.
    let env = |name: &str, default: u64| -> u64 {
        std::env::var(name)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(default)
    };
    let (seed, k) = (env("NER_SEED", 0), env("NER_SEEDS", 1).max(1));
    let mut runs: Vec<(Trainer, Vec<usize>, u64)> = (0..k)
        .map(|j| {
            let rng = 0x9e37_79b9_7f4a_7c15u64 ^ (seed + j).wrapping_mul(0x2545_f491_4f6c_dd1d);
            (Trainer::new(bits), (0..train.len()).collect(), rng)
        })
        .collect();
    let mean = |runs: &[(Trainer, Vec<usize>, u64)]| -> Vec<f32> {
        let mut w = runs[0].0.averaged();
        for (tr, _, _) in &runs[1..] {
            for (a, b) in w.iter_mut().zip(tr.averaged()) {
                *a += b;
            }
        }
        if runs.len() > 1 {
            let n = runs.len() as f32;
            w.iter_mut().for_each(|a| *a /= n);
        }
        w
    };
    let mut best: Option<(f64, usize, Vec<f32>)> = None;
    let mut scratch = scratch();
    for epoch in 1..=epochs {
        for (tr, order, rng) in runs.iter_mut() {
            // Fisher–Yates with xorshift64: the same order on every run.
            for i in (1..order.len()).rev() {
                *rng ^= *rng << 13;
                *rng ^= *rng >> 7;
                *rng ^= *rng << 17;
                order.swap(i, (*rng % (i as u64 + 1)) as usize);
            }
            for &di in order.iter() {
                let d = train[di];
                tr.weight = d.weight;
                decode(tr, &d.feats, &d.sentences, Some(&d.tags), &mut scratch);
            }
        }
        let Some(devs) = devs else {
            if epoch == epochs {
                best = Some((0.0, epoch, mean(&runs)));
            }
            continue;
        };
        let mut dense = Dense {
            bits,
            w: mean(&runs),
        };
        let (f, report) = evaluate_all(&mut dense, devs);
        eprintln!(
            "{label} epoch {epoch}: {report} [{:.1}s]",
            t0.elapsed().as_secs_f64()
        );
        if best.as_ref().is_none_or(|b| f > b.0) {
            best = Some((f, epoch, dense.w));
        }
    }
    let (f, e, w) = best.unwrap_or((0.0, 0, vec![0.0; (1usize << bits) * NUM_TAGS]));
    (w, e, f)
}

fn write_model(path: &str, bits: u32, w: &[f32], devs: &[Dev], t0: Instant) {
    // Drop rows whose weights all quantise to tiny values: they barely move a score, and most
    // of the table's rows are hash buckets that saw one rare feature.
    let min_q: i16 = std::env::var("NER_MIN_Q")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let bytes = Weights::encode(bits, w, min_q);
    let check = Weights::from_bytes(&bytes).expect("own encoding parses");
    let mut frozen = &check;
    let (_, report) = evaluate_all(&mut frozen, devs);
    std::fs::write(path, &bytes).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    eprintln!(
        "wrote {path} ({} bytes); quantised: {report} [{:.1}s]",
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
}

/// A training source `PATH[:WEIGHT[:nomisc]]` → its documents.
fn read_source(spec: &str) -> Vec<Doc> {
    let mut it = spec.split(':');
    let path = it.next().unwrap_or("");
    let weight: f32 = match it.next() {
        None => 1.0,
        Some(w) => w
            .parse()
            .unwrap_or_else(|_| panic!("{spec}: weight {w:?} is not a number")),
    };
    let no_misc = match it.next() {
        None => false,
        Some("nomisc") => true,
        Some(x) => panic!("{spec}: unknown flag {x:?} (only nomisc)"),
    };
    let docs = read_conll(path, weight, no_misc);
    eprintln!(
        "source {path}: {} docs, {} tokens, weight {weight}{}",
        docs.len(),
        docs.iter().map(|d| d.words.len()).sum::<usize>(),
        if no_misc { ", MISC masked" } else { "" }
    );
    docs
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage =
        "usage: train_ner OUTDIR EPOCHS BITS FOLDS --dev DEV... --train SOURCE... [--report CONLL...]";
    if args.len() < 4 {
        eprintln!("{usage}");
        std::process::exit(2);
    }
    let outdir = &args[0];
    let num = |i: usize| -> usize {
        args[i].parse().unwrap_or_else(|_| {
            eprintln!("{usage}");
            std::process::exit(2)
        })
    };
    let (epochs, bits, folds) = (num(1), num(2) as u32, num(3));
    let (mut dev_paths, mut sources, mut report_paths) = (Vec::new(), Vec::new(), Vec::new());
    let mut into = 0;
    for a in &args[4..] {
        match a.as_str() {
            "--dev" => into = 0,
            "--train" => into = 1,
            "--report" => into = 2,
            _ if into == 0 => dev_paths.push(a.clone()),
            _ if into == 1 => sources.push(a.clone()),
            _ => report_paths.push(a.clone()),
        }
    }
    if dev_paths.is_empty() || sources.is_empty() {
        eprintln!("{usage}");
        std::process::exit(2);
    }
    let t0 = Instant::now();
    // Exploring a new lexicon needs no rebuild: NER_LEXICON_DIR holds lexicon.txt and
    // gazetteer.txt to use instead of the embedded ones (weights trained so must be committed
    // together with those files).
    let loaded;
    let lex = match std::env::var_os("NER_LEXICON_DIR") {
        Some(dir) => {
            let dir = std::path::PathBuf::from(dir);
            let read = |n: &str| {
                std::fs::read_to_string(dir.join(n))
                    .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.join(n).display()))
            };
            loaded = Lexicon::parse(&read("lexicon.txt"), &read("gazetteer.txt"));
            &loaded
        }
        None => Lexicon::embedded(),
    };
    let train_docs: Vec<Doc> = sources.iter().flat_map(|s| read_source(s)).collect();
    let mut train_p = prepare(lex, &train_docs);
    drop(train_docs);
    let mut devs: Vec<Dev> = dev_paths
        .iter()
        .map(|p| (p, true))
        .chain(report_paths.iter().map(|p| (p, false)))
        .map(|(p, selects)| Dev {
            name: std::path::Path::new(p)
                .file_name()
                .map_or(p.clone(), |n| n.to_string_lossy().into_owned()),
            docs: prepare(lex, &read_conll(p, 1.0, false)),
            selects,
        })
        .collect();
    eprintln!(
        "train: {} docs {} tokens; dev: {}; features ready in {:.1}s",
        train_p.len(),
        train_p.iter().map(|d| d.tags.len()).sum::<usize>(),
        devs.iter()
            .map(|d| format!("{} {} docs", d.name, d.docs.len()))
            .collect::<Vec<_>>()
            .join(", "),
        t0.elapsed().as_secs_f64()
    );

    // Pass 1 on all training documents, epochs chosen on the dev sets.
    let all: Vec<&Prepared> = train_p.iter().collect();
    let (w1, e1, f1v) = train(bits, &all, Some(&devs), epochs, "pass1", t0);
    eprintln!("pass1: best epoch {e1}, summed dev F1 {f1v:.4}");
    write_model(&format!("{outdir}/pass1.bin"), bits, &w1, &devs, t0);
    if std::env::var_os("NER_PASS1_ONLY").is_some() {
        // Exploring: the first pass's dev scores are the signal, the second pass costs 6x more.
        return;
    }

    // First-pass tags for the training documents come from models that did not see them
    // (k-fold jackknife), so the second pass learns how far to trust a first pass on unseen text.
    let mut first_tags: Vec<Vec<u8>> = vec![Vec::new(); train_p.len()];
    let mut scratch = scratch();
    for k in 0..folds {
        let part: Vec<&Prepared> = train_p
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, d)| d)
            .collect();
        let (wk, _, _) = train(bits, &part, None, e1, "fold", t0);
        let mut dense = Dense { bits, w: wk };
        for (i, d) in train_p.iter().enumerate().filter(|(i, _)| i % folds == k) {
            first_tags[i] = decode(&mut dense, &d.feats, &d.sentences, None, &mut scratch);
        }
        eprintln!("fold {k} tagged [{:.1}s]", t0.elapsed().as_secs_f64());
    }
    for (d, t) in train_p.iter_mut().zip(&first_tags) {
        d.feats.set_first_pass(t);
    }
    let pass1 =
        Weights::from_bytes(&std::fs::read(format!("{outdir}/pass1.bin")).expect("written"))
            .expect("parses");
    for dev in devs.iter_mut() {
        for d in dev.docs.iter_mut() {
            let t = decode(&mut &pass1, &d.feats, &d.sentences, None, &mut scratch);
            d.feats.set_first_pass(&t);
        }
    }
    let all: Vec<&Prepared> = train_p.iter().collect();
    let (w2, e2, f2v) = train(bits, &all, Some(&devs), epochs, "pass2", t0);
    eprintln!("pass2: best epoch {e2}, summed dev F1 {f2v:.4}");
    write_model(&format!("{outdir}/pass2.bin"), bits, &w2, &devs, t0);
}
