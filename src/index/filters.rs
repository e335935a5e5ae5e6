//! The structured filters of `search`, `quotes` and `entities` (`--speaker`, `--person`,
//! `--org`, `--place`, `--section`, `--since`, `--until`), ANDed onto a parsed query.
//!
//! `--speaker` and `--person` match identities, not words: the value is resolved against the
//! names the index holds through the archive's name table (`archive_names::NameTable::matching`)
//! and becomes exact facet terms, so "Hillary Clinton" finds her variants and never Bill Clinton,
//! and a bare surname that could mean several people matches nothing and is reported as
//! ambiguous. By default they match the name as the article gives it
//! (`NameTable::matching_as_written`: "Barack Obama" does not return the quotes of an article
//! that names only "Obama", nor the other way round); `Filters::loose` restores the archive-wide
//! resolution, and [`left_out`] names what the default left out so the command can say so.
//! The other name filters match words ("stoltenberg" finds "Jens Stoltenberg").

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::facets::{cached_live_facet_counts, live_facet_counts, searcher_key, SearcherKey};
use super::reader::Filters;
use super::schema::KIND_QUOTE;
use super::Archive;
use crate::archive_names::{name_words, AsWritten, NameMatch, NameTable};
use crate::error::{Error, Result};

/// `--lang` naming a language no article is in: the error lists the languages the index holds,
/// most articles first (an article whose language is unknown is in none).
fn no_such_lang(archive: &Archive, searcher: &Searcher, value: &str) -> Result<Error> {
    let root = Facet::from_path(["lang"]);
    let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
    for s in archive.set_searchers(searcher) {
        for (facet, n) in live_facet_counts(&s, archive.fields.facets, &root)? {
            if let Some(code) = facet.to_path().get(1) {
                *counts.entry(code.to_string()).or_default() += n;
            }
        }
    }
    let mut langs: Vec<(String, u64)> = counts.into_iter().collect();
    langs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let held: Vec<String> = langs.iter().map(|(l, n)| format!("{l} ({n})")).collect();
    let mut reason = format!("no article is in language {value:?} (an ISO 639-1 code such as de)");
    if held.is_empty() {
        reason.push_str("; no article here has a known language");
    } else {
        reason.push_str(&format!("; languages here: {}", held.join(", ")));
    }
    Ok(Error::Filter {
        flag: "--lang",
        reason,
    })
}

/// How alike a section name must be to be offered as "did you mean" (Jaro-Winkler).
const SIMILAR: f64 = 0.8;

/// `--section` naming a section no document has: the error names the nearest existing ones
/// ("sports" → "sport") and lists the others, so a typo is not an empty answer.
fn no_such_section(archive: &Archive, searcher: &Searcher, value: &str) -> Result<Error> {
    let root = Facet::from_path(["section"]);
    let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
    for s in archive.set_searchers(searcher) {
        for (facet, n) in live_facet_counts(&s, archive.fields.facets, &root)? {
            if let Some(name) = facet.to_path().get(1) {
                *counts.entry(name.to_string()).or_default() += n;
            }
        }
    }
    let mut sections: Vec<(String, u64)> = counts.into_iter().collect();
    sections.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let wanted = value.to_lowercase();
    let mut near: Vec<(f64, &str)> = sections
        .iter()
        .map(|(s, _)| (strsim::jaro_winkler(&wanted, &s.to_lowercase()), s.as_str()))
        .filter(|(score, _)| *score >= SIMILAR)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut reason = format!("no article is in section {value:?}");
    if let Some((_, best)) = near.first() {
        reason.push_str(&format!("; did you mean {best:?}?"));
    }
    if sections.is_empty() {
        reason
            .push_str(" (this index has no sections: they are the folders below an indexed root)");
    } else {
        let shown: Vec<&str> = sections.iter().take(20).map(|(s, _)| s.as_str()).collect();
        let more = sections.len().saturating_sub(shown.len());
        reason.push_str(&format!(" (sections: {}", shown.join(", ")));
        if more > 0 {
            reason.push_str(&format!(" and {more} more"));
        }
        reason.push(')');
    }
    Ok(Error::Filter {
        flag: "--section",
        reason,
    })
}

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
        let q = identity_query(
            archive,
            searcher,
            table,
            "speaker",
            s,
            filters.loose,
            ambiguous,
        )?;
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
        let q = identity_query(archive, searcher, table, facet, p, filters.loose, ambiguous)?;
        clauses.push((Occur::Must, q));
    }
    if let Some(p) = &filters.place {
        clauses.push((Occur::Must, name_query(table, "place", &[f.place], p)));
    }
    if let Some(sec) = &filters.section {
        let term = Term::from_field_text(f.section, &sec.to_lowercase());
        // A section of another shard searched with this one matches nothing here.
        let mut known = 0;
        for s in archive.set_searchers(searcher) {
            known += s.doc_freq(&term)?;
        }
        if known == 0 {
            return Err(no_such_section(archive, searcher, sec)?);
        }
        clauses.push((
            Occur::Must,
            Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        ));
    }
    if let Some(lang) = &filters.lang {
        let term = Term::from_field_text(f.lang, &lang.trim().to_lowercase());
        let mut known = 0;
        for s in archive.set_searchers(searcher) {
            known += s.doc_freq(&term)?;
        }
        if known == 0 {
            return Err(no_such_lang(archive, searcher, lang)?);
        }
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

/// What a filter value resolved to, for one searcher's view and one name table.
type Resolved = (
    SearcherKey,
    usize,
    std::collections::HashMap<(String, String, bool), AsWritten>,
);

static RESOLVED: std::sync::Mutex<Option<Resolved>> = std::sync::Mutex::new(None);

/// At most this many filter values are remembered per view (a serve process answering every
/// name in a large archive keeps a bounded map; past it the map starts afresh).
const RESOLVED_MAX: usize = 4096;

/// `NameTable::matching` of `value` against every `/FACET/*` name in the archive, remembered
/// while the searcher's segments and the name table stay the same. Resolving reads every speaker
/// name and computes its identity key, which cost `morgue serve` more than the query itself on
/// each `--speaker` request; between commits the answer cannot change. The table is known by its
/// address: `Archive::names` hands out one shared table until `names.json` is replaced, which
/// happens with a commit, so the searcher key changes with it.
fn resolve(
    searcher: &Searcher,
    table: &NameTable,
    field: Field,
    facet: &str,
    value: &str,
    loose: bool,
) -> Result<AsWritten> {
    let key = searcher_key(searcher);
    let table_at = table as *const NameTable as usize;
    let slot = (facet.to_string(), value.to_string(), loose);
    {
        // A poisoned lock only means another request panicked; the map is still whole.
        let memo = RESOLVED.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((k, t, map)) = memo.as_ref() {
            if *k == key && *t == table_at {
                if let Some(hit) = map.get(&slot) {
                    return Ok(hit.clone());
                }
            }
        }
    }
    let candidates: Vec<String> =
        cached_live_facet_counts(searcher, field, &Facet::from_path([facet]))?
            .iter()
            .filter_map(|(f, _)| match f.to_path().as_slice() {
                [_, name] => Some(name.to_string()),
                _ => None,
            })
            .collect();
    let found = matching(table, value, &candidates, loose);
    let mut memo = RESOLVED.lock().unwrap_or_else(|e| e.into_inner());
    match memo.as_mut() {
        Some((k, t, map)) if *k == key && *t == table_at && map.len() < RESOLVED_MAX => {
            map.insert(slot, found.clone());
        }
        _ => {
            *memo = Some((
                key,
                table_at,
                std::iter::once((slot, found.clone())).collect(),
            ))
        }
    }
    Ok(found)
}

/// The names `value` matches among `candidates`, strictly (as written) unless `loose`.
fn matching(table: &NameTable, value: &str, candidates: &[String], loose: bool) -> AsWritten {
    if loose {
        AsWritten {
            found: table.matching(value, candidates),
            left_out: Vec::new(),
        }
    } else {
        table.matching_as_written(value, candidates)
    }
}

/// The names a value resolves to in this archive (every shard's names when shards are
/// searched as one), strictly unless `loose`.
fn resolve_all(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    facet: &str,
    value: &str,
    loose: bool,
) -> Result<AsWritten> {
    let field = archive.fields.facets;
    if archive.set.get().is_none() {
        return resolve(searcher, table, field, facet, value, loose);
    }
    // Shards searched as one: the names of them all (the union's, in facet order). Not
    // remembered: the memo knows one searcher, and a query command runs once.
    let mut facets = std::collections::BTreeSet::new();
    for s in archive.set_searchers(searcher) {
        facets.extend(
            live_facet_counts(&s, field, &Facet::from_path([facet]))?
                .into_iter()
                .map(|(f, _)| f),
        );
    }
    let candidates: Vec<String> = facets
        .into_iter()
        .filter_map(|f| match f.to_path().as_slice() {
            [_, name] => Some(name.to_string()),
            _ => None,
        })
        .collect();
    Ok(matching(table, value, &candidates, loose))
}

/// The stored names a strict `--speaker`/`--person` (on quotes: both are speakers) left out
/// that `--loose` would match: "Obama" for "Barack Obama", "Barack Obama" for "Obama". Empty
/// when the filters are loose or name no one.
pub(super) fn left_out(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    filters: &Filters,
    kind: &str,
) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    if filters.loose {
        return Ok(out);
    }
    let person_facet = if kind == KIND_QUOTE {
        "speaker"
    } else {
        "person"
    };
    for (facet, value) in [
        ("speaker", &filters.speaker),
        (person_facet, &filters.person),
    ] {
        if let Some(v) = value {
            for n in resolve_all(archive, searcher, table, facet, v, false)?.left_out {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
    }
    Ok(out)
}

/// The documents whose `/FACET/NAME` facet (`speaker` or `person`) is one of the names the
/// value stands for (see the module docs).
fn identity_query(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    facet: &str,
    value: &str,
    loose: bool,
    ambiguous: &mut Vec<String>,
) -> Result<Box<dyn Query>> {
    let field = archive.fields.facets;
    let found = resolve_all(archive, searcher, table, facet, value, loose)?.found;
    let names = match found {
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
