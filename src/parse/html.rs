//! HTML articles: the headline from `og:title`/`<h1>`/`<title>`, the main text without
//! navigation and boilerplate, and metadata (published time, author, canonical URL, site name).
//!
//! Main-text selection is readability-style: every paragraph outside boilerplate scores its
//! parent (fully) and grandparent (half) by its text length; the best-scoring container's
//! paragraphs are the body. Traversal is iterative, so deep nesting cannot overflow the stack.

use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use super::{normalize_date, require_text, ParseLimits};
use crate::article::Article;
use crate::error::Rejection;

/// Elements whose text is never article text.
const BOILERPLATE_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "template",
    "svg",
    "iframe",
    "menu",
    "figcaption",
];
/// Class/id fragments that mark navigation, sharing widgets, ads and the like.
const BOILERPLATE_HINTS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "sidebar",
    "comment",
    "share",
    "social",
    "related",
    "cookie",
    "subscribe",
    "newsletter",
    "promo",
    "advert",
    "breadcrumb",
    "banner",
    "popup",
    "masthead",
    "byline",
];
/// Block elements that make up article text.
const TEXT_BLOCKS: &[&str] = &["p", "h2", "h3", "h4", "blockquote", "li", "pre"];

pub fn parse(text: &str, limits: ParseLimits) -> Result<Article, Rejection> {
    let max_depth = limits.max_depth.max(16) * 4; // HTML nests deeper than JSON; allow more.
                                                  // html5ever's tree builder slows down quadratically on very deep nesting (100,000 nested
                                                  // divs take most of a minute), so estimate the depth from the raw tags first.
    let shape = tag_shape(text);
    if shape.depth > max_depth {
        return Err(Rejection::failed(format!(
            "HTML nested deeper than {max_depth} levels (raise it with --max-depth)"
        )));
    }
    if shape.attributes > MAX_ATTRIBUTES {
        return Err(Rejection::failed(format!(
            "an HTML element with more than {MAX_ATTRIBUTES} attributes"
        )));
    }
    let doc = Html::parse_document(text);
    let title = meta(&doc, "property", "og:title")
        .or_else(|| first_text(&doc, "h1"))
        .or_else(|| first_text(&doc, "title"))
        .unwrap_or_default();
    let date = meta(&doc, "property", "article:published_time")
        .or_else(|| meta(&doc, "name", "date"))
        .or_else(|| meta(&doc, "name", "pubdate"))
        .or_else(|| meta(&doc, "itemprop", "datePublished"))
        .or_else(|| attr(&doc, "time[datetime]", "datetime"))
        .and_then(|d| normalize_date(&d));
    let authors: Vec<String> = meta(&doc, "name", "author")
        .or_else(|| meta(&doc, "property", "article:author"))
        .into_iter()
        .collect();
    let url =
        attr(&doc, "link[rel=canonical]", "href").or_else(|| meta(&doc, "property", "og:url"));
    let source = meta(&doc, "property", "og:site_name");

    let blocks = text_blocks(&doc, max_depth)?;
    let body = main_text(&blocks);
    let a = Article {
        title,
        body,
        date,
        url,
        authors,
        source,
        ..Article::default()
    };
    require_text(&a)?;
    Ok(a)
}

/// The text of an HTML fragment (a feed item's description, an escaped `content:encoded`):
/// paragraphs from block elements, whitespace squashed inside them, markup dropped. No
/// main-text selection: a fragment is all content. Too deep a fragment gives no text.
pub(super) fn fragment_text(html: &str, limits: ParseLimits) -> String {
    let mut prose = super::xml::Prose::default();
    if !html.contains('<') {
        prose.push(html);
        return prose.finish();
    }
    let shape = tag_shape(html);
    if shape.depth > limits.max_depth.max(16) * 4 || shape.attributes > MAX_ATTRIBUTES {
        return String::new();
    }
    let frag = Html::parse_fragment(html);
    for edge in frag.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(n) => match n.value() {
                Node::Text(t) => {
                    let hidden = n.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "script" | "style"))
                    });
                    if !hidden {
                        prose.push(t);
                    }
                }
                Node::Element(e) if super::xml::is_block(e.name()) => prose.paragraph(),
                _ => {}
            },
            ego_tree::iter::Edge::Close(n) => {
                if n.value()
                    .as_element()
                    .is_some_and(|e| super::xml::is_block(e.name()))
                {
                    prose.paragraph();
                }
            }
        }
    }
    prose.finish()
}

/// Elements that never hold children, or that HTML closes implicitly, so they do not deepen
/// the tree in practice.
const NON_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "!doctype", "!--",
];

/// Most attributes one element may have. html5ever checks each new attribute against the
/// element's others (quadratic: one element with 200,000 attributes took 29 s); real pages
/// give an element a few dozen at most.
const MAX_ATTRIBUTES: usize = 1_000;

/// What the pre-scan measures of the raw tags.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct TagShape {
    /// Deepest nesting (see [`tag_shape`]).
    depth: usize,
    /// Most attributes in one tag (an estimate: names outside quoted values).
    attributes: usize,
}

/// Deepest nesting of the raw tags: opening tags push, closing tags pop. An estimate (tag soup is
/// repaired by the parser later), used only to refuse pathological input before parsing it.
/// Linear in the input: each byte is looked at a bounded number of times, so a hostile file (a
/// megabyte of `<a<a<a…` with no `>`) cannot make the pre-scan itself the slow part.
#[cfg(test)]
fn tag_depth(text: &str) -> usize {
    tag_shape(text).depth
}

/// Depth and attribute counts of the raw tags, counted as the HTML parser nests: `<div/>` is
/// an open `div` in HTML (the slash is ignored; 100,000 of them nested that deep and took over
/// 30 s), and only inside `svg` or `math` does `/>` close an element.
fn tag_shape(text: &str) -> TagShape {
    let (mut depth, mut max, mut most_attributes) = (0usize, 0usize, 0usize);
    let mut foreign = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'!' || *b == b'-'))
            .map_or(bytes.len(), |p| start + p);
        // The next scan starts after the name, never before: names are not re-read.
        i = end;
        let name = text[start..end].to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        // Where the tag ends: the next `>`. The scan resumes there (or at the end of the text
        // when there is none), so the attributes are read once and the whole scan stays linear.
        let tag_end = bytes[end..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| end + p);
        if !closing && !name.starts_with('!') {
            most_attributes = most_attributes.max(attribute_count(&bytes[end..tag_end]));
        }
        i = tag_end;
        if NON_NESTING.contains(&name.as_str()) {
            continue;
        }
        let self_closing = tag_end < bytes.len() && tag_end > end && bytes[tag_end - 1] == b'/';
        let is_foreign_root = name == "svg" || name == "math";
        if closing {
            depth = depth.saturating_sub(1);
            if is_foreign_root {
                foreign = foreign.saturating_sub(1);
            }
        } else if !(self_closing && (foreign > 0 || is_foreign_root)) {
            depth += 1;
            max = max.max(depth);
            if is_foreign_root {
                foreign += 1;
            }
        }
    }
    TagShape {
        depth: max,
        attributes: most_attributes,
    }
}

/// Attribute names in the inside of a tag: runs of non-space bytes that start outside a quoted
/// value and are not `=` or `/`.
fn attribute_count(inside: &[u8]) -> usize {
    let (mut n, mut quote, mut in_name) = (0usize, None::<u8>, false);
    for &b in inside {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => {
                quote = Some(b);
                in_name = false;
            }
            None if b.is_ascii_whitespace() || b == b'=' || b == b'/' => {
                if b != b'=' {
                    in_name = false;
                } else {
                    // The value after `=` is not a name.
                    in_name = true;
                }
            }
            None => {
                if !in_name {
                    n += 1;
                    in_name = true;
                }
            }
        }
    }
    n
}

fn selector(s: &str) -> Selector {
    // Selectors here are constants of this module; a typo is caught by the unit tests.
    Selector::parse(s).unwrap_or_else(|_| Selector::parse("never-matches").expect("valid selector"))
}

fn meta(doc: &Html, key: &str, value: &str) -> Option<String> {
    attr(doc, &format!("meta[{key}=\"{value}\"]"), "content")
}

fn attr(doc: &Html, sel: &str, name: &str) -> Option<String> {
    doc.select(&selector(sel)).find_map(|e| {
        e.value()
            .attr(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    })
}

fn first_text(doc: &Html, sel: &str) -> Option<String> {
    doc.select(&selector(sel))
        .map(|e| squash(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// Collapse runs of whitespace: HTML text nodes carry source indentation.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_boilerplate(e: &ElementRef) -> bool {
    let v = e.value();
    if BOILERPLATE_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("role")
        .is_some_and(|r| matches!(r, "navigation" | "banner" | "contentinfo" | "complementary"))
    {
        return true;
    }
    let hints = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    hints
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| {
            BOILERPLATE_HINTS
                .iter()
                .any(|h| word == *h || (word.starts_with(h) && h.len() > 4))
        })
}

/// A paragraph-like block and the ids of its parent and grandparent containers.
struct Block {
    text: String,
    parents: [Option<ego_tree::NodeId>; 2],
}

/// All text blocks outside boilerplate, in document order (iterative depth-first walk).
fn text_blocks(doc: &Html, max_depth: usize) -> Result<Vec<Block>, Rejection> {
    let mut blocks = Vec::new();
    let mut stack: Vec<(NodeRef<Node>, usize)> = vec![(doc.tree.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > max_depth {
            return Err(Rejection::failed(format!(
                "HTML nested deeper than {max_depth} levels (raise it with --max-depth)"
            )));
        }
        let Some(el) = ElementRef::wrap(node) else {
            stack.extend(node.children().rev().map(|c| (c, depth + 1)));
            continue;
        };
        if is_boilerplate(&el) {
            continue;
        }
        if TEXT_BLOCKS.contains(&el.value().name()) {
            let text = squash(&el.text().collect::<String>());
            if !text.is_empty() {
                let p1 = node.parent();
                let p2 = p1.and_then(|p| p.parent());
                blocks.push(Block {
                    text,
                    parents: [p1.map(|n| n.id()), p2.map(|n| n.id())],
                });
            }
            continue;
        }
        stack.extend(node.children().rev().map(|c| (c, depth + 1)));
    }
    Ok(blocks)
}

/// Pick the container whose paragraphs carry the most text and join its blocks.
fn main_text(blocks: &[Block]) -> String {
    let mut score: HashMap<ego_tree::NodeId, f64> = HashMap::new();
    for b in blocks {
        // Short blocks (bylines, "Read more") say little about where the story is.
        let weight = (b.text.chars().count() as f64 - 25.0).max(0.0);
        if let Some(p) = b.parents[0] {
            *score.entry(p).or_default() += weight;
        }
        if let Some(g) = b.parents[1] {
            *score.entry(g).or_default() += weight / 2.0;
        }
    }
    let best = score
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(id, _)| *id);
    let chosen: Vec<&str> = match best {
        Some(best) => blocks
            .iter()
            .filter(|b| b.parents.contains(&Some(best)))
            .map(|b| b.text.as_str())
            .collect(),
        None => Vec::new(),
    };
    let chosen = if chosen.is_empty() {
        blocks.iter().map(|b| b.text.as_str()).collect()
    } else {
        chosen
    };
    chosen.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_without_navigation() {
        let html = r#"<html><head><title>Site | Story</title>
            <meta property="og:title" content="The Story">
            <meta property="article:published_time" content="2016-11-20T08:00:00Z">
            <meta name="author" content="Ann Writer"></head>
            <body><nav><ul><li>Home</li><li>World news and more links here to pad it out</li></ul></nav>
            <div class="content"><article>
              <p>First paragraph of the story, long enough to count as text.</p>
              <p>Second paragraph of the story, also long enough to count.</p>
            </article></div>
            <div class="sidebar"><p>Related: something else entirely that is long enough.</p></div>
            <footer><p>Copyright notice that is long enough to be counted as text.</p></footer>
            </body></html>"#;
        let a = parse(html, ParseLimits::default()).unwrap();
        assert_eq!(a.title, "The Story");
        assert_eq!(
            a.body,
            "First paragraph of the story, long enough to count as text.\n\nSecond paragraph of the story, also long enough to count."
        );
        assert_eq!(a.date.as_deref(), Some("2016-11-20T08:00:00Z"));
        assert_eq!(a.authors, vec!["Ann Writer"]);
    }

    #[test]
    fn tag_depth_counts_nesting_and_ignores_void_and_self_closing_tags() {
        assert_eq!(tag_depth("<div><p>a<br><img src=x/></p></div>"), 1);
        // `<span/>` opens a span in HTML (the slash is ignored), but closes in SVG.
        assert_eq!(tag_depth("<div><span/><span/></div>"), 3);
        assert_eq!(tag_depth("<svg><path/><path/><g><path/></g></svg>"), 2);
        assert_eq!(tag_depth("<div><div></div><div><b>x</b></div></div>"), 3);
        assert_eq!(tag_depth("<a title=\"x\">y</a>"), 1);
    }

    #[test]
    fn attributes_are_counted_outside_quoted_values() {
        assert_eq!(attribute_count(b" a=x b=\"y z\" c d='e f=g'"), 4);
        assert_eq!(attribute_count(b" /"), 0);
        assert_eq!(tag_shape("<p a=1 b=2>x</p><i c>").attributes, 2);
    }

    /// Issue 22's HTML worst cases, a megabyte each: refused by the linear pre-scan, not fed to
    /// the parser (over 30 s for the first, 29 s for the second). The bound is generous (a
    /// debug build on a busy machine); the pre-scan takes milliseconds.
    #[test]
    fn megabyte_worst_cases_are_refused_quickly() {
        let divs = "<div/>".repeat(175_000);
        let attrs = format!(
            "<p {}>t</p>",
            (0..100_000)
                .map(|i| format!("a{i}=x"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for (what, html, reason) in [
            ("<div/>", divs, "nested deeper"),
            ("attributes", attrs, "attributes"),
        ] {
            let t = std::time::Instant::now();
            let r = parse(&html, ParseLimits::default()).unwrap_err();
            assert!(r.reason.contains(reason), "{what}: {}", r.reason);
            assert!(t.elapsed().as_secs() < 20, "{what}: {:?}", t.elapsed());
        }
    }

    #[test]
    fn unclosed_tags_are_scanned_in_linear_time() {
        // Quadratic before: every `<` rescanned the rest of the text for a `>`. A million of
        // them would take hours; here it is 200,000 (it finishes at once now, and the test
        // would time out in CI otherwise).
        let soup = "<p>text</p>".to_string() + &"<a".repeat(200_000);
        assert_eq!(tag_depth(&soup), 1);
    }

    #[test]
    fn deep_nesting_is_rejected_not_overflowed() {
        let html = "<div>".repeat(100_000);
        assert!(parse(&html, ParseLimits::default()).is_err());
    }

    proptest::proptest! {
        #[test]
        fn no_panic_on_arbitrary_text(s in "\\PC{0,300}") {
            let _ = parse(&s, ParseLimits::default());
        }

        #[test]
        fn no_panic_on_tag_soup(s in "(<[a-z/!]{0,4}[ a-z=\"/]{0,6}>?|[a-z .]{0,12}|&[a-z#0-9]{0,5};?){0,60}") {
            let _ = parse(&s, ParseLimits::default());
        }
    }
}
