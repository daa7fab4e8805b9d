//! Repair of the PDF-extracted samples: broken sentences joined, spaces in Chinese text
//! gone, and no Chinese character of the body lost.

use gongwen::document::repair::{clean_line, join_paragraphs};
use gongwen::text::is_cjk;
use proptest::prelude::*;

use crate::util::{corpus_dir, parse_all};

fn cjk(text: &str) -> String {
    text.chars().filter(|&c| is_cjk(c)).collect()
}

#[test]
fn no_chinese_character_between_first_and_last_passage_is_lost() {
    for doc in parse_all(&corpus_dir()) {
        let raw = std::fs::read_to_string(corpus_dir().join(&doc.path)).unwrap();
        let raw_cjk = cjk(&raw);
        let body = cjk(&doc.passages.concat());
        let first = cjk(&doc.passages[0]);
        let start = raw_cjk.find(&first).unwrap_or_else(|| {
            panic!(
                "{} §{}: first passage not in the file",
                doc.path, doc.section
            )
        });
        assert_eq!(
            &raw_cjk[start..start + body.len()],
            body,
            "{} §{}",
            doc.path,
            doc.section
        );
    }
}

#[test]
fn broken_sentence_of_sample_000_is_joined() {
    let docs = parse_all(&corpus_dir());
    let doc = docs.iter().find(|d| d.path.starts_with("000_")).unwrap();
    assert!(
        doc.passages
            .iter()
            .any(|p| p.contains("下面，我再强调四点要求："))
    );
    assert!(doc.passages.iter().any(|p| p.contains("刚刚过去的2020年")));
    assert!(
        !doc.passages
            .iter()
            .any(|p| p.contains("主送") || p.contains("抄送"))
    );
    assert!(
        doc.passages
            .iter()
            .any(|p| p.starts_with("第一，要坚定信心"))
    );
    let all: Vec<&String> = docs.iter().flat_map(|d| &d.passages).collect();
    assert!(
        !all.iter().any(|p| p.contains("拍摄")),
        "photo captions are furniture"
    );
    // A compilation's shared heading is text once: in the header of the first speech
    // under it, never in a passage nor in the others' headers.
    assert!(!all.iter().any(|p| p.contains("交流发言选登")));
    let headed: Vec<&str> = docs
        .iter()
        .filter(|d| d.header_text().contains("交流发言选登"))
        .map(|d| d.meta.title.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(headed, ["凝聚合力 全力冲刺年度目标任务"]);
    // A paragraph is one passage whole: no passage ends inside a sentence of its line.
    assert!(
        all.iter()
            .all(|p| p.chars().count() <= gongwen::document::passages::MAX_CHARS)
    );
}

proptest! {
    #[test]
    fn repair_keeps_every_cjk_character(lines in proptest::collection::vec("[ 稳增长，。工业ＧＤＰ2020年a-z\u{200B}\u{3000}]{0,30}", 0..12)) {
        let cleaned: Vec<String> = lines.iter().map(|l| clean_line(l)).collect();
        let joined = join_paragraphs(&cleaned).concat();
        prop_assert_eq!(cjk(&joined), cjk(&lines.concat()));
    }

    #[test]
    fn clean_line_is_idempotent(line in "\\PC{0,40}") {
        let once = clean_line(&line);
        prop_assert_eq!(clean_line(&once), once.clone());
    }
}
