//! HTML extraction on arbitrary bytes: no panic, no hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = farmscan::corpus::decode::decode_bytes(data, true, None);
    let _ = farmscan::extract::html::extract(&text);
});
