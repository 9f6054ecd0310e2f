//! `client.rs`: the SDK's `Client`, the settings its spec names (environment variables,
//! base URL) and the calls every client has, over the runtime's `ClientCore`. The
//! accessors of the top-level resources are added in `resources/mod.rs`.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use crate::ir::Api;

/// The tokens of `client.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let prefix = env_prefix(&api.title);
    let key_env = format!("{prefix}_API_KEY");
    let url_env = format!("{prefix}_BASE_URL");
    let base_url = api.base_url.clone().unwrap_or_default();
    let default_url = match &api.base_url {
        Some(url) => format!("default `{url}`"),
        None => "required: the spec names no server".to_owned(),
    };
    let module = docs::inner(&format!(
        "The client of {}: the settings its spec names and the calls every client has.",
        api.title
    ));
    let client = docs::outer(&format!(
        "A client of {}. Cheap to clone (clones share the configuration and the connection \
         pool), `Send` and `Sync`.",
        api.title
    ));
    let base_url_doc = docs::outer(match api.base_url {
        Some(_) => "The base URL unless configured otherwise: the spec's first server.",
        None => "The base URL unless configured otherwise: none, as the spec names no server.",
    });
    let from_env = docs::outer(&format!(
        "A client configured from `{key_env}` (required) and `{url_env}` ({default_url}). To \
         change other settings too, start from [`ClientBuilder::from_env`]."
    ));
    let envelope = {
        let e = &api.error_envelope;
        let [status, code, message, doc_url] =
            [&e.status, &e.code, &e.message, &e.doc_url].map(|pointer| match pointer {
                Some(pointer) => quote!(Some(#pointer)),
                None => quote!(None),
            });
        let example = match &e.example {
            Some(json) => {
                let json = super::operations::raw_string(json);
                quote!(Some(#json))
            }
            None => quote!(None),
        };
        quote! {
            ErrorEnvelope {
                status: #status,
                code: #code,
                message: #message,
                doc_url: #doc_url,
                example: #example,
            }
        }
    };
    quote! {
        #module

        use std::fmt;

        use codegen_runtime::__private::{ClientCore, ErrorEnvelope, Sdk};
        use codegen_runtime::{Method, Request, Result};
        use serde::Serialize;

        /// The environment variable [`Client::from_env`] reads the API key from.
        pub const API_KEY_ENV: &str = #key_env;
        /// The environment variable [`Client::from_env`] reads an alternative base URL from.
        pub const BASE_URL_ENV: &str = #url_env;
        #base_url_doc
        pub const DEFAULT_BASE_URL: &str = #base_url;

        /// Configures a [`Client`]: start from [`Client::builder`] or
        /// [`ClientBuilder::from_env`].
        pub type ClientBuilder = codegen_runtime::ClientBuilder<Client>;

        #client
        #[derive(Clone)]
        pub struct Client {
            core: ClientCore,
        }

        impl fmt::Debug for Client {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.core.fmt(f)
            }
        }

        impl Sdk for Client {
            const API_KEY_ENV: &'static str = API_KEY_ENV;
            const BASE_URL_ENV: &'static str = BASE_URL_ENV;
            const DEFAULT_BASE_URL: &'static str = DEFAULT_BASE_URL;
            const USER_AGENT: &'static str =
                concat!(env!("CARGO_PKG_NAME"), "-rust/", env!("CARGO_PKG_VERSION"));
            const ERROR_ENVELOPE: ErrorEnvelope = #envelope;

            fn from_core(core: ClientCore) -> Self {
                Client { core }
            }

            fn core(&self) -> &ClientCore {
                &self.core
            }
        }

        impl Client {
            /// A client for `api_key` with default settings.
            pub fn new(api_key: impl Into<String>) -> Result<Self> {
                Self::builder().api_key(api_key).build()
            }

            #from_env
            pub fn from_env() -> Result<Self> {
                ClientBuilder::from_env().build()
            }

            /// A builder for a client with non-default settings.
            pub fn builder() -> ClientBuilder {
                ClientBuilder::default()
            }

            /// A builder holding this client's settings (API key, base URL, timeout, retry
            /// policy, concurrency cap, default headers) and its connection pool: change some,
            /// build, and the new client shares the pool, with a retry budget and an overload
            /// pause of its own. For a part of an application that needs, say, a shorter
            /// timeout: `client.to_builder().timeout(Duration::from_secs(5)).build()?`.
            pub fn to_builder(&self) -> ClientBuilder {
                self.core.to_builder()
            }

            /// The base URL requests are sent to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            /// A request to any path of the API, for an operation this version of the SDK
            /// does not have yet: `path` goes after the base URL (start it with `/`; escape
            /// its segments yourself). It is sent like every call, with the client's
            /// authentication, retries, timeouts and errors, and decodes its JSON answer into
            /// `T` (`serde_json::Value`, or a type of your own). Add query parameters with
            /// [`Request::query`] and a body with [`raw_json`](Self::raw_json) or
            /// [`Request::body_field`]. A raw `POST` or `PATCH` carries no idempotency key, so
            /// it is never repeated once it may have been applied.
            pub fn raw<T>(&self, method: Method, path: &str) -> Request<T> {
                self.core.raw(method, path)
            }

            /// [`raw`](Self::raw) with a JSON body.
            pub fn raw_json<T>(&self, method: Method, path: &str, body: &impl Serialize) -> Request<T> {
                self.core.raw_json(method, path, body)
            }
        }
    }
}

/// The prefix of the SDK's environment variables: the spec's title in capitals
/// (`Linq API v3` → `LINQ_API_V3`), or `API` when the title has no letter or digit.
fn env_prefix(title: &str) -> String {
    let prefix = title.to_shouty_snake_case();
    let prefix: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match prefix.trim_matches('_') {
        "" => "API".to_owned(),
        p if p.starts_with(|c: char| c.is_ascii_digit()) => format!("API_{p}"),
        p => p.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::env_prefix;

    #[test]
    fn the_environment_prefix_is_the_title_in_capitals() {
        assert_eq!(env_prefix("Linq API v3"), "LINQ_API_V3");
        assert_eq!(
            env_prefix("Swagger Petstore - OpenAPI 3.0"),
            "SWAGGER_PETSTORE_OPEN_API_3_0"
        );
        assert_eq!(env_prefix("☃"), "API");
        assert_eq!(env_prefix("3D Secure"), "API_3D_SECURE");
    }
}
