//! The wire form of multipart bodies.

use super::*;

struct Upload {
    purpose: &'static str,
    file: FilePart,
    tags: Vec<&'static str>,
    size: Option<u32>,
    note: Option<&'static str>,
    meta: Option<serde_json::Value>,
}

/// What the generator writes for such a body: the file field as a file, the others as text.
impl MultipartBody for Upload {
    fn parts(&self, form: &mut Form) {
        form.text("purpose", &self.purpose);
        form.file("file", &self.file);
        form.text("tags", &self.tags);
        form.text("size", &self.size);
        form.text("note", &self.note);
        form.text("meta", &self.meta);
    }
}

/// The body with its random boundary replaced by `B`.
fn encoded(value: &(impl MultipartBody + ?Sized)) -> (String, String) {
    let (bytes, content_type) = encode(value).unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a boundary")
        .to_owned();
    (
        String::from_utf8_lossy(&bytes).replace(&boundary, "B"),
        content_type.replace(&boundary, "B"),
    )
}

#[test]
fn each_field_is_a_part_and_a_file_part_is_a_file() {
    let body = Upload {
        purpose: "avatar",
        file: FilePart::new(&b"\x89PNG"[..])
            .file_name("me.png")
            .content_type("image/png"),
        tags: vec!["a", "b"],
        size: Some(4),
        note: None,
        meta: Some(serde_json::json!({"k": 1})),
    };
    let (text, content_type) = encoded(&body);
    assert_eq!(content_type, "multipart/form-data; boundary=B");
    assert_eq!(
        text,
        "--B\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\navatar\r\n\
         --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n\u{fffd}PNG\r\n\
         --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\na\r\n\
         --B\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\nb\r\n\
         --B\r\nContent-Disposition: form-data; name=\"size\"\r\n\r\n4\r\n\
         --B\r\nContent-Disposition: form-data; name=\"meta\"\r\n\r\n{\"k\":1}\r\n\
         --B--\r\n"
    );
}

#[test]
fn the_file_bytes_go_out_unchanged() {
    struct One {
        file: Option<FilePart>,
    }
    impl MultipartBody for One {
        fn parts(&self, form: &mut Form) {
            if let Some(file) = &self.file {
                form.file("file", file);
            }
        }
    }
    let bytes: Vec<u8> = (0..=255).collect();
    let (body, _) = encode(&One {
        file: Some(FilePart::new(bytes.clone())),
    })
    .unwrap();
    let start = body
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a header end")
        + 4;
    assert_eq!(&body[start..start + 256], &bytes[..]);
    let head = String::from_utf8_lossy(&body[..start]);
    assert!(head.contains("filename=\"file\""), "{head}");
    assert!(
        head.contains("Content-Type: application/octet-stream"),
        "{head}"
    );
}

#[test]
fn quotes_in_names_are_escaped() {
    struct Quoted;
    impl MultipartBody for Quoted {
        fn parts(&self, form: &mut Form) {
            form.file("a\"b", &FilePart::new(vec![1]).file_name("x\"\r\ny"));
        }
    }
    let (text, _) = encoded(&Quoted);
    assert!(
        text.contains("name=\"a%22b\"; filename=\"x%22%0D%0Ay\""),
        "{text}"
    );
}

#[test]
fn a_map_body_is_a_text_part_per_entry() {
    let map = std::collections::BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), 2)]);
    let (text, _) = encoded(&map);
    assert_eq!(
        text,
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n\
         --B\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n\
         --B--\r\n"
    );
}

#[test]
fn a_body_that_is_not_an_object_is_an_error() {
    let error = encode(&serde_json::json!([1, 2])).unwrap_err();
    assert!(error.contains("must be an object"), "{error}");
}

#[test]
fn a_field_that_cannot_be_written_is_an_error_naming_it() {
    struct Bad;
    impl MultipartBody for Bad {
        fn parts(&self, form: &mut Form) {
            let map = std::collections::HashMap::from([((1, 2), "key is not a string")]);
            form.text("odd", &map);
        }
    }
    let error = encode(&Bad).unwrap_err();
    assert!(error.contains("field `odd`"), "{error}");
}

#[test]
fn a_file_part_in_json_is_its_text() {
    let json = serde_json::to_string(&FilePart::new(&b"hi"[..])).unwrap();
    assert_eq!(json, "\"hi\"");
    let back: FilePart = serde_json::from_str("\"hi\"").unwrap();
    assert_eq!(back.bytes().as_ref(), b"hi");
}

#[test]
fn a_debug_print_shows_the_size_not_the_bytes() {
    let debug = format!("{:?}", FilePart::new(vec![7; 1000]).file_name("f"));
    assert!(debug.contains("len: 1000"), "{debug}");
}
