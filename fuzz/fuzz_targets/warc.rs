//! libFuzzer target `warc`: see `sitrep_fuzz::warc`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::warc(data));
