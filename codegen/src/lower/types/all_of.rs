//! `allOf` → one struct: the properties and `required` lists of every part, merged.

use openapiv3::{ObjectType, ReferenceOr, Schema, SchemaKind, Type};

use super::{Site, TypeBuilder};
use crate::error::{Error, Result};
use crate::ir::TypeKind;
use crate::load::Pointer;

/// How deep `allOf` may nest inside `allOf`.
const MAX_DEPTH: usize = 16;

impl TypeBuilder<'_> {
    pub(super) fn all_of(
        &mut self,
        parts: &[ReferenceOr<Schema>],
        site: &Site,
    ) -> Result<TypeKind> {
        let mut merged = ObjectType::default();
        for (i, part) in parts.iter().enumerate() {
            let at = site.pointer.join("allOf").join(i);
            self.merge_into(&mut merged, part, &at, 0)?;
        }
        self.object(&merged, site)
    }

    fn merge_into(
        &self,
        merged: &mut ObjectType,
        part: &ReferenceOr<Schema>,
        at: &Pointer,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Error::unsupported(
                at.as_str(),
                format!("`allOf` nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        let schema = self.resolver.schema_of(part, at)?;
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                for (k, v) in &object.properties {
                    merged.properties.insert(k.clone(), v.clone());
                }
                for r in &object.required {
                    if !merged.required.contains(r) {
                        merged.required.push(r.clone());
                    }
                }
                Ok(())
            }
            SchemaKind::AllOf { all_of } => {
                for (i, inner) in all_of.iter().enumerate() {
                    self.merge_into(merged, inner, &at.join("allOf").join(i), depth + 1)?;
                }
                Ok(())
            }
            _ => Err(Error::unsupported(
                at.as_str(),
                "an `allOf` part that is not an object",
            )),
        }
    }
}
