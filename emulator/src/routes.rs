//! The route table: the two bkpaas3 resources (the gateway's [`front`] before each apiserver endpoint), the
//! emulator's own `/_emulator/` endpoints, and static files. Request ids, CORS and the request log wrap them all.

use crate::apiserver::file_upload::file_upload;
use crate::apiserver::link_upload::link_upload;
use crate::gateway::front;
use crate::gateway::{cors, request_id};
use crate::state::Shared;
use crate::{control, request_log, site};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get, post};
use axum::Router;

const RESOURCE: &str = "/api/bkpaas3/{stage}/bkapps/applications/{app_code}/modules/{module}/source_package/";

pub fn router(state: Shared) -> Router {
    let resources = Router::new()
        .route(RESOURCE, any(file_upload))
        .route(&format!("{RESOURCE}link/"), any(link_upload))
        .route_layer(from_fn_with_state(state.clone(), front));
    Router::new()
        .merge(resources)
        .route("/_emulator/packages", get(control::list_packages))
        .route("/_emulator/packages/{app_code}/{module}/{version}", get(control::get_package))
        .route("/_emulator/requests", get(control::requests))
        .route("/_emulator/reset", post(control::reset))
        .route(&format!("{}{{*path}}", control::FIXTURES), get(control::fixture))
        .fallback(site::fallback)
        .layer(from_fn_with_state(state.log.clone(), request_log::record))
        .layer(from_fn_with_state(state.config.cors, cors::cors))
        .layer(from_fn(request_id::request_id))
        .with_state(state)
}
