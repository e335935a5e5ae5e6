//! The highlighted fragment shown with an article hit, and the highlighter every snippet
//! starts from.
//!
//! Why a module: an article in a language with its own stemmer is matched through that
//! language's prose field (`text_de`…, schema.rs) as well as the English one, so a German query
//! word finds "Regierungen" by its stem; the English highlighter alone cannot mark that form.
//! Such a hit takes its fragment from a highlighter over its language's field.

use std::collections::HashMap;

use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::{Field, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{Searcher, TantivyDocument, Term};

use super::schema::Fields;
use crate::error::Result;

/// Longest fragment shown with an article hit, in characters.
const BODY_SNIPPET_CHARS: usize = 220;

/// tantivy's default fragment length, which `SnippetGenerator::create` starts from.
const DEFAULT_SNIPPET_CHARS: usize = 150;

/// Fragments of article bodies for one query: the English highlighter, and one per stemmed
/// language met among the hits, made when first needed.
pub(super) struct BodySnippets<'a> {
    searcher: &'a Searcher,
    stats: &'a dyn Bm25StatisticsProvider,
    query: &'a dyn Query,
    fields: &'a Fields,
    english: SnippetGenerator,
    by_language: HashMap<Field, SnippetGenerator>,
}

impl<'a> BodySnippets<'a> {
    pub(super) fn new(
        searcher: &'a Searcher,
        stats: &'a dyn Bm25StatisticsProvider,
        query: &'a dyn Query,
        fields: &'a Fields,
    ) -> Result<BodySnippets<'a>> {
        let mut english = snippet_generator(searcher, stats, query, fields.body)?;
        english.set_max_num_chars(BODY_SNIPPET_CHARS);
        Ok(BodySnippets {
            searcher,
            stats,
            query,
            fields,
            english,
            by_language: HashMap::new(),
        })
    }

    /// The fragment of `doc`'s body to show: under its language's stemmer when that marks
    /// something (`lang` is the article's code), else the English highlighter's. Empty when
    /// the query matched no body word.
    pub(super) fn snippet(&mut self, doc: &TantivyDocument, lang: Option<&str>) -> Result<Snippet> {
        let field = lang.and_then(|code| {
            self.fields
                .prose
                .iter()
                .find(|(c, _)| *c == code)
                .map(|(_, f)| *f)
        });
        if let Some(field) = field {
            if !self.by_language.contains_key(&field) {
                let mut g = snippet_generator(self.searcher, self.stats, self.query, field)?;
                g.set_max_num_chars(BODY_SNIPPET_CHARS);
                self.by_language.insert(field, g);
            }
            let body = doc
                .get_first(self.fields.body)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let s = self.by_language[&field].snippet(body);
            if !s.highlighted().is_empty() {
                return Ok(s);
            }
        }
        Ok(self.english.snippet_from_doc(doc))
    }
}

/// A highlighter for `field`, as `SnippetGenerator::create` makes one, but with a query term's
/// weight (which picks the shown fragment) from `stats`: the searcher's own for one index, those
/// of all shards for shards searched as one (`index::shards`), so a hit shows the same fragment
/// either way.
pub(super) fn snippet_generator(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    query: &dyn Query,
    field: Field,
) -> Result<SnippetGenerator> {
    let mut terms: std::collections::BTreeSet<&Term> = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term);
        }
    });
    let mut weights: std::collections::BTreeMap<String, f32> = Default::default();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let doc_freq = stats.doc_freq(term)?;
        if doc_freq > 0 {
            // tantivy's own weighting: rarer terms count more.
            weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
        }
    }
    let tokenizer = searcher.index().tokenizer_for_field(field)?;
    Ok(SnippetGenerator::new(
        weights,
        tokenizer,
        field,
        DEFAULT_SNIPPET_CHARS,
    ))
}
