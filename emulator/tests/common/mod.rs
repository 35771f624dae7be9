//! Test helpers: start the built emulator on a free port, build archives, send uploads.
#![allow(dead_code)]

use reqwest::blocking::{multipart, Client, Response};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

pub const TOKEN_AUTH: &str = r#"{"access_token":"dev-token"}"#;

pub struct Emu {
    child: Child,
    stdin: Option<ChildStdin>,
    pub origin: String,
    pub port: u16,
    pub data_dir: PathBuf,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl Emu {
    pub fn start(args: &[&str]) -> Emu {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let data_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("emu-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_bkpaas-emulator"))
            .args(["--port", "0", "--exit-on-stdin-eof", "--data-dir"])
            .arg(&data_dir)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let origin = line
            .trim()
            .strip_prefix("bkpaas-emulator listening on ")
            .expect("listening line")
            .to_string();
        let port = origin.rsplit(':').next().unwrap().parse().unwrap();
        let stdin = child.stdin.take();
        Emu {
            child,
            stdin,
            origin,
            port,
            data_dir,
        }
    }

    pub fn api(&self, app: &str, module: &str) -> String {
        format!(
            "{}/api/bkpaas3/prod/bkapps/applications/{app}/modules/{module}/source_package/",
            self.origin
        )
    }

    pub fn link_api(&self, app: &str, module: &str) -> String {
        format!("{}link/", self.api(app, module))
    }

    /// Uploads `bytes` as `name` to app `app`, module `default`, with extra text fields and headers.
    pub fn upload(&self, app: &str, name: &str, bytes: &[u8], fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Response {
        let mut form = multipart::Form::new().part("package", multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()));
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        let mut request = client()
            .post(self.api(app, "default"))
            .header("X-Bkapi-Authorization", TOKEN_AUTH)
            .multipart(form);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.send().expect("upload")
    }

    pub fn link(&self, app: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> Response {
        let mut form = multipart::Form::new();
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        let mut request = client()
            .post(self.link_api(app, "default"))
            .header("X-Bkapi-Authorization", TOKEN_AUTH)
            .multipart(form);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.send().expect("link upload")
    }

    pub fn stored(&self, app: &str, module: &str, version: &str) -> Option<Vec<u8>> {
        let r = client()
            .get(format!("{}/_emulator/packages/{app}/{module}/{version}", self.origin))
            .send()
            .unwrap();
        (r.status() == 200).then(|| r.bytes().unwrap().to_vec())
    }

    /// Files under the data dir (packages and temporaries).
    pub fn files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for sub in ["packages", "tmp"] {
            if let Ok(entries) = std::fs::read_dir(self.data_dir.join(sub)) {
                out.extend(entries.flatten().map(|e| e.path()));
            }
        }
        out
    }
}

impl Drop for Emu {
    fn drop(&mut self) {
        drop(self.stdin.take()); // EOF: the emulator exits by itself
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

pub fn client() -> Client {
    Client::builder().timeout(Duration::from_secs(30)).no_proxy().build().unwrap()
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn json(response: Response) -> serde_json::Value {
    let text = response.text().unwrap();
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

/// A tar with the given (path, content) entries (the workspace's one tar builder).
pub fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let entries: Vec<(&[u8], &[u8])> = entries.iter().map(|(path, content)| (path.as_bytes(), *content)).collect();
    bkpaas_testkit::tar::tar(&entries)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn bzip2(bytes: &[u8]) -> Vec<u8> {
    let mut e = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

pub fn xz(bytes: &[u8]) -> Vec<u8> {
    let mut e = liblzma::write::XzEncoder::new(Vec::new(), 1);
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A zip of stored (uncompressed) entries.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, content) in entries {
        let mut crc = flate2::Crc::new();
        crc.update(content);
        let offset = out.len() as u32;
        let common = |v: &mut Vec<u8>| {
            v.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, method stored, time, date
            v.extend_from_slice(&crc.sum().to_le_bytes());
            v.extend_from_slice(&(content.len() as u32).to_le_bytes());
            v.extend_from_slice(&(content.len() as u32).to_le_bytes());
            v.extend_from_slice(&(name.len() as u16).to_le_bytes());
            v.extend_from_slice(&[0, 0]);
        };
        out.extend_from_slice(b"PK\x03\x04");
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(content);
        central.extend_from_slice(b"PK\x01\x02\x14\x00");
        common(&mut central);
        central.extend_from_slice(&[0; 10]); // comment, disk, internal and external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

/// A small valid .tar.gz whose content varies with `seed` (so hashes differ).
pub fn package(seed: &str) -> Vec<u8> {
    gzip(&tar(&[("app/readme.txt", seed.as_bytes())]))
}

/// Pseudo-random bytes (incompressible enough to make big bodies).
pub fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}
