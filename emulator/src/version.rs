//! Where a package's version and stored name come from: `app_desc.yaml`, the file name, the link URL.

/// Archive extensions stripped from a file name before its version is read (longest first).
const ARCHIVE_EXTENSIONS: [&str; 8] = [".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tbz2", ".txz", ".tar", ".zip"];

/// The version an `app_desc.yaml` declares: `app_version` with `spec_version: 2`, `appVersion` with
/// `specVersion: 3`. A line reader over top-level keys is enough for these flat fields; no YAML crate.
pub fn from_app_desc(text: &str) -> Option<String> {
    let mut values = std::collections::HashMap::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            values.insert(key.trim(), scalar(value));
        }
    }
    let version = if values.get("spec_version").map(String::as_str) == Some("2") {
        values.get("app_version")
    } else if values.get("specVersion").map(String::as_str) == Some("3") {
        values.get("appVersion")
    } else {
        None
    };
    version.filter(|v| !v.is_empty()).cloned()
}

/// A YAML scalar on one line: comment dropped, quotes removed.
fn scalar(raw: &str) -> String {
    let raw = raw.trim();
    for quote in ['"', '\''] {
        if let Some(rest) = raw.strip_prefix(quote) {
            return rest.split(quote).next().unwrap_or("").to_string();
        }
    }
    raw.split(" #").next().unwrap_or("").trim().to_string()
}

/// The file name without its archive extension.
pub fn stem(file_name: &str) -> &str {
    let lower = file_name.to_ascii_lowercase();
    ARCHIVE_EXTENSIONS
        .iter()
        .find(|ext| lower.ends_with(*ext) && lower.len() > ext.len())
        .map_or(file_name, |ext| &file_name[..file_name.len() - ext.len()])
}

/// The version a file name implies: after the first `-`/`_` followed by a digit (or `v` and a digit) in the
/// stem, else the whole stem. `myapp-1.2.3.tar.gz` → `1.2.3`, `release.zip` → `release`.
pub fn from_file_name(file_name: &str) -> String {
    let stem = stem(file_name);
    let bytes = stem.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    (0..bytes.len())
        .find(|&i| matches!(bytes[i], b'-' | b'_') && (digit_at(i + 1) || (matches!(bytes.get(i + 1), Some(b'v' | b'V')) && digit_at(i + 2))))
        .map_or(stem, |i| &stem[i + 1..])
        .to_string()
}

/// Link upload `package_name` (spec §4): the URL path's last segment, as sent (query dropped, not decoded),
/// then `name:version` unless the version already appears in it.
pub fn link_package_name(url: &url::Url, version: &str) -> String {
    let name = url.path().rsplit('/').next().unwrap_or("");
    if name.contains(version) { name.to_string() } else { format!("{name}:{version}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_desc_versions() {
        assert_eq!(from_app_desc("spec_version: 2\napp_version: \"1.0\" \napp:\n  bk_app_code: x\n").as_deref(), Some("1.0"));
        assert_eq!(from_app_desc("specVersion: 3\nappVersion: 2.1.0 # note\n").as_deref(), Some("2.1.0"));
        assert_eq!(from_app_desc("specVersion: 3\napp_version: 1\n"), None);
    }

    #[test]
    fn file_name_versions() {
        assert_eq!(from_file_name("myapp-1.2.3.tar.gz"), "1.2.3");
        assert_eq!(from_file_name("my-app_v2.tgz"), "v2");
        assert_eq!(from_file_name("release.zip"), "release");
        assert_eq!(from_file_name("a.b"), "a.b");
    }

    #[test]
    fn link_names() {
        let url = url::Url::parse("http://h/x/pkg-1.0.tar.gz?a=b").unwrap();
        assert_eq!(link_package_name(&url, "1.0"), "pkg-1.0.tar.gz");
        assert_eq!(link_package_name(&url, "v9"), "pkg-1.0.tar.gz:v9");
    }
}
