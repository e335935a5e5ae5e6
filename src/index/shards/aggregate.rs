//! Aggregate questions (`--count-by`, `quotes --facets`: `index::aggregate`) over shards.
//!
//! Each shard counts every value (no cut), through the set's one name table, so a name has the
//! same canonical form in every shard; the counts are summed and ranked as one index ranks
//! them: highest count first and then by name, or months and years in time order. A quote
//! counts its article's names in the shard holding both (an article and its quotes are indexed
//! together). One index given alone goes straight to `aggregate`.

use std::collections::BTreeMap;

use super::Shards;
use crate::article::QuoteKind;
use crate::error::Result;
use crate::index::aggregate::{self, CountBy, CountRequest, Counts};
use crate::index::reader::{Filters, NameCount};

/// `--count-by` over the shards.
pub fn count_by(shards: &Shards, req: &CountRequest) -> Result<Counts> {
    if let Some(one) = shards.single() {
        return aggregate::count_by(one, req);
    }
    let started = std::time::Instant::now();
    let whole = CountRequest {
        limit: usize::MAX,
        ..req.clone()
    };
    let mut sum = Counts::default();
    let mut rows = Vec::new();
    for (i, a) in shards.archives.iter().enumerate() {
        let part = aggregate::count_by(a, &whole)?;
        sum.total += part.total;
        sum.without += part.without;
        if i == 0 {
            sum.ambiguous = part.ambiguous;
        }
        rows.push(part.counts);
    }
    let in_time = matches!(req.by, CountBy::Month | CountBy::Year);
    let (distinct, counts) = ranked(rows, in_time, req.limit);
    sum.distinct = distinct;
    sum.counts = counts;
    sum.seconds = started.elapsed().as_secs_f64();
    Ok(sum)
}

/// `quotes --facets` over the shards: each list at most `top` long.
pub fn quote_facets(
    shards: &Shards,
    query: &str,
    filters: &Filters,
    quote_kind: Option<QuoteKind>,
    kinds: &[&'static str],
    top: usize,
) -> Result<Vec<Vec<NameCount>>> {
    if let Some(one) = shards.single() {
        return aggregate::quote_facets(one, query, filters, quote_kind, kinds, top);
    }
    let mut per_kind: Vec<Vec<Vec<NameCount>>> = vec![Vec::new(); kinds.len()];
    for a in &shards.archives {
        let lists = aggregate::quote_facets(a, query, filters, quote_kind, kinds, usize::MAX)?;
        for (k, list) in lists.into_iter().enumerate() {
            per_kind[k].push(list);
        }
    }
    Ok(per_kind
        .into_iter()
        .map(|parts| ranked(parts, false, top).1)
        .collect())
}

/// Rows of several shards summed by name: the number of distinct names and the first `limit`
/// rows, by count then name (or by name alone, for months and years).
fn ranked(parts: Vec<Vec<NameCount>>, in_time: bool, limit: usize) -> (usize, Vec<NameCount>) {
    let mut sums: BTreeMap<String, u64> = BTreeMap::new();
    for NameCount { name, count } in parts.into_iter().flatten() {
        *sums.entry(name).or_default() += count;
    }
    let distinct = sums.len();
    let mut rows: Vec<NameCount> = sums
        .into_iter()
        .map(|(name, count)| NameCount { name, count })
        .collect();
    if !in_time {
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        rows.truncate(limit.max(1));
    }
    (distinct, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, count: u64) -> NameCount {
        NameCount {
            name: name.into(),
            count,
        }
    }

    #[test]
    fn shard_rows_sum_by_name_and_rank_as_one_list() {
        let parts = vec![
            vec![row("Tony Blair", 3), row("Gordon Brown", 2)],
            vec![row("Gordon Brown", 2), row("Ann Clwyd", 1)],
        ];
        let (distinct, rows) = ranked(parts, false, 2);
        assert_eq!(distinct, 3);
        assert_eq!(rows, vec![row("Gordon Brown", 4), row("Tony Blair", 3)]);
    }

    #[test]
    fn months_stay_in_time_order_and_are_never_cut() {
        let parts = vec![
            vec![row("2005-03", 1), row("2004-12", 5)],
            vec![row("2005-01", 2), row("2005-03", 1)],
        ];
        let (distinct, rows) = ranked(parts, true, 1);
        assert_eq!(distinct, 3);
        assert_eq!(
            rows,
            vec![row("2004-12", 5), row("2005-01", 2), row("2005-03", 2)]
        );
    }
}
