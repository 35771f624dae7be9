//! What the server accepts, told by content (a zip check, else GNU `tar -tf`, which undoes gzip, bzip2 and xz):
//! the archive kind from a file's first bytes, and the file-name extensions that promise each kind.

use crate::tar;

/// How many leading bytes [`sniff`] needs (a tar header); fewer is fine for the compressed kinds and zip.
pub const SNIFF_LEN: usize = tar::BLOCK;

/// An archive kind the server accepts. The numbers are stable (inspect's wasm reports them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tar = 1,
    Gzip = 2,
    Bzip2 = 3,
    Xz = 4,
    Zip = 5,
}

impl Kind {
    /// The container or compression: `tar`, `gzip`, `bzip2`, `xz`, `zip`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Tar => "tar",
            Kind::Gzip => "gzip",
            Kind::Bzip2 => "bzip2",
            Kind::Xz => "xz",
            Kind::Zip => "zip",
        }
    }

    /// The package type as users say it: `tar`, `tar.gz`, `tar.bz2`, `tar.xz`, `zip`.
    pub fn package_type(self) -> &'static str {
        match self {
            Kind::Tar => "tar",
            Kind::Gzip => "tar.gz",
            Kind::Bzip2 => "tar.bz2",
            Kind::Xz => "tar.xz",
            Kind::Zip => "zip",
        }
    }
}

/// The archive kind of a file from its first bytes ([`SNIFF_LEN`] are enough), or `None` for none the server takes.
/// gzip needs its deflate method byte (8, the only one defined), bzip2 a block-size digit after `BZh`, xz its six
/// magic bytes, zip a local file header or the end record of an empty zip; a plain tar is a header with "ustar"
/// at 257, or an old v7 header (no magic) whose checksum adds up.
pub fn sniff(head: &[u8]) -> Option<Kind> {
    match head {
        [0x1f, 0x8b, 8, ..] => Some(Kind::Gzip),
        [b'B', b'Z', b'h', b'1'..=b'9', ..] => Some(Kind::Bzip2),
        [0xfd, b'7', b'z', b'X', b'Z', 0, ..] => Some(Kind::Xz),
        [b'P', b'K', 3, 4, ..] | [b'P', b'K', 5, 6, ..] => Some(Kind::Zip),
        _ if tar::is_first_header(head) => Some(Kind::Tar),
        _ => None,
    }
}

/// The archive extensions, longest first, each with the kind it promises (the server itself ignores the name).
pub const EXTENSIONS: [(&str, Kind); 9] = [
    (".tar.gz", Kind::Gzip),
    (".tar.bz2", Kind::Bzip2),
    (".tar.xz", Kind::Xz),
    (".tbz2", Kind::Bzip2),
    (".tgz", Kind::Gzip),
    (".tbz", Kind::Bzip2),
    (".txz", Kind::Xz),
    (".tar", Kind::Tar),
    (".zip", Kind::Zip),
];

/// The archive extension `name` ends with (any case), and the kind it promises.
pub fn extension(name: &str) -> Option<(&'static str, Kind)> {
    let bytes = name.as_bytes();
    EXTENSIONS.iter().copied().find(|(ext, _)| {
        bytes.len() >= ext.len()
            && bytes
                .get(bytes.len() - ext.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(ext.as_bytes()))
    })
}

/// `name` without its archive extension; a name that is only an extension (`.tgz`) is kept whole.
pub fn strip_extension(name: &str) -> &str {
    match extension(name) {
        Some((ext, _)) if name.len() > ext.len() => name.get(..name.len() - ext.len()).unwrap_or(name),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bkpaas_testkit::tar::{header, v7_header};

    #[test]
    fn knows_each_kind() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Some(Kind::Gzip));
        assert_eq!(sniff(b"BZh91AY&SY"), Some(Kind::Bzip2));
        assert_eq!(sniff(&[0xfd, b'7', b'z', b'X', b'Z', 0, 0, 4]), Some(Kind::Xz));
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Some(Kind::Zip));
        assert_eq!(sniff(b"PK\x05\x06\0\0"), Some(Kind::Zip));
        assert_eq!(sniff(&header(b"app_desc.yaml", 0, b'0')), Some(Kind::Tar));
        assert_eq!(sniff(&v7_header(b"old.txt", 0)), Some(Kind::Tar));
    }

    #[test]
    fn refuses_others() {
        for head in [
            &b""[..],
            b"hello world",
            b"BZh0",
            b"BZh",
            b"BZ",
            &[0x1f, 0x8b],
            &[0x1f, 0x8b, 7],
            b"PK\x01\x02",
            &[0xfd, b'7', b'z', b'X', b'Z'],
        ] {
            assert_eq!(sniff(head), None, "{head:?}");
        }
        assert_eq!(sniff(&[0u8; 512]), None);
        let mut broken = v7_header(b"x", 0);
        broken[0] = b'y';
        broken[1] = b'y';
        assert_eq!(sniff(&broken), None);
        // A ustar header cut short is not enough to tell.
        assert_eq!(sniff(&header(b"a", 0, b'0')[..300]), None);
    }

    #[test]
    fn extensions() {
        assert_eq!(extension("a.TAR.GZ"), Some((".tar.gz", Kind::Gzip)));
        assert_eq!(extension("a.tbz2"), Some((".tbz2", Kind::Bzip2)));
        assert_eq!(extension("a.gz"), None);
        assert_eq!(strip_extension("myapp-1.2.3.tar.gz"), "myapp-1.2.3");
        assert_eq!(strip_extension("release.Zip"), "release");
        assert_eq!(strip_extension(".tgz"), ".tgz");
        assert_eq!(strip_extension("包.tar"), "包");
        assert_eq!(strip_extension("a.b"), "a.b");
        for (ext, kind) in EXTENSIONS {
            assert_eq!(extension(&["x", ext].concat()).map(|e| e.1), Some(kind));
        }
    }
}
