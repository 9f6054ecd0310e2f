//! How a success response body becomes the value a request returns: JSON into a typed value
//! (nearly every operation), or the body as it came (bytes or text) for operations whose
//! spec declares a binary or text response. A request's third type parameter names the
//! decoder, fixed by the generator; callers never choose it.

use bytes::Bytes;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Endpoint, Error, Result};

/// Turns the body of a success response into a `T`.
pub trait Decoder<T> {
    /// Decodes `body`, the complete body of a success response of `endpoint`.
    #[doc(hidden)]
    fn decode(endpoint: &Endpoint, status: StatusCode, body: Bytes) -> Result<T>;
}

/// Decodes a JSON body into any deserializable type; an empty body reads as `null` (which is
/// what an operation documented without a body decodes, as `()`). A value that does not fit
/// is reported with its JSON path.
#[derive(Debug, Clone, Copy)]
pub enum AsJson {}

/// Returns the body as it came: for binary responses (files, images, archives).
#[derive(Debug, Clone, Copy)]
pub enum AsBytes {}

/// Returns the body as UTF-8 text: for `text/*` responses. A body that is not UTF-8 is a
/// decode error.
#[derive(Debug, Clone, Copy)]
pub enum AsText {}

impl<T: DeserializeOwned> Decoder<T> for AsJson {
    fn decode(endpoint: &Endpoint, status: StatusCode, body: Bytes) -> Result<T> {
        json(endpoint, status, &body)
    }
}

impl Decoder<Bytes> for AsBytes {
    fn decode(_: &Endpoint, _: StatusCode, body: Bytes) -> Result<Bytes> {
        Ok(body)
    }
}

impl Decoder<String> for AsText {
    fn decode(endpoint: &Endpoint, status: StatusCode, body: Bytes) -> Result<String> {
        String::from_utf8(body.to_vec()).map_err(|e| {
            error(
                endpoint,
                status,
                &body,
                ".".to_owned(),
                format!("the text is not UTF-8: {e}"),
            )
        })
    }
}

/// Decodes a JSON body, naming the JSON path of the first value that does not fit. An
/// empty body decodes as JSON `null`, which is what operations without content expect.
pub(crate) fn json<T: DeserializeOwned>(
    endpoint: &Endpoint,
    status: StatusCode,
    body: &[u8],
) -> Result<T> {
    let bytes: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    // Fast path first; only a body that fails is decoded again to find the failing path.
    if let Ok(value) = serde_json::from_slice(bytes) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        error(
            endpoint,
            status,
            body,
            e.path().to_string(),
            e.inner().to_string(),
        )
    })?;
    deserializer
        .end()
        .map_err(|e| error(endpoint, status, body, ".".to_owned(), e.to_string()))?;
    Ok(value)
}

fn error(
    endpoint: &Endpoint,
    status: StatusCode,
    body: &[u8],
    json_path: String,
    message: String,
) -> Error {
    Error::Decode(Box::new(DecodeError {
        endpoint: endpoint.clone(),
        status,
        json_path,
        message,
        snippet: snippet(body),
        idempotency_key: None,
    }))
}

/// The first 200 characters of a body, for error messages.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Method;

    fn endpoint() -> Endpoint {
        Endpoint {
            method: Method::GET,
            path: "/files/{id}".into(),
        }
    }

    #[test]
    fn bytes_come_back_unchanged() {
        let body = Bytes::from_static(b"\x00\xffPK");
        let out: Bytes = AsBytes::decode(&endpoint(), StatusCode::OK, body.clone()).unwrap();
        assert_eq!(out, body);
    }

    #[test]
    fn text_that_is_not_utf8_is_a_decode_error() {
        let err = <AsText as Decoder<String>>::decode(
            &endpoint(),
            StatusCode::OK,
            Bytes::from_static(b"ok \xff"),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err}");
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }

    #[test]
    fn json_names_the_path_of_the_value_that_does_not_fit() {
        let err = <AsJson as Decoder<Vec<u32>>>::decode(
            &endpoint(),
            StatusCode::OK,
            Bytes::from_static(b"[1, \"two\"]"),
        )
        .unwrap_err();
        let Error::Decode(decode) = err else {
            panic!("not a decode error")
        };
        assert_eq!(decode.json_path, "[1]");
    }

    #[test]
    fn an_empty_body_reads_as_null() {
        let out: Option<u32> =
            AsJson::decode(&endpoint(), StatusCode::NO_CONTENT, Bytes::new()).unwrap();
        assert_eq!(out, None);
    }
}
