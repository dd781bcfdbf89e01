//! libFuzzer target `kb`: see `sitrep_fuzz::kb`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::kb(data));
