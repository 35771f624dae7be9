//! The `X-Bkapi-Authorization` header: a JSON object, one of the gateway's credential styles.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::text::push_json_string;

/// Who the caller is, as the gateway accepts it.
#[derive(Debug, Clone, PartialEq)]
/// Borrowed from the options: checking allocates nothing, so an early return has nothing to drop.
pub enum Auth<'a> {
    AccessToken(&'a str),
    /// App code + secret + one user identity: (`bk_token` | `bk_ticket` | `bk_username`, value).
    App {
        app_code: &'a str,
        app_secret: &'a str,
        user_key: &'static str,
        user: &'a str,
    },
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
    pub fn check(&self) -> Result<Auth<'_>, Invalid> {
        let AuthInput {
            access_token,
            bk_app_code,
            bk_app_secret,
            bk_token,
            bk_ticket,
            bk_username,
        } = self;
        let app_parts = bk_app_code.is_some() as u8 + bk_app_secret.is_some() as u8;
        let users = bk_token.is_some() as u8 + bk_ticket.is_some() as u8 + bk_username.is_some() as u8;
        if let Some(token) = access_token {
            if app_parts + users > 0 {
                return Err(("accessToken", "authBoth"));
            }
            return Ok(Auth::AccessToken(credential("accessToken", token)?));
        }
        if app_parts + users == 0 {
            return Err(("accessToken", "authNone"));
        }
        let app_code = credential("bkAppCode", bk_app_code.as_deref().ok_or(("bkAppCode", "appCodeMissing"))?)?;
        let app_secret = credential("bkAppSecret", bk_app_secret.as_deref().ok_or(("bkAppSecret", "appSecretMissing"))?)?;
        if users > 1 {
            return Err(("bkToken", "userMany"));
        }
        let (option, user_key, user) = match (bk_token, bk_ticket, bk_username) {
            (Some(u), _, _) => ("bkToken", "bk_token", u),
            (_, Some(u), _) => ("bkTicket", "bk_ticket", u),
            (_, _, Some(u)) => ("bkUsername", "bk_username", u),
            _ => return Err(("bkToken", "userMissing")),
        };
        Ok(Auth::App {
            app_code,
            app_secret,
            user_key,
            user: credential(option, user)?,
        })
    }
}

/// A credential must be non-empty and free of control characters (a CR/LF would split the header).
fn credential<'a>(option: &'static str, value: &'a str) -> Result<&'a str, Invalid> {
    if value.trim().is_empty() {
        return Err((option, "empty"));
    }
    if value.chars().any(char::is_control) {
        return Err((option, "credentialControl"));
    }
    Ok(value)
}

impl Auth<'_> {
    /// The values an answer must never echo back: each credential, and the header value as a whole.
    pub fn secrets(&self) -> Vec<String> {
        let mut out = crate::redact::forms(&self.header_value());
        let parts: &[&str] = match self {
            Auth::AccessToken(token) => &[token],
            Auth::App {
                app_secret,
                user_key,
                user,
                ..
            } if *user_key != "bk_username" => &[app_secret, user],
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
            Auth::App {
                app_code,
                app_secret,
                user_key,
                user,
            } => {
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
        let input = AuthInput {
            access_token: Some("to\"k\\en中".into()),
            ..input()
        };
        let auth = input.check().unwrap();
        let v: serde_json::Value = serde_json::from_str(&auth.header_value()).unwrap();
        assert_eq!(v, serde_json::json!({"access_token": "to\"k\\en中"}));
    }

    #[test]
    fn app_styles() {
        for (set, key) in [
            (
                AuthInput {
                    bk_token: Some("u".into()),
                    ..input()
                },
                "bk_token",
            ),
            (
                AuthInput {
                    bk_ticket: Some("u".into()),
                    ..input()
                },
                "bk_ticket",
            ),
            (
                AuthInput {
                    bk_username: Some("u".into()),
                    ..input()
                },
                "bk_username",
            ),
        ] {
            let input = AuthInput {
                bk_app_code: Some("app".into()),
                bk_app_secret: Some("s".into()),
                ..set
            };
            let auth = input.check().unwrap();
            let v: serde_json::Value = serde_json::from_str(&auth.header_value()).unwrap();
            assert_eq!(v, serde_json::json!({"bk_app_code": "app", "bk_app_secret": "s", key: "u"}));
        }
    }

    #[test]
    fn refuses_incomplete_or_mixed() {
        let cases = [
            (input(), "accessToken"),
            (
                AuthInput {
                    access_token: Some("".into()),
                    ..input()
                },
                "accessToken",
            ),
            (
                AuthInput {
                    access_token: Some("a\r\nX-Evil: 1".into()),
                    ..input()
                },
                "accessToken",
            ),
            (
                AuthInput {
                    access_token: Some("t".into()),
                    bk_app_code: Some("a".into()),
                    ..input()
                },
                "accessToken",
            ),
            (
                AuthInput {
                    bk_app_code: Some("a".into()),
                    bk_token: Some("u".into()),
                    ..input()
                },
                "bkAppSecret",
            ),
            (
                AuthInput {
                    bk_app_code: Some("a".into()),
                    bk_app_secret: Some("s".into()),
                    ..input()
                },
                "bkToken",
            ),
            (
                AuthInput {
                    bk_app_secret: Some("s".into()),
                    bk_token: Some("u".into()),
                    ..input()
                },
                "bkAppCode",
            ),
            (
                AuthInput {
                    bk_app_code: Some("a".into()),
                    bk_app_secret: Some("s".into()),
                    bk_token: Some("u".into()),
                    bk_ticket: Some("t".into()),
                    ..input()
                },
                "bkToken",
            ),
        ];
        for (case, option) in cases {
            let err = case.clone().check().unwrap_err();
            assert_eq!(err.0, option, "{case:?}");
        }
    }

    #[test]
    fn secrets_cover_every_credential_and_the_header() {
        let input = AuthInput {
            bk_app_code: Some("app".into()),
            bk_app_secret: Some("s3cret".into()),
            bk_token: Some("tok\"en".into()),
            ..input()
        };
        let auth = input.check().unwrap();
        let secrets = auth.secrets();
        for want in ["s3cret", "tok\"en", "tok\\\"en", &auth.header_value()] {
            assert!(secrets.iter().any(|s| s == want), "{want} in {secrets:?}");
        }
        assert!(!secrets.iter().any(|s| s == "app"), "the app code is no secret");
    }
}
