//! From the options as read to a checked request: the URL, the headers, the form fields and the session's
//! configuration. Every check happens here, before anything is sent; the first problem is the answer.

#[allow(unused_imports)]
use crate::prelude::*;

use crate::auth::AuthInput;
use crate::endpoint::GatewayRoot;
use crate::failure::Failure;
use crate::options::{self, Timeouts, DEFAULT_MAX_SIZE};
use crate::session::Config;

/// The language of the messages, and of the server's own words (`Accept-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Zh,
}

impl Locale {
    pub fn parse(value: &str) -> Option<Locale> {
        match value {
            "en" => Some(Locale::En),
            "zh-CN" => Some(Locale::Zh),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }
}

/// The file to send, as the browser describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileInput {
    /// The `File`'s own name (none for a plain `Blob`).
    pub name: Option<String>,
    pub size: f64,
}

/// Every option as read from JS, before checking (absent = `None`).
#[derive(Debug, Default, Clone)]
pub struct Input {
    pub link: bool,
    pub base_url: Option<String>,
    pub stage: Option<String>,
    pub app_code: Option<String>,
    pub module: Option<String>,
    pub auth: AuthInput,
    pub allow_insecure_http: bool,
    pub headers: Vec<(String, String)>,
    pub stall_timeout: Option<f64>,
    pub response_timeout: Option<f64>,
    pub timeout: Option<f64>,
    pub retries: Option<f64>,
    pub retry_delays: Option<Vec<f64>>,
    pub max_retry_after: Option<f64>,
    pub retry_ambiguous: bool,
    pub allow_overwrite: bool,
    pub package_url: Option<String>,
    pub version: Option<String>,
    pub file: Option<FileInput>,
    pub filename: Option<String>,
    pub max_size: Option<f64>,
    /// `verifyNativeMax` (the JS entry hashes; checked here with the rest).
    pub verify_native_max: Option<f64>,
    /// `checkArchive`; absent means true.
    pub check_archive: Option<bool>,
    pub locale: Locale,
    /// XMLHttpRequest exists here (else fetch).
    pub xhr: bool,
    pub seed: u32,
}

/// A checked call.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub url: String,
    pub headers: Vec<(String, String)>,
    /// The text fields of the form, in order.
    pub fields: Vec<(&'static str, String)>,
    /// The name the file goes in under (`package`); none for a link.
    pub file_name: Option<String>,
    pub session: Config,
}

/// The checked call, or the first problem (with the size and the limit, for a file too large).
pub fn plan<J>(input: Input) -> Result<Plan, Failure<J>> {
    check(&input).map_err(|(problem, numbers)| {
        let mut f = Failure::validation(problem);
        if let Some((size, limit)) = numbers {
            f.size = Some(size);
            f.limit = Some(limit);
        }
        f
    })
}

/// A problem, kept small: every `?` moves it.
type Problem = (crate::Invalid, Option<(f64, f64)>);

/// Borrows the input: every check first, allocating nothing, so an early return has nothing to drop; then the
/// request is built.
#[inline(never)]
fn check(input: &Input) -> Result<Plan, Problem> {
    let bad = |invalid: crate::Invalid| (invalid, None);
    fn text(v: &Option<String>) -> Option<&str> {
        v.as_deref()
    }
    let root = GatewayRoot::parse(text(&input.base_url).unwrap_or("")).map_err(|why| bad(("baseUrl", why)))?;
    let stage = options::segment("stage", text(&input.stage), Some("prod")).map_err(bad)?;
    let app_code = options::segment("appCode", text(&input.app_code), None).map_err(bad)?;
    let module = options::segment("module", text(&input.module), Some("default")).map_err(bad)?;
    let auth = input.auth.check().map_err(bad)?;
    if root.is_insecure() && !input.allow_insecure_http {
        return Err(bad(("baseUrl", "insecure")));
    }
    options::check_headers(&input.headers).map_err(bad)?;
    let ms = |option, value: Option<f64>, default| value.map_or(Ok(default), |v| options::check_ms(option, v)).map_err(bad);
    let d = Timeouts::default();
    let mut timeouts = Timeouts {
        stall_ms: ms("stallTimeout", input.stall_timeout, d.stall_ms)?,
        response_ms: ms("responseTimeout", input.response_timeout, d.response_ms)?,
        total_ms: ms("timeout", input.timeout, d.total_ms)?,
    };
    if !input.xhr {
        // fetch cannot see bytes move: only the total deadline applies.
        timeouts.stall_ms = 0;
        timeouts.response_ms = 0;
    }
    let (mut package_url, mut version, mut file_name) = (None, None, None);
    if input.link {
        package_url = Some(options::check_package_url(text(&input.package_url).unwrap_or("")).map_err(bad)?);
        version = options::check_version(text(&input.version)).map_err(bad)?;
    } else {
        let file = input.file.as_ref().ok_or(bad(("file", "fileRequired")))?;
        let name = text(&input.filename).or(text(&file.name)).unwrap_or("");
        options::check_filename(name).map_err(bad)?;
        let max = match input.max_size {
            Some(m) if m > 0.0 && m.is_finite() => m,
            Some(_) => return Err(bad(("maxSize", "notPositive"))),
            None => DEFAULT_MAX_SIZE as f64,
        };
        if input.verify_native_max.is_some_and(|n| !(n >= 0.0 && n.is_finite())) {
            return Err(bad(("verifyNativeMax", "notBytes")));
        }
        if file.size == 0.0 {
            return Err(bad(("file", "fileEmpty")));
        }
        if file.size > max {
            let reason = if max == DEFAULT_MAX_SIZE as f64 {
                "tooLargeGateway"
            } else {
                "tooLarge"
            };
            return Err((("file", reason), Some((file.size, max))));
        }
        file_name = Some(name);
    }
    // Last of the checks: the policy is the first thing allocated.
    let policy = options::check_retries(
        input.retries,
        input.retry_delays.as_deref(),
        input.max_retry_after,
        input.retry_ambiguous,
    )
    .map_err(bad)?;

    let mut fields = Vec::new();
    if let Some(url) = package_url {
        fields.push(("package_url", String::from(url)));
    }
    if let Some(v) = version {
        fields.push(("version", String::from(v)));
    }
    fields.push((
        "allow_overwrite",
        String::from(if input.allow_overwrite { "true" } else { "false" }),
    ));
    let mut headers = vec![
        (String::from("X-Bkapi-Authorization"), auth.header_value()),
        (String::from("Accept"), String::from("application/json")),
        (String::from("Accept-Language"), String::from(input.locale.name())),
    ];
    let mut secrets = auth.secrets();
    for (name, value) in &input.headers {
        // A proxy's credential may ride in an extra header: never echo any extra header's value either.
        secrets.extend(crate::redact::forms(value));
        headers.push((name.clone(), value.clone()));
    }
    let url = root.url(stage, app_code, module, input.link);
    let sniff = !input.link && input.check_archive != Some(false);
    Ok(Plan {
        url: url.clone(),
        headers,
        fields,
        file_name: file_name.map(String::from),
        session: Config {
            url,
            xhr: input.xhr,
            sniff,
            timeouts,
            policy,
            secrets,
            seed: input.seed,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn input() -> Input {
        Input {
            base_url: Some("https://bkapi.example.com/api/bkpaas3".into()),
            app_code: Some("myapp".into()),
            auth: AuthInput {
                access_token: Some("tok-123".into()),
                ..AuthInput::default()
            },
            file: Some(FileInput {
                name: Some("app.tar.gz".into()),
                size: 10.0,
            }),
            xhr: true,
            ..Input::default()
        }
    }

    fn problem(i: Input) -> (Option<&'static str>, Option<&'static str>) {
        let f: Failure<Value> = plan(i).unwrap_err();
        (f.option, f.reason)
    }

    #[test]
    fn a_file_upload() {
        let p = plan::<Value>(input()).unwrap();
        assert_eq!(
            p.url,
            "https://bkapi.example.com/api/bkpaas3/prod/bkapps/applications/myapp/modules/default/source_package/"
        );
        assert_eq!(p.file_name.as_deref(), Some("app.tar.gz"));
        assert_eq!(p.fields, vec![("allow_overwrite", "false".into())]);
        assert_eq!(
            p.headers[0],
            ("X-Bkapi-Authorization".into(), "{\"access_token\":\"tok-123\"}".into())
        );
        assert_eq!(p.headers[2], ("Accept-Language".into(), "en".into()));
        assert!(p.session.sniff && p.session.secrets.contains(&"tok-123".into()));
    }

    #[test]
    fn a_link_upload_in_chinese() {
        let p = plan::<Value>(Input {
            link: true,
            file: None,
            package_url: Some(" https://h/a-1.0.tgz ".into()),
            version: Some("1.0".into()),
            allow_overwrite: true,
            locale: Locale::Zh,
            ..input()
        })
        .unwrap();
        assert!(p.url.ends_with("/source_package/link/"));
        assert_eq!(
            p.fields,
            vec![
                ("package_url", "https://h/a-1.0.tgz".into()),
                ("version", "1.0".into()),
                ("allow_overwrite", "true".into())
            ]
        );
        assert_eq!((p.file_name, p.session.sniff), (None, false));
        assert_eq!(p.headers[2].1, "zh-CN");
    }

    #[test]
    fn names_the_option_at_fault() {
        let cases: Vec<(Input, &str, &str)> = vec![
            (Input { base_url: None, ..input() }, "baseUrl", "baseUrlEmpty"),
            (
                Input {
                    base_url: Some("http://bkapi.example.com/x".into()),
                    ..input()
                },
                "baseUrl",
                "insecure",
            ),
            (
                Input {
                    base_url: Some("http://127.0.0.1:99999/x".into()),
                    ..input()
                },
                "baseUrl",
                "badPort",
            ),
            (Input { app_code: None, ..input() }, "appCode", "required"),
            (
                Input {
                    app_code: Some("  ".into()),
                    ..input()
                },
                "appCode",
                "empty",
            ),
            (
                Input {
                    module: Some("".into()),
                    ..input()
                },
                "module",
                "empty",
            ),
            (
                Input {
                    stage: Some("a\nb".into()),
                    ..input()
                },
                "stage",
                "control",
            ),
            (
                Input {
                    auth: AuthInput::default(),
                    ..input()
                },
                "accessToken",
                "authNone",
            ),
            (
                Input {
                    headers: vec![("Content-Type".into(), "x".into())],
                    ..input()
                },
                "headers",
                "headerOwned",
            ),
            (
                Input {
                    stall_timeout: Some(-1.0),
                    ..input()
                },
                "stallTimeout",
                "notMs",
            ),
            (
                Input {
                    retries: Some(20.0),
                    ..input()
                },
                "retries",
                "retriesRange",
            ),
            (Input { file: None, ..input() }, "file", "fileRequired"),
            (
                Input {
                    file: Some(FileInput {
                        name: Some("my app.tgz".into()),
                        size: 1.0,
                    }),
                    ..input()
                },
                "filename",
                "filenameChars",
            ),
            (
                Input {
                    file: Some(FileInput { name: None, size: 1.0 }),
                    ..input()
                },
                "filename",
                "filenameEmpty",
            ),
            (
                Input {
                    file: Some(FileInput {
                        name: Some("a.tgz".into()),
                        size: 0.0,
                    }),
                    ..input()
                },
                "file",
                "fileEmpty",
            ),
            (
                Input {
                    max_size: Some(0.0),
                    ..input()
                },
                "maxSize",
                "notPositive",
            ),
            (
                Input {
                    verify_native_max: Some(-1.0),
                    ..input()
                },
                "verifyNativeMax",
                "notBytes",
            ),
            (
                Input {
                    link: true,
                    package_url: Some("ftp://h/x".into()),
                    ..input()
                },
                "packageUrl",
                "urlScheme",
            ),
        ];
        for (case, option, reason) in cases {
            assert_eq!(problem(case.clone()), (Some(option), Some(reason)), "{case:?}");
        }
    }

    #[test]
    fn too_large_carries_the_numbers() {
        let f: Failure<Value> = plan(Input {
            file: Some(FileInput {
                name: Some("a.tgz".into()),
                size: 50.0 * 1048576.0,
            }),
            ..input()
        })
        .unwrap_err();
        assert_eq!(
            (f.reason, f.size, f.limit),
            (Some("tooLargeGateway"), Some(52428800.0), Some(41943040.0))
        );
        let f: Failure<Value> = plan(Input {
            max_size: Some(5.0),
            ..input()
        })
        .unwrap_err();
        assert_eq!((f.reason, f.limit), (Some("tooLarge"), Some(5.0)));
    }

    #[test]
    fn fetch_has_only_the_total_deadline_and_check_archive_can_be_off() {
        let p = plan::<Value>(Input {
            xhr: false,
            timeout: Some(5000.0),
            check_archive: Some(false),
            ..input()
        })
        .unwrap();
        assert_eq!(
            p.session.timeouts,
            Timeouts {
                stall_ms: 0,
                response_ms: 0,
                total_ms: 5000
            }
        );
        assert!(!p.session.sniff);
    }

    #[test]
    fn extra_header_values_are_secrets_too() {
        let p = plan::<Value>(Input {
            headers: vec![("Authorization".into(), "Bearer proxy-secret".into())],
            ..input()
        })
        .unwrap();
        assert!(p.session.secrets.contains(&"Bearer proxy-secret".into()));
    }
}
