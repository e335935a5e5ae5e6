//! `morgue extract`: one file → its parsed and enriched article(s), without an index. The same
//! read → parse → enrich path the ingester uses, so what `extract` shows is what gets indexed.

use std::path::Path;

use crate::article::EnrichedArticle;
use crate::error::Rejection;
use crate::parse::{self, Origin, ParseLimits};
use crate::read::{self, Format, Limits};

/// What came out of one file: its articles, problems with single records, or a rejection.
#[derive(Debug)]
pub struct Extracted {
    pub articles: Vec<EnrichedArticle>,
    pub problems: Vec<String>,
}

/// Read, parse and enrich one file. `section` is the folder relative to the walked root.
pub fn extract_file(
    path: &Path,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Extracted, Rejection> {
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
    let parsed = parse::parse(
        format,
        &text,
        Origin {
            path: &path_str,
            section,
        },
        parse_limits,
    )?;
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
