//! The `X-Bkapi-Authorization` header: a JSON object, one of the gateway's credential styles.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::text::push_json_string;

/// Who the caller is, as the gateway accepts it.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    AccessToken(String),
    /// App code + secret + one user identity: (`bk_token` | `bk_ticket` | `bk_username`, value).
    App { app_code: String, app_secret: String, user_key: &'static str, user: String },
}

/// The credential options as read from JS, before checking.
#[derive(Debug, Default, Clone)]
pub struct AuthInput {
    pub access_token: Option<String>,
    pub bk_app_code: Option<String>,
    pub bk_app_secret: Option<String>,
    pub bk_token: Option<String>,
    pub bk_ticket: Option<String>,
    pub bk_username: Option<String>,
}

pub use crate::Invalid;

impl AuthInput {
    pub fn check(self) -> Result<Auth, Invalid> {
        let present = |v: &Option<String>| v.is_some();
        let app_parts = [&self.bk_app_code, &self.bk_app_secret].iter().filter(|v| present(v)).count();
        let users: [(&'static str, &'static str, &Option<String>); 3] = [
            ("bkToken", "bk_token", &self.bk_token),
            ("bkTicket", "bk_ticket", &self.bk_ticket),
            ("bkUsername", "bk_username", &self.bk_username),
        ];
        let given_users: Vec<_> = users.iter().filter(|u| present(u.2)).collect();
        if let Some(token) = self.access_token {
            if app_parts > 0 || !given_users.is_empty() {
                return Err(("accessToken", "authBoth"));
            }
            return Ok(Auth::AccessToken(credential("accessToken", token)?));
        }
        if app_parts == 0 && given_users.is_empty() {
            return Err(("accessToken", "authNone"));
        }
        let app_code = credential("bkAppCode", self.bk_app_code.ok_or(("bkAppCode", "appCodeMissing"))?)?;
        let app_secret = credential("bkAppSecret", self.bk_app_secret.ok_or(("bkAppSecret", "appSecretMissing"))?)?;
        match given_users.as_slice() {
            [(option, key, value)] => {
                let user = credential(option, (*value).clone().unwrap_or_default())?;
                Ok(Auth::App { app_code, app_secret, user_key: key, user })
            }
            [] => Err(("bkToken", "userMissing")),
            _ => Err(("bkToken", "userMany")),
        }
    }
}

/// A credential must be non-empty and free of control characters (a CR/LF would split the header).
fn credential(option: &'static str, value: String) -> Result<String, Invalid> {
    if value.trim().is_empty() {
        return Err((option, "empty"));
    }
    if value.chars().any(char::is_control) {
        return Err((option, "credentialControl"));
    }
    Ok(value)
}

impl Auth {
    /// The values an answer must never echo back: each credential, and the header value as a whole.
    pub fn secrets(&self) -> Vec<String> {
        let mut out = crate::redact::forms(&self.header_value());
        let parts: &[&String] = match self {
            Auth::AccessToken(token) => &[token],
            Auth::App { app_secret, user_key, user, .. } if *user_key != "bk_username" => &[app_secret, user],
            Auth::App { app_secret, .. } => &[app_secret],
        };
        for part in parts {
            out.extend(crate::redact::forms(part));
        }
        out
    }

    /// The header value, real JSON with every string escaped.
    pub fn header_value(&self) -> String {
        let mut out = String::from("{");
        let pair = |out: &mut String, key: &str, value: &str| {
            if out.len() > 1 {
                out.push(',');
            }
            push_json_string(out, key);
            out.push(':');
            push_json_string(out, value);
        };
        match self {
            Auth::AccessToken(token) => pair(&mut out, "access_token", token),
            Auth::App { app_code, app_secret, user_key, user } => {
                pair(&mut out, "bk_app_code", app_code);
                pair(&mut out, "bk_app_secret", app_secret);
                pair(&mut out, user_key, user);
            }
        }
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AuthInput {
        AuthInput::default()
    }

    #[test]
    fn access_token_header_is_json() {
        let auth = AuthInput { access_token: Some("to\"k\\en中".into()), ..input() }.check().unwrap();
        let v: serde_json::Value = serde_json::from_str(&auth.header_value()).unwrap();
        assert_eq!(v, serde_json::json!({"access_token": "to\"k\\en中"}));
    }

    #[test]
    fn app_styles() {
        for (set, key) in [
            (AuthInput { bk_token: Some("u".into()), ..input() }, "bk_token"),
            (AuthInput { bk_ticket: Some("u".into()), ..input() }, "bk_ticket"),
            (AuthInput { bk_username: Some("u".into()), ..input() }, "bk_username"),
        ] {
            let auth = AuthInput { bk_app_code: Some("app".into()), bk_app_secret: Some("s".into()), ..set }.check().unwrap();
            let v: serde_json::Value = serde_json::from_str(&auth.header_value()).unwrap();
            assert_eq!(v, serde_json::json!({"bk_app_code": "app", "bk_app_secret": "s", key: "u"}));
        }
    }

    #[test]
    fn refuses_incomplete_or_mixed() {
        let cases = [
            (input(), "accessToken"),
            (AuthInput { access_token: Some("".into()), ..input() }, "accessToken"),
            (AuthInput { access_token: Some("a\r\nX-Evil: 1".into()), ..input() }, "accessToken"),
            (AuthInput { access_token: Some("t".into()), bk_app_code: Some("a".into()), ..input() }, "accessToken"),
            (AuthInput { bk_app_code: Some("a".into()), bk_token: Some("u".into()), ..input() }, "bkAppSecret"),
            (AuthInput { bk_app_code: Some("a".into()), bk_app_secret: Some("s".into()), ..input() }, "bkToken"),
            (AuthInput { bk_app_secret: Some("s".into()), bk_token: Some("u".into()), ..input() }, "bkAppCode"),
            (AuthInput { bk_app_code: Some("a".into()), bk_app_secret: Some("s".into()), bk_token: Some("u".into()), bk_ticket: Some("t".into()), ..input() }, "bkToken"),
        ];
        for (case, option) in cases {
            let err = case.clone().check().unwrap_err();
            assert_eq!(err.0, option, "{case:?}");
        }
    }

    #[test]
    fn secrets_cover_every_credential_and_the_header() {
        let auth = AuthInput { bk_app_code: Some("app".into()), bk_app_secret: Some("s3cret".into()), bk_token: Some("tok\"en".into()), ..input() }.check().unwrap();
        let secrets = auth.secrets();
        for want in ["s3cret", "tok\"en", "tok\\\"en", &auth.header_value()] {
            assert!(secrets.iter().any(|s| s == want), "{want} in {secrets:?}");
        }
        assert!(!secrets.iter().any(|s| s == "app"), "the app code is no secret");
    }
}
