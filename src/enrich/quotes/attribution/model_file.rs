//! The text form of the attribution's trained logistic models (`data/speaker-ranker.tsv`,
//! `data/speaker-confidence.tsv`): one `feature<TAB>weight` per line, `#` comments, and
//! `@name<TAB>value` lines for the model's settings (its thresholds). Each model reads its file
//! once, through [`read`].

/// A model file's weights by feature, and its `@` settings by name (without the `@`).
pub(in crate::enrich::quotes) struct ModelFile {
    pub weights: rustc_hash::FxHashMap<&'static str, f32>,
    pub settings: Vec<(&'static str, f32)>,
}

impl ModelFile {
    /// The setting `name`, if the file gives one.
    pub fn setting(&self, name: &str) -> Option<f32> {
        self.settings
            .iter()
            .find(|(k, _)| *k == name)
            .map(|&(_, v)| v)
    }
}

/// A logistic gate's model: weights by feature and the `@threshold` probability below which a
/// speaker is dropped (none in the file: 0, nothing dropped). The abstain (`confidence.rs`) and
/// the pronoun gate (`pronoun_gate.rs`) are each one.
pub(super) struct Gate {
    pub weights: rustc_hash::FxHashMap<&'static str, f32>,
    pub threshold: f32,
}

impl Gate {
    pub fn read(text: &'static str) -> Gate {
        let file = read(text);
        Gate {
            threshold: file.setting("threshold").unwrap_or(0.0),
            weights: file.weights,
        }
    }

    /// The probability that a speaker with these features is right.
    pub fn probability(&self, features: &[String]) -> f32 {
        let z: f32 = features
            .iter()
            .filter_map(|f| self.weights.get(f.as_str()))
            .sum();
        1.0 / (1.0 + (-z).exp())
    }
}

/// Parse an embedded model file. Lines that are not `key<TAB>number` are passed over, so a
/// hand-edited file with a stray line still loads the rest.
pub(in crate::enrich::quotes) fn read(text: &'static str) -> ModelFile {
    let mut file = ModelFile {
        weights: Default::default(),
        settings: Vec::new(),
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((k, v)) = line.split_once('\t') else {
            continue;
        };
        let Ok(v) = v.trim().parse::<f32>() else {
            continue;
        };
        match k.strip_prefix('@') {
            Some(name) => file.settings.push((name, v)),
            None => {
                file.weights.insert(k, v);
            }
        }
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_settings_are_told_apart() {
        let f = read("# comment\n@threshold\t0.25\nhow:pronoun\t-1.5\nbroken line\nx\tNaNish\n");
        assert_eq!(f.setting("threshold"), Some(0.25));
        assert_eq!(f.setting("t_none"), None);
        assert_eq!(f.weights.get("how:pronoun"), Some(&-1.5));
        assert_eq!(f.weights.len(), 1);
    }

    #[test]
    fn a_gate_without_a_threshold_drops_nothing_and_sums_its_weights() {
        let g = Gate::read("a\t1.0\nb\t-1.0\n");
        assert_eq!(g.threshold, 0.0);
        assert!((g.probability(&["a".into(), "b".into()]) - 0.5).abs() < 1e-6);
        assert!(g.probability(&["a".into(), "unknown".into()]) > 0.7);
    }
}
