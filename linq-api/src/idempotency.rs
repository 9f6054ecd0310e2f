//! Idempotency keys: one per logical call, the same on every attempt.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

/// Where an operation carries its idempotency key: a header, a body field, or both (then
/// the two always hold the same key).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct KeyPlaces {
    /// A request header.
    pub(crate) header: Option<&'static str>,
    /// A field of the JSON body, by path.
    pub(crate) body_field: Option<&'static [&'static str]>,
}

impl KeyPlaces {
    pub(crate) fn any(&self) -> bool {
        self.header.is_some() || self.body_field.is_some()
    }
}

/// Fixes the call's key and puts it in every place the operation reads it from. The key is,
/// in order: the one given with `idempotency_key`, one the caller set in the key header or
/// the body field, or a fresh UUID v4. Returns the header to send, if the key goes in one.
pub(crate) fn apply(
    places: KeyPlaces,
    explicit: Option<&str>,
    headers: &HeaderMap,
    body: &mut Option<Value>,
) -> Result<Option<(HeaderName, HeaderValue)>, String> {
    if !places.any() {
        return Ok(None);
    }
    let from_header = places.header.and_then(|h| headers.get(h)).map(|v| {
        v.to_str()
            .map(str::to_owned)
            .map_err(|_| "the idempotency key header is not valid text".to_owned())
    });
    let from_body = match (places.body_field, body.as_ref()) {
        (Some(path), Some(b)) => in_body(b, path).map(str::to_owned),
        _ => None,
    };
    let given = match (explicit, from_header) {
        (Some(key), _) => Some(key.to_owned()),
        (None, Some(header)) => Some(header?),
        (None, None) => from_body,
    };
    let key = match given {
        Some(key) => {
            validate(&key)?;
            key
        }
        None => generate(),
    };
    if let Some(path) = places.body_field {
        let b = body.get_or_insert_with(|| Value::Object(Default::default()));
        set_in_body(b, path, &key)?;
    }
    match places.header {
        Some(name) => {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("`{name}` is not a valid header name"))?;
            let value = HeaderValue::from_str(&key)
                .map_err(|_| "the idempotency key is not a valid header value".to_owned())?;
            Ok(Some((name, value)))
        }
        None => Ok(None),
    }
}

/// The longest key the API accepts.
const MAX_KEY_LEN: usize = 255;

/// Checks a caller's key before anything is sent.
fn validate(key: &str) -> Result<(), String> {
    if key.is_empty() {
        return Err("the idempotency key is empty".into());
    }
    if key.chars().count() > MAX_KEY_LEN {
        return Err(format!(
            "the idempotency key is longer than {MAX_KEY_LEN} characters"
        ));
    }
    if key.chars().any(char::is_control) {
        return Err("the idempotency key contains control characters".into());
    }
    Ok(())
}

/// A fresh key for a call the caller gave none for.
fn generate() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The key a body already carries at `path`, if any.
fn in_body<'a>(body: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(body, |node, key| node.get(key))?
        .as_str()
}

/// Writes `key` into `body` at `path`, creating objects on the way. Fails when a value on
/// the way is not an object.
fn set_in_body(body: &mut Value, path: &[&str], key: &str) -> Result<(), String> {
    let Some((last, parents)) = path.split_last() else {
        return Ok(());
    };
    let mut node = body;
    for p in parents {
        let map = node.as_object_mut().ok_or_else(|| {
            format!("cannot place the idempotency key: `{p}`'s parent is not an object")
        })?;
        node = map
            .entry(p.to_string())
            .or_insert_with(|| Value::Object(Default::default()));
    }
    let map = node.as_object_mut().ok_or_else(|| {
        format!("cannot place the idempotency key: `{last}`'s parent is not an object")
    })?;
    map.insert(last.to_string(), Value::String(key.to_owned()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_over_255_characters_are_rejected() {
        assert!(validate(&"k".repeat(255)).is_ok());
        assert!(validate(&"k".repeat(256)).is_err());
    }

    #[test]
    fn keys_with_control_characters_are_rejected() {
        assert!(validate("abc\n").is_err());
        assert!(validate("").is_err());
    }

    #[test]
    fn a_key_is_placed_at_its_body_path() {
        let mut body = json!({"message": {"parts": []}});
        set_in_body(&mut body, &["message", "idempotency_key"], "k1").unwrap();
        assert_eq!(in_body(&body, &["message", "idempotency_key"]), Some("k1"));
    }

    #[test]
    fn generated_keys_are_distinct_uuids() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(uuid::Uuid::parse_str(&a).is_ok());
    }
}
