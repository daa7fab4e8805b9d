//! Exact recall: the passages a literal finds are exactly those whose repaired text (or
//! header) holds it, after width and case folding, whatever jieba does; documents match
//! by document (every term anywhere in one, no excluded term anywhere), checked against
//! a brute-force scan; ranking and filters on top.

use std::collections::BTreeSet;

use gongwen::catalog::IndexHandle;
use gongwen::search::{self, Filters, Sort, query};
use gongwen::text::fold_str;
use proptest::prelude::*;

use crate::util::{parse_all, shared, substring};

type Key = (String, usize, u64);
type DocKey = (String, usize);

/// (path, section, passage) of every passage found for `q` (`search --passages`).
fn found(handle: &IndexHandle, q: &str, filters: &Filters) -> BTreeSet<Key> {
    let parsed = query::parse(q).unwrap();
    let results =
        search::search_passages(handle, &parsed, filters, Sort::Relevance, usize::MAX).unwrap();
    assert_eq!(results.hits.len(), results.passages);
    results
        .hits
        .iter()
        .map(|h| (h.document.path.clone(), h.document.section, h.passage))
        .collect()
}

/// (path, section) of every document found for `q`, checked against its totals.
fn documents_found(handle: &IndexHandle, q: &str) -> BTreeSet<DocKey> {
    let parsed = query::parse(q).unwrap();
    let results = search::search(
        handle,
        &parsed,
        &Filters::default(),
        Sort::Relevance,
        usize::MAX,
    )
    .unwrap();
    assert_eq!(results.hits.len(), results.documents);
    let passages: usize = results.hits.iter().map(|h| h.matching_passages).sum();
    assert_eq!(passages, results.passages);
    results
        .hits
        .iter()
        .map(|h| (h.document.path.clone(), h.document.section))
        .collect()
}

/// Folded text with every whitespace character a space: a literal's whitespace stands
/// for any one whitespace character of the text (a run in the literal for one).
fn spaced(text: &str) -> String {
    fold_str(text)
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// The same as [`found`], by scanning every repaired passage and header for the folded
/// literal.
fn scanned(literal: &str) -> BTreeSet<Key> {
    let needle = spaced(&literal.split_whitespace().collect::<Vec<_>>().join(" "));
    parse_all(&shared().corpus)
        .iter()
        .flat_map(|d| {
            d.passages
                .iter()
                .enumerate()
                .map(|(i, p)| (i as u64, p.clone()))
                .chain([(search::HEADER_PASSAGE, d.header_text())])
                .filter(|(_, p)| spaced(p).contains(&needle))
                .map(|(i, _)| (d.path.clone(), d.section, i))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The documents holding `literal` anywhere (a passage or the header), by scanning.
fn scanned_documents(literal: &str) -> BTreeSet<DocKey> {
    scanned(literal)
        .into_iter()
        .map(|(p, s, _)| (p, s))
        .collect()
}

#[test]
fn recall_table() {
    let handle = &shared().handle;
    // (query, literal scanned for, minimum passages expected)
    let table = [
        ("纾困", "纾困", 5),     // inside the jieba word 惠企纾困
        ("碳中和", "碳中和", 1), // cut differently inside 碳达峰碳中和
        ("碳达峰碳中和", "碳达峰碳中和", 1),
        ("稳", "稳", 30),             // one character
        ("2020年", "2020年", 8),      // also `2020 年` and `２０２０年` in the raw text
        ("\"2020 年\"", "2020年", 8), // the phrase is repaired like the text
        ("GDP", "GDP", 4),
        ("ＧＤＰ", "GDP", 4),
        ("gdp", "GDP", 4),
        ("新质生产力", "新质生产力", 1),
        ("尧柏水泥", "尧柏水泥", 2),
        ("高质量发展", "高质量发展", 5),
        ("。", "。", 80),
    ];
    for (q, literal, at_least) in table {
        let got = found(handle, q, &Filters::default());
        assert_eq!(got, scanned(literal), "query {q:?}");
        assert!(
            got.len() >= at_least,
            "query {q:?} found only {}",
            got.len()
        );
    }
}

#[test]
fn reopened_index_registers_its_tokenizers() {
    let dir = crate::util::corpus_copy(&[]);
    let index = dir.path().join("index");
    gongwen::indexer::build(
        &dir.path().join("corpus"),
        &index,
        &Default::default(),
        &mut |_| {},
    )
    .unwrap();
    let reopened = IndexHandle::open(&index).unwrap();
    let before = found(&reopened, "纾困", &Filters::default());
    assert!(before.len() >= 4, "{before:?}");
    // A handle reads only; writing through the generation's index, with the tokenizers
    // registered as every open registers them (tantivy stores only their names), cuts
    // the new passage's words with the policy dictionary.
    let f = reopened.fields;
    let word = tantivy::Term::from_field_text(f.text, "惠企纾困");
    let words_before = reopened.reader.searcher().doc_freq(&word).unwrap();
    let writable = tantivy::Index::open_in_dir(reopened.generation()).unwrap();
    gongwen::analysis::register(&writable, &reopened.segmenter);
    let mut writer: tantivy::IndexWriter = writable.writer(15_000_000).unwrap();
    let mut doc = tantivy::TantivyDocument::new();
    doc.add_text(f.text, "出台惠企纾困新措施。");
    doc.add_text(f.exact, "出台惠企纾困新措施。");
    doc.add_u64(f.doc, 0);
    doc.add_u64(f.ordinal, 999);
    writer.add_document(doc).unwrap();
    writer.commit().unwrap();
    let searcher = writable.reader().unwrap().searcher();
    assert_eq!(
        searcher.doc_freq(&word).unwrap(),
        words_before + 1,
        "the word field was cut by jieba with the policy dictionary"
    );
}

#[test]
fn terms_or_and_exclusion_combine_by_document() {
    let handle = &shared().handle;
    let both = documents_found(handle, "工业 稳增长");
    let expect: BTreeSet<DocKey> = scanned_documents("工业")
        .intersection(&scanned_documents("稳增长"))
        .cloned()
        .collect();
    assert_eq!(both, expect);
    // The passages listed are those holding either term, in those documents only.
    let passages = found(handle, "工业 稳增长", &Filters::default());
    let expect: BTreeSet<Key> = scanned("工业")
        .union(&scanned("稳增长"))
        .filter(|(p, s, _)| both.contains(&(p.clone(), *s)))
        .cloned()
        .collect();
    assert_eq!(passages, expect);
    let either = documents_found(handle, "纾困 OR 尧柏水泥");
    let expect: BTreeSet<DocKey> = scanned_documents("纾困")
        .union(&scanned_documents("尧柏水泥"))
        .cloned()
        .collect();
    assert_eq!(either, expect);
    // An excluded term anywhere in a document leaves the whole document out.
    let without = documents_found(handle, "工业 -稳增长");
    let expect: BTreeSet<DocKey> = scanned_documents("工业")
        .difference(&scanned_documents("稳增长"))
        .cloned()
        .collect();
    assert_eq!(without, expect);
    assert!(!both.is_empty() && !without.is_empty());
}

#[test]
fn header_text_is_found_and_counted() {
    let handle = &shared().handle;
    // 寇全安 stands in the title line of 001 (and is its speaker): a header-only match.
    let docs = documents_found(handle, "寇全安");
    assert!(
        docs.contains(&("001_0d34c7b23749980d.txt".to_string(), 0)),
        "{docs:?}"
    );
    let parsed = query::parse("寇全安").unwrap();
    let results =
        search::search(handle, &parsed, &Filters::default(), Sort::Relevance, 10).unwrap();
    let hit = &results.hits[0];
    assert_eq!(hit.document.path, "001_0d34c7b23749980d.txt");
    assert_eq!(hit.passages[0].passage, search::HEADER_PASSAGE);
    assert_eq!(hit.title_highlights, vec![(0, 3)]);
    // Once, as the file writes it (`寇全安同志 在全市…的讲话`): the speaker read from that
    // line is metadata, not a second occurrence (issue 22: it was counted twice).
    assert_eq!(hit.occurrences, 1, "the title line");
}

#[test]
fn contiguous_query_ranks_first_and_highlights_point_at_matches() {
    let handle = &shared().handle;
    let parsed = query::parse("工业 稳增长").unwrap();
    let results =
        search::search_passages(handle, &parsed, &Filters::default(), Sort::Relevance, 100)
            .unwrap();
    let contiguous: Vec<bool> = results
        .hits
        .iter()
        .map(|h| fold_str(&h.text).contains("工业稳增长"))
        .collect();
    let first_scattered = contiguous.iter().position(|c| !c).unwrap();
    assert!(first_scattered > 0, "no contiguous hit ranked first");
    assert!(
        contiguous[first_scattered..].iter().all(|c| !c),
        "a contiguous hit ranked below a scattered one"
    );
    for hit in &results.hits {
        let chars: Vec<char> = hit.text.chars().collect();
        assert!(!hit.highlights.is_empty());
        for &(s, e) in &hit.highlights {
            let marked: String = chars[s..e].iter().collect();
            assert!(
                marked.contains("工业") || marked.contains("稳增长"),
                "{marked}"
            );
        }
    }
}

#[test]
fn filters_by_speaker_body_and_date() {
    let handle = &shared().handle;
    let docs = handle.catalog.documents().unwrap();
    let of =
        |keys: &BTreeSet<Key>| -> BTreeSet<String> { keys.iter().map(|k| k.0.clone()).collect() };
    let speaker = Filters {
        speaker: Some("赵俊民".into()),
        ..Filters::default()
    };
    let hits = found(handle, "工业", &speaker);
    assert!(!hits.is_empty());
    assert_eq!(
        of(&hits),
        BTreeSet::from(["000_5761af68b6670f66.txt".to_string()])
    );
    assert_eq!(
        found(handle, "工业 speaker:赵俊民", &Filters::default()),
        hits
    );

    let body = found(handle, "工业 body:汉阴县人民政府", &Filters::default());
    assert!(!body.is_empty());
    assert!(body.iter().all(|k| k.1 == 2 && k.0.starts_with("002_")));

    let year_2021 = Filters {
        from: gongwen::document::DocDate::parse("2021"),
        to: gongwen::document::DocDate::parse("2021"),
        ..Filters::default()
    };
    assert_eq!(
        of(&found(handle, "工业", &year_2021)),
        BTreeSet::from(["000_5761af68b6670f66.txt".to_string()])
    );
    // 004 is dated only to the year 2020: it overlaps June 2020, as does 001.
    let june = Filters {
        from: gongwen::document::DocDate::parse("2020-06"),
        to: gongwen::document::DocDate::parse("2020-06-30"),
        ..Filters::default()
    };
    assert_eq!(
        of(&found(handle, "工业", &june)),
        BTreeSet::from([
            "001_0d34c7b23749980d.txt".to_string(),
            "004_2cba67d593e2b394.txt".to_string()
        ])
    );
    assert_eq!(
        found(handle, "工业 year:2020-06", &Filters::default()),
        found(handle, "工业", &june)
    );
    assert!(
        docs.iter().any(|d| d.meta.date.is_none()),
        "undated documents exist and are left out by date filters"
    );
}

#[test]
fn ties_go_to_the_newest_document() {
    let handle = &shared().handle;
    let parsed = query::parse("稳").unwrap();
    let results = search::search(handle, &parsed, &Filters::default(), Sort::Date, 1000).unwrap();
    let dates: Vec<i64> = results
        .hits
        .iter()
        .map(|h| h.document.meta.date.map_or(0, |d| d.first_day()))
        .collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "--sort date is newest first"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn documents_match_by_document_and_or_not(a in substring(5), b in substring(5), op in 0..3usize) {
        let (a, b) = (a.trim().to_string(), b.trim().to_string());
        let plain = |t: &str| !t.is_empty() && !t.contains(['"', ' ', ':', '：']) && !t.starts_with('-') && t != "OR";
        prop_assume!(plain(&a) && plain(&b));
        let (q, expect): (String, BTreeSet<DocKey>) = match op {
            0 => (format!("\"{a}\" \"{b}\""), scanned_documents(&a).intersection(&scanned_documents(&b)).cloned().collect()),
            1 => (format!("\"{a}\" OR \"{b}\""), scanned_documents(&a).union(&scanned_documents(&b)).cloned().collect()),
            _ => (format!("\"{a}\" -\"{b}\""), scanned_documents(&a).difference(&scanned_documents(&b)).cloned().collect()),
        };
        prop_assert_eq!(documents_found(&shared().handle, &q), expect, "{}", q);
    }

    #[test]
    fn random_substrings_find_exactly_the_passages_holding_them(literal in substring(8)) {
        let literal = literal.trim().to_string();
        prop_assume!(!literal.is_empty() && !literal.contains(['"', ' ']) && !literal.starts_with('-') && literal != "OR");
        prop_assume!(!literal.contains([':', '：']));
        let got = found(&shared().handle, &format!("\"{literal}\""), &Filters::default());
        prop_assert_eq!(got, scanned(&literal));
    }
}

#[test]
fn simplified_queries_find_traditional_text_and_the_reverse() {
    let dir = crate::util::corpus_copy(&[(
        "1954.txt",
        "我們要發展國民經濟，實現國家的社會主義工業化。\n".as_bytes(),
    )]);
    for (query, marked) in [
        ("发展国民经济", "發展國民經濟"),
        ("國家", "國家"),
        ("工业化", "工業化"),
    ] {
        let out = crate::util::gongwen(dir.path(), &["search", query, "--json"]);
        assert_eq!(out.status.code(), Some(0), "{query}");
        let doc: serde_json::Value = crate::util::stdout(&out)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|d| d["path"] == "1954.txt")
            .unwrap_or_else(|| panic!("{query}: 1954.txt not found"));
        let hit = &doc["passages"][0];
        let text: Vec<char> = hit["text"].as_str().unwrap().chars().collect();
        let (s, e) = (
            hit["highlights"][0][0].as_u64().unwrap() as usize,
            hit["highlights"][0][1].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text[s..e].iter().collect::<String>(),
            marked,
            "highlights point at the original characters"
        );
    }
}

#[test]
fn a_bare_heading_never_outranks_a_paragraph_with_the_same_match() {
    let paragraph = "各地区各部门要坚持以推动高质量发展为主题，把实施扩大内需战略同深化供给侧结构性改革有机结合起来，\
        增强国内大循环内生动力和可靠性，提升国际循环质量和水平，加快建设现代化经济体系，着力提高全要素生产率，\
        着力提升产业链供应链韧性和安全水平，推动经济实现质的有效提升和量的合理增长。";
    let text = format!("第七章促进高质量发展\n第一节总体要求\n{paragraph}\n");
    let dir = crate::util::corpus_copy(&[("plan.txt", text.as_bytes())]);
    let index = dir.path().join("index");
    gongwen::indexer::build(
        &dir.path().join("corpus"),
        &index,
        &Default::default(),
        &mut |_| {},
    )
    .unwrap();
    let handle = IndexHandle::open(&index).unwrap();
    let parsed = query::parse("高质量发展").unwrap();
    let hits = search::search_passages(&handle, &parsed, &Filters::default(), Sort::Relevance, 100)
        .unwrap()
        .hits;
    let rank_of = |wanted: &dyn Fn(&str) -> bool| {
        hits.iter()
            .position(|h| h.document.path == "plan.txt" && wanted(&h.text))
            .unwrap_or_else(|| panic!("{:#?}", hits.iter().map(|h| &h.text).collect::<Vec<_>>()))
    };
    let heading = rank_of(&|t| t.trim() == "第七章促进高质量发展");
    let substance = rank_of(&|t| t.contains("推动高质量发展为主题"));
    assert!(
        substance < heading,
        "heading {heading}, paragraph {substance}"
    );
    // Shown for the document: the paragraph first, not the heading.
    let documents = search::search(&handle, &parsed, &Filters::default(), Sort::Relevance, 100)
        .unwrap()
        .hits;
    let plan = documents
        .iter()
        .find(|d| d.document.path == "plan.txt")
        .unwrap();
    assert!(
        plan.passages[0].text.contains("推动高质量发展为主题"),
        "{:?}",
        plan.passages
    );
}
