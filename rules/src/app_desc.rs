//! `app_desc.yaml`: which archive member the server reads, and which key of it holds the version
//! (`app_version` when `spec_version: 2`, `appVersion` when `specVersion: 3`).
//!
//! The key reader is byte-level and reads top-level keys as people write them in block style: comments, optional
//! quotes, CRLF, a BOM, `---`. No YAML crate (they cost 70–90 KB gzipped in wasm); values are given as written.

/// The file's name.
pub const FILE_NAME: &[u8] = b"app_desc.yaml";

/// Where an archive member sits: 0 for `app_desc.yaml` at the root, 1 one folder down (`pkg/app_desc.yaml`),
/// `None` elsewhere or for another name. Leading `./` and `/` are ignored; the folder must be a real name.
pub fn depth(path: &[u8]) -> Option<u8> {
    let mut p = path;
    while let Some(r) = p.strip_prefix(b"./").or_else(|| p.strip_prefix(b"/")) {
        p = r;
    }
    match p.strip_suffix(FILE_NAME)? {
        [] => Some(0),
        [folder @ .., b'/'] if !folder.is_empty() && folder != b"." && !folder.contains(&b'/') => Some(1),
        _ => None,
    }
}

/// The key that holds the app's version for a spec version.
pub fn version_key(spec: u32) -> Option<&'static [u8]> {
    match spec {
        2 => Some(b"app_version"),
        3 => Some(b"appVersion"),
        _ => None,
    }
}

/// What the server reads first from `app_desc.yaml`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Declared<'a> {
    /// `specVersion` (v3) if an integer, else `spec_version` (v2).
    pub spec: Option<u32>,
    /// The version under the key of that spec ([`version_key`]); never empty.
    pub version: Option<&'a [u8]>,
}

/// Reads the spec and the version from the text of `app_desc.yaml`.
pub fn declared(yaml: &[u8]) -> Declared<'_> {
    let (mut spec2, mut spec3, mut version2, mut version3) = (None, None, None, None);
    for line in lines(yaml).filter(|l| l.indent == 0) {
        match key_value(line.body) {
            Some((b"spec_version", v)) => spec2 = integer(v),
            Some((b"specVersion", v)) => spec3 = integer(v),
            Some((b"app_version", v)) => version2 = Some(v),
            Some((b"appVersion", v)) => version3 = Some(v),
            _ => {}
        }
    }
    // The v3 key decides when present; the v2 one only without it.
    let version = match (spec3, spec2) {
        (Some(3), _) => version3,
        (None, Some(2)) => version2,
        _ => None,
    };
    Declared {
        spec: spec3.or(spec2),
        version: version.filter(|v| !v.is_empty()),
    }
}

/// One meaningful line: its indentation (spaces) and the rest. Blank lines, comments and document markers are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub indent: usize,
    pub body: &'a [u8],
}

/// The meaningful lines of a YAML text (a leading BOM and CRs dropped).
pub fn lines(yaml: &[u8]) -> impl Iterator<Item = Line<'_>> {
    let yaml = yaml.strip_prefix(b"\xef\xbb\xbf").unwrap_or(yaml);
    yaml.split(|&b| b == b'\n').filter_map(|line| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let body = line.get(indent..).unwrap_or_default();
        let skip = body.is_empty() || body.first() == Some(&b'#') || body.starts_with(b"---") || body.starts_with(b"...");
        (!skip).then_some(Line { indent, body })
    })
}

/// `key: value` with the value's comment and quotes removed (`key:` alone gives an empty value); keys may be quoted.
pub fn key_value(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let (key, rest) = match line.split_first() {
        Some((&q @ (b'"' | b'\''), inner)) => {
            let end = inner.iter().position(|&b| b == q)?;
            (inner.get(..end)?, inner.get(end + 1..)?.strip_prefix(b":")?)
        }
        _ => {
            let colon = line
                .windows(2)
                .position(|w| w == b": ")
                .or_else(|| line.strip_suffix(b":").map(<[u8]>::len))?;
            (trim(line.get(..colon)?), line.get(colon + 1..)?)
        }
    };
    Some((key, scalar(trim(rest))))
}

/// A scalar value: the inside of quotes, or plain text up to a ` #` comment.
fn scalar(v: &[u8]) -> &[u8] {
    match v.split_first() {
        Some((&q @ (b'"' | b'\''), inner)) => match inner.iter().position(|&b| b == q) {
            Some(end) => inner.get(..end).unwrap_or_default(),
            None => v,
        },
        Some((b'#', _)) => &[],
        _ => {
            let end = v.windows(2).position(|w| matches!(w, [b' ' | b'\t', b'#'])).unwrap_or(v.len());
            trim(v.get(..end).unwrap_or_default())
        }
    }
}

fn trim(v: &[u8]) -> &[u8] {
    let start = v.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(v.len());
    let end = v.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    v.get(start..end).unwrap_or_default()
}

/// A spec version: decimal digits only (at most 9, so no overflow).
fn integer(v: &[u8]) -> Option<u32> {
    if v.is_empty() || v.len() > 9 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0, |n, &d| n * 10 + (d - b'0') as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths() {
        assert_eq!(depth(b"app_desc.yaml"), Some(0));
        assert_eq!(depth(b"./app_desc.yaml"), Some(0));
        assert_eq!(depth(b"/app_desc.yaml"), Some(0));
        assert_eq!(depth(b".//./app_desc.yaml"), Some(0));
        assert_eq!(depth(b"pkg/app_desc.yaml"), Some(1));
        assert_eq!(depth(b"./pkg/app_desc.yaml"), Some(1));
        for none in [
            &b"a/b/app_desc.yaml"[..],
            b"./app_desc.yaml/x",
            b"pkg/my_app_desc.yaml",
            b"xapp_desc.yaml",
            b"app_desc.yml",
            b"",
            b"./app_desc.yaml ",
        ] {
            assert_eq!(depth(none), None, "{none:?}");
        }
        assert_eq!(depth(b"pkg//app_desc.yaml"), None);
    }

    fn version(yaml: &[u8]) -> Option<&[u8]> {
        declared(yaml).version
    }

    #[test]
    fn the_version_key_follows_the_spec() {
        let d = declared(b"\xef\xbb\xbf# c\r\nspec_version: 2 # two\r\napp_version: \"1.0.3\"\r\napp:\r\n  app_version: nested\r\n");
        assert_eq!(
            d,
            Declared {
                spec: Some(2),
                version: Some(b"1.0.3")
            }
        );
        assert_eq!(
            declared(b"---\nspecVersion: 3\nappVersion: '2.0.0'\n"),
            Declared {
                spec: Some(3),
                version: Some(b"2.0.0")
            }
        );
        assert_eq!(version(b"specVersion: 3\napp_version: 1\n"), None);
        assert_eq!(version(b"spec_version: 2\nappVersion: 1\n"), None);
        assert_eq!(
            declared(b"spec_version: 9\napp_version: 1\n"),
            Declared {
                spec: Some(9),
                version: None
            }
        );
        assert_eq!(declared(b"app_version: 1\n").spec, None);
        assert_eq!(declared(b"spec_version: two\n").spec, None);
        assert_eq!(version(b"specVersion: 3\nappVersion:\n"), None);
        assert_eq!(declared(b"  specVersion: 3\n").spec, None);
        assert_eq!(version(b"spec_version: '2'\napp_version: 0.1 # latest\n"), Some(&b"0.1"[..]));
        assert_eq!(version(b"\"specVersion\": 3\n'appVersion': 'x' # c\n"), Some(&b"x"[..]));
        // Both spec keys: the v3 one decides.
        assert_eq!(
            version(b"spec_version: 2\nspecVersion: 3\napp_version: a\nappVersion: b\n"),
            Some(&b"b"[..])
        );
        assert_eq!(version_key(2), Some(&b"app_version"[..]));
        assert_eq!(version_key(1), None);
    }

    #[test]
    fn odd_lines() {
        for input in [
            &b""[..],
            b":",
            b"'",
            b"\"a",
            b"'a':",
            b"-",
            b"\xff\xfe:\n",
            b"a: 'b",
            b"#: x",
            b"'a'",
            b"a:b",
        ] {
            let _ = declared(input);
        }
        assert_eq!(key_value(b"a: 'b"), Some((&b"a"[..], &b"'b"[..])));
        assert_eq!(key_value(b"a:b"), None);
        assert_eq!(key_value(b"a:"), Some((&b"a"[..], &b""[..])));
        assert_eq!(key_value(b"a: # c"), Some((&b"a"[..], &b""[..])));
    }
}
