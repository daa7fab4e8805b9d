//! Ranking by document on real text: a document that treats a term above one that
//! names it once.

use serde_json::Value;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

const TREATS: &str = include_str!("fixtures/ranking/law_02574.txt");
const NAMES_ONCE: &str = include_str!("fixtures/ranking/law_03163.txt");

#[test]
fn a_document_repeating_a_phrase_ranks_above_one_naming_it_once() {
    // 获物价值 (a fragment jieba cuts apart: no word of the query is a token of the
    // text) nine times in five passages of the wildlife law, once in the regulation,
    // whose one passage scores higher on words alone.
    let dir = corpus_copy(&[
        ("law_02574.txt", TREATS.as_bytes()),
        ("law_03163.txt", NAMES_ONCE.as_bytes()),
    ]);
    let out = gongwen(dir.path(), &["search", "获物价值", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ranked: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        ranked,
        ["law_02574.txt", "law_03163.txt"],
        "{}",
        stdout(&out)
    );
}
