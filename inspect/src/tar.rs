//! A streaming tar walker: fed the archive's bytes in chunks of any size, it reads each header, skips the data
//! it does not need and stops at `app_desc.yaml` (at the root or one folder down). A plain tar is not even read
//! through: the caller jumps over the data ([`TarWalker::take_skip`]); a compressed one is fed everything.

use crate::error::{Error, Result};
use alloc::vec::Vec;
use bkpaas_rules::app_desc;
use bkpaas_rules::tar::{checksum_ok, BLOCK};
/// Caps on what is kept in memory: a GNU long name or a pax header, and app_desc.yaml itself.
pub const MAX_META: u64 = 64 * 1024;
pub const MAX_APP_DESC: u64 = 64 * 1024;

/// Where the walk is.
#[derive(Debug, PartialEq, Eq)]
pub enum Status {
    /// Wants more bytes.
    More,
    /// Found app_desc.yaml: see [`TarWalker::found`].
    Found,
    /// The end-of-archive marker: no app_desc.yaml.
    End,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    LongName,
    Pax,
    AppDesc,
}

enum State {
    Header,
    /// Bytes of data (and padding) to pass over.
    Skip(u64),
    /// Bytes to keep in `buf`, then padding to pass over.
    Collect {
        what: Collect,
        left: u64,
        pad: u64,
    },
    Stopped(Status),
}

pub struct TarWalker {
    state: State,
    header: [u8; BLOCK],
    have: usize,
    buf: Vec<u8>,
    /// The next entry's path and size from a GNU long name or pax header.
    next_path: Option<Vec<u8>>,
    next_size: Option<u64>,
    found_path: Vec<u8>,
}

impl Default for TarWalker {
    fn default() -> Self {
        Self::new()
    }
}

impl TarWalker {
    pub fn new() -> Self {
        TarWalker {
            state: State::Header,
            header: [0; BLOCK],
            have: 0,
            buf: Vec::new(),
            next_path: None,
            next_size: None,
            found_path: Vec::new(),
        }
    }

    /// The path and content of app_desc.yaml once [`Status::Found`].
    pub fn found(&self) -> (&[u8], &[u8]) {
        (&self.found_path, &self.buf)
    }

    /// Hands the data still to be skipped to a caller that can seek (plain tar): it jumps, the walker forgets it.
    pub fn take_skip(&mut self) -> u64 {
        match self.state {
            State::Skip(n) => {
                self.state = State::Header;
                n
            }
            _ => 0,
        }
    }

    /// True between entries: the stream may end here without losing anything.
    pub fn at_boundary(&self) -> bool {
        matches!(self.state, State::Header | State::Skip(0)) && self.have == 0
    }

    /// Consumes `data` (all of it, unless the walk has stopped).
    pub fn feed(&mut self, mut data: &[u8]) -> Result<Status> {
        while !data.is_empty() {
            match self.state {
                State::Stopped(_) => break,
                State::Header => {
                    let n = (BLOCK - self.have).min(data.len());
                    self.header[self.have..self.have + n].copy_from_slice(&data[..n]);
                    self.have += n;
                    data = &data[n..];
                    if self.have == BLOCK {
                        self.have = 0;
                        self.state = self.header()?;
                    }
                }
                State::Skip(left) => {
                    let n = left.min(data.len() as u64);
                    data = &data[n as usize..];
                    self.state = if left == n { State::Header } else { State::Skip(left - n) };
                }
                State::Collect { what, left, pad } => {
                    let n = left.min(data.len() as u64) as usize;
                    self.buf.extend_from_slice(&data[..n]);
                    data = &data[n..];
                    if left > n as u64 {
                        self.state = State::Collect {
                            what,
                            left: left - n as u64,
                            pad,
                        };
                    } else {
                        self.state = self.collected(what, pad)?;
                    }
                }
            }
        }
        Ok(match self.state {
            State::Stopped(Status::Found) => Status::Found,
            State::Stopped(Status::End) => Status::End,
            _ => Status::More,
        })
    }

    fn header(&mut self) -> Result<State> {
        let h = &self.header;
        if h.iter().all(|&b| b == 0) {
            return Ok(State::Stopped(Status::End));
        }
        if !checksum_ok(h) {
            return Err(Error::Corrupt("tar header checksum mismatch"));
        }
        let size = match self.next_size.take() {
            Some(s) => s,
            None => number(&h[124..136])?,
        };
        let pad = (BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64;
        let typeflag = h[156];
        let what = match typeflag {
            b'L' => Some(Collect::LongName),
            b'x' => Some(Collect::Pax),
            b'0' | 0 | b'7' => {
                let path = match self.next_path.take() {
                    Some(p) => p,
                    None => ustar_path(h),
                };
                if app_desc::depth(&path).is_some() {
                    self.found_path = path;
                    Some(Collect::AppDesc)
                } else {
                    None
                }
            }
            _ => {
                self.next_path = None;
                None
            }
        };
        // Links and directories carry no data whatever their size field says.
        let data = if matches!(typeflag, b'1' | b'2' | b'5') { 0 } else { size };
        match what {
            None => Ok(State::Skip(
                data.checked_add(pad).ok_or(Error::Corrupt("tar entry size overflows"))?,
            )),
            Some(what) => {
                let cap = if what == Collect::AppDesc { MAX_APP_DESC } else { MAX_META };
                if size > cap {
                    return Err(Error::Limit(if what == Collect::AppDesc {
                        "app_desc.yaml is larger than 64 KiB"
                    } else {
                        "a tar long name or pax header is larger than 64 KiB"
                    }));
                }
                self.buf.clear();
                if size == 0 {
                    return self.collected(what, pad);
                }
                Ok(State::Collect { what, left: size, pad })
            }
        }
    }

    fn collected(&mut self, what: Collect, pad: u64) -> Result<State> {
        match what {
            Collect::AppDesc => return Ok(State::Stopped(Status::Found)),
            Collect::LongName => {
                let end = self.buf.iter().position(|&b| b == 0).unwrap_or(self.buf.len());
                self.next_path = Some(self.buf[..end].to_vec());
            }
            Collect::Pax => self.pax()?,
        }
        Ok(State::Skip(pad))
    }

    /// Pax extended header records, "<len> <key>=<value>\n": only `path` and `size` matter here.
    fn pax(&mut self) -> Result<()> {
        let mut rest = &self.buf[..];
        while !rest.is_empty() {
            let sp = rest.iter().position(|&b| b == b' ').ok_or(Error::Corrupt("malformed pax header"))?;
            let len = decimal(&rest[..sp]).ok_or(Error::Corrupt("malformed pax header"))?;
            if len <= sp as u64 + 1 || len > rest.len() as u64 {
                return Err(Error::Corrupt("malformed pax header"));
            }
            let record = &rest[sp + 1..len as usize];
            let record = record.strip_suffix(b"\n").unwrap_or(record);
            if let Some(p) = record.strip_prefix(b"path=") {
                self.next_path = Some(p.to_vec());
            } else if let Some(s) = record.strip_prefix(b"size=") {
                self.next_size = Some(decimal(s).ok_or(Error::Corrupt("malformed pax size"))?);
            }
            rest = &rest[len as usize..];
        }
        Ok(())
    }
}

/// A numeric header field (octal text or GNU base-256), as the platform's tar reads it.
fn number(field: &[u8]) -> Result<u64> {
    bkpaas_rules::tar::number(field).ok_or(Error::Corrupt("bad number in tar header"))
}

fn decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.iter().try_fold(0u64, |v, &b| {
        if b.is_ascii_digit() {
            v.checked_mul(10)?.checked_add((b - b'0') as u64)
        } else {
            None
        }
    })
}

/// name, or POSIX ustar prefix + "/" + name. (GNU's "ustar  " header keeps other data where the prefix would be.)
fn ustar_path(h: &[u8; BLOCK]) -> Vec<u8> {
    let field = |f: &[u8]| f[..f.iter().position(|&b| b == 0).unwrap_or(f.len())].to_vec();
    let name = field(&h[..100]);
    if &h[257..263] == b"ustar\0" && h[345] != 0 {
        let mut p = field(&h[345..500]);
        p.push(b'/');
        p.extend_from_slice(&name);
        p
    } else {
        name
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    use bkpaas_testkit::tar::{entry, header, seal};

    fn walk(data: &[u8], chunk: usize) -> (Result<Status>, Vec<u8>, Vec<u8>) {
        let mut w = TarWalker::new();
        let mut st = Ok(Status::More);
        for c in data.chunks(chunk) {
            st = w.feed(c);
            if !matches!(st, Ok(Status::More)) {
                break;
            }
        }
        let (p, c) = w.found();
        (st, p.to_vec(), c.to_vec())
    }

    #[test]
    fn finds_app_desc_first_last_and_one_down() {
        for chunk in [1, 7, 512, 100_000] {
            let mut t = Vec::new();
            entry(&mut t, b"./app_desc.yaml", b"spec_version: 2\n", b'0');
            entry(&mut t, b"src/main.py", &[b'x'; 1000], b'0');
            assert_eq!(
                walk(&t, chunk),
                (Ok(Status::Found), b"./app_desc.yaml".to_vec(), b"spec_version: 2\n".to_vec())
            );

            let mut t = Vec::new();
            entry(&mut t, b"pkg/", b"", b'5');
            entry(&mut t, b"pkg/src/app_desc.yaml", b"no", b'0');
            entry(&mut t, b"pkg/big", &[b'x'; 5000], b'0');
            entry(&mut t, b"pkg/app_desc.yaml", b"specVersion: 3\n", b'0');
            t.extend_from_slice(&[0; 1024]);
            assert_eq!(walk(&t, chunk).0, Ok(Status::Found));
            assert_eq!(walk(&t, chunk).1, b"pkg/app_desc.yaml");

            let mut t = Vec::new();
            entry(&mut t, b"a/b/app_desc.yaml", b"x", b'0');
            t.extend_from_slice(&[0; 1024]);
            assert_eq!(walk(&t, chunk).0, Ok(Status::End));
        }
    }

    #[test]
    fn gnu_long_name_and_pax_path() {
        let long = [
            b"averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongdir/".as_slice(),
            b"app_desc.yaml",
        ]
        .concat();
        let mut t = Vec::new();
        let mut name = long.clone();
        name.push(0);
        entry(&mut t, b"././@LongLink", &name, b'L');
        entry(&mut t, &long[..99], b"v: 1", b'0');
        assert_eq!(walk(&t, 3).1, long);

        let rec = b"26 path=dir/app_desc.yaml\n11 mtime=1\n";
        let mut t = Vec::new();
        entry(&mut t, b"PaxHeaders/x", rec, b'x');
        entry(&mut t, b"dir/somethingelse", b"content", b'0');
        assert_eq!(
            walk(&t, 512),
            (Ok(Status::Found), b"dir/app_desc.yaml".to_vec(), b"content".to_vec())
        );
    }

    #[test]
    fn hostile_headers_end_in_errors() {
        // A base-256 size of 2^62 is skipped as data (the caller finds the file too short), never allocated.
        let mut h = header(b"huge", 0, b'0');
        h[124..136].fill(0);
        h[124] = 0x80;
        h[128] = 0x40;
        seal(&mut h);
        let mut w = TarWalker::new();
        assert_eq!(w.feed(&h), Ok(Status::More));
        assert_eq!(w.take_skip(), 1 << 62);

        // An overflowing base-256 size.
        let mut h = header(b"huge", 0, b'0');
        h[124..136].copy_from_slice(&[0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        seal(&mut h);
        assert!(matches!(TarWalker::new().feed(&h), Err(Error::Corrupt(_))));

        // A huge app_desc.yaml or long name is refused before anything is kept.
        let h = header(b"app_desc.yaml", 1 << 40, b'0');
        assert!(matches!(TarWalker::new().feed(&h), Err(Error::Limit(_))));
        let h = header(b"././@LongLink", 1 << 30, b'L');
        assert!(matches!(TarWalker::new().feed(&h), Err(Error::Limit(_))));

        // Garbage and a broken checksum.
        assert!(matches!(TarWalker::new().feed(&[7u8; 512]), Err(Error::Corrupt(_))));
        let mut h = header(b"a", 1, b'0');
        h[0] = b'b';
        assert!(matches!(TarWalker::new().feed(&h), Err(Error::Corrupt(_))));

        // Malformed pax records.
        for rec in [b"99 path=x\n".as_slice(), b"x path=y\n", b"3 p\n", b"0 \n"] {
            let mut t = Vec::new();
            entry(&mut t, b"pax", rec, b'x');
            assert!(matches!(TarWalker::new().feed(&t), Err(Error::Corrupt(_))), "{:?}", rec);
        }
    }

    #[test]
    fn truncated_entry_is_not_at_a_boundary() {
        let mut t = Vec::new();
        entry(&mut t, b"a", &[1; 2000], b'0');
        let mut w = TarWalker::new();
        assert_eq!(w.feed(&t[..1000]), Ok(Status::More));
        assert!(!w.at_boundary());
        let mut w = TarWalker::new();
        assert_eq!(w.feed(&t), Ok(Status::More));
        assert!(w.at_boundary());
    }
}
