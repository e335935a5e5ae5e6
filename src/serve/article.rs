//! The article view, `/articles/{id}`: the stored text with its entity mentions and quotes
//! marked (each mention links to its entity page, each quote names its speaker), and lists of
//! who is named and who is quoted.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;

use morgue::index::shards::{self, Shards};

use super::api::enriched_article;
use super::html::{entity_href, esc, page, Tab};
use super::pages::{or_untitled, serve_page};
use super::params::Params;
use super::{App, Failure};

pub async fn article(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    serve_page(app, move |archive| {
        article_page(archive, &id, raw.as_deref())
    })
    .await
}

fn article_page(archive: &Shards, id: &str, raw: Option<&str>) -> Result<String, Failure> {
    Params::parse(raw)?.only(&[])?;
    let a = enriched_article(archive, id)?;
    let table = shards::browse::names(archive);
    let art = &a.article;
    let kind_of = |l: morgue::Label| match l {
        morgue::Label::Per => "person",
        morgue::Label::Org => "org",
        morgue::Label::Loc => "place",
        morgue::Label::Misc => "misc",
    };
    let mut main = String::new();
    let _ = write!(
        main,
        "<article class=\"doc\"><h1>{}</h1><p class=\"meta\">{} · {} · <span class=\"path\">{}</span>",
        marked_field(&a, morgue::Field::Title, &table),
        esc(art.date.as_deref().unwrap_or("undated")),
        esc(&art.section),
        esc(&art.path)
    );
    if let Some(url) = art.url.as_deref().filter(|u| is_web_url(u)) {
        let _ = write!(
            main,
            " · <a href=\"{}\" rel=\"noreferrer noopener\">original</a>",
            esc(url)
        );
    }
    main.push_str("</p><p class=\"legend\"><span class=\"ent person\">person</span> <span class=\"ent org\">organisation</span> <span class=\"ent place\">place</span> <span class=\"ent misc\">other</span> <span class=\"quote\">quote</span></p>");
    let _ = write!(
        main,
        "<div class=\"body\">{}</div></article>",
        marked_field(&a, morgue::Field::Body, &table)
    );
    // Side lists: who is named, who is quoted.
    let mut names: Vec<(&str, &str)> = Vec::new();
    for e in &a.enrichment.entities {
        let kind = kind_of(e.label);
        let name = table.canonical(kind, &e.canonical);
        if !names.contains(&(kind, name)) {
            names.push((kind, name));
        }
    }
    main.push_str("<aside class=\"sidebar\"><section><h2>Named</h2><ul>");
    for (kind, name) in &names {
        let _ = write!(
            main,
            "<li><a class=\"ent {kind}\" href=\"{}\">{}</a></li>",
            entity_href(name, Some(kind)),
            esc(name)
        );
    }
    main.push_str("</ul></section><section><h2>Quotes</h2><ol>");
    for q in &a.enrichment.quotes {
        let who = match &q.speaker {
            Some(s) => {
                let s = table.canonical("org", table.canonical("person", s));
                format!("<a href=\"{}\">{}</a>", entity_href(s, None), esc(s))
            }
            None => "<span class=\"muted\">unknown</span>".into(),
        };
        let _ = write!(main, "<li>{} — {who}</li>", esc(&q.text));
    }
    main.push_str("</ol></section><p class=\"muted\">Marks come from running the enrichment again on the stored text.</p></aside>");
    Ok(page(
        or_untitled(&art.title),
        Tab::None,
        "",
        &[],
        &format!("<div class=\"layout article\">{main}</div>"),
    ))
}

/// Only http(s) links to an article's original are shown: a stored `javascript:` or `data:`
/// url is text, never a link.
fn is_web_url(u: &str) -> bool {
    let lower = u.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && !u.contains(['"', '<', '>'])
}

/// One field's text with its quotes and entity mentions marked. Quotes are the outer marks;
/// an entity is marked when it lies wholly inside one quote or wholly outside all of them.
fn marked_field(
    a: &morgue::EnrichedArticle,
    field: morgue::Field,
    table: &morgue::archive_names::NameTable,
) -> String {
    let text = a.article.field(field);
    let fits = |s: usize, e: usize| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut quotes: Vec<&morgue::Quote> = a
        .enrichment
        .quotes
        .iter()
        .filter(|q| q.field == field && fits(q.start, q.end))
        .collect();
    quotes.sort_by_key(|q| q.start);
    let mut entities: Vec<&morgue::Entity> = a
        .enrichment
        .entities
        .iter()
        .filter(|e| e.field == field && fits(e.start, e.end))
        .collect();
    entities.sort_by_key(|e| e.start);
    let mut out = String::with_capacity(text.len() * 2);
    let mut at = 0;
    let mut ents = entities.iter().peekable();
    let write_entities =
        |out: &mut String,
         from: usize,
         to: usize,
         ents: &mut std::iter::Peekable<std::slice::Iter<&morgue::Entity>>| {
            let mut pos = from;
            while let Some(e) = ents.peek() {
                if e.start >= to {
                    break;
                }
                let e = ents.next().unwrap_or_else(|| unreachable!());
                if e.start < pos || e.end > to {
                    continue;
                }
                let kind = match e.label {
                    morgue::Label::Per => "person",
                    morgue::Label::Org => "org",
                    morgue::Label::Loc => "place",
                    morgue::Label::Misc => "misc",
                };
                let name = table.canonical(kind, &e.canonical);
                out.push_str(&esc(&text[pos..e.start]));
                let _ = write!(
                    out,
                    "<a class=\"ent {kind}\" href=\"{}\" title=\"{kind}: {}\">{}</a>",
                    entity_href(name, Some(kind)),
                    esc(name),
                    esc(&text[e.start..e.end])
                );
                pos = e.end;
            }
            out.push_str(&esc(&text[pos..to]));
        };
    for q in quotes {
        if q.start < at {
            continue;
        }
        write_entities(&mut out, at, q.start, &mut ents);
        let who = q
            .speaker
            .as_deref()
            .map_or("speaker unknown".to_string(), |s| {
                format!(
                    "said by {}",
                    table.canonical("org", table.canonical("person", s))
                )
            });
        let _ = write!(out, "<span class=\"quote\" title=\"{}\">", esc(&who));
        write_entities(&mut out, q.start, q.end, &mut ents);
        out.push_str("</span>");
        at = q.end;
    }
    write_entities(&mut out, at, text.len(), &mut ents);
    out
}
