//! Reference and pointer text: what a `$ref` holds, component names, percent escapes.

use serde_yaml::Value;

use crate::load::pointer::key_text;
use crate::load::Pointer;

/// The `$ref` of a node that is nothing but a `$ref`.
pub(super) fn pure_ref(node: &Value) -> Option<&str> {
    match node {
        Value::Mapping(map) if map.len() == 1 => map.get("$ref")?.as_str(),
        _ => None,
    }
}

/// `(kind, name)` if the fragment is `/components/<kind>/<name>`.
pub(super) fn root_component(fragment: &str) -> Option<(String, String)> {
    let tokens: Vec<String> = Pointer::from_fragment(fragment).tokens().collect();
    match tokens.as_slice() {
        [components, kind, name] if components == "components" => {
            Some((kind.clone(), name.clone()))
        }
        _ => None,
    }
}

/// The fragment (`/a/b`) of a pointer (`#/a/b`).
pub(super) fn fragment(pointer: &Pointer) -> String {
    pointer.as_str().trim_start_matches('#').to_owned()
}

/// A mapping key as a pointer token (`?` for a key that is a list or a mapping).
pub(super) fn key_token(key: &Value) -> String {
    key_text(key).unwrap_or_else(|| "?".to_owned())
}

/// `scheme:...` (two or more letters, so a Windows drive is not one) or `//host/...`.
pub(super) fn is_url(reference: &str) -> bool {
    if reference.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = reference.split_once(':') else {
        return false;
    };
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// What OpenAPI allows as a component name: `^[a-zA-Z0-9.\-_]+$`.
pub(super) fn is_component_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// `%XX` escapes decoded (a `$ref` is a URI reference); the text unchanged if they do not
/// decode to UTF-8.
pub(super) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised() {
        assert!(is_url("http://example.com/x.yaml#/A"));
        assert!(is_url("https://example.com/x.yaml"));
        assert!(is_url("//example.com/x.yaml"));
        assert!(is_url("urn:x"));
        assert!(!is_url("./x.yaml#/A"));
        assert!(!is_url("#/components/schemas/A:B"));
        assert!(!is_url("x.yaml#/a:b"));
        assert!(!is_url("C:x.yaml"));
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bid%7D"), "/paths/~1a~1{id}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%ff"), "%ff");
    }
}
