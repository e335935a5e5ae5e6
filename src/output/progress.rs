//! What `index` prints while and after it runs: the progress bar with problem lines above it,
//! and the run report (JSON, or the human summary with the commands to try next).

use std::io::{self, Write};
use std::path::Path;

use super::{clean, problem, shell_word, Style};

/// The progress bar on stderr and problem lines printed above it. The bar counts bytes, so a
/// single large JSON Lines file moves it as its articles are enriched; the message says files
/// done of found, articles, articles/s and MB/s. Hidden entirely when stderr is not a terminal;
/// problem lines are printed either way.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    articles: std::sync::atomic::AtomicU64,
    bytes: std::sync::atomic::AtomicU64,
    files: std::sync::atomic::AtomicU64,
    found: std::sync::atomic::AtomicU64,
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
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes}  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            articles: Default::default(),
            bytes: Default::default(),
            files: Default::default(),
            found: Default::default(),
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
    fn discovered(&self, files: u64, bytes: u64) {
        self.found
            .store(files, std::sync::atomic::Ordering::Relaxed);
        if let Some(bar) = &self.bar {
            bar.set_length(bytes);
        }
    }

    fn progress(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    fn file_done(&self, bytes: u64, unreported: u64, articles: u64) {
        use std::sync::atomic::Ordering;
        let total = self.articles.fetch_add(articles, Ordering::Relaxed) + articles;
        let read = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(unreported);
            let secs = self.started.elapsed().as_secs_f64().max(1e-3);
            // `index --enriched` reads lines, not found files: no file count then.
            let found = self.found.load(Ordering::Relaxed);
            let files = if found > 0 {
                format!("{files}/{found} files  ")
            } else {
                String::new()
            };
            bar.set_message(format!(
                "{files}{total} articles  {:.0} articles/s  {:.1} MB/s",
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
        // A file name may hold a newline or an escape sequence; escape them so every problem
        // stays on one line and cannot drive the terminal.
        let path = morgue::extract::one_line(&p.path.display().to_string());
        let line = format!("{kind}: {path}: {}", clean(&p.reason));
        // A closed stderr (`morgue index … 2>&1 | head`) must not stop the run half-way with
        // the lock held: the lines are dropped, the run completes and commits.
        match &self.bar {
            Some(bar) => bar.suspend(|| problem(&line)),
            None => problem(&line),
        }
    }
}

pub fn report_json(out: &mut impl Write, r: &morgue::report::Report) -> io::Result<()> {
    serde_json::to_writer(&mut *out, r)?;
    writeln!(out)
}

pub fn report_human(
    out: &mut impl Write,
    r: &morgue::report::Report,
    index: &Path,
    style: &Style,
) -> io::Result<()> {
    let mb = r.bytes as f64 / 1e6;
    let secs = r.seconds.max(1e-6);
    writeln!(
        out,
        "{} files: {} articles ({} new, {} updated, {} unchanged, {} duplicates), {} removed, {} skipped, {} failed",
        r.files_seen, r.articles, r.indexed, r.updated, r.unchanged, r.duplicates, r.removed, r.skipped, r.failed
    )?;
    if r.records_skipped > 0 {
        writeln!(
            out,
            "{} records inside files were not articles (WARC requests, metadata, non-HTML responses; empty wire stories)",
            r.records_skipped
        )?;
    }
    writeln!(
        out,
        "{} entity mentions, {} quotes; {:.1} s ({:.0} articles/s, {:.1} MB/s)",
        r.entities,
        r.quotes,
        r.seconds,
        r.articles as f64 / secs,
        mb / secs
    )?;
    let (_, d, x) = style.codes();
    let shown = style.path(&index.display().to_string()).into_owned();
    // The default index needs no flag; any other is named in the suggested commands.
    let flag = if index == Path::new(crate::cli::DEFAULT_INDEX) {
        String::new()
    } else {
        format!(" --index {}", shell_word(&shown))
    };
    writeln!(out, "index: {shown}")?;
    writeln!(
        out,
        "{d}next: morgue search{flag} 'WORDS' · morgue quotes{flag} --speaker NAME · morgue entities{flag}{x}"
    )
}
