//! The text form of the attribution's trained logistic models (`data/speaker-ranker.tsv`,
//! `data/speaker-confidence.tsv`): one `feature<TAB>weight` per line, `#` comments, and
//! `@name<TAB>value` lines for the model's settings (its thresholds). Each model reads its file
//! once, through [`read`].

/// A model file's weights by feature, and its `@` settings by name (without the `@`).
pub(super) struct ModelFile {
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

/// Parse an embedded model file. Lines that are not `key<TAB>number` are passed over, so a
/// hand-edited file with a stray line still loads the rest.
pub(super) fn read(text: &'static str) -> ModelFile {
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
}
