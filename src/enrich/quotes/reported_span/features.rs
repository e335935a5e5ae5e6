//! The reported-speech tagger's features (`reported_span`): every word's hashed feature rows —
//! the word, its shape, suffix, neighbours, entity labels, word-cluster prefixes, and where the
//! nearest detected cue stands before and after it — read by the tagger in use and by its
//! trainer (`examples/reported_spans.rs`) alike.

use crate::article::Entity;

use super::super::cues::is_punct;
use super::super::reported_cue::{cluster_of, mix, word_hash, Context};
use super::{Word, BITS};

/// One feature row from a template number and up to four value hashes (`reported_cue::mix`,
/// chained; the high bits mix best).
fn row(template: u64, parts: [u64; 2]) -> u32 {
    (mix(template, parts[0], parts[1]) >> (64 - BITS)) as u32
}

/// Two value hashes as one, for a feature of more than two parts.
fn pair(a: u64, b: u64) -> u64 {
    mix(0xfeed, a, b)
}

/// A word's shape: its letters as X/x, digits as d, runs collapsed ("McCain" → "XxXx"), written
/// into `buf` (12 chars of at most 4 bytes) without allocating.
fn shape<'b>(w: &str, buf: &'b mut [u8; 48]) -> &'b str {
    let mut n = 0;
    let mut last = None;
    for c in w.chars().take(12) {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if last != Some(k) {
            n += k.encode_utf8(&mut buf[n..]).len();
            last = Some(k);
        }
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

/// FNV-1a of a string as written (a shape: its case is the point).
fn raw_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in w.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The last three chars of `w`.
fn suffix(w: &str) -> &str {
    let cut = w.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
    &w[cut..]
}

/// A word cluster's path prefix of `len` bits (0 for no cluster).
fn prefix(c: u32, len: u32) -> u64 {
    let bits = 32 - c.leading_zeros();
    u64::from(if c == 0 || bits <= len {
        c
    } else {
        c >> (bits - 1 - len)
    })
}

/// A distance in words, bucketed (0 for none).
fn dist(d: Option<usize>) -> u64 {
    match d {
        None => 0,
        Some(0) => 1,
        Some(1) => 2,
        Some(2) => 3,
        Some(3) => 4,
        Some(4..=6) => 5,
        Some(7..=10) => 6,
        Some(11..=20) => 7,
        Some(_) => 8,
    }
}

fn count(n: usize) -> u64 {
    n.min(2) as u64
}

/// The number of features of every word.
pub const FEATURES: usize = 39;

/// Stand-ins for the words before the first and after the last of a sentence.
const START: u64 = 0x0053_5441_5254;
const END: u64 = 0x0045_4e44;

/// The hashed features of every word of a sentence (the trainer reads these too). Each word is
/// hashed once (lowercased on the fly, as its shape, suffix and cluster prefixes are); a
/// feature is then a few multiplications over those numbers, not a hash over strings.
pub fn features(
    text: &str,
    ents: &[Entity],
    ws: &[Word],
    cue: &[bool],
    para_first: bool,
) -> Vec<[u32; FEATURES]> {
    features_in(&Context::new(text, ents, ws), cue, para_first)
}

/// `features` over a sentence the cue detector has read already: its words' hashes, entity
/// labels and clusters are not computed again.
pub fn features_in(c: &Context, cue: &[bool], para_first: bool) -> Vec<[u32; FEATURES]> {
    let (raw, wh, ent) = (&c.raw, &c.wh, &c.ent);
    let cl: Vec<u32> = raw.iter().map(|w| cluster_of(w)).collect();
    let n = raw.len();
    let comma: Vec<bool> = raw.iter().map(|w| matches!(*w, "," | ";" | ":")).collect();
    // Commas before each word, for the count between a word and a cue.
    let mut commas = vec![0usize; n + 1];
    for i in 0..n {
        commas[i + 1] = commas[i] + usize::from(comma[i]);
    }
    let quoted = raw
        .iter()
        .any(|w| matches!(*w, "\"" | "“" | "”" | "‘" | "'" | "’" | "«" | "»" | "„"));
    // The nearest cue before and after each word.
    let mut before: Vec<Option<usize>> = vec![None; n];
    let mut last = None;
    for i in 0..n {
        before[i] = last;
        if cue[i] {
            last = Some(i);
        }
    }
    let mut after: Vec<Option<usize>> = vec![None; n];
    let mut next = None;
    for i in (0..n).rev() {
        after[i] = next;
        if cue[i] {
            next = Some(i);
        }
    }
    let get = |i: isize| -> u64 {
        if i < 0 {
            START
        } else {
            wh.get(i as usize).copied().unwrap_or(END)
        }
    };
    let ent_at = |i: isize| -> u64 {
        if i < 0 {
            9
        } else {
            ent.get(i as usize).copied().unwrap_or(10)
        }
    };
    // Word clusters (the NER lexicon's), as path prefixes of 4, 8 and 12 bits.
    let c8: Vec<u64> = cl.iter().map(|&c| prefix(c, 8)).collect();
    let q = u64::from(quoted);
    let pf = u64::from(para_first);
    let mut out = Vec::with_capacity(n);
    let mut shb = [0u8; 48];
    for i in 0..n {
        let ii = i as isize;
        let w = wh[i];
        let suf = word_hash(suffix(raw[i]));
        let sh = raw_hash(shape(raw[i], &mut shb));
        let cbd = dist(before[i].map(|j| i - j));
        let cad = dist(after[i].map(|j| j - i));
        let cbw = before[i].map_or(0, |j| wh[j]);
        let caw = after[i].map_or(0, |j| wh[j]);
        let cbc = before[i].map_or(0, |j| count(commas[i] - commas[j + 1]));
        let cac = after[i].map_or(0, |j| count(commas[j] - commas[i + 1]));
        // The word after the cue before ("said that", "told reporters") and the entity before
        // it (its subject's type).
        let cb_next = before[i].map_or(0, |j| get(j as isize + 1));
        let cb_subj = before[i].map_or(11, |j| ent_at(j as isize - 1));
        let ca_subj = after[i].map_or(11, |j| ent_at(j as isize + 1));
        let pos = pair(dist(Some(i)), dist(Some(n - 1 - i)));
        let cprev = if i > 0 { c8[i - 1] } else { 0 };
        let cnext = c8.get(i + 1).copied().unwrap_or(0);
        let punct = u64::from(is_punct(raw[i]));
        let is_cue = u64::from(cue[i]);
        out.push([
            row(0, [0, 0]),
            row(1, [w, 0]),
            row(2, [sh, 0]),
            row(3, [suf, 0]),
            row(4, [get(ii - 1), 0]),
            row(5, [get(ii + 1), 0]),
            row(6, [get(ii - 2), 0]),
            row(7, [get(ii + 2), 0]),
            row(8, [get(ii - 1), w]),
            row(9, [w, get(ii + 1)]),
            row(10, [cbd, 0]),
            row(11, [cbd, cbw]),
            row(12, [cad, 0]),
            row(13, [cad, caw]),
            row(14, [cbd, cbc]),
            row(15, [cad, cac]),
            row(16, [ent[i], 0]),
            row(17, [ent_at(ii - 1), 0]),
            row(18, [ent_at(ii + 1), 0]),
            row(19, [pos, 0]),
            row(20, [q, cbd]),
            row(21, [pf, cbd]),
            row(22, [cbd, get(ii - 1)]),
            row(23, [cbd, cb_next]),
            row(24, [cbd, cb_subj]),
            row(25, [cad, ca_subj]),
            row(26, [cbd, cad]),
            row(27, [pair(cbd, cbw), pair(cbc, cad)]),
            row(28, [punct, pair(cbd, cad)]),
            row(29, [prefix(cl[i], 4), 0]),
            row(30, [c8[i], 0]),
            row(31, [prefix(cl[i], 12), 0]),
            row(32, [cprev, 0]),
            row(33, [cnext, 0]),
            row(34, [cbd, w]),
            row(35, [cad, w]),
            row(36, [cbd, c8[i]]),
            // The word itself a detected cue (the distances above count only the cues
            // around it), alone and with the entity before it, its subject: a cue is
            // attribution, and a cue inside a span ends or starts it.
            row(37, [is_cue, 0]),
            row(38, [is_cue, ent_at(ii - 1)]),
        ]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shapes keep case and collapse runs, suffixes are the last three chars, and a cluster
    /// prefix keeps the path's leading bits: the values the features are hashed from.
    #[test]
    fn shapes_suffixes_and_prefixes_read_the_word() {
        let mut b = [0; 48];
        assert_eq!(shape("McCain", &mut b), "XxXx");
        assert_eq!(shape("U.S.", &mut b), "X.X.");
        assert_eq!(shape("1990s", &mut b), "dx");
        assert_eq!(shape("ÉCOLE-ÉTÉ", &mut b), "X-X");
        assert_eq!(shape("", &mut b), "");
        assert_eq!(suffix("naïve"), "ïve");
        assert_eq!(suffix("a"), "a");
        // The shape's hash keeps case: "Said" and "said" differ in shape, not in word.
        assert_ne!(raw_hash("Xx"), raw_hash("xx"));
        assert_eq!(word_hash("Said"), word_hash("said"));
        assert_eq!(prefix(0, 8), 0);
        assert_eq!(prefix(0b1011, 8), 0b1011);
        assert_eq!(prefix(0b1_0110_1101, 4), 0b1_0110);
        assert_eq!(prefix(u32::MAX, 12), 0x1fff);
    }
}
