//! The HTTP client a [`Client`](crate::Client) builds when the caller gives none: with the
//! default `rustls` feature, rustls with the `ring` crypto provider and the platform's
//! certificate verifier, handed to reqwest preconfigured, so no process-wide provider is
//! installed or required.

use crate::error::Result;

/// A reqwest builder with this crate's TLS setup.
#[cfg(all(feature = "rustls", not(feature = "rustls-aws-lc")))]
pub(crate) fn http_builder() -> Result<reqwest::ClientBuilder> {
    use std::sync::Arc;

    use rustls_platform_verifier::BuilderVerifierExt;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|builder| builder.with_platform_verifier())
        .map_err(|e| crate::Error::Config(format!("cannot set up TLS: {e}")))?
        .with_no_client_auth();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(config))
}

/// A reqwest builder with this crate's TLS setup.
#[cfg(not(all(feature = "rustls", not(feature = "rustls-aws-lc"))))]
pub(crate) fn http_builder() -> Result<reqwest::ClientBuilder> {
    Ok(reqwest::Client::builder())
}
