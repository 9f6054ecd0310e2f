//! Split specs: a root document and the files its relative `$ref`s reach, bundled into one
//! document before typed parsing, so the later stages only ever see a single-file spec.
//!
//! Rules (also in `spec/README.md`, "How a split spec resolves"):
//!
//! - A `$ref` is `[file][#pointer]`. The file part is a path relative to the directory of the
//!   file the `$ref` is written in; without it the pointer points into that same file. URLs
//!   and absolute paths are rejected. An empty pointer means the whole file.
//! - The root's own local references (`#/...` written in the root) are kept as they are.
//! - A path item that is a `$ref` is replaced by the path item it names (in any file,
//!   including the root); keys written beside the `$ref` are added after the named item's.
//! - Any other `$ref` that leaves the root is hoisted: the definition it names becomes
//!   `#/components/<kind>/<Name>` of the bundled document and every reference to it, from
//!   any file, is rewritten to that local reference. `<kind>` comes from where the `$ref` is
//!   written (a schema position -> `schemas`, a parameter -> `parameters`, a response ->
//!   `responses`, and so on); `<Name>` is the last token of the pointer (the file's stem for
//!   a whole-file reference). Discriminator `mapping` values that are references (they hold
//!   a `#` or a `/`) are rewritten the same way.
//! - A reference into the root's own `#/components/<kind>/<Name>` stays that component.
//! - A definition that is itself only a `$ref` is followed to the definition it names.
//! - A root component that is only a `$ref` to another file's definition of the same name
//!   (`bearerAuth: {$ref: './security.yaml#/bearerAuth'}`) is replaced by that definition.
//! - Two different definitions that would get the same `<kind>/<Name>` (including a root
//!   component) are an error naming both.
//!
//! The output is deterministic: the root's key order and path order are kept, and hoisted
//! components follow the root's own, per kind, in the order they are first referenced
//! (breadth first: the references in the root in document order, then those in the first
//! hoisted definition, and so on).

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::source::{display, normalize, FileSource};
use super::Pointer;
use crate::error::{Error, Result};

/// How deep path items may include path items (through callbacks) before the loader stops.
const MAX_NESTED_PATH_ITEMS: usize = 16;

/// A split spec bundled into one document.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// The single document.
    pub doc: Value,
    /// Where its parts come from.
    pub origins: Origins,
}

impl Bundle {
    /// The bundled document as YAML text.
    pub fn to_yaml(&self) -> Result<String> {
        serde_yaml::to_string(&self.doc).map_err(|e| Error::Structure {
            pointer: "#".to_owned(),
            message: e.to_string(),
        })
    }
}

/// Where the parts of a bundled document come from: pointers into the bundle mapped back
/// to `file#/pointer` of the file that defines them.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    root: String,
    files: Vec<String>,
    /// (pointer in the bundle, file, pointer in that file).
    entries: Vec<(String, String, String)>,
}

impl Origins {
    /// Every file read, as the loader names them, in the order first read (the root first).
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// Whether the bundle holds anything from a file other than the root.
    pub fn is_split(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Where a pointer into the bundled document comes from, as `file#/pointer`. A spec
    /// whose bundle holds nothing from other files keeps its pointers (`#/...`) unchanged.
    pub fn locate(&self, pointer: &str) -> String {
        if !self.is_split() || !pointer.starts_with('#') {
            return pointer.to_owned();
        }
        let best = self
            .entries
            .iter()
            .filter(|(out, _, _)| {
                pointer == out
                    || (pointer.starts_with(out.as_str()) && pointer[out.len()..].starts_with('/'))
            })
            .max_by_key(|(out, _, _)| out.len());
        match best {
            Some((out, file, at)) => format!("{file}{at}{}", &pointer[out.len()..]),
            None => format!("{}{pointer}", self.root),
        }
    }
}

/// Reads the spec whose root is `root` and every file its `$ref`s reach, and bundles them
/// into one document (see the module documentation for the rules).
pub fn bundle(root: &Path, source: &dyn FileSource) -> Result<Bundle> {
    let mut bundler = Bundler {
        source,
        files: Vec::new(),
        by_path: HashMap::new(),
        names: HashMap::new(),
        taken: HashMap::new(),
        aliases: HashMap::new(),
        queue: VecDeque::new(),
        inlining: Vec::new(),
        origins: Vec::new(),
    };
    bundler.load(normalize(root), None)?;
    super::check_version(&bundler.files[0].doc)?;
    bundler.run()
}

/// Where a node sits in an OpenAPI document: decides what its `$ref` names and what its
/// children are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Pos {
    Document,
    Components,
    PathItem,
    Operation,
    Callback,
    Parameter,
    Header,
    RequestBody,
    MediaType,
    Encoding,
    Response,
    Schema,
    Example,
    SecurityScheme,
    Link,
}

const SECTIONS: [(&str, Pos); 9] = [
    ("schemas", Pos::Schema),
    ("responses", Pos::Response),
    ("parameters", Pos::Parameter),
    ("examples", Pos::Example),
    ("requestBodies", Pos::RequestBody),
    ("headers", Pos::Header),
    ("securitySchemes", Pos::SecurityScheme),
    ("links", Pos::Link),
    ("callbacks", Pos::Callback),
];

impl Pos {
    /// The `components` section for definitions of this kind.
    fn section(self) -> Option<&'static str> {
        SECTIONS.iter().find(|(_, p)| *p == self).map(|(s, _)| *s)
    }

    fn from_section(section: &str) -> Option<(&'static str, Pos)> {
        SECTIONS.iter().find(|(s, _)| *s == section).copied()
    }
}

/// What the children under a key are.
enum Child {
    One(Pos),
    Map(Pos),
    List(Pos),
    Discriminator,
}

fn child(pos: Pos, key: &str) -> Option<Child> {
    use Child::{Discriminator, List, Map, One};
    Some(match (pos, key) {
        (Pos::Document, "paths") => Map(Pos::PathItem),
        (Pos::Document, "components") => One(Pos::Components),
        (
            Pos::PathItem,
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
        ) => One(Pos::Operation),
        (Pos::PathItem | Pos::Operation, "parameters") => List(Pos::Parameter),
        (Pos::Operation, "requestBody") => One(Pos::RequestBody),
        (Pos::Operation, "responses") => Map(Pos::Response),
        (Pos::Operation, "callbacks") => Map(Pos::Callback),
        (Pos::Callback, k) if !k.starts_with("x-") => One(Pos::PathItem),
        (Pos::Parameter | Pos::Header | Pos::MediaType, "schema") => One(Pos::Schema),
        (Pos::Parameter | Pos::Header | Pos::RequestBody | Pos::Response, "content") => {
            Map(Pos::MediaType)
        }
        (Pos::Parameter | Pos::Header | Pos::MediaType, "examples") => Map(Pos::Example),
        (Pos::MediaType, "encoding") => Map(Pos::Encoding),
        (Pos::Encoding | Pos::Response, "headers") => Map(Pos::Header),
        (Pos::Response, "links") => Map(Pos::Link),
        (Pos::Schema, "properties") => Map(Pos::Schema),
        (Pos::Schema, "items" | "not" | "additionalProperties") => One(Pos::Schema),
        (Pos::Schema, "allOf" | "oneOf" | "anyOf") => List(Pos::Schema),
        (Pos::Schema, "discriminator") => Discriminator,
        _ => return None,
    })
}

/// Whether the keys of a map of `pos` values may hold extensions (`x-...`) to skip: only the
/// Paths and Responses objects (header and property names may well start with `x-`).
fn map_has_extensions(pos: Pos) -> bool {
    matches!(pos, Pos::PathItem | Pos::Response)
}

struct Loaded {
    path: PathBuf,
    name: String,
    doc: Value,
}

/// A position while walking: where in which file, and where in the bundle.
#[derive(Debug, Clone)]
struct Loc {
    file: usize,
    at: Pointer,
    out: Pointer,
}

impl Loc {
    fn join(&self, token: impl std::fmt::Display) -> Loc {
        let token = token.to_string();
        Loc {
            file: self.file,
            at: self.at.join(&token),
            out: self.out.join(&token),
        }
    }
}

/// What a chain of `$ref`s ends at.
enum Def {
    /// A component of the root, `#/components/<kind>/<name>`.
    RootComponent(String, String),
    /// A definition: file and pointer (as a URI fragment, `/a/b`).
    Node(usize, String),
}

/// A definition: file and fragment.
type DefKey = (usize, String);

struct Bundler<'s> {
    source: &'s dyn FileSource,
    files: Vec<Loaded>,
    by_path: HashMap<PathBuf, usize>,
    /// (kind, definition) -> its component name.
    names: HashMap<(&'static str, DefKey), String>,
    /// (kind, name) -> the definition that has it.
    taken: HashMap<(&'static str, String), DefKey>,
    /// Root components that are replaced by the definition their `$ref` names.
    aliases: HashMap<(&'static str, String), DefKey>,
    /// Hoisted definitions still to walk: kind, name, definition.
    queue: VecDeque<(Pos, String, DefKey)>,
    /// The path items being inlined, outermost first.
    inlining: Vec<DefKey>,
    /// (bundle pointer, file, pointer in file).
    origins: Vec<(String, String, String)>,
}

impl Bundler<'_> {
    fn run(mut self) -> Result<Bundle> {
        let mut doc = self.files[0].doc.clone();
        self.reserve_root_components(&doc)?;
        let root = Loc {
            file: 0,
            at: Pointer::root(),
            out: Pointer::root(),
        };
        self.walk(&mut doc, Pos::Document, &root)?;

        let mut hoisted: Vec<(&'static str, String, Value)> = Vec::new();
        while let Some((pos, name, (file, fragment))) = self.queue.pop_front() {
            let section = pos.section().unwrap_or("schemas");
            let mut value = self.lookup(file, &fragment).cloned().unwrap_or_default();
            let loc = Loc {
                file,
                at: Pointer::from_fragment(&fragment),
                out: Pointer::root().join("components").join(section).join(&name),
            };
            self.origin(&loc);
            self.walk(&mut value, pos, &loc)?;
            hoisted.push((section, name, value));
        }
        if !hoisted.is_empty() {
            insert_components(&mut doc, hoisted);
        }

        let root_name = self.files[0].name.clone();
        Ok(Bundle {
            doc,
            origins: Origins {
                root: root_name,
                files: self.files.into_iter().map(|f| f.name).collect(),
                entries: self.origins,
            },
        })
    }

    /// Claims the names of the root's components, and finds those that are only a `$ref` to
    /// another file's definition of the same name.
    fn reserve_root_components(&mut self, doc: &Value) -> Result<()> {
        let Some(Value::Mapping(components)) = doc.get("components") else {
            return Ok(());
        };
        let mut refs = Vec::new();
        for (section, entries) in components {
            let Some((section, _)) = section.as_str().and_then(Pos::from_section) else {
                continue;
            };
            let Value::Mapping(entries) = entries else {
                continue;
            };
            for (name, value) in entries {
                let name = key_token(name);
                let at = Pointer::root().join("components").join(section).join(&name);
                self.taken
                    .insert((section, name.clone()), (0, fragment(&at)));
                match pure_ref(value) {
                    Some(reference) if !reference.starts_with('#') => {
                        refs.push((section, name, reference.to_owned(), at));
                    }
                    _ => {}
                }
            }
        }
        for (section, name, reference, at) in refs {
            if let Def::Node(file, fragment) = self.definition(&reference, 0, &at, false)? {
                if file != 0 && self.component_name(file, &fragment) == name {
                    let key = (file, fragment);
                    self.names.insert((section, key.clone()), name.clone());
                    self.taken.insert((section, name.clone()), key.clone());
                    self.aliases.insert((section, name), key);
                }
            }
        }
        Ok(())
    }

    fn walk(&mut self, node: &mut Value, pos: Pos, loc: &Loc) -> Result<()> {
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

    fn children(&mut self, node: &mut Value, pos: Pos, loc: &Loc) -> Result<()> {
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
    fn discriminator(&mut self, node: &mut Value, loc: &Loc) -> Result<()> {
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
    fn components(&mut self, node: &mut Value, loc: &Loc) -> Result<()> {
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
    fn path_item(&mut self, node: &mut Value, loc: &Loc) -> Result<()> {
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

    /// The local reference a `$ref` (or discriminator mapping value) written at `at` in
    /// `file`, in a position of kind `pos`, becomes.
    fn reference(
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
    fn definition(
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
    fn target(&mut self, reference: &str, from: usize, at: &Pointer) -> Result<DefKey> {
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
        let path = normalize(&dir.join(relative));
        let site = self.site(from, at);
        let file = self.load(path, Some((reference, site)))?;
        Ok((file, fragment))
    }

    /// Reads and parses a file once.
    fn load(&mut self, path: PathBuf, referenced: Option<(&str, String)>) -> Result<usize> {
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
        let doc = super::text::parse(&text).map_err(|e| {
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
    fn hoist(
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
    fn component_name(&self, file: usize, fragment: &str) -> String {
        match Pointer::from_fragment(fragment).tokens().last() {
            Some(token) => token,
            None => self.files[file]
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    fn ref_of(&self, node: &Value, loc: &Loc) -> Result<Option<String>> {
        match node.get("$ref") {
            None => Ok(None),
            Some(Value::String(reference)) => Ok(Some(reference.clone())),
            Some(_) => Err(Error::unsupported(
                &self.site(loc.file, &loc.at),
                "`$ref` is not a string",
            )),
        }
    }

    fn lookup(&self, file: usize, fragment: &str) -> Option<&Value> {
        let mut node = &self.files[file].doc;
        for token in Pointer::from_fragment(fragment).tokens() {
            node = match node {
                Value::Mapping(map) => match map.get(token.as_str()) {
                    Some(found) => found,
                    None => map.iter().find(|(k, _)| key_token(k) == token)?.1,
                },
                Value::Sequence(items) => items.get(token.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    fn origin(&mut self, loc: &Loc) {
        let at = self.site(loc.file, &loc.at);
        let file = &self.files[loc.file].name;
        let at = at[file.len()..].to_owned();
        self.origins.push((loc.out.to_string(), file.clone(), at));
    }

    /// `file#/pointer`.
    fn site(&self, file: usize, at: &Pointer) -> String {
        format!("{}{at}", self.files[file].name)
    }

    fn site_of(&self, file: usize, fragment: &str) -> String {
        format!("{}#{fragment}", self.files[file].name)
    }
}

/// Appends hoisted definitions to the root's `components`, per kind, in order.
fn insert_components(doc: &mut Value, hoisted: Vec<(&'static str, String, Value)>) {
    let Value::Mapping(root) = doc else { return };
    let components = root
        .entry(Value::String("components".to_owned()))
        .or_insert_with(|| Value::Mapping(Mapping::new()));
    if components.is_null() {
        *components = Value::Mapping(Mapping::new());
    }
    let Value::Mapping(components) = components else {
        return;
    };
    for (section, name, value) in hoisted {
        let entries = components
            .entry(Value::String(section.to_owned()))
            .or_insert_with(|| Value::Mapping(Mapping::new()));
        if entries.is_null() {
            *entries = Value::Mapping(Mapping::new());
        }
        if let Value::Mapping(entries) = entries {
            entries.insert(Value::String(name), value);
        }
    }
}

/// The `$ref` of a node that is nothing but a `$ref`.
fn pure_ref(node: &Value) -> Option<&str> {
    match node {
        Value::Mapping(map) if map.len() == 1 => map.get("$ref")?.as_str(),
        _ => None,
    }
}

/// `(kind, name)` if the fragment is `/components/<kind>/<name>`.
fn root_component(fragment: &str) -> Option<(String, String)> {
    let tokens: Vec<String> = Pointer::from_fragment(fragment).tokens().collect();
    match tokens.as_slice() {
        [components, kind, name] if components == "components" => {
            Some((kind.clone(), name.clone()))
        }
        _ => None,
    }
}

/// The fragment (`/a/b`) of a pointer (`#/a/b`).
fn fragment(pointer: &Pointer) -> String {
    pointer.as_str().trim_start_matches('#').to_owned()
}

/// A mapping key as a pointer token.
fn key_token(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_owned(),
        _ => "?".to_owned(),
    }
}

/// `scheme:...` (two or more letters, so a Windows drive is not one) or `//host/...`.
fn is_url(reference: &str) -> bool {
    if reference.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = reference.split_once(':') else {
        return false;
    };
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// What OpenAPI allows as a component name: `^[a-zA-Z0-9.\-_]+$`.
fn is_component_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

/// `%XX` escapes decoded (a `$ref` is a URI reference); the text unchanged if they do not
/// decode to UTF-8.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised() {
        assert!(is_url("http://example.com/x.yaml#/A"));
        assert!(is_url("https://example.com/x.yaml"));
        assert!(is_url("//example.com/x.yaml"));
        assert!(is_url("urn:x"));
        assert!(!is_url("./x.yaml#/A"));
        assert!(!is_url("#/components/schemas/A:B"));
        assert!(!is_url("x.yaml#/a:b"));
        assert!(!is_url("C:x.yaml"));
    }

    #[test]
    fn percent_escapes_decode() {
        assert_eq!(percent_decode("/paths/~1a~1%7Bid%7D"), "/paths/~1a~1{id}");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%ff"), "%ff");
    }
}
