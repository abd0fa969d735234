//! The WARC reader on arbitrary streams: every outcome is a page or a failure.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    farmscan::corpus::warc::read(data, "fuzz.warc", 1 << 20, &mut |_| {});
});
