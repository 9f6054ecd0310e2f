//! The hand-written half of `linq-api/api.md`: what the runtime exports, read from its
//! source with `syn` (one line per item and public method), so that a change to it shows in
//! the same review as a change to the generated surface.
//!
//! Exported means named by a `pub use` of `lib.rs` (not from `generated`, not
//! `#[doc(hidden)]`) or defined in a public module of it; the methods are those of
//! inherent `impl` blocks for exported types and for generated types that hand-written code
//! extends (`impl MessageEvent { … }` in `extras/`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use codegen::GeneratedFile;
use syn::{Attribute, ImplItem, Item, UseTree, Visibility};

/// The heading that starts the hand-written part of `api.md`.
pub const HEADING: &str = "# Hand-written surface";

/// One exported item: its kind (`struct`, `fn`…), its summary, its members and its public
/// methods.
#[derive(Default)]
struct Entry {
    kind: String,
    summary: String,
    /// Public fields of a struct, variants of an enum.
    members: Vec<String>,
    methods: Vec<String>,
}

/// The markdown section for the SDK whose source is `sdk` (its `lib.rs`, hand-written
/// modules, and the generated `client.rs` and `testing.rs`, which the generator writes from
/// a template rather than from the spec) over the runtime whose source is `runtime`;
/// `generated` names the generated types, whose hand-written methods are listed too, and
/// `files` are the generated files as this run writes them (read instead of the copies on
/// disk, which may be older).
pub fn markdown(
    sdk: &Path,
    runtime: &Path,
    generated: &BTreeSet<String>,
    files: &[GeneratedFile],
) -> Result<String, String> {
    let sources = Sources { sdk, files };
    let runtime_lib = parse(&runtime.join("lib.rs"))?;
    // What `pub use codegen_runtime::exports::*` brings in.
    let mut runtime_exports = Vec::new();
    for item in &runtime_lib.items {
        if let Item::Mod(m) = item {
            if m.ident == "exports" {
                for item in m.content.iter().flat_map(|(_, items)| items) {
                    if let Item::Use(u) = item {
                        leaves(&u.tree, &mut runtime_exports);
                    }
                }
            }
        }
    }
    // Bare name → the name the page shows (`webhooks::Webhooks` for a public module's item).
    let mut exported: BTreeMap<String, String> = BTreeMap::new();
    // The public modules defined in a file of their own: their name and that file.
    let mut public_modules: Vec<(String, PathBuf)> = Vec::new();
    // `lib.rs`, and the generated root it re-exports with `pub use generated::*`.
    let mut roots = vec![sdk.to_path_buf()];
    while let Some(dir) = roots.pop() {
        let file = sources.parse(&dir.join(if dir == sdk { "lib.rs" } else { "mod.rs" }))?;
        for item in &file.items {
            match item {
                Item::Use(u) if is_pub(&u.vis) && !hidden(&u.attrs) => {
                    if is_glob_of(&u.tree, "exports") {
                        exported.extend(runtime_exports.iter().map(|n| (n.clone(), n.clone())));
                    }
                    if is_glob_of(&u.tree, "generated") {
                        roots.push(dir.join("generated"));
                    }
                    let mut names = Vec::new();
                    leaves(&u.tree, &mut names);
                    exported.extend(names.into_iter().map(|n| (n.clone(), n)));
                }
                // A module that is a folder (`resources`, `types`) is generated from the
                // spec, and on the page already.
                Item::Mod(m) if is_pub(&m.vis) && !hidden(&m.attrs) => {
                    let name = m.ident.to_string();
                    let path = dir.join(format!("{name}.rs"));
                    if sources.exists(&path) {
                        public_modules.push((name, path));
                    }
                }
                _ => {}
            }
        }
    }
    // A public module lists its own items and what it re-exports.
    for (module, path) in &public_modules {
        for item in &sources.parse(path)?.items {
            let mut names = Vec::new();
            match item {
                Item::Use(u) if is_pub(&u.vis) && !hidden(&u.attrs) => leaves(&u.tree, &mut names),
                item => names.extend(public_item(item).map(|(_, name, _)| name)),
            }
            exported.extend(
                names
                    .into_iter()
                    .map(|n| (n.clone(), format!("{module}::{n}"))),
            );
        }
    }
    // The runtime's files first: an item the SDK defines under the same name (its
    // `ClientBuilder` alias) keeps the runtime's kind and summary.
    let mut files = Vec::new();
    for path in rust_files(runtime)?.into_iter().chain(rust_files(sdk)?) {
        files.push(parse(&path)?);
    }
    for name in ["client.rs", "testing.rs"] {
        files.push(sources.parse(&sdk.join("generated").join(name))?);
    }
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for file in &files {
        for item in &file.items {
            collect(item, &exported, generated, &mut entries);
        }
    }
    let mut out = format!(
        "{HEADING}\n\nRead from the runtime's source by `cargo xtask regenerate`: every item `lib.rs` \
         exports that is not generated, and the methods written by hand for generated types. \
         One line per item and public method.\n"
    );
    for (name, entry) in &entries {
        let kind = match entry.kind.as_str() {
            "" => "generated, methods added by hand",
            kind => kind,
        };
        out.push_str(&format!("\n## `{name}` — {kind}\n"));
        if !entry.summary.is_empty() {
            out.push_str(&format!("\n{}\n", entry.summary));
        }
        if !entry.members.is_empty() || !entry.methods.is_empty() {
            out.push('\n');
        }
        for member in &entry.members {
            out.push_str(&format!("- {member}\n"));
        }
        for method in &entry.methods {
            out.push_str(&format!("- `{method}`\n"));
        }
    }
    Ok(out)
}

/// Records `item` if it is exported (or, for an `impl`, if it extends an exported or
/// generated type).
fn collect(
    item: &Item,
    exported: &BTreeMap<String, String>,
    generated: &BTreeSet<String>,
    entries: &mut BTreeMap<String, Entry>,
) {
    let listed = |name: &str| exported.contains_key(name);
    let shown = |name: &str| {
        exported
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    };
    if let Item::Impl(i) = item {
        let Some(name) = self_name(&i.self_ty).filter(|_| i.trait_.is_none()) else {
            return;
        };
        if !listed(&name) && !generated.contains(&name) {
            return;
        }
        let methods = i.items.iter().filter_map(|member| match member {
            ImplItem::Fn(f) if is_pub(&f.vis) && !hidden(&f.attrs) => Some(signature(&f.sig)),
            _ => None,
        });
        entries
            .entry(shown(&name))
            .or_default()
            .methods
            .extend(methods);
        return;
    }
    let Some((kind, name, attrs)) = public_item(item) else {
        return;
    };
    if !listed(&name) {
        return;
    }
    let entry = entries.entry(shown(&name)).or_default();
    if !entry.kind.is_empty() {
        return;
    }
    entry.kind = kind.to_owned();
    entry.summary = summary(attrs);
    entry.members = members(item);
    if let Item::Fn(f) = item {
        entry.methods.push(signature(&f.sig));
    }
}

/// The public fields of a struct (`` field `name: Type` ``) or the variants of an enum.
fn members(item: &Item) -> Vec<String> {
    match item {
        Item::Struct(s) => s
            .fields
            .iter()
            .filter(|f| is_pub(&f.vis) && !hidden(&f.attrs))
            .filter_map(|f| {
                let ty = &f.ty;
                let ty = codegen::surface::compact(&quote::quote!(#ty).to_string());
                f.ident.as_ref().map(|name| format!("field `{name}: {ty}`"))
            })
            .collect(),
        Item::Enum(e) => e
            .variants
            .iter()
            .filter(|v| !hidden(&v.attrs))
            .map(|v| format!("variant `{}`", v.ident))
            .collect(),
        _ => Vec::new(),
    }
}

/// A public item that is not hidden: its kind, name and attributes.
fn public_item(item: &Item) -> Option<(&'static str, String, &[Attribute])> {
    let (kind, ident, vis, attrs) = match item {
        Item::Struct(i) => ("struct", &i.ident, &i.vis, &i.attrs),
        Item::Enum(i) => ("enum", &i.ident, &i.vis, &i.attrs),
        Item::Trait(i) => ("trait", &i.ident, &i.vis, &i.attrs),
        Item::Type(i) => ("type", &i.ident, &i.vis, &i.attrs),
        Item::Const(i) => ("const", &i.ident, &i.vis, &i.attrs),
        Item::Fn(i) => ("fn", &i.sig.ident, &i.vis, &i.attrs),
        _ => return None,
    };
    (is_pub(vis) && !hidden(attrs)).then(|| (kind, ident.to_string(), attrs.as_slice()))
}

/// Whether `tree` is `….<module>::*`.
fn is_glob_of(tree: &UseTree, module: &str) -> bool {
    match tree {
        UseTree::Path(p) if p.ident == module => matches!(*p.tree, UseTree::Glob(_)),
        UseTree::Path(p) => is_glob_of(&p.tree, module),
        _ => false,
    }
}

/// The names a `use` tree brings in, except external crates' items (`reqwest::Method` is
/// reqwest's to document).
fn leaves(tree: &UseTree, out: &mut Vec<String>) {
    match tree {
        UseTree::Path(p) if p.ident == "reqwest" => {}
        UseTree::Path(p) => leaves(&p.tree, out),
        UseTree::Name(n) => out.push(n.ident.to_string()),
        UseTree::Rename(r) => out.push(r.rename.to_string()),
        UseTree::Group(g) => g.items.iter().for_each(|t| leaves(t, out)),
        UseTree::Glob(_) => {}
    }
}

/// The last segment of an impl's self type (`Webhooks`, `Request` of `Request<T, K, D>`).
fn self_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// A function signature on one line, as rustfmt would print it.
fn signature(sig: &syn::Signature) -> String {
    let item: syn::ItemFn = syn::parse_quote!(pub #sig {});
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![Item::Fn(item)],
    };
    let text = prettyplease::unparse(&file);
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line
        .trim_end_matches("{}")
        .trim_end()
        .replace("( ", "(")
        .replace(", )", ")")
        .replace("< ", "<")
        .replace("(mut self", "(self")
}

/// The first paragraph of an item's rustdoc, on one line.
fn summary(attrs: &[Attribute]) -> String {
    let lines = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        });
    let paragraph: Vec<String> = lines.take_while(|l| !l.is_empty()).collect();
    paragraph.join(" ")
}

fn is_pub(vis: &Visibility) -> bool {
    matches!(vis, Visibility::Public(_))
}

/// `#[doc(hidden)]`, or test-only code (`#[cfg(test)]`).
fn hidden(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        let word = a.parse_args::<syn::Ident>().ok();
        let word = word.as_ref().map(ToString::to_string);
        (a.path().is_ident("doc") && word.as_deref() == Some("hidden"))
            || (a.path().is_ident("cfg") && word.as_deref() == Some("test"))
    })
}

/// The SDK's source as this run sees it: generated files from memory, the rest from disk.
struct Sources<'a> {
    sdk: &'a Path,
    files: &'a [GeneratedFile],
}

impl Sources<'_> {
    /// The generated file at `path`, when it is one.
    fn generated(&self, path: &Path) -> Option<&GeneratedFile> {
        let relative = path.strip_prefix(self.sdk.join("generated")).ok()?;
        self.files.iter().find(|f| f.path == relative)
    }

    fn exists(&self, path: &Path) -> bool {
        self.generated(path).is_some() || path.is_file()
    }

    fn parse(&self, path: &Path) -> Result<syn::File, String> {
        match self.generated(path) {
            Some(file) => {
                syn::parse_file(&file.contents).map_err(|e| format!("{}: {e}", path.display()))
            }
            None => parse(path),
        }
    }
}

fn parse(path: &Path) -> Result<syn::File, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The hand-written source files under `src`, sorted, without `generated/` and test modules.
fn rust_files(src: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "generated" {
                    dirs.push(path);
                }
            } else if name.ends_with(".rs") && name != "tests.rs" {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
