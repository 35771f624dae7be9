//! What inspection reports of app_desc.yaml: the spec and the version the server reads (the rule lives in
//! `bkpaas_rules::app_desc`, with the byte-level key reader), plus the module names, which only inspect lists.

use alloc::vec::Vec;
use bkpaas_rules::app_desc::{declared, key_value, lines};

/// What app_desc.yaml declares.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AppDesc {
    /// `specVersion` (v3) or `spec_version` (v2), when it is an integer.
    pub spec: Option<u32>,
    /// `app_version` when the spec is 2, `appVersion` when it is 3 (as the server reads them).
    pub version: Option<Vec<u8>>,
    /// Module names: keys of the v2 `modules:` mapping (`module:` means `default`), `name:` of each v3 list item.
    pub modules: Vec<Vec<u8>>,
}

pub fn read(yaml: &[u8]) -> AppDesc {
    let d = declared(yaml);
    AppDesc {
        spec: d.spec,
        version: d.version.map(<[u8]>::to_vec),
        modules: modules(yaml),
    }
}

fn modules(yaml: &[u8]) -> Vec<Vec<u8>> {
    let mut modules = Vec::new();
    let mut in_modules = false;
    // The indentation of the `modules:` children, and of the keys inside the current v3 list item.
    let (mut child, mut item): (Option<usize>, Option<usize>) = (None, None);
    for line in lines(yaml) {
        let (indent, body) = (line.indent, line.body);
        // A top-level key; `- ` at column 0 may still be an item of a `modules:` list.
        if indent == 0 && !(in_modules && body.first() == Some(&b'-')) {
            in_modules = false;
            match key_value(body) {
                Some((b"modules", _)) => (in_modules, child, item) = (true, None, None),
                Some((b"module", _)) => modules.push(b"default".to_vec()),
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
                item = if rest.len() > pad { Some(indent + 1 + pad) } else { None };
                if let Some((b"name", v)) = key_value(&rest[pad..]) {
                    modules.push(v.to_vec());
                }
            } else if let Some((key, _)) = key_value(body) {
                modules.push(key.to_vec());
            }
        } else if *item.get_or_insert(indent) == indent {
            if let Some((b"name", v)) = key_value(body) {
                modules.push(v.to_vec());
            }
        }
    }
    modules
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
        let d = read(b"spec_version: '2'\napp_version: 0.1 # latest\nmodule:\n  language: Python\n");
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
        assert_eq!(read(b"\"specVersion\": 3\n'appVersion': 'x' # c\n").version, Some(b"x".to_vec()));
    }
}
