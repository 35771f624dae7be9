//! API-gateway authentication (spec §2): `X-Bkapi-Authorization` JSON, the app checked before the user.
//! A failure is the reason string of the gateway's 400 `INVALID_ARGS` envelope.

use crate::config::Config;
use axum::http::{header, HeaderMap};
use serde_json::{Map, Value};

pub const AUTH_HEADER: &str = "x-bkapi-authorization";

const NOT_JSON: &str = "request header X-Bkapi-Authorization is not a valid JSON";
const NO_APP: &str = "app code cannot be empty";
const NO_SECRET: &str = "please provide bk_app_secret or bk_signature to verify app";
const BAD_APP: &str = "bk_app_code or bk_app_secret is incorrect";
const NO_USER: &str = "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token";
const UNVERIFIED_USER: &str = "user authentication failed, the user indicated by bk_username is not verified";
const BAD_ACCESS_TOKEN: &str = "access_token is invalid";

/// `Ok` when the request carries accepted credentials, else the gateway's reason.
pub fn authenticate(headers: &HeaderMap, config: &Config) -> Result<(), &'static str> {
    let credentials = match headers.get(AUTH_HEADER) {
        None => Map::new(),
        Some(value) => match serde_json::from_slice::<Value>(value.as_bytes()) {
            Ok(Value::Object(map)) => map,
            _ => return Err(NOT_JSON),
        },
    };
    let field = |name: &str| credentials.get(name).and_then(Value::as_str).filter(|s| !s.is_empty());

    if let Some(token) = field("access_token") {
        return if config.access_tokens.iter().any(|t| t == token) {
            Ok(())
        } else {
            Err(BAD_ACCESS_TOKEN)
        };
    }
    let app_code = field("bk_app_code").ok_or(NO_APP)?;
    let secret = field("bk_app_secret").ok_or(NO_SECRET)?;
    if !config.apps.iter().any(|(c, s)| c == app_code && s == secret) {
        return Err(BAD_APP);
    }
    let cookie_token = bk_token_cookie(headers);
    match field("bk_token").or(field("bk_ticket")).or(cookie_token.as_deref()) {
        Some(token) if config.user_tokens.iter().any(|t| t == token) => Ok(()),
        Some(_) => Err(NO_USER),
        None if field("bk_username").is_some() => Err(UNVERIFIED_USER),
        None => Err(NO_USER),
    }
}

fn bk_token_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == "bk_token" && !value.is_empty())
        .map(|(_, value)| value.to_string())
}
