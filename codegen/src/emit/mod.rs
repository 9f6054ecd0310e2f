//! Stage 3: the IR → Rust source files.
//!
//! Output layout, relative to the output directory:
//! - `mod.rs`: declares the modules below;
//! - `types/mod.rs` and one `types/<module>.rs` per component schema or operation, holding
//!   that type and the inline types it contains;
//! - `resources/mod.rs` (the client's accessors) and one `resources/<resource>.rs` per
//!   top-level resource: the resource structs and their operation methods;
//! - `operations.rs`: the table of every operation and `for_each_response_type!`;
//! - `client.rs`: the `Client`, its builder and the settings the spec names;
//! - `stubs.rs` and `testing.rs`: typed stubs of every operation and the `MockApi` over the
//!   runtime's test transport, compiled with the `test-util` feature.
//!
//! `mod.rs` states the SDK's whole root (its modules, `Client`, the runtime's `exports`):
//! the crate that holds the output re-exports it with `pub use generated::*`, and generated
//! code names those items at the crate root.

mod client;
mod docs;
mod features;
mod file;
mod operations;
mod parallel;
mod resources;
pub(crate) mod signature;
mod stubs;
mod testing;
pub(crate) mod typeref;
mod types;

use std::path::PathBuf;

use crate::error::Result;
use crate::ir::Api;
pub use features::Features;
pub use file::HEADER_PREFIX;

/// How the output is written.
#[derive(Debug, Clone)]
pub struct Options {
    /// The spec's path as shown in each file's first line, e.g. `spec/openapi.yaml`.
    pub spec_display: String,
    /// A cargo feature per top-level resource, gating its methods, its stubs and the types
    /// only it needs ([`Features`]): for large specs whose users need a few resources.
    pub resource_features: bool,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory, with `/` separators.
    pub path: PathBuf,
    /// The file's full text.
    pub contents: String,
}

/// Emits every file for `api`, in a stable order, with the gates of `features`.
pub fn emit(api: &Api, options: &Options, features: &Features) -> Result<Vec<GeneratedFile>> {
    let header = file::header(&options.spec_display);
    let mut files = vec![
        file::render("mod.rs", &header, root_module(api))?,
        file::render("client.rs", &header, client::emit(api))?,
    ];
    files.extend(types::emit(api, &header, features)?);
    for (name, tokens) in resources::emit(api, features) {
        files.push(file::render(&format!("resources/{name}"), &header, tokens)?);
    }
    let (operations, for_each) = operations::emit(api, features);
    let mut operations = file::render("operations.rs", &header, operations)?;
    operations.contents.push_str(&for_each);
    files.push(operations);
    files.push(file::render(
        "stubs.rs",
        &header,
        stubs::emit(api, features),
    )?);
    files.push(file::render("testing.rs", &header, testing::emit(api))?);
    Ok(files)
}

fn root_module(api: &Api) -> proc_macro2::TokenStream {
    let doc = docs::inner(&format!(
        "Types and resources of {} (version {}), generated from its OpenAPI spec: the \
         SDK's root, which the crate re-exports whole.",
        api.title, api.version
    ));
    quote::quote! {
        #doc
        mod client;
        #[doc(hidden)]
        pub mod operations;
        pub mod resources;
        #[cfg(feature = "test-util")]
        mod stubs;
        #[cfg(feature = "test-util")]
        pub mod testing;
        pub mod types;

        pub use client::{Client, ClientBuilder, API_KEY_ENV, BASE_URL_ENV, DEFAULT_BASE_URL};
        pub use codegen_runtime::exports::*;
        /// Every operation of the API; for tests and tooling that must cover them all.
        #[doc(hidden)]
        pub use operations::OPERATIONS;
    }
}
