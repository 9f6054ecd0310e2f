//! [`FilePart`]: a file field of a multipart body.

use std::fmt;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A file sent in a `multipart/form-data` body (a `format: binary` field): its bytes, and
/// the file name and media type the part declares.
///
/// ```
/// # use linq_api as sdk;
/// use sdk::FilePart;
/// let file = FilePart::new(std::fs::read("Cargo.toml").unwrap_or_default())
///     .file_name("Cargo.toml")
///     .content_type("text/plain");
/// # let _ = file;
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    pub(super) bytes: Bytes,
    pub(super) file_name: Option<String>,
    pub(super) content_type: Option<String>,
}

impl FilePart {
    /// A file of these bytes, sent as `application/octet-stream` without a file name.
    pub fn new(bytes: impl Into<Bytes>) -> Self {
        FilePart {
            bytes: bytes.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// The file name the part declares (`filename="…"`).
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's media type (default `application/octet-stream`).
    pub fn content_type(mut self, media_type: impl Into<String>) -> Self {
        self.content_type = Some(media_type.into());
        self
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("len", &self.bytes.len())
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        FilePart::new(bytes)
    }
}

impl Serialize for FilePart {
    /// As text (a spec that puts binary data in a JSON body): the bytes read as UTF-8. In a
    /// multipart body a file field is a file part instead: the generated `MultipartBody`
    /// impl says which fields are files.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
    }
}

impl<'de> Deserialize<'de> for FilePart {
    /// From JSON text (a binary string in a JSON response): its UTF-8 bytes.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| FilePart::new(text.into_bytes()))
    }
}
