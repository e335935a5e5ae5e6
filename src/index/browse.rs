//! Reads that a browser needs beyond `search`, `quotes` and `entities`: one stored article by
//! its id or path, an entity by its identity id, and how many matching articles or quotes fall in each month (the date
//! histograms of `morgue serve`). Plain data out; rendering is the front end's job.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term};

use super::facets::cached_live_facet_counts;
use super::filters::with_filters;
use super::reader::{date_of, first, parse_query, EntityKind, Filters};
use super::schema::{KIND_ARTICLE, KIND_QUOTE};
use super::Archive;
use crate::error::Result;
use crate::identity;

/// An article as the index stores it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredArticle {
    pub id: String,
    pub path: String,
    pub title: String,
    pub body: String,
    pub date: Option<String>,
    pub section: String,
    pub url: Option<String>,
    pub source: Option<String>,
    pub authors: Vec<String>,
}

impl StoredArticle {
    /// The article as parsing made it, as far as the index keeps it (what it does not store,
    /// such as the file's own tags, stays empty; enrichment reads title and body only, so
    /// enriching this again gives what was indexed, with the same build).
    pub fn into_article(self) -> crate::Article {
        crate::Article {
            id: self.id,
            path: self.path,
            section: self.section,
            title: self.title,
            body: self.body,
            date: self.date,
            url: self.url,
            source: self.source,
            authors: self.authors,
            ..Default::default()
        }
    }
}

/// The entity whose archive-wide identity id is `id` (`entities --json`'s `id`, a quote's
/// `speaker_id`): its kind and listed name, or `None`. Looks through the names of each kind
/// the archive holds, so it costs the number of distinct names, not of documents.
pub fn entity_by_id(archive: &Archive, id: &str) -> Result<Option<(EntityKind, String)>> {
    if id.len() != 12 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    archive.guard(|| {
        let searcher = archive.searcher()?;
        let table = archive.names();
        for kind in EntityKind::ALL {
            let root = tantivy::schema::Facet::from_path([kind.as_str()]);
            for (facet, _) in
                cached_live_facet_counts(&searcher, archive.fields.facets, &root)?.iter()
            {
                if let [_, name] = facet.to_path().as_slice() {
                    // A link may carry the id of a stored form or of its archive-wide form.
                    let canonical = table.canonical(kind.as_str(), name);
                    let ids = [*name, canonical].map(|n| identity::id(kind.as_str(), n));
                    if ids.iter().any(|i| i == id) && !table.is_hidden(kind.as_str(), canonical) {
                        return Ok(Some((kind, canonical.to_string())));
                    }
                }
            }
        }
        Ok(None)
    })
}

/// The other paths holding the same title and body as article `id` (indexed once), sorted.
pub fn duplicates(archive: &Archive, id: &str) -> Result<Vec<String>> {
    archive.guard(|| {
        let searcher = archive.searcher()?;
        super::reader::duplicate_paths(archive, &searcher, id)
    })
}

/// How an article is looked up.
#[derive(Debug, Clone, Copy)]
pub enum ArticleKey<'a> {
    /// The content id (`ArticleHit::id`).
    Id(&'a str),
    /// The path it was indexed under (`QuoteHit::path`).
    Path(&'a str),
}

/// The article with this id or path, if the index holds one. A damaged index is an error
/// naming the file, as for every read (see `Archive::guard`).
pub fn article(archive: &Archive, key: ArticleKey) -> Result<Option<StoredArticle>> {
    archive.guard(|| article_unguarded(archive, key))
}

fn article_unguarded(archive: &Archive, key: ArticleKey) -> Result<Option<StoredArticle>> {
    let f = &archive.fields;
    let searcher = archive.searcher()?;
    let term = match key {
        ArticleKey::Id(id) => Term::from_field_text(f.id, id),
        ArticleKey::Path(path) => Term::from_field_text(f.path, path),
    };
    let exact =
        |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
    let q = BooleanQuery::new(vec![
        (Occur::Must, exact(term)),
        (
            Occur::Must,
            exact(Term::from_field_text(f.kind, KIND_ARTICLE)),
        ),
    ]);
    let top = tantivy::collector::TopDocs::with_limit(1).order_by_score();
    let Some((_, addr)) = searcher.search(&q, &top)?.into_iter().next() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(addr)?;
    Ok(Some(StoredArticle {
        id: first(&doc, f.id),
        path: first(&doc, f.path),
        title: first(&doc, f.title),
        body: first(&doc, f.body),
        date: date_of(&doc, f.date),
        section: first(&doc, f.section),
        url: doc
            .get_first(f.url)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        source: Some(first(&doc, f.source)).filter(|s| !s.is_empty()),
        authors: doc
            .get_all(f.authors)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    }))
}

/// Which documents a month count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Articles,
    Quotes,
}

/// Matching documents per month.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct MonthCounts {
    /// All matching documents, dated or not.
    pub total: u64,
    /// Matching documents without a date (not in any month).
    pub undated: u64,
    /// `("YYYY-MM", count)`, in month order; months with no document are left out.
    pub months: Vec<(String, u64)>,
}

/// Count the articles (bare words match title and body) or quotes (bare words match the quote
/// text) that a query and filters match, by month of their date.
pub fn months(
    archive: &Archive,
    query: &str,
    filters: &Filters,
    counted: Counted,
) -> Result<MonthCounts> {
    archive.guard(|| months_unguarded(archive, query, filters, counted))
}

fn months_unguarded(
    archive: &Archive,
    query: &str,
    filters: &Filters,
    counted: Counted,
) -> Result<MonthCounts> {
    let f = &archive.fields;
    let (defaults, kind) = match counted {
        Counted::Articles => (vec![f.title, f.body], KIND_ARTICLE),
        Counted::Quotes => (vec![f.quote], KIND_QUOTE),
    };
    let q = parse_query(archive, query, &defaults, kind)?;
    let table = archive.names();
    let searcher = archive.searcher()?;
    let q = with_filters(
        archive,
        &searcher,
        &table,
        q,
        filters,
        kind,
        &mut Vec::new(),
    )?;
    // A quote repeated by wire copies counts once, in the month of its earliest copy.
    let q = match counted {
        Counted::Quotes => super::quote_copies::counted_once(&searcher, q, filters.every_copy)?,
        Counted::Articles => q,
    };
    let (by_month, undated) = searcher.search(&q, &MonthCounter)?;
    let mut counts = MonthCounts {
        total: undated + by_month.values().sum::<u64>(),
        undated,
        months: Vec::with_capacity(by_month.len()),
    };
    for (m, n) in by_month {
        counts
            .months
            .push((format!("{:04}-{:02}", m / 12, m % 12 + 1), n));
    }
    Ok(counts)
}

/// Months are counted as `year * 12 + month0`, which sorts in time order.
type MonthFruit = (BTreeMap<i64, u64>, u64);

pub(super) struct MonthCounter;

pub(super) struct SegmentMonthCounter {
    dates: Option<Column<tantivy::DateTime>>,
    counts: BTreeMap<i64, u64>,
    undated: u64,
}

impl Collector for MonthCounter {
    type Fruit = MonthFruit;
    type Child = SegmentMonthCounter;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentMonthCounter> {
        // A segment written without any dated document has no date column.
        let dates = segment.fast_fields().date("date").ok();
        Ok(SegmentMonthCounter {
            dates,
            counts: BTreeMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<MonthFruit>) -> tantivy::Result<MonthFruit> {
        let mut out = MonthFruit::default();
        for (counts, undated) in fruits {
            for (m, n) in counts {
                *out.0.entry(m).or_default() += n;
            }
            out.1 += undated;
        }
        Ok(out)
    }
}

impl SegmentCollector for SegmentMonthCounter {
    type Fruit = MonthFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        match self.dates.as_ref().and_then(|c| c.first(doc)) {
            Some(d) => *self.counts.entry(month_of(d)).or_default() += 1,
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> MonthFruit {
        (self.counts, self.undated)
    }
}

/// `year * 12 + month0` of a UTC timestamp.
fn month_of(d: tantivy::DateTime) -> i64 {
    use chrono::Datelike;
    let secs = d.into_timestamp_secs();
    match chrono::DateTime::from_timestamp(secs, 0) {
        Some(dt) => i64::from(dt.year()) * 12 + i64::from(dt.month0()),
        // Out of chrono's range (±262,000 years): the epoch's month rather than a panic.
        None => 1970 * 12,
    }
}

#[cfg(test)]
mod tests {
    use super::month_of;

    #[test]
    fn months_sort_in_time_order_and_split_at_month_ends() {
        let at = |s: &str| {
            let secs = chrono::DateTime::parse_from_rfc3339(s).unwrap().timestamp();
            month_of(tantivy::DateTime::from_timestamp_secs(secs))
        };
        assert_eq!(at("2005-01-31T23:59:59Z") + 1, at("2005-02-01T00:00:00Z"));
        assert_eq!(at("2004-12-31T23:59:59Z") + 1, at("2005-01-01T00:00:00Z"));
        assert_eq!(at("2005-03-10T00:00:00Z"), 2005 * 12 + 2);
    }
}
