//! Prism, the OpenAPI mock server the contract tests run against: installed from npm into
//! `xtask/prism/node_modules` (pinned by its lock file), started on a free loopback port,
//! stopped when dropped.

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Prism may take to load the spec and start listening.
const STARTUP: Duration = Duration::from_secs(90);

/// A running Prism; killed on drop.
pub struct Prism {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Prism {
    /// Installs Prism if needed and starts it mocking `spec`, logging to `log`.
    pub fn start(root: &Path, spec: &Path, log: &Path) -> Result<Prism, String> {
        let dir = root.join("xtask/prism");
        let bin = dir.join("node_modules/.bin/prism");
        if !bin.exists() {
            println!("==> install Prism (npm ci)");
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
                .current_dir(&dir)
                .status()
                .map_err(|e| format!("cannot run npm: {e}"))?;
            if !status.success() {
                return Err(format!("npm ci in {} failed ({status})", dir.display()));
            }
        }
        let port = free_port()?;
        let log_file =
            File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let child = Command::new(&bin)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(spec)
            .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
            .stderr(log_file)
            .stdin(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
        let mut prism = Prism {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = prism.child.try_wait() {
                return Err(format!("Prism exited ({status}); see {}", log.display()));
            }
            if started.elapsed() > STARTUP {
                return Err(format!(
                    "Prism did not listen within {STARTUP:?}; see {}",
                    log.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        Ok(prism)
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nothing listens on right now.
fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot bind loopback: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}
