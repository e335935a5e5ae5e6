//! NITF 3.x (the IPTC's News Industry Text Format): the headline from `hedline/hl1` (else the
//! head's `title`), authors from `byline` (its `person` elements, else its text without "By"),
//! the `dateline` opening the body, the date from `date.issue` (else the dateline's
//! `story.date`), the text of `body.content` in paragraphs, the outlet from `pubdata` or the
//! copyright holder, keywords as tags. [`Nitf`] takes events from anywhere, so NewsML-G2 feeds
//! it the NITF inside its `inlineXML`.

use super::xml::{is_block, Node, Prose};
use super::{normalize_date, ParseLimits, Parsed};
use crate::article::Article;
use crate::error::Rejection;

/// What an NITF document has given so far.
#[derive(Default)]
pub(super) struct Nitf {
    pub title: String,
    head_title: String,
    byline: String,
    persons: Vec<String>,
    dateline: String,
    date: Option<String>,
    story_date: Option<String>,
    body: Prose,
    source: Option<String>,
    tags: Vec<(String, String)>,
    pub lang: Option<String>,
}

impl Nitf {
    /// Take one event; `stack` holds the open elements (those around the NITF too).
    pub fn node(&mut self, stack: &[String], node: &Node<'_>) {
        let within = |name: &str| stack.iter().any(|s| s == name);
        let last = stack.last().map_or("", String::as_str);
        match node {
            Node::Open(o) => {
                match o.name.as_str() {
                    "date.issue" => {
                        if let Some(d) = o.attr("norm").and_then(nitf_date) {
                            self.date = Some(d);
                        }
                    }
                    "story.date" => self.story_date = o.attr("norm").and_then(nitf_date),
                    "pubdata" => {
                        if let Some(name) = o.attr("name") {
                            self.source = Some(name.trim().to_string());
                        }
                    }
                    "doc.copyright" if self.source.is_none() => {
                        self.source = o.attr("holder").map(|h| h.trim().to_string());
                    }
                    "keyword" => {
                        if let Some(k) = o.attr("key") {
                            self.tags.push(("keyword".into(), k.trim().to_string()));
                        }
                    }
                    "nitf" | "body" | "body.content" => {
                        if let Some(l) = o.attr("lang") {
                            self.lang.get_or_insert_with(|| l.to_string());
                        }
                    }
                    _ => {}
                }
                if within("body.content") && is_block(&o.name) {
                    self.body.paragraph();
                }
            }
            Node::Close(name) => {
                if within("body.content") && is_block(name) {
                    self.body.paragraph();
                }
            }
            Node::Text(t) => {
                if within("body.content") {
                    self.body.push(t);
                } else if within("hedline") {
                    // hl1 is the headline; hl2 a subheading, not part of it.
                    if last == "hl1" {
                        self.title.push_str(t);
                    }
                } else if within("byline") {
                    if last == "person" {
                        self.persons.push(squash(t));
                    }
                    if last != "byttl" {
                        self.byline.push_str(t);
                    }
                } else if within("dateline") {
                    self.dateline.push_str(t);
                } else if last == "title" && within("head") {
                    self.head_title.push_str(t);
                }
            }
        }
    }

    /// The article, or `None` when it has neither headline nor text.
    pub fn into_article(self) -> Option<Article> {
        let title = if self.title.trim().is_empty() {
            squash(&self.head_title)
        } else {
            squash(&self.title)
        };
        let dateline = squash(&self.dateline);
        let text = self.body.finish();
        let body = match (dateline.is_empty(), text.is_empty()) {
            (true, _) => text,
            (false, true) => dateline,
            // The dateline opens the story, as it does on the wire.
            (false, false) => format!("{dateline} - {text}"),
        };
        if title.is_empty() && body.is_empty() {
            return None;
        }
        let authors = if self.persons.is_empty() {
            let by = squash(&self.byline);
            let by = by
                .strip_prefix("By ")
                .or_else(|| by.strip_prefix("BY "))
                .unwrap_or(&by)
                .trim();
            if by.is_empty() {
                Vec::new()
            } else {
                vec![by.to_string()]
            }
        } else {
            self.persons
        };
        Some(Article {
            title,
            body,
            date: self.date.or(self.story_date),
            authors,
            source: self.source.filter(|s| !s.is_empty()),
            tags: self.tags,
            lang: self.lang,
            ..Article::default()
        })
    }
}

pub fn parse(text: &str, limits: ParseLimits) -> Result<Parsed, Rejection> {
    let mut nitf = Nitf::default();
    super::xml::walk(text, limits.max_depth, |stack, node| {
        nitf.node(stack, &node)
    })
    .map_err(Rejection::failed)?;
    let article = nitf
        .into_article()
        .ok_or_else(|| Rejection::skipped("no text: NITF without a headline or body"))?;
    Ok(Parsed {
        articles: vec![article],
        ..Parsed::default()
    })
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// NITF's `norm` dates are ISO 8601, often in the basic format ("20160303T101500Z",
/// "20160303T101500+0100", "20160303"): rewritten to the extended one before normalising.
pub(super) fn nitf_date(norm: &str) -> Option<String> {
    let s = norm.trim();
    if let Some(d) = normalize_date(s) {
        return Some(d);
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if !digits(0..8) {
        return None;
    }
    let date = format!("{}-{}-{}", &s[0..4], &s[4..6], &s[6..8]);
    if b.get(8) == Some(&b'T') && digits(9..15) {
        let zone = match &s[15..] {
            "" | "Z" => "Z".to_string(),
            z if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
                format!("{}:{}", &z[..3], &z[3..])
            }
            _ => return normalize_date(&date),
        };
        let t = format!("{date}T{}:{}:{}{zone}", &s[9..11], &s[11..13], &s[13..15]);
        return normalize_date(&t);
    }
    normalize_date(&date)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NITF: &str = r#"<?xml version="1.0"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN">
<head><title>Harbour plan approved</title>
<docdata><date.issue norm="20160303T101500Z"/><doc.copyright holder="Coast Wire"/>
<key-list><keyword key="harbour"/></key-list></docdata>
<pubdata name="The Coast Courier" type="print"/></head>
<body><body.head><hedline><hl1>Council approves harbour plan</hl1><hl2>Work to start in June</hl2></hedline>
<byline>By <person>Mara Quint</person>, <byttl>Staff Writer</byttl></byline>
<dateline><location>PORT ELLEN</location>, <story.date norm="20160302">March 2</story.date></dateline></body.head>
<body.content><p>The council approved the plan on Wednesday.</p>
<p>"It is a good day," said the mayor,
Ida Brandt.</p></body.content></body></nitf>"#;

    #[test]
    fn nitf_headline_byline_dateline_date_and_body() {
        let p = parse(NITF, ParseLimits::default()).unwrap();
        let a = &p.articles[0];
        assert_eq!(a.title, "Council approves harbour plan");
        assert_eq!(a.authors, ["Mara Quint"]);
        assert_eq!(a.date.as_deref(), Some("2016-03-03T10:15:00Z"));
        assert_eq!(
            a.body,
            "PORT ELLEN, March 2 - The council approved the plan on Wednesday.\n\n\"It is a good day,\" said the mayor, Ida Brandt."
        );
        assert_eq!(a.source.as_deref(), Some("The Coast Courier"));
        assert_eq!(a.tags, [("keyword".to_string(), "harbour".to_string())]);
    }

    #[test]
    fn basic_format_dates() {
        assert_eq!(
            nitf_date("20160303T101500+0100").as_deref(),
            Some("2016-03-03T09:15:00Z")
        );
        assert_eq!(nitf_date("20160303").as_deref(), Some("2016-03-03"));
        assert_eq!(nitf_date("soon"), None);
    }

    #[test]
    fn an_empty_nitf_is_skipped() {
        let r = parse("<nitf><head/><body/></nitf>", ParseLimits::default()).unwrap_err();
        assert!(r.reason.contains("no text"));
    }
}
