//! The resource tree: operations grouped under `client.chats().participants()`-style accessors.

use super::naming::{camel_ident, singular};
use crate::error::{Error, Result};
use crate::ir::{Operation, Resource, TypeDef};

/// Groups operations by their resource path, checking that no two operations (or an
/// operation and a child resource) claim the same method name.
pub fn tree(
    operations: &[Operation],
    types: &[TypeDef],
    tag_docs: &[(String, String)],
) -> Result<Vec<Resource>> {
    let mut roots: Vec<Resource> = Vec::new();
    for (index, op) in operations.iter().enumerate() {
        insert(&mut roots, &op.resource, 0, index, types)?;
    }
    for root in roots.iter_mut() {
        check_names(root, operations, &[])?;
        document(root, operations, tag_docs);
    }
    Ok(roots)
}

/// A resource is documented by its operations' tag, when they all share one.
fn document(resource: &mut Resource, operations: &[Operation], tag_docs: &[(String, String)]) {
    let mut tags = resource
        .operations
        .iter()
        .map(|&i| operations[i].tag.as_deref());
    if let Some(Some(first)) = tags.next() {
        if tags.all(|t| t == Some(first)) {
            resource.doc = tag_docs
                .iter()
                .find(|(name, _)| name == first)
                .map(|(_, doc)| doc.trim().to_owned());
        }
    }
    for child in resource.children.iter_mut() {
        document(child, operations, tag_docs);
    }
}

fn insert(
    level: &mut Vec<Resource>,
    path: &[String],
    depth: usize,
    op: usize,
    types: &[TypeDef],
) -> Result<()> {
    let name = &path[depth];
    let position = match level.iter().position(|r| &r.name == name) {
        Some(p) => p,
        None => {
            let type_name = resource_type_name(&path[..=depth]);
            if let Some(t) = types.iter().find(|t| t.name == type_name) {
                return Err(Error::DuplicateTypeName {
                    name: type_name,
                    first: t.pointer.clone(),
                    second: format!("resource `{}`", path[..=depth].join(".")),
                });
            }
            level.push(Resource {
                name: name.clone(),
                type_name,
                operations: Vec::new(),
                children: Vec::new(),
                doc: None,
            });
            level.len() - 1
        }
    };
    let node = &mut level[position];
    if depth + 1 == path.len() {
        node.operations.push(op);
        Ok(())
    } else {
        insert(&mut node.children, path, depth + 1, op, types)
    }
}

/// `["chats", "participants"]` → `ChatParticipants`.
fn resource_type_name(path: &[String]) -> String {
    let Some((last, parents)) = path.split_last() else {
        return String::new();
    };
    parents
        .iter()
        .map(|p| camel_ident(&singular(p)))
        .chain([camel_ident(last)])
        .collect()
}

fn check_names(resource: &Resource, operations: &[Operation], parent: &[&str]) -> Result<()> {
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
        check_names(child, operations, &path)?;
    }
    Ok(())
}
