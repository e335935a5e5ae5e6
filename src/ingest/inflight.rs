//! A budget in bytes for the articles between the workers and the writer.
//!
//! The result queue is bounded in files, and a file may hold a thousand articles (a JSON Lines
//! shard), so the queue alone bounds nothing useful: when the writer was the slower side (a
//! `--no-enrich` run, or any run while the writer commits) its 256 places filled with such
//! files, and a 1M-article run held about 400 MB of parsed articles in the queue at its end (its
//! 500 Reuters-derived shards come last in the walk). A worker now takes its result's share of
//! [`BUDGET`] before queueing it, waiting while the budget is spent, and the writer gives it back
//! once the result is written. A result larger than the whole budget passes alone.

use std::sync::{Condvar, Mutex};

use super::{FileOutcome, FileResult, Item};

/// Bytes of parsed articles in flight at most (by [`weight`]'s estimate).
pub(super) const BUDGET: u64 = 64 << 20;

pub(super) struct InFlight {
    budget: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

impl InFlight {
    pub fn new(budget: u64) -> InFlight {
        InFlight {
            budget,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// Take `bytes` of the budget, waiting until they fit (or nothing else is in flight).
    pub fn take(&self, bytes: u64) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used > 0 && *used + bytes > self.budget {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
    }

    /// Give back `bytes` taken before.
    pub fn give(&self, bytes: u64) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        *used = used.saturating_sub(bytes);
        self.freed.notify_all();
    }

    #[cfg(test)]
    fn used(&self) -> u64 {
        *self.used.lock().unwrap()
    }
}

/// About how many bytes a result holds: its articles' text and enrichment, and a fixed share
/// per article and per name or quote for the structures around them.
pub(super) fn weight(fr: &FileResult) -> u64 {
    let items = match &fr.outcome {
        Ok(FileOutcome::Read { items, .. } | FileOutcome::Part { items }) => items,
        _ => return 0,
    };
    items
        .iter()
        .map(|item| match item {
            Item::Unchanged { path, .. } => 64 + path.len() as u64,
            Item::Fresh(ea, _) => {
                let a = &ea.article;
                let e = &ea.enrichment;
                let text = a.title.len() + a.body.len() + a.path.len() + a.id.len();
                let quotes: usize = e.quotes.iter().map(|q| 160 + q.text.len()).sum();
                (512 + text + 96 * e.entities.len() + quotes) as u64
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn takers_wait_while_the_budget_is_spent_and_never_exceed_it() {
        let flight = Arc::new(InFlight::new(100));
        let peak = Arc::new(AtomicU64::new(0));
        let (tx, rx) = crossbeam_channel::unbounded::<u64>();
        let workers: Vec<_> = (0..4)
            .map(|w| {
                let (flight, peak, tx) = (Arc::clone(&flight), Arc::clone(&peak), tx.clone());
                std::thread::spawn(move || {
                    for i in 0..50u64 {
                        let bytes = 10 + (w * 7 + i * 13) % 50;
                        flight.take(bytes);
                        peak.fetch_max(flight.used(), Ordering::SeqCst);
                        tx.send(bytes).unwrap();
                    }
                })
            })
            .collect();
        drop(tx);
        // The writer side: slower than the workers, so they have to wait.
        let mut given = 0;
        for bytes in rx {
            std::thread::sleep(Duration::from_micros(200));
            flight.give(bytes);
            given += 1;
        }
        for w in workers {
            w.join().unwrap();
        }
        assert_eq!(given, 200);
        assert_eq!(flight.used(), 0);
        assert!(peak.load(Ordering::SeqCst) <= 100);
    }

    #[test]
    fn a_result_larger_than_the_budget_passes_alone() {
        let flight = InFlight::new(100);
        flight.take(500);
        assert_eq!(flight.used(), 500);
        flight.give(500);
        flight.take(60);
        flight.take(40);
        assert_eq!(flight.used(), 100);
    }
}
