//! libFuzzer target `sniff`: see `sitrep_fuzz::sniff`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::sniff(data));
