//! Rustdoc text assembled from the spec: a schema's description and constraints, paragraphs,
//! one-line summaries.

use openapiv3::{SchemaData, SchemaKind, Type, VariantOrUnknownOrEmpty};

/// The description (or title) of a schema, with its constraints and default appended.
pub fn schema_doc(data: &SchemaData, kind: &SchemaKind) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(text) = data.description.as_deref().or(data.title.as_deref()) {
        if !text.trim().is_empty() {
            parts.push(text.trim().to_owned());
        }
    }
    let constraints = constraints(kind);
    if !constraints.is_empty() {
        parts.push(format!("Constraints: {}.", constraints.join(", ")));
    }
    if let Some(default) = &data.default {
        parts.push(format!("Defaults to `{default}`."));
    }
    if data.deprecated {
        parts.push("**Deprecated.**".to_owned());
    }
    join(parts)
}

/// Paragraphs joined with blank lines, or `None` when there are none.
pub fn join(parts: Vec<String>) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().filter(|p| !p.trim().is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

fn constraints(kind: &SchemaKind) -> Vec<String> {
    let mut out = Vec::new();
    let SchemaKind::Type(ty) = kind else {
        return out;
    };
    match ty {
        Type::String(s) => {
            if let VariantOrUnknownOrEmpty::Unknown(format) = &s.format {
                if !matches!(format.as_str(), "uuid") {
                    out.push(format!("format `{format}`"));
                }
            }
            push(&mut out, "minLength", s.min_length);
            push(&mut out, "maxLength", s.max_length);
            if let Some(pattern) = &s.pattern {
                out.push(format!("pattern `{pattern}`"));
            }
        }
        Type::Integer(i) => {
            bound(&mut out, "minimum", i.minimum, i.exclusive_minimum);
            bound(&mut out, "maximum", i.maximum, i.exclusive_maximum);
            push(&mut out, "multipleOf", i.multiple_of);
        }
        Type::Number(n) => {
            bound(&mut out, "minimum", n.minimum, n.exclusive_minimum);
            bound(&mut out, "maximum", n.maximum, n.exclusive_maximum);
            push(&mut out, "multipleOf", n.multiple_of);
        }
        Type::Array(a) => {
            push(&mut out, "minItems", a.min_items);
            push(&mut out, "maxItems", a.max_items);
            if a.unique_items {
                out.push("`uniqueItems`".to_owned());
            }
        }
        Type::Object(o) => {
            push(&mut out, "minProperties", o.min_properties);
            push(&mut out, "maxProperties", o.max_properties);
        }
        Type::Boolean(_) => {}
    }
    out
}

fn push(out: &mut Vec<String>, name: &str, value: Option<impl std::fmt::Display>) {
    if let Some(v) = value {
        out.push(format!("`{name}: {v}`"));
    }
}

fn bound(
    out: &mut Vec<String>,
    name: &str,
    value: Option<impl std::fmt::Display>,
    exclusive: bool,
) {
    if let Some(v) = value {
        let kind = if exclusive { " (exclusive)" } else { "" };
        out.push(format!("`{name}: {v}`{kind}"));
    }
}

/// The first non-empty line of a doc text, for short mentions such as setter docs.
pub fn summary(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}
