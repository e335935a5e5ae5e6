//! RSS (2.0 and 1.0) and Atom feeds: one article per `item` or `entry`. The text is
//! `content:encoded` (Atom: `content`), else the description (`summary`), as HTML made plain;
//! the date `pubDate`/`published`/`dc:date`, else `updated`; the url the item's link (else a
//! permalink guid); authors from `author`/`dc:creator`; categories become tags; the channel's
//! title is every item's source. Items are numbered in file order.

use super::html::fragment_text;
use super::xml::{is_block, walk, Node, Prose};
use super::{normalize_date, ParseLimits, Parsed};
use crate::article::Article;
use crate::error::Rejection;

#[derive(Default)]
struct Item {
    title: String,
    link: String,
    guid: String,
    description: String,
    encoded: String,
    /// Atom `content`: its `type` (text, html, xhtml) and text.
    content_type: String,
    content: String,
    xhtml: Prose,
    published: String,
    updated: String,
    authors: Vec<String>,
    tags: Vec<(String, String)>,
}

fn is_item(name: &str) -> bool {
    name == "item" || name == "entry"
}

pub fn parse(text: &str, limits: ParseLimits) -> Result<Parsed, Rejection> {
    let mut parsed = Parsed::default();
    let mut source = String::new();
    let mut item: Option<Item> = None;
    let mut seen = 0usize;
    let res = walk(text, limits.max_depth, |stack, node| {
        let depth = stack.len();
        let last = stack.last().map_or("", String::as_str);
        let parent = depth.checked_sub(2).map_or("", |i| stack[i].as_str());
        let Some(it) = item.as_mut() else {
            match node {
                Node::Open(o) if is_item(&o.name) => {
                    seen += 1;
                    item = Some(Item::default());
                }
                Node::Text(t) if last == "title" && matches!(parent, "channel" | "feed") => {
                    source.push_str(t);
                }
                _ => {}
            }
            return;
        };
        // Inside Atom xhtml content every element is markup of the text itself.
        let in_xhtml = it.content_type == "xhtml" && stack.iter().any(|s| s == "content");
        match node {
            Node::Open(o) => match o.name.as_str() {
                _ if in_xhtml && last != "content" && is_block(&o.name) => {
                    it.xhtml.paragraph();
                }
                _ if in_xhtml && last != "content" => {}
                "link" => {
                    let rel = o.attr("rel").unwrap_or("alternate");
                    if let (Some(href), "alternate") = (o.attr("href"), rel) {
                        if it.link.is_empty() {
                            it.link = href.trim().to_string();
                        }
                    }
                }
                "category" => {
                    if let Some(term) = o.attr("term") {
                        it.tags.push(("category".into(), term.trim().to_string()));
                    }
                }
                // `media:content` shares the local name but is an empty element with a url.
                "content" if o.attr("url").is_none() => {
                    it.content_type = o.attr("type").unwrap_or("text").to_ascii_lowercase();
                }
                _ => {}
            },
            Node::Text(t) => {
                if in_xhtml {
                    it.xhtml.push(t);
                    return;
                }
                let field = match (last, parent) {
                    ("title", p) if is_item(p) => &mut it.title,
                    ("link", _) => &mut it.link,
                    ("guid" | "id", _) => &mut it.guid,
                    ("description" | "summary", _) => &mut it.description,
                    ("encoded", _) => &mut it.encoded,
                    ("content", _) => &mut it.content,
                    ("pubDate" | "published" | "date" | "issued", _) => &mut it.published,
                    ("updated" | "modified", _) => &mut it.updated,
                    ("creator" | "author", _) | ("name", "author") => {
                        let name = author_name(t);
                        if !name.is_empty() && !it.authors.contains(&name) {
                            it.authors.push(name);
                        }
                        return;
                    }
                    ("category" | "subject", _) => {
                        let term = t.trim();
                        if !term.is_empty() {
                            it.tags.push(("category".into(), term.to_string()));
                        }
                        return;
                    }
                    _ => return,
                };
                field.push_str(t);
            }
            Node::Close(name) => {
                if is_item(name) && !stack.iter().any(|s| is_item(s)) {
                    if let Some(it) = item.take() {
                        finish(it, seen, &source, limits, &mut parsed);
                    }
                } else if in_xhtml && is_block(name) {
                    it.xhtml.paragraph();
                }
            }
        }
    });
    if let Err(e) = res {
        if parsed.articles.is_empty() && parsed.bad_records == 0 {
            return Err(Rejection::failed(e));
        }
        parsed.problem(format!("after item {seen}: {e}"));
    }
    if seen == 0 {
        return Err(Rejection::skipped("not an article: a feed with no items"));
    }
    Ok(parsed)
}

/// RSS `author` is an e-mail address with the name in parentheses ("jo@x.org (Jo Bloggs)").
fn author_name(raw: &str) -> String {
    let raw = raw.trim();
    match raw.split_once('(') {
        Some((addr, rest)) if addr.contains('@') => rest.trim_end_matches(')').trim().to_string(),
        _ => raw.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

fn finish(it: Item, n: usize, source: &str, limits: ParseLimits, parsed: &mut Parsed) {
    let body = if !it.encoded.trim().is_empty() {
        fragment_text(&it.encoded, limits)
    } else if !it.xhtml.is_empty() {
        it.xhtml.finish()
    } else if !it.content.trim().is_empty() {
        if it.content_type.contains("html") {
            fragment_text(&it.content, limits)
        } else {
            squash_paragraphs(&it.content)
        }
    } else {
        fragment_text(&it.description, limits)
    };
    let title = fragment_text(&it.title, limits);
    if title.is_empty() && body.is_empty() {
        parsed.problem(format!("item {n}: no title or text"));
        return;
    }
    let guid = it.guid.trim();
    let url = if !it.link.trim().is_empty() {
        Some(it.link.trim().to_string())
    } else if guid.starts_with("http://") || guid.starts_with("https://") {
        Some(guid.to_string())
    } else {
        None
    };
    let source = source.split_whitespace().collect::<Vec<_>>().join(" ");
    parsed.articles.push(Article {
        path: n.to_string(),
        title: title.replace("\n\n", " "),
        body,
        date: normalize_date(&it.published).or_else(|| normalize_date(&it.updated)),
        url,
        authors: it.authors,
        source: (!source.is_empty()).then_some(source),
        tags: it.tags,
        ..Article::default()
    });
}

/// Plain text content: blank lines separate paragraphs, other whitespace is layout.
fn squash_paragraphs(text: &str) -> String {
    let mut prose = Prose::default();
    for para in text.split("\n\n") {
        prose.push(para);
        prose.paragraph();
    }
    prose.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Ferry fares &amp; timetables change</title>
<link>https://gazette.example/ferry</link>
<description>Short &lt;b&gt;summary&lt;/b&gt;.</description>
<content:encoded><![CDATA[<p>Fares rise in May.</p><p>"We had no choice," said the operator.</p>]]></content:encoded>
<pubDate>Tue, 03 May 2016 08:00:00 +0100</pubDate><dc:creator>Ana Lima</dc:creator>
<category>Transport</category></item>
<item><title>Second</title><description>Only a &lt;i&gt;description&lt;/i&gt; here.</description>
<guid isPermaLink="true">https://gazette.example/second</guid></item>
</channel></rss>"#;

    #[test]
    fn rss_items_take_encoded_content_else_description() {
        let p = parse(RSS, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 2);
        let a = &p.articles[0];
        assert_eq!(a.title, "Ferry fares & timetables change");
        assert_eq!(
            a.body,
            "Fares rise in May.\n\n\"We had no choice,\" said the operator."
        );
        assert_eq!(a.date.as_deref(), Some("2016-05-03T07:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/ferry"));
        assert_eq!(a.authors, ["Ana Lima"]);
        assert_eq!(a.source.as_deref(), Some("The Harbour Gazette"));
        assert_eq!(a.tags, [("category".to_string(), "Transport".to_string())]);
        let b = &p.articles[1];
        assert_eq!(b.body, "Only a description here.");
        assert_eq!(b.url.as_deref(), Some("https://gazette.example/second"));
        assert_eq!(b.path, "2");
    }

    #[test]
    fn atom_entries_with_xhtml_and_html_content() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title>
<entry><title>Dam opens</title><link rel="alternate" href="https://post.example/dam"/>
<link rel="edit" href="https://post.example/edit/1"/><updated>2016-06-01T09:00:00Z</updated>
<published>2016-05-31T18:00:00Z</published><author><name>Kai Berg</name></author>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>The dam opened.</p><p>Crowds watched.</p></div></content></entry>
<entry><title type="html">Rain &lt;em&gt;again&lt;/em&gt;</title><updated>2016-06-02T09:00:00Z</updated>
<content type="html">&lt;p&gt;Wet week.&lt;/p&gt;</content></entry></feed>"#;
        let p = parse(atom, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 2, "{:?}", p.problems);
        let a = &p.articles[0];
        assert_eq!(a.title, "Dam opens");
        assert_eq!(a.body, "The dam opened.\n\nCrowds watched.");
        assert_eq!(a.date.as_deref(), Some("2016-05-31T18:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://post.example/dam"));
        assert_eq!(a.authors, ["Kai Berg"]);
        assert_eq!(a.source.as_deref(), Some("Valley Post"));
        let b = &p.articles[1];
        assert_eq!(b.title, "Rain again");
        assert_eq!(b.body, "Wet week.");
        assert_eq!(b.date.as_deref(), Some("2016-06-02T09:00:00Z"));
    }

    #[test]
    fn an_empty_item_is_a_problem_and_an_empty_feed_is_skipped() {
        let rss = "<rss><channel><item><title> </title></item><item><title>T</title></item></channel></rss>";
        let p = parse(rss, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.problems, ["item 1: no title or text"]);
        let none = parse(
            "<rss><channel><title>x</title></channel></rss>",
            ParseLimits::default(),
        );
        assert!(none.unwrap_err().reason.contains("no items"));
    }

    #[test]
    fn rss_author_is_the_name_after_the_address() {
        assert_eq!(author_name("jo@x.org (Jo Bloggs)"), "Jo Bloggs");
        assert_eq!(author_name(" Jo  Bloggs "), "Jo Bloggs");
    }
}
