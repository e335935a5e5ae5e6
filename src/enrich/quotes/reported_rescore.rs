//! A second opinion on the reported-speech tagger's spans: a logistic model over what is known
//! of a span once it is proposed — the tagger's margin, whether a source stands next to it and
//! resolves to a speaker, the span's length and how it opens and ends — decides whether it is
//! emitted. The margin alone is one threshold for every kind of span, but a span whose source
//! the sentence names is right far more often at the same margin than a span with no source:
//! one margin threshold for both keeps too few of the first to hold the precision of the
//! second. The model learns that trade from the tagger's out-of-fold spans.
//!
//! Weights and the threshold (`data/reported-rescore.bin`) are written by
//! `scripts/train-reported-spans` through `examples/reported_spans.rs` (PolNeAR train minus
//! the check articles; the threshold by k-fold cross-validation on train for the target
//! precision of the whole indirect stage). Cost: a dozen multiply-adds per proposed span, and
//! the source of every span above `floor` read (the margin below which the trainer saw no span
//! kept), not only of those above the tagger's own margin threshold.

use std::sync::OnceLock;

/// The number of features of a span (the first is the constant 1).
pub const FEATURES: usize = 12;

/// What the rescorer reads of one proposed span.
pub struct SpanFacts {
    /// The tagger's margin (its path's score minus the score with the span turned Outside).
    pub margin: f32,
    /// A source next to the span resolved to a named speaker.
    pub speaker: bool,
    /// A source and cue next to the span, no named speaker (a description, an unresolved name).
    pub cue: bool,
    /// The span's words.
    pub words: usize,
    /// The span's first word, lowercase.
    pub first: FirstWord,
    /// Whether the span runs to the sentence's end (only punctuation after it).
    pub ends_sentence: bool,
    /// Whether the span opens the sentence.
    pub opens_sentence: bool,
}

/// How a span opens: "that …", "to …" or otherwise.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FirstWord {
    That,
    To,
    Other,
}

impl SpanFacts {
    /// The feature vector. The margin is on the perceptron's scale (hundreds), so it enters
    /// divided by 1000 and as a log; the sourceless spans get their own margin slope.
    pub fn features(&self) -> [f32; FEATURES] {
        let m = self.margin / 1000.0;
        let sourceless = !(self.speaker || self.cue);
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        [
            1.0,
            m,
            (1.0 + self.margin.max(0.0)).ln() / 7.0,
            b(self.speaker),
            b(self.cue),
            if sourceless { m } else { 0.0 },
            (self.words.max(1) as f32).ln() / 3.0,
            b(self.words <= 3),
            b(self.first == FirstWord::That),
            b(self.first == FirstWord::To),
            b(self.ends_sentence),
            b(self.opens_sentence),
        ]
    }
}

/// A rescorer: one weight per feature, the score above which a span is emitted, and the
/// margin at or below which a span is not read at all (none of the training spans so low was
/// kept: spending the source look-up on them buys nothing).
#[derive(Clone, Debug, PartialEq)]
pub struct Rescorer {
    pub w: [f32; FEATURES],
    pub threshold: f32,
    pub floor: f32,
}

impl Rescorer {
    /// The span's score (a log-odds).
    pub fn score(&self, x: &[f32; FEATURES]) -> f32 {
        self.w.iter().zip(x).map(|(w, x)| w * x).sum()
    }

    /// The file format: little-endian f32s, the threshold, the floor, then the weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        [&self.threshold, &self.floor]
            .into_iter()
            .chain(&self.w)
            .flat_map(|x| x.to_le_bytes())
            .collect()
    }

    /// The model of a file; none when its length is not that of a model.
    pub fn from_bytes(bytes: &[u8]) -> Option<Rescorer> {
        if bytes.len() != 4 * (2 + FEATURES) {
            return None;
        }
        let mut xs = bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let threshold = xs.next()?;
        let floor = xs.next()?;
        let mut w = [0.0; FEATURES];
        for x in &mut w {
            *x = xs.next()?;
        }
        Some(Rescorer {
            w,
            threshold,
            floor,
        })
    }

    /// A logistic regression fitted to `(features, label)` pairs: features standardized,
    /// full-batch gradient descent from zero (deterministic), a small L2 penalty, and the
    /// weights brought back to the raw features' scale. The threshold is left at 0 and the
    /// floor at minus infinity (every span read).
    pub fn fit(data: &[([f32; FEATURES], bool)]) -> Rescorer {
        let n = data.len().max(1) as f64;
        let mut mean = [0.0f64; FEATURES];
        let mut sd = [1.0f64; FEATURES];
        for j in 1..FEATURES {
            mean[j] = data.iter().map(|(x, _)| f64::from(x[j])).sum::<f64>() / n;
            let var = data
                .iter()
                .map(|(x, _)| (f64::from(x[j]) - mean[j]).powi(2))
                .sum::<f64>()
                / n;
            sd[j] = if var > 1e-12 { var.sqrt() } else { 1.0 };
        }
        let z = |x: &[f32; FEATURES], j: usize| {
            if j == 0 {
                1.0
            } else {
                (f64::from(x[j]) - mean[j]) / sd[j]
            }
        };
        let mut w = [0.0f64; FEATURES];
        for _ in 0..400 {
            let mut g = [0.0f64; FEATURES];
            for (x, y) in data {
                let s: f64 = (0..FEATURES).map(|j| w[j] * z(x, j)).sum();
                let p = 1.0 / (1.0 + (-s).exp());
                let e = p - f64::from(u8::from(*y));
                for (j, gj) in g.iter_mut().enumerate() {
                    *gj += e * z(x, j);
                }
            }
            for j in 0..FEATURES {
                let l2 = if j == 0 { 0.0 } else { 1e-3 * w[j] };
                w[j] -= 1.0 * (g[j] / n + l2);
            }
        }
        // w·z = w0 + Σ wj (xj − mj)/sj = (w0 − Σ wj mj/sj) + Σ (wj/sj) xj
        let mut raw = [0.0f32; FEATURES];
        let mut bias = w[0];
        for j in 1..FEATURES {
            raw[j] = (w[j] / sd[j]) as f32;
            bias -= w[j] * mean[j] / sd[j];
        }
        raw[0] = bias as f32;
        Rescorer {
            w: raw,
            threshold: 0.0,
            floor: f32::NEG_INFINITY,
        }
    }
}

/// The embedded model.
static MODEL: &[u8] = include_bytes!("data/reported-rescore.bin");

/// The embedded rescorer; none when the file does not load.
pub fn model() -> Option<&'static Rescorer> {
    static M: OnceLock<Option<Rescorer>> = OnceLock::new();
    M.get_or_init(|| Rescorer::from_bytes(MODEL)).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rescorer_loads_finite_and_survives_a_round_trip() {
        let m = model().expect("the embedded rescorer loads");
        assert!(m.threshold.is_finite() && m.w.iter().all(|x| x.is_finite()));
        assert!(!m.floor.is_nan());
        assert_eq!(Rescorer::from_bytes(&m.to_bytes()).as_ref(), Some(m));
        assert!(Rescorer::from_bytes(&m.to_bytes()[1..]).is_none());
    }

    #[test]
    fn the_fit_ranks_the_positive_kind_of_span_higher() {
        // Sourced spans are right, sourceless ones wrong, at the same margins: the fitted
        // model must score a sourced span above a sourceless one of the same margin.
        let facts = |speaker: bool, margin: f32| SpanFacts {
            margin,
            speaker,
            cue: false,
            words: 8,
            first: FirstWord::Other,
            ends_sentence: true,
            opens_sentence: false,
        };
        let data: Vec<_> = (0..40)
            .map(|i| {
                let sourced = i % 2 == 0;
                (facts(sourced, 100.0 + i as f32).features(), sourced)
            })
            .collect();
        let m = Rescorer::fit(&data);
        let (a, b) = (facts(true, 120.0), facts(false, 120.0));
        assert!(m.score(&a.features()) > m.score(&b.features()));
    }
}
