//! Every naming decision of the generator: identifiers, type names, module names.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict and reserved) that cannot be used as plain identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Names the generated code imports or relies on; a spec type may not shadow them.
const RESERVED_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Value",
    "BTreeMap",
    "Timestamp",
    "Date",
    "Uuid",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "Client",
    "Request",
    "PageRequest",
    "Paginated",
    "NextPage",
    "Call",
    "IdempotencyKeySlot",
    "Idempotent",
    "Method",
    "Display",
    "Self",
];

/// A snake_case identifier for a field, parameter, method or module.
pub fn snake_ident(raw: &str) -> String {
    let mut ident = ascii_only(raw.to_snake_case());
    if !ident.contains(|c: char| c.is_ascii_alphanumeric()) {
        ident = "value".to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    escape_keyword(ident)
}

/// An UpperCamelCase name for a type or variant.
pub fn camel_ident(raw: &str) -> String {
    let mut ident = ascii_only(raw.to_upper_camel_case());
    if !ident.contains(|c: char| c.is_ascii_alphanumeric()) {
        ident = "Value".to_owned();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'V');
    }
    // `Self` is the one UpperCamelCase keyword; `Self_` would break the naming lint.
    if ident == "Self" {
        ident.push_str("Value");
    }
    ident
}

/// Keeps ASCII letters, digits and `_`: identifiers every Rust user can type, and never
/// one `proc_macro2` rejects (`heck` keeps characters such as `½` that are not identifiers).
fn ascii_only(ident: String) -> String {
    let kept: String = ident
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    kept.trim_start_matches('_').to_owned()
}

/// A type name that does not clash with what generated code imports.
pub fn type_name(raw: &str) -> String {
    let name = camel_ident(raw);
    if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Model")
    } else {
        name
    }
}

fn escape_keyword(ident: String) -> String {
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

/// The singular of an English resource noun: `chats` → `chat`, `replies` → `reply`.
/// Good enough for resource names; words it does not know stay as they are.
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

/// Names the variants of an enum uniquely, in order; `reserved` names are avoided too.
pub fn unique_variants<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    reserved: &[&str],
) -> Vec<String> {
    let mut taken: Vec<String> = reserved.iter().map(|s| (*s).to_owned()).collect();
    let mut out = Vec::new();
    for value in raw {
        let base = camel_ident(value);
        let mut name = base.clone();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{}{n}", base.trim_end_matches('_'));
            n += 1;
        }
        taken.push(name.clone());
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_get_a_trailing_underscore() {
        assert_eq!(snake_ident("type"), "type_");
        assert_eq!(snake_ident("match"), "match_");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(camel_ident("self"), "SelfValue");
    }

    #[test]
    fn odd_names_become_valid_identifiers() {
        assert_eq!(snake_ident("stock-count"), "stock_count");
        assert_eq!(snake_ident("3d"), "_3d");
        assert_eq!(camel_ident("happy_birthday"), "HappyBirthday");
        assert_eq!(camel_ident("iMessage"), "IMessage");
        assert_eq!(camel_ident("SMS"), "Sms");
        assert_eq!(camel_ident("2fa"), "V2fa");
    }

    #[test]
    fn non_ascii_and_empty_names_still_make_identifiers() {
        assert_eq!(camel_ident("½"), "Value");
        assert_eq!(snake_ident("٣"), "value");
        assert_eq!(snake_ident("é_name"), "name");
        assert_eq!(snake_ident("_"), "value");
        assert_eq!(camel_ident(""), "Value");
    }

    #[test]
    fn reserved_type_names_get_a_suffix() {
        assert_eq!(type_name("value"), "ValueModel");
        assert_eq!(type_name("chat_handle"), "ChatHandle");
    }

    #[test]
    fn singular_handles_common_plurals() {
        assert_eq!(singular("chats"), "chat");
        assert_eq!(singular("replies"), "reply");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("typing"), "typing");
        assert_eq!(singular("address"), "address");
    }

    #[test]
    fn colliding_variants_are_numbered() {
        let names = unique_variants(["sms", "SMS", "unknown"], &["Unknown"]);
        assert_eq!(names, ["Sms", "Sms2", "Unknown2"]);
    }
}
