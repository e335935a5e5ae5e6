//! The prose analyzer (`en_stem`): tantivy's own chain — simple tokenizer, long tokens dropped,
//! lowercased, English Snowball stems — with a cache in front of the stemmer.
//!
//! Why: the Snowball stemmer was the largest single cost of indexing article text (15% of all
//! instructions of `morgue index` under callgrind, enrichment included), yet news prose repeats
//! a small vocabulary, so almost every word has been stemmed before. The cache asks tantivy's
//! own stemmer on a miss, so the terms are exactly those of tantivy's built-in `en_stem`: an
//! index written before this analyzer existed reads the same, and queries match as before.

use std::hash::Hasher;

use rustc_hash::FxHasher;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

/// Slots of a full cache (a power of two). It starts over when three quarters are taken: a news
/// archive's working vocabulary fits, and a run over millions of distinct tokens (ids, numbers,
/// misspellings) cannot grow it without bound. At 64 bytes a slot this is 8 MB per indexing
/// thread; a cache starts small and doubles, so a query's analyzer stays small.
const MAX_SLOTS: usize = 1 << 17;
const FIRST_SLOTS: usize = 1 << 10;
/// Longest word (and stem) kept in a slot, in bytes; longer words are stemmed every time.
const SLOT_BYTES: usize = 29;

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

/// One cached word and its stem, in one cache line: a lookup costs one memory access. With
/// words behind pointers (a `HashMap<Box<str>, …>`) each lookup took two or three cache misses,
/// and the cache was 6% of indexing cycles.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Slot {
    /// Hash of the word, never 0 (0 marks an empty slot).
    hash: u32,
    word_len: u8,
    /// `u8::MAX` when the stem is the word itself, as for most short words: nothing to copy.
    stem_len: u8,
    word: [u8; SLOT_BYTES],
    stem: [u8; SLOT_BYTES],
}

const EMPTY: Slot = Slot {
    hash: 0,
    word_len: 0,
    stem_len: 0,
    word: [0; SLOT_BYTES],
    stem: [0; SLOT_BYTES],
};

/// Lowercased word → its stem, in an open-addressed table of [`Slot`]s, and the uncached
/// stemmer for misses.
struct Cache {
    slots: Vec<Slot>,
    used: usize,
    stemmer: TextAnalyzer,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            slots: Vec::new(),
            used: 0,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

fn word_hash(w: &[u8]) -> u32 {
    let mut h = FxHasher::default();
    h.write(w);
    // The high bits are the best mixed; 0 is kept for empty slots.
    ((h.finish() >> 32) as u32).max(1)
}

impl Cache {
    /// Replace `text` (a lowercased word) by its stem.
    fn stem_in_place(&mut self, text: &mut String) {
        let w = text.as_bytes();
        if w.len() > SLOT_BYTES {
            self.stem_uncached(text);
            return;
        }
        let hash = word_hash(w);
        if let Some(i) = self.find(hash, w) {
            let slot = &self.slots[i];
            if slot.stem_len != u8::MAX {
                let stem = slot.stem.get(..usize::from(slot.stem_len)).unwrap_or(&[]);
                // Stems are cut from valid UTF-8 words at char boundaries by the stemmer.
                if let Ok(stem) = std::str::from_utf8(stem) {
                    text.clear();
                    text.push_str(stem);
                }
            }
            return;
        }
        let mut word = [0u8; SLOT_BYTES];
        word[..w.len()].copy_from_slice(w);
        let len = w.len();
        let same = !self.stem_uncached(text);
        let stem = if same { None } else { Some(text.as_bytes()) };
        self.insert(hash, &word[..len], stem);
    }

    /// Stem `text` with the stemmer itself; true when the stem differs from the word.
    fn stem_uncached(&mut self, text: &mut String) -> bool {
        let mut stream = self.stemmer.token_stream(text);
        if stream.advance() && stream.token().text != *text {
            let stem = std::mem::take(&mut stream.token_mut().text);
            drop(stream);
            *text = stem;
            true
        } else {
            false
        }
    }

    /// The slot holding `w`, if cached.
    fn find(&self, hash: u32, w: &[u8]) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = hash as usize & mask;
        loop {
            let slot = self.slots.get(i)?;
            if slot.hash == 0 {
                return None;
            }
            if slot.hash == hash && slot.word.get(..usize::from(slot.word_len)) == Some(w) {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, hash: u32, word: &[u8], stem: Option<&[u8]>) {
        if stem.is_some_and(|s| s.len() > SLOT_BYTES) || word.len() > SLOT_BYTES {
            return;
        }
        if (self.used + 1) * 4 > self.slots.len() * 3 {
            if self.slots.len() >= MAX_SLOTS {
                // Start over.
                self.slots.iter_mut().for_each(|s| *s = EMPTY);
                self.used = 0;
            } else {
                self.grow();
            }
        }
        let mut slot = EMPTY;
        slot.hash = hash;
        slot.word_len = word.len() as u8;
        slot.word[..word.len()].copy_from_slice(word);
        match stem {
            Some(s) => {
                slot.stem_len = s.len() as u8;
                slot.stem[..s.len()].copy_from_slice(s);
            }
            None => slot.stem_len = u8::MAX,
        }
        self.place(slot);
        self.used += 1;
    }

    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = slot.hash as usize & mask;
        while self.slots[i].hash != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = slot;
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).clamp(FIRST_SLOTS, MAX_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for slot in old.into_iter().filter(|s| s.hash != 0) {
            self.place(slot);
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
    fn the_cache_grows_starts_over_when_full_and_stays_right() {
        let mut cache = Cache::default();
        let mut plain = Cache::default();
        for n in 0..MAX_SLOTS + 10 {
            let w = format!("w{n}ing");
            let (mut a, mut b) = (w.clone(), w);
            cache.stem_in_place(&mut a);
            plain.stem_uncached(&mut b);
            assert_eq!(a, b);
            assert!(cache.used * 4 <= cache.slots.len() * 3);
        }
        assert_eq!(cache.slots.len(), MAX_SLOTS);
        // Words still cached, and words dropped when the cache started over, stem the same.
        for n in (0..MAX_SLOTS + 10).step_by(997) {
            let w = format!("w{n}ing");
            let (mut a, mut b) = (w.clone(), w);
            cache.stem_in_place(&mut a);
            plain.stem_uncached(&mut b);
            assert_eq!(a, b);
        }
        for _ in 0..2 {
            let mut w = String::from("running");
            cache.stem_in_place(&mut w);
            assert_eq!(w, "run");
        }
        // Words too long for a slot are stemmed each time.
        let long = "internationalisationalisations";
        assert!(long.len() > SLOT_BYTES);
        let (mut a, mut b) = (long.to_string(), long.to_string());
        cache.stem_in_place(&mut a);
        plain.stem_uncached(&mut b);
        assert_eq!(a, b);
    }
}
