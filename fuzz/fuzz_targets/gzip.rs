//! libFuzzer target `gzip`: see `sitrep_fuzz::gzip`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::gzip(data));
