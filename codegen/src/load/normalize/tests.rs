//! Each rewrite, on the smallest schema that needs it.

use serde_yaml::Value;

use super::normalize;

/// `schema` normalized as the component `S`, and the warnings' messages.
fn normalized(schema: &str) -> (Value, Vec<String>) {
    let schema: Value = serde_yaml::from_str(schema).unwrap();
    // `B` is there to be referred to.
    let mut doc: Value =
        serde_yaml::from_str("openapi: 3.0.3\ncomponents: {schemas: {B: {type: object}}}").unwrap();
    doc["components"]["schemas"]
        .as_mapping_mut()
        .unwrap()
        .insert("S".into(), schema);
    let warnings = normalize(&mut doc).into_vec();
    let schema = doc["components"]["schemas"]["S"].clone();
    (schema, warnings.into_iter().map(|w| w.message).collect())
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

#[test]
fn type_object_beside_all_of_is_dropped_and_own_properties_become_a_part() {
    let (s, w) = normalized("{type: object, allOf: [{$ref: '#/components/schemas/B'}], properties: {a: {type: string}}}");
    assert_eq!(
        s,
        yaml("{allOf: [{$ref: '#/components/schemas/B'}, {properties: {a: {type: string}}, type: object}]}")
    );
    assert!(w.is_empty());
}

#[test]
fn keywords_of_another_type_are_dropped() {
    let (s, w) = normalized("{type: string, maximum: 100, minLength: 1}");
    assert_eq!(s, yaml("{type: string, minLength: 1}"));
    assert!(w.is_empty());
}

#[test]
fn a_format_beside_an_object_is_a_hint_and_is_dropped() {
    let (out, warnings) =
        normalized("{type: object, format: map, additionalProperties: {type: string}}");
    assert_eq!(
        out,
        yaml("{type: object, additionalProperties: {type: string}}")
    );
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_structural_keyword_of_another_type_is_a_warning() {
    let (s, w) = normalized("{type: string, items: {type: string}}");
    assert_eq!(s, yaml("{type: string}"));
    assert_eq!(w, ["`items` on a schema of `type: string` is ignored"]);
}

#[test]
fn a_type_list_with_null_is_a_nullable_type() {
    let (s, _) = normalized("{type: [integer, 'null']}");
    assert_eq!(s, yaml("{type: integer, nullable: true}"));
}

#[test]
fn an_enum_without_type_takes_the_type_of_its_values() {
    assert_eq!(
        normalized("{enum: [a, b]}").0,
        yaml("{enum: [a, b], type: string}")
    );
    assert_eq!(
        normalized("{enum: [1, 2.5]}").0,
        yaml("{enum: [1, 2.5], type: number}")
    );
    assert_eq!(normalized("{enum: [null]}").0, yaml("{nullable: true}"));
}

#[test]
fn enum_values_that_contradict_the_type_make_a_free_form_value() {
    let (s, w) = normalized("{type: string, description: v, enum: [3]}");
    assert_eq!(s, yaml("{description: v}"));
    assert_eq!(
        w,
        ["`enum` values that are not all of `type: string`: any JSON value"]
    );
}

#[test]
fn annotation_only_all_of_parts_fold_into_the_schema() {
    let (s, _) =
        normalized("{allOf: [{$ref: '#/components/schemas/B'}, {description: d, nullable: true}]}");
    assert_eq!(
        s,
        yaml("{allOf: [{$ref: '#/components/schemas/B'}], description: d, nullable: true}")
    );
}

#[test]
fn a_union_of_string_enums_is_one_string_enum() {
    let (s, _) = normalized("{oneOf: [{type: string, enum: [a]}, {type: string, enum: [b, a]}]}");
    assert_eq!(s, yaml("{type: string, enum: [a, b]}"));
}

#[test]
fn a_null_variant_makes_the_union_nullable() {
    let (s, _) = normalized("{anyOf: [{$ref: '#/components/schemas/B'}, {type: 'null'}]}");
    assert_eq!(
        s,
        yaml("{anyOf: [{$ref: '#/components/schemas/B'}], nullable: true}")
    );
}

#[test]
fn properties_without_type_are_an_object() {
    let (s, _) = normalized("{required: [a]}");
    assert_eq!(s, yaml("{required: [a], type: object}"));
}

#[test]
fn integer_bounds_beyond_i64_are_dropped_and_exclusive_numbers_become_flags() {
    let (s, _) = normalized("{type: integer, maximum: 1.0e20, exclusiveMinimum: 0}");
    assert_eq!(
        s,
        yaml("{type: integer, exclusiveMinimum: true, minimum: 0}")
    );
}

#[test]
fn a_ref_inside_a_component_becomes_a_component_of_its_own() {
    let mut doc: Value = yaml(
        "components: {schemas: {Tag: {allOf: [{type: object}]}, Thing: {$ref: '#/components/schemas/Tag/allOf/0'}}}",
    );
    normalize(&mut doc);
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Thing"],
        yaml("{$ref: '#/components/schemas/Tag_allOf_0'}")
    );
    assert_eq!(
        schemas["Tag"],
        yaml("{allOf: [{$ref: '#/components/schemas/Tag_allOf_0'}]}")
    );
    assert_eq!(schemas["Tag_allOf_0"], yaml("{type: object}"));
}

#[test]
fn examples_are_left_alone() {
    let (s, _) = normalized("{type: object, example: {type: [a, b], enum: 3}}");
    assert_eq!(s, yaml("{type: object, example: {type: [a, b], enum: 3}}"));
}

#[test]
fn a_ref_with_a_description_becomes_an_all_of_the_description_sits_beside() {
    let (s, w) =
        normalized("{$ref: '#/components/schemas/B', description: Shipping., maxLength: 3}");
    assert_eq!(
        s,
        yaml("{description: Shipping., allOf: [{$ref: '#/components/schemas/B'}]}")
    );
    assert!(w.is_empty());
}

#[test]
fn a_ref_with_a_null_type_beside_it_is_nullable() {
    let (s, _) = normalized("{$ref: '#/components/schemas/B', type: [object, 'null']}");
    assert_eq!(
        s,
        yaml("{nullable: true, allOf: [{$ref: '#/components/schemas/B'}]}")
    );
}

#[test]
fn a_ref_with_properties_beside_it_is_an_all_of_of_the_two() {
    let (s, _) = normalized("{$ref: '#/components/schemas/B', properties: {a: {type: string}}}");
    assert_eq!(
        s,
        yaml("{allOf: [{$ref: '#/components/schemas/B'}, {type: object, properties: {a: {type: string}}}]}")
    );
}

#[test]
fn binary_and_base64_content_are_formats() {
    let (s, _) = normalized("{type: string, contentMediaType: image/png}");
    assert_eq!(s, yaml("{type: string, format: binary}"));
    let (s, _) = normalized("{type: string, contentEncoding: base64}");
    assert_eq!(s, yaml("{type: string, format: byte}"));
}

#[test]
fn a_list_of_examples_gives_the_example() {
    let (s, _) = normalized("{type: string, examples: [a, b]}");
    assert_eq!(s, yaml("{type: string, example: a}"));
}

#[test]
fn a_tuple_of_one_type_is_a_list_of_it() {
    let (s, w) =
        normalized("{type: array, prefixItems: [{type: number}, {type: number}], items: false}");
    assert_eq!(s, yaml("{type: array, items: {type: number}}"));
    assert!(w.is_empty());
}

#[test]
fn keywords_with_no_rust_meaning_are_dropped_with_a_warning() {
    let (s, w) = normalized(
        "{type: object, if: {required: [a]}, then: {required: [b]}, unevaluatedProperties: false}",
    );
    assert_eq!(s, yaml("{type: object}"));
    assert_eq!(
        w,
        [
            "`if` has no Rust meaning: ignored",
            "`then` has no Rust meaning: ignored"
        ]
    );
}

#[test]
fn a_list_of_several_types_is_a_union_of_one_schema_per_type() {
    let (s, w) = normalized("{type: [string, integer, 'null'], minLength: 1, maximum: 9}");
    assert_eq!(
        s,
        yaml(
            "{nullable: true, oneOf: [{type: string, minLength: 1}, {type: integer, maximum: 9}]}"
        )
    );
    assert!(w.is_empty());
}
