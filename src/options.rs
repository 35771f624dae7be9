//! The rule of each option, checked before any request is sent. A problem is `(option, reason)`: the reason is a
//! key of the texts table (js/texts.js), which words it in the caller's language.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::retry::RetryPolicy;
use crate::text::char_len;
use crate::Invalid;

pub use bkpaas_rules::limits::DEFAULT_MAX_SIZE;
/// Longest `package_url` the server accepts.
pub const MAX_URL_LEN: usize = 2048;
/// The `version` database column.
pub const MAX_VERSION_LEN: usize = 128;
/// Longest text any option may hold (checked before it is copied into wasm memory): far above every real value.
pub const MAX_TEXT_LEN: u32 = 16 * 1024;

/// A path segment option: trimmed, non-empty, no control characters.
pub fn segment<'a>(option: &'static str, value: Option<&'a str>, default: Option<&'static str>) -> Result<&'a str, Invalid> {
    let value = match (value, default) {
        (Some(v), _) => v.trim(),
        (None, Some(d)) => return Ok(d),
        (None, None) => return Err((option, "required")),
    };
    if value.is_empty() {
        return Err((option, "empty"));
    }
    if value.chars().any(char::is_control) {
        return Err((option, "control"));
    }
    // The browser's URL parser reads `..` (and `%2e%2e`) as "one level up", whatever the encoding.
    if value.bytes().all(|b| b == b'.') {
        return Err((option, "dots"));
    }
    Ok(value)
}

/// Headers the browser or the multipart body own, or the package sets itself: sending them would be dropped
/// silently by the browser, break the body, or fight the package's own. (One string: a list of slices costs more.)
const OWNED: &str = "accept accept-charset accept-encoding accept-language access-control-request-headers \
access-control-request-method connection content-length content-type cookie cookie2 date dnt expect host keep-alive \
origin referer set-cookie te trailer transfer-encoding upgrade via";

/// Extra headers for a proxy: token names, Latin-1 values without control characters, none the browser owns.
pub fn check_headers(headers: &[(String, String)]) -> Result<(), Invalid> {
    for (name, value) in headers {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)) {
            return Err(("headers", "headerName"));
        }
        if value.chars().any(|c| (c.is_control() && c != '\t') || c as u32 > 0xFF) {
            return Err(("headers", "headerValue"));
        }
        if name.eq_ignore_ascii_case("x-bkapi-authorization") {
            return Err(("headers", "headerAuth"));
        }
        let prefixed = |p: &str| name.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        if OWNED.split(' ').any(|h| h.eq_ignore_ascii_case(name)) || prefixed("proxy-") || prefixed("sec-") {
            return Err(("headers", "headerOwned"));
        }
    }
    Ok(())
}

/// The server's package file name rule (the rules crate), as an option problem.
pub fn check_filename(name: &str) -> Result<(), Invalid> {
    use bkpaas_rules::name::{check_filename, NameError};
    check_filename(name).map_err(|e| {
        (
            "filename",
            match e {
                NameError::Empty => "filenameEmpty",
                NameError::Dots => "filenameDots",
                NameError::Character => "filenameChars",
            },
        )
    })
}

/// `package_url`: trimmed, http(s) only, at most 2048 characters.
pub fn check_package_url(raw: &str) -> Result<&str, Invalid> {
    let bad = |why| Err(("packageUrl", why));
    let url = raw.trim();
    if url.is_empty() {
        return bad("required");
    }
    if char_len(url) > MAX_URL_LEN {
        return bad("tooLong");
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return bad("urlScheme");
    };
    if url
        .get(scheme_len..)
        .unwrap_or("")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .is_empty()
    {
        return bad("noHost");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("spaces");
    }
    Ok(url)
}

/// `version`: trimmed; at most 128 characters. `None` when not given or blank.
pub fn check_version(raw: Option<&str>) -> Result<Option<&str>, Invalid> {
    let Some(v) = raw else { return Ok(None) };
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if char_len(v) > MAX_VERSION_LEN {
        return Err(("version", "tooLong"));
    }
    if v.chars().any(char::is_control) {
        return Err(("version", "control"));
    }
    Ok(Some(v))
}

/// Timing options in milliseconds, after checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeouts {
    /// No byte moved for this long: give up (0 = never).
    pub stall_ms: u32,
    /// No answer this long after the last byte: give up (0 = never).
    pub response_ms: u32,
    /// Whole call, retries included (0 = none).
    pub total_ms: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            stall_ms: 30_000,
            response_ms: 120_000,
            total_ms: 0,
        }
    }
}

/// A duration option in ms: a finite number ≥ 0, capped at about 24 days (a timer's limit). A fraction rounds up,
/// so that a small positive deadline never becomes "none".
pub fn check_ms(option: &'static str, value: f64) -> Result<u32, Invalid> {
    // NaN fails every comparison: `is_finite` and `>= 0` together refuse it.
    if !value.is_finite() || value < 0.0 {
        return Err((option, "notMs"));
    }
    let whole = value as u32;
    Ok(if (whole as f64) < value { whole + 1 } else { whole }.min(i32::MAX as u32))
}

/// Retry options after checks.
pub fn check_retries(
    retries: Option<f64>,
    delays: Option<&[f64]>,
    max_retry_after: Option<f64>,
    ambiguous: bool,
) -> Result<RetryPolicy, Invalid> {
    let mut policy = RetryPolicy {
        retry_ambiguous: ambiguous,
        ..RetryPolicy::default()
    };
    if let Some(n) = retries {
        if !(0.0..=10.0).contains(&n) || n % 1.0 != 0.0 {
            return Err(("retries", "retriesRange"));
        }
        policy.retries = n as u32;
    }
    if let Some(d) = delays {
        if d.is_empty() {
            return Err(("retryDelays", "emptyList"));
        }
        policy.delays.clear();
        for v in d {
            policy.delays.push(check_ms("retryDelays", *v)?);
        }
    }
    if let Some(m) = max_retry_after {
        policy.max_retry_after_ms = check_ms("maxRetryAfter", m)?;
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filename_rule() {
        for ok in ["app.tar.gz", "my-app_1.0.zip", "a"] {
            assert!(check_filename(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".", "..", "my app.tgz", "应用.zip", "a/b.zip", "a\\b.zip", "x\0.zip"] {
            assert!(check_filename(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn package_url_rule() {
        assert_eq!(check_package_url("  https://h/x.tgz ").unwrap(), "https://h/x.tgz");
        assert!(check_package_url("HTTP://h:81/x").is_ok());
        for bad in [
            "",
            "ftp://h/x",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "http://",
            "https://h/a b",
        ] {
            assert!(check_package_url(bad).is_err(), "{bad}");
        }
        let long = String::from("https://h/") + &"a".repeat(2040);
        assert_eq!(check_package_url(&long).unwrap_err(), ("packageUrl", "tooLong"));
    }

    #[test]
    fn version_rule() {
        assert_eq!(check_version(Some(" 1.0 ")).unwrap(), Some("1.0"));
        assert_eq!(check_version(Some("   ")).unwrap(), None);
        assert!(check_version(Some(&"v".repeat(129))).is_err());
    }

    #[test]
    fn headers_rule() {
        let h = |n: &str, v: &str| vec![(n.to_owned(), v.to_owned())];
        assert!(check_headers(&h("X-Proxy-Key", "abc")).is_ok());
        assert_eq!(check_headers(&h("X-Bkapi-Authorization", "{}")).unwrap_err().1, "headerAuth");
        assert_eq!(check_headers(&h("Bad Name", "v")).unwrap_err().1, "headerName");
        assert_eq!(check_headers(&h("X-Ok", "a\r\nb")).unwrap_err().1, "headerValue");
        assert_eq!(check_headers(&h("X-Ok", "中文")).unwrap_err().1, "headerValue");
        for owned in [
            "Content-Type",
            "content-length",
            "Host",
            "Cookie",
            "Proxy-Authorization",
            "Sec-Fetch-Mode",
            "Accept-Language",
        ] {
            assert_eq!(check_headers(&h(owned, "x")).unwrap_err().1, "headerOwned", "{owned}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(check_ms("timeout", 1500.0), Ok(1500));
        assert_eq!(check_ms("timeout", 0.5), Ok(1), "a fraction never becomes no deadline");
        assert_eq!(check_ms("timeout", 0.0), Ok(0));
        assert!(check_ms("timeout", -1.0).is_err());
        assert!(check_ms("timeout", f64::NAN).is_err());
        assert!(check_retries(Some(1.5), None, None, false).is_err());
        assert!(check_retries(Some(11.0), None, None, false).is_err());
        assert_eq!(check_retries(Some(0.0), Some(&[5.0]), None, true).unwrap().delays, vec![5]);
    }
}
