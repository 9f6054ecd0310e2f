//! The default TLS stack (rustls with `ring`) is set up without a process-wide crypto
//! provider: a client builds, and an `https` call runs a real handshake.

use linq_api::{Client, Error};
use tokio::io::AsyncWriteExt;
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
