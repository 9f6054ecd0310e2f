//! Idempotency keys: one per logical call, the same on every attempt.

use serde_json::Value;

/// Where an operation carries its idempotency key.
#[allow(dead_code)] // a spec may use only one of the two
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyPlace {
    /// A request header.
    Header(&'static str),
    /// A field of the JSON body, by path.
    BodyField(&'static [&'static str]),
}

/// The longest key the API accepts.
const MAX_KEY_LEN: usize = 255;

/// Checks a caller's key before anything is sent.
pub(crate) fn validate(key: &str) -> Result<(), String> {
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
pub(crate) fn generate() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The key a body already carries at `path`, if any.
pub(crate) fn in_body<'a>(body: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(body, |node, key| node.get(key))?
        .as_str()
}

/// Writes `key` into `body` at `path`, creating objects on the way. Fails when a value on
/// the way is not an object.
pub(crate) fn set_in_body(body: &mut Value, path: &[&str], key: &str) -> Result<(), String> {
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
