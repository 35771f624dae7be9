//! In headless Chromium (wasm-bindgen-test) against the emulator started by `tests/lib/with-emulator.mjs`:
//! both endpoints, both auth styles, every error kind, progress phases, abort, timeouts, retries, validation and
//! the zero-copy check. Each test uses its own app code, so they never see each other's packages.

use super::exports;
use super::js::{get, set};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{AbortController, Blob, File};

wasm_bindgen_test_configure!(run_in_browser);

const GATEWAY: &str = match option_env!("EMULATOR_URL") {
    Some(u) => u,
    None => "http://127.0.0.1:8080/api/bkpaas3",
};
const OPEN_SOURCE: &str = match option_env!("EMULATOR_OPEN_SOURCE_URL") {
    Some(u) => u,
    None => "http://127.0.0.1:8081/api/bkpaas3",
};

fn origin(gateway: &str) -> &str {
    gateway.trim_end_matches("/api/bkpaas3")
}

/// A unique app code per test run and test.
fn app(name: &str) -> String {
    let mut s = String::from(name);
    s.push('-');
    s.push_str(&((js_sys::Math::random() * 1e9) as u64).to_string());
    s
}

/// A valid ustar archive with one member of `len` zero bytes. The member's bytes are made in JS, never in wasm.
fn tar(member_len: u32) -> Array {
    let mut h = vec![0u8; 512];
    h[..8].copy_from_slice(b"data.bin");
    h[100..107].copy_from_slice(b"0000644");
    h[108..115].copy_from_slice(b"0000000");
    h[116..123].copy_from_slice(b"0000000");
    let size = format!("{member_len:011o}");
    h[124..135].copy_from_slice(size.as_bytes());
    h[136..147].copy_from_slice(b"00000000000");
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].fill(b' ');
    let sum: u32 = h.iter().map(|&b| b as u32).sum();
    h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
    let padded = member_len.div_ceil(512) * 512;
    let parts = Array::new();
    parts.push(&Uint8Array::from(&h[..]));
    parts.push(&Uint8Array::new_with_length(padded + 1024));
    parts
}

fn tar_file(name: &str, member_len: u32) -> File {
    File::new_with_u8_array_sequence(&tar(member_len), name).unwrap()
}

/// An export as the JS entry calls it (XMLHttpRequest, English, this page's URL), as an async call.
async fn upload(link: bool, options: JsValue) -> Result<JsValue, JsValue> {
    call(link, options, JsValue::UNDEFINED, true).await
}

/// An export with the client's options `base` and the transport given.
async fn call(link: bool, options: JsValue, base: JsValue, xhr: bool) -> Result<JsValue, JsValue> {
    let page = get(&get(&js_sys::global(), "location"), "href").as_string();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let env = Object::new();
        set(&env, "resolve", &resolve);
        set(&env, "reject", &reject);
        set(&env, "xhr", &JsValue::from_bool(xhr));
        set(&env, "locale", &"en".into());
        set(&env, "page", &page.clone().map_or(JsValue::UNDEFINED, |p| p.into()));
        set(&env, "redirect", &"manual".into());
        let dispatch = Closure::<dyn Fn(u32, u32, JsValue)>::new(super::exec::event).into_js_value();
        set(&env, "dispatch", &dispatch);
        let env: &exports::Env = env.unchecked_ref();
        if link {
            exports::upload_link(options.clone(), base.clone(), env)
        } else {
            exports::upload_file(options.clone(), base.clone(), env)
        }
    });
    JsFuture::from(promise).await
}

fn options(gateway: &str, app_code: &str) -> Object {
    let o = Object::new();
    set(&o, "baseUrl", &gateway.into());
    set(&o, "appCode", &app_code.into());
    set(&o, "accessToken", &"dev-token".into());
    set(&o, "retryDelays", &Array::of1(&10.into()));
    o
}

fn with_fault(o: &Object, fault: &str) {
    let headers = Object::new();
    set(&headers, "X-Emulator-Fault", &fault.into());
    set(o, "headers", &headers);
}

async fn ok(link: bool, o: &Object) -> JsValue {
    match upload(link, o.into()).await {
        Ok(v) => v,
        Err(e) => panic!("upload failed: {}", get(&e, "message").as_string().unwrap_or_default()),
    }
}

async fn err(link: bool, o: &Object) -> JsValue {
    match upload(link, o.into()).await {
        Ok(v) => panic!("expected a failure, got {:?}", js_sys::JSON::stringify(&v)),
        Err(e) => e,
    }
}

fn s(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

fn n(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(f64::NAN)
}

/// One entry of the emulator's request log (`/_emulator/requests`).
#[derive(serde::Deserialize)]
struct Logged {
    path: String,
}

/// The emulator's request log: how many API requests reached it for `app_code`.
async fn requests_for(gateway: &str, app_code: &str) -> usize {
    let url = format!("{}/_emulator/requests", origin(gateway));
    let log: Vec<Logged> = gloo_net::http::Request::get(&url).send().await.unwrap().json().await.unwrap();
    let path = format!("/applications/{app_code}/");
    log.iter().filter(|r| r.path.contains(&path)).count()
}

/// The stored package as the export resolves it, read into a typed struct.
#[derive(serde::Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Package {
    id: Option<f64>,
    version: String,
    package_name: String,
    package_size: f64,
    sha256_signature: Option<String>,
    is_deleted: bool,
    created: String,
    operator: Option<String>,
}

// The texts the wasm's errors are worded with: referenced here so that the test runner serves them beside
// js/errors.js (the package's build bundles them instead).
#[wasm_bindgen(module = "/js/texts.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadTexts)]
    fn load_texts(locale: &str) -> js_sys::Promise;
}
#[wasm_bindgen(module = "/js/texts-zh.js")]
extern "C" {
    #[wasm_bindgen(js_name = default)]
    fn _zh_texts(helpers: &JsValue) -> JsValue;
}

#[wasm_bindgen_test]
async fn file_upload_with_access_token() {
    let code = app("file");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("myapp-1.2.3.tar", 100));
    let p: Package = serde_wasm_bindgen::from_value(ok(false, &o).await).unwrap();
    assert_eq!(p.version, "1.2.3");
    assert_eq!(p.package_name, "myapp-1.2.3.tar");
    assert_eq!(p.package_size, 512.0 + 512.0 + 1024.0);
    assert_eq!(p.sha256_signature.map(|h| h.len()), Some(64));
    assert!(!p.is_deleted && p.id.is_some());
    assert!(p.created.ends_with("+0800"));
    assert_eq!(p.operator.as_deref(), Some("admin"));
}

#[wasm_bindgen_test]
async fn file_upload_with_app_credentials_and_a_blob() {
    let code = app("appauth");
    let o = options(GATEWAY, &code);
    let _ = Reflect::delete_property(&o, &"accessToken".into());
    set(&o, "bkAppCode", &"bkpaas-dev".into());
    set(&o, "bkAppSecret", &"dev-secret".into());
    set(&o, "bkToken", &"dev-user-token".into());
    set(&o, "file", &Blob::new_with_u8_array_sequence(&tar(10)).unwrap());
    set(&o, "filename", &"pkg-2.0.tar".into());
    set(&o, "module", &"web".into());
    let p = ok(false, &o).await;
    assert_eq!(s(&p, "version"), "2.0");
}

#[wasm_bindgen_test]
async fn link_upload_and_its_package_name() {
    let code = app("link");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("src-1.0.tar", 10));
    ok(false, &o).await;
    let link = options(GATEWAY, &code);
    let mut url = String::from(origin(GATEWAY));
    url.push_str("/_emulator/packages/");
    url.push_str(&code);
    url.push_str("/default/1.0");
    set(&link, "packageUrl", &url.into());
    set(&link, "version", &"2.0".into());
    let p = ok(true, &link).await;
    assert_eq!(s(&p, "version"), "2.0");
    // The URL's last segment cut at its first '.', then ":{version}" (the released server's rule).
    assert_eq!(s(&p, "packageName"), "1:2.0");
}

#[wasm_bindgen_test]
async fn overwrite_refused_then_allowed_keeps_id_and_created() {
    let code = app("dup");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("a-1.0.tar", 10));
    let first = ok(false, &o).await;
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "api");
    assert_eq!(s(&e, "code"), "PACKAGE_ALREADY_EXISTS");
    assert_eq!(n(&e, "status"), 400.0);
    assert_eq!(get(&e, "retryable"), JsValue::FALSE);
    assert_eq!(s(&e, "requestId").len(), 36, "the request id is exposed through CORS");
    set(&o, "allowOverwrite", &JsValue::TRUE);
    set(&o, "file", &tar_file("a-1.0.tar", 2000));
    let second = ok(false, &o).await;
    assert_eq!(n(&second, "id"), n(&first, "id"));
    assert_eq!(s(&second, "created"), s(&first, "created"));
    assert_ne!(n(&second, "packageSize"), n(&first, "packageSize"));
}

#[wasm_bindgen_test]
async fn gateway_error_for_a_wrong_token() {
    let o = options(GATEWAY, &app("gw"));
    set(&o, "accessToken", &"wrong-token".into());
    set(&o, "file", &tar_file("a-1.tar", 1));
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "gateway");
    assert_eq!(n(&e, "code"), 1640001.0);
    assert_eq!(s(&e, "codeName"), "INVALID_ARGS");
    assert!(!s(&e, "message").contains("wrong-token"), "never a token in a message");
}

#[wasm_bindgen_test]
async fn api_validation_error_carries_fields_detail() {
    let o = options(GATEWAY, &app("val"));
    set(&o, "packageUrl", &"http://not-allowed.example.com/x.tar.gz".into());
    set(&o, "version", &"1".into());
    let e = err(true, &o).await;
    assert_eq!(s(&e, "kind"), "api");
    assert_eq!(s(&e, "code"), "VALIDATION_ERROR");
    assert!(get(&e, "fieldsDetail").is_object());
}

#[wasm_bindgen_test]
async fn open_source_flavor_answers_405_and_html_500() {
    let code = app("os");
    let o = options(OPEN_SOURCE, &code);
    set(&o, "file", &tar_file("a-1.tar", 1));
    let e = err(false, &o).await;
    assert_eq!((s(&e, "kind").as_str(), n(&e, "status")), ("api", 405.0));
    let link = options(OPEN_SOURCE, &code);
    let mut url = String::from(origin(OPEN_SOURCE));
    url.push_str("/_emulator/packages/x/default/1");
    set(&link, "packageUrl", &url.into());
    let e = err(true, &link).await;
    assert_eq!((s(&e, "kind").as_str(), n(&e, "status")), ("http", 500.0));
    assert!(s(&e, "bodyExcerpt").contains("Server Error (500)"));
}

#[wasm_bindgen_test]
async fn html_500_bad_json_and_status_faults() {
    let o = options(GATEWAY, &app("faults"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "retries", &0.into());
    with_fault(&o, "html-500");
    let e = err(false, &o).await;
    assert_eq!((s(&e, "kind").as_str(), n(&e, "status")), ("http", 500.0));
    with_fault(&o, "bad-json");
    let e = err(false, &o).await;
    assert_eq!((s(&e, "kind").as_str(), n(&e, "status")), ("response", 200.0));
    with_fault(&o, "status=502");
    let e = err(false, &o).await;
    assert_eq!((s(&e, "kind").as_str(), get(&e, "retryable")), ("gateway", JsValue::TRUE));
}

#[wasm_bindgen_test]
async fn network_error_explains_the_usual_causes() {
    let o = options("http://127.0.0.1:39/api/bkpaas3", &app("net"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "retries", &0.into());
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "network");
    assert!(get(&e, "status").is_null());
    let msg = s(&e, "message");
    assert!(msg.contains("CORS") && msg.contains("offline") && msg.contains("proxy"), "{msg}");
}

#[wasm_bindgen_test]
async fn response_timeout_after_the_last_byte() {
    let o = options(GATEWAY, &app("slow"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "responseTimeout", &300.into());
    with_fault(&o, "delay-ms=3000");
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "timeout");
    assert!(s(&e, "message").contains("responseTimeout"));
    assert_eq!(n(&e, "attempts"), 1.0, "an ambiguous timeout is not retried by default");
}

#[wasm_bindgen_test]
async fn stall_timeout_when_no_byte_goes_out() {
    // The emulator reads nothing for 5 s: once the socket buffers are full, no byte can go out.
    let o = options(GATEWAY, &app("stall"));
    set(&o, "file", &tar_file("a-1.tar", 24 << 20));
    set(&o, "stallTimeout", &400.into());
    set(&o, "retries", &0.into());
    with_fault(&o, "stall-ms=5000");
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "timeout");
    assert!(s(&e, "message").contains("stallTimeout"), "{}", s(&e, "message"));
    assert_eq!(get(&e, "retryable"), JsValue::TRUE);
}

#[wasm_bindgen_test]
async fn total_timeout_covers_the_whole_call() {
    let o = options(GATEWAY, &app("total"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "timeout", &300.into());
    with_fault(&o, "delay-ms=3000");
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "timeout");
    assert!(s(&e, "message").contains("(timeout)"), "{}", s(&e, "message"));
}

#[wasm_bindgen_test]
async fn abort_with_a_signal() {
    let o = options(GATEWAY, &app("abort"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    with_fault(&o, "delay-ms=3000");
    let controller = AbortController::new().unwrap();
    set(&o, "signal", &controller.signal());
    let abort = Closure::once_into_js(move || controller.abort());
    super::js::set_timeout(abort.unchecked_ref(), 100.0);
    let e = err(false, &o).await;
    assert_eq!(s(&e, "kind"), "aborted");
    assert_eq!(get(&e, "retryable"), JsValue::FALSE);
}

#[wasm_bindgen_test]
async fn retries_a_503_honouring_retry_after_and_asks_first() {
    let code = app("retry");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("a-1.tar", 1));
    let mut fault = String::from("status=503;retry-after=1;times=1;key=");
    fault.push_str(&code);
    with_fault(&o, &fault);
    let asked = Array::new();
    let asked_ref = asked.clone();
    let veto = Closure::<dyn FnMut(JsValue, JsValue) -> bool>::new(move |e: JsValue, n: JsValue| {
        asked_ref.push(&get(&e, "status"));
        asked_ref.push(&n);
        true
    });
    set(&o, "onShouldRetry", veto.as_ref());
    let started = js_sys::Date::now();
    let p = ok(false, &o).await;
    assert_eq!(s(&p, "version"), "1");
    assert_eq!(asked.to_vec(), vec![JsValue::from(503), JsValue::from(1)]);
    assert!(js_sys::Date::now() - started >= 950.0, "Retry-After: 1 was honoured");
    assert_eq!(requests_for(GATEWAY, &code).await, 2);
}

#[wasm_bindgen_test]
async fn never_retries_other_4xx_and_a_veto_stops_retries() {
    let code = app("noretry");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("a-1.tar", 1));
    with_fault(&o, "status=400");
    let e = err(false, &o).await;
    assert_eq!(n(&e, "attempts"), 1.0);
    with_fault(&o, "status=503");
    let veto = Closure::<dyn FnMut() -> bool>::new(|| false);
    set(&o, "onShouldRetry", veto.as_ref());
    let e = err(false, &o).await;
    assert_eq!(n(&e, "attempts"), 1.0);
    assert_eq!(requests_for(GATEWAY, &code).await, 2);
}

#[wasm_bindgen_test]
async fn connection_lost_mid_body_is_retried() {
    let code = app("reset");
    let o = options(GATEWAY, &code);
    // Large enough that the reset comes before the socket buffers took the whole body (4 MiB fit on loopback).
    set(&o, "file", &tar_file("a-1.tar", 24 << 20));
    let mut fault = String::from("reset-after-bytes=65536;times=1;key=");
    fault.push_str(&code);
    with_fault(&o, &fault);
    let p = ok(false, &o).await;
    assert_eq!(s(&p, "version"), "1");
}

#[wasm_bindgen_test]
async fn ambiguous_failure_is_not_retried_unless_asked_and_then_explained() {
    let code = app("ambig");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("a-1.tar", 1));
    let mut fault = String::from("drop-response;times=1;key=");
    fault.push_str(&code);
    with_fault(&o, &fault);
    let e = err(false, &o).await;
    // Chromium and Firefox see a network error; WebKit a 200 with a cut body: either way, it may be stored.
    assert!(["network", "response"].contains(&s(&e, "kind").as_str()), "{}", s(&e, "kind"));
    assert_eq!((n(&e, "attempts"), get(&e, "mayBeStored")), (1.0, JsValue::TRUE));
    assert!(s(&e, "message").contains("may already be stored"), "{}", s(&e, "message"));
    // The package was stored although no answer came; a brave retry meets the duplicate and says why.
    let code2 = app("ambig2");
    let o = options(GATEWAY, &code2);
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "retryAmbiguous", &JsValue::TRUE);
    let mut fault = String::from("drop-response;times=1;key=");
    fault.push_str(&code2);
    with_fault(&o, &fault);
    let e = err(false, &o).await;
    assert_eq!(s(&e, "code"), "PACKAGE_ALREADY_EXISTS");
    assert_eq!(get(&e, "afterAmbiguousRetry"), JsValue::TRUE);
    assert_eq!(n(&e, "attempts"), 2.0);
}

#[wasm_bindgen_test]
async fn progress_goes_sending_then_processing() {
    let o = options(GATEWAY, &app("progress"));
    set(&o, "file", &tar_file("a-1.tar", 8 << 20));
    let events = Array::new();
    let sink = events.clone();
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        sink.push(&e);
    });
    set(&o, "onProgress", cb.as_ref());
    ok(false, &o).await;
    let phases: Vec<String> = events.iter().map(|e| s(&e, "phase")).collect();
    assert!(phases.len() >= 2, "{phases:?}");
    assert_eq!(phases[0], "sending");
    assert_eq!(phases.last().unwrap(), "processing");
    assert_eq!(phases.iter().filter(|p| *p == "processing").count(), 1);
    let last = events.get(events.length() - 1);
    assert!(
        n(&last, "total") > (8 << 20) as f64,
        "the multipart body is a little larger than the file"
    );
    assert_eq!(s(&last, "transport"), "xhr");
}

#[wasm_bindgen_test]
async fn fetch_transport_where_there_is_no_xhr() {
    let o = options(GATEWAY, &app("fetch"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    let events = Array::new();
    let sink = events.clone();
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
        sink.push(&e);
    });
    set(&o, "onProgress", cb.as_ref());
    let p = call(false, o.clone().into(), JsValue::UNDEFINED, false)
        .await
        .map_err(|e| s(&e, "message"))
        .unwrap();
    assert_eq!(s(&p, "version"), "1");
    let first = events.get(0);
    assert_eq!(
        (s(&first, "transport").as_str(), get(&first, "lengthComputable")),
        ("fetch", JsValue::FALSE)
    );
    set(&o, "accessToken", &"nope".into());
    let e = call(false, o.into(), JsValue::UNDEFINED, false).await.unwrap_err();
    assert_eq!((s(&e, "kind").as_str(), s(&e, "requestId").len()), ("gateway", 36));
}

#[wasm_bindgen_test]
async fn bad_input_is_refused_before_any_request() {
    let code = app("bad");
    let cases: Vec<(&str, JsValue, &str)> = vec![
        ("appCode", JsValue::from(""), "appCode"),
        ("baseUrl", JsValue::from("ftp://x"), "baseUrl"),
        ("baseUrl", JsValue::from("http://bkapi.example.com/api/bkpaas3"), "baseUrl"),
        ("accessToken", JsValue::from("a\nb"), "accessToken"),
        ("filename", JsValue::from("my app.tar"), "filename"),
        ("maxSize", JsValue::from(100), "file"),
        ("file", JsValue::from("not a file"), "file"),
        ("retries", JsValue::from(-1), "retries"),
        ("onProgress", JsValue::from(3), "onProgress"),
        ("signal", JsValue::from(true), "signal"),
        ("stallTimeout", JsValue::from(-5), "stallTimeout"),
    ];
    for (key, value, option) in cases {
        let o = options(GATEWAY, &code);
        set(&o, "file", &tar_file("a-1.tar", 1000));
        set(&o, key, &value);
        let e = err(false, &o).await;
        assert_eq!((s(&e, "kind").as_str(), s(&e, "option").as_str()), ("validation", option), "{key}");
        assert!(!s(&e, "message").is_empty());
    }
    let o = options(GATEWAY, &code);
    set(
        &o,
        "file",
        &File::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(&b"just text"[..])), "a.tar").unwrap(),
    );
    let e = err(false, &o).await;
    assert_eq!((s(&e, "option").as_str(), s(&e, "kind").as_str()), ("file", "validation"));
    set(&o, "file", &File::new_with_u8_array_sequence(&Array::new(), "a.tar").unwrap());
    assert_eq!(s(&err(false, &o).await, "option"), "file");
    // Over the gateway's 40 MiB by default, with the advice to upload by link.
    set(&o, "file", &tar_file("big-1.tar", 41 << 20));
    let e = err(false, &o).await;
    assert_eq!(s(&e, "option"), "file");
    assert!(
        s(&e, "message").contains("40 MiB") && s(&e, "message").contains("by link"),
        "{}",
        s(&e, "message")
    );
    let o = options(GATEWAY, &code);
    set(&o, "packageUrl", &"file:///etc/passwd".into());
    assert_eq!(s(&err(true, &o).await, "option"), "packageUrl");
    assert_eq!(requests_for(GATEWAY, &code).await, 0, "nothing was sent");
}

#[wasm_bindgen_test]
async fn the_file_never_enters_wasm_memory() {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let bytes = || memory.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length();
    let o = options(GATEWAY, &app("zerocopy"));
    set(&o, "file", &tar_file("big-1.tar", 32 << 20));
    set(&o, "maxSize", &(64 << 20).into());
    // A first small upload warms the allocator so the comparison sees only what the big file would add.
    let warm = options(GATEWAY, &app("warm"));
    set(&warm, "file", &tar_file("w-1.tar", 1));
    ok(false, &warm).await;
    let before = bytes();
    let p = ok(false, &o).await;
    let after = bytes();
    assert!(n(&p, "packageSize") > (32 << 20) as f64);
    assert!(
        after - before < (1 << 20),
        "wasm memory grew {} bytes for a 32 MiB file",
        after - before
    );
}

/// `Object.defineProperty(target, key, { get })`.
fn getter(target: &Object, key: &str, get: &JsValue) {
    let descriptor = Object::new();
    set(&descriptor, "get", get);
    Object::define_property(target, &key.into(), &descriptor);
}

#[wasm_bindgen_test]
async fn messages_in_english_and_chinese() {
    JsFuture::from(load_texts("zh-CN")).await.unwrap();
    let o = options(GATEWAY, &app("words"));
    set(&o, "accessToken", &"wrong-token".into());
    set(&o, "file", &tar_file("a-1.tar", 1));
    let en = err(false, &o).await;
    assert_eq!(s(&en, "locale"), "en");
    assert!(
        s(&en, "message").contains("from the API gateway: INVALID_ARGS (1640001)"),
        "{}",
        s(&en, "message")
    );
    set(&o, "locale", &"zh-CN".into());
    let zh = err(false, &o).await;
    assert_eq!((s(&zh, "locale").as_str(), s(&zh, "kind").as_str()), ("zh-CN", "gateway"));
    assert!(
        s(&zh, "message").contains("API 网关返回 INVALID_ARGS（1640001）"),
        "{}",
        s(&zh, "message")
    );
    assert!(s(&zh, "message").contains("请求 ID"), "{}", s(&zh, "message"));
    // A validation error too, before anything is sent.
    set(&o, "appCode", &"".into());
    let e = err(false, &o).await;
    assert!(s(&e, "message").contains("选项 `appCode` 无效"), "{}", s(&e, "message"));
    set(&o, "locale", &"fr".into());
    assert_eq!(s(&err(false, &o).await, "option"), "locale");
}

#[wasm_bindgen_test]
async fn options_through_getters_prototypes_and_the_client() {
    // A class-like object: every option a getter on the prototype; onShouldRetry set as well.
    let proto = options(GATEWAY, &app("proto"));
    set(&proto, "file", &tar_file("a-1.tar", 1));
    let veto = Closure::<dyn FnMut() -> bool>::new(|| true);
    set(&proto, "onShouldRetry", veto.as_ref());
    let unique = app("proto-getter");
    let code = Closure::<dyn FnMut() -> JsValue>::new(move || JsValue::from(unique.as_str()));
    getter(&proto, "appCode", code.as_ref());
    let instance = Object::create(&proto);
    let p = ok(false, &instance).await;
    assert_eq!(s(&p, "version"), "1");
    // The client's options (`base`) fill what the call leaves out.
    let base = options(GATEWAY, &app("client"));
    let call_options = Object::new();
    set(&call_options, "file", &tar_file("b-2.tar", 1));
    let p = call(false, call_options.into(), base.into(), true).await.unwrap();
    assert_eq!(s(&p, "version"), "2");
}

#[wasm_bindgen_test]
async fn a_throwing_option_is_a_validation_error_naming_it() {
    let code = app("throws");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("a-1.tar", 1));
    let thrower = Closure::<dyn FnMut() -> Result<JsValue, JsValue>>::new(|| Err(js_sys::Error::new("vault locked").into()));
    getter(&o, "accessToken", thrower.as_ref());
    let e = err(false, &o).await;
    assert_eq!(
        (s(&e, "kind").as_str(), s(&e, "option").as_str(), s(&e, "reason").as_str()),
        ("validation", "accessToken", "threw")
    );
    assert!(s(&e, "message").contains("vault locked"), "{}", s(&e, "message"));
    assert_eq!(s(&get(&e, "cause"), "message"), "vault locked");
    assert_eq!(requests_for(GATEWAY, &code).await, 0);
}

#[wasm_bindgen_test]
async fn what_the_browser_cannot_send_is_refused_at_once() {
    let code = app("unsendable");
    let huge = JsValue::from(js_sys::JsString::from("x").repeat(3_000_000));
    let cases: Vec<(&str, JsValue, &str, &str)> = vec![
        ("baseUrl", "http://127.0.0.1:99999/api/bkpaas3".into(), "baseUrl", "badPort"),
        ("baseUrl", "http://127.0.0.1:abc/api".into(), "baseUrl", "badPort"),
        ("baseUrl", "https://[zz]/".into(), "baseUrl", "badHost"),
        ("baseUrl", "https://h%41st/x".into(), "baseUrl", "badHost"),
        ("appCode", huge.clone(), "appCode", "textTooLong"),
        ("accessToken", huge, "accessToken", "textTooLong"),
        ("module", "..".into(), "module", "dots"),
        ("verify", "true".into(), "verify", "notBoolean"),
        ("checkArchive", "no".into(), "checkArchive", "notBoolean"),
        ("checkArchive", 0.into(), "checkArchive", "notBoolean"),
        ("allowOverwrite", "yes".into(), "allowOverwrite", "notBoolean"),
    ];
    for (key, value, option, reason) in cases {
        let o = options(GATEWAY, &code);
        set(&o, "file", &tar_file("a-1.tar", 1));
        set(&o, key, &value);
        let started = js_sys::Date::now();
        let e = err(false, &o).await;
        assert_eq!(
            (s(&e, "kind").as_str(), s(&e, "option").as_str(), s(&e, "reason").as_str()),
            ("validation", option, reason),
            "{key}"
        );
        assert_eq!(get(&e, "retryable"), JsValue::FALSE);
        assert!(js_sys::Date::now() - started < 500.0, "{key}: at once");
    }
    let header_cases: Vec<(&str, &str, &str)> = vec![
        ("X-Note", "中文", "headerValue"),
        ("Content-Type", "text/plain", "headerOwned"),
        ("Cookie", "a=b", "headerOwned"),
        ("Host", "evil", "headerOwned"),
        ("Content-Length", "1", "headerOwned"),
    ];
    for (name, value, reason) in header_cases {
        let o = options(GATEWAY, &code);
        set(&o, "file", &tar_file("a-1.tar", 1));
        let headers = Object::new();
        set(&headers, name, &value.into());
        set(&o, "headers", &headers);
        let e = err(false, &o).await;
        assert_eq!((s(&e, "option").as_str(), s(&e, "reason").as_str()), ("headers", reason), "{name}");
    }
    assert_eq!(requests_for(GATEWAY, &code).await, 0, "nothing was sent");
}

#[wasm_bindgen_test]
async fn headers_as_a_headers_or_a_map() {
    for (i, kind) in ["Headers", "Map"].into_iter().enumerate() {
        let o = options(GATEWAY, &app("hdrs"));
        set(&o, "file", &tar_file("a-1.tar", 1));
        set(&o, "retries", &0.into());
        let headers: JsValue = if i == 0 {
            let h = web_sys::Headers::new().unwrap();
            h.set("X-Emulator-Fault", "status=418").unwrap();
            h.into()
        } else {
            let m = js_sys::Map::new();
            m.set(&"X-Emulator-Fault".into(), &"status=418".into());
            m.into()
        };
        set(&o, "headers", &headers);
        let e = err(false, &o).await;
        assert_eq!(n(&e, "status"), 418.0, "{kind}: the header was sent");
    }
}

#[wasm_bindgen_test]
async fn the_total_deadline_holds_across_a_retry_after() {
    let code = app("deadline");
    let o = options(GATEWAY, &code);
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "timeout", &2000.into());
    with_fault(&o, "status=503;retry-after=5");
    let started = js_sys::Date::now();
    let e = err(false, &o).await;
    assert!(
        js_sys::Date::now() - started < 2000.0,
        "rejected before the deadline, not after the 5 s wait"
    );
    assert_eq!((n(&e, "status"), n(&e, "attempts")), (503.0, 1.0));
    assert_eq!(requests_for(GATEWAY, &code).await, 1, "no attempt after the deadline");
}

#[wasm_bindgen_test]
async fn abort_inside_on_should_retry_settles_at_once() {
    let o = options(GATEWAY, &app("abortveto"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    with_fault(&o, "status=503;retry-after=5");
    let controller = AbortController::new().unwrap();
    set(&o, "signal", &controller.signal());
    let veto = Closure::<dyn FnMut() -> bool>::new(move || {
        controller.abort();
        true
    });
    set(&o, "onShouldRetry", veto.as_ref());
    let started = js_sys::Date::now();
    let e = err(false, &o).await;
    assert!(js_sys::Date::now() - started < 1000.0, "no wait for the Retry-After");
    assert_eq!((s(&e, "kind").as_str(), s(&e, "reason").as_str()), ("aborted", "waiting"));
}

#[wasm_bindgen_test]
async fn an_abort_while_the_server_processes_says_the_package_may_be_stored() {
    let o = options(GATEWAY, &app("abortproc"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    with_fault(&o, "delay-ms=3000");
    let controller = AbortController::new().unwrap();
    set(&o, "signal", &controller.signal());
    let on_progress = Closure::<dyn FnMut(JsValue)>::new(move |p: JsValue| {
        if s(&p, "phase") == "processing" {
            controller.abort();
        }
    });
    set(&o, "onProgress", on_progress.as_ref());
    let e = err(false, &o).await;
    assert_eq!((s(&e, "kind").as_str(), s(&e, "reason").as_str()), ("aborted", "processing"));
    assert_eq!(get(&e, "mayBeStored"), JsValue::TRUE);
    assert!(s(&e, "message").contains("may already be stored"), "{}", s(&e, "message"));
}

#[wasm_bindgen_test]
async fn the_abort_listener_is_removed_when_the_call_settles() {
    // A signal of our own (any object with `aborted` and the listener methods passes as one): it records what the
    // call added and removed.
    let added = Array::new();
    let removed = Array::new();
    let signal = Object::new();
    set(&signal, "aborted", &JsValue::FALSE);
    let (a, r) = (added.clone(), removed.clone());
    let add = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, f: JsValue| {
        a.push(&f);
    });
    let remove = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_: JsValue, f: JsValue| {
        r.push(&f);
    });
    set(&signal, "addEventListener", add.as_ref());
    set(&signal, "removeEventListener", remove.as_ref());
    let o = options(GATEWAY, &app("listener"));
    set(&o, "file", &tar_file("a-1.tar", 1));
    set(&o, "signal", &signal);
    ok(false, &o).await;
    assert_eq!(added.length(), 1);
    assert_eq!(removed.length(), 1);
    assert!(
        js_sys::Object::is(&added.get(0), &removed.get(0)),
        "the very listener that was added"
    );
}
