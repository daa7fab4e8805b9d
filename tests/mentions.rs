//! `mentions` is exhaustive: for any literal, the occurrences it reports equal a
//! brute-force count over the repaired passage texts.

use gongwen::analysis::fold_str;
use gongwen::search::Filters;
use gongwen::search::mentions::{GroupBy, count_by, mentions, totals};
use proptest::prelude::*;

use crate::util::{corpus_copy, gongwen, parse_all, shared, stdout, substring};

fn brute_force(literal: &str) -> usize {
    let needle = fold_str(literal.trim());
    parse_all(&shared().corpus)
        .iter()
        .flat_map(|d| d.passages.iter())
        .map(|p| fold_str(p).matches(&needle).count())
        .sum()
}

fn counted(literal: &str) -> usize {
    mentions(
        &shared().handle,
        &[literal.to_string()],
        &Filters::default(),
    )
    .unwrap()
    .len()
}

#[test]
fn counts_equal_a_brute_force_scan() {
    for term in [
        "稳",
        "纾困",
        "碳中和",
        "2020年",
        "GDP",
        "ＧＤＰ",
        "尧柏水泥",
        "安康高新集团",
        "高质量发展",
        "。",
        "工业经济",
        "X",
    ] {
        assert_eq!(counted(term), brute_force(term), "{term}");
    }
    assert!(counted("稳") > 60);
}

#[test]
fn count_tables_add_up_and_keep_undated_documents() {
    let found = mentions(&shared().handle, &["工业".to_string()], &Filters::default()).unwrap();
    let by_year = count_by(&found, GroupBy::Year);
    assert!(
        by_year.contains_key(&None),
        "undated documents are counted, not dropped"
    );
    let sum: usize = by_year.values().map(|c| c.occurrences).sum();
    assert_eq!(sum, totals(&found).occurrences);
    assert_eq!(sum, brute_force("工业"));
}

#[test]
fn csv_has_a_bom_and_json_decodes() {
    let dir = corpus_copy(&[]);
    let csv = gongwen(dir.path(), &["mentions", "尧柏水泥", "--csv"]);
    assert_eq!(csv.status.code(), Some(0));
    assert!(csv.stdout.starts_with("\u{FEFF}term,".as_bytes()));
    assert_eq!(stdout(&csv).lines().count(), 3);
    let json = gongwen(dir.path(), &["mentions", "尧柏水泥", "纾困", "--json"]);
    let rows: Vec<serde_json::Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2 + 7);
    assert!(
        rows.iter()
            .all(|r| r["match"] == "尧柏水泥" || r["match"] == "纾困")
    );
    assert_eq!(
        gongwen(dir.path(), &["mentions", "不存在的词语"])
            .status
            .code(),
        Some(1)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]
    #[test]
    fn random_substrings_count_exactly(literal in substring(6)) {
        prop_assume!(!literal.trim().is_empty() && !literal.contains(char::is_whitespace));
        prop_assert_eq!(counted(&literal), brute_force(&literal));
    }
}
