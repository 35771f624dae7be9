//! Secrets out of every text the package returns. A server or proxy may echo the request headers into its answer;
//! the package knows each secret it sent and replaces it, raw or JSON-escaped, before any text is cut or shown.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::text::push_json_escaped;

/// What replaces a secret.
pub const MARK: &str = "[redacted]";

/// The forms a secret can take in an answer: as sent, and as a JSON string escapes it (once, and twice when the
/// JSON header value is itself quoted inside JSON).
pub fn forms(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_owned()];
    let mut once = String::new();
    push_json_escaped(&mut once, secret);
    let mut twice = String::new();
    push_json_escaped(&mut twice, &once);
    for form in [once, twice] {
        if !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// `text` with every form of every secret replaced by [`MARK`]. Secrets shorter than 4 bytes are not searched:
/// they would match ordinary words (and are refused as credentials anyway).
pub fn redact(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        out = replace_all(&out, secret);
    }
    out
}

/// A plain scan (core's `str::replace` brings a two-way string searcher, kilobytes of wasm, for texts this short).
fn replace_all(text: &str, secret: &str) -> String {
    let (t, s) = (text.as_bytes(), secret.as_bytes());
    let mut out = String::with_capacity(text.len());
    let (mut start, mut i) = (0, 0);
    while i + s.len() <= t.len() {
        if t.get(i..i + s.len()) == Some(s) {
            // A match starts on a character boundary: `s` is UTF-8 and cannot begin with a continuation byte.
            out.push_str(text.get(start..i).unwrap_or(""));
            out.push_str(MARK);
            i += s.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(text.get(start..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_raw_and_escaped_forms() {
        let secrets: Vec<String> = forms("to\"k/en中").into_iter().chain(forms("s3cr3t-value")).collect();
        let body = r#"{"detail": "header was {\"access_token\":\"to\\\"k/en\\u4e2d\"} and s3cr3t-value"}"#;
        let out = redact(body, &secrets);
        assert!(!out.contains("s3cr3t"), "{out}");
        assert!(!out.contains("k/en"), "{out}");
        assert_eq!(out.matches(MARK).count(), 2, "{out}");
    }

    #[test]
    fn short_secrets_are_not_searched() {
        assert_eq!(redact("a b c", &["a".into()]), "a b c");
    }
}
