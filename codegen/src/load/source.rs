//! Where spec files come from: the file system, or an in-memory map (for tests and tools).
//!
//! The loader names every file by a path it builds itself: the root path as given, and for
//! each relative `$ref` the referring file's directory joined with the reference, normalised
//! lexically (`.` dropped, `dir/..` folded; symbolic links are not followed). Those paths are
//! what a [`FileSource`] is asked for and what error messages show.

use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Reads the text of spec files.
pub trait FileSource {
    /// The text of the file at `path` (a path normalised by [`normalize_path`]).
    fn read(&self, path: &Path) -> io::Result<String>;
}

/// Files on disk, optionally below a base directory that relative paths are read against
/// (the base is not part of the names shown in errors).
#[derive(Debug, Clone, Default)]
pub struct FsSource {
    base: Option<PathBuf>,
}

impl FsSource {
    /// Reads paths as they are (relative ones against the current directory).
    pub fn new() -> Self {
        FsSource { base: None }
    }

    /// Reads relative paths against `base`, so errors can name files relative to it.
    pub fn rooted(base: impl Into<PathBuf>) -> Self {
        FsSource {
            base: Some(base.into()),
        }
    }
}

impl FileSource for FsSource {
    fn read(&self, path: &Path) -> io::Result<String> {
        match &self.base {
            Some(base) => std::fs::read_to_string(base.join(path)),
            None => std::fs::read_to_string(path),
        }
    }
}

/// Files held in memory, keyed by normalised path.
#[derive(Debug, Clone, Default)]
pub struct MemorySource {
    files: BTreeMap<PathBuf, String>,
}

impl MemorySource {
    /// No files.
    pub fn new() -> Self {
        Self::default()
    }

    /// This source with one more file.
    #[must_use]
    pub fn with(mut self, path: impl AsRef<Path>, text: impl Into<String>) -> Self {
        self.insert(path, text);
        self
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.files
            .insert(normalize_path(path.as_ref()), text.into());
    }
}

impl FileSource for MemorySource {
    fn read(&self, path: &Path) -> io::Result<String> {
        self.files
            .get(&normalize_path(path))
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }
}

/// `path` with `.` components dropped and `dir/..` pairs folded, without touching the file
/// system. Leading `..` components of a relative path are kept.
pub fn normalize_path(path: &Path) -> PathBuf {
    let mut out: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(component),
            },
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// A path as error messages show it: with `/` separators on every platform.
pub(crate) fn display(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_dots() {
        let n = |p: &str| display(&normalize_path(Path::new(p)));
        assert_eq!(
            n("spec/paths/../components/./chats.yaml"),
            "spec/components/chats.yaml"
        );
        assert_eq!(n("./openapi.yaml"), "openapi.yaml");
        assert_eq!(n("../x/../../y.yaml"), "../../y.yaml");
        assert_eq!(n("/a/../../b.yaml"), "/b.yaml");
        assert_eq!(n("a/.."), ".");
    }

    #[test]
    fn memory_source_reads_normalised_paths() {
        let source = MemorySource::new().with("spec/./a.yaml", "x: 1");
        assert_eq!(source.read(Path::new("spec/b/../a.yaml")).unwrap(), "x: 1");
        let missing = source.read(Path::new("spec/c.yaml")).unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }
}
