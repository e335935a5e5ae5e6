//! What the candidate dumps for training share: every article of the files named on the
//! command line, with the entities enrichment tags in its body. A file that cannot be read is
//! one line on stderr naming the tool and the file; the others go on.

use std::path::Path;

use morgue::parse::ParseLimits;
use morgue::read::Limits;
use morgue::{Article, Entity, Field};

/// Calls `each` with the file's path, the article and its body entities, for every article of
/// every file in the command line's arguments.
pub fn each_body_article(tool: &str, mut each: impl FnMut(&str, &Article, &[Entity])) {
    for path in std::env::args().skip(1) {
        let parsed = match morgue::extract::read_articles(
            Path::new(&path),
            "",
            Limits::default(),
            ParseLimits::default(),
        ) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{tool}: {path}: {}", e.reason);
                continue;
            }
        };
        for article in &parsed.articles {
            let ents: Vec<_> = morgue::enrich::entities(article)
                .into_iter()
                .filter(|e| e.field == Field::Body)
                .collect();
            each(&path, article, &ents);
        }
    }
}
