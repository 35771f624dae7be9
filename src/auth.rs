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

/// Which option is wrong, and why. Messages never contain the credential's value.
pub type Invalid = (&'static str, &'static str);

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
                return Err(("accessToken", "give either accessToken, or bkAppCode + bkAppSecret + a user identity, not both"));
            }
            return Ok(Auth::AccessToken(credential("accessToken", token)?));
        }
        if app_parts == 0 && given_users.is_empty() {
            return Err(("accessToken", "no credentials: give accessToken, or bkAppCode + bkAppSecret + one of bkToken, bkTicket, bkUsername"));
        }
        let app_code = credential("bkAppCode", self.bk_app_code.ok_or(("bkAppCode", "is missing: it goes with bkAppSecret and a user identity"))?)?;
        let app_secret = credential("bkAppSecret", self.bk_app_secret.ok_or(("bkAppSecret", "is missing: it goes with bkAppCode"))?)?;
        match given_users.as_slice() {
            [(option, key, value)] => {
                let user = credential(option, (*value).clone().unwrap_or_default())?;
                Ok(Auth::App { app_code, app_secret, user_key: key, user })
            }
            [] => Err(("bkToken", "is missing: with bkAppCode and bkAppSecret give one user identity: bkToken, bkTicket or bkUsername")),
            _ => Err(("bkToken", "give only one of bkToken, bkTicket, bkUsername")),
        }
    }
}

/// A credential must be non-empty and free of control characters (a CR/LF would split the header).
fn credential(option: &'static str, value: String) -> Result<String, Invalid> {
    if value.trim().is_empty() {
        return Err((option, "is empty"));
    }
    if value.chars().any(char::is_control) {
        return Err((option, "contains control characters (such as a line break): copy the credential again"));
    }
    Ok(value)
}

impl Auth {
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
    fn messages_never_carry_the_secret() {
        let err = AuthInput { access_token: Some("sekret\n".into()), ..input() }.check().unwrap_err();
        assert!(!err.1.contains("sekret"));
    }
}
