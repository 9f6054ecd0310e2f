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
    /// The document parsed but is not an OpenAPI 3.0.x or 3.1.x document.
    #[error("not an OpenAPI 3.0.x or 3.1.x document: {found}")]
    NotOpenApi3 {
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
    /// A spec file could not be read: the root, or a file a `$ref` names.
    #[error("cannot read {file}{}: {message}", referenced_by(.reference.as_deref(), .site.as_deref()))]
    File {
        /// The file, as the loader names it.
        file: String,
        /// The `$ref` that names the file (none for the root).
        reference: Option<String>,
        /// Where that `$ref` is written (`file#/pointer`).
        site: Option<String>,
        /// Why it could not be read.
        message: String,
    },
    /// A spec file other than a single root document is not valid YAML.
    #[error("{file}: invalid YAML at line {line}, column {column}: {message}")]
    FileYaml {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A `$ref` names a file that holds nothing at the reference's JSON pointer.
    #[error("`$ref: '{reference}'` at {site}: {file} has nothing at {pointer}")]
    MissingTarget {
        /// The reference as written.
        reference: String,
        /// Where the `$ref` is written (`file#/pointer`).
        site: String,
        /// The file the reference points into.
        file: String,
        /// The JSON pointer that does not exist there (`#/...`).
        pointer: String,
    },
    /// `$ref`s that go round in a circle: a chain of references that never reaches a
    /// definition, or a path item that includes itself.
    #[error("`$ref` cycle: {}; a chain of `$ref`s must end at a definition, and a path item cannot include itself", .chain.join(" -> "))]
    RefCycle {
        /// The references of the cycle (`file#/pointer`), the first repeated at the end.
        chain: Vec<String>,
    },
    /// Two different definitions of a split spec would get the same component name in the
    /// bundled document.
    #[error("`components/{kind}/{name}` would be defined twice when the spec is bundled: by {first} and by {second}; rename one of them")]
    ComponentClash {
        /// The component section (`schemas`, `parameters`, ...).
        kind: String,
        /// The component name.
        name: String,
        /// The definition that claimed the name first (`file#/pointer`).
        first: String,
        /// The other definition.
        second: String,
    },
    /// A (bundled) document is YAML but does not fit the OpenAPI 3.0 structure.
    #[error("does not fit the OpenAPI 3.0 document structure at {pointer}: {message}")]
    Structure {
        /// Where (`file#/pointer`, or `#/pointer` in a single-file spec).
        pointer: String,
        /// What the parser said.
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

impl Error {
    /// This error with every JSON pointer it carries passed through `locate` (used to turn
    /// pointers into a bundled document into `file#/pointer` of the file that defines them).
    pub fn map_pointers(mut self, locate: impl Fn(&str) -> String) -> Self {
        match &mut self {
            Error::DanglingRef { pointer, .. }
            | Error::Unsupported { pointer, .. }
            | Error::Extension { pointer, .. }
            | Error::Structure { pointer, .. } => *pointer = locate(pointer),
            Error::DuplicateMethod { first, second, .. }
            | Error::DuplicateTypeName { first, second, .. } => {
                *first = locate(first);
                *second = locate(second);
            }
            Error::Yaml { .. }
            | Error::NotOpenApi3 { .. }
            | Error::Emit { .. }
            | Error::File { .. }
            | Error::FileYaml { .. }
            | Error::MissingTarget { .. }
            | Error::RefCycle { .. }
            | Error::ComponentClash { .. } => {}
        }
        self
    }
}

fn referenced_by(reference: Option<&str>, site: Option<&str>) -> String {
    match (reference, site) {
        (Some(reference), Some(site)) => format!(" (`$ref: '{reference}'` at {site})"),
        _ => String::new(),
    }
}

/// Result with the generator's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
