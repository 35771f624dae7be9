//! One upload request as the apiserver receives it, once the gateway let it through: its language, the emulator's
//! faults that act inside the apiserver (`html-500`, `bad-json`, `corrupt`), and its form, read to the end.

use crate::apiserver::form::{self, Form};
use crate::apiserver::responses::{self as r, Lang};
use crate::apiserver::validation;
use crate::faults::{ConnectionAbort, Faults};
use crate::request_log::SeenFields;
use crate::state::Shared;
use axum::extract::Request;
use axum::response::Response;

pub struct Upload {
    pub state: Shared,
    pub app_code: String,
    pub module: String,
    pub lang: Lang,
    pub faults: Faults,
    pub form: Form,
}

impl Upload {
    /// Reads the request; the error is the answer to send. `want_file`: the `package` file part is stored;
    /// `refuse`: the endpoint's answer before any body is read, if it has one (the open-source flavor's 405).
    pub async fn receive(
        state: Shared,
        (app_code, module): (String, String),
        request: Request,
        want_file: bool,
        refuse: impl FnOnce(Lang) -> Option<Response>,
    ) -> Result<Upload, Response> {
        let (parts, body) = request.into_parts();
        let lang = Lang::of(&parts.headers);
        let faults = parts.extensions.get::<Faults>().cloned().unwrap_or_default();
        if faults.html_500 {
            return Err(r::html_500());
        }
        if faults.bad_json {
            return Err(r::bad_json());
        }
        if let Some(answer) = refuse(lang) {
            return Err(answer);
        }
        let form = form::read(&parts.headers, body, &state.store, want_file, lang).await?;
        if faults.reset_after_bytes.is_some() {
            // The whole body was shorter than N: reset now, before anything is stored.
            parts.extensions.get::<ConnectionAbort>().cloned().unwrap_or_default().abort().await;
        }
        Ok(Upload {
            state,
            app_code,
            module,
            lang,
            faults,
            form,
        })
    }

    /// What the request log shows of the form.
    pub fn seen(&self) -> SeenFields {
        SeenFields(self.form.summary())
    }

    /// `allow_overwrite`, parsed as DRF does; the error is the answer to send.
    #[allow(clippy::result_large_err)] // built once on the error path and returned as is
    pub fn allow_overwrite(&self) -> Result<bool, Response> {
        let raw = self.form.get("allow_overwrite").unwrap_or("");
        validation::boolean(raw).ok_or_else(|| r::field_error("allow_overwrite", validation::boolean_error(self.lang)))
    }
}

/// The answer with the form fields the log shows.
pub fn with_seen(mut response: Response, seen: SeenFields) -> Response {
    response.extensions_mut().insert(seen);
    response
}
