//! zip, read from the end as the server's Python `zipfile` does: the end-of-central-directory record in the last
//! 64 KiB (the last signature wins, as in `zipfile`), the central directory streamed in chunks until app_desc.yaml's
//! entry, then that entry's local header and data. Nothing else of the archive is read.

use crate::error::{Error, Result};
use crate::gzip::Inflater;
use crate::tar::MAX_APP_DESC;
use alloc::vec::Vec;
use bkpaas_rules::app_desc;

const EOCD: usize = 22;
const LOCATOR64: usize = 20;
const EOCD64: usize = 56;
const CENTRAL: usize = 46;
const LOCAL: usize = 30;
/// How much of the end to read: the record, the longest comment, and a zip64 record and locator before them.
pub const TAIL: u64 = (EOCD + 0xffff + LOCATOR64 + EOCD64) as u64;

fn u16le(b: &[u8], at: usize) -> u64 {
    u16::from_le_bytes([b[at], b[at + 1]]) as u64
}
fn u32le(b: &[u8], at: usize) -> u64 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as u64
}
fn u64le(b: &[u8], at: usize) -> u64 {
    u32le(b, at) | u32le(b, at + 4) << 32
}

/// The central directory's place in the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Directory {
    pub start: u64,
    pub size: u64,
    /// Bytes of data before the archive proper (a self-extractor stub): added to every recorded offset.
    pub shift: u64,
}

/// Finds the central directory from the file's last bytes (`tail`, which ends at the end of the file).
pub fn find_directory(tail: &[u8], file_len: u64) -> Result<Directory> {
    const NO_EOCD: Error = Error::Corrupt("zip end-of-central-directory record not found");
    if tail.len() < EOCD {
        return Err(NO_EOCD);
    }
    let tail_start = file_len - tail.len() as u64;
    let exact = tail.len() - EOCD;
    let at = if tail[exact..].starts_with(b"PK\x05\x06") && u16le(tail, exact + 20) == 0 {
        exact
    } else {
        (0..=exact).rev().find(|&i| tail[i..].starts_with(b"PK\x05\x06")).ok_or(NO_EOCD)?
    };
    let (mut size, mut offset) = (u32le(tail, at + 12), u32le(tail, at + 16));
    let mut records_start = at;
    if at >= LOCATOR64 + EOCD64 && tail[at - LOCATOR64..].starts_with(b"PK\x06\x07") {
        // zip64: the record sits right before its locator.
        let z = at - LOCATOR64 - EOCD64;
        if !tail[z..].starts_with(b"PK\x06\x06") {
            return Err(Error::Corrupt("zip64 end-of-central-directory record not found"));
        }
        size = u64le(tail, z + 40);
        offset = u64le(tail, z + 48);
        records_start = z;
    }
    let end = tail_start + records_start as u64;
    let start = end
        .checked_sub(size)
        .ok_or(Error::Corrupt("zip central directory is larger than the file"))?;
    let shift = start
        .checked_sub(offset)
        .ok_or(Error::Corrupt("zip central directory offset is past its end"))?;
    Ok(Directory { start, size, shift })
}

/// The central directory entry of app_desc.yaml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: Vec<u8>,
    pub method: u16,
    pub encrypted: bool,
    pub compressed: u64,
    pub uncompressed: u64,
    /// The local header's offset in the file.
    pub local: u64,
}

impl Entry {
    /// How much to read at `local` for the header and the data (the local extra field may differ from the central one).
    pub fn read_len(&self) -> u64 {
        (LOCAL + 0xffff + 0xffff) as u64 + self.compressed
    }
}

/// Walks central directory records fed in chunks; keeps at most one record's bytes between chunks.
pub struct DirWalker {
    carry: Vec<u8>,
    shift: u64,
}

impl DirWalker {
    pub fn new(dir: &Directory) -> Self {
        DirWalker {
            carry: Vec::new(),
            shift: dir.shift,
        }
    }

    /// The first app_desc.yaml entry among the records completed by `data`.
    pub fn feed(&mut self, data: &[u8]) -> Result<Option<Entry>> {
        self.carry.extend_from_slice(data);
        let mut at = 0;
        let mut found = None;
        while self.carry.len() - at >= CENTRAL {
            let r = &self.carry[at..];
            if !r.starts_with(b"PK\x01\x02") {
                return Err(Error::Corrupt("bad zip central directory record"));
            }
            let (n, m, k) = (u16le(r, 28) as usize, u16le(r, 30) as usize, u16le(r, 32) as usize);
            let len = CENTRAL + n + m + k;
            if r.len() < len {
                break;
            }
            let name = &r[CENTRAL..CENTRAL + n];
            if app_desc::depth(name).is_some() {
                found = Some(self.entry(r, name, &r[CENTRAL + n..CENTRAL + n + m])?);
                break;
            }
            at += len;
        }
        self.carry.drain(..at);
        Ok(found)
    }

    /// True when the directory ended on a record boundary.
    pub fn clean(&self) -> bool {
        self.carry.is_empty()
    }

    fn entry(&self, r: &[u8], name: &[u8], mut extra: &[u8]) -> Result<Entry> {
        let (mut compressed, mut uncompressed, mut local) = (u32le(r, 20), u32le(r, 24), u32le(r, 42));
        // zip64 extra field: the 8-byte values present are those whose 32-bit field is 0xffffffff, in this order.
        while extra.len() >= 4 {
            let (id, len) = (u16le(extra, 0), u16le(extra, 2) as usize);
            let body = extra.get(4..4 + len).ok_or(Error::Corrupt("bad zip extra field"))?;
            if id == 1 {
                let mut vals = body.chunks_exact(8).map(|c| u64le(c, 0));
                for field in [&mut uncompressed, &mut compressed, &mut local] {
                    if *field == 0xffff_ffff {
                        *field = vals.next().ok_or(Error::Corrupt("bad zip64 extra field"))?;
                    }
                }
            }
            extra = &extra[4 + len..];
        }
        Ok(Entry {
            name: name.to_vec(),
            method: u16le(r, 10) as u16,
            encrypted: u16le(r, 8) & 1 != 0,
            compressed,
            uncompressed,
            local: local.checked_add(self.shift).ok_or(Error::Corrupt("bad zip offset"))?,
        })
    }
}

/// app_desc.yaml's content from the bytes read at its local header.
pub fn extract(e: &Entry, data: &[u8]) -> Result<Vec<u8>> {
    if e.encrypted {
        return Err(Error::Limit("app_desc.yaml is encrypted"));
    }
    if e.uncompressed > MAX_APP_DESC || e.compressed > 2 * MAX_APP_DESC {
        return Err(Error::Limit("app_desc.yaml is larger than 64 KiB"));
    }
    const TRUNCATED: Error = Error::Corrupt("zip entry truncated");
    if data.len() < LOCAL || !data.starts_with(b"PK\x03\x04") {
        return Err(Error::Corrupt("bad zip local header"));
    }
    let start = LOCAL + u16le(data, 26) as usize + u16le(data, 28) as usize;
    let body = data.get(start..start + e.compressed as usize).ok_or(TRUNCATED)?;
    match e.method {
        0 => Ok(body.to_vec()),
        8 => {
            let mut out = Vec::new();
            let mut inflater = Inflater::new(MAX_APP_DESC);
            inflater.feed(body, &mut |o| {
                out.extend_from_slice(o);
                Ok(true)
            })?;
            if !inflater.ended {
                return Err(TRUNCATED);
            }
            Ok(out)
        }
        _ => Err(Error::Limit(
            "app_desc.yaml uses a zip compression method other than stored or deflate",
        )),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip of (name, content, deflate?) entries with a comment; offsets as a real writer lays them out.
    pub fn zip(entries: &[(&[u8], &[u8], bool)], comment: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data, deflate) in entries {
            let body = if *deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let method: u16 = if *deflate { 8 } else { 0 };
            let local = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04\x14\0\0\0");
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0; 8]); // time, date, crc (not checked)
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name);
            out.extend_from_slice(&body);
            central.extend_from_slice(b"PK\x01\x02\x14\0\x14\0\0\0");
            central.extend_from_slice(&method.to_le_bytes());
            central.extend_from_slice(&[0; 8]);
            central.extend_from_slice(&(body.len() as u32).to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&local.to_le_bytes());
            central.extend_from_slice(name);
        }
        let cd_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&(comment.len() as u16).to_le_bytes());
        out.extend_from_slice(comment);
        out
    }

    fn read(z: &[u8], chunk: usize) -> Result<Option<Vec<u8>>> {
        let tail = &z[z.len().saturating_sub(TAIL as usize)..];
        let dir = find_directory(tail, z.len() as u64)?;
        let mut w = DirWalker::new(&dir);
        let cd = z
            .get(dir.start as usize..(dir.start + dir.size) as usize)
            .ok_or(Error::Corrupt("x"))?;
        for c in cd.chunks(chunk) {
            if let Some(e) = w.feed(c)? {
                let local = &z[e.local as usize..];
                return extract(&e, &local[..local.len().min(e.read_len() as usize)]).map(Some);
            }
        }
        if w.clean() {
            Ok(None)
        } else {
            Err(Error::Corrupt("bad zip central directory record"))
        }
    }

    #[test]
    fn finds_entries_stored_and_deflated() {
        for chunk in [1, 50, 1 << 20] {
            let z = zip(&[(b"a.txt", b"aaa", true), (b"pkg/app_desc.yaml", b"spec_version: 2\n", true)], b"");
            assert_eq!(read(&z, chunk), Ok(Some(b"spec_version: 2\n".to_vec())));
            let z = zip(&[(b"app_desc.yaml", b"specVersion: 3", false), (b"b", b"", false)], b"a comment");
            assert_eq!(read(&z, chunk), Ok(Some(b"specVersion: 3".to_vec())));
            let z = zip(&[(b"a/b/app_desc.yaml", b"x", false)], b"");
            assert_eq!(read(&z, chunk), Ok(None));
        }
    }

    #[test]
    fn prepended_stub_shifts_offsets() {
        let z = [vec![b'#'; 1000], zip(&[(b"app_desc.yaml", b"ok", true)], b"")].concat();
        assert_eq!(read(&z, 7), Ok(Some(b"ok".to_vec())));
    }

    #[test]
    fn hostile_zips_end_in_errors() {
        let good = zip(&[(b"app_desc.yaml", b"specVersion: 3", false)], b"");
        // A fake end record hidden in the comment, pointing past the file (the last signature wins, as in Python).
        let mut fake = b"PK\x05\x06\0\0\0\0\x01\0\x01\0".to_vec();
        fake.extend_from_slice(&u32::MAX.to_le_bytes());
        fake.extend_from_slice(&u32::MAX.to_le_bytes());
        fake.extend_from_slice(&0u16.to_le_bytes());
        let z = zip(&[(b"app_desc.yaml", b"x", false)], &fake);
        assert!(matches!(read(&z, 64), Err(Error::Corrupt(_))));
        // A comment length running past the end, and a tail with no record at all.
        let mut z = good.clone();
        let n = z.len();
        z[n - 2] = 0xff;
        assert!(read(&z, 64).is_ok()); // still found by the backward scan, as zipfile does
        assert!(matches!(read(b"PK\x03\x04 not really a zip", 64), Err(Error::Corrupt(_))));
        assert!(matches!(find_directory(b"short", 5), Err(Error::Corrupt(_))));
        // A directory offset that does not point at a record.
        let mut z = good.clone();
        let n = z.len();
        z[n - 6..n - 2].copy_from_slice(&3u32.to_le_bytes());
        z[n - 10..n - 6].copy_from_slice(&10u32.to_le_bytes());
        assert!(read(&z, 64).is_err());
        // Truncated data and huge sizes.
        let e = Entry {
            name: b"app_desc.yaml".to_vec(),
            method: 0,
            encrypted: false,
            compressed: 100,
            uncompressed: 100,
            local: 0,
        };
        let mut local = good[..30].to_vec();
        local[26] = 13;
        assert_eq!(extract(&e, &local), Err(Error::Corrupt("zip entry truncated")));
        let huge = Entry {
            compressed: u64::MAX,
            uncompressed: 1 << 40,
            ..e.clone()
        };
        assert!(matches!(extract(&huge, &good), Err(Error::Limit(_))));
        let encrypted = Entry {
            encrypted: true,
            ..e.clone()
        };
        assert!(matches!(extract(&encrypted, &good), Err(Error::Limit(_))));
        // A deflate entry whose data inflates past 64 KiB though its header says otherwise.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![0u8; 1 << 20], 9);
        let mut data = good[..30].to_vec();
        data[26..30].copy_from_slice(&[0; 4]);
        data.extend_from_slice(&bomb);
        let liar = Entry {
            method: 8,
            compressed: bomb.len() as u64,
            uncompressed: 10,
            ..e
        };
        assert!(matches!(extract(&liar, &data), Err(Error::Limit(_))));
    }
}
