//! Serde helpers the generated types call: string enums with an unknown fallback, internally
//! tagged unions that keep unknown variants as raw JSON, and fields that tell "absent" from
//! "null". Not part of the public API.

mod with_tag;

use std::fmt;

use serde::de::{DeserializeOwned, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// Reads a string enum through `from`, allocating only for a value `from` does not know.
pub fn deserialize_enum<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    from: fn(&str) -> T,
) -> Result<T, D::Error> {
    struct EnumVisitor<T>(fn(&str) -> T);

    impl<T> Visitor<'_> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E>(self, value: &str) -> Result<T, E> {
            Ok((self.0)(value))
        }
    }

    deserializer.deserialize_str(EnumVisitor(from))
}

/// Serializes `inner` (an object) with `tag: value` added in front, straight to the output.
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    value: &str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    inner.serialize(with_tag::WithTag {
        inner: serializer,
        tag,
        value,
    })
}

/// An internally tagged union's JSON, kept as raw text with its tag read out. The variant is
/// then decoded straight from the text: faster than building a `Value` tree first, and an
/// unknown variant is still kept whole.
pub struct Tagged {
    raw: Box<RawValue>,
    tag: Option<String>,
}

impl Tagged {
    /// Reads one JSON value and the string at its `tag` key, if there is one.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
        tag: &str,
    ) -> Result<Tagged, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let found = find_tag(raw.get(), tag);
        Ok(Tagged { raw, tag: found })
    }

    /// The tag, when the value is an object with a string at the tag key.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// Decodes the variant, keeping the path of a failure in the message.
    pub fn decode<T: DeserializeOwned, E: serde::de::Error>(&self) -> Result<T, E> {
        // Fast path first; path tracking costs on every value, so only a failure pays for it.
        if let Ok(value) = serde_json::from_str(self.raw.get()) {
            return Ok(value);
        }
        let mut reader = serde_json::Deserializer::from_str(self.raw.get());
        serde_path_to_error::deserialize(&mut reader).map_err(|e| {
            let path = e.path().to_string();
            if path == "." {
                E::custom(e.into_inner())
            } else {
                E::custom(format!("{path}: {}", e.into_inner()))
            }
        })
    }

    /// The whole value, for a variant this SDK does not know.
    pub fn into_value<E: serde::de::Error>(self) -> Result<Value, E> {
        serde_json::from_str(self.raw.get()).map_err(E::custom)
    }
}

/// The string at the top-level `tag` key of a JSON object, found by scanning the text
/// without parsing the rest of it. `text` is valid JSON (serde_json checked it when it made
/// the `RawValue`); `None` when it is not an object or has no string at that key.
fn find_tag(text: &str, tag: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        at = skip_ws(bytes, at);
        if bytes.get(at) != Some(&b'"') {
            return None; // `}`: the object ended without the tag
        }
        let key_end = string_end(bytes, at)?;
        let key = &text[at..key_end];
        at = skip_ws(bytes, key_end);
        at = skip_ws(bytes, at + 1); // past `:`
        let value_end = value_end(bytes, at)?;
        if json_str_eq(key, tag) {
            return match bytes.get(at) {
                Some(b'"') => serde_json::from_str::<String>(&text[at..value_end]).ok(),
                _ => None,
            };
        }
        at = skip_ws(bytes, value_end);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at += 1;
    }
}

/// Whether the JSON string literal `literal` (quotes included) spells `text`.
fn json_str_eq(literal: &str, text: &str) -> bool {
    let inner = &literal[1..literal.len() - 1];
    if inner.contains('\\') {
        serde_json::from_str::<String>(literal).is_ok_and(|s| s == text)
    } else {
        inner == text
    }
}

fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
        at += 1;
    }
    at
}

/// The index just past the string literal that starts at `at`.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The index just past the JSON value that starts at `at`.
fn value_end(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => string_end(bytes, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let mut i = at;
            while !matches!(
                bytes.get(i),
                None | Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            ) {
                i += 1;
            }
            Some(i)
        }
    }
}

/// One variant of an untagged union, decoded from the whole value if it fits.
pub fn try_variant<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
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

/// Writes an adjacently tagged value: `{tag: value, content_key: inner}`, as a map so that
/// it can be flattened into an envelope.
pub fn serialize_adjacent<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    tag: &str,
    value: &str,
    content_key: &str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(2))?;
    map.serialize_entry(tag, value)?;
    map.serialize_entry(content_key, inner)?;
    map.end()
}

/// Reads an adjacently tagged value from a map (or from the properties an envelope leaves to
/// a flattened field): the string at `tag` and the JSON at `content_key` (`null` if absent).
pub fn deserialize_adjacent<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &'static str,
    content_key: &'static str,
) -> Result<(String, Value), D::Error> {
    struct AdjacentVisitor {
        tag: &'static str,
        content_key: &'static str,
    }

    impl<'de> Visitor<'de> for AdjacentVisitor {
        type Value = (String, Value);

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "an object with `{}` and `{}`",
                self.tag, self.content_key
            )
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let (mut tag, mut content) = (None, None);
            while let Some(key) = map.next_key::<String>()? {
                if key == self.tag {
                    tag = Some(map.next_value::<String>()?);
                } else if key == self.content_key {
                    content = Some(map.next_value::<Value>()?);
                } else {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
            let tag = tag.ok_or_else(|| serde::de::Error::missing_field(self.tag))?;
            Ok((tag, content.unwrap_or(Value::Null)))
        }
    }

    deserializer.deserialize_map(AdjacentVisitor { tag, content_key })
}

/// Decodes a payload already read as JSON, reporting a failure as the caller's error type.
pub fn from_value<T: DeserializeOwned, E: serde::de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

#[cfg(test)]
mod tests {
    use super::find_tag;

    #[test]
    fn the_tag_is_found_among_top_level_keys_only() {
        let text = r#"{"reactions": [{"type": "love"}], "nested": {"type": "x"}, "type": "text", "value": "hi"}"#;
        assert_eq!(find_tag(text, "type").as_deref(), Some("text"));
    }

    #[test]
    fn escapes_in_keys_and_values_are_decoded() {
        assert_eq!(
            find_tag(r#"{"t\u0079pe": "a\"b"}"#, "type").as_deref(),
            Some("a\"b")
        );
        assert_eq!(
            find_tag(r#"{"x": "}\\\"{", "type" : "media"}"#, "type").as_deref(),
            Some("media")
        );
    }

    #[test]
    fn no_tag_when_absent_not_a_string_or_not_an_object() {
        assert_eq!(find_tag(r#"{"value": 1}"#, "type"), None);
        assert_eq!(
            find_tag(r#"{"type": 3, "a": [1, {"b": null}]}"#, "type"),
            None
        );
        assert_eq!(find_tag(r#"["type", "text"]"#, "type"), None);
        assert_eq!(find_tag(r#""type""#, "type"), None);
        assert_eq!(find_tag("{}", "type"), None);
    }

    /// A tagged union as the generator writes it, to decode inside an untagged one.
    #[derive(Debug, PartialEq)]
    enum Part {
        Text(String),
        Unknown(serde_json::Value),
    }

    impl<'de> serde::Deserialize<'de> for Part {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let tagged = super::Tagged::deserialize(deserializer, "type")?;
            match tagged.tag() {
                Some("text") => tagged
                    .decode::<serde_json::Value, D::Error>()
                    .map(|v| Part::Text(v["value"].to_string())),
                _ => tagged.into_value().map(Part::Unknown),
            }
        }
    }

    #[test]
    fn a_tagged_union_decodes_from_a_value_as_untagged_unions_use_it() {
        let value = serde_json::json!({"type": "text", "value": "hi"});
        assert_eq!(
            super::try_variant::<Part>(&value),
            Some(Part::Text("\"hi\"".into()))
        );
        let other = serde_json::json!({"type": "hologram"});
        assert_eq!(
            super::try_variant::<Part>(&other),
            Some(Part::Unknown(other.clone()))
        );
    }

    #[test]
    fn scalars_before_the_tag_are_skipped() {
        let text = "{\"n\":-1.5e3,\"b\":true,\"z\":null,\n\t\"type\":\"link\"}";
        assert_eq!(find_tag(text, "type").as_deref(), Some("link"));
    }
}
