//! bkpaas-emulator: a local BlueKing PaaS v3 source-package API (gateway + apiserver) for demos and tests.
//! See emulator/README.md; `--help` lists every option.

mod apiserver;
mod config;
mod control;
mod faults;
mod gateway;
mod request_log;
mod routes;
mod server;
mod site;
mod state;
mod storage;
mod time;

use clap::Parser;
use std::io::Write;
use std::sync::Arc;

fn main() {
    let options = config::Options::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let code = runtime.block_on(run(options));
    // Exit without waiting on the blocked stdin reader thread.
    std::process::exit(code);
}

async fn run(options: config::Options) -> i32 {
    let listener = match tokio::net::TcpListener::bind((options.host.as_str(), options.port)).await {
        Ok(l) => l,
        Err(e) => return fail(&format!("cannot listen on {}:{}: {e}", options.host, options.port)),
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(options.port);
    let config = match config::Config::from_options(&options, port) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    // A data dir we create is ours to remove at exit; a given one is the user's.
    let (data_dir, owned) = match &options.data_dir {
        Some(dir) => (dir.clone(), false),
        None => (
            std::env::temp_dir().join(format!("bkpaas-emulator-{}", uuid::Uuid::new_v4().simple())),
            true,
        ),
    };
    let store = match storage::store::Store::open(&data_dir) {
        Ok(s) => s,
        Err(e) => return fail(&format!("cannot use data dir {}: {e}", data_dir.display())),
    };
    let access_token = config.access_tokens[0].clone();
    let stages = config.stages.join(", ");
    let state = Arc::new(state::AppState {
        config,
        store,
        faults: faults::FaultCounters::default(),
        log: Arc::new(request_log::RequestLog::default()),
        http: storage::download::client(),
    });
    let origin = format!("http://{}:{port}", options.host);
    {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "bkpaas-emulator listening on {origin}");
        let _ = writeln!(
            out,
            "gateway root {origin}/api/bkpaas3 (stages: {stages}), access token: {access_token}"
        );
        let _ = writeln!(out, "data dir {}", data_dir.display());
        let _ = out.flush();
    }
    server::serve(listener, routes::router(state), shutdown_signal(options.exit_on_stdin_eof)).await;
    if owned {
        let _ = std::fs::remove_dir_all(&data_dir);
    }
    0
}

fn fail(message: &str) -> i32 {
    eprintln!("bkpaas-emulator: {message}");
    2
}

/// SIGINT, SIGTERM, or (with `--exit-on-stdin-eof`) the end of standard input.
async fn shutdown_signal(watch_stdin: bool) {
    let (eof_tx, eof_rx) = tokio::sync::oneshot::channel::<()>();
    if watch_stdin {
        std::thread::spawn(move || {
            let _ = std::io::copy(&mut std::io::stdin().lock(), &mut std::io::sink());
            let _ = eof_tx.send(());
        });
    } else {
        std::mem::forget(eof_tx); // never fires
    }
    let stdin_eof = async {
        let _ = eof_rx.await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
        _ = stdin_eof => {}
    }
}
