//! The cue lexicon the quote stage reads context with: reporting verbs in every tense ("said",
//! "says", "told", "writes", "wrote", "warned"…), multi-word cues ("according to", "went on"),
//! and the small closed word classes (pronouns, titles, auxiliaries) that subject finding needs.
//! It decides nothing about speakers; that is `attribution`. The word scanner that splits the
//! context into words is `scanner`, re-exported here so the quote stage reads both from `cues`.

mod scanner;

pub(crate) use scanner::byte_table;
pub use scanner::{words, Word};

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
            // Trades and professions a story introduces its sources by ("Professor Ada Byron",
            // "Tom Lee, a lawyer for the family") and then calls them by ("the professor said").
            | "professor"
            | "lecturer"
            | "lawyer"
            | "attorney"
            | "analyst"
            | "economist"
            | "researcher"
            | "scientist"
            | "historian"
            | "activist"
            | "founder"
            | "coach"
            | "engineer"
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
}
