//! `morgue show`: one article for people (its text with the names marked, then who is named
//! and who said what) or as one JSON object.

use std::collections::BTreeMap;
use std::io::{self, Write};

use morgue::article::{EnrichedArticle, Field, Label, QuoteKind};

use super::extract::extract_value;
use super::{clean, clean_text, highlight, origin_line, shown_paths, Style};

/// `show --json`: an `extract --json` line plus `id`, `url`, `source`, `authors` and
/// `duplicates` (the other paths holding the same text).
pub fn show_json(
    out: &mut impl Write,
    a: &EnrichedArticle,
    duplicates: &[String],
) -> io::Result<()> {
    let mut v = extract_value(a)?;
    if let Some(map) = v.as_object_mut() {
        let art = &a.article;
        map.insert("id".into(), art.id.clone().into());
        map.insert("url".into(), art.url.clone().into());
        map.insert("source".into(), art.source.clone().into());
        map.insert("authors".into(), art.authors.clone().into());
        map.insert("duplicates".into(), duplicates.to_vec().into());
    }
    serde_json::to_writer(&mut *out, &v)?;
    writeln!(out)
}

/// `show` for people: title, date and section, path and origin, duplicates; the body with
/// entity mentions marked (colour only: brackets around every name would bury the text);
/// the names of each kind with their mention counts; the quotes, numbered.
pub fn show_human(
    out: &mut impl Write,
    a: &EnrichedArticle,
    duplicates: &[String],
    style: &Style,
) -> io::Result<()> {
    let (b, d, x) = style.codes();
    let art = &a.article;
    style.para(out, 0, &format!("{b}{}{x}", clean(&art.title)))?;
    let meta: Vec<String> = [art.date.as_deref(), Some(art.section.as_str())]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .map(|s| clean(s).into_owned())
        .chain(std::iter::once(format!("id {}", art.id)))
        .collect();
    writeln!(out, "{d}{}{x}", meta.join(" · "))?;
    writeln!(out, "{d}{}{x}", style.path(&art.path))?;
    let origin = morgue::index::reader::Origin {
        url: art.url.clone(),
        source: art.source.clone(),
        authors: art.authors.clone(),
    };
    if let Some(line) = origin_line(&origin) {
        style.para(out, 0, &format!("{d}{line}{x}"))?;
    }
    if !duplicates.is_empty() {
        style.para(
            out,
            0,
            &format!("{d}also at: {}{x}", shown_paths(duplicates, style)),
        )?;
    }
    writeln!(out)?;
    let mut marks: Vec<std::ops::Range<usize>> = if style.color {
        a.enrichment
            .entities
            .iter()
            .filter(|e| e.field == Field::Body)
            .map(|e| e.start..e.end)
            .collect()
    } else {
        Vec::new()
    };
    marks.sort_by_key(|r| r.start);
    // Paragraph by paragraph, each with the marks that fall inside it.
    let mut at = 0;
    for para in art.body.split("\n\n") {
        let start = at;
        let end = start + para.len();
        at = end + 2;
        if para.trim().is_empty() {
            continue;
        }
        let local: Vec<std::ops::Range<usize>> = marks
            .iter()
            .filter(|r| r.start >= start && r.end <= end)
            .map(|r| r.start - start..r.end - start)
            .collect();
        style.para(out, 0, &highlight(para, &local, style.color))?;
        writeln!(out)?;
    }
    let mut by_kind: BTreeMap<u8, BTreeMap<&str, usize>> = BTreeMap::new();
    for e in &a.enrichment.entities {
        let order = match e.label {
            Label::Per => 0,
            Label::Org => 1,
            Label::Loc => 2,
            Label::Misc => 3,
        };
        *by_kind
            .entry(order)
            .or_default()
            .entry(e.canonical.as_str())
            .or_default() += 1;
    }
    for (order, names) in by_kind {
        let label = ["people", "organisations", "places", "other names"][usize::from(order)];
        let mut list: Vec<(&str, usize)> = names.into_iter().collect();
        list.sort_by(|p, q| q.1.cmp(&p.1).then_with(|| p.0.cmp(q.0)));
        let shown: Vec<String> = list
            .iter()
            .map(|(n, c)| format!("{} ({c})", clean(n)))
            .collect();
        style.para(out, 0, &format!("{b}{label}:{x} {}", shown.join(", ")))?;
    }
    if !a.enrichment.quotes.is_empty() {
        writeln!(out, "{b}quotes:{x}")?;
    }
    for (i, q) in a.enrichment.quotes.iter().enumerate() {
        let who = clean(q.speaker.as_deref().unwrap_or("(unknown speaker)"));
        let cue = q
            .cue
            .as_deref()
            .map(|c| format!(" ({})", clean(c)))
            .unwrap_or_default();
        let text = clean_text(&q.text);
        match q.kind {
            QuoteKind::Direct => {
                writeln!(out, "{:>3}. {b}{who}{x}{d}{cue}{x}", i + 1)?;
                style.para(out, 5, &format!("“{text}”"))?;
            }
            QuoteKind::Indirect => {
                writeln!(out, "{:>3}. {b}{who}{x}{d}{cue} · reported{x}", i + 1)?;
                style.para(out, 5, &text)?;
            }
        }
    }
    Ok(())
}
