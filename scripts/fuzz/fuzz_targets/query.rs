//! Fuzz target `query`: arbitrary bytes as a query and filters over the fixture archive, through `morgue_fuzz::query` (see src/lib.rs for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| morgue_fuzz::query(data));
