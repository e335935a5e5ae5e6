//! Facet counting for `search --facets` and `entities`: how many matching documents carry each
//! direct child of a few facets (`/person` → every `/person/NAME`).
//!
//! tantivy's `FacetCollector` streams the segment's whole facet dictionary for every query (to
//! map ordinals to the requested facets) and turns each counted ordinal into a string with a
//! separate dictionary lookup; on a 200,000-article index that was most of the time of a
//! `search --facets`. Here each requested facet is located with two dictionary seeks, giving a
//! contiguous range of term ordinals (the dictionary is sorted, so `/person/…` terms are
//! adjacent); documents are counted into a plain array indexed by ordinal, and only the
//! ordinals that were counted are turned into names, in one sorted pass over the dictionary.
//!
//! The requested facets must have leaves as children (`/person/NAME`, `/alias/KIND/CANON/ALIAS`
//! under `/alias/KIND/CANON`), which is how `writer` builds every facet; a document is counted
//! once per child it carries.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{StrColumn, TermOrdHit};
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

/// Child name → number of matching documents, sorted by name (byte order, as tantivy sorts
/// facets), one list per requested facet in request order.
pub type ChildCounts = Vec<Vec<(String, u64)>>;

/// Counts the children of the given facets over the documents a query matches.
pub struct FacetChildren {
    field: String,
    /// Encoded facet with the separator that starts its children (`person\0`).
    prefixes: Vec<Vec<u8>>,
}

impl FacetChildren {
    pub fn new(field: &str, facets: impl IntoIterator<Item = Facet>) -> FacetChildren {
        let prefixes = facets
            .into_iter()
            .map(|f| {
                let mut p = f.encoded_str().as_bytes().to_vec();
                p.push(0);
                p
            })
            .collect();
        FacetChildren {
            field: field.to_string(),
            prefixes,
        }
    }
}

pub struct SegmentFacetChildren {
    column: Option<StrColumn>,
    /// Per requested facet, its children's ordinals `lo..hi`.
    ranges: Vec<(u64, u64)>,
    /// Counts for ordinals `base..base + counts.len()`, the span of all ranges.
    base: u64,
    counts: Vec<u32>,
    prefix_lens: Vec<usize>,
    /// The current document's ordinals.
    buffer: Vec<u64>,
}

/// Result of one segment: the counts, or why the dictionary could not be read.
pub type SegmentFruit = Result<ChildCounts, String>;

impl Collector for FacetChildren {
    type Fruit = ChildCounts;
    type Child = SegmentFacetChildren;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetChildren> {
        // A segment may hold no facet at all (only file records); it then counts nothing.
        let column = segment.fast_fields().str(&self.field)?;
        let mut ranges = Vec::with_capacity(self.prefixes.len());
        if let Some(col) = &column {
            let dict = col.dictionary();
            let n = dict.num_terms() as u64;
            // The first term at or after `key`; past the last term when there is none.
            let seek = |key: &[u8]| -> tantivy::Result<u64> {
                Ok(match dict.term_ord_or_next(key)? {
                    TermOrdHit::Exact(o) | TermOrdHit::Next(o) => o.min(n),
                })
            };
            for p in &self.prefixes {
                let lo = seek(p)?;
                // Children are `prefix…`; the first term past them all starts with the
                // facet followed by byte 1 instead of the separator 0.
                let mut end = p.clone();
                if let Some(last) = end.last_mut() {
                    *last = 1;
                }
                let hi = seek(&end)?.max(lo);
                ranges.push((lo, hi));
            }
        } else {
            ranges.resize(self.prefixes.len(), (0, 0));
        }
        let nonempty = ranges.iter().filter(|(lo, hi)| hi > lo);
        let base = nonempty.clone().map(|r| r.0).min().unwrap_or(0);
        let end = nonempty.map(|r| r.1).max().unwrap_or(0);
        Ok(SegmentFacetChildren {
            column,
            ranges,
            base,
            counts: vec![0; (end.saturating_sub(base)) as usize],
            prefix_lens: self.prefixes.iter().map(Vec::len).collect(),
            buffer: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentFruit>) -> tantivy::Result<ChildCounts> {
        let mut segments = segments
            .into_iter()
            .collect::<Result<Vec<ChildCounts>, String>>()
            .map_err(TantivyError::InternalError)?;
        if segments.len() == 1 {
            return Ok(segments.pop().unwrap_or_default());
        }
        let mut merged: ChildCounts = vec![Vec::new(); self.prefixes.len()];
        for seg in segments {
            for (out, list) in merged.iter_mut().zip(seg) {
                out.extend(list);
            }
        }
        for list in &mut merged {
            // The same name has a different ordinal in every segment: sum by name. Each
            // segment's list is already sorted, and the stable sort merges such runs cheaply.
            list.sort_by(|a, b| a.0.cmp(&b.0));
            list.dedup_by(|next, kept| {
                if next.0 == kept.0 {
                    kept.1 += next.1;
                    true
                } else {
                    false
                }
            });
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetChildren {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(col) = &self.column else { return };
        let ords = col.ords();
        let rows = ords.index.value_row_ids(doc);
        let len = rows.len();
        // One bulk read of the document's ordinals: a dynamic call per document rather than per
        // value (this loop runs for every matching document).
        if self.buffer.len() < len {
            self.buffer.resize(len, 0);
        }
        ords.values
            .get_range(u64::from(rows.start), &mut self.buffer[..len]);
        let span = self.counts.len() as u64;
        let mut previous = u64::MAX;
        for &ord in &self.buffer[..len] {
            // Ordinals outside every range wrap around to large offsets and are skipped; a
            // value repeated within one document counts once.
            let offset = ord.wrapping_sub(self.base);
            if offset < span && ord != previous {
                self.counts[offset as usize] += 1;
            }
            previous = ord;
        }
    }

    fn harvest(self) -> SegmentFruit {
        let Some(col) = &self.column else {
            return Ok(vec![Vec::new(); self.ranges.len()]);
        };
        let dict = col.dictionary();
        let mut out = Vec::with_capacity(self.ranges.len());
        for (&(lo, hi), &prefix_len) in self.ranges.iter().zip(&self.prefix_lens) {
            let mut ords = Vec::new();
            let mut counts = Vec::new();
            for ord in lo..hi {
                let n = self.counts[(ord - self.base) as usize];
                if n > 0 {
                    ords.push(ord);
                    counts.push(u64::from(n));
                }
            }
            let mut names = Vec::with_capacity(ords.len());
            let complete = dict
                .sorted_ords_to_term_cb(&ords, |term| {
                    let child = term.get(prefix_len..).unwrap_or_default();
                    names.push(String::from_utf8_lossy(child).into_owned());
                })
                .map_err(|e| format!("reading facet dictionary: {e}"))?;
            if !complete || names.len() != counts.len() {
                return Err("facet dictionary is shorter than its ordinals".into());
            }
            out.push(names.into_iter().zip(counts).collect());
        }
        Ok(out)
    }
}

/// One entity after archive-wide variants are merged: its name, the documents counted under it
/// or any of its variants, and the variants seen (in name order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged<'a> {
    pub name: &'a str,
    pub count: u64,
    pub variants: Vec<&'a str>,
}

/// Merge counted names into their canonical forms and keep the `top` highest counts (ties in
/// name order). Enrichment has already unified the forms within each article, so an article
/// counted under "Blair" has no "Tony Blair" and the sums do not double-count.
///
/// Most names are their own canonical form; only the few that the name table maps go through
/// a hash map, so a whole-archive listing of tens of thousands of names stays a linear pass.
pub fn merge_top<'a>(
    names: &'a [(String, u64)],
    canonical: impl Fn(&'a str) -> &'a str,
    top: usize,
) -> (usize, Vec<Merged<'a>>) {
    let mut rows: Vec<Merged<'a>> = Vec::with_capacity(names.len());
    let mut moved: std::collections::HashMap<&'a str, (u64, Vec<&'a str>)> =
        std::collections::HashMap::new();
    for (name, n) in names {
        let c = canonical(name);
        if c == name {
            rows.push(Merged {
                name,
                count: *n,
                variants: Vec::new(),
            });
        } else {
            let e = moved.entry(c).or_default();
            e.0 += n;
            e.1.push(name);
        }
    }
    if !moved.is_empty() {
        for row in &mut rows {
            if let Some((n, variants)) = moved.remove(row.name) {
                row.count += n;
                row.variants = variants;
            }
        }
        // Canonical names that were only ever seen as variants.
        rows.extend(moved.into_iter().map(|(name, (count, variants))| Merged {
            name,
            count,
            variants,
        }));
    }
    let total = rows.len();
    let order = |a: &Merged, b: &Merged| b.count.cmp(&a.count).then_with(|| a.name.cmp(b.name));
    let top = top.max(1);
    if rows.len() > top {
        rows.select_nth_unstable_by(top - 1, order);
        rows.truncate(top);
    }
    rows.sort_unstable_by(order);
    (total, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[(&str, u64)]) -> Vec<(String, u64)> {
        v.iter().map(|(n, c)| (n.to_string(), *c)).collect()
    }

    #[test]
    fn variants_add_to_their_canonical_name_before_ranking() {
        let counted = names(&[
            ("Blair", 5),
            ("Brown", 4),
            ("Mr Blair", 1),
            ("Tony Blair", 3),
        ]);
        fn canonical(n: &str) -> &str {
            match n {
                "Blair" | "Mr Blair" => "Tony Blair",
                other => other,
            }
        }
        let (total, top) = merge_top(&counted, canonical, 10);
        assert_eq!(total, 2);
        assert_eq!(
            top,
            vec![
                Merged {
                    name: "Tony Blair",
                    count: 9,
                    variants: vec!["Blair", "Mr Blair"],
                },
                Merged {
                    name: "Brown",
                    count: 4,
                    variants: vec![],
                },
            ]
        );
    }

    #[test]
    fn a_canonical_name_seen_only_through_variants_is_listed() {
        let counted = names(&[("NATO", 2), ("UN", 2)]);
        fn canonical(n: &str) -> &str {
            if n == "NATO" {
                "North Atlantic Treaty Organization"
            } else {
                n
            }
        }
        let (total, top) = merge_top(&counted, canonical, 1);
        assert_eq!(total, 2);
        // Equal counts rank in name order; only the first is kept.
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].name, "North Atlantic Treaty Organization");
        assert_eq!(top[0].variants, vec!["NATO"]);
    }

    #[test]
    fn top_k_equals_a_full_sort() {
        let counted: Vec<(String, u64)> = (0..200u64)
            .map(|i| (format!("name{i:03}"), (i * 7919) % 13))
            .collect();
        let (_, top) = merge_top(&counted, |n| n, 25);
        let mut all: Vec<(&str, u64)> = counted.iter().map(|(n, c)| (n.as_str(), *c)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let got: Vec<(&str, u64)> = top.iter().map(|m| (m.name, m.count)).collect();
        assert_eq!(got, all[..25].to_vec());
    }
}
