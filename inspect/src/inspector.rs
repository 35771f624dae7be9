//! The driver: asks for byte ranges of the file ([`Inspector::want`]), is handed them ([`Inspector::give`]) and
//! walks the archive with the format's walker, so the caller (JS, reading a Blob) holds one chunk at a time.

use crate::appdesc::{self, AppDesc};
use crate::error::{Error, Result};
use crate::gzip::{self, Inflater};
use crate::tar::{Status, TarWalker};
use crate::zip::{self, DirWalker, Entry};
use alloc::vec::Vec;
use bkpaas_rules::archive::{self, Kind};

/// Bytes read at a time.
pub const CHUNK: u64 = 256 * 1024;
/// A gzip may inflate to this much, or to `BOMB_RATIO` times its size if more; beyond, it looks like a bomb.
const BOMB_FLOOR: u64 = 1 << 30;
const BOMB_RATIO: u64 = 100;

/// Why the content was not (fully) inspected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No archive type matches the first bytes.
    NotArchive,
    /// The archive is malformed; the server will refuse it too.
    Corrupt(&'static str),
    /// The type is known but the content was not read: bzip2/xz, or a safety cap was reached.
    NotInspected(&'static str),
}

/// What inspection found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub kind: Option<Kind>,
    /// The member path of app_desc.yaml, as stored.
    pub path: Option<Vec<u8>>,
    pub desc: Option<AppDesc>,
    pub problem: Option<Problem>,
}

enum Stage {
    Head,
    Tar {
        walker: TarWalker,
        at: u64,
    },
    /// `start`: where the deflate data begins, after the gzip header.
    Gzip {
        walker: TarWalker,
        inflater: Inflater,
        at: u64,
        start: u64,
    },
    ZipTail,
    ZipDir {
        walker: DirWalker,
        at: u64,
        end: u64,
    },
    ZipEntry(Entry),
    Done,
}

pub struct Inspector {
    size: u64,
    stage: Stage,
    pub report: Report,
}

impl Inspector {
    pub fn new(size: u64) -> Self {
        Inspector {
            size,
            stage: Stage::Head,
            report: Report::default(),
        }
    }

    /// The next range to read as (offset, length), or None when inspection is over.
    pub fn want(&self) -> Option<(u64, u64)> {
        let from = |at: u64, len: u64| Some((at, len.min(self.size.saturating_sub(at))));
        match &self.stage {
            Stage::Head => from(0, CHUNK),
            Stage::Tar { at, .. } | Stage::Gzip { at, .. } => from(*at, CHUNK),
            Stage::ZipTail => from(self.size - zip::TAIL.min(self.size), zip::TAIL),
            Stage::ZipDir { at, end, .. } => Some((*at, CHUNK.min(end - at))),
            Stage::ZipEntry(e) => from(e.local, e.read_len()),
            Stage::Done => None,
        }
    }

    /// Takes the bytes of the range last asked for.
    pub fn give(&mut self, data: &[u8]) {
        if let Err(e) = self.step(data) {
            self.report.problem = Some(match e {
                Error::Corrupt(m) => Problem::Corrupt(m),
                Error::Limit(m) => Problem::NotInspected(m),
            });
            self.stage = Stage::Done;
        }
    }

    fn step(&mut self, data: &[u8]) -> Result<()> {
        const TRUNCATED: Error = Error::Corrupt("the archive ends in the middle of an entry");
        if data.is_empty() && !matches!(self.stage, Stage::Head) {
            return Err(TRUNCATED);
        }
        let size = self.size;
        match &mut self.stage {
            Stage::Head => {
                let kind = archive::sniff(data);
                self.report.kind = kind;
                self.stage = match kind {
                    None => {
                        self.report.problem = Some(Problem::NotArchive);
                        Stage::Done
                    }
                    Some(Kind::Bzip2 | Kind::Xz) => {
                        self.report.problem = Some(Problem::NotInspected("bzip2 and xz archives are not inspected"));
                        Stage::Done
                    }
                    Some(Kind::Zip) => Stage::ZipTail,
                    Some(Kind::Tar) => Stage::Tar {
                        walker: TarWalker::new(),
                        at: 0,
                    },
                    Some(Kind::Gzip) => Stage::Gzip {
                        walker: TarWalker::new(),
                        inflater: Inflater::new(BOMB_FLOOR.max(size.saturating_mul(BOMB_RATIO))),
                        at: 0,
                        start: 0,
                    },
                };
                if matches!(self.stage, Stage::Tar { .. } | Stage::Gzip { .. }) {
                    return self.step(data);
                }
            }
            Stage::Tar { walker, at } => {
                let status = walker.feed(data)?;
                if status != Status::More {
                    return self.finish(status);
                }
                *at += data.len() as u64;
                *at = at.checked_add(walker.take_skip()).ok_or(TRUNCATED)?;
                if *at > size || (*at == size && !walker.at_boundary()) {
                    return Err(TRUNCATED);
                }
                if *at == size {
                    // No end-of-archive blocks: GNU tar accepts that, and so does the server.
                    return self.finish(Status::End);
                }
            }
            Stage::Gzip {
                walker,
                inflater,
                at,
                start,
            } => {
                let skip = if *at == 0 { gzip::header_len(data)? } else { 0 };
                *start += skip as u64;
                let mut status = Status::More;
                inflater.feed(&data[skip..], &mut |out| {
                    status = walker.feed(out)?;
                    Ok(status == Status::More)
                })?;
                *at += data.len() as u64;
                if status == Status::More && inflater.ended {
                    // The deflate stream ended without the tar end marker: another gzip member follows (after the
                    // 8-byte trailer), or the tar inside was cut short.
                    if *start + inflater.total_in + 8 < size {
                        return Err(Error::Limit("only the first member of a multi-member gzip is read"));
                    }
                    if !walker.at_boundary() {
                        return Err(TRUNCATED);
                    }
                    status = Status::End;
                }
                if status != Status::More {
                    return self.finish(status);
                }
                if *at >= size {
                    return Err(Error::Corrupt("the gzip stream is truncated"));
                }
            }
            Stage::ZipTail => {
                let dir = zip::find_directory(data, size)?;
                if dir.size == 0 {
                    return self.finish(Status::End);
                }
                self.stage = Stage::ZipDir {
                    walker: DirWalker::new(&dir),
                    at: dir.start,
                    end: dir.start + dir.size,
                };
            }
            Stage::ZipDir { walker, at, end } => {
                if let Some(entry) = walker.feed(data)? {
                    self.stage = Stage::ZipEntry(entry);
                    return Ok(());
                }
                *at += data.len() as u64;
                if *at >= *end {
                    if !walker.clean() {
                        return Err(Error::Corrupt("bad zip central directory record"));
                    }
                    return self.finish(Status::End);
                }
            }
            Stage::ZipEntry(entry) => {
                if entry.local >= size {
                    return Err(Error::Corrupt("zip entry offset is past the end of the file"));
                }
                let content = zip::extract(entry, data)?;
                self.report.path = Some(core::mem::take(&mut entry.name));
                self.report.desc = Some(appdesc::read(&content));
                self.stage = Stage::Done;
            }
            Stage::Done => {}
        }
        Ok(())
    }

    /// Ends a tar walk: with app_desc.yaml read, or at the archive's end without it.
    fn finish(&mut self, status: Status) -> Result<()> {
        if let (Status::Found, Stage::Tar { walker, .. } | Stage::Gzip { walker, .. }) = (&status, &self.stage) {
            let (path, content) = walker.found();
            self.report.path = Some(path.to_vec());
            self.report.desc = Some(appdesc::read(content));
        }
        self.stage = Stage::Done;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zip::tests::zip;
    use bkpaas_testkit::tar::tar;

    fn inspect(file: &[u8]) -> Report {
        let mut i = Inspector::new(file.len() as u64);
        let mut reads = 0;
        while let Some((at, len)) = i.want() {
            reads += 1;
            assert!(reads < 10_000, "no progress");
            // Like Blob.slice: clamped to the file.
            let n = file.len() as u64;
            i.give(&file[at.min(n) as usize..(at + len).min(n) as usize]);
        }
        i.report
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut out = vec![0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3];
        out.extend_from_slice(b"p.tar\0");
        out.extend_from_slice(&miniz_oxide::deflate::compress_to_vec(data, 6));
        out.extend_from_slice(&[0; 8]);
        out
    }

    const V3: &[u8] = b"specVersion: 3\nappVersion: 1.2.3\nmodules:\n  - name: web\n";

    #[test]
    fn tar_gz_and_zip_first_last_nested_missing() {
        let big = vec![7u8; 700_000];
        let layouts: [&[(&[u8], &[u8])]; 3] = [
            &[(b"app_desc.yaml", V3), (b"big", &big)],
            &[(b"big", &big), (b"x/big2", &big), (b"./app_desc.yaml", V3)],
            &[(b"pkg/big", &big), (b"pkg/app_desc.yaml", V3)],
        ];
        for l in layouts {
            let t = tar(l);
            let z = zip(&l.iter().map(|(n, d)| (*n, *d, true)).collect::<Vec<_>>(), b"");
            for (file, kind) in [(t.clone(), Kind::Tar), (gz(&t), Kind::Gzip), (z, Kind::Zip)] {
                let r = inspect(&file);
                assert_eq!(r.kind, Some(kind));
                assert_eq!(r.problem, None);
                let d = r.desc.unwrap();
                assert_eq!((d.spec, d.version.as_deref()), (Some(3), Some(&b"1.2.3"[..])));
                assert_eq!(d.modules, vec![b"web".to_vec()]);
            }
        }
        let t = tar(&[(b"a/b/app_desc.yaml", V3), (b"big", &big)]);
        for file in [t.clone(), gz(&t), t[..t.len() - 1024].to_vec()] {
            let r = inspect(&file);
            assert_eq!((r.path, r.problem), (None, None));
        }
    }

    #[test]
    fn types_and_problems() {
        assert_eq!(inspect(b"").problem, Some(Problem::NotArchive));
        assert_eq!(inspect(b"just text").problem, Some(Problem::NotArchive));
        let r = inspect(b"BZh91AY&SY");
        assert_eq!(
            (r.kind, matches!(r.problem, Some(Problem::NotInspected(_)))),
            (Some(Kind::Bzip2), true)
        );
        // Incompressible filler, so that a cut gzip is cut inside it.
        let noise: Vec<u8> = (0..5000u32)
            .scan(1u32, |s, _| {
                *s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                Some((*s >> 16) as u8)
            })
            .collect();
        let t = tar(&[(b"big", &noise), (b"app_desc.yaml", V3)]);
        // Truncated everywhere: an error, never a hang or a panic.
        for cut in [600, 1000, 5000, 6000] {
            let r = inspect(&t[..cut]);
            assert!(matches!(r.problem, Some(Problem::Corrupt(_))), "cut {cut}: {:?}", r);
            let g = gz(&t);
            let r = inspect(&g[..cut.min(3000)]);
            assert!(matches!(r.problem, Some(Problem::Corrupt(_))), "gz cut {cut}: {:?}", r);
        }
        // Two gzip members: read up to the first one's end, then said so.
        let two = [gz(&t[..3072]), gz(&t[3072..])].concat();
        assert!(
            matches!(inspect(&two).problem, Some(Problem::NotInspected(_))),
            "{:?}",
            inspect(&two)
        );
        let two = [gz(&tar(&[(b"app_desc.yaml", V3)])[..1024]), gz(&[0; 1024])].concat();
        assert_eq!(inspect(&two).desc.unwrap().spec, Some(3));
        // A gzip that holds no tar.
        assert!(matches!(inspect(&gz(&[b'x'; 2000])).problem, Some(Problem::Corrupt(_))));
        // A zip whose entry points past the end of the file.
        let mut z = zip(&[(b"app_desc.yaml", V3, true)], b"");
        let n = z.len();
        let cd = n - 22 - (46 + 13);
        z[cd + 42..cd + 46].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(inspect(&z).problem, Some(Problem::Corrupt(_))));
        // A zip cut short.
        let z = zip(&[(b"app_desc.yaml", V3, true)], b"");
        assert!(matches!(inspect(&z[..z.len() - 5]).problem, Some(Problem::Corrupt(_))));
    }

    #[test]
    fn mutated_archives_never_panic_or_hang() {
        let filler: Vec<u8> = (0..3000u32).map(|i| (i * 7 % 256) as u8).collect();
        let t = tar(&[(b"a", &filler), (b"pkg/app_desc.yaml", V3), (b"b", &filler)]);
        let z = zip(&[(b"a", &filler, true), (b"pkg/app_desc.yaml", V3, true)], b"comment");
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for original in [t.clone(), gz(&t), z] {
            for _ in 0..3000 {
                let mut f = original.clone();
                for _ in 0..1 + rand() % 4 {
                    let at = (rand() % f.len() as u64) as usize;
                    f[at] = rand() as u8;
                }
                if rand() % 4 == 0 {
                    f.truncate((rand() % f.len() as u64) as usize);
                }
                inspect(&f);
            }
        }
    }

    #[test]
    fn gzip_bomb_is_capped() {
        // 2 GiB of zeros in one tar entry compresses to about 2 MiB: over 100x, so it stops at the 1 GiB floor.
        let header = bkpaas_testkit::tar::header(b"zeros", 2 << 30, b'0').to_vec();
        let mut c =
            miniz_oxide::deflate::core::CompressorOxide::new(miniz_oxide::deflate::core::create_comp_flags_from_zip_params(1, 0, 0));
        let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
        let zeros = vec![0u8; 1 << 20];
        let mut buf = vec![0u8; 1 << 20];
        use miniz_oxide::deflate::core::{compress, TDEFLFlush};
        let (_, _, n) = compress(&mut c, &header, &mut buf, TDEFLFlush::None);
        out.extend_from_slice(&buf[..n]);
        for _ in 0..2048 {
            let (_, _, n) = compress(&mut c, &zeros, &mut buf, TDEFLFlush::None);
            out.extend_from_slice(&buf[..n]);
        }
        let r = inspect(&out);
        assert!(matches!(r.problem, Some(Problem::NotInspected(_))), "{:?}", r);
    }
}
