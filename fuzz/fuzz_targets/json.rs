//! libFuzzer target `json`: see `sitrep_fuzz::json`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::json(data));
