//! The one place that declares index fields. Article and quote documents share one schema and
//! are told apart by `kind`; both carry `path` and `id`, so deleting an article by path removes
//! its quotes too. Bump [`SCHEMA_VERSION`] whenever a field or tokenizer changes meaning.

use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::Index;

/// Version of the field layout below; stored beside the index in `morgue.json`.
/// 5: article and duplicate documents carry their `record` number (issue 22: a `#` in a file
/// name lost articles when the file was recovered by splitting the path at `#`).
/// 6: quote documents carry `quote_how` (how the speaker was found).
/// 7: `lang` (the article's language, for `--lang` and `lang:`), and the prose of articles in
/// another language than English once more under that language's own stemmer (`text_de`…).
/// 8: article and quote documents carry their near-duplicate `cluster`, articles their
/// `minhash` signature (`near_dup.rs`).
/// 9: quote documents carry `quote_copy`, the key their copies in other articles of the same
/// cluster share (`index/quote_copies.rs`), so a quote repeated by wire copies counts once.
pub const SCHEMA_VERSION: u32 = 9;

/// Names for entities: split on non-alphanumerics and lowercased, but not stemmed, so
/// `person:stoltenberg` matches "Jens Stoltenberg" and `person:jens` does not match "Jen".
pub const NAME_TOKENIZER: &str = "morgue_name";
/// Whole value, lowercased: `section:Politics` and `section:politics` are the same.
pub const EXACT_TOKENIZER: &str = "morgue_exact";
/// Prose: tantivy's English stemmer, so `warns` finds "warned".
pub const PROSE_TOKENIZER: &str = "en_stem";

/// Languages other than English whose prose is indexed a second time under their own Snowball
/// stemmer, by the ISO 639-1 code `parse::language` gives: field `text_CODE`, tokenizer
/// `stem_CODE`. `title` and `body` keep the English analyzer for every article (exact word
/// forms match in any language, and indexes stay comparable); a German query word then also
/// finds its other forms ("Häuser" finds "Haus") through `text_de`. These are the languages
/// tantivy ships a stemmer for; others are indexed as words without stemming beyond English's.
pub const STEMMED_LANGS: [(&str, Language); 17] = [
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nb", Language::Norwegian),
    ("nl", Language::Dutch),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The field holding prose stemmed for language `code`.
pub fn prose_field_name(code: &str) -> String {
    format!("text_{code}")
}

fn stem_tokenizer(code: &str) -> String {
    format!("stem_{code}")
}

pub const KIND_ARTICLE: &str = "article";
pub const KIND_QUOTE: &str = "quote";
/// One per cleanly read file: size, mtime and content hash, so the next run can skip it.
pub const KIND_FILE: &str = "file";
/// An article whose content is already indexed under another path: records the extra path.
pub const KIND_DUPLICATE: &str = "duplicate";

/// Handles to every field, resolved once.
#[derive(Debug, Clone)]
pub struct Fields {
    pub kind: Field,
    pub id: Field,
    pub path: Field,
    /// Article and duplicate documents of a file of several articles: the record number, whose
    /// `#N` ends `path` (see `article::file_of`). Absent for a one-article file.
    pub record: Field,
    pub title: Field,
    pub body: Field,
    pub date: Field,
    pub section: Field,
    pub url: Field,
    pub source: Field,
    pub authors: Field,
    pub person: Field,
    pub org: Field,
    pub place: Field,
    pub misc: Field,
    pub speaker: Field,
    pub speaker_org: Field,
    pub quote: Field,
    pub cue: Field,
    /// Quote documents: `direct` or `indirect` (reported speech), for filtering and display.
    pub quote_kind: Field,
    /// How the quote's speaker was found (`How::as_str`), stored for display.
    pub quote_how: Field,
    /// Article and quote documents: the near-duplicate cluster (`near_dup::Clusters`), the
    /// content id of the article that started it; every article has one.
    pub cluster: Field,
    /// Quote documents: the cluster and the quote's words, hashed (`quote_copies::key`): the
    /// same quote in two copies of a wire story has the same key.
    pub quote_copy: Field,
    /// Article documents: the body's MinHash signature (`near_dup::Signature`), absent for a
    /// body too short to compare; read back by the next run to cluster new articles.
    pub minhash: Field,
    /// File documents: the file's path (article paths may carry `#N`), size, mtime (seconds),
    /// content hash, and the enrichment version its articles were written with.
    pub file: Field,
    pub file_size: Field,
    pub file_mtime: Field,
    pub file_hash: Field,
    pub enrich_version: Field,
    /// Exact values for counting: `/person/Jens Stoltenberg`, `/section/politics`…; stored, so
    /// hits list canonical names (the text fields also hold surface forms, for matching).
    pub facets: Field,
    /// The same names once more, one multi-valued string fast field per kind (`names_person`…),
    /// for counting: a count of one kind then reads only that kind's values of each document.
    pub names: NameFields,
    /// The article's language code (`en`, `de`…), both document kinds; absent when unknown.
    pub lang: Field,
    /// Per [`STEMMED_LANGS`] entry, in that order: the prose of articles in that language,
    /// under its stemmer (not stored).
    pub prose: Vec<(&'static str, Field)>,
}

/// The per-kind name columns; see [`NAME_KINDS`].
#[derive(Debug, Clone)]
pub struct NameFields {
    pub person: Field,
    pub org: Field,
    pub place: Field,
    pub misc: Field,
    pub speaker: Field,
    pub section: Field,
}

/// Kinds that have a name column, as facets and entity listings name them.
pub const NAME_KINDS: [&str; 6] = ["person", "org", "place", "misc", "speaker", "section"];

/// The fast field holding the names of one of [`NAME_KINDS`].
pub fn name_column(kind: &str) -> String {
    format!("names_{kind}")
}

impl NameFields {
    /// The field of one kind of [`NAME_KINDS`].
    pub fn of(&self, kind: &str) -> Option<Field> {
        Some(match kind {
            "person" => self.person,
            "org" => self.org,
            "place" => self.place,
            "misc" => self.misc,
            "speaker" => self.speaker,
            "section" => self.section,
            _ => return None,
        })
    }
}

fn text(tokenizer: &str, positions: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::Basic
    };
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record),
        )
        .set_stored()
}

pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let name = || text(NAME_TOKENIZER, true);
    let fields = Fields {
        kind: b.add_text_field("kind", STRING | FAST),
        id: b.add_text_field("id", STRING | STORED | FAST),
        path: b.add_text_field("path", STRING | STORED | FAST),
        record: b.add_u64_field("record", FAST),
        title: b.add_text_field("title", text(PROSE_TOKENIZER, true)),
        body: b.add_text_field("body", text(PROSE_TOKENIZER, true)),
        date: b.add_date_field(
            "date",
            DateOptions::default()
                .set_indexed()
                .set_stored()
                .set_fast()
                .set_precision(DateTimePrecision::Seconds),
        ),
        section: b.add_text_field("section", text(EXACT_TOKENIZER, false)),
        url: b.add_text_field("url", STORED),
        source: b.add_text_field("source", text(NAME_TOKENIZER, true)),
        authors: b.add_text_field("author", text(NAME_TOKENIZER, true)),
        person: b.add_text_field("person", name()),
        org: b.add_text_field("org", name()),
        place: b.add_text_field("place", name()),
        misc: b.add_text_field("misc", name()),
        speaker: b.add_text_field("speaker", name()),
        speaker_org: b.add_text_field("speaker_org", name()),
        quote: b.add_text_field("quote", text(PROSE_TOKENIZER, true)),
        cue: b.add_text_field("cue", text(EXACT_TOKENIZER, false)),
        quote_kind: b.add_text_field("quote_kind", STRING | STORED),
        quote_how: b.add_text_field("quote_how", STRING | STORED),
        cluster: b.add_text_field("cluster", STRING | STORED | FAST),
        quote_copy: b.add_text_field("quote_copy", STRING | FAST),
        minhash: b.add_bytes_field("minhash", FAST),
        file: b.add_text_field("file", STRING | STORED | FAST),
        file_size: b.add_u64_field("file_size", FAST),
        file_mtime: b.add_i64_field("file_mtime", FAST),
        file_hash: b.add_text_field("file_hash", STRING | FAST),
        enrich_version: b.add_u64_field("enrich_version", FAST),
        facets: b.add_facet_field("facets", FacetOptions::default().set_stored()),
        names: {
            // Fast only: never searched or shown, just counted.
            let mut col = |kind: &str| b.add_text_field(&name_column(kind), FAST);
            NameFields {
                person: col("person"),
                org: col("org"),
                place: col("place"),
                misc: col("misc"),
                speaker: col("speaker"),
                section: col("section"),
            }
        },
        lang: b.add_text_field("lang", text(EXACT_TOKENIZER, false)),
        prose: STEMMED_LANGS
            .iter()
            .map(|(code, _)| {
                let indexing = TextFieldIndexing::default()
                    .set_tokenizer(&stem_tokenizer(code))
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions);
                let options = TextOptions::default().set_indexing_options(indexing);
                (*code, b.add_text_field(&prose_field_name(code), options))
            })
            .collect(),
    };
    (b.build(), fields)
}

/// Register morgue's own tokenizers on an index (they are not persisted by tantivy).
pub fn register_tokenizers(index: &Index) {
    let m = index.tokenizers();
    // Replaces tantivy's built-in `en_stem` with the same chain behind a stem cache.
    m.register(PROSE_TOKENIZER, super::stem::prose_analyzer());
    m.register(
        NAME_TOKENIZER,
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
    for (code, lang) in STEMMED_LANGS {
        m.register(
            &stem_tokenizer(code),
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .filter(Stemmer::new(lang))
                .build(),
        );
    }
    m.register(
        EXACT_TOKENIZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Resolve field handles from an opened index's schema (built by the same [`build`]).
pub fn fields_of(schema: &Schema) -> Result<Fields, String> {
    let f = |n: &str| {
        schema
            .get_field(n)
            .map_err(|_| format!("field {n} missing"))
    };
    Ok(Fields {
        kind: f("kind")?,
        id: f("id")?,
        path: f("path")?,
        record: f("record")?,
        title: f("title")?,
        body: f("body")?,
        date: f("date")?,
        section: f("section")?,
        url: f("url")?,
        source: f("source")?,
        authors: f("author")?,
        person: f("person")?,
        org: f("org")?,
        place: f("place")?,
        misc: f("misc")?,
        speaker: f("speaker")?,
        speaker_org: f("speaker_org")?,
        quote: f("quote")?,
        cue: f("cue")?,
        quote_kind: f("quote_kind")?,
        quote_how: f("quote_how")?,
        cluster: f("cluster")?,
        quote_copy: f("quote_copy")?,
        minhash: f("minhash")?,
        file: f("file")?,
        file_size: f("file_size")?,
        file_mtime: f("file_mtime")?,
        file_hash: f("file_hash")?,
        enrich_version: f("enrich_version")?,
        facets: f("facets")?,
        names: NameFields {
            person: f(&name_column("person"))?,
            org: f(&name_column("org"))?,
            place: f(&name_column("place"))?,
            misc: f(&name_column("misc"))?,
            speaker: f(&name_column("speaker"))?,
            section: f(&name_column("section"))?,
        },
        lang: f("lang")?,
        prose: STEMMED_LANGS
            .iter()
            .map(|(code, _)| Ok((*code, f(&prose_field_name(code))?)))
            .collect::<Result<_, String>>()?,
    })
}
