//! Values that are not plain text laid out on the wire: query parameters in the OpenAPI
//! styles (`form`, `deepObject`, space- and pipe-delimited), path parameters of union types,
//! and `application/x-www-form-urlencoded` bodies. Each value is serialized with serde to a
//! JSON tree first, then laid out; scalars are written as text (strings without quotes).

use serde::Serialize;
use serde_json::Value;

/// How a query parameter that is a list or an object is written (OpenAPI `style` and
/// `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`: with `explode`, `?id=a&id=b` and an object's properties as keys of their own;
    /// without, `?id=a,b` and `?point=x,1,y,2`.
    Form {
        /// Whether lists and objects are spread over several keys.
        explode: bool,
    },
    /// `deepObject`: `?filter[name]=x&filter[age]=3`.
    DeepObject,
    /// `spaceDelimited`: `?id=a%20b`.
    SpaceDelimited,
    /// `pipeDelimited`: `?id=a|b`.
    PipeDelimited,
}

impl QueryStyle {
    /// The style a spec names with `style` and `explode` (OpenAPI's words: `form`,
    /// `spaceDelimited`, `pipeDelimited`, `deepObject`). Generated code calls it in a `const`
    /// block, so a word this runtime does not know fails to compile instead of sending
    /// something else.
    ///
    /// # Panics
    ///
    /// When `style` is none of those words (at compile time, in a `const` block).
    pub const fn openapi(style: &str, explode: bool) -> QueryStyle {
        if same(style, "form") {
            QueryStyle::Form { explode }
        } else if same(style, "spaceDelimited") {
            QueryStyle::SpaceDelimited
        } else if same(style, "pipeDelimited") {
            QueryStyle::PipeDelimited
        } else if same(style, "deepObject") {
            QueryStyle::DeepObject
        } else {
            panic!("not an OpenAPI query style")
        }
    }
}

/// `a == b`, in a `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The text of a scalar; `None` for `null`, lists and objects.
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// The texts of a list of scalars; `None` for anything else (a list holding `null`, a
/// list or an object included).
pub(crate) fn scalar_list(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::Array(items) => items.iter().map(scalar).collect(),
        _ => None,
    }
}

/// A scalar as text, or anything else as compact JSON.
pub(crate) fn text(value: &Value) -> String {
    scalar(value).unwrap_or_else(|| value.to_string())
}

/// The query pairs of parameter `name` holding `value`, laid out in `style`.
pub(crate) fn query_pairs(
    name: &str,
    style: QueryStyle,
    value: &impl Serialize,
) -> Result<Vec<(String, String)>, String> {
    let value = serde_json::to_value(value)
        .map_err(|e| format!("query parameter `{name}` cannot be serialized: {e}"))?;
    let delimiter = match style {
        QueryStyle::SpaceDelimited => " ",
        QueryStyle::PipeDelimited => "|",
        _ => ",",
    };
    let explode = matches!(style, QueryStyle::Form { explode: true });
    let pairs = match &value {
        Value::Null => Vec::new(),
        Value::Array(_) if style == QueryStyle::DeepObject => deep_object(name, &value),
        Value::Array(items) if explode => items
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| (name.to_owned(), text(v)))
            .collect(),
        Value::Array(items) => {
            let joined: Vec<String> = items.iter().filter(|v| !v.is_null()).map(text).collect();
            vec![(name.to_owned(), joined.join(delimiter))]
        }
        Value::Object(entries) => match style {
            QueryStyle::DeepObject => deep_object(name, &value),
            QueryStyle::Form { explode: true } => entries
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), text(v)))
                .collect(),
            _ => {
                let flat: Vec<String> = entries
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .flat_map(|(k, v)| [k.clone(), text(v)])
                    .collect();
                vec![(name.to_owned(), flat.join(delimiter))]
            }
        },
        scalar => vec![(name.to_owned(), text(scalar))],
    };
    Ok(pairs)
}

/// `filter[name]=x`, nesting as deep as the value does (`filter[owner][id]=7`); list items
/// are numbered (`filter[tags][0]=a`), which keeps the fields of each object in a list
/// together (`items[0][price]=p&items[0][quantity]=2`), as bracket-parsing servers expect.
fn deep_object(prefix: &str, value: &Value) -> Vec<(String, String)> {
    match value {
        Value::Null => Vec::new(),
        Value::Object(entries) => entries
            .iter()
            .flat_map(|(k, v)| deep_object(&format!("{prefix}[{k}]"), v))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, v)| deep_object(&format!("{prefix}[{i}]"), v))
            .collect(),
        scalar => vec![(prefix.to_owned(), text(scalar))],
    }
}

/// The text of a path parameter of a union or other serialized type: it must be a scalar.
pub(crate) fn path_text(name: &str, value: &impl Serialize) -> Result<String, String> {
    let value = serde_json::to_value(value)
        .map_err(|e| format!("path parameter `{name}` cannot be serialized: {e}"))?;
    scalar(&value)
        .ok_or_else(|| format!("path parameter `{name}` must be a single value, not {value}"))
}

/// `value` as an `application/x-www-form-urlencoded` body: an object's properties as keys
/// (a list of scalars repeats the key, as OpenAPI's default `form` style does; objects and
/// lists of objects nest in brackets), serialized by `form_urlencoded`.
pub(crate) fn form(value: &impl Serialize) -> Result<Vec<u8>, String> {
    let value = serde_json::to_value(value)
        .map_err(|e| format!("the request body cannot be serialized: {e}"))?;
    let Value::Object(entries) = &value else {
        return Err(format!("a form body must be an object, not {value}"));
    };
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (key, value) in entries {
        match scalar_list(value) {
            Some(items) => {
                for item in items {
                    form.append_pair(key, &item);
                }
            }
            None => {
                for (k, v) in deep_object(key, value) {
                    form.append_pair(&k, &v);
                }
            }
        }
    }
    Ok(form.finish().into_bytes())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn pairs(style: QueryStyle, value: Value) -> Vec<(String, String)> {
        query_pairs("p", style, &value).unwrap()
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn form_explode_repeats_the_key_for_lists() {
        let got = pairs(QueryStyle::Form { explode: true }, json!(["a", "b"]));
        assert_eq!(got, owned(&[("p", "a"), ("p", "b")]));
    }

    #[test]
    fn form_without_explode_joins_lists_with_commas() {
        let got = pairs(QueryStyle::Form { explode: false }, json!(["a", 1, true]));
        assert_eq!(got, owned(&[("p", "a,1,true")]));
    }

    #[test]
    fn delimited_styles_join_with_their_delimiter() {
        assert_eq!(
            pairs(QueryStyle::SpaceDelimited, json!(["a", "b"])),
            owned(&[("p", "a b")])
        );
        assert_eq!(
            pairs(QueryStyle::PipeDelimited, json!(["a", "b"])),
            owned(&[("p", "a|b")])
        );
    }

    #[test]
    fn deep_object_nests_keys_in_brackets() {
        let got = pairs(
            QueryStyle::DeepObject,
            json!({"a_name": "x", "b_owner": {"id": 7}, "c_none": null}),
        );
        assert_eq!(got, owned(&[("p[a_name]", "x"), ("p[b_owner][id]", "7")]));
    }

    #[test]
    fn deep_object_numbers_list_items() {
        let got = pairs(QueryStyle::DeepObject, json!(["a", "b"]));
        assert_eq!(got, owned(&[("p[0]", "a"), ("p[1]", "b")]));
        let got = pairs(
            QueryStyle::DeepObject,
            json!({"items": [{"id": 1, "n": 2}, {"id": 3}]}),
        );
        assert_eq!(
            got,
            owned(&[
                ("p[items][0][id]", "1"),
                ("p[items][0][n]", "2"),
                ("p[items][1][id]", "3")
            ])
        );
    }

    #[test]
    fn form_explode_spreads_an_object_over_its_keys() {
        let got = pairs(
            QueryStyle::Form { explode: true },
            json!({"x": 1, "y": "b"}),
        );
        assert_eq!(got, owned(&[("x", "1"), ("y", "b")]));
    }

    #[test]
    fn a_scalar_is_one_pair_and_null_none() {
        assert_eq!(
            pairs(QueryStyle::Form { explode: true }, json!("v")),
            owned(&[("p", "v")])
        );
        assert!(pairs(QueryStyle::Form { explode: true }, Value::Null).is_empty());
    }

    #[test]
    fn the_specs_words_name_the_styles() {
        const DEEP: QueryStyle = QueryStyle::openapi("deepObject", true);
        assert_eq!(DEEP, QueryStyle::DeepObject);
        assert_eq!(
            QueryStyle::openapi("form", false),
            QueryStyle::Form { explode: false }
        );
        assert_eq!(
            QueryStyle::openapi("spaceDelimited", true),
            QueryStyle::SpaceDelimited
        );
        assert_eq!(
            QueryStyle::openapi("pipeDelimited", true),
            QueryStyle::PipeDelimited
        );
    }

    #[test]
    fn a_path_parameter_must_be_a_scalar() {
        assert_eq!(path_text("id", &json!("a b")).unwrap(), "a b");
        assert_eq!(path_text("id", &json!(3)).unwrap(), "3");
        assert!(path_text("id", &json!(["a"])).unwrap_err().contains("`id`"));
    }

    #[test]
    fn a_form_body_encodes_each_property() {
        let body =
            form(&json!({"a_name": "a b&c", "b_tags": ["x", "y"], "c_meta": {"k": 1}})).unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "a_name=a+b%26c&b_tags=x&b_tags=y&c_meta%5Bk%5D=1"
        );
    }

    #[test]
    fn a_form_body_keeps_each_object_of_a_list_together() {
        let body =
            form(&json!({"items": [{"price": "p1", "quantity": 2}, {"price": "p2"}]})).unwrap();
        assert_eq!(
            String::from_utf8(body).unwrap(),
            "items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p2"
        );
    }

    #[test]
    fn a_form_body_must_be_an_object() {
        assert!(form(&json!([1])).unwrap_err().contains("object"));
    }
}
