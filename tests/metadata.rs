//! Every field of `fixtures/expected_metadata.jsonl` (copied from the seeds) against what
//! parsing the bundled samples yields.

use serde_json::Value;

use crate::util::{corpus_dir, parse_all};

#[test]
fn every_expected_field_of_every_sample() {
    let documents = parse_all(&corpus_dir());
    let expected = include_str!("fixtures/expected_metadata.jsonl");
    let mut checked = 0;
    for line in expected.lines().filter(|l| !l.trim().is_empty()) {
        let want: Value = serde_json::from_str(line).unwrap();
        let file = want["file"].as_str().unwrap().trim_start_matches("docs/");
        let section = want["section"].as_u64().unwrap() as usize;
        let doc = documents
            .iter()
            .find(|d| d.path == file && d.section == section)
            .unwrap_or_else(|| panic!("no document {file} §{section}"));
        let got = serde_json::to_value(&doc.meta).unwrap();
        for (key, value) in want.as_object().unwrap() {
            match key.as_str() {
                "file" | "section" => {}
                "date_precision" => {
                    let precision = doc
                        .meta
                        .date
                        .map(|d| serde_json::to_value(d.precision()).unwrap());
                    assert_eq!(
                        precision.as_ref(),
                        Some(value),
                        "{file} §{section} date_precision"
                    );
                }
                _ => assert_eq!(
                    got.get(key).unwrap_or(&Value::Null),
                    value,
                    "{file} §{section} field {key}"
                ),
            }
            checked += 1;
        }
        // Fields the fixture leaves out must be empty, not guessed.
        for key in [
            "title",
            "speaker",
            "body",
            "date",
            "subtitle",
            "series",
            "issue",
            "collection",
            "publish_date",
        ] {
            if want.get(key).is_none() {
                assert_eq!(
                    got[key],
                    Value::Null,
                    "{file} §{section} has an unexpected {key}"
                );
            }
        }
    }
    assert_eq!(documents.len(), 8, "the samples hold 8 documents");
    assert!(checked > 40);
}

#[test]
fn a_markdown_title_is_never_extended_by_the_next_line() {
    for (text, title) in [
        (
            "# 进口影片管理办法\n\n海关总署发布\n\n第一条 为了加强进口影片管理，制定本办法。\n",
            "进口影片管理办法",
        ),
        (
            "# 滨州市城区道路管理条例\n\n## 总则\n\n第一条 为了加强城区道路管理，制定本条例。\n",
            "滨州市城区道路管理条例",
        ),
    ] {
        let docs = gongwen::document::parse("law.txt", text);
        assert_eq!(docs[0].meta.title.as_deref(), Some(title), "{text}");
    }
}
