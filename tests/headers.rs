//! Header shapes as fixture files: `tests/fixtures/headers/NAME.txt` is a document as a
//! corpus holds it, `NAME.json` the metadata expected of each document in it (a field
//! set to null must be missing: a missing value is better than a wrong one; `sources`
//! maps fields to where their values came from). A new header family gets a pair of
//! files here.

use gongwen::corpus::manifest::Manifests;
use gongwen::document;
use serde_json::Value;

use crate::util::fixture_files;

#[test]
fn every_header_fixture_yields_its_expected_metadata() {
    let mut checked = 0;
    for text_path in fixture_files("headers", "txt") {
        let name = text_path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&text_path).unwrap();
        let expected: Vec<Value> =
            serde_json::from_slice(&std::fs::read(text_path.with_extension("json")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: expected metadata: {e}"));
        let docs = document::ingest(&name, &text, &Manifests::default());
        assert_eq!(docs.len(), expected.len(), "{name}: documents");
        for (n, (doc, want)) in docs.iter().zip(&expected).enumerate() {
            for (field, value) in want.as_object().unwrap() {
                if field == "sources" {
                    // Where each value came from, as `docs --json` says it.
                    for (of, source) in value.as_object().unwrap() {
                        let got = doc
                            .meta
                            .sources
                            .get(of)
                            .map(|s| serde_json::to_value(s).unwrap());
                        assert_eq!(
                            got.as_ref(),
                            Some(source),
                            "{name}, document {n}: source of {of}"
                        );
                        checked += 1;
                    }
                    continue;
                }
                let got = doc.meta.value(field);
                assert_eq!(
                    got.as_deref(),
                    value.as_str(),
                    "{name}, document {n}: {field}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "only {checked} values checked");
}

#[test]
fn every_value_read_from_the_text_points_at_where_the_text_says_it() {
    // Issue 24: `docs` says where each value was read (header line or passage, and the
    // characters); the characters there read the value (spaces aside), and a value the
    // text does not write as it is has no place.
    use gongwen::document::provenance::SpanPlace;
    let mut located = 0;
    for path in fixture_files("headers", "txt") {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        for doc in document::ingest(&name, &text, &Manifests::default()) {
            for (field, span) in &doc.meta.spans {
                let place = match span.place {
                    SpanPlace::Header => &doc.header[span.index],
                    SpanPlace::Passage => &doc.passages[span.index],
                };
                let there: String = place
                    .chars()
                    .skip(span.start)
                    .take(span.end - span.start)
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let value: String = doc
                    .meta
                    .value(field)
                    .unwrap()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if field == "date" {
                    // `2018年12月18日` for 2018-12-18, or the dateline's `10月17日`.
                    let month_day = value.get(5..).unwrap_or("");
                    if month_day.is_empty() {
                        assert!(there.contains(&value), "{name}: year {value} at {there}");
                        located += 1;
                        continue;
                    }
                    let (m, d) = month_day.split_once('-').unwrap_or((month_day, ""));
                    let day = d.trim_start_matches('0');
                    assert!(
                        there.contains(&format!("{}月", m.trim_start_matches('0')))
                            || there.contains(&format!("{m}月")),
                        "{name}: date {value} at {there}"
                    );
                    assert!(
                        day.is_empty() || there.contains(&format!("{day}日")),
                        "{name}: date {value} at {there}"
                    );
                } else {
                    assert!(
                        value.starts_with(&there) && !there.is_empty(),
                        "{name}: {field} {value:?} at {there:?}"
                    );
                }
                located += 1;
            }
        }
    }
    assert!(located >= 40, "only {located} values located");
}
