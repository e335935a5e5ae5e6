//! The word scanner the quote stage reads context with: a window of field text split into
//! words (runs of letters and digits with inner dots, apostrophes and hyphens; punctuation as
//! one-char words; whitespace dropped), walked byte by byte and measuring a run of ASCII letters
//! and digits eight bytes at a time. The lexicon that classifies those words is its parent,
//! `cues`, which re-exports it.

/// A 256-entry table of a byte predicate, built at compile time: the scanners look a byte up
/// with one load instead of a chain of range tests.
macro_rules! byte_table {
    ($b:ident => $pred:expr) => {{
        let mut t = [false; 256];
        let mut i = 0;
        while i < 256 {
            let $b = i as u8;
            t[i] = $pred;
            i += 1;
        }
        t
    }};
}
pub(crate) use byte_table;

/// A word of the context: byte span into the field text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
}

/// Split `text[from..to]` into words: runs of letters, digits, apostrophes, hyphens and inner
/// dots ("U.S.", "Mr."), plus single punctuation chars as their own words so that commas, dashes
/// and colons stay visible to the rules. Whitespace is dropped. Linear, one allocation.
///
/// The quote stage reads every context window through this scanner, so it walks bytes: a run
/// of ASCII letters and digits is skipped in a tight loop, and a char is decoded only at a
/// non-ASCII byte.
pub fn words(text: &str, from: usize, to: usize) -> Vec<Word> {
    let Some(s) = text.get(from..to) else {
        return Vec::new();
    };
    // News text averages about six bytes a word: one allocation for nearly every window.
    let mut out = Vec::with_capacity(s.len() / 5 + 4);
    let b = s.as_bytes();
    let mut cur: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x.is_ascii_alphanumeric() {
            cur.get_or_insert(i);
            i += 1 + alnum_run(b.get(i + 1..).unwrap_or(&[]));
            continue;
        }
        let (wordy, inner_only, space, len) = if x.is_ascii() {
            // A slash between digits is inside a word: "9/11 widow Terry Strada", "24/7".
            let slash = x == b'/'
                && i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit);
            let inner_only = matches!(x, b'.' | b'-' | b'\'');
            // `char::is_whitespace` for ASCII: tab, line feed, vertical tab, form feed, return,
            // space.
            (
                inner_only || slash,
                inner_only,
                matches!(x, 9..=13 | b' '),
                1,
            )
        } else {
            let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
                break;
            };
            let apostrophe = c == '’';
            // Dashes, curly quotes, bullets and the ellipsis (U+2010–U+2027) are neither
            // letters, digits nor spaces: answered without the Unicode tables, whose slow
            // look-up was nearly all the time on text made of such marks (“‘ repeated).
            let mark = matches!(c, '\u{2010}'..='\u{2027}');
            (
                !mark && c.is_alphanumeric() || apostrophe,
                apostrophe,
                !mark && c.is_whitespace(),
                c.len_utf8(),
            )
        };
        // A dot, hyphen or apostrophe belongs to a word only inside it ("U.S.", "Mr." keeps its
        // dot so titles are recognised); a leading one is punctuation.
        if wordy && !(cur.is_none() && inner_only) {
            cur.get_or_insert(i);
            i += len;
            continue;
        }
        if let Some(st) = cur.take() {
            push_word(&mut out, s, from, st, i);
        }
        if !space {
            out.push(Word {
                start: from + i,
                end: from + i + len,
            });
        }
        i += len;
    }
    if let Some(st) = cur {
        push_word(&mut out, s, from, st, s.len());
    }
    out
}

/// The length of the run of ASCII letters and digits that opens `b`. Eight bytes are tested at
/// a time, with bit arithmetic: a byte loop's exit branch mispredicted at the end of nearly every
/// word, and the scanner ends a word every six bytes.
fn alnum_run(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn rep(x: u8) -> u64 {
        0x0101_0101_0101_0101 * x as u64
    }
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8) {
        let mut v = [0u8; 8];
        v.copy_from_slice(chunk);
        let v = u64::from_le_bytes(v);
        // Per byte, on its low seven bits (no borrow crosses a byte): the high bit of
        // `(x | 0x80) - lo` is set when x >= lo, that of `(hi | 0x80) - x` when x <= hi.
        let x = v & !HIGH;
        let digit = ((x | HIGH) - rep(b'0')) & (rep(b'9' | 0x80) - x);
        let y = x | rep(0x20);
        let letter = ((y | HIGH) - rep(b'a')) & (rep(b'z' | 0x80) - y);
        // A byte with its high bit set is never ASCII.
        let other = !(digit | letter) & HIGH | v & HIGH;
        if other != 0 {
            return n + (other.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    while b.get(n).is_some_and(|&y| ALNUM[usize::from(y)]) {
        n += 1;
    }
    n
}

/// ASCII letters and digits, as a table: the scanner's inner loop runs over every byte of a
/// word, and one load a byte is cheaper than the two range tests.
const ALNUM: [bool; 256] = byte_table!(b => b.is_ascii_alphanumeric());

/// Push a word, splitting a trailing sentence dot off unless the word is an abbreviation.
/// Trailing apostrophes and hyphens are not part of the word ("the Smiths'").
#[inline]
fn push_word(out: &mut Vec<Word>, s: &str, from: usize, st: usize, en: usize) {
    let b = s.as_bytes();
    let mut en = en.min(b.len());
    // Most words end in a letter or digit: nothing to trim, no dot to split off.
    if en > st && b[en - 1].is_ascii_alphanumeric() {
        out.push(Word {
            start: from + st,
            end: from + en,
        });
        return;
    }
    while en > st {
        match b[en - 1] {
            b'\'' | b'-' => en -= 1,
            // ’ is E2 80 99.
            0x99 if en >= st + 3 && b[en - 3..en - 1] == [0xE2, 0x80] => en -= 3,
            _ => break,
        }
    }
    if en - st > 1 && b[en - 1] == b'.' && !s.get(st..en).is_some_and(is_abbrev) {
        out.push(Word {
            start: from + st,
            end: from + en - 1,
        });
        out.push(Word {
            start: from + en - 1,
            end: from + en,
        });
    } else if en > st {
        out.push(Word {
            start: from + st,
            end: from + en,
        });
    }
}

fn is_abbrev(w: &str) -> bool {
    // "U.S.", "D.C." hold an inner dot; titles and initials are short.
    w[..w.len() - 1].contains('.')
        || matches!(
            w,
            "Mr."
                | "Mrs."
                | "Ms."
                | "Dr."
                | "Sen."
                | "Rep."
                | "Gov."
                | "Gen."
                | "Lt."
                | "Col."
                | "Sgt."
                | "Prof."
                | "St."
                | "Jr."
                | "Sr."
                | "Rev."
                | "Pres."
                | "Capt."
                | "Adm."
                | "Maj."
                | "Cmdr."
                | "Supt."
                | "Amb."
                | "Atty."
                | "Mt."
                | "Ft."
                // "the No. 2 in the GOP leadership".
                | "No."
                // Months as news style abbreviates them: "the Sept. 11 attacks" does not end a
                // sentence.
                | "Jan."
                | "Feb."
                | "Aug."
                | "Sept."
                | "Oct."
                | "Nov."
                | "Dec."
        )
        || (w.len() == 2 && w.starts_with(|c: char| c.is_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marks_words_skips_the_tables_for_are_no_letters_digits_or_spaces() {
        for c in '\u{2010}'..='\u{2027}' {
            assert!(!c.is_alphanumeric() && !c.is_whitespace(), "{c:?}");
        }
    }

    /// The scanner as first written, char by char: the byte scanner must split every text the
    /// same way.
    fn words_by_char(text: &str, from: usize, to: usize) -> Vec<Word> {
        let mut out = Vec::new();
        let Some(s) = text.get(from..to) else {
            return out;
        };
        let mut cur: Option<usize> = None;
        let mut prev = ' ';
        for (i, c) in s.char_indices() {
            let slash = c == '/'
                && prev.is_ascii_digit()
                && s[i + 1..].starts_with(|n: char| n.is_ascii_digit());
            prev = c;
            let wordy =
                c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' || c == '.' || slash;
            if wordy && !(cur.is_none() && (c == '.' || c == '-' || c == '\'' || c == '’')) {
                if cur.is_none() {
                    cur = Some(i);
                }
                continue;
            }
            if let Some(st) = cur.take() {
                let w = s[st..i].trim_end_matches(['\'', '’', '-']);
                push_word_by_char(&mut out, w, from + st);
            }
            if !c.is_whitespace() {
                out.push(Word {
                    start: from + i,
                    end: from + i + c.len_utf8(),
                });
            }
        }
        if let Some(st) = cur {
            let w = s[st..].trim_end_matches(['\'', '’', '-']);
            push_word_by_char(&mut out, w, from + st);
        }
        out
    }

    fn push_word_by_char(out: &mut Vec<Word>, w: &str, at: usize) {
        let en = at + w.len();
        if w.len() > 1 && w.ends_with('.') && !is_abbrev(w) {
            out.push(Word {
                start: at,
                end: en - 1,
            });
            out.push(Word {
                start: en - 1,
                end: en,
            });
        } else if !w.is_empty() {
            out.push(Word { start: at, end: en });
        }
    }

    #[test]
    fn byte_scanner_splits_as_the_char_scanner() {
        // Random texts over the characters the rules care about, every window of some of them.
        let alphabet: Vec<String> = "aZ09 ./-'’,\t\n\r\u{b}\u{c}\u{85}\u{a0}é“”—«Ω漢!?:;()"
            .chars()
            .map(String::from)
            .collect();
        let alphabet: Vec<&str> = alphabet.iter().map(String::as_str).collect();
        for (n, t) in crate::enrich::quotes::random_texts(&alphabet, 3000, 40)
            .iter()
            .enumerate()
        {
            assert_eq!(words(t, 0, t.len()), words_by_char(t, 0, t.len()), "{t:?}");
            if n % 10 == 0 {
                for a in 0..=t.len() {
                    for z in a..=t.len() {
                        assert_eq!(words(t, a, z), words_by_char(t, a, z), "{t:?} {a}..{z}");
                    }
                }
            }
        }
        for t in [
            "Mr. Smith, 9/11 and 24/7 U.S. end. ",
            "the Smiths' house-",
            "Dec. 7’",
        ] {
            assert_eq!(words(t, 0, t.len()), words_by_char(t, 0, t.len()), "{t:?}");
        }
    }

    #[test]
    fn long_runs_split_as_the_char_scanner() {
        // Mostly letters and digits, so that runs reach and cross the eight bytes the scanner
        // measures at a time, with every kind of byte that ends a run.
        let alphabet = [
            "a", "b", "Z", "z", "7", "9", "q", "x", "0", " ", ".", "-", "'", "’", "é", "\u{a0}",
            ",", "@", "[", "`", "{", "/",
        ];
        for t in crate::enrich::quotes::random_texts(&alphabet, 3000, 60) {
            assert_eq!(
                words(&t, 0, t.len()),
                words_by_char(&t, 0, t.len()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn words_split_punctuation_and_keep_abbreviations() {
        let t = "Sen. Cruz said, “no.” U.S. ok.";
        let ws: Vec<&str> = words(t, 0, t.len())
            .iter()
            .map(|w| &t[w.start..w.end])
            .collect();
        assert_eq!(
            ws,
            ["Sen.", "Cruz", "said", ",", "“", "no", ".", "”", "U.S.", "ok", "."]
        );
    }

    #[test]
    fn abbreviated_months_keep_their_dot() {
        let t = "on Sept. 11 and Dec. 7";
        let ws: Vec<&str> = words(t, 0, t.len())
            .iter()
            .map(|w| &t[w.start..w.end])
            .collect();
        assert_eq!(ws, ["on", "Sept.", "11", "and", "Dec.", "7"]);
    }
}
