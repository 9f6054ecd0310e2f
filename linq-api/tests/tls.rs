//! The default TLS stack (reqwest's own rustls) is set up without a process-wide crypto
//! provider: a client builds, an `https` call runs a real handshake, and the application's
//! other reqwest clients keep working beside the SDK.

use linq_api::{Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[tokio::test]
async fn an_https_call_to_a_server_that_is_not_tls_fails_in_the_handshake_and_sends_nothing() {
    // A server that answers the TLS hello with plain text.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream.write_all(b"HTTP/1.1 400 Not TLS\r\n\r\n").await;
        }
    });
    let client = Client::builder()
        .api_key("test-key")
        .base_url(url)
        .max_retries(0)
        .build()
        .expect("the default TLS stack needs no installed crypto provider");
    let error = client
        .chats()
        .retrieve("550e8400-e29b-41d4-a716-446655440000")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::NotSent { .. }), "{error:?}");
}

/// What an application whose own reqwest has no TLS feature builds: with linq-api's default
/// features in the same build (cargo unifies them), `reqwest::Client::new()` must not panic
/// for want of a crypto provider, and both clients must work.
#[tokio::test]
async fn a_plain_reqwest_client_of_the_application_works_beside_the_sdk() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut request = [0; 4096];
            let _ = stream.read(&mut request).await;
            let body = r#"{"id":"550e8400-e29b-41d4-a716-446655440000"}"#;
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(answer.as_bytes()).await;
        }
    });

    let plain = reqwest::Client::new();
    let status = plain
        .get(format!("{base}/health"))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);

    let sdk = Client::builder()
        .api_key("test-key")
        .base_url(&base)
        .max_retries(0)
        .build()
        .unwrap();
    let answer: serde_json::Value = sdk
        .raw(linq_api::Method::GET, "/v3/anything")
        .await
        .unwrap();
    assert_eq!(answer["id"], "550e8400-e29b-41d4-a716-446655440000");
}
