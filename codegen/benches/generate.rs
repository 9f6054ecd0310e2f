//! What a maintainer waits for: a full regenerate (load → IR → emit, in memory) of the Linq
//! spec and of synthetic specs of 100, 250 and 500 operations with two schemas each.
//! Run by `cargo xtask bench`, which reads the medians into BENCHMARKS.md.

use std::fmt::Write;
use std::hint::black_box;

use codegen::emit::Options;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

/// A spec of `operations` operations, ten per resource, each with a request and a response
/// schema (objects with strings, an enum, a timestamp, a nested object and a list).
fn synthetic_spec(operations: usize) -> String {
    let mut paths = String::new();
    let mut schemas = String::new();
    for i in 0..operations {
        let resource = format!("resource{}", i / 10);
        let _ = write!(
            paths,
            r#"  /v1/{resource}/op{i}/{{id}}:
    post:
      operationId: op{i}
      summary: Operation {i}.
      x-sdk-resource: {resource}
      x-sdk-method: op{i}
      parameters:
        - {{name: id, in: path, required: true, schema: {{type: string}}}}
        - {{name: limit, in: query, schema: {{type: integer, format: int32}}}}
      requestBody:
        required: true
        content:
          application/json:
            schema: {{$ref: '#/components/schemas/Op{i}Request'}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Op{i}Response'}}
"#
        );
        let _ = write!(
            schemas,
            r#"    Op{i}Request:
      type: object
      description: Request of operation {i}.
      required: [name, kind]
      properties:
        name: {{type: string, description: A name., maxLength: 64}}
        kind: {{type: string, enum: [alpha, beta, gamma], description: A kind.}}
        note: {{type: string, nullable: true, description: A note.}}
        tags: {{type: array, items: {{type: string}}, description: Tags.}}
    Op{i}Response:
      type: object
      description: Response of operation {i}.
      required: [id, created_at]
      properties:
        id: {{type: string, format: uuid, description: Id.}}
        created_at: {{type: string, format: date-time, description: Created.}}
        owner:
          type: object
          description: Owner.
          properties:
            handle: {{type: string, description: Handle.}}
            score: {{type: number, description: Score.}}
        items:
          type: array
          description: Items.
          items: {{$ref: '#/components/schemas/Op{i}Request'}}
"#
        );
    }
    format!("openapi: 3.0.3\ninfo: {{title: Synthetic, version: '1'}}\npaths:\n{paths}components:\n  schemas:\n{schemas}")
}

fn regenerate(c: &mut Criterion) {
    let options = Options {
        spec_display: "spec.yaml".into(),
        resource_features: false,
    };
    // The Linq spec is split over files: the bench includes reading and bundling them.
    let linq = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml"));
    let mut group = c.benchmark_group("regenerate");
    group.sample_size(20);
    group.bench_function("linq", |b| {
        b.iter(|| codegen::generate_file(black_box(linq), &options).expect("generates"))
    });
    for operations in [100, 250, 500] {
        let spec = synthetic_spec(operations);
        codegen::generate(&spec, &options).expect("the synthetic spec generates");
        group.bench_with_input(
            BenchmarkId::new("synthetic", operations),
            &spec,
            |b, spec| b.iter(|| codegen::generate(black_box(spec), &options).expect("generates")),
        );
    }
    group.finish();
}

criterion_group!(benches, regenerate);
criterion_main!(benches);
