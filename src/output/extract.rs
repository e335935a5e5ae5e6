//! `extract`'s renderings: the DESIGN.md JSON line (also the start of `show --json`), the human
//! summary and `--explain`, which gives each quote's sentence and the decision behind it.

use std::io::{self, Write};

use serde::Serialize;

use morgue::article::{EnrichedArticle, Entity, Quote, QuoteKind};

use super::{clean, clean_text, Style};

/// The DESIGN.md shape of one `extract --json` line.
#[derive(Serialize)]
struct ExtractJson<'a> {
    path: &'a str,
    title: &'a str,
    body: &'a str,
    date: Option<&'a str>,
    section: &'a str,
    /// ISO 639-1, given by the file or identified; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
    entities: Vec<WithId<'a, Entity>>,
    quotes: Vec<WithSpeakerId<'a>>,
}

/// An entity with its identity id (`morgue::identity`).
#[derive(Serialize)]
struct WithId<'a, T> {
    #[serde(flatten)]
    item: &'a T,
    id: String,
}

/// A quote with its speaker's identity id.
#[derive(Serialize)]
struct WithSpeakerId<'a> {
    #[serde(flatten)]
    quote: &'a Quote,
    speaker_id: Option<String>,
}

pub fn extract_json(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &extract_line(a))?;
    writeln!(out)
}

/// One `extract --json` line as a JSON value (the start of `show --json`).
pub(super) fn extract_value(a: &EnrichedArticle) -> serde_json::Result<serde_json::Value> {
    serde_json::to_value(extract_line(a))
}

fn extract_line(a: &EnrichedArticle) -> ExtractJson<'_> {
    ExtractJson {
        path: &a.article.path,
        title: &a.article.title,
        body: &a.article.body,
        date: a.article.date.as_deref(),
        section: &a.article.section,
        lang: a.article.lang.as_deref(),
        entities: a
            .enrichment
            .entities
            .iter()
            .map(|e| WithId {
                item: e,
                id: morgue::identity::entity_id(e),
            })
            .collect(),
        quotes: a
            .enrichment
            .quotes
            .iter()
            .map(|q| WithSpeakerId {
                quote: q,
                speaker_id: morgue::identity::speaker_id(
                    q.speaker.as_deref(),
                    &a.enrichment.entities,
                ),
            })
            .collect(),
    }
}

pub fn extract_human(out: &mut impl Write, a: &EnrichedArticle, style: &Style) -> io::Result<()> {
    let art = &a.article;
    writeln!(out, "{}", style.path(&art.path))?;
    writeln!(out, "  title:  {}", clean(&art.title))?;
    if let Some(d) = &art.date {
        writeln!(out, "  date:   {}", clean(d))?;
    }
    for (name, value) in [("url", &art.url), ("source", &art.source)] {
        if let Some(v) = value {
            writeln!(
                out,
                "  {name}:{:width$}{}",
                "",
                clean(v),
                width = 7 - name.len()
            )?;
        }
    }
    if !art.authors.is_empty() {
        writeln!(out, "  author: {}", clean(&art.authors.join(", ")))?;
    }
    let words = art.body.split_whitespace().count();
    writeln!(out, "  body:   {words} words")?;
    for e in &a.enrichment.entities {
        writeln!(
            out,
            "  {:<4} {} → {}",
            e.label.as_str(),
            clean(&e.text),
            clean(&e.canonical)
        )?;
    }
    for q in &a.enrichment.quotes {
        let who = clean(q.speaker.as_deref().unwrap_or("(unknown)"));
        let text = clean_text(&q.text);
        match q.kind {
            QuoteKind::Direct => style.para(out, 2, &format!("“{text}” — {who}"))?,
            QuoteKind::Indirect => style.para(out, 2, &format!("(reported) {text} — {who}"))?,
        }
    }
    Ok(())
}

/// `extract --explain`: each quote with the sentence it was read from and the decision.
pub fn extract_explain(out: &mut impl Write, a: &EnrichedArticle, style: &Style) -> io::Result<()> {
    let art = &a.article;
    writeln!(out, "{}", style.path(&art.path))?;
    for (i, q) in a.enrichment.quotes.iter().enumerate() {
        let x = morgue::extract::explain(art.field(q.field), q);
        writeln!(
            out,
            "  [{}] {} {} {}..{}",
            i + 1,
            q.kind.as_str(),
            match q.field {
                morgue::article::Field::Title => "title",
                morgue::article::Field::Body => "body",
            },
            q.start,
            q.end
        )?;
        writeln!(out, "      sentence: {}", clean_text(&x.sentence))?;
        writeln!(out, "      decision: {}", clean(&x.decision))?;
    }
    Ok(())
}
