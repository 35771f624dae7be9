//! Writes a package to disk while counting its size and hashing it: one pass, never whole in memory.
//! A buffer keeps syscalls few; sha2 picks SHA-NI / ARMv8 SHA instructions at run time.

use crate::storage::store::TempFile;
use sha2::{Digest, Sha256};
use std::io;
use tokio::io::{AsyncWriteExt, BufWriter};

/// 256 KiB: few enough syscalls at full speed, small enough for 32 concurrent uploads to stay under 64 MiB RSS.
const BUFFER: usize = 256 << 10;

pub struct PackageWriter {
    pub file: TempFile,
    out: BufWriter<tokio::fs::File>,
    hasher: Sha256,
    size: u64,
}

/// A completely written package.
pub struct Written {
    pub file: TempFile,
    pub size: u64,
    pub sha256: String,
}

impl PackageWriter {
    pub async fn create(file: TempFile) -> io::Result<PackageWriter> {
        let out = BufWriter::with_capacity(BUFFER, tokio::fs::File::create(file.path()).await?);
        Ok(PackageWriter {
            file,
            out,
            hasher: Sha256::new(),
            size: 0,
        })
    }

    pub async fn write(&mut self, chunk: &[u8]) -> io::Result<()> {
        self.hasher.update(chunk);
        self.size += chunk.len() as u64;
        self.out.write_all(chunk).await
    }

    pub async fn finish(mut self) -> io::Result<Written> {
        self.out.flush().await?;
        Ok(Written {
            file: self.file,
            size: self.size,
            sha256: hex(&self.hasher.finalize()),
        })
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The `corrupt` fault: flips the last stored byte and returns the new hash (of what is stored now).
pub fn corrupt(path: &std::path::Path) -> io::Result<String> {
    use std::io::{Read, Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().read(true).write(true).open(path)?;
    let end = file.seek(SeekFrom::End(0))?;
    if end > 0 {
        let mut byte = [0u8; 1];
        file.seek(SeekFrom::Start(end - 1))?;
        file.read_exact(&mut byte)?;
        file.seek(SeekFrom::Start(end - 1))?;
        file.write_all(&[byte[0] ^ 0xff])?;
    }
    file.seek(SeekFrom::Start(0))?;
    let mut hasher = Sha256::new();
    io::copy(&mut file, &mut hasher)?;
    Ok(hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    /// `cargo test --release -p bkpaas-emulator -- --ignored --nocapture hash_throughput`: compare with
    /// `openssl speed -evp sha256 -bytes 1048576` (sha2 uses the CPU's SHA instructions when present).
    #[test]
    #[ignore]
    fn hash_throughput() {
        let data = vec![7u8; 64 << 20];
        let start = std::time::Instant::now();
        let digest = Sha256::digest(&data);
        let secs = start.elapsed().as_secs_f64();
        println!("sha256: {:.0} MB/s ({:02x})", 64.0 * 1.048_576 / secs, digest[0]);
    }
}
