//! Serde helpers the generated types call: string enums with an unknown fallback, internally
//! tagged unions that keep unknown variants as raw JSON, and fields that tell "absent" from
//! "null". Not part of the public API.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    DeserializeOwned, DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::Error as _;
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
        let mut reader = serde_json::Deserializer::from_str(raw.get());
        let found = TagSeed { tag }
            .deserialize(&mut reader)
            .map_err(D::Error::custom)?;
        Ok(Tagged { raw, tag: found })
    }

    /// The tag, when the value is an object with a string at the tag key.
    pub fn tag(&self) -> Option<&str> {
        self.tag.as_deref()
    }

    /// Decodes the variant, keeping the path of a failure in the message.
    pub fn decode<T: DeserializeOwned, E: serde::de::Error>(&self) -> Result<T, E> {
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

/// Reads the string at one key of an object, skipping everything else without allocating.
struct TagSeed<'t> {
    tag: &'t str,
}

impl<'de> DeserializeSeed<'de> for TagSeed<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == self.tag && found.is_none() {
                found = map.next_value::<TagValue>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The value at the tag key: its text if it is a string, else nothing (any JSON accepted).
struct TagValue(Option<String>);

impl<'de> Deserialize<'de> for TagValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrOrSkip;

        impl<'de> Visitor<'de> for StrOrSkip {
            type Value = TagValue;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_str<E>(self, v: &str) -> Result<TagValue, E> {
                Ok(TagValue(Some(v.to_owned())))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TagValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TagValue, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }

            fn visit_bool<E>(self, _: bool) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }

            fn visit_i64<E>(self, _: i64) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }

            fn visit_u64<E>(self, _: u64) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }

            fn visit_f64<E>(self, _: f64) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }

            fn visit_unit<E>(self) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }
        }

        deserializer.deserialize_any(StrOrSkip)
    }
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
