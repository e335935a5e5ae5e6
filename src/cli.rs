//! Command-line types (clap). The only file that imports clap; `main.rs` turns these into the
//! library's config types once, so the library never sees clap. Values are validated here, at
//! parse time, so a bad one is refused with a message naming its flag: dates, page sizes.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use morgue::index::holds_index;

#[derive(Debug, Parser)]
#[command(
    name = "morgue",
    version,
    about = "A searchable archive of news articles that knows who is mentioned, who is quoted and what they said.",
    after_help = "Examples:
  morgue index ~/news                       build or update ./morgue-index from a folder
  morgue search 'nato russia' --since 2016  articles with both words, from 2016 on
  morgue quotes --speaker peskov            what one person said
  morgue entities --kind person -n 20       the 20 most mentioned people

Exit codes: 0 done, 1 error (bad arguments, no index, bad query), 2 some files failed.
The index folder is --index, else $MORGUE_INDEX, else ./morgue-index."
)]
pub struct Cli {
    /// Colour in human output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true, value_name = "WHEN")]
    pub color: ColorWhen,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or re-index) folders and files of articles.
    Index(IndexArgs),
    /// Full-text search over the indexed articles.
    Search(SearchArgs),
    /// Find quotes: what was said, by whom, where.
    Quotes(QuotesArgs),
    /// The most mentioned people, organisations and places (in the articles matching a query).
    Entities(EntitiesArgs),
    /// One indexed article by its id or path: its text, names, quotes and duplicates.
    Show(ShowArgs),
    /// Print the parsed and enriched article(s) of files, without indexing.
    Extract(ExtractArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    Man(ManArgs),
    /// Check an index: every file against its checksum, no article held twice, no quote
    /// without its article. Exits 1 when something is wrong.
    Audit(AuditArgs),
    /// Browse the archive in a web browser (read-only; follows a running `morgue index`).
    Serve(ServeArgs),
    /// Write the index's articles and quotes, with index configurations, for a distributed
    /// search engine (Quickwit, Elasticsearch or OpenSearch) to ingest.
    Export(ExportArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue export --to quickwit out/        articles.ndjson, quotes.ndjson and their index configs
  morgue export --to elasticsearch out/   mappings and _bulk files of at most 50 MB each

Then (the commands are printed too):
  quickwit index create --index-config out/articles.index.yaml
  quickwit index ingest --index morgue-articles --input-path out/articles.ndjson
  curl -XPUT localhost:9200/morgue-articles -H 'Content-Type: application/json' -d @out/articles.mapping.json
  curl -XPOST localhost:9200/_bulk -H 'Content-Type: application/x-ndjson' --data-binary @out/articles.bulk-0001.ndjson")]
pub struct ExportArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    /// The engine whose files to write.
    #[arg(long, value_enum, value_name = "ENGINE")]
    pub to: Engine,
    /// Folder to write into (created if missing; files of the same names are replaced).
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
}

/// A search engine `morgue export` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Engine {
    /// Quickwit: index configs (YAML) and one JSON Lines file per index.
    Quickwit,
    /// Elasticsearch or OpenSearch: mappings (JSON) and `_bulk` files.
    Elasticsearch,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue audit                        check ./morgue-index
  morgue audit --index /data/ix --json  the findings as JSON")]
pub struct AuditArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    /// Print the findings as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The error or help text clap produced for the command line, rendered both plain and with
/// colour; the binary prints it (only `output` prints) and picks the exit code.
pub struct Usage {
    pub plain: String,
    pub ansi: String,
    /// An error (exit 1, stderr) rather than `--help`/`--version` (exit 0, stdout).
    pub is_error: bool,
}

/// Parse the process arguments. Bad arguments are an error value, not clap's own exit (which
/// uses code 2, morgue's "some files failed").
pub fn parse() -> Result<Cli, Usage> {
    let mut cli = Cli::try_parse().map_err(|e| {
        let styled = e.render();
        let ansi = styled.ansi().to_string();
        Usage {
            plain: styled.to_string(),
            ansi,
            is_error: e.use_stderr(),
        }
    })?;
    match &mut cli.command {
        Command::Search(a) => absorb_globbed_indexes(&mut a.index.index, &mut a.query),
        Command::Quotes(a) => absorb_globbed_indexes(&mut a.index.index, &mut a.query),
        Command::Entities(a) => absorb_globbed_indexes(&mut a.index.index, &mut a.query),
        _ => {}
    }
    Ok(cli)
}

/// `--index shards/*` is how a shell user names a Spark job's shards, but the glob gives
/// `--index` only its first folder and leaves the others as the first words of the query,
/// which then looks for their paths and finds nothing, without an error. Leading query words
/// that name a folder holding a morgue index are therefore taken as more `--index` folders:
/// no query word that is such a folder could have been meant as words to find.
fn absorb_globbed_indexes(index: &mut Vec<PathBuf>, query: &mut Vec<String>) {
    let folders = query
        .iter()
        .take_while(|w| holds_index(std::path::Path::new(w)))
        .count();
    if folders == 0 {
        return;
    }
    // `morgue search shards/a shards/b QUERY`, no `--index`: the default folder was not meant.
    if index.len() == 1
        && index[0] == std::path::Path::new(DEFAULT_INDEX)
        && !holds_index(&index[0])
    {
        index.clear();
    }
    index.extend(query.drain(..folders).map(PathBuf::from));
}

/// Write the completion script for `shell` (clap_complete) to `out`.
pub fn completions(shell: Shell, out: &mut dyn std::io::Write) {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Elvish => clap_complete::Shell::Elvish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut Cli::command(), "morgue", out);
}

/// Write the man page (clap_mangen) to `out`.
pub fn man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}

/// The index folder when neither `--index` nor `MORGUE_INDEX` names one.
pub const DEFAULT_INDEX: &str = "morgue-index";

#[derive(Debug, Args)]
pub struct IndexOpt {
    /// Index folder.
    #[arg(
        long,
        env = "MORGUE_INDEX",
        default_value = DEFAULT_INDEX,
        value_name = "DIR"
    )]
    pub index: PathBuf,
}

/// The index (or indexes) a query command reads.
#[derive(Debug, Args)]
pub struct IndexesOpt {
    /// Index folder; give it several times (or a folder whose subfolders are indexes, such as
    /// a Spark job's `shards/`) to search the indexes as one.
    #[arg(
        long,
        env = "MORGUE_INDEX",
        default_value = DEFAULT_INDEX,
        value_name = "DIR"
    )]
    pub index: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue index ~/news                      index a folder (again: only changed files are read)
  morgue index --index /data/ix a/ b.jsonl several paths into one index
  morgue index --no-enrich ~/news          plain full-text index, no entities or quotes
  morgue index --include '*.sgm' --exclude 'drafts' ~/news   only some files
  morgue index --json ~/news | jq .failed  the run summary as JSON
  find ~/news -name '*.html' | morgue index -  the paths listed on stdin
  morgue index --enriched enriched.jsonl   lines of `morgue extract --jsonl`, not enriched again

A file that cannot be used is one line on stderr (skipped: not an article; failed: unreadable or
malformed) and the run goes on; exit code 2 when some file failed.")]
pub struct IndexArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    /// Worker threads for reading, parsing and enrichment, 1 to 256 (at most 4 per core are
    /// used) [default: all cores].
    #[arg(short = 'j', long, value_name = "N", value_parser = threads)]
    pub threads: Option<usize>,
    /// Print the run summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Largest file read, in bytes (after gzip decompression); larger files are skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_file_size: u64,
    /// Deepest JSON nesting accepted (JSON stops at 127 whatever the value, serde_json's own
    /// limit); HTML may nest four times as deep.
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub max_depth: usize,
    /// Date articles that carry no date from their path: an ISO date in a file or folder name
    /// (`breitbart_2015-11-11_x.txt`) or `YYYY/MM/DD` folders (the default).
    #[arg(long, overrides_with = "no_date_from_path")]
    pub date_from_path: bool,
    /// Never take dates from paths.
    #[arg(long, overrides_with = "date_from_path")]
    pub no_date_from_path: bool,
    /// Only look at files matching this glob (repeatable): `*.txt`, `2016/**`. A glob without
    /// `/` matches file names; with `/`, paths relative to the PATH given.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Leave out files and folders matching this glob (repeatable): `drafts`, `*.bak`. What a
    /// glob leaves out is neither read nor removed from the index.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Build a plain full-text index: skip entity and quote extraction.
    #[arg(long)]
    pub no_enrich: bool,
    /// Commit after this many articles (smaller: less work lost on a crash, slower runs).
    #[arg(long, value_name = "N", default_value_t = morgue::ingest::DEFAULT_COMMIT_EVERY)]
    pub commit_every: u64,
    /// Index enriched JSON Lines (`morgue extract --jsonl`'s output; `-` reads stdin) as they
    /// are, without enriching again.
    /// Lines written before enrichment (`extract --jsonl --no-enrich`) are enriched here.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "no_enrich"])]
    pub enriched: Option<PathBuf>,
    /// With `--enriched`: also write every article, enriched, as a line to FILE (what
    /// `extract --jsonl` would print for it).
    #[arg(long, value_name = "FILE", requires = "enriched")]
    pub write_enriched: Option<PathBuf>,
    /// Files and folders to index (.txt, .json, .jsonl, .html, .sgm, .xml, .warc, and those
    /// gzipped); `-` reads the paths from stdin, one a line.
    #[arg(required_unless_present = "enriched", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortBy {
    /// Best match first.
    Relevance,
    /// Newest first.
    Date,
}

/// Filters shared by `search`, `quotes` and `entities`; names match on any of their words.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only quotes by / articles quoting this speaker.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only articles mentioning (quotes: speakers belonging to) this organisation.
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// Only articles mentioning this person.
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
    /// Only articles mentioning this place.
    #[arg(long, value_name = "NAME")]
    pub place: Option<String>,
    /// Only this section (the folder below the indexed root, e.g. `sport`).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    /// Only articles in this language (ISO 639-1 code: de, fr, ru…), as given by the file or
    /// identified from the text; articles too short to tell are in none.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Published on or after this date: YYYY, YYYY-MM or YYYY-MM-DD (from its first day).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub since: Option<DateArg>,
    /// Published on or before this date: YYYY, YYYY-MM or YYYY-MM-DD (to its last day).
    #[arg(long, value_name = "DATE", value_parser = date_arg)]
    pub until: Option<DateArg>,
    /// Match a full --speaker/--person name archive-wide: also in articles that give only the
    /// surname ("Obama" where the archive makes it Barack Obama), not only as each article names.
    #[arg(long)]
    pub loose: bool,
}

/// The most results one page may ask for: a page is held in memory, so a huge `--limit` would
/// allocate without bound (and `--limit 18446744073709551615` used to panic).
pub const MAX_LIMIT: usize = 100_000;
/// The deepest `--offset`: the top `offset + limit` results are ranked in memory.
pub const MAX_OFFSET: usize = 1_000_000;

/// Paging and order, shared by `search` and `quotes`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Results per page (at most 100000).
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N", value_parser = limit)]
    pub limit: usize,
    /// Results to skip, for paging (at most 1000000).
    #[arg(long, default_value_t = 0, value_name = "N", value_parser = offset)]
    pub offset: usize,
    /// Order of the results.
    #[arg(long, value_enum, default_value = "relevance")]
    pub sort: SortBy,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue quotes --speaker stoltenberg              everything one person said
  morgue quotes --org nato --since 2016-06         quotes by NATO people from June 2016 on
  morgue quotes --kind indirect --csv -n 1000 tax  reported speech about tax, as CSV
  morgue quotes --facets economy                   who is quoted most about the economy
  morgue quotes --count-by month --speaker blair   how often one person was quoted, by month

QUERY uses the `search` syntax; bare words match the quote's text. Persons, orgs and places
of a quote are those of its article (a quote counts once for each name its article holds).")]
pub struct QuotesArgs {
    #[command(flatten)]
    pub index: IndexesOpt,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub page: PageArgs,
    /// Print the results as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Only direct quotes (verbatim, in quote marks) or only indirect ones (reported speech:
    /// "Peskov said that…") [default: both].
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<QuoteKindArg>,
    /// Print the results as CSV (speaker, quote, cue, date, title, path, kind, url, source,
    /// author).
    #[arg(long)]
    pub csv: bool,
    /// Also count the top speakers, persons, orgs, places and sections over all matching
    /// quotes.
    #[arg(long, conflicts_with_all = ["csv", "count_by"])]
    pub facets: bool,
    /// Instead of quotes, count all matching quotes by speaker, person, org, place, section,
    /// month or year (the top --limit names; every month or year, in time order).
    #[arg(long, value_enum, value_name = "WHAT")]
    pub count_by: Option<CountByArg>,
    /// List a quote repeated by wire copies (near-duplicates republished by several outlets)
    /// once per copy, instead of once with the other copies as "also in N outlets".
    #[arg(long)]
    pub no_collapse: bool,
    /// With --json or --csv: only these fields, comma-separated (CSV columns in this order);
    /// an unknown name is refused with the list of valid ones.
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub fields: Vec<String>,
    /// Words to find in the quote text (same syntax as `search`) [default: all quotes].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

/// What `--count-by` counts matching articles or quotes by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CountByArg {
    Speaker,
    Person,
    Org,
    Place,
    Section,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QuoteKindArg {
    Direct,
    Indirect,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Person,
    Org,
    Place,
    Misc,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue entities                              the most mentioned names of every kind
  morgue entities --kind person -n 20          the 20 most mentioned people
  morgue entities --kind org --since 2016-01   organisations in articles from January 2016 on
  morgue entities --csv brexit                 names in articles about brexit, as CSV")]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub index: IndexesOpt,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only this kind of entity (repeatable) [default: all kinds].
    #[arg(long, value_enum)]
    pub kind: Vec<KindArg>,
    /// How many entities to list (at most 100000).
    #[arg(short = 'n', long = "limit", visible_alias = "top", default_value_t = 20, value_name = "N", value_parser = limit)]
    pub limit: usize,
    /// Print the results as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the results as CSV (name, kind, articles, quotes, aliases).
    #[arg(long)]
    pub csv: bool,
    /// Count a quote repeated by wire copies (near-duplicates republished by several outlets)
    /// once per copy in each speaker's quote count, instead of once.
    #[arg(long)]
    pub no_collapse: bool,
    /// With --json or --csv: only these fields, comma-separated (CSV columns in this order);
    /// an unknown name is refused with the list of valid ones.
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub fields: Vec<String>,
    /// Only count entities (their articles and their quotes) in articles matching this query
    /// [default: all articles].
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue search nato                          articles mentioning NATO, best first
  morgue search 'title:budget' --sort date    newest articles with budget in the title
  morgue search '\"climate change\" -trump'     a phrase, without a word
  morgue search --facets --section politics '*'  top names and sections in one section
  morgue search --count-by year brexit        how many articles about brexit, year by year

Query syntax: words (all must match), \"phrases\", OR, NOT or -word, +word, (groups), and field
prefixes: title: body: person: org: place: speaker: quote: section: lang:de date:2016-11 or
date:[2016-01-01 TO 2016-06-30]. `*` matches every article.")]
pub struct SearchArgs {
    #[command(flatten)]
    pub index: IndexesOpt,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub page: PageArgs,
    /// Also count the top persons, orgs, places, speakers and sections over all matching
    /// articles.
    #[arg(long)]
    pub facets: bool,
    /// Print the results as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the results as CSV (id, date, section, title, path, url, source, author, score).
    #[arg(long)]
    pub csv: bool,
    /// Instead of articles, count all matching articles by speaker, person, org, place,
    /// section, month or year (the top --limit names; every month or year, in time order).
    #[arg(long, value_enum, value_name = "WHAT", conflicts_with = "facets")]
    pub count_by: Option<CountByArg>,
    /// Show every near-duplicate (wire copy republished by several outlets) as a hit of its
    /// own, instead of each story once with the others as "also in N outlets".
    #[arg(long)]
    pub no_collapse: bool,
    /// With --json or --csv: only these fields, comma-separated (CSV columns in this order);
    /// an unknown name is refused with the list of valid ones.
    #[arg(long, value_delimiter = ',', value_name = "A,B,...")]
    pub fields: Vec<String>,
    /// The query: words, "phrases", AND/OR/NOT, +/-, field prefixes (title: body: person: …).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue show 3f2a9c0d1e4b5a67          an article by the id search --json gives
  morgue show news/politics/084.txt     an article by the path it was indexed from
  morgue show --json news/feed.jsonl#3  the fourth record of a JSON Lines file, as JSON

Entities and quotes are found again from the stored text (the same as indexing found them with
this build); the names are marked in the text on a colour terminal.")]
pub struct ShowArgs {
    #[command(flatten)]
    pub index: IndexesOpt,
    /// Print the article as one JSON object (the shape of an `extract --json` line, with its
    /// id, origin and duplicates).
    #[arg(long)]
    pub json: bool,
    /// The article's id (16 hex digits, from search) or the path it was indexed from
    /// (`FILE#N` for record N of a JSON or JSONL file).
    #[arg(value_name = "ID|PATH")]
    pub article: String,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue extract story.txt              title, date, entities and quotes of one file
  morgue extract --json feed.jsonl | jq  one JSON line per article (a JSONL file gives many)
  morgue extract --json *.html > out.jsonl
  cat articles.jsonl | morgue extract --json -  JSON Lines in on stdin, enriched lines out
  morgue extract --jsonl - < a.jsonl > e.jsonl  streaming: every line enriched for `index --enriched`
  morgue extract --jsonl ~/news > e.jsonl      folders walked as `index` walks them

Nothing is written to an index. Exit code 2 when some file could not be used.")]
pub struct ExtractArgs {
    /// Print one JSON object per article, one per line.
    #[arg(long)]
    pub json: bool,
    /// For each quote, print its sentence and how its speaker was decided (or why none was).
    #[arg(long, conflicts_with = "json")]
    pub explain: bool,
    /// Print enriched JSON Lines for `morgue index --enriched`: everything the index stores of
    /// each article. With `-`, a streaming filter: one line out per article line in, in order,
    /// a bad line as `{"error", "line"}`. Folders are walked as `index` walks them.
    #[arg(long, conflicts_with_all = ["json", "explain"])]
    pub jsonl: bool,
    /// With `--jsonl -`: the path stdin's articles get, as `NAME#LINE` [default: -].
    #[arg(long, value_name = "NAME", requires = "jsonl")]
    pub origin: Option<String>,
    /// With `--jsonl`: write each article before enrichment, marked `"enriched": false`, for a
    /// later `index --enriched` to enrich (a fraction of the cost, and lines a quarter the size).
    #[arg(long, requires = "jsonl")]
    pub no_enrich: bool,
    /// Article files (.txt, .json, .jsonl, .html, .sgm, .xml, .warc, and those gzipped); `-`
    /// reads JSON Lines articles from stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue serve                               browse ./morgue-index at http://127.0.0.1:7700/
  morgue serve --index /data/ix --addr 127.0.0.1:8080
  morgue serve --index out/shards            a Spark job's shards, answering as one index")]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexesOpt,
    /// Address to listen on; the default answers only this machine. Another address prints a
    /// warning, since the archive is then readable by anyone who can reach it.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue completions bash > ~/.local/share/bash-completion/completions/morgue
  morgue completions zsh > ~/.zfunc/_morgue
  morgue completions fish > ~/.config/fish/completions/morgue.fish")]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  morgue man > morgue.1 && man ./morgue.1
  morgue man | gzip > /usr/local/share/man/man1/morgue.1.gz")]
pub struct ManArgs {}

/// A `--since`/`--until` value: a year, a month or a day, years 1000–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateArg {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl DateArg {
    /// The first day it covers, `YYYY-MM-DD`.
    pub fn first_day(self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// The last day it covers, `YYYY-MM-DD`.
    pub fn last_day(self) -> String {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        format!("{:04}-{month:02}-{day:02}", self.year)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parse YYYY, YYYY-MM or YYYY-MM-DD strictly: four-digit years 1000–9999, real months and days.
fn date_arg(s: &str) -> Result<DateArg, String> {
    let bad = || format!("{s:?} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2016-03)");
    let parts: Vec<&str> = s.split('-').collect();
    let widths = [4, 2, 2];
    if parts.len() > 3
        || parts
            .iter()
            .zip(widths)
            .any(|(p, w)| p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let num = |i: usize| parts.get(i).map(|p| p.parse::<u32>().unwrap_or(0));
    let year = num(0).unwrap_or(0) as i32;
    if !(1000..=9999).contains(&year) {
        return Err(format!("{s:?}: years 1000 to 9999 only"));
    }
    let month = num(1);
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return Err(bad());
    }
    let day = num(2);
    if let (Some(m), Some(d)) = (month, day) {
        if d == 0 || d > days_in_month(year, m) {
            return Err(bad());
        }
    }
    Ok(DateArg { year, month, day })
}

fn bounded(s: &str, max: usize, what: &str) -> Result<usize, String> {
    let n: u128 = s
        .parse()
        .map_err(|_| format!("{s:?} is not a whole number"))?;
    if n > max as u128 {
        return Err(format!("{n} is too many; {what} is at most {max}"));
    }
    Ok(n as usize)
}

fn limit(s: &str) -> Result<usize, String> {
    bounded(s, MAX_LIMIT, "a page (page through more with --offset)")
}

fn offset(s: &str) -> Result<usize, String> {
    bounded(s, MAX_OFFSET, "the offset")
}

/// Worker threads: 1 to 256 (more only adds contention and memory; the writer is one thread).
fn threads(s: &str) -> Result<usize, String> {
    match bounded(s, 256, "the thread count")? {
        0 => Err("at least 1 thread".into()),
        n => Ok(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_a_year_a_month_or_a_day() {
        let d = date_arg("1987-03").unwrap();
        assert_eq!(
            (d.first_day(), d.last_day()),
            ("1987-03-01".into(), "1987-03-31".into())
        );
        let d = date_arg("2016").unwrap();
        assert_eq!(
            (d.first_day(), d.last_day()),
            ("2016-01-01".into(), "2016-12-31".into())
        );
        assert_eq!(date_arg("2016-02").unwrap().last_day(), "2016-02-29");
        assert_eq!(date_arg("1900-02").unwrap().last_day(), "1900-02-28");
        assert_eq!(date_arg("2016-11-17").unwrap().last_day(), "2016-11-17");
        for bad in [
            "16-01-01",
            "999",
            "0999-01-01",
            "10000",
            "2016-13",
            "2016-02-30",
            "2016-1-5",
            "2016-01-01T00",
            "",
            "2016-",
            "soon",
            "+2016",
        ] {
            assert!(date_arg(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn page_sizes_are_bounded() {
        assert_eq!(limit("0"), Ok(0));
        assert_eq!(limit("100000"), Ok(100_000));
        assert!(limit("100001").unwrap_err().contains("at most 100000"));
        assert!(limit("18446744073709551615").is_err());
        assert!(limit("99999999999999999999999999999999999999999").is_err());
        assert!(limit("-1").is_err());
        assert!(offset("1000001").is_err());
        assert!(threads("0").is_err());
        assert_eq!(threads("4"), Ok(4));
    }

    #[test]
    fn the_command_line_is_consistent() {
        // clap's own checks: conflicting short flags, bad defaults, missing value names.
        Cli::command().debug_assert();
    }
}
