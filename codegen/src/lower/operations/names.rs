//! The names of an operation: its resource, method, SDK id, and the prefix and module of the
//! types it introduces.

use super::super::extensions::OperationExtensions;
use super::super::naming::{camel_ident, singular, snake_ident};
use crate::ir::HttpMethod;

/// The methods the runtime's `Client` has (and those of the traits it implements): a
/// top-level resource accessor of the same name is `<name>_resource()`.
const CLIENT_METHODS: [&str; 9] = [
    "new",
    "builder",
    "from_env",
    "base_url",
    "to_builder",
    "raw",
    "raw_json",
    "clone",
    "fmt",
];

/// How an operation is named in the SDK.
pub struct OperationNames {
    /// Resource path from the client.
    pub resource: Vec<String>,
    /// Method name on the resource.
    pub method_name: String,
    /// Prefix of the types the operation introduces (`ParticipantAdd…`).
    pub prefix: String,
    /// Module those types are written to.
    pub module: String,
    /// Other names a reader may look the method up by (`#[doc(alias)]`).
    pub aliases: Vec<String>,
}

impl OperationNames {
    /// Names from `x-sdk-resource`/`x-sdk-method`, else from tags, `operationId` and path.
    pub fn new(
        ext: &OperationExtensions,
        operation: &openapiv3::Operation,
        method: HttpMethod,
        path: &str,
    ) -> OperationNames {
        let id = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| derived_id(method, path));
        let mut resource = match &ext.resource {
            Some(r) => r.clone(),
            None => vec![match operation.tags.first() {
                Some(tag) => snake_ident(tag),
                None => untagged_resource(path),
            }],
        };
        if let Some(root) = resource.first_mut() {
            if CLIENT_METHODS.contains(&root.as_str()) {
                root.push_str("_resource");
            }
        }
        let method_name = snake_ident(ext.method.as_deref().unwrap_or(&id));
        // Official SDK style: `chats.participants` + `add` → `ParticipantAdd…`.
        let prefix = match (&ext.resource, &ext.method) {
            (Some(r), Some(m)) => format!(
                "{}{}",
                camel_ident(&singular(r.last().map_or("", String::as_str))),
                camel_ident(m)
            ),
            _ => camel_ident(&id),
        };
        OperationNames {
            module: snake_ident(&prefix),
            aliases: aliases(&id, &method_name, &resource),
            resource,
            method_name,
            prefix,
        }
    }

    /// The operation's SDK id: `chats.messages.send`.
    pub fn id(&self) -> String {
        format!("{}.{}", self.resource.join("."), self.method_name)
    }
}

/// The names besides `method_name` that find the method in rustdoc's search: the spec's
/// `operationId` (`listChats`), and the method name without the resource's name at its end
/// (`list_chats` on `chats` → `list`). Only names rustdoc accepts as an alias.
fn aliases(id: &str, method_name: &str, resource: &[String]) -> Vec<String> {
    let mut out: Vec<String> = vec![id.to_owned()];
    if let Some(last) = resource.last() {
        for suffix in [format!("_{last}"), format!("_{}", singular(last))] {
            if let Some(verb) = method_name.strip_suffix(&suffix) {
                out.push(verb.to_owned());
                break;
            }
        }
    }
    let acceptable = |a: &String| {
        !a.is_empty()
            && a != method_name
            && a.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    };
    out.retain(acceptable);
    out.dedup();
    out
}

/// The resource of an operation with neither `x-sdk-resource` nor tags: the first path
/// segment that is neither a parameter nor a version (`/v3/health` → `health`).
fn untagged_resource(path: &str) -> String {
    let is_version = |s: &str| {
        s.strip_prefix('v')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    path.split('/')
        .find(|s| !s.is_empty() && !s.starts_with('{') && !is_version(s))
        .map_or_else(|| "api".to_owned(), snake_ident)
}

/// `GET /pets/{petId}/toys` → `get_pets_pet_id_toys`, for operations without an `operationId`.
fn derived_id(method: HttpMethod, path: &str) -> String {
    let words: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_matches(|c| c == '{' || c == '}').to_owned())
        .collect();
    snake_ident(&format!("{}_{}", method.key(), words.join("_")))
}
