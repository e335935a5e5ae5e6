//! Reuters-21578 SGML (`.sgm`): one article per `REUTERS` element. TITLE is the headline; the
//! DATELINE ("SALVADOR, Feb 26 - ") and BODY make the body, kept as the wire wrote them (the
//! story's line breaks and paragraph indents); DATE ("26-FEB-1987 15:01:01.79") the date; the
//! TOPICS, PLACES, PEOPLE, ORGS and EXCHANGES codes become tags. A story of type UNPROC has its
//! text straight inside TEXT. The story's NEWID is its record number.

use super::xml::{walk, Node};
use super::{ParseLimits, Parsed};
use crate::article::Article;
use crate::error::Rejection;

/// Code lists kept as tags, with the tag kind each becomes.
const TAG_LISTS: [(&str, &str); 5] = [
    ("TOPICS", "topic"),
    ("PLACES", "place"),
    ("PEOPLE", "person"),
    ("ORGS", "org"),
    ("EXCHANGES", "exchange"),
];

#[derive(Default)]
struct Story {
    newid: String,
    date: String,
    title: String,
    dateline: String,
    body: String,
    /// Text directly inside TEXT: the whole story when it is of type UNPROC.
    unprocessed: String,
    tags: Vec<(String, String)>,
}

pub fn parse(text: &str, limits: ParseLimits) -> Result<Parsed, Rejection> {
    let mut parsed = Parsed::default();
    let mut story: Option<Story> = None;
    let mut seen = 0usize;
    let res = walk(text, limits.max_depth, |stack, node| match node {
        Node::Open(o) if o.name == "REUTERS" => {
            seen += 1;
            story = Some(Story {
                newid: o.attr("NEWID").unwrap_or_default().to_string(),
                ..Story::default()
            });
        }
        Node::Text(t) => {
            let Some(s) = story.as_mut() else { return };
            let parent = stack.len().checked_sub(2).map(|i| stack[i].as_str());
            match (stack.last().map(String::as_str), parent) {
                (Some("DATE"), _) => s.date.push_str(t),
                (Some("TITLE"), _) => s.title.push_str(t),
                (Some("DATELINE"), _) => s.dateline.push_str(t),
                (Some("BODY"), _) => s.body.push_str(t),
                (Some("TEXT"), _) => s.unprocessed.push_str(t),
                (Some("D"), Some(list)) => {
                    if let Some((_, kind)) = TAG_LISTS.iter().find(|(l, _)| *l == list) {
                        s.tags.push((kind.to_string(), t.trim().to_string()));
                    }
                }
                _ => {}
            }
        }
        Node::Close("REUTERS") => {
            if let Some(s) = story.take() {
                finish(s, seen, &mut parsed);
            }
        }
        _ => {}
    });
    if let Err(e) = res {
        if parsed.articles.is_empty() && parsed.bad_records == 0 {
            return Err(Rejection::failed(e));
        }
        parsed.problem(format!("after story {seen}: {e}"));
    }
    if seen == 0 {
        return Err(Rejection::skipped(
            "not an article: SGML without REUTERS elements",
        ));
    }
    Ok(parsed)
}

fn finish(s: Story, seen: usize, parsed: &mut Parsed) {
    let record = if s.newid.is_empty() {
        // Without a NEWID, the story's position in the file numbers it.
        seen.to_string()
    } else {
        s.newid
    };
    let title = s.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let dateline = s.dateline.trim();
    let body = if s.body.trim().is_empty() {
        // Text straight inside TEXT is the story when it is of type UNPROC; a BRIEF holds only
        // the wire's "******" filler there.
        let text = s.unprocessed.trim();
        if text.contains(char::is_alphanumeric) {
            text.to_string()
        } else {
            String::new()
        }
    } else if dateline.is_empty() {
        s.body.trim().to_string()
    } else {
        // "SALVADOR, Feb 26 - Showers continued…": the dateline opens the story on the wire.
        format!("{dateline} {}", s.body.trim())
    };
    if title.is_empty() && body.is_empty() {
        // The wire sent an empty story (Reuters-21578 has one: NEWID 12793, a TEXT holding only
        // control characters). It is well-formed and holds no article, so it is a skipped record,
        // counted in the run summary like a WARC request record, not a malformed one that
        // would mark the whole file failed and the run's exit code 2.
        parsed.skipped_records += 1;
        return;
    }
    let mut tags = s.tags;
    tags.retain(|(_, v)| !v.is_empty());
    parsed.articles.push(Article {
        path: record,
        title,
        body,
        date: super::normalize_date(&s.date),
        tags,
        ..Article::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
<REUTERS TOPICS=\"YES\" NEWID=\"7\">\n<DATE> 2-MAR-1987 09:15:00.00</DATE>\n\
<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n<PLACES><D>canada</D></PLACES>\n<PEOPLE></PEOPLE>\n\
<UNKNOWN>&#5;&#5;&#5;G\n&#22;&#22;&#1;f0001&#31;reute</UNKNOWN>\n\
<TEXT>&#2;\n<TITLE>PRAIRIE FARMERS &lt;SEED&gt; PLANTING EARLY</TITLE>\n\
<DATELINE>    WINNIPEG, March 2 - </DATELINE><BODY>Growers in the west said\nplanting began early.\n    \
A second paragraph of the story.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n\
<REUTERS NEWID=\"8\">\n<DATE>2-MAR-1987 10:00:00.00</DATE>\n\
<TEXT TYPE=\"UNPROC\">&#2;\nA story the wire sent unprocessed, AT&T said.\n&#3;</TEXT>\n</REUTERS>\n";

    #[test]
    fn each_reuters_element_is_an_article_with_its_metadata() {
        let p = parse(TWO, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 2, "{:?}", p.problems);
        let a = &p.articles[0];
        assert_eq!(a.path, "7");
        assert_eq!(a.title, "PRAIRIE FARMERS <SEED> PLANTING EARLY");
        assert!(a
            .body
            .starts_with("WINNIPEG, March 2 - Growers in the west said\nplanting"));
        assert!(a.body.ends_with("Reuter"), "{:?}", a.body);
        assert_eq!(a.date.as_deref(), Some("1987-03-02"));
        let tags: Vec<String> = a.tags.iter().map(|(k, v)| format!("{k}:{v}")).collect();
        assert_eq!(tags, ["topic:grain", "topic:wheat", "place:canada"]);
        let b = &p.articles[1];
        assert_eq!(b.title, "");
        assert_eq!(b.body, "A story the wire sent unprocessed, AT&T said.");
    }

    #[test]
    fn a_story_without_text_is_a_skipped_record() {
        let sgml = "<REUTERS NEWID=\"9\"><DATE>2-MAR-1987</DATE><TEXT>&#2;&#3;</TEXT></REUTERS>\
<REUTERS NEWID=\"10\"><TEXT><TITLE>KEPT</TITLE></TEXT></REUTERS>";
        let p = parse(sgml, ParseLimits::default()).unwrap();
        assert_eq!(p.articles.len(), 1);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.skipped_records, 1);
    }

    #[test]
    fn sgml_without_stories_is_not_an_article() {
        let r = parse("<!DOCTYPE x><OTHER>text</OTHER>", ParseLimits::default()).unwrap_err();
        assert!(r.reason.contains("REUTERS"));
    }
}
