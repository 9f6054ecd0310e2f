//! JSON pointers (RFC 6901) into the spec, for error messages.

use std::fmt;

/// A JSON pointer such as `#/paths/~1v3~1chats/post`, built one token at a time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// This pointer extended by one token, escaped as RFC 6901 requires.
    pub fn join(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, token))
    }

    /// The pointer written as a URI fragment (`/a/b~1c`, already escaped), as `#/a/b~1c`.
    pub fn from_fragment(fragment: &str) -> Self {
        Pointer(format!("#{fragment}"))
    }

    /// The unescaped tokens of the pointer.
    pub fn tokens(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
