//! Per-resource cargo features, for large specs whose users need a few resources
//! ([`Options::resource_features`](super::Options)): each top-level resource is a feature
//! that compiles its methods, its stubs and the type modules it needs; `full` turns them
//! all on. The gates come from the IR's type graph, never from a list kept by hand:
//! - a resource needs the types its operations name, and everything those contain;
//! - a type module is compiled when any resource that needs one of its types is on, and
//!   always when every resource needs it;
//! - a module a compiled module refers to is compiled too (so its gate covers theirs);
//! - a module no resource needs (a schema only webhooks or nothing use) comes with `full`.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, Resource, TypeId};

/// Feature names the generated crate's manifest uses for other things; a resource named
/// like one gets `_api` appended.
const RESERVED: &[&str] = &[
    "default",
    "full",
    "rustls",
    "rustls-ring",
    "native-tls",
    "test-util",
    "log",
];

/// The features of a generated crate, and the gate of each resource and type module.
#[derive(Debug, Default)]
pub struct Features {
    /// Each top-level resource's feature, in resource order; empty when the spec's crate
    /// has no per-resource features.
    names: Vec<String>,
    /// Each type module's resources (indices into `names`); a module not listed is
    /// compiled always.
    modules: HashMap<String, BTreeSet<usize>>,
    /// Each operation's top-level resource (index into `names`).
    operations: HashMap<usize, usize>,
}

impl Features {
    /// No per-resource features: everything compiled always.
    pub fn none() -> Self {
        Features::default()
    }

    /// A feature per top-level resource of `api`, with the gates its type graph implies.
    pub fn per_resource(api: &Api) -> Self {
        let names: Vec<String> = api
            .resources
            .iter()
            .map(|r| match RESERVED.contains(&r.name.as_str()) {
                true => format!("{}_api", r.name),
                false => r.name.clone(),
            })
            .collect();
        // Which resources need each type: the types their operations name, and all they
        // contain.
        let mut needed: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); api.types.len()];
        let mut operations = HashMap::new();
        for (i, top) in api.resources.iter().enumerate() {
            let under = operations_under(top);
            operations.extend(under.iter().map(|&op| (op, i)));
            let mut stack: Vec<TypeId> = under
                .iter()
                .filter_map(|&op| api.operations.get(op))
                .flat_map(|op| {
                    let (request, response) = op.types();
                    request.into_iter().chain(response)
                })
                .collect();
            while let Some(id) = stack.pop() {
                if needed[id.index()].insert(i) {
                    stack.extend(api.ty(id).kind.named_refs().into_iter().map(|(id, _)| id));
                }
            }
        }
        // By module, then over the modules' references until nothing changes: a module a
        // compiled module refers to must be compiled as well.
        let mut modules: HashMap<String, BTreeSet<usize>> = HashMap::new();
        for (def, needed) in api.types.iter().zip(needed) {
            modules
                .entry(def.module.clone())
                .or_default()
                .extend(needed);
        }
        let refs: Vec<(&str, &str)> = api
            .types
            .iter()
            .flat_map(|def| {
                let refs = def.kind.named_refs();
                refs.into_iter()
                    .map(move |(id, _)| (def.module.as_str(), api.ty(id).module.as_str()))
            })
            .filter(|(from, to)| from != to)
            .collect();
        loop {
            let mut changed = false;
            for (from, to) in &refs {
                let add = modules.get(*from).cloned().unwrap_or_default();
                let target = modules.entry((*to).to_owned()).or_default();
                let before = target.len();
                target.extend(add);
                changed |= target.len() != before;
            }
            if !changed {
                break;
            }
        }
        modules.retain(|_, resources| resources.len() < names.len());
        Features {
            names,
            modules,
            operations,
        }
    }

    /// The feature of each top-level resource, in order (empty without per-resource
    /// features).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// `#[cfg(…)]` for the items of the top-level resource `index`.
    pub fn resource(&self, index: usize) -> TokenStream {
        match self.names.get(index) {
            Some(name) => quote!(#[cfg(feature = #name)]),
            None => quote!(),
        }
    }

    /// The feature of the operation at `index` in the API's operations, if it has one.
    pub fn operation(&self, index: usize) -> Option<&str> {
        let resource = *self.operations.get(&index)?;
        self.names.get(resource).map(String::as_str)
    }

    /// `#[cfg(…)]` for the type module `module`.
    pub fn module(&self, module: &str) -> TokenStream {
        match self.modules.get(module) {
            None => quote!(),
            Some(resources) => {
                let names: Vec<&String> = resources
                    .iter()
                    .filter_map(|&i| self.names.get(i))
                    .collect();
                match names.as_slice() {
                    [] => quote!(#[cfg(feature = "full")]),
                    [one] => quote!(#[cfg(feature = #one)]),
                    many => quote!(#[cfg(any(#(feature = #many),*))]),
                }
            }
        }
    }
}

/// The operations of a resource and of all its sub-resources.
fn operations_under(resource: &Resource) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![resource];
    while let Some(r) = stack.pop() {
        out.extend(&r.operations);
        stack.extend(&r.children);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Spec;

    /// Three resources (`alpha`, `beta`, `log`) over the components their responses name.
    const SPEC: &str = r##"
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      x-sdk-resource: alpha
      x-sdk-method: get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  shared: {$ref: "#/components/schemas/Shared"}
                  everywhere: {$ref: "#/components/schemas/Everywhere"}
  /b:
    get:
      x-sdk-resource: beta
      x-sdk-method: get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  shared: {$ref: "#/components/schemas/Shared"}
                  only: {$ref: "#/components/schemas/OnlyBeta"}
                  everywhere: {$ref: "#/components/schemas/Everywhere"}
  /l:
    get:
      x-sdk-resource: log
      x-sdk-method: get
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Everywhere"}
components:
  schemas:
    Shared:
      type: object
      properties:
        inner: {$ref: "#/components/schemas/Inner"}
    Inner: {type: object, properties: {x: {type: string}}}
    OnlyBeta: {type: object, properties: {x: {type: string}}}
    Everywhere: {type: object, properties: {x: {type: string}}}
    Orphan: {type: object, properties: {x: {type: string}}}
"##;

    fn features() -> Features {
        let api = crate::lower::lower(&Spec::parse(SPEC).expect("a spec")).expect("lowers");
        Features::per_resource(&api)
    }

    fn gate(features: &Features, module: &str) -> String {
        features.module(module).to_string()
    }

    #[test]
    fn a_resource_named_like_another_feature_gets_a_suffix() {
        assert_eq!(features().names(), ["alpha", "beta", "log_api"]);
    }

    #[test]
    fn a_type_one_resource_needs_comes_with_that_resource() {
        assert_eq!(
            gate(&features(), "only_beta"),
            r#"# [cfg (feature = "beta")]"#
        );
    }

    #[test]
    fn a_type_several_resources_need_comes_with_any_of_them_and_so_does_what_it_holds() {
        let features = features();
        let both = r#"# [cfg (any (feature = "alpha" , feature = "beta"))]"#;
        assert_eq!(gate(&features, "shared"), both);
        assert_eq!(gate(&features, "inner"), both);
    }

    #[test]
    fn a_type_every_resource_needs_is_always_compiled() {
        assert_eq!(gate(&features(), "everywhere"), "");
    }

    #[test]
    fn a_type_no_resource_needs_comes_with_full() {
        assert_eq!(gate(&features(), "orphan"), r#"# [cfg (feature = "full")]"#);
    }

    #[test]
    fn without_resource_features_nothing_is_gated() {
        let none = Features::none();
        assert!(none.names().is_empty());
        assert!(none.module("shared").is_empty() && none.resource(0).is_empty());
    }
}
