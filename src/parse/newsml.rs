//! NewsML-G2 (`newsItem`, or a `newsMessage` of several): one article per `newsItem`. The
//! headline, creator, language and dates (`contentCreated`, else `firstCreated`, else
//! `versionCreated`) come from `contentMeta`/`itemMeta`; the text from `contentSet`: an
//! `inlineXML` holding NITF (read by the NITF reader, whose headline, byline and date fill what
//! the metadata lacks) or XHTML, or a plain `inlineData`. Subjects' names become tags.

use super::nitf::{nitf_date, Nitf};
use super::xml::{is_block, walk, Node, Prose};
use super::{ParseLimits, Parsed};
use crate::error::Rejection;

#[derive(Default)]
struct Item {
    headline: String,
    creators: Vec<String>,
    content_created: Option<String>,
    first_created: Option<String>,
    version_created: Option<String>,
    date_text: String,
    lang: Option<String>,
    provider: Option<String>,
    url: Option<String>,
    tags: Vec<(String, String)>,
    nitf: Option<Nitf>,
    xhtml: Prose,
    plain: String,
}

pub fn parse(text: &str, limits: ParseLimits) -> Result<Parsed, Rejection> {
    let mut parsed = Parsed::default();
    let mut item: Option<Item> = None;
    let mut seen = 0usize;
    let res = walk(text, limits.max_depth, |stack, node| {
        let within = |name: &str| stack.iter().any(|s| s == name);
        let last = stack.last().map_or("", String::as_str);
        let Some(it) = item.as_mut() else {
            if let Node::Open(o) = &node {
                if o.name == "newsItem" {
                    seen += 1;
                    item = Some(Item {
                        lang: o.attr("lang").map(str::to_string),
                        ..Item::default()
                    });
                }
            }
            return;
        };
        if within("inlineXML") {
            if within("nitf") {
                it.nitf.get_or_insert_with(Nitf::default).node(stack, &node);
                return;
            }
            match node {
                Node::Open(o) if is_block(&o.name) => it.xhtml.paragraph(),
                Node::Close(name) if is_block(name) => it.xhtml.paragraph(),
                Node::Text(t) if !within("head") && !within("script") && !within("style") => {
                    it.xhtml.push(t)
                }
                _ => {}
            }
            return;
        }
        match node {
            Node::Open(o) => match o.name.as_str() {
                "language" if within("contentMeta") => {
                    if let Some(tag) = o.attr("tag") {
                        it.lang.get_or_insert_with(|| tag.to_string());
                    }
                }
                "provider" if within("itemMeta") => {
                    it.provider = o
                        .attr("literal")
                        .or_else(|| o.attr("qcode").map(|q| q.rsplit(':').next().unwrap_or(q)))
                        .map(str::to_string);
                }
                "link" if within("itemMeta") => {
                    let rel = o.attr("rel").unwrap_or("");
                    if let Some(href) = o.attr("href").filter(|h| h.starts_with("http")) {
                        if rel.ends_with("canonical") || rel.ends_with("self") || it.url.is_none() {
                            it.url = Some(href.to_string());
                        }
                    }
                }
                "creator" if within("contentMeta") => {
                    if let Some(l) = o.attr("literal") {
                        it.creators.push(l.trim().to_string());
                    }
                }
                _ => {}
            },
            Node::Text(t) => {
                let date = match last {
                    "contentCreated" => Some(&mut it.content_created),
                    "firstCreated" => Some(&mut it.first_created),
                    "versionCreated" => Some(&mut it.version_created),
                    _ => None,
                };
                if let Some(slot) = date {
                    it.date_text.push_str(t);
                    *slot = nitf_date(&it.date_text).or(slot.take());
                    return;
                }
                if within("contentMeta") {
                    if last == "headline" {
                        it.headline.push_str(t);
                    } else if last == "name" && within("creator") {
                        let name = t.split_whitespace().collect::<Vec<_>>().join(" ");
                        if !name.is_empty() && !it.creators.contains(&name) {
                            it.creators.push(name);
                        }
                    } else if last == "name" && within("subject") {
                        let name = t.trim();
                        if !name.is_empty() {
                            it.tags.push(("subject".into(), name.to_string()));
                        }
                    }
                } else if last == "inlineData" {
                    it.plain.push_str(t);
                }
            }
            Node::Close(name) => {
                if matches!(name, "contentCreated" | "firstCreated" | "versionCreated") {
                    it.date_text.clear();
                }
                if name == "newsItem" {
                    if let Some(it) = item.take() {
                        finish(it, seen, &mut parsed);
                    }
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
        return Err(Rejection::skipped(
            "not an article: a NewsML message with no newsItem",
        ));
    }
    Ok(parsed)
}

fn finish(it: Item, n: usize, parsed: &mut Parsed) {
    let headline = it.headline.split_whitespace().collect::<Vec<_>>().join(" ");
    let xhtml = it.xhtml.finish();
    let mut article = match it.nitf.and_then(Nitf::into_article) {
        Some(a) => a,
        None => crate::article::Article {
            body: if xhtml.is_empty() {
                it.plain.trim().to_string()
            } else {
                xhtml
            },
            ..Default::default()
        },
    };
    if !headline.is_empty() {
        article.title = headline;
    }
    if !it.creators.is_empty() {
        article.authors = it.creators;
    }
    let date = it
        .content_created
        .or(it.first_created)
        .or(it.version_created);
    if date.is_some() {
        article.date = date;
    }
    if article.source.is_none() {
        article.source = it.provider;
    }
    article.url = it.url;
    if it.lang.is_some() {
        article.lang = it.lang;
    }
    article.tags.extend(it.tags);
    if article.title.is_empty() && article.body.is_empty() {
        parsed.problem(format!("newsItem {n}: no headline or text"));
        return;
    }
    article.path = n.to_string();
    parsed.articles.push(article);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_item_with_inline_nitf() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:example:1" version="1" standard="NewsML-G2" xml:lang="en">
<itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:COASTWIRE"/>
<versionCreated>2016-03-04T08:00:00Z</versionCreated><firstCreated>2016-03-03T10:15:00Z</firstCreated></itemMeta>
<contentMeta><creator><name>Mara Quint</name></creator><language tag="en"/>
<subject qcode="medtop:20000"><name>politics</name></subject><headline>Harbour plan approved</headline></contentMeta>
<contentSet><inlineXML contenttype="application/nitf+xml"><nitf><body><body.head><hedline><hl1>Other headline</hl1></hedline></body.head>
<body.content><p>The council approved the plan.</p><p>Work starts in June.</p></body.content></body></nitf></inlineXML></contentSet>
</newsItem>"#;
        let p = parse(xml, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 1, "{:?}", p.problems);
        let a = &p.articles[0];
        assert_eq!(a.title, "Harbour plan approved");
        assert_eq!(
            a.body,
            "The council approved the plan.\n\nWork starts in June."
        );
        assert_eq!(a.authors, ["Mara Quint"]);
        assert_eq!(a.date.as_deref(), Some("2016-03-03T10:15:00Z"));
        assert_eq!(a.source.as_deref(), Some("COASTWIRE"));
        assert_eq!(a.tags, [("subject".to_string(), "politics".to_string())]);
    }

    #[test]
    fn news_message_of_items_with_xhtml_content() {
        let xml = r#"<newsMessage><itemSet>
<newsItem><contentMeta><contentCreated>2016-05-01</contentCreated><headline>One</headline></contentMeta>
<contentSet><inlineXML contenttype="application/xhtml+xml"><html><head><title>x</title></head><body><h1>One</h1><p>First text.</p></body></html></inlineXML></contentSet></newsItem>
<newsItem><contentMeta><headline>Two</headline></contentMeta><contentSet><inlineData contenttype="text/plain">Second text.</inlineData></contentSet></newsItem>
</itemSet></newsMessage>"#;
        let p = parse(xml, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[0].body, "One\n\nFirst text.");
        assert_eq!(p.articles[0].date.as_deref(), Some("2016-05-01"));
        assert_eq!(p.articles[1].body, "Second text.");
        assert_eq!(p.articles[1].path, "2");
    }
}
