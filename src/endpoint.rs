//! The request URL: `{gateway root}/{stage}/bkapps/applications/{app_code}/modules/{module}/source_package/[link/]`.

#[allow(unused_imports)]
use crate::prelude::*;

/// The gateway root as given, checked: an absolute http(s) URL, or a path on the page's own origin.
#[derive(Debug, Clone, PartialEq)]
pub struct GatewayRoot {
    /// Without a trailing slash.
    root: String,
    /// `Some(true)` for `https:`, `Some(false)` for `http:`, `None` for a same-origin path.
    secure: Option<bool>,
    /// The host (no port, no brackets) of an absolute URL.
    host: String,
}

impl GatewayRoot {
    pub fn parse(input: &str) -> Result<GatewayRoot, &'static str> {
        let s = input.trim();
        if s.is_empty() {
            return Err("baseUrlEmpty");
        }
        if s.contains(['?', '#']) {
            return Err("baseUrlQuery");
        }
        if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("spaces");
        }
        let root = s.trim_end_matches('/').to_owned();
        if s.starts_with('/') && !s.starts_with("//") {
            return Ok(GatewayRoot {
                root,
                secure: None,
                host: String::new(),
            });
        }
        let (secure, rest) = if let Some(r) = strip_prefix_ci(s, "https://") {
            (true, r)
        } else if let Some(r) = strip_prefix_ci(s, "http://") {
            (false, r)
        } else {
            return Err("baseUrlScheme");
        };
        let authority = rest.split('/').next().unwrap_or("");
        if authority.contains('@') {
            return Err("userInfo");
        }
        // What the browser would refuse to open: checked here, so it is a validation error, not a network one.
        // (Non-ASCII hosts are left to the browser's IDNA; Unicode tables would cost kilobytes of wasm.)
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (host, rest) = v6.split_once(']').ok_or("badHost")?;
                if host.is_empty() || !host.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') || !host.contains(':') {
                    return Err("badHost");
                }
                (
                    host,
                    rest.strip_prefix(':')
                        .map(Some)
                        .unwrap_or(if rest.is_empty() { None } else { Some("x") }),
                )
            }
            None => match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        if host.is_empty() {
            return Err("noHost");
        }
        if !host.contains(':')
            && !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || !c.is_ascii() || matches!(c, '-' | '.' | '_' | '~'))
        {
            return Err("badHost");
        }
        if let Some(port) = port {
            let valid = !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
            if !valid || port.parse::<u32>().map_or(true, |p| p > 65535) {
                return Err("badPort");
            }
        }
        Ok(GatewayRoot {
            root,
            secure: Some(secure),
            host: host.to_ascii_lowercase(),
        })
    }

    /// Credentials would cross the network in clear text: plain `http:` to a host that is not this machine.
    pub fn is_insecure(&self) -> bool {
        self.secure == Some(false) && !is_loopback(&self.host)
    }

    /// The URL of one operation, every path segment percent-encoded.
    pub fn url(&self, stage: &str, app_code: &str, module: &str, link: bool) -> String {
        let mut url = self.root.clone();
        url.push('/');
        push_segment(&mut url, stage);
        url.push_str("/bkapps/applications/");
        push_segment(&mut url, app_code);
        url.push_str("/modules/");
        push_segment(&mut url, module);
        url.push_str(if link { "/source_package/link/" } else { "/source_package/" });
        url
    }
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    // `get`, not indexing: a panicking slice would pull in core's formatting code.
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// `localhost`, `*.localhost`, 127.0.0.0/8 and `::1`: traffic that never leaves the machine.
pub fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || (host.starts_with("127.") && host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok()))
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters. A segment of only dots is
/// encoded too, so that `.` or `..` can never be read as a relative path.
pub fn push_segment(out: &mut String, segment: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let all_dots = segment.bytes().all(|b| b == b'.');
    for b in segment.bytes() {
        let unreserved = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'~') || (b == b'.' && !all_dots);
        if unreserved {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_seed_example() {
        let root = GatewayRoot::parse("http://bkapi.example.com/api/bkpaas3/").unwrap();
        assert_eq!(
            root.url("stag", "sundy820", "default", true),
            "http://bkapi.example.com/api/bkpaas3/stag/bkapps/applications/sundy820/modules/default/source_package/link/"
        );
        assert_eq!(
            root.url("prod", "app", "default", false),
            "http://bkapi.example.com/api/bkpaas3/prod/bkapps/applications/app/modules/default/source_package/"
        );
    }

    #[test]
    fn segments_never_split_or_climb() {
        let root = GatewayRoot::parse("/bkapi/bkpaas3").unwrap();
        assert_eq!(
            root.url("prod", "a/b", "..", false),
            "/bkapi/bkpaas3/prod/bkapps/applications/a%2Fb/modules/%2E%2E/source_package/"
        );
        let mut s = String::new();
        push_segment(&mut s, "模块 v1.0?#%");
        assert_eq!(s, "%E6%A8%A1%E5%9D%97%20v1.0%3F%23%25");
    }

    #[test]
    fn rejects_bad_roots() {
        for bad in [
            "",
            "ftp://x/y",
            "bkapi.example.com",
            "https://u:p@h/x",
            "https://h/x?token=1",
            "https:///x",
            "//h/x",
        ] {
            assert!(GatewayRoot::parse(bad).is_err(), "{bad}");
        }
        // What the browser cannot open is refused here, by name.
        for (bad, why) in [
            ("http://127.0.0.1:99999/api", "badPort"),
            ("http://h:abc/api", "badPort"),
            ("http://h:/api", "badPort"),
            ("https://[zz]/", "badHost"),
            ("https://[::1/", "badHost"),
            ("https://h%41st/x", "badHost"),
            ("https://a b/x", "spaces"),
        ] {
            assert_eq!(GatewayRoot::parse(bad).unwrap_err(), why, "{bad}");
        }
        for ok in [
            "https://[::1]:8443/x",
            "http://127.0.0.1:65535/a",
            "https://中文.example/x",
            "https://h:443",
        ] {
            assert!(GatewayRoot::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn knows_what_is_insecure() {
        assert!(GatewayRoot::parse("http://bkapi.example.com/api/bkpaas3").unwrap().is_insecure());
        assert!(GatewayRoot::parse("HTTP://10.0.0.1:8080/x").unwrap().is_insecure());
        for ok in [
            "https://bkapi.example.com/x",
            "http://127.0.0.1:9000/api",
            "http://localhost/x",
            "http://[::1]:80/x",
            "http://app.localhost/x",
            "/proxy",
        ] {
            assert!(!GatewayRoot::parse(ok).unwrap().is_insecure(), "{ok}");
        }
        assert!(GatewayRoot::parse("http://127.0.0.1.evil.com/x").unwrap().is_insecure());
    }
}
