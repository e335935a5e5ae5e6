//! Command-line types (clap). The only file that imports clap; `main.rs` turns these into the
//! library's config types once, so the library never sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "morgue",
    version,
    about = "A searchable archive of news articles that knows who is mentioned, who is quoted and what they said."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or re-index) folders and files of articles.
    Index(IndexArgs),
    /// Full-text search over the indexed articles.
    Search(SearchArgs),
    /// Find quotes: what was said, by whom, where.
    Quotes(QuotesArgs),
    /// The archive's most mentioned people, organisations, places.
    Entities(EntitiesArgs),
    /// Print the parsed and enriched article(s) of files, without indexing.
    Extract(ExtractArgs),
    /// Check an index: every file against its checksum, no article held twice, no quote
    /// without its article. Exits 1 when something is wrong.
    Audit(AuditArgs),
    /// Browse the archive in a web browser (read-only; follows a running `morgue index`).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    /// Print the findings as one JSON object.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IndexOpt {
    /// Index folder.
    #[arg(long, default_value = "morgue-index", value_name = "DIR")]
    pub index: PathBuf,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    /// Worker threads for reading, parsing and enrichment (default: all cores; at most 4 per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print the run summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Largest file read, in bytes (after gzip decompression); larger files are skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_file_size: u64,
    /// Deepest JSON nesting accepted (at most 127, serde_json's own limit); HTML may nest four
    /// times as deep.
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub max_depth: usize,
    /// Date articles that carry no date from their path: an ISO date in a file or folder name
    /// (`breitbart_2015-11-11_x.txt`) or `YYYY/MM/DD` folders (the default).
    #[arg(long, overrides_with = "no_date_from_path")]
    pub date_from_path: bool,
    /// Never take dates from paths.
    #[arg(long, overrides_with = "date_from_path")]
    pub no_date_from_path: bool,
    /// Build a plain full-text index: skip entity and quote extraction.
    #[arg(long)]
    pub no_enrich: bool,
    /// Commit after this many articles (smaller: less work lost on a crash, slower runs).
    #[arg(long, value_name = "N", default_value_t = morgue::ingest::DEFAULT_COMMIT_EVERY)]
    pub commit_every: u64,
    /// Files and folders to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortBy {
    Relevance,
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
    /// Only this section (folder below the indexed root).
    #[arg(long, value_name = "NAME")]
    pub section: Option<String>,
    /// Published on or after this date (YYYY-MM-DD or YYYY).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Published on or before this date (YYYY-MM-DD or YYYY).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// Paging and order, shared by `search` and `quotes`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Results to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Results to skip (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    #[arg(long, value_enum, default_value = "relevance")]
    pub sort: SortBy,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub page: PageArgs,
    /// Print the results as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Only direct quotes (verbatim, in quote marks) or only indirect ones (reported speech:
    /// "Peskov said that…").
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<QuoteKindArg>,
    /// Print the results as CSV (speaker, quote, cue, date, title, path, kind).
    #[arg(long)]
    pub csv: bool,
    /// Words to find in the quote text (same syntax as `search`); all quotes when absent.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
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
pub struct EntitiesArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only this kind of entity (repeatable).
    #[arg(long, value_enum)]
    pub kind: Vec<KindArg>,
    /// How many entities to list.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top: usize,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only count entities in articles matching this query; all articles when absent.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub page: PageArgs,
    /// Count top persons, orgs, places, speakers and sections over all matching articles.
    #[arg(long)]
    pub facets: bool,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// The query: words, "phrases", AND/OR/NOT, +/-, field prefixes (title: body: person: …).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Print one JSON object per file, one per line.
    #[arg(long)]
    pub json: bool,
    /// For each quote, print its sentence and how its speaker was decided (or why none was).
    #[arg(long, conflicts_with = "json")]
    pub explain: bool,
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexOpt,
    /// Address to listen on; the default answers only this machine. Another address prints a
    /// warning, since the archive is then readable by anyone who can reach it.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
}
