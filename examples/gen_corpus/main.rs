//! Benchmark corpus generator (run by `scripts/gen-corpus N OUT`): amplifies the shared BBC and
//! Reuters-21578 corpora to N articles in realistic folders and mixed formats, deterministically.
//!
//! Each source article is used round-robin; copy k of an article is varied so its content hash
//! is new (paragraphs rotated, digits shifted, a dated "Update k" line) while it stays real
//! newswire prose for the enricher. BBC-derived articles are written as `.txt` (70%),
//! `.txt.gz`, `.json` and `.html` (10% each) in folders of 1,000 files; Reuters-derived ones as
//! JSONL shards of 1,000 lines with title, date and dateline. The corpus texts stay outside the
//! repository: this program reads them from `../shared/corpora` at run time.
//!
//! `gen_corpus wire bbc|reuters OUT` writes instead a corpus of wire stories and their edited
//! republications, with the truth beside it, for measuring near-duplicate clustering
//! (`wire.rs`).

mod wire;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

struct Source {
    title: String,
    body: String,
    section: String,
    date: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("wire") {
        let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora");
        let sources = match args.get(2).map(String::as_str) {
            Some("bbc") => load_bbc(&corpora.join("bbc")),
            Some("reuters") => load_reuters(&corpora.join("reuters21578")),
            _ => Vec::new(),
        };
        let (Some(out), false) = (args.get(3), sources.is_empty()) else {
            eprintln!(
                "usage: gen_corpus wire bbc|reuters OUT (sources read from {})",
                corpora.display()
            );
            std::process::exit(1);
        };
        if let Err(e) = wire::generate(&sources, Path::new(out)) {
            eprintln!("gen_corpus: {e}");
            std::process::exit(1);
        }
        return;
    }
    if args.len() != 3 && args.len() != 4 {
        eprintln!("usage: gen_corpus N OUT [SHARED_CORPORA_DIR]");
        std::process::exit(1);
    }
    let n: usize = args[1].parse().unwrap_or_else(|_| {
        eprintln!("N must be a number");
        std::process::exit(1)
    });
    let out = PathBuf::from(&args[2]);
    let corpora = args
        .get(3)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    let bbc = load_bbc(&corpora.join("bbc"));
    let reuters = load_reuters(&corpora.join("reuters21578"));
    if bbc.is_empty() || reuters.is_empty() {
        eprintln!("no source articles under {}", corpora.display());
        std::process::exit(1);
    }
    if let Err(e) = generate(n, &out, &bbc, &reuters) {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
}

fn load_bbc(dir: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let Ok(sections) = fs::read_dir(dir) else {
        return out;
    };
    let mut sections: Vec<PathBuf> = sections
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    sections.sort();
    for s in sections {
        let name = s
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut files: Vec<PathBuf> = fs::read_dir(&s)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let Ok(bytes) = fs::read(&f) else { continue };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let (title, body) = text.split_once('\n').unwrap_or((&text, ""));
            out.push(Source {
                title: title.trim().into(),
                body: body.trim().into(),
                section: name.clone(),
                date: None,
            });
        }
    }
    out
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close)? + start;
    Some(&s[start..end])
}

fn unescape(s: &str) -> String {
    let s = s
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    // Control characters written as numeric references (&#3; ends every body) are dropped.
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        match rest[i..].find(';') {
            Some(j) if j <= 6 => rest = &rest[i + j + 1..],
            _ => {
                out.push_str("&#");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn load_reuters(dir: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    for i in 0..22 {
        let Ok(bytes) = fs::read(dir.join(format!("reut2-{i:03}.sgm"))) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for story in text.split("</REUTERS>") {
            let (Some(title), Some(body)) = (
                between(story, "<TITLE>", "</TITLE>"),
                between(story, "<BODY>", "</BODY>"),
            ) else {
                continue;
            };
            // Reuters bodies indent paragraphs with spaces and wrap lines at ~65 columns.
            let body = unescape(body)
                .split("\n    ")
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            let date = between(story, "<DATE>", "</DATE>").map(|d| d.trim().to_string());
            let topic = between(story, "<TOPICS><D>", "</D>")
                .unwrap_or("general")
                .to_string();
            out.push(Source {
                title: unescape(title).trim().into(),
                body,
                section: topic,
                date,
            });
        }
    }
    out
}

/// Copy `k` of a text: paragraphs rotated by k, digits shifted by k (mod 10).
fn vary(body: &str, k: usize) -> String {
    if k == 0 {
        return body.to_string();
    }
    let mut paras: Vec<&str> = body.split("\n\n").collect();
    let len = paras.len().max(1);
    paras.rotate_left(k % len);
    let shift = (k % 9 + 1) as u32;
    paras
        .join("\n\n")
        .chars()
        .map(|c| {
            c.to_digit(10)
                .map_or(c, |d| char::from_digit((d + shift) % 10, 10).unwrap_or(c))
        })
        .collect()
}

fn day(k: usize) -> String {
    // Spread copies over 2000–2019, so date ranges and sorting have something to work with.
    let (y, m, d) = (2000 + (k / 336) % 20, 1 + (k / 28) % 12, 1 + k % 28);
    format!("{y:04}-{m:02}-{d:02}")
}

fn generate(n: usize, out: &Path, bbc: &[Source], reuters: &[Source]) -> std::io::Result<()> {
    // Roughly the mix of the two sources' sizes: one Reuters story for every BBC article.
    let mut shard: Option<(fs::File, usize)> = None;
    let (mut nb, mut nr) = (0usize, 0usize);
    for i in 0..n {
        if i % 2 == 0 {
            let src = &bbc[nb % bbc.len()];
            let k = nb / bbc.len();
            let title = if k == 0 {
                src.title.clone()
            } else {
                format!("{} ({})", src.title, k + 1)
            };
            let body = format!("{}\n\nUpdate {}: {}.", vary(&src.body, k), k + 1, day(nb));
            let folder = out
                .join("bbc")
                .join(&src.section)
                .join(format!("{:04}", nb / 1000));
            fs::create_dir_all(&folder)?;
            let stem = folder.join(format!("{nb:07}"));
            match nb % 10 {
                7 => {
                    let mut gz = flate2::write::GzEncoder::new(
                        fs::File::create(stem.with_extension("txt.gz"))?,
                        flate2::Compression::fast(),
                    );
                    write!(gz, "{title}\n\n{body}\n")?;
                    gz.finish()?;
                }
                8 => {
                    let v = serde_json::json!({"title": title, "text": body, "date": day(nb), "source": "BBC News"});
                    fs::write(stem.with_extension("json"), v.to_string())?;
                }
                9 => {
                    let paras: String = body
                        .split("\n\n")
                        .map(|p| format!("<p>{}</p>\n", html_escape(p)))
                        .collect();
                    let html = format!(
                        "<!DOCTYPE html><html><head><title>{t} | BBC News</title><meta property=\"og:title\" content=\"{t}\">\
                         <meta property=\"article:published_time\" content=\"{d}T09:00:00Z\"></head><body>\
                         <nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li><li>Sport</li></ul></nav>\
                         <article><h1>{t}</h1>\n{paras}</article><footer><p>Copyright notice and links to the rest of the site.</p></footer></body></html>",
                        t = html_escape(&title),
                        d = day(nb)
                    );
                    fs::write(stem.with_extension("html"), html)?;
                }
                _ => fs::write(stem.with_extension("txt"), format!("{title}\n\n{body}\n"))?,
            }
            nb += 1;
        } else {
            let src = &reuters[nr % reuters.len()];
            let k = nr / reuters.len();
            if shard.as_ref().is_none_or(|(_, lines)| *lines >= 1000) {
                let dir = out
                    .join("reuters")
                    .join(src.section.chars().take(1).collect::<String>());
                fs::create_dir_all(&dir)?;
                shard = Some((
                    fs::File::create(dir.join(format!("shard-{:05}.jsonl", nr / 1000)))?,
                    0,
                ));
            }
            if let Some((f, lines)) = shard.as_mut() {
                let title = if k == 0 {
                    src.title.clone()
                } else {
                    format!("{} ({})", src.title, k + 1)
                };
                let date = if k == 0 {
                    src.date.clone().unwrap_or_else(|| day(nr))
                } else {
                    day(nr)
                };
                let v = serde_json::json!({"title": title, "text": vary(&src.body, k), "date": date, "source": "Reuters"});
                writeln!(f, "{v}")?;
                *lines += 1;
            }
            nr += 1;
        }
    }
    Ok(())
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
