//! Per-token precomputation for the tagger: everything about one token that does not depend on
//! the tags being decoded (its hashes, shape, affixes, case flags, clusters and casing profile
//! from the lexicon), memoised per thread by the word itself, since news repeats a small
//! vocabulary. The document-level parts (sentence position, gazetteer matches, capitalised runs)
//! and the features built from all of it are `features`'s.

use super::hashing::{fmix, hash_exact, hash_lower, mix, norm_char};
use super::lexicon::Lexicon;

/// Everything about one token that does not depend on the tags being decoded.
#[derive(Clone, Copy, Default)]
pub(super) struct TokInfo {
    pub(super) word: u64,
    pub(super) lower: u64,
    pub(super) shape: u64,
    /// Prefixes and suffixes of the lowercase form, lengths 1..=4 (0 when the word is shorter).
    pub(super) affix: [u64; 8],
    pub(super) cluster: u32,
    pub(super) cluster2: u32,
    pub(super) case_prof: u8,
    /// Gazetteer: bit k set = inside a match of type k; bit 4+k = the match begins here.
    pub(super) gaz: u8,
    pub(super) flags: u8,
    /// The capitalised run holding this token ("Bank of England"): hash of its words, hash of
    /// its last word, its length and this token's position in it (0 = not in a run).
    pub(super) run: u64,
    pub(super) run_last: u64,
    pub(super) run_len: u8,
    pub(super) run_pos: u8,
}

pub(super) const F_CAP: u8 = 1;
pub(super) const F_ALLCAPS: u8 = 2;
pub(super) const F_LOWER: u8 = 4;
pub(super) const F_DIGIT: u8 = 8;
pub(super) const F_SENT_START: u8 = 16;
pub(super) const F_CAPS_SENT: u8 = 32;
pub(super) const F_PUNCT: u8 = 64;
/// Only lowercase letters and apostrophes ("the", "don't"), only punctuation, or a number
/// ("1,250", "22-08-1996"): a token that does not open a name (see [`DocFeatures::plain`]).
pub(super) const F_PLAIN: u8 = 128;

pub(super) fn shape_hash(s: &str) -> u64 {
    // Character classes collapsed into runs ("Stoltenberg" → "Xx", "U.S." → "X.X.",
    // "1996-08-22" → "d-d-d"), plus a coarse length so "NATO" and "US" differ.
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    let mut last = 0u64;
    let mut n = 0u64;
    for c in s.chars() {
        n += 1;
        let cls = if c.is_uppercase() {
            b'X' as u64
        } else if c.is_lowercase() {
            b'x' as u64
        } else if c.is_numeric() {
            b'd' as u64
        } else if c.is_alphabetic() {
            b'a' as u64
        } else {
            norm_char(c) as u64 + 256
        };
        if cls != last {
            h = mix(h, cls);
            last = cls;
        }
    }
    fmix(mix(h, n.min(5)))
}

/// What [`fill_token`] works out about a word, with its letter counts (for headline detection).
#[derive(Clone, Copy)]
pub(super) struct WordInfo {
    pub(super) tok: TokInfo,
    pub(super) letters: u32,
    pub(super) upper: u32,
}

/// Entries kept before the memo starts over: a news vocabulary fits, and a stream of distinct
/// tokens (numbers, ids) cannot grow it without bound (~150 bytes an entry).
pub(super) const WORD_MEMO_MAX: usize = 100_000;

/// Per-thread memo of word-level token information. Building it (four passes over the
/// characters, eight affix hashes, a lexicon probe) was a third of the tagger's instructions,
/// while news text repeats a small vocabulary. The memo answers for one lexicon at a time.
#[derive(Default)]
pub(super) struct WordMemo {
    /// Id of the lexicon the entries were computed with.
    lex: u64,
    /// Keyed by the word itself, hashed with FxHash over its bytes: `hash_exact`, char by char,
    /// cost more than the rest of a lookup.
    map: rustc_hash::FxHashMap<Box<str>, WordInfo>,
}

impl WordMemo {
    pub(super) fn get(&mut self, lex: &Lexicon, w: &str) -> WordInfo {
        let id = lex.id;
        if self.lex != id || self.map.len() >= WORD_MEMO_MAX {
            self.map.clear();
            self.lex = id;
        }
        if let Some(info) = self.map.get(w) {
            return *info;
        }
        let mut tok = TokInfo::default();
        fill_token(lex, w, &mut tok);
        let (mut letters, mut upper) = (0u32, 0u32);
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            letters = letters.saturating_add(1);
            upper = upper.saturating_add(u32::from(c.is_uppercase()));
        }
        let info = WordInfo {
            tok,
            letters,
            upper,
        };
        self.map.insert(w.into(), info);
        info
    }
}

thread_local! {
    pub(super) static WORDS: std::cell::RefCell<WordMemo> = std::cell::RefCell::new(WordMemo::default());
}

pub(super) fn fill_token(lex: &Lexicon, w: &str, ti: &mut TokInfo) {
    ti.word = hash_exact(w);
    ti.lower = hash_lower(w);
    ti.shape = shape_hash(w);
    let mut has_upper = false;
    let mut has_lower = false;
    let mut has_alnum = false;
    let mut first_upper = false;
    let mut plain_word = true;
    let mut number = true;
    // Lowercased chars for affixes; words longer than the buffer keep their first 24 chars for
    // prefixes and use a separate pass for suffixes.
    let mut buf = ['\0'; 24];
    let mut n = 0usize;
    let mut total = 0usize;
    for (k, c) in w.chars().enumerate() {
        let c = norm_char(c);
        if c.is_uppercase() {
            has_upper = true;
            if k == 0 {
                first_upper = true;
            }
        } else if c.is_lowercase() {
            has_lower = true;
        }
        if c.is_alphanumeric() {
            has_alnum = true;
            if c.is_numeric() {
                ti.flags |= F_DIGIT;
            }
        }
        plain_word &= c.is_lowercase() || c == '\'';
        number &= c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/' | '-' | '%');
        if n < buf.len() {
            buf[n] = c.to_lowercase().next().unwrap_or(c);
            n += 1;
        }
        total += 1;
    }
    if first_upper {
        ti.flags |= F_CAP;
    }
    if has_upper && !has_lower {
        ti.flags |= F_ALLCAPS;
    }
    if has_lower && !has_upper {
        ti.flags |= F_LOWER;
    }
    if !has_alnum {
        ti.flags |= F_PUNCT | F_PLAIN;
    } else if (plain_word && has_lower) || number {
        ti.flags |= F_PLAIN;
    }
    if total == n {
        for len in 1..=4usize {
            if len < n {
                let mut hp = 0x100 + len as u64;
                for &c in &buf[..len] {
                    hp = mix(hp, c as u64);
                }
                let mut hs = 0x200 + len as u64;
                for &c in &buf[n - len..n] {
                    hs = mix(hs, c as u64);
                }
                ti.affix[len - 1] = hp | 1;
                ti.affix[3 + len] = hs | 1;
            }
        }
    }
    if let Some((cl, cp, cl2)) = lex.word(ti.lower) {
        ti.cluster = cl;
        ti.cluster2 = cl2;
        ti.case_prof = cp;
    } else {
        ti.case_prof = 255;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_memo_answers_as_computed_and_per_lexicon() {
        let a = Lexicon::parse("nato\t0110\t3\n", "");
        let b = Lexicon::parse("nato\t1001\t1\n", "");
        let mut memo = WordMemo::default();
        for lex in [&a, &b, &a] {
            for w in ["NATO", "Nato", "nato", "Russia’s", "1,250", "Stoltenberg"] {
                let mut want = TokInfo::default();
                fill_token(lex, w, &mut want);
                // Twice: computed, then from the memo.
                for _ in 0..2 {
                    let got = memo.get(lex, w).tok;
                    assert_eq!(
                        (got.word, got.lower, got.shape, got.affix, got.flags),
                        (want.word, want.lower, want.shape, want.affix, want.flags),
                        "{w}"
                    );
                    assert_eq!(
                        (got.cluster, got.cluster2, got.case_prof),
                        (want.cluster, want.cluster2, want.case_prof)
                    );
                }
            }
        }
        let info = memo.get(&a, "NaTO");
        assert_eq!((info.letters, info.upper), (4, 3));
    }

    #[test]
    fn word_memo_starts_over_when_full() {
        let lex = Lexicon::parse("", "");
        let mut memo = WordMemo::default();
        for n in 0..WORD_MEMO_MAX + 5 {
            memo.get(&lex, &format!("w{n}"));
        }
        assert!(memo.map.len() <= WORD_MEMO_MAX);
    }
}
