//! Spec text → a YAML tree. JSON text is parsed as JSON (YAML parsers reject some valid JSON,
//! such as surrogate-pair escapes); numbers too large for 64 bits are kept as floats rather
//! than refused, since they appear in real specs as bounds (`maximum: 18446744073709552000`).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_yaml::{Mapping, Number, Value};

/// Parses spec text: as JSON when it is a JSON object, else as YAML (also the fallback for
/// text that starts like JSON but is not, so its errors are the YAML parser's).
pub fn parse(text: &str) -> Result<Value, serde_yaml::Error> {
    if text.trim_start().starts_with('{') {
        if let Ok(Tree(value)) = serde_json::from_str::<Tree>(text) {
            return Ok(value);
        }
    }
    serde_yaml::from_str::<Tree>(text).map(|Tree(value)| value)
}

/// A YAML tree deserialized from either format, with every number accepted.
struct Tree(Value);

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML or JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => Value::Number(v.into()),
            Err(_) => Value::Number(Number::from(v as f64)),
        })
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(match u64::try_from(v) {
            Ok(v) => Value::Number(v.into()),
            Err(_) => Value::Number(Number::from(v as f64)),
        })
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(Number::from(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        while let Some((Tree(key), Tree(value))) = map.next_entry()? {
            mapping.insert(key, value);
        }
        Ok(Value::Mapping(mapping))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, _: A) -> Result<Value, A::Error> {
        Err(de::Error::custom(
            "YAML tags (`!tag`) are not part of an OpenAPI document",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_with_surrogate_pair_escapes_parses() {
        let value = parse(r#"{"description": "emoji \ud83d\ude00"}"#).unwrap();
        assert_eq!(value["description"].as_str(), Some("emoji 😀"));
    }

    #[test]
    fn integers_beyond_u64_become_floats() {
        let value = parse("maximum: 18446744073709552000\n").unwrap();
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
        let value = parse(r#"{"maximum": 18446744073709552000}"#).unwrap();
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
    }

    #[test]
    fn yaml_keeps_integer_keys_and_values() {
        let value = parse("200: {n: 5}\n").unwrap();
        assert_eq!(value[200]["n"].as_i64(), Some(5));
    }

    #[test]
    fn text_that_is_not_json_is_parsed_as_yaml() {
        let value = parse("{a: 1}").unwrap();
        assert_eq!(value["a"].as_i64(), Some(1));
    }

    #[test]
    fn invalid_text_reports_the_yaml_position() {
        let err = parse("a: [1,\n").unwrap_err();
        assert!(err.location().is_some());
    }
}
