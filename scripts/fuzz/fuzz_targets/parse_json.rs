//! Fuzz target `parse_json`: arbitrary bytes through `morgue_fuzz::parse_json` (see src/lib.rs for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| morgue_fuzz::parse_json(data));
