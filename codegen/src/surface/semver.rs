//! What a surface change means for the SDK's users: each change is breaking (code that
//! compiled before may not compile now) or compatible (an addition), and the set implies a
//! version bump. Every type is `#[non_exhaustive]`, so a new variant, value or response
//! field breaks nobody; a new required field of a type callers build changes its `new`.

use std::collections::BTreeMap;
use std::fmt;

use super::{Member, Surface, Type};

/// How a change affects code written against the previous version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Code that compiled before may not compile.
    Breaking,
    /// Only additions.
    Compatible,
}

/// One change of the public surface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Breaking or compatible.
    pub impact: Impact,
    /// What changed, naming the item.
    pub what: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let impact = match self.impact {
            Impact::Breaking => "breaking",
            Impact::Compatible => "compatible",
        };
        write!(f, "{impact}: {}", self.what)
    }
}

/// The changes from `old` to `new`, breaking ones first, each group in surface order.
pub fn diff(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |impact, what: String| changes.push(Change { impact, what });

    let methods = |s: &Surface| -> BTreeMap<String, (String, String)> {
        s.resources
            .iter()
            .flat_map(|(path, methods)| {
                methods.iter().map(move |m| {
                    (
                        format!("{path}.{}", m.name),
                        (m.signature.clone(), m.route.clone()),
                    )
                })
            })
            .collect()
    };
    let (old_methods, new_methods) = (methods(old), methods(new));
    for (key, (signature, _)) in &old_methods {
        match new_methods.get(key) {
            None => push(Impact::Breaking, format!("method `{key}` removed")),
            Some((now, _)) if now != signature => push(
                Impact::Breaking,
                format!("method `{key}` changed: `{signature}` → `{now}`"),
            ),
            _ => {}
        }
    }
    for (key, (_, route)) in &new_methods {
        if !old_methods.contains_key(key) {
            push(
                Impact::Compatible,
                format!("method `{key}` added ({route})"),
            );
        }
    }

    let types = |s: &Surface| -> BTreeMap<String, Type> {
        s.types
            .iter()
            .map(|t| (t.name.clone(), t.clone()))
            .collect()
    };
    let (old_types, new_types) = (types(old), types(new));
    for (name, before) in &old_types {
        let Some(after) = new_types.get(name) else {
            push(Impact::Breaking, format!("type `{name}` removed"));
            continue;
        };
        if before.kind != after.kind {
            push(
                Impact::Breaking,
                format!(
                    "type `{name}` changed from {} to {}",
                    before.kind, after.kind
                ),
            );
            continue;
        }
        members(name, before, after, &mut push);
    }
    for name in new_types.keys().filter(|n| !old_types.contains_key(*n)) {
        push(Impact::Compatible, format!("type `{name}` added"));
    }
    changes.sort_by_key(|c| c.impact);
    changes
}

fn members(name: &str, before: &Type, after: &Type, push: &mut impl FnMut(Impact, String)) {
    let what = match before.kind.as_str() {
        "enum" => "value",
        "union" | "events" => "variant",
        _ => "field",
    };
    let by_name = |t: &Type| -> BTreeMap<String, Member> {
        t.members
            .iter()
            .map(|m| (m.name.clone(), m.clone()))
            .collect()
    };
    let (old, new) = (by_name(before), by_name(after));
    for (member, was) in &old {
        match new.get(member) {
            None => push(
                Impact::Breaking,
                format!("{what} `{name}.{member}` removed"),
            ),
            Some(now) if now.ty != was.ty => push(
                Impact::Breaking,
                format!(
                    "{what} `{name}.{member}` changed type: `{}` → `{}`",
                    was.ty, now.ty
                ),
            ),
            Some(now) if now.presence != was.presence && after.built => push(
                Impact::Breaking,
                format!(
                    "{what} `{name}.{member}` became {} in a type callers build",
                    now.presence
                ),
            ),
            _ => {}
        }
    }
    for (member, now) in new.iter().filter(|(m, _)| !old.contains_key(*m)) {
        if after.built && now.presence == "required" {
            push(
                Impact::Breaking,
                format!("required {what} `{name}.{member}` added: `{name}::new` takes it"),
            );
        } else {
            push(
                Impact::Compatible,
                format!("{what} `{name}.{member}` added"),
            );
        }
    }
}

/// The version `changes` imply after `version` (`major.minor.patch`), by Cargo's rules for
/// 0.x: breaking → minor, compatible → patch (1.x and later: breaking → major, compatible →
/// minor). `None` when nothing changed or the version does not parse.
pub fn bump(version: &str, changes: &[Change]) -> Option<String> {
    let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
    let (major, minor, patch) = (parts.next()??, parts.next()??, parts.next()??);
    let breaking = changes.iter().any(|c| c.impact == Impact::Breaking);
    Some(match (changes.is_empty(), breaking, major) {
        (true, _, _) => return None,
        (_, true, 0) => format!("0.{}.0", minor + 1),
        (_, false, 0) => format!("0.{minor}.{}", patch + 1),
        (_, true, _) => format!("{}.0.0", major + 1),
        (_, false, _) => format!("{major}.{}.0", minor + 1),
    })
}
