//! The one list of names generated code imports or relies on. Emit writes `use` items from
//! it; lower reserves every name in it, so a spec type can never shadow an imported one.

/// A name a generated file may import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Import {
    /// `std::collections::BTreeMap`
    BTreeMap,
    /// `std::fmt` (the module, for `fmt::Display` impls)
    Fmt,
    /// `std::fmt::Display`
    Display,
    /// `jiff::civil::Date`
    Date,
    /// `jiff::Timestamp`
    Timestamp,
    /// `codegen_runtime::Method` (reqwest's)
    Method,
    /// `serde::Deserialize`
    Deserialize,
    /// `serde::Deserializer`
    Deserializer,
    /// `serde::Serialize`
    Serialize,
    /// `serde::Serializer`
    Serializer,
    /// `serde_json::Value`
    Value,
    /// `uuid::Uuid`
    Uuid,
    /// `bytes::Bytes`
    Bytes,
    /// `codegen_runtime::__private::Call`: the untyped call that resource methods build.
    Call,
    /// `codegen_runtime::__private::IdempotencyKeySlot`
    IdempotencyKeySlot,
    /// `codegen_runtime::__private::OperationInfo`
    OperationInfo,
    /// `codegen_runtime::__private::QueryStyle`
    QueryStyle,
    /// `codegen_runtime::__private::MultipartBody`: the parts of a multipart request body.
    MultipartBody,
    /// `codegen_runtime::__private::Form`: where a `MultipartBody` adds its parts.
    Form,
    /// `codegen_runtime::AsBytes`
    AsBytes,
    /// `codegen_runtime::AsText`
    AsText,
    /// `crate::Client`
    Client,
    /// `codegen_runtime::FilePart`
    FilePart,
    /// `codegen_runtime::Idempotent`
    Idempotent,
    /// `codegen_runtime::NextPage`
    NextPage,
    /// `codegen_runtime::NotIdempotent`
    NotIdempotent,
    /// `codegen_runtime::PageRequest`
    PageRequest,
    /// `codegen_runtime::Paginated`
    Paginated,
    /// `codegen_runtime::Request`
    Request,
    /// `std::str::FromStr`
    FromStr,
    /// `std::convert::Infallible`
    Infallible,
    /// `codegen_runtime::UnknownValue`: the error of parsing an enum from text it does not know.
    UnknownValue,
    /// `crate::testing::MockApi`: the in-process test transport (`test-util`).
    MockApi,
    /// `codegen_runtime::testing::Stub`: the replies of one stubbed operation (`test-util`).
    Stub,
}

impl Import {
    /// Every import, in the order `use` items are written.
    pub const ALL: [Import; 34] = [
        Import::BTreeMap,
        Import::Fmt,
        Import::Display,
        Import::FromStr,
        Import::Infallible,
        Import::Date,
        Import::Timestamp,
        Import::Deserialize,
        Import::Deserializer,
        Import::Serialize,
        Import::Serializer,
        Import::Value,
        Import::Uuid,
        Import::Bytes,
        Import::AsBytes,
        Import::AsText,
        Import::FilePart,
        Import::Idempotent,
        Import::Method,
        Import::NextPage,
        Import::NotIdempotent,
        Import::PageRequest,
        Import::Paginated,
        Import::Request,
        Import::UnknownValue,
        Import::Call,
        Import::IdempotencyKeySlot,
        Import::OperationInfo,
        Import::QueryStyle,
        Import::Form,
        Import::MultipartBody,
        Import::Stub,
        Import::Client,
        Import::MockApi,
    ];

    /// The module path it is imported from and the item imported (`self` for the module).
    pub fn path(self) -> (&'static str, &'static str) {
        match self {
            Import::BTreeMap => ("std::collections", "BTreeMap"),
            Import::Fmt => ("std::fmt", "self"),
            Import::Display => ("std::fmt", "Display"),
            Import::FromStr => ("std::str", "FromStr"),
            Import::Infallible => ("std::convert", "Infallible"),
            Import::Date => ("jiff::civil", "Date"),
            Import::Timestamp => ("jiff", "Timestamp"),
            Import::Method => ("codegen_runtime", "Method"),
            Import::Deserialize => ("serde", "Deserialize"),
            Import::Deserializer => ("serde", "Deserializer"),
            Import::Serialize => ("serde", "Serialize"),
            Import::Serializer => ("serde", "Serializer"),
            Import::Value => ("serde_json", "Value"),
            Import::Uuid => ("uuid", "Uuid"),
            Import::Bytes => ("bytes", "Bytes"),
            Import::Call => ("codegen_runtime::__private", "Call"),
            Import::IdempotencyKeySlot => ("codegen_runtime::__private", "IdempotencyKeySlot"),
            Import::OperationInfo => ("codegen_runtime::__private", "OperationInfo"),
            Import::QueryStyle => ("codegen_runtime::__private", "QueryStyle"),
            Import::MultipartBody => ("codegen_runtime::__private", "MultipartBody"),
            Import::Form => ("codegen_runtime::__private", "Form"),
            Import::AsBytes => ("codegen_runtime", "AsBytes"),
            Import::AsText => ("codegen_runtime", "AsText"),
            Import::Client => ("crate", "Client"),
            Import::FilePart => ("codegen_runtime", "FilePart"),
            Import::Idempotent => ("codegen_runtime", "Idempotent"),
            Import::NextPage => ("codegen_runtime", "NextPage"),
            Import::NotIdempotent => ("codegen_runtime", "NotIdempotent"),
            Import::PageRequest => ("codegen_runtime", "PageRequest"),
            Import::Paginated => ("codegen_runtime", "Paginated"),
            Import::Request => ("codegen_runtime", "Request"),
            Import::UnknownValue => ("codegen_runtime", "UnknownValue"),
            Import::MockApi => ("crate::testing", "MockApi"),
            Import::Stub => ("codegen_runtime::testing", "Stub"),
        }
    }

    /// The name the import brings into scope.
    pub fn name(self) -> &'static str {
        match self {
            Import::Fmt => "fmt",
            other => other.path().1,
        }
    }
}

/// Prelude names generated code uses unqualified; a spec type may not shadow them either.
pub const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self",
];
