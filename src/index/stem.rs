//! The prose analyzer (`en_stem`): tantivy's own chain — simple tokenizer, long tokens dropped,
//! lowercased, English Snowball stems — with a cache in front of the stemmer.
//!
//! Why: the Snowball stemmer was the largest single cost of indexing article text (15% of all
//! instructions of `morgue index` under callgrind, enrichment included), yet news prose repeats
//! a small vocabulary, so almost every word has been stemmed before. The cache asks tantivy's
//! own stemmer on a miss, so the terms are exactly those of tantivy's built-in `en_stem`: an
//! index written before this analyzer existed reads the same, and queries match as before.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

/// Entries kept before the cache starts over: a news archive's working vocabulary fits, and
/// a run over millions of distinct tokens (ids, numbers, misspellings) cannot grow it without
/// bound. At about 100 bytes an entry this is ~10 MB per indexing thread.
const MAX_ENTRIES: usize = 100_000;

/// Build the prose analyzer: the same chain as tantivy's built-in `en_stem`, cached.
pub fn prose_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedStemmer)
        .build()
}

/// Token filter: English Snowball stems, remembered per analyzer instance.
#[derive(Clone, Copy)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            cache: Cache::default(),
        }
    }
}

pub struct CachedStemmerFilter<T> {
    inner: T,
    cache: Cache,
}

// Each clone (tantivy clones an analyzer per segment writer and per query) starts with an
// empty cache of its own: no locks between indexing threads.
impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            inner: self.inner.clone(),
            cache: Cache::default(),
        }
    }
}

/// Lowercased word → its stem (`None` when the stem is the word itself, as for most short
/// words: nothing to copy then), and the uncached stemmer for misses.
struct Cache {
    stems: FxHashMap<Box<str>, Option<Box<str>>>,
    stemmer: TextAnalyzer,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            stems: FxHashMap::default(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

impl Cache {
    /// Replace `text` (a lowercased word) by its stem.
    fn stem_in_place(&mut self, text: &mut String) {
        if let Some(stem) = self.stems.get(text.as_str()) {
            if let Some(stem) = stem {
                text.clear();
                text.push_str(stem);
            }
            return;
        }
        let stem: Option<Box<str>> = {
            let mut stream = self.stemmer.token_stream(text);
            if stream.advance() && stream.token().text != *text {
                Some(stream.token().text.as_str().into())
            } else {
                None
            }
        };
        if self.stems.len() >= MAX_ENTRIES {
            self.stems.clear();
        }
        if let Some(stem) = &stem {
            let word: Box<str> = text.as_str().into();
            text.clear();
            text.push_str(stem);
            self.stems.insert(word, Some(stem.clone()));
        } else {
            self.stems.insert(text.as_str().into(), None);
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    cache: &'a mut Cache,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.cache.stem_in_place(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(t) = stream.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn same_terms_as_tantivys_en_stem_cold_and_warm() {
        let builtin = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build()
        };
        let text = "The Secretary General warned allies; warnings, warning and WARNED again. \
                    Généralement les élections — 2024's runners ran running races \
                    Supercalifragilisticexpialidociousnesslessnessness end.";
        let want = terms(&mut builtin(), text);
        let mut cached = prose_analyzer();
        // Twice: the first pass fills the cache, the second reads from it.
        assert_eq!(terms(&mut cached, text), want);
        assert_eq!(terms(&mut cached, text), want);
        assert!(want.iter().any(|t| t.0 == "warn"));
    }

    #[test]
    fn the_cache_starts_over_when_full_and_stays_right() {
        let mut cache = Cache::default();
        for n in 0..MAX_ENTRIES + 10 {
            let mut w = format!("w{n}ing");
            cache.stem_in_place(&mut w);
        }
        assert!(cache.stems.len() <= MAX_ENTRIES);
        let mut w = String::from("running");
        cache.stem_in_place(&mut w);
        assert_eq!(w, "run");
    }
}
