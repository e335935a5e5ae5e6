//! The `morgue` binary: parse the command line, call the library, print through `output`, and
//! map the outcome to an exit code (0 all handled, 2 some files failed, 1 fatal or bad
//! arguments). A closed stdout (`morgue search x | head`) ends a command quietly with 0.

mod cli;
mod export;
mod output;
mod serve;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use cli::{Cli, ColorWhen, Command};
use morgue::article::QuoteKind;
use morgue::extract::stream::Record;
use morgue::extract::Articles;
use morgue::index::aggregate::{CountBy, CountRequest};
use morgue::index::browse::Counted;
use morgue::index::reader::{
    EntityKind, EntityRequest, Filters, QuoteRequest, SearchRequest, Sort,
};
use morgue::index::shards::Shards;
use morgue::index::Archive;
use morgue::ingest::IngestConfig;
use morgue::parse::ParseLimits;
use morgue::read::Limits;

// mimalloc: fewer instructions per allocation than glibc and no heap consolidation stalls in
// long runs; see Cargo.toml.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(usage) => {
            output::usage(&usage);
            return ExitCode::from(if usage.is_error { 1 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&e);
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let style = output::Style::stdout(match cli.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => output::use_color(&std::io::stdout()),
    });
    match cli.command {
        Command::Extract(args) => extract(args, &style),
        Command::Index(args) => index(args, &style),
        Command::Search(args) => search(args, &style),
        Command::Quotes(args) => quotes(args, &style),
        Command::Entities(args) => entities(args, &style),
        Command::Show(args) => show(args, &style),
        Command::Serve(args) => serve(args),
        Command::Audit(args) => audit(args),
        Command::Export(args) => export(args),
        Command::Completions(args) => {
            let mut out = Vec::new();
            cli::completions(args.shell, &mut out);
            std::io::stdout().lock().write_all(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man(_) => {
            let mut out = Vec::new();
            cli::man_page(&mut out)?;
            std::io::stdout().lock().write_all(&out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn audit(args: cli::AuditArgs) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.index.index)?;
    let damaged = archive.damaged_files();
    // The consistency counts need readable files; with damaged ones they may fail, and the
    // damaged files are the finding.
    let counts = morgue::index::reader::audit(&archive);
    let healthy = damaged.is_empty()
        && counts
            .as_ref()
            .is_ok_and(|a| a.repeated_paths == 0 && a.orphan_quotes == 0);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let counts = counts.map_err(|e| morgue::error::chain(&e));
    if args.json {
        output::audit_json(&mut out, &damaged, &counts)?;
    } else {
        output::audit_human(&mut out, &args.index.index, &damaged, &counts)?;
    }
    Ok(if healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn export(args: cli::ExportArgs) -> anyhow::Result<ExitCode> {
    let archive = Archive::open(&args.index.index)?;
    let written = export::run(&archive, args.to, &args.out)?;
    output::exported(&mut std::io::stdout().lock(), args.to, &args.out, &written)?;
    Ok(ExitCode::SUCCESS)
}

fn serve(args: cli::ServeArgs) -> anyhow::Result<ExitCode> {
    if !serve::is_loopback(&args.addr) {
        output::warning(&format!(
            "listening on {}, not a loopback address: anyone who can reach this machine can read the archive",
            args.addr
        ));
    }
    let server = serve::Server::bind(&args.index.index, args.addr)?;
    let shown: Vec<String> = args
        .index
        .index
        .iter()
        .map(|d| output::clean(&d.display().to_string()).into_owned())
        .collect();
    output::problem(&format!(
        "serving {} at http://{}/ (Ctrl-C to stop)",
        shown.join(" + "),
        server.addr()?
    ));
    server.run()?;
    Ok(ExitCode::SUCCESS)
}

fn index(args: cli::IndexArgs, style: &output::Style) -> anyhow::Result<ExitCode> {
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let mut args = args;
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() > 1 {
            anyhow::bail!("`-` reads the paths to index from stdin, one a line; give it alone");
        }
        args.paths = paths_from_stdin()?;
        if args.paths.is_empty() {
            anyhow::bail!("no paths on stdin; nothing was indexed");
        }
    }
    // A PATH that does not exist is a mistyped argument: refuse the run before an index is
    // created or changed (an existing folder that cannot be read is a per-file problem).
    for p in &args.paths {
        if let Err(e) = std::fs::metadata(p) {
            if e.kind() == std::io::ErrorKind::NotFound {
                anyhow::bail!(
                    "{}: no such file or folder; nothing was indexed",
                    output::clean(&p.display().to_string())
                );
            }
        }
    }
    let index_dir = args.index.index.clone();
    let enriched = args.enriched.take();
    let write_enriched = args.write_enriched.take();
    let config = IngestConfig {
        index_dir: args.index.index,
        paths: args.paths,
        threads,
        limits: Limits {
            max_bytes: args.max_file_size,
        },
        parse_limits: ParseLimits {
            max_depth: args.max_depth,
            date_from_path: args.date_from_path || !args.no_date_from_path,
        },
        enrich: !args.no_enrich,
        commit_every: args.commit_every,
        select: morgue::walk::Select::new(&args.include, &args.exclude)
            .map_err(anyhow::Error::msg)?,
    };
    let progress = output::Progress::new(std::io::stderr().is_terminal());
    let report = match &enriched {
        Some(source) => index_enriched(&config, source, write_enriched.as_deref(), &progress)?,
        None => morgue::ingest::run(&config, &progress)?,
    };
    progress.finish();
    if report.articles == 0 && report.files_seen > 0 {
        output::warning(&format!(
            "0 articles from {} files: none held an article morgue reads (see the lines above)",
            report.files_seen
        ));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::report_json(&mut out, &report)?;
    } else {
        output::report_human(&mut out, &report, &index_dir, style)?;
    }
    Ok(if report.has_failures() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `index --enriched FILE|-`: an index from enriched JSON Lines, each article also written to
/// `write_enriched` when given.
fn index_enriched(
    config: &IngestConfig,
    source: &std::path::Path,
    write_enriched: Option<&std::path::Path>,
    progress: &output::Progress,
) -> anyhow::Result<morgue::report::Report> {
    let mut tee_file = write_enriched
        .map(|path| {
            std::fs::File::create(path)
                .map(|f| (path, std::io::BufWriter::new(f)))
                .map_err(|e| {
                    anyhow::anyhow!(
                        "{}: cannot write: {e}; nothing was indexed",
                        output::clean(&path.display().to_string())
                    )
                })
        })
        .transpose()?;
    let tee = tee_file.as_mut().map(|(path, out)| morgue::ingest::Tee {
        path,
        out: out as &mut dyn std::io::Write,
    });
    if source.as_os_str() == "-" {
        // Read on a thread of its own: `Stdin` (not its lock, which stays on one thread).
        let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
        return Ok(morgue::ingest::run_enriched(
            config, "-", stdin, tee, progress,
        )?);
    }
    let shown = output::clean(&source.display().to_string()).into_owned();
    let file = std::fs::File::open(source)
        .map_err(|e| anyhow::anyhow!("{shown}: cannot read: {e}; nothing was indexed"))?;
    let input = std::io::BufReader::new(file);
    Ok(morgue::ingest::run_enriched(
        config, &shown, input, tee, progress,
    )?)
}

/// `index -`: the paths on stdin, one a line (as `find … | morgue index -` gives them); blank
/// lines are left out, and a trailing carriage return is not part of a path.
fn paths_from_stdin() -> anyhow::Result<Vec<std::path::PathBuf>> {
    use std::io::BufRead;
    let mut paths = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| anyhow::anyhow!("reading paths from stdin: {e}"))?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if !line.trim().is_empty() {
            paths.push(std::path::PathBuf::from(line));
        }
    }
    Ok(paths)
}

fn search(args: cli::SearchArgs, style: &output::Style) -> anyhow::Result<ExitCode> {
    let shards = Shards::open(&args.index.index)?;
    if args.query.is_empty() && !has_filters(&args.filters) {
        anyhow::bail!("give a query or a filter (--speaker, --org, --person, --place, --section, --since, --until); `*` matches everything");
    }
    let fields = fields(
        &args.fields,
        args.json,
        args.csv,
        output::SEARCH_JSON_FIELDS,
        output::SEARCH_CSV_FIELDS,
    )?;
    if let Some(by) = args.count_by {
        let req = CountRequest {
            query: args.query.join(" "),
            filters: filters(args.filters, args.no_collapse),
            of: Counted::Articles,
            quote_kind: None,
            by: count_by(by),
            limit: args.page.limit,
        };
        return print_counts(&shards, &req, args.json, args.csv, style);
    }
    let req = SearchRequest {
        query: args.query.join(" "),
        filters: filters(args.filters, args.no_collapse),
        limit: args.page.limit,
        offset: args.page.offset,
        sort: sort(args.page.sort),
        facets: args.facets,
        collapse: !args.no_collapse,
    };
    let result = morgue::index::shards::search(&shards, &req)?;
    if let Some(u) = result.undated.filter(|u| u.undated > 0) {
        output::warning(&format!(
            "{} of {} matching articles have no date; --since/--until leave them out",
            u.undated, u.matching
        ));
    }
    output::ambiguity_note(&req.filters, &result.ambiguous);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::search_json(&mut out, &result, fields.as_deref())?;
    } else if args.csv {
        output::search_csv(&mut out, &result, fields.as_deref())?;
    } else {
        output::search_human(&mut out, &result, &req, style)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--fields`, checked against the chosen format's fields; `None` when not given.
fn fields(
    given: &[String],
    json: bool,
    csv: bool,
    json_fields: &[&str],
    csv_fields: &[&str],
) -> anyhow::Result<Option<Vec<String>>> {
    if given.is_empty() {
        return Ok(None);
    }
    let valid = match (json, csv) {
        (true, _) => json_fields,
        (_, true) => csv_fields,
        _ => anyhow::bail!("--fields picks JSON keys or CSV columns: add --json or --csv"),
    };
    output::columns::check(given, valid).map_err(|e| anyhow::anyhow!(e))?;
    Ok(Some(given.to_vec()))
}

fn count_by(by: cli::CountByArg) -> CountBy {
    match by {
        cli::CountByArg::Speaker => CountBy::Speaker,
        cli::CountByArg::Person => CountBy::Person,
        cli::CountByArg::Org => CountBy::Org,
        cli::CountByArg::Place => CountBy::Place,
        cli::CountByArg::Section => CountBy::Section,
        cli::CountByArg::Month => CountBy::Month,
        cli::CountByArg::Year => CountBy::Year,
    }
}

/// `--count-by`: count every matching article or quote and print the table.
fn print_counts(
    shards: &Shards,
    req: &CountRequest,
    json: bool,
    csv: bool,
    style: &output::Style,
) -> anyhow::Result<ExitCode> {
    let counts = morgue::index::shards::aggregate::count_by(shards, req)?;
    output::ambiguity_note(&req.filters, &counts.ambiguous);
    let what = output::Counted {
        of: match req.of {
            Counted::Articles => "articles",
            Counted::Quotes => "quotes",
        },
        by: req.by.as_str(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        output::counts_json(&mut out, &counts, &what)?;
    } else if csv {
        output::counts_csv(&mut out, &counts, &what)?;
    } else {
        output::counts_human(&mut out, &counts, &what, style)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn has_filters(f: &cli::FilterArgs) -> bool {
    [&f.speaker, &f.org, &f.person, &f.place, &f.section, &f.lang]
        .iter()
        .any(|o| o.is_some())
        || f.since.is_some()
        || f.until.is_some()
}

/// The filters of a command; `every_copy` from its `--no-collapse` (a quote repeated by wire
/// copies counts and lists once otherwise).
fn filters(f: cli::FilterArgs, every_copy: bool) -> Filters {
    Filters {
        speaker: f.speaker,
        org: f.org,
        person: f.person,
        place: f.place,
        section: f.section,
        lang: f.lang,
        since: f.since.map(cli::DateArg::first_day),
        until: f.until.map(cli::DateArg::last_day),
        loose: f.loose,
        every_copy,
    }
}

fn sort(s: cli::SortBy) -> Sort {
    match s {
        cli::SortBy::Relevance => Sort::Relevance,
        cli::SortBy::Date => Sort::Date,
    }
}

fn quotes(args: cli::QuotesArgs, style: &output::Style) -> anyhow::Result<ExitCode> {
    let shards = Shards::open(&args.index.index)?;
    let fields = fields(
        &args.fields,
        args.json,
        args.csv,
        output::QUOTES_JSON_FIELDS,
        output::QUOTES_CSV_FIELDS,
    )?;
    let kind = args.kind.map(|k| match k {
        cli::QuoteKindArg::Direct => QuoteKind::Direct,
        cli::QuoteKindArg::Indirect => QuoteKind::Indirect,
    });
    if let Some(by) = args.count_by {
        let req = CountRequest {
            query: args.query.join(" "),
            filters: filters(args.filters, args.no_collapse),
            of: Counted::Quotes,
            quote_kind: kind,
            by: count_by(by),
            limit: args.page.limit,
        };
        return print_counts(&shards, &req, args.json, args.csv, style);
    }
    let req = QuoteRequest {
        query: args.query.join(" "),
        filters: filters(args.filters, args.no_collapse),
        kind,
        limit: args.page.limit,
        offset: args.page.offset,
        sort: sort(args.page.sort),
    };
    let result = morgue::index::shards::search_quotes(&shards, &req)?;
    output::ambiguity_note(&req.filters, &result.ambiguous);
    output::left_out_note(result.also.as_ref());
    let facets = if args.facets {
        let lists = morgue::index::shards::aggregate::quote_facets(
            &shards,
            &req.query,
            &req.filters,
            kind,
            &output::QuoteFacets::KINDS,
            QUOTE_FACET_TOP,
        )?;
        Some(output::QuoteFacets::from_lists(lists))
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::quotes_json(&mut out, &result, facets.as_ref(), fields.as_deref())?;
    } else if args.csv {
        output::quotes_csv(&mut out, &result, fields.as_deref())?;
    } else {
        output::quotes_human(&mut out, &result, req.offset, style)?;
        if let Some(f) = &facets {
            output::quote_facets_human(&mut out, f, style)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How many values each list of `quotes --facets` shows (as `search --facets`).
pub(crate) const QUOTE_FACET_TOP: usize = 10;

fn entities(args: cli::EntitiesArgs, style: &output::Style) -> anyhow::Result<ExitCode> {
    let shards = Shards::open(&args.index.index)?;
    let fields = fields(
        &args.fields,
        args.json,
        args.csv,
        output::ENTITIES_JSON_FIELDS,
        output::ENTITIES_CSV_FIELDS,
    )?;
    let kinds = args
        .kind
        .iter()
        .map(|k| match k {
            cli::KindArg::Person => EntityKind::Person,
            cli::KindArg::Org => EntityKind::Org,
            cli::KindArg::Place => EntityKind::Place,
            cli::KindArg::Misc => EntityKind::Misc,
        })
        .collect();
    let req = EntityRequest {
        query: args.query.join(" "),
        filters: filters(args.filters, args.no_collapse),
        kinds,
        top: args.limit,
    };
    let result = morgue::index::shards::entities(&shards, &req)?;
    output::ambiguity_note(&req.filters, &result.ambiguous);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::entities_json(&mut out, &result, fields.as_deref())?;
    } else if args.csv {
        output::entities_csv(&mut out, &result, fields.as_deref())?;
    } else {
        output::entities_human(&mut out, &result, style)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `morgue show ID|PATH`: one stored article, enriched again, with its duplicates.
fn show(args: cli::ShowArgs, style: &output::Style) -> anyhow::Result<ExitCode> {
    use morgue::index::browse::ArticleKey;
    use morgue::index::shards::browse;
    let archive = Shards::open(&args.index.index)?;
    let wanted = args.article.trim();
    let is_id = wanted.len() == 16 && wanted.bytes().all(|b| b.is_ascii_hexdigit());
    let stored = if is_id {
        browse::article(&archive, ArticleKey::Id(&wanted.to_ascii_lowercase()))?
    } else {
        None
    };
    let stored = match stored {
        Some(a) => Some(a),
        // Paths are stored absolute and canonical; a record keeps its `#N` after the file.
        None => match stored_path(wanted) {
            Some(path) => browse::article(&archive, ArticleKey::Path(&path))?,
            None => None,
        },
    };
    let Some(stored) = stored else {
        anyhow::bail!(
            "{}: no article with this id or path in {} (ids are in `morgue search --json`)",
            output::clean(wanted),
            args.index
                .index
                .iter()
                .map(|d| output::clean(&d.display().to_string()).into_owned())
                .collect::<Vec<_>>()
                .join(" + ")
        );
    };
    let duplicates = browse::duplicates(&archive, &stored.id, &stored.path)?;
    let article = stored.into_article();
    let enrichment = morgue::enrich::enrich(&article);
    let a = morgue::article::EnrichedArticle {
        article,
        enrichment,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        output::show_json(&mut out, &a, &duplicates)?;
    } else {
        output::show_human(&mut out, &a, &duplicates, style)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A path as the index stores it: absolute and canonical, a record's `#N` kept after the
/// file. `None` when no such file exists.
fn stored_path(given: &str) -> Option<String> {
    let canonical = |p: &str| {
        std::fs::canonicalize(p)
            .ok()
            .and_then(|p| p.to_str().map(String::from))
    };
    if let Some(p) = canonical(given) {
        return Some(p);
    }
    let (file, record) = given.rsplit_once('#')?;
    record.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
    Some(format!("{}#{record}", canonical(file)?))
}

/// Files whose articles `extract` enriches together.
const EXTRACT_BATCH: usize = 32;
/// Articles of a streamed JSON Lines file enriched together.
const STREAM_BATCH: usize = 256;

fn extract(args: cli::ExtractArgs, style: &output::Style) -> anyhow::Result<ExitCode> {
    let stdin = args.files.iter().any(|f| f.as_os_str() == "-");
    if stdin && args.files.len() > 1 {
        anyhow::bail!("`-` reads JSON Lines articles from stdin; give it alone, without files");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    // What one file (or stdin) gave: its problems on stderr, its articles kept.
    let mut take = |shown: &str,
                    result: Result<morgue::parse::Parsed, morgue::Rejection>,
                    articles: &mut Vec<morgue::Article>| match result {
        Ok(parsed) => {
            for p in &parsed.problems {
                output::problem(&format!("{shown}: {}", output::clean(p)));
                failed = true;
            }
            if parsed.skipped_records > 0 {
                output::problem(&format!(
                    "{shown}: {} records were not articles (WARC requests, metadata, non-HTML responses)",
                    parsed.skipped_records
                ));
            }
            articles.extend(parsed.articles);
        }
        Err(r) => {
            output::problem(&format!("{shown}: {}", output::clean(&r.reason)));
            // As for `index`: a file that is not an article (skipped) is no failure.
            failed |= r.kind == morgue::error::RejectionKind::Failed;
        }
    };
    let mut emit = |articles: Vec<morgue::Article>| -> std::io::Result<()> {
        let enriched = if args.no_enrich {
            vec![Default::default(); articles.len()]
        } else {
            morgue::enrich::enrich_batch(&articles)
        };
        for (article, enrichment) in articles.into_iter().zip(enriched) {
            let a = morgue::article::EnrichedArticle {
                article,
                enrichment,
            };
            if args.jsonl && args.no_enrich {
                morgue::enriched::write_unenriched_line(&mut out, &a)?;
            } else if args.jsonl {
                morgue::enriched::write_line(&mut out, &a)?;
            } else if args.json {
                output::extract_json(&mut out, &a)?;
            } else if args.explain {
                output::extract_explain(&mut out, &a, style)?;
            } else {
                output::extract_human(&mut out, &a, style)?;
            }
        }
        Ok(())
    };
    if stdin && args.jsonl {
        let counts = morgue::enriched::extract_stream(
            std::io::stdin().lock(),
            args.origin.as_deref().unwrap_or("-"),
            "",
            Limits::default(),
            ParseLimits::default(),
            !args.no_enrich,
            &mut out,
        )?;
        return Ok(if counts.errors > 0 {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        });
    }
    if stdin {
        let mut articles = Vec::new();
        let parsed = morgue::extract::read_jsonl(
            std::io::stdin().lock(),
            Limits::default(),
            ParseLimits::default(),
        );
        take("stdin", parsed, &mut articles);
        // Enriched a batch at a time, as files are.
        while !articles.is_empty() {
            let rest = articles.split_off(articles.len().min(EXTRACT_BATCH));
            emit(std::mem::replace(&mut articles, rest))?;
        }
    }
    // Files are read a batch at a time and their articles enriched together (see
    // `enrich_batch`); the output keeps the files' order.
    // `--jsonl` walks folders as `index` does (absolute paths, sections), so its lines index
    // as the files would; otherwise the files are read as given.
    type Input = (std::path::PathBuf, String, Option<morgue::Rejection>);
    let inputs: Vec<Input> = if args.jsonl && !stdin {
        let (roots, missing) = morgue::walk::resolve_roots(&args.files);
        for (path, reason) in missing {
            let shown = morgue::extract::one_line(&path.display().to_string());
            take(
                &shown,
                Err(morgue::Rejection::failed(reason)),
                &mut Vec::new(),
            );
        }
        let mut found = Vec::new();
        morgue::walk::walk(&roots, None, |c| {
            found.push((c.path, c.section, c.rejection));
            true
        });
        found
    } else if stdin {
        Vec::new()
    } else {
        let given = args.files.iter();
        given.map(|f| (f.clone(), String::new(), None)).collect()
    };
    for batch in inputs.chunks(EXTRACT_BATCH) {
        let mut articles = Vec::new();
        for (path, section, rejection) in batch {
            let shown = morgue::extract::one_line(&path.display().to_string());
            let opened = match rejection {
                Some(r) => Err(r.clone()),
                None => morgue::extract::open_articles(
                    path,
                    section,
                    Limits::default(),
                    ParseLimits::default(),
                ),
            };
            match opened {
                Ok(Articles::Stream(records)) => {
                    // A JSON Lines file over the cap: its lines in batches, in order, after
                    // the files before it.
                    emit(std::mem::take(&mut articles))?;
                    let mut part = morgue::parse::Parsed::default();
                    let mut bad = 0;
                    for record in records {
                        match record {
                            Record::Article(a) => part.articles.push(*a),
                            Record::Problem(p) => {
                                bad += 1;
                                if bad <= morgue::parse::MAX_PROBLEMS {
                                    part.problems.push(p);
                                }
                            }
                        }
                        if part.articles.len() >= STREAM_BATCH {
                            take(&shown, Ok(std::mem::take(&mut part)), &mut articles);
                            emit(std::mem::take(&mut articles))?;
                        }
                    }
                    if let Some(more) = bad.checked_sub(morgue::parse::MAX_PROBLEMS) {
                        if more > 0 {
                            part.problems.push(format!("and {more} more not listed"));
                        }
                    }
                    take(&shown, Ok(part), &mut articles);
                }
                Ok(Articles::Whole(parsed)) => take(&shown, Ok(parsed), &mut articles),
                Err(r) => take(&shown, Err(r), &mut articles),
            }
        }
        emit(articles)?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
