//! Outcome accounting for an index run. Every file the walker yields lands in exactly one file
//! outcome (ok, skipped, failed); every article parsed lands in exactly one article outcome
//! (indexed, updated, unchanged, duplicate). `removed` counts articles gone from disk.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::RejectionKind;

/// The `index --json` summary, with DESIGN.md's keys.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Report {
    pub files_seen: u64,
    pub articles: u64,
    pub indexed: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub failed: u64,
    /// Entity mentions and quotes in the articles written this run (indexed + updated).
    pub entities: u64,
    pub quotes: u64,
    pub seconds: f64,
    /// Records inside files passed over as not articles (a WARC's requests, metadata and
    /// non-HTML responses); in the JSON only when there were some.
    #[serde(skip_serializing_if = "is_zero")]
    pub records_skipped: u64,
    /// Bytes of article files read (not part of the DESIGN.md keys; used for MB/s).
    #[serde(skip)]
    pub bytes: u64,
    /// One line per problem file, in the order met.
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A file that was skipped or failed, or had bad records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub kind: RejectionKind,
    pub reason: String,
}

impl Report {
    /// True when some file failed: the exit code is then 2.
    pub fn has_failures(&self) -> bool {
        self.failed > 0
    }
}
