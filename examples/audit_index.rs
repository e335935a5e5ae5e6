//! Prints the consistency audit of an index as JSON and exits 1 when it is inconsistent
//! (repeated article paths or quotes without their article). Used by `scripts/crash-loop`.

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: audit_index INDEX_DIR");
        std::process::exit(1);
    };
    let dir = std::path::PathBuf::from(dir);
    if !dir.join("morgue.json").exists() {
        // Killed before the index was created: nothing to check.
        println!("{{\"articles\":0}}");
        return;
    }
    match morgue::index::Archive::open(&dir).and_then(|a| morgue::index::reader::audit(&a)) {
        Ok(a) => {
            println!("{}", serde_json::to_string(&a).unwrap_or_default());
            if a.repeated_paths > 0 || a.orphan_quotes > 0 {
                std::process::exit(1);
            }
        }
        Err(e) => {
            eprintln!("audit_index: {e}");
            std::process::exit(1);
        }
    }
}
