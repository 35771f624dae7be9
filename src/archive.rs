//! What the server accepts, told by content: tar (plain, gzip, bzip2, xz) or zip. Only the first 512 bytes are read.

/// How many leading bytes `sniff` needs.
pub const SNIFF_LEN: u32 = 512;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tar,
    Gzip,
    Bzip2,
    Xz,
    Zip,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Tar => "tar",
            Kind::Gzip => "gzip",
            Kind::Bzip2 => "bzip2",
            Kind::Xz => "xz",
            Kind::Zip => "zip",
        }
    }
}

/// The archive kind of a file from its first bytes, or `None` when it is none the server accepts.
pub fn sniff(head: &[u8]) -> Option<Kind> {
    match head {
        [0x1f, 0x8b, ..] => Some(Kind::Gzip),
        [b'B', b'Z', b'h', b'1'..=b'9', ..] => Some(Kind::Bzip2),
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Some(Kind::Xz),
        // A local file header, or the end record of an empty zip.
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Some(Kind::Zip),
        _ if is_tar_header(head) => Some(Kind::Tar),
        _ => None,
    }
}

/// A POSIX/GNU tar header ("ustar" at 257), or an old v7 header whose checksum adds up.
fn is_tar_header(head: &[u8]) -> bool {
    let (Some(header), Some(magic), Some(checksum)) = (head.get(..512), head.get(257..262), head.get(148..156)) else {
        return false;
    };
    if magic == b"ustar" {
        return true;
    }
    let stored = checksum.iter().filter(|b| b.is_ascii_digit()).fold(0u32, |acc, b| acc * 8 + (b - b'0') as u32);
    let sum: u32 = header.iter().enumerate().map(|(i, &b)| if (148..156).contains(&i) { 32 } else { b as u32 }).sum();
    header[0] != 0 && stored == sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tar_header(name: &str, ustar: bool) -> Vec<u8> {
        let mut h = vec![0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..107].copy_from_slice(b"0000644");
        h[124..135].copy_from_slice(b"00000000000");
        if ustar {
            h[257..263].copy_from_slice(b"ustar\0");
        }
        h[148..156].fill(b' ');
        let sum: u32 = h.iter().map(|&b| b as u32).sum();
        let digits = format!("{sum:06o}\0 ");
        h[148..156].copy_from_slice(digits.as_bytes());
        h
    }

    #[test]
    fn knows_each_kind() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Some(Kind::Gzip));
        assert_eq!(sniff(b"BZh91AY&SY"), Some(Kind::Bzip2));
        assert_eq!(sniff(&[0xfd, b'7', b'z', b'X', b'Z', 0, 0, 4]), Some(Kind::Xz));
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Some(Kind::Zip));
        assert_eq!(sniff(b"PK\x05\x06\0\0"), Some(Kind::Zip));
        assert_eq!(sniff(&tar_header("app_desc.yaml", true)), Some(Kind::Tar));
        assert_eq!(sniff(&tar_header("old.txt", false)), Some(Kind::Tar));
    }

    #[test]
    fn refuses_others() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"hello world"), None);
        assert_eq!(sniff(b"BZh0"), None);
        assert_eq!(sniff(&[0u8; 512]), None);
        let mut broken = tar_header("x", false);
        broken[0] = b'y';
        broken[1] = b'y';
        assert_eq!(sniff(&broken), None);
    }
}
