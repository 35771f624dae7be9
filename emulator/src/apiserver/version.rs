//! Where a package's version and stored name come from: `app_desc.yaml`, the file name, the link URL. The platform's
//! parts of it (the version key, the archive extensions, the link name) are `bkpaas_rules`'.

use bkpaas_rules::{app_desc, archive, link};

/// The version an `app_desc.yaml` declares: `app_version` with `spec_version: 2`, `appVersion` with `specVersion: 3`.
pub fn from_app_desc(yaml: &[u8]) -> Option<String> {
    app_desc::declared(yaml).version.map(|v| String::from_utf8_lossy(v).into_owned())
}

/// The version a file name implies: after the first `-`/`_` followed by a digit (or `v` and a digit) in the name
/// without its archive extension, else that whole stem. `myapp-1.2.3.tar.gz` → `1.2.3`, `release.zip` → `release`.
pub fn from_file_name(file_name: &str) -> String {
    let stem = archive::strip_extension(file_name);
    let bytes = stem.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    (0..bytes.len())
        .find(|&i| {
            matches!(bytes[i], b'-' | b'_') && (digit_at(i + 1) || (matches!(bytes.get(i + 1), Some(b'v' | b'V')) && digit_at(i + 2)))
        })
        .map_or(stem, |i| &stem[i + 1..])
        .to_string()
}

/// Link upload `package_name` (spec §4): the URL's last segment cut at its first `.`, then `name:version` unless the
/// version already appears in it.
pub fn link_package_name(url: &str, version: &str) -> String {
    let name = link::package_name(url, version);
    match name.version {
        Some(v) => format!("{}:{v}", name.name),
        None => name.name.to_string(),
    }
}

/// The URL's last path segment as sent (no query), the source of a link upload's version when nothing else gives one.
pub fn last_segment(url: &url::Url) -> &str {
    url.path().rsplit('/').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_desc_versions() {
        assert_eq!(
            from_app_desc(b"spec_version: 2\napp_version: \"1.0\" \napp:\n  bk_app_code: x\n").as_deref(),
            Some("1.0")
        );
        assert_eq!(
            from_app_desc(b"specVersion: 3\nappVersion: 2.1.0 # note\n").as_deref(),
            Some("2.1.0")
        );
        assert_eq!(from_app_desc(b"specVersion: 3\napp_version: 1\n"), None);
    }

    #[test]
    fn file_name_versions() {
        assert_eq!(from_file_name("myapp-1.2.3.tar.gz"), "1.2.3");
        assert_eq!(from_file_name("my-app_v2.tgz"), "v2");
        assert_eq!(from_file_name("svc-3.tbz"), "3");
        assert_eq!(from_file_name("release.zip"), "release");
        assert_eq!(from_file_name("a.b"), "a.b");
    }

    #[test]
    fn link_names() {
        assert_eq!(link_package_name("http://h/x/pkg-1.0.tar.gz?a=b", "1.0"), "pkg-1:1.0");
        assert_eq!(link_package_name("http://h/x/pkg-1.0.tar.gz", "1"), "pkg-1");
        assert_eq!(link_package_name("https://h/demo-1.0.0.tar.gz", "1.0.1"), "demo-1:1.0.1");
    }
}
