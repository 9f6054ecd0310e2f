//! JSON pointers (RFC 6901) into the spec: for error messages, and to find a node of the raw
//! tree.

use std::fmt;

use serde_yaml::Value;

/// A JSON pointer such as `#/paths/~1v3~1chats/post`, built one token at a time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// This pointer extended by one token, escaped as RFC 6901 requires.
    pub fn join(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, token))
    }

    /// The pointer written as a URI fragment (`/a/b~1c`, already escaped), as `#/a/b~1c`.
    pub fn from_fragment(fragment: &str) -> Self {
        Pointer(format!("#{fragment}"))
    }

    /// The unescaped tokens of the pointer.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The node of `doc` the pointer names, if there is one. A token matches a mapping key
    /// written as text or as a number (`200:` as much as `'200':`).
    pub fn find<'v>(&self, doc: &'v Value) -> Option<&'v Value> {
        let mut node = doc;
        for token in self.tokens() {
            node = match node {
                Value::Mapping(map) => match map.get(token.as_str()) {
                    Some(found) => found,
                    None => {
                        map.iter()
                            .find(|(k, _)| key_text(k).as_deref() == Some(token.as_str()))?
                            .1
                    }
                },
                Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The node of `doc` the pointer names, mutably; see [`find`](Self::find).
    pub fn find_mut<'v>(&self, doc: &'v mut Value) -> Option<&'v mut Value> {
        let mut node = doc;
        for token in self.tokens() {
            node = match node {
                Value::Mapping(map) => {
                    let key = if map.contains_key(token.as_str()) {
                        Value::String(token)
                    } else {
                        map.keys()
                            .find(|k| key_text(k).as_deref() == Some(token.as_str()))?
                            .clone()
                    };
                    map.get_mut(&key)?
                }
                Value::Sequence(items) => items.get_mut(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// A mapping key as text: YAML keys may be numbers (unquoted status codes), booleans or
/// `null`; `None` for a key that is a list or a mapping.
pub fn key_text(key: &Value) -> Option<String> {
    match key {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".to_owned()),
        _ => None,
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_matches_keys_written_as_numbers_and_escaped_tokens() {
        let doc: Value =
            serde_yaml::from_str("paths: {/a/b: {get: {responses: {200: {x: [1, 2]}}}}}")
                .expect("yaml");
        let at = Pointer::root()
            .join("paths")
            .join("/a/b")
            .join("get")
            .join("responses")
            .join(200)
            .join("x")
            .join(1);
        assert_eq!(at.find(&doc), Some(&Value::from(2)));
        let mut doc = doc;
        *at.find_mut(&mut doc).expect("found") = Value::from(3);
        assert_eq!(at.find(&doc), Some(&Value::from(3)));
        assert_eq!(Pointer::root().join("nope").find(&doc), None);
    }
}
