//! Fuzz target `decode`: arbitrary bytes through `morgue_fuzz::decode` (see src/lib.rs for what it checks).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| morgue_fuzz::decode(data));
