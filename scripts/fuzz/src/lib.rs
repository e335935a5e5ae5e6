//! The bodies of the fuzz targets, one function per target, each taking arbitrary bytes. They
//! live here, not in `fuzz_targets/`, so that `tests/it/bad_input.rs` can include this file and
//! replay every crash input saved under `fixtures/fuzz-regressions/<target>/` in plain
//! `cargo test`, without libFuzzer. Besides "no panic, no hang", each checks the invariants that
//! hold for its stage.

use morgue::parse::{self, Origin, ParseLimits};
use morgue::read::{self, Format};
use morgue::{Article, Field};

/// Byte decoding: any bytes give text or a rejection, never a panic.
pub fn decode(data: &[u8]) {
    let _ = read::decode(data);
}

/// Arbitrary bytes as the text a parser receives: lossy UTF-8, as `read::decode` would hand over
/// some text for almost any input.
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn parse(format: Format, data: &[u8]) -> Option<parse::Parsed> {
    let text = text(data);
    let origin = Origin {
        path: "fuzz.input",
        section: "fuzz",
    };
    parse::parse(format, &text, origin, ParseLimits::default()).ok()
}

/// Plain text: title and body are slices of the text, verbatim.
pub fn parse_plain(data: &[u8]) {
    let source = text(data);
    if let Some(p) = parse(Format::Plain, data) {
        for a in &p.articles {
            assert!(source.contains(a.title.as_str()), "title is not a slice");
            assert!(source.contains(a.body.as_str()), "body is not a slice");
            assert!(!a.title.contains(['\n', '\r']), "title spans lines");
        }
    }
}

pub fn parse_json(data: &[u8]) {
    let _ = parse(Format::Json, data);
}

/// JSON Lines: the problem list stays bounded whatever the number of bad lines.
pub fn parse_jsonl(data: &[u8]) {
    if let Some(p) = parse(Format::Jsonl, data) {
        assert!(p.problems.len() <= parse::MAX_PROBLEMS + 1);
        for problem in &p.problems {
            assert!(
                !problem.contains('\n'),
                "a problem spans lines: {problem:?}"
            );
        }
    }
}

pub fn parse_html(data: &[u8]) {
    let _ = parse(Format::Html, data);
}

/// Enrichment of an article whose first line is the title: every span lies on character
/// boundaries inside its field and matches the text it claims.
pub fn enrich(data: &[u8]) {
    let source = text(data);
    let (title, body) = source.split_once('\n').unwrap_or(("", &source));
    let article = Article {
        title: title.to_string(),
        body: body.to_string(),
        ..Article::default()
    };
    let e = morgue::enrich::enrich(&article);
    let slice = |field: Field, start: usize, end: usize| article.field(field).get(start..end);
    for m in &e.entities {
        assert_eq!(
            slice(m.field, m.start, m.end),
            Some(m.text.as_str()),
            "{m:?}"
        );
    }
    for q in &e.quotes {
        assert_eq!(
            slice(q.field, q.start, q.end),
            Some(q.text.as_str()),
            "{q:?}"
        );
        if let (Some(s), Some(t)) = (q.speaker_start, q.speaker_end) {
            assert!(slice(q.field, s, t).is_some(), "{q:?}");
        }
    }
}

/// The archive the `query` target searches: the bundled fixtures, enriched, indexed once per
/// process in a temporary folder (see [`remove_query_archive`]).
static ARCHIVE: std::sync::OnceLock<(std::path::PathBuf, morgue::index::Archive)> =
    std::sync::OnceLock::new();

/// Delete the `query` target's temporary index folder, when a test is done with it (a fuzzer
/// process keeps it until it is killed; it lives under the system's temporary folder).
pub fn remove_query_archive() {
    if let Some((dir, _)) = ARCHIVE.get() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

fn fixture_archive() -> &'static morgue::index::Archive {
    let (_, archive) = ARCHIVE.get_or_init(|| {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .ancestors()
            .find(|d| d.join("fixtures/articles").is_dir())
            .expect("the morgue checkout holding fixtures/articles")
            .join("fixtures/articles");
        let dir = std::env::temp_dir().join(format!("morgue-fuzz-query-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let config = morgue::ingest::IngestConfig {
            index_dir: dir.clone(),
            paths: vec![fixtures],
            threads: 1,
            limits: Default::default(),
            parse_limits: Default::default(),
            enrich: true,
            commit_every: morgue::ingest::DEFAULT_COMMIT_EVERY,
            select: Default::default(),
        };
        morgue::ingest::run(&config, &morgue::ingest::Quiet).expect("index the fixtures");
        let archive = morgue::index::Archive::open(&dir).expect("open the fixture index");
        (dir, archive)
    });
    archive
}

/// Queries and filters as a user types them (issue 22, item 3): the input is split at NUL bytes
/// into the query text, then speaker, person, org, place, section, lang, since and until, and its
/// first byte picks sort, facets and paging. Every search, quote and entity request over the
/// fixture archive ends in hits or an error message — never a panic, a stack overflow or an
/// unbounded allocation — and never returns more rows than asked for.
pub fn query(data: &[u8]) {
    use morgue::index::reader::{self, EntityKind, EntityRequest, Filters, QuoteRequest};
    use morgue::index::reader::{SearchRequest, Sort};
    let text = text(data);
    let mut parts = text.split('\0').map(str::to_string);
    let query = parts.next().unwrap_or_default();
    let mut next = || parts.next().filter(|s| !s.is_empty());
    let filters = Filters {
        speaker: next(),
        person: next(),
        org: next(),
        place: next(),
        section: next(),
        lang: next(),
        since: next(),
        until: next(),
        loose: data.first().is_some_and(|b| b & 1 == 1),
        // The same bit as `collapse` below: collapsed or every copy, in search and quotes alike.
        every_copy: data.first().is_some_and(|b| b & 128 == 0),
    };
    let knobs = data.first().copied().unwrap_or(0);
    let sort = if knobs & 2 == 0 {
        Sort::Relevance
    } else {
        Sort::Date
    };
    // Pages as the CLI bounds them (`--limit` at most 100,000): large enough to reach the
    // allocation paths a huge page takes, small enough for a fuzzer's memory limit.
    let limit = [0, 1, 10, 100_000][usize::from(knobs >> 2 & 3)];
    let offset = [0, 3, 99_999][usize::from(knobs >> 4 & 3) % 3];
    let archive = fixture_archive();
    if let Ok(r) = reader::search(
        archive,
        &SearchRequest {
            query: query.clone(),
            filters: filters.clone(),
            limit,
            offset,
            sort,
            facets: knobs & 64 != 0,
            collapse: knobs & 128 != 0,
        },
    ) {
        assert!(
            r.hits.len() <= limit,
            "{} hits for limit {limit}",
            r.hits.len()
        );
    }
    if let Ok(r) = reader::search_quotes(
        archive,
        &QuoteRequest {
            query: query.clone(),
            filters: filters.clone(),
            kind: None,
            limit,
            offset,
            sort,
        },
    ) {
        assert!(
            r.hits.len() <= limit,
            "{} quotes for limit {limit}",
            r.hits.len()
        );
    }
    let top = limit.max(1);
    if let Ok(r) = reader::entities(
        archive,
        &EntityRequest {
            query,
            filters,
            kinds: EntityKind::ALL.to_vec(),
            top,
        },
    ) {
        let rows = r.entities.len();
        assert!(
            rows <= top * EntityKind::ALL.len(),
            "{rows} entity rows for top {top}"
        );
    }
}
