//! The integration tests: one binary (one link of the crate, one shared fixture index) with a
//! module per topic. `harness` holds what they share: running the `morgue` binary, temp indexes
//! of the bundled fixtures, JSON parsing and the optional shared corpora.
//!
//! Add a topic as a new module file here; run one with `cargo test --test it MODULE::`.

mod harness;

mod aggregate;
#[cfg(unix)]
mod bad_input;
mod browser;
mod cli;
mod crash;
mod end_to_end;
mod export;
mod formats;
mod hostile;
mod identity;
mod incremental;
mod languages;
mod linear;
mod near_dup;
mod query;
mod serve;
mod shards;
mod spark;
mod streaming;
mod tidy;
