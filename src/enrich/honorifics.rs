//! The world's honorifics: courtesy titles written before a person's name that are never part
//! of it ("Mr", "Datuk Seri", "Tan Sri", "Samdech", "Alhaji", "Shri"), read from the documented
//! list `data/honorifics.txt` (its header says where the entries come from and which words are
//! left out because they are also names).
//!
//! A phrase of several words counts only whole: "Tan Sri Lim" loses "Tan Sri", while "Tan
//! Cheng Bock" keeps his surname. Offices and ranks ("President", "General") are not here:
//! `names` reads them as roles.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

static LIST: &str = include_str!("data/honorifics.txt");

/// The list's phrases, each word folded by [`fold`], words joined by one space; and the
/// longest phrase's length in words.
fn phrases() -> &'static (FxHashSet<String>, usize) {
    static SET: OnceLock<(FxHashSet<String>, usize)> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = FxHashSet::default();
        let mut longest = 0;
        for line in LIST.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<String> = line.split_whitespace().map(fold).collect();
            longest = longest.max(words.len());
            set.insert(words.join(" "));
        }
        (set, longest)
    })
}

/// A word as the list is compared: lower case, without a final period or apostrophe ("Dato'",
/// "Dato’" and "Dato" are one; "Engr." is "engr").
fn fold(w: &str) -> String {
    w.trim_end_matches(['.', '\'', '’']).to_lowercase()
}

/// How many of the leading `words` one honorific phrase takes: the longest listed phrase they
/// open with, 0 when they open with none.
pub fn leading(words: &[&str]) -> usize {
    let (set, longest) = phrases();
    let mut key = String::new();
    let mut found = 0;
    for (n, w) in words.iter().take(*longest).enumerate() {
        if n > 0 {
            key.push(' ');
        }
        key.push_str(&fold(w));
        if set.contains(&key) {
            found = n + 1;
        }
    }
    found
}

/// Whether `w` alone is a listed honorific ("Mrs.", "Datuk"); a word that is only part of a
/// phrase ("Tan" of "Tan Sri") is not.
pub fn is_honorific(w: &str) -> bool {
    leading(&[w]) == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_count_whole_and_single_words_alone() {
        assert_eq!(leading(&["Datuk", "Seri", "Ong", "Ka", "Ting"]), 2);
        assert_eq!(leading(&["Tan", "Sri", "Lim"]), 2);
        // The surname "Tan" is no honorific; "Sri" alone is a given name (Sri Mulyani).
        assert_eq!(leading(&["Tan", "Cheng", "Bock"]), 0);
        assert_eq!(leading(&["Sri", "Mulyani"]), 0);
        assert_eq!(leading(&["Dato’", "Sri", "Ada"]), 2);
        assert_eq!(leading(&["Engr.", "Ada", "Obi"]), 1);
        assert!(is_honorific("Mrs.") && is_honorific("ALHAJI"));
        assert!(!is_honorific("Tan") && !is_honorific("President"));
        assert_eq!(leading(&[]), 0);
    }

    #[test]
    fn every_line_of_the_list_is_a_phrase_it_finds() {
        for line in LIST.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(leading(&words), words.len(), "{line}");
        }
    }
}
