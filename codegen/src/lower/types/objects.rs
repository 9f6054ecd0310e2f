//! Objects → structs: one field per property, and a map for `additionalProperties`.

use openapiv3::{AdditionalProperties, ObjectType};

use super::{Site, TypeBuilder};
use crate::error::Result;
use crate::ir::{Field, FieldRepr, TypeKind, TypeRef, ADDITIONAL_PROPERTIES};
use crate::lower::naming::{camel_ident, snake_ident, Unique};

impl TypeBuilder<'_> {
    pub(super) fn object(&mut self, object: &ObjectType, site: &Site) -> Result<TypeKind> {
        // The map of extra properties takes its name; a listed property must not.
        let mut idents = match &object.additional_properties {
            Some(AdditionalProperties::Schema(_)) => Unique::snake(&[ADDITIONAL_PROPERTIES]),
            _ => Unique::snake(&[]),
        };
        let mut fields = Vec::new();
        for (wire, schema) in &object.properties {
            let pointer = site.pointer.join("properties").join(wire);
            let child = site.child(format!("{}{}", site.name, camel_ident(wire)), pointer);
            let slot = self.boxed_slot(schema, &child)?;
            fields.push(Field {
                ident: idents.claim(snake_ident(wire)),
                wire_name: wire.clone(),
                ty: slot.ty,
                repr: FieldRepr::of(object.required.contains(wire), slot.nullable),
                boxed: false,
                deprecated: slot.deprecated,
                doc: slot.doc.unwrap_or_else(|| format!("The `{wire}` field.")),
                setter: None,
            });
        }
        let additional = self.additional_value(object.additional_properties.as_ref(), site)?;
        Ok(TypeKind::Struct {
            fields,
            additional,
            builder: None,
        })
    }

    /// The value type of `additionalProperties` when it is a schema.
    pub(super) fn additional_value(
        &mut self,
        additional: Option<&AdditionalProperties>,
        site: &Site,
    ) -> Result<Option<TypeRef>> {
        match additional {
            Some(AdditionalProperties::Schema(schema)) => {
                let child = site.child(
                    format!("{}Value", site.name),
                    site.pointer.join("additionalProperties"),
                );
                Ok(Some(self.slot(schema, &child)?.ty))
            }
            _ => Ok(None),
        }
    }
}
