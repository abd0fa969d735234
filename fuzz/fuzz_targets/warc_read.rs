//! The archive reader on arbitrary streams, as WARC and as ARC: every
//! outcome is a page or a failure.
#![no_main]
use farmscan::corpus::warc::{Format, read};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Warc, Format::Arc] {
        read(data, "fuzz.warc", format, 1 << 20, &mut |_| {});
    }
});
