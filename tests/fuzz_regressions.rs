//! Inputs the fuzzers found to crash farmscan, kept so the crashes stay
//! fixed. Each file is named for the target that found it.

use farmscan::corpus::warc::Format;
use std::path::Path;

#[test]
fn fuzz_findings_no_longer_crash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures folder") {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match name.split('-').next().unwrap() {
            "html_extract" => {
                let text = farmscan::corpus::decode::decode_bytes(data.to_vec(), true, None);
                let _ = farmscan::extract::html::extract(&text);
            }
            "text_extract" => {
                let page = farmscan::extract::text::extract(&String::from_utf8_lossy(&data));
                let _ = farmscan::analyze::junk::measure(&page);
            }
            "warc_read" => {
                // Both archive formats go through the one reading loop.
                for format in [Format::Warc, Format::Arc] {
                    farmscan::corpus::warc::read(&data[..], "f.warc", format, 1 << 20, &mut |_| {});
                }
            }
            "jsonl_read" => {
                farmscan::corpus::jsonl::read(&data[..], "f.jsonl", 1 << 16, &mut |_| {});
            }
            other => panic!("{name}: unknown fuzz target {other}"),
        }
        seen += 1;
    }
    assert!(seen > 0, "the regression inputs are present");
}
