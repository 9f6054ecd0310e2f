//! The walk over a document: each node by its position, the `$ref`s in it handed to
//! [`resolve`](super::resolve).

use serde_yaml::{Mapping, Value};

use super::syntax::key_token;
use super::{Bundler, Def, Loc, MAX_NESTED_PATH_ITEMS};
use crate::error::{Error, Result};
use crate::load::grammar::{child, map_has_extensions, Child, Pos};
use crate::load::Pointer;

impl Bundler<'_> {
    pub(super) fn walk(&mut self, node: &mut Value, pos: Pos, loc: &Loc) -> Result<()> {
        match pos {
            Pos::PathItem => return self.path_item(node, loc),
            Pos::Components => return self.components(node, loc),
            _ => {}
        }
        if pos.section().is_some() {
            if let Some(reference) = self.ref_of(node, loc)? {
                let rewritten = self.reference(&reference, pos, loc.file, &loc.at)?;
                if let Some(slot) = node.get_mut("$ref") {
                    *slot = Value::String(rewritten);
                }
                return Ok(());
            }
        }
        self.children(node, pos, loc)
    }

    pub(super) fn children(&mut self, node: &mut Value, pos: Pos, loc: &Loc) -> Result<()> {
        let Value::Mapping(map) = node else {
            return Ok(());
        };
        for (key, value) in map.iter_mut() {
            let Some(key) = key.as_str() else { continue };
            let Some(kind) = child(pos, key) else {
                continue;
            };
            let loc = loc.join(key);
            match kind {
                Child::One(p) => self.walk(value, p, &loc)?,
                Child::Map(p) => {
                    if let Value::Mapping(entries) = value {
                        for (k, v) in entries.iter_mut() {
                            let k = key_token(k);
                            if !(map_has_extensions(p) && k.starts_with("x-")) {
                                self.walk(v, p, &loc.join(k))?;
                            }
                        }
                    }
                }
                Child::List(p) => {
                    if let Value::Sequence(items) = value {
                        for (i, v) in items.iter_mut().enumerate() {
                            self.walk(v, p, &loc.join(i))?;
                        }
                    }
                }
                Child::Discriminator => self.discriminator(value, &loc)?,
            }
        }
        Ok(())
    }

    /// Rewrites the discriminator `mapping` values that are references.
    pub(super) fn discriminator(&mut self, node: &mut Value, loc: &Loc) -> Result<()> {
        let Some(Value::Mapping(mapping)) = node.get_mut("mapping") else {
            return Ok(());
        };
        let at = loc.at.join("mapping");
        for (key, value) in mapping.iter_mut() {
            let Value::String(target) = value else {
                continue;
            };
            if target.contains('#') || target.contains('/') {
                let rewritten =
                    self.reference(target, Pos::Schema, loc.file, &at.join(key_token(key)))?;
                *target = rewritten;
            }
        }
        Ok(())
    }

    /// The root's components: walked in place, except aliases, replaced by what they name.
    pub(super) fn components(&mut self, node: &mut Value, loc: &Loc) -> Result<()> {
        let Value::Mapping(map) = node else {
            return Ok(());
        };
        for (section, entries) in map.iter_mut() {
            let Some((section, pos)) = section.as_str().and_then(Pos::from_section) else {
                continue;
            };
            let Value::Mapping(entries) = entries else {
                continue;
            };
            for (name, value) in entries.iter_mut() {
                let name = key_token(name);
                let at = loc.join(section).join(&name);
                match self.aliases.get(&(section, name)).cloned() {
                    Some((file, fragment)) => {
                        let mut def = self.lookup(file, &fragment).cloned().unwrap_or_default();
                        let target = Loc {
                            file,
                            at: Pointer::from_fragment(&fragment),
                            out: at.out,
                        };
                        self.origin(&target);
                        self.walk(&mut def, pos, &target)?;
                        *value = def;
                    }
                    None => self.walk(value, pos, &at)?,
                }
            }
        }
        Ok(())
    }

    /// A path item: a `$ref` one is replaced by the item it names.
    pub(super) fn path_item(&mut self, node: &mut Value, loc: &Loc) -> Result<()> {
        let Some(reference) = self.ref_of(node, loc)? else {
            return self.children(node, Pos::PathItem, loc);
        };
        let (file, fragment) = match self.definition(&reference, loc.file, &loc.at, true)? {
            Def::Node(file, fragment) => (file, fragment),
            Def::RootComponent(..) => {
                return Err(Error::unsupported(
                    &self.site(loc.file, &loc.at),
                    format!("`$ref: '{reference}'` does not name a path item"),
                ))
            }
        };
        let key = (file, fragment);
        if let Some(start) = self.inlining.iter().position(|k| *k == key) {
            let mut chain: Vec<String> = self.inlining[start..]
                .iter()
                .map(|(f, frag)| self.site_of(*f, frag))
                .collect();
            chain.push(self.site_of(key.0, &key.1));
            return Err(Error::RefCycle { chain });
        }
        if self.inlining.len() >= MAX_NESTED_PATH_ITEMS {
            return Err(Error::unsupported(
                &self.site(loc.file, &loc.at),
                format!(
                    "path items nested more than {MAX_NESTED_PATH_ITEMS} deep through callbacks"
                ),
            ));
        }
        let mut item = self.lookup(key.0, &key.1).cloned().unwrap_or_default();
        let target = Loc {
            file: key.0,
            at: Pointer::from_fragment(&key.1),
            out: loc.out.clone(),
        };
        self.origin(&target);
        self.inlining.push(key);
        let walked = self.path_item(&mut item, &target);
        self.inlining.pop();
        walked?;

        // Keys written beside the `$ref` come after the named item's own.
        let mut siblings = Mapping::new();
        if let Value::Mapping(map) = &*node {
            for (k, v) in map {
                if k.as_str() != Some("$ref") {
                    siblings.insert(k.clone(), v.clone());
                }
            }
        }
        if !siblings.is_empty() {
            if let Value::Mapping(target_map) = &mut item {
                let mut siblings = Value::Mapping(siblings);
                self.children(&mut siblings, Pos::PathItem, loc)?;
                if let Value::Mapping(siblings) = siblings {
                    for (k, v) in siblings {
                        let token = key_token(&k);
                        if target_map.contains_key(&k) {
                            return Err(Error::unsupported(
                                &self.site(loc.file, &loc.at.join(&token)),
                                format!(
                                    "`{token}` is written beside a `$ref` whose path item ({}) has it too",
                                    self.site(target.file, &target.at)
                                ),
                            ));
                        }
                        self.origin(&loc.join(&token));
                        target_map.insert(k, v);
                    }
                }
            }
        }
        *node = item;
        Ok(())
    }
}
