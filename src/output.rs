//! All printing: human and JSON renderings of extract results, run reports and search hits.
//! Nothing else in the binary writes to stdout.

use std::io::{self, Write};

use serde::Serialize;

use morgue::article::{EnrichedArticle, Entity, Quote, QuoteKind};

/// The DESIGN.md shape of one `extract --json` line.
#[derive(Serialize)]
struct ExtractJson<'a> {
    path: &'a str,
    title: &'a str,
    body: &'a str,
    date: Option<&'a str>,
    section: &'a str,
    entities: Vec<WithId<'a, Entity>>,
    quotes: Vec<WithSpeakerId<'a>>,
}

/// An entity with its identity id (`morgue::identity`).
#[derive(Serialize)]
struct WithId<'a, T> {
    #[serde(flatten)]
    item: &'a T,
    id: String,
}

/// A quote with its speaker's identity id.
#[derive(Serialize)]
struct WithSpeakerId<'a> {
    #[serde(flatten)]
    quote: &'a Quote,
    speaker_id: Option<String>,
}

pub fn extract_json(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    let line = ExtractJson {
        path: &a.article.path,
        title: &a.article.title,
        body: &a.article.body,
        date: a.article.date.as_deref(),
        section: &a.article.section,
        entities: a
            .enrichment
            .entities
            .iter()
            .map(|e| WithId {
                item: e,
                id: morgue::identity::entity_id(e),
            })
            .collect(),
        quotes: a
            .enrichment
            .quotes
            .iter()
            .map(|q| WithSpeakerId {
                quote: q,
                speaker_id: morgue::identity::speaker_id(
                    q.speaker.as_deref(),
                    &a.enrichment.entities,
                ),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}

pub fn extract_human(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    let art = &a.article;
    writeln!(out, "{}", art.path)?;
    writeln!(out, "  title:  {}", art.title)?;
    if let Some(d) = &art.date {
        writeln!(out, "  date:   {d}")?;
    }
    let words = art.body.split_whitespace().count();
    writeln!(out, "  body:   {words} words")?;
    for e in &a.enrichment.entities {
        writeln!(
            out,
            "  {:<4} {} → {}",
            e.label.as_str(),
            e.text,
            e.canonical
        )?;
    }
    for q in &a.enrichment.quotes {
        let who = q.speaker.as_deref().unwrap_or("(unknown)");
        match q.kind {
            QuoteKind::Direct => writeln!(out, "  “{}” — {}", q.text, who)?,
            QuoteKind::Indirect => writeln!(out, "  (reported) {} — {}", q.text, who)?,
        }
    }
    Ok(())
}

/// A warning on stderr: the run worked, but its result may not be what was meant.
pub fn warning(msg: &str) {
    eprintln!("morgue: warning: {msg}");
}

/// `extract --explain`: each quote with the sentence it was read from and the decision.
pub fn extract_explain(out: &mut impl Write, a: &EnrichedArticle) -> io::Result<()> {
    let art = &a.article;
    writeln!(out, "{}", art.path)?;
    for (i, q) in a.enrichment.quotes.iter().enumerate() {
        let x = morgue::extract::explain(art.field(q.field), q);
        writeln!(
            out,
            "  [{}] {} {} {}..{}",
            i + 1,
            q.kind.as_str(),
            match q.field {
                morgue::article::Field::Title => "title",
                morgue::article::Field::Body => "body",
            },
            q.start,
            q.end
        )?;
        writeln!(out, "      sentence: {}", x.sentence)?;
        writeln!(out, "      decision: {}", x.decision)?;
    }
    Ok(())
}

/// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
pub fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const HIGHLIGHT: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// The progress bar on stderr (files, articles/s, MB/s, ETA) and problem lines printed above
/// it. Hidden entirely when stderr is not a terminal; problem lines are printed either way.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    articles: std::sync::atomic::AtomicU64,
    bytes: std::sync::atomic::AtomicU64,
    started: std::time::Instant,
}

impl Progress {
    pub fn new(visible: bool) -> Progress {
        let bar = visible.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(0),
                indicatif::ProgressDrawTarget::stderr(),
            );
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            articles: Default::default(),
            bytes: Default::default(),
            started: std::time::Instant::now(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl morgue::ingest::Observer for Progress {
    fn discovered(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(n);
        }
    }

    fn file_done(&self, bytes: u64, articles: u64) {
        use std::sync::atomic::Ordering;
        let total = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        let read = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if let Some(bar) = &self.bar {
            bar.inc(1);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{total} articles  {:.0} articles/s  {:.1} MB/s",
                total as f64 / secs,
                read as f64 / 1e6 / secs
            ));
        }
    }

    fn problem(&self, p: &morgue::report::Problem) {
        let kind = match p.kind {
            morgue::RejectionKind::Skipped => "skipped",
            morgue::RejectionKind::Failed => "failed",
        };
        // A file name may hold a newline; escape it so every problem stays on one line.
        let path = morgue::extract::one_line(&p.path.display().to_string());
        let line = format!("morgue: {kind}: {path}: {}", p.reason);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

pub fn report_json(out: &mut impl Write, r: &morgue::report::Report) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    writeln!(out)
}

pub fn report_human(out: &mut impl Write, r: &morgue::report::Report) -> io::Result<()> {
    let mb = r.bytes as f64 / 1e6;
    let secs = r.seconds.max(1e-6);
    writeln!(
        out,
        "{} files: {} articles ({} new, {} updated, {} unchanged, {} duplicates), {} removed, {} skipped, {} failed",
        r.files_seen, r.articles, r.indexed, r.updated, r.unchanged, r.duplicates, r.removed, r.skipped, r.failed
    )?;
    writeln!(
        out,
        "{} entity mentions, {} quotes; {:.1} s ({:.0} articles/s, {:.1} MB/s)",
        r.entities,
        r.quotes,
        r.seconds,
        r.articles as f64 / secs,
        mb / secs
    )
}

/// The DESIGN.md shape of `search --json`.
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
    eprintln!(
        "morgue: {value} could mean {}; give a full name",
        people.join(", ")
    );
}

pub fn search_json(
    out: &mut impl Write,
    r: &morgue::index::reader::SearchResult,
) -> io::Result<()> {
    let hits: Vec<serde_json::Value> = r
        .hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "id": h.id, "path": h.path, "title": h.title, "date": h.date, "section": h.section,
                "score": h.score, "snippet": h.snippet.text, "highlights": h.snippet.highlights,
                "persons": h.persons, "orgs": h.orgs, "places": h.places, "speakers": h.speakers,
                "duplicates": h.duplicates,
            })
        })
        .collect();
    let facets = match &r.facets {
        Some(f) => {
            let obj = |v: &[(String, u64)]| {
                serde_json::Value::Object(v.iter().map(|(k, n)| (k.clone(), (*n).into())).collect())
            };
            serde_json::json!({
                "persons": obj(&f.persons), "orgs": obj(&f.orgs), "places": obj(&f.places),
                "speakers": obj(&f.speakers), "sections": obj(&f.sections),
            })
        }
        None => serde_json::json!({}),
    };
    let mut obj = serde_json::json!({"total": r.total, "hits": hits, "facets": facets});
    with_ambiguous(&mut obj, &r.ambiguous);
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

/// How many duplicate paths a human listing shows before saying how many more there are.
const SHOWN_DUPLICATES: usize = 3;

/// The first few paths, comma-separated, and a count of the rest.
fn shown_paths(paths: &[String]) -> String {
    let mut s = paths[..paths.len().min(SHOWN_DUPLICATES)].join(", ");
    if paths.len() > SHOWN_DUPLICATES {
        s.push_str(&format!(" and {} more", paths.len() - SHOWN_DUPLICATES));
    }
    s
}

/// Text with the given byte ranges marked: ANSI colour on a terminal, `[…]` otherwise.
fn highlight(text: &str, ranges: &[std::ops::Range<usize>], color: bool) -> String {
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
        s.push_str(&text[at..r.start]);
        s.push_str(open);
        s.push_str(&text[r.start..r.end]);
        s.push_str(close);
        at = r.end;
    }
    s.push_str(&text[at..]);
    s.replace(['\n', '\r'], " ")
}

pub fn search_human(
    out: &mut impl Write,
    r: &morgue::index::reader::SearchResult,
    req: &morgue::index::reader::SearchRequest,
    color: bool,
) -> io::Result<()> {
    let (b, d, x) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    for (i, h) in r.hits.iter().enumerate() {
        let meta: Vec<&str> = [
            h.date.as_deref(),
            Some(h.section.as_str()).filter(|s| !s.is_empty()),
        ]
        .into_iter()
        .flatten()
        .collect();
        writeln!(
            out,
            "{:>3}. {b}{}{x}  {d}{}{x}",
            req.offset + i + 1,
            h.title,
            meta.join(" · ")
        )?;
        writeln!(out, "     {d}{}  score {:.2}{x}", h.path, h.score)?;
        if !h.duplicates.is_empty() {
            writeln!(out, "     {d}also at: {}{x}", shown_paths(&h.duplicates))?;
        }
        writeln!(
            out,
            "     {}",
            highlight(&h.snippet.text, &h.snippet.highlights, color)
        )?;
        if !h.persons.is_empty() || !h.orgs.is_empty() {
            let names: Vec<&str> = h
                .persons
                .iter()
                .chain(&h.orgs)
                .map(String::as_str)
                .take(8)
                .collect();
            writeln!(out, "     {d}{}{x}", names.join(", "))?;
        }
    }
    if let Some(f) = &r.facets {
        for (name, values) in [
            ("persons", &f.persons),
            ("orgs", &f.orgs),
            ("places", &f.places),
            ("speakers", &f.speakers),
            ("sections", &f.sections),
        ] {
            if values.is_empty() {
                continue;
            }
            let list: Vec<String> = values.iter().map(|(k, n)| format!("{k} ({n})")).collect();
            writeln!(out, "{b}{name}:{x} {}", list.join(", "))?;
        }
    }
    let shown = r.hits.len();
    let from = if shown == 0 { 0 } else { req.offset + 1 };
    writeln!(
        out,
        "{d}{} matching articles; showing {}–{} ({:.0} ms){x}",
        r.total,
        from,
        req.offset + shown,
        r.seconds * 1000.0
    )
}

pub fn quotes_json(out: &mut impl Write, r: &morgue::index::reader::QuoteResult) -> io::Result<()> {
    let hits: Vec<serde_json::Value> = r
        .hits
        .iter()
        .map(|h| {
            serde_json::json!({
                "speaker": h.speaker, "speaker_id": h.speaker_id, "text": h.text, "kind": h.kind, "cue": h.cue, "how": h.how, "path": h.path, "title": h.title,
                "date": h.date, "section": h.section, "score": h.score, "highlights": h.highlights,
            })
        })
        .collect();
    let mut obj = serde_json::json!({"total": r.total, "hits": hits});
    with_ambiguous(&mut obj, &r.ambiguous);
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

pub fn quotes_csv(out: &mut impl Write, r: &morgue::index::reader::QuoteResult) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["speaker", "quote", "cue", "date", "title", "path", "kind"])?;
    for h in &r.hits {
        w.write_record([
            h.speaker.as_deref().unwrap_or(""),
            &h.text,
            h.cue.as_deref().unwrap_or(""),
            h.date.as_deref().unwrap_or(""),
            &h.title,
            &h.path,
            h.kind.as_str(),
        ])?;
    }
    w.flush()
}

pub fn quotes_human(
    out: &mut impl Write,
    r: &morgue::index::reader::QuoteResult,
    offset: usize,
    color: bool,
) -> io::Result<()> {
    let (b, d, x) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    for (i, h) in r.hits.iter().enumerate() {
        let who = h.speaker.as_deref().unwrap_or("(unknown speaker)");
        let cue = h
            .cue
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let text = highlight(&h.text, &h.highlights, color);
        if h.kind == QuoteKind::Indirect {
            // Reported speech is the writer's words, not the speaker's: no quote marks.
            writeln!(
                out,
                "{:>3}. {b}{who}{x}{d}{cue} · reported{x}",
                offset + i + 1
            )?;
            writeln!(out, "     {text}")?;
        } else {
            writeln!(out, "{:>3}. {b}{who}{x}{d}{cue}{x}", offset + i + 1)?;
            writeln!(out, "     “{text}”")?;
        }
        let meta: Vec<&str> = [h.date.as_deref(), Some(h.title.as_str())]
            .into_iter()
            .flatten()
            .collect();
        writeln!(out, "     {d}{} — {}{x}", meta.join(" · "), h.path)?;
    }
    let from = if r.hits.is_empty() { 0 } else { offset + 1 };
    writeln!(
        out,
        "{d}{} matching quotes; showing {}–{} ({:.0} ms){x}",
        r.total,
        from,
        offset + r.hits.len(),
        r.seconds * 1000.0
    )
}

pub fn entities_json(
    out: &mut impl Write,
    r: &morgue::index::reader::EntityResult,
) -> io::Result<()> {
    let mut obj = serde_json::json!({"total": r.total, "entities": r.entities});
    with_ambiguous(&mut obj, &r.ambiguous);
    serde_json::to_writer(&mut *out, &obj)?;
    writeln!(out)
}

pub fn entities_human(
    out: &mut impl Write,
    r: &morgue::index::reader::EntityResult,
    color: bool,
) -> io::Result<()> {
    let (b, d, x) = if color {
        (BOLD, DIM, RESET)
    } else {
        ("", "", "")
    };
    let width = r
        .entities
        .iter()
        .map(|e| e.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    writeln!(
        out,
        "{d}{:>4}  {:<width$}  {:<6}  {:>8}  {:>6}  aliases{x}",
        "#", "name", "kind", "articles", "quotes"
    )?;
    for (i, e) in r.entities.iter().enumerate() {
        writeln!(
            out,
            "{:>4}  {b}{:<width$}{x}  {:<6}  {:>8}  {:>6}  {d}{}{x}",
            i + 1,
            e.name,
            e.kind,
            e.articles,
            e.quotes,
            e.aliases.join(", ")
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
