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

/// How wide doc text may run before it is wrapped, so that a `///` line nested in an `impl`
/// stays within 100 columns.
const WIDTH: usize = 88;

/// Doc lines, each with the leading space `///` comments have. Code fences without a
/// language become `text` so rustdoc does not compile spec examples as Rust doctests,
/// indentation that Markdown would read as a code block is trimmed, and prose is wrapped
/// at [`WIDTH`] (not code, tables or headings).
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
            let prose = format!(
                "{}{}",
                " ".repeat(indent.min(3)),
                escape_brackets(trimmed.trim_end())
            );
            out.extend(wrap(&prose, WIDTH).into_iter().map(|l| format!(" {l}")));
            continue;
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    out
}

/// A Markdown prose line broken at spaces to fit `width`; continuation lines of a list item
/// are indented under its text. Tables and headings are left whole, and no continuation
/// starts with what Markdown would read as a new list item, quote or heading.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let trimmed = line.trim_start();
    let columns = |text: &str| text.chars().count();
    if columns(line) <= width || trimmed.starts_with('|') || trimmed.starts_with('#') {
        return vec![line.to_owned()];
    }
    let indent = &line[..line.len() - trimmed.len()];
    let hanging = format!("{indent}{}", " ".repeat(list_marker(trimmed)));
    let mut out = Vec::new();
    let mut current = indent.to_owned();
    // Inside a code span (an odd number of backticks so far), a break would split it.
    let mut in_code = false;
    for (i, word) in trimmed.split(' ').enumerate() {
        let too_long = columns(&current) + 1 + columns(word) > width;
        if i > 0 && too_long && !in_code && can_start_line(word) {
            out.push(std::mem::replace(&mut current, format!("{hanging}{word}")));
        } else {
            if i > 0 {
                current.push(' ');
            }
            current.push_str(word);
        }
        in_code ^= word.matches('`').count() % 2 == 1;
    }
    out.push(current);
    out
}

/// The width of a list item's marker and its space (`- `, `* `, `12. `), or 0.
fn list_marker(text: &str) -> usize {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("+ ") {
        return 2;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    match text.as_bytes().get(digits..digits + 2) {
        Some([b'.' | b')', b' ']) if digits > 0 => digits + 2,
        _ => 0,
    }
}

/// Whether a word may begin a continuation line without changing the Markdown.
fn can_start_line(word: &str) -> bool {
    !word.is_empty()
        && !matches!(
            word.as_bytes()[0],
            b'-' | b'*' | b'+' | b'#' | b'>' | b'|' | b'='
        )
        && list_marker(&format!("{word} ")) == 0
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
    fn long_prose_wraps_at_spaces() {
        let text = "word ".repeat(30);
        let wrapped = lines(&text);
        assert!(wrapped.len() > 1);
        assert!(
            wrapped.iter().all(|l| l.len() <= super::WIDTH + 1),
            "{wrapped:?}"
        );
        assert_eq!(wrapped.join(" ").split_whitespace().count(), 30);
    }

    #[test]
    fn a_list_item_continues_under_its_text() {
        let text = format!("- {}", "item ".repeat(25));
        let wrapped = lines(&text);
        assert!(wrapped[0].starts_with(" - item"));
        assert!(wrapped[1].starts_with("   item"), "{wrapped:?}");
    }

    #[test]
    fn no_continuation_starts_a_list_or_heading() {
        let text = format!("{} - 10 # 5. x", "a ".repeat(42));
        for line in &lines(&text)[1..] {
            let first = line.trim_start().split(' ').next().unwrap_or("");
            assert!(!["-", "#", "5."].contains(&first), "{line:?}");
        }
    }

    #[test]
    fn a_code_span_is_not_split() {
        let text = format!(
            "{} `POST /v3/phone_numbers/{{phoneNumber}}/audit` end",
            "a ".repeat(38)
        );
        let wrapped = lines(&text);
        assert!(
            wrapped
                .iter()
                .any(|l| l.contains("`POST /v3/phone_numbers/{phoneNumber}/audit`")),
            "{wrapped:?}"
        );
    }

    #[test]
    fn tables_and_short_lines_are_kept_whole() {
        let row = format!("| {} |", "cell ".repeat(30));
        assert_eq!(lines(&row), [format!(" {row}")]);
        assert_eq!(lines("short"), [" short"]);
    }

    #[test]
    fn deep_indentation_is_not_a_code_block() {
        assert_eq!(lines("- a\n      - b"), [" - a", "    - b"]);
    }
}
