//! Fuzz target `enrich`: arbitrary bytes through `morgue_fuzz::enrich` (see src/lib.rs for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| morgue_fuzz::enrich(data));
