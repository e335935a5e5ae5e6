//! The near-duplicate table on disk, so that an index run's memory does not grow with the
//! archive: held in memory, each article's signature, cluster name and 16 band entries cost
//! about 360 bytes, and the band map alone would need over 1 GB at two million articles.
//!
//! Two unnamed temporary files in the index folder (gone when the run ends, even after a
//! crash), read and written at offsets: what the kernel caches of them is page cache, not the
//! process's memory.
//! - [`Slots`]: one fixed-size record per article in the order they came, its signature and
//!   cluster name.
//! - [`Bands`]: a hash table of (band key, slot) in pages of [`PAGE`] bytes, a page per bucket
//!   chosen by the key's top bits. Only each page's entry count is in memory (2 bytes a page).
//!
//! The band table is a pure function of the slot sequence (a key belongs to the first slot that
//! had it), so it is built in bulk from the slots file (after the index's articles are read
//! back, and when a page fills up, at twice the size) and is the same table the incremental
//! inserts give.

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use rustc_hash::FxBuildHasher;

use super::{Signature, BANDS, SIGNATURE_BYTES};

/// Longest cluster name kept in the slot record itself; content ids (16 hex digits) always
/// fit, a longer name (an index written otherwise) is kept in memory.
const NAME_BYTES: usize = 32;
const RECORD: usize = SIGNATURE_BYTES + 1 + NAME_BYTES;
/// Name length byte meaning "in `long_names`, at the index in the next four bytes".
const LONG_NAME: u8 = 0xFF;

/// One bucket of the band table: up to [`CAP`] entries of (key u64, slot u32).
pub(super) const PAGE: usize = 4096;
const ENTRY: usize = 12;
const CAP: usize = PAGE / ENTRY;
/// Pages are sized for this share of [`CAP`] when the table is built: bucket loads spread
/// around their mean (standard deviation about its square root), and a page that fills up
/// makes the whole table be rebuilt twice as large.
const FILL: f64 = 0.6;
/// Entries gathered in memory per pass of a bulk build (16 bytes each: 32 MB).
const PASS_ENTRIES: usize = 2 << 20;
/// Records read per chunk of a pass over the slots file.
const CHUNK: usize = 2048;
/// Slot records and band entries gathered in memory before one write each: a write per
/// article and per new band key doubled a run's system time.
const PENDING_SLOTS: usize = 256;
const PENDING_ENTRIES: usize = 4096;

/// Signatures and cluster names by slot number.
pub(super) struct Slots {
    dir: PathBuf,
    file: File,
    len: u32,
    long_names: Vec<Box<str>>,
    /// The records of the last slots, not yet written (slots `len - pending / RECORD..len`).
    pending: Vec<u8>,
}

impl Slots {
    pub fn new(dir: &Path) -> io::Result<Slots> {
        Ok(Slots {
            dir: dir.to_path_buf(),
            file: tempfile::tempfile_in(dir)?,
            len: 0,
            long_names: Vec::new(),
            pending: Vec::with_capacity(PENDING_SLOTS * RECORD),
        })
    }

    pub fn len(&self) -> u32 {
        self.len
    }

    /// Append an article; its slot number.
    pub fn push(&mut self, signature: &Signature, cluster: &str) -> io::Result<u32> {
        let mut rec = [0u8; RECORD];
        rec[..SIGNATURE_BYTES].copy_from_slice(&signature.to_bytes());
        let name = &mut rec[SIGNATURE_BYTES..];
        if cluster.len() <= NAME_BYTES {
            name[0] = cluster.len() as u8;
            name[1..1 + cluster.len()].copy_from_slice(cluster.as_bytes());
        } else {
            name[0] = LONG_NAME;
            let at = self.long_names.len() as u32;
            name[1..5].copy_from_slice(&at.to_le_bytes());
            self.long_names.push(cluster.into());
        }
        let slot = self.len;
        if self.pending.len() == PENDING_SLOTS * RECORD {
            let first = self.written();
            write_at(&self.file, &self.pending, u64::from(first) * RECORD as u64)?;
            self.pending.clear();
        }
        self.pending.extend_from_slice(&rec);
        self.len += 1;
        Ok(slot)
    }

    /// Slots whose records are in the file (the rest are in `pending`).
    fn written(&self) -> u32 {
        self.len - (self.pending.len() / RECORD) as u32
    }

    /// Slot `slot`'s record.
    fn record(&self, slot: u32, rec: &mut [u8; RECORD]) -> io::Result<()> {
        let written = self.written();
        if slot >= written {
            let at = (slot - written) as usize * RECORD;
            rec.copy_from_slice(&self.pending[at..at + RECORD]);
            Ok(())
        } else {
            read_at(&self.file, rec, u64::from(slot) * RECORD as u64)
        }
    }

    /// A slot's signature and cluster name.
    pub fn get(&self, slot: u32) -> io::Result<(Signature, String)> {
        let mut rec = [0u8; RECORD];
        self.record(slot, &mut rec)?;
        Ok(self.decode(&rec))
    }

    fn decode(&self, rec: &[u8]) -> (Signature, String) {
        let signature = Signature::from_bytes(&rec[..SIGNATURE_BYTES])
            .expect("a slot record holds a whole signature");
        let name = &rec[SIGNATURE_BYTES..];
        let cluster = if name[0] == LONG_NAME {
            let at = u32::from_le_bytes([name[1], name[2], name[3], name[4]]) as usize;
            self.long_names[at].to_string()
        } else {
            String::from_utf8_lossy(&name[1..1 + usize::from(name[0])]).into_owned()
        };
        (signature, cluster)
    }

    /// Every slot's signature in slot order, read in chunks.
    fn for_each(&self, mut f: impl FnMut(u32, &Signature)) -> io::Result<()> {
        let mut buf = vec![0u8; CHUNK * RECORD];
        let mut slot = 0u32;
        let written = self.written();
        let mut each = |recs: &[u8], slot: &mut u32| {
            for rec in recs.chunks_exact(RECORD) {
                let sig = Signature::from_bytes(&rec[..SIGNATURE_BYTES])
                    .expect("a slot record holds a whole signature");
                f(*slot, &sig);
                *slot += 1;
            }
        };
        while slot < written {
            let n = (written - slot).min(CHUNK as u32) as usize;
            read_at(
                &self.file,
                &mut buf[..n * RECORD],
                u64::from(slot) * RECORD as u64,
            )?;
            each(&buf[..n * RECORD], &mut slot);
        }
        each(&self.pending, &mut slot);
        Ok(())
    }
}

/// Band key → the first slot that had it.
pub(super) struct Bands {
    file: File,
    /// Entries in each page, those still pending included; the table has `counts.len()` pages,
    /// a power of two.
    counts: Vec<u16>,
    /// Entries of each page in the file (2 more bytes a page).
    written: Vec<u16>,
    log2: u32,
    /// Inserted entries not yet written, by key, and in insertion order with their page.
    pending: HashMap<u64, u32, FxBuildHasher>,
    order: Vec<(u32, u64, u32)>,
}

impl Bands {
    /// The table of every slot's band keys, with room for them at [`FILL`].
    pub fn build(slots: &Slots) -> io::Result<Bands> {
        Bands::build_larger(slots, 0)
    }

    /// The table of every slot's band keys in more than `pages` pages (a page of the table
    /// of `pages` filled up).
    pub fn build_larger(slots: &Slots, pages: usize) -> io::Result<Bands> {
        let wanted = (slots.len() as f64 * BANDS as f64 / (CAP as f64 * FILL)).ceil() as usize;
        let mut log2 = wanted
            .max(pages + 1)
            .max(16)
            .next_power_of_two()
            .trailing_zeros();
        loop {
            if let Some(bands) = Bands::build_at(slots, log2)? {
                return Ok(bands);
            }
            log2 += 1;
        }
    }

    /// The table in 2^`log2` pages; `None` when some page would overflow.
    fn build_at(slots: &Slots, log2: u32) -> io::Result<Option<Bands>> {
        let pages = 1usize << log2;
        let mut bands = Bands {
            file: tempfile::tempfile_in(&slots.dir)?,
            counts: vec![0; pages],
            written: vec![0; pages],
            log2,
            pending: HashMap::default(),
            order: Vec::new(),
        };
        let total = (slots.len() as usize * BANDS).max(1);
        let pages_per_pass = (pages * PASS_ENTRIES / total).clamp(1, pages);
        // Room for a pass's share of the entries and some spread, reserved once: grown by
        // doubling, a pass just over 2^21 entries held 64 MB, the largest block of a 300,000-
        // article run's heap at its peak (heaptrack).
        let per_pass = total * pages_per_pass / pages;
        let mut entries: Vec<(u32, u64, u32)> = Vec::with_capacity(per_pass + per_pass / 16 + 1024);
        let mut page = vec![0u8; PAGE];
        for first in (0..pages).step_by(pages_per_pass) {
            let last = (first + pages_per_pass).min(pages);
            entries.clear();
            slots.for_each(|slot, sig| {
                for key in sig.band_keys() {
                    let b = bands.bucket(key);
                    if (first..last).contains(&b) {
                        entries.push((b as u32, key, slot));
                    }
                }
            })?;
            // By bucket, then key, then slot: the first entry of each key is its first slot.
            entries.sort_unstable();
            entries.dedup_by_key(|e| (e.0, e.1));
            for group in entries.chunk_by(|a, b| a.0 == b.0) {
                if group.len() > CAP {
                    return Ok(None);
                }
                for (e, out) in group.iter().zip(page.chunks_exact_mut(ENTRY)) {
                    out[..8].copy_from_slice(&e.1.to_le_bytes());
                    out[8..].copy_from_slice(&e.2.to_le_bytes());
                }
                let b = group[0].0 as usize;
                write_at(&bands.file, &page[..group.len() * ENTRY], (b * PAGE) as u64)?;
                bands.counts[b] = group.len() as u16;
                bands.written[b] = group.len() as u16;
            }
        }
        Ok(Some(bands))
    }

    fn bucket(&self, key: u64) -> usize {
        if self.log2 == 0 {
            return 0;
        }
        // Multiplying mixes every bit of the key into the top ones that choose the page.
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.log2)) as usize
    }

    /// The slot that first had `key`.
    pub fn get(&self, key: u64) -> io::Result<Option<u32>> {
        if let Some(&slot) = self.pending.get(&key) {
            return Ok(Some(slot));
        }
        let b = self.bucket(key);
        let n = usize::from(self.written[b]);
        if n == 0 {
            return Ok(None);
        }
        let mut page = [0u8; PAGE];
        read_at(&self.file, &mut page[..n * ENTRY], (b * PAGE) as u64)?;
        Ok(page[..n * ENTRY].chunks_exact(ENTRY).find_map(|e| {
            (u64::from_le_bytes(e[..8].try_into().expect("8 bytes")) == key)
                .then(|| u32::from_le_bytes(e[8..].try_into().expect("4 bytes")))
        }))
    }

    /// Record `key` for `slot` (the caller has checked that no earlier slot had it); false
    /// when its page is full and the table must be rebuilt larger.
    pub fn insert(&mut self, key: u64, slot: u32) -> io::Result<bool> {
        let b = self.bucket(key);
        let n = usize::from(self.counts[b]);
        if n == CAP {
            return Ok(false);
        }
        if self.order.len() == PENDING_ENTRIES {
            self.flush()?;
        }
        self.pending.insert(key, slot);
        self.order.push((b as u32, key, slot));
        self.counts[b] += 1;
        Ok(true)
    }

    /// Write the pending entries, one write per page they fall in (after the page's written
    /// entries, in the order they came).
    fn flush(&mut self) -> io::Result<()> {
        // Stable: a page's entries keep their insertion order.
        self.order.sort_by_key(|e| e.0);
        let mut buf = Vec::with_capacity(PAGE);
        for group in self.order.chunk_by(|a, b| a.0 == b.0) {
            let b = group[0].0 as usize;
            buf.clear();
            for &(_, key, slot) in group {
                buf.extend_from_slice(&key.to_le_bytes());
                buf.extend_from_slice(&slot.to_le_bytes());
            }
            let at = b * PAGE + usize::from(self.written[b]) * ENTRY;
            write_at(&self.file, &buf, at as u64)?;
            self.written[b] += group.len() as u16;
        }
        self.order.clear();
        self.pending.clear();
        Ok(())
    }

    /// Pages in the table.
    pub fn pages(&self) -> usize {
        self.counts.len()
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(unix)]
fn write_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(not(unix))]
fn read_at(mut file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

#[cfg(not(unix))]
fn write_at(mut file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(buf)
}
