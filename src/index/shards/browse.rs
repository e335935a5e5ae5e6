//! The look-ups of one article, one entity and the month counts (`index::browse`), over
//! shards: what `morgue serve`'s pages need besides search, quotes and entities.
//!
//! An article lives in one shard (a job shards by content id), so a look-up by id or path
//! takes the first shard that holds it; an entity id is an archive-wide identity, found in
//! whichever shard names it; month counts are summed, each shard filtered through the set's
//! one name table. One index given alone goes straight to `browse`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Shards;
use crate::archive_names::NameTable;
use crate::error::Result;
use crate::index::browse::{self, ArticleKey, Counted, MonthCounts, StoredArticle};
use crate::index::reader::{EntityKind, Filters};

/// The archive-wide name table of the set (one index's own table when it is alone).
pub fn names(shards: &Shards) -> Arc<NameTable> {
    shards.archives[0].names()
}

/// The article with this id or path, from the first shard holding it.
pub fn article(shards: &Shards, key: ArticleKey) -> Result<Option<StoredArticle>> {
    for a in &shards.archives {
        if let Some(found) = browse::article(a, key)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The entity whose identity id is `id`, from the first shard that names it.
pub fn entity_by_id(shards: &Shards, id: &str) -> Result<Option<(EntityKind, String)>> {
    for a in &shards.archives {
        if let Some(found) = browse::entity_by_id(a, id)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// Matching documents per month, summed over the shards.
pub fn months(
    shards: &Shards,
    query: &str,
    filters: &Filters,
    counted: Counted,
) -> Result<MonthCounts> {
    if let Some(one) = shards.single() {
        return browse::months(one, query, filters, counted);
    }
    let mut sum = MonthCounts::default();
    let mut by_month: BTreeMap<String, u64> = BTreeMap::new();
    for a in &shards.archives {
        let m = browse::months(a, query, filters, counted)?;
        sum.total += m.total;
        sum.undated += m.undated;
        for (month, n) in m.months {
            *by_month.entry(month).or_default() += n;
        }
    }
    // "YYYY-MM" sorts in time order.
    sum.months = by_month.into_iter().collect();
    Ok(sum)
}

/// The other paths holding the same title and body as article `id`, the shown `path` aside:
/// each shard's duplicates, and the article itself where another shard holds it too.
pub fn duplicates(shards: &Shards, id: &str, path: &str) -> Result<Vec<String>> {
    if let Some(one) = shards.single() {
        return browse::duplicates(one, id);
    }
    let mut all = std::collections::BTreeSet::new();
    for a in &shards.archives {
        all.extend(browse::duplicates(a, id)?);
        if let Some(found) = browse::article(a, ArticleKey::Id(id))? {
            all.insert(found.path);
        }
    }
    all.remove(path);
    Ok(all.into_iter().collect())
}
