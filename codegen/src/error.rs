//! The generator's one error type: every variant names the culprit and where it is.

/// Why a spec could not be turned into Rust.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The text is not valid YAML (or does not match the OpenAPI document structure).
    #[error("invalid YAML at line {line}, column {column}: {message}")]
    Yaml {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The document parsed but is not an OpenAPI 3.0.x document.
    #[error("not an OpenAPI 3.0.x document: {found}")]
    NotOpenApi30 {
        /// What the `openapi` field held instead.
        found: String,
    },
    /// A `$ref` points at nothing.
    #[error("dangling reference `{reference}` at {pointer}")]
    DanglingRef {
        /// The reference as written.
        reference: String,
        /// JSON pointer of the `$ref`.
        pointer: String,
    },
    /// A path template names a parameter the operation does not declare.
    #[error("path template parameter `{{{name}}}` of {method} {path} has no declared path parameter (at {pointer})")]
    UndeclaredPathParam {
        /// The template parameter.
        name: String,
        /// HTTP method of the operation.
        method: String,
        /// The path template.
        path: String,
        /// JSON pointer of the operation.
        pointer: String,
    },
    /// Two operations would become the same method of the same resource.
    #[error(
        "operations {first} and {second} both map to method `{method}` of resource `{resource}`"
    )]
    DuplicateMethod {
        /// Dotted resource path.
        resource: String,
        /// Method name.
        method: String,
        /// JSON pointer of the first operation.
        first: String,
        /// JSON pointer of the second operation.
        second: String,
    },
    /// Two schemas would become the same Rust type.
    #[error("type name `{name}` is generated for both {first} and {second}; set `x-sdk-name` on one of them")]
    DuplicateTypeName {
        /// The Rust type name.
        name: String,
        /// JSON pointer of the first schema.
        first: String,
        /// JSON pointer of the second schema.
        second: String,
    },
    /// A construct the generator does not handle.
    #[error("unsupported at {pointer}: {what}")]
    Unsupported {
        /// JSON pointer of the construct.
        pointer: String,
        /// What is not supported.
        what: String,
    },
    /// An `x-sdk-*` extension has the wrong shape or names something that does not exist.
    #[error("invalid `{extension}` at {pointer}: {message}")]
    Extension {
        /// The extension's name.
        extension: String,
        /// JSON pointer of the extension's owner.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// The emitted tokens did not parse as Rust: a generator bug, reported rather than panicking.
    #[error("generated code for {module} does not parse as Rust: {message}")]
    Emit {
        /// The module being emitted.
        module: String,
        /// The parser's message.
        message: String,
    },
}

impl Error {
    /// A malformed `x-sdk-*` extension on the item at `pointer`.
    pub(crate) fn extension(
        extension: &str,
        pointer: impl std::fmt::Display,
        message: impl Into<String>,
    ) -> Self {
        Error::Extension {
            extension: extension.to_owned(),
            pointer: pointer.to_string(),
            message: message.into(),
        }
    }

    pub(crate) fn unsupported(pointer: &str, what: impl Into<String>) -> Self {
        Error::Unsupported {
            pointer: pointer.to_owned(),
            what: what.into(),
        }
    }
}

/// Result with the generator's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
