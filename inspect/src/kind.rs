//! The archive type from its first bytes, as the server decides it (by content, not by name).

use crate::tar;

/// An archive type the server accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tar = 1,
    TarGz = 2,
    TarBz2 = 3,
    TarXz = 4,
    Zip = 5,
}

/// The type of a file from its head (the first 512 bytes or more are enough for every type).
pub fn detect(head: &[u8]) -> Option<Kind> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some(Kind::TarGz)
    } else if head.starts_with(b"BZh") {
        Some(Kind::TarBz2)
    } else if head.starts_with(&[0xfd, b'7', b'z', b'X', b'Z', 0]) {
        Some(Kind::TarXz)
    } else if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Some(Kind::Zip)
    } else if head.len() >= tar::BLOCK
        && (&head[257..262] == b"ustar" || tar::checksum_ok(&head[..tar::BLOCK]))
    {
        // Old v7 archives have no magic; a valid header checksum identifies them.
        Some(Kind::Tar)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes() {
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        assert_eq!(detect(&tar), Some(Kind::Tar));
        assert_eq!(detect(&[0x1f, 0x8b, 8, 0]), Some(Kind::TarGz));
        assert_eq!(detect(b"BZh91AY"), Some(Kind::TarBz2));
        assert_eq!(
            detect(&[0xfd, b'7', b'z', b'X', b'Z', 0, 0]),
            Some(Kind::TarXz)
        );
        assert_eq!(detect(b"PK\x03\x04rest"), Some(Kind::Zip));
        assert_eq!(detect(b"PK\x05\x06rest"), Some(Kind::Zip));
        assert_eq!(detect(b"hello world"), None);
        assert_eq!(detect(&[0u8; 512]), None);
        assert_eq!(detect(&[]), None);
    }
}
