//! The tagger's hashing: FxHash's multiply-rotate step for speed, finished by murmur3's fmix64
//! so that the low and high bits used for bucket selection are well mixed. Words hash once per
//! document, lowercase or as written (typographic apostrophes, quotes and dashes folded), and
//! phrases from their words' hashes; the maps keyed by these hashes do not hash them again. The
//! features made from the hashes are `features`'s.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

#[inline]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

#[inline]
pub(super) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h
}

/// Hash of a string's lowercase form, char by char (no allocation). Typographic apostrophes
/// hash as `'` so "Russia’s" and "Russia's" share features.
pub fn hash_lower(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for c in s.chars() {
        let c = norm_char(c);
        if c.is_ascii() {
            h = mix(h, c.to_ascii_lowercase() as u64);
        } else {
            for l in c.to_lowercase() {
                h = mix(h, l as u64);
            }
        }
    }
    fmix(h)
}

/// Hash of a string as written.
pub fn hash_exact(s: &str) -> u64 {
    let mut h = 0x8422_2325_cbf2_9ce4u64;
    for c in s.chars() {
        h = mix(h, norm_char(c) as u64);
    }
    fmix(h)
}

#[inline]
pub(super) fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '–' | '—' | '‒' | '―' | '−' => '-',
        _ => c,
    }
}

/// Hash of a multi-word phrase from its tokens' lowercase hashes (gazetteer lookup).
#[inline]
pub fn phrase_step(h: u64, lower: u64) -> u64 {
    fmix(mix(h, lower))
}
pub const PHRASE_SEED: u64 = 0x2545_f491_4f6c_dd1d;

/// Keys of the tagger's maps are already well-mixed 64-bit hashes, so the map need not hash
/// them again: this hasher passes the key through (SipHash here cost a quarter of tagging time).
#[derive(Default, Clone, Copy)]
pub struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by one of this module's 64-bit hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_hash_ignores_case_and_apostrophe_style() {
        assert_eq!(hash_lower("NATO"), hash_lower("nato"));
        assert_eq!(hash_lower("Russia’s"), hash_lower("russia's"));
        assert_ne!(hash_exact("NATO"), hash_exact("Nato"));
    }
}
