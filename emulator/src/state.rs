//! Shared state: the settled configuration plus the stores every request touches.

use crate::config::Config;
use crate::faults::FaultCounters;
use crate::request_log::RequestLog;
use crate::storage::store::Store;
use std::sync::Arc;

pub type Shared = Arc<AppState>;

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub faults: FaultCounters,
    pub log: Arc<RequestLog>,
    pub http: reqwest::Client,
}
