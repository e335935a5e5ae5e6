//! Enrichment: `Article` → `Enrichment` (entities and quotes). Pure and deterministic: no I/O,
//! no global mutable state, never panics on any input. Model weights are embedded in the binary.
//!
//! The stages are filled by their own modules: `tokenize` (shared by NER and quotes), `ner`
//! (statistical tagger), `names` (canonical names within an article; `honorifics`, the world's
//! courtesy titles it drops before a name, from a documented list) and `quotes` (direct and
//! indirect speech with speaker attribution). Until a stage is implemented it contributes
//! nothing — never invented data.

pub mod honorifics;
pub mod name_evidence;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod tokenize;

use crate::article::{Article, Enrichment, Entity, Field};

/// Version of the enrichment models and rules. Bump it when their output changes: the next
/// `morgue index` re-enriches every article written with another version. 0 means "not enriched"
/// (`--no-enrich`).
pub const ENRICH_VERSION: u64 = 56;

/// Enrich one article. Always returns a value; an empty `Enrichment` when nothing is found.
pub fn enrich(article: &Article) -> Enrichment {
    if !english(article) {
        return Enrichment::default();
    }
    let entities = entities(article);
    with_quotes(article, entities)
}

/// The tagger and the quote rules are English models: an article known to be in another
/// language gets no entities or quotes rather than English guesses (capitalised German nouns
/// as people, its quotation marks as English speech).
fn english(article: &Article) -> bool {
    crate::parse::language::is_english(article.lang.as_deref())
}

/// Enrich several articles: the same results as [`enrich`] on each, in order. Entities are
/// found for all of them first, then quotes: each stage's working set — the tagger's weights,
/// the quote sieves' code — stays in the caches across the batch instead of evicting the
/// other's at every article.
pub fn enrich_batch(articles: &[Article]) -> Vec<Enrichment> {
    let entities: Vec<Option<Vec<Entity>>> = articles
        .iter()
        .map(|a| english(a).then(|| entities(a)))
        .collect();
    articles
        .iter()
        .zip(entities)
        .map(|(a, entities)| match entities {
            Some(entities) => with_quotes(a, entities),
            None => Enrichment::default(),
        })
        .collect()
}

/// The enrichment of `article` given its entities: the quotes of title and body added.
fn with_quotes(article: &Article, entities: Vec<Entity>) -> Enrichment {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Label;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn article(title: &str, body: &str) -> Article {
        Article {
            title: title.to_string(),
            body: body.to_string(),
            ..Article::default()
        }
    }

    #[test]
    fn a_batch_enriches_each_article_as_alone() {
        let seed = include_str!("../../fixtures/articles/000_fc69028cb06b88d6.txt");
        let articles = [
            article("NATO chief warns Russia", seed),
            article("", ""),
            article(
                "Peskov on talks",
                "Dmitry Peskov said that talks would resume. “We are ready,” he said.",
            ),
            article("Seed again", seed),
        ];
        let batch = enrich_batch(&articles);
        assert_eq!(batch.len(), articles.len());
        for (a, e) in articles.iter().zip(&batch) {
            assert_eq!(e, &enrich(a));
        }
        assert!(batch[0].quotes.len() >= 8 && !batch[2].quotes.is_empty());
        assert!(enrich_batch(&[]).is_empty());
    }

    fn names(es: &[Entity], label: Label) -> BTreeSet<String> {
        es.iter()
            .filter(|e| e.label == label)
            .map(|e| e.canonical.clone())
            .collect()
    }

    /// The seed article's acceptance test. It lives in ../shared (research data is never
    /// copied into the project), so the test skips when that folder is absent.
    #[test]
    fn seed_article_entities() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/seed/000_fc69028cb06b88d6.txt"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("note: {path} not found; seed test skipped");
            return;
        };
        let (title, body) = text.split_once("\n\n").unwrap_or((&text, ""));
        let es = entities(&article(title, body));
        let persons = names(&es, Label::Per);
        let expect: BTreeSet<String> = ["Jens Stoltenberg", "Donald Trump", "Dmitry Peskov"]
            .map(String::from)
            .into();
        assert_eq!(persons, expect);
        let orgs = names(&es, Label::Org);
        for o in [
            "NATO",
            "The Guardian",
            "The Observer",
            "Associated Press",
            "Spiegel",
        ] {
            assert!(orgs.contains(o), "missing org {o}: {orgs:?}");
        }
        let places = names(&es, Label::Loc);
        for p in [
            "United States",
            "Europe",
            "Russia",
            "North Africa",
            "Middle East",
            "Eastern Europe",
        ] {
            assert!(places.contains(p), "missing place {p}: {places:?}");
        }
    }

    #[test]
    fn entities_have_exact_spans_and_canonical_names() {
        let a = article(
            "Merkel meets Obama in Berlin",
            "German Chancellor Angela Merkel met U.S. President Barack Obama in Berlin on \
             Monday. Merkel said the European Union would act.",
        );
        let es = entities(&a);
        for e in &es {
            assert_eq!(a.field(e.field).get(e.start..e.end), Some(e.text.as_str()));
        }
        let persons = names(&es, Label::Per);
        assert!(persons.contains("Angela Merkel"), "{persons:?}");
        assert!(!persons.contains("Merkel"), "{persons:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// No panic on any text; spans inside their field, on char boundaries, sorted and
        /// non-overlapping per field.
        #[test]
        fn spans_are_well_formed(
            title in "\\PC{0,40}",
            body in "(\\PC|[A-Z][a-z]+ |U\\.S\\. |’s |“|”| — |\n){0,120}",
        ) {
            let a = article(&title, &body);
            let es = entities(&a);
            let mut last: Option<(Field, usize)> = None;
            for e in &es {
                let text = a.field(e.field);
                prop_assert!(e.start < e.end && e.end <= text.len());
                prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                prop_assert_eq!(&text[e.start..e.end], e.text.as_str());
                if let Some((f, end)) = last {
                    if f == e.field {
                        prop_assert!(e.start >= end, "overlap or unsorted");
                    } else {
                        prop_assert!(f < e.field);
                    }
                }
                last = Some((e.field, e.end));
            }
        }
    }
}
