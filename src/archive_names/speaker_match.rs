//! `--speaker` and `--person` as the article gives the name (the default; `--loose` restores the
//! archive-wide resolution of [`NameTable::matching`]).
//!
//! An article that names only "Obama" has not said which Obama; the archive-wide table may
//! resolve that surname to Barack Obama because he dominates the archive, but that is a guess
//! about one article from the others. Precision comes first where people are named, so by
//! default a full name matches the stored names that give a first and last name for that
//! identity (its variants: middle names, initials, titles, Joe = Joseph), not the bare
//! surnames the archive resolves to it. What it leaves out, and `--loose` would add, is
//! returned beside it so the command can say how many quotes it left out and how to get them.
//!
//! A bare name typed as the query is not narrowed: whoever types "stoltenberg" has given no
//! first name either and asks for the person the archive makes of it (and is told when several
//! people share it). Narrowing it to the articles that also wrote only the surname would answer
//! `--speaker stoltenberg` with nothing on an archive that always names him in full.

use super::{name_words, NameMatch, NameTable};
use crate::identity;

/// The result of a strict (as-written) match: what it matches, and the stored names the
/// archive-wide match would add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsWritten {
    pub found: NameMatch,
    pub left_out: Vec<String>,
}

impl NameTable {
    /// [`Self::matching`] restricted to the names as their articles give them (module docs).
    pub fn matching_as_written(&self, query: &str, candidates: &[String]) -> AsWritten {
        let loose = self.matching(query, candidates);
        let (Some(qkey), NameMatch::Names(names)) = (identity::person_key(query), &loose) else {
            // Nothing name-like, or several people: the same answer in both modes.
            return AsWritten {
                found: loose,
                left_out: Vec::new(),
            };
        };
        if !qkey.contains(' ') {
            return AsWritten {
                found: loose,
                left_out: Vec::new(),
            };
        }
        // A stored bare name ("Obama") reached the full name only through the archive. An
        // exact word match (an organisation typed so) stays.
        let qwords = name_words(query);
        let one_word = |name: &str| identity::person_key(name).is_some_and(|k| !k.contains(' '));
        let (kept, left_out) = names
            .iter()
            .cloned()
            .partition(|n| !one_word(n) || name_words(n) == qwords);
        AsWritten {
            found: NameMatch::Names(kept),
            left_out,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::super::KindCounts;
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn table() -> NameTable {
        let names = [
            ("Hillary Clinton", 40),
            ("Hillary Rodham Clinton", 4),
            ("Bill Clinton", 12),
            ("Clinton", 9),
            ("Barack Obama", 30),
            ("Obama", 20),
        ];
        let counts = KindCounts {
            names: names.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
            ..KindCounts::default()
        };
        let kinds: HashMap<String, KindCounts> = [("person".to_string(), counts)].into();
        NameTable::build(&kinds, |_, _, _| false)
    }

    #[test]
    fn a_full_name_leaves_out_the_articles_that_give_only_the_surname() {
        let t = table();
        let stored = s(&["Barack Obama", "Obama", "Bill Clinton"]);
        let loose = t.matching("Barack Obama", &stored);
        assert_eq!(loose, NameMatch::Names(s(&["Barack Obama", "Obama"])));
        let strict = t.matching_as_written("Barack Obama", &stored);
        assert_eq!(strict.found, NameMatch::Names(s(&["Barack Obama"])));
        assert_eq!(strict.left_out, s(&["Obama"]));
    }

    #[test]
    fn a_bare_surname_is_the_person_the_archive_makes_of_it() {
        let t = table();
        let stored = s(&["Barack Obama", "Obama"]);
        let strict = t.matching_as_written("obama", &stored);
        assert_eq!(strict.found, t.matching("obama", &stored));
        assert_eq!(
            strict.found,
            NameMatch::Names(s(&["Barack Obama", "Obama"]))
        );
        assert!(strict.left_out.is_empty());
    }

    #[test]
    fn the_clintons_never_mix_in_either_mode() {
        let t = table();
        let stored = s(&[
            "Hillary Clinton",
            "Hillary Rodham Clinton",
            "Bill Clinton",
            "Clinton",
        ]);
        for q in ["Hillary Clinton", "Hillary Rodham Clinton"] {
            let want = NameMatch::Names(s(&["Hillary Clinton", "Hillary Rodham Clinton"]));
            assert_eq!(t.matching_as_written(q, &stored).found, want, "{q}");
            assert_eq!(t.matching(q, &stored), want, "{q}");
        }
        let bill = t.matching_as_written("Bill Clinton", &stored);
        assert_eq!(bill.found, NameMatch::Names(s(&["Bill Clinton"])));
        assert!(bill.left_out.is_empty());
        // A bare "Clinton" stays ambiguous, as in the loose mode: the command does not guess.
        let strict = t.matching_as_written("Clinton", &stored);
        assert!(
            matches!(strict.found, NameMatch::Ambiguous(_)),
            "{strict:?}"
        );
        assert_eq!(strict.found, t.matching("Clinton", &stored));
    }
}
