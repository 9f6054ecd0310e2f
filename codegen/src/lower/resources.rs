//! The resource tree: operations grouped under `client.chats().participants()`-style
//! accessors, with their struct names and docs.

use super::naming::{camel_ident, is_reserved, singular, TypeNames};
use crate::error::{Error, Result};
use crate::ir::{Operation, Resource};

/// Groups operations by their resource path, checking that no two operations (or an
/// operation and a child resource) claim the same method name, and that no resource struct
/// takes a type's name. `tags[i]` is the first tag of `operations[i]`.
pub fn tree(
    operations: &[Operation],
    tags: &[Option<String>],
    tag_docs: &[(String, String)],
    names: &mut TypeNames,
) -> Result<Vec<Resource>> {
    let mut roots: Vec<Resource> = Vec::new();
    for (index, op) in operations.iter().enumerate() {
        insert(&mut roots, &op.resource, 0, index, names)?;
    }
    for root in roots.iter_mut() {
        check_methods(root, operations, &[])?;
        document(root, operations, tags, tag_docs);
    }
    Ok(roots)
}

/// A resource is documented by its operations' tag, when they all share one, or else by
/// its name; its struct also lists its methods and sub-resources.
fn document(
    resource: &mut Resource,
    operations: &[Operation],
    tags: &[Option<String>],
    tag_docs: &[(String, String)],
) {
    let mut own_tags = resource.operations.iter().map(|&i| tags[i].as_deref());
    let mut summary = None;
    if let Some(Some(first)) = own_tags.next() {
        if own_tags.all(|t| t == Some(first)) {
            summary = tag_docs
                .iter()
                .find(|(name, _)| name == first)
                .map(|(_, doc)| doc.trim().to_owned());
        }
    }
    resource.summary = summary.unwrap_or_else(|| format!("The `{}` resource.", resource.name));
    let members: Vec<String> = resource
        .children
        .iter()
        .map(|c| c.name.as_str())
        .chain(
            resource
                .operations
                .iter()
                .map(|&i| operations[i].method_name.as_str()),
        )
        .map(|name| format!("[`{name}`](Self::{name})"))
        .collect();
    resource.doc = format!(
        "{}\n\nMethods and sub-resources: {}.",
        resource.summary,
        members.join(", ")
    );
    for child in resource.children.iter_mut() {
        document(child, operations, tags, tag_docs);
    }
}

fn insert(
    level: &mut Vec<Resource>,
    path: &[String],
    depth: usize,
    op: usize,
    names: &mut TypeNames,
) -> Result<()> {
    let name = &path[depth];
    let position = match level.iter().position(|r| &r.name == name) {
        Some(p) => p,
        None => {
            let type_name = names.claim_with_suffix(
                &resource_type_name(&path[..=depth]),
                "Resource",
                &format!("resource `{}`", path[..=depth].join(".")),
            );
            level.push(Resource {
                name: name.clone(),
                type_name,
                operations: Vec::new(),
                children: Vec::new(),
                summary: String::new(),
                doc: String::new(),
            });
            level.len() - 1
        }
    };
    let node = &mut level[position];
    if depth + 1 == path.len() {
        node.operations.push(op);
        Ok(())
    } else {
        insert(&mut node.children, path, depth + 1, op, names)
    }
}

/// `["chats", "participants"]` → `ChatParticipants`; a name generated code imports from the
/// runtime (`Request`, `Client`…) gets the suffix `Resource`.
fn resource_type_name(path: &[String]) -> String {
    let Some((last, parents)) = path.split_last() else {
        return String::new();
    };
    let name: String = parents
        .iter()
        .map(|p| camel_ident(&singular(p)))
        .chain([camel_ident(last)])
        .collect();
    if is_reserved(&name) {
        format!("{name}Resource")
    } else {
        name
    }
}

/// No two methods (or a method and a sub-resource accessor) of a resource share a name.
fn check_methods(resource: &Resource, operations: &[Operation], parent: &[&str]) -> Result<()> {
    let mut path: Vec<&str> = parent.to_vec();
    path.push(&resource.name);
    let mut seen: Vec<(&str, String)> = resource
        .children
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                format!("resource `{}.{}`", path.join("."), c.name),
            )
        })
        .collect();
    for &i in &resource.operations {
        let op = &operations[i];
        let here = format!("{} {}", op.method.as_str(), op.path);
        if let Some((_, first)) = seen.iter().find(|(n, _)| *n == op.method_name) {
            return Err(Error::DuplicateMethod {
                resource: path.join("."),
                method: op.method_name.clone(),
                first: first.clone(),
                second: here,
            });
        }
        seen.push((&op.method_name, here));
    }
    for child in &resource.children {
        check_methods(child, operations, &path)?;
    }
    Ok(())
}
