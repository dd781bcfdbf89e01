//! libFuzzer target `jsonl`: see `sitrep_fuzz::jsonl`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| sitrep_fuzz::jsonl(data));
