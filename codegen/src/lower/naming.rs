//! Every naming decision of the generator: identifiers, type names, module names, and the
//! two registries that keep names unique (numbering within a scope, and one claim per type
//! name across the API).

use std::collections::HashMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::error::{Error, Result};
use crate::ir::{Import, PRELUDE};

/// Rust keywords (strict and reserved) that cannot be used as plain identifiers.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
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

/// Whether generated code imports or relies on `name` (see [`Import`] and [`PRELUDE`]).
pub fn is_reserved(name: &str) -> bool {
    PRELUDE.contains(&name) || Import::ALL.iter().any(|i| i.name() == name)
}

/// A type name that does not clash with what generated code imports.
pub fn type_name(raw: &str) -> String {
    let name = camel_ident(raw);
    if is_reserved(&name) {
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

/// Names of one scope (a struct's fields, a method's arguments, an enum's variants), each
/// numbered if it is taken: `name`, `name_2`, `name_3`… (or `Name2` for variants).
#[derive(Debug, Clone)]
pub struct Unique {
    taken: Vec<String>,
    separator: &'static str,
}

impl Unique {
    /// A scope of snake_case names (`_2` suffixes) where `reserved` are taken already.
    pub fn snake(reserved: &[&str]) -> Unique {
        Unique {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            separator: "_",
        }
    }

    /// A scope of UpperCamelCase names (`2` suffixes) where `reserved` are taken already.
    pub fn camel(reserved: &[&str]) -> Unique {
        Unique {
            separator: "",
            ..Unique::snake(reserved)
        }
    }

    /// `base`, or `base` numbered from 2 if it is taken; the result is taken from then on.
    pub fn claim(&mut self, base: String) -> String {
        let stem = base.trim_end_matches('_').to_owned();
        let numbered = (2..).map(|n| format!("{stem}{}{n}", self.separator));
        let name = first_free(std::iter::once(base).chain(numbered), |c| {
            self.taken.iter().any(|t| t == c)
        });
        self.taken.push(name.clone());
        name
    }
}

/// The first of `candidates` that is not taken: the one "number it if taken" rule behind
/// every name scope. The candidates given never run out.
fn first_free(
    mut candidates: impl Iterator<Item = String>,
    taken: impl Fn(&str) -> bool,
) -> String {
    candidates.find(|c| !taken(c)).unwrap_or_default()
}

/// Names the variants of an enum uniquely, in order; `reserved` names are avoided too.
pub fn unique_variants<'a>(
    raw: impl IntoIterator<Item = &'a str>,
    reserved: &[&str],
) -> Vec<String> {
    let mut scope = Unique::camel(reserved);
    raw.into_iter()
        .map(|value| scope.claim(camel_ident(value)))
        .collect()
}

/// The one registry of Rust type names across the API (schemas, parameter structs,
/// resource structs): each name is claimed once, by the place that defines it.
#[derive(Debug, Default)]
pub struct TypeNames {
    /// Type name → where it was claimed (a JSON pointer or a resource path).
    taken: HashMap<String, String>,
}

impl TypeNames {
    /// Claims `name` for the item at `owner`, or reports who has it.
    pub fn claim(&mut self, name: &str, owner: &str) -> Result<()> {
        if let Some(first) = self.taken.get(name) {
            return Err(Error::DuplicateTypeName {
                name: name.to_owned(),
                first: first.clone(),
                second: owner.to_owned(),
            });
        }
        self.taken.insert(name.to_owned(), owner.to_owned());
        Ok(())
    }

    /// Claims `name` for the item at `owner`, or the first free one of `{name}2`, `{name}3`, …:
    /// for names derived from the spec (component keys, inline positions), so that two
    /// schemas whose names differ only in punctuation, or an inline schema named like a
    /// component, get distinct names in spec order.
    pub fn claim_numbered(&mut self, name: &str, owner: &str) -> String {
        let numbered = (2..).map(|n| format!("{name}{n}"));
        self.claim_first(std::iter::once(name.to_owned()).chain(numbered), owner)
    }

    /// Claims `name` for the item at `owner`, or, when a schema has it already, the first free
    /// one of `{name}{suffix}`, `{name}{suffix}2`, …: for names the spec does not choose
    /// (resource structs), so a schema named like a resource needs no `x-sdk-name`.
    pub fn claim_with_suffix(&mut self, name: &str, suffix: &str, owner: &str) -> String {
        let numbered = (2..).map(|n| format!("{name}{suffix}{n}"));
        let candidates = [name.to_owned(), format!("{name}{suffix}")];
        self.claim_first(candidates.into_iter().chain(numbered), owner)
    }

    /// Claims the first free name of `candidates` for the item at `owner`.
    fn claim_first(&mut self, candidates: impl Iterator<Item = String>, owner: &str) -> String {
        let name = first_free(candidates, |c| self.taken.contains_key(c));
        self.taken.insert(name.clone(), owner.to_owned());
        name
    }
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
    fn imported_names_are_reserved() {
        for import in Import::ALL {
            assert_ne!(type_name(import.name()), import.name());
        }
        assert_eq!(type_name("next_page"), "NextPageModel");
    }

    #[test]
    fn a_resource_named_like_a_schema_gets_a_suffix() {
        let mut names = TypeNames::default();
        names
            .claim("ContactCard", "#/components/schemas/ContactCard")
            .unwrap();
        let owner = "resource `contact_card`";
        assert_eq!(
            names.claim_with_suffix("ContactCard", "Resource", owner),
            "ContactCardResource"
        );
        assert_eq!(
            names.claim_with_suffix("ContactCard", "Resource", owner),
            "ContactCardResource2"
        );
        assert_eq!(names.claim_with_suffix("Chats", "Resource", owner), "Chats");
    }

    #[test]
    fn derived_type_names_are_numbered_when_taken() {
        let mut names = TypeNames::default();
        let first = "#/components/schemas/financial_connections.account_ownership";
        let second = "#/components/schemas/financial_connections_account_ownership";
        let name = "FinancialConnectionsAccountOwnership";
        assert_eq!(names.claim_numbered(name, first), name);
        assert_eq!(
            names.claim_numbered(name, second),
            "FinancialConnectionsAccountOwnership2"
        );
        assert_eq!(
            names.claim_numbered(name, "#/x"),
            "FinancialConnectionsAccountOwnership3"
        );
    }

    #[test]
    fn taken_names_are_numbered() {
        let mut scope = Unique::snake(&["params"]);
        assert_eq!(scope.claim("params".into()), "params_2");
        assert_eq!(scope.claim("type_".into()), "type_");
        assert_eq!(scope.claim("type_".into()), "type_2");
    }

    #[test]
    fn colliding_variants_are_numbered() {
        let names = unique_variants(["sms", "SMS", "unknown"], &["Unknown"]);
        assert_eq!(names, ["Sms", "Sms2", "Unknown2"]);
    }
}
