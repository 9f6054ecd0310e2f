//! Spec text → rustdoc attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes (printed as `///` lines) for optional text.
pub fn outer(text: Option<&str>) -> TokenStream {
    let lines = lines(text.unwrap_or(""));
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "…"]` attributes (printed as `//!` lines).
pub fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The first sentence-ish line of a doc text, for short mentions.
pub fn summary(text: Option<&str>) -> Option<String> {
    let first = text?.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(first.to_owned())
}

/// Doc lines, each with the leading space `///` comments have. Code fences without a
/// language become `text` so rustdoc does not compile spec examples as Rust doctests, and
/// indentation that Markdown would read as a code block is trimmed.
fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        let line = if let Some(lang) = trimmed.strip_prefix("```") {
            let opening = !in_fence;
            in_fence = !in_fence;
            if opening && lang.trim().is_empty() {
                "```text".to_owned()
            } else {
                trimmed.to_owned()
            }
        } else if in_fence {
            line.to_owned()
        } else {
            let indent = line.len() - trimmed.len();
            format!("{}{}", " ".repeat(indent.min(3)), trimmed.trim_end())
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn bare_fences_become_text() {
        assert_eq!(
            lines("a\n```\nlet x;\n```"),
            [" a", " ```text", " let x;", " ```"]
        );
    }

    #[test]
    fn fences_with_a_language_are_kept() {
        assert_eq!(lines("```json\n{}\n```"), [" ```json", " {}", " ```"]);
    }

    #[test]
    fn deep_indentation_is_not_a_code_block() {
        assert_eq!(lines("- a\n      - b"), [" - a", "    - b"]);
    }
}
