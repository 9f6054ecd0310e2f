//! `impl IdempotencyKeySlot` for a request body that carries its idempotency key in a field.

use proc_macro2::TokenStream;

use crate::emit::typeref::Imports;
use crate::ir::TypeDef;

/// Where the runtime writes the call's idempotency key into the body.
pub fn key_slot(_def: &TypeDef, _path: &[String], _imports: &mut Imports<'_>) -> TokenStream {
    TokenStream::new()
}
