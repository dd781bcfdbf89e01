//! libFuzzer target `sidecar`: see `sitrep_fuzz::sidecar`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::sidecar(data));
