//! [`FilePart`]: a file field of a multipart body, and how it passes through serde to the
//! multipart serializer (a framed byte string under a name no other type uses).

use std::fmt;

use bytes::Bytes;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Part;

/// The name [`FilePart`] serializes under when the serializer is this module's.
pub(super) const MAGIC: &str = "$codegen_runtime::FilePart";

/// A file sent in a `multipart/form-data` body (a `format: binary` field): its bytes, and
/// the file name and media type the part declares.
///
/// ```
/// use linq_api::FilePart;
/// let file = FilePart::new(std::fs::read("Cargo.toml").unwrap_or_default())
///     .file_name("Cargo.toml")
///     .content_type("text/plain");
/// # let _ = file;
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    bytes: Bytes,
    file_name: Option<String>,
    content_type: Option<String>,
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
    /// Into JSON (a spec that puts binary in a JSON body), as text; into a multipart body,
    /// as a file part.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&String::from_utf8_lossy(&self.bytes))
        } else {
            serializer.serialize_newtype_struct(MAGIC, &RawBytes(&frame(self)))
        }
    }
}

impl<'de> Deserialize<'de> for FilePart {
    /// From JSON text (a binary string in a JSON response): its UTF-8 bytes.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| FilePart::new(text.into_bytes()))
    }
}

/// Bytes that serialize as bytes (a slice serializes as a sequence of numbers).
struct RawBytes<'a>(&'a [u8]);

impl Serialize for RawBytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// A file as one byte string for [`FileProbe`]: the file name and the media type, each
/// as a length (4 bytes, big-endian; `u32::MAX` for none) and UTF-8, then the contents.
fn frame(file: &FilePart) -> Vec<u8> {
    let mut out = Vec::with_capacity(file.bytes.len() + 64);
    for text in [&file.file_name, &file.content_type] {
        match text {
            Some(text) => {
                let len = u32::try_from(text.len()).unwrap_or(u32::MAX - 1);
                out.extend_from_slice(&len.to_be_bytes());
                out.extend_from_slice(&text.as_bytes()[..len as usize]);
            }
            None => out.extend_from_slice(&u32::MAX.to_be_bytes()),
        }
    }
    out.extend_from_slice(&file.bytes);
    out
}

/// The file [`frame`] wrote; `None` if `bytes` is not one.
pub(super) fn unframe(mut bytes: &[u8]) -> Option<File> {
    let mut texts = [None, None];
    for text in &mut texts {
        let (len, rest) = bytes.split_first_chunk::<4>()?;
        let len = u32::from_be_bytes(*len);
        bytes = rest;
        if len != u32::MAX {
            let (value, rest) = bytes.split_at_checked(len as usize)?;
            *text = Some(String::from_utf8_lossy(value).into_owned());
            bytes = rest;
        }
    }
    let [file_name, content_type] = texts;
    Some(File {
        file_name,
        content_type,
        bytes: bytes.to_vec(),
    })
}

/// A file found by [`FileProbe`].
pub(super) struct File {
    pub(super) file_name: Option<String>,
    pub(super) content_type: Option<String>,
    pub(super) bytes: Vec<u8>,
}

impl File {
    pub(super) fn into_part(self, name: &str) -> Part {
        Part {
            name: name.to_owned(),
            data: self.bytes,
            file: Some((self.file_name, self.content_type)),
        }
    }
}
