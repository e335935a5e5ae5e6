//! Fuzz target `parse_html`: arbitrary bytes through `morgue_fuzz::parse_html` (see src/lib.rs for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| morgue_fuzz::parse_html(data));
