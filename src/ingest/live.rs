//! Which path holds each live content id during an index run, in compact keys: the run's
//! own articles cost 16 bytes of key and value each (a 64-bit content id and a 64-bit hash of
//! the path) in a [`KeyMap`], not two strings, so a first run over millions of articles keeps
//! its memory small.
//! Articles of earlier runs borrow their path from the run's [`State`] instead.
//!
//! A content id is 16 hex digits (64 bits of blake3, `Article::content_id`), used as it is; a
//! path is known by the first 64 bits of its blake3 hash, only ever compared with the path of
//! the same content id.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use super::keys::KeyMap;
use crate::index::writer::State;

/// Where a live content id is.
#[derive(Clone, Copy, Debug)]
pub(super) enum Live<'a> {
    /// The article path an earlier run indexed it under (not seen again yet).
    Indexed(&'a str),
    /// Written by this run, under the path with this key.
    Run(u64),
}

impl Live<'_> {
    pub fn is_path(&self, path: &str) -> bool {
        match self {
            Live::Indexed(p) => *p == path,
            Live::Run(k) => *k == path_key(path),
        }
    }
}

/// Content id → the live article holding it.
pub(super) struct LiveIds<'a> {
    indexed: HashMap<u64, &'a str, FxBuildHasher>,
    /// The run's own articles: one entry each, so kept compact (`keys.rs`).
    run: KeyMap<u64>,
}

impl<'a> LiveIds<'a> {
    /// The articles (not duplicate records) the index holds at the start of the run.
    pub fn from_state(state: &'a State) -> LiveIds<'a> {
        let indexed = state
            .articles
            .iter()
            .filter(|(_, ix)| !ix.duplicate)
            .map(|(path, ix)| (id_key(&ix.id), path.as_str()))
            .collect();
        LiveIds {
            indexed,
            run: KeyMap::new(),
        }
    }

    pub fn get(&self, id: &str) -> Option<Live<'a>> {
        let k = id_key(id);
        match self.run.get(k) {
            Some(p) => Some(Live::Run(p)),
            None => self.indexed.get(&k).map(|p| Live::Indexed(p)),
        }
    }

    /// Whether `id` is live under `path`.
    pub fn held_at(&self, id: &str, path: &str) -> bool {
        self.get(id).is_some_and(|l| l.is_path(path))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    pub fn remove(&mut self, id: &str) {
        let k = id_key(id);
        if self.run.remove(k).is_none() {
            self.indexed.remove(&k);
        }
    }

    /// `id` is now live under `path`, written by this run.
    pub fn insert_run(&mut self, id: &str, path: &str) {
        let k = id_key(id);
        self.indexed.remove(&k);
        self.run.insert(k, path_key(path));
    }
}

/// A content id as a number: its 16 hex digits, or (an id written otherwise) a hash of it.
fn id_key(id: &str) -> u64 {
    match u64::from_str_radix(id, 16) {
        Ok(n) if id.len() == 16 => n,
        _ => path_key(id),
    }
}

/// The first 64 bits of the blake3 hash of `s`.
pub(super) fn path_key(s: &str) -> u64 {
    let h = blake3::hash(s.as_bytes());
    u64::from_le_bytes(h.as_bytes()[..8].try_into().expect("8 bytes"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::writer::Indexed;

    #[test]
    fn ids_move_between_paths_as_the_run_writes_and_removes_them() {
        let mut state = State::default();
        for (path, id, duplicate) in [
            ("a.txt", "00000000000000aa", false),
            ("b.txt", "00000000000000aa", true),
            ("c.txt", "not-a-hex-id", false),
        ] {
            let ix = Indexed {
                id: id.into(),
                duplicate,
                record: None,
                repeated: false,
            };
            state.articles.insert(path.into(), ix);
        }
        let mut live = LiveIds::from_state(&state);
        assert!(live.held_at("00000000000000aa", "a.txt"));
        assert!(
            !live.held_at("00000000000000aa", "b.txt"),
            "a duplicate is not live"
        );
        assert!(live.held_at("not-a-hex-id", "c.txt"));
        // The run writes the content under another path: that path holds it now.
        live.insert_run("00000000000000aa", "d.txt#3");
        assert!(matches!(live.get("00000000000000aa"), Some(Live::Run(_))));
        assert!(live.held_at("00000000000000aa", "d.txt#3"));
        assert!(!live.held_at("00000000000000aa", "a.txt"));
        assert!(!live.held_at("00000000000000aa", "d.txt#4"));
        live.remove("00000000000000aa");
        assert!(!live.contains("00000000000000aa"));
        live.remove("not-a-hex-id");
        assert!(live.get("not-a-hex-id").is_none());
        assert!(live.get("00000000000000ab").is_none());
    }
}
