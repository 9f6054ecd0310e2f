//! Arbitrary text run through the whole generator (load → IR → emit): a broken spec is an
//! error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let options = codegen::emit::Options {
            spec_display: "fuzz.yaml".into(),
        };
        let _ = codegen::generate(text, &options);
    }
});
