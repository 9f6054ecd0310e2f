//! `$ref` resolution: local references into `components`, followed through chains.

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use super::Pointer;
use crate::error::{Error, Result};

/// Resolves local `$ref`s against one document.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    doc: &'a OpenAPI,
}

/// How many `$ref` hops are followed before a chain is declared circular.
const MAX_HOPS: usize = 32;

impl<'a> Resolver<'a> {
    /// A resolver for `doc`.
    pub fn new(doc: &'a OpenAPI) -> Self {
        Resolver { doc }
    }

    /// The component schema a `$ref` names: its component name and the schema itself,
    /// following `$ref` chains. `at` is where the `$ref` was found.
    pub fn schema(&self, reference: &str, at: &Pointer) -> Result<(&'a str, &'a Schema)> {
        let mut reference = reference;
        for _ in 0..MAX_HOPS {
            let name = component_name(reference, "schemas", at)?;
            let components = self.doc.components.as_ref();
            let (key, found) = components
                .and_then(|c| c.schemas.get_key_value(name))
                .ok_or_else(|| dangling(reference, at))?;
            match found {
                ReferenceOr::Item(schema) => return Ok((key.as_str(), schema)),
                ReferenceOr::Reference { reference: next } => reference = next,
            }
        }
        Err(Error::unsupported(
            at.as_str(),
            format!("`$ref` chain through `{reference}` does not end"),
        ))
    }

    /// A schema written in place or as a `$ref` to a component, resolved.
    pub fn schema_of(&self, item: &'a ReferenceOr<Schema>, at: &Pointer) -> Result<&'a Schema> {
        match item {
            ReferenceOr::Item(schema) => Ok(schema),
            ReferenceOr::Reference { reference } => Ok(self.schema(reference, at)?.1),
        }
    }

    /// A parameter, resolving a `$ref` into `components/parameters`.
    pub fn parameter(
        &self,
        item: &'a ReferenceOr<Parameter>,
        at: &Pointer,
    ) -> Result<&'a Parameter> {
        self.follow(item, "parameters", at, |c| &c.parameters)
    }

    /// A request body, resolving a `$ref` into `components/requestBodies`.
    pub fn request_body(
        &self,
        item: &'a ReferenceOr<RequestBody>,
        at: &Pointer,
    ) -> Result<&'a RequestBody> {
        self.follow(item, "requestBodies", at, |c| &c.request_bodies)
    }

    /// A response, resolving a `$ref` into `components/responses`.
    pub fn response(&self, item: &'a ReferenceOr<Response>, at: &Pointer) -> Result<&'a Response> {
        self.follow(item, "responses", at, |c| &c.responses)
    }

    fn follow<T>(
        &self,
        item: &'a ReferenceOr<T>,
        section: &str,
        at: &Pointer,
        map: impl Fn(&'a openapiv3::Components) -> &'a indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'a T> {
        let mut item = item;
        for _ in 0..MAX_HOPS {
            match item {
                ReferenceOr::Item(found) => return Ok(found),
                ReferenceOr::Reference { reference } => {
                    let name = component_name(reference, section, at)?;
                    item = self
                        .doc
                        .components
                        .as_ref()
                        .and_then(|c| map(c).get(name))
                        .ok_or_else(|| dangling(reference, at))?;
                }
            }
        }
        Err(Error::unsupported(
            at.as_str(),
            format!("`$ref` chain in `{section}` does not end"),
        ))
    }
}

fn component_name<'r>(reference: &'r str, section: &str, at: &Pointer) -> Result<&'r str> {
    let prefix = format!("#/components/{section}/");
    match reference.strip_prefix(&prefix) {
        Some(name) if !name.contains('/') => Ok(name),
        Some(_) => Err(Error::unsupported(
            at.as_str(),
            format!("`$ref: {reference}` points inside a component"),
        )),
        None if reference.starts_with("#/") => Err(dangling(reference, at)),
        None => Err(Error::unsupported(
            at.as_str(),
            format!("`$ref: {reference}` is not a local reference to `#/components/{section}/`"),
        )),
    }
}

fn dangling(reference: &str, at: &Pointer) -> Error {
    Error::DanglingRef {
        reference: reference.to_owned(),
        pointer: at.to_string(),
    }
}
