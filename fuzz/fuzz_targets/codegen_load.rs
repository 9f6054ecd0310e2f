//! Arbitrary text run through the whole generator (load → IR → emit): a broken spec is an
//! error, never a panic. The text is also loaded as a split spec: as the root file, and as
//! the file a fixed root refers to from every kind of position.
#![no_main]

use std::path::Path;

use codegen::load::MemorySource;
use libfuzzer_sys::fuzz_target;

const ROOT: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    $ref: 'x.yaml#/a'
  /b/{id}:
    parameters:
      - $ref: 'x.yaml#/p'
    get:
      x-sdk-resource: b
      x-sdk-method: get
      requestBody: {$ref: 'x.yaml#/r'}
      responses:
        '200':
          description: d
          content:
            application/json:
              schema: {$ref: 'x.yaml'}
        '404': {$ref: 'x.yaml#/n'}
components:
  schemas:
    S: {$ref: './x.yaml#/S'}
  securitySchemes:
    s: {$ref: 'x.yaml#/s'}
"#;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let options = codegen::emit::Options {
            spec_display: "fuzz.yaml".into(),
            resource_features: false,
        };
        let _ = codegen::generate(text, &options);
        let source = MemorySource::new()
            .with("root.yaml", ROOT)
            .with("x.yaml", text)
            .with("fuzz.yaml", text);
        let _ = codegen::generate_from(Path::new("root.yaml"), &source, &options);
        let _ = codegen::generate_from(Path::new("fuzz.yaml"), &source, &options);
    }
});
