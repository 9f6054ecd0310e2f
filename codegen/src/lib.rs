//! An OpenAPI 3.0 → Rust SDK generator.
//!
//! The pipeline has three stages, one folder each:
//!
//! 1. [`load`]: YAML text → a parsed OpenAPI document (`openapiv3`), with `$ref` resolution;
//! 2. [`lower`]: the document → the [`ir`], a small resolved model where every type and
//!    operation has its final name;
//! 3. [`emit`]: the IR → Rust source files (`quote` → `prettyplease`).
//!
//! The generator knows nothing of any particular API: SDK facts such as resource names,
//! pagination and idempotency come from `x-sdk-*` extensions in the spec.

pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;

pub use emit::GeneratedFile;
pub use error::{Error, Result};

/// The output of a run: files in a stable order, and what they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files to write.
    pub files: Vec<GeneratedFile>,
    /// Number of operations.
    pub operations: usize,
    /// Number of named types.
    pub types: usize,
}

/// Runs the whole pipeline on spec text.
pub fn generate(spec_text: &str, options: &emit::Options) -> Result<Generated> {
    let spec = load::Spec::parse(spec_text)?;
    let api = lower::lower(&spec)?;
    let files = emit::emit(&api, options)?;
    Ok(Generated {
        files,
        operations: api.operations.len(),
        types: api.types.len(),
    })
}
