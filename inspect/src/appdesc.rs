//! A byte-level reader for the few top-level keys of app_desc.yaml the server reads first: no YAML crate (they cost
//! 70–90 KB gzipped). Handles block style as people write it: comments, optional quotes, CRLF, a BOM, `---`.

use alloc::vec::Vec;
/// What app_desc.yaml declares.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AppDesc {
    /// `spec_version` (v2) or `specVersion` (v3), when it is an integer.
    pub spec: Option<u32>,
    /// `app_version` when the spec is 2, `appVersion` when it is 3 (as the server reads them).
    pub version: Option<Vec<u8>>,
    /// Module names: keys of the v2 `modules:` mapping (`module:` means `default`), `name:` of each v3 list item.
    pub modules: Vec<Vec<u8>>,
}

pub fn read(yaml: &[u8]) -> AppDesc {
    let yaml = yaml.strip_prefix(b"\xef\xbb\xbf").unwrap_or(yaml);
    let (mut spec2, mut spec3, mut version2, mut version3) = (None, None, None, None);
    let mut modules = Vec::new();
    let mut in_modules = false;
    // The indentation of the `modules:` children, and of the keys inside the current v3 list item.
    let (mut child, mut item): (Option<usize>, Option<usize>) = (None, None);
    for line in yaml.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        let body = &line[indent..];
        if body.is_empty()
            || body[0] == b'#'
            || body.starts_with(b"---")
            || body.starts_with(b"...")
        {
            continue;
        }
        // A top-level key; `- ` at column 0 may still be an item of a `modules:` list.
        if indent == 0 && !(in_modules && body[0] == b'-') {
            in_modules = false;
            let Some((key, value)) = key_value(body) else {
                continue;
            };
            match key {
                b"spec_version" => spec2 = number(value),
                b"specVersion" => spec3 = number(value),
                b"app_version" => version2 = Some(value.to_vec()),
                b"appVersion" => version3 = Some(value.to_vec()),
                b"modules" => (in_modules, child, item) = (true, None, None),
                b"module" => modules.push(b"default".to_vec()),
                _ => {}
            }
            continue;
        }
        if !in_modules {
            continue;
        }
        let c = *child.get_or_insert(indent);
        if indent < c {
            continue;
        }
        if indent == c {
            if let Some(rest) = body.strip_prefix(b"-") {
                // A v3 list item: `- name: x`, or its keys on the following lines.
                let pad = rest.iter().take_while(|&&b| b == b' ').count();
                item = if rest.len() > pad {
                    Some(indent + 1 + pad)
                } else {
                    None
                };
                if let Some((b"name", v)) = key_value(&rest[pad..]) {
                    modules.push(v.to_vec());
                }
            } else if let Some((key, _)) = key_value(body) {
                modules.push(key.to_vec());
            }
        } else if indent > c && *item.get_or_insert(indent) == indent {
            if let Some((b"name", v)) = key_value(body) {
                modules.push(v.to_vec());
            }
        }
    }
    let spec = spec3.or(spec2);
    let version = match (spec3, spec2) {
        (Some(3), _) => version3,
        (None, Some(2)) => version2,
        _ => None,
    };
    AppDesc {
        spec,
        version: version.filter(|v| !v.is_empty()),
        modules,
    }
}

/// `key: value` with the value's comment and quotes removed (`key:` alone gives an empty value).
fn key_value(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let (key, rest) = if let Some(q @ (b'"' | b'\'')) = line.first().copied() {
        let end = 1 + line[1..].iter().position(|&b| b == q)?;
        (&line[1..end], line[end + 1..].strip_prefix(b":")?)
    } else {
        let colon = line
            .windows(2)
            .position(|w| w[0] == b':' && w[1] == b' ')
            .or_else(|| line.strip_suffix(b":").map(|_| line.len() - 1))?;
        (trim(&line[..colon]), &line[colon + 1..])
    };
    Some((key, scalar(trim(rest))))
}

/// A scalar value: the inside of quotes, or plain text up to a ` #` comment.
fn scalar(v: &[u8]) -> &[u8] {
    match v.first() {
        Some(&q @ (b'"' | b'\'')) => match v[1..].iter().position(|&b| b == q) {
            Some(end) => &v[1..1 + end],
            None => v,
        },
        _ => {
            let end = v
                .windows(2)
                .position(|w| (w[0] == b' ' || w[0] == b'\t') && w[1] == b'#');
            trim(if v.first() == Some(&b'#') {
                &[]
            } else {
                &v[..end.unwrap_or(v.len())]
            })
        }
    }
}

fn trim(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &v[start..end]
}

fn number(v: &[u8]) -> Option<u32> {
    if v.is_empty() || v.len() > 9 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(v.iter().fold(0, |n, &d| n * 10 + (d - b'0') as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<Vec<u8>> {
        v.iter().map(|x| x.as_bytes().to_vec()).collect()
    }

    #[test]
    fn spec_2() {
        let d = read(b"\xef\xbb\xbf# comment\r\nspec_version: 2 # two\r\napp_version: \"1.0.3\"\r\napp:\r\n  bk_app_code: foo\r\n  app_version: nested\r\nmodules:\r\n  default:\r\n    is_default: True\r\n    source_dir: src\r\n  api:\r\n    language: Go\r\n");
        assert_eq!(
            d,
            AppDesc {
                spec: Some(2),
                version: Some(b"1.0.3".to_vec()),
                modules: s(&["default", "api"])
            }
        );
        let d =
            read(b"spec_version: '2'\napp_version: 0.1 # latest\nmodule:\n  language: Python\n");
        assert_eq!(
            d,
            AppDesc {
                spec: Some(2),
                version: Some(b"0.1".to_vec()),
                modules: s(&["default"])
            }
        );
    }

    #[test]
    fn spec_3() {
        let d = read(b"---\nspecVersion: 3\nappVersion: '2.0.0'\napp:\n  bkAppCode: foo\nmodules:\n  - name: default\n    isDefault: true\n    spec:\n      name: not-a-module\n  -   name: \"worker\"\n  -\n    sourceDir: x\n    name: third\n");
        assert_eq!(
            d,
            AppDesc {
                spec: Some(3),
                version: Some(b"2.0.0".to_vec()),
                modules: s(&["default", "worker", "third"])
            }
        );
        let d = read(b"specVersion: 3\nmodules:\n- name: web\n  language: Python\n- name: api\n");
        assert_eq!(d.modules, s(&["web", "api"]));
    }

    #[test]
    fn keys_follow_the_spec() {
        // The server reads app_version with spec 2 and appVersion with spec 3 only.
        assert_eq!(read(b"specVersion: 3\napp_version: 1\n").version, None);
        assert_eq!(read(b"spec_version: 2\nappVersion: 1\n").version, None);
        assert_eq!(
            read(b"spec_version: 9\napp_version: 1\n"),
            AppDesc {
                spec: Some(9),
                version: None,
                modules: vec![]
            }
        );
        assert_eq!(read(b"app_version: 1\n").spec, None);
        assert_eq!(read(b"spec_version: two\n").spec, None);
        assert_eq!(read(b"specVersion: 3\nappVersion:\n").version, None);
        assert_eq!(read(b"  specVersion: 3\n").spec, None);
    }

    #[test]
    fn garbage_does_not_panic() {
        for input in [
            &b""[..],
            b":",
            b"'",
            b"\"a",
            b"'a':",
            b"-",
            b"modules:\n-\n",
            b"modules:\n  - \n",
            b"\xff\xfe:\n",
            b"a: 'b",
            b"#: x",
        ] {
            let _ = read(input);
        }
        assert_eq!(
            read(b"\"specVersion\": 3\n'appVersion': 'x' # c\n").version,
            Some(b"x".to_vec())
        );
    }
}
