//! Indirect (reported) speech: "Peskov said that NATO was a threat", "NATO is a threat, Peskov
//! said.", "According to Peskov, NATO is a threat." Each becomes a [`Quote`] of kind
//! [`QuoteKind::Indirect`] whose span is the reported clause and whose speaker is a named person
//! or organisation.
//!
//! Precision comes first, because indirect quotes share every output with direct ones: a question
//! is never read, and in a sentence holding a quote mark or part of a direct quote only a clause
//! and speaker clear of every quotation count; the speaker must trace back to a PER or ORG entity
//! of the field (no fallback names, no "they", no "it", and "he"/"she" only when this paragraph
//! and the two before name one person the pronoun's gender fits); modal, negated,
//! passive, infinitive and relative uses of the verb ("would say", "did not say", "was told",
//! "is said to", "who said") and the adjective ("the said company") are not speech. When in
//! doubt the sentence yields nothing — an indirect quote without a speaker is noise.
//!
//! Cue and subject finding reuse `attribution` (the same subject rules and name resolution as
//! direct quotes); this module owns only the clause: where the reported words start and end.
//! Linear in the text, never panics: every slice goes through `str::get`.

use memchr::memchr3_iter;

use crate::article::{Entity, Field, How, Label, Quote, QuoteKind};

use super::attribution::{
    after_quote, before_quote, resolve_indexed, Found, MentionKind, NameIndex,
};
use super::cues::{is_cap, is_function_word, is_punct, is_role_noun, is_title, lower, words, Word};
use super::gender;
use super::spans::{para_end_of, para_start};
use super::speakers::FieldEntities;

// Reporting verbs that introduce a reported clause. All of them are in the `cues` lexicon, so
// `attribution` finds their subjects; verbs of naming or judging ("called", "praised") and of
// asking are left out: their complement is not a statement.
//
// One list, two uses: the array for the trigger scan's filter and the `matches!` for the word tests
// (a length switch and one comparison, where a binary search cost a tenth of the stage's time).
macro_rules! speech_verbs {
    ($($v:literal),* $(,)?) => {
        const SPEECH_VERBS: &[&str] = &[$($v),*];

        fn is_speech_verb(w: &str) -> bool {
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

/// Verbs whose clause may follow without "that" ("Peskov said NATO was…"). Other verbs take
/// a noun object as readily as a clause ("announced the plan"), so they need "that".
const ZERO_THAT: &[&str] = &[
    "added", "adds", "argued", "argues", "claimed", "claims", "insisted", "insists", "said", "say",
    "says", "tells", "told", "wrote", "writes",
];

/// Verbs whose listener comes between the verb and the clause ("told reporters that").
const WITH_LISTENER: &[&str] = &["assured", "assures", "tells", "told", "warned", "warns"];

/// Finite auxiliaries and modals: the sign that words after a verb form a clause of their own.
fn is_finite_aux(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "is" | "was"
            | "are"
            | "were"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "has"
            | "had"
            | "have"
            | "did"
            | "does"
            | "do"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Words that, between a subject and its verb, make the verb something other than a report of
/// what was said: passive ("was told"), modal ("would say"), negated, infinitive ("expected to
/// say"), relative ("who said": the clause ends somewhere we cannot see), conditional.
fn blocks_report(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "is" | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "would"
            | "could"
            | "might"
            | "may"
            | "will"
            | "can"
            | "should"
            | "must"
            | "shall"
            | "not"
            | "never"
            | "to"
            | "who"
            | "which"
            | "if"
            | "unless"
            | "whether"
            | "did"
            | "does"
            | "do"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Words that may open a reported clause without "that": pronouns and determiners.
fn opens_clause(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "some"
            | "many"
            | "no"
            | "all"
            | "both"
    ) || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Words that, after a comma, start a second clause the reported one does not include
/// ("…, adding that…", "…, according to…").
fn cuts_clause(w: &str) -> bool {
    matches!(
        w,
        "adding"
            | "saying"
            | "noting"
            | "insisting"
            | "arguing"
            | "warning"
            | "stressing"
            | "explaining"
            | "claiming"
            | "according"
            | "but"
            | "although"
            | "though"
            | "while"
            | "whereas"
    )
}

/// Sentence openers that make what follows not a plain statement: conditionals and
/// subordinate clauses ("If Peskov said that…", "When she says…").
fn is_subordinate_opener(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "if" | "unless"
            | "whether"
            | "when"
            | "whenever"
            | "although"
            | "though"
            | "because"
            | "since"
            | "as"
            | "while"
            | "once"
            | "until"
            | "before"
            | "after"
            | "suppose"
            | "imagine"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "without"
            | "asked"
            | "speaking"
            | "writing"
            | "during"
            | "despite"
            | "like"
            | "unlike"
            | "following"
    )
}

/// The first bytes of the marks `has_quote_mark` looks for, as a table: one load a byte.
const MARK_LEAD: [bool; 256] =
    super::cues::byte_table!(b => matches!(b, b'"' | b'\'' | 0xC2 | 0xE2));

/// Quote marks of any kind, and a straight or curly single quote that opens or closes a quoted
/// phrase (not an apostrophe inside a word). A sentence holding one is left to the direct-quote
/// stage.
fn has_quote_mark(s: &str) -> bool {
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

/// Whether a word can start one of the patterns: a reporting verb, or "according". Checked
/// first, so that the many sentences without one cost a lookup per word and nothing more.
fn is_trigger(w: &str) -> bool {
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
fn trigger_starts(text: &str) -> Vec<usize> {
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
    let lo = super::floor_boundary(text, j.saturating_sub(MAX_WORD).max(ps));
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
pub(super) fn trigger_sentences(
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

/// The longest sentence (in words, punctuation included) read for reported speech. Of the
/// sentences of BBC and PolNeAR, fewer than one in ten thousand has over 120 words; `'Blair said that '`
/// 4,000 times in one sentence (64 KB) took 35 s in a debug build before this bound.
const MAX_SENTENCE_WORDS: usize = 250;

/// One sentence: its words and byte span.
struct Sentence<'w> {
    ws: &'w [Word],
    start: usize,
    /// End of the sentence's text without its final punctuation.
    body_end: usize,
}

/// Extract the indirect quotes of one field. `names` indexes this field's entities sorted by
/// start; `direct` the field's direct quotes, which no indirect quote may overlap.
pub fn extract(field: Field, text: &str, names: &NameIndex, direct: &[Quote]) -> Vec<Quote> {
    let ents = &FieldEntities::new(names);
    let mut out = Vec::new();
    let triggers = trigger_starts(text);
    let mut k = 0;
    // Most paragraphs hold no reporting verb, and in those that do, most sentences do not:
    // only the sentences around a trigger are split into words.
    while let Some(&t) = triggers.get(k) {
        let (ps, pe) = (para_start(text, t), para_end_of(text, t));
        let n = triggers[k..].partition_point(|&x| x < pe);
        let para = &triggers[k..k + n];
        k += n;
        for (a, b) in trigger_sentences(text, ps, pe, para) {
            // A question is never reported speech: tested on the bytes before the words are
            // built (the words cover every non-space character).
            let raw = text.get(a..b).unwrap_or("").trim();
            if raw.contains('?') {
                continue;
            }
            // A sentence holding a quote mark or part of a direct quote is read too ("Clinton
            // told the audience that she believes…, saying that “race…”"), but a reported
            // clause found in it must keep clear of every quotation (below).
            let marked = has_quote_mark(raw);
            let sw = words(text, a, b);
            // The rules below read from the sentence's start for each verb: a "sentence" far
            // longer than news prose (a list or text without full stops) would cost time
            // quadratic in its length, so it is not read.
            if sw.len() > MAX_SENTENCE_WORDS {
                continue;
            }
            let (Some(first), Some(last)) = (sw.first(), sw.last()) else {
                continue;
            };
            // The words cover every non-space character, so they span exactly the trimmed
            // sentence tested above.
            let (start, end) = (first.start, last.end);
            if !sw.iter().any(|w| is_trigger(tok(text, w))) {
                continue;
            }
            let marked = marked
                || direct
                    .iter()
                    .any(|q| q.start < end + 1 && start < q.end + 1);
            // Every sentence with a trigger is read: a source need not be named ("officials
            // said that…" is reported speech without a speaker).
            let final_punct = matches!(text.get(last.start..last.end), Some("." | "!"));
            let sent = Sentence {
                ws: &sw,
                start,
                body_end: if final_punct { last.start } else { end },
            };
            let before = out.len();
            sentence(field, text, ents, &sent, &mut out);
            if marked {
                // Neither the clause nor the speaker's mention may touch a quote mark or a
                // direct quote: the words between marks are someone's own, and a clause that
                // runs into them is the direct stage's.
                let mut found = out.split_off(before);
                found.retain(|q| clear_of_quotes(text, direct, q));
                out.append(&mut found);
            }
        }
    }
    // What the rules do not find, the learned classifier may (verbs beyond speech: "called
    // for", "wants", "found"); the rules' clauses stand where both fire.
    let learned = super::reported::extract(field, text, ents, direct, &out);
    if !learned.is_empty() {
        out.extend(learned);
        out.sort_by_key(|q| (q.start, q.end));
    }
    // Then the token tagger: content spans in any form, clear of both.
    let tagged = super::reported_span::extract(field, text, ents, direct, &out);
    if !tagged.is_empty() {
        out.extend(tagged);
        out.sort_by_key(|q| (q.start, q.end));
    }
    out
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
pub(super) fn clear_spans(
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

fn tok<'t>(text: &'t str, w: &Word) -> &'t str {
    text.get(w.start..w.end).unwrap_or("")
}

/// Every reported clause of one sentence: "X said (that) …", "According to X, …", "…, X said."
fn sentence(field: Field, text: &str, ents: &FieldEntities, s: &Sentence, out: &mut Vec<Quote>) {
    let before = out.len();
    for v in 0..s.ws.len() {
        if let Some(q) = forward(field, text, ents, s, v) {
            out.push(q);
        }
    }
    if out.len() == before {
        if let Some(q) = according_to(field, text, ents, s) {
            out.push(q);
        }
    }
    if out.len() == before {
        if let Some(q) = closing_cue(field, text, ents, s) {
            out.push(q);
        }
    }
    if out.len() == before {
        if let Some(q) = middle_cue(field, text, ents, s) {
            out.push(q);
        }
    }
}

/// "Though the handover went smoothly, he said, replacing Clinton would be harder.": a reporting
/// clause set off by commas inside the sentence. The words after it are reported (the words
/// before it are too, but may be an introductory phrase: "Back in Virginia, Mr. Clarke said,
/// he…"); the clause between the commas is a subject (after its descriptors), adverbs and the
/// verb, nothing that makes the verb modal, negated or relative.
fn middle_cue(field: Field, text: &str, ents: &FieldEntities, s: &Sentence) -> Option<Quote> {
    let ws = s.ws;
    for v in 2..ws.len() {
        if !is_speech_verb(tok(text, &ws[v])) {
            continue;
        }
        // The comma closing the cue: right after the verb or after up to three adverb words.
        let Some(close) = (v + 1..ws.len().min(v + 5)).find(|&i| tok(text, &ws[i]) == ",") else {
            continue;
        };
        if ws[v + 1..close].iter().any(|w| {
            let t = tok(text, w);
            is_punct(t) || blocks_report(t) || is_finite_aux(t) || t == "that"
        }) {
            continue;
        }
        let Some(found) = before_quote(text, s.start, ws[v].end) else {
            continue;
        };
        let Some(m0) = ws.iter().position(|w| w.start == found.mention.start) else {
            continue;
        };
        let mut m = m0;
        if found.kind == MentionKind::Name {
            while m > 0 && is_descriptor(tok(text, &ws[m - 1])) {
                m -= 1;
            }
        }
        // The opening comma, with at least three words before it.
        if found.cue != ws[v] || m < 4 || tok(text, &ws[m - 1]) != "," {
            continue;
        }
        let between = words(text, found.mention.end, ws[v].start);
        let mtext = text
            .get(found.mention.start..found.mention.end)
            .unwrap_or("");
        if between.len() > 3
            || between.iter().any(|w| {
                let t = tok(text, w);
                is_punct(t) || blocks_report(t) || is_finite_aux(t)
            })
            || mtext.contains("’s")
            || mtext.contains("'s")
        {
            continue;
        }
        let (qs, qe) = clause_from(text, s, close + 1)?;
        let cue = text.get(ws[v].start..ws[v].end)?;
        return speaker_quote(field, text, ents, &found, qs, qe, s.start, cue);
    }
    None
}

/// The clause that starts at word `c` of the sentence: up to the sentence's final punctuation,
/// or to a comma that opens a second clause, or a semicolon. None when fewer than three words.
fn clause_from(text: &str, s: &Sentence, c: usize) -> Option<(usize, usize)> {
    let start = s.ws.get(c)?.start;
    let mut end = s.body_end;
    let mut n_words = 0;
    for i in c..s.ws.len() {
        let t = tok(text, &s.ws[i]);
        if s.ws[i].start >= s.body_end {
            break;
        }
        if t == ";" || t == ":" || DASH_WORDS.contains(&t) {
            end = s.ws[i].start;
            break;
        }
        if t == "," && s.ws.get(i + 1).is_some_and(|w| cuts_clause(tok(text, w))) {
            end = s.ws[i].start;
            break;
        }
        // A second reporting clause closing the sentence ("…, people at the meeting said.")
        // is the writer's, not part of what was reported.
        if t == "," {
            let rest: Vec<&Word> = s.ws[i + 1..]
                .iter()
                .take_while(|w| w.start < s.body_end)
                .collect();
            if rest.len() <= 8 && rest.iter().any(|w| is_speech_verb(tok(text, w))) {
                end = s.ws[i].start;
                break;
            }
        }
        if !is_punct(t) {
            n_words += 1;
        }
    }
    let end = start + trim_clause_end(text.get(start..end)?).len();
    (n_words >= 3 && end > start).then_some((start, end))
}

const DASH_WORDS: [&str; 3] = ["–", "—", "―"];

/// A clause without the punctuation that closes its sentence: a parenthesised sentence ends in
/// ".)", which the sentence splitter leaves on the last word ("…was unrelated.)").
fn trim_clause_end(c: &str) -> &str {
    let mut c = c.trim_end();
    loop {
        let t = if c.ends_with(')') && !c.contains('(') {
            c.strip_suffix(')')
        } else {
            c.strip_suffix(['.', '!', ';', ','])
        };
        match t {
            Some(t) => c = t.trim_end(),
            None => return c,
        }
    }
}

/// "X said (on Tuesday) (that) …", "X told reporters (that) …".
fn forward(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    s: &Sentence,
    v: usize,
) -> Option<Quote> {
    let ws = s.ws;
    let verb = tok(text, &ws[v]);
    if !is_speech_verb(verb) || v == 0 {
        return None;
    }
    // The words between the verb and "that" (at most eight, no punctuation).
    let that = (v + 1..ws.len().min(v + 10))
        .take_while(|&i| !is_punct(tok(text, &ws[i])))
        .find(|&i| tok(text, &ws[i]) == "that");
    let gap = &ws[v + 1..that.unwrap_or(v + 1)];
    let listener = WITH_LISTENER.contains(&verb);
    let c = match that {
        Some(t) => {
            // A say-verb takes only an adverbial before "that" ("said on Tuesday that"): "said
            // the claim that…" reports the claim, not the clause.
            let gap_ok = if listener {
                !(matches!(verb, "told" | "tells" | "assured" | "assures") && gap.is_empty())
                    && gap.iter().all(|w| !is_finite_aux(tok(text, w)))
            } else {
                gap.first().is_none_or(|w| is_adverbial(tok(text, w)))
                    && gap.iter().all(|w| !is_finite_aux(tok(text, w)))
            };
            // "said that was wrong": "that" is the subject, not a complementiser.
            let next = ws.get(t + 1).map(|w| tok(text, w)).unwrap_or("");
            if !gap_ok || is_finite_aux(next) || is_punct(next) {
                return None;
            }
            t + 1
        }
        None => {
            if !ZERO_THAT.contains(&verb) {
                return None;
            }
            let mut c = v + 1;
            if listener {
                c = listener_end(text, ws, v + 1)?;
            }
            zero_that_clause(text, ws, c, verb)?;
            c
        }
    };
    let (qs, qe) = clause_from(text, s, c)?;
    let found = before_quote(text, s.start, ws[v].end)?;
    if found.cue != ws[v] {
        return None;
    }
    subject_opens(text, s, &found)?;
    // Between the subject and the verb: adverbs, dates, an appositive — nothing that makes the
    // verb passive, modal, negated, infinitive or relative.
    let between = words(text, found.mention.end, ws[v].start);
    if between.iter().any(|w| blocks_report(tok(text, w))) {
        return None;
    }
    let cue = text.get(ws[v].start..ws[v].end)?;
    speaker_quote(field, text, ents, &found, qs, qe, s.start, cue)
}

/// Where the clause starts after a listener without "that": at a subject pronoun within five
/// words ("told the BBC News website it was…"), else after a one-word listener or "the" and one
/// word, when the clause then opens with a lowercase pronoun or determiner ("told reporters the
/// plan was dead") — a capitalised word there could still be the listener's name.
fn listener_end(text: &str, ws: &[Word], from: usize) -> Option<usize> {
    for (i, w) in ws.iter().enumerate().take(from + 6).skip(from + 1) {
        let t = tok(text, w);
        if is_punct(t) || is_finite_aux(t) {
            break;
        }
        if matches!(t, "he" | "she" | "it" | "they" | "we" | "I" | "there") {
            return Some(i);
        }
    }
    let c = from
        + if tok(text, ws.get(from)?) == "the" {
            2
        } else {
            1
        };
    let first = tok(text, ws.get(c)?);
    (!is_cap(first) && opens_clause(first)).then_some(c)
}

/// Adverbials that may stand between a say-verb and "that".
fn is_adverbial(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "on" | "in"
            | "at"
            | "during"
            | "after"
            | "before"
            | "last"
            | "this"
            | "earlier"
            | "late"
            | "later"
            | "yesterday"
            | "today"
            | "tonight"
            | "repeatedly"
            | "again"
            | "also"
            | "recently"
            | "previously"
            | "publicly"
            | "privately"
            | "then"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "over"
            | "via"
            | "through"
    )
}

/// Whether the words from `c` read as a clause without "that" after `verb`: a pronoun,
/// determiner or name first, and then a finite verb before any punctuation or relative word.
/// Checked on the words, not a parse, so the verb is recognised by its form:
/// - a finite auxiliary within six words ("the plan would fail", "he was wrong");
/// - after a say-verb ("said", "told"…, `PLAIN_VERB_OK`), also a plain past or present tense:
///   a subject pronoun and the word after it ("said he expects", "says they wanted"), or a
///   lowercase "-ed" word within four words ("said the plan failed"). A noun object of "said" is
///   rare and short ("said goodbye", "said a prayer"), and never opens with "he" or "they".
///
/// "it" is left to the auxiliary test ("said it again").
fn zero_that_clause(text: &str, ws: &[Word], c: usize, verb: &str) -> Option<()> {
    let first = tok(text, ws.get(c)?);
    if !opens_clause(first) || is_finite_aux(first) {
        return None;
    }
    let plain_ok = PLAIN_VERB_OK.contains(&verb);
    if plain_ok && matches!(first, "he" | "she" | "they" | "we" | "I" | "there") {
        let next = tok(text, ws.get(c + 1)?);
        if next.starts_with(|c: char| c.is_lowercase())
            && !is_function_word(next)
            && !matches!(next, "and" | "or" | "too" | "again" | "himself" | "herself")
        {
            return Some(());
        }
    }
    for (k, w) in ws.get(c + 1..)?.iter().take(6).enumerate() {
        let t = tok(text, w);
        if is_finite_aux(t) || (plain_ok && k < 4 && is_past_form(t)) {
            return Some(());
        }
        if is_punct(t) || matches!(t, "that" | "which" | "who" | "to" | "of" | "and" | "or") {
            return None;
        }
    }
    None
}

/// Say-verbs whose zero-"that" clause may carry a plain tense (see `zero_that_clause`): their
/// noun objects are few, where "added", "claimed" or "argued" take many ("added 20 jobs created
/// by…").
const PLAIN_VERB_OK: &[&str] = &["said", "says", "say", "told", "tells"];

/// A lowercase past-tense form: "-ed" on at least three letters ("failed", not "red").
fn is_past_form(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && w.starts_with(|c: char| c.is_ascii_lowercase())
}

/// The subject must open its sentence (after a conjunction or an introductory phrase ending in a
/// comma), so that "officials in Washington said" does not make Washington the speaker, and
/// "Smith and Jones said" does not make it Jones alone. Possessive mentions ("Trump’s lawyer")
/// name someone else, and a subordinate opener ("If Smith says…") is not a report.
fn subject_opens(text: &str, s: &Sentence, f: &Found) -> Option<()> {
    let ws = s.ws;
    let m0 = ws.iter().position(|w| w.start == f.mention.start)?;
    if ws.iter().take(m0).any(|w| {
        matches!(
            lower(tok(text, w), &mut [0; 32]),
            "if" | "unless" | "whether"
        )
    }) {
        return None;
    }
    // A descriptor before a name is part of the subject: "Kremlin spokesman Dmitry Peskov".
    let mut m = m0;
    if f.kind == MentionKind::Name {
        while m > 0 && is_descriptor(tok(text, &ws[m - 1])) {
            m -= 1;
        }
    }
    let ok_before = m == 0
        || matches!(
            tok(text, &ws[m - 1]),
            "," | "("
                | "But"
                | "And"
                | "but"
                | "and"
                | "Yet"
                | "So"
                | "Meanwhile"
                | "However"
                | "Now"
                | "The"
        );
    if !ok_before {
        return None;
    }
    let opener = ws.first().map(|w| tok(text, w)).unwrap_or("");
    if m > 0 && is_subordinate_opener(opener) && tok(text, &ws[m - 1]) != "," {
        return None;
    }
    let mtext = text.get(f.mention.start..f.mention.end)?;
    if mtext.contains("’s") || mtext.contains("'s") || mtext.ends_with(['’', '\'']) {
        return None;
    }
    Some(())
}

/// A word of a descriptor before a name ("the Kremlin spokesman", "former Prime Minister"):
/// capitalised, a role noun or title, or one of a few modifiers. Prepositions are not, so in
/// "officials in Washington" the place is never the subject.
fn is_descriptor(w: &str) -> bool {
    (is_cap(w) && !is_punct(w) && !is_function_word(w))
        || is_role_noun(w)
        || is_title(w)
        || matches!(
            w,
            "the"
                | "former"
                | "chief"
                | "executive"
                | "press"
                | "deputy"
                | "foreign"
                | "prime"
                | "vice"
                | "senior"
                | "defence"
                | "defense"
                | "finance"
                | "state"
        )
}

/// "According to X, …" and "…, according to X."
fn according_to(field: Field, text: &str, ents: &FieldEntities, s: &Sentence) -> Option<Quote> {
    let ws = s.ws;
    let a = (0..ws.len().saturating_sub(1)).find(|&i| {
        tok(text, &ws[i]).eq_ignore_ascii_case("according") && tok(text, &ws[i + 1]) == "to"
    })?;
    let lead = &ws[..a];
    let at_start = lead
        .iter()
        .all(|w| matches!(tok(text, w), "But" | "And" | "Yet" | "So" | ","));
    if at_start {
        // The mention runs up to the comma that ends the phrase; the clause follows it.
        let comma = (a + 2..ws.len()).find(|&i| tok(text, &ws[i]) == ",")?;
        let found = before_quote(text, ws[a].start, ws[comma].start)?;
        if found.mention.end != ws[comma - 1].end {
            return None;
        }
        let (qs, qe) = clause_from(text, s, comma + 1)?;
        let cue = text.get(found.cue.start..found.cue.end)?;
        return speaker_quote(field, text, ents, &found, qs, qe, s.start, cue);
    }
    // "…, according to X[, appositive]." at the sentence's end.
    if a == 0 || tok(text, &ws[a - 1]) != "," {
        return None;
    }
    let found = before_quote(text, ws[a].start, s.body_end)?;
    let rest = words(text, found.mention.end, s.body_end);
    if rest.len() > 8
        || rest.iter().any(|w| {
            matches!(tok(text, w), "that" | "who" | "which") || is_finite_aux(tok(text, w))
        })
        || rest.first().is_some_and(|w| tok(text, w) != ",")
    {
        return None;
    }
    let (qs, qe) = leading_clause(text, s, a - 1)?;
    let cue = text.get(found.cue.start..found.cue.end)?;
    speaker_quote(field, text, ents, &found, qs, qe, s.start, cue)
}

/// The clause from the sentence's start to the comma at word `comma` ("NATO is a threat, Peskov
/// said."): at least four words, not a subordinate or prepositional opener ("In Moscow, Peskov
/// said."), with a finite verb, and not itself a report ("X said that…, Y said").
fn leading_clause(text: &str, s: &Sentence, comma: usize) -> Option<(usize, usize)> {
    let ws = s.ws.get(..comma)?;
    let n_words = ws.iter().filter(|w| !is_punct(tok(text, w))).count();
    let first = tok(text, ws.first()?);
    if n_words < 4 || is_subordinate_opener(first) || is_punct(first) {
        return None;
    }
    let finite = ws.iter().any(|w| {
        let t = tok(text, w);
        is_finite_aux(t) || (t.len() > 3 && t.ends_with("ed") && !is_cap(t))
    });
    let nested = ws.iter().enumerate().any(|(i, w)| {
        let t = tok(text, w);
        t.eq_ignore_ascii_case("according")
            || (is_speech_verb(t) && ws.get(i + 1).is_some_and(|n| tok(text, n) == "that"))
    });
    if !finite || nested {
        return None;
    }
    let start = ws.first()?.start;
    let end = start + text.get(start..s.ws[comma].start)?.trim_end().len();
    Some((start, end))
}

/// "…, Peskov said (on Tuesday)." and "…, said Peskov, the Kremlin spokesman."
fn closing_cue(field: Field, text: &str, ents: &FieldEntities, s: &Sentence) -> Option<Quote> {
    let ws = s.ws;
    if s.body_end == ws.last()?.end {
        return None; // no final full stop: a headline or a cut sentence
    }
    // The last comma whose tail holds a reporting verb within its first eight words.
    let tail_len = ws.len().min(16);
    let comma = (ws.len() - tail_len..ws.len())
        .rev()
        .filter(|&i| tok(text, &ws[i]) == ",")
        .find(|&i| {
            ws[i + 1..]
                .iter()
                .take(8)
                .any(|w| is_speech_verb(tok(text, w)))
        })?;
    let found = after_quote(text, ws[comma].start, ws.last()?.end, true)?;
    if !is_speech_verb(tok(text, &found.cue)) || found.mention.start < ws[comma].end {
        return None;
    }
    let after = words(text, found.cue.end.max(found.mention.end), s.body_end);
    if after.len() > 8
        || after.iter().any(|w| {
            let t = tok(text, w);
            is_speech_verb(t)
                || is_finite_aux(t)
                || matches!(
                    t,
                    "that"
                        | "and"
                        | "but"
                        | "adding"
                        | "because"
                        | "if"
                        | "when"
                        | "while"
                        | "although"
                        | "who"
                        | "which"
                        | "to"
                )
        })
    {
        return None;
    }
    // Nothing but the subject and its adverbs between the comma and the verb ("…, Peskov
    // later said") or the verb right after it ("…, said Peskov").
    let between = words(
        text,
        ws[comma].end,
        found.cue.start.min(found.mention.start),
    );
    let descriptor_only = found.kind == MentionKind::Name
        && between.len() <= 4
        && between.iter().all(|w| is_descriptor(tok(text, w)));
    if !between.is_empty() && !descriptor_only {
        return None;
    }
    let mid = words(
        text,
        found.mention.end.min(found.cue.end),
        found.cue.start.max(found.mention.start),
    );
    if mid.iter().any(|w| blocks_report(tok(text, w))) {
        return None;
    }
    let mtext = text.get(found.mention.start..found.mention.end)?;
    if mtext.contains("’s") || mtext.contains("'s") {
        return None;
    }
    let (qs, qe) = leading_clause(text, s, comma)?;
    let cue = text.get(found.cue.start..found.cue.end)?;
    speaker_quote(field, text, ents, &found, qs, qe, s.start, cue)
}

/// Resolve the speaker and build the quote, or nothing when the speaker is not a named person or
/// organisation of this field.
/// How many entity mentions before a pronoun `unique_person` reads.
const PRONOUN_REACH: usize = 40;

/// The one person that `near` (the mentions before a "he" or "she") names who can be that
/// pronoun: of the people whose gender (`gender::of_person`) is `want` or unknown, the canonical
/// name when there is exactly one. With two candidates, recency is a coin toss ("…on Trump. She
/// said…" is not Trump, and "…Trump met Pence. He said…" could be either): nothing.
fn unique_person(text: &str, near: &[Entity], want: Option<gender::Gender>) -> Option<String> {
    let mut found: Option<&str> = None;
    let mut seen: Vec<&str> = Vec::new();
    for e in near.iter().filter(|e| e.label == Label::Per) {
        if seen.contains(&e.canonical.as_str()) {
            continue;
        }
        seen.push(&e.canonical);
        let g = gender::of_person(text, near, e);
        if want.is_some() && g.is_some() && g != want {
            continue;
        }
        if found.is_some() {
            return None;
        }
        found = Some(&e.canonical);
    }
    found.map(str::to_string)
}

#[allow(clippy::too_many_arguments)] // one call shape for three patterns; a struct would only rename them
pub(super) fn speaker_quote(
    field: Field,
    text: &str,
    ents: &FieldEntities,
    found: &Found,
    qs: usize,
    qe: usize,
    sent_start: usize,
    cue: &str,
) -> Option<Quote> {
    let m = found.mention;
    let speaker = match found.kind {
        MentionKind::Pronoun => {
            // Only "he"/"she", and only a person named before the sentence in this paragraph
            // or the two before: the reported clause may itself name people ("Obama was wrong,
            // he said"), who are not the speaker.
            let p = text.get(m.start..m.end)?.to_ascii_lowercase();
            if p != "he" && p != "she" {
                return None;
            }
            let mut from = para_start(text, sent_start);
            for _ in 0..2 {
                // The paragraph before: skip the blank lines between them.
                let prev_end = text.get(..from).map_or(0, |t| t.trim_end().len());
                from = para_start(text, prev_end);
            }
            let upto = sent_start.min(m.start).min(qs);
            let lo = ents.partition_point(|e| e.start < from);
            let hi = ents.partition_point(|e| e.start < upto);
            // Sorted by start and never straddling `upto` (a sentence or pronoun start): a slice,
            // of which the last `PRONOUN_REACH` mentions are read (a bound on the work per
            // pronoun, whatever the paragraphs' length).
            let near = ents.get(lo.max(hi.saturating_sub(PRONOUN_REACH))..hi.max(lo));
            unique_person(text, near.unwrap_or(&[]), gender::of_pronoun(&p))?
        }
        MentionKind::Name => {
            if !ents.tags_speaker(m.start, m.end) {
                return None;
            }
            resolve_indexed(text, found, ents.names(), None)?
        }
        // A role or description ("the chancellor", "a spokesman", "the report") is reported
        // speech without a speaker: resolving it is left out. Of the 33 role subjects over
        // PolNeAR train and BBC, about one in four resolved to the wrong holder ("the
        // chancellor" to the shadow chancellor named earlier, "the prime minister" to a visiting
        // minister, "a spokesman" to a spokesman of another party); direct quotes keep role
        // resolution, where the quote marks at least make the speech certain.
        MentionKind::Role => return description_quote(field, text, m, qs, qe, cue),
    };
    // A title or role word alone ("Lord", "General") is a tagging slip, not a name.
    if speaker
        .split_whitespace()
        .all(|w| is_title(w) || is_role_noun(w))
    {
        return None;
    }
    // Whatever the route, the name must be one the entities know: a PER or ORG canonical name,
    // or that name completed by `attribution` ("Jens" + "Stoltenberg").
    let known = ents.knows(&speaker);
    // The speaker's mention must not lie inside the reported clause.
    if !known || (m.start < qe && qs < m.end) {
        return None;
    }
    let how = match found.kind {
        MentionKind::Pronoun => How::Pronoun,
        _ if lower(cue, &mut [0; 32]).starts_with("according") => How::AccordingTo,
        _ => How::Reported,
    };
    Some(Quote {
        text: text.get(qs..qe)?.to_string(),
        field,
        start: qs,
        end: qe,
        speaker: Some(speaker),
        speaker_start: Some(m.start),
        speaker_end: Some(m.end),
        cue: Some(cue.to_string()),
        kind: QuoteKind::Indirect,
        how: Some(how),
        parts: Vec::new(),
    })
}

/// Reported speech whose source `m` is a description ("officials", "a spokesman"): a quote with
/// no speaker, the source phrase kept as its mention for `--explain`; nothing when the mention
/// lies inside the clause.
pub(super) fn description_quote(
    field: Field,
    text: &str,
    m: Word,
    qs: usize,
    qe: usize,
    cue: &str,
) -> Option<Quote> {
    if m.start < qe && qs < m.end {
        return None;
    }
    Some(Quote {
        text: text.get(qs..qe)?.to_string(),
        field,
        start: qs,
        end: qe,
        speaker: None,
        speaker_start: Some(m.start),
        speaker_end: Some(m.end),
        cue: Some(cue.to_string()),
        kind: QuoteKind::Indirect,
        how: Some(How::ReportedDescription),
        parts: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `trigger_starts` by splitting the text at every char that is not an ASCII letter.
    fn trigger_starts_by_split(t: &str) -> Vec<usize> {
        t.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| is_trigger(w))
            .map(|w| w.as_ptr() as usize - t.as_ptr() as usize)
            .collect()
    }

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
    fn byte_scans_agree_with_char_scans() {
        let alphabet = [
            "a",
            "Z",
            "9",
            " ",
            "\n",
            "\"",
            "'",
            "’",
            "‘",
            "“",
            "”",
            "„",
            "«",
            "»",
            "‹",
            "›",
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
        for t in super::super::random_texts(&alphabet, 20_000, 12) {
            assert_eq!(has_quote_mark(&t), has_quote_mark_by_char(&t), "{t:?}");
            let by_char = trigger_starts_by_split(&t);
            assert_eq!(trigger_starts(&t), by_char, "{t:?}");
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
        for t in super::super::random_texts(&alphabet, 5_000, 80) {
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
        for t in super::super::random_texts(&alphabet, 40_000, 24) {
            let want = trigger_sentences_by_paragraph_words(&t);
            let got: Vec<Vec<Word>> = trigger_sentences(&t, 0, t.len(), &trigger_starts(&t))
                .into_iter()
                .map(|(a, b)| words(&t, a, b))
                .filter(|s| s.iter().any(|w| is_trigger(tok(&t, w))))
                .collect();
            assert_eq!(got, want, "{t:?}");
        }
    }

    /// An entity for the first mention of `name` in `t`'s body, with `name` as its canonical.
    fn ent(t: &str, name: &str, label: Label) -> Entity {
        let start = t.find(name).expect("the name is in the text");
        Entity {
            text: name.into(),
            label,
            field: Field::Body,
            start,
            end: start + name.len(),
            canonical: name.into(),
        }
    }

    /// The indirect quotes of `t` as (clause, speaker, speaker mention, cue), through the whole
    /// quote stage so that direct quotes take their sentences first.
    /// The indirect quotes with a speaker: (text, speaker, mention, cue).
    fn ind(t: &str, ents: &[Entity]) -> Vec<(String, String, String, String)> {
        super::super::extract(Field::Body, t, ents)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Indirect && q.speaker.is_some())
            .map(|q| {
                assert_eq!(&t[q.start..q.end], q.text);
                let m = &t[q.speaker_start.unwrap()..q.speaker_end.unwrap()];
                (
                    q.text,
                    q.speaker.expect("indirect quotes always name a speaker"),
                    m.to_string(),
                    q.cue.unwrap_or_default(),
                )
            })
            .collect()
    }

    fn one(
        clause: &str,
        speaker: &str,
        mention: &str,
        cue: &str,
    ) -> Vec<(String, String, String, String)> {
        vec![(clause.into(), speaker.into(), mention.into(), cue.into())]
    }

    fn ada(t: &str) -> Vec<Entity> {
        vec![ent(t, "Ada Byron", Label::Per)]
    }

    /// `t`, with the person "Ada Byron" tagged, holds exactly one indirect quote: `clause`,
    /// reported by her (named as such) with the verb `cue`.
    #[track_caller]
    fn assert_ada_reports(t: &str, clause: &str, cue: &str) {
        assert_eq!(ind(t, &ada(t)), one(clause, "Ada Byron", "Ada Byron", cue));
    }

    #[test]
    fn speech_verbs_are_sorted_and_known_to_the_cue_lexicon() {
        // Sorted for the reader; in the lexicon, or `attribution` would not find a subject.
        assert!(SPEECH_VERBS.windows(2).all(|w| w[0] < w[1]));
        // `is_trigger` rules words out by their last letter first.
        for v in SPEECH_VERBS {
            assert!(v.ends_with(['d', 'e', 's', 'y']), "{v}");
            assert!(is_trigger(v), "{v}");
        }
        for v in ["according", "According", "ACCORDING", "aCCording"] {
            assert!(is_trigger(v), "{v}");
        }
        for v in SPEECH_VERBS.iter().chain(ZERO_THAT).chain(WITH_LISTENER) {
            assert!(super::super::cues::is_cue_verb(v), "{v}");
            assert!(is_speech_verb(v), "{v}");
        }
    }

    #[test]
    fn said_that_reports_the_clause() {
        let t = "Ada Byron said on Tuesday that the bridge would close in May.";
        assert_ada_reports(t, "the bridge would close in May", "said");
    }

    #[test]
    fn said_without_that_needs_a_clause() {
        let t = "Ada Byron said the bridge would close in May.";
        assert_ada_reports(t, "the bridge would close in May", "said");
        // A noun object is not a clause.
        let t = "Ada Byron said goodbye to the town council in May.";
        assert!(ind(t, &ada(t)).is_empty());
    }

    #[test]
    fn told_takes_a_listener_before_the_clause() {
        let t = "Ada Byron told reporters that the vote had been rigged.";
        assert_ada_reports(t, "the vote had been rigged", "told");
        let t = "Ada Byron told the Daily Planet website it had been rigged.";
        assert_ada_reports(t, "it had been rigged", "told");
        // "told X to" is an order, not a report.
        let t = "Ada Byron told the council to close the bridge in May.";
        assert!(ind(t, &ada(t)).is_empty());
    }

    #[test]
    fn a_descriptor_before_the_name_is_part_of_the_subject() {
        let t = "Acme spokeswoman Ada Byron warned that the bridge was unsafe.";
        assert_ada_reports(t, "the bridge was unsafe", "warned");
    }

    #[test]
    fn a_closing_reporting_clause_reports_the_sentence_before_it() {
        let t = "The bridge will close in May, Ada Byron said on Tuesday.";
        assert_ada_reports(t, "The bridge will close in May", "said");
        let t = "The bridge will close in May, said Ada Byron, the city engineer.";
        assert_ada_reports(t, "The bridge will close in May", "said");
        // An introductory phrase is not a clause.
        let t = "In a statement on Tuesday, Ada Byron said.";
        assert!(ind(t, &ada(t)).is_empty());
    }

    #[test]
    fn according_to_an_organisation() {
        let t = "According to Acme Corp, sales have fallen by a third.";
        let e = [ent(t, "Acme Corp", Label::Org)];
        assert_eq!(
            ind(t, &e),
            one(
                "sales have fallen by a third",
                "Acme Corp",
                "Acme Corp",
                "According to"
            )
        );
        let t = "Sales have fallen by a third, according to Acme Corp.";
        let e = [ent(t, "Acme Corp", Label::Org)];
        assert_eq!(
            ind(t, &e),
            one(
                "Sales have fallen by a third",
                "Acme Corp",
                "Acme Corp",
                "according to"
            )
        );
        // Figures are not a speaker.
        let t = "Sales have fallen by a third, according to figures from Acme Corp.";
        let e = [ent(t, "Acme Corp", Label::Org)];
        assert!(ind(t, &e).is_empty());
    }

    #[test]
    fn a_pronoun_resolves_to_the_person_named_just_before() {
        let t = "Ada Byron spoke at the town hall.\n\nShe said that the bridge would close.";
        assert_eq!(
            ind(t, &ada(t)),
            one("the bridge would close", "Ada Byron", "She", "said")
        );
    }

    #[test]
    fn an_unresolvable_pronoun_yields_nothing() {
        // The control: one person named before the pronoun resolves it.
        let t = "Ada Byron arrived.\n\nShe said that the bridge would close in May.";
        assert_eq!(ind(t, &ada(t)).len(), 1);
        assert!(ind("He said that the bridge would close in May.", &[]).is_empty());
        assert!(ind("It said that the bridge would close in May.", &[]).is_empty());
        // The person named inside the clause is not the speaker.
        let t = "Tom Lee was wrong about the bridge, she said.";
        assert!(ind(t, &[ent(t, "Tom Lee", Label::Per)]).is_empty());
        // Two people before the pronoun who could both be meant: nothing.
        let t = "Ada Byron met Mary Lee.\n\nShe said that the bridge would close.";
        assert!(ind(
            t,
            &[
                ent(t, "Ada Byron", Label::Per),
                ent(t, "Mary Lee", Label::Per)
            ]
        )
        .is_empty());
        // A man and a woman: "she" is the woman, whichever was named last.
        let t = "Ada Byron met Tom Lee.\n\nShe said that the bridge would close.";
        let e = [
            ent(t, "Ada Byron", Label::Per),
            ent(t, "Tom Lee", Label::Per),
        ];
        assert_eq!(
            ind(t, &e),
            one("the bridge would close", "Ada Byron", "She", "said")
        );
    }

    /// The indirect quotes without a speaker: (text, source phrase, how).
    fn unnamed(t: &str, ents: &[Entity]) -> Vec<(String, String, &'static str)> {
        super::super::extract(Field::Body, t, ents)
            .into_iter()
            .filter(|q| q.kind == QuoteKind::Indirect && q.speaker.is_none())
            .map(|q| {
                let m = &t[q.speaker_start.unwrap()..q.speaker_end.unwrap()];
                (q.text, m.to_string(), q.how.map_or("", How::as_str))
            })
            .collect()
    }

    /// A description is a source, never a speaker: the quote is kept without one.
    #[test]
    fn a_description_source_gives_a_quote_without_a_speaker() {
        let t = "Officials said that the bridge over the river would close in May for repairs.";
        assert_eq!(
            unnamed(t, &[]),
            [(
                "that the bridge over the river would close in May for repairs".to_string(),
                "Officials".to_string(),
                "reported-description"
            )]
        );
        let t = "Ada Byron, the Acme spokesman, left.\n\nAn Acme spokesman said that the bridge was safe.";
        let u = unnamed(t, &ada(t));
        assert_eq!(u.len(), 1, "{u:?}");
        assert_eq!(u[0].0, "the bridge was safe");
        assert_eq!(u[0].1, "An Acme spokesman");
        // A negated or modal verb is still no report.
        assert!(unnamed("Officials did not say that the bridge would close.", &[]).is_empty());
    }

    #[test]
    fn a_speaker_must_be_a_named_person_or_organisation() {
        let t = "Acme Corp said that the bridge would close in May.";
        assert_eq!(ind(t, &[ent(t, "Acme Corp", Label::Org)]).len(), 1);
        assert!(ind("Officials said that the bridge would close in May.", &[]).is_empty());
        let t = "Officials in Berlin said that the bridge would close in May.";
        assert!(ind(t, &[ent(t, "Berlin", Label::Org)]).is_empty());
        // A possessive names someone else: the lawyer spoke, not Ada Byron.
        let t = "Ada Byron’s lawyer said that the bridge was safe.";
        assert!(ind(t, &ada(t)).is_empty());
        // A role is left out, even with its holder named earlier: it may be another holder.
        let t = "Ada Byron, the Acme spokesman, left.\n\nAn Acme spokesman said that the bridge was safe.";
        assert!(ind(t, &ada(t)).is_empty());
        let t = "Acme chairman Ada Byron arrived.\n\nThe chairman said that the bridge was safe.";
        assert!(ind(t, &ada(t)).is_empty());
        // A title the tagger took for a name names nobody.
        let t = "Lord Byron said that the bridge was safe.";
        let lord = Entity {
            canonical: "Lord".into(),
            ..ent(t, "Lord Byron", Label::Per)
        };
        assert!(ind(t, &[lord]).is_empty());
        // A place does not speak here, even when the tagger knows it.
        let t = "Ruritania said that the bridge was safe.";
        assert!(ind(t, &[ent(t, "Ruritania", Label::Loc)]).is_empty());
    }

    #[test]
    fn questions_conditionals_and_non_reports_yield_nothing() {
        let t = "Ada Byron said that the bridge was safe.";
        assert_eq!(ind(t, &ada(t)).len(), 1);
        for t in [
            "Did Ada Byron say that the bridge would close in May?",
            "If Ada Byron said that the bridge was safe, nobody believed her.",
            "Ada Byron would say that the bridge is safe.",
            "Ada Byron did not say that the bridge was safe.",
            "Ada Byron never said that the bridge was safe.",
            "Ada Byron was told that the bridge was safe.",
            "Ada Byron is said to have sold the bridge in May.",
            "Ada Byron bought the said company, which was failing.",
            "Ada Byron, who said that the bridge was safe, resigned.",
        ] {
            assert!(ind(t, &ada(t)).is_empty(), "{t}");
        }
    }

    #[test]
    fn a_sentence_with_a_direct_quote_yields_no_indirect_quote() {
        // The sentences around the quote are read.
        let t = "Ada Byron said that the bridge was old. “It will close,” she said.";
        let all = super::super::extract(Field::Body, t, &ada(t));
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].kind, QuoteKind::Indirect);
        assert_eq!(all[1].kind, QuoteKind::Direct);
        let t = "Ada Byron said that the bridge “would close soon,” and left.";
        let all = super::super::extract(Field::Body, t, &ada(t));
        assert!(all.iter().all(|q| q.kind == QuoteKind::Direct), "{all:?}");
        // A multi-paragraph direct quote covers its middle paragraph too.
        let t = "Ada Byron said: “The bridge is old.\n\nAda Byron said the bridge would close.”";
        let all = super::super::extract(Field::Body, t, &ada(t));
        assert!(all.iter().all(|q| q.kind == QuoteKind::Direct), "{all:?}");
    }

    #[test]
    fn a_closing_attribution_and_an_abbreviation_do_not_end_the_clause_wrongly() {
        let t = "Ada Byron said the plan could fail, people at the meeting said.";
        assert_ada_reports(t, "the plan could fail", "said");
        let t = "Ada Byron has said she is not interested in the No. 2 job at Acme.";
        assert_ada_reports(t, "she is not interested in the No. 2 job at Acme", "said");
    }

    #[test]
    fn a_parenthesised_sentence_leaves_its_brackets_out() {
        let t = "The bridge closed. (Ada Byron said that the timing was unrelated.)";
        assert_ada_reports(t, "the timing was unrelated", "said");
    }

    #[test]
    fn a_plain_tense_clause_follows_a_say_verb_without_that() {
        let t = "Ada Byron said he expects the bridge to close in May.";
        assert_ada_reports(t, "he expects the bridge to close in May", "said");
        let t = "Ada Byron said the council approved the plan on Monday.";
        assert_ada_reports(t, "the council approved the plan on Monday", "said");
        // Other verbs take noun objects as readily: "added" needs an auxiliary or "that".
        let t = "Ada Byron added the new jobs created by the plan to the list.";
        assert!(ind(t, &ada(t)).is_empty());
        // "it" may be an object ("said it again"): only with an auxiliary.
        let t = "Ada Byron said it again to the town council in May.";
        assert!(ind(t, &ada(t)).is_empty());
    }

    #[test]
    fn a_reporting_clause_inside_the_sentence_reports_what_follows() {
        let t = "Though the handover went smoothly, Ada Byron said, replacing the bridge would be harder.";
        assert_ada_reports(t, "replacing the bridge would be harder", "said");
        // Negated or modal: not a report.
        let t = "Though the handover went smoothly, Ada Byron would say, replacing it is harder.";
        assert!(ind(t, &ada(t)).is_empty());
    }

    #[test]
    fn a_sentence_with_a_quotation_reports_only_what_lies_clear_of_it() {
        let t = "Ada Byron told the audience that the bridge would close, saying that “it is old.”";
        assert_ada_reports(t, "the bridge would close", "told");
        let t = "Ada Byron said the bridge “would close soon” and the ferry would run.";
        assert!(ind(t, &ada(t)).is_empty());
    }

    #[test]
    fn the_clause_stops_before_a_second_clause() {
        let t = "Ada Byron said that the bridge would close, adding that a ferry would run.";
        assert_ada_reports(t, "the bridge would close", "said");
    }
}
