//! Entity requests: the most mentioned people, organisations, places and other names in the
//! articles matching a query, merged under their archive-wide names, with their quote counts and
//! most frequent surface forms; a speaker's kind and archive-wide name. `index::shards` runs the
//! same steps over several indexes. Re-exported by `index::reader`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tantivy::collector::{Collector, Count};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{Searcher, Term};

use super::article_quotes::{ArticleQuotes, DocIds, SpeakerQuotes};
use super::facets::{merge_top, Merged, NameCounter, NameCounts};
use super::filters::with_filters;
use super::name_ids::IdCounter;
use super::reader::{parse_query, Filters, Shard};
use super::schema::{KIND_ARTICLE, KIND_QUOTE};
use super::Archive;
use crate::archive_names::NameTable;
use crate::error::Result;

/// Entity kinds as the index names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Misc,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Misc,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
            EntityKind::Misc => "misc",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct EntityRequest {
    pub query: String,
    pub filters: Filters,
    pub kinds: Vec<EntityKind>,
    pub top: usize,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct EntityRow {
    /// The identity's stable id (`identity::id` of the archive-wide name).
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    /// Matching articles that mention it.
    pub articles: u64,
    /// Quotes attributed to it in the matching articles (the whole archive without a query
    /// or filter).
    pub quotes: u64,
    /// Other surface forms seen for it ("Stoltenberg", "Mr Stoltenberg"), most frequent first.
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct EntityResult {
    /// Distinct entities of the requested kinds in the matching articles.
    pub total: usize,
    pub entities: Vec<EntityRow>,
    pub seconds: f64,
    /// The people a `--speaker`/`--person` value could mean, when it names no one person (the
    /// result is then empty: the command does not guess).
    pub ambiguous: Vec<String>,
}

/// The most mentioned entities in the articles matching a query (all articles when empty).
fn entities_unguarded(archive: &Archive, req: &EntityRequest) -> Result<EntityResult> {
    let started = Instant::now();
    let searcher = archive.searcher()?;
    let table = archive.names();
    let mut ambiguous = Vec::new();
    let q = entity_query(archive, &searcher, &table, req, &mut ambiguous)?;
    let kinds = entity_kinds(req);
    let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    // One index: names counted by their number in the view (`index/name_ids.rs`).
    let counter = IdCounter::new(archive, &searcher, &table, &names)?;
    let (counts, scoped) = counted_with_quotes(archive, &searcher, &*q, req, counter.clone())?;
    let merged = counter
        .names()
        .zip(&counts)
        .map(|(names, counts)| names.top(counts, req.top))
        .collect();
    let mut result = entity_rows(
        &[(archive, &searcher)],
        &table,
        req,
        &kinds,
        merged,
        scoped.as_slice(),
    )?;
    result.ambiguous = ambiguous;
    result.seconds = started.elapsed().as_secs_f64();
    Ok(result)
}

/// The names of `kinds` counted over the articles `q` matches and, when [`entities_scoped`],
/// the quotes of those articles by speaker (`index/article_quotes.rs`): one pass over the
/// matching articles for both.
pub(super) fn names_and_quotes(
    archive: &Archive,
    searcher: &Searcher,
    q: &dyn Query,
    req: &EntityRequest,
    kinds: &[EntityKind],
) -> Result<(NameCounts, Option<SpeakerQuotes>)> {
    let counter = NameCounter::new(kinds.iter().map(|k| k.as_str()));
    counted_with_quotes(archive, searcher, q, req, counter)
}

/// What `counter` counts over the articles `q` matches and, when [`entities_scoped`], the
/// quotes of those articles by speaker, in one pass.
fn counted_with_quotes<C: Collector>(
    archive: &Archive,
    searcher: &Searcher,
    q: &dyn Query,
    req: &EntityRequest,
    counter: C,
) -> Result<(C::Fruit, Option<SpeakerQuotes>)> {
    if !entities_scoped(req) {
        return Ok((searcher.search(q, &counter)?, None));
    }
    let view = ArticleQuotes::of(archive, searcher)?;
    let (counts, matching) = searcher.search(q, &(counter, DocIds))?;
    let quotes = view.speaker_quotes_of(&matching, req.filters.every_copy);
    Ok((counts, Some(quotes)))
}

/// An entity request's query over articles, with its filters.
pub(super) fn entity_query(
    archive: &Archive,
    searcher: &Searcher,
    table: &NameTable,
    req: &EntityRequest,
    ambiguous: &mut Vec<String>,
) -> Result<Box<dyn Query>> {
    let f = &archive.fields;
    let q = parse_query(archive, &req.query, &[f.title, f.body], KIND_ARTICLE)?;
    with_filters(
        archive,
        searcher,
        table,
        q,
        &req.filters,
        KIND_ARTICLE,
        ambiguous,
    )
}

/// The kinds an entity request lists, each once, in request order (all without a `--kind`).
pub(super) fn entity_kinds(req: &EntityRequest) -> Vec<EntityKind> {
    let mut kinds: Vec<EntityKind> = Vec::new();
    // A kind given twice is listed once (it used to be counted twice).
    for k in if req.kinds.is_empty() {
        &EntityKind::ALL[..]
    } else {
        &req.kinds[..]
    } {
        if !kinds.contains(k) {
            kinds.push(*k);
        }
    }
    kinds
}

/// Whether quotes are counted in the matching articles only (with a query or a filter)
/// rather than over the archive.
pub(super) fn entities_scoped(req: &EntityRequest) -> bool {
    let everything = req.query.trim().is_empty() || req.query.trim() == "*";
    !(everything && req.filters.is_empty())
}

/// The entity listing from the names counted over the matching articles (one list per kind of
/// `kinds`) and, when [`entities_scoped`], the quotes of those articles by speaker (one count
/// per index searched; empty otherwise).
pub(super) fn entity_result(
    shards: &[Shard],
    table: &Arc<NameTable>,
    req: &EntityRequest,
    kinds: &[EntityKind],
    counts: NameCounts,
    scoped: &[SpeakerQuotes],
) -> Result<EntityResult> {
    // Names not listed under a kind (ambiguous surnames, names of another kind) are left out
    // before ranking; variants merge into their archive-wide canonical name.
    let listed: Vec<Vec<(String, u64)>> = kinds
        .iter()
        .zip(counts)
        .map(|(k, mut names)| {
            let kind = k.as_str();
            names.retain(|(n, _)| !table.is_hidden(kind, table.canonical(kind, n)));
            names
        })
        .collect();
    let merged = kinds
        .iter()
        .zip(&listed)
        .map(|(k, names)| merge_top(names, |n| table.canonical(k.as_str(), n), req.top))
        .collect();
    entity_rows(shards, table, req, kinds, merged, scoped)
}

/// The entity listing from each kind's top rows (with how many entities of the kind were
/// counted), in the order of `kinds`: the top rows over all kinds are the top rows of each
/// kind, merged.
pub(super) fn entity_rows(
    shards: &[Shard],
    table: &Arc<NameTable>,
    req: &EntityRequest,
    kinds: &[EntityKind],
    merged: Vec<(usize, Vec<Merged>)>,
    scoped: &[SpeakerQuotes],
) -> Result<EntityResult> {
    let mut total = 0;
    let mut rows: Vec<(EntityKind, Merged)> = Vec::new();
    for (k, (n, top)) in kinds.iter().zip(merged) {
        total += n;
        rows.extend(top.into_iter().map(|m| (*k, m)));
    }
    rows.sort_by(|a, b| {
        b.1.count
            .cmp(&a.1.count)
            .then_with(|| a.1.name.cmp(b.1.name))
    });
    rows.truncate(req.top.max(1));

    // Aliases come from the whole archive, and only for the rows shown: a few term lookups
    // each rather than a pass over every document. Quotes are those in the matching articles:
    // with no query and no filter, a term lookup per name over the whole archive; otherwise
    // the speakers of the matching articles' quotes, counted once.
    let speakers = speaker_variants(table);
    let table: &NameTable = table;
    let entities = rows
        .into_iter()
        .map(|(kind, row)| entity_row(shards, table, &speakers, scoped, req, kind, row))
        .collect::<Result<Vec<_>>>()?;
    Ok(EntityResult {
        ambiguous: Vec::new(),
        total,
        entities,
        seconds: 0.0,
    })
}

/// One listed entity: its quote count (under any name that resolves to it; from `scoped`, the
/// quotes of the matching articles by stored speaker name, or else over the archive) and its
/// most frequent surface forms.
fn entity_row(
    shards: &[Shard],
    table: &NameTable,
    speakers: &SpeakerVariants,
    scoped: &[SpeakerQuotes],
    req: &EntityRequest,
    kind: EntityKind,
    row: Merged,
) -> Result<EntityRow> {
    let name = row.name;
    let mut quotes = 0;
    let forms =
        std::iter::once(name).chain(speakers.get(name).into_iter().flatten().map(String::as_str));
    for s in forms {
        // Only a name whose own archive-wide form is `name` counts under it.
        if speaker_canonical(table, s) == name {
            quotes += if entities_scoped(req) {
                scoped.iter().map(|counts| counts.get(s)).sum()
            } else {
                let speaker = Facet::from_path(["speaker", s]);
                let mut n = 0;
                for (archive, searcher) in shards {
                    n += quotes_of(archive, searcher, &speaker, req.filters.every_copy)?;
                }
                n
            };
        }
    }
    let root = Facet::from_path(["alias", kind.as_str(), name]);
    let mut by_alias: HashMap<String, u64> = HashMap::new();
    for (archive, searcher) in shards {
        for (alias, n) in facet_children_in_archive(archive, searcher, &root)? {
            *by_alias.entry(alias).or_default() += n;
        }
    }
    let mut alias_counts: Vec<(String, u64)> = by_alias.into_iter().collect();
    // The 8 most frequent surface forms, ties in name order (as tantivy's `top_k` ranked them).
    alias_counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut aliases: Vec<String> = alias_counts
        .into_iter()
        .take(8)
        .map(|(a, _)| a)
        .filter(|a| a != name)
        .collect();
    for v in row.variants {
        if !aliases.iter().any(|a| a == v) {
            aliases.push(v.to_string());
        }
    }
    Ok(EntityRow {
        id: crate::identity::id(kind.as_str(), name),
        name: name.to_string(),
        kind: kind.as_str(),
        articles: row.count,
        quotes,
        aliases,
    })
}

/// The kind of a speaker's archive-wide name: an organisation when articles name it as one and
/// never as a person.
pub(super) fn speaker_kind(shards: &[Shard], name: &str) -> &'static str {
    let named = |kind: &str| {
        shards.iter().any(|(archive, searcher)| {
            let term = Term::from_facet(archive.fields.facets, &Facet::from_path([kind, name]));
            searcher.doc_freq(&term).is_ok_and(|n| n > 0)
        })
    };
    if !named("person") && named("org") {
        "org"
    } else {
        "person"
    }
}

/// A speaker's archive-wide name: speakers may be people or organisations.
fn speaker_canonical<'a>(table: &'a NameTable, name: &'a str) -> &'a str {
    table.canonical("org", table.canonical("person", name))
}

/// Archive-wide speaker name → the other speaker names that resolve to it.
type SpeakerVariants = HashMap<String, Vec<String>>;

/// The speaker variants of the table last asked about, kept with it: the table holds every
/// person and organisation of the archive and changes only when an index run rewrites it, and
/// walking it for every `entities` request was a quarter of that request's time in `morgue
/// serve`. Holding the table's `Arc` keeps its address from being reused by another table.
static SPEAKER_VARIANTS: Mutex<Option<(Arc<NameTable>, Arc<SpeakerVariants>)>> = Mutex::new(None);

/// [`SpeakerVariants`] of `table`, built once per table.
fn speaker_variants(table: &Arc<NameTable>) -> Arc<SpeakerVariants> {
    {
        // A poisoned lock only means another request panicked; the entry is still whole.
        let cached = SPEAKER_VARIANTS.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((t, v)) = cached.as_ref() {
            if Arc::ptr_eq(t, table) {
                return Arc::clone(v);
            }
        }
    }
    let built = Arc::new(build_speaker_variants(table));
    *SPEAKER_VARIANTS.lock().unwrap_or_else(|e| e.into_inner()) =
        Some((Arc::clone(table), Arc::clone(&built)));
    built
}

/// Only names the table maps can resolve to another name, so these are all the variants there
/// are.
fn build_speaker_variants(table: &NameTable) -> SpeakerVariants {
    let mut out: SpeakerVariants = HashMap::new();
    for kind in ["person", "org"] {
        for variant in table.kinds.get(kind).into_iter().flat_map(|m| m.keys()) {
            let canonical = speaker_canonical(table, variant);
            if canonical != variant {
                let list = out.entry(canonical.to_string()).or_default();
                if !list.contains(variant) {
                    list.push(variant.clone());
                }
            }
        }
    }
    out
}

/// Live quote documents that carry `facet` (a speaker), a quote repeated by wire copies once
/// unless `every_copy` (`index/quote_copies.rs`).
fn quotes_of(
    archive: &Archive,
    searcher: &Searcher,
    facet: &Facet,
    every_copy: bool,
) -> Result<u64> {
    let f = &archive.fields;
    let term =
        |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
    let q = BooleanQuery::new(vec![
        (Occur::Must, term(Term::from_field_text(f.kind, KIND_QUOTE))),
        (Occur::Must, term(Term::from_facet(f.facets, facet))),
    ]);
    let q = super::quote_copies::counted_once(searcher, Box::new(q), every_copy)?;
    Ok(searcher.search(&*q, &Count)? as u64)
}

/// Children of `root` (leaves, such as the aliases under `/alias/KIND/NAME`) with the number of
/// live articles carrying each (alias facets are on articles only), found from the term
/// dictionaries rather than by visiting documents.
fn facet_children_in_archive(
    archive: &Archive,
    searcher: &Searcher,
    root: &Facet,
) -> Result<Vec<(String, u64)>> {
    let depth = root.to_path().len() + 1;
    Ok(
        super::facets::live_facet_counts(searcher, archive.fields.facets, root)?
            .into_iter()
            .filter_map(|(facet, n)| {
                let path = facet.to_path();
                let child = path.last().filter(|_| path.len() == depth)?;
                Some((child.to_string(), n))
            })
            .collect(),
    )
}

/// List entities (see [`entities_unguarded`]), guarded like [`search`](super::reader::search).
pub fn entities(archive: &Archive, req: &EntityRequest) -> Result<EntityResult> {
    archive.guard(|| entities_unguarded(archive, req))
}
