//! Where an API's error responses keep their details: [`ErrorEnvelope`], stated by the
//! generator from the spec (`x-sdk-error`, or the fields it found in the error schema), read
//! here into an [`ApiError`](super::ApiError) and written by the test kit's stubbed errors.

use serde_json::Value;

/// The JSON pointers (RFC 6901) of the details in an error response body, each `None` when
/// the API's error bodies do not carry it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ErrorEnvelope {
    /// The HTTP status, repeated in the body.
    pub status: Option<&'static str>,
    /// The API's error code.
    pub code: Option<&'static str>,
    /// The human-readable message.
    pub message: Option<&'static str>,
    /// The link to the error's documentation.
    pub doc_url: Option<&'static str>,
    /// The spec's example of an error body (a JSON object): what the test kit's stubbed
    /// errors start from, so that they carry the fields the API always sends.
    pub example: Option<&'static str>,
}

/// The details [`ErrorEnvelope::read`] found in a body.
#[derive(Debug, Default)]
pub(crate) struct Details {
    pub(crate) code: Option<i64>,
    pub(crate) message: Option<String>,
    pub(crate) doc_url: Option<String>,
}

impl ErrorEnvelope {
    /// The details of an error response `body`; what it lacks (or a body that is not JSON)
    /// reads as `None`. A code given as a numeric string is read as its number.
    pub(crate) fn read(&self, body: &[u8]) -> Details {
        let Ok(json) = serde_json::from_slice::<Value>(body) else {
            return Details::default();
        };
        let at = |pointer: Option<&str>| pointer.and_then(|p| json.pointer(p));
        let text = |pointer| at(pointer).and_then(Value::as_str).map(str::to_owned);
        Details {
            code: at(self.code).and_then(|c| c.as_i64().or_else(|| c.as_str()?.parse().ok())),
            message: text(self.message),
            doc_url: text(self.doc_url),
        }
    }

    /// A body with these details where the API puts them (for stubbed errors): the spec's
    /// example with its status, code and message replaced, and without its documentation
    /// link (which belongs to the example's code); an empty object when there is none.
    #[cfg(any(test, feature = "test-util"))]
    pub(crate) fn write(&self, status: u16, code: Option<i64>, message: &str) -> Value {
        let mut body = self
            .example
            .and_then(|e| serde_json::from_str::<Value>(e).ok())
            .filter(Value::is_object)
            .unwrap_or_else(|| Value::Object(serde_json::Map::new()));
        let fields = [
            (self.status, Some(Value::from(status))),
            (self.code, code.map(Value::from)),
            (self.message, Some(Value::from(message))),
            (self.doc_url, None),
        ];
        for (pointer, value) in fields {
            match (pointer, value) {
                (Some(pointer), Some(value)) => put(&mut body, pointer, value),
                (Some(pointer), None) => remove(&mut body, pointer),
                (None, _) => {}
            }
        }
        body
    }
}

/// Sets the value at `pointer` in `body`, making the objects on the way.
#[cfg(any(test, feature = "test-util"))]
fn put(body: &mut Value, pointer: &str, value: Value) {
    let mut place = body;
    for token in pointer.split('/').skip(1) {
        let token = unescape(token);
        if !place.is_object() {
            *place = Value::Object(serde_json::Map::new());
        }
        let Value::Object(map) = place else { return };
        place = map.entry(token).or_insert(Value::Null);
    }
    *place = value;
}

/// Removes the value at `pointer` from `body`, if there is one.
#[cfg(any(test, feature = "test-util"))]
fn remove(body: &mut Value, pointer: &str) {
    let Some((parent, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = unescape(key);
    let parent = match parent {
        "" => Some(body),
        parent => body.pointer_mut(parent),
    };
    if let Some(Value::Object(map)) = parent {
        map.remove(&key);
    }
}

/// A JSON pointer token as the key it names (`~1` is `/`, `~0` is `~`).
#[cfg(any(test, feature = "test-util"))]
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: ErrorEnvelope = ErrorEnvelope {
        status: Some("/error/status"),
        code: Some("/error/code"),
        message: Some("/error/message"),
        doc_url: Some("/error/doc_url"),
        example: None,
    };

    #[test]
    fn details_are_read_where_the_envelope_points() {
        let body = br#"{"error": {"code": 2024, "message": "opted out", "doc_url": "https://d"}}"#;
        let details = NESTED.read(body);
        assert_eq!(details.code, Some(2024));
        assert_eq!(details.message.as_deref(), Some("opted out"));
        assert_eq!(details.doc_url.as_deref(), Some("https://d"));
    }

    #[test]
    fn a_numeric_string_code_reads_as_its_number() {
        let flat = ErrorEnvelope {
            code: Some("/code"),
            ..ErrorEnvelope::default()
        };
        assert_eq!(flat.read(br#"{"code": "404"}"#).code, Some(404));
    }

    #[test]
    fn a_body_that_is_not_json_has_no_details() {
        let details = NESTED.read(b"<html>bad gateway</html>");
        assert!(details.code.is_none() && details.message.is_none());
    }

    #[test]
    fn an_api_without_an_envelope_reads_nothing() {
        let body = br#"{"error": {"message": "x"}}"#;
        assert!(ErrorEnvelope::default().read(body).message.is_none());
    }

    #[test]
    fn a_written_body_reads_back() {
        let body = NESTED.write(409, Some(2023), "needs a group").to_string();
        assert_eq!(
            body,
            r#"{"error":{"code":2023,"message":"needs a group","status":409}}"#
        );
        let details = NESTED.read(body.as_bytes());
        assert_eq!(details.code, Some(2023));
        assert_eq!(details.message.as_deref(), Some("needs a group"));
    }

    #[test]
    fn a_written_body_keeps_the_examples_other_fields_but_not_its_link() {
        let with_example = ErrorEnvelope {
            example: Some(
                r#"{"error": {"status": 400, "code": 1002, "message": "bad", "doc_url": "https://d/1002"}, "success": false}"#,
            ),
            ..NESTED
        };
        let body = with_example.write(409, None, "needs a group").to_string();
        assert_eq!(
            body,
            r#"{"error":{"message":"needs a group","status":409},"success":false}"#
        );
    }
}
