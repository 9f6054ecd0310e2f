//! Serde helpers the generated types call: string enums with an unknown fallback, internally
//! tagged unions that keep unknown variants as raw JSON, and fields that tell "absent" from
//! "null". Not part of the public API.

use serde::de::DeserializeOwned;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Reads a string (owned, so escaped strings work too).
pub fn deserialize_str<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    String::deserialize(deserializer)
}

/// Serializes `inner` (an object) with `tag: value` added.
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    value: &str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    match serde_json::to_value(inner).map_err(S::Error::custom)? {
        Value::Object(mut map) => {
            map.insert(tag.to_owned(), Value::String(value.to_owned()));
            map.serialize(serializer)
        }
        _ => Err(S::Error::custom(format!(
            "variant `{value}` is not a JSON object"
        ))),
    }
}

/// Reads any JSON value and the string at its `tag` key, if there is one.
pub fn split_tag<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &str,
) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let found = value.get(tag).and_then(Value::as_str).map(str::to_owned);
    Ok((found, value))
}

/// Decodes a variant from its JSON, keeping the path of a failure in the message.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            E::custom(e.into_inner())
        } else {
            E::custom(format!("{path}: {}", e.into_inner()))
        }
    })
}

/// `Option<Option<T>>` fields: absent → `None`, `null` → `Some(None)`, a value →
/// `Some(Some(value))`. Use with `default` and `skip_serializing_if = "Option::is_none"`.
pub mod double_option {
    use super::*;

    /// Writes `null` for `Some(None)` and the value for `Some(Some(value))`.
    pub fn serialize<S: Serializer, T: Serialize>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a present field: `null` → `Some(None)`.
    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}
