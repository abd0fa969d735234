//! A gzip file held whole in memory, inflated in one call per member.
//!
//! A page file is read whole anyway: inflating it in one call into a
//! buffer of the size its trailer records spares the streaming reader's
//! chunked reads and window copies, and the checksum is taken with a
//! vectorised CRC-32. Together these were a twentieth of extraction on
//! the gzipped wcxb-dev pages. Every member of a multi-member file is
//! read, as `gzip -d` does; what does not parse as gzip is an error.

use flate2::{Decompress, FlushDecompress, Status};

/// The inflated bytes of every member of `data`, refused past `max_bytes`.
/// Errors read as `gzip -d`'s: "invalid gzip header", "unexpected end of
/// file", "invalid checksum", or "too large".
pub(crate) fn gunzip(data: &[u8], max_bytes: u64) -> Result<Vec<u8>, String> {
    let cap = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(size_hint(data).min(cap.saturating_add(1)));
    let mut at = 0;
    loop {
        at += header_len(&data[at..]).ok_or("corrupt gzip: invalid gzip header")?;
        let start = out.len();
        at += inflate(&data[at..], &mut out, cap)?;
        let trailer = data
            .get(at..at + 8)
            .ok_or("corrupt gzip: unexpected end of file")?;
        let crc = u32::from_le_bytes(trailer[..4].try_into().expect("four bytes"));
        let size = u32::from_le_bytes(trailer[4..].try_into().expect("four bytes"));
        let member = &out[start..];
        if crc32fast::hash(member) != crc || member.len() as u32 != size {
            return Err("corrupt gzip: invalid checksum".into());
        }
        at += 8;
        if at >= data.len() {
            return Ok(out);
        }
    }
}

/// Inflates one raw deflate stream from `input` onto `out`; the bytes of
/// `input` it took.
fn inflate(input: &[u8], out: &mut Vec<u8>, cap: usize) -> Result<usize, String> {
    let mut inflater = Decompress::new(false);
    loop {
        if out.len() == out.capacity() {
            if out.len() > cap {
                return Err(format!("too large: over {cap} bytes"));
            }
            out.reserve(out.len().max(64 * 1024).min(cap + 1 - out.len()));
        }
        let taken = inflater.total_in() as usize;
        let before = (taken, out.len());
        let status = inflater
            .decompress_vec(&input[taken..], out, FlushDecompress::Finish)
            .map_err(|e| format!("corrupt gzip: {e}"))?;
        if out.len() > cap {
            return Err(format!("too large: over {cap} bytes"));
        }
        match status {
            Status::StreamEnd => return Ok(inflater.total_in() as usize),
            // Room was short: grow and go on. No progress with room left
            // means the input ended inside the stream.
            Status::Ok | Status::BufError => {
                let now = (inflater.total_in() as usize, out.len());
                if now == before && out.len() < out.capacity() {
                    return Err("corrupt gzip: unexpected end of file".into());
                }
            }
        }
    }
}

/// The length of the gzip member header at the start of `data` (RFC 1952),
/// if it is one.
fn header_len(data: &[u8]) -> Option<usize> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if data.len() < 10 || data[..3] != [0x1f, 0x8b, 8] {
        return None;
    }
    let flags = data[3];
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let len = u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]) as usize;
        at += 2 + len;
    }
    for field in [FNAME, FCOMMENT] {
        if flags & field != 0 {
            at += memchr::memchr(0, data.get(at..)?)? + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    (at <= data.len()).then_some(at)
}

/// The size the last member's trailer records: a hint (modulo 4 GiB, and
/// of the last member only), never trusted.
fn size_hint(data: &[u8]) -> usize {
    data.len().checked_sub(4).map_or(0, |at| {
        u32::from_le_bytes(data[at..].try_into().expect("four bytes")) as usize
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn reads_every_member_as_the_streaming_reader_does() {
        let page = b"<p>Schools reopened on Monday after the storm.</p>".repeat(500);
        let mut two = gzip(&page);
        two.extend(gzip(b"<p>And a second member.</p>"));
        let mut streamed = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::MultiGzDecoder::new(&two[..]),
            &mut streamed,
        )
        .unwrap();
        assert_eq!(gunzip(&two, 1 << 20).unwrap(), streamed);
    }

    #[test]
    fn names_a_header_it_cannot_read_a_cut_stream_and_a_bad_checksum() {
        let whole = gzip(&b"text of a page ".repeat(1000));
        assert!(
            gunzip(b"<html>plain</html>", 1 << 20)
                .unwrap_err()
                .contains("invalid gzip header")
        );
        assert!(
            gunzip(&whole[..whole.len() / 2], 1 << 20)
                .unwrap_err()
                .contains("unexpected end of file")
        );
        let mut flipped = whole.clone();
        let n = flipped.len();
        flipped[n - 8] ^= 1;
        assert!(
            gunzip(&flipped, 1 << 20)
                .unwrap_err()
                .contains("invalid checksum")
        );
    }

    #[test]
    fn stops_at_the_cap() {
        let bomb = gzip(&vec![b' '; 1_000_000]);
        assert!(gunzip(&bomb, 100_000).unwrap_err().starts_with("too large"));
        assert_eq!(gunzip(&bomb, 1_000_000).unwrap().len(), 1_000_000);
    }

    #[test]
    fn skips_the_optional_header_fields() {
        let mut e = flate2::GzBuilder::new()
            .filename("page.html")
            .comment("saved")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), flate2::Compression::default());
        e.write_all(b"<p>hello</p>").unwrap();
        assert_eq!(
            gunzip(&e.finish().unwrap(), 1 << 20).unwrap(),
            b"<p>hello</p>"
        );
    }
}
