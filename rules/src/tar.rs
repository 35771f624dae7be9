//! The tar header facts GNU `tar -tf` (the server's check) relies on: the 512-byte block, the checksum, numbers.

/// A tar header and a tar data block are 512 bytes.
pub const BLOCK: usize = 512;
/// The checksum field: bytes 148..156, read as eight spaces when the sum is made.
const CHECKSUM: core::ops::Range<usize> = 148..156;

/// "ustar" at 257: a POSIX (`ustar\0`) or GNU (`ustar `) header.
pub fn has_ustar_magic(header: &[u8]) -> bool {
    header.get(257..262) == Some(b"ustar")
}

/// The header's checksum adds up: the sum of its 512 bytes with the checksum field read as spaces, unsigned or
/// signed (some old writers summed signed bytes; GNU tar accepts both). False for fewer than 512 bytes.
pub fn checksum_ok(header: &[u8]) -> bool {
    let (Some(block), Some(field)) = (header.get(..BLOCK), header.get(CHECKSUM)) else {
        return false;
    };
    let Some(want) = number(field) else {
        return false;
    };
    let (mut unsigned, mut signed) = (0u64, 0i64);
    for (i, &b) in block.iter().enumerate() {
        let b = if CHECKSUM.contains(&i) { b' ' } else { b };
        unsigned += b as u64;
        signed += b as i8 as i64;
    }
    want == unsigned || want as i64 == signed
}

/// A header that starts an archive: "ustar" magic, or an old v7 header (no magic) with a name whose checksum adds up.
pub fn is_first_header(head: &[u8]) -> bool {
    head.len() >= BLOCK && (has_ustar_magic(head) || (head.first().is_some_and(|&b| b != 0) && checksum_ok(head)))
}

/// A numeric header field: octal text (leading spaces, ended by NUL, space or the field's end), or GNU base-256
/// when the top bit is set. `None` for a negative base-256 number, a bad digit or an overflow.
pub fn number(field: &[u8]) -> Option<u64> {
    let (&first, rest) = field.split_first()?;
    if first & 0x80 != 0 {
        if first & 0x40 != 0 {
            return None; // negative
        }
        return rest
            .iter()
            .try_fold((first & 0x3f) as u64, |v, &b| v.checked_mul(256)?.checked_add(b as u64));
    }
    let mut v: u64 = 0;
    for &b in field.iter().skip_while(|&&b| b == b' ') {
        match b {
            b'0'..=b'7' => v = v.checked_mul(8)?.checked_add((b - b'0') as u64)?,
            0 | b' ' => break,
            _ => return None,
        }
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bkpaas_testkit::tar::{header, v7_header};

    #[test]
    fn checksums() {
        let h = header(b"app_desc.yaml", 10, b'0');
        assert!(checksum_ok(&h) && has_ustar_magic(&h) && is_first_header(&h));
        let v7 = v7_header(b"old.txt", 3);
        assert!(checksum_ok(&v7) && !has_ustar_magic(&v7) && is_first_header(&v7));
        let mut broken = v7;
        broken[0] = b'p';
        assert!(!checksum_ok(&broken) && !is_first_header(&broken));
        assert!(!checksum_ok(&h[..511]));
        assert!(!is_first_header(&[0u8; 512]));
        // A signed sum (bytes >= 0x80 counted negative) is accepted as GNU tar does.
        let mut signed = v7_header(b"x", 0);
        signed[1] = 0xff;
        signed[148..156].copy_from_slice(b"        ");
        let sum: i64 = signed.iter().map(|&b| b as i8 as i64).sum();
        let text = bkpaas_testkit::tar::octal(sum as u64, 7);
        signed[148..155].copy_from_slice(&text);
        signed[155] = 0;
        assert!(checksum_ok(&signed));
    }

    #[test]
    fn numbers() {
        assert_eq!(number(b"0000644\0"), Some(0o644));
        assert_eq!(number(b"  17 \0\0\0"), Some(0o17));
        assert_eq!(number(b"\0\0\0"), Some(0));
        assert_eq!(number(b""), None);
        assert_eq!(number(b"0009"), None);
        assert_eq!(number(&[0x80, 0, 0, 1, 0]), Some(256));
        assert_eq!(number(&[0xff, 0, 0]), None);
        assert_eq!(number(&[0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), None);
        assert_eq!(number(b"7777777777777777777777777"), None);
    }
}
