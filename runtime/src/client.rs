//! The client: configuration shared by every request, behind an `Arc`.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Url;

use crate::error::{Error, ErrorEnvelope, Result};
use crate::redact::Secrets;
use crate::retry::pause::Pause;
use crate::retry::{RetryPolicy, TokenBucket};
use crate::transport::{Reqwest, Transport};

/// Per-attempt timeout unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// What an SDK tells the runtime about itself: its client type, which wraps a
/// [`ClientCore`], and the settings its spec names. The generated `Client` implements it.
pub trait Sdk: Sized {
    /// The environment variable the API key is read from (`LINQ_API_V3_API_KEY`).
    const API_KEY_ENV: &'static str;
    /// The environment variable an alternative base URL is read from.
    const BASE_URL_ENV: &'static str;
    /// The base URL unless configured otherwise: the spec's first server (empty when the
    /// spec names none, and then the caller must set one).
    const DEFAULT_BASE_URL: &'static str;
    /// The `User-Agent` header: the SDK's name and version.
    const USER_AGENT: &'static str;
    /// Where the API's error responses keep their code, message and documentation link.
    const ERROR_ENVELOPE: ErrorEnvelope;

    /// The SDK's client around a configured core.
    fn from_core(core: ClientCore) -> Self;

    /// The core the client wraps.
    fn core(&self) -> &ClientCore;
}

/// The configuration an SDK's client shares with its requests, behind an `Arc`: cheap to
/// clone, `Send` and `Sync`.
#[derive(Clone)]
pub struct ClientCore {
    pub(crate) inner: Arc<Config>,
}

/// What every request of a client shares.
pub(crate) struct Config {
    /// Carries each attempt: reqwest by default.
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) base_url: Url,
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// The retry budget the client and its clones spend from, when the policy has one.
    pub(crate) budget: Option<TokenBucket>,
    /// The pause the client and its clones keep while the API says it is overloaded.
    pub(crate) pause: Pause,
    /// Caps the attempts in flight, when the caller set a limit.
    pub(crate) limiter: Option<Arc<tokio::sync::Semaphore>>,
    /// The limit, as set.
    pub(crate) max_concurrent: Option<usize>,
    /// Authorization, User-Agent and caller defaults, applied to every request.
    pub(crate) headers: HeaderMap,
    /// Where the API's error responses keep their details (the SDK's).
    pub(crate) error_envelope: ErrorEnvelope,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field(
                "base_url",
                &Secrets::of(None).url(&self.inner.base_url).as_str(),
            )
            .field("api_key", &"[redacted]")
            .field("timeout", &self.inner.timeout)
            .field("retry", &self.inner.retry)
            .field(
                "max_concurrent_requests",
                &self.inner.limiter.as_ref().map(|_| "limited"),
            )
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// A builder holding this client's settings and its connection pool (the generated
    /// `Client::to_builder`).
    pub fn to_builder<C: Sdk>(&self) -> ClientBuilder<C> {
        let config = &self.inner;
        let key = config
            .headers
            .get(reqwest::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        let mut headers = config.headers.clone();
        for name in [
            reqwest::header::AUTHORIZATION,
            reqwest::header::USER_AGENT,
            reqwest::header::ACCEPT,
        ] {
            headers.remove(name);
        }
        ClientBuilder {
            api_key: key,
            base_url: Some(config.base_url.to_string()),
            timeout: Some(config.timeout),
            retry: config.retry.clone(),
            max_concurrent: config.max_concurrent,
            headers: headers
                .iter()
                .filter_map(|(k, v)| Some((k.as_str().to_owned(), v.to_str().ok()?.to_owned())))
                .collect(),
            transport: Some(config.transport.clone()),
            sdk: PhantomData,
        }
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }
}

/// Configures a client of the SDK `C`: `ClientBuilder` at the SDK's root, where `C` is its
/// `Client`.
#[must_use]
pub struct ClientBuilder<C> {
    api_key: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    retry: RetryPolicy,
    max_concurrent: Option<usize>,
    headers: Vec<(String, String)>,
    transport: Option<Arc<dyn Transport>>,
    sdk: PhantomData<fn() -> C>,
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder {
            api_key: None,
            base_url: None,
            timeout: None,
            retry: RetryPolicy::default(),
            max_concurrent: None,
            headers: Vec::new(),
            transport: None,
            sdk: PhantomData,
        }
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_concurrent_requests", &self.max_concurrent)
            .finish_non_exhaustive()
    }
}

impl<C: Sdk> ClientBuilder<C> {
    /// A builder with the environment's settings: the API key and the base URL from the
    /// SDK's environment variables (`API_KEY_ENV` and `BASE_URL_ENV` at its root), when
    /// they are set; anything set on the builder afterwards wins.
    ///
    /// ```no_run
    /// # use linq_api as sdk;
    /// # fn run() -> sdk::Result<()> {
    /// let client = sdk::ClientBuilder::from_env().max_concurrent_requests(8).build()?;
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        ClientBuilder {
            api_key: var(C::API_KEY_ENV),
            base_url: var(C::BASE_URL_ENV),
            ..ClientBuilder::default()
        }
    }

    /// The API key, sent as `Authorization: Bearer <key>`. Required.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// The base URL (default: the SDK's `DEFAULT_BASE_URL`, the spec's first server).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The timeout of each attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed attempt is retried (default 2); the rest of the retry policy
    /// stays as it is.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry = self.retry.max_retries(retries);
        self
    }

    /// When failed attempts are retried and how long to wait first (default:
    /// [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// At most `n` attempts in flight at once on this client and its clones (default:
    /// unlimited). Calls over the cap wait their turn, first come first served; a call
    /// waiting to retry does not hold a place. `0` is treated as 1.
    pub fn max_concurrent_requests(mut self, n: usize) -> Self {
        self.max_concurrent = Some(n.clamp(1, tokio::sync::Semaphore::MAX_PERMITS));
        self
    }

    /// A header sent with every request.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The `reqwest::Client` to send with (for proxies, custom TLS, connection pools). Build it
    /// from [`http_client_builder`](crate::http_client_builder), which has this crate's TLS
    /// setup.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.transport = Some(Arc::new(Reqwest(client)));
        self
    }

    /// What carries the attempts, instead of reqwest: another HTTP stack, a middleware, or
    /// in-process stubs (the `test-util` feature's `testing::MockApi`). Retries, keys,
    /// timeouts and errors work the same over any transport.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C> {
        let key = self
            .api_key
            .filter(|k| !k.trim().is_empty())
            .ok_or_else(|| {
                Error::Config(format!(
                    "no API key: set the environment variable {} (read by \
                     `Client::from_env`) or call `ClientBuilder::api_key`",
                    C::API_KEY_ENV
                ))
            })?;
        let raw_url = self
            .base_url
            .unwrap_or_else(|| C::DEFAULT_BASE_URL.to_owned());
        if raw_url.is_empty() {
            return Err(Error::Config(format!(
                "no base URL: the spec names no server; set the environment variable {} or \
                 call `ClientBuilder::base_url`",
                C::BASE_URL_ENV
            )));
        }
        let mut base_url = Url::parse(&raw_url)
            .map_err(|e| Error::Config(format!("invalid base URL `{raw_url}`: {e}")))?;
        if base_url.query().is_some() || base_url.fragment().is_some() {
            return Err(Error::Config(format!(
                "invalid base URL `{raw_url}`: it may not have a query or fragment"
            )));
        }
        if base_url.cannot_be_a_base() || !matches!(base_url.scheme(), "http" | "https") {
            return Err(Error::Config(format!(
                "invalid base URL `{raw_url}`: not an http(s) URL"
            )));
        }
        // A trailing slash would double up with the paths' leading one.
        let trimmed = base_url.path().trim_end_matches('/').to_owned();
        base_url.set_path(&trimmed);

        let mut headers = HeaderMap::new();
        let mut auth = HeaderValue::from_str(&format!("Bearer {key}")).map_err(|_| {
            Error::Config("the API key contains characters not allowed in a header".into())
        })?;
        auth.set_sensitive(true);
        headers.insert(reqwest::header::AUTHORIZATION, auth);
        headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_static(C::USER_AGENT),
        );
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        for (name, value) in self.headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("invalid header name `{name}`")))?;
            let value = HeaderValue::from_str(&value)
                .map_err(|_| Error::Config(format!("invalid value for header `{name}`")))?;
            headers.insert(header, value);
        }
        let transport = match self.transport {
            Some(transport) => transport,
            None => Arc::new(Reqwest(
                crate::tls::http_client_builder()?
                    .build()
                    .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?,
            )),
        };
        Ok(C::from_core(ClientCore {
            inner: Arc::new(Config {
                transport,
                base_url,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                budget: self.retry.budget().copied().map(TokenBucket::new),
                pause: Pause::default(),
                retry: self.retry,
                limiter: self
                    .max_concurrent
                    .map(|n| Arc::new(tokio::sync::Semaphore::new(n))),
                max_concurrent: self.max_concurrent,
                headers,
                error_envelope: C::ERROR_ENVELOPE,
            }),
        }))
    }
}

#[cfg(test)]
pub(crate) mod test_client;
