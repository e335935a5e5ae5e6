//! The cue lexicon and the word scanner the quote stage reads context with: reporting verbs in
//! every tense ("said", "says", "told", "writes", "wrote", "warned"…), multi-word cues
//! ("according to", "went on"), and the small closed word classes (pronouns, titles, auxiliaries)
//! that subject finding needs. It decides nothing about speakers; that is `attribution`.

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

/// Reporting verbs, every inflection, lowercase. Kept sorted for binary search. Sources: the
/// verbs the brief names plus the attribution cues most frequent in the PolNeAR train split.
const CUE_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "accusing",
    "acknowledge",
    "acknowledged",
    "acknowledges",
    "add",
    "added",
    "adding",
    "adds",
    "admit",
    "admits",
    "admitted",
    "agreed",
    "agrees",
    "announce",
    "announced",
    "announces",
    "answered",
    "argue",
    "argued",
    "argues",
    "arguing",
    "ask",
    "asked",
    "asking",
    "asks",
    "assert",
    "asserted",
    "asserts",
    "assured",
    "assures",
    "barked",
    "blamed",
    "blasted",
    "boast",
    "boasted",
    "boasts",
    "called",
    "calling",
    "calls",
    "challenged",
    "chanted",
    "chanting",
    "chants",
    "charged",
    "chiding",
    "cited",
    "cites",
    "citing",
    "claimed",
    "claiming",
    "claims",
    "commented",
    "complain",
    "complained",
    "complains",
    "conceded",
    "conclude",
    "concluded",
    "concludes",
    "confirmed",
    "contend",
    "contended",
    "contends",
    "continue",
    "continued",
    "continues",
    "countered",
    "cried",
    "criticized",
    "declare",
    "declared",
    "declares",
    "declaring",
    "denied",
    "denounced",
    "described",
    "describes",
    "describing",
    "echoed",
    "echoes",
    "elaborated",
    "emailed",
    "emphasised",
    "emphasized",
    "emphasizes",
    "exclaimed",
    "explain",
    "explained",
    "explaining",
    "explains",
    "hinted",
    "insist",
    "insisted",
    "insisting",
    "insists",
    "interjected",
    "joked",
    "jokes",
    "lamented",
    "maintained",
    "messaged",
    "mocked",
    "mocking",
    "mocks",
    "mused",
    "noted",
    "notes",
    "noting",
    "observed",
    "opined",
    "pledged",
    "pledges",
    "pointed",
    "posted",
    "praised",
    "praising",
    "predicted",
    "proclaimed",
    "promised",
    "promises",
    "pronounced",
    "questioned",
    "quipped",
    "reads",
    "recalled",
    "recalls",
    "recounted",
    "recounts",
    "referred",
    "remarked",
    "remarking",
    "repeated",
    "replied",
    "replies",
    "reported",
    "reports",
    "responded",
    "responds",
    "retorted",
    "retweeted",
    "said",
    "say",
    "saying",
    "says",
    "scoffed",
    "shouted",
    "shouting",
    "snapped",
    "stated",
    "states",
    "stating",
    "stressed",
    "stresses",
    "suggested",
    "suggesting",
    "surmised",
    "tell",
    "telling",
    "tells",
    "testified",
    "thundered",
    "told",
    "tweeted",
    "tweeting",
    "tweets",
    "urged",
    "vowed",
    "warn",
    "warned",
    "warning",
    "warns",
    "wondered",
    "write",
    "writes",
    "writing",
    "written",
    "wrote",
    "yelled",
    "yelling",
];

/// `w` in ASCII lowercase without allocating, for the lexicon tests: `w` itself when it holds no
/// capital (most words), else a lowercase copy in `buf`. A capitalised word longer than `buf` —
/// longer than any lexicon word — comes back empty. (`to_ascii_lowercase` allocated a string
/// for every test.)
pub fn lower<'a>(w: &'a str, buf: &'a mut [u8; 32]) -> &'a str {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return w;
    }
    let Some(dst) = buf.get_mut(..w.len()) else {
        return "";
    };
    dst.copy_from_slice(w.as_bytes());
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).unwrap_or("")
}

/// Dashes that cue or sign speech ("“…” – said Stoltenberg", "“…” ― Ana Ruiz").
pub const DASHES: [char; 5] = ['-', '–', '—', '―', '‒'];

/// True for a reporting verb. Lowercase only: a capitalised "States" or "Calls" is a name or a
/// headline word, not a cue.
pub fn is_cue_verb(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if !first.is_ascii_lowercase() || b.len() > 12 {
        return false;
    }
    // Most words asked about are not cues: their first letter, last letter and length rule
    // them out before the key is built and searched for (whose comparisons mispredict).
    let last = last.to_ascii_lowercase();
    if !last.is_ascii_lowercase()
        || CUE_SHAPES[usize::from(first - b'a')][usize::from(last - b'a')] >> b.len() & 1 == 0
        || !w.is_ascii()
    {
        return false;
    }
    let key = w.bytes().enumerate().fold(0u128, |k, (i, c)| {
        k | u128::from(c.to_ascii_lowercase()) << (120 - 8 * i)
    });
    CUE_KEYS.binary_search(&key).is_ok()
}

/// For each first and last letter of a cue verb, the set of its lengths (bit n: n letters).
/// Every cue verb is lowercase letters, at most 12 of them (see the lexicon test).
const CUE_SHAPES: [[u16; 26]; 26] = {
    let mut shapes = [[0u16; 26]; 26];
    let mut i = 0;
    while i < CUE_VERBS.len() {
        let w = CUE_VERBS[i].as_bytes();
        shapes[(w[0] - b'a') as usize][(w[w.len() - 1] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    shapes
};

/// A word of at most 16 bytes as one number: its bytes big-endian, zero-padded. For such words
/// the numbers sort as the words do, so the sorted lexicon becomes a sorted key table, and a
/// look-up compares integers where a binary search over strings cost 400 instructions a word
/// (1.4% of `morgue extract`'s, callgrind).
const fn word_key(w: &str) -> u128 {
    let b = w.as_bytes();
    let mut buf = [0u8; 16];
    let mut i = 0;
    while i < b.len() {
        buf[i] = b[i];
        i += 1;
    }
    u128::from_be_bytes(buf)
}

/// `CUE_VERBS` as keys, in the same order.
const CUE_KEYS: [u128; CUE_VERBS.len()] = {
    let mut keys = [0u128; CUE_VERBS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = word_key(CUE_VERBS[i]);
        i += 1;
    }
    keys
};

/// Words that may sit between a subject and its verb ("he later said", "Trump has said").
pub fn is_aux_or_adverb(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "also"
            | "later"
            | "then"
            | "has"
            | "had"
            | "have"
            | "once"
            | "recently"
            | "previously"
            | "again"
            | "further"
            | "simply"
            | "just"
            | "repeatedly"
            | "often"
            | "would"
            | "will"
            | "was"
            | "is"
            | "frequently"
            | "reportedly"
            | "publicly"
            | "privately"
            | "earlier"
            | "quickly"
            | "flatly"
            | "bluntly"
            | "famously"
            | "told"
            | "even"
            | "still"
            | "yesterday"
            | "today"
            | "always"
            | "never"
            | "already"
            | "long"
            | "first"
            | "initially"
            | "subsequently"
            | "immediately"
            | "openly"
            | "directly"
    )
}

/// Personal pronouns that can be a speaker mention.
pub fn is_pronoun(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "he" | "she" | "they" | "it" | "i" | "we"
    )
}

/// Capitalised: first char uppercase (any script).
/// A one-character token that is not a letter or digit (",", ".", "—").
pub fn is_punct(t: &str) -> bool {
    single_char(t).is_some_and(|c| !is_alphanumeric(c))
}

/// `char::is_alphanumeric`, answered at once for the General Punctuation block (curly quote
/// marks, dashes, the ellipsis), which holds no letter or digit: for a char outside ASCII the
/// standard library searches Unicode's tables, and before every quote of a run of curly marks
/// (`“‘“‘…`) the sentence's words are read back mark by mark (1 MB took 1.4 s, most of it in
/// those searches).
fn is_alphanumeric(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphanumeric()
}

/// A word that is one dash (see `DASHES`).
pub fn is_dash(t: &str) -> bool {
    single_char(t).is_some_and(|c| DASHES.contains(&c))
}

/// The char `t` consists of, when it is exactly one. (Counting the chars called a general
/// counting routine at every word.)
pub fn single_char(t: &str) -> Option<char> {
    let mut cs = t.chars();
    cs.next().filter(|_| cs.next().is_none())
}

pub fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Titles before a name ("Sen. Ted Cruz", "President Obama"): part of the mention, not the name.
pub fn is_title(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Mr" | "Mrs"
            | "Ms"
            | "Dr"
            | "Sen"
            | "Senator"
            | "Rep"
            | "Representative"
            | "Gov"
            | "Governor"
            | "President"
            | "Gen"
            | "General"
            | "Prof"
            | "Professor"
            | "Rev"
            | "Secretary"
            | "Minister"
            | "Judge"
            | "Justice"
            | "Speaker"
            | "Mayor"
            | "Chairman"
            | "Leader"
            | "Ambassador"
            | "Sir"
            | "Lord"
            | "Lady"
            | "King"
            | "Queen"
            | "Prince"
            | "Pope"
            | "Pres"
            | "Premier"
            | "Chancellor"
            | "Commissioner"
            | "Vice"
    )
}

/// Head nouns of role phrases ("the NATO Secretary General", "the Kremlin spokesman").
pub fn is_role_noun(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]).trim_end_matches('.'),
        "secretary"
            | "general"
            | "president"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "minister"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "governor"
            | "senator"
            | "candidate"
            | "nominee"
            | "mayor"
            | "leader"
            | "director"
            | "chief"
            | "official"
            | "ambassador"
            | "chancellor"
            | "premier"
            | "aide"
            | "adviser"
            | "advisor"
            | "strategist"
            | "manager"
            | "ceo"
            | "head"
            | "commissioner"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "frontrunner"
            | "front-runner"
            | "businessman"
            | "billionaire"
            | "mogul"
            | "democrat"
            | "republican"
            | "speaker"
    )
}

/// Nouns meaning "the outlet": resolved to the most recent media organisation.
pub fn is_media_noun(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "newspaper"
            | "daily"
            | "paper"
            | "publication"
            | "magazine"
            | "outlet"
            | "agency"
            | "broadcaster"
            | "network"
            | "tabloid"
            | "weekly"
    )
}

/// Words that end a subject or role phrase after an inverted verb ("said Trump in Iowa").
pub fn ends_phrase(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "in" | "on"
            | "at"
            | "during"
            | "after"
            | "before"
            | "when"
            | "while"
            | "who"
            | "that"
            | "which"
            | "to"
            | "with"
            | "as"
            | "adding"
            | "yesterday"
            | "today"
            | "last"
            | "this"
            | "and"
            | "but"
            | "about"
            | "from"
            | "by"
            | "told"
            | "said"
            | "says"
            | "wrote"
            | "writes"
    )
}

/// Sentence-initial function words that are capitalised but never a name.
pub fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "But"
            | "And"
            | "Or"
            | "So"
            | "Yet"
            | "In"
            | "On"
            | "At"
            | "As"
            | "If"
            | "When"
            | "While"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Its"
            | "Earlier"
            | "Later"
            | "Then"
            | "Now"
            | "Still"
            | "Also"
            | "For"
            | "To"
            | "With"
            | "After"
            | "Before"
            | "Since"
            | "Until"
            | "According"
            | "Meanwhile"
            | "However"
            | "Instead"
            | "Even"
            | "Asked"
            | "Speaking"
            | "Writing"
            | "Here"
            | "There"
            | "What"
            | "Who"
            | "Why"
            | "How"
            | "Where"
            | "Not"
            | "No"
            | "Yes"
            | "Of"
            | "By"
            | "From"
            | "Said"
            | "Says"
            | "Told"
            | "During"
            | "Despite"
            | "Although"
            | "Though"
            | "Because"
            | "Under"
            | "Over"
            | "Amid"
            | "Among"
            | "Like"
            | "Unlike"
            | "Given"
            | "Following"
            | "Through"
            | "Without"
            | "Within"
            | "Once"
            | "Just"
            | "Only"
            | "Some"
            | "Many"
            | "Most"
            | "Both"
            | "All"
            | "Each"
            | "Every"
            // Prepositions that open a sentence's adverbial: "Alongside BLM, …".
            | "Alongside"
            | "Along"
            | "Against"
            | "Across"
            | "Around"
            | "Behind"
            | "Beyond"
            | "Inside"
            | "Outside"
            | "Toward"
            | "Towards"
            | "Upon"
            | "Besides"
            | "Regarding"
            | "Concerning"
            | "Throughout"
            | "Ahead"
    )
}

/// Counts, spans of time and sentence adverbs that open a sentence capitalised, in an adverbial
/// set off by a comma: "Hours later, she …", "Eight years ago, he …", "Finally, …".
pub fn is_count_or_time_word(w: &str) -> bool {
    // "Twenty-two years ago, …" counts like "Twenty".
    let w = w.split_once('-').map_or(w, |(head, _)| head);
    matches!(
        w,
        "Two"
            | "Three"
            | "Four"
            | "Five"
            | "Six"
            | "Seven"
            | "Eight"
            | "Nine"
            | "Ten"
            | "Eleven"
            | "Twelve"
            | "Thirteen"
            | "Fourteen"
            | "Fifteen"
            | "Sixteen"
            | "Seventeen"
            | "Eighteen"
            | "Nineteen"
            | "Twenty"
            | "Thirty"
            | "Forty"
            | "Fifty"
            | "Sixty"
            | "Seventy"
            | "Eighty"
            | "Ninety"
            | "Hundreds"
            | "Thousands"
            | "Millions"
            | "Dozens"
            | "Seconds"
            | "Minutes"
            | "Hours"
            | "Days"
            | "Weeks"
            | "Months"
            | "Years"
            | "Decades"
            | "Moments"
            | "Such"
            | "Maybe"
            | "Perhaps"
            | "Whatever"
            | "Whether"
            | "Additionally"
            | "Finally"
            | "Conversely"
            | "Meanwhile"
            | "However"
            | "Instead"
            | "Nevertheless"
            | "Moreover"
            | "Furthermore"
            | "Indeed"
            | "Separately"
            | "Similarly"
            | "Likewise"
            | "Overall"
            | "Previously"
            | "Ultimately"
            | "Initially"
    )
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

    #[test]
    fn lexicon_is_sorted_and_matches_tenses() {
        assert!(CUE_VERBS.windows(2).all(|w| w[0] < w[1]));
        // The key table is searched in the lexicon's order: it must sort the same way.
        assert!(CUE_VERBS.iter().all(|v| v.len() <= 12));
        assert!(CUE_KEYS.windows(2).all(|k| k[0] < k[1]));
        // `CUE_SHAPES` indexes first and last letters.
        assert!(CUE_VERBS
            .iter()
            .all(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_lowercase())));
        for v in CUE_VERBS {
            assert!(is_cue_verb(v), "{v}");
        }
        for v in [
            "said", "says", "told", "writes", "wrote", "warned", "stressed", "insisted", "agrees",
            "echoes", "chanting",
        ] {
            assert!(is_cue_verb(v), "{v}");
        }
        assert!(!is_cue_verb("table"));
        // Lowercase first, any case after it; a prefix or an extension of a verb is no verb.
        assert!(is_cue_verb("saID"));
        assert!(!is_cue_verb("Said"));
        assert!(!is_cue_verb("sai"));
        assert!(!is_cue_verb("saidx"));
        assert!(!is_cue_verb("saïd"));
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
        for (n, t) in super::super::random_texts(&alphabet, 3000, 40)
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
        for t in super::super::random_texts(&alphabet, 3000, 60) {
            assert_eq!(
                words(&t, 0, t.len()),
                words_by_char(&t, 0, t.len()),
                "{t:?}"
            );
        }
    }

    #[test]
    fn the_general_punctuation_block_holds_no_letter_or_digit() {
        // What `is_alphanumeric`'s shortcut relies on.
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphanumeric(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric());
        }
        for c in ['a', 'Z', '7', 'é', 'ß', '中', '٣', 'ⁱ', '“', '—', ',', ' '] {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
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
