//! The pages: `/search` (articles), `/quotes`, `/entities` and `/entities/{id}`,
//! `/articles/{id}`, `/help`. Each is a GET whose URL holds its whole state (query, filters,
//! sort, page), so any view can be bookmarked or shared. They call the same reader functions as
//! the API and the command line and render with `html`'s helpers; links and forms work without
//! JavaScript.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};

use morgue::index::browse::{ArticleKey, Counted};
use morgue::index::reader::{self, QuoteHit, Sort};
use morgue::index::shards::{self, Shards};

use super::html::{entity_href, esc, href, marked, month_bounds, month_chart, page, segment, Tab};
use super::params::Params;
use super::{App, Failure};

/// Results per page in the lists.
const PAGE: usize = 20;
/// Rows a download link asks for.
const DOWNLOAD: &str = "10000";

pub async fn home() -> Redirect {
    Redirect::to("/search")
}

/// The query and filters of a list page as URL parameters, in a fixed order.
pub(super) fn state(p: &Params) -> Vec<(&'static str, String)> {
    let f = &p.filters;
    let mut v = vec![("q", p.q.clone())];
    for (k, val) in [
        ("speaker", &f.speaker),
        ("person", &f.person),
        ("org", &f.org),
        ("place", &f.place),
        ("section", &f.section),
        ("lang", &f.lang),
        ("since", &f.since),
        ("until", &f.until),
    ] {
        if let Some(val) = val {
            v.push((k, val.clone()));
        }
    }
    if p.no_collapse {
        v.push(("collapse", "0".to_string()));
    }
    v
}

/// A link to `path` with the page's state, `changes` replacing (or, when empty, removing)
/// parameters.
pub(super) fn link(
    path: &str,
    base: &[(&'static str, String)],
    changes: &[(&str, &str)],
) -> String {
    let mut params: Vec<(&str, &str)> = base
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    params.extend(changes.iter().filter(|(_, v)| !v.is_empty()));
    href(path, &params)
}

pub(super) fn borrowed<'a>(base: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    base.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// The active filters as chips, each a link that removes it.
pub(super) fn chips(path: &str, base: &[(&'static str, String)]) -> String {
    let mut s = String::new();
    for (k, v) in base.iter().filter(|(k, _)| *k != "q") {
        let _ = write!(
            s,
            "<a class=\"chip\" href=\"{}\" aria-label=\"remove filter {k}: {}\">{k}: {} ✕</a>",
            link(path, base, &[(k, "")]),
            esc(v),
            esc(v)
        );
    }
    if s.is_empty() {
        s
    } else {
        format!("<p class=\"chips\">Filters: {s}</p>")
    }
}

/// Previous/next links for a list of `total` results from `offset`.
fn pager(path: &str, base: &[(&'static str, String)], p: &Params, total: usize) -> String {
    let mut s = String::from("<nav class=\"pager\" aria-label=\"Pages\">");
    let sort = if p.sort == Sort::Date { "date" } else { "" };
    if p.offset > 0 {
        let prev = p.offset.saturating_sub(PAGE).to_string();
        let _ = write!(
            s,
            "<a rel=\"prev\" href=\"{}\">← previous</a>",
            link(path, base, &[("offset", &prev), ("sort", sort)])
        );
    }
    if p.offset + PAGE < total {
        let next = (p.offset + PAGE).to_string();
        let _ = write!(
            s,
            "<a rel=\"next\" href=\"{}\">next →</a>",
            link(path, base, &[("offset", &next), ("sort", sort)])
        );
    }
    s.push_str("</nav>");
    s
}

/// Links to the same list as CSV and JSON from the API.
pub(super) fn downloads(
    api: &str,
    base: &[(&'static str, String)],
    extra: &[(&str, &str)],
) -> String {
    let mut csv = borrowed(base);
    csv.extend(extra);
    csv.push(("limit", DOWNLOAD));
    let mut json = csv.clone();
    csv.push(("format", "csv"));
    json.push(("format", "json"));
    format!(
        "<p class=\"downloads\">Download: <a href=\"{}\" download>CSV</a> · <a href=\"{}\">JSON</a> <span class=\"muted\">(up to {DOWNLOAD} rows)</span></p>",
        href(api, &csv),
        href(api, &json)
    )
}

/// Sort links: relevance or newest first.
fn sorter(path: &str, base: &[(&'static str, String)], p: &Params) -> String {
    let (rel, date) = if p.sort == Sort::Date {
        ("", " aria-current=\"true\"")
    } else {
        (" aria-current=\"true\"", "")
    };
    format!(
        "<span class=\"sort\">Sort: <a href=\"{}\"{rel}>relevance</a> · <a href=\"{}\"{date}>newest</a></span>",
        link(path, base, &[]),
        link(path, base, &[("sort", "date")])
    )
}

/// A histogram of matching documents by month; a bar narrows the list to its month.
fn histogram(
    archive: &Shards,
    path: &str,
    base: &[(&'static str, String)],
    p: &Params,
    counted: Counted,
    label: &str,
) -> Result<String, Failure> {
    let m = shards::browse::months(archive, &p.q, &p.filters, counted)?;
    let to_month = |month: &str| {
        let (since, until) = month_bounds(month);
        link(path, base, &[("since", &since), ("until", &until)])
    };
    let mut s = month_chart(label, &m.months, Some(&to_month));
    if m.undated > 0 {
        let _ = write!(
            s,
            "<p class=\"muted\">{} of {} without a date.</p>",
            m.undated, m.total
        );
    }
    Ok(s)
}

/// Build a page on the blocking pool; a failure becomes an error page.
pub(super) async fn serve_page<F>(app: Arc<App>, f: F) -> Response
where
    F: FnOnce(&Shards) -> Result<String, Failure> + Send + 'static,
{
    match app
        .read(move |a| f(a).map(|h| Html(h).into_response()))
        .await
    {
        Ok(r) => r,
        Err(e) => failure(e),
    }
}

/// A failure as a page with its status.
pub fn failure(f: Failure) -> Response {
    let main = format!(
        "<h1>{}</h1><p class=\"error\" role=\"alert\">{}</p><p><a href=\"/help\">Query syntax</a> · <a href=\"/search\">Start again</a></p>",
        f.status.as_u16(),
        esc(&f.message)
    );
    (
        f.status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page("Error", Tab::None, "", &[], &main),
    )
        .into_response()
}

/// One facet of the sidebar: heading, filter parameter, entity kind (for the page link; empty
/// for sections), counts.
type FacetList<'a> = (&'a str, &'a str, &'a str, &'a [reader::NameCount]);

/// The parameters a list page takes: the API's, without `format`.
const LIST: [&str; 14] = [
    "q", "offset", "sort", "speaker", "org", "person", "place", "section", "lang", "since",
    "until", "kind", "facets", "collapse",
];

pub async fn search(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    serve_page(app, move |archive| search_page(archive, raw.as_deref())).await
}

fn search_page(archive: &Shards, raw: Option<&str>) -> Result<String, Failure> {
    let mut p = Params::parse(raw)?;
    p.only(&LIST)?;
    p.facets = true;
    let base = state(&p);
    let mut req = p.search(PAGE);
    req.limit = PAGE;
    let r = shards::search(archive, &req)?;
    let mut main = String::new();
    main.push_str("<div class=\"layout\"><aside class=\"facets\" aria-label=\"Filters\">");
    if let Some(f) = &r.facets {
        let kinds: [FacetList; 5] = [
            ("People", "person", "person", &f.persons),
            ("Speakers", "speaker", "person", &f.speakers),
            ("Organisations", "org", "org", &f.orgs),
            ("Places", "place", "place", &f.places),
            ("Sections", "section", "", &f.sections),
        ];
        for (title, param, kind, values) in kinds {
            if values.is_empty() {
                continue;
            }
            let _ = write!(main, "<section><h2>{title}</h2><ul>");
            for reader::NameCount { name, count: n } in values {
                let _ = write!(
                    main,
                    "<li><a href=\"{}\" title=\"only articles with {param} {}\">{}</a> <span class=\"count\">{n}</span>",
                    link("/search", &base, &[(param, name), ("offset", "")]),
                    esc(name),
                    esc(name)
                );
                if param == "speaker" {
                    let _ = write!(
                        main,
                        " <a class=\"aside-link\" href=\"{}\" title=\"what {} said\">quotes</a>",
                        link("/quotes", &base, &[("speaker", name), ("offset", "")]),
                        esc(name)
                    );
                }
                if !kind.is_empty() {
                    let _ = write!(
                        main,
                        " <a class=\"aside-link\" href=\"{}\" title=\"page of {}\">page</a>",
                        entity_href(name, Some(kind)),
                        esc(name)
                    );
                }
                main.push_str("</li>");
            }
            main.push_str("</ul></section>");
        }
    }
    main.push_str("</aside><section class=\"results\">");
    main.push_str(&chips("/search", &base));
    main.push_str(&histogram(
        archive,
        "/search",
        &base,
        &p,
        Counted::Articles,
        "Matching articles by month",
    )?);
    let _ = write!(
        main,
        "<p class=\"summary\"><strong>{}</strong> article{} {}</p>",
        r.total,
        if r.total == 1 { "" } else { "s" },
        sorter("/search", &base, &p)
    );
    main.push_str(&downloads("/api/search", &base, &[]));
    main.push_str("<ol class=\"hits\">");
    for h in &r.hits {
        let _ = write!(
            main,
            "<li class=\"hit\"><h3><a href=\"/articles/{}\">{}</a></h3><p class=\"meta\">{} · {} · <span class=\"path\">{}</span></p><p class=\"snippet\">{}</p>",
            segment(&h.id),
            esc(or_untitled(&h.title)),
            esc(h.date.as_deref().unwrap_or("undated")),
            esc(&h.section),
            esc(&h.path),
            marked(&h.snippet.text, &h.snippet.highlights)
        );
        main.push_str(&also_in(&h.also_in, h.also_in_outlets));
        let names: Vec<String> = h
            .persons
            .iter()
            .take(6)
            .map(|n| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    entity_href(n, Some("person")),
                    esc(n)
                )
            })
            .collect();
        if !names.is_empty() {
            let _ = write!(main, "<p class=\"names\">{}</p>", names.join(", "));
        }
        main.push_str("</li>");
    }
    main.push_str("</ol>");
    if r.hits.is_empty() {
        main.push_str("<p>No article matches. <a href=\"/help\">Query syntax</a></p>");
    }
    main.push_str(&pager("/search", &base, &p, r.total));
    main.push_str("</section></div>");
    let title = if p.q.is_empty() { "Search" } else { &p.q };
    Ok(page(title, Tab::Articles, &p.q, &borrowed(&base), &main))
}

pub(super) fn or_untitled(t: &str) -> &str {
    if t.trim().is_empty() {
        "(untitled)"
    } else {
        t
    }
}

pub async fn quotes(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Response {
    serve_page(app, move |archive| quotes_page(archive, raw.as_deref())).await
}

fn quotes_page(archive: &Shards, raw: Option<&str>) -> Result<String, Failure> {
    let p = Params::parse(raw)?;
    p.only(&LIST)?;
    let mut base = state(&p);
    let kind = p.kinds.first().cloned().unwrap_or_default();
    if !kind.is_empty() {
        base.push(("kind", kind.clone()));
    }
    let mut req = p.quotes(PAGE)?;
    req.limit = PAGE;
    let r = shards::search_quotes(archive, &req)?;
    let mut main = String::from("<div class=\"layout\"><aside class=\"facets\" aria-label=\"Filters\"><section><h2>Kind</h2><ul>");
    for (k, label) in [
        ("", "all"),
        ("direct", "direct (in quote marks)"),
        ("indirect", "reported speech"),
    ] {
        let current = if k == kind {
            " aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            main,
            "<li><a href=\"{}\"{current}>{label}</a></li>",
            link("/quotes", &base, &[("kind", k), ("offset", "")])
        );
    }
    main.push_str("</ul></section>");
    if let Some(s) = &p.filters.speaker {
        let _ = write!(
            main,
            "<section><h2>Speaker</h2><p><a href=\"{}\">{}</a>: aliases, articles, chart</p></section>",
            entity_href(s, None),
            esc(s)
        );
    }
    main.push_str("</aside><section class=\"results\">");
    main.push_str(&chips("/quotes", &base));
    main.push_str(&histogram(
        archive,
        "/quotes",
        &base,
        &p,
        Counted::Quotes,
        "Matching quotes by month",
    )?);
    // Collapsed, the cards are distinct quotes (a quote's wire copies once): paged as such.
    let shown = r.distinct.unwrap_or(r.total);
    let distinct = if shown == r.total {
        String::new()
    } else {
        format!(" ({shown} distinct)")
    };
    let _ = write!(
        main,
        "<p class=\"summary\"><strong>{}</strong> quote{}{distinct} {}</p>",
        r.total,
        if r.total == 1 { "" } else { "s" },
        sorter("/quotes", &base, &p)
    );
    main.push_str(&downloads("/api/quotes", &base, &[]));
    main.push_str(&quote_cards(archive, &r.hits)?);
    if r.hits.is_empty() {
        main.push_str("<p>No quote matches. Bare words match the quote's own text; <a href=\"/help\">query syntax</a>.</p>");
    }
    main.push_str(&pager("/quotes", &base, &p, shown));
    main.push_str("</section></div>");
    let title = match (&p.filters.speaker, p.q.is_empty()) {
        (Some(s), true) => format!("Quotes by {s}"),
        (Some(s), false) => format!("{s} on {}", p.q),
        (None, _) => format!("Quotes {}", p.q),
    };
    Ok(page(&title, Tab::Quotes, &p.q, &borrowed(&base), &main))
}

/// "also in 3 outlets: …" under a collapsed hit (a story's or a quote's other copies).
fn also_in(also: &[morgue::index::collapse::AlsoIn], outlets: usize) -> String {
    if also.is_empty() {
        return String::new();
    }
    let names: std::collections::BTreeSet<&str> = also.iter().map(|a| a.outlet()).collect();
    let names: Vec<String> = names.iter().map(|o| esc(o).to_string()).collect();
    format!(
        "<p class=\"meta\">also in {outlets} outlet{}: {}</p>",
        if outlets == 1 { "" } else { "s" },
        names.join(", ")
    )
}

/// Quote cards: the quote, who said it (linking to their page), the cue, the sentence around
/// it in its article, the article and its date.
pub(super) fn quote_cards(archive: &Shards, hits: &[QuoteHit]) -> Result<String, Failure> {
    let mut s = String::from("<ol class=\"quotes\">");
    for h in hits {
        let article = shards::browse::article(archive, ArticleKey::Path(&h.path))?;
        let (open, close, reported) = match h.kind {
            morgue::QuoteKind::Direct => ("“", "”", ""),
            morgue::QuoteKind::Indirect => ("", "", "<span class=\"tag\">reported</span> "),
        };
        let _ = write!(
            s,
            "<li class=\"card\"><blockquote>{reported}{open}{}{close}</blockquote><p class=\"who\">",
            marked(&h.text, &h.highlights)
        );
        match &h.speaker {
            Some(sp) => {
                let _ = write!(
                    s,
                    "— <a class=\"speaker\" href=\"{}\">{}</a>",
                    entity_href(sp, None),
                    esc(sp)
                );
            }
            None => s.push_str("— <span class=\"muted\">speaker unknown</span>"),
        }
        if let Some(cue) = &h.cue {
            let _ = write!(s, " <span class=\"cue\">({})</span>", esc(cue));
        }
        s.push_str("</p>");
        if let Some(a) = &article {
            if let Some((before, quote, after)) = context(&a.body, &h.text) {
                let _ = write!(
                    s,
                    "<p class=\"context\">…{}<strong>{}</strong>{}…</p>",
                    esc(before),
                    esc(quote),
                    esc(after)
                );
            }
        }
        let title = esc(or_untitled(&h.title));
        let title = match &article {
            Some(a) => format!("<a href=\"/articles/{}\">{title}</a>", segment(&a.id)),
            None => title,
        };
        let _ = write!(
            s,
            "<p class=\"meta\">{title} · {} · <span class=\"path\">{}</span></p>",
            esc(h.date.as_deref().unwrap_or("undated")),
            esc(&h.path)
        );
        s.push_str(&also_in(&h.also_in, h.also_in_outlets));
        s.push_str("</li>");
    }
    s.push_str("</ol>");
    Ok(s)
}

/// The sentence(s) around `quote` in `body`: the text before it back to the previous sentence
/// end or line break, the quote as found, and the text after it to the next one (at most
/// [`CONTEXT`] bytes each way). `None` when the quote is not found verbatim.
fn context<'a>(body: &'a str, quote: &str) -> Option<(&'a str, &'a str, &'a str)> {
    if quote.is_empty() {
        return None;
    }
    let start = body.find(quote)?;
    let end = start + quote.len();
    let mut from = start.saturating_sub(CONTEXT);
    while !body.is_char_boundary(from) {
        from += 1;
    }
    let before = &body[from..start];
    let cut = before
        .rfind(['\n'])
        .map(|i| i + 1)
        .or_else(|| before.rfind(". ").map(|i| i + 2))
        .unwrap_or(0);
    let mut to = (end + CONTEXT).min(body.len());
    while !body.is_char_boundary(to) {
        to -= 1;
    }
    let after = &body[end..to];
    let stop = after
        .find('\n')
        .into_iter()
        .chain(after.find(". ").map(|i| i + 1))
        .min()
        .unwrap_or(after.len());
    Some((&before[cut..], &body[start..end], &after[..stop]))
}

/// How far [`context`] looks on each side of a quote, in bytes.
const CONTEXT: usize = 300;

pub async fn help() -> Response {
    let main = r#"<h1>Query syntax</h1>
<dl class="help">
<dt><code>nato russia</code></dt><dd>articles with both words (stemmed: <code>warns</code> finds “warned”)</dd>
<dt><code>"prime minister"</code></dt><dd>the exact phrase</dd>
<dt><code>iraq OR afghanistan</code>, <code>iraq NOT war</code>, <code>+iraq -war</code></dt><dd>either word; leave a word out</dd>
<dt><code>title:budget</code>, <code>body:budget</code></dt><dd>only in the headline or the text</dd>
<dt><code>person:blair</code>, <code>org:nato</code>, <code>place:iraq</code>, <code>speaker:blair</code></dt><dd>articles naming, or quoting, that entity</dd>
<dt><code>quote:war</code></dt><dd>articles with a quote containing the word</dd>
<dt><code>section:politics</code></dt><dd>one folder of the archive</dd>
<dt><code>lang:de</code></dt><dd>articles in one language (ISO 639-1 code); words in German, French, Russian and 14 other languages also find their other forms under that language's stemmer</dd>
<dt><code>date:[2005-01-01 TO 2005-03-31]</code>, <code>date:2005-02-14</code></dt><dd>a date range or a day</dd>
<dt><code>*</code></dt><dd>every article</dd>
</dl>
<p>On the <a href="/quotes">Quotes</a> tab, bare words match the quote's own text: to find what Tony Blair said about Iraq, open <a href="/quotes?q=iraq&amp;speaker=Tony+Blair">/quotes?q=iraq&amp;speaker=Tony Blair</a>. The filters in the sidebar and on entity pages add <code>speaker</code>, <code>person</code>, <code>org</code>, <code>place</code>, <code>section</code>, <code>lang</code>, <code>since</code> and <code>until</code> to the address: every view is a link you can share.</p>
<p>The same questions as JSON: <code>/api/search</code>, <code>/api/quotes</code>, <code>/api/entities</code> take the command line's flags as parameters (<code>q</code>, <code>limit</code>, <code>offset</code>, <code>sort</code>, <code>facets</code>, <code>kind</code>…) and answer what <code>--json</code> prints; add <code>format=csv</code> for a CSV file.</p>
<p>Keys: <kbd>/</kbd> focuses the search box; <kbd>Tab</kbd> moves through results, facets and links.</p>"#;
    Html(page("Query syntax", Tab::None, "", &[], main)).into_response()
}

#[cfg(test)]
mod tests {
    use super::context;

    #[test]
    fn context_is_the_sentence_around_the_quote() {
        let body = "First sentence. He said \"we will go\" and left. Next one.\nNew line.";
        let (before, q, after) = context(body, "we will go").unwrap();
        assert_eq!(before, "He said \"");
        assert_eq!(q, "we will go");
        assert_eq!(after, "\" and left.");
        assert!(context(body, "absent").is_none());
        assert!(context(body, "").is_none());
    }

    #[test]
    fn context_never_splits_a_character() {
        let body = format!("{}“quote”{}", "é".repeat(400), "ü".repeat(400));
        let (before, _, after) = context(&body, "quote").unwrap();
        assert!(before.len() <= 302 && after.len() <= 302);
    }
}
