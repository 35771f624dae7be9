//! gzip, streamed: the member header is parsed here (RFC 1952), the deflate data inflated by miniz_oxide into a
//! 32 KiB window and handed on chunk by chunk, so memory stays constant whatever the archive's size.

use crate::error::{Error, Result};
use alloc::{boxed::Box, vec};
use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

const OUT: usize = 32 * 1024;

/// The length of the gzip member header at the start of `data`; it must fit in the first chunk read.
pub fn header_len(data: &[u8]) -> Result<usize> {
    const TRUNCATED: Error = Error::Corrupt("gzip header truncated or larger than the first chunk");
    if data.len() < 10 || data[0] != 0x1f || data[1] != 0x8b {
        return Err(TRUNCATED);
    }
    if data[2] != 8 {
        return Err(Error::Corrupt("gzip compression method is not deflate"));
    }
    let flags = data[3];
    let mut at = 10;
    if flags & 4 != 0 {
        let xlen = *data.get(at).ok_or(TRUNCATED)? as usize | (*data.get(at + 1).ok_or(TRUNCATED)? as usize) << 8;
        at += 2 + xlen;
    }
    for flag in [8, 16] {
        // FNAME, FCOMMENT: zero-terminated.
        if flags & flag != 0 {
            at += data.get(at..).ok_or(TRUNCATED)?.iter().position(|&b| b == 0).ok_or(TRUNCATED)? + 1;
        }
    }
    if flags & 2 != 0 {
        at += 2;
    }
    if at > data.len() {
        return Err(TRUNCATED);
    }
    Ok(at)
}

pub struct Inflater {
    state: Box<InflateState>,
    out: Box<[u8]>,
    /// Compressed bytes consumed so far.
    pub total_in: u64,
    /// Bytes inflated so far, and the most allowed (against decompression bombs).
    pub total_out: u64,
    limit: u64,
    pub ended: bool,
}

impl Inflater {
    /// Raw deflate; stops with [`Error::Limit`] after `limit` inflated bytes.
    pub fn new(limit: u64) -> Self {
        Inflater {
            state: InflateState::new_boxed(DataFormat::Raw),
            out: vec![0; OUT].into_boxed_slice(),
            total_in: 0,
            total_out: 0,
            limit,
            ended: false,
        }
    }

    /// Inflates `input`, calling `sink` with each piece of output until it returns `false` (done), the deflate
    /// stream ends, or the input is used up. Returns whether the sink asked to stop.
    pub fn feed(&mut self, mut input: &[u8], sink: &mut dyn FnMut(&[u8]) -> Result<bool>) -> Result<bool> {
        while !self.ended {
            let r = inflate(&mut self.state, input, &mut self.out, MZFlush::None);
            input = &input[r.bytes_consumed..];
            self.total_in += r.bytes_consumed as u64;
            self.total_out += r.bytes_written as u64;
            if self.total_out > self.limit {
                return Err(Error::Limit(
                    "stopped inflating: the archive expands too much (a decompression bomb?)",
                ));
            }
            match r.status {
                Ok(MZStatus::StreamEnd) => self.ended = true,
                Ok(_) => {}
                Err(MZError::Buf) => {}
                Err(_) => return Err(Error::Corrupt("invalid deflate data")),
            }
            if r.bytes_written > 0 && !sink(&self.out[..r.bytes_written])? {
                return Ok(true);
            }
            if r.bytes_written == 0 && (input.is_empty() || r.bytes_consumed == 0) {
                break;
            }
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    #[test]
    fn header_fields() {
        assert_eq!(header_len(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1]), Ok(10));
        let mut h = vec![0x1f, 0x8b, 8, 8 | 4 | 2, 0, 0, 0, 0, 0, 3, 2, 0, b'x', b'y'];
        h.extend_from_slice(b"name.tar\0crc");
        assert_eq!(header_len(&h), Ok(14 + 9 + 2));
        assert!(header_len(&[0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3, b'n', b'o']).is_err());
        assert!(header_len(&[0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 3, 0xff, 0xff]).is_err());
        assert!(header_len(&[0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3]).is_err());
        assert!(header_len(&[0x1f, 0x8b]).is_err());
    }

    #[test]
    fn streams_and_caps() {
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let z = compress_to_vec(&data, 6);
        for chunk in [1, 1000, 1 << 20] {
            let mut inf = Inflater::new(u64::MAX);
            let mut out = Vec::new();
            for c in z.chunks(chunk) {
                inf.feed(c, &mut |o| {
                    out.extend_from_slice(o);
                    Ok(true)
                })
                .unwrap();
            }
            assert!(inf.ended);
            assert_eq!(out, data);
        }
        let zeros = compress_to_vec(&vec![0u8; 10 << 20], 9);
        let mut inf = Inflater::new(1 << 20);
        assert!(matches!(inf.feed(&zeros, &mut |_| Ok(true)), Err(Error::Limit(_))));
        let mut inf = Inflater::new(u64::MAX);
        assert!(matches!(inf.feed(&[0xff; 100], &mut |_| Ok(true)), Err(Error::Corrupt(_))));
    }
}
