//! The apiserver behind the gateway: validation, archives, versions, storage, flavors, link uploads.

mod common;
use common::*;
use serde_json::json;

fn assert_field_error(response: reqwest::blocking::Response, field: &str) -> String {
    assert_eq!(response.status(), 400);
    let body = json(response);
    assert_eq!(body["code"], "VALIDATION_ERROR", "{body}");
    let message = body["fields_detail"][field][0]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string();
    assert_eq!(body["detail"], format!("{field}: {message}"));
    message
}

#[test]
fn success_body_shape_and_stored_bytes() {
    let emu = Emu::start(&[]);
    let bytes = package("hello");
    let r = emu.upload("demo", "demo-0.1.0.tar.gz", &bytes, &[], &[]);
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    let text = r.text().unwrap();
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text)
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "version",
            "package_name",
            "package_size",
            "sha256_signature",
            "is_deleted",
            "updated",
            "created",
            "operator"
        ]
    );
    let body: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["version"], "0.1.0");
    assert_eq!(body["package_name"], "demo-0.1.0.tar.gz");
    assert_eq!(body["package_size"], bytes.len().to_string());
    assert_eq!(body["sha256_signature"], sha256_hex(&bytes));
    assert_eq!(body["is_deleted"], false);
    assert_eq!(body["operator"], "admin");
    let updated = body["updated"].as_str().unwrap();
    assert_eq!(updated.len(), "2020-08-24 17:15:51 +0800".len());
    assert!(updated.ends_with(" +0800"));
    assert_eq!(emu.stored("demo", "default", "0.1.0").unwrap(), bytes);
    assert!(emu.stored("demo", "default", "9.9").is_none());
}

#[test]
fn file_field_validation() {
    let emu = Emu::start(&[]);
    for bad in ["my app.tar.gz", "包.tar.gz", "..", "."] {
        assert_field_error(emu.upload("demo", bad, &package("a"), &[], &[]), "package");
    }
    // A path in the name is refused too (never stored under a client's name).
    let form = reqwest::blocking::multipart::Form::new().part(
        "package",
        reqwest::blocking::multipart::Part::bytes(package("a")).file_name("../../evil.tar.gz"),
    );
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .multipart(form)
        .send()
        .unwrap();
    assert_field_error(r, "package");
    // Missing, not a file, empty.
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .multipart(reqwest::blocking::multipart::Form::new().text("x", "1"))
        .send()
        .unwrap();
    assert_eq!(assert_field_error(r, "package"), "没有提交任何文件。");
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .header("Accept-Language", "en-US,en;q=0.9")
        .multipart(reqwest::blocking::multipart::Form::new().text("package", "abc"))
        .send()
        .unwrap();
    assert!(assert_field_error(r, "package").contains("not a file"));
    assert_field_error(emu.upload("demo", "empty.tar.gz", b"", &[], &[]), "package");
    // urlencoded is 415.
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("a=b")
        .send()
        .unwrap();
    assert_eq!(r.status(), 415);
    assert_eq!(json(r)["code"], "ERROR");
    assert!(emu.files().is_empty(), "{:?}", emu.files());
}

#[test]
fn drf_booleans() {
    let emu = Emu::start(&[]);
    let bytes = package("b");
    assert_eq!(emu.upload("demo", "b-1.tar.gz", &bytes, &[], &[]).status(), 200);
    for (i, yes) in ["true", "True", "1", "yes", "on", "t", "Y"].iter().enumerate() {
        let r = emu.upload("demo", "b-1.tar.gz", &package(&i.to_string()), &[("allow_overwrite", yes)], &[]);
        assert_eq!(r.status(), 200, "{yes}");
    }
    for no in ["false", "0", "no", "off", "F", "n", ""] {
        let r = emu.upload("demo", "b-1.tar.gz", &bytes, &[("allow_overwrite", no)], &[]);
        assert_eq!(json(r)["code"], "PACKAGE_ALREADY_EXISTS", "{no}");
    }
    let r = emu.upload(
        "demo",
        "b-1.tar.gz",
        &bytes,
        &[("allow_overwrite", "maybe")],
        &[("Accept-Language", "en")],
    );
    assert_eq!(assert_field_error(r, "allow_overwrite"), "Must be a valid boolean.");
}

#[test]
fn every_archive_type_is_accepted_and_corrupt_ones_refused() {
    let emu = Emu::start(&[]);
    let t = tar(&[("app/a.txt", b"aaa"), ("app/b.txt", &noise(3000, 2))]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("plain-1.tar", t.clone()),
        ("gz-2.tar.gz", gzip(&t)),
        ("bz-3.tar.bz2", bzip2(&t)),
        ("xz-4.tar.xz", xz(&t)),
        ("zip-5.zip", zip(&[("app/a.txt", b"aaa")])),
        ("by-content-6.zip", gzip(&t)), // the extension does not matter
    ];
    for (name, bytes) in &cases {
        let r = emu.upload("demo", name, bytes, &[], &[]);
        assert_eq!(r.status(), 200, "{name}");
    }
    let corrupt = "源码包文件格式错误，文件可能已经损坏";
    let mut bad_checksum = t.clone();
    bad_checksum[0] ^= 1; // name byte changes, checksum no longer matches
    let mut bad_gzip = gzip(&t);
    let mid = bad_gzip.len() / 2;
    bad_gzip[mid] ^= 0xff;
    let truncated_gzip = gzip(&t)[..40].to_vec();
    let truncated_tar = t[..1000].to_vec();
    let mut bad_zip = zip(&[("a", b"x")]);
    let n = bad_zip.len();
    bad_zip[n - 6] = 0xee; // central directory offset points nowhere
    for (name, bytes) in [
        ("text-1.tar.gz", b"just some text, not an archive".to_vec()),
        ("cksum-1.tar", bad_checksum),
        ("badgz-1.tar.gz", bad_gzip),
        ("short-1.tar.gz", truncated_gzip),
        ("short-1.tar", truncated_tar),
        ("badzip-1.zip", bad_zip),
        ("bz-1.tar.bz2", b"BZh9garbage".to_vec()),
    ] {
        let r = emu.upload("demo", name, &bytes, &[], &[]);
        assert_eq!(r.status(), 400, "{name}");
        assert_eq!(
            json(r),
            json!({"code": "VALIDATION_ERROR", "detail": corrupt, "fields_detail": [corrupt]}),
            "{name}"
        );
    }
    assert_eq!(emu.files().len(), cases.len(), "only the valid ones are kept");
}

#[test]
fn version_from_app_desc_or_file_name() {
    let emu = Emu::start(&[]);
    let v2 = gzip(&tar(&[(
        "app_desc.yaml",
        b"spec_version: 2\napp_version: \"2.0.1\"\napp:\n  bk_app_code: demo\n",
    )]));
    let v3 = gzip(&tar(&[("src/app_desc.yaml", b"specVersion: 3\nappVersion: 3.1.0\n")]));
    let deep = gzip(&tar(&[("a/b/app_desc.yaml", b"specVersion: 3\nappVersion: 9.9.9\n")]));
    let in_zip = zip(&[("app_desc.yaml", b"spec_version: 2\napp_version: z1\n")]);
    let cases: [(&str, &[u8], &str); 6] = [
        ("pkg-1.0.tar.gz", &v2, "2.0.1"),
        ("pkg-1.0.tar.gz", &v3, "3.1.0"),
        ("pkg-1.0.zip", &in_zip, "z1"),
        ("deep-4.5.tgz", &deep, "4.5"),
        ("my_app-v7.tar.gz", &package("x"), "v7"),
        ("release.tar.gz", &package("y"), "release"),
    ];
    for (name, bytes, version) in cases {
        let r = emu.upload("demo", name, bytes, &[], &[]);
        assert_eq!(json(r)["version"], version, "{name}");
    }
}

#[test]
fn overwrite_keeps_id_and_created() {
    let emu = Emu::start(&["--operator", "someone", "--time-zone-offset", "-0130"]);
    let first = json(emu.upload("demo", "o-1.tar.gz", &package("one"), &[], &[]));
    assert!(first["created"].as_str().unwrap().ends_with(" -0130"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second_bytes = package("two, longer");
    let second = json(emu.upload("demo", "other-1.tar.gz", &second_bytes, &[("allow_overwrite", "true")], &[]));
    assert_eq!(second["id"], first["id"]);
    assert_eq!(second["created"], first["created"]);
    assert_ne!(second["updated"], first["updated"]);
    assert_eq!(second["package_name"], "other-1.tar.gz");
    assert_eq!(second["operator"], "someone");
    assert_eq!(second["sha256_signature"], sha256_hex(&second_bytes));
    assert_eq!(emu.stored("demo", "default", "1").unwrap(), second_bytes);
    // Another app or module is another namespace.
    assert_eq!(emu.upload("demo2", "o-1.tar.gz", &package("one"), &[], &[]).status(), 200);
}

#[test]
fn duplicate_version_documented_flavor() {
    let emu = Emu::start(&[]);
    assert_eq!(emu.upload("demo", "d-1.tar.gz", &package("a"), &[], &[]).status(), 200);
    let r = emu.upload("demo", "d-1.tar.gz", &package("b"), &[], &[]);
    assert_eq!(r.status(), 400);
    assert_eq!(r.headers()["bkapi-error-code"], "PACKAGE_ALREADY_EXISTS");
    assert_eq!(r.headers()["bkapi-error-code-num"], "4312009");
    assert_eq!(json(r), json!({"code": "PACKAGE_ALREADY_EXISTS", "detail": "源码包已存在"}));
    assert_eq!(emu.stored("demo", "default", "1").unwrap(), package("a"));
    let r = emu.upload("demo", "d-1.tar.gz", &package("b"), &[], &[("Accept-Language", "en-US,en;q=0.8")]);
    assert_eq!(json(r)["detail"], "Source package already exists");
}

fn assert_html_500(r: reqwest::blocking::Response) {
    assert_eq!(r.status(), 500);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(r.text().unwrap().contains("<h1>Server Error (500)</h1>"));
}

#[test]
fn open_source_flavor() {
    let fixtures = fixtures_dir("os");
    let emu = Emu::start(&["--flavor", "open-source", "--fixtures", fixtures.to_str().unwrap()]);
    let r = emu.upload("demo", "a-1.tar.gz", &package("a"), &[], &[("Accept-Language", "en")]);
    assert_eq!(r.status(), 405);
    assert_eq!(r.text().unwrap(), r#"{"detail":"Method \"POST\" not allowed.","code":"ERROR"}"#);
    let url = format!("{}/_emulator/fixtures/pkg-1.0.tar.gz", emu.origin);
    assert_html_500(emu.link("demo", &[("package_url", &url)], &[]));
    assert_html_500(emu.link("demo", &[("package_url", &url), ("version", "  ")], &[]));
    assert_eq!(emu.link("demo", &[("package_url", &url), ("version", "1.0")], &[]).status(), 200);
    assert_html_500(emu.link("demo", &[("package_url", &url), ("version", "1.0")], &[]));
    let missing = format!("{}/_emulator/fixtures/missing.tar.gz", emu.origin);
    assert_html_500(emu.link("demo", &[("package_url", &missing), ("version", "2.0")], &[]));
    let _ = std::fs::remove_dir_all(fixtures);
}

fn fixtures_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("fixtures-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("pkg-1.0.tar.gz"), package("fixture")).unwrap();
    std::fs::write(dir.join("demo-1.0.0.tar.gz"), package("demo")).unwrap();
    std::fs::write(
        dir.join("v3.tar.gz"),
        gzip(&tar(&[("app_desc.yaml", b"specVersion: 3\nappVersion: 5.0\n")])),
    )
    .unwrap();
    std::fs::write(dir.join("not-archive.tar.gz"), "hello").unwrap();
    // A folder without its slash redirects to its index.html: a redirect the download must follow.
    std::fs::create_dir_all(dir.join("moved")).unwrap();
    std::fs::write(dir.join("moved/index.html"), package("moved")).unwrap();
    dir
}

#[test]
fn link_upload() {
    let fixtures = fixtures_dir("link");
    let emu = Emu::start(&["--fixtures", fixtures.to_str().unwrap()]);
    let base = format!("{}/_emulator/fixtures", emu.origin);
    let r = emu.link(
        "demo",
        &[("package_url", &format!("  {base}/pkg-1.0.tar.gz?x=1  ")), ("version", " 1.0 ")],
        &[],
    );
    let body = json(r);
    assert_eq!(body["version"], "1.0");
    // Spec §4: the last segment cut at its first '.', then ":version" unless the version is in it.
    assert_eq!(body["package_name"], "pkg-1:1.0");
    assert_eq!(body["sha256_signature"], sha256_hex(&package("fixture")));
    let body = json(emu.link(
        "demo",
        &[("package_url", &format!("{base}/pkg-1.0.tar.gz")), ("version", "v2")],
        &[],
    ));
    assert_eq!(body["package_name"], "pkg-1:v2");
    let body = json(emu.link("demo", &[("package_url", &format!("{base}/pkg-1.0.tar.gz")), ("version", "1")], &[]));
    assert_eq!(body["package_name"], "pkg-1", "the version is in the name already");
    // The spec's own example.
    let body = json(emu.link(
        "demo",
        &[("package_url", &format!("{base}/demo-1.0.0.tar.gz")), ("version", "1.0.1")],
        &[],
    ));
    assert_eq!(
        (body["version"].as_str(), body["package_name"].as_str()),
        (Some("1.0.1"), Some("demo-1:1.0.1"))
    );
    let body = json(emu.link("demo", &[("package_url", &format!("{base}/moved")), ("version", "r1")], &[]));
    assert_eq!(body["package_name"], "moved:r1");
    assert_eq!(body["sha256_signature"], sha256_hex(&package("moved")));
    // Documented flavor: version optional, from app_desc.yaml, else the URL's file name.
    assert_eq!(
        json(emu.link("demo", &[("package_url", &format!("{base}/v3.tar.gz"))], &[]))["version"],
        "5.0"
    );
    // The emulator's own stored packages are link sources too; JSON bodies work.
    let own = format!("{}/_emulator/packages/demo/default/1.0", emu.origin);
    let r = client()
        .post(emu.link_api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .header("Content-Type", "application/json")
        .body(json!({"package_url": own, "version": "copy", "allow_overwrite": true}).to_string())
        .send()
        .unwrap();
    assert_eq!(json(r)["package_name"], "1:copy");
    assert_eq!(emu.stored("demo", "default", "copy").unwrap(), package("fixture"));
    // Validation of package_url.
    assert_eq!(
        assert_field_error(emu.link("demo", &[("version", "1")], &[]), "package_url"),
        "该字段是必填项。"
    );
    for bad in [
        "ftp://127.0.0.1/x.tgz",
        "not a url",
        "",
        "http://",
        &format!("http://127.0.0.1:{}/{}", emu.port, "a".repeat(2100)),
    ] {
        assert_field_error(emu.link("demo", &[("package_url", bad), ("version", "1")], &[]), "package_url");
    }
    // Host allow-list: other host, other port, localhost spelled differently.
    for other in [
        "http://example.com/a.tgz".to_string(),
        "http://127.0.0.1:1/a.tgz".to_string(),
        format!("http://localhost:{}/a.tgz", emu.port),
    ] {
        assert_field_error(emu.link("demo", &[("package_url", &other), ("version", "1")], &[]), "package_url");
    }
    let corrupt = "源码包文件格式错误，文件可能已经损坏";
    let r = emu.link(
        "demo",
        &[("package_url", &format!("{base}/not-archive.tar.gz")), ("version", "9")],
        &[],
    );
    assert_eq!(json(r)["detail"], corrupt);
    let r = emu.link("demo", &[("package_url", &format!("{base}/missing.tar.gz")), ("version", "9")], &[]);
    assert_eq!(r.status(), 400);
    let r = emu.link(
        "demo",
        &[("package_url", &format!("{base}/pkg-1.0.tar.gz")), ("allow_overwrite", "nah")],
        &[],
    );
    assert_field_error(r, "allow_overwrite");
    let _ = std::fs::remove_dir_all(fixtures);
}

#[test]
fn link_allow_list_options() {
    let emu = Emu::start(&["--allow-link-host", "none"]);
    let url = format!("{}/_emulator/fixtures/a.tgz", emu.origin);
    let message = assert_field_error(emu.link("demo", &[("package_url", &url), ("version", "1")], &[]), "package_url");
    assert_eq!(message, "源码包 URL 上传功能未开启，请联系管理员");
    let emu = Emu::start(&["--allow-link-host", "files.example", "--allow-link-host", "127.0.0.1:9"]);
    // Allowed hosts pass validation and fail in the download (nothing listens there).
    let r = emu.link("demo", &[("package_url", "http://127.0.0.1:9/a.tgz"), ("version", "1")], &[]);
    assert_eq!(r.status(), 400);
    assert!(json(r)["fields_detail"].is_array());
    let r = emu.link("demo", &[("package_url", &url), ("version", "1")], &[]);
    assert!(json(r)["fields_detail"]["package_url"].is_array(), "own address no longer allowed");
}

#[test]
fn emulator_endpoints_list_log_reset() {
    let emu = Emu::start(&[]);
    assert_eq!(
        emu.upload(
            "demo",
            "l-1.tar.gz",
            &package("l"),
            &[("allow_overwrite", "false"), ("note", "hi")],
            &[]
        )
        .status(),
        200
    );
    let list = json(client().get(format!("{}/_emulator/packages", emu.origin)).send().unwrap());
    assert_eq!(list[0]["app_code"], "demo");
    assert_eq!(list[0]["version"], "1");
    assert_eq!(list[0]["sha256"], sha256_hex(&package("l")));
    assert_eq!(list[0]["size"], package("l").len());
    let log = json(client().get(format!("{}/_emulator/requests", emu.origin)).send().unwrap());
    let entry = &log[0];
    assert_eq!(entry["method"], "POST");
    assert_eq!(entry["status"], 200);
    assert!(entry["content_length"].as_u64().unwrap() > 0);
    let text = entry.to_string();
    assert!(!text.contains("dev-token"), "no credentials in the log: {text}");
    assert!(text.contains("<redacted>"));
    assert!(text.contains("\"note\",\"hi\"") && text.contains("allow_overwrite"));
    let r = client().post(format!("{}/_emulator/reset", emu.origin)).send().unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        json(client().get(format!("{}/_emulator/packages", emu.origin)).send().unwrap()),
        json!([])
    );
    assert_eq!(
        json(client().get(format!("{}/_emulator/requests", emu.origin)).send().unwrap()),
        json!([])
    );
    assert!(emu.files().is_empty());
}

#[test]
fn the_request_log_never_shows_a_credential() {
    let fixtures = fixtures_dir("redact");
    let emu = Emu::start(&["--fixtures", fixtures.to_str().unwrap()]);
    let secrets = [
        "dev-token",
        "bearer-s3cret",
        "cookie-s3cret",
        "proxy-s3cret",
        "custom-v4lue",
        "app-s3cret",
        "tick-et1",
        "url-s3cret",
        "query-s3cret",
    ];
    let headers = [
        ("Authorization", "Bearer bearer-s3cret"),
        ("Cookie", "bk_token=cookie-s3cret; lang=en"),
        ("Proxy-Authorization", "Basic proxy-s3cret"),
        ("X-Custom-Token", "custom-v4lue"),
        ("X-App-Secret", "app-s3cret"),
        ("X-Bk-Ticket", "tick-et1"),
    ];
    assert_eq!(
        emu.upload("demo", "r-1.tar.gz", &package("r"), &[("bk_app_secret", "app-s3cret")], &headers)
            .status(),
        200
    );
    let url = format!(
        "http://user:url-s3cret@127.0.0.1:{}/_emulator/fixtures/pkg-1.0.tar.gz?token=query-s3cret&x=1",
        emu.port
    );
    let r = emu.link("demo", &[("package_url", &url), ("version", "9")], &headers);
    let body = json(r);
    assert_eq!(body["package_name"], "pkg-1:9", "{body}");
    let log = json(client().get(format!("{}/_emulator/requests", emu.origin)).send().unwrap());
    let text = log.to_string();
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} in the log: {text}");
    }
    for entry in log.as_array().unwrap() {
        let headers: std::collections::HashMap<String, String> = entry["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h[0].as_str().unwrap().to_string(), h[1].as_str().unwrap().to_string()))
            .collect();
        for name in [
            "x-bkapi-authorization",
            "authorization",
            "cookie",
            "proxy-authorization",
            "x-custom-token",
            "x-app-secret",
            "x-bk-ticket",
        ] {
            assert_eq!(headers[name], "<redacted>", "{name}");
        }
        assert!(
            headers["content-type"].starts_with("multipart/form-data"),
            "other headers stay readable"
        );
    }
    let fields = log[1]["fields"].to_string();
    let shown = format!(
        "http://<redacted>@127.0.0.1:{}/_emulator/fixtures/pkg-1.0.tar.gz?token=<redacted>&x=1",
        emu.port
    );
    assert!(fields.contains(&shown), "{fields}");
    assert!(
        log[0]["fields"].to_string().contains(r#"["bk_app_secret","<redacted>"]"#),
        "{}",
        log[0]["fields"]
    );
    let _ = std::fs::remove_dir_all(fixtures);
}
