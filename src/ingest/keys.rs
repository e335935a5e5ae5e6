//! A map keyed by 64-bit hashes for an index run's per-article tables (live content ids, files
//! seen), sized to what it holds: 16 bytes an entry and a few percent of slack, where a hash map
//! holds each entry at a load of 44–88% and, when it doubles, the old and the new table at once
//! (at two million articles the live-id map needed 71 MB, and 107 MB while it grew).
//!
//! The keys (blake3 hashes, so their top bits are uniform) are spread over [`SHARDS`] sorted
//! vectors by their top bits; a shard grows by an eighth at a time, so no step of the growth
//! copies more than one small shard.

/// log2 of the number of shards: at two million entries a shard holds about 500, so an insert
/// moves 4 KB on average and a lookup is a binary search over one shard.
const SHARD_BITS: u32 = 12;
const SHARDS: usize = 1 << SHARD_BITS;
/// A shard grows by at least this many entries (and otherwise by an eighth of its length).
const MIN_GROWTH: usize = 4;

pub(super) struct KeyMap<V> {
    shards: Vec<Vec<(u64, V)>>,
}

/// A set of keys: a [`KeyMap`] without values (8 bytes an entry), with `HashSet`'s calls.
pub(super) struct KeySet(KeyMap<()>);

impl<V: Copy> KeyMap<V> {
    pub fn new() -> KeyMap<V> {
        KeyMap {
            shards: (0..SHARDS).map(|_| Vec::new()).collect(),
        }
    }

    fn shard(key: u64) -> usize {
        (key >> (64 - SHARD_BITS)) as usize
    }

    pub fn get(&self, key: u64) -> Option<V> {
        let shard = &self.shards[Self::shard(key)];
        shard
            .binary_search_by_key(&key, |e| e.0)
            .ok()
            .map(|i| shard[i].1)
    }

    pub fn contains_key(&self, key: u64) -> bool {
        self.get(key).is_some()
    }

    /// Insert or replace; the value that was there.
    pub fn insert(&mut self, key: u64, value: V) -> Option<V> {
        let shard = &mut self.shards[Self::shard(key)];
        match shard.binary_search_by_key(&key, |e| e.0) {
            Ok(i) => Some(std::mem::replace(&mut shard[i].1, value)),
            Err(i) => {
                if shard.len() == shard.capacity() {
                    shard.reserve_exact((shard.len() / 8).max(MIN_GROWTH));
                }
                shard.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: u64) -> Option<V> {
        let shard = &mut self.shards[Self::shard(key)];
        let i = shard.binary_search_by_key(&key, |e| e.0).ok()?;
        Some(shard.remove(i).1)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards.iter().map(Vec::len).sum()
    }

    /// Bytes held by the entries' storage (the shards' capacities), for the bound's test.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        let entry = std::mem::size_of::<(u64, V)>();
        self.shards.iter().map(|s| s.capacity() * entry).sum()
    }
}

impl KeySet {
    pub fn new() -> KeySet {
        KeySet(KeyMap::new())
    }

    /// Add `key`; whether it was new.
    pub fn insert(&mut self, key: u64) -> bool {
        self.0.insert(key, ()).is_none()
    }

    pub fn contains(&self, key: &u64) -> bool {
        self.0.contains_key(*key)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A deterministic stream of well-mixed keys (splitmix64), like the blake3 keys of a run.
    fn keys(seed: u64) -> impl Iterator<Item = u64> {
        let mut x = seed;
        std::iter::repeat_with(move || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    }

    #[test]
    fn behaves_as_a_hash_map_under_inserts_replacements_and_removals() {
        let mut map = KeyMap::new();
        let mut model = HashMap::new();
        // Few distinct keys, so that replacements and removals of present keys are common;
        // small ones too, which all fall into the first shard.
        let pool: Vec<u64> = keys(7).take(3_000).chain(0..200).collect();
        for (step, r) in keys(11).take(40_000).enumerate() {
            let key = pool[(r % pool.len() as u64) as usize];
            match r >> 62 {
                0 | 1 => assert_eq!(map.insert(key, step), model.insert(key, step)),
                2 => assert_eq!(map.remove(key), model.remove(&key)),
                _ => assert_eq!(map.get(key), model.get(&key).copied()),
            }
            assert_eq!(map.len(), model.len());
        }
        for key in &pool {
            assert_eq!(map.get(*key), model.get(key).copied());
            assert_eq!(map.contains_key(*key), model.contains_key(key));
        }
    }

    #[test]
    fn holds_an_entry_in_its_own_size_plus_an_eighth() {
        let n = 200_000;
        let mut map = KeyMap::new();
        for (i, key) in keys(3).take(n).enumerate() {
            map.insert(key, i as u64);
        }
        assert_eq!(map.len(), n);
        // 16 bytes an entry; each shard has at most an eighth (or MIN_GROWTH entries) of
        // unused capacity.
        let bound = n * 16 * 9 / 8 + SHARDS * MIN_GROWTH * 16;
        assert!(map.bytes() <= bound, "{} > {bound}", map.bytes());
        // A set costs half as much.
        let mut set = KeySet::new();
        for key in keys(3).take(n) {
            assert!(set.insert(key));
        }
        let first = keys(3).next().unwrap();
        assert!(!set.insert(first), "already there");
        assert!(set.contains(&first) && !set.contains(&(first ^ 1)));
        assert!(
            set.0.bytes() <= bound / 2,
            "{} > {}",
            set.0.bytes(),
            bound / 2
        );
    }
}
