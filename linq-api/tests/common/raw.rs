//! A scripted HTTP/1.1 server on loopback for faults wiremock cannot stage: a connection
//! dropped before any response, or a response that never comes. Each connection serves one
//! request with the next behaviour of the script (the last one repeats). It also counts the
//! connections in flight, for the concurrency cap.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one connection's request.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// Reads the request, then closes the connection without a byte of response.
    Drop,
    /// Reads the request, then never answers.
    Hang,
    /// Answers with this status and JSON body, then closes.
    Respond(u16, String),
    /// Waits, then answers like `Respond`.
    RespondAfter(Duration, u16, String),
}

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// The request line and headers, as text.
    pub head: String,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// A header's value (names compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// A running scripted server.
pub struct RawServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    load: Arc<Load>,
}

/// Requests being served now, and the most at once so far.
#[derive(Default)]
struct Load {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl RawServer {
    /// Starts a server that follows `script`, one behaviour per connection.
    pub async fn start(script: Vec<Behaviour>) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let load = Arc::new(Load::default());
        let (recorded, counted) = (requests.clone(), load.clone());
        tokio::spawn(async move {
            let mut next = 0;
            while let Ok((stream, _)) = listener.accept().await {
                let behaviour = script[next.min(script.len() - 1)].clone();
                next += 1;
                let (recorded, counted) = (recorded.clone(), counted.clone());
                tokio::spawn(serve(stream, behaviour, recorded, counted));
            }
        });
        RawServer {
            url,
            requests,
            load,
        }
    }

    /// The most requests the server was serving at one time.
    pub fn peak_in_flight(&self) -> usize {
        self.load.peak.load(Ordering::SeqCst)
    }

    /// The requests read so far, in order.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }
}

async fn serve(
    mut stream: TcpStream,
    behaviour: Behaviour,
    recorded: Arc<Mutex<Vec<Recorded>>>,
    load: Arc<Load>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    recorded.lock().expect("lock").push(request);
    // In flight from the moment the request is read until just before the answer goes out,
    // so a client can never see its answer before the count drops.
    let now = load.now.fetch_add(1, Ordering::SeqCst) + 1;
    load.peak.fetch_max(now, Ordering::SeqCst);
    let done = || load.now.fetch_sub(1, Ordering::SeqCst);
    match behaviour {
        Behaviour::Drop => {
            done();
            drop(stream)
        }
        Behaviour::Hang => {
            // Hold the connection open, answering nothing, until the client gives up.
            let mut sink = [0u8; 64];
            while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
            done();
        }
        Behaviour::RespondAfter(wait, status, body) => {
            tokio::time::sleep(wait).await;
            done();
            respond(&mut stream, status, &body).await;
        }
        Behaviour::Respond(status, body) => {
            done();
            respond(&mut stream, status, &body).await
        }
    }
}

async fn respond(stream: &mut TcpStream, status: u16, body: &str) {
    let head = format!(
        "HTTP/1.1 {status} Status\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body.as_bytes()).await;
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
        })
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = stream.read(&mut chunk).await.ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        head,
        body: buffer[head_end..head_end + length].to_vec(),
    })
}
