//! The XML (and SGML) event walk the markup formats share: quick-xml's streaming reader turned
//! into open / text / close callbacks with the stack of open element names, entities resolved.
//! It owns leniency (SGML end tags that do not match, a bare `&` in "AT&T", a file cut short)
//! and the nesting limit; what an element means is left to each format's module.

use quick_xml::escape::{resolve_html5_entity, resolve_predefined_entity};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// An element as it opens: its local name (no namespace prefix) and its attributes.
pub(super) struct Open {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Open {
    /// The value of an attribute by local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the walk reports, with the names of the elements open around it.
pub(super) enum Node<'a> {
    Open(&'a Open),
    Text(&'a str),
    Close(&'a str),
}

/// Walk `text`, calling `f` with the open elements (outermost first) and each node. Elements
/// still open at the end are closed, so a truncated file gives what it holds. An error is one
/// line: where the markup broke and why.
pub(super) fn walk(
    text: &str,
    max_depth: usize,
    mut f: impl FnMut(&[String], Node<'_>),
) -> Result<(), String> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    // SGML and hand-made feeds close elements loosely and write "AT&T": take them as they are.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut stack: Vec<String> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "malformed XML at byte {}: {e}",
                reader.error_position().min(text.len() as u64)
            )
        })?;
        match event {
            Event::Start(e) => {
                let open = open(&e);
                if stack.len() >= max_depth {
                    return Err(format!("elements nested deeper than {max_depth}"));
                }
                stack.push(open.name.clone());
                f(&stack, Node::Open(&open));
            }
            Event::Empty(e) => {
                let open = open(&e);
                stack.push(open.name.clone());
                f(&stack, Node::Open(&open));
                let name = stack.pop().unwrap_or_default();
                f(&stack, Node::Close(&name));
            }
            Event::End(e) => {
                let qname = e.name();
                let name = local(qname.as_ref());
                // Close everything opened inside the element that ends; an end tag for an
                // element that is not open is ignored.
                if let Some(at) = stack.iter().rposition(|n| n == name) {
                    while stack.len() > at {
                        let inner = stack.pop().unwrap_or_default();
                        f(&stack, Node::Close(&inner));
                    }
                }
            }
            Event::Text(t) => f(&stack, Node::Text(&t.xml10_content())),
            Event::CData(t) => {
                f(&stack, Node::Text(&t.into_inner()));
            }
            Event::GeneralRef(r) => {
                if let Some(s) = entity(&r) {
                    f(&stack, Node::Text(&s));
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    while let Some(name) = stack.pop() {
        f(&stack, Node::Close(&name));
    }
    Ok(())
}

/// The local name of a qualified one: `nitf` for `nitf`, `encoded` for `content:encoded`.
fn local(qname: &str) -> &str {
    qname.rsplit_once(':').map_or(qname, |(_, l)| l)
}

fn open(e: &BytesStart<'_>) -> Open {
    let qname = e.name();
    let name = local(qname.as_ref()).to_string();
    let attrs = e
        .html_attributes()
        .flatten()
        .map(|a| {
            let key = local(a.key.as_ref()).to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (key, value)
        })
        .collect();
    Open { name, attrs }
}

/// The text an entity reference stands for. Character references to control characters (the
/// Reuters SGML's `&#2;`, `&#3;` transmission marks) stand for nothing; an unknown named entity
/// is kept as written, since dropping it would lose text.
fn entity(r: &quick_xml::events::BytesRef<'_>) -> Option<String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => return None,
        Ok(Some(c)) => return Some(c.to_string()),
        Ok(None) => {}
        Err(_) => return None,
    }
    let name: &str = r;
    resolve_predefined_entity(name)
        .or_else(|| resolve_html5_entity(name))
        .map(str::to_string)
        .or_else(|| Some(format!("&{name};")))
}

/// Paragraphs of markup text: whitespace runs inside a paragraph become one space (markup's
/// line breaks are layout), and block boundaries become a blank line.
#[derive(Default)]
pub(super) struct Prose {
    out: String,
    /// A space is owed before the next word.
    space: bool,
}

impl Prose {
    pub fn push(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(word);
        }
    }

    /// End the current paragraph (a no-op when none is open).
    pub fn paragraph(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push_str("\n\n");
        }
        self.space = false;
    }

    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    pub fn finish(self) -> String {
        self.out.trim_end().to_string()
    }
}

/// Block-level elements of NITF and XHTML bodies: each ends a paragraph.
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hl1"
            | "hl2"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "block"
            | "table"
            | "tr"
            | "pre"
            | "section"
            | "article"
            | "figure"
            | "figcaption"
            | "nitf-table"
            | "media"
    )
}

/// An XML file, read by what its root element says it is: NITF (`nitf`), NewsML-G2
/// (`newsItem`, `newsMessage`), RSS (`rss`, RSS 1.0's `RDF`) or Atom (`feed`). Other XML is
/// not an article format and is skipped, naming its root.
pub(super) fn parse_document(
    text: &str,
    limits: super::ParseLimits,
) -> Result<super::Parsed, crate::error::Rejection> {
    use crate::error::Rejection;
    match root_element(text).as_deref() {
        Some("nitf") => super::nitf::parse(text, limits),
        Some("newsItem" | "newsMessage") => super::newsml::parse(text, limits),
        Some("rss" | "RDF" | "feed") => super::feed::parse(text, limits),
        Some(other) => Err(Rejection::skipped(format!(
            "not an article: XML whose root element <{other}> is not NITF, NewsML-G2, RSS or Atom"
        ))),
        None => Err(Rejection::failed(
            "malformed XML: no root element".to_string(),
        )),
    }
}

/// The first element's local name, skipping the prolog, comments and a doctype: what a file
/// of XML says it is. `None` when there is no element or the markup breaks before one.
pub(super) fn root_element(text: &str) -> Option<String> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().allow_dangling_amp = true;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let qname = e.name();
                return Some(local(qname.as_ref()).to_string());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(Event::Text(t)) if !t.xml10_content().trim().is_empty() => return None,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(xml: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        walk(xml, 64, |stack, node| {
            if let Node::Text(t) = node {
                out.push((stack.join("/"), t.to_string()));
            }
        })
        .unwrap();
        out
    }

    #[test]
    fn entities_are_resolved_and_control_references_dropped() {
        let t = texts("<a>AT&amp;T &#2;x&#233; &nbsp;&unknown;</a>");
        let joined: String = t.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(joined, "AT&T x\u{e9} \u{a0}&unknown;");
    }

    #[test]
    fn loose_end_tags_close_what_they_enclose() {
        let mut closed = Vec::new();
        walk("<a><b><c>x</b>y</a>", 64, |_, node| {
            if let Node::Close(n) = node {
                closed.push(n.to_string());
            }
        })
        .unwrap();
        assert_eq!(closed, ["c", "b", "a"]);
    }

    #[test]
    fn the_root_element_is_found_past_prolog_and_doctype() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf>\n<!-- c -->\n<nitf><head/></nitf>";
        assert_eq!(root_element(xml).as_deref(), Some("nitf"));
        assert_eq!(root_element("plain words").as_deref(), None);
        assert_eq!(
            root_element("<rdf:RDF xmlns:rdf=\"x\"/>").as_deref(),
            Some("RDF")
        );
    }

    #[test]
    fn nesting_past_the_limit_is_an_error() {
        let deep = "<a>".repeat(100);
        assert!(walk(&deep, 64, |_, _| {}).unwrap_err().contains("deeper"));
    }

    #[test]
    fn prose_collapses_layout_whitespace_and_keeps_paragraphs() {
        let mut p = Prose::default();
        p.push("  One\n   two ");
        p.push("three");
        p.paragraph();
        p.paragraph();
        p.push("Four");
        assert_eq!(p.finish(), "One two three\n\nFour");
    }
}
