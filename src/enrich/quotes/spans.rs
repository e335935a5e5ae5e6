//! Quote-span detection: where the quote marks of one field open and close. Character-level and
//! independent of entities and cues; cue and speaker finding live in `cues` and `attribution`.
//!
//! Handled: straight `"` (paired by position), curly “ ”, German „ “, French « », quotes that
//! run over several paragraphs (an unclosed quote continues when the next paragraph opens with a
//! quote mark, the newspaper convention), and unbalanced marks, which are recovered *locally*: an
//! unclosed quote ends at its paragraph's end, a stray closer is ignored, so one bad mark never
//! swallows the rest of the article. Single quotes are deliberately not paired: in news text they
//! are mostly apostrophes or quotes nested inside a double-quoted span, which stays one span.
//! Quote marks inside markup tags (`<tweet author="…">`, common in scraped text) are skipped.

/// One quoted span. `outer_*` include the quote marks, `start..end` are the quoted words.
/// All offsets are UTF-8 byte offsets on char boundaries of the field text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteSpan {
    pub outer_start: usize,
    pub outer_end: usize,
    pub start: usize,
    pub end: usize,
    /// False when the quote was never closed and was cut at its paragraph's end.
    pub closed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `"`: direction decided by context.
    Straight,
    /// “ „ «: opens (“ also closes a „ quote).
    Open,
    /// ” »: closes.
    Close,
}

fn mark(c: char) -> Option<Mark> {
    match c {
        '"' => Some(Mark::Straight),
        '\u{201C}' | '\u{201E}' | '\u{AB}' => Some(Mark::Open),
        '\u{201D}' | '\u{BB}' => Some(Mark::Close),
        _ => None,
    }
}

/// True when the first non-space char of `rest` is a quote mark that can open a quote: the sign
/// that the previous paragraph's unclosed quote continues.
fn opens_with_quote(rest: &str) -> bool {
    rest.trim_start_matches([' ', '\t', '\u{A0}'])
        .chars()
        .next()
        .and_then(mark)
        .is_some_and(|m| m != Mark::Close)
}

/// The length of a transcript's speaker label opening `s` (`PENCE: Well…` gives 5): one or two
/// all-capital words of at least two letters, then a colon and a space. `Q:` never matches.
pub fn turn_label(s: &str) -> Option<usize> {
    let head = s.get(..s.len().min(40)).unwrap_or(s);
    let colon = head.find(':')?;
    let label = head.get(..colon)?;
    let words: Vec<&str> = label.split(' ').collect();
    let ok = (1..=2).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || matches!(c, '.' | '-' | '\''))
        })
        && head.get(colon + 1..).is_some_and(|r| r.starts_with(' '));
    ok.then_some(colon)
}

/// The longest paragraph the quote stage reads as one: a paragraph's bounds are looked for at
/// most this far from the offset asked about (beyond it, the bound stands in for the line
/// break). News paragraphs are a few KB (the longest line of BBC, PolNeAR and Reuters has 7 KB);
/// without the bound, a line of a megabyte was read back to its start at every quote mark in
/// it (300,000 `“‘`: quadratic time).
const MAX_PARA: usize = 16 * 1024;

/// `MAX_PARA` bytes after `from`, on a char boundary, or the end of the text.
fn far_end(text: &str, from: usize) -> usize {
    let mut hi = from.saturating_add(MAX_PARA).min(text.len());
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    hi
}

/// The byte offset where `text[from..]`'s current paragraph ends (at the next `\n`, or the end;
/// at most `MAX_PARA` bytes on).
fn para_end(text: &str, from: usize) -> usize {
    if text.get(from..).is_none() {
        return text.len();
    }
    // memchr's SIMD search: paragraph bounds are looked up several times a quote.
    let hi = far_end(text, from);
    text.get(from..hi)
        .and_then(|r| memchr::memchr(b'\n', r.as_bytes()))
        .map_or(hi, |i| from + i)
}

/// End of `text[..end]` without trailing whitespace.
fn trim_end_at(text: &str, start: usize, end: usize) -> usize {
    text.get(start..end)
        .map_or(start, |s| start + s.trim_end().len())
}

/// The bytes that can matter outside a tag: `"`, `<`, a line break, and the first bytes of
/// « » (0xC2) and “ ” „ (0xE2). One load a byte where five comparisons were.
const MATTERS: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'<' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t
};

/// The next occurrence of a needle at or after a position, remembered: asked for positions that
/// only grow (as `find_spans`' scan does), every byte is searched at most once; a smaller
/// position is searched afresh.
struct NextOf {
    needle: &'static [u8],
    asked: usize,
    found: Option<usize>,
    searched: bool,
}

impl NextOf {
    fn new(needle: &'static [u8]) -> Self {
        NextOf {
            needle,
            asked: 0,
            found: None,
            searched: false,
        }
    }

    fn at(&mut self, b: &[u8], from: usize) -> Option<usize> {
        // The first occurrence at or after `asked` is also the first at or after any `from`
        // between `asked` and it.
        let known = self.searched && from >= self.asked && self.found.is_none_or(|f| f >= from);
        if !known {
            self.asked = from;
            self.searched = true;
            self.found = b
                .get(from..)
                .and_then(|r| memchr::memmem::find(r, self.needle))
                .map(|k| from + k);
        }
        self.found
    }
}

/// The searches of the nested-curly-quote test, one per needle and starting point, so that
/// each is asked growing positions.
struct Lookahead {
    newline: NextOf,
    close: NextOf,
    open: NextOf,
    close_2: NextOf,
    open_2: NextOf,
}

impl Default for Lookahead {
    fn default() -> Self {
        const OPEN: &[u8] = "\u{201C}".as_bytes();
        const CLOSE: &[u8] = "\u{201D}".as_bytes();
        Lookahead {
            newline: NextOf::new(b"\n"),
            close: NextOf::new(CLOSE),
            open: NextOf::new(OPEN),
            close_2: NextOf::new(CLOSE),
            open_2: NextOf::new(OPEN),
        }
    }
}

/// Find the quoted spans of one field, in text order. A linear scan that jumps from one byte
/// that can matter (a quote mark's first byte, `<`, a line break) to the next: most of a field
/// is words, and decoding every char of it was most of this function's time. The char before a
/// mark is read back from the text.
pub fn find_spans(text: &str) -> Vec<QuoteSpan> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // The open quote: (offset of the mark, byte length of the mark).
    let mut open: Option<(usize, usize)> = None;
    let mut in_tag = false;
    // Just after a continuation paragraph's opening mark, which was consumed: a mark there is
    // read as following a space, as if the paragraphs were one.
    let mut joined_at: Option<usize> = None;
    // The look-ahead for a nested curly quote, remembered between the opening marks (a
    // paragraph of 300,000 “ read the rest of the paragraph at each one: quadratic).
    let mut ahead = Lookahead::default();
    let mut i = 0;
    while i < b.len() {
        // « and » start with 0xC2; “ ” „ with 0xE2. Every byte looked for starts a char.
        let skip = b.get(i..).and_then(|r| {
            r.iter().position(|&x| {
                if in_tag {
                    x == b'>' || x == b'\n'
                } else {
                    MATTERS[usize::from(x)]
                }
            })
        });
        let Some(skip) = skip else {
            break;
        };
        i += skip;
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let next = text.get(i + len..).and_then(|r| r.chars().next());
        if in_tag {
            // Only `>` or a line break was looked for.
            in_tag = false;
            i += len;
            continue;
        }
        if c == '<' && next.is_some_and(|n| n.is_ascii_alphabetic() || n == '/') {
            in_tag = true;
            i += len;
            continue;
        }
        if c == '\n' {
            if let Some((o, olen)) = open {
                // Multi-paragraph quote: continue only when the next non-empty paragraph opens
                // with a quote mark; otherwise recover locally by ending the quote here.
                let rest = text.get(i..).unwrap_or("");
                let skip = rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t']).len();
                let next_para = rest.get(skip..).unwrap_or("");
                let opened = next_para.trim_start_matches([' ', '\t', '\u{A0}']);
                let mark_len = opened.chars().next().map_or(1, char::len_utf8);
                // A transcript's next turn (`"PENCE: Well, …`) is a new quote, not more of this
                // speaker's words.
                let turn = opened
                    .get(mark_len..)
                    .is_some_and(|r| turn_label(r).is_some());
                if opens_with_quote(next_para) && !turn {
                    // Consume the continuation paragraph's opening mark so it does not start a
                    // new quote.
                    let target = i + skip + (next_para.len() - opened.len());
                    i = target + mark_len;
                    joined_at = Some(i);
                    continue;
                }
                let end = trim_end_at(text, o + olen, i);
                if end > o + olen {
                    out.push(QuoteSpan {
                        outer_start: o,
                        outer_end: end,
                        start: o + olen,
                        end,
                        closed: false,
                    });
                }
                open = None;
            }
            i += len;
            continue;
        }
        let Some(m) = mark(c) else {
            i += len;
            continue;
        };
        let prev = if joined_at == Some(i) {
            Some(' ')
        } else {
            text.get(..i).and_then(|r| r.chars().next_back())
        };
        // A straight mark after a word or punctuation and before a space closes; with nothing
        // open it is a stray closer (or an inch mark) and is ignored.
        let looks_closing = prev.is_some_and(|p| !p.is_whitespace() && !"([{—–-:".contains(p))
            && next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]—–-".contains(n));
        match (open, m) {
            (Some((o, olen)), Mark::Straight | Mark::Close) => {
                out.push(QuoteSpan {
                    outer_start: o,
                    outer_end: i + len,
                    start: o + olen,
                    end: i,
                    closed: true,
                });
                open = None;
            }
            // A curly quote nested in a curly quote (`“…what he calls “hell” than…”`): the inner
            // one closes first and a second closer follows in the paragraph, no opener between.
            // The inner quote is skipped and the outer stays open.
            (Some((o, _)), Mark::Open)
                if c == '\u{201C}'
                    && text.get(o..).is_some_and(|s| s.starts_with('\u{201C}'))
                    && {
                        // In this paragraph: a closer, no opener before it, then a second
                        // closer with no opener before that one.
                        let pe = ahead
                            .newline
                            .at(b, i)
                            .unwrap_or(b.len())
                            .min(far_end(text, i));
                        let from = i + len;
                        ahead
                            .close
                            .at(b, from)
                            .filter(|&a| a < pe)
                            .is_some_and(|a| {
                                ahead.open.at(b, from).is_none_or(|x| x >= a)
                                    && ahead.close_2.at(b, a + 3).filter(|&z| z < pe).is_some_and(
                                        |z| ahead.open_2.at(b, a + 3).is_none_or(|x| x >= z),
                                    )
                            })
                    } =>
            {
                i = ahead.close.at(b, i + len).map_or(i + len, |a| a + 3);
                continue;
            }
            (Some((o, olen)), Mark::Open) => {
                // “ closes a German „ quote; otherwise a second opener means the first was never
                // closed: end it just before the new one (local recovery) and start afresh.
                // So does an opener written where a closer belongs (`unusual,“ said`): after a
                // word or punctuation and before a space — a common typesetting slip.
                if c == '\u{201C}'
                    && (text.get(o..).is_some_and(|s| s.starts_with('\u{201E}')) || looks_closing)
                {
                    out.push(QuoteSpan {
                        outer_start: o,
                        outer_end: i + len,
                        start: o + olen,
                        end: i,
                        closed: true,
                    });
                    open = None;
                } else {
                    let end = trim_end_at(text, o + olen, i);
                    if end > o + olen {
                        out.push(QuoteSpan {
                            outer_start: o,
                            outer_end: end,
                            start: o + olen,
                            end,
                            closed: false,
                        });
                    }
                    open = Some((i, len));
                }
            }
            (None, Mark::Open) => open = Some((i, len)),
            (None, Mark::Straight) if !looks_closing => open = Some((i, len)),
            // A stray closer: nothing is open, so there is nothing to close.
            (None, _) => {}
        }
        i += len;
    }
    if let Some((o, len)) = open {
        let end = trim_end_at(text, o + len, text.len());
        if end > o + len {
            out.push(QuoteSpan {
                outer_start: o,
                outer_end: end,
                start: o + len,
                end,
                closed: false,
            });
        }
    }
    // Empty quotes ("") carry no words.
    out.retain(|s| {
        s.end > s.start
            && text
                .get(s.start..s.end)
                .is_some_and(|t| !t.trim().is_empty())
    });
    out
}

/// The start of the paragraph holding `at` (at most `MAX_PARA` bytes back).
pub fn para_start(text: &str, at: usize) -> usize {
    if text.get(..at).is_none() {
        return 0;
    }
    let lo = super::floor_boundary(text, at.saturating_sub(MAX_PARA));
    text.get(lo..at)
        .and_then(|s| memchr::memrchr(b'\n', s.as_bytes()))
        .map_or(lo, |i| lo + i + 1)
}

/// The end of the paragraph holding `at`.
pub fn para_end_of(text: &str, at: usize) -> usize {
    para_end(text, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        find_spans(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn paragraph_bounds_are_the_lines_within_max_para_bytes() {
        let t = "ab\ncd\n\nef";
        for (at, want) in [
            (0, (0, 2)),
            (1, (0, 2)),
            (3, (3, 5)),
            (6, (6, 6)),
            (7, (7, 9)),
        ] {
            assert_eq!((para_start(t, at), para_end(t, at)), want, "at {at}");
        }
        // Within a line longer than MAX_PARA (a 3-byte char at every fourth byte), the bounds
        // stop MAX_PARA bytes away, on a char boundary.
        let t = format!("a\n{}\nb", "x“".repeat(MAX_PARA));
        let at = 2 + 4 * (MAX_PARA / 2);
        let (s, e) = (para_start(&t, at), para_end(&t, at));
        assert!(at - s <= MAX_PARA && at - s > MAX_PARA - 4, "{s}");
        assert!(e - at >= MAX_PARA && e - at < MAX_PARA + 4, "{e}");
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
        assert_eq!(
            (para_start(&t, 10), para_end(&t, t.len() - 10)),
            (2, t.len() - 2)
        );
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(texts(r#"She said "yes, fine" and left."#), ["yes, fine"]);
        assert_eq!(texts("He said “no” and “maybe.”"), ["no", "maybe."]);
        assert_eq!(texts("Il a dit « non » hier."), [" non "]);
        assert_eq!(texts("Er sagte „nein“ gestern."), ["nein"]);
        assert_eq!(texts("“It is odd,“ said Ada."), ["It is odd,"]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            texts("“They told me ‘go home’ twice,” she said."),
            ["They told me ‘go home’ twice,"]
        );
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t = "Title\n\n“First part.\n\n“Second part,” he said.\n\nAfter.";
        let s = find_spans(t);
        assert_eq!(s.len(), 1);
        assert!(t[s[0].start..s[0].end].ends_with("Second part,"));
    }

    #[test]
    fn nested_curly_quote_stays_inside_the_outer_one() {
        let t = "“I’d rather live in what he calls “hell” than here.” ― Ada Byron";
        let s = find_spans(t);
        assert_eq!(s.len(), 1);
        assert_eq!(
            &t[s[0].start..s[0].end],
            "I’d rather live in what he calls “hell” than here."
        );
        // An opener with no second closer in the paragraph still starts afresh.
        let t = "“We will win, he said “and soon.”";
        assert_eq!(find_spans(t).len(), 2);
    }

    #[test]
    fn unclosed_quote_is_cut_at_paragraph_end() {
        let t = "He said “we will win.\n\nThe next paragraph says nothing quoted.";
        assert_eq!(texts(t), ["we will win."]);
    }

    #[test]
    fn stray_closer_and_tags_are_ignored() {
        assert_eq!(texts("He is 6'2\" tall. Then \"ok\" came."), ["ok"]);
        assert_eq!(
            texts("<tweet author=\"@x\" id=\"1\">hi</tweet> \"yo\""),
            ["yo"]
        );
    }
}
