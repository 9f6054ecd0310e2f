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

use super::source::{normalize_path, FileSource};
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
    bundler.load(normalize_path(root), None)?;
    super::check_version(&bundler.files[0].doc)?;
    bundler.run()
}

mod resolve;
mod syntax;
mod walk;

use super::grammar::Pos;
use syntax::{fragment, key_token, pure_ref};

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
