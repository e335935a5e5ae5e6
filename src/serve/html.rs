//! The building blocks of every page: escaping, links, the page frame, highlighted text and the
//! month bar chart. Everything that reaches HTML from the index (titles, bodies, quotes, names,
//! paths, urls) passes through [`esc`] or [`href`]; nothing is written raw. Pages are plain
//! strings built here, with no template engine: there are five of them and the escaping rule
//! is easier to audit in one function.

use std::fmt::Write;
use std::ops::Range;

/// Text made safe for element content and for quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A site-relative link (`/search`, `/entities/NAME`…) with query parameters, escaped for an
/// attribute. Paths are built from fixed route names and percent-encoded segments only, so a
/// link can never become `javascript:` or point off the site.
pub fn href(path: &str, params: &[(&str, &str)]) -> String {
    let mut url = String::from(path);
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in params {
        if !v.is_empty() {
            query.append_pair(k, v);
            any = true;
        }
    }
    if any {
        url.push('?');
        url.push_str(&query.finish());
    }
    esc(&url)
}

/// One path segment, percent-encoded (a name may hold `/`, `?`, `#`, `%`).
pub fn segment(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()
}

/// Everything but unreserved characters is encoded in a segment.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The page of an entity: by its identity id when the kind is known (the id implies it, and
/// stays the same whichever variant of the name the link was made from), else by name (a
/// speaker may be a person or an organisation).
pub fn entity_href(name: &str, kind: Option<&str>) -> String {
    match kind.filter(|k| matches!(*k, "person" | "org" | "place" | "misc")) {
        Some(k) => format!("/entities/{}", morgue::identity::id(k, name)),
        None => href(
            &format!("/entities/{}", segment(name)),
            &[("kind", kind.unwrap_or(""))],
        ),
    }
}

/// Text with the given byte ranges wrapped in `<mark>`; ranges that overlap, run past the end
/// or split a character are skipped rather than trusted.
pub fn marked(text: &str, ranges: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || r.start >= r.end
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        out.push_str(&esc(&text[at..r.start]));
        out.push_str("<mark>");
        out.push_str(&esc(&text[r.start..r.end]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// Which of the top navigation's tabs a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Articles,
    Quotes,
    Entities,
    None,
}

/// The whole document around a page's `main` content. `q` refills the search box; `carry`
/// (the query and filters) follows the tab links, so switching from articles to quotes keeps
/// the question.
pub fn page(title: &str, tab: Tab, q: &str, carry: &[(&str, &str)], main: &str) -> String {
    let mut s = String::with_capacity(main.len() + 2048);
    let action = match tab {
        Tab::Quotes => "/quotes",
        Tab::Entities => "/entities",
        _ => "/search",
    };
    let tab_link = |t: Tab, path: &str, label: &str| {
        let current = if t == tab {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{}\"{current}>{label}</a>", href(path, carry))
    };
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · morgue</title><link rel=\"stylesheet\" href=\"/static/style.css\">\
<script src=\"/static/app.js\" defer></script></head><body>\
<a class=\"skip\" href=\"#main\">Skip to results</a>\
<header><a class=\"brand\" href=\"/search\">morgue</a>\
<form class=\"searchbox\" role=\"search\" action=\"{action}\" method=\"get\">\
<label for=\"q\" class=\"visually-hidden\">Search</label>\
<input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"Search the archive (press / to focus)\" autocomplete=\"off\">\
<button type=\"submit\">Search</button></form>\
<nav aria-label=\"Views\">{}{}{}</nav></header>\
<main id=\"main\" tabindex=\"-1\">{main}</main>\
<footer>morgue · a read-only view of the archive · <a href=\"/help\">query syntax</a></footer>\
</body></html>\n",
        esc(title),
        esc(q),
        tab_link(Tab::Articles, "/search", "Articles"),
        tab_link(Tab::Quotes, "/quotes", "Quotes"),
        tab_link(Tab::Entities, "/entities", "Entities"),
    );
    s
}

/// Bars of counts by month as an inline SVG (CSP-safe: no inline styles or scripts). Each bar
/// links to `link(month)` when given, and carries its month and count as a tooltip and label.
pub fn month_chart(
    label: &str,
    months: &[(String, u64)],
    link: Option<&dyn Fn(&str) -> String>,
) -> String {
    if months.is_empty() {
        return "<p class=\"muted\">No dated results to chart.</p>".into();
    }
    let filled = fill_months(months);
    let max = filled.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let (w, h) = (12u64, 80u64);
    let width = w * filled.len() as u64;
    let mut s = String::new();
    let _ = write!(
        s,
        "<figure class=\"chart\"><svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {}\" \
preserveAspectRatio=\"none\" class=\"bars\">",
        esc(label),
        h + 2
    );
    for (i, (month, n)) in filled.iter().enumerate() {
        let bh = if *n == 0 { 0 } else { (n * h / max).max(2) };
        let rect = format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{bh}\"><title>{}: {n}</title></rect>",
            i as u64 * w + 1,
            h - bh + 1,
            w - 2,
            esc(month)
        );
        match (link, *n > 0) {
            (Some(link), true) => {
                let _ = write!(
                    s,
                    "<a href=\"{}\" aria-label=\"{}: {n}\">{rect}</a>",
                    link(month),
                    esc(month)
                );
            }
            _ => s.push_str(&rect),
        }
    }
    let first = &filled[0].0;
    let last = &filled[filled.len() - 1].0;
    let _ = write!(
        s,
        "</svg><figcaption>{} — {} to {}, most in one month: {max}</figcaption></figure>",
        esc(label),
        esc(first),
        esc(last)
    );
    s
}

/// The months from the first to the last given, with zeros for those missing, so the bars keep
/// time's spacing. A span longer than 50 years (a stray date) is shown as given instead.
fn fill_months(months: &[(String, u64)]) -> Vec<(String, u64)> {
    let index = |m: &str| -> Option<i64> {
        let (y, mo) = m.split_once('-')?;
        Some(y.parse::<i64>().ok()? * 12 + mo.parse::<i64>().ok()? - 1)
    };
    let (Some(lo), Some(hi)) = (
        months.first().and_then(|m| index(&m.0)),
        months.last().and_then(|m| index(&m.0)),
    ) else {
        return months.to_vec();
    };
    if hi < lo || hi - lo > 600 {
        return months.to_vec();
    }
    let mut out = Vec::with_capacity((hi - lo + 1) as usize);
    let mut given = months.iter().peekable();
    for i in lo..=hi {
        let name = format!("{:04}-{:02}", i / 12, i % 12 + 1);
        let n = match given.peek() {
            Some((m, n)) if *m == name => {
                given.next();
                *n
            }
            _ => 0,
        };
        out.push((name, n));
    }
    out
}

/// The first and last day of a `YYYY-MM` month, for `since`/`until` links.
pub fn month_bounds(month: &str) -> (String, String) {
    let days = month
        .split_once('-')
        .and_then(|(y, m)| {
            let (y, m) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
            let next = if m == 12 {
                chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                chrono::NaiveDate::from_ymd_opt(y, m + 1, 1)
            }?;
            Some(next.pred_opt()?.format("%d").to_string())
        })
        .unwrap_or_else(|| "28".into());
    (format!("{month}-01"), format!("{month}-{days}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_inert() {
        let s = esc("\"><img src=x onerror=alert(1)><script>alert('x')</script>&");
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('"') && !s.contains('\''));
        assert!(s.ends_with("&amp;"));
    }

    #[test]
    fn links_stay_on_the_site() {
        let h = entity_href("javascript:alert(1)/../x?y#z", None);
        assert_eq!(h, "/entities/javascript%3Aalert%281%29%2F..%2Fx%3Fy%23z");
        let h = entity_href("javascript:alert(1)/../x?y#z", Some("nonsense"));
        assert!(h.ends_with("%23z?kind=nonsense"), "{h}");
        // With a kind, the link is the identity id: twelve hex digits, nothing of the name.
        let h = entity_href("javascript:alert(1)/../x?y#z", Some("person"));
        let id = h.strip_prefix("/entities/").unwrap();
        assert!(
            id.len() == 12 && id.bytes().all(|b| b.is_ascii_hexdigit()),
            "{h}"
        );
        assert_eq!(
            entity_href("Sen. Hillary Rodham Clinton", Some("person")),
            entity_href("Hillary Clinton", Some("person"))
        );
        assert_eq!(
            href("/search", &[("q", "\"a\" & <b>"), ("speaker", "")]),
            "/search?q=%22a%22+%26+%3Cb%3E"
        );
    }

    #[test]
    fn marks_skip_ranges_that_do_not_fit() {
        let one = std::ops::Range { start: 2, end: 5 };
        assert_eq!(
            marked("a <b> c", std::slice::from_ref(&one)),
            "a <mark>&lt;b&gt;</mark> c"
        );
        // Past the end, inside a character, overlapping: left unmarked.
        assert_eq!(marked("é x", &[1..2, 3..9, 0..2, 1..3]), "<mark>é</mark> x");
    }

    #[test]
    fn month_gaps_are_filled() {
        let m = fill_months(&[("2004-11".into(), 2), ("2005-02".into(), 1)]);
        let names: Vec<&str> = m.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["2004-11", "2004-12", "2005-01", "2005-02"]);
        assert_eq!(m[1].1, 0);
        assert_eq!(
            month_bounds("2004-02"),
            ("2004-02-01".into(), "2004-02-29".into())
        );
    }
}
