//! The route table: the two bkpaas3 resources, the emulator's own `/_emulator/` endpoints, static files.

mod emulator;
mod file_upload;
mod link_upload;
mod upload;

use crate::state::Shared;
use crate::{cors, request_id, request_log, static_files};
use axum::extract::{Path, Request, State};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::Response;
use axum::routing::{any, get, post};
use axum::Router;
use upload::Endpoint;

const RESOURCE: &str = "/api/bkpaas3/{stage}/bkapps/applications/{app_code}/modules/{module}/source_package/";

pub fn router(state: Shared) -> Router {
    Router::new()
        .route(RESOURCE, any(file_upload_route))
        .route(&format!("{RESOURCE}link/"), any(link_upload_route))
        .route("/_emulator/packages", get(emulator::list_packages))
        .route("/_emulator/packages/{app_code}/{module}/{version}", get(emulator::get_package))
        .route("/_emulator/requests", get(emulator::requests))
        .route("/_emulator/reset", post(emulator::reset))
        .route(&format!("{}{{*path}}", emulator::FIXTURES), get(emulator::fixture))
        .fallback(static_files::fallback)
        .layer(from_fn_with_state(state.clone(), request_log::record))
        .layer(from_fn_with_state(state.clone(), cors::cors))
        .layer(from_fn(request_id::request_id))
        .with_state(state)
}

type ResourcePath = Path<(String, String, String)>;

async fn file_upload_route(State(state): State<Shared>, Path((_stage, app, module)): ResourcePath, request: Request) -> Response {
    upload::handle(state, Endpoint::File, app, module, request).await
}

async fn link_upload_route(State(state): State<Shared>, Path((_stage, app, module)): ResourcePath, request: Request) -> Response {
    upload::handle(state, Endpoint::Link, app, module, request).await
}
