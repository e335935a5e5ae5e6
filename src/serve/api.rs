//! The JSON API. Each endpoint builds the same request the command line builds from its flags
//! and writes the result with the same writer as `--json` (`output::search_json`…), so a
//! response is byte for byte what `morgue search --json` prints for the same question.
//! `format=csv` gives the list as a CSV download instead, written by the command's `--csv`
//! writer (same columns, formula-like cells neutralised the same way).
//!
//! - `GET /api/search`: q, limit (10), offset, sort, facets, count_by, fields, and the filters.
//! - `GET /api/quotes`: q, limit (10), offset, sort, kind (direct|indirect), facets, count_by,
//!   fields, and the filters.
//! - `GET /api/entities`: q, kind (repeatable), top or limit (20), fields, and the filters.
//!
//! `count_by` answers what `--count-by` prints (a table of counts, JSON or CSV) instead of the
//! hits; `fields` picks JSON keys or CSV columns as `--fields` does.
//! - `GET /api/months`: q, of (articles|quotes), and the filters: counts by month.
//! - `GET /api/articles/{id}`: one article with its entities and quotes, in the shape of one
//!   `extract --json` line.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use morgue::index::aggregate::CountRequest;
use morgue::index::browse::{ArticleKey, Counted};
use morgue::index::shards;

use super::params::Params;
use super::{App, Failure};
use crate::output;

/// The filter parameters every list endpoint takes.
const FILTERS: [&str; 8] = [
    "speaker", "org", "person", "place", "section", "lang", "since", "until",
];

fn allowed(extra: &[&'static str]) -> Vec<&'static str> {
    let mut v: Vec<&'static str> = extra.to_vec();
    v.extend(FILTERS);
    v.push("format");
    v
}

pub async fn search(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    answer(
        app.read(move |archive| {
            let p = Params::parse(raw.as_deref())?;
            p.only(&allowed(&[
                "q", "limit", "offset", "sort", "facets", "count_by", "fields", "collapse",
            ]))?;
            if p.count_by.is_some() {
                return counts(archive, &p, Counted::Articles, None);
            }
            let fields = p.fields(output::SEARCH_JSON_FIELDS, output::SEARCH_CSV_FIELDS)?;
            let r = shards::search(archive, &p.search(10))?;
            let mut body = Vec::new();
            if p.csv {
                output::search_csv(&mut body, &r, fields.as_deref())?;
                return Ok(csv_response(body, "attachment; filename=\"search.csv\""));
            }
            output::search_json(&mut body, &r, fields.as_deref())?;
            Ok(json_response(body))
        })
        .await,
    )
}

pub async fn quotes(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    answer(
        app.read(move |archive| {
            let p = Params::parse(raw.as_deref())?;
            p.only(&allowed(&[
                "q", "limit", "offset", "sort", "kind", "facets", "count_by", "fields", "collapse",
            ]))?;
            let req = p.quotes(10)?;
            if p.count_by.is_some() {
                return counts(archive, &p, Counted::Quotes, req.kind);
            }
            let fields = p.fields(output::QUOTES_JSON_FIELDS, output::QUOTES_CSV_FIELDS)?;
            let r = shards::search_quotes(archive, &req)?;
            let mut body = Vec::new();
            if p.csv {
                output::quotes_csv(&mut body, &r, fields.as_deref())?;
                return Ok(csv_response(body, "attachment; filename=\"quotes.csv\""));
            }
            let facets = if p.facets {
                let lists = shards::aggregate::quote_facets(
                    archive,
                    &req.query,
                    &req.filters,
                    req.kind,
                    &output::QuoteFacets::KINDS,
                    crate::QUOTE_FACET_TOP,
                )?;
                Some(output::QuoteFacets::from_lists(lists))
            } else {
                None
            };
            output::quotes_json(&mut body, &r, facets.as_ref(), fields.as_deref())?;
            Ok(json_response(body))
        })
        .await,
    )
}

pub async fn entities(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    answer(
        app.read(move |archive| {
            let p = Params::parse(raw.as_deref())?;
            p.only(&allowed(&[
                "q", "kind", "top", "limit", "fields", "collapse",
            ]))?;
            let fields = p.fields(output::ENTITIES_JSON_FIELDS, output::ENTITIES_CSV_FIELDS)?;
            let r = shards::entities(archive, &p.entities(20)?)?;
            let mut body = Vec::new();
            if p.csv {
                output::entities_csv(&mut body, &r, fields.as_deref())?;
                return Ok(csv_response(body, "attachment; filename=\"entities.csv\""));
            }
            output::entities_json(&mut body, &r, fields.as_deref())?;
            Ok(json_response(body))
        })
        .await,
    )
}

pub async fn months(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    answer(
        app.read(move |archive| {
            let p = Params::parse(raw.as_deref())?;
            p.only(&allowed(&["q", "of", "collapse"]))?;
            let counted = counted(raw.as_deref())?;
            let m = shards::browse::months(archive, &p.q, &p.filters, counted)?;
            let mut body = Vec::new();
            if p.csv {
                let mut w = csv::Writer::from_writer(&mut body);
                w.write_record(["month", "count"])?;
                for (month, n) in &m.months {
                    w.write_record([month.as_str(), &n.to_string()])?;
                }
                w.flush()?;
                drop(w);
                return Ok(csv_response(body, "attachment; filename=\"months.csv\""));
            }
            let months: Vec<serde_json::Value> = m
                .months
                .iter()
                .map(|(month, n)| serde_json::json!({"month": month, "count": n}))
                .collect();
            serde_json::to_writer(
                &mut body,
                &serde_json::json!({"total": m.total, "undated": m.undated, "months": months}),
            )
            .map_err(std::io::Error::from)?;
            body.push(b'\n');
            Ok(json_response(body))
        })
        .await,
    )
}

/// `of=articles` (the default) or `of=quotes`.
pub fn counted(raw: Option<&str>) -> Result<Counted, Failure> {
    let of = form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .find(|(k, _)| k == "of")
        .map(|(_, v)| v.into_owned());
    match of.as_deref() {
        None | Some("articles") | Some("") => Ok(Counted::Articles),
        Some("quotes") => Ok(Counted::Quotes),
        Some(other) => Err(Failure::bad_request(format!(
            "`of={}` is not valid; expected articles, quotes",
            super::params::one_line(other)
        ))),
    }
}

pub async fn article(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    answer(
        app.read(move |archive| {
            Params::parse(raw.as_deref())?.only(&[])?;
            let enriched = enriched_article(archive, &id)?;
            let mut body = Vec::new();
            output::extract_json(&mut body, &enriched)?;
            Ok(json_response(body))
        })
        .await,
    )
}

/// Whether `id` has the shape of an article id (16 lowercase hex digits), checked before the
/// index is asked.
pub fn is_article_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The stored article with its entities and quotes. The index keeps the names and quotes of
/// an article but not where they stand in its text, so enrichment runs again on the stored
/// title and body: it is deterministic, so with the build that indexed the article it gives
/// what was indexed.
pub fn enriched_article(
    archive: &morgue::index::shards::Shards,
    id: &str,
) -> Result<morgue::EnrichedArticle, Failure> {
    let not_found = || {
        Failure::not_found(format!(
            "no article with id {}",
            super::params::one_line(id)
        ))
    };
    if !is_article_id(id) {
        return Err(not_found());
    }
    let stored = shards::browse::article(archive, ArticleKey::Id(id))?.ok_or_else(not_found)?;
    let article = stored.into_article();
    let enrichment = morgue::enrich::enrich(&article);
    Ok(morgue::EnrichedArticle {
        article,
        enrichment,
    })
}

/// `count_by`: the matching articles or quotes counted by one value, as `--count-by` prints
/// them (`limit` rows, 10 by default).
fn counts(
    archive: &shards::Shards,
    p: &Params,
    of: Counted,
    quote_kind: Option<morgue::article::QuoteKind>,
) -> Result<Response, Failure> {
    let by = p.count_by.expect("checked by the caller");
    let req = CountRequest {
        query: p.q.clone(),
        filters: p.filters.clone(),
        of,
        quote_kind,
        by,
        limit: p.limit.unwrap_or(10),
    };
    let c = shards::aggregate::count_by(archive, &req)?;
    let what = output::Counted {
        of: match of {
            Counted::Articles => "articles",
            Counted::Quotes => "quotes",
        },
        by: by.as_str(),
    };
    let mut body = Vec::new();
    if p.csv {
        output::counts_csv(&mut body, &c, &what)?;
        return Ok(csv_response(body, "attachment; filename=\"counts.csv\""));
    }
    output::counts_json(&mut body, &c, &what)?;
    Ok(json_response(body))
}

fn json_response(body: Vec<u8>) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

/// A CSV download; `disposition` names the file (`attachment; filename="quotes.csv"`).
fn csv_response(body: Vec<u8>, disposition: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

fn answer(r: Result<Response, Failure>) -> Response {
    r.unwrap_or_else(failure)
}

/// A failure as JSON: `{"error": "…"}` with its status.
pub fn failure(f: Failure) -> Response {
    let status = f.status;
    let body = serde_json::json!({ "error": f.message }).to_string() + "\n";
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}
