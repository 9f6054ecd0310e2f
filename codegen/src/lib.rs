//! An OpenAPI 3.0/3.1 → Rust SDK generator.
//!
//! The pipeline has three stages, one folder each (and [`surface`], which reads the public
//! surface of the result for `api.md` and the semver report):
//!
//! 1. [`load`]: YAML text, or a root file and the files its relative `$ref`s reach (bundled
//!    into one document), → a parsed OpenAPI document (`openapiv3`), with `$ref` resolution;
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
pub mod surface;
pub mod warning;

use std::path::Path;

pub use emit::GeneratedFile;
pub use error::{Error, Result};
pub use warning::Warning;

/// The output of a run: files in a stable order, and what they hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `info.title` of the spec.
    pub title: String,
    /// The files to write.
    pub files: Vec<GeneratedFile>,
    /// Number of operations.
    pub operations: usize,
    /// Number of named types.
    pub types: usize,
    /// The public surface of the generated code.
    pub surface: surface::Surface,
    /// The surface as `api.md`.
    pub api_md: String,
    /// The cargo feature of each top-level resource, when the output has them
    /// ([`emit::Options::resource_features`]); empty otherwise.
    pub features: Vec<String>,
    /// Constructs mapped less precisely than the spec means (to `serde_json::Value`, to
    /// bytes, …), each naming where it is. They never stop generation.
    pub warnings: Vec<Warning>,
}

/// Runs the whole pipeline on spec text (a single document).
pub fn generate(spec_text: &str, options: &emit::Options) -> Result<Generated> {
    run(&load::Spec::parse(spec_text)?, options)
}

/// Runs the whole pipeline on the spec whose root file is `root`, reading it and every file
/// its relative `$ref`s reach from disk. Errors name the file and the JSON pointer.
pub fn generate_file(root: impl AsRef<Path>, options: &emit::Options) -> Result<Generated> {
    generate_from(root.as_ref(), &load::FsSource::new(), options)
}

/// Same as [`generate_file`], reading files through `source` (such as a
/// [`load::MemorySource`]).
pub fn generate_from(
    root: &Path,
    source: &dyn load::FileSource,
    options: &emit::Options,
) -> Result<Generated> {
    let spec = load::Spec::load(root, source)?;
    let mut generated =
        run(&spec, options).map_err(|e| e.map_pointers(|pointer| spec.locate(pointer)))?;
    for warning in &mut generated.warnings {
        warning.pointer = spec.locate(&warning.pointer);
    }
    Ok(generated)
}

fn run(spec: &load::Spec, options: &emit::Options) -> Result<Generated> {
    let api = lower::lower(spec)?;
    let features = match options.resource_features {
        true => emit::Features::per_resource(&api),
        false => emit::Features::none(),
    };
    let files = emit::emit(&api, options, &features)?;
    let surface = surface::of(&api);
    let api_md = surface::markdown::render(&surface, &api.title, &options.spec_display);
    Ok(Generated {
        title: api.title.clone(),
        files,
        operations: api.operations.len(),
        types: api.types.len(),
        surface,
        api_md,
        features: features.names().to_vec(),
        warnings: api.warnings,
    })
}
