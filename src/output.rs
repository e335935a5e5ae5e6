//! All printing: human, JSON and CSV renderings of extract results, run reports and search
//! hits, problem and error lines on stderr. Nothing else in the binary writes to a stream.
//!
//! Human output is for a terminal: text from the archive (titles, paths, snippets, quotes,
//! names) has its control characters shown escaped (`\u{1b}`), so a file cannot move the cursor
//! or recolour the screen, and a title holding a newline stays on its line; long text wraps at
//! the terminal's width; paths under the current folder are shown relative to it. JSON and CSV
//! carry the stored text byte for byte.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use morgue::article::QuoteKind;
use morgue::index::collapse::AlsoIn;
use morgue::index::reader::{NameCount, QuoteHit};

mod aggregate;
pub mod columns;
mod export;
mod extract;
mod progress;
mod show;

pub use aggregate::{
    counts_csv, counts_human, counts_json, quote_facets_human, Counted, QuoteFacets,
};
use columns::Table;
pub use export::exported;
pub use extract::{extract_explain, extract_human, extract_json};

pub use progress::{report_human, report_json, Progress};
pub use show::{show_human, show_json};

/// The keys of a `search --json` hit, for `--fields`.
pub const SEARCH_JSON_FIELDS: &[&str] = &[
    "id",
    "path",
    "title",
    "date",
    "section",
    "score",
    "snippet",
    "highlights",
    "persons",
    "orgs",
    "places",
    "speakers",
    "duplicates",
    "url",
    "source",
    "authors",
    "cluster",
    "also_in",
    "also_in_outlets",
    "also_in_total",
];
/// The columns of `search --csv`.
pub const SEARCH_CSV_FIELDS: &[&str] = &[
    "id",
    "date",
    "section",
    "title",
    "path",
    "url",
    "source",
    "authors",
    "score",
    "cluster",
    "also_in_outlets",
];
/// The keys of a `quotes --json` hit.
pub const QUOTES_JSON_FIELDS: &[&str] = &[
    "speaker",
    "speaker_id",
    "text",
    "kind",
    "highlights",
    "cue",
    "how",
    "path",
    "title",
    "date",
    "section",
    "score",
    "url",
    "source",
    "authors",
    "also_in",
    "also_in_outlets",
    "also_in_total",
];
/// The columns of `quotes --csv`.
pub const QUOTES_CSV_FIELDS: &[&str] = &[
    "speaker",
    "quote",
    "cue",
    "date",
    "title",
    "path",
    "kind",
    "url",
    "source",
    "authors",
    "also_in_outlets",
];
/// The keys of an `entities --json` row.
pub const ENTITIES_JSON_FIELDS: &[&str] = &["id", "name", "kind", "articles", "quotes", "aliases"];
/// The columns of `entities --csv`.
pub const ENTITIES_CSV_FIELDS: &[&str] = &["name", "kind", "articles", "quotes", "aliases"];

/// How human output is laid out: colour, wrapping width, the folder paths are shown from.
pub struct Style {
    pub color: bool,
    /// The terminal's width in columns; `None` (no wrapping) when stdout is not a terminal.
    pub width: Option<usize>,
    cwd: Option<PathBuf>,
}

impl Style {
    /// The style for stdout: colour as decided by the caller, width from the terminal.
    pub fn stdout(color: bool) -> Style {
        let width = std::io::IsTerminal::is_terminal(&std::io::stdout())
            .then(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
            .flatten()
            .filter(|w| *w >= 40);
        Style {
            color,
            width,
            cwd: std::env::current_dir().ok(),
        }
    }

    pub(crate) fn codes(&self) -> (&'static str, &'static str, &'static str) {
        if self.color {
            (BOLD, DIM, RESET)
        } else {
            ("", "", "")
        }
    }

    /// A stored path for people: relative to the current folder when below it, escaped.
    fn path<'a>(&self, path: &'a str) -> Cow<'a, str> {
        let rel = self
            .cwd
            .as_deref()
            .and_then(|cwd| Path::new(path).strip_prefix(cwd).ok())
            .and_then(|p| p.to_str())
            .filter(|p| !p.is_empty());
        match rel {
            Some(r) => Cow::Owned(clean(r).into_owned()),
            None => clean(path),
        }
    }

    /// Write `text` (already cleaned, maybe coloured) indented by `indent` spaces, wrapped at
    /// the terminal's width.
    pub(crate) fn para(&self, out: &mut impl Write, indent: usize, text: &str) -> io::Result<()> {
        let pad = " ".repeat(indent);
        match self.width {
            Some(w) => {
                let opts = textwrap::Options::new(w.saturating_sub(1))
                    .initial_indent(&pad)
                    .subsequent_indent(&pad);
                for line in textwrap::wrap(text, opts) {
                    writeln!(out, "{line}")?;
                }
                Ok(())
            }
            None => writeln!(out, "{pad}{text}"),
        }
    }
}

/// Archive text for one line of human output: control characters (C0 including newline and
/// tab, DEL, C1, so ESC and CSI too) shown escaped as `\n`, `\u{1b}`…, as ripgrep and fd do.
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(morgue::extract::one_line(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Running text (a snippet, a quote) for human output: line breaks and tabs become spaces,
/// other control characters are escaped.
pub(crate) fn clean_text(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        let spaced = s.replace(['\n', '\r', '\t'], " ");
        Cow::Owned(morgue::extract::one_line(&spaced))
    } else {
        Cow::Borrowed(s)
    }
}

/// Is this error (anywhere in its chain) a write to a closed pipe? Then the reader has gone
/// (`morgue search x | head`) and the command ends quietly with 0, as ripgrep does.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let io = cause.downcast_ref::<io::Error>().or_else(|| {
            // The CSV writer wraps the io::Error.
            match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(e) => Some(e),
                _ => None,
            }
        });
        io.is_some_and(|e| {
            e.kind() == io::ErrorKind::BrokenPipe
                || e.get_ref()
                    .and_then(|inner| inner.downcast_ref::<csv::Error>())
                    .is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(e) if e.kind() == io::ErrorKind::BrokenPipe))
        })
    })
}

/// A fatal error: one line on stderr. A closed stderr is ignored (nobody is reading).
pub fn error(e: &anyhow::Error) {
    let _ = writeln!(io::stderr(), "morgue: {}", clean(&format!("{e:#}")));
}

/// A problem with one input that does not stop the command (one line on stderr).
pub fn problem(line: &str) {
    let _ = writeln!(io::stderr(), "morgue: {line}");
}

/// clap's help, version or error text: help and version on stdout, errors on stderr, with
/// colour when that stream is a terminal.
pub fn usage(u: &crate::cli::Usage) {
    if u.is_error {
        let text = if use_color(&io::stderr()) {
            &u.ansi
        } else {
            &u.plain
        };
        let _ = write!(io::stderr(), "{text}");
    } else {
        let text = if use_color(&io::stdout()) {
            &u.ansi
        } else {
            &u.plain
        };
        let _ = write!(io::stdout(), "{text}");
    }
}

/// A warning on stderr: the run worked, but its result may not be what was meant.
pub fn warning(msg: &str) {
    problem(&format!("warning: {msg}"));
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// `"ambiguous": [...]`, the people a `--speaker`/`--person` value could mean, when it named no
/// one person (left out otherwise).
fn with_ambiguous(obj: &mut serde_json::Value, people: &[String]) {
    if let (false, Some(map)) = (people.is_empty(), obj.as_object_mut()) {
        map.insert("ambiguous".into(), people.into());
    }
}

/// One line on stderr when a `--speaker`/`--person` value could mean several people.
pub fn ambiguity_note(filters: &morgue::index::reader::Filters, people: &[String]) {
    if people.is_empty() {
        return;
    }
    let value = [&filters.speaker, &filters.person]
        .into_iter()
        .flatten()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(" / ");
    problem(&format!(
        "{} could mean {}; give a full name",
        clean(&value),
        clean(&people.join(", "))
    ));
}

/// What a `--speaker`/`--person` full name left out and `--loose` would add, in one line: the
/// quotes of articles that give only the surname.
pub fn left_out_note(also: Option<&morgue::index::reader::LeftOut>) {
    let Some(also) = also else {
        return;
    };
    let mut names: Vec<String> = also
        .speakers
        .iter()
        .take(3)
        .map(|n| format!("\"{n}\""))
        .collect();
    if also.speakers.len() > 3 {
        names.push(format!("{} more", also.speakers.len() - 3));
    }
    let quotes = if also.quotes == 1 { "quote" } else { "quotes" };
    problem(&format!(
        "also {} {quotes} by {} in articles that give no first name: add --loose to include them",
        also.quotes,
        clean(&names.join(", "))
    ));
}

/// A path as one shell word: quoted when it holds anything but plain characters.
fn shell_word(s: &str) -> Cow<'_, str> {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(format!("'{}'", s.replace('\'', "'\\''")))
    }
}

/// The DESIGN.md shape of `search --json`: the reader's hits as they serialize, facets as
/// ordered arrays of `{"name","count"}` (highest count first).
pub fn search_json(
    out: &mut impl Write,
    r: &morgue::index::reader::SearchResult,
    fields: Option<&[String]>,
) -> io::Result<()> {
    let facets = match &r.facets {
        Some(f) => serde_json::to_value(f)?,
        None => serde_json::json!({}),
    };
    let mut hits = serde_json::to_value(&r.hits)?;
    columns::pick_json(&mut hits, fields);
    let mut obj = serde_json::json!({"total": r.total, "hits": hits, "facets": facets});
    if let Some(n) = r.stories {
        obj["stories"] = n.into();
    }
    with_ambiguous(&mut obj, &r.ambiguous);
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

/// `search --csv`: one row per hit (the columns of [`SEARCH_CSV_FIELDS`], or `fields`).
pub fn search_csv(
    out: &mut impl Write,
    r: &morgue::index::reader::SearchResult,
    fields: Option<&[String]>,
) -> io::Result<()> {
    let mut t = Table::new(SEARCH_CSV_FIELDS);
    for h in &r.hits {
        t.rows.push(vec![
            h.id.clone(),
            h.date.clone().unwrap_or_default(),
            h.section.clone(),
            h.title.clone(),
            h.path.clone(),
            h.origin.url.clone().unwrap_or_default(),
            h.origin.source.clone().unwrap_or_default(),
            h.origin.authors.join("; "),
            format!("{:.3}", h.score),
            h.cluster.clone(),
            h.also_in_outlets.to_string(),
        ]);
    }
    t.write_csv(out, fields)
}

/// "also in 3 outlets: daily-post, globe-online, the-courier" for a collapsed cluster or a
/// quote's copies: the copies listed, how many outlets they came from, how many there are.
fn also_in_line(also_in: &[AlsoIn], also_in_outlets: usize, also_in_total: usize) -> String {
    let outlets: std::collections::BTreeSet<&str> = also_in.iter().map(|a| a.outlet()).collect();
    let mut names: Vec<Cow<str>> = outlets
        .iter()
        .take(SHOWN_DUPLICATES)
        .map(|o| clean(o))
        .collect();
    if outlets.len() > SHOWN_DUPLICATES {
        names.push(Cow::Owned(format!(
            "{} more",
            outlets.len() - SHOWN_DUPLICATES
        )));
    }
    let more = also_in_total.saturating_sub(also_in.len());
    format!(
        "also in {} outlet{}: {}{}",
        also_in_outlets,
        if also_in_outlets == 1 { "" } else { "s" },
        names.join(", "),
        if more > 0 {
            format!(" (and {more} more articles)")
        } else {
            String::new()
        }
    )
}

/// How many duplicate paths a human listing shows before saying how many more there are.
const SHOWN_DUPLICATES: usize = 3;

/// The first few paths, comma-separated, and a count of the rest.
pub(crate) fn shown_paths(paths: &[String], style: &Style) -> String {
    let shown: Vec<Cow<str>> = paths
        .iter()
        .take(SHOWN_DUPLICATES)
        .map(|p| style.path(p))
        .collect();
    let mut s = shown.join(", ");
    if paths.len() > SHOWN_DUPLICATES {
        s.push_str(&format!(" and {} more", paths.len() - SHOWN_DUPLICATES));
    }
    s
}

/// Text with the given byte ranges marked: ANSI colour on a terminal, `[…]` otherwise. Each
/// piece is cleaned of control characters on its own, so the ranges stay valid.
pub(crate) fn highlight(text: &str, ranges: &[std::ops::Range<usize>], color: bool) -> String {
    let (open, close) = if color {
        (HIGHLIGHT, RESET)
    } else {
        ("[", "]")
    };
    let mut s = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        s.push_str(&clean_text(&text[at..r.start]));
        s.push_str(open);
        s.push_str(&clean_text(&text[r.start..r.end]));
        s.push_str(close);
        at = r.end;
    }
    s.push_str(&clean_text(&text[at..]));
    s
}

/// The url, source and authors of a hit on one dim line, when the file gave any.
pub(crate) fn origin_line(o: &morgue::index::reader::Origin) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(src) = &o.source {
        parts.push(clean(src).into_owned());
    }
    if !o.authors.is_empty() {
        parts.push(format!("by {}", clean(&o.authors.join(", "))));
    }
    if let Some(url) = &o.url {
        parts.push(clean(url).into_owned());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Facet lists as `name (count), …` lines.
pub(crate) fn facet_lines(
    out: &mut impl Write,
    lists: &[(&str, &Vec<NameCount>)],
    style: &Style,
) -> io::Result<()> {
    let (b, _, x) = style.codes();
    for (name, values) in lists {
        if values.is_empty() {
            continue;
        }
        let list: Vec<String> = values
            .iter()
            .map(|v| format!("{} ({})", clean(&v.name), v.count))
            .collect();
        style.para(out, 0, &format!("{b}{name}:{x} {}", list.join(", ")))?;
    }
    Ok(())
}

pub fn search_human(
    out: &mut impl Write,
    r: &morgue::index::reader::SearchResult,
    req: &morgue::index::reader::SearchRequest,
    style: &Style,
) -> io::Result<()> {
    let (b, d, x) = style.codes();
    for (i, h) in r.hits.iter().enumerate() {
        let meta: Vec<Cow<str>> = [
            h.date.as_deref(),
            Some(h.section.as_str()).filter(|s| !s.is_empty()),
        ]
        .into_iter()
        .flatten()
        .map(clean)
        .collect();
        writeln!(
            out,
            "{:>3}. {b}{}{x}  {d}{}{x}",
            req.offset + i + 1,
            clean(&h.title),
            meta.join(" · ")
        )?;
        writeln!(
            out,
            "     {d}{}  score {:.2}{x}",
            style.path(&h.path),
            h.score
        )?;
        if let Some(line) = origin_line(&h.origin) {
            style.para(out, 5, &format!("{d}{line}{x}"))?;
        }
        if !h.duplicates.is_empty() {
            style.para(
                out,
                5,
                &format!("{d}also at: {}{x}", shown_paths(&h.duplicates, style)),
            )?;
        }
        if !h.also_in.is_empty() {
            style.para(
                out,
                5,
                &format!(
                    "{d}{}{x}",
                    also_in_line(&h.also_in, h.also_in_outlets, h.also_in_total)
                ),
            )?;
        }
        style.para(
            out,
            5,
            &highlight(&h.snippet.text, &h.snippet.highlights, style.color),
        )?;
        if !h.persons.is_empty() || !h.orgs.is_empty() {
            let names: Vec<Cow<str>> = h
                .persons
                .iter()
                .chain(&h.orgs)
                .map(|n| clean(n))
                .take(8)
                .collect();
            style.para(out, 5, &format!("{d}{}{x}", names.join(", ")))?;
        }
    }
    if let Some(f) = &r.facets {
        facet_lines(
            out,
            &[
                ("persons", &f.persons),
                ("orgs", &f.orgs),
                ("places", &f.places),
                ("speakers", &f.speakers),
                ("sections", &f.sections),
            ],
            style,
        )?;
    }
    let shown = r.hits.len();
    let from = if shown == 0 { 0 } else { req.offset + 1 };
    // Collapsed, hits are stories (near-duplicate clusters): said when they are fewer.
    let stories = match r.stories {
        Some(n) if n != r.total => format!(" in {n} {}", if n == 1 { "story" } else { "stories" }),
        _ => String::new(),
    };
    writeln!(
        out,
        "{d}{} matching articles{stories}; showing {}–{} ({:.0} ms){x}",
        r.total,
        from,
        req.offset + shown,
        r.seconds * 1000.0
    )
}

/// The DESIGN.md shape of `quotes --json`: the reader's quote hits as they serialize.
/// With `--facets`, a `"facets"` object of ordered `[{"name","count"}]` lists.
pub fn quotes_json(
    out: &mut impl Write,
    r: &morgue::index::reader::QuoteResult,
    facets: Option<&aggregate::QuoteFacets>,
    fields: Option<&[String]>,
) -> io::Result<()> {
    let mut hits = serde_json::to_value(&r.hits)?;
    columns::pick_json(&mut hits, fields);
    let mut obj = serde_json::json!({"total": r.total, "hits": hits});
    if let Some(n) = r.distinct {
        obj["distinct"] = n.into();
    }
    if let (Some(f), Some(map)) = (facets, obj.as_object_mut()) {
        map.insert("facets".into(), serde_json::to_value(f)?);
    }
    with_ambiguous(&mut obj, &r.ambiguous);
    if let (Some(also), Some(map)) = (&r.also, obj.as_object_mut()) {
        map.insert(
            "also".into(),
            serde_json::json!({"quotes": also.quotes, "speakers": also.speakers, "with": "--loose"}),
        );
    }
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

/// `quotes --csv`: one row per quote (the columns of [`QUOTES_CSV_FIELDS`], or `fields`).
pub fn quotes_csv(
    out: &mut impl Write,
    r: &morgue::index::reader::QuoteResult,
    fields: Option<&[String]>,
) -> io::Result<()> {
    let mut t = Table::new(QUOTES_CSV_FIELDS);
    for h in &r.hits {
        t.rows.push(vec![
            h.speaker.clone().unwrap_or_default(),
            h.text.clone(),
            h.cue.clone().unwrap_or_default(),
            h.date.clone().unwrap_or_default(),
            h.title.clone(),
            h.path.clone(),
            h.kind.as_str().to_string(),
            h.origin.url.clone().unwrap_or_default(),
            h.origin.source.clone().unwrap_or_default(),
            h.origin.authors.join("; "),
            h.also_in_outlets.to_string(),
        ]);
    }
    t.write_csv(out, fields)
}

fn quote_human(out: &mut impl Write, n: usize, h: &QuoteHit, style: &Style) -> io::Result<()> {
    let (b, d, x) = style.codes();
    let who = clean(h.speaker.as_deref().unwrap_or("(unknown speaker)"));
    let cue = h
        .cue
        .as_deref()
        .map(|c| format!(" ({})", clean(c)))
        .unwrap_or_default();
    let text = highlight(&h.text, &h.highlights, style.color);
    if h.kind == QuoteKind::Indirect {
        // Reported speech is the writer's words, not the speaker's: no quote marks.
        writeln!(out, "{n:>3}. {b}{who}{x}{d}{cue} · reported{x}")?;
        style.para(out, 5, &text)?;
    } else {
        writeln!(out, "{n:>3}. {b}{who}{x}{d}{cue}{x}")?;
        style.para(out, 5, &format!("“{text}”"))?;
    }
    let meta: Vec<Cow<str>> = [h.date.as_deref(), Some(h.title.as_str())]
        .into_iter()
        .flatten()
        .map(clean)
        .collect();
    style.para(
        out,
        5,
        &format!("{d}{} — {}{x}", meta.join(" · "), style.path(&h.path)),
    )?;
    if let Some(line) = origin_line(&h.origin) {
        style.para(out, 5, &format!("{d}{line}{x}"))?;
    }
    if !h.also_in.is_empty() {
        let line = also_in_line(&h.also_in, h.also_in_outlets, h.also_in_total);
        style.para(out, 5, &format!("{d}{line}{x}"))?;
    }
    Ok(())
}

pub fn quotes_human(
    out: &mut impl Write,
    r: &morgue::index::reader::QuoteResult,
    offset: usize,
    style: &Style,
) -> io::Result<()> {
    let (_, d, x) = style.codes();
    for (i, h) in r.hits.iter().enumerate() {
        quote_human(out, offset + i + 1, h, style)?;
    }
    let from = if r.hits.is_empty() { 0 } else { offset + 1 };
    // Collapsed, hits are distinct quotes (a quote's wire copies once): said when fewer.
    let distinct = match r.distinct {
        Some(n) if n != r.total => format!(" ({n} distinct)"),
        _ => String::new(),
    };
    writeln!(
        out,
        "{d}{} matching quotes{distinct}; showing {}–{} ({:.0} ms){x}",
        r.total,
        from,
        offset + r.hits.len(),
        r.seconds * 1000.0
    )
}

pub fn entities_json(
    out: &mut impl Write,
    r: &morgue::index::reader::EntityResult,
    fields: Option<&[String]>,
) -> io::Result<()> {
    let mut rows = serde_json::to_value(&r.entities)?;
    columns::pick_json(&mut rows, fields);
    let mut obj = serde_json::json!({"total": r.total, "entities": rows});
    with_ambiguous(&mut obj, &r.ambiguous);
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

/// `entities --csv`: one row per entity, aliases joined with "; " (the columns of
/// [`ENTITIES_CSV_FIELDS`], or `fields`).
pub fn entities_csv(
    out: &mut impl Write,
    r: &morgue::index::reader::EntityResult,
    fields: Option<&[String]>,
) -> io::Result<()> {
    let mut t = Table::new(ENTITIES_CSV_FIELDS);
    for e in &r.entities {
        t.rows.push(vec![
            e.name.clone(),
            e.kind.to_string(),
            e.articles.to_string(),
            e.quotes.to_string(),
            e.aliases.join("; "),
        ]);
    }
    t.write_csv(out, fields)
}

pub fn entities_human(
    out: &mut impl Write,
    r: &morgue::index::reader::EntityResult,
    style: &Style,
) -> io::Result<()> {
    let (b, d, x) = style.codes();
    let names: Vec<Cow<str>> = r.entities.iter().map(|e| clean(&e.name)).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    writeln!(
        out,
        "{d}{:>4}  {:<width$}  {:<6}  {:>8}  {:>6}  aliases{x}",
        "#", "name", "kind", "articles", "quotes"
    )?;
    for (i, (e, name)) in r.entities.iter().zip(&names).enumerate() {
        let aliases: Vec<Cow<str>> = e.aliases.iter().map(|a| clean(a)).collect();
        writeln!(
            out,
            "{:>4}  {b}{:<width$}{x}  {:<6}  {:>8}  {:>6}  {d}{}{x}",
            i + 1,
            name,
            e.kind,
            e.articles,
            e.quotes,
            aliases.join(", ")
        )?;
    }
    writeln!(
        out,
        "{d}{} distinct entities ({:.0} ms){x}",
        r.total,
        r.seconds * 1000.0
    )
}

/// `morgue audit --json`: the damaged files and the consistency counts (or why they could not
/// be taken).
pub fn audit_json(
    out: &mut impl Write,
    damaged: &[String],
    counts: &std::result::Result<morgue::index::reader::Audit, String>,
) -> io::Result<()> {
    let value = match counts {
        Ok(a) => serde_json::json!({"damaged_files": damaged, "counts": a}),
        Err(e) => serde_json::json!({"damaged_files": damaged, "error": e}),
    };
    serde_json::to_writer(&mut *out, &value)?;
    writeln!(out)
}

/// `morgue audit`: one line per finding, and a last line saying whether the index is sound.
pub fn audit_human(
    out: &mut impl Write,
    dir: &std::path::Path,
    damaged: &[String],
    counts: &std::result::Result<morgue::index::reader::Audit, String>,
) -> io::Result<()> {
    for f in damaged {
        writeln!(out, "damaged: {} fails its checksum", dir.join(f).display())?;
    }
    match counts {
        Ok(a) => {
            writeln!(
                out,
                "{} articles, {} quotes, {} duplicate records, {} file records",
                a.articles, a.quotes, a.duplicates, a.files
            )?;
            if a.repeated_paths > 0 {
                writeln!(out, "{} article paths are held twice", a.repeated_paths)?;
            }
            if a.orphan_quotes > 0 {
                writeln!(out, "{} quotes have lost their article", a.orphan_quotes)?;
            }
            let sound = damaged.is_empty() && a.repeated_paths == 0 && a.orphan_quotes == 0;
            writeln!(
                out,
                "{}",
                if sound {
                    "index is sound"
                } else {
                    "index is NOT sound"
                }
            )
        }
        Err(e) => writeln!(
            out,
            "cannot count the index's documents: {e}\nindex is NOT sound"
        ),
    }
}
