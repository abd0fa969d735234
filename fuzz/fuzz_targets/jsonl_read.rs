//! The JSON Lines reader on arbitrary streams.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    farmscan::corpus::jsonl::read(data, "fuzz.jsonl", 1 << 16, &mut |_| {});
});
