//! `export`: every body passage once, with its document's metadata and offsets, as JSON
//! Lines or Parquet with the same rows; an existing file is never replaced.

use std::collections::HashMap;

use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::RowAccessor;
use serde_json::Value;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

#[test]
fn every_passage_is_exported_once_with_its_offsets_in_both_formats() {
    let dir = corpus_copy(&[]);
    let dir = dir.path();
    let out = gongwen(dir, &["export"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // As many rows per document as the catalog says it has passages.
    let docs = stdout(&gongwen(dir, &["docs", "--json"]));
    let mut expected: HashMap<u64, u64> = HashMap::new();
    for d in docs
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
    {
        expected.insert(d["id"].as_u64().unwrap(), d["passages"].as_u64().unwrap());
    }
    let mut seen: HashMap<u64, u64> = HashMap::new();
    let mut next_start: HashMap<u64, u64> = HashMap::new();
    for row in &rows {
        let doc = row["doc"].as_u64().unwrap();
        *seen.entry(doc).or_default() += 1;
        let (start, end) = (row["start"].as_u64().unwrap(), row["end"].as_u64().unwrap());
        let text = row["text"].as_str().unwrap();
        assert_eq!(end - start, text.chars().count() as u64, "{row}");
        // Passages in order, each after the previous one and its line break.
        assert_eq!(start, next_start.get(&doc).copied().unwrap_or(0), "{row}");
        next_start.insert(doc, end + 1);
        assert!(row["path"].as_str().unwrap().ends_with(".txt"));
    }
    expected.retain(|_, n| *n > 0);
    assert_eq!(seen, expected);
    // A passage of the speech the bundled corpus opens with, with its speaker.
    assert!(
        rows.iter()
            .any(|r| r["speaker"] == "赵俊民" && r["text"].as_str().unwrap().contains("工业"))
    );

    let out = gongwen(dir, &["export", "--out", "passages.parquet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = std::fs::File::open(dir.join("passages.parquet")).unwrap();
    let reader = SerializedFileReader::new(file).unwrap();
    assert_eq!(
        reader.metadata().file_metadata().num_rows() as usize,
        rows.len()
    );
    let fields = reader.metadata().file_metadata().schema_descr();
    let text_column = (0..fields.num_columns())
        .find(|&i| fields.column(i).name() == "text")
        .unwrap();
    let doc_column = (0..fields.num_columns())
        .find(|&i| fields.column(i).name() == "doc")
        .unwrap();
    for (row, json) in reader.get_row_iter(None).unwrap().zip(&rows) {
        let row = row.unwrap();
        assert_eq!(
            row.get_string(text_column).unwrap(),
            json["text"].as_str().unwrap()
        );
        assert_eq!(
            row.get_long(doc_column).unwrap() as u64,
            json["doc"].as_u64().unwrap()
        );
    }
}

#[test]
fn an_existing_file_is_never_replaced() {
    let dir = corpus_copy(&[]);
    let dir = dir.path();
    std::fs::write(dir.join("mine.jsonl"), "my notes\n").unwrap();
    let out = gongwen(dir, &["export", "--out", "mine.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("mine.jsonl"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.jsonl")).unwrap(),
        "my notes\n"
    );
    // Filters narrow it; none admitted: exit 1.
    let out = gongwen(dir, &["export", "speaker:没有这个人"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}
