//! libFuzzer target `html`: see `sitrep_fuzz::html`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::html(data));
