//! The trigger scan of reported speech: the reporting verbs (`SPEECH_VERBS`) and "according",
//! found in a field 64 bytes at a time, and the sentences around them. `indirect` reads only
//! these sentences; the learned proposers (`reported`, `reported_span`) split sentences the same
//! way. The clause rules that read a sentence are `indirect`'s; this module only finds where to
//! look.

use memchr::memchr3_iter;

use super::super::cues::{words, Word};

// Reporting verbs that introduce a reported clause. All of them are in the `cues` lexicon, so
// `attribution` finds their subjects; verbs of naming or judging ("called", "praised") and of
// asking are left out: their complement is not a statement.
//
// One list, two uses: the array for the trigger scan's filter and the `matches!` for the word tests
// (a length switch and one comparison, where a binary search cost a tenth of the stage's time).
macro_rules! speech_verbs {
    ($($v:literal),* $(,)?) => {
        pub(super) const SPEECH_VERBS: &[&str] = &[$($v),*];

        pub(super) fn is_speech_verb(w: &str) -> bool {
            matches!(w, $($v)|*)
        }
    };
}

speech_verbs!(
    "acknowledged",
    "acknowledges",
    "added",
    "adds",
    "admits",
    "admitted",
    "announced",
    "announces",
    "argue",
    "argued",
    "argues",
    "asserted",
    "asserts",
    "assured",
    "assures",
    "claimed",
    "claims",
    "conceded",
    "concluded",
    "confirmed",
    "contended",
    "contends",
    "declared",
    "declares",
    "denied",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "insisted",
    "insists",
    "maintained",
    "noted",
    "notes",
    "predicted",
    "promised",
    "reported",
    "reports",
    "said",
    "say",
    "says",
    "stated",
    "stressed",
    "stresses",
    "suggested",
    "tells",
    "testified",
    "told",
    "vowed",
    "warned",
    "warns",
    "writes",
    "wrote"
);

/// Whether a word can start one of the patterns: a reporting verb, or "according". Checked
/// first, so that the many sentences without one cost a lookup per word and nothing more.
pub(super) fn is_trigger(w: &str) -> bool {
    // Every trigger ends in one of these letters (see the lexicon test): most words are
    // ruled out by their last byte before the lexicon is consulted.
    let last = w.as_bytes().last().copied().unwrap_or(0);
    matches!(last, b'd' | b'e' | b's' | b'y' | b'g' | b'G')
        && w.len() <= 12
        && w.starts_with(|c: char| c.is_ascii_lowercase() || c == 'A')
        && (is_speech_verb(w) || w.eq_ignore_ascii_case("according"))
}

/// The starts of the trigger words of `text`, in order: the runs of ASCII letters that
/// `is_trigger` accepts.
///
/// Every byte of the field passes through this scan, so it reads 64 bytes at a time: a mask of
/// their letters (`letter_mask`) gives the end of every run without a branch per byte; a run's
/// start is the mask's last non-letter before its end, and its length, first and last letters
/// are checked against `TRIGGER_SHAPES` before its text is read. (A walk over the runs
/// mispredicted a branch at nearly every word end; a branch-free hash of every run wrote 16
/// bytes per byte of text into a zeroed buffer: with it the quote stage took 129 M
/// instructions on 500 BBC articles, with this scan 100 M.)
pub(super) fn trigger_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Letter masks of the previous block and of the current one; bit i is byte `base + i`.
    let mut prev = 0u64;
    // One block past the text's end (all non-letters), so that a run ending the text ends in it.
    for base in (0..=b.len()).step_by(64) {
        let cur = letter_mask(b.get(base..).unwrap_or(&[]));
        // Run ends: non-letters whose previous byte is a letter.
        let mut ends = !cur & (cur << 1 | prev >> 63);
        while ends != 0 {
            let q = ends.trailing_zeros();
            ends &= ends - 1;
            // The run's start: after the last non-letter before `q`, in this block or the last.
            let here = !cur & ((1u64 << q) - 1);
            let start = if here != 0 {
                base + 64 - here.leading_zeros() as usize
            } else if prev != u64::MAX {
                base - (!prev).leading_zeros() as usize
            } else {
                // Longer than 64 letters: no trigger.
                continue;
            };
            let end = base + q as usize;
            if shape_fits(b, start, end) && text.get(start..end).is_some_and(is_trigger) {
                out.push(start);
            }
        }
        prev = cur;
    }
    out
}

/// Bit i set when byte i of `block` (its first 64 bytes) is an ASCII letter, eight bytes at a
/// time: a byte folded to lowercase (its top bit cleared first, so no sum carries into the next
/// byte) is a letter when adding 0x1F sets its top bit (≥ `a`) and adding 0x05 does not (< `{`),
/// and the byte itself is ASCII.
fn letter_mask(block: &[u8]) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TOP: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut padded = [0u8; 64];
    let full = match block.first_chunk::<64>() {
        Some(full) => full,
        None => {
            padded[..block.len()].copy_from_slice(block);
            &padded
        }
    };
    let mut mask = 0;
    for (j, word) in full.as_chunks::<8>().0.iter().enumerate() {
        let x = u64::from_le_bytes(*word);
        let y = (x & LOW7) | 0x2020_2020_2020_2020;
        let top = (y + 0x1f * ONES) & !(y + 0x05 * ONES) & !x & TOP;
        // The eight top bits gathered into one byte, byte k's at bit k.
        let bits = (top >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * j);
    }
    mask
}

/// Whether the letter run `start..end` has the length, first letter and last letter of some
/// trigger (in any case; `is_trigger` decides). Rules out most words before their text is read.
fn shape_fits(b: &[u8], start: usize, end: usize) -> bool {
    let (Some(&first), Some(&last)) = (b.get(start), b.get(end.wrapping_sub(1))) else {
        return false;
    };
    let [firsts, lasts] = TRIGGER_SHAPES[(end - start).min(TRIGGER_SHAPES.len() - 1)];
    let letter = |x: u8| u32::from((x | 0x20).wrapping_sub(b'a') & 31);
    (firsts >> letter(first)) & (lasts >> letter(last)) & 1 != 0
}

/// By length: the first letters and the last letters (bit 0 = `a`) of the triggers of that
/// length — "according" and the speech verbs. The last entry (longer than any trigger) is empty.
const TRIGGER_SHAPES: [[u32; 2]; 14] = {
    let mut shapes = [[0u32; 2]; 14];
    let mut v = 0;
    while v <= SPEECH_VERBS.len() {
        let w = if v < SPEECH_VERBS.len() {
            SPEECH_VERBS[v].as_bytes()
        } else {
            b"according"
        };
        assert!(w.len() < 14);
        shapes[w.len()][0] |= 1 << ((w[0] | 0x20) - b'a');
        shapes[w.len()][1] |= 1 << ((w[w.len() - 1] | 0x20) - b'a');
        v += 1;
    }
    shapes
};

/// How far back `ends_sentence` reads for the start of the word before a dot.
const MAX_WORD: usize = 64;

/// Whether the byte at `j` of paragraph `ps..` is a word of its own that ends a sentence: `.`,
/// `!` or `?` before a space or the text's end, unless a digit or a lowercase word follows ("the
/// No. 2 spot"). A dot that `words` keeps on its word ("U.S.", "Mr.") ends nothing; since words
/// never cross whitespace, the piece of text from the last space up to the dot tells.
fn ends_sentence(text: &str, ps: usize, j: usize) -> bool {
    let b = text.as_bytes();
    let Some(&x) = b.get(j) else {
        return false;
    };
    if !matches!(x, b'.' | b'!' | b'?') {
        return false;
    }
    let rest = text.get(j + 1..);
    let ends = rest
        .and_then(|r| r.chars().next())
        .is_none_or(char::is_whitespace)
        && !rest.is_some_and(|r| {
            r.trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase())
        });
    if !ends || x != b'.' {
        return ends;
    }
    // Read back at most `MAX_WORD` bytes: a run without spaces longer than that is no word of
    // prose, and reading all of it at each of its dots would be quadratic.
    let lo = super::super::floor_boundary(text, j.saturating_sub(MAX_WORD).max(ps));
    let piece = b
        .get(lo..j)
        .and_then(|p| p.iter().rposition(u8::is_ascii_whitespace))
        .map_or(lo, |i| lo + i + 1);
    words(text, piece, j + 1).last()
        == Some(&Word {
            start: j,
            end: j + 1,
        })
}

/// The byte spans of the sentences of paragraph `ps..pe` that hold a trigger, in order, given
/// the starts of the paragraph's triggers: the sentences `words` over the whole paragraph would
/// give (split after each word that ends a sentence), found from the triggers outward so that
/// only those sentences' words are built — in paragraphs with a reporting verb, the others are
/// half the text.
pub(in crate::enrich::quotes) fn trigger_sentences(
    text: &str,
    ps: usize,
    pe: usize,
    triggers: &[usize],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = ps;
    for &t in triggers {
        // A later trigger of the sentence just found.
        if t < from {
            continue;
        }
        // Only `.`, `!` and `?` can end a sentence: memchr jumps between them.
        let bytes = text.as_bytes();
        let a = memchr3_iter(b'.', b'!', b'?', bytes.get(from..t).unwrap_or(&[]))
            .rev()
            .map(|k| from + k)
            .find(|&j| ends_sentence(text, ps, j))
            .map_or(from, |j| j + 1);
        let b = memchr3_iter(b'.', b'!', b'?', bytes.get(t..pe).unwrap_or(&[]))
            .map(|k| t + k)
            .find(|&j| ends_sentence(text, ps, j))
            .map_or(pe, |j| j + 1);
        out.push((a, b));
        from = b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tok;
    use super::*;

    /// `trigger_starts` by splitting the text at every char that is not an ASCII letter.
    fn trigger_starts_by_split(t: &str) -> Vec<usize> {
        t.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| is_trigger(w))
            .map(|w| w.as_ptr() as usize - t.as_ptr() as usize)
            .collect()
    }

    #[test]
    fn the_byte_scan_agrees_with_the_char_scan() {
        let alphabet = [
            "a",
            "Z",
            "9",
            " ",
            "\n",
            "\"",
            "'",
            "’",
            "é",
            "—",
            "said",
            "According",
            "ACCORDING",
            "accordinG",
            "Says",
            "told",
            "admitted",
            ".",
            ",",
        ];
        for t in crate::enrich::quotes::random_texts(&alphabet, 20_000, 12) {
            assert_eq!(trigger_starts(&t), trigger_starts_by_split(&t), "{t:?}");
        }
    }

    #[test]
    fn letter_mask_marks_the_ascii_letters_of_a_block() {
        for x in 0..=255u8 {
            for at in 0..64 {
                // The byte among neighbours that are letters and that are not.
                for fill in [b'q', b' ', 0xff] {
                    let mut block = [fill; 64];
                    block[at] = x;
                    let want = (0..64)
                        .filter(|&i| block[i].is_ascii_alphabetic())
                        .fold(0u64, |m, i| m | 1 << i);
                    assert_eq!(letter_mask(&block), want, "{x:#x} at {at}");
                    assert_eq!(
                        letter_mask(&block[..at + 1]),
                        want & (u64::MAX >> (63 - at))
                    );
                }
            }
        }
    }

    /// The trigger scan reads 64-byte blocks: texts of many blocks, with words and runs of
    /// letters longer than a block across block edges, find the triggers that splitting the
    /// text at every non-letter finds.
    #[test]
    fn trigger_scan_across_blocks_agrees_with_splitting() {
        let long = "x".repeat(70);
        let alphabet = [
            "said",
            "Said",
            "according",
            "According",
            "told",
            "to",
            "ssaid",
            "saidd",
            "é",
            " ",
            ".",
            "\n",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            long.as_str(),
            "1",
            "{",
            "`",
            "@",
            "[",
        ];
        for t in crate::enrich::quotes::random_texts(&alphabet, 5_000, 80) {
            assert_eq!(trigger_starts(&t), trigger_starts_by_split(&t), "{t:?}");
        }
    }

    /// The sentences of a paragraph that hold a trigger word, as the whole paragraph's words
    /// split after each sentence-ending word: how the stage read sentences before it built
    /// words for the trigger sentences alone.
    fn trigger_sentences_by_paragraph_words(text: &str) -> Vec<Vec<Word>> {
        let ws = words(text, 0, text.len());
        let ends = |w: &Word| {
            w.end == w.start + 1
                && matches!(text.as_bytes()[w.start], b'.' | b'!' | b'?')
                && text[w.end..].chars().next().is_none_or(char::is_whitespace)
                && !text[w.end..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || c.is_lowercase())
        };
        ws.split_inclusive(ends)
            .filter(|s| s.iter().any(|w| is_trigger(tok(text, w))))
            .map(<[Word]>::to_vec)
            .collect()
    }

    #[test]
    fn trigger_sentences_split_as_the_paragraph_words_do() {
        let alphabet = [
            "said",
            "Said",
            "according",
            "told",
            "a",
            "Mr",
            "U",
            "S",
            "No",
            "9",
            ".",
            ".",
            "!",
            "?",
            " ",
            " ",
            "\t",
            "\u{a0}",
            "\u{2009}",
            "'",
            "’",
            "-",
            "é",
            ")",
            ",",
            "x",
        ];
        for t in crate::enrich::quotes::random_texts(&alphabet, 40_000, 24) {
            let want = trigger_sentences_by_paragraph_words(&t);
            let got: Vec<Vec<Word>> = trigger_sentences(&t, 0, t.len(), &trigger_starts(&t))
                .into_iter()
                .map(|(a, b)| words(&t, a, b))
                .filter(|s| s.iter().any(|w| is_trigger(tok(&t, w))))
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
    }
}
