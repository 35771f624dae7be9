//! What the request log never shows: credential values. A header or form field whose name says it carries one is
//! replaced whole; a URL's `user:password@` is replaced wherever a value holds a URL, and so are the values of
//! query parameters named like credentials (signed download links).

/// The mark that stands where a credential was.
pub const MARK: &str = "<redacted>";

/// Words in a header, field or query parameter name that mean its value is a credential.
const SECRET_WORDS: [&str; 10] = [
    "auth",
    "cookie",
    "token",
    "secret",
    "ticket",
    "password",
    "passwd",
    "session",
    "credential",
    "signature",
];

/// True when `name` (any case, `-` or `_` spelled) names a credential: `X-Bkapi-Authorization`, `Authorization`,
/// `Proxy-Authorization`, `Cookie`, `X-Csrf-Token`, `bk_app_secret`, `bk_ticket`, `api-key`...
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase().replace('_', "-");
    SECRET_WORDS.iter().any(|w| lower.contains(w)) || lower.contains("api-key") || lower.contains("apikey")
}

/// `value` with every URL's user info and every credential-named query value replaced by [`MARK`].
pub fn urls(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let end = after
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '<' || c == '>')
            .unwrap_or(after.len());
        let (url, tail) = after.split_at(end);
        out.push_str(&url_without_secrets(url));
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// One URL after `scheme://`: authority's user info, then credential-named query values.
fn url_without_secrets(url: &str) -> String {
    let authority_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let (authority, path) = url.split_at(authority_end);
    let mut out = match authority.rfind('@') {
        Some(at) => format!("{MARK}{}", &authority[at..]),
        None => authority.to_string(),
    };
    let Some(q) = path.find('?') else {
        out.push_str(path);
        return out;
    };
    out.push_str(&path[..=q]);
    let (query, fragment) = path[q + 1..].split_at(path[q + 1..].find('#').unwrap_or(path.len() - q - 1));
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if is_secret_name(name) => format!("{name}={MARK}"),
            _ => pair.to_string(),
        })
        .collect();
    out.push_str(&pairs.join("&"));
    out.push_str(fragment);
    out
}

/// A header or form value as the log shows it.
pub fn value(name: &str, value: &str) -> String {
    if is_secret_name(name) {
        MARK.to_string()
    } else {
        urls(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names() {
        for secret in [
            "x-bkapi-authorization",
            "Authorization",
            "proxy-authorization",
            "cookie",
            "X-Csrf-Token",
            "x-bk-ticket",
            "bk_app_secret",
            "access_token",
            "X-Api-Key",
            "x-amz-signature",
        ] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for plain in [
            "content-type",
            "content-length",
            "x-emulator-fault",
            "accept-language",
            "origin",
            "package_url",
            "version",
            "allow_overwrite",
        ] {
            assert!(!is_secret_name(plain), "{plain}");
        }
    }

    #[test]
    fn urls_lose_user_info_and_signed_query_values() {
        assert_eq!(
            urls("https://user:s3cret@files.example:8443/a.tgz"),
            "https://<redacted>@files.example:8443/a.tgz"
        );
        assert_eq!(
            urls("http://tok@h/a.tgz?x=1&token=abc&sig=2#f"),
            "http://<redacted>@h/a.tgz?x=1&token=<redacted>&sig=2#f"
        );
        assert_eq!(
            urls("see http://a:b@h/x and ftp://c:d@e/"),
            "see http://<redacted>@h/x and ftp://<redacted>@e/"
        );
        assert_eq!(urls("http://h/p@q"), "http://h/p@q");
        assert_eq!(urls("no url at all"), "no url at all");
        assert_eq!(urls("http://h?X-Amz-Signature=zz"), "http://h?X-Amz-Signature=<redacted>");
        assert_eq!(value("Authorization", "Bearer abc"), MARK);
        assert_eq!(value("package_url", "http://u:p@h/x.tgz"), "http://<redacted>@h/x.tgz");
    }
}
