//! `multipart/form-data` bodies (RFC 7578) from typed values: each field of the body struct
//! is a part; a [`FilePart`] field is a file, anything else its text (scalars as they are,
//! lists of scalars as one part per item, objects as JSON).

mod file;
mod serialize;
#[cfg(test)]
mod tests;

pub use file::FilePart;

use serde::Serialize;
use serde_json::Value;

use crate::encode::{scalar_list, text};
use serialize::{Body, FileProbe};

/// `value` (a struct or map) as a `multipart/form-data` body: the bytes and the
/// `content-type` header value with its boundary.
pub(crate) fn encode(value: &impl Serialize) -> Result<(Vec<u8>, String), String> {
    let mut parts = Vec::new();
    value.serialize(Body { parts: &mut parts })?;
    let boundary = format!("sdk-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    let mut out = Vec::new();
    for part in &parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let name = quoted(&part.name);
        match &part.file {
            Some((file_name, content_type)) => {
                let file_name = quoted(file_name.as_deref().unwrap_or(&part.name));
                let content_type = content_type
                    .as_deref()
                    .unwrap_or("application/octet-stream");
                out.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                    )
                    .as_bytes(),
                );
            }
            None => out.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        out.extend_from_slice(&part.data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Ok((out, format!("multipart/form-data; boundary={boundary}")))
}

/// A name or file name inside a quoted header parameter: quotes and line breaks escaped as
/// RFC 7578 (and browsers) do.
fn quoted(text: &str) -> String {
    text.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// One part: its field name, data, and (for a file) file name and media type.
pub(super) struct Part {
    pub(super) name: String,
    pub(super) data: Vec<u8>,
    pub(super) file: Option<(Option<String>, Option<String>)>,
}

/// The parts of one field's value.
pub(super) fn field_parts(
    name: &str,
    value: &(impl Serialize + ?Sized),
) -> Result<Vec<Part>, String> {
    // A value that is not a file may make the probe fail (a list, an object): not a file.
    if let Ok(Some(file)) = value.serialize(FileProbe { framed: false }) {
        return Ok(vec![file.into_part(name)]);
    }
    let value = serde_json::to_value(value).map_err(|e| format!("field `{name}`: {e}"))?;
    // As a form body lays fields out: a list of scalars is a part per item.
    let texts = match &value {
        Value::Null => Vec::new(),
        other => scalar_list(other).unwrap_or_else(|| vec![text(other)]),
    };
    Ok(texts
        .into_iter()
        .map(|data| Part {
            name: name.to_owned(),
            data: data.into_bytes(),
            file: None,
        })
        .collect())
}
