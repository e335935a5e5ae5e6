//! Quote marks in reported speech: whether a stretch of text holds a quotation mark (not an
//! apostrophe), and whether an indirect quote's clause and speaker keep clear of every quote mark
//! and direct quote. The words between marks are someone's own: a reported clause that runs into
//! them belongs to the direct stage.

use crate::article::Quote;

/// The first bytes of the marks `has_quote_mark` looks for, as a table: one load a byte.
const MARK_LEAD: [bool; 256] =
    super::super::cues::byte_table!(b => matches!(b, b'"' | b'\'' | 0xC2 | 0xE2));

/// Quote marks of any kind, and a straight or curly single quote that opens or closes a quoted
/// phrase (not an apostrophe inside a word). A sentence holding one is left to the direct-quote
/// stage.
pub(super) fn has_quote_mark(s: &str) -> bool {
    // Every mark looked for starts with one of these bytes (« » with 0xC2, the curly ones with
    // 0xE2), so only those are decoded.
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(k) = b
        .get(i..)
        .and_then(|r| r.iter().position(|&x| MARK_LEAD[usize::from(x)]))
    {
        i += k;
        let Some(c) = s.get(i..).and_then(|r| r.chars().next()) else {
            return false;
        };
        match c {
            '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '‹' | '›' => return true,
            '\'' | '’' => {
                let before = s.get(..i).and_then(|b| b.chars().next_back());
                let after = s.get(i + c.len_utf8()..).and_then(|a| a.chars().next());
                let letter = |o: Option<char>| o.is_some_and(char::is_alphanumeric);
                // Inside a word ("don't", "Russia’s") or a plural possessive ("the Smiths’
                // house") is an apostrophe; anything else is a quote mark.
                if !(letter(before) && (letter(after) || after.is_none_or(char::is_whitespace))) {
                    return true;
                }
            }
            _ => {}
        }
        i += c.len_utf8();
    }
    false
}

/// Whether indirect quote `q` keeps clear of quotations: no quote mark in its clause or its
/// speaker's mention, and no direct quote overlapping or touching either.
pub(super) fn clear_of_quotes(text: &str, direct: &[Quote], q: &Quote) -> bool {
    let ms = q.speaker_start.unwrap_or(q.start);
    let me = q.speaker_end.unwrap_or(q.end);
    clear_spans(text, direct, (q.start, q.end), (ms, me))
}

/// Whether neither the clause `qs..qe` nor the mention `ms..me` holds a quote mark or touches a
/// direct quote (see `clear_of_quotes`).
pub(in crate::enrich::quotes) fn clear_spans(
    text: &str,
    direct: &[Quote],
    (qs, qe): (usize, usize),
    (ms, me): (usize, usize),
) -> bool {
    let spans = [(qs, qe), (ms, me)];
    spans.iter().all(|&(s, e)| {
        !text.get(s..e).is_none_or(has_quote_mark)
            && !direct.iter().any(|d| d.start < e + 1 && s < d.end + 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_quote_mark_by_char(s: &str) -> bool {
        if s.contains(['"', '“', '”', '„', '«', '»', '‘', '‹', '›']) {
            return true;
        }
        s.char_indices().any(|(i, c)| {
            (c == '\'' || c == '’') && {
                let before = s.get(..i).and_then(|b| b.chars().next_back());
                let after = s.get(i + c.len_utf8()..).and_then(|a| a.chars().next());
                let letter = |o: Option<char>| o.is_some_and(char::is_alphanumeric);
                // Inside a word ("don't", "Russia’s") or a plural possessive ("the Smiths’ house")
                // is an apostrophe; anything else is a quote mark.
                !(letter(before) && (letter(after) || after.is_none_or(char::is_whitespace)))
            }
        })
    }

    #[test]
    fn the_byte_scan_agrees_with_the_char_scan() {
        let alphabet = [
            "a", "Z", "9", " ", "\n", "\"", "'", "’", "‘", "“", "”", "„", "«", "»", "‹", "›", "é",
            "—", "said", ".", ",",
        ];
        for t in crate::enrich::quotes::random_texts(&alphabet, 20_000, 12) {
            assert_eq!(has_quote_mark(&t), has_quote_mark_by_char(&t), "{t:?}");
        }
    }
}
