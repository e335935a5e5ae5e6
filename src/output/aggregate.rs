//! Printing aggregate answers: `--count-by` tables (human, JSON, CSV) and `quotes --facets`.

use std::io::{self, Write};

use morgue::index::aggregate::Counts;
use morgue::index::reader::NameCount;

use super::columns::Table;
use super::{clean, facet_lines, Style};

/// The top values of each kind over the matching quotes (`quotes --facets`), in the order
/// and JSON shape of `search --facets`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct QuoteFacets {
    pub speakers: Vec<NameCount>,
    pub persons: Vec<NameCount>,
    pub orgs: Vec<NameCount>,
    pub places: Vec<NameCount>,
    pub sections: Vec<NameCount>,
}

impl QuoteFacets {
    /// The kinds counted, in field order.
    pub const KINDS: [&'static str; 5] = ["speaker", "person", "org", "place", "section"];

    /// From the lists of [`QuoteFacets::KINDS`], in that order.
    pub fn from_lists(lists: Vec<Vec<NameCount>>) -> QuoteFacets {
        let mut it = lists.into_iter();
        QuoteFacets {
            speakers: it.next().unwrap_or_default(),
            persons: it.next().unwrap_or_default(),
            orgs: it.next().unwrap_or_default(),
            places: it.next().unwrap_or_default(),
            sections: it.next().unwrap_or_default(),
        }
    }
}

/// `quotes --facets` for people: one `name: value (count), …` line per kind.
pub fn quote_facets_human(out: &mut impl Write, f: &QuoteFacets, style: &Style) -> io::Result<()> {
    facet_lines(
        out,
        &[
            ("speakers", &f.speakers),
            ("persons", &f.persons),
            ("orgs", &f.orgs),
            ("places", &f.places),
            ("sections", &f.sections),
        ],
        style,
    )
}

/// What was counted and by what, for headers and messages: ("quotes", "speaker").
pub struct Counted<'a> {
    pub of: &'a str,
    pub by: &'a str,
}

/// `--count-by --json`: `{"of","by","total","without","distinct","counts":[{"name","count"}]}`.
pub fn counts_json(out: &mut impl Write, c: &Counts, what: &Counted) -> io::Result<()> {
    let mut obj = serde_json::to_value(c)?;
    if let Some(map) = obj.as_object_mut() {
        map.insert("of".into(), what.of.into());
        map.insert("by".into(), what.by.into());
    }
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

/// `--count-by --csv`: a header `BY,count`, then one row per value.
pub fn counts_csv(out: &mut impl Write, c: &Counts, what: &Counted) -> io::Result<()> {
    // The header names the counted value; `Table` wants static names.
    let header: &'static [&'static str] = match what.by {
        "speaker" => &["speaker", "count"],
        "person" => &["person", "count"],
        "org" => &["org", "count"],
        "place" => &["place", "count"],
        "section" => &["section", "count"],
        "month" => &["month", "count"],
        _ => &["year", "count"],
    };
    let mut t = Table::new(header);
    for row in &c.counts {
        t.rows.push(vec![row.name.clone(), row.count.to_string()]);
    }
    t.write_csv(out, None)
}

/// `--count-by` for people: a ranked table with a bar per row, and a summary line.
pub fn counts_human(
    out: &mut impl Write,
    c: &Counts,
    what: &Counted,
    style: &Style,
) -> io::Result<()> {
    let (b, d, x) = style.codes();
    let names: Vec<String> = c
        .counts
        .iter()
        .map(|r| clean(&r.name).into_owned())
        .collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .clamp(what.by.len(), 40);
    let most = c.counts.iter().map(|r| r.count).max().unwrap_or(0).max(1);
    let digits = most.to_string().len().max(5);
    // The bar fills what the terminal leaves, at most 40 columns.
    let room = style
        .width
        .map_or(40, |w| w.saturating_sub(width + digits + 6))
        .min(40);
    writeln!(out, "{d}{:<width$}  {:>digits$}{x}", what.by, what.of)?;
    for (row, name) in c.counts.iter().zip(&names) {
        let bar = (row.count as usize * room).div_ceil(most as usize);
        writeln!(
            out,
            "{b}{name:<width$}{x}  {:>digits$}  {d}{}{x}",
            row.count,
            "█".repeat(bar)
        )?;
    }
    let shown = if c.distinct > c.counts.len() {
        format!(", the top {} shown", c.counts.len())
    } else {
        String::new()
    };
    // Months and years come from the date.
    let missing = match what.by {
        "month" | "year" => "date",
        other => other,
    };
    writeln!(
        out,
        "{d}{} matching {}, {} without a {missing}; {} distinct {}s{shown} ({:.0} ms){x}",
        c.total,
        what.of,
        c.without,
        c.distinct,
        what.by,
        c.seconds * 1000.0
    )
}
