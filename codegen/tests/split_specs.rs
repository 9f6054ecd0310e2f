//! Specs split over several files joined by relative `$ref`s: bundling, generation equal to
//! the single-document equivalent, and errors that name the file and the JSON pointer.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::emit::Options;
use codegen::ir::HttpMethod;
use codegen::load::{self, FsSource, MemorySource, Spec};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/split")
}

fn options() -> Options {
    Options {
        spec_display: "openapi.yaml".to_owned(),
        resource_features: false,
    }
}

/// Loads `fixtures/split/<dir>/openapi.yaml`, naming files relative to that directory.
fn load_fixture(dir: &str) -> codegen::Result<Spec> {
    Spec::load(
        Path::new("openapi.yaml"),
        &FsSource::rooted(fixtures().join(dir)),
    )
}

#[test]
fn split_spec_generates_the_same_files_as_its_single_document_equivalent() {
    let single = fs::read_to_string(fixtures().join("good.single.yaml")).unwrap();
    let expected = codegen::generate(&single, &options()).expect("single document generates");
    let split = codegen::generate_from(
        Path::new("openapi.yaml"),
        &FsSource::rooted(fixtures().join("good")),
        &options(),
    )
    .expect("split spec generates");
    assert_eq!(split, expected);
    // The same through the public file entry point, with the path as a caller gives it.
    let by_path = codegen::generate_file(fixtures().join("good/openapi.yaml"), &options())
        .expect("split spec generates from its path");
    assert_eq!(by_path, expected);
}

#[test]
fn bundle_is_the_single_document_byte_for_byte() {
    let bundle = load::bundle(
        Path::new("openapi.yaml"),
        &FsSource::rooted(fixtures().join("good")),
    )
    .unwrap();
    let single: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(fixtures().join("good.single.yaml")).unwrap())
            .unwrap();
    assert_eq!(
        bundle.to_yaml().unwrap(),
        serde_yaml::to_string(&single).unwrap()
    );
    assert_eq!(
        bundle.origins.files(),
        [
            "openapi.yaml",
            "components/security.yaml",
            "paths/chats.yaml",
            "components/chats.yaml",
            "components/responses.yaml",
            "components/parameters.yaml",
            "paths/messages.yaml",
            "components/messages.yaml",
            "components/common.yaml",
            "components/ByteSize.yaml",
        ]
    );
}

#[test]
fn bundling_is_deterministic() {
    let source = FsSource::rooted(fixtures().join("good"));
    let first = load::bundle(Path::new("openapi.yaml"), &source).unwrap();
    for _ in 0..5 {
        let again = load::bundle(Path::new("./x/../openapi.yaml"), &source).unwrap();
        assert_eq!(again.to_yaml().unwrap(), first.to_yaml().unwrap());
    }
    insta::assert_snapshot!(first.to_yaml().unwrap());
}

#[test]
fn inlined_path_items_keep_their_method_order() {
    let spec = load_fixture("good").unwrap();
    assert_eq!(
        spec.method_order("/chats"),
        [HttpMethod::Post, HttpMethod::Get]
    );
    assert_eq!(spec.method_order("/chats/{chatId}"), [HttpMethod::Get]);
}

#[test]
fn pointers_into_the_bundle_map_back_to_their_file() {
    let spec = load_fixture("good").unwrap();
    let cases = [
        ("#/paths/~1chats/post", "paths/chats.yaml#/chats/post"),
        (
            "#/components/schemas/Chat/properties/owner",
            "components/chats.yaml#/Chat/properties/owner",
        ),
        ("#/components/schemas/ByteSize", "components/ByteSize.yaml#"),
        (
            "#/components/securitySchemes/bearerAuth",
            "components/security.yaml#/bearerAuth",
        ),
        (
            "#/components/schemas/Pong",
            "openapi.yaml#/components/schemas/Pong",
        ),
        ("#/paths/~1ping/get", "openapi.yaml#/paths/~1ping/get"),
        // A prefix only counts at a token boundary.
        (
            "#/components/schemas/ChatHandle",
            "components/common.yaml#/ChatHandle",
        ),
    ];
    for (pointer, expected) in cases {
        assert_eq!(spec.locate(pointer), expected, "{pointer}");
    }
}

#[test]
fn a_single_document_loaded_from_a_file_is_unchanged() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths = vec![fixtures.join("zoo.yaml")];
    for dir in ["cases", "hostile", "bad"] {
        for entry in fs::read_dir(fixtures.join(dir)).unwrap() {
            paths.push(entry.unwrap().path());
        }
    }
    paths.sort();
    for path in &paths {
        let text = fs::read_to_string(path).unwrap();
        let from_text = codegen::generate(&text, &options());
        let from_file = codegen::generate_file(path, &options());
        match (from_text, from_file) {
            (Ok(text), Ok(file)) => assert_eq!(file, text, "{}", path.display()),
            // Only YAML errors are reported differently: naming the file, and for a
            // document that does not fit the OpenAPI structure, with a pointer instead
            // of a line and column.
            (
                Err(codegen::Error::Yaml { .. }),
                Err(codegen::Error::FileYaml { .. } | codegen::Error::Structure { .. }),
            ) => {}
            (Err(text), Err(file)) => {
                assert_eq!(file.to_string(), text.to_string(), "{}", path.display());
            }
            (text, file) => panic!("{}: {text:?} but {file:?}", path.display()),
        }
    }
    let path = fixtures.join("zoo.yaml");
    let spec = Spec::load(&path, &FsSource::new()).unwrap();
    assert!(!spec.origins().is_split());
    assert_eq!(spec.locate("#/paths/~1a"), "#/paths/~1a");
}

/// An in-memory spec: relative references with `..`, a whole-file reference, refs from a
/// file back into the root, and a path item `$ref` with keys beside it.
fn memory_spec() -> MemorySource {
    MemorySource::new()
        .with(
            "api/root.yaml",
            r#"
openapi: 3.0.0
info: {title: Memory, version: "1"}
paths:
  /items/{id}:
    $ref: 'paths/items.yaml#/item'
    delete:
      operationId: deleteItem
      x-sdk-resource: items
      x-sdk-method: delete
      responses:
        '204': {description: Deleted.}
components:
  schemas:
    Id: {type: string, description: An id.}
    Thing:
      $ref: './schemas/widget.yaml'
"#,
        )
        .with(
            "api/paths/items.yaml",
            r#"
item:
  parameters:
    - {name: id, in: path, required: true, schema: {$ref: '../root.yaml#/components/schemas/Id'}}
  get:
    operationId: getItem
    x-sdk-resource: items
    x-sdk-method: retrieve
    responses:
      '200':
        description: The item.
        content:
          application/json:
            schema: {$ref: '../schemas/./item.yaml#/Item'}
"#,
        )
        .with(
            "api/schemas/item.yaml",
            r#"
Item:
  type: object
  required: [id]
  properties:
    id: {$ref: '../root.yaml#/components/schemas/Id'}
    widget: {$ref: './widget.yaml'}
"#,
        )
        .with(
            "api/schemas/widget.yaml",
            "type: object\ndescription: A whole file.\nproperties:\n  n: {type: integer}\n",
        )
}

#[test]
fn specs_load_from_memory() {
    let spec = Spec::load(Path::new("api/root.yaml"), &memory_spec()).unwrap();
    assert_eq!(
        spec.method_order("/items/{id}"),
        [HttpMethod::Get, HttpMethod::Delete]
    );
    let bundle = load::bundle(Path::new("api/root.yaml"), &memory_spec()).unwrap();
    insta::assert_snapshot!(bundle.to_yaml().unwrap());
    assert_eq!(
        spec.locate("#/paths/~1items~1{id}/delete"),
        "api/root.yaml#/paths/~1items~1{id}/delete"
    );
    assert_eq!(
        spec.locate("#/paths/~1items~1{id}/get"),
        "api/paths/items.yaml#/item/get"
    );
    let generated =
        codegen::generate_from(Path::new("api/root.yaml"), &memory_spec(), &options()).unwrap();
    assert_eq!(generated.operations, 2);
}

#[test]
fn a_missing_root_is_an_error_naming_it() {
    let err = codegen::generate_from(
        Path::new("spec/openapi.yaml"),
        &MemorySource::new(),
        &options(),
    )
    .unwrap_err();
    insta::assert_snapshot!(err.to_string(), @"cannot read spec/openapi.yaml: no such file");
}

#[test]
fn warnings_name_the_file_and_pointer() {
    let source = FsSource::rooted(fixtures().join("warning"));
    let generated = codegen::generate_from(Path::new("openapi.yaml"), &source, &options()).unwrap();
    let warnings: Vec<String> = generated
        .warnings
        .iter()
        .map(|w| w.pointer.clone())
        .collect();
    assert_eq!(warnings, ["components/things.yaml#/Thing/properties/kind"]);
}

/// The message of a broken split spec under `fixtures/split/bad/<name>/`.
fn error_of(name: &str) -> String {
    let source = FsSource::rooted(fixtures().join("bad").join(name));
    match codegen::generate_from(Path::new("openapi.yaml"), &source, &options()) {
        Ok(_) => panic!("bad/{name} generated, but it is broken"),
        Err(e) => e.to_string(),
    }
}

macro_rules! bad {
    ($name:ident, $($needle:literal),+) => {
        #[test]
        fn $name() {
            let message = error_of(stringify!($name));
            $( assert!(message.contains($needle), "{message:?} does not mention {:?}", $needle); )+
            insta::assert_snapshot!(message);
        }
    };
}

bad!(
    missing_file,
    "components/thing.yaml",
    "no such file",
    "paths/things.yaml#/things/get/responses/200/content/application~1json/schema"
);
bad!(
    missing_pointer,
    "components/things.yaml has nothing at #/Things",
    "paths/things.yaml#/things/get/responses/200/content/application~1json/schema"
);
bad!(
    path_item_cycle,
    "cycle",
    "paths/a.yaml#/things -> paths/b.yaml#/things -> paths/a.yaml#/things"
);
bad!(
    callback_cycle,
    "cycle",
    "paths/things.yaml#/things -> paths/things.yaml#/things"
);
bad!(
    schema_ref_cycle,
    "cycle",
    "components/things.yaml#/Thing",
    "components/more.yaml#/Entry"
);
bad!(invalid_yaml, "paths/things.yaml", "line 5");
bad!(
    url_ref,
    "https://example.com/schemas/thing.yaml#/Thing",
    "URL",
    "paths/things.yaml#/things/get"
);
bad!(absolute_path_ref, "/etc/thing.yaml", "absolute path");
bad!(
    name_clash,
    "components/schemas/Thing",
    "components/a.yaml#/Thing",
    "components/b.yaml#/Thing"
);
bad!(
    root_name_clash,
    "components/schemas/Thing",
    "openapi.yaml#/components/schemas/Thing",
    "components/things.yaml#/Thing"
);
bad!(
    non_string_ref,
    "not a string",
    "paths/things.yaml#/things/get"
);
bad!(bad_component_name, "The Thing", "component names");
bad!(
    sibling_conflict,
    "openapi.yaml#/paths/~1things/get",
    "paths/things.yaml#/things"
);
bad!(
    lower_error,
    "components/things.yaml#/Thing/properties/kind",
    "x-sdk-name"
);
bad!(
    structure_error,
    "components/parameters.yaml#/Limit",
    "OpenAPI 3.0"
);
bad!(root_not_openapi, "Swagger 2.0");

/// A root that refers to `x.yaml` from every kind of position.
const FUZZ_ROOT: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    $ref: 'x.yaml'
  /b/{id}:
    parameters:
      - $ref: 'x.yaml'
    get:
      x-sdk-resource: b
      x-sdk-method: get
      requestBody: {$ref: 'x.yaml'}
      responses:
        '200':
          description: d
          headers: {X-A: {$ref: 'x.yaml'}}
          content:
            application/json:
              schema: {$ref: 'x.yaml'}
              examples: {e: {$ref: 'x.yaml'}}
        '404': {$ref: 'x.yaml'}
      callbacks:
        c: {$ref: 'x.yaml'}
components:
  schemas:
    S: {$ref: 'x.yaml'}
    U:
      oneOf: [{$ref: 'x.yaml'}]
      discriminator: {propertyName: k, mapping: {x: 'x.yaml'}}
  securitySchemes:
    x: {$ref: 'x.yaml'}
"#;

/// No input makes the loader panic: every file of every fixture, and every subtree of them,
/// used as the root and as the target of references.
#[test]
fn arbitrary_subtrees_never_panic() {
    let mut files = Vec::new();
    let mut dirs = vec![fixtures()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&text) else {
            continue;
        };
        let mut subtrees = vec![value];
        let mut i = 0;
        while i < subtrees.len() && i < 200 {
            let children: Vec<serde_yaml::Value> = match &subtrees[i] {
                serde_yaml::Value::Mapping(m) => m.values().cloned().collect(),
                serde_yaml::Value::Sequence(s) => s.clone(),
                _ => Vec::new(),
            };
            subtrees.extend(children);
            i += 1;
        }
        for subtree in subtrees.iter().take(200) {
            let body = serde_yaml::to_string(subtree).unwrap();
            let source = MemorySource::new()
                .with("root.yaml", FUZZ_ROOT)
                .with("x.yaml", body.clone())
                .with("root2.yaml", body);
            let _ = codegen::generate_from(Path::new("root.yaml"), &source, &options());
            let _ = codegen::generate_from(Path::new("root2.yaml"), &source, &options());
        }
    }
}
