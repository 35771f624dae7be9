//! The emulator's options: the command line (every knob, with its default and why), and [`Config`], the settled
//! values every layer reads once the listening port is known.

use crate::time::Offset;
use clap::{ArgAction, Parser, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

/// Which server behaviour to reproduce (see the API spec: the two differ in a few places).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Flavor {
    /// What the API docs promise: both endpoints work, errors are JSON.
    Documented,
    /// The released open-source apiserver: file upload is 405, a missing `version` on the link endpoint and a
    /// duplicate version answer Django's HTML 500 page.
    OpenSource,
}

const AFTER_HELP: &str = "\
Version of a file upload: read from app_desc.yaml in the archive (at its root or one folder down):
`app_version` when `spec_version: 2`, `appVersion` when `specVersion: 3`. Without it, the version comes from
the file name with its archive extension (.tar.gz .tgz .tar.bz2 .tbz2 .tbz .tar.xz .txz .tar .zip) removed: the
part after the first '-' or '_' that is followed by a digit (or by 'v' and a digit), e.g. myapp-1.2.3.tar.gz ->
1.2.3, my_app-v2.tgz -> v2; a name without such a part is its own version (release.zip -> release).
Link uploads use the `version` field when given (it wins over app_desc.yaml); the stored package_name is the
URL's last segment cut at its first '.', then ':VERSION' unless the version is in it (demo-1.0.0.tar.gz, 1.0.1 ->
demo-1:1.0.1).

Faults: send `X-Emulator-Fault: item;item` with status=N, retry-after=S, html-500, bad-json, stall-ms=N,
delay-ms=N, reset-after-bytes=N, drop-response, corrupt, times=K;key=NAME (see emulator/README.md).";

/// Local emulator of the BlueKing PaaS v3 (bkpaas3) source-package API: API gateway + apiserver.
#[derive(Parser, Debug, Clone)]
#[command(name = "bkpaas-emulator", version, about, after_help = AFTER_HELP)]
pub struct Options {
    /// Port to listen on; 0 picks a free one (the chosen port is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Where packages are stored. Default: a fresh temporary directory, removed at exit.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Server behaviour to reproduce.
    #[arg(long, value_enum, default_value_t = Flavor::Documented)]
    pub flavor: Flavor,
    /// Answer CORS preflights and add CORS headers to every response (the default: browsers on any origin work).
    #[arg(long, overrides_with = "no_cors")]
    pub cors: bool,
    /// Behave like a default real gateway: no CORS headers, preflights get the 404 envelope.
    #[arg(long, overrides_with = "cors")]
    pub no_cors: bool,
    /// Serve this folder at `/` (index.html, application/wasm, text/javascript, Cache-Control: no-cache).
    #[arg(long, value_name = "DIR")]
    pub www: Option<PathBuf>,
    /// Serve this folder at /_emulator/fixtures/ (a link-upload source on the emulator's own, allowed host).
    #[arg(long, value_name = "DIR")]
    pub fixtures: Option<PathBuf>,
    /// Gateway body limit in bytes: larger bodies get 413 BODY_SIZE_LIMIT_EXCEED. Default 40 MiB.
    #[arg(long, value_name = "BYTES", default_value_t = bkpaas_rules::limits::DEFAULT_MAX_SIZE)]
    pub body_limit: u64,
    /// A stage the gateway has (repeatable); any other stage answers 404 API_NOT_FOUND. Default: prod and stag.
    #[arg(long = "stage", value_name = "NAME", action = ArgAction::Append)]
    pub stages: Vec<String>,
    /// Accepted `access_token` (repeatable). Default: dev-token.
    #[arg(long = "access-token", value_name = "TOKEN", action = ArgAction::Append)]
    pub access_tokens: Vec<String>,
    /// Accepted app credentials `bk_app_code:bk_app_secret` (repeatable). Default: bkpaas-dev:dev-secret.
    #[arg(long = "app", value_name = "CODE:SECRET", action = ArgAction::Append)]
    pub apps: Vec<String>,
    /// Accepted `bk_token` / `bk_ticket` user value (repeatable). Default: dev-user-token.
    #[arg(long = "user-token", value_name = "TOKEN", action = ArgAction::Append)]
    pub user_tokens: Vec<String>,
    /// Host allowed in `package_url` (repeatable; a host without port means the scheme's default port;
    /// `none` empties the list, which disables link uploads as on a default real server).
    /// Default: the emulator's own 127.0.0.1:PORT.
    #[arg(long = "allow-link-host", value_name = "HOST[:PORT]", action = ArgAction::Append)]
    pub allow_link_hosts: Vec<String>,
    /// Timeout of a link download, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub link_timeout: u64,
    /// `operator` written into stored packages.
    #[arg(long, default_value = "admin")]
    pub operator: String,
    /// Offset of the datetimes in answers, as `+HHMM` / `-HHMM` (the user's time zone; default Asia/Shanghai).
    #[arg(long, value_name = "+HHMM", default_value = "+0800", allow_hyphen_values = true)]
    pub time_zone_offset: String,
    /// Exit when standard input reaches end of file (test harnesses: the server dies with its parent).
    #[arg(long)]
    pub exit_on_stdin_eof: bool,
}

/// Options resolved once the listening port is known (the default link allow-list needs it).
pub struct Config {
    pub flavor: Flavor,
    pub cors: bool,
    pub body_limit: u64,
    /// The gateway's stages: the `{stage}` segment must be one of them.
    pub stages: Vec<String>,
    pub access_tokens: Vec<String>,
    /// `(bk_app_code, bk_app_secret)` pairs.
    pub apps: Vec<(String, String)>,
    pub user_tokens: Vec<String>,
    /// `(lower-case host, port)`; a `None` port means the URL scheme's default port.
    pub allow_link_hosts: Vec<(String, Option<u16>)>,
    pub link_timeout: Duration,
    pub operator: String,
    pub time_zone: Offset,
    pub fixtures: Option<PathBuf>,
    pub www: Option<PathBuf>,
}

impl Config {
    pub fn from_options(opts: &Options, port: u16) -> Result<Config, String> {
        let or_default = |v: &Vec<String>, d: &[&str]| {
            if v.is_empty() {
                d.iter().map(|s| s.to_string()).collect()
            } else {
                v.clone()
            }
        };
        let apps = or_default(&opts.apps, &["bkpaas-dev:dev-secret"])
            .iter()
            .map(|a| a.split_once(':').map(|(c, s)| (c.to_string(), s.to_string())))
            .collect::<Option<Vec<_>>>()
            .ok_or("--app takes CODE:SECRET")?;
        let hosts = or_default(&opts.allow_link_hosts, &[&format!("127.0.0.1:{port}")]);
        let allow_link_hosts = if hosts.iter().any(|h| h == "none") {
            Vec::new()
        } else {
            hosts.iter().map(|h| parse_host_port(h)).collect::<Result<_, _>>()?
        };
        let stages = or_default(&opts.stages, &["prod", "stag"]);
        if let Some(bad) = stages.iter().find(|s| s.is_empty() || s.contains(['/', '?', '#'])) {
            return Err(format!("--stage {bad:?}: a stage is one path segment"));
        }
        Ok(Config {
            flavor: opts.flavor,
            cors: !opts.no_cors,
            body_limit: opts.body_limit,
            stages,
            access_tokens: or_default(&opts.access_tokens, &["dev-token"]),
            apps,
            user_tokens: or_default(&opts.user_tokens, &["dev-user-token"]),
            allow_link_hosts,
            link_timeout: Duration::from_secs(opts.link_timeout),
            operator: opts.operator.clone(),
            time_zone: Offset::parse(&opts.time_zone_offset)?,
            fixtures: opts.fixtures.clone(),
            www: opts.www.clone(),
        })
    }
}

fn parse_host_port(s: &str) -> Result<(String, Option<u16>), String> {
    let bad = || format!("--allow-link-host {s:?}: expected HOST or HOST:PORT");
    match s.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() && !h.contains(':') => Ok((h.to_ascii_lowercase(), Some(p.parse().map_err(|_| bad())?))),
        None if !s.is_empty() => Ok((s.to_ascii_lowercase(), None)),
        _ => Err(bad()),
    }
}
