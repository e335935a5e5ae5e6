//! Near-duplicate articles: wire copy that several outlets republished, lightly edited (another
//! headline or byline, a few words changed, the last paragraphs trimmed). Each article body gets
//! a MinHash signature over its word shingles; [`Clusters`] finds earlier articles that share a
//! band of it (LSH banding) and puts the new article in the cluster of the most similar one when
//! their estimated Jaccard similarity reaches [`SAME_STORY`], else in a new cluster of its own.
//!
//! Pure and I/O-free: the index writer stores each article's cluster id and signature
//! (`index/clusters.rs` reads them back for the next run), and queries collapse clusters.
//! Byte-identical copies never get here: they have the same content id and stay `duplicate`
//! records of one article (`ingest.rs`).
//!
//! Memory: a signature is [`PERMUTATIONS`] 16-bit registers (128 bytes); with its cluster name
//! and one band-table entry per band, an article costs about 360 bytes in a hash map, so the
//! table lives on disk (`spill.rs`): a run's memory no longer grows with the archive.

use std::io;
use std::path::Path;

use minhash_rs::prelude::{Fnv, MinHash, MinHasher};

mod spill;

/// Registers of a signature. 64 keep the similarity estimate's standard error at about 0.06
/// near the threshold, while each shingle costs 64 steps of the register stream.
pub const PERMUTATIONS: usize = 64;
/// LSH bands of [`ROWS`] registers each: two articles become candidates when all registers of
/// one band agree. With 16 bands of 4 a pair at similarity 0.5 is a candidate with probability
/// 1 − (1 − 0.5⁴)¹⁶ = 0.64, at 0.7 with 0.99, at 0.2 with 0.03.
pub const BANDS: usize = 16;
pub const ROWS: usize = PERMUTATIONS / BANDS;
/// Words per shingle: three keep a changed word to three changed shingles, and unrelated news
/// articles on one subject share few three-word sequences.
const SHINGLE: usize = 3;
/// Bodies with fewer shingles than this are never near-duplicates of anything: a few dozen
/// words (a caption, a brief, an earnings table) say too little to tell a copy from a template.
pub const MIN_SHINGLES: usize = 30;
/// Estimated Jaccard similarity of two bodies' shingle sets from which they are one story.
pub const SAME_STORY: f64 = 0.5;

type Sketch = MinHash<u16, PERMUTATIONS, Fnv>;

/// The MinHash signature of an article body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Signature([u16; PERMUTATIONS]);

/// Stored length of a signature: [`PERMUTATIONS`] little-endian 16-bit registers.
pub const SIGNATURE_BYTES: usize = PERMUTATIONS * 2;

impl Signature {
    /// The signature of `body`, or `None` when it is too short to compare
    /// ([`MIN_SHINGLES`]).
    pub fn of(body: &str) -> Option<Signature> {
        let mut sketch = Sketch::new();
        let mut window = [0u64; SHINGLE];
        let (mut words, mut shingles) = (0usize, 0usize);
        for word in body.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            window.rotate_left(1);
            window[SHINGLE - 1] = word_hash(word);
            words += 1;
            if words >= SHINGLE {
                // Rotations keep the order of the words in the shingle's hash.
                let h = window[0] ^ window[1].rotate_left(21) ^ window[2].rotate_left(42);
                sketch.insert(h);
                shingles += 1;
            }
        }
        (shingles >= MIN_SHINGLES).then(|| Signature(sketch.into_words()))
    }

    /// Estimated Jaccard similarity of the two bodies' shingle sets: the share of registers
    /// that agree.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / PERMUTATIONS as f64
    }

    pub fn to_bytes(self) -> [u8; SIGNATURE_BYTES] {
        let mut out = [0u8; SIGNATURE_BYTES];
        for (chunk, r) in out.chunks_exact_mut(2).zip(self.0) {
            chunk.copy_from_slice(&r.to_le_bytes());
        }
        out
    }

    /// A stored signature; `None` when the bytes are not one (another length).
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut words = [0u16; PERMUTATIONS];
        for (w, chunk) in words.iter_mut().zip(bytes.chunks_exact(2)) {
            *w = u16::from_le_bytes([chunk[0], chunk[1]]);
        }
        Some(Signature(words))
    }

    /// One key per band, the band's number mixed in so that equal registers in different
    /// bands are different keys.
    fn band_keys(&self) -> [u64; BANDS] {
        let sketch = {
            let mut s = Sketch::new();
            *s.as_words_mut() = self.0;
            s
        };
        let mut keys = sketch.band_hashes::<BANDS>();
        for (band, key) in keys.iter_mut().enumerate() {
            *key ^= (band as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        keys
    }
}

/// FNV-1a over the word's lowercase characters: case never makes two copies differ, and the
/// hash is stable across builds (signatures are stored in the index).
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    if word.is_ascii() {
        word.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        let mut buf = [0u8; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut buf).bytes().for_each(&mut eat);
        }
    }
    h
}

/// The articles seen so far (read back from the index, then added by the run) and their
/// clusters, with the LSH band table that finds an article's candidates. Both live in
/// temporary files (`spill.rs`): the run's memory stays the same whatever the archive's size.
pub struct Clusters {
    slots: spill::Slots,
    /// Band key → the first article that had it. Later articles with the same key are found
    /// through that one's cluster, so one entry per key is enough. Built when the first new
    /// article arrives: a run that adds none never builds it.
    bands: Option<spill::Bands>,
}

impl Clusters {
    /// An empty table whose files live in `dir` (the index folder).
    pub fn new(dir: &Path) -> io::Result<Clusters> {
        Ok(Clusters {
            slots: spill::Slots::new(dir)?,
            bands: None,
        })
    }

    /// An article already in the index, with its stored cluster id.
    pub fn insert(&mut self, cluster: &str, signature: Signature) -> io::Result<()> {
        let slot = self.slots.push(&signature, cluster)?;
        if let Some(bands) = &self.bands {
            let mut new_keys = Vec::with_capacity(BANDS);
            for key in signature.band_keys() {
                if bands.get(key)?.is_none() {
                    new_keys.push(key);
                }
            }
            self.put(&new_keys, slot)?;
        }
        Ok(())
    }

    /// The cluster of a new article with content id `id`: that of the most similar earlier
    /// article, when one reaches [`SAME_STORY`]; otherwise a new cluster named by `id`.
    pub fn assign(&mut self, id: &str, signature: Option<&Signature>) -> io::Result<String> {
        let Some(sig) = signature else {
            return Ok(id.to_string());
        };
        if self.bands.is_none() {
            self.bands = Some(spill::Bands::build(&self.slots)?);
        }
        let bands = self.bands.as_ref().expect("built above");
        let mut best: Option<(f64, String)> = None;
        let keys = sig.band_keys();
        let mut new_keys = Vec::with_capacity(BANDS);
        for key in keys {
            let Some(slot) = bands.get(key)? else {
                new_keys.push(key);
                continue;
            };
            let (other, cluster) = self.slots.get(slot)?;
            let sim = sig.similarity(&other);
            if sim >= SAME_STORY && best.as_ref().is_none_or(|(b, _)| sim > *b) {
                best = Some((sim, cluster));
            }
        }
        let cluster = match best {
            Some((_, cluster)) => cluster,
            None => id.to_string(),
        };
        let slot = self.slots.push(sig, &cluster)?;
        self.put(&new_keys, slot)?;
        Ok(cluster)
    }

    /// Articles in the table.
    pub fn len(&self) -> usize {
        self.slots.len() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.slots.len() == 0
    }

    /// Pages of the band table on disk (0 before it is built), for tests of its growth.
    pub fn band_pages(&self) -> usize {
        self.bands.as_ref().map_or(0, spill::Bands::pages)
    }

    /// Record for `slot` (already in the slots file) its band keys that no earlier slot had.
    /// A full page rebuilds the table twice as large from the slots file, this slot included.
    fn put(&mut self, new_keys: &[u64], slot: u32) -> io::Result<()> {
        let bands = self.bands.as_mut().expect("put only on a built table");
        for &key in new_keys {
            if !bands.insert(key, slot)? {
                self.bands = Some(spill::Bands::build_larger(&self.slots, bands.pages())?);
                return Ok(());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body of `n` distinct words, deterministic.
    fn story(seed: u64, n: usize) -> Vec<String> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 5000)
            })
            .collect()
    }

    fn sig(words: &[String]) -> Signature {
        Signature::of(&words.join(" ")).expect("long enough")
    }

    #[test]
    fn identical_bodies_have_identical_signatures_whatever_the_case_and_punctuation() {
        let a = "The minister said on Monday that the talks would resume in Geneva next week, \
                 after months of delay. Officials from both sides confirmed the date and the \
                 agenda, which includes trade, security and the future of the border region.";
        let b = a.to_uppercase().replace(',', " ;");
        let (sa, sb) = (Signature::of(a).unwrap(), Signature::of(&b).unwrap());
        assert_eq!(sa, sb);
        assert_eq!(sa.similarity(&sb), 1.0);
    }

    #[test]
    fn short_bodies_get_no_signature() {
        assert!(Signature::of("Shares rose 3% on Monday after the results.").is_none());
        assert!(Signature::of("").is_none());
    }

    #[test]
    fn similarity_estimates_the_shingle_jaccard_index() {
        // 300 words; the copy keeps the first 200: shingle Jaccard = 198 / 298 ≈ 0.66.
        let words = story(1, 300);
        let (a, b) = (sig(&words), sig(&words[..200]));
        let est = a.similarity(&b);
        assert!((est - 198.0 / 298.0).abs() < 0.2, "{est}");
        // Unrelated stories share almost no registers.
        let c = sig(&story(2, 300));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
    }

    #[test]
    fn signatures_round_trip_through_bytes() {
        let s = sig(&story(3, 100));
        assert_eq!(Signature::from_bytes(&s.to_bytes()), Some(s));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn edited_copies_join_the_original_and_other_stories_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut clusters = Clusters::new(dir.path()).unwrap();
        let original = story(10, 400);
        let a = clusters.assign("a", Some(&sig(&original))).unwrap();
        assert_eq!(a, "a");
        // A copy with every 25th word changed and the last quarter trimmed.
        let mut edited: Vec<String> = original[..300].to_vec();
        for w in edited.iter_mut().step_by(25) {
            w.push('x');
        }
        assert_eq!(clusters.assign("b", Some(&sig(&edited))).unwrap(), "a");
        assert_eq!(
            clusters.assign("c", Some(&sig(&story(11, 400)))).unwrap(),
            "c"
        );
        // No signature (a short body): a cluster of its own.
        assert_eq!(clusters.assign("d", None).unwrap(), "d");
        assert_eq!(clusters.len(), 3);
    }

    #[test]
    fn clusters_read_back_from_the_index_are_joined_by_later_copies() {
        let original = story(20, 300);
        let dir = tempfile::tempdir().unwrap();
        let mut clusters = Clusters::new(dir.path()).unwrap();
        clusters.insert("first", sig(&original)).unwrap();
        let copy = sig(&original[5..]);
        assert_eq!(clusters.assign("later", Some(&copy)).unwrap(), "first");
    }

    /// The in-memory table that the files replace: band key → first slot (a map), every
    /// slot's signature and cluster.
    #[derive(Default)]
    struct Reference {
        bands: std::collections::HashMap<u64, usize>,
        slots: Vec<(Signature, String)>,
    }

    impl Reference {
        fn put(&mut self, sig: Signature, cluster: String) {
            for key in sig.band_keys() {
                self.bands.entry(key).or_insert(self.slots.len());
            }
            self.slots.push((sig, cluster));
        }

        fn assign(&mut self, id: &str, sig: Signature) -> String {
            let mut best: Option<(f64, String)> = None;
            for key in sig.band_keys() {
                let Some(&slot) = self.bands.get(&key) else {
                    continue;
                };
                let (other, cluster) = &self.slots[slot];
                let sim = sig.similarity(other);
                if sim >= SAME_STORY && best.as_ref().is_none_or(|(b, _)| sim > *b) {
                    best = Some((sim, cluster.clone()));
                }
            }
            let cluster = best.map_or_else(|| id.to_string(), |(_, c)| c);
            self.put(sig, cluster.clone());
            cluster
        }
    }

    #[test]
    fn the_table_on_disk_clusters_as_the_map_in_memory_did_through_its_rebuilds() {
        // 3,000 stories read back from an "index", then 3,000 new articles: edited copies of
        // earlier ones and new stories. 96,000 band keys overflow the first table (16 pages of
        // 341) several times, so the rebuilds are exercised.
        let dir = tempfile::tempdir().unwrap();
        let mut clusters = Clusters::new(dir.path()).unwrap();
        let mut reference = Reference::default();
        let mut bodies: Vec<Vec<String>> = Vec::new();
        for i in 0..3000u64 {
            let words = story(1000 + i, 120);
            // A long name is kept out of the record; every other one is an ordinary id.
            let name = if i % 500 == 0 {
                format!("{i:0>40}")
            } else {
                format!("s{i}")
            };
            clusters.insert(&name, sig(&words)).unwrap();
            reference.put(sig(&words), name);
            bodies.push(words);
        }
        assert_eq!(
            clusters.band_pages(),
            0,
            "built only when a new article comes"
        );
        let (mut joined, mut x) = (0, 7u64);
        for i in 0..3000u64 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let words = if i % 3 == 0 {
                story(9000 + i, 150)
            } else {
                let mut w = bodies[(x >> 33) as usize % bodies.len()].clone();
                for word in w
                    .iter_mut()
                    .skip((x % 7) as usize)
                    .step_by(9 + (x % 5) as usize)
                {
                    word.push('x');
                }
                w
            };
            let id = format!("n{i}");
            let got = clusters.assign(&id, Some(&sig(&words))).unwrap();
            assert_eq!(got, reference.assign(&id, sig(&words)), "article {i}");
            joined += usize::from(got != id);
            bodies.push(words);
        }
        assert!(joined > 1000, "copies were joined: {joined}");
        assert_eq!(clusters.len(), 6000);
        // 96,000 keys at most 341 a page: the table grew past its first 16 pages.
        assert!(clusters.band_pages() >= 512, "{}", clusters.band_pages());
    }
}
