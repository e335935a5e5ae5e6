//! morgue: a folder tree of news articles → a searchable archive that knows who is mentioned,
//! who is quoted and what they said.
//!
//! ```text
//! PATH... ──walk──▶ files ──read──▶ text ──parse──▶ Article ──enrich──▶ EnrichedArticle ──index──▶ tantivy
//!                                                                                       │
//!                                  search / quotes / entities (readers) ◀───────────────┘
//! ```
//!
//! `walk`, `read`, `parse` and `enrich` are the pipeline stages; `ingest` runs them in parallel
//! and feeds one index writer; `index` is the only module that touches tantivy; `report` counts
//! per-file outcomes; the binary (`main.rs`, `cli.rs`, `output.rs`) is the only place that
//! parses arguments or prints.

pub mod archive_names;
pub mod article;
pub mod enrich;
pub mod enriched;
pub mod error;
pub mod extract;
pub mod identity;
pub mod index;
pub mod ingest;
pub mod near_dup;
pub mod parse;
pub mod read;
pub mod report;
pub mod walk;

pub use article::{Article, EnrichedArticle, Enrichment, Entity, Field, Label, Quote, QuoteKind};
pub use error::{Error, Rejection, RejectionKind};
