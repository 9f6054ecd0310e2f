//! The HTTP client a [`Client`](crate::Client) builds when the caller gives none: reqwest's
//! own TLS setup with the default `rustls` or the `native-tls` feature; with `rustls-ring`
//! alone, rustls with the `ring` crypto provider and the platform's certificate verifier,
//! handed to reqwest preconfigured, so no process-wide provider is installed or required.

use crate::error::Result;

/// A `reqwest::ClientBuilder` with this crate's TLS setup, to configure further (proxies,
/// pools…) and hand to [`ClientBuilder::http_client`](crate::ClientBuilder::http_client).
///
/// Start from this rather than `reqwest::Client::builder()`: with the `rustls-ring` feature
/// alone, reqwest has no crypto provider of its own, and building a client of your own
/// would fail unless your program installs one
/// (`rustls::crypto::ring::default_provider().install_default()`).
#[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
pub fn http_client_builder() -> Result<reqwest::ClientBuilder> {
    use std::sync::Arc;

    use rustls_platform_verifier::BuilderVerifierExt;

    // rustls 0.23.48 deprecates ring's provider because ring has no post-quantum key
    // exchange; it is offered because it builds fast. The default `rustls` feature gives
    // the post-quantum provider.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|e| crate::Error::Config(format!("cannot set up TLS: {e}")))?
        .with_no_client_auth();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(config))
}

/// A `reqwest::ClientBuilder` with this crate's TLS setup, to configure further and hand to
/// [`ClientBuilder::http_client`](crate::ClientBuilder::http_client).
#[cfg(not(all(feature = "rustls-ring", not(feature = "rustls"))))]
pub fn http_client_builder() -> Result<reqwest::ClientBuilder> {
    Ok(reqwest::Client::builder())
}
