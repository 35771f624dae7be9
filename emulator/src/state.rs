//! Shared state: the settled configuration plus the stores every request touches.

use crate::cli::{Flavor, Options};
use crate::faults::FaultCounters;
use crate::request_log::RequestLog;
use crate::store::Store;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub type Shared = Arc<AppState>;

/// Options resolved once the listening port is known (the default link allow-list needs it).
pub struct Config {
    pub flavor: Flavor,
    pub cors: bool,
    pub body_limit: u64,
    pub access_tokens: Vec<String>,
    /// `(bk_app_code, bk_app_secret)` pairs.
    pub apps: Vec<(String, String)>,
    pub user_tokens: Vec<String>,
    /// `(lower-case host, port)`; a `None` port means the URL scheme's default port.
    pub allow_link_hosts: Vec<(String, Option<u16>)>,
    pub link_timeout: Duration,
    pub operator: String,
    pub time_zone: crate::time::Offset,
    pub fixtures: Option<PathBuf>,
    pub www: Option<PathBuf>,
}

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub faults: FaultCounters,
    pub log: RequestLog,
    pub http: reqwest::Client,
}

impl Config {
    pub fn from_options(opts: &Options, port: u16) -> Result<Config, String> {
        let or_default = |v: &Vec<String>, d: &str| if v.is_empty() { vec![d.to_string()] } else { v.clone() };
        let apps = or_default(&opts.apps, "bkpaas-dev:dev-secret")
            .iter()
            .map(|a| a.split_once(':').map(|(c, s)| (c.to_string(), s.to_string())))
            .collect::<Option<Vec<_>>>()
            .ok_or("--app takes CODE:SECRET")?;
        let hosts = or_default(&opts.allow_link_hosts, &format!("127.0.0.1:{port}"));
        let allow_link_hosts = if hosts.iter().any(|h| h == "none") {
            Vec::new()
        } else {
            hosts.iter().map(|h| parse_host_port(h)).collect::<Result<_, _>>()?
        };
        Ok(Config {
            flavor: opts.flavor,
            cors: opts.cors_enabled(),
            body_limit: opts.body_limit,
            access_tokens: or_default(&opts.access_tokens, "dev-token"),
            apps,
            user_tokens: or_default(&opts.user_tokens, "dev-user-token"),
            allow_link_hosts,
            link_timeout: Duration::from_secs(opts.link_timeout),
            operator: opts.operator.clone(),
            time_zone: crate::time::Offset::parse(&opts.time_zone_offset)?,
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
