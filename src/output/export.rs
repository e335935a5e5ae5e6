//! What `morgue export` prints: the files written and the commands that load them into the
//! engine.

use std::io::{self, Write};
use std::path::Path;

use crate::cli::Engine;
use crate::export::Written;

/// The counts, every file written, then the engine's commands, with `out`'s real path in them.
pub fn exported(out: &mut dyn Write, engine: Engine, dir: &Path, w: &Written) -> io::Result<()> {
    let d = super::clean(&dir.display().to_string()).into_owned();
    writeln!(
        out,
        "exported {} articles and {} quotes to {d}:",
        w.articles, w.quotes
    )?;
    for f in &w.files {
        writeln!(out, "  {}", super::clean(&f.display().to_string()))?;
    }
    writeln!(out, "load them with:")?;
    match engine {
        Engine::Quickwit => {
            for s in ["articles", "quotes"] {
                writeln!(
                    out,
                    "  quickwit index create --index-config {d}/{s}.index.yaml"
                )?;
                writeln!(
                    out,
                    "  quickwit index ingest --index morgue-{s} --input-path {d}/{s}.ndjson"
                )?;
            }
        }
        Engine::Elasticsearch => {
            writeln!(out, "  ES=http://localhost:9200")?;
            for s in ["articles", "quotes"] {
                writeln!(
                    out,
                    "  curl -fsS -XPUT $ES/morgue-{s} -H 'Content-Type: application/json' -d @{d}/{s}.mapping.json"
                )?;
            }
            writeln!(
                out,
                "  for f in {d}/*.bulk-*.ndjson; do curl -fsS -XPOST $ES/_bulk -H 'Content-Type: application/x-ndjson' --data-binary @\"$f\" | grep -q '\"errors\":false' || echo \"$f: errors\"; done"
            )?;
        }
    }
    Ok(())
}
