//! The tagger's lexicon: word clusters and a casing profile learned from unlabelled news, and a
//! gazetteer of names, embedded (`data/lexicon.txt`, `data/gazetteer.txt`) and parsed once.
//! `features` reads it per token; the rules and the quote stage ask it about single words.

use std::sync::OnceLock;

use super::hashing::{hash_lower, phrase_step, HashKeyed, PHRASE_SEED};

/// Word-level knowledge learned from unlabelled text and lists: see `scripts/clusters` and
/// `scripts/gazetteer` for how the files are made.
#[derive(Default)]
pub struct Lexicon {
    /// lowercase hash → (cluster path as bits with a leading 1, casing-profile bucket, second
    /// cluster path or 0).
    words: HashKeyed<(u32, u8, u32)>,
    /// phrase hash → bitmask of gazetteer types (bit k = label type k), plus [`GAZ_GOES_ON`]
    /// when the phrase is the start of a longer entry.
    pub(super) gazetteer: HashKeyed<u8>,
    pub(super) gaz_max_len: usize,
    /// Unique per parsed lexicon (0 for the empty default), so the per-thread word memo never
    /// answers for another lexicon.
    pub(super) id: u64,
}

/// Gazetteer value flag: a longer entry starts with this phrase.
pub(super) const GAZ_GOES_ON: u8 = 0x80;

static LEXICON_TXT: &str = include_str!("data/lexicon.txt");
static GAZETTEER_TXT: &str = include_str!("data/gazetteer.txt");

impl Lexicon {
    /// The embedded lexicon, parsed on first use.
    pub fn embedded() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(LEXICON_TXT, GAZETTEER_TXT))
    }

    /// Parse `lexicon.txt` (`word<TAB>cluster bits<TAB>case bucket[<TAB>second cluster bits]`
    /// per line, `-` for no path) and
    /// `gazetteer.txt` (`TYPE<TAB>lowercase phrase` per line, TYPE in PER ORG LOC MISC).
    /// Malformed lines are skipped: a bad data line must not take the tagger down.
    pub fn parse(lexicon: &str, gazetteer: &str) -> Lexicon {
        let mut words = HashKeyed::default();
        for line in lexicon.lines() {
            let mut it = line.split('\t');
            let (Some(w), Some(c), Some(p)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            // Cluster paths are bit strings ("0110…"); store them with a leading 1 so that
            // prefixes of different lengths stay distinct.
            let path = |c: &str| {
                let mut bits: u32 = 1;
                for b in c.bytes().take(30) {
                    bits = (bits << 1) | u32::from(b == b'1');
                }
                bits
            };
            let case = p.parse::<u8>().unwrap_or(0);
            let second = it.next().filter(|c| *c != "-").map_or(0, path);
            words.insert(hash_lower(w), (path(c), case, second));
        }
        let mut gaz = HashKeyed::default();
        let mut max_len = 0;
        for line in gazetteer.lines() {
            let Some((ty, phrase)) = line.split_once('\t') else {
                continue;
            };
            let k = match ty {
                "PER" => 0,
                "ORG" => 1,
                "LOC" => 2,
                "MISC" => 3,
                _ => continue,
            };
            let ws: Vec<&str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
            if ws.is_empty() || ws.len() > 8 {
                continue;
            }
            max_len = max_len.max(ws.len());
            let mut h = PHRASE_SEED;
            for (n, w) in ws.iter().enumerate() {
                h = phrase_step(h, hash_lower(w));
                // Every proper prefix is marked, so that matching stops as soon as no entry
                // can continue ("new" goes on to "new york"; "said" stops at once).
                let flag = if n + 1 < ws.len() {
                    GAZ_GOES_ON
                } else {
                    1 << k
                };
                *gaz.entry(h).or_insert(0u8) |= flag;
            }
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Lexicon {
            words,
            gazetteer: gaz,
            gaz_max_len: max_len,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// A word's first cluster path (bits with a leading 1), 0 when the lexicon does not hold
    /// it: for the reported-speech tagger's features (`enrich/quotes/reported_span.rs`).
    pub fn cluster_of(&self, w: &str) -> u32 {
        self.words.get(&hash_lower(w)).map_or(0, |x| x.0)
    }

    /// How often a word is capitalised inside a sentence in the unlabelled news: 1 almost never
    /// … 4 almost always; 0 when too rare to say or unknown.
    pub fn case_bucket(&self, w: &str) -> u8 {
        self.words.get(&hash_lower(w)).map_or(0, |x| x.1)
    }

    /// Gazetteer types (bit k = label type k) of an exact phrase, case-insensitively.
    pub fn gazetteer_types(&self, words: &[&str]) -> u8 {
        let mut h = PHRASE_SEED;
        for w in words {
            h = phrase_step(h, hash_lower(w));
        }
        self.gazetteer.get(&h).copied().unwrap_or(0) & 0x0f
    }

    pub(super) fn word(&self, lower: u64) -> Option<(u32, u8, u32)> {
        self.words.get(&lower).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_reads_an_optional_second_cluster_path() {
        let lex = Lexicon::parse("nato\t0110\t3\t10\nbaker\t01\t2\t-\nold\t1\t1\n", "");
        assert_eq!(lex.word(hash_lower("NATO")), Some((0b10110, 3, 0b110)));
        assert_eq!(lex.word(hash_lower("baker")), Some((0b101, 2, 0)));
        assert_eq!(lex.word(hash_lower("old")), Some((0b11, 1, 0)));
    }
}
