//! `mentions` is exhaustive: for any literal, the occurrences it reports equal a
//! brute-force count over the repaired passage texts.

use std::collections::BTreeMap;

use gongwen::mentions::{GroupBy, count_by, mentions, totals};
use gongwen::search::Filters;
use gongwen::search::aliases::{Aliases, Entity};
use gongwen::text::fold_str;
use proptest::prelude::*;

use crate::util::{corpus_copy, gongwen, parse_all, shared, stderr, stdout, substring};

fn brute_force(literal: &str) -> usize {
    let needle = fold_str(literal.trim());
    parse_all(&shared().corpus)
        .iter()
        .flat_map(crate::util::texts)
        .map(|p| fold_str(&p).matches(&needle).count())
        .sum()
}

fn entity(literal: &str) -> Entity {
    Aliases::default().entity(literal)
}

fn counted(literal: &str) -> usize {
    mentions(&shared().handle, &[entity(literal)], &Filters::default())
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
    let found = mentions(&shared().handle, &[entity("工业")], &Filters::default()).unwrap();
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

#[test]
fn alias_groups_count_as_one_entity_and_can_be_turned_off() {
    let aliases = std::fs::read(crate::util::corpus_dir().join("aliases.toml")).unwrap();
    let dir = corpus_copy(&[("aliases.toml", &aliases)]);
    // 旬阳县 (as the county was called until 2021, split across a page in sample 001) and
    // 旬阳市 are one place.
    let on = gongwen(dir.path(), &["mentions", "旬阳县", "--json"]);
    let rows: Vec<serde_json::Value> = stdout(&on)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), brute_force("旬阳县") + brute_force("旬阳市"));
    assert!(rows.iter().all(|r| r["term"] == "旬阳市"));
    assert!(
        rows.iter().any(|r| r["variant"] == "旬阳县")
            && rows.iter().any(|r| r["variant"] == "旬阳市")
    );
    let off = gongwen(
        dir.path(),
        &["mentions", "旬阳县", "--json", "--no-aliases"],
    );
    assert_eq!(stdout(&off).lines().count(), brute_force("旬阳县"));

    // Overlapping names count once, the longest winning: 高新集团 inside 安康高新集团.
    let human = stdout(&gongwen(
        dir.path(),
        &["mentions", "高新集团", "--color", "never"],
    ));
    let expected =
        brute_force("安康高新集团") + brute_force("高新集团") - brute_force("安康高新集团");
    assert!(
        human.contains(&format!("安康高新集团: {expected} occurrences")),
        "{human}"
    );
    assert!(
        human.contains("(aliases: 安康高新集团 2, 高新集团 1"),
        "{human}"
    );

    // search expands the same way, and says so.
    let search = stdout(&gongwen(
        dir.path(),
        &["search", "市工信局", "--limit", "0"],
    ));
    assert!(
        search.contains("安康市工业和信息化局 OR 市工信局"),
        "{search}"
    );
    let plain = stdout(&gongwen(
        dir.path(),
        &["search", "市工信局", "--limit", "0", "--no-aliases"],
    ));
    assert!(
        plain.starts_with("2 documents match 市工信局 (7 passages; showing 0)"),
        "{plain}"
    );

    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[group]]\nnames = 1\n").unwrap();
    let out = gongwen(dir.path(), &["mentions", "稳", "--aliases", "bad.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::util::stderr(&out).contains("bad.toml"));
}

#[test]
fn filtered_mentions_equal_a_brute_force_scan_of_the_admitted_documents() {
    let handle = &shared().handle;
    for (filters, admits) in [
        (
            Filters {
                speaker: Some("赵俊民".into()),
                ..Filters::default()
            },
            (|d: &gongwen::document::Document| d.meta.speaker.as_deref() == Some("赵俊民"))
                as fn(&gongwen::document::Document) -> bool,
        ),
        (
            Filters {
                body: Some("汉阴县".into()),
                ..Filters::default()
            },
            |d| d.meta.body.as_deref().is_some_and(|b| b.contains("汉阴县")),
        ),
    ] {
        let found = mentions(handle, &[entity("工业")], &filters).unwrap();
        let expected: usize = parse_all(&shared().corpus)
            .iter()
            .filter(|d| admits(d))
            .flat_map(crate::util::texts)
            .map(|p| p.matches("工业").count())
            .sum();
        assert!(expected > 0);
        assert_eq!(found.len(), expected, "{filters:?}");
        // The filter holds on every passage, not only on the first one of a document.
        assert!(found.iter().any(|m| m.passage > 0));
    }
}

#[test]
fn counts_from_the_index_equal_the_mentions_on_the_text() {
    use gongwen::mentions::occurrences;
    let handle = &shared().handle;
    let year_2020 = Filters {
        from: gongwen::document::DocDate::parse("2020"),
        to: gongwen::document::DocDate::parse("2020"),
        ..Filters::default()
    };
    let speaker = Filters {
        speaker: Some("寇全安".into()),
        ..Filters::default()
    };
    // Single characters are counted from postings; longer terms from the text.
    for term in ["稳", "的", "。", "2", "x", "Ｘ", "穩", "纾困", "工业经济"] {
        for filters in [&Filters::default(), &year_2020, &speaker] {
            let counted: Vec<_> = occurrences(handle, &[entity(term)], filters).unwrap();
            let listed = mentions(handle, &[entity(term)], filters).unwrap();
            let by_doc = |t: BTreeMap<Option<String>, gongwen::mentions::Counts>| t;
            assert_eq!(
                by_doc(count_by(&counted, GroupBy::Doc)),
                by_doc(count_by(&listed, GroupBy::Doc)),
                "{term} {filters:?}"
            );
            assert_eq!(totals(&counted), totals(&listed), "{term} {filters:?}");
        }
    }
    assert_eq!(
        totals(&occurrences(handle, &[entity("稳")], &Filters::default()).unwrap()).occurrences,
        brute_force("稳")
    );
    // Several terms in one table: a passage holding two of them is one passage. Counted
    // per document from postings (稳, 增长), from the text (稳增长 with a space inside),
    // or both, the table equals the one made of every mention.
    for terms in [
        &["稳", "增长"][..],
        &["纾困", "稳 增长", "的"],
        &["稳", "稳增长"],
    ] {
        let entities: Vec<Entity> = terms.iter().map(|t| entity(t)).collect();
        let counted = occurrences(handle, &entities, &Filters::default()).unwrap();
        let listed = mentions(handle, &entities, &Filters::default()).unwrap();
        assert_eq!(
            count_by(&counted, GroupBy::Doc),
            count_by(&listed, GroupBy::Doc),
            "{terms:?}"
        );
        assert_eq!(totals(&counted), totals(&listed), "{terms:?}");
        let each: usize = entities
            .iter()
            .map(|e| {
                totals(&occurrences(handle, std::slice::from_ref(e), &Filters::default()).unwrap())
                    .passages
            })
            .sum();
        assert!(
            totals(&counted).passages < each,
            "{terms:?}: some passage holds two terms"
        );
    }
}

#[test]
fn repeated_characters_count_the_same_from_positions_and_from_text() {
    use gongwen::catalog::IndexHandle;
    use gongwen::indexer::{self, BuildOptions};
    use gongwen::mentions::occurrences;
    // Overlapping runs: 哈哈 in 哈哈哈哈哈 is 2 (non-overlapping, as str::matches
    // counts), whether counted from the characters' positions or on the text.
    let text = "哈哈哈哈哈，稳稳稳。\n哈哈 哈哈哈，稳稳稳稳。\n";
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("repeat.txt"), text).unwrap();
    let index = dir.path().join("index");
    indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    let handle = IndexHandle::open(&index).unwrap();
    let passages = parse_all(&corpus);
    for term in ["哈哈", "哈哈哈", "稳稳", "稳稳稳", "哈"] {
        let expected: usize = passages
            .iter()
            .flat_map(crate::util::texts)
            .map(|p| p.matches(term).count())
            .sum();
        assert!(expected > 0, "{term}");
        let counted = totals(&occurrences(&handle, &[entity(term)], &Filters::default()).unwrap());
        let listed = mentions(&handle, &[entity(term)], &Filters::default()).unwrap();
        assert_eq!(counted.occurrences, expected, "{term} counted");
        assert_eq!(listed.len(), expected, "{term} listed");
    }
}

#[test]
fn mentions_do_not_depend_on_how_much_text_is_read_at_once() {
    use gongwen::mentions::{Mention, for_each_document_in_windows};
    let handle = &shared().handle;
    let entities = [entity("的"), entity("发展"), entity("稳增长")];
    let key = |m: &Mention| {
        (
            m.document.id,
            m.passage,
            m.start,
            m.end,
            m.entity,
            m.left().to_string(),
            m.matched().to_string(),
            m.right().to_string(),
        )
    };
    let all = mentions(handle, &entities, &Filters::default()).unwrap();
    assert!(all.len() > 500, "{}", all.len());
    // One document per window: every window reads its own passages again.
    let mut windowed = Vec::new();
    let mut documents = Vec::new();
    for_each_document_in_windows(handle, &entities, &Filters::default(), 1, &mut |found| {
        documents.push(found[0].document.id);
        windowed.extend(found);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        all.iter().map(key).collect::<Vec<_>>(),
        windowed.iter().map(key).collect::<Vec<_>>()
    );
    // Each document comes once, in date order (undated last).
    let mut seen = documents.clone();
    seen.dedup();
    assert_eq!(seen, documents);
    let dates: Vec<i64> = windowed
        .iter()
        .map(|m| m.document.meta.date.map_or(i64::MAX, |d| d.first_day()))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    // Within a passage, mentions of several terms come by offset.
    for w in windowed.windows(2) {
        if w[0].document.id == w[1].document.id && w[0].passage == w[1].passage {
            assert!(w[0].start <= w[1].start);
        }
    }
}

#[test]
fn a_query_drops_the_invisible_characters_the_text_drops() {
    // Issue 23: `mentions 尧\u200b柏水泥` found 0 where 尧柏水泥 finds 2 (repair drops the
    // zero-width space from passages, the query kept it).
    let dir = corpus_copy(&[]);
    let plain = stdout(&gongwen(dir.path(), &["mentions", "尧柏水泥", "--json"]));
    assert_eq!(plain.lines().count(), 2, "{plain}");
    for hidden in [
        "尧\u{200B}柏水泥",
        "尧柏\u{FEFF}水泥",
        "\u{00AD}尧柏水泥",
        "尧柏水\u{1}泥",
    ] {
        let out = gongwen(dir.path(), &["mentions", hidden, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{hidden:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), plain, "{hidden:?}");
        let out = gongwen(dir.path(), &["search", hidden, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{hidden:?}");
    }
}

#[test]
fn csv_cells_a_spreadsheet_would_run_are_text() {
    // Issue 23: a file named like a formula went into the CSV verbatim.
    let dir = corpus_copy(&[(
        "=HYPERLINK(1)尧柏.txt",
        "陕西尧柏水泥有限公司复工复产。".as_bytes(),
    )]);
    let out = gongwen(dir.path(), &["mentions", "尧柏水泥", "--csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    assert!(csv.contains(",\"'=HYPERLINK(1)尧柏.txt\","), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
}

/// The JSON and CSV lines of many documents' mentions written at once (as the sorted
/// concordance and the server write them) are each mention's own object or row: the
/// parts written once per document and term are not carried into the next document.
#[test]
fn json_and_csv_lines_are_each_mentions_own() {
    use gongwen::output::concordance::MentionPrinter;
    use gongwen::output::{Csv, JsonLines, JsonMention};
    let handle = &shared().handle;
    // Two terms (their heads alternate within a document) and an alias group.
    let entities = [entity("发展"), entity("经济"), entity("国务院")];
    let all = mentions(handle, &entities, &Filters::default()).unwrap();
    let documents: std::collections::HashSet<u64> = all.iter().map(|m| m.document.id).collect();
    assert!(
        documents.len() > 3 && all.len() > 200,
        "{} {}",
        documents.len(),
        all.len()
    );
    let mut json = Vec::new();
    JsonLines.lines().unwrap().write(&all, &mut json);
    let json = String::from_utf8(json).unwrap();
    let expected: Vec<String> = all
        .iter()
        .map(|m| serde_json::to_string(&JsonMention::new(m)).unwrap())
        .collect();
    assert_eq!(json.lines().collect::<Vec<_>>(), expected);
    // CSV: each row read back names its own document's title and path.
    let mut csv = Vec::new();
    Csv::default().lines().unwrap().write(&all, &mut csv);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), all.len());
    for (row, m) in rows.iter().zip(&all) {
        let j = JsonMention::new(m);
        assert_eq!(&row[0], j.term);
        assert_eq!(&row[1], j.title.unwrap_or(""));
        assert_eq!(&row[5], j.path);
        assert_eq!(row[8].parse::<usize>().unwrap(), j.start);
        assert_eq!(&row[11], j.matched);
    }
}
