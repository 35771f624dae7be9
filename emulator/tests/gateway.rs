//! The gateway in front: authentication, 404s, request ids, body limit, CORS, static files.

mod common;
use common::*;
use std::io::{Read, Write};

fn post_with_auth(emu: &Emu, auth: Option<&str>, extra: &[(&str, &str)]) -> reqwest::blocking::Response {
    let mut request = client()
        .post(emu.api("demo", "default"))
        .header("Content-Type", "application/json")
        .body("{}");
    if let Some(auth) = auth {
        request = request.header("x-BKAPI-authorization", auth);
    }
    for (k, v) in extra {
        request = request.header(*k, *v);
    }
    request.send().unwrap()
}

fn assert_invalid_args(response: reqwest::blocking::Response, reason: &str) {
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["x-bkapi-error-code"], "1640001");
    let message = format!("Parameters error [reason=\"{reason}\"]");
    assert_eq!(response.headers()["x-bkapi-error-message"].to_str().unwrap(), message);
    let text = response.text().unwrap();
    let expected = serde_json::json!({"code": 1640001, "data": null, "code_name": "INVALID_ARGS", "message": message, "result": false});
    assert_eq!(text, expected.to_string(), "exact envelope, key order included");
}

#[test]
fn auth_variants_and_failure_reasons() {
    let emu = Emu::start(&["--access-token", "other-token", "--app", "myapp:s3cret", "--user-token", "ticket-1"]);
    let ok = |auth: &str| {
        let r = post_with_auth(&emu, Some(auth), &[]);
        assert_eq!(r.status(), 400, "{auth}");
        assert_eq!(json(r)["code"], "VALIDATION_ERROR", "{auth} passes the gateway");
    };
    ok(r#"{"access_token": "other-token"}"#);
    ok(r#"{"bk_app_code": "myapp", "bk_app_secret": "s3cret", "bk_token": "ticket-1"}"#);
    ok(r#"{"bk_app_code": "myapp", "bk_app_secret": "s3cret", "bk_ticket": "ticket-1"}"#);
    let r = post_with_auth(
        &emu,
        Some(r#"{"bk_app_code": "myapp", "bk_app_secret": "s3cret"}"#),
        &[("Cookie", "a=b; bk_token=ticket-1")],
    );
    assert_eq!(json(r)["code"], "VALIDATION_ERROR", "bk_token from the cookie");

    assert_invalid_args(
        post_with_auth(&emu, Some("{access_token: x}"), &[]),
        "request header X-Bkapi-Authorization is not a valid JSON",
    );
    assert_invalid_args(
        post_with_auth(&emu, Some("\"dev-token\""), &[]),
        "request header X-Bkapi-Authorization is not a valid JSON",
    );
    assert_invalid_args(post_with_auth(&emu, None, &[]), "app code cannot be empty");
    assert_invalid_args(post_with_auth(&emu, Some("{}"), &[]), "app code cannot be empty");
    assert_invalid_args(
        post_with_auth(&emu, Some(r#"{"access_token": "dev-token"}"#), &[]),
        "access_token is invalid",
    );
    assert_invalid_args(
        post_with_auth(&emu, Some(r#"{"bk_app_code": "myapp"}"#), &[]),
        "please provide bk_app_secret or bk_signature to verify app",
    );
    assert_invalid_args(
        post_with_auth(&emu, Some(r#"{"bk_app_code": "myapp", "bk_app_secret": "no"}"#), &[]),
        "bk_app_code or bk_app_secret is incorrect",
    );
    let no_user = "user authentication failed, please provide a valid user identity, such as bk_username, bk_token, access_token";
    assert_invalid_args(
        post_with_auth(&emu, Some(r#"{"bk_app_code": "myapp", "bk_app_secret": "s3cret"}"#), &[]),
        no_user,
    );
    assert_invalid_args(
        post_with_auth(
            &emu,
            Some(r#"{"bk_app_code": "myapp", "bk_app_secret": "s3cret", "bk_token": "bad"}"#),
            &[],
        ),
        no_user,
    );
    assert_invalid_args(
        post_with_auth(
            &emu,
            Some(r#"{"bk_app_code": "myapp", "bk_app_secret": "s3cret", "bk_username": "admin"}"#),
            &[],
        ),
        "user authentication failed, the user indicated by bk_username is not verified",
    );
}

#[test]
fn unknown_paths_and_methods_are_api_not_found_with_request_ids() {
    let emu = Emu::start(&[]);
    let check = |r: reqwest::blocking::Response, method: &str, path: &str| {
        assert_eq!(r.status(), 404);
        assert_eq!(r.headers()["x-bkapi-error-code"], "1640401");
        let id = r.headers()["x-bkapi-request-id"].to_str().unwrap().to_string();
        assert!(id.len() == 36 && id.matches('-').count() == 4, "{id}");
        let rid = r.headers()["x-request-id"].to_str().unwrap().to_string();
        assert!(rid.len() == 32 && rid.bytes().all(|b| b.is_ascii_hexdigit()), "{rid}");
        let body = json(r);
        assert_eq!(body["code_name"], "API_NOT_FOUND");
        assert_eq!(body["message"], format!("API not found [method=\"{method}\" path=\"{path}\"]"));
    };
    let api = emu.api("demo", "default");
    let path = api.trim_start_matches(&emu.origin).to_string();
    check(
        client().get(&api).header("X-Bkapi-Authorization", TOKEN_AUTH).send().unwrap(),
        "GET",
        &path,
    );
    check(client().put(&api).send().unwrap(), "PUT", &path);
    let no_slash = path.trim_end_matches('/').to_string();
    check(
        client().post(format!("{}{no_slash}", emu.origin)).send().unwrap(),
        "POST",
        &no_slash,
    );
    check(
        client().post(format!("{}/api/bkpaas3/prod/other/", emu.origin)).send().unwrap(),
        "POST",
        "/api/bkpaas3/prod/other/",
    );
    // Request ids on successes and emulator endpoints too.
    let r = client().get(format!("{}/_emulator/packages", emu.origin)).send().unwrap();
    assert!(r.headers().contains_key("x-bkapi-request-id") && r.headers().contains_key("x-request-id"));
}

fn assert_api_not_found(r: reqwest::blocking::Response, path: &str) {
    assert_eq!(r.status(), 404, "{path}");
    assert_eq!(r.headers()["x-bkapi-error-code"], "1640401");
    let body = json(r);
    let message = format!("API not found [method=\"POST\" path=\"{path}\"]");
    assert_eq!(
        body,
        serde_json::json!({"code": 1640401, "data": null, "code_name": "API_NOT_FOUND", "message": message, "result": false})
    );
}

#[test]
fn a_stage_the_gateway_does_not_have_is_api_not_found() {
    let upload_to = |emu: &Emu, stage: &str, link: bool| {
        let path = format!(
            "/api/bkpaas3/{stage}/bkapps/applications/demo/modules/default/source_package/{}",
            if link { "link/" } else { "" }
        );
        let form = reqwest::blocking::multipart::Form::new().part(
            "package",
            reqwest::blocking::multipart::Part::bytes(package(stage)).file_name(format!("s-{stage}.tar.gz")),
        );
        let r = client()
            .post(format!("{}{path}", emu.origin))
            .header("X-Bkapi-Authorization", TOKEN_AUTH)
            .multipart(form)
            .send()
            .unwrap();
        (r, path)
    };
    // Default: prod and stag, nothing else (checked before authentication, as an unknown path is).
    let emu = Emu::start(&[]);
    for stage in ["prod", "stag"] {
        assert_eq!(upload_to(&emu, stage, false).0.status(), 200, "{stage}");
    }
    for (stage, link) in [("test", false), ("dev", true), ("Prod", false), ("prod2", false)] {
        let (r, path) = upload_to(&emu, stage, link);
        assert_api_not_found(r, &path);
    }
    let r = client()
        .post(format!(
            "{}/api/bkpaas3/test/bkapps/applications/a/modules/m/source_package/",
            emu.origin
        ))
        .send()
        .unwrap();
    assert_eq!(r.status(), 404, "no credentials: still 404, not 400");
    assert_eq!(emu.files().len(), 2, "only the two known stages stored a package");
    // --stage replaces the list; it may be repeated.
    let emu = Emu::start(&["--stage", "dev", "--stage", "uat"]);
    assert_eq!(upload_to(&emu, "dev", false).0.status(), 200);
    assert_eq!(upload_to(&emu, "uat", false).0.status(), 200);
    let (r, path) = upload_to(&emu, "prod", false);
    assert_api_not_found(r, &path);
}

#[test]
fn default_stages_and_percent_decoded_segments() {
    let emu = Emu::start(&[]);
    let url = format!(
        "{}/api/bkpaas3/stag/bkapps/applications/my%2Fapp/modules/m%20x/source_package/",
        emu.origin
    );
    let form = reqwest::blocking::multipart::Form::new().part(
        "package",
        reqwest::blocking::multipart::Part::bytes(package("x")).file_name("p-1.0.tar.gz"),
    );
    let r = client()
        .post(url)
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .multipart(form)
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let list = json(client().get(format!("{}/_emulator/packages", emu.origin)).send().unwrap());
    assert_eq!(list[0]["app_code"], "my/app");
    assert_eq!(list[0]["module"], "m x");
    assert_eq!(emu.stored("my%2Fapp", "m%20x", "1.0").unwrap(), package("x"));
}

#[test]
fn body_limit_by_content_length_and_by_stream() {
    let emu = Emu::start(&["--body-limit", "100000"]);
    let big = noise(200_000, 1);
    let r = emu.upload("demo", "big-1.tar.gz", &big, &[], &[]);
    assert_eq!(r.status(), 413);
    assert_eq!(r.headers()["x-bkapi-error-code"], "1641301");
    assert_eq!(json(r)["code_name"], "BODY_SIZE_LIMIT_EXCEED");
    // Chunked (no Content-Length): cut once the stream passes the limit, nothing kept.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..20).map(|i| Ok(noise(20_000, i))).collect();
    let body = reqwest::blocking::Body::new(ChunkReader(chunks.into_iter().map(|c| c.unwrap()).collect(), 0));
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .header("Content-Type", "multipart/form-data; boundary=XyZ")
        .body(body)
        .send();
    if let Ok(r) = r {
        assert_eq!(r.status(), 413);
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(emu.files().is_empty(), "{:?}", emu.files());
    // The auth check comes before the body check.
    let r = client()
        .post(emu.api("demo", "default"))
        .header("Content-Length", "1000000")
        .body(vec![0u8; 1_000_000])
        .send()
        .unwrap();
    assert_eq!(r.status(), 400);
}

/// A multipart body (a header, then chunks) without a length, to force chunked encoding.
struct ChunkReader(Vec<Vec<u8>>, usize);

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.1 == 0 {
            self.0.insert(
                0,
                b"--XyZ\r\nContent-Disposition: form-data; name=\"package\"; filename=\"a-1.tgz\"\r\n\r\n".to_vec(),
            );
        }
        let Some(chunk) = self.0.get_mut(self.1) else { return Ok(0) };
        let n = buf.len().min(chunk.len());
        buf[..n].copy_from_slice(&chunk[..n]);
        chunk.drain(..n);
        if chunk.is_empty() {
            self.1 += 1;
        }
        Ok(n)
    }
}

#[test]
fn cors_preflight_and_exposed_headers() {
    let emu = Emu::start(&[]);
    let r = client()
        .request(reqwest::Method::OPTIONS, emu.api("demo", "default"))
        .header("Origin", "http://page.test")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-bkapi-authorization, content-type")
        .send()
        .unwrap();
    assert_eq!(r.status(), 204);
    let h = r.headers();
    assert_eq!(h["access-control-allow-origin"], "http://page.test");
    assert_eq!(h["access-control-allow-methods"], "GET, POST, OPTIONS");
    assert_eq!(h["access-control-allow-headers"], "x-bkapi-authorization, content-type");
    assert_eq!(h["access-control-allow-credentials"], "true");
    assert_eq!(h["access-control-max-age"], "600");
    assert!(h.contains_key("x-bkapi-request-id"));
    // Errors carry CORS headers too; without Origin, `*`.
    let r = client().post(emu.api("demo", "default")).send().unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let exposed = r.headers()["access-control-expose-headers"].to_str().unwrap();
    for name in [
        "X-Bkapi-Request-Id",
        "X-Request-Id",
        "X-Bkapi-Error-Code",
        "X-Bkapi-Error-Message",
        "bkapi-error-code",
        "bkapi-error-code-num",
        "Retry-After",
    ] {
        assert!(exposed.contains(name), "{name}");
    }
}

#[test]
fn no_cors_behaves_like_a_default_gateway() {
    let emu = Emu::start(&["--no-cors"]);
    let r = client()
        .request(reqwest::Method::OPTIONS, emu.api("demo", "default"))
        .header("Origin", "http://page.test")
        .header("Access-Control-Request-Method", "POST")
        .send()
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.headers().keys().all(|k| !k.as_str().starts_with("access-control-")));
    assert_eq!(json(r)["code"], 1640401);
    let r = emu.upload("demo", "a-1.tar.gz", &package("a"), &[], &[("Origin", "http://page.test")]);
    assert_eq!(r.status(), 200);
    assert!(r.headers().keys().all(|k| !k.as_str().starts_with("access-control-")));
}

#[test]
fn static_files_with_mime_types() {
    let www = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("www-{}", std::process::id()));
    std::fs::create_dir_all(www.join("pkg")).unwrap();
    std::fs::write(www.join("index.html"), "<h1>hi</h1>").unwrap();
    std::fs::write(www.join("pkg/a.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(www.join("pkg/a.js"), "export {}").unwrap();
    std::fs::write(www.join("pkg/b.mjs"), "export {}").unwrap();
    let emu = Emu::start(&["--www", www.to_str().unwrap()]);
    let get = |p: &str| client().get(format!("{}{p}", emu.origin)).send().unwrap();
    let r = get("/");
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert!(r.headers().contains_key("x-bkapi-request-id"));
    assert_eq!(r.text().unwrap(), "<h1>hi</h1>");
    assert_eq!(get("/pkg/a.wasm").headers()["content-type"], "application/wasm");
    assert!(get("/pkg/a.js").headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert!(get("/pkg/b.mjs").headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(get("/missing.txt").status(), 404);
    assert_eq!(get("/../../etc/passwd").status(), 404);
    assert_eq!(get("/api/bkpaas3/").status(), 404);
    let _ = std::fs::remove_dir_all(&www);
}

#[test]
fn huge_headers_and_garbage_do_not_break_the_server() {
    let emu = Emu::start(&[]);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", emu.port)).unwrap();
    let huge = "a".repeat(1 << 20);
    let _ = write!(s, "POST /api/x HTTP/1.1\r\nHost: x\r\nX-Big: {huge}\r\n\r\n");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let mut s = std::net::TcpStream::connect(("127.0.0.1", emu.port)).unwrap();
    let _ = s.write_all(b"\x16\x03\x01garbage\r\n\r\n");
    let _ = s.read_to_end(&mut out);
    assert_eq!(emu.upload("demo", "a-1.tar.gz", &package("a"), &[], &[]).status(), 200);
}
