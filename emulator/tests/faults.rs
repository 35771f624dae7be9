//! Fault injection (`X-Emulator-Fault`), concurrency, and clients that go away mid-body.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn multipart_body(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!("--B0und\r\nContent-Disposition: form-data; name=\"package\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(b"\r\n--B0und--\r\n");
    body
}

fn raw_head(emu: &Emu, content_length: usize, fault: &str) -> Vec<u8> {
    let path = emu.api("demo", "default").trim_start_matches(&emu.origin).to_string();
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bkapi-Authorization: {TOKEN_AUTH}\r\nX-Emulator-Fault: {fault}\r\nContent-Type: multipart/form-data; boundary=B0und\r\nConnection: close\r\nContent-Length: {content_length}\r\n\r\n"
    )
    .into_bytes()
}

/// Sends a whole request on a raw socket; what came back before the connection closed.
fn raw_exchange(emu: &Emu, body: &[u8], fault: &str) -> Vec<u8> {
    let mut s = TcpStream::connect(("127.0.0.1", emu.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(&raw_head(emu, body.len(), fault));
    let _ = s.write_all(body);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out); // ends at close (EOF or reset)
    out
}

fn with_fault(emu: &Emu, name: &str, bytes: &[u8], fault: &str) -> reqwest::blocking::Response {
    emu.upload("demo", name, bytes, &[], &[("X-Emulator-Fault", fault)])
}

#[test]
fn status_faults_with_gateway_envelopes_and_retry_after() {
    let emu = Emu::start(&[]);
    let r = with_fault(&emu, "a-1.tar.gz", &package("a"), "status=503;retry-after=2");
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "2");
    assert_eq!(json(r), serde_json::json!({"code": "ERROR", "detail": "emulated fault"}));
    let r = with_fault(&emu, "a-1.tar.gz", &package("a"), "status=504");
    assert_eq!(r.headers()["x-bkapi-error-code"], "1650401");
    assert_eq!(json(r)["code_name"], "REQUEST_BACKEND_TIMEOUT");
    let r = with_fault(&emu, "a-1.tar.gz", &package("a"), "status=429; retry-after=1");
    assert_eq!(r.status(), 429);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_eq!(json(r)["code_name"], "RATE_LIMIT_RESTRICTION");
    for (status, code) in [(403, 1640301), (413, 1641301), (502, 1650200), (500, 1650001)] {
        let r = with_fault(&emu, "a-1.tar.gz", &package("a"), &format!("status={status}"));
        assert_eq!(r.status(), status);
        assert_eq!(json(r)["code"], code);
    }
    // The gateway applies a status fault before auth.
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Emulator-Fault", "status=502")
        .send()
        .unwrap();
    assert_eq!(r.status(), 502);
    assert!(emu.files().is_empty());
}

#[test]
fn times_and_key_let_a_retry_succeed() {
    let emu = Emu::start(&[]);
    let fault = "status=503;times=2;key=retry-test";
    assert_eq!(with_fault(&emu, "t-1.tar.gz", &package("t"), fault).status(), 503);
    assert_eq!(with_fault(&emu, "t-1.tar.gz", &package("t"), fault).status(), 503);
    assert_eq!(with_fault(&emu, "t-1.tar.gz", &package("t"), fault).status(), 200);
    // Another key has its own count.
    assert_eq!(
        with_fault(&emu, "t-2.tar.gz", &package("t"), "status=500;times=1;key=other").status(),
        500
    );
    let log = json(client().get(format!("{}/_emulator/requests", emu.origin)).send().unwrap());
    assert_eq!(log.as_array().unwrap().len(), 4);
}

#[test]
fn html_500_and_bad_json_after_auth() {
    let emu = Emu::start(&[]);
    let r = with_fault(&emu, "h-1.tar.gz", &package("h"), "html-500");
    assert_eq!(r.status(), 500);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(r.text().unwrap().contains("<h1>Server Error (500)</h1>"));
    let r = with_fault(&emu, "h-1.tar.gz", &package("h"), "bad-json");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/json");
    assert!(serde_json::from_str::<serde_json::Value>(&r.text().unwrap()).is_err());
    let r = client()
        .post(emu.api("demo", "default"))
        .header("X-Emulator-Fault", "html-500")
        .send()
        .unwrap();
    assert_eq!(r.status(), 400, "auth first");
    assert!(emu.files().is_empty());
}

#[test]
fn stall_and_delay() {
    let emu = Emu::start(&[]);
    let start = Instant::now();
    assert_eq!(with_fault(&emu, "s-1.tar.gz", &package("s"), "stall-ms=300").status(), 200);
    assert!(start.elapsed() >= Duration::from_millis(300));
    let start = Instant::now();
    let handle = {
        let url = emu.origin.clone();
        std::thread::spawn(move || {
            // While the delayed answer is pending, the package is already stored.
            std::thread::sleep(Duration::from_millis(250));
            client()
                .get(format!("{url}/_emulator/packages/demo/default/2"))
                .send()
                .unwrap()
                .status()
        })
    };
    assert_eq!(with_fault(&emu, "s-2.tar.gz", &package("s2"), "delay-ms=600").status(), 200);
    assert!(start.elapsed() >= Duration::from_millis(600));
    assert_eq!(handle.join().unwrap(), 200);
}

#[test]
fn reset_after_bytes_aborts_without_a_response() {
    let emu = Emu::start(&[]);
    let body = multipart_body("r-1.tar.gz", &noise(200_000, 3));
    let answer = raw_exchange(&emu, &body, "reset-after-bytes=1000");
    assert!(
        answer.is_empty(),
        "no HTTP response: {:?}",
        String::from_utf8_lossy(&answer[..answer.len().min(200)])
    );
    std::thread::sleep(Duration::from_millis(200));
    assert!(emu.files().is_empty(), "{:?}", emu.files());
    // With reqwest it is a network error, not a status.
    let form = reqwest::blocking::multipart::Form::new().part(
        "package",
        reqwest::blocking::multipart::Part::bytes(package("r")).file_name("r-1.tar.gz"),
    );
    let result = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .header("X-Emulator-Fault", "reset-after-bytes=50")
        .multipart(form)
        .send();
    assert!(result.is_err());
    let log = json(client().get(format!("{}/_emulator/requests", emu.origin)).send().unwrap());
    assert!(log.as_array().unwrap().iter().all(|e| e["status"] == 0), "logged as aborted: {log}");
}

#[test]
fn drop_response_stores_then_breaks_the_answer() {
    let emu = Emu::start(&[]);
    let bytes = package("dropped");
    let answer = raw_exchange(&emu, &multipart_body("d-1.tar.gz", &bytes), "drop-response");
    let text = String::from_utf8_lossy(&answer);
    // Headers and a truncated chunked body, then the connection closes without the final chunk.
    assert!(text.starts_with("HTTP/1.1 200"), "{text:?}");
    assert!(text.contains("transfer-encoding: chunked"), "{text:?}");
    assert!(!text.contains("\r\n0\r\n\r\n"), "the body must not be complete: {text:?}");
    let form = reqwest::blocking::multipart::Form::new().part(
        "package",
        reqwest::blocking::multipart::Part::bytes(package("d2")).file_name("d-2.tar.gz"),
    );
    let result = client()
        .post(emu.api("demo", "default"))
        .header("X-Bkapi-Authorization", TOKEN_AUTH)
        .header("X-Emulator-Fault", "drop-response")
        .multipart(form)
        .send()
        .and_then(|r| r.text());
    assert!(result.is_err(), "a client sees a broken answer");
    assert_eq!(emu.stored("demo", "default", "1").unwrap(), bytes);
}

#[test]
fn corrupt_stores_a_different_copy() {
    let emu = Emu::start(&[]);
    let bytes = package("corrupt me");
    let body = json(with_fault(&emu, "c-1.tar.gz", &bytes, "corrupt"));
    let stored = emu.stored("demo", "default", "1").unwrap();
    assert_eq!(stored.len(), bytes.len());
    assert_ne!(stored, bytes);
    assert_ne!(body["sha256_signature"], sha256_hex(&bytes));
    assert_eq!(body["sha256_signature"], sha256_hex(&stored));
}

#[test]
fn sixteen_concurrent_uploads() {
    let emu = Emu::start(&[]);
    let threads: Vec<_> = (0..20)
        .map(|i| {
            let origin = emu.origin.clone();
            std::thread::spawn(move || {
                let bytes = gzip(&tar(&[("app/data.bin", &noise(1_500_000 + i * 1000, i as u64))]));
                let url = format!("{origin}/api/bkpaas3/prod/bkapps/applications/conc/modules/default/source_package/");
                let form = reqwest::blocking::multipart::Form::new().part(
                    "package",
                    reqwest::blocking::multipart::Part::bytes(bytes.clone()).file_name(format!("c-{i}.tar.gz")),
                );
                let r = client()
                    .post(url)
                    .header("X-Bkapi-Authorization", TOKEN_AUTH)
                    .multipart(form)
                    .send()
                    .unwrap();
                assert_eq!(r.status(), 200);
                let body = json(r);
                assert_eq!(body["sha256_signature"], sha256_hex(&bytes));
                (i, bytes)
            })
        })
        .collect();
    for t in threads {
        let (i, bytes) = t.join().unwrap();
        assert_eq!(emu.stored("conc", "default", &i.to_string()).unwrap(), bytes);
    }
    assert_eq!(emu.files().len(), 20);
}

#[test]
fn disconnect_mid_upload_leaves_nothing() {
    let emu = Emu::start(&[]);
    let mut s = TcpStream::connect(("127.0.0.1", emu.port)).unwrap();
    let body = multipart_body("x-1.tar.gz", &noise(5_000_000, 9));
    s.write_all(&raw_head(&emu, body.len(), "")).unwrap();
    s.write_all(&body[..2_000_000]).unwrap();
    let mut seen_partial = false;
    for _ in 0..50 {
        if !emu.files().is_empty() {
            seen_partial = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(seen_partial, "the upload streams to a temporary file");
    drop(s);
    for _ in 0..100 {
        if emu.files().is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(emu.files().is_empty(), "{:?}", emu.files());
    // A truncated multipart body (complete HTTP body, no closing boundary) is refused and leaves nothing.
    let mut body = multipart_body("y-1.tar.gz", &package("y"));
    body.truncate(body.len() - 20);
    let answer = raw_exchange(&emu, &body, "");
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 400"));
    assert!(emu.files().is_empty(), "{:?}", emu.files());
    assert_eq!(
        emu.upload("demo", "z-1.tar.gz", &package("z"), &[], &[]).status(),
        200,
        "still serving"
    );
}
