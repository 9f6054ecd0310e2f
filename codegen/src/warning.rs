//! What the generator could not map precisely: it degrades to the nearest sound type and says
//! so, naming where. A warning never stops generation; only a broken spec (see
//! [`crate::Error`]) does.

use std::fmt;

use indexmap::IndexSet;

/// A construct mapped to something less precise than the spec means, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Warning {
    /// JSON pointer of the construct (`file#/pointer` in a split spec).
    pub pointer: String,
    /// What was done instead, in a sentence.
    pub message: String,
}

impl Warning {
    /// A warning about the construct at `pointer`.
    pub fn new(pointer: impl fmt::Display, message: impl Into<String>) -> Self {
        Warning {
            pointer: pointer.to_string(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// The warnings of one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Warnings(IndexSet<Warning>);

impl Warnings {
    /// Records a warning about the construct at `pointer`.
    pub fn push(&mut self, pointer: impl fmt::Display, message: impl Into<String>) {
        self.0.insert(Warning::new(pointer, message));
    }

    /// Appends the warnings of `other`.
    pub fn extend(&mut self, other: Warnings) {
        self.0.extend(other.0);
    }

    /// The warnings, in order.
    pub fn into_vec(self) -> Vec<Warning> {
        self.0.into_iter().collect()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
