//! The `package_name` the apiserver stores for a link upload (spec §4): the URL's last path segment (query dropped,
//! not percent-decoded) cut at its first `.`, then `:{version}` unless the version already appears in it, as
//! `Path(urlparse(package_url).path).name.split(".")[0]` in the view. No allocation: the two parts are returned.

/// The stored name in parts: `name`, then `:` and `version` when `version` is `Some`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageName<'a> {
    pub name: &'a str,
    pub version: Option<&'a str>,
}

/// The stored `package_name` of a link upload of `url` (as sent, trimmed) with the `version` it is stored under.
pub fn package_name<'a>(url: &'a str, version: &'a str) -> PackageName<'a> {
    let segment = last_segment(url, path(url.as_bytes()));
    let name = cut(segment, segment.bytes().position(|b| b == b'.'));
    PackageName {
        name,
        version: (!name.contains(version)).then_some(version),
    }
}

/// `s` up to `at` (an ASCII byte's position, so a char boundary), or whole.
fn cut(s: &str, at: Option<usize>) -> &str {
    at.and_then(|i| s.get(..i)).unwrap_or(s)
}

/// Where the path of a URL lies, as `urlparse` splits it: after `scheme://authority`, before `?`, `#`, and a
/// `;params` tail of its last segment. Byte offsets of ASCII delimiters only.
fn path(url: &[u8]) -> (usize, usize) {
    let scheme_end = match url.iter().position(|&b| b == b':') {
        Some(i) if i > 0 && url.iter().take(i).all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b)) => i + 1,
        _ => 0,
    };
    let after = url.get(scheme_end..).unwrap_or_default();
    let start = if after.starts_with(b"//") {
        let authority = after.get(2..).unwrap_or_default();
        scheme_end + 2 + authority.iter().position(|b| b"/?#".contains(b)).unwrap_or(authority.len())
    } else {
        scheme_end
    };
    let rest = url.get(start..).unwrap_or_default();
    let mut end = start + rest.iter().position(|b| b"?#".contains(b)).unwrap_or(rest.len());
    let path = url.get(start..end).unwrap_or_default();
    let last = path.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    if let Some(semicolon) = path.get(last..).and_then(|tail| tail.iter().position(|&b| b == b';')) {
        end = start + last + semicolon;
    }
    (start, end)
}

/// `PurePosixPath(path).name`: the last segment that is neither empty nor `.`.
fn last_segment(url: &str, (start, end): (usize, usize)) -> &str {
    let path = url.get(start..end).unwrap_or_default();
    let mut end = path.len();
    loop {
        let head = path.get(..end).unwrap_or_default();
        let from = head.bytes().rposition(|b| b == b'/').map_or(0, |i| i + 1);
        let segment = head.get(from..).unwrap_or_default();
        if !segment.is_empty() && segment != "." {
            return segment;
        }
        if from == 0 {
            return "";
        }
        end = from - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(url: &str, version: &str) -> std::string::String {
        let p = package_name(url, version);
        match p.version {
            Some(v) => std::format!("{}:{v}", p.name),
            None => p.name.into(),
        }
    }

    #[test]
    fn as_the_view_stores_it() {
        assert_eq!(shown("https://h/rel/demo-1.0.0.tar.gz", "1.0.1"), "demo-1:1.0.1");
        assert_eq!(shown("https://h/rel/demo-1.0.0.tar.gz", "1"), "demo-1");
        assert_eq!(shown("http://h/x/pkg-1.0.tar.gz?a=b.c#frag", "v9"), "pkg-1:v9");
        assert_eq!(shown("http://h/x/moved", "r1"), "moved:r1");
        assert_eq!(shown("http://h/x/moved/", "r1"), "moved:r1");
        assert_eq!(shown("http://h/a/./", "2"), "a:2");
        assert_eq!(shown("http://h/_emulator/packages/demo/default/1.0", "copy"), "1:copy");
        assert_eq!(shown("http://h/my%20app.tgz", "1"), "my%20app:1");
        assert_eq!(shown("http://h/a/b.tgz;type=x", "1"), "b:1");
        assert_eq!(shown("http://h", "1"), ":1");
        assert_eq!(shown("http://h/?x=/y.tgz", "1"), ":1");
        assert_eq!(shown("http://h/.hidden", "1"), ":1");
        assert_eq!(shown("http://h/a.b", ""), "a");
    }
}
