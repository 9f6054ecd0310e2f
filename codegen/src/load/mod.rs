//! Stage 1: text → a parsed OpenAPI document (3.0, or 3.1 read into the same model), with
//! errors that say where.
//!
//! A spec is either one document ([`Spec::parse`]) or a root file and the files its
//! relative `$ref`s reach ([`Spec::load`]), which are first bundled into one document (see
//! [`bundle`] for the rules) so that the later stages only ever see a single document.

mod bundle;
mod grammar;
mod normalize;
mod pointer;
mod refs;
mod source;
mod text;

pub use bundle::{bundle, Bundle, Origins};
pub use pointer::Pointer;
pub use refs::Resolver;
pub use source::{normalize_path, FileSource, FsSource, MemorySource};

use std::path::Path;

use openapiv3::OpenAPI;
use serde_yaml::Value;

use crate::error::{Error, Result};
use crate::ir::HttpMethod;
use crate::warning::Warnings;

/// A parsed spec: the typed document plus the raw tree, which keeps what the typed one
/// drops (the order methods are declared in within a path item).
#[derive(Debug, Clone)]
pub struct Spec {
    /// The typed OpenAPI document.
    pub doc: OpenAPI,
    raw: Value,
    origins: Origins,
    warnings: Warnings,
}

impl Spec {
    /// Parses YAML (or JSON) text into a spec, checking it is OpenAPI 3.0.x or 3.1.x.
    pub fn parse(text: &str) -> Result<Spec> {
        let mut raw = text::parse(text).map_err(yaml_error)?;
        check_version(&raw)?;
        let warnings = normalize::normalize(&mut raw);
        let doc = typed(&raw, &Origins::default())?;
        Ok(Spec {
            doc,
            raw,
            origins: Origins::default(),
            warnings,
        })
    }

    /// Reads the spec whose root file is `root`, with every file its `$ref`s reach, through
    /// `source`; bundles them into one document and parses that. Errors name the file and
    /// the JSON pointer.
    pub fn load(root: &Path, source: &dyn FileSource) -> Result<Spec> {
        let Bundle {
            doc: mut raw,
            origins,
        } = bundle(root, source)?;
        let warnings = normalize::normalize(&mut raw);
        let doc = typed(&raw, &origins)?;
        Ok(Spec {
            doc,
            raw,
            origins,
            warnings,
        })
    }

    /// What loading mapped less precisely than the spec means.
    pub fn warnings(&self) -> &Warnings {
        &self.warnings
    }

    /// Where the parts of a bundled spec come from (empty for a single document).
    pub fn origins(&self) -> &Origins {
        &self.origins
    }

    /// A pointer into the (bundled) document as `file#/pointer` of the file that defines
    /// it; unchanged for a spec that is one document.
    pub fn locate(&self, pointer: &str) -> String {
        self.origins.locate(pointer)
    }

    /// The HTTP methods of a path item in the order the spec declares them.
    pub fn method_order(&self, path: &str) -> Vec<HttpMethod> {
        let item = self
            .raw
            .get("paths")
            .and_then(|p| p.get(path))
            .and_then(Value::as_mapping);
        item.into_iter()
            .flat_map(|m| m.keys())
            .filter_map(Value::as_str)
            .filter_map(HttpMethod::from_key)
            .collect()
    }
}

/// The typed document of a (normalized) tree; a part that does not fit is an error naming
/// its pointer. The text is never parsed again for the error: openapiv3 panics on some
/// documents that fail once and pass a second try, which a second parse could reach.
fn typed(raw: &Value, origins: &Origins) -> Result<OpenAPI> {
    serde_path_to_error::deserialize(raw.clone()).map_err(|e| {
        let mut pointer = Pointer::root();
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => pointer = pointer.join(index),
                serde_path_to_error::Segment::Map { key } => pointer = pointer.join(key),
                serde_path_to_error::Segment::Enum { .. } => {}
                serde_path_to_error::Segment::Unknown => break,
            }
        }
        Error::Structure {
            pointer: origins.locate(pointer.as_str()),
            message: e.inner().to_string(),
        }
    })
}

/// Checks that a document is OpenAPI 3.0.x or 3.1.x (3.1 documents are read into the same
/// model: see the normalizer).
fn check_version(raw: &Value) -> Result<()> {
    let version = match raw.get("openapi") {
        Some(Value::String(v)) => format!("`openapi: {v}`"),
        Some(other) => format!("`openapi` is {}", describe(other)),
        None if raw.get("swagger").is_some() => "a Swagger 2.0 document".to_owned(),
        None if raw.is_mapping() => "no `openapi` field".to_owned(),
        None => format!("the document is {}", describe(raw)),
    };
    if raw
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(is_openapi_3)
    {
        Ok(())
    } else {
        Err(Error::NotOpenApi3 { found: version })
    }
}

/// Whether a version is 3.0.x or 3.1.x.
fn is_openapi_3(version: &str) -> bool {
    ["3.0.", "3.1."].iter().any(|minor| {
        version
            .strip_prefix(minor)
            .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
    })
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

fn yaml_error(err: serde_yaml::Error) -> Error {
    let (line, column) = err.location().map_or((0, 0), |l| (l.line(), l.column()));
    Error::Yaml {
        line,
        column,
        message: err.to_string(),
    }
}

impl Spec {
    /// Each delivery under `webhooks` (OpenAPI 3.1), in document order, with the schema of
    /// its JSON request body, if it has one.
    pub fn deliveries(&self) -> Vec<(&str, Option<&Value>)> {
        grammar::deliveries(&self.raw)
    }

    /// The raw YAML node at a JSON pointer, to read what the typed document drops (such as a
    /// `description` written beside a `$ref`).
    pub fn raw_at(&self, pointer: &Pointer) -> Option<&Value> {
        pointer.find(&self.raw)
    }
}
