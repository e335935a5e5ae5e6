//! Trains the reported-speech tagger (`src/enrich/quotes/reported_span.rs`), for
//! `scripts/train-reported-spans`:
//!
//!   reported_spans GOLD.tsv OUT.bin [--folds K] [--precision P] [--epochs E]
//!
//! GOLD.tsv holds one article a line: its path, a tab, and its gold Content spans without a
//! double quote mark as `start:end` character offsets into the file, space-separated. Each
//! article is read as `morgue extract` reads it; its sentences are tagged B/I/O from the gold,
//! and a structured averaged perceptron is trained over them (a fixed shuffle: the same data
//! give the same weights). The margin threshold comes from a k-fold cross-validation over the
//! articles: the lowest threshold at which the out-of-fold quotes of the whole indirect stage
//! (rules, classifier and tagger) reach the target precision against the gold, matched
//! one-to-one at ≥ 50% of the shorter span (identity_eval.py's rule).

use std::path::Path;

use morgue::enrich::quotes::{self, reported_span as rs};
use morgue::parse::ParseLimits;
use morgue::read::Limits;
use morgue::{Field, QuoteKind};

struct Doc {
    body: String,
    ents: Vec<morgue::Entity>,
    direct: Vec<morgue::Quote>,
    /// The indirect quotes of the stages before the tagger.
    taken: Vec<morgue::Quote>,
    gold: Vec<(usize, usize)>,
    sents: Vec<(rs::Sentence, Vec<usize>)>,
}

fn arg(args: &[String], name: &str, default: f64) -> f64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn load(line: &str) -> Option<Doc> {
    let (path, spans) = line.split_once('\t').unwrap_or((line, ""));
    let parsed = morgue::extract::read_articles(
        Path::new(path),
        "",
        Limits::default(),
        ParseLimits::default(),
    )
    .map_err(|e| eprintln!("reported_spans: {path}: {}", e.reason))
    .ok()?;
    let article = parsed.articles.into_iter().next()?;
    let raw = std::fs::read_to_string(path).ok()?;
    let body = article.body.clone();
    let head: String = body.chars().take(80).collect();
    let base = raw.find(&head).unwrap_or(0);
    // Character offsets of the file → byte offsets of the body.
    let mut bytes: Vec<usize> = raw.char_indices().map(|(b, _)| b).collect();
    bytes.push(raw.len());
    let mut gold: Vec<(usize, usize)> = spans
        .split_whitespace()
        .filter_map(|s| {
            let (a, b) = s.split_once(':')?;
            let (a, b) = (
                bytes.get(a.parse::<usize>().ok()?)?,
                bytes.get(b.parse::<usize>().ok()?)?,
            );
            (*a >= base && *b <= base + body.len()).then(|| (a - base, b - base))
        })
        .collect();
    gold.sort_unstable();
    let mut ents: Vec<_> = morgue::enrich::entities(&article)
        .into_iter()
        .filter(|e| e.field == Field::Body)
        .collect();
    ents.sort_by_key(|e| (e.start, e.end));
    let all = rs::without_tagger(|| quotes::extract(Field::Body, &body, &ents));
    let direct: Vec<_> = all
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .cloned()
        .collect();
    let taken: Vec<_> = all
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .collect();
    let sents = rs::sentences(&body, &ents)
        .into_iter()
        .map(|s| {
            let mut tags = vec![0; s.ws.len()];
            for &(gs, ge) in &gold {
                let mut first = true;
                for (i, w) in s.ws.iter().enumerate() {
                    if w.start >= gs && w.start < ge {
                        tags[i] = if first { 1 } else { 2 };
                        first = false;
                    }
                }
            }
            (s, tags)
        })
        .collect();
    Some(Doc {
        body,
        ents,
        direct,
        taken,
        gold,
        sents,
    })
}

/// A structured averaged perceptron over the sentences of `docs` (those `keep` selects).
fn train(docs: &[Doc], keep: &dyn Fn(usize) -> bool, epochs: usize) -> rs::Model {
    let mut m = rs::Model::zeros();
    let mut u_emit = vec![0f64; m.emit.len()];
    let mut u_trans = [0f64; rs::TRANS];
    let mut order: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .flat_map(|(i, d)| (0..d.sents.len()).map(move |j| (i, j)))
        .collect();
    // A fixed linear congruential shuffle.
    let mut seed: u64 = 0x5eed;
    let mut c = 1f64;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        for &(i, j) in &order {
            let (s, gold) = &docs[i].sents[j];
            let (pred, _) = m.decode(s);
            if &pred != gold {
                let (mut gp, mut pp) = (3, 3);
                for (k, f) in s.feats.iter().enumerate() {
                    let (g, p) = (gold[k], pred[k]);
                    if g != p {
                        for &x in f {
                            let r = x as usize * rs::TAGS;
                            m.emit[r + g] += 1.0;
                            m.emit[r + p] -= 1.0;
                            u_emit[r + g] += c;
                            u_emit[r + p] -= c;
                        }
                    }
                    if (gp, g) != (pp, p) {
                        m.trans[gp * rs::TAGS + g] += 1.0;
                        m.trans[pp * rs::TAGS + p] -= 1.0;
                        u_trans[gp * rs::TAGS + g] += c;
                        u_trans[pp * rs::TAGS + p] -= c;
                    }
                    gp = g;
                    pp = p;
                }
            }
            c += 1.0;
        }
    }
    for (w, u) in m.emit.iter_mut().zip(&u_emit) {
        *w = (f64::from(*w) - u / c) as f32;
    }
    for (w, u) in m.trans.iter_mut().zip(&u_trans) {
        *w = (f64::from(*w) - u / c) as f32;
    }
    m
}

/// One-to-one matches of `pred` against `gold` (gold in order, each taking the first unused
/// prediction overlapping it by ≥ 50% of the shorter span).
fn matches(gold: &[(usize, usize)], pred: &[(usize, usize)]) -> usize {
    let mut used = vec![false; pred.len()];
    let mut tp = 0;
    for g in gold {
        let hit = pred.iter().enumerate().position(|(i, p)| {
            let ov = g.1.min(p.1).saturating_sub(g.0.max(p.0));
            !used[i] && ov > 0 && 2 * ov >= (g.1 - g.0).min(p.1 - p.0)
        });
        if let Some(i) = hit {
            used[i] = true;
            tp += 1;
        }
    }
    tp
}

/// Precision, recall and F1 of the indirect stage over `docs` with the tagger's proposals
/// (per doc: span and margin) above `th`.
fn evaluate(docs: &[Doc], props: &[Vec<(usize, usize, f32)>], th: f32) -> (f64, f64, f64, usize) {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for (d, ps) in docs.iter().zip(props) {
        let mut pred: Vec<(usize, usize)> = d.taken.iter().map(|q| (q.start, q.end)).collect();
        pred.extend(ps.iter().filter(|p| p.2 > th).map(|p| (p.0, p.1)));
        pred.sort_unstable();
        tp += matches(&d.gold, &pred);
        np += pred.len();
        ng += d.gold.len();
    }
    let p = tp as f64 / np.max(1) as f64;
    let r = tp as f64 / ng.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f, np)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(gold), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: reported_spans GOLD.tsv OUT.bin [--folds K] [--precision P] [--epochs E]"
        );
        std::process::exit(2);
    };
    let folds = arg(&args, "--folds", 5.0) as usize;
    let target = arg(&args, "--precision", 0.91);
    let epochs = arg(&args, "--epochs", 10.0) as usize;
    let list = std::fs::read_to_string(gold).expect("the gold list is readable");
    let docs: Vec<Doc> = list.lines().filter_map(load).collect();
    let nsent: usize = docs.iter().map(|d| d.sents.len()).sum();
    let ngold: usize = docs.iter().map(|d| d.gold.len()).sum();
    eprintln!(
        "reported_spans: {} articles, {nsent} sentences with a cue word, {ngold} gold spans",
        docs.len()
    );
    let none: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); docs.len()];
    let (p, r, f, n) = evaluate(&docs, &none, 0.0);
    eprintln!("before the tagger (rules + classifier): P {p:.4} R {r:.4} F1 {f:.4} ({n} quotes)");
    if std::env::var_os("REPORTED_SPANS_DIAG").is_some() {
        diagnose(&docs, folds, epochs);
        return;
    }
    // Out-of-fold proposals: each fold's articles tagged by a model trained on the others.
    let mut oof: Vec<Vec<rs::Proposal>> = (0..docs.len()).map(|_| Vec::new()).collect();
    for k in 0..folds {
        let m = train(&docs, &|i| i % folds != k, epochs);
        for (i, d) in docs.iter().enumerate() {
            if i % folds == k {
                oof[i] = rs::proposals(&m, Field::Body, &d.body, &d.ents, &d.direct, &d.taken);
            }
        }
        eprintln!("fold {k} done");
    }
    let by_margin: Vec<Vec<(usize, usize, f32)>> = oof
        .iter()
        .map(|ps| ps.iter().map(|p| (p.start, p.end, p.margin)).collect())
        .collect();
    let (th, p, r, f, n) = threshold(&docs, &by_margin, target);
    eprintln!(
        "out-of-fold at margin threshold {th:.3}: P {p:.4} R {r:.4} F1 {f:.4} ({n} quotes; target P {target})"
    );
    let sourced: Vec<Vec<(usize, usize, f32)>> = oof
        .iter()
        .map(|ps| {
            ps.iter()
                .filter(|p| p.quote.cue.is_some())
                .map(|p| (p.start, p.end, p.margin))
                .collect()
        })
        .collect();
    let (th2, p, r, f, n) = threshold(&docs, &sourced, target);
    eprintln!("(sourced spans only: at {th2:.3} P {p:.4} R {r:.4} F1 {f:.4}, {n} quotes)");
    let (p, r, f, n) = evaluate(&docs, &by_margin, f32::NEG_INFINITY);
    eprintln!("out-of-fold, every tagged span: P {p:.4} R {r:.4} F1 {f:.4} ({n} quotes)");
    let mut m = train(&docs, &|_| true, epochs);
    m.threshold = th;
    std::fs::write(out, m.to_bytes()).expect("the model file is writable");
    eprintln!("wrote {out}");
}
/// The lowest threshold on the proposals' scores whose indirect-stage precision reaches
/// `target` (tried at every 10th distinct score), with its P, R, F1 and quote count.
fn threshold(
    docs: &[Doc],
    props: &[Vec<(usize, usize, f32)>],
    target: f64,
) -> (f32, f64, f64, f64, usize) {
    let mut xs: Vec<f32> = props.iter().flatten().map(|p| p.2).collect();
    xs.sort_by(|a, b| b.total_cmp(a));
    xs.dedup();
    let mut th = f32::INFINITY;
    for (i, &x) in xs.iter().enumerate() {
        if i % 10 != 0 && i + 1 != xs.len() {
            continue;
        }
        let cut = x - 1e-4;
        if evaluate(docs, props, cut).0 >= target {
            th = cut;
        }
    }
    let (p, r, f, n) = evaluate(docs, props, th);
    (th, p, r, f, n)
}

/// Where the gold spans are lost: outside the sentences read, or by the raw tagger (before a
/// source is required), out of fold.
fn diagnose(docs: &[Doc], folds: usize, epochs: usize) {
    let (mut ng, mut covered, mut tp, mut np) = (0, 0, 0, 0);
    for k in 0..1 {
        let m = train(docs, &|i| i % folds != k, epochs);
        for (i, d) in docs.iter().enumerate() {
            if i % folds != k {
                continue;
            }
            let mut pred = Vec::new();
            for (s, gold) in &d.sents {
                for (a, b, _) in m.spans(s) {
                    pred.push((s.ws[a].start, s.ws[b - 1].end));
                }
                let _ = gold;
            }
            ng += d.gold.len();
            covered += d
                .gold
                .iter()
                .filter(|g| {
                    d.sents
                        .iter()
                        .any(|(s, _)| s.ws.iter().any(|w| w.start >= g.0 && w.start < g.1))
                })
                .count();
            tp += matches(&d.gold, &pred);
            np += pred.len();
            if i < 100 {
                for (s, _) in &d.sents {
                    let (a, b) = (s.ws[0].start, s.ws[s.ws.len() - 1].end);
                    let mark = |x: usize, y: usize, l: &str, r: &str| {
                        format!("{}{l}{}{r}{}", &d.body[a..x], &d.body[x..y], &d.body[y..b])
                    };
                    for g in d.gold.iter().filter(|g| g.0 >= a && g.0 < b) {
                        let hit = pred.iter().any(|p| {
                            let ov = g.1.min(p.1).saturating_sub(g.0.max(p.0));
                            ov > 0 && 2 * ov >= (g.1 - g.0).min(p.1 - p.0)
                        });
                        if !hit {
                            println!("MISS\t{}", mark(g.0, g.1.min(b), "[[", "]]"));
                        }
                    }
                    for p in pred.iter().filter(|p| p.0 >= a && p.0 < b) {
                        let hit = d.gold.iter().any(|g| {
                            let ov = g.1.min(p.1).saturating_sub(g.0.max(p.0));
                            ov > 0 && 2 * ov >= (g.1 - g.0).min(p.1 - p.0)
                        });
                        if !hit {
                            println!("FP\t{}", mark(p.0, p.1, "<<", ">>"));
                        }
                    }
                }
            }
        }
    }
    eprintln!(
        "diagnosis: {ng} gold, {covered} touch a sentence read; raw tagger {np} spans, {tp} match (P {:.4} R {:.4})",
        tp as f64 / np.max(1) as f64,
        tp as f64 / ng.max(1) as f64
    );
}
