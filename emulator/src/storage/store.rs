//! Package storage: one file per package id under `<data-dir>/packages/`, metadata in memory.
//!
//! Files are named by id, never by anything a client sent, so no name can escape the data dir. Uploads land in
//! `<data-dir>/tmp/` first and are renamed into place only once complete and valid; a [`TempFile`] that is dropped
//! before that (error, client disconnect, aborted handler) removes itself.
//!
//! The metadata sits behind a `std::sync::Mutex`: critical sections are tiny and never `.await` while held.

use serde::Serialize;
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A stored package version; `created` and `id` survive an overwrite.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    pub id: u64,
    pub app_code: String,
    pub module: String,
    pub version: String,
    pub package_name: String,
    pub size: u64,
    pub sha256: String,
    pub created: String,
    pub updated: String,
    pub operator: String,
}

/// What an upload brings to [`Store::save`].
pub struct NewPackage {
    pub app_code: String,
    pub module: String,
    pub version: String,
    pub package_name: String,
    pub size: u64,
    pub sha256: String,
    pub now: String,
    pub operator: String,
}

/// Why a save was refused.
#[derive(Debug)]
pub enum SaveError {
    /// Same app/module/version exists and `allow_overwrite` was false.
    AlreadyExists,
    Io(io::Error),
}

type Key = (String, String, String);

pub struct Store {
    packages: PathBuf,
    tmp: PathBuf,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    next_id: u64,
    records: BTreeMap<Key, Record>,
}

impl Store {
    /// Opens the store under `data_dir`. Metadata lives in memory only, so files an earlier run left in our two
    /// subfolders are stale: they are removed, and the store starts empty.
    pub fn open(data_dir: &Path) -> io::Result<Store> {
        let (packages, tmp) = (data_dir.join("packages"), data_dir.join("tmp"));
        for (dir, ext) in [(&packages, "pkg"), (&tmp, "part")] {
            std::fs::create_dir_all(dir)?;
            for entry in std::fs::read_dir(dir)?.flatten() {
                if entry.path().extension().is_some_and(|e| e == ext) {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
        Ok(Store {
            packages,
            tmp,
            inner: Mutex::new(Inner {
                next_id: 1,
                ..Inner::default()
            }),
        })
    }

    /// A fresh, uniquely named temporary file path (the file itself is created by the writer).
    pub fn temp_file(&self) -> TempFile {
        TempFile {
            path: self.tmp.join(format!("{}.part", uuid::Uuid::new_v4().simple())),
            keep: false,
        }
    }

    pub fn package_path(&self, record: &Record) -> PathBuf {
        self.packages.join(format!("{}.pkg", record.id))
    }

    /// Moves `file` into place as this app/module/version, or refuses a duplicate.
    pub fn save(&self, file: TempFile, new: NewPackage, allow_overwrite: bool) -> Result<Record, SaveError> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let key = (new.app_code.clone(), new.module.clone(), new.version.clone());
        let (id, created) = match inner.records.get(&key) {
            Some(_) if !allow_overwrite => return Err(SaveError::AlreadyExists),
            Some(old) => (old.id, old.created.clone()),
            None => {
                inner.next_id += 1;
                (inner.next_id - 1, new.now.clone())
            }
        };
        let record = Record {
            id,
            app_code: new.app_code,
            module: new.module,
            version: new.version,
            package_name: new.package_name,
            size: new.size,
            sha256: new.sha256,
            created,
            updated: new.now,
            operator: new.operator,
        };
        file.persist(&self.package_path(&record)).map_err(SaveError::Io)?;
        inner.records.insert(key, record.clone());
        Ok(record)
    }

    pub fn get(&self, app_code: &str, module: &str, version: &str) -> Option<Record> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner
            .records
            .get(&(app_code.to_string(), module.to_string(), version.to_string()))
            .cloned()
    }

    pub fn list(&self) -> Vec<Record> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.records.values().cloned().collect()
    }

    /// Forgets every package and deletes its file (ids start again at 1).
    pub fn reset(&self) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        for record in inner.records.values() {
            let _ = std::fs::remove_file(self.package_path(record));
        }
        *inner = Inner {
            next_id: 1,
            ..Inner::default()
        };
    }
}

/// A file being received; removed on drop unless [`TempFile::persist`]ed.
pub struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn persist(mut self, dest: &Path) -> io::Result<()> {
        std::fs::rename(&self.path, dest)?;
        self.keep = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}
