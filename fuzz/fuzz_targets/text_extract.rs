//! Saved-as-text page parsing on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let page = farmscan::extract::text::extract(&text);
    let _ = farmscan::analyze::junk::measure(&page);
});
