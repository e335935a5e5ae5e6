//! A field's entities as reported speech asks about them for every quote (`indirect::speaker_quote`):
//! whether a mention is a tagged person or organisation, and whether a resolved name is one the
//! field knows. Asked of the whole list at each quote, both took time quadratic in the text
//! (`Blair said that it rained all day. ` repeated to 1 MB: 1.79 s per MB, 81% of it the first
//! question); here they are answered from a running maximum and a set built once per field, with
//! the same answers as the scans (`tests` below compare them).
//!
//! The field's name index (`attribution::NameIndex`) comes along, so that a speaker is resolved
//! reading only the names that can match (`resolve_indexed`, the same answer as the window scan
//! of `resolve`, which was most of the rest of that case's time). Reading the entities stays with
//! the callers: the list derefs to the slice the index was made over.

use std::cell::OnceCell;
use std::ops::Deref;

use rustc_hash::FxHashSet;

use crate::article::{Entity, Label};

use super::attribution::NameIndex;

/// One field's entities, sorted by start, with their name index and the answers below, built
/// on first use (most fields have no reported speech with a named subject).
pub(super) struct FieldEntities<'e> {
    names: &'e NameIndex<'e>,
    built: OnceCell<Built<'e>>,
}

struct Built<'e> {
    /// `reach[i]`: the largest end of a person or organisation among `all[..=i]` (0 when none).
    reach: Vec<usize>,
    /// The canonical names of the persons and organisations.
    names: FxHashSet<&'e str>,
}

fn speaks(e: &Entity) -> bool {
    matches!(e.label, Label::Per | Label::Org)
}

impl<'e> FieldEntities<'e> {
    /// The entities `names` indexes, which must be sorted by start, as the quote stage hands
    /// every field's entities over.
    pub(super) fn new(names: &'e NameIndex<'e>) -> Self {
        Self {
            names,
            built: OnceCell::new(),
        }
    }

    pub(super) fn names(&self) -> &'e NameIndex<'e> {
        self.names
    }

    fn built(&self) -> &Built<'e> {
        self.built.get_or_init(|| {
            let all = self.names.entities();
            let mut reach = Vec::with_capacity(all.len());
            let mut max = 0;
            for e in all {
                if speaks(e) {
                    max = max.max(e.end);
                }
                reach.push(max);
            }
            let names = all.iter().filter(|e| speaks(e));
            Built {
                reach,
                names: names.map(|e| e.canonical.as_str()).collect(),
            }
        })
    }

    /// Whether a person or organisation overlaps `start..end`. Those that start before `end` are
    /// a prefix of the list; one of them overlaps when the furthest any of them reaches is past
    /// `start`.
    pub(super) fn tags_speaker(&self, start: usize, end: usize) -> bool {
        let n = self.partition_point(|e| e.start < end);
        n > 0 && self.built().reach[n - 1] > start
    }

    /// Whether `name` is a person's or organisation's canonical name, or one of them completed
    /// ("Jens" + "Stoltenberg"): the name itself, or its part before or after a space.
    pub(super) fn knows(&self, name: &str) -> bool {
        let names = &self.built().names;
        names.contains(name)
            || name
                .match_indices(' ')
                .any(|(i, _)| names.contains(&name[i + 1..]) || names.contains(&name[..i]))
    }
}

impl<'e> Deref for FieldEntities<'e> {
    type Target = [Entity];

    fn deref(&self) -> &[Entity] {
        self.names.entities()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Field;

    fn ent(start: usize, end: usize, label: Label, canonical: &str) -> Entity {
        Entity {
            text: String::new(),
            label,
            field: Field::Body,
            start,
            end,
            canonical: canonical.into(),
        }
    }

    /// The scans `indirect::speaker_quote` made before this index.
    fn tags_by_scan(ents: &[Entity], start: usize, end: usize) -> bool {
        ents.iter()
            .any(|e| speaks(e) && e.start < end && start < e.end)
    }

    fn knows_by_scan(ents: &[Entity], name: &str) -> bool {
        ents.iter().any(|e| {
            speaks(e)
                && (name == e.canonical
                    || name.ends_with(&format!(" {}", e.canonical))
                    || name.starts_with(&format!("{} ", e.canonical)))
        })
    }

    #[test]
    fn the_answers_are_those_of_the_scans() {
        // Nested and overlapping mentions, a long one reaching past shorter ones after it, and
        // places, which never speak.
        let ents = [
            ent(0, 40, Label::Org, "Acme Bank of the North"),
            ent(2, 6, Label::Per, "Ada"),
            ent(10, 14, Label::Loc, "Rome"),
            ent(44, 53, Label::Per, "Ada Byron"),
            ent(46, 50, Label::Loc, "Byron"),
            ent(60, 64, Label::Per, ""),
            ent(70, 75, Label::Misc, "Jens"),
            ent(80, 91, Label::Per, "Stoltenberg"),
        ];
        let names = NameIndex::new("", &ents);
        let ix = FieldEntities::new(&names);
        for start in 0..100 {
            for end in start + 1..101 {
                assert_eq!(
                    ix.tags_speaker(start, end),
                    tags_by_scan(&ents, start, end),
                    "{start}..{end}"
                );
            }
        }
        for name in [
            "Ada",
            "Ada Byron",
            "Lady Ada Byron",
            "Ada Lovelace",
            "Byron",
            "Rome",
            "Jens Stoltenberg",
            "Jens",
            "Acme Bank of the North",
            "The Acme Bank of the North",
            "Acme",
            "x ",
            " x",
            " ",
            "",
            "Ada  Byron",
        ] {
            assert_eq!(ix.knows(name), knows_by_scan(&ents, name), "{name:?}");
        }
        assert_eq!(ix.len(), ents.len());
    }
}
