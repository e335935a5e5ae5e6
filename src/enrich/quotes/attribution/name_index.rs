//! The names of one field's entities, indexed once so that `resolve` reads only the few names a
//! look-up can match instead of every mention in its window.
//!
//! The full-form look-ups (`fuller_name`, `fullest_form`, `holding_name`) and a person's gender
//! (`gender::of_person`) depend only on the *distinct* (label, canonical) names in the window,
//! and only on those sharing a word with the name being made full. A run of quotes about one
//! person puts thousands of mentions of one name in every 40 KB window: reading each of them for
//! each of the eight candidate mentions of each quote made such text cost 2–3 s per MB. Here
//! every distinct name keeps the ascending positions of its mentions, so "is it in the window,
//! and where first" is a binary search, and the names are reached by word.
//!
//! The index is built lazily (the first look-up pays for it), over the same `entities` the
//! caller passes `resolve`: answers are those the window scan gives, which
//! `tests::the_index_gives_what_the_window_scan_gives` checks.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::*;
use crate::enrich::quotes::gender::{self, Gender};

/// The distinct names of a field's entities (sorted by start), by word.
pub struct NameIndex<'e> {
    text: &'e str,
    ents: &'e [Entity],
    built: OnceCell<Built>,
}

/// (Owning its keys: a borrowed key would tie the index's lifetime to the cell's, which is
/// invariant, and so every borrow next to the index in a `Context`.)
struct Built {
    /// The ids of each distinct canonical, one per label it is given.
    ids: HashMap<String, Vec<(Label, usize)>>,
    /// Each distinct (label, canonical): the positions in `ents` of its mentions, ascending.
    names: Vec<Vec<usize>>,
    /// A person's or organisation's name of two words or more by its last word (split at the
    /// last space, folded as `same_folded` folds): what `fuller_name` looks for. Organisations
    /// also by the initials `expanded_acronym` spells.
    ending: HashMap<String, Vec<usize>>,
    /// A person's name by each of its `name_words` (and the part after an initial's dot,
    /// "D.Ankhbayar"), folded: what `fullest_form` and `holding_name` look for.
    word: HashMap<String, Vec<usize>>,
    /// Per name, lazily: how many of its first k mentions the article marks male and female
    /// (`gender::said_of`), k = 0..=mentions.
    said: Vec<OnceCell<Vec<(u32, u32)>>>,
}

/// `s` folded as [`same_folded`] compares: apostrophes made one, lower case.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Adds `id` under `key` once (a name's keys are added together, so a repeat is the last one).
fn add(map: &mut HashMap<String, Vec<usize>>, key: String, id: usize) {
    let ids = map.entry(key).or_default();
    if ids.last() != Some(&id) {
        ids.push(id);
    }
}

impl<'e> NameIndex<'e> {
    /// An index of `ents` (sorted by start) in `text`; nothing is built until a look-up.
    pub fn new(text: &'e str, ents: &'e [Entity]) -> Self {
        Self {
            text,
            ents,
            built: OnceCell::new(),
        }
    }

    pub fn entities(&self) -> &'e [Entity] {
        self.ents
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let ents = self.ents;
            let mut by_name: HashMap<(Label, &str), usize> = HashMap::new();
            let mut names: Vec<Vec<usize>> = Vec::new();
            for (i, e) in ents.iter().enumerate() {
                let id = *by_name
                    .entry((e.label, e.canonical.as_str()))
                    .or_insert_with(|| {
                        names.push(Vec::new());
                        names.len() - 1
                    });
                names[id].push(i);
            }
            let mut ending = HashMap::new();
            let mut word = HashMap::new();
            for (id, at) in names.iter().enumerate() {
                let e = &self.ents[at[0]];
                let c = e.canonical.as_str();
                if matches!(e.label, Label::Per | Label::Org) {
                    if let Some((_, last)) = c.rsplit_once(' ') {
                        add(&mut ending, fold(last), id);
                    }
                }
                if e.label == Label::Org {
                    if let Some(initials) = initials(c) {
                        add(&mut ending, initials, id);
                    }
                }
                if e.label == Label::Per {
                    for w in name_words(c) {
                        add(&mut word, fold(w), id);
                        if let Some((_, rest)) = w.split_once('.') {
                            add(&mut word, fold(rest), id);
                        }
                    }
                }
            }
            let said = names.iter().map(|_| OnceCell::new()).collect();
            let mut ids: HashMap<String, Vec<(Label, usize)>> = HashMap::new();
            for ((label, c), id) in by_name {
                ids.entry(c.to_string()).or_default().push((label, id));
            }
            Built {
                ids,
                names,
                ending,
                word,
                said,
            }
        })
    }

    /// The positions of the first mention at `lo..hi` of each name among `ids` that has one.
    fn firsts(&self, ids: Option<&Vec<usize>>, lo: usize, hi: usize, out: &mut Vec<usize>) {
        let b = self.built();
        out.extend(ids.into_iter().flatten().filter_map(|&id| {
            let at = &b.names[id];
            let p = *at.get(at.partition_point(|&p| p < lo))?;
            (p < hi).then_some(p)
        }));
    }

    /// Those mentions, once each, in the order a scan of the window meets them.
    fn mentions(&self, mut at: Vec<usize>) -> Vec<Entity> {
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|p| self.ents[p].clone()).collect()
    }

    /// What `fuller_name` reads of the window `lo..hi` (positions in the entities) for the
    /// one-word `name`: the names ending in it, and the organisations it spells.
    pub(super) fn ending_in(&self, name: &str, lo: usize, hi: usize) -> Vec<Entity> {
        let b = self.built();
        let mut at = Vec::new();
        self.firsts(b.ending.get(&fold(name)), lo, hi, &mut at);
        self.firsts(b.ending.get(name), lo, hi, &mut at);
        self.mentions(at)
    }

    /// What `fullest_form` and `holding_name` read of the window `lo..hi` for a name whose
    /// word `w` (its last or its first) the names they look for hold.
    pub(super) fn holding_word(&self, w: &str, lo: usize, hi: usize) -> Vec<Entity> {
        let mut at = Vec::new();
        self.firsts(self.built().word.get(&fold(w)), lo, hi, &mut at);
        self.mentions(at)
    }

    /// The mentions at positions `lo..hi` of the names whose canonical form is `canonical`: per
    /// label that has one there, their positions (never empty).
    pub(super) fn mentions_in<'a>(
        &'a self,
        canonical: &str,
        lo: usize,
        hi: usize,
    ) -> impl Iterator<Item = (Label, &'a [usize])> + 'a {
        let b = self.built();
        b.ids
            .get(canonical)
            .into_iter()
            .flatten()
            .filter_map(move |&(label, id)| {
                let at = &b.names[id];
                let (i, j) = (
                    at.partition_point(|&p| p < lo),
                    at.partition_point(|&p| p < hi),
                );
                (i < j).then(|| (label, &at[i..j]))
            })
    }

    /// `gender::of_person(text, &ents[lo..hi], e)`, from counts kept per name.
    pub(super) fn of_person(&self, e: &Entity, lo: usize, hi: usize) -> Option<Gender> {
        if e.label != Label::Per {
            return None;
        }
        // A mention with a first name where another person in the window shares the surname:
        // the mention alone (`gender::of_own_mention`). The names sharing it are those ending in
        // it and the surname alone.
        if gender::has_first_word(&e.text) {
            let c = e.canonical.as_str();
            let last = c.rsplit(' ').next().unwrap_or("");
            let b = self.built();
            let in_window = |id: usize| {
                let at = &b.names[id];
                at.partition_point(|&p| p < lo) < at.partition_point(|&p| p < hi)
            };
            let other = |id: usize| {
                let f = &self.ents[b.names[id][0]];
                f.label == Label::Per
                    && f.canonical != c
                    && gender::shares_surname(c, &f.canonical)
                    && in_window(id)
            };
            let shared = b
                .ending
                .get(&fold(last))
                .into_iter()
                .flatten()
                .any(|&id| other(id))
                || b.ids
                    .get(last)
                    .into_iter()
                    .flatten()
                    .any(|&(label, id)| label == Label::Per && other(id));
            if shared {
                return gender::of_own_mention(self.text, e);
            }
        }
        let b = self.built();
        let id = b.ids.get(e.canonical.as_str()).and_then(|ids| {
            ids.iter()
                .find_map(|&(label, id)| (label == e.label).then_some(id))
        });
        let Some(id) = id else {
            // (Not one of these entities: counted over the window as `of_person` counts.)
            return gender::of_person(self.text, self.ents.get(lo..hi).unwrap_or(&[]), e);
        };
        let at = &b.names[id];
        let counts = b.said[id].get_or_init(|| {
            let mut c = vec![(0, 0)];
            let (mut m, mut f) = (0u32, 0u32);
            for &p in at {
                match gender::said_of(self.text, &self.ents[p]) {
                    Some(Gender::Male) => m += 1,
                    Some(Gender::Female) => f += 1,
                    None => {}
                }
                c.push((m, f));
            }
            c
        });
        let (i, j) = (
            at.partition_point(|&p| p < lo),
            at.partition_point(|&p| p < hi),
        );
        let j = j.max(i);
        let (m, f) = (counts[j].0 - counts[i].0, counts[j].1 - counts[i].1);
        gender::of_counts(m, f, &e.canonical)
    }
}

/// The initials `expanded_acronym` compares an acronym with, for an organisation of two words
/// or more: the capitals opening its words, a parenthesised acronym after it left out.
fn initials(c: &str) -> Option<String> {
    let full = c.split(" (").next().unwrap_or("").trim();
    full.contains(' ').then(|| {
        full.split([' ', '-'])
            .filter_map(|w| w.chars().next())
            .filter(|c| c.is_uppercase())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Field;

    /// Every whole occurrence of each needle as an entity, earlier needles first (a later one
    /// inside an earlier one's mention is not tagged again), sorted by start.
    fn tagged(text: &str, needles: &[(&str, Label, &str)]) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        for &(needle, label, canonical) in needles {
            for (start, _) in text.match_indices(needle) {
                let end = start + needle.len();
                let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if word(text[..start].chars().next_back()) || word(text[end..].chars().next()) {
                    continue;
                }
                if out.iter().any(|e| e.start < end && start < e.end) {
                    continue;
                }
                out.push(Entity {
                    text: needle.to_string(),
                    label,
                    field: Field::Body,
                    start,
                    end,
                    canonical: canonical.to_string(),
                });
            }
        }
        out.sort_by_key(|e| (e.start, e.end));
        out
    }

    #[test]
    fn the_index_gives_what_the_window_scan_gives() {
        let story = "Bill Clinton met Hillary Clinton in Paris. “We agree,” Clinton said. \
            Mr. Clinton said he was glad. Wang Yi, the minister, spoke. “No,” Wang said. The \
            International Monetary Fund replied. “Yes,” the IMF said. D.Ankhbayar arrived. \
            “Fine,” Ankhbayar said. “Later,” she said. Paul D. Ryan spoke. “Now,” Paul Ryan \
            said. “Sure,” he said. Sanders was there; Bernie Sanders said “go”. Ms. Byron said \
            she would. “Go,” Byron said. Ada Byron left. O’Neill spoke; James O'Neill said \
            “ok”. The New York Times reported. “Yes,” Times said. “Maybe,” it said. Kwon \
            Young-se came. Kwon said “hi”. “Well,” said Wang Yi Jr., who smiled. Jens \
            Stoltenberg spoke. “Yes,” he said. Jens said “no”. “Why,” he said.\n\n";
        // The story, a stretch longer than the look-up window, and the story again: the
        // windows of the second half leave the first half's names out.
        let filler = "Rain fell on the hills all day long. ".repeat(1000);
        let text = format!("{story}{filler}{story}");
        let needles = [
            ("Bill Clinton", Label::Per, "Bill Clinton"),
            ("Hillary Clinton", Label::Per, "Hillary Clinton"),
            ("Clinton", Label::Per, "Clinton"),
            ("Paris", Label::Loc, "Paris"),
            ("Wang Yi Jr.", Label::Per, "Wang Yi Jr."),
            ("Wang Yi", Label::Per, "Wang Yi"),
            ("Wang", Label::Per, "Wang"),
            (
                "International Monetary Fund",
                Label::Org,
                "International Monetary Fund",
            ),
            ("IMF", Label::Org, "IMF"),
            ("D.Ankhbayar", Label::Per, "D.Ankhbayar"),
            ("Ankhbayar", Label::Org, "Ankhbayar"),
            ("Paul D. Ryan", Label::Per, "Paul D. Ryan"),
            ("Paul Ryan", Label::Per, "Paul Ryan"),
            ("Bernie Sanders", Label::Per, "Bernie Sanders"),
            ("Sanders", Label::Org, "Sanders"),
            ("Ada Byron", Label::Per, "Ada Byron"),
            ("Byron", Label::Per, "Byron"),
            ("James O'Neill", Label::Per, "James O'Neill"),
            ("O’Neill", Label::Per, "O’Neill"),
            ("New York Times", Label::Org, "New York Times"),
            ("Times", Label::Org, "Times"),
            ("Kwon Young-se", Label::Per, "Kwon Young-se"),
            ("Kwon", Label::Per, "Kwon"),
            ("Jens", Label::Per, "Jens"),
        ];
        let ents = tagged(&text, &needles);
        let index = NameIndex::new(&text, &ents);
        // The word after `at` (a mention's cue, as the cue finders would give it).
        let next_word = |at: usize| {
            let rest = &text[at..];
            let start = at + rest.len() - rest.trim_start_matches([' ', ',', '”']).len();
            let len = text[start..]
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(0);
            Word {
                start,
                end: start + len,
            }
        };
        let mut founds: Vec<Found> = ents
            .iter()
            .map(|e| {
                let w = Word {
                    start: e.start,
                    end: e.end,
                };
                Found {
                    cue: next_word(e.end),
                    mention: w,
                    kind: MentionKind::Name,
                }
            })
            .collect();
        for p in [" he ", " she ", " it ", " who "] {
            for (at, _) in text.match_indices(p) {
                let w = Word {
                    start: at + 1,
                    end: at + p.len() - 1,
                };
                founds.push(Found {
                    cue: next_word(w.end),
                    mention: w,
                    kind: MentionKind::Pronoun,
                });
            }
        }
        let mut named = 0;
        let mut fuller = 0;
        let prevs = [
            None,
            Some("Clinton"),
            Some("Ada Byron"),
            Some("Bill Clinton"),
            Some("Jens Stoltenberg"),
            Some("Wang Yi"),
            Some("Times"),
        ];
        for prev in prevs {
            for f in &founds {
                let scan = resolve(&text, f, &ents, prev);
                let indexed = resolve_indexed(&text, f, &index, prev);
                assert_eq!(scan, indexed, "{f:?} (previous speaker {prev:?})");
                named += usize::from(scan.is_some());
                let said = text.get(f.mention.start..f.mention.end).unwrap_or("");
                fuller += usize::from(scan.as_deref().is_some_and(|s| s.len() > said.len()));
            }
        }
        // (Not a vacuous comparison: many mentions resolve, and many to a fuller form.)
        assert!(
            named > 100 && fuller > 40,
            "{named} named, {fuller} made fuller"
        );
        // Some people behind the look-ups, in both halves.
        let wang: Vec<Found> = founds
            .iter()
            .filter(|f| text.get(f.mention.start..f.mention.end) == Some("Wang"))
            .copied()
            .collect();
        assert_eq!(wang.len(), 2);
        for f in &wang {
            let full = resolve_indexed(&text, f, &index, None);
            assert!(full.is_some_and(|n| n.starts_with("Wang Yi")));
        }
    }
}
