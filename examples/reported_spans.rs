//! Trains the reported-speech tagger (`src/enrich/quotes/reported_span.rs`), for
//! `scripts/train-reported-spans`:
//!
//!   reported_spans GOLD.tsv OUT.bin CUE_OUT.bin [--folds K] [--precision P] [--epochs E]
//!                  [--cue-epochs E] [--cue-recall R] [--gate-slack S] [--stem-share F]
//!                  [--biases B,B,...]
//!
//! GOLD.tsv holds one article a line: its path, a tab, its gold Content spans without a double
//! quote mark as `start:end` character offsets into the file, space-separated, a tab, and the
//! fragments of every gold Cue span the same way, a tab, and the fragments of every gold Source
//! span. Each article is read as `morgue extract` reads it.
//!
//! First the cue detector (`reported_cue.rs`): a binary averaged perceptron over every word of
//! every sentence, a word being a cue when it starts inside a gold Cue fragment. Its threshold
//! is the highest at which the out-of-fold cue words reach recall R (k-fold over the
//! articles). Each article's cues for the tagger come from the fold model that did not see it
//! (jackknifing), so the tagger learns from cues as good as those it meets in use. Once the
//! tagger's out-of-fold spans are scored at a series of stricter gates (fewer sentences read,
//! less time), and the strictest gate whose out-of-fold F1 is within S (default 0) of the best
//! is kept.
//!
//! Then the tagger: the sentences holding a detected cue are tagged from the gold — Begin and
//! Inside of a Content span, Attribution for a word of a Cue or Source span outside every
//! Content span, Outside for the rest — and a
//! structured averaged perceptron is trained over them (a fixed shuffle: the same data give the
//! same weights). The margin threshold comes from a k-fold cross-validation over the articles:
//! the lowest threshold at which the out-of-fold quotes of the whole indirect stage (rules,
//! classifier and tagger) reach the target precision against the gold, matched one-to-one at
//! ≥ 50% of the shorter span (identity_eval.py's rule). The fold models decode at every recall
//! bias of `--biases` (added to each word's Begin, Inside and Attribution scores; default 0 to
//! 1000). On every bias and gate, the rescorer
//! (`reported_rescore.rs`: a logistic model over a span's margin, source, length and edges) is
//! fitted per fold on the other folds' spans and its threshold set the same way; the bias and
//! gate whose rescored out-of-fold F1 is best are kept (the strictest gate within S), with both
//! thresholds (the margin threshold is the cut when the rescorer does not load). The rescorer
//! written (`reported-rescore.bin` beside OUT.bin) is fitted on every article's spans; its
//! floor is the lowest margin of a span it keeps there.
//!
//! With `REPORTED_SPANS_MISSES` set it also prints, once the out-of-fold spans are decoded, the
//! recall cap of the proposals (a gold span matched by an earlier stage's quote or by a span of
//! any bias) and why the rest get no proposal at all, in classes (`misses`).

use std::path::Path;

use morgue::enrich::quotes::{
    self, reported_cue as rc, reported_rescore as rr, reported_span as rs,
};
use morgue::parse::ParseLimits;
use morgue::read::Limits;
use morgue::{Field, QuoteKind};

/// One sentence as the cue detector reads it: its words, each word's features (none for a
/// word that is no candidate) and whether each word is in a gold Cue span.
type Read = (Vec<rs::Word>, Vec<Option<[u32; rc::FEATURES]>>, Vec<bool>);

struct Doc {
    body: String,
    ents: Vec<morgue::Entity>,
    direct: Vec<morgue::Quote>,
    /// The indirect quotes of the stages before the tagger.
    taken: Vec<morgue::Quote>,
    gold: Vec<(usize, usize)>,
    /// The gold Cue and Source fragments (byte ranges of the body): attribution.
    attribution: Vec<(usize, usize)>,
    /// Every sentence's words, cue features and gold cue labels.
    all: Vec<Read>,
    /// The sentences the tagger reads (with jackknifed cues) and their gold tags.
    sents: Vec<(rs::Sentence, Vec<usize>)>,
}

fn arg(args: &[String], name: &str, default: f64) -> f64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A comma-separated list of numbers after `name`, or `default`.
fn arg_list(args: &[String], name: &str, default: &[f32]) -> Vec<f32> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect())
        .filter(|v: &Vec<f32>| !v.is_empty())
        .unwrap_or_else(|| default.to_vec())
}

fn load(line: &str) -> Option<Doc> {
    let mut cols = line.split('\t');
    let path = cols.next().unwrap_or("");
    let spans = cols.next().unwrap_or("");
    let cue_spans = cols.next().unwrap_or("");
    let source_spans = cols.next().unwrap_or("");
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
    let to_body = |spans: &str| -> Vec<(usize, usize)> {
        let mut v: Vec<(usize, usize)> = spans
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
        v.sort_unstable();
        v
    };
    let gold = to_body(spans);
    let cue_gold = to_body(cue_spans);
    let mut attribution = if std::env::var_os("RS_NOSRC").is_some() {
        Vec::new()
    } else {
        to_body(source_spans)
    };
    attribution.extend(&cue_gold);
    attribution.sort_unstable();
    if std::env::var_os("RS_NOA").is_some() {
        attribution.clear();
    }
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
    let all = rs::every_sentence(&body)
        .into_iter()
        .map(|ws| {
            let f = rc::features(&body, &ents, &ws);
            let labels = ws
                .iter()
                .map(|w| cue_gold.iter().any(|&(a, b)| w.start >= a && w.start < b))
                .collect();
            (ws, f, labels)
        })
        .collect();
    Some(Doc {
        body,
        ents,
        direct,
        taken,
        gold,
        attribution,
        all,
        sents: Vec::new(),
    })
}

/// The tagger's sentences of `d` (those with a cue `cm` detects) with their gold tags.
fn tag_sentences(d: &Doc, cm: &rc::CueModel) -> Vec<(rs::Sentence, Vec<usize>)> {
    let mut out = Vec::new();
    for (ws, f, _) in &d.all {
        let scores: Vec<f32> = f.iter().map(|x| cm.score_of(x.as_ref())).collect();
        let Some(cues) = cm.cues(&scores) else {
            continue;
        };
        let s = rs::sentence(&d.body, &d.ents, ws.clone(), &cues);
        let mut tags = vec![rs::O; s.ws.len()];
        for (i, w) in s.ws.iter().enumerate() {
            if d.attribution
                .iter()
                .any(|&(a, b)| w.start >= a && w.start < b)
            {
                tags[i] = rs::A;
            }
        }
        for &(gs, ge) in &d.gold {
            let mut first = true;
            for (i, w) in s.ws.iter().enumerate() {
                if w.start >= gs && w.start < ge {
                    tags[i] = if first { rs::B } else { rs::I };
                    first = false;
                }
            }
        }
        out.push((s, tags));
    }
    out
}

/// A binary averaged perceptron for cue words over every sentence of `docs` (those `keep`
/// selects), with a fixed shuffle.
fn train_cue(docs: &[Doc], keep: &dyn Fn(usize) -> bool, epochs: usize) -> rc::CueModel {
    let mut m = rc::CueModel::zeros();
    let mut u = vec![0f64; m.w.len()];
    let mut order: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(*i))
        .flat_map(|(i, d)| (0..d.all.len()).map(move |j| (i, j)))
        .collect();
    let mut seed: u64 = 0xc0e;
    let mut c = 1f64;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(k, (seed >> 33) as usize % (k + 1));
        }
        for &(i, j) in &order {
            let (_, feats, labels) = &docs[i].all[j];
            for (f, &y) in feats.iter().zip(labels) {
                // Words that are no candidates are never cues, in training as in use.
                let Some(f) = f else {
                    continue;
                };
                let pred = m.score(f) > 0.0;
                if pred != y {
                    let d: f32 = if y { 1.0 } else { -1.0 };
                    for &x in f {
                        m.w[x as usize] += d;
                        u[x as usize] += f64::from(d) * c;
                    }
                }
                c += 1.0;
            }
        }
    }
    for (w, u) in m.w.iter_mut().zip(&u) {
        *w = (f64::from(*w) - u / c) as f32;
    }
    m
}

/// The cue models of the folds (each trained without its fold's articles) with two
/// thresholds from their out-of-fold scores: the word threshold with the best F1 on the gold
/// cue words, and the gate, the highest sentence score (its best word's) at which the
/// sentences read still touch `recall` of the gold content spans.
fn cue_folds(docs: &[Doc], folds: usize, epochs: usize, recall: f64) -> CueFolds {
    let mut models = Vec::new();
    let mut tops: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); docs.len()];
    let mut scored: Vec<(f32, bool)> = Vec::new();
    // Per gold content span, the best score of the sentences it touches.
    let mut span_best: Vec<f32> = Vec::new();
    for k in 0..folds {
        let m = train_cue(docs, &|i| i % folds != k, epochs);
        for (i, d) in docs.iter().enumerate() {
            if i % folds != k {
                continue;
            }
            let mut best = vec![f32::NEG_INFINITY; d.gold.len()];
            for (ws, feats, labels) in &d.all {
                let mut top = f32::NEG_INFINITY;
                for (f, &y) in feats.iter().zip(labels) {
                    // A gold cue word that is no candidate counts as missed.
                    let s = m.score_of(f.as_ref());
                    top = top.max(s);
                    scored.push((s, y));
                }
                if let (Some(a), Some(b)) = (ws.first(), ws.last()) {
                    tops[i].push((a.start, b.end, top));
                }
                for (g, b) in d.gold.iter().zip(best.iter_mut()) {
                    if ws.iter().any(|w| w.start >= g.0 && w.start < g.1) {
                        *b = b.max(top);
                    }
                }
            }
            span_best.extend(best);
        }
        models.push(m);
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = scored.iter().filter(|x| x.1).count();
    let (mut tp, mut best) = (0usize, (0.0, 0.0f32, 0.0, 0.0));
    for (n, &(s, y)) in scored.iter().enumerate() {
        tp += usize::from(y);
        if scored.get(n + 1).is_some_and(|x| x.0 == s) {
            continue;
        }
        let (p, r) = (tp as f64 / (n + 1) as f64, tp as f64 / pos.max(1) as f64);
        let f = 2.0 * p * r / (p + r).max(1e-9);
        if f > best.0 {
            best = (f, s - 1e-4, p, r);
        }
    }
    let (f, th, p, r) = best;
    eprintln!(
        "cue words out of fold: {pos} gold of {} words; at threshold {th:.3} P {p:.4} R {r:.4} F1 {f:.4}",
        scored.len()
    );
    // Spans in no sentence read at all (a question, an overlong sentence) do not count.
    span_best.retain(|x| x.is_finite());
    span_best.sort_by(|a, b| b.total_cmp(a));
    let k = ((recall * span_best.len() as f64).ceil() as usize).clamp(1, span_best.len().max(1));
    let gate = span_best.get(k - 1).map_or(th, |&x| (x - 1e-4).min(th));
    eprintln!(
        "gate {gate:.3}: the sentences read touch {k} of {} gold spans in a sentence",
        span_best.len()
    );
    for m in &mut models {
        m.threshold = th;
        m.gate = gate;
    }
    CueFolds {
        models,
        tops,
        span_best,
    }
}

/// What `cue_folds` gives: the fold models, each article's sentences (start, end, best
/// out-of-fold word score), and the best score of the sentences each gold span touches, from
/// the highest.
struct CueFolds {
    models: Vec<rc::CueModel>,
    tops: Vec<Vec<(usize, usize, f32)>>,
    span_best: Vec<f32>,
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
                let (mut gp, mut pp) = (rs::START_ROW, rs::START_ROW);
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
    let (Some(gold), Some(out), Some(cue_out)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!(
            "usage: reported_spans GOLD.tsv OUT.bin CUE_OUT.bin [--folds K] [--precision P] \
             [--epochs E] [--cue-epochs E] [--cue-recall R] [--gate-slack S] [--stem-share F] \
             [--biases B,B,...]"
        );
        std::process::exit(2);
    };
    let folds = arg(&args, "--folds", 5.0) as usize;
    let target = arg(&args, "--precision", 0.91);
    let epochs = arg(&args, "--epochs", 10.0) as usize;
    let cue_epochs = arg(&args, "--cue-epochs", 5.0) as usize;
    let cue_recall = arg(&args, "--cue-recall", 0.98);
    let slack = arg(&args, "--gate-slack", 0.0);
    let stem_share = arg(&args, "--stem-share", 0.05);
    let list = std::fs::read_to_string(gold).expect("the gold list is readable");
    let mut docs: Vec<Doc> = list.lines().filter_map(load).collect();
    let nall: usize = docs.iter().map(|d| d.all.len()).sum();
    let ngold: usize = docs.iter().map(|d| d.gold.len()).sum();
    eprintln!(
        "reported_spans: {} articles, {nall} sentences, {ngold} gold spans",
        docs.len()
    );
    let none: Vec<Vec<(usize, usize, f32)>> = vec![Vec::new(); docs.len()];
    let (p, r, f, n) = evaluate(&docs, &none, 0.0);
    eprintln!("before the tagger (rules + classifier): P {p:.4} R {r:.4} F1 {f:.4} ({n} quotes)");
    let CueFolds {
        models: cue_models,
        tops,
        span_best,
    } = cue_folds(&docs, folds, cue_epochs, cue_recall);
    for (i, d) in docs.iter_mut().enumerate() {
        d.sents = tag_sentences(d, &cue_models[i % folds]);
    }
    let nsent: usize = docs.iter().map(|d| d.sents.len()).sum();
    let covered: usize = docs
        .iter()
        .map(|d| {
            d.gold
                .iter()
                .filter(|g| {
                    d.sents
                        .iter()
                        .any(|(s, _)| s.ws.iter().any(|w| w.start >= g.0 && w.start < g.1))
                })
                .count()
        })
        .sum();
    eprintln!("{nsent} sentences hold a detected cue (out of fold); {covered} of {ngold} gold spans touch one");
    if std::env::var_os("REPORTED_SPANS_DIAG").is_some() {
        diagnose(&docs, folds, epochs);
        return;
    }
    // Out-of-fold proposals: each fold's articles tagged by a model trained on the others,
    // decoded at every recall bias tried.
    let biases: Vec<f32> = arg_list(
        &args,
        "--biases",
        &[
            0.0, 10.0, 25.0, 50.0, 100.0, 150.0, 200.0, 300.0, 500.0, 700.0, 1000.0,
        ],
    );
    let mut oofs: Vec<Vec<Vec<rs::Proposal>>> = biases
        .iter()
        .map(|_| (0..docs.len()).map(|_| Vec::new()).collect())
        .collect();
    for (k, cm) in cue_models.iter().enumerate() {
        let mut m = train(&docs, &|i| i % folds != k, epochs);
        for (bi, &bias) in biases.iter().enumerate() {
            m.bias = bias;
            for (i, d) in docs.iter().enumerate() {
                if i % folds == k {
                    oofs[bi][i] =
                        rs::proposals(&m, cm, Field::Body, &d.body, &d.ents, &d.direct, &d.taken);
                }
            }
        }
        eprintln!("fold {k} done");
    }
    if std::env::var_os("REPORTED_SPANS_MISSES").is_some() {
        misses(&docs, &oofs, folds);
    }
    // Every recall bias and every gate is scored twice out of fold: with the margin threshold
    // alone and with the rescorer (`reported_rescore.rs`, fitted per fold on the other folds'
    // spans), each at the lowest cut reaching the target precision. The bias and gate are
    // chosen together by the rescorer's F1 (the strictest gate within `slack` of the best; on
    // a tie the smaller bias): a stricter gate reads fewer sentences (the tagger is most of the
    // quote stage's time), and it can raise F1 too, as the sentences it drops hold weak cues.
    let mut gates = vec![cue_models[0].gate];
    for cov in [
        0.97, 0.96, 0.95, 0.94, 0.93, 0.92, 0.9, 0.88, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5,
    ] {
        let k = ((cov * span_best.len() as f64).ceil() as usize).clamp(1, span_best.len());
        gates.push(span_best[k - 1] - 1e-4);
    }
    let total: usize = tops.iter().map(Vec::len).sum();
    let mut tried: Vec<Tried> = Vec::new();
    for (bi, ps) in oofs.iter().enumerate() {
        let by_margin = margins(ps);
        let (pa, ra, fa, na) = evaluate(&docs, &by_margin, f32::NEG_INFINITY);
        eprintln!(
            "bias {}: every span P {pa:.4} R {ra:.4} F1 {fa:.4} ({na} quotes)",
            biases[bi]
        );
        let rescored = rescore_oof(&docs, ps, folds);
        for &g in &gates {
            let (tm, p, r, fm, n) = threshold(&docs, &gated(&by_margin, &tops, g), target);
            let (tr, pr, rr_, fr, nr) = threshold(&docs, &gated(&rescored, &tops, g), target);
            let read = tops.iter().flatten().filter(|t| t.2 > g).count();
            eprintln!(
                "  gate {g:.3} ({read} of {total} sentences): margin at {tm:.3} P {p:.4} R {r:.4} F1 {fm:.4} ({n}); rescorer at {tr:.3} P {pr:.4} R {rr_:.4} F1 {fr:.4} ({nr})"
            );
            tried.push((bi, g, tm, fm, tr, fr));
        }
    }
    let pick = |f: &dyn Fn(&Tried) -> f64| {
        let best = tried.iter().map(f).fold(f64::NEG_INFINITY, f64::max);
        *tried
            .iter()
            .filter(|t| f(t) >= best - slack)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .expect("a bias and gate were tried")
    };
    let by_m = pick(&|t| t.3);
    eprintln!(
        "margin alone, best: bias {} gate {:.3} threshold {:.3} F1 {:.4}",
        biases[by_m.0], by_m.1, by_m.2, by_m.3
    );
    let (bi, gate, th, _, rth, rf) = pick(&|t| t.5);
    let bias = biases[bi];
    eprintln!(
        "chosen (rescorer): bias {bias} gate {gate:.3} rescorer threshold {rth:.3} F1 {rf:.4} (margin threshold there {th:.3})"
    );
    let oof = oofs.swap_remove(bi);
    drop(oofs);
    let by_margin = margins(&oof);
    let mut rescorer = rr::Rescorer::fit(&rescore_data(&docs, &oof, &|_| true));
    rescorer.threshold = rth;
    // The floor: the lowest margin of a span (in the sentences the gate reads) the final
    // rescorer keeps; spans at or below it are not read in use.
    rescorer.floor = gated(&by_margin, &tops, gate)
        .iter()
        .zip(&oof)
        .flat_map(|(kept, ps)| {
            ps.iter()
                .filter(|p| kept.iter().any(|k| (k.0, k.1) == (p.start, p.end)))
                .filter(|p| rescorer.score(&p.features) > rth)
                .map(|p| p.margin)
                .collect::<Vec<_>>()
        })
        .fold(f32::INFINITY, f32::min)
        - 1e-3;
    let rescore_out = Path::new(out).with_file_name("reported-rescore.bin");
    std::fs::write(&rescore_out, rescorer.to_bytes()).expect("the rescorer file is writable");
    eprintln!("wrote {} ({rescorer:?})", rescore_out.display());
    let (p, r, f, n) = evaluate(&docs, &by_margin, f32::NEG_INFINITY);
    eprintln!("out-of-fold, every tagged span: P {p:.4} R {r:.4} F1 {f:.4} ({n} quotes)");
    let mut m = train(&docs, &|_| true, epochs);
    m.threshold = th;
    m.bias = bias;
    std::fs::write(out, m.to_bytes()).expect("the model file is writable");
    eprintln!("wrote {out}");
    let mut cm = train_cue(&docs, &|_| true, cue_epochs);
    cm.threshold = cue_models[0].threshold;
    cm.gate = gate;
    std::fs::write(cue_out, cm.to_bytes()).expect("the cue model file is writable");
    eprintln!("wrote {cue_out}");
    // The cheap first gate (`reported_cue::Stems`): the stems this model scores above the
    // gate in at least `stem_share` of their occurrences in train. (A stem above it anywhere
    // would bring "a", "and", "at", which let nearly every sentence through; gold cue words
    // bring "to" and "about".) The sentences past the gate that hold none are counted.
    let mut seen: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let stem_at = |d: &Doc, w: &rs::Word| {
        let mut buf = [0u8; 32];
        rc::Stems::stem_of(&d.body[w.start..w.end], &mut buf)
            .map(|n| String::from_utf8_lossy(&buf[..n]).into_owned())
    };
    for d in &docs {
        for (ws, feats, _) in &d.all {
            for (w, f) in ws.iter().zip(feats) {
                let (Some(f), Some(st)) = (f, stem_at(d, w)) else {
                    continue;
                };
                let e = seen.entry(st).or_default();
                e.0 += usize::from(cm.score(f) > gate);
                e.1 += 1;
            }
        }
    }
    let stems: std::collections::BTreeSet<&String> = seen
        .iter()
        .filter(|(_, &(up, n))| up > 0 && up as f64 >= stem_share * n as f64)
        .map(|(s, _)| s)
        .collect();
    let (mut past, mut lost) = (0, 0);
    for d in &docs {
        for (ws, feats, _) in &d.all {
            let top = feats
                .iter()
                .map(|f| cm.score_of(f.as_ref()))
                .fold(f32::NEG_INFINITY, f32::max);
            if top > gate {
                past += 1;
                let held = ws
                    .iter()
                    .any(|w| stem_at(d, w).is_some_and(|s| stems.contains(&s)));
                lost += usize::from(!held);
            }
        }
    }
    eprintln!(
        "stem gate (share {stem_share}): {} of {} stems; {lost} of {past} train sentences past the gate hold none",
        stems.len(),
        seen.len()
    );
    let stems_out = Path::new(cue_out).with_file_name("reported-cue-stems.txt");
    let list: String = stems.iter().map(|s| format!("{s}\n")).collect();
    std::fs::write(&stems_out, list).expect("the stem list is writable");
    eprintln!("wrote {} ({} stems)", stems_out.display(), stems.len());
}
/// One bias and gate scored out of fold: the bias's index, the gate, the margin threshold and
/// its F1, the rescorer threshold and its F1.
type Tried = (usize, f32, f32, f64, f32, f64);

/// Each article's proposals as (start, end, margin).
fn margins(ps: &[Vec<rs::Proposal>]) -> Vec<Vec<(usize, usize, f32)>> {
    ps.iter()
        .map(|ps| ps.iter().map(|p| (p.start, p.end, p.margin)).collect())
        .collect()
}

/// The scored spans in the sentences a cue gate `g` reads (`tops`: each article's sentences
/// with their best out-of-fold cue score).
fn gated(
    props: &[Vec<(usize, usize, f32)>],
    tops: &[Vec<(usize, usize, f32)>],
    g: f32,
) -> Vec<Vec<(usize, usize, f32)>> {
    props
        .iter()
        .zip(tops)
        .map(|(ps, ts)| {
            ps.iter()
                .filter(|p| ts.iter().any(|t| t.0 <= p.0 && p.0 < t.1 && t.2 > g))
                .copied()
                .collect()
        })
        .collect()
}

/// The rescorer's training pairs from the proposals of the articles `keep` selects: a span is
/// right when it meets a gold span (identity_eval's rule).
fn rescore_data(
    docs: &[Doc],
    props: &[Vec<rs::Proposal>],
    keep: &dyn Fn(usize) -> bool,
) -> Vec<([f32; rr::FEATURES], bool)> {
    let mut out = Vec::new();
    for (i, ps) in props.iter().enumerate().filter(|(i, _)| keep(*i)) {
        for p in ps {
            let right = matches(&docs[i].gold, &[(p.start, p.end)]) > 0;
            out.push((p.features, right));
        }
    }
    out
}

/// Every proposal scored by a rescorer fitted on the other folds' articles (all sentences
/// read: the gate only drops spans, whose rescored scores it then filters).
fn rescore_oof(
    docs: &[Doc],
    props: &[Vec<rs::Proposal>],
    folds: usize,
) -> Vec<Vec<(usize, usize, f32)>> {
    let mut out = vec![Vec::new(); docs.len()];
    for k in 0..folds {
        let m = rr::Rescorer::fit(&rescore_data(docs, props, &|i| i % folds != k));
        for i in (0..docs.len()).filter(|i| i % folds == k) {
            out[i] = props[i]
                .iter()
                .map(|p| (p.start, p.end, m.score(&p.features)))
                .collect();
        }
    }
    out
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
/// Why gold spans get no proposal at all (`REPORTED_SPANS_MISSES`): each gold span that no
/// earlier stage's quote and no out-of-fold tagger span of any bias matches (≥ 50% of the
/// shorter span, as the scorer) goes in one class, by what the sentence holding its first word
/// shows: no sentence read (no cue detected out of fold), split by whether the sentence holds a
/// gold cue word and whether the other folds ever saw that word as a cue; or read, with a span
/// that overlaps it too little, or none at all. Short spans (four words or fewer) and
/// "according to" sentences are counted across the classes. Spans holding `''` (NYT-style
/// quotations, an open product decision) are left out.
fn misses(docs: &[Doc], oofs: &[Vec<Vec<rs::Proposal>>], folds: usize) {
    use std::collections::{BTreeMap, HashSet};
    let lower = |d: &Doc, w: &rs::Word| d.body[w.start..w.end].to_lowercase();
    // The lowercase gold cue words each fold's cue model was trained on.
    let seen: Vec<HashSet<String>> = (0..folds)
        .map(|k| {
            docs.iter()
                .enumerate()
                .filter(|(i, _)| i % folds != k)
                .flat_map(|(_, d)| {
                    d.all.iter().flat_map(move |(ws, _, labels)| {
                        ws.iter()
                            .zip(labels)
                            .filter(|(_, &y)| y)
                            .map(move |(w, _)| lower(d, w))
                    })
                })
                .collect()
        })
        .collect();
    let near = |g: &(usize, usize), p: (usize, usize), half: bool| {
        let ov = g.1.min(p.1).saturating_sub(g.0.max(p.0));
        ov > 0 && (!half || 2 * ov >= (g.1 - g.0).min(p.1 - p.0))
    };
    let mut classes: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let (mut all, mut nyt, mut proposed) = (0, 0, 0);
    let mut unseen_words: BTreeMap<String, usize> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let mut props: Vec<(usize, usize)> = d.taken.iter().map(|q| (q.start, q.end)).collect();
        for bias in oofs {
            props.extend(bias[i].iter().map(|p| (p.start, p.end)));
        }
        for g in &d.gold {
            if d.body[g.0..g.1].contains("''") {
                nyt += 1;
                continue;
            }
            all += 1;
            if props.iter().any(|&p| near(g, p, true)) {
                proposed += 1;
                continue;
            }
            let sent = d
                .all
                .iter()
                .find(|(ws, _, _)| ws.iter().any(|w| w.start >= g.0 && w.start < g.1));
            let read = d
                .sents
                .iter()
                .any(|(s, _)| s.ws.iter().any(|w| w.start >= g.0 && w.start < g.1));
            let class = match sent {
                None => "no sentence (question, overlong, outside the body)",
                Some(_) if read => {
                    if props.iter().any(|&p| near(g, p, false)) {
                        "read: a span overlaps it by under half"
                    } else {
                        "read: no span"
                    }
                }
                Some((ws, _, labels)) => {
                    let cues: Vec<String> = ws
                        .iter()
                        .zip(labels)
                        .filter(|(_, &y)| y)
                        .map(|(w, _)| lower(d, w))
                        .collect();
                    if cues.is_empty() {
                        "not read: no gold cue in its sentence"
                    } else if cues.iter().all(|c| !seen[i % folds].contains(c)) {
                        for c in &cues {
                            *unseen_words.entry(c.clone()).or_default() += 1;
                        }
                        "not read: its cue never a cue in training"
                    } else {
                        "not read: a known cue scored under the gate"
                    }
                }
            };
            let words = d.body[g.0..g.1].split_whitespace().count();
            let according =
                sent.is_some_and(|(ws, _, _)| ws.iter().any(|w| lower(d, w) == "according"));
            let c = classes.entry(class).or_default();
            c[0] += 1;
            c[1] += usize::from(words <= 4);
            c[2] += usize::from(according);
        }
    }
    eprintln!(
        "misses: {all} gold spans without '' ({nyt} with it left out); {proposed} proposed by some \
         stage or bias (recall cap {:.4}); {} never proposed:",
        proposed as f64 / all.max(1) as f64,
        all - proposed
    );
    for (class, [n, short, acc]) in &classes {
        eprintln!(
            "  {n:5}  {class} (of them {short} of <= 4 words, {acc} in an 'according' sentence)"
        );
    }
    let mut top: Vec<_> = unseen_words.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let top: Vec<String> = top
        .iter()
        .take(15)
        .map(|(w, n)| format!("{w} {n}"))
        .collect();
    eprintln!(
        "  cue words never seen as cues, most often: {}",
        top.join(", ")
    );
}

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
