//! The one error model of the package: what an `UploadError` carries, as data. The words are not here: JS builds
//! `message` from these fields with one table of texts per language (js/texts.js), so the wasm carries no prose.

#[allow(unused_imports)]
use crate::prelude::*;

/// Every field of `UploadError`: the one definition, with their TypeScript types in `FIELD_TYPES` (same order).
/// `js/errors.js` (FIELDS) and `js/index.d.ts` (interface UploadErrorFields) are checked against both by
/// `tests::js_and_types_match_the_model`.
pub const FIELDS: [&str; 24] = [
    "kind",
    "reason",
    "status",
    "statusText",
    "requestId",
    "retryable",
    "mayBeStored",
    "option",
    "code",
    "codeName",
    "detail",
    "fieldsDetail",
    "bodyExcerpt",
    "attempts",
    "afterAmbiguousRetry",
    "url",
    "transport",
    "limit",
    "size",
    "redirectUrl",
    "credentialSent",
    "localSha256",
    "serverSha256",
    "locale",
];

/// The TypeScript type of each of `FIELDS` (only the tests read it: the wasm does not carry it).
#[cfg(test)]
pub const FIELD_TYPES: [&str; 24] = [
    "ErrorKind",
    "string | null",
    "number | null",
    "string | null",
    "string | null",
    "boolean",
    "boolean",
    "string | null",
    "number | string | null",
    "string | null",
    "string | null",
    "Record<string, unknown> | null",
    "string | null",
    "number",
    "boolean",
    "string | null",
    "'xhr' | 'fetch' | null",
    "number | null",
    "number | null",
    "string | null",
    "boolean",
    "string | null",
    "string | null",
    "Locale",
];

/// One field's value, for the edge to convert (see `Failure::values`).
#[derive(Debug, PartialEq)]
pub enum Value<'a, J> {
    Null,
    Bool(bool),
    Num(f64),
    Str(&'a str),
    Json(&'a J),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad options, found before any request; or the package's own wasm could not load.
    Validation,
    /// No response at all.
    Network,
    /// A stall, response or total deadline passed.
    Timeout,
    /// The caller's `signal` aborted.
    Aborted,
    /// The API gateway's JSON envelope.
    Gateway,
    /// The apiserver's JSON error.
    Api,
    /// Any other failed status.
    Http,
    /// A 2xx body that is not a source package.
    Response,
    /// The server redirected (the API never does).
    Redirect,
    /// `verify`: the server stored other bytes than were sent (made by the JS entry, which does the hashing).
    #[allow(dead_code)]
    Integrity,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Validation => "validation",
            Kind::Network => "network",
            Kind::Timeout => "timeout",
            Kind::Aborted => "aborted",
            Kind::Gateway => "gateway",
            Kind::Api => "api",
            Kind::Http => "http",
            Kind::Response => "response",
            Kind::Redirect => "redirect",
            Kind::Integrity => "integrity",
        }
    }
}

/// Whether the server may have processed the request: decides retries and what the error must say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Safety {
    /// Provably not processed (429, 503, lost before the last byte): safe to retry.
    NotProcessed,
    /// May have been processed: a retry may duplicate, and the error says the package may be stored.
    Ambiguous,
    /// Processed and refused, or never sent: a retry cannot help.
    Final,
}

/// A gateway code is a number, an apiserver code a slug.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    Number(f64),
    Slug(String),
}

/// Everything an `UploadError` carries but its words and locale. `J` is the JSON value type (`fieldsDetail` and a
/// thrown `cause` are passed through as they came).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure<J> {
    pub kind: Kind,
    /// What exactly happened within the kind, a key of the texts table (e.g. `stall`, `required`, `notArchive`).
    pub reason: Option<&'static str>,
    pub status: Option<u16>,
    /// The HTTP reason phrase the server sent, if any (HTTP/2 sends none).
    pub status_text: Option<String>,
    pub request_id: Option<String>,
    pub option: Option<&'static str>,
    pub code: Option<Code>,
    pub code_name: Option<String>,
    pub detail: Option<String>,
    pub fields_detail: Option<J>,
    pub body_excerpt: Option<String>,
    pub attempts: u32,
    pub after_ambiguous_retry: bool,
    pub url: Option<String>,
    pub transport: Option<&'static str>,
    /// The limit that was passed: milliseconds for a timeout, bytes or characters for a size.
    pub limit: Option<f64>,
    pub size: Option<f64>,
    pub redirect_url: Option<String>,
    pub credential_sent: bool,
    /// What a throwing option threw.
    pub cause: Option<J>,
    pub safety: Safety,
    /// The server may already have stored the package (this attempt or an earlier one was ambiguous).
    pub may_be_stored: bool,
}

impl<J> Failure<J> {
    pub fn new(kind: Kind, reason: &'static str, safety: Safety) -> Self {
        Failure {
            kind,
            reason: Some(reason),
            status: None,
            status_text: None,
            request_id: None,
            option: None,
            code: None,
            code_name: None,
            detail: None,
            fields_detail: None,
            body_excerpt: None,
            attempts: 1,
            after_ambiguous_retry: false,
            url: None,
            transport: None,
            limit: None,
            size: None,
            redirect_url: None,
            credential_sent: false,
            cause: None,
            safety,
            may_be_stored: safety == Safety::Ambiguous,
        }
    }

    /// An option is wrong; nothing was sent.
    pub fn validation((option, reason): crate::Invalid) -> Self {
        let mut f = Self::new(Kind::Validation, reason, Safety::Final);
        f.option = Some(option);
        f
    }

    /// The value of each of `FIELDS`, in its order.
    pub fn values(&self, locale: &'static str) -> [Value<'_, J>; FIELDS.len()] {
        use Value::*;
        fn text<J2>(v: &Option<String>) -> Value<'_, J2> {
            v.as_deref().map_or(Value::Null, Value::Str)
        }
        let num = |v: Option<f64>| v.map_or(Null, Num);
        [
            Str(self.kind.name()),
            self.reason.map_or(Null, Str),
            num(self.status.map(f64::from)),
            text(&self.status_text),
            text(&self.request_id),
            Bool(self.retryable()),
            Bool(self.may_be_stored),
            self.option.map_or(Null, Str),
            match &self.code {
                Some(Code::Number(n)) => Num(*n),
                Some(Code::Slug(s)) => Str(s),
                None => Null,
            },
            text(&self.code_name),
            text(&self.detail),
            self.fields_detail.as_ref().map_or(Null, Json),
            text(&self.body_excerpt),
            Num(self.attempts as f64),
            Bool(self.after_ambiguous_retry),
            text(&self.url),
            self.transport.map_or(Null, Str),
            num(self.limit),
            num(self.size),
            text(&self.redirect_url),
            Bool(self.credential_sent),
            Null,
            Null,
            Str(locale),
        ]
    }

    /// Whether trying the same call again later can succeed.
    pub fn retryable(&self) -> bool {
        match self.kind {
            Kind::Network | Kind::Timeout => true,
            Kind::Gateway | Kind::Api | Kind::Http => {
                matches!(self.status, Some(408 | 429 | 500 | 502 | 503 | 504)) && !self.is_duplicate_code()
            }
            _ => false,
        }
    }

    fn is_duplicate_code(&self) -> bool {
        matches!(&self.code, Some(Code::Slug(s)) if s == "PACKAGE_ALREADY_EXISTS")
    }

    /// This failure came from a retry after an ambiguous one: a duplicate now most likely means the earlier attempt
    /// stored the package (documented servers say PACKAGE_ALREADY_EXISTS, the open-source one its HTML 500).
    pub fn mark_after_ambiguous_retry(&mut self) {
        self.after_ambiguous_retry = self.is_duplicate_code() || (self.kind == Kind::Http && self.status == Some(500));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn validation_names_the_option() {
        let f: Failure<Value> = Failure::validation(("appCode", "required"));
        assert_eq!(
            (f.kind, f.option, f.reason, f.retryable()),
            (Kind::Validation, Some("appCode"), Some("required"), false)
        );
    }

    #[test]
    fn values_follow_the_fields() {
        let mut f: Failure<Value> = Failure::validation(("appCode", "required"));
        f.status = Some(503);
        let values = f.values("en");
        let at = |name: &str| &values[FIELDS.iter().position(|n| *n == name).unwrap()];
        assert_eq!(at("kind"), &super::Value::Str("validation"));
        assert_eq!(at("option"), &super::Value::Str("appCode"));
        assert_eq!(at("status"), &super::Value::Num(503.0));
        assert_eq!(at("attempts"), &super::Value::Num(1.0));
        assert_eq!(at("locale"), &super::Value::Str("en"));
        assert_eq!(at("localSha256"), &super::Value::Null);
    }

    #[test]
    fn duplicate_after_ambiguous_retry() {
        let mut f: Failure<Value> = Failure::new(Kind::Api, "api", Safety::Final);
        f.code = Some(Code::Slug("PACKAGE_ALREADY_EXISTS".into()));
        f.status = Some(400);
        assert!(!f.retryable());
        f.mark_after_ambiguous_retry();
        assert!(f.after_ambiguous_retry);
        let mut other: Failure<Value> = Failure::new(Kind::Api, "api", Safety::Final);
        other.code = Some(Code::Slug("VALIDATION_ERROR".into()));
        other.mark_after_ambiguous_retry();
        assert!(!other.after_ambiguous_retry);
    }

    /// The field names declared between `marker` and the next `}` (or `]`) of a source file.
    fn declared(source: &str, marker: &str, end: char) -> Vec<String> {
        let start = source.find(marker).unwrap_or_else(|| panic!("{marker} not found")) + marker.len();
        let body = &source[start..start + source[start..].find(end).unwrap()];
        body.split([',', ';', '\n'])
            .filter_map(|item| {
                let item = item.trim();
                let item = item.trim_start_matches("readonly ").trim();
                if item.is_empty() || item.starts_with("//") || item.starts_with('*') || item.starts_with("/*") {
                    return None;
                }
                let name: String = item.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '\'').collect();
                Some(name.trim_matches('\'').to_owned())
            })
            .filter(|n| !n.is_empty())
            .collect()
    }

    #[test]
    fn js_and_types_match_the_model() {
        let root = env!("CARGO_MANIFEST_DIR");
        let names: Vec<String> = FIELDS.iter().map(|n| n.to_string()).collect();
        let js = std::fs::read_to_string(format!("{root}/js/errors.js")).unwrap();
        assert_eq!(declared(&js, "const FIELDS = [", ']'), names, "js/errors.js FIELDS");
        let dts = std::fs::read_to_string(format!("{root}/js/index.d.ts")).unwrap();
        let start = dts
            .find("export interface UploadErrorFields {")
            .expect("UploadErrorFields in index.d.ts");
        let body = &dts[start..start + dts[start..].find("\n}").unwrap()];
        let mut typed = Vec::new();
        for line in body.lines().skip(1) {
            let line = line.trim();
            if let Some((name, ty)) = line.strip_suffix(';').and_then(|l| l.split_once(": ")) {
                typed.push((name.trim_start_matches("readonly ").to_owned(), ty.to_owned()));
            }
        }
        let want: Vec<(String, String)> = FIELDS
            .iter()
            .zip(FIELD_TYPES)
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        assert_eq!(typed, want, "index.d.ts UploadErrorFields");
        let kinds = [
            Kind::Validation,
            Kind::Network,
            Kind::Timeout,
            Kind::Aborted,
            Kind::Gateway,
            Kind::Api,
            Kind::Http,
            Kind::Response,
            Kind::Redirect,
            Kind::Integrity,
        ];
        let quoted: Vec<String> = kinds.iter().map(|k| format!("'{}'", k.name())).collect();
        assert!(
            dts.contains(&format!("export type ErrorKind = {};", quoted.join(" | "))),
            "ErrorKind in index.d.ts"
        );
    }
}
