//! Fuzz target `parse_jsonl`: arbitrary bytes through `morgue_fuzz::parse_jsonl` (see src/lib.rs for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| morgue_fuzz::parse_jsonl(data));
