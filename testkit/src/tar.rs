//! Tar archives for tests, built one way: a ustar header (or an old v7 one) with a valid checksum, entries padded
//! to 512 bytes, two zero blocks at the end.

use alloc::vec::Vec;

pub const BLOCK: usize = 512;

/// `value` as `width` octal digits, zero-padded (the top digits are dropped if it does not fit).
pub fn octal(value: u64, width: usize) -> Vec<u8> {
    (0..width)
        .rev()
        .map(|i| b'0' + ((value >> (3 * i).min(63)) & 7) as u8 * u8::from(3 * i < 64))
        .collect()
}

/// Writes the checksum of `h`: six octal digits, NUL, space (as GNU tar does).
pub fn seal(h: &mut [u8; BLOCK]) {
    h[148..156].fill(b' ');
    let sum: u64 = h.iter().map(|&b| b as u64).sum();
    h[148..154].copy_from_slice(&octal(sum, 6));
    h[154] = 0;
}

fn common(name: &[u8], size: u64, typeflag: u8) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    h[..name.len().min(100)].copy_from_slice(&name[..name.len().min(100)]);
    h[100..107].copy_from_slice(b"0000644");
    h[108..115].copy_from_slice(b"0000000");
    h[116..123].copy_from_slice(b"0000000");
    if size < 1 << 33 {
        h[124..135].copy_from_slice(&octal(size, 11));
    } else {
        // GNU base-256: the top bit set, the number big-endian in the rest of the field.
        h[128..136].copy_from_slice(&size.to_be_bytes());
        h[124] = 0x80;
    }
    h[136..147].copy_from_slice(b"00000000000");
    h[156] = typeflag;
    h
}

/// A POSIX ustar header (`ustar\0`, version `00`) with a valid checksum.
pub fn header(name: &[u8], size: u64, typeflag: u8) -> [u8; BLOCK] {
    let mut h = common(name, size, typeflag);
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    seal(&mut h);
    h
}

/// An old v7 header: no magic, a regular file (typeflag NUL), a valid checksum.
pub fn v7_header(name: &[u8], size: u64) -> [u8; BLOCK] {
    let mut h = common(name, size, 0);
    seal(&mut h);
    h
}

/// Appends one entry: its ustar header, its data, zeros up to the next block.
pub fn entry(out: &mut Vec<u8>, name: &[u8], data: &[u8], typeflag: u8) {
    out.extend_from_slice(&header(name, data.len() as u64, typeflag));
    out.extend_from_slice(data);
    out.resize(out.len().div_ceil(BLOCK) * BLOCK, 0);
}

/// A whole tar of regular files `(path, content)`, with its two end-of-archive blocks.
pub fn tar(entries: &[(&[u8], &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in entries {
        entry(&mut out, name, data, b'0');
    }
    out.resize(out.len() + 2 * BLOCK, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn octal_digits() {
        assert_eq!(octal(0o644, 7), b"0000644");
        assert_eq!(octal(8, 2), b"10");
        assert_eq!(octal(u64::MAX, 22), b"1777777777777777777777");
    }

    #[test]
    fn layout() {
        let t = tar(&[(b"a", b"xyz")]);
        assert_eq!(t.len(), 512 * 4);
        assert_eq!(&t[512..515], b"xyz");
        assert_eq!(&t[257..263], b"ustar\0");
        let h = header(b"big", 1 << 40, b'0');
        assert_eq!(h[124], 0x80);
    }
}
