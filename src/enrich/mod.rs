//! Enrichment: `Article` → `Enrichment` (entities and quotes). Pure and deterministic: no I/O,
//! no global mutable state, never panics on any input. Model weights are embedded in the binary.
//!
//! The stages are filled by their own modules: `tokenize` (shared by NER and quotes), `ner`
//! (statistical tagger), `names` (canonical names within an article) and `quotes` (direct and
//! indirect speech with speaker attribution). Until a stage is implemented it contributes
//! nothing — never invented data.

pub mod quotes;

use crate::article::{Article, Enrichment, Field};

/// Enrich one article. Always returns a value; an empty `Enrichment` when nothing is found.
pub fn enrich(article: &Article) -> Enrichment {
    let entities = Vec::new();
    let mut quotes = quotes::extract(Field::Title, &article.title, &entities);
    quotes.extend(quotes::extract(Field::Body, &article.body, &entities));
    Enrichment { entities, quotes }
}
