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
    /// `reqwest::Method`
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
    /// `crate::__rt::Call`: the untyped call that resource methods build.
    Call,
    /// `crate::__rt::IdempotencyKeySlot`
    IdempotencyKeySlot,
    /// `crate::__rt::OperationInfo`
    OperationInfo,
    /// `crate::__rt::QueryStyle`
    QueryStyle,
    /// `crate::AsBytes`
    AsBytes,
    /// `crate::AsText`
    AsText,
    /// `crate::Client`
    Client,
    /// `crate::FilePart`
    FilePart,
    /// `crate::Idempotent`
    Idempotent,
    /// `crate::NextPage`
    NextPage,
    /// `crate::NotIdempotent`
    NotIdempotent,
    /// `crate::PageRequest`
    PageRequest,
    /// `crate::Paginated`
    Paginated,
    /// `crate::Request`
    Request,
    /// `std::str::FromStr`
    FromStr,
    /// `std::convert::Infallible`
    Infallible,
    /// `crate::UnknownValue`: the error of parsing an enum from text it does not know.
    UnknownValue,
    /// `crate::testing::MockApi`: the in-process test transport (`test-util`).
    MockApi,
    /// `crate::testing::Stub`: the replies of one stubbed operation (`test-util`).
    Stub,
}

impl Import {
    /// Every import, in the order `use` items are written.
    pub const ALL: [Import; 32] = [
        Import::BTreeMap,
        Import::Fmt,
        Import::Display,
        Import::FromStr,
        Import::Infallible,
        Import::Date,
        Import::Timestamp,
        Import::Method,
        Import::Deserialize,
        Import::Deserializer,
        Import::Serialize,
        Import::Serializer,
        Import::Value,
        Import::Uuid,
        Import::Bytes,
        Import::Call,
        Import::IdempotencyKeySlot,
        Import::OperationInfo,
        Import::QueryStyle,
        Import::AsBytes,
        Import::AsText,
        Import::Client,
        Import::FilePart,
        Import::Idempotent,
        Import::NextPage,
        Import::NotIdempotent,
        Import::PageRequest,
        Import::Paginated,
        Import::Request,
        Import::UnknownValue,
        Import::MockApi,
        Import::Stub,
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
            Import::Method => ("reqwest", "Method"),
            Import::Deserialize => ("serde", "Deserialize"),
            Import::Deserializer => ("serde", "Deserializer"),
            Import::Serialize => ("serde", "Serialize"),
            Import::Serializer => ("serde", "Serializer"),
            Import::Value => ("serde_json", "Value"),
            Import::Uuid => ("uuid", "Uuid"),
            Import::Bytes => ("bytes", "Bytes"),
            Import::Call => ("crate::__rt", "Call"),
            Import::IdempotencyKeySlot => ("crate::__rt", "IdempotencyKeySlot"),
            Import::OperationInfo => ("crate::__rt", "OperationInfo"),
            Import::QueryStyle => ("crate::__rt", "QueryStyle"),
            Import::AsBytes => ("crate", "AsBytes"),
            Import::AsText => ("crate", "AsText"),
            Import::Client => ("crate", "Client"),
            Import::FilePart => ("crate", "FilePart"),
            Import::Idempotent => ("crate", "Idempotent"),
            Import::NextPage => ("crate", "NextPage"),
            Import::NotIdempotent => ("crate", "NotIdempotent"),
            Import::PageRequest => ("crate", "PageRequest"),
            Import::Paginated => ("crate", "Paginated"),
            Import::Request => ("crate", "Request"),
            Import::UnknownValue => ("crate", "UnknownValue"),
            Import::MockApi => ("crate::testing", "MockApi"),
            Import::Stub => ("crate::testing", "Stub"),
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
