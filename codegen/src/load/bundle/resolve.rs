//! Following a `$ref`: loading the file it names, finding the definition, hoisting it into
//! the bundle's components under a name of its own.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::syntax::{is_component_name, is_url, percent_decode, pure_ref, root_component};
use super::{Bundler, Def, DefKey, Loaded, Loc};
use crate::error::{Error, Result};
use crate::load::grammar::Pos;
use crate::load::source::{display, normalize_path};
use crate::load::Pointer;

impl Bundler<'_> {
    /// The local reference a `$ref` (or discriminator mapping value) written at `at` in
    /// `file`, in a position of kind `pos`, becomes.
    pub(super) fn reference(
        &mut self,
        reference: &str,
        pos: Pos,
        file: usize,
        at: &Pointer,
    ) -> Result<String> {
        if file == 0 && reference.starts_with('#') {
            return Ok(reference.to_owned());
        }
        match self.definition(reference, file, at, false)? {
            Def::RootComponent(kind, name) => Ok(Pointer::root()
                .join("components")
                .join(kind)
                .join(name)
                .to_string()),
            Def::Node(target, fragment) => self.hoist(pos, (target, fragment), reference, file, at),
        }
    }

    /// Follows a `$ref` written at `at` in `file`, and every definition that is itself only
    /// a `$ref`, to a definition.
    pub(super) fn definition(
        &mut self,
        reference: &str,
        file: usize,
        at: &Pointer,
        path_item: bool,
    ) -> Result<Def> {
        let mut reference = reference.to_owned();
        let mut from = (file, at.clone());
        let mut seen: Vec<DefKey> = Vec::new();
        loop {
            let (target, fragment) = self.target(&reference, from.0, &from.1)?;
            if target == 0 && !path_item {
                if let Some((kind, name)) = root_component(&fragment) {
                    if self.lookup(0, &fragment).is_some() {
                        return Ok(Def::RootComponent(kind, name));
                    }
                }
            }
            let key = (target, fragment);
            if let Some(start) = seen.iter().position(|k| *k == key) {
                let mut chain: Vec<String> = seen[start..]
                    .iter()
                    .map(|(f, frag)| self.site_of(*f, frag))
                    .collect();
                chain.push(self.site_of(key.0, &key.1));
                return Err(Error::RefCycle { chain });
            }
            let Some(node) = self.lookup(key.0, &key.1) else {
                let (target, fragment) = key;
                return Err(Error::MissingTarget {
                    reference: reference.clone(),
                    site: self.site(from.0, &from.1),
                    file: self.files[target].name.clone(),
                    pointer: format!("#{fragment}"),
                });
            };
            match pure_ref(node) {
                Some(next) => {
                    reference = next.to_owned();
                    from = (key.0, Pointer::from_fragment(&key.1));
                    seen.push(key);
                }
                None => return Ok(Def::Node(key.0, key.1)),
            }
        }
    }

    /// The file and fragment a `$ref` written in `from` names, reading the file if needed.
    pub(super) fn target(&mut self, reference: &str, from: usize, at: &Pointer) -> Result<DefKey> {
        let unsupported =
            |this: &Self, what: String| Error::unsupported(&this.site(from, at), what);
        if is_url(reference) {
            return Err(unsupported(
                self,
                format!("`$ref: '{reference}'` is a URL; only paths relative to the referring file are resolved"),
            ));
        }
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = percent_decode(fragment);
        if !fragment.is_empty() && !fragment.starts_with('/') {
            return Err(unsupported(
                self,
                format!("`$ref: '{reference}'`: the part after `#` must be a JSON pointer such as `#/Name`"),
            ));
        }
        if file_part.is_empty() {
            return Ok((from, fragment));
        }
        let relative = PathBuf::from(percent_decode(file_part));
        if relative.is_absolute() || relative.has_root() {
            return Err(unsupported(
                self,
                format!("`$ref: '{reference}'` is an absolute path; write it relative to the referring file"),
            ));
        }
        let dir = self.files[from].path.parent().unwrap_or(Path::new(""));
        let path = normalize_path(&dir.join(relative));
        let site = self.site(from, at);
        let file = self.load(path, Some((reference, site)))?;
        Ok((file, fragment))
    }

    /// Reads and parses a file once.
    pub(super) fn load(
        &mut self,
        path: PathBuf,
        referenced: Option<(&str, String)>,
    ) -> Result<usize> {
        if let Some(&id) = self.by_path.get(&path) {
            return Ok(id);
        }
        let name = display(&path);
        let (reference, site) = match referenced {
            Some((reference, site)) => (Some(reference.to_owned()), Some(site)),
            None => (None, None),
        };
        let text = self.source.read(&path).map_err(|e| Error::File {
            file: name.clone(),
            reference,
            site,
            message: match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_owned(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
                _ => e.to_string(),
            },
        })?;
        let doc = crate::load::text::parse(&text).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            Error::FileYaml {
                file: name.clone(),
                line,
                column,
                message: e.to_string(),
            }
        })?;
        self.files.push(Loaded {
            path: path.clone(),
            name,
            doc,
        });
        let id = self.files.len() - 1;
        self.by_path.insert(path, id);
        Ok(id)
    }

    /// Gives a definition its component name and queues it to be walked; the local
    /// reference to it.
    pub(super) fn hoist(
        &mut self,
        pos: Pos,
        key: DefKey,
        reference: &str,
        from: usize,
        at: &Pointer,
    ) -> Result<String> {
        let section = pos.section().unwrap_or("schemas");
        let local = |name: &str| format!("#/components/{section}/{name}");
        if let Some(name) = self.names.get(&(section, key.clone())) {
            return Ok(local(name));
        }
        let name = self.component_name(key.0, &key.1);
        if !is_component_name(&name) {
            return Err(Error::unsupported(
                &self.site(from, at),
                format!(
                    "`$ref: '{reference}'` would become the component `{section}/{name}`, and component names may only hold letters, digits, `.`, `-` and `_`"
                ),
            ));
        }
        if let Some(first) = self.taken.get(&(section, name.clone())) {
            if *first != key {
                return Err(Error::ComponentClash {
                    kind: section.to_owned(),
                    name,
                    first: self.site_of(first.0, &first.1),
                    second: self.site_of(key.0, &key.1),
                });
            }
        }
        self.taken.insert((section, name.clone()), key.clone());
        self.names.insert((section, key.clone()), name.clone());
        self.queue.push_back((pos, name.clone(), key));
        Ok(local(&name))
    }

    /// The name a definition gets: the last pointer token, or the file's stem.
    pub(super) fn component_name(&self, file: usize, fragment: &str) -> String {
        match Pointer::from_fragment(fragment).tokens().last() {
            Some(token) => token,
            None => self.files[file]
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    pub(super) fn ref_of(&self, node: &Value, loc: &Loc) -> Result<Option<String>> {
        match node.get("$ref") {
            None => Ok(None),
            Some(Value::String(reference)) => Ok(Some(reference.clone())),
            Some(_) => Err(Error::unsupported(
                &self.site(loc.file, &loc.at),
                "`$ref` is not a string",
            )),
        }
    }

    pub(super) fn lookup(&self, file: usize, fragment: &str) -> Option<&Value> {
        Pointer::from_fragment(fragment).find(&self.files[file].doc)
    }

    pub(super) fn origin(&mut self, loc: &Loc) {
        let at = self.site(loc.file, &loc.at);
        let file = &self.files[loc.file].name;
        let at = at[file.len()..].to_owned();
        self.origins.push((loc.out.to_string(), file.clone(), at));
    }

    /// `file#/pointer`.
    pub(super) fn site(&self, file: usize, at: &Pointer) -> String {
        format!("{}{at}", self.files[file].name)
    }

    pub(super) fn site_of(&self, file: usize, fragment: &str) -> String {
        format!("{}#{fragment}", self.files[file].name)
    }
}
