//! The data model every stage shares: an [`Article`] as parsed from a file, and what enrichment
//! adds to it ([`Entity`], [`Quote`]). Spans are UTF-8 byte offsets into the field they name, so
//! they can be sliced straight out of `title` or `body`.
//!
//! This module owns no behaviour beyond small accessors; parsing lives in `parse`, enrichment in
//! `enrich`, storage in `index`.

use serde::{Deserialize, Serialize};

/// One news article, as parsed from a file (or one record of a JSON/JSONL file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// Stable id: hex of the content hash of title and body (see [`Article::content_id`]).
    pub id: String,
    /// Source path as given on the command line joined with the walked path; for records of a
    /// JSON array or JSONL file, `path#N` with the 1-based record number. A display string: the
    /// file is never recovered from it by splitting at `#` (file names may hold one), but by
    /// [`Article::file`], which knows the record number.
    pub path: String,
    /// The 1-based record number within a file of several articles (`None` for a file that is
    /// one article): its own field, so that `path` need never be taken apart.
    pub record: Option<u64>,
    /// Folder path relative to the walked root ("business", "2016/politics"); empty at the root.
    pub section: String,
    pub title: String,
    pub body: String,
    /// Publication date, normalised to `YYYY-MM-DD` (or full RFC 3339 when a time is known).
    pub date: Option<String>,
    pub url: Option<String>,
    pub authors: Vec<String>,
    /// The outlet ("The Guardian"), when the file says so.
    pub source: Option<String>,
    /// Subject codes the file carries, as (kind, value): Reuters' `("topic", "cocoa")`,
    /// `("place", "el-salvador")`; feeds' and NITF's categories and keywords.
    pub tags: Vec<(String, String)>,
    /// Language of the text as an ISO 639-1 code ("en", "de"), when known.
    pub lang: Option<String>,
}

impl Article {
    /// The content hash used as the article id: title and body only, so the same story saved
    /// under two paths (or re-saved with a new mtime) keeps its id and is detected as a duplicate.
    pub fn content_id(title: &str, body: &str) -> String {
        let mut h = blake3::Hasher::new();
        h.update(title.as_bytes());
        // A separator that cannot occur in either field keeps ("ab","c") apart from ("a","bc").
        h.update(&[0xff]);
        h.update(body.as_bytes());
        h.finalize().to_hex()[..16].to_string()
    }

    /// The path of the file this article came from: `path` without its `#N` record suffix.
    pub fn file(&self) -> &str {
        file_of(&self.path, self.record)
    }

    /// The text of one field.
    pub fn field(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.title,
            Field::Body => &self.body,
        }
    }
}

/// The file part of an article path whose record number is `record`: the path itself for a
/// one-article file, else the path without the `#N` that [`record_path`] appended. A path whose
/// suffix does not match the record number is returned whole (it was not built by
/// `record_path`), so a `#` inside a file or folder name is never taken for a record marker.
pub fn file_of(path: &str, record: Option<u64>) -> &str {
    let Some(n) = record else {
        return path;
    };
    let digits = n.to_string();
    path.strip_suffix(digits.as_str())
        .and_then(|p| p.strip_suffix('#'))
        .unwrap_or(path)
}

/// The article path of record `record` of `file` (the file's own path for `None`).
pub fn record_path(file: &str, record: Option<u64>) -> String {
    match record {
        Some(n) => format!("{file}#{n}"),
        None => file.to_string(),
    }
}

/// Which text field a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Body,
}

/// Entity type, CoNLL-2003 style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Label {
    #[serde(rename = "PER")]
    Per,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Loc,
    #[serde(rename = "MISC")]
    Misc,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
        }
    }
}

/// One entity mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The mention exactly as it appears in the field (`field_text[start..end]`).
    pub text: String,
    pub label: Label,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    /// The name this mention stands for within the article ("Jens Stoltenberg" for "Stoltenberg").
    pub canonical: String,
}

/// Direct quotes are verbatim speech in quote marks; indirect ones are reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    #[default]
    Direct,
    Indirect,
}

impl QuoteKind {
    /// The name used in JSON, the index and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// How a quote's speaker was found: the name of the sieve (rule) that decided, as JSON, the
/// index and `extract --explain` show it. A speaker reached through a pronoun or a role phrase
/// says so (`pronoun`, `role`) whatever the sieve that found the cue, because that resolution is
/// the step most likely to go wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// A transcript's speaker label opens the quote: `"PENCE: Well, look…"`.
    Transcript,
    /// The cue between the parts of an interrupted quote: `“A,” Ada Byron said, “B.”`.
    CueInside,
    /// The cue right after the quote: `“…,” Ada Byron said.`
    CueAfter,
    /// A dash signature after the quote: `“…” – Ada Byron`.
    Signature,
    /// The cue before the quote in its sentence: `Ada Byron said: “…”`.
    CueBefore,
    /// The previous sentence ends on the cue, or reports through its subject: `Ada Byron said.
    /// “…”`.
    PreviousSentence,
    /// The paragraph before ends on a colon: `Ada Byron replied:\n\n“…”`.
    ColonParagraph,
    /// "According to Ada Byron, …".
    AccordingTo,
    /// A pronoun subject resolved to the nearest compatible person: `“…,” she said.`
    Pronoun,
    /// A role or description resolved to the person or organisation it names: `“…,” the
    /// senator said.`
    Role,
    /// Continuing speech: an uncued quote after the same speaker's quote.
    Continuation,
    /// A second quote of one sentence shares the cued one's speaker.
    SameSentence,
    /// The subject of the quote's sentence, without a cue verb next to the quote.
    SentenceSubject,
    /// An uncued quote opening a paragraph: the subject of the paragraph before.
    ParagraphSubject,
    /// A mention near the quote chosen by the learned second opinion on the weak sieves
    /// (`enrich/quotes/attribution/ranker.rs`), where no sieve proposed it.
    Ranked,
    /// Reported speech: the subject of the reporting verb (`Ada Byron said that …`).
    Reported,
    /// Reported speech found by the learned classifier (`enrich/quotes/reported.rs`): the
    /// subject of a verb beyond speech (`Ada Byron questioned whether …`).
    ReportedLearned,
    /// Reported speech found by the token tagger (`enrich/quotes/reported_span.rs`): a span
    /// next to a cue, its speaker the cue's subject; no speaker when that does not resolve.
    ReportedSpan,
    /// Reported speech found by the token tagger whose source the rules did not find next to
    /// it: the mention of its sentence that the learned source selector
    /// (`enrich/quotes/reported_span/ranker.rs`) picks (`The head of the group, Ada Byron,
    /// praised …`).
    ReportedRanked,
    /// Reported speech whose source is a description, not a name (`officials said that …`, `a
    /// spokesman argued …`): the quote has no speaker, and the mention is the source phrase.
    ReportedDescription,
}

impl How {
    /// The name used in JSON, the index and `--explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Transcript => "transcript",
            How::CueInside => "cue-inside",
            How::CueAfter => "cue-after",
            How::Signature => "signature",
            How::CueBefore => "cue-before",
            How::PreviousSentence => "previous-sentence",
            How::ColonParagraph => "colon-paragraph",
            How::AccordingTo => "according-to",
            How::Pronoun => "pronoun",
            How::Role => "role",
            How::Continuation => "continuation",
            How::SameSentence => "same-sentence",
            How::SentenceSubject => "sentence-subject",
            How::ParagraphSubject => "paragraph-subject",
            How::Ranked => "ranked",
            How::Reported => "reported",
            How::ReportedLearned => "reported-learned",
            How::ReportedSpan => "reported-span",
            How::ReportedRanked => "reported-ranked",
            How::ReportedDescription => "reported-description",
        }
    }
}

/// One quote and who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted words: `field_text[start..end]`, or for an interrupted quote its `parts`
    /// joined by one space, so the attribution between them (`, Ada Byron said,`) is never
    /// part of the text.
    pub text: String,
    pub field: Field,
    /// From the first quoted word to the last, the attribution of an interrupted quote
    /// included (one span, as PolNeAR annotates it and as search snippets show it).
    pub start: usize,
    pub end: usize,
    /// Canonical name of the speaker, or `None` when unknown — never a guess.
    pub speaker: Option<String>,
    /// The mention the speaker was resolved from ("he", "Stoltenberg", "the NATO Secretary
    /// General"), in the same field as the quote.
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// The reporting verb or phrase ("said", "writes", "according to"), when there is one.
    pub cue: Option<String>,
    pub kind: QuoteKind,
    /// How the speaker was found; `None` when `speaker` is, except for reported speech whose
    /// source is a description (`How::ReportedDescription`: no speaker, the source phrase kept).
    pub how: Option<How>,
    /// An interrupted quote's pieces (byte ranges of the field, in order), leaving out the
    /// attribution between them; empty for a quote in one piece.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub parts: Vec<(usize, usize)>,
}

/// What enrichment adds to an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enrichment {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
}

/// An article with its enrichment: what the index writer receives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnrichedArticle {
    pub article: Article,
    pub enrichment: Enrichment,
}
