//! Saved web pages (issue 24): `tests/fixtures/html/NAME.html` is a real page, cut (see
//! `SOURCES.md` there), and `NAME.json` what the reader must make of it — the title, the
//! date and source lines under it and the article, in that order, none of the site's
//! navigation, buttons, hidden blocks or footer, and the metadata the header reader then
//! finds.

use gongwen::corpus::manifest::Manifests;
use gongwen::corpus::{Sandbox, decode_file};
use gongwen::document;
use serde_json::Value;

use crate::util::fixture_files;

#[test]
fn every_saved_page_gives_its_article_and_header_lines_only() {
    let pages = fixture_files("html", "html");
    assert!(pages.len() >= 3, "{pages:?}");
    for page in pages {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let want: Value =
            serde_json::from_slice(&std::fs::read(page.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: expectations: {e}"));
        let bytes = std::fs::read(&page).unwrap();
        let text = decode_file(&name, &bytes, &Sandbox::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .text;
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        for (n, first) in want["first_lines"].as_array().unwrap().iter().enumerate() {
            let first = first.as_str().unwrap();
            assert!(
                lines.get(n).is_some_and(|l| l.starts_with(first)),
                "{name}: line {n} should start {first:?}:\n{text}"
            );
        }
        for absent in want["absent"].as_array().unwrap() {
            let absent = absent.as_str().unwrap();
            assert!(!text.contains(absent), "{name}: {absent:?} in\n{text}");
        }
        let docs = document::ingest(&name, &text, &Manifests::default());
        assert_eq!(docs.len(), 1, "{name}");
        for (field, value) in want["metadata"].as_object().unwrap() {
            assert_eq!(
                docs[0].meta.value(field).as_deref(),
                value.as_str(),
                "{name}: {field}"
            );
        }
    }
}
