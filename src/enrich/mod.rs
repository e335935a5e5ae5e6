//! Enrichment: `Article` → `Enrichment` (entities and quotes). Pure and deterministic: no I/O,
//! no global mutable state, never panics on any input. Model weights are embedded in the binary.
//!
//! The stages are filled by their own modules: `tokenize` (shared by NER and quotes), `ner`
//! (statistical tagger), `names` (canonical names within an article) and `quotes` (direct and
//! indirect speech with speaker attribution). Until a stage is implemented it contributes
//! nothing — never invented data.

pub mod names;
pub mod ner;
pub mod quotes;
pub mod tokenize;

use crate::article::{Article, Enrichment, Entity, Field};

/// Enrich one article. Always returns a value; an empty `Enrichment` when nothing is found.
pub fn enrich(article: &Article) -> Enrichment {
    let entities = entities(article);
    let mut quotes = quotes::extract(Field::Title, &article.title, &entities);
    quotes.extend(quotes::extract(Field::Body, &article.body, &entities));
    Enrichment { entities, quotes }
}

/// Entity mentions of title and body with canonical names, sorted by field then offset.
/// Title and body are tagged as one document so that non-local features see the whole article.
pub fn entities(article: &Article) -> Vec<Entity> {
    let fields = [Field::Title, Field::Body];
    let texts = [article.title.as_str(), article.body.as_str()];
    let tagged = ner::recognize(&texts);
    entities_from_tagged(&fields, &texts, &tagged)
}

/// Build [`Entity`] values (with canonical names) from tagged fields; exposed so callers that
/// already ran [`ner::recognize`] (the quotes module) need not tag twice.
pub fn entities_from_tagged(
    fields: &[Field],
    texts: &[&str],
    tagged: &[ner::TaggedField],
) -> Vec<Entity> {
    let mut out = Vec::new();
    for ((&field, &text), tf) in fields.iter().zip(texts).zip(tagged) {
        for m in &tf.mentions {
            let Some(t) = text.get(m.start..m.end) else {
                continue;
            };
            out.push(Entity {
                text: t.to_string(),
                label: m.label,
                field,
                start: m.start,
                end: m.end,
                canonical: String::new(),
            });
        }
    }
    let refs: Vec<names::MentionText> = out
        .iter()
        .map(|e| names::MentionText {
            text: &e.text,
            label: e.label,
        })
        .collect();
    let canon = names::canonicalize(&refs);
    for (e, c) in out.iter_mut().zip(canon) {
        e.canonical = c;
    }
    out
}
