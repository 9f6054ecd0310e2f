//! `multipart/form-data` bodies (RFC 7578). The generator writes, for each body type, a
//! [`MultipartBody`] impl that names its parts: [`Form::file`] for its file fields (the
//! spec's `format: binary`), [`Form::text`] for the others (scalars as they are, lists of
//! scalars as one part per item, objects as JSON). This module only lays the parts out.

mod file;
#[cfg(test)]
mod tests;

pub use file::FilePart;

use std::collections::BTreeMap;

use bytes::Bytes;
use serde::Serialize;
use serde_json::Value;

use crate::encode::{scalar_list, text};

/// A body sent as `multipart/form-data`: the parts of a value, in field order.
pub trait MultipartBody {
    /// Adds the value's parts to `form`.
    fn parts(&self, form: &mut Form);
}

/// The parts of a multipart body, as a [`MultipartBody`] impl adds them.
#[derive(Default)]
pub struct Form {
    parts: Vec<Part>,
    /// The first field that could not be written, reported when the call is sent.
    error: Option<String>,
}

/// One part: its field name, data, and (for a file) file name and media type.
struct Part {
    name: String,
    data: Bytes,
    file: Option<(Option<String>, Option<String>)>,
}

impl Form {
    /// Adds a file part.
    pub fn file(&mut self, name: &str, file: &FilePart) {
        self.parts.push(Part {
            name: name.to_owned(),
            data: file.bytes.clone(),
            file: Some((file.file_name.clone(), file.content_type.clone())),
        });
    }

    /// Adds a field's value as text: nothing for `null` (an absent optional field), a part
    /// per item for a list of scalars, the JSON text of anything else that is not a scalar.
    pub fn text(&mut self, name: &str, value: &(impl Serialize + ?Sized)) {
        match serde_json::to_value(value) {
            Ok(value) => self.json(name, &value),
            Err(e) => self.fail(format!("field `{name}`: {e}")),
        }
    }

    /// Adds each field of a value that serializes as an object (a body type the generator
    /// knows no fields of, such as a map) as text.
    pub fn fields(&mut self, value: &(impl Serialize + ?Sized)) {
        match serde_json::to_value(value) {
            Ok(Value::Object(fields)) => {
                for (name, value) in &fields {
                    self.json(name, value);
                }
            }
            Ok(Value::Null) => {}
            Ok(other) => self.fail(format!("a multipart body must be an object, not `{other}`")),
            Err(e) => self.fail(e.to_string()),
        }
    }

    fn json(&mut self, name: &str, value: &Value) {
        let texts = match value {
            Value::Null => Vec::new(),
            other => scalar_list(other).unwrap_or_else(|| vec![text(other)]),
        };
        self.parts.extend(texts.into_iter().map(|data| Part {
            name: name.to_owned(),
            data: Bytes::from(data),
            file: None,
        }));
    }

    fn fail(&mut self, message: String) {
        self.error.get_or_insert(message);
    }
}

impl MultipartBody for Value {
    fn parts(&self, form: &mut Form) {
        form.fields(self);
    }
}

impl<V: Serialize> MultipartBody for BTreeMap<String, V> {
    fn parts(&self, form: &mut Form) {
        form.fields(self);
    }
}

/// `value` as a `multipart/form-data` body: the bytes and the `content-type` header value
/// with its boundary.
pub(crate) fn encode(value: &(impl MultipartBody + ?Sized)) -> Result<(Vec<u8>, String), String> {
    let mut form = Form::default();
    value.parts(&mut form);
    if let Some(error) = form.error {
        return Err(error);
    }
    let boundary = format!("sdk-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
    let mut out = Vec::new();
    for part in &form.parts {
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
