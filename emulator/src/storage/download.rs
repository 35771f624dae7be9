//! The link upload's download: streamed to a temp file with the link timeout, redirects followed (as
//! `requests.get` does), no size limit.

use crate::storage::store::Store;
use crate::storage::writer::{PackageWriter, Written};
use futures_util::StreamExt;
use std::time::Duration;

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::limited(30))
        .connect_timeout(Duration::from_secs(10))
        .no_proxy()
        .build()
        .expect("HTTP client")
}

/// Downloads `url`; the error is a short reason, without the URL (it may carry user info).
pub async fn download(http: &reqwest::Client, url: &url::Url, timeout: Duration, store: &Store) -> Result<Written, String> {
    let work = async {
        let response = http.get(url.as_str()).send().await.map_err(|e| e.without_url().to_string())?;
        if !response.status().is_success() {
            return Err(format!("status {}", response.status()));
        }
        let mut writer = PackageWriter::create(store.temp_file()).await.map_err(|e| e.to_string())?;
        let mut stream = response.bytes_stream();
        while let Some(chunk) = stream.next().await {
            writer
                .write(&chunk.map_err(|e| e.without_url().to_string())?)
                .await
                .map_err(|e| e.to_string())?;
        }
        writer.finish().await.map_err(|e| e.to_string())
    };
    tokio::time::timeout(timeout, work).await.map_err(|_| "timed out".to_string())?
}
