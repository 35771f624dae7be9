//! The checks every option passes before any request is sent. The browser edge reads raw values from JS into the
//! `*Input` structs; these functions turn them into a request or name the option at fault and why.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::archive;
use crate::auth::{Auth, AuthInput, Invalid};
use crate::endpoint::GatewayRoot;
use crate::retry::RetryPolicy;

/// The gateway's body limit (40 MiB): larger bodies are refused with 413, so they are refused before sending.
pub const DEFAULT_MAX_SIZE: u64 = 40 << 20;
/// Longest `package_url` the server accepts.
pub const MAX_URL_LEN: usize = 2048;
/// The `version` database column.
pub const MAX_VERSION_LEN: usize = 128;

/// Connection options as read from JS (strings not yet checked; absent = `None`).
#[derive(Debug, Default, Clone)]
pub struct ConnectionInput {
    pub base_url: Option<String>,
    pub stage: Option<String>,
    pub app_code: Option<String>,
    pub module: Option<String>,
    pub auth: AuthInput,
    pub allow_insecure_http: bool,
    pub headers: Vec<(String, String)>,
}

/// A checked connection: where to send and who we are.
#[derive(Debug, Clone)]
pub struct Connection {
    pub root: GatewayRoot,
    pub stage: String,
    pub app_code: String,
    pub module: String,
    pub auth: Auth,
    pub headers: Vec<(String, String)>,
}

impl Connection {
    pub fn url(&self, link: bool) -> String {
        self.root.url(&self.stage, &self.app_code, &self.module, link)
    }
}

impl ConnectionInput {
    pub fn check(self) -> Result<Connection, Invalid> {
        let root = GatewayRoot::parse(self.base_url.as_deref().unwrap_or("")).map_err(|why| ("baseUrl", why))?;
        let stage = segment("stage", self.stage, Some("prod"))?;
        let app_code = segment("appCode", self.app_code, None)?;
        let module = segment("module", self.module, Some("default"))?;
        let auth = self.auth.check()?;
        if root.is_insecure() && !self.allow_insecure_http {
            return Err(("baseUrl", "is plain http:// to a host that is not this machine: the credentials would travel unencrypted. Use https://, or set allowInsecureHttp: true if you accept that"));
        }
        for (name, value) in &self.headers {
            let token = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token || value.chars().any(|c| c.is_control() && c != '\t') {
                return Err(("headers", "has a header name that is not a token, or a value with control characters"));
            }
            if name.eq_ignore_ascii_case("x-bkapi-authorization") {
                return Err(("headers", "must not carry X-Bkapi-Authorization: use the auth options"));
            }
        }
        Ok(Connection { root, stage, app_code, module, auth, headers: self.headers })
    }
}

/// A path segment option: trimmed, non-empty, no control characters.
fn segment(option: &'static str, value: Option<String>, default: Option<&str>) -> Result<String, Invalid> {
    let value = match (value, default) {
        (Some(v), _) => v.trim().to_owned(),
        (None, Some(d)) => return Ok(d.to_owned()),
        (None, None) => return Err((option, "is required")),
    };
    if value.is_empty() {
        return Err((option, "is empty"));
    }
    if value.chars().any(char::is_control) {
        return Err((option, "contains control characters"));
    }
    Ok(value)
}

/// The server's package file name rule: `[a-zA-Z0-9\-_.]+`, not `.` or `..`.
pub fn check_filename(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty: give `filename` when `file` is a Blob");
    }
    if name == "." || name == ".." {
        return Err("must not be . or ..");
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) {
        return Err("may only contain letters A-Z a-z, digits, '-', '_' and '.' (the server's rule: no spaces, no CJK, no slashes); rename the file or pass `filename`");
    }
    Ok(())
}

/// Size against the limit, before sending.
pub fn check_size(size: u64, max: u64) -> Result<(), String> {
    if size == 0 {
        return Err("is empty (0 bytes)".into());
    }
    if size > max {
        let mut why = String::from("is ");
        why.push_str(&crate::text::human_bytes(size));
        why.push_str(", more than maxSize (");
        why.push_str(&crate::text::human_bytes(max));
        why.push_str(if max == DEFAULT_MAX_SIZE { ", the API gateway's body limit); upload by link instead" } else { ")" });
        return Err(why);
    }
    Ok(())
}

/// The archive kind from the file's first bytes, or why it will be refused.
pub fn check_archive(head: &[u8]) -> Result<archive::Kind, &'static str> {
    archive::sniff(head).ok_or("is not an archive the platform accepts (tar, tar.gz, tar.bz2, tar.xz or zip), judged by its first bytes")
}

/// `package_url`: trimmed, http(s) only, at most 2048 characters.
pub fn check_package_url(raw: &str) -> Result<String, &'static str> {
    let url = raw.trim();
    if url.is_empty() {
        return Err("is required");
    }
    if crate::text::char_len(url) > MAX_URL_LEN {
        return Err("is longer than 2048 characters, the server's limit");
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err("must be an http:// or https:// URL");
    };
    let rest = url.get(scheme_len..).unwrap_or("");
    if rest.split(['/', '?', '#']).next().unwrap_or("").is_empty() {
        return Err("has no host");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("contains spaces or control characters: percent-encode them");
    }
    Ok(url.to_owned())
}

/// `version`: trimmed; at most 128 characters. `None` when not given or blank.
pub fn check_version(raw: Option<String>) -> Result<Option<String>, &'static str> {
    let Some(v) = raw else { return Ok(None) };
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if crate::text::char_len(v) > MAX_VERSION_LEN {
        return Err("is longer than 128 characters, the server's limit");
    }
    if v.chars().any(char::is_control) {
        return Err("contains control characters");
    }
    Ok(Some(v.to_owned()))
}

/// Timing options in milliseconds, after checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Timeouts {
    /// No bytes sent for this long: give up (0 = never).
    pub stall_ms: u32,
    /// No answer this long after the last byte: give up (0 = never).
    pub response_ms: u32,
    /// Whole call, retries included (0 = none).
    pub total_ms: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts { stall_ms: 30_000, response_ms: 120_000, total_ms: 0 }
    }
}

/// A duration option in ms: a finite number ≥ 0 (fractions are cut), capped at about 24 days (a timer's limit).
pub fn check_ms(value: f64) -> Result<u32, &'static str> {
    // NaN fails every comparison: `is_finite` and `>= 0` together refuse it.
    if !value.is_finite() || value < 0.0 {
        return Err("must be a number of milliseconds, 0 or more");
    }
    Ok(value.min(i32::MAX as f64) as u32)
}

/// Retry options after checks.
pub fn check_retries(retries: Option<f64>, delays: Option<Vec<f64>>, max_retry_after: Option<f64>, ambiguous: bool) -> Result<RetryPolicy, Invalid> {
    let mut policy = RetryPolicy { retry_ambiguous: ambiguous, ..RetryPolicy::default() };
    if let Some(n) = retries {
        if !(0.0..=10.0).contains(&n) || n % 1.0 != 0.0 {
            return Err(("retries", "must be a whole number from 0 to 10"));
        }
        policy.retries = n as u32;
    }
    if let Some(d) = delays {
        if d.is_empty() {
            return Err(("retryDelays", "must not be empty"));
        }
        policy.delays = d.into_iter().map(check_ms).collect::<Result<_, _>>().map_err(|why| ("retryDelays", why))?;
    }
    if let Some(m) = max_retry_after {
        policy.max_retry_after_ms = check_ms(m).map_err(|why| ("maxRetryAfter", why))?;
    }
    Ok(policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> ConnectionInput {
        ConnectionInput {
            base_url: Some("https://bkapi.example.com/api/bkpaas3".into()),
            app_code: Some("myapp".into()),
            auth: AuthInput { access_token: Some("t".into()), ..AuthInput::default() },
            ..ConnectionInput::default()
        }
    }

    #[test]
    fn defaults_stage_and_module() {
        let c = conn().check().unwrap();
        assert_eq!(c.url(false), "https://bkapi.example.com/api/bkpaas3/prod/bkapps/applications/myapp/modules/default/source_package/");
    }

    #[test]
    fn names_the_option_at_fault() {
        let cases: Vec<(ConnectionInput, &str)> = vec![
            (ConnectionInput { base_url: None, ..conn() }, "baseUrl"),
            (ConnectionInput { app_code: None, ..conn() }, "appCode"),
            (ConnectionInput { app_code: Some("  ".into()), ..conn() }, "appCode"),
            (ConnectionInput { module: Some("".into()), ..conn() }, "module"),
            (ConnectionInput { stage: Some("a\nb".into()), ..conn() }, "stage"),
            (ConnectionInput { auth: AuthInput::default(), ..conn() }, "accessToken"),
            (ConnectionInput { base_url: Some("http://bkapi.example.com/x".into()), ..conn() }, "baseUrl"),
            (ConnectionInput { headers: vec![("X-Bkapi-Authorization".into(), "{}".into())], ..conn() }, "headers"),
            (ConnectionInput { headers: vec![("Bad Name".into(), "v".into())], ..conn() }, "headers"),
            (ConnectionInput { headers: vec![("X-Ok".into(), "a\r\nb".into())], ..conn() }, "headers"),
        ];
        for (case, option) in cases {
            assert_eq!(case.clone().check().unwrap_err().0, option, "{case:?}");
        }
    }

    #[test]
    fn plain_http_needs_consent_except_on_loopback() {
        assert!(ConnectionInput { base_url: Some("http://bkapi.example.com/x".into()), allow_insecure_http: true, ..conn() }.check().is_ok());
        assert!(ConnectionInput { base_url: Some("http://127.0.0.1:8080/api/bkpaas3".into()), ..conn() }.check().is_ok());
    }

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
    fn size_rule() {
        assert!(check_size(0, DEFAULT_MAX_SIZE).is_err());
        assert!(check_size(DEFAULT_MAX_SIZE, DEFAULT_MAX_SIZE).is_ok());
        let why = check_size(DEFAULT_MAX_SIZE + 1, DEFAULT_MAX_SIZE).unwrap_err();
        assert!(why.contains("40 MiB") && why.contains("by link"), "{why}");
    }

    #[test]
    fn package_url_rule() {
        assert_eq!(check_package_url("  https://h/x.tgz ").unwrap(), "https://h/x.tgz");
        assert!(check_package_url("HTTP://h:81/x").is_ok());
        for bad in ["", "ftp://h/x", "file:///etc/passwd", "javascript:alert(1)", "http://", "https://h/a b"] {
            assert!(check_package_url(bad).is_err(), "{bad}");
        }
        let long = String::from("https://h/") + &"a".repeat(2040);
        assert!(check_package_url(&long).is_err());
    }

    #[test]
    fn version_rule() {
        assert_eq!(check_version(Some(" 1.0 ".into())).unwrap(), Some("1.0".into()));
        assert_eq!(check_version(Some("   ".into())).unwrap(), None);
        assert!(check_version(Some("v".repeat(129))).is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(check_ms(1500.7), Ok(1500));
        assert!(check_ms(-1.0).is_err());
        assert!(check_ms(f64::NAN).is_err());
        assert!(check_retries(Some(1.5), None, None, false).is_err());
        assert!(check_retries(Some(11.0), None, None, false).is_err());
        assert_eq!(check_retries(Some(0.0), Some(vec![5.0]), None, true).unwrap().delays, vec![5]);
    }
}
