//! Spec text → rustdoc attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` attributes (printed as `///` lines).
pub fn outer(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "…"]` attributes (printed as `//!` lines).
pub fn inner(text: &str) -> TokenStream {
    let lines = lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// Doc lines, each with the leading space `///` comments have. Code fences without a
/// language become `text` so rustdoc does not compile spec examples as Rust doctests, and
/// indentation that Markdown would read as a code block is trimmed.
fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    // A lone `\r` is a line break too (and rustc rejects one inside a doc comment).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
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
            format!(
                "{}{}",
                " ".repeat(indent.min(3)),
                escape_brackets(trimmed.trim_end())
            )
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    out
}

/// Escapes `[text]` outside code spans unless it is a Markdown link (`[text](url)`), so
/// rustdoc does not read spec prose such as `**[BETA]**` as an intra-doc link.
fn escape_brackets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => in_code = !in_code,
            '[' if !in_code => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&c| c == ']')
                    .map(|p| p + i + 1);
                let is_link = close.is_some_and(|close| chars.get(close + 1) == Some(&'('));
                if !is_link {
                    out.push_str("\\[");
                    if let Some(close) = close {
                        out.extend(&chars[i + 1..close]);
                        out.push_str("\\]");
                        i = close + 1;
                        continue;
                    }
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{escape_brackets, lines};

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(escape_brackets("**[BETA]** score"), "**\\[BETA\\]** score");
        assert_eq!(
            escape_brackets("see [the docs](https://x.y)"),
            "see [the docs](https://x.y)"
        );
        assert_eq!(
            escape_brackets("range `[start, end)` and [a"),
            "range `[start, end)` and \\[a"
        );
    }

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
