//! Archive check by content, as the apiserver does (a zip check, else `tar -tf`): zip, or tar plain / gzip /
//! bzip2 / xz, told apart by the platform's magic-byte rule (`bkpaas_rules::archive::sniff`). Reads the whole archive (every tar header checksum, every compressed byte) so a corrupt file is
//! caught, and picks up `app_desc.yaml` (root or one folder down) on the way. Blocking: run it off the runtime.

use bkpaas_rules::archive::{sniff, Kind, SNIFF_LEN};
use bkpaas_rules::{app_desc, tar};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// The archive is not one the server accepts (not an archive, or damaged).
#[derive(Debug)]
pub struct Corrupt;

impl From<io::Error> for Corrupt {
    fn from(_: io::Error) -> Corrupt {
        Corrupt
    }
}

/// Largest `app_desc.yaml` read; a bigger one is ignored.
const APP_DESC_MAX: u64 = 1 << 20;

/// Checks the archive at `path`; returns the bytes of its `app_desc.yaml`, if any.
pub fn check(path: &Path) -> Result<Option<Vec<u8>>, Corrupt> {
    let mut file = File::open(path)?;
    let mut head = [0u8; SNIFF_LEN];
    let n = read_full(&mut file, &mut head)?;
    file.seek(SeekFrom::Start(0))?;
    let reader = BufReader::with_capacity(1 << 16, file);
    let app_desc = match sniff(&head[..n]).ok_or(Corrupt)? {
        Kind::Zip => zip_app_desc(reader.into_inner())?,
        Kind::Gzip => walk_tar(Streamed(flate2::read::MultiGzDecoder::new(reader)))?,
        Kind::Bzip2 => walk_tar(Streamed(bzip2::read::MultiBzDecoder::new(reader)))?,
        Kind::Xz => walk_tar(Streamed(liblzma::read::XzDecoder::new_multi_decoder(reader)))?,
        Kind::Tar => walk_tar(reader)?,
    };
    Ok(app_desc)
}

/// Reads as much of `buf` as the stream has; the count read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Keeps the shallowest `app_desc.yaml` seen.
#[derive(Default)]
struct AppDesc(Option<(u8, Vec<u8>)>);

impl AppDesc {
    fn wants(&self, name: &str, size: u64) -> Option<u8> {
        let depth = app_desc::depth(name.as_bytes())?;
        let better = self.0.as_ref().is_none_or(|(d, _)| depth < *d);
        (better && size <= APP_DESC_MAX).then_some(depth)
    }
}

/// A tar stream whose member data can be passed over: read and dropped when compressed (every byte must be
/// decompressed to be checked), skipped with a seek in a plain tar (its data has nothing to check).
trait TarSource: Read {
    /// Passes over `n` bytes; how many there were.
    fn pass(&mut self, n: u64) -> io::Result<u64>;
}

struct Streamed<R>(R);

impl<R: Read> Read for Streamed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl<R: Read> TarSource for Streamed<R> {
    fn pass(&mut self, n: u64) -> io::Result<u64> {
        io::copy(&mut self.0.by_ref().take(n), &mut io::sink())
    }
}

impl TarSource for BufReader<File> {
    fn pass(&mut self, n: u64) -> io::Result<u64> {
        let at = self.stream_position()?;
        let to = at.saturating_add(n).min(self.get_ref().metadata()?.len());
        self.seek(SeekFrom::Start(to))?;
        Ok(to - at)
    }
}

fn walk_tar(mut r: impl TarSource) -> Result<Option<Vec<u8>>, Corrupt> {
    let mut block = [0u8; 512];
    let mut entries = 0u64;
    let mut next_name: Option<String> = None;
    let mut app_desc = AppDesc::default();
    loop {
        match read_full(&mut r, &mut block)? {
            0 if entries > 0 => break, // no end-of-archive blocks: tar accepts that
            512 => {}
            _ => return Err(Corrupt),
        }
        if block.iter().all(|b| *b == 0) {
            break;
        }
        if !tar::checksum_ok(&block) {
            return Err(Corrupt);
        }
        entries += 1;
        let size = tar::number(&block[124..136]).ok_or(Corrupt)?;
        let padded = size.div_ceil(512) * 512;
        let name = next_name.take().unwrap_or_else(|| header_name(&block));
        let data = match block[156] {
            b'L' | b'x' if size <= APP_DESC_MAX => read_data(&mut r, size, padded)?,
            b'0' | 0 | b'7' => match app_desc.wants(&name, size) {
                Some(depth) => {
                    app_desc.0 = Some((depth, read_data(&mut r, size, padded)?));
                    continue;
                }
                None => skip(&mut r, padded)?,
            },
            _ => skip(&mut r, padded)?,
        };
        match block[156] {
            b'L' => next_name = Some(String::from_utf8_lossy(data.split(|b| *b == 0).next().unwrap_or(&[])).into_owned()),
            b'x' => next_name = pax_path(&data),
            _ => {}
        }
    }
    // Read to the end, so damage after the last entry (a bad gzip trailer) is found too.
    r.pass(u64::MAX)?;
    Ok(app_desc.0.map(|(_, bytes)| bytes))
}

fn read_data(r: &mut impl Read, size: u64, padded: u64) -> Result<Vec<u8>, Corrupt> {
    let mut data = vec![0u8; padded as usize];
    if read_full(r, &mut data)? != data.len() {
        return Err(Corrupt);
    }
    data.truncate(size as usize);
    Ok(data)
}

fn skip(r: &mut impl TarSource, padded: u64) -> Result<Vec<u8>, Corrupt> {
    if r.pass(padded)? != padded {
        return Err(Corrupt);
    }
    Ok(Vec::new())
}

fn cstr(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.split(|b| *b == 0).next().unwrap_or(&[])).into_owned()
}

fn header_name(block: &[u8; 512]) -> String {
    let name = cstr(&block[..100]);
    if &block[257..262] == b"ustar" {
        let prefix = cstr(&block[345..500]);
        if !prefix.is_empty() {
            return format!("{prefix}/{name}");
        }
    }
    name
}

/// The `path` record of a pax extended header ("LEN path=VALUE\n").
fn pax_path(data: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(data);
    text.lines()
        .find_map(|line| line.split_once(' ')?.1.strip_prefix("path=").map(str::to_string))
}

fn u16_at(b: &[u8], i: usize) -> u64 {
    u64::from(u16::from_le_bytes([b[i], b[i + 1]]))
}

fn u32_at(b: &[u8], i: usize) -> u64 {
    u64::from(u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]))
}

/// Zip: the end-of-central-directory record, every central entry and the local header it points to.
fn zip_app_desc(mut file: File) -> Result<Option<Vec<u8>>, Corrupt> {
    let len = file.metadata()?.len();
    let tail_len = len.min(22 + 65_535);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail)?;
    let eocd = (0..tail.len().saturating_sub(21))
        .rev()
        .find(|&i| tail[i..].starts_with(b"PK\x05\x06"))
        .ok_or(Corrupt)?;
    let (count, cd_size, cd_offset) = (u16_at(&tail, eocd + 10), u32_at(&tail, eocd + 12), u32_at(&tail, eocd + 16));
    if count == 0xffff || cd_offset == 0xffff_ffff {
        return Ok(None); // zip64: the record is there; entries are not walked
    }
    let eocd_at = len - tail_len + eocd as u64;
    if cd_offset + cd_size > eocd_at || cd_size > 64 << 20 {
        return Err(Corrupt);
    }
    file.seek(SeekFrom::Start(cd_offset))?;
    let mut cd = vec![0u8; cd_size as usize];
    file.read_exact(&mut cd)?;
    let (mut at, mut app_desc) = (0usize, AppDesc::default());
    for _ in 0..count {
        let entry = cd.get(at..at + 46).ok_or(Corrupt)?;
        if !entry.starts_with(b"PK\x01\x02") {
            return Err(Corrupt);
        }
        let (method, compressed, size) = (u16_at(entry, 10), u32_at(entry, 20), u32_at(entry, 24));
        let (name_len, extra_len, comment_len) = (u16_at(entry, 28) as usize, u16_at(entry, 30) as usize, u16_at(entry, 32) as usize);
        let local = u32_at(entry, 42);
        let name = String::from_utf8_lossy(cd.get(at + 46..at + 46 + name_len).ok_or(Corrupt)?).into_owned();
        at += 46 + name_len + extra_len + comment_len;

        let mut header = [0u8; 30];
        file.seek(SeekFrom::Start(local))?;
        file.read_exact(&mut header)?;
        if !header.starts_with(b"PK\x03\x04") {
            return Err(Corrupt);
        }
        if let Some(depth) = app_desc.wants(&name, size) {
            let data_at = local + 30 + u16_at(&header, 26) + u16_at(&header, 28);
            file.seek(SeekFrom::Start(data_at))?;
            let raw = (&mut file).take(compressed);
            let mut text = Vec::new();
            match method {
                0 => raw.take(APP_DESC_MAX).read_to_end(&mut text)?,
                8 => flate2::read::DeflateDecoder::new(raw).take(APP_DESC_MAX).read_to_end(&mut text)?,
                _ => continue,
            };
            app_desc.0 = Some((depth, text));
        }
    }
    Ok(app_desc.0.map(|(_, bytes)| bytes))
}

#[cfg(test)]
mod properties {
    //! The check over any file: never a panic; every archive built right passes, with the shallowest
    //! `app_desc.yaml` found; damage the server would refuse is refused.
    use super::*;
    use bkpaas_testkit::tar::{header, tar};
    use proptest::prelude::*;
    use std::io::Write;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// Checks `bytes` written to a file of its own.
    fn check_bytes(bytes: &[u8]) -> Result<Option<Vec<u8>>, Corrupt> {
        static N: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "bkpaas-emulator-archive-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, bytes).unwrap();
        let result = check(&path);
        let _ = std::fs::remove_file(&path);
        result
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn entries() -> impl Strategy<Value = Vec<(String, Vec<u8>)>> {
        let name = prop_oneof![
            "[a-z]{1,8}(/[a-z]{1,8}){0,2}",
            Just("app_desc.yaml".to_string()),
            "[a-z]{1,5}/app_desc.yaml"
        ];
        proptest::collection::vec((name, proptest::collection::vec(any::<u8>(), 0..1500)), 1..5)
    }

    /// The `app_desc.yaml` the server reads: the shallowest, the first of equals.
    fn expected(entries: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
        let mut best: Option<(u8, &Vec<u8>)> = None;
        for (name, data) in entries {
            if let Some(d) = bkpaas_rules::app_desc::depth(name.as_bytes()) {
                if best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, data));
                }
            }
        }
        best.map(|(_, data)| data.clone())
    }

    fn build(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
        let refs: Vec<(&[u8], &[u8])> = entries.iter().map(|(n, d)| (n.as_bytes(), d.as_slice())).collect();
        tar(&refs)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        #[test]
        fn any_file_is_checked_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..3000), magic in 0usize..6) {
            let mut bytes = bytes;
            // Give some inputs a real magic, so the walkers behind it see garbage too.
            let heads: [&[u8]; 6] = [b"", &[0x1f, 0x8b, 8], b"BZh9", &[0xfd, b'7', b'z', b'X', b'Z', 0], b"PK\x03\x04", b"PK\x05\x06"];
            bytes.splice(0..0, heads[magic].iter().copied());
            let result = check_bytes(&bytes);
            if bkpaas_rules::archive::sniff(&bytes).is_none() {
                prop_assert!(result.is_err(), "what the rules do not know as an archive is refused");
            }
        }

        #[test]
        fn built_archives_pass_with_their_app_desc(entries in entries(), compress in any::<bool>()) {
            let t = build(&entries);
            let file = if compress { gzip(&t) } else { t };
            let found = check_bytes(&file).map_err(|_| TestCaseError::fail("a valid archive was refused"))?;
            prop_assert_eq!(found, expected(&entries));
        }

        #[test]
        fn damage_is_refused(entries in entries(), at in 0usize..512, delta in 1u8..=255, cut in any::<usize>(), compress in any::<bool>()) {
            let t = build(&entries);
            // A changed byte in the first header: its checksum no longer adds up.
            prop_assume!(!(148..156).contains(&at));
            let mut bad = t.clone();
            bad[at] = bad[at].wrapping_add(delta);
            let bad = if compress { gzip(&bad) } else { bad };
            prop_assert!(check_bytes(&bad).is_err(), "a changed header byte passed");
            // Cut inside the first entry's header or data.
            let first = header(entries[0].0.as_bytes(), entries[0].1.len() as u64, b'0').len() + entries[0].1.len();
            let keep = cut % first;
            let short = &t[..keep.max(1)];
            let short = if compress { gzip(short) } else { short.to_vec() };
            prop_assert!(check_bytes(&short).is_err(), "a cut archive passed");
        }
    }
}
