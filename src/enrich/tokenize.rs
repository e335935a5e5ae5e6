//! Tokens and sentences with UTF-8 byte offsets, shared by NER and quotes.
//!
//! The tagger is trained on CoNLL-2003 tokens, so running text is cut the way CoNLL cut Reuters:
//! punctuation and quote marks are tokens of their own, the possessive and clitics split off
//! ("Russia’s" → "Russia" "’s", "don't" → "do" "n't"), hyphenated words, decimals ("15.8m"),
//! thousands ("1,000"), fractions ("1/2"), "AT&T", "O'Brien" and dotted abbreviations
//! ("U.S.", "Mr.", "Jan.", "a.m.") stay whole. Text that is already tokenised (the CoNLL eval
//! files: tokens separated by spaces) comes out unchanged.
//!
//! Sentences end at a line break, or after `.`/`!`/`?` (plus closing quotes and brackets) when the
//! next token could start a sentence. A known abbreviation ("Mr.", "Jan.") never ends one.
//!
//! This module owns only segmentation; what a token *means* is for `ner` and `quotes`. It never
//! panics: every offset it returns lies on a char boundary of the input.

use std::ops::Range;

/// What kind of text a token is; lets callers skip punctuation without re-inspecting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Starts with a letter ("Stoltenberg", "U.S.", "n't", "’s", "AT&T").
    Word,
    /// Starts with a digit ("1996", "15.8m", "1/2").
    Number,
    /// A quote mark: `"` `“` `”` `„` `‘` `’` `'` `«` `»` (and backtick pairs).
    Quote,
    /// A dash used as punctuation: `-` `–` `—` `--`.
    Dash,
    /// Any other symbol or punctuation (`.` `,` `(` `$` `£` `...`).
    Punct,
}

/// One token: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    /// The token's text; empty (never a panic) if `text` is not the string it came from.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// One sentence: byte span `start..end` in the text and the index range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// A tokenised text: tokens in order and the sentences that partition them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokenized {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Tokenise `text` and split it into sentences.
pub fn analyze(text: &str) -> Tokenized {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut breaks = Vec::new();
    tokenize_into(text, &mut tokens, &mut breaks);
    let sentences = split_sentences(text, &tokens, &breaks);
    Tokenized { tokens, sentences }
}

/// Tokenise `text` (no sentence split).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut breaks = Vec::new();
    tokenize_into(text, &mut tokens, &mut breaks);
    tokens
}

/// Abbreviations that keep their trailing period and never end a sentence. Lowercase; compared
/// against the lowercased word before the period. Titles, months, company suffixes and the Latin
/// ones newswire uses.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "lt", "col", "maj",
    "capt", "cpt", "sgt", "adm", "cmdr", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "insp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc",
    "corp", "co", "ltd", "plc", "bros", "vs", "etc", "no", "nos", "vol", "fig", "approx", "est",
    "dept", "univ", "assn", "calif", "mass", "conn", "wash", "fla", "ill", "mich", "penn", "tenn",
    "ariz", "colo", "okla", "ore", "wis", "minn", "ky", "va", "md", "pa", "ga", "ala", "la",
];

/// Abbreviations that keep their period but may still end a sentence ("… in the U.S. The …"):
/// only the first table blocks a sentence break.
fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() || word.len() > 6 {
        return false;
    }
    let mut buf = [0u8; 6];
    for (i, b) in word.bytes().enumerate() {
        buf[i] = b.to_ascii_lowercase();
    }
    let lower = &buf[..word.len()];
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}

fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '\''
            | '«'
            | '»'
            | '‹'
            | '›'
            | '`'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`')
}

fn is_dash_char(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−')
}

/// Clitics CoNLL splits off a word: "'s" "'re" "'ve" "'ll" "'m" "'d" (any apostrophe, any case).
fn clitic_len(rest: &str) -> Option<usize> {
    let mut it = rest.char_indices();
    let (_, a) = it.next()?;
    if !is_apostrophe(a) {
        return None;
    }
    let after = &rest[a.len_utf8()..];
    let lower: String = after
        .chars()
        .take(3)
        .take_while(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    let next_is_alnum = |n: usize| {
        after[n..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
    };
    for cl in ["s", "re", "ve", "ll", "m", "d"] {
        if lower.starts_with(cl) && !next_is_alnum(cl.len()) {
            return Some(a.len_utf8() + cl.len());
        }
    }
    None
}

/// Tokenise into `out`; `breaks` receives token indices that start a new line (a hard sentence
/// boundary), since line structure is invisible in the tokens themselves.
fn tokenize_into(text: &str, out: &mut Vec<Token>, breaks: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut pending_break = false;
    while i < bytes.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            if c == '\n' || c == '\u{2029}' || c == '\u{2028}' {
                pending_break = true;
            }
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = scan_token(text, i, c);
        // Defensive: a scanner bug must never loop forever or produce an empty token.
        let end = if end <= i { i + c.len_utf8() } else { end };
        if pending_break {
            breaks.push(out.len());
            pending_break = false;
        }
        push_word_with_clitic(text, i, end, kind, out);
        i = end;
    }
}

/// Push a token, splitting "n't" off a word ("don't" → "do" "n't") as CoNLL does.
fn push_word_with_clitic(
    text: &str,
    start: usize,
    end: usize,
    kind: TokenKind,
    out: &mut Vec<Token>,
) {
    if kind == TokenKind::Word && end - start > 3 {
        let w = &text[start..end];
        let lb = w.as_bytes();
        let n = lb.len();
        if n >= 4
            && (lb[n - 1] == b't' || lb[n - 1] == b'T')
            && (lb[n - 2] == b'\'')
            && (lb[n - 3] == b'n' || lb[n - 3] == b'N')
        {
            out.push(Token {
                start,
                end: end - 3,
                kind,
            });
            out.push(Token {
                start: end - 3,
                end,
                kind,
            });
            return;
        }
        // Curly apostrophe: "don’t" (’ is 3 bytes).
        if w.ends_with("n’t") || w.ends_with("N’T") {
            let cut = end - "n’t".len();
            if cut > start {
                out.push(Token {
                    start,
                    end: cut,
                    kind,
                });
                out.push(Token {
                    start: cut,
                    end,
                    kind,
                });
                return;
            }
        }
    }
    out.push(Token { start, end, kind });
}

/// Scan one token starting at byte `i` whose first char is `c`; returns its end and kind.
fn scan_token(text: &str, i: usize, c: char) -> (usize, TokenKind) {
    let rest = &text[i..];
    if c.is_alphanumeric() {
        return scan_word(text, i, c);
    }
    if is_apostrophe(c) {
        // A clitic ("'s", "’re") attached to the previous word, or a lone apostrophe/quote.
        if let Some(n) = clitic_len(rest) {
            let prev_alnum = text[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_alphanumeric());
            let next_word_char = rest[n..]
                .chars()
                .next()
                .is_none_or(|p| !p.is_alphanumeric());
            if prev_alnum && next_word_char {
                return (i + n, TokenKind::Word);
            }
            // "'s" after a space in pre-tokenised text ("Russia 's") is a clitic token too.
            if next_word_char && (i == 0 || text[..i].ends_with(char::is_whitespace)) {
                return (i + n, TokenKind::Word);
            }
        }
        // "n't" in pre-tokenised text starts with 'n' and is handled by scan_word.
        let n = c.len_utf8();
        // Paired backticks/quotes as in "``" or "''" are one quote token.
        if let Some(d) = rest[n..].chars().next() {
            if d == c && (c == '`' || c == '\'') {
                return (i + 2 * n, TokenKind::Quote);
            }
        }
        return (i + n, TokenKind::Quote);
    }
    if is_quote_char(c) {
        return (i + c.len_utf8(), TokenKind::Quote);
    }
    if is_dash_char(c) {
        // "--" is one dash; "-" before a digit with nothing before is a negative number.
        let n = c.len_utf8();
        if c == '-' {
            let mut j = i + 1;
            while text.as_bytes().get(j) == Some(&b'-') {
                j += 1;
            }
            if j > i + 1 {
                return (j, TokenKind::Dash);
            }
        }
        return (i + n, TokenKind::Dash);
    }
    if c == '.' {
        // An ellipsis "..." (or "..") is one token.
        let mut j = i;
        while text.as_bytes().get(j) == Some(&b'.') {
            j += 1;
        }
        return (j, TokenKind::Punct);
    }
    (i + c.len_utf8(), TokenKind::Punct)
}

/// Scan a word or number: letters/digits joined by internal `-` `.` `,` `/` `&` `'` where the
/// joiner is followed by a letter or digit; then decide whether a trailing `.` belongs to it.
fn scan_word(text: &str, start: usize, first: char) -> (usize, TokenKind) {
    let kind = if first.is_numeric() {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    let mut j = start + first.len_utf8();
    let mut has_inner_dot = false;
    let mut prev = first;
    while let Some(c) = text[j..].chars().next() {
        if c.is_alphanumeric() || c == '\u{AD}' {
            prev = c;
            j += c.len_utf8();
            continue;
        }
        let after = text[j + c.len_utf8()..].chars().next();
        let joins = match c {
            // Hyphenated words and ranges: "Anglo-Dutch", "1996-08-22".
            '-' | '‐' => after.is_some_and(|a| a.is_alphanumeric()),
            // "U.S", "3.5", "a.m"; not a sentence end followed by a word ("end.Next" is rare).
            '.' => after.is_some_and(|a| a.is_alphanumeric()),
            // "1,000" and "1/2" join digits only.
            ',' | '/' => prev.is_numeric() && after.is_some_and(|a| a.is_numeric()),
            // "AT&T", "S&P".
            '&' => {
                prev.is_uppercase()
                    && after.is_some_and(|a| a.is_uppercase())
                    && text[j + 1..]
                        .chars()
                        .take_while(|a| a.is_alphanumeric())
                        .count()
                        <= 2
            }
            // "O'Brien", "Gen'l" stay whole; clitics ("'s", "'re") split off.
            '\'' | '’' => {
                after.is_some_and(|a| a.is_alphabetic())
                    && clitic_len(&text[j..]).is_none()
                    && !text[j + c.len_utf8()..].starts_with('t')
                    && !(prev == 'n' || prev == 'N') // "don't" is split later
            }
            _ => false,
        };
        if !joins {
            break;
        }
        if c == '.' {
            has_inner_dot = true;
        }
        prev = c;
        j += c.len_utf8();
    }
    // Currency prefixes: "US$", "C$", "HK$" are one token in CoNLL.
    if kind == TokenKind::Word
        && text.as_bytes().get(j) == Some(&b'$')
        && j - start <= 3
        && text[start..j].chars().all(|c| c.is_ascii_uppercase())
    {
        return (j + 1, kind);
    }
    // "n't": "don't" scanned as "don" + "'t" would be wrong; take the whole "don't" and let
    // push_word_with_clitic split it.
    if text[j..].starts_with("'t") || text[j..].starts_with("’t") {
        let q = if text[j..].starts_with('\'') { 1 } else { 3 };
        let after = text[j + q + 1..].chars().next();
        if (prev == 'n' || prev == 'N') && after.is_none_or(|a| !a.is_alphanumeric()) {
            j += q + 1;
            return (j, kind);
        }
    }
    // Trailing period: keep it for "U.S.", "a.m.", single initials ("J."), known abbreviations
    // ("Mr.", "Jan.") and ordinals in lists are left as "3" "." (CoNLL keeps "3." but that only
    // matters in sports tables).
    if text.as_bytes().get(j) == Some(&b'.') && text.as_bytes().get(j + 1) != Some(&b'.') {
        let word = &text[start..j];
        let single_letter = word.chars().count() == 1 && first.is_alphabetic();
        if kind == TokenKind::Word && (has_inner_dot || single_letter || is_abbreviation(word)) {
            j += 1;
        } else if kind == TokenKind::Number && word.len() <= 3 && starts_line(text, start) {
            // A list enumerator at the start of a line ("1. Michael Johnson"), kept whole as
            // CoNLL does; a number ending a sentence ("in 2004.") keeps its period separate.
            j += 1;
        }
    }
    (j, kind)
}

/// Whether byte `i` starts a line (only spaces or tabs between it and the previous newline).
fn starts_line(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .rev()
        .find(|c| *c != ' ' && *c != '\t')
        .is_none_or(|c| c == '\n' || c == '\r')
}

/// Whether a sentence may end after token `t` (already known to end in `.`, `!`, `?`).
fn split_sentences(text: &str, tokens: &[Token], breaks: &[usize]) -> Vec<Sentence> {
    let mut out = Vec::new();
    if tokens.is_empty() {
        return out;
    }
    let mut is_break = vec![false; tokens.len() + 1];
    for &b in breaks {
        if b < is_break.len() {
            is_break[b] = true;
        }
    }
    let mut first = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let s = t.text(text);
        let mut end_here = false;
        let mut last = i;
        if is_terminator(s, t.kind) {
            // Swallow closing quotes and brackets: `… it."` ends after the quote.
            while last + 1 < tokens.len()
                && !is_break[last + 1]
                && is_closer(tokens[last + 1].text(text), tokens[last + 1].kind)
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(n) => is_break[last + 1] || could_start_sentence(n.text(text), n.kind),
            };
            // "Mr." / "Jan." never end a sentence; "U.S." does only before a capital.
            if t.kind == TokenKind::Word && s.ends_with('.') {
                let stem = &s[..s.len() - 1];
                // Dotted acronyms ("U.S.", "U.N.") mostly stand before a noun ("U.S. President");
                // only a line break ends a sentence after them.
                if is_abbreviation(stem) || stem.chars().count() == 1 || stem.contains('.') {
                    end_here = false;
                }
            }
        }
        if !end_here && is_break.get(i + 1).copied().unwrap_or(false) {
            end_here = true;
            last = i;
        }
        if end_here || last + 1 >= tokens.len() {
            let last = last.min(tokens.len() - 1);
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[last].end,
                tokens: first..last + 1,
            });
            first = last + 1;
            i = last + 1;
        } else {
            i += 1;
        }
    }
    if first < tokens.len() {
        out.push(Sentence {
            start: tokens[first].start,
            end: tokens[tokens.len() - 1].end,
            tokens: first..tokens.len(),
        });
    }
    out
}

fn is_terminator(s: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Punct => matches!(s, "." | "!" | "?" | "..." | "…") || s.starts_with(".."),
        TokenKind::Word => s.ends_with('.') && s.len() > 1,
        _ => false,
    }
}

fn is_closer(s: &str, kind: TokenKind) -> bool {
    (matches!(kind, TokenKind::Quote) && !matches!(s, "“" | "„" | "«" | "‘" | "``"))
        || matches!(s, ")" | "]" | "}")
}

fn could_start_sentence(s: &str, kind: TokenKind) -> bool {
    match kind {
        TokenKind::Quote | TokenKind::Dash | TokenKind::Number => true,
        TokenKind::Punct => matches!(s, "(" | "[" | "-"),
        TokenKind::Word => s.chars().next().is_some_and(|c| c.is_uppercase()),
    }
}

/// True if the first character is uppercase ("Stoltenberg", "US").
pub fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// True if the word has at least one letter and no lowercase letter ("NATO", "U.S.", "G7").
pub fn is_all_caps(s: &str) -> bool {
    let mut letters = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters = true;
        }
    }
    letters
}

/// Lowercase `s` into `buf` (cleared first) without allocating when `buf` has room; ASCII fast
/// path. Returns the lowercased text.
pub fn lowercase_into<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf.as_str()
}

/// Lowercase copy of `s`.
pub fn lowercase(s: &str) -> String {
    let mut b = String::with_capacity(s.len());
    lowercase_into(s, &mut b);
    b
}

/// Normalise typographic quotes/apostrophes to ASCII so "’s" and "'s" compare equal.
pub fn normalize_apostrophes(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(|c| matches!(c, '’' | '‘' | '`')) {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| {
                    if matches!(c, '’' | '‘' | '`') {
                        '\''
                    } else {
                        c
                    }
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    fn sents(s: &str) -> Vec<&str> {
        let t = analyze(s);
        t.sentences.iter().map(|x| &s[x.start..x.end]).collect()
    }

    #[test]
    fn conll_like_tokens_from_running_text() {
        assert_eq!(
            toks("Mr. Smith's U.S. firm, AT&T, won't pay £15.8m."),
            [
                "Mr.", "Smith", "'s", "U.S.", "firm", ",", "AT&T", ",", "wo", "n't", "pay", "£",
                "15.8m", "."
            ]
        );
        assert_eq!(toks("Russia’s borders"), ["Russia", "’s", "borders"]);
        assert_eq!(
            toks("“Now is the time,” – said Stoltenberg"),
            [
                "“",
                "Now",
                "is",
                "the",
                "time",
                ",",
                "”",
                "–",
                "said",
                "Stoltenberg"
            ]
        );
        assert_eq!(
            toks("Anglo-Dutch 1,000 1/2 O'Brien"),
            ["Anglo-Dutch", "1,000", "1/2", "O'Brien"]
        );
        assert_eq!(toks("presidency-could"), ["presidency-could"]);
        assert_eq!(
            toks("1. Johnson ( U.S. ) 19.32\nin 2004."),
            ["1.", "Johnson", "(", "U.S.", ")", "19.32", "in", "2004", "."]
        );
        assert_eq!(toks("US$ 5 and C$"), ["US$", "5", "and", "C$"]);
        assert_eq!(toks("it's they're"), ["it", "'s", "they", "'re"]);
    }

    #[test]
    fn pretokenised_text_is_unchanged() {
        let s = "Germany 's representative to the U.S. , Mr. Fischler ( 1996-08-22 ) said n't \" yes \" ...";
        let expect: Vec<&str> = s.split(' ').collect();
        assert_eq!(toks(s), expect);
    }

    #[test]
    fn sentences_respect_abbreviations_and_lines() {
        assert_eq!(
            sents("Mr. Smith went to Washington. He met Gen. Jones on Jan. 5. “Yes.” Then he left"),
            [
                "Mr. Smith went to Washington.",
                "He met Gen. Jones on Jan. 5.",
                "“Yes.”",
                "Then he left"
            ]
        );
        assert_eq!(
            sents("HEADLINE HERE\n\nBody one\nbody two"),
            ["HEADLINE HERE", "Body one", "body two"]
        );
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let s = "Zoë — “Café” ’s naïve… ½ 日本 x";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end);
        }
    }

    #[test]
    fn case_helpers() {
        assert!(is_capitalized("Éric"));
        assert!(is_all_caps("U.S."));
        assert!(!is_all_caps("1996"));
        assert_eq!(lowercase("ÉRIC"), "éric");
    }
}
