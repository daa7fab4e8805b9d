//! Any string is a query or a clear error, never a panic; a parsed query's literals
//! always have an exact-field plan or none, and it can always describe itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match gongwen::search::query::parse(text) {
        Ok(query) => {
            let _ = query.describe();
            for literal in query.positive_literals() {
                assert!(!literal.is_empty(), "empty literal from {text:?}");
                let _ = gongwen::analysis::exact_plan(literal);
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
