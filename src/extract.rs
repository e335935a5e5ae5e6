//! One file → its articles: read, decode, parse, and (for `morgue extract`) enrich. The ingester
//! uses [`read_articles`] and enriches only what it will write, so what `extract` shows is
//! exactly what gets indexed.

use std::path::Path;

use crate::article::EnrichedArticle;
use crate::error::Rejection;
use crate::parse::{self, Origin, ParseLimits, Parsed};
use crate::read::{self, Format, Limits};

/// What came out of one file: its articles and problems with single records.
#[derive(Debug)]
pub struct Extracted {
    pub articles: Vec<EnrichedArticle>,
    pub problems: Vec<String>,
}

/// Read and parse one file. `path` is what articles record as their source path.
pub fn read_articles(
    path: &Path,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    let (format, gz) = Format::from_path(path).ok_or_else(|| {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        Rejection::skipped(format!("not an article: unknown extension .{ext}"))
    })?;
    let bytes = read::read_bytes(path, gz, limits)?;
    let text = read::decode(&bytes)?;
    let path_str = path.to_string_lossy();
    parse::parse(
        format,
        &text,
        Origin {
            path: &path_str,
            section,
        },
        parse_limits,
    )
}

/// Read, parse and enrich one file.
pub fn extract_file(
    path: &Path,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Extracted, Rejection> {
    let parsed = read_articles(path, section, limits, parse_limits)?;
    let articles = parsed
        .articles
        .into_iter()
        .map(|article| {
            let enrichment = crate::enrich::enrich(&article);
            EnrichedArticle {
                article,
                enrichment,
            }
        })
        .collect();
    Ok(Extracted {
        articles,
        problems: parsed.problems,
    })
}
