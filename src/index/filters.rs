//! The structured filters of `search`, `quotes` and `entities` (`--speaker`, `--person`,
//! `--org`, `--place`, `--section`, `--since`, `--until`), ANDed onto a parsed query.
//!
//! `--speaker` and `--person` match identities, not words: the value is resolved against the
//! names the index holds through the archive's name table (`archive_names::NameTable::matching`)
//! and becomes exact facet terms, so "Hillary Clinton" finds her variants and never Bill Clinton,
//! and a bare surname that could mean several people matches nothing and is reported as
//! ambiguous. The other name filters match words ("stoltenberg" finds "Jens Stoltenberg").

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::facets::live_facet_counts;
use super::reader::Filters;
use super::schema::KIND_QUOTE;
use super::Archive;
use crate::archive_names::{name_words, NameMatch, NameTable};
use crate::error::{Error, Result};

/// AND the structured filters onto a parsed query. A `--speaker` or `--person` value that could
/// mean several people adds them to `ambiguous` and matches nothing.
pub(super) fn with_filters(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    query: Box<dyn Query>,
    filters: &Filters,
    kind: &str,
    ambiguous: &mut Vec<String>,
) -> Result<Box<dyn Query>> {
    let f = &archive.fields;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    let quotes = kind == KIND_QUOTE;
    if let Some(s) = &filters.speaker {
        // Speakers are people or organisations.
        let q = identity_query(archive, searcher, table, "speaker", s, ambiguous)?;
        clauses.push((Occur::Must, q));
    }
    if let Some(o) = &filters.org {
        // A quote "by" an organisation: its speaker's organisation, or the organisation itself.
        let fields = if quotes {
            vec![f.speaker_org, f.speaker]
        } else {
            vec![f.org]
        };
        clauses.push((Occur::Must, name_query(table, "org", &fields, o)));
    }
    if let Some(p) = &filters.person {
        let facet = if quotes { "speaker" } else { "person" };
        let q = identity_query(archive, searcher, table, facet, p, ambiguous)?;
        clauses.push((Occur::Must, q));
    }
    if let Some(p) = &filters.place {
        clauses.push((Occur::Must, name_query(table, "place", &[f.place], p)));
    }
    if let Some(sec) = &filters.section {
        let term = Term::from_field_text(f.section, &sec.to_lowercase());
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if filters.since.is_some() || filters.until.is_some() {
        let bound = |d: &Option<String>, end_of_day: bool| -> Result<std::ops::Bound<Term>> {
            let Some(d) = d else {
                return Ok(std::ops::Bound::Unbounded);
            };
            let norm = crate::parse::normalize_date(d)
                .or_else(|| {
                    (d.len() == 4 && d.bytes().all(|c| c.is_ascii_digit())).then(|| {
                        if end_of_day {
                            format!("{d}-12-31")
                        } else {
                            format!("{d}-01-01")
                        }
                    })
                })
                .ok_or_else(|| Error::Query {
                    query: d.clone(),
                    reason: "not a date (use YYYY-MM-DD)".into(),
                })?;
            let mut secs = super::date_secs(&norm).ok_or_else(|| Error::Query {
                query: d.clone(),
                reason: "not a date (use YYYY-MM-DD)".into(),
            })?;
            if end_of_day && norm.len() == 10 {
                secs += 86_399;
            }
            // A bound past the dates the index can hold (`--since 3000`) is clamped to the
            // range's end, where no article is dated, rather than wrapped into it.
            let secs = secs.clamp(super::MIN_DATE_SECS, super::MAX_DATE_SECS);
            let dt = tantivy::DateTime::from_timestamp_secs(secs);
            Ok(std::ops::Bound::Included(Term::from_field_date(f.date, dt)))
        };
        let range = tantivy::query::RangeQuery::new(
            bound(&filters.since, false)?,
            bound(&filters.until, true)?,
        );
        clauses.push((Occur::Must, Box::new(range)));
    }
    if clauses.len() == 1 {
        return Ok(clauses
            .pop()
            .map(|(_, q)| q)
            .unwrap_or_else(|| Box::new(tantivy::query::EmptyQuery)));
    }
    Ok(Box::new(BooleanQuery::new(clauses)))
}

/// Every word of `name` must appear in one of `fields` (names are tokenised like the index);
/// archive-wide variants of the name ("Blair" for "Tony Blair", "NATO" for its expansion) match
/// too.
fn name_query(table: &NameTable, kind: &str, fields: &[Field], name: &str) -> Box<dyn Query> {
    let words = name_words(name);
    if words.is_empty() {
        return Box::new(tantivy::query::EmptyQuery);
    }
    let mut alternatives = vec![words.clone()];
    alternatives.extend(table.expansions(kind, &words).iter().map(|n| name_words(n)));
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for field in fields {
        for words in &alternatives {
            let all: Vec<(Occur, Box<dyn Query>)> = words
                .iter()
                .map(|w| {
                    let q: Box<dyn Query> = Box::new(TermQuery::new(
                        Term::from_field_text(*field, w),
                        IndexRecordOption::Basic,
                    ));
                    (Occur::Must, q)
                })
                .collect();
            should.push((Occur::Should, Box::new(BooleanQuery::new(all))));
        }
    }
    Box::new(BooleanQuery::new(should))
}

/// The documents whose `/FACET/NAME` facet (`speaker` or `person`) is one of the names the
/// value stands for (see the module docs).
fn identity_query(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    facet: &str,
    value: &str,
    ambiguous: &mut Vec<String>,
) -> Result<Box<dyn Query>> {
    let field = archive.fields.facets;
    let candidates: Vec<String> = live_facet_counts(searcher, field, &Facet::from_path([facet]))?
        .into_iter()
        .filter_map(|(f, _)| match f.to_path().as_slice() {
            [_, name] => Some(name.to_string()),
            _ => None,
        })
        .collect();
    let names = match table.matching(value, &candidates) {
        NameMatch::Names(names) => names,
        NameMatch::Ambiguous(people) => {
            for p in people {
                if !ambiguous.contains(&p) {
                    ambiguous.push(p);
                }
            }
            Vec::new()
        }
    };
    let should: Vec<(Occur, Box<dyn Query>)> = names
        .iter()
        .map(|n| {
            let term = Term::from_facet(field, &Facet::from_path([facet, n.as_str()]));
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    if should.is_empty() {
        return Ok(Box::new(tantivy::query::EmptyQuery));
    }
    Ok(Box::new(BooleanQuery::new(should)))
}
