//! Constructs found in real public specs (`fixtures/repros/`, one spec each, named after the
//! construct) and schema styles the generator maps or degrades rather than refuses
//! (`fixtures/degrade/`): every one generates, and its public surface and warnings are
//! snapshotted, so a review sees which Rust mapping each construct gets. That the generated
//! code compiles without warnings is checked by `cargo xtask test`.

use std::fs;
use std::path::Path;

use codegen::emit::Options;

/// The warnings and the public surface (`api.md`) generated from a fixture.
fn mapping(dir: &str, file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let generated = codegen::generate(
        &text,
        &Options {
            spec_display: file.to_owned(),
            resource_features: false,
        },
    )
    .unwrap_or_else(|e| panic!("{file} does not generate: {e}"));
    let mut out = String::from("Warnings:\n");
    if generated.warnings.is_empty() {
        out.push_str("  (none)\n");
    }
    for warning in &generated.warnings {
        out.push_str(&format!("  {warning}\n"));
    }
    out.push('\n');
    out.push_str(&generated.api_md);
    out
}

macro_rules! fixtures {
    ($dir:literal: $($name:ident => $file:literal,)+) => {
        $(
            #[test]
            fn $name() {
                insta::assert_snapshot!(mapping($dir, $file));
            }
        )+

        /// Every fixture of the folder has its test above.
        #[test]
        fn every_fixture_is_tested() {
            let listed = [$($file),+];
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join($dir);
            for entry in fs::read_dir(&dir).expect("fixture folder") {
                let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
                if name.ends_with(".yaml") || name.ends_with(".json") {
                    assert!(listed.contains(&name.as_str()), "{name} has no test in repros.rs");
                }
            }
        }
    };
}

mod repros {
    use super::*;

    fixtures! { "repros":
        r01_allof_with_type_object => "r01-allof-with-type-object.yaml",
        r02_oneof_with_type_object => "r02-oneof-with-type-object.yaml",
        r03_keyword_of_other_type => "r03-keyword-of-other-type.yaml",
        r04_properties_without_type => "r04-properties-without-type.yaml",
        r05_allof_ref_plus_description => "r05-allof-ref-plus-description.yaml",
        r06_form_urlencoded_body => "r06-form-urlencoded-body.yaml",
        r07_binary_response => "r07-binary-response.yaml",
        r08_schema_named_like_resource => "r08-schema-named-like-resource.yaml",
        r09_inline_name_equals_component => "r09-inline-name-equals-component.yaml",
        r10_deepobject_query_param => "r10-deepobject-query-param.yaml",
        r11_oneof_of_string_consts_param => "r11-oneof-of-string-consts-param.yaml",
        r12_scalar_union_path_param => "r12-scalar-union-path-param.yaml",
        r13_json_body_without_schema => "r13-json-body-without-schema.yaml",
        r14_integer_beyond_u64 => "r14-integer-beyond-u64.yaml",
        r15_json_surrogate_escape => "r15-json-surrogate-escape.json",
        r16_ref_inside_component => "r16-ref-inside-component.yaml",
        r17_ref_to_parameter_schema => "r17-ref-to-parameter-schema.yaml",
        r18_inline_oneof_discriminator_no_enum => "r18-inline-oneof-discriminator-no-enum.yaml",
        r19_path_param_name_mismatch => "r19-path-param-name-mismatch.yaml",
        r20_enum_without_type => "r20-enum-without-type.yaml",
        r21_union_of_string_aliases => "r21-union-of-string-aliases.yaml",
        r22_union_of_two_free_form_objects => "r22-union-of-two-free-form-objects.yaml",
        r23_enum_values_of_other_type => "r23-enum-values-of-other-type.yaml",
        r24_oneof_string_or_array_param => "r24-oneof-string-or-array-param.yaml",
        r25_allof_required_only_part => "r25-allof-required-only-part.yaml",
        r26_allof_part_properties_without_type => "r26-allof-part-properties-without-type.yaml",
    }
}

mod degrade {
    use super::*;

    fixtures! { "degrade":
        colliding_names => "colliding_names.yaml",
        dangling_refs => "dangling_refs.yaml",
        empty_optional_body => "empty_optional_body.yaml",
        inner_mapping_and_x_header => "inner_mapping_and_x_header.yaml",
        misplaced_ids => "misplaced_ids.yaml",
        multipart_body => "multipart_body.yaml",
        nulls => "nulls.yaml",
        object_query_param => "object_query_param.yaml",
        repeated_operation_ids => "repeated_operation_ids.yaml",
        schema_styles => "schema_styles.yaml",
        undeclared_path_param => "undeclared_path_param.yaml",
    }
}

mod v31 {
    use super::*;

    fixtures! { "v31":
        const_and_examples => "const_and_examples.yaml",
        content_media_type => "content_media_type.yaml",
        defs_and_ignored => "defs_and_ignored.yaml",
        documented_constants => "documented_constants.yaml",
        document_level => "document_level.yaml",
        nullable_three_ways => "nullable_three_ways.yaml",
        ref_siblings => "ref_siblings.yaml",
        tuples_and_patterns => "tuples_and_patterns.yaml",
        type_list_union => "type_list_union.yaml",
        webhook_events => "webhook_events.yaml",
        webhooks_union => "webhooks_union.yaml",
    }
}
