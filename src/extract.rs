//! One file → its articles: read, decode, parse. `morgue extract` enriches what comes out a
//! batch of files at a time (`enrich::enrich_batch`), the ingester article by article; both
//! give the same enrichment, so what `extract` shows is exactly what gets indexed.

use std::path::Path;

use crate::error::Rejection;
use crate::parse::{self, Origin, ParseLimits, Parsed};
use crate::read::{self, Format, Limits};

/// Read and parse one file. `path` is what articles record as their source path.
pub fn read_articles(
    path: &Path,
    section: &str,
    limits: Limits,
    parse_limits: ParseLimits,
) -> Result<Parsed, Rejection> {
    let (format, gz) = Format::from_path(path).ok_or_else(|| {
        Rejection::skipped(format!(
            "not an article: unknown extension {}",
            unknown_extension(path)
        ))
    })?;
    let read_and_parse = || {
        let bytes = read::read_bytes(path, gz, limits)?;
        let text = read::decode(&bytes)?;
        let path_str = path.to_string_lossy();
        parse::parse(
            format.refine(&text),
            &text,
            Origin {
                path: &path_str,
                section,
            },
            parse_limits,
        )
    };
    // Every reason is printed as one line after the path: make sure it is one.
    let mut parsed = read_and_parse().map_err(|mut r| {
        r.reason = one_line(&r.reason);
        r
    })?;
    for p in &mut parsed.problems {
        *p = one_line(p);
    }
    Ok(parsed)
}

/// The extension as a user would name it: `.tar.gz` rather than `.gz` for `x.tar.gz`.
fn unknown_extension(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let inner = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = inner.rsplit_once('.').map_or("", |(_, e)| e);
    let gz = if inner.len() < name.len() { ".gz" } else { "" };
    one_line(&format!(".{ext}{gz}"))
}

/// A reason with its control characters (newlines above all, which would split one problem
/// over several report lines) escaped as `\n`, `\r`, `\u{1b}`…; other text is kept as it is.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_kept_on_one_line() {
        assert_eq!(one_line("bad\nkey\r\u{1b}x"), "bad\\nkey\\r\\u{1b}x");
        assert_eq!(one_line("café £5"), "café £5");
    }

    #[test]
    fn unknown_extension_names_the_whole_suffix() {
        assert_eq!(unknown_extension(Path::new("a/x.tar.gz")), ".tar.gz");
        assert_eq!(unknown_extension(Path::new("a/photo.png")), ".png");
    }
}
