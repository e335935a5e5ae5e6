//! Entity pages: `/entities` (the most mentioned people, organisations, places, by the same
//! reader call as `morgue entities`) and `/entities/{id}` (aliases, quotes by month, latest
//! quotes, who is mentioned with it, its articles). The segment is the entity's identity id
//! (`entities --json`'s `id`; links carry it), or its archive-wide canonical name,
//! percent-encoded, with `?kind=` saying which kind when a name is several.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;

use morgue::index::browse::Counted;
use morgue::index::reader::{self, EntityKind, Filters, Sort};
use morgue::index::shards::{self, Shards};

use super::html::{entity_href, esc, href, month_bounds, month_chart, page, segment, Tab};
use super::pages::{borrowed, chips, downloads, link, or_untitled, quote_cards, serve_page, state};
use super::params::{entity_kind, one_line, Params};
use super::{App, Failure};

pub async fn entity_list(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    serve_page(app, move |archive| {
        entity_list_page(archive, raw.as_deref())
    })
    .await
}

fn entity_list_page(archive: &Shards, raw: Option<&str>) -> Result<String, Failure> {
    let p = Params::parse(raw)?;
    p.only(&[
        "q", "kind", "top", "speaker", "org", "person", "place", "section", "lang", "since",
        "until",
    ])?;
    let mut base = state(&p);
    let kind = p.kinds.first().cloned().unwrap_or_default();
    if !kind.is_empty() {
        base.push(("kind", kind.clone()));
    }
    let mut req = p.entities(50)?;
    req.kinds.truncate(1);
    let r = shards::entities(archive, &req)?;
    let mut main = String::from("<nav class=\"kinds\" aria-label=\"Kinds\">");
    for (k, label) in [
        ("", "all"),
        ("person", "people"),
        ("org", "organisations"),
        ("place", "places"),
        ("misc", "other"),
    ] {
        let current = if k == kind {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            main,
            "<a href=\"{}\"{current}>{label}</a> ",
            link("/entities", &base, &[("kind", k)])
        );
    }
    main.push_str("</nav>");
    main.push_str(&chips("/entities", &base));
    let _ = write!(
        main,
        "<p class=\"summary\"><strong>{}</strong> distinct entities in the matching articles; the {} most mentioned:</p>",
        r.total,
        r.entities.len()
    );
    main.push_str(&downloads("/api/entities", &base, &[]));
    main.push_str("<table class=\"entities\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Kind</th><th scope=\"col\">Articles</th><th scope=\"col\">Quotes</th><th scope=\"col\">Also written</th></tr></thead><tbody>");
    for e in &r.entities {
        let _ = write!(
            main,
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            entity_href(&e.name, Some(e.kind)),
            esc(&e.name),
            e.kind,
            e.articles,
            e.quotes,
            esc(&e.aliases.join(", "))
        );
    }
    main.push_str("</tbody></table>");
    Ok(page(
        "Entities",
        Tab::Entities,
        &p.q,
        &borrowed(&base),
        &main,
    ))
}

/// The filter that selects articles mentioning `name` as `kind`, as (query text, filters).
/// Miscellaneous names have no filter flag; a `misc:` phrase query does the same.
fn mention_filter(kind: EntityKind, name: &str) -> (String, Filters) {
    let mut f = Filters::default();
    let mut q = String::new();
    match kind {
        EntityKind::Person => f.person = Some(name.to_string()),
        EntityKind::Org => f.org = Some(name.to_string()),
        EntityKind::Place => f.place = Some(name.to_string()),
        EntityKind::Misc => {
            let words: String = name
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect();
            q = format!(
                "misc:\"{}\"",
                words.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }
    (q, f)
}

pub async fn entity(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    serve_page(app, move |archive| {
        entity_page(archive, &name, raw.as_deref())
    })
    .await
}

fn entity_page(archive: &Shards, key: &str, raw: Option<&str>) -> Result<String, Failure> {
    let p = Params::parse(raw)?;
    p.only(&["kind"])?;
    // An identity id names the entity and its kind; anything else is a name.
    let by_id = shards::browse::entity_by_id(archive, key)?;
    let name = by_id.as_ref().map_or(key, |(_, n)| n.as_str());
    let asked: Vec<EntityKind> = match p.kinds.as_slice() {
        _ if by_id.is_some() => by_id.iter().map(|(k, _)| *k).collect(),
        [] => EntityKind::ALL.to_vec(),
        [k] => vec![entity_kind(k).ok_or_else(|| {
            Failure::bad_request(format!(
                "`kind={}` is not valid; expected person, org, place, misc",
                one_line(k)
            ))
        })?],
        _ => return Err(Failure::bad_request("give one `kind`")),
    };
    // The entity's own row (article and quote counts, aliases): the first kind under which the
    // articles mentioning the name list it.
    let mut found = None;
    for kind in asked {
        let (q, filters) = mention_filter(kind, name);
        let req = reader::EntityRequest {
            query: q.clone(),
            filters: filters.clone(),
            kinds: vec![kind],
            top: 50,
        };
        let r = shards::entities(archive, &req)?;
        if let Some(row) = r.entities.into_iter().find(|e| e.name == name) {
            found = Some((kind, q, filters, row));
            break;
        }
    }
    let Some((kind, q, filters, row)) = found else {
        return Err(Failure::not_found(format!(
            "no entity named {} in this archive",
            one_line(name)
        )));
    };
    let mut main = String::new();
    let _ = write!(
        main,
        "<h1>{}</h1><p class=\"meta\">{} · mentioned in {} article{} · {} quote{}</p>",
        esc(name),
        kind.as_str(),
        row.articles,
        if row.articles == 1 { "" } else { "s" },
        row.quotes,
        if row.quotes == 1 { "" } else { "s" },
    );
    if !row.aliases.is_empty() {
        let _ = write!(
            main,
            "<p><strong>Also written:</strong> {}</p>",
            esc(&row.aliases.join(", "))
        );
    }
    // Quotes over time, and the latest quotes.
    // The page is the archive's identity with all its variants, so its quotes are too.
    let said = Filters {
        speaker: Some(name.to_string()),
        loose: true,
        ..Filters::default()
    };
    let said_base = vec![("speaker", name.to_string())];
    if row.quotes > 0 {
        let m = shards::browse::months(archive, "", &said, Counted::Quotes)?;
        let to_month = |month: &str| {
            let (since, until) = month_bounds(month);
            link(
                "/quotes",
                &said_base,
                &[("since", &since), ("until", &until)],
            )
        };
        main.push_str("<section><h2>Quotes by month</h2>");
        main.push_str(&month_chart(
            &format!("Quotes by {name} per month"),
            &m.months,
            Some(&to_month),
        ));
        let r = shards::search_quotes(
            archive,
            &reader::QuoteRequest {
                filters: said.clone(),
                limit: 10,
                sort: Sort::Date,
                ..Default::default()
            },
        )?;
        let _ = write!(
            main,
            "<p>Latest of {} quotes · <a href=\"{}\">all quotes by {}</a></p>",
            r.distinct.unwrap_or(r.total),
            href("/quotes", &[("speaker", name), ("sort", "date")]),
            esc(name)
        );
        main.push_str(&downloads("/api/quotes", &said_base, &[("sort", "date")]));
        main.push_str(&quote_cards(archive, &r.hits)?);
        main.push_str("</section>");
    }
    // Who else appears in the articles that mention it.
    let mut co = String::new();
    for (other, label) in [
        (EntityKind::Person, "People"),
        (EntityKind::Org, "Organisations"),
    ] {
        let r = shards::entities(
            archive,
            &reader::EntityRequest {
                query: q.clone(),
                filters: filters.clone(),
                kinds: vec![other],
                top: 11,
            },
        )?;
        let rows: Vec<String> = r
            .entities
            .iter()
            .filter(|e| e.name != name)
            .take(10)
            .map(|e| {
                format!(
                    "<li><a href=\"{}\">{}</a> <span class=\"count\">{}</span></li>",
                    entity_href(&e.name, Some(e.kind)),
                    esc(&e.name),
                    e.articles
                )
            })
            .collect();
        if !rows.is_empty() {
            let _ = write!(
                co,
                "<section><h3>{label}</h3><ul>{}</ul></section>",
                rows.join("")
            );
        }
    }
    if !co.is_empty() {
        let _ = write!(
            main,
            "<section class=\"comention\"><h2>Mentioned with {}</h2><p class=\"muted\">Counts are articles mentioning both.</p>{co}</section>",
            esc(name)
        );
    }
    // Articles, newest first.
    let r = shards::search(
        archive,
        &reader::SearchRequest {
            query: q.clone(),
            filters: filters.clone(),
            limit: 10,
            sort: Sort::Date,
            ..Default::default()
        },
    )?;
    let mut all: Vec<(&str, &str)> = vec![("sort", "date")];
    let filter_param = match kind {
        EntityKind::Person => "person",
        EntityKind::Org => "org",
        EntityKind::Place => "place",
        EntityKind::Misc => "q",
    };
    let filter_value = if kind == EntityKind::Misc {
        q.as_str()
    } else {
        name
    };
    all.push((filter_param, filter_value));
    let m = shards::browse::months(archive, &q, &filters, Counted::Articles)?;
    let _ = write!(main, "<section><h2>Articles</h2>");
    main.push_str(&month_chart(
        &format!("Articles mentioning {name} per month"),
        &m.months,
        None,
    ));
    let _ = write!(
        main,
        "<p>Latest of {} · <a href=\"{}\">all articles</a></p><ul class=\"titles\">",
        r.total,
        href("/search", &all)
    );
    for h in &r.hits {
        let _ = write!(
            main,
            "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{}</span></li>",
            segment(&h.id),
            esc(or_untitled(&h.title)),
            esc(h.date.as_deref().unwrap_or("undated"))
        );
    }
    main.push_str("</ul></section>");
    Ok(page(name, Tab::Entities, "", &[], &main))
}
