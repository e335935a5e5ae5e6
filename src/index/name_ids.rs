//! Names counted by number: `search --facets` and `entities` on one index count each kind's
//! names by a number per searcher view instead of by string.
//!
//! `facets::NameCounter` gives each counted name as a `String` (a copy per counted name per
//! request), sums segments by sorting those strings, and `facets::merge_top` then looks every
//! counted name up in the archive-wide name table (string keys) to merge variants under their
//! canonical form: under `morgue serve`'s load that string work was about a tenth of the server's
//! CPU. Between commits neither the names a view holds nor their canonical forms can change, so
//! they are numbered once per view and name table ([`KindNames`]): every stored name of a kind
//! gets a number in byte order, each segment's term ordinals map to those numbers, and each
//! number maps to its canonical form's number (also in byte order, so comparing numbers
//! compares names) and whether that form is hidden. A request counts term ordinals per segment,
//! adds them up by number, merges by canonical number and ranks by count and number; only the
//! rows shown are turned into names. The answer is `NameCounter` and `merge_top`'s, exactly
//! (the tests compare them).

use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use super::article_quotes::run_starts;
use super::errors::backend;
use super::facets::{count_doc, searcher_key, Merged, SearcherKey};
use super::schema::name_column;
use super::Archive;
use crate::archive_names::NameTable;
use crate::error::Result;

/// One kind's names in one view, numbered (see the module's doc).
pub(super) struct KindNames {
    /// Stored names in byte order: a name's number is its index.
    names: Vec<String>,
    /// Name number → its canonical form's number.
    canonical_of: Vec<u32>,
    /// Canonical forms in byte order.
    canonical: Vec<String>,
    /// Per canonical number: not listed under this kind (`NameTable::is_hidden`).
    hidden: Vec<bool>,
    /// The names of each canonical form: `members[member_starts[c]..member_starts[c + 1]]`,
    /// in number order.
    member_starts: Vec<u32>,
    members: Vec<u32>,
    /// Per segment ordinal of the view: the segment's id and its term ordinal → name number.
    segments: Vec<(SegmentId, Vec<u32>)>,
}

/// The archive-wide form of a name of `kind`: a speaker may be a person or an organisation,
/// other kinds map within their own table.
pub(super) fn canonical_in<'a>(table: &'a NameTable, kind: &str, name: &'a str) -> &'a str {
    if kind == "speaker" {
        table.canonical("org", table.canonical("person", name))
    } else {
        table.canonical(kind, name)
    }
}

impl KindNames {
    /// Number the names of `kind` in `searcher`'s view.
    fn read(searcher: &Searcher, table: &NameTable, kind: &str) -> Result<KindNames> {
        let column = name_column(kind);
        let mut per_segment: Vec<(SegmentId, Vec<String>)> = Vec::new();
        for reader in searcher.segment_readers() {
            let mut names = Vec::new();
            if let Some(col) = reader.fast_fields().str(&column)? {
                let mut stream = col.dictionary().stream().map_err(backend)?;
                while stream.advance() {
                    names.push(String::from_utf8_lossy(stream.key()).into_owned());
                }
            }
            per_segment.push((reader.segment_id(), names));
        }
        let mut names: Vec<String> = per_segment.iter().flat_map(|(_, n)| n.clone()).collect();
        names.sort_unstable();
        names.dedup();
        let number = |name: &str| names.binary_search_by(|n| n.as_str().cmp(name)).ok();
        let segments = per_segment
            .iter()
            .map(|(id, seg)| {
                let ords = seg
                    .iter()
                    .map(|n| number(n).map_or(u32::MAX, |i| i as u32))
                    .collect();
                (*id, ords)
            })
            .collect();
        let mut canonical: Vec<String> = names
            .iter()
            .map(|n| canonical_in(table, kind, n).to_string())
            .collect();
        canonical.sort_unstable();
        canonical.dedup();
        let canonical_of: Vec<u32> = names
            .iter()
            .map(|n| {
                let c = canonical_in(table, kind, n);
                canonical
                    .binary_search_by(|x| x.as_str().cmp(c))
                    .map_or(u32::MAX, |i| i as u32)
            })
            .collect();
        let hidden = canonical.iter().map(|c| table.is_hidden(kind, c)).collect();
        let mut by_canonical: Vec<(u32, u32)> = canonical_of
            .iter()
            .enumerate()
            .map(|(n, &c)| (c, n as u32))
            .collect();
        by_canonical.sort_unstable();
        let member_starts = run_starts(by_canonical.iter().map(|(c, _)| *c), canonical.len());
        Ok(KindNames {
            names,
            canonical_of,
            canonical,
            hidden,
            member_starts,
            members: by_canonical.into_iter().map(|(_, n)| n).collect(),
            segments,
        })
    }

    /// The `top` canonical forms by matching documents (ties in name order), from the counts
    /// by name number that [`IdCounter`] gave, with the number of canonical forms counted:
    /// what `facets::merge_top` gives for the same counts after hidden forms are left out.
    pub(super) fn top(&self, counts: &[u32], top: usize) -> (usize, Vec<Merged<'_>>) {
        let mut by_canonical = vec![0u64; self.canonical.len()];
        let mut counted: Vec<u32> = Vec::new();
        for (n, &k) in counts.iter().enumerate() {
            if k == 0 {
                continue;
            }
            let c = self.canonical_of[n];
            if self.hidden[c as usize] {
                continue;
            }
            let slot = &mut by_canonical[c as usize];
            if *slot == 0 {
                counted.push(c);
            }
            *slot += u64::from(k);
        }
        let total = counted.len();
        // Canonical numbers are in name order, so ties compare numbers.
        let order = |a: &u32, b: &u32| {
            by_canonical[*b as usize]
                .cmp(&by_canonical[*a as usize])
                .then(a.cmp(b))
        };
        let top = top.max(1);
        if counted.len() > top {
            counted.select_nth_unstable_by(top - 1, order);
            counted.truncate(top);
        }
        counted.sort_unstable_by(order);
        let rows = counted
            .into_iter()
            .map(|c| {
                let name = self.canonical[c as usize].as_str();
                let range = self.member_starts[c as usize] as usize
                    ..self.member_starts[c as usize + 1] as usize;
                let variants = self.members[range]
                    .iter()
                    .filter(|&&n| counts[n as usize] > 0)
                    .map(|&n| self.names[n as usize].as_str())
                    .filter(|v| *v != name)
                    .collect();
                Merged {
                    name,
                    count: by_canonical[c as usize],
                    variants,
                }
            })
            .collect();
        (total, rows)
    }
}

/// The numbered names of each kind asked for, per index folder: the latest view and name table
/// only (a commit or a new name table starts afresh), so memory stays one view's names.
type Views = Vec<(
    std::path::PathBuf,
    SearcherKey,
    Arc<NameTable>,
    Vec<(String, Arc<KindNames>)>,
)>;
static VIEWS: Mutex<Views> = Mutex::new(Vec::new());

/// The numbered names of `kind` in `searcher`'s view under `table`, read on first use.
pub(super) fn kind_names(
    archive: &Archive,
    searcher: &Searcher,
    table: &Arc<NameTable>,
    kind: &str,
) -> Result<Arc<KindNames>> {
    let key = searcher_key(searcher);
    let find = |views: &Views| -> Option<Arc<KindNames>> {
        let (_, _, _, kinds) = views
            .iter()
            .find(|(dir, k, t, _)| *dir == archive.dir && *k == key && Arc::ptr_eq(t, table))?;
        kinds
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, n)| Arc::clone(n))
    };
    {
        // A poisoned lock only means another request panicked; the list is still whole.
        let views = VIEWS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = find(&views) {
            return Ok(hit);
        }
    }
    let read = Arc::new(KindNames::read(searcher, table, kind)?);
    let mut views = VIEWS.lock().unwrap_or_else(|e| e.into_inner());
    let at = views
        .iter()
        .position(|(dir, k, t, _)| *dir == archive.dir && *k == key && Arc::ptr_eq(t, table));
    let at = match at {
        Some(i) => i,
        None => {
            views.retain(|(dir, _, _, _)| *dir != archive.dir);
            views.push((archive.dir.clone(), key, Arc::clone(table), Vec::new()));
            views.len() - 1
        }
    };
    let kinds = &mut views[at].3;
    if !kinds.iter().any(|(k, _)| k == kind) {
        kinds.push((kind.to_string(), Arc::clone(&read)));
    }
    Ok(read)
}

/// Counts the names of some kinds over the documents a query matches, by name number: one list
/// per kind (in the order given), indexed by the kind's name numbers.
#[derive(Clone)]
pub(super) struct IdCounter {
    kinds: Vec<(String, Arc<KindNames>)>,
}

impl IdCounter {
    /// A counter for the given kinds of `schema::NAME_KINDS`, numbered in `searcher`'s view.
    pub(super) fn new(
        archive: &Archive,
        searcher: &Searcher,
        table: &Arc<NameTable>,
        kinds: &[&str],
    ) -> Result<IdCounter> {
        let kinds = kinds
            .iter()
            .map(|k| Ok((name_column(k), kind_names(archive, searcher, table, k)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(IdCounter { kinds })
    }

    /// The numbered names of each kind, in the order given.
    pub(super) fn names(&self) -> impl Iterator<Item = &KindNames> {
        self.kinds.iter().map(|(_, n)| &**n)
    }
}

/// One kind in one segment: its column and a counter per term ordinal.
struct SegmentKind {
    column: Option<StrColumn>,
    counts: Vec<u32>,
}

pub(super) struct SegmentIdCounter {
    segment: SegmentOrdinal,
    kinds: Vec<SegmentKind>,
    buffer: Vec<u64>,
}

impl Collector for IdCounter {
    type Fruit = Vec<Vec<u32>>;
    type Child = SegmentIdCounter;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentIdCounter> {
        let mut kinds = Vec::with_capacity(self.kinds.len());
        for (column, names) in &self.kinds {
            let known = names.segments.get(segment as usize);
            if known.is_none_or(|(id, _)| *id != reader.segment_id()) {
                return Err(TantivyError::InternalError(format!(
                    "names numbered for another view than segment {segment}'s"
                )));
            }
            let column = reader.fast_fields().str(column)?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            kinds.push(SegmentKind {
                column,
                counts: vec![0; terms],
            });
        }
        Ok(SegmentIdCounter {
            segment,
            kinds,
            buffer: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<(SegmentOrdinal, Vec<Vec<u32>>)>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut out: Vec<Vec<u32>> = self
            .kinds
            .iter()
            .map(|(_, names)| vec![0; names.names.len()])
            .collect();
        for (segment, kinds) in segments {
            for ((total, counts), (_, names)) in out.iter_mut().zip(kinds).zip(&self.kinds) {
                let numbers = &names.segments[segment as usize].1;
                for (ord, n) in counts.into_iter().enumerate() {
                    if n > 0 {
                        let number = numbers.get(ord).copied().unwrap_or(u32::MAX);
                        let slot = total.get_mut(number as usize).ok_or_else(|| {
                            TantivyError::InternalError(
                                "a name dictionary is longer than when it was numbered".into(),
                            )
                        })?;
                        *slot += n;
                    }
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentIdCounter {
    type Fruit = (SegmentOrdinal, Vec<Vec<u32>>);

    fn collect(&mut self, doc: DocId, _: Score) {
        for kind in &mut self.kinds {
            if let Some(col) = &kind.column {
                count_doc(col, doc, &mut self.buffer, &mut kind.counts);
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        (
            self.segment,
            self.kinds.into_iter().map(|k| k.counts).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::facets::{merge_top, NameCounter};

    /// Counting by number gives what counting by string and merging by the name table gives:
    /// the same totals, rows, counts, tie order and variants, over several segments (a name has
    /// another ordinal in each), with variants, hidden names and speakers mapped through both
    /// kinds.
    #[test]
    fn counts_by_number_equal_counts_by_string() -> Result<()> {
        use tantivy::query::TermQuery;
        use tantivy::schema::{IndexRecordOption, Schema, FAST, STRING};
        use tantivy::{Index, TantivyDocument, Term};
        let mut b = Schema::builder();
        let tag = b.add_text_field("tag", STRING);
        let person = b.add_text_field(&name_column("person"), FAST);
        let speaker = b.add_text_field(&name_column("speaker"), FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000)?;
        let people = [
            "Tony Blair",
            "Blair",
            "Mr Blair",
            "Ann Berg",
            "Smith",
            "Bo Lund",
            "Åsa Öst",
            "Cy Moe",
        ];
        let speakers = [
            "Blair",
            "BBC",
            "British Broadcasting Corporation",
            "Ann Berg",
        ];
        for round in 0..3usize {
            for i in 0..50usize {
                let mut d = TantivyDocument::default();
                d.add_text(tag, if (i + round) % 4 == 0 { "no" } else { "yes" });
                let mut names: Vec<&str> = people
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| (i * (round + 1) + j) % (j + 2) == 0)
                    .map(|(_, p)| *p)
                    .collect();
                names.sort_unstable();
                for p in names {
                    d.add_text(person, p);
                }
                if i % 3 != 1 {
                    d.add_text(speaker, speakers[(i + round) % speakers.len()]);
                }
                w.add_document(d)?;
            }
            // Several segments: the same name has another ordinal in each.
            w.commit()?;
        }
        let searcher = index.reader()?.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let mut table = NameTable::default();
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        table.kinds.insert(
            "person".into(),
            map(&[("Blair", "Tony Blair"), ("Mr Blair", "Tony Blair")]),
        );
        table.kinds.insert(
            "org".into(),
            map(&[("BBC", "British Broadcasting Corporation")]),
        );
        table
            .hidden
            .insert("person".into(), ["Smith".to_string()].into_iter().collect());
        let q = TermQuery::new(Term::from_field_text(tag, "yes"), IndexRecordOption::Basic);
        let kinds = ["person", "speaker"];
        let by_string = searcher.search(&q, &NameCounter::new(kinds))?;
        let counter = IdCounter {
            kinds: kinds
                .iter()
                .map(|k| {
                    Ok((
                        name_column(k),
                        Arc::new(KindNames::read(&searcher, &table, k)?),
                    ))
                })
                .collect::<Result<Vec<_>>>()?,
        };
        let by_number = searcher.search(&q, &counter)?;
        let mut variants_seen = false;
        for top in [1, 2, 3, 4, 10] {
            for ((kind, names), (listed, numbered)) in kinds
                .iter()
                .zip(counter.names())
                .zip(by_string.iter().zip(&by_number))
            {
                let mut listed = listed.clone();
                listed.retain(|(n, _)| !table.is_hidden(kind, canonical_in(&table, kind, n)));
                let expected = merge_top(&listed, |n| canonical_in(&table, kind, n), top);
                let got = names.top(numbered, top);
                assert_eq!(got, expected, "{kind}, top {top}");
                variants_seen |= got.1.iter().any(|m| !m.variants.is_empty());
            }
        }
        assert!(variants_seen);
        Ok(())
    }
}
