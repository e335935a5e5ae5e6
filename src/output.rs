//! All printing: human and JSON renderings of extract results, run reports and search hits.
//! Nothing else in the binary writes to stdout.

use std::io::{self, Write};

use serde::Serialize;

use morgue::article::{EnrichedArticle, Entity, Quote};

/// The DESIGN.md shape of one `extract --json` line.
#[derive(Serialize)]
struct ExtractJson<'a> {
    path: &'a str,
    title: &'a str,
    body: &'a str,
    date: Option<&'a str>,
    section: &'a str,
    entities: &'a [Entity],
    quotes: &'a [Quote],
}

pub fn extract_json(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    let line = ExtractJson {
        path: &a.article.path,
        title: &a.article.title,
        body: &a.article.body,
        date: a.article.date.as_deref(),
        section: &a.article.section,
        entities: &a.enrichment.entities,
        quotes: &a.enrichment.quotes,
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

pub fn extract_human(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    let art = &a.article;
    writeln!(out, "{}", art.path)?;
    writeln!(out, "  title:  {}", art.title)?;
    if let Some(d) = &art.date {
        writeln!(out, "  date:   {d}")?;
    }
    let words = art.body.split_whitespace().count();
    writeln!(out, "  body:   {words} words")?;
    for e in &a.enrichment.entities {
        writeln!(
            out,
            "  {:<4} {} → {}",
            e.label.as_str(),
            e.text,
            e.canonical
        )?;
    }
    for q in &a.enrichment.quotes {
        let who = q.speaker.as_deref().unwrap_or("(unknown)");
        writeln!(out, "  “{}” — {}", q.text, who)?;
    }
    Ok(())
}
