//! Each live article's quotes, read once per searcher view, for `entities QUERY`'s quote counts
//! (the quotes of the matching articles by speaker, a quote repeated by wire copies once).
//!
//! That count used to find the quotes of the matching articles with a query: every matching
//! article's path read from the dictionary, a `TermSetQuery` of those paths over the quote
//! documents, then the earliest copy of each quote (`quote_copies::first_copies`) and a count
//! of the kept quotes' speakers. For a common word that is tens of thousands of paths per
//! request, and it was most of the time `morgue serve` spent on an entity listing. Between
//! commits the link from an article to its quotes cannot change, so it is read once per view
//! (segment ids and delete opstamps, as `facets::searcher_key`): each article's path as a
//! number, each path's quotes with their copy key, date and speakers. A request then only
//! collects its matching articles and walks their quotes.
//!
//! The answer is the query's, exactly: a quote belongs to the articles whose path it carries,
//! the earliest copy of a key is the one with the smallest (date, address) among the matching
//! quotes, a quote without a key stands alone, and a quote's speakers count once each.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader, Term, TERMINATED,
};

use super::errors::backend;
use super::facets::{searcher_key, SearcherKey};
use super::schema::{name_column, KIND_ARTICLE, KIND_QUOTE};
use super::Archive;
use crate::error::{Error, Result};

/// No path: a document outside any path's quotes.
const NO_PATH: u32 = u32::MAX;
/// A quote without a copy key (it stands alone).
const NO_KEY: u32 = u32::MAX;

/// One live quote document, as the count needs it.
#[derive(Debug, Clone, Copy)]
struct Quote {
    /// Its `quote_copy` key as a number of the view (the same key, by its hash as
    /// `collapse::term_hashes` gives it, has the same number in every segment), `NO_KEY`
    /// without a key.
    key: u32,
    /// Its date in seconds, `i64::MAX` when undated (undated copies sort last).
    date: i64,
    addr: DocAddress,
    /// Its speaker names: `speaker_ids[speakers.0..speakers.1]`, in column order.
    speakers: (u32, u32),
}

/// The articles and quotes of one searcher view, linked by path.
pub(super) struct ArticleQuotes {
    /// Per segment ordinal, per document: the path number of a live article, else `NO_PATH`.
    article_path: Vec<Vec<u32>>,
    /// Quotes grouped by path number: those of path `p` are `quotes[starts[p]..starts[p + 1]]`,
    /// in address order.
    starts: Vec<u32>,
    quotes: Vec<Quote>,
    speaker_ids: Vec<u32>,
    /// Speaker names by id.
    speakers: Vec<String>,
    /// Speaker name → id.
    speaker_numbers: HashMap<String, u32>,
    /// How many distinct copy keys the quotes carry (their numbers are `0..keys`).
    keys: usize,
}

/// Quotes by speaker in the articles one query matches (see
/// [`ArticleQuotes::speaker_quotes_of`]): a count per speaker id of the view they were counted
/// in, so that only the few names an answer shows are ever looked up (building a map of every
/// counted speaker's name was a string copy per speaker per request).
pub(super) struct SpeakerQuotes {
    view: Arc<ArticleQuotes>,
    counts: Vec<u64>,
}

impl SpeakerQuotes {
    /// The quotes counted for the stored speaker name `name` (0 for a name never counted).
    pub(super) fn get(&self, name: &str) -> u64 {
        self.view
            .speaker_numbers
            .get(name)
            .map_or(0, |&id| self.counts[id as usize])
    }

    /// Every speaker with at least one quote, by name.
    #[cfg(test)]
    fn to_map(&self) -> HashMap<String, u64> {
        self.counts
            .iter()
            .enumerate()
            .filter(|&(_, &n)| n > 0)
            .map(|(id, &n)| (self.view.speakers[id].clone(), n))
            .collect()
    }
}

/// The latest view read of each index (by folder): shards searched as one each keep theirs,
/// and a commit replaces its index's view, so memory stays that of one view per index.
type Views = Vec<(std::path::PathBuf, SearcherKey, Arc<ArticleQuotes>)>;

static VIEWS: Mutex<Views> = Mutex::new(Vec::new());
/// Held while a view is read, so that requests arriving at a new view read it once.
static READING: Mutex<()> = Mutex::new(());

impl ArticleQuotes {
    /// The links of `searcher`'s view, read on first use.
    pub(super) fn of(archive: &Archive, searcher: &Searcher) -> Result<Arc<ArticleQuotes>> {
        let key = searcher_key(searcher);
        let cached = |key: &SearcherKey| -> Option<Arc<ArticleQuotes>> {
            // A poisoned lock only means another request panicked; the list is still whole.
            let views = VIEWS.lock().unwrap_or_else(|e| e.into_inner());
            views
                .iter()
                .find(|(dir, k, _)| *dir == archive.dir && k == key)
                .map(|(_, _, v)| Arc::clone(v))
        };
        if let Some(hit) = cached(&key) {
            return Ok(hit);
        }
        let _reading = READING.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = cached(&key) {
            return Ok(hit);
        }
        let read = Arc::new(read(archive, searcher)?);
        let mut views = VIEWS.lock().unwrap_or_else(|e| e.into_inner());
        views.retain(|(dir, _, _)| *dir != archive.dir);
        views.push((archive.dir.clone(), key, Arc::clone(&read)));
        Ok(read)
    }

    /// Quotes by speaker in the articles `articles` matches, each quote repeated by wire
    /// copies once unless `every_copy` (see the module's doc). The serving path counts through
    /// [`Self::speaker_quotes_of`] in the same pass as the names; this is the count on its own.
    #[cfg(test)]
    fn speaker_quotes_in(
        self: &Arc<Self>,
        searcher: &Searcher,
        articles: &dyn tantivy::query::Query,
        every_copy: bool,
    ) -> Result<SpeakerQuotes> {
        Ok(self.speaker_quotes_of(&searcher.search(articles, &DocIds)?, every_copy))
    }

    /// Quotes by speaker in the matching documents `matching` (as [`DocIds`] gives them), each
    /// quote repeated by wire copies once unless `every_copy` (see the module's doc): a caller
    /// counting other things over the same query runs it once.
    ///
    /// The earliest copy of each key is found in an array indexed by the key's number, not a
    /// hash map: a common word's articles hold a hundred thousand quotes, and hashing each was
    /// most of this count's time.
    pub(super) fn speaker_quotes_of(
        self: &Arc<Self>,
        matching: &[(SegmentOrdinal, Vec<DocId>)],
        every_copy: bool,
    ) -> SpeakerQuotes {
        let mut seen = vec![false; self.starts.len().saturating_sub(1)];
        let mut counts = vec![0u64; self.speakers.len()];
        // Per key number, the index in `quotes` of its earliest matching copy so far.
        let mut earliest: Vec<u32> = if every_copy {
            Vec::new()
        } else {
            vec![u32::MAX; self.keys]
        };
        let mut keys_met: Vec<u32> = Vec::new();
        for (seg, docs) in matching {
            let Some(paths) = self.article_path.get(*seg as usize) else {
                continue;
            };
            for &doc in docs {
                let p = paths.get(doc as usize).copied().unwrap_or(NO_PATH);
                if p == NO_PATH || std::mem::replace(&mut seen[p as usize], true) {
                    continue;
                }
                for i in self.starts[p as usize]..self.starts[p as usize + 1] {
                    let q = &self.quotes[i as usize];
                    if every_copy || q.key == NO_KEY {
                        self.count_speakers(q, &mut counts);
                        continue;
                    }
                    let e = &mut earliest[q.key as usize];
                    if *e == u32::MAX {
                        keys_met.push(q.key);
                        *e = i;
                    } else {
                        let kept = &self.quotes[*e as usize];
                        if (q.date, q.addr) < (kept.date, kept.addr) {
                            *e = i;
                        }
                    }
                }
            }
        }
        for k in keys_met {
            let q = &self.quotes[earliest[k as usize] as usize];
            self.count_speakers(q, &mut counts);
        }
        SpeakerQuotes {
            view: Arc::clone(self),
            counts,
        }
    }

    /// Add one to each of `q`'s speakers.
    fn count_speakers(&self, q: &Quote, counts: &mut [u64]) {
        let mut previous = u32::MAX;
        for &id in &self.speaker_ids[q.speakers.0 as usize..q.speakers.1 as usize] {
            // A name repeated next to itself counts once, as `facets::NameCounter` does.
            if id != previous {
                counts[id as usize] += 1;
            }
            previous = id;
        }
    }
}

/// Read every live article's path and every live quote of the view.
fn read(archive: &Archive, searcher: &Searcher) -> Result<ArticleQuotes> {
    let f = &archive.fields;
    let mut path_numbers: HashMap<String, u32> = HashMap::new();
    let mut article_path = Vec::with_capacity(searcher.segment_readers().len());
    // (path number, quote) before grouping.
    let mut linked: Vec<(u32, Quote)> = Vec::new();
    let mut speaker_ids: Vec<u32> = Vec::new();
    let mut speaker_numbers: HashMap<String, u32> = HashMap::new();
    // Copy key hash → key number.
    let mut key_numbers: HashMap<u64, u32, FxBuildHasher> = HashMap::default();
    for (seg, reader) in searcher.segment_readers().iter().enumerate() {
        let seg = seg as SegmentOrdinal;
        let articles = live_docs(reader, Term::from_field_text(f.kind, KIND_ARTICLE))?;
        let quotes = live_docs(reader, Term::from_field_text(f.kind, KIND_QUOTE))?;
        let mut paths_here = vec![NO_PATH; reader.max_doc() as usize];
        let ff = reader.fast_fields();
        let Some(path_col) = ff.str("path")? else {
            article_path.push(paths_here);
            continue;
        };
        // Path ordinal → path number, for the ordinals of this segment's articles and quotes,
        // read in one pass over the dictionary.
        let first_ord = |d: DocId| path_col.term_ords(d).next();
        let mut ords: Vec<u64> = articles
            .iter()
            .chain(&quotes)
            .filter_map(|&d| first_ord(d))
            .collect();
        ords.sort_unstable();
        ords.dedup();
        let mut numbers: Vec<u32> = Vec::with_capacity(ords.len());
        path_col
            .dictionary()
            .sorted_ords_to_term_cb(&ords, |bytes| {
                let path = String::from_utf8_lossy(bytes).into_owned();
                let next = path_numbers.len() as u32;
                numbers.push(*path_numbers.entry(path).or_insert(next));
            })
            .map_err(backend)?;
        if numbers.len() != ords.len() {
            return Err(Error::Index(format!(
                "reading paths: {} of {} path ordinals found in segment {seg}",
                numbers.len(),
                ords.len()
            )));
        }
        let number = |ord: u64| numbers[ords.binary_search(&ord).unwrap_or(0)];
        for &d in &articles {
            if let Some(ord) = first_ord(d) {
                paths_here[d as usize] = number(ord);
            }
        }
        article_path.push(paths_here);

        let keys = ff.str(super::quote_copies::COLUMN)?;
        let key_hashes = match &keys {
            Some(col) => {
                let mut key_ords: Vec<u64> = quotes
                    .iter()
                    .filter_map(|&d| col.term_ords(d).next())
                    .collect();
                key_ords.sort_unstable();
                key_ords.dedup();
                let hashes = super::collapse::term_hashes(col, &key_ords).map_err(backend)?;
                if hashes.len() != key_ords.len() {
                    return Err(Error::Index(format!(
                        "reading quote keys: {} of {} ordinals found in segment {seg}",
                        hashes.len(),
                        key_ords.len()
                    )));
                }
                Some((key_ords, hashes))
            }
            None => None,
        };
        let dates = ff.date("date").ok();
        let speaker_col = ff.str(&name_column("speaker"))?;
        // Speaker ordinal → speaker id, filled as ordinals are met.
        let mut speaker_of_ord: HashMap<u64, u32> = HashMap::new();
        let mut name = String::new();
        for &d in &quotes {
            let Some(ord) = first_ord(d) else { continue };
            let key = match (&keys, &key_hashes) {
                (Some(col), Some((key_ords, hashes))) => {
                    col.term_ords(d).next().map_or(NO_KEY, |o| {
                        let hash = hashes[key_ords.binary_search(&o).unwrap_or(0)];
                        let next = key_numbers.len() as u32;
                        *key_numbers.entry(hash).or_insert(next)
                    })
                }
                _ => NO_KEY,
            };
            let date = dates
                .as_ref()
                .and_then(|c| c.first(d))
                .map_or(i64::MAX, |t| t.into_timestamp_secs());
            let start = speaker_ids.len() as u32;
            if let Some(col) = &speaker_col {
                for o in col.term_ords(d) {
                    let id = match speaker_of_ord.get(&o) {
                        Some(&id) => id,
                        None => {
                            name.clear();
                            col.ord_to_str(o, &mut name).map_err(backend)?;
                            let next = speaker_numbers.len() as u32;
                            let id = *speaker_numbers.entry(name.clone()).or_insert(next);
                            speaker_of_ord.insert(o, id);
                            id
                        }
                    };
                    speaker_ids.push(id);
                }
            }
            linked.push((
                number(ord),
                Quote {
                    key,
                    date,
                    addr: DocAddress::new(seg, d),
                    speakers: (start, speaker_ids.len() as u32),
                },
            ));
        }
    }
    linked.sort_unstable_by_key(|(p, q)| (*p, q.addr));
    let starts = run_starts(linked.iter().map(|(p, _)| *p), path_numbers.len());
    let mut speakers = vec![String::new(); speaker_numbers.len()];
    for (name, id) in &speaker_numbers {
        speakers[*id as usize] = name.clone();
    }
    Ok(ArticleQuotes {
        article_path,
        starts,
        quotes: linked.into_iter().map(|(_, q)| q).collect(),
        speaker_ids,
        speakers,
        speaker_numbers,
        keys: key_numbers.len(),
    })
}

/// Where each group's run starts in a list sorted by group number (`groups`, numbers below
/// `n`), with the list's length last: group `g` is `starts[g]..starts[g + 1]`.
pub(super) fn run_starts(groups: impl Iterator<Item = u32>, n: usize) -> Vec<u32> {
    let mut starts = vec![0u32; n + 1];
    let mut len = 0u32;
    for g in groups {
        starts[g as usize + 1] += 1;
        len += 1;
    }
    for g in 0..n {
        starts[g + 1] += starts[g];
    }
    debug_assert_eq!(starts[n], len);
    starts
}

/// The live documents of one segment carrying `term`, in order.
fn live_docs(reader: &SegmentReader, term: Term) -> Result<Vec<DocId>> {
    let inverted = reader.inverted_index(term.field())?;
    let Some(mut postings) = inverted
        .read_postings(&term, IndexRecordOption::Basic)
        .map_err(backend)?
    else {
        return Ok(Vec::new());
    };
    let alive = reader.alive_bitset();
    let mut docs = Vec::new();
    while postings.doc() != TERMINATED {
        let d = postings.doc();
        if alive.is_none_or(|a| a.is_alive(d)) {
            docs.push(d);
        }
        postings.advance();
    }
    Ok(docs)
}

/// The matching documents of each segment, in order (tantivy's `DocSetCollector` hashes every
/// address into a set).
pub(super) struct DocIds;

pub(super) struct SegmentDocIds {
    segment: SegmentOrdinal,
    docs: Vec<DocId>,
}

impl Collector for DocIds {
    type Fruit = Vec<(SegmentOrdinal, Vec<DocId>)>;
    type Child = SegmentDocIds;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _: &SegmentReader,
    ) -> tantivy::Result<SegmentDocIds> {
        Ok(SegmentDocIds {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<(SegmentOrdinal, Vec<DocId>)>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(segments)
    }
}

impl SegmentCollector for SegmentDocIds {
    type Fruit = (SegmentOrdinal, Vec<DocId>);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.docs.push(doc);
    }

    fn harvest(self) -> Self::Fruit {
        (self.segment, self.docs)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::Path;

    use tantivy::collector::DocSetCollector;
    use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::{Searcher, Term};

    use super::ArticleQuotes;
    use crate::error::Result;
    use crate::index::facets::NameCounter;
    use crate::index::reader::parse_query;
    use crate::index::schema::{KIND_ARTICLE, KIND_QUOTE};
    use crate::index::Archive;

    /// The count as a query, as `aggregate::speaker_quotes_in` made it before the links were
    /// kept: the matching articles' paths as a term set over the quote documents, the earliest
    /// copy of each quote, their speakers counted.
    fn by_query(
        archive: &Archive,
        searcher: &Searcher,
        articles: &dyn Query,
        every_copy: bool,
    ) -> Result<HashMap<String, u64>> {
        let addrs = searcher.search(articles, &DocSetCollector)?;
        let mut paths: Vec<Term> = Vec::new();
        crate::index::aggregate::for_each_path(searcher, addrs, |_, p| {
            paths.push(Term::from_field_text(archive.fields.path, p))
        })?;
        if paths.is_empty() {
            return Ok(HashMap::new());
        }
        let quotes = BooleanQuery::new(vec![
            (Occur::Must, Box::new(TermSetQuery::new(paths))),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(archive.fields.kind, KIND_QUOTE),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let quotes =
            crate::index::quote_copies::counted_once(searcher, Box::new(quotes), every_copy)?;
        let counts = searcher.search(&*quotes, &NameCounter::new(["speaker"]))?;
        Ok(counts
            .into_iter()
            .next()
            .unwrap_or_default()
            .into_iter()
            .collect())
    }

    fn write(dir: &Path, rel: &str, title: &str, date: Option<&str>, body: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut v = serde_json::json!({"title": title, "text": body, "source": rel});
        if let Some(d) = date {
            v["date"] = d.into();
        }
        std::fs::write(path, v.to_string()).unwrap();
    }

    const FLOOD: [&str; 4] = [
        "The river Osk rose two metres overnight and flooded the lower town of Vendal, officials \
         said on Tuesday.",
        "\"We have moved four hundred families to the school gyms and nobody is missing,\" said \
         Marta Jensen, the mayor of Vendal.",
        "Engineers from the regional water board worked through the night to shore up the old \
         embankment near the paper mill.",
        "\"The embankment will hold if the rain stops by Thursday,\" said Oskar Lund, who leads \
         the water board.",
    ];

    /// Wire copies of one story repeating its quotes (across commits, so across segments), an
    /// unrelated article giving the same words, one giving them twice, undated copies; with
    /// the bundled fixtures beside them.
    fn corpus(dir: &Path) {
        let story = FLOOD.join("\n\n");
        write(
            dir,
            "wire/flood.json",
            "Osk floods Vendal",
            Some("2022-05-03T06:00:00Z"),
            &story,
        );
        write(
            dir,
            "post/flood.json",
            "Vendal under water as the Osk bursts its banks",
            Some("2022-05-03T09:00:00Z"),
            &format!("By Ida Holm\n\n{story}"),
        );
        write(
            dir,
            "times/flood.json",
            "UPDATE 1-Osk floods Vendal",
            None,
            &format!("(Valley Times) - {story}\n\nEditing by Per Vik."),
        );
        write(
            dir,
            "times/flood-again.json",
            "Osk floods Vendal, the mill is shut",
            Some("2022-05-03T09:00:00Z"),
            &format!("{story}\n\nThe paper mill said it would stay shut for a week."),
        );
        write(
            dir,
            "post/council.json",
            "Vendal council meets after the flood",
            Some("2022-05-10T08:00:00Z"),
            "The town council of Vendal met on Monday to count the cost of the flood.\n\n\
             \"We have moved four hundred families to the school gyms and nobody is missing,\" \
             said Marta Jensen, the mayor, repeating her words of the week before.\n\n\
             Council members asked for a new embankment. \"The embankment will hold if the rain \
             stops by Thursday,\" said Oskar Lund. \"The embankment will hold if the rain stops \
             by Thursday,\" he said again later.",
        );
    }

    fn index(paths: Vec<std::path::PathBuf>, ix: &Path) {
        let config = crate::ingest::IngestConfig {
            index_dir: ix.to_path_buf(),
            paths,
            threads: 2,
            limits: Default::default(),
            parse_limits: Default::default(),
            enrich: true,
            // Several commits, so copies of one quote sit in different segments.
            commit_every: 2,
            select: Default::default(),
        };
        crate::ingest::run(&config, &crate::ingest::Quiet).unwrap();
    }

    /// Every query's counts, both ways, the copies collapsed and not.
    fn compare(archive: &Archive) -> usize {
        let searcher = archive.searcher().unwrap();
        let f = &archive.fields;
        let links = ArticleQuotes::of(archive, &searcher).unwrap();
        let mut collapsed = 0;
        for text in [
            "",
            "Vendal",
            "flood",
            "embankment",
            "council",
            "said",
            "nothing-here",
        ] {
            let q = parse_query(archive, text, &[f.title, f.body], KIND_ARTICLE).unwrap();
            for every_copy in [false, true] {
                let old = by_query(archive, &searcher, &*q, every_copy).unwrap();
                let new = links
                    .speaker_quotes_in(&searcher, &*q, every_copy)
                    .unwrap()
                    .to_map();
                assert_eq!(new, old, "query {text:?}, every_copy {every_copy}");
            }
            let once: u64 = links
                .speaker_quotes_in(&searcher, &*q, false)
                .unwrap()
                .to_map()
                .values()
                .sum();
            let all: u64 = links
                .speaker_quotes_in(&searcher, &*q, true)
                .unwrap()
                .to_map()
                .values()
                .sum();
            collapsed += (all - once) as usize;
        }
        collapsed
    }

    #[test]
    fn article_quotes_count_as_the_query_did() {
        let tmp = tempfile::tempdir().unwrap();
        let news = tmp.path().join("news");
        corpus(&news);
        let ix = tmp.path().join("ix");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        index(vec![news.clone(), fixtures.clone()], &ix);
        let archive = Archive::open(&ix).unwrap();
        let jensen = {
            let searcher = archive.searcher().unwrap();
            let q = parse_query(&archive, "Vendal", &[archive.fields.title], KIND_ARTICLE).unwrap();
            let links = ArticleQuotes::of(&archive, &searcher).unwrap();
            links
                .speaker_quotes_in(&searcher, &*q, false)
                .unwrap()
                .to_map()
        };
        assert!(!jensen.is_empty(), "the flood stories' quotes are found");
        assert!(compare(&archive) > 0, "some quotes are repeated by copies");

        // The earliest copy deleted (its file gone): another view, read afresh.
        std::fs::remove_file(news.join("wire/flood.json")).unwrap();
        index(vec![news, fixtures], &ix);
        let archive = Archive::open(&ix).unwrap();
        assert!(compare(&archive) > 0);
    }
}
