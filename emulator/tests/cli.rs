//! The command line: help text, start-up lines, shutdown on stdin EOF and SIGTERM with its temp dir removed.

mod common;
use common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_bkpaas-emulator");

#[test]
fn help_documents_every_option_and_the_version_rule() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for option in [
        "--port",
        "--host",
        "--data-dir",
        "--flavor",
        "--cors",
        "--no-cors",
        "--www",
        "--fixtures",
        "--body-limit",
        "--access-token",
        "--app",
        "--user-token",
        "--allow-link-host",
        "--link-timeout",
        "--operator",
        "--time-zone-offset",
        "--exit-on-stdin-eof",
        "app_desc.yaml",
        "myapp-1.2.3.tar.gz",
    ] {
        assert!(help.contains(option), "--help mentions {option}");
    }
}

fn wait_exit(child: &mut std::process::Child) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(Some(_)) = child.try_wait() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Starts without --data-dir; the printed lines and the temporary data dir it created.
fn start_owned(extra: &[&str]) -> (std::process::Child, Vec<String>, std::path::PathBuf) {
    let mut child = Command::new(BIN)
        .args(["--port", "0", "--access-token", "printed-token"])
        .args(extra)
        .env("TMPDIR", env!("CARGO_TARGET_TMPDIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..3 {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        lines.push(line.trim().to_string());
    }
    let data_dir = std::path::PathBuf::from(lines[2].strip_prefix("data dir ").unwrap());
    (child, lines, data_dir)
}

#[test]
fn start_lines_and_exit_on_stdin_eof() {
    let (mut child, lines, data_dir) = start_owned(&["--exit-on-stdin-eof"]);
    let origin = lines[0].strip_prefix("bkpaas-emulator listening on ").unwrap().to_string();
    assert!(origin.starts_with("http://127.0.0.1:"));
    assert!(
        lines[1].contains(&format!("{origin}/api/bkpaas3")) && lines[1].contains("printed-token"),
        "{}",
        lines[1]
    );
    assert!(data_dir.is_dir());
    drop(child.stdin.take());
    assert!(wait_exit(&mut child), "exits at stdin EOF");
    assert!(!data_dir.exists(), "its temporary data dir is removed");
}

#[test]
fn sigterm_shuts_down_cleanly() {
    let (mut child, lines, data_dir) = start_owned(&[]);
    let origin = lines[0].strip_prefix("bkpaas-emulator listening on ").unwrap().to_string();
    let r = client()
        .post(format!(
            "{origin}/api/bkpaas3/prod/bkapps/applications/a/modules/default/source_package/"
        ))
        .header("X-Bkapi-Authorization", r#"{"access_token":"printed-token"}"#)
        .multipart(reqwest::blocking::multipart::Form::new().part(
            "package",
            reqwest::blocking::multipart::Part::bytes(package("s")).file_name("s-1.tgz"),
        ))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(wait_exit(&mut child), "exits on SIGTERM");
    assert!(child.wait().unwrap().success());
    assert!(!data_dir.exists());
}

#[test]
fn bad_options_fail_with_a_message() {
    for args in [&["--app", "no-colon"][..], &["--time-zone-offset", "8"], &["--flavor", "other"]] {
        let out = Command::new(BIN)
            .args(["--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(!out.status.success(), "{args:?}");
    }
}
