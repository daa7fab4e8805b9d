//! Names discovered: `gongwen names` lists the enterprises, bodies and places a corpus
//! mentions, each counted exactly as `mentions` counts it, in the documents the filters
//! admit; common words are never listed as names.

use std::collections::BTreeMap;

use gongwen::catalog::IndexHandle;
use gongwen::indexer::{self, BuildOptions};
use gongwen::mentions::names::{NameKind, NameSource, ShortForms, names, names_counted};
use gongwen::mentions::{self};
use gongwen::search::aliases::Entity;
use gongwen::search::query::terms_and_filters;
use serde_json::Value;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

/// A news text with a company, the short name it defines, a traditional-script place and
/// common words that end like names (城市, 市场, 全省, 公司).
const NEWS: &str = "# 绿色能源项目签约\n\n\
陕西秦岭绿能科技有限公司（以下简称“秦岭绿能”）与安康市人民政府签约。\
秦岭绿能将在漢濱區建设光伏电站，城市居民和市场主体受益，全省各地公司踊跃参与。\
秦岭绿能计划三年内投产。\n";

fn index_with_news() -> (tempfile::TempDir, IndexHandle) {
    let dir = corpus_copy(&[("news.txt", NEWS.as_bytes())]);
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    let handle = IndexHandle::open(&index).unwrap();
    (dir, handle)
}

#[test]
fn every_names_count_equals_the_mentions_of_that_name() {
    let (_dir, handle) = index_with_news();
    for words in [&[][..], &["year:2021".to_string()][..]] {
        let (_, filters) = terms_and_filters(words).unwrap();
        let found = names(&handle, &filters, &NameKind::ALL).unwrap();
        assert!(found.len() >= 10, "{words:?}: {found:?}");
        for n in &found {
            let entity = Entity {
                name: n.name.clone(),
                variants: vec![n.name.clone()],
            };
            let counts = mentions::occurrences(&handle, &[entity], &filters).unwrap();
            let occurrences: usize = counts.iter().map(|c| c.occurrences).sum();
            assert_eq!(
                (n.occurrences, n.documents),
                (occurrences, counts.len()),
                "{} with {words:?}",
                n.name
            );
        }
        // Commonest first.
        assert!(
            found
                .windows(2)
                .all(|w| w[0].occurrences >= w[1].occurrences)
        );
    }
}

#[test]
fn names_are_found_by_suffix_definition_and_dictionary_never_common_words() {
    let (_dir, handle) = index_with_news();
    let (_, filters) = terms_and_filters(&[]).unwrap();
    let found: BTreeMap<String, _> = names(&handle, &filters, &NameKind::ALL)
        .unwrap()
        .into_iter()
        .map(|n| (n.name.clone(), n))
        .collect();
    let full = &found["陕西秦岭绿能科技有限公司"];
    assert_eq!(
        (full.kind, full.source),
        (NameKind::Enterprise, NameSource::Suffix)
    );
    let short = &found["秦岭绿能"];
    assert_eq!(short.source, NameSource::Defined);
    assert_eq!(short.short_for.as_deref(), Some("陕西秦岭绿能科技有限公司"));
    // Counted wherever it occurs, as a literal: in the full name, in its definition
    // and twice after.
    assert_eq!((short.occurrences, short.documents), (4, 1));
    assert_eq!(found["安康市人民政府"].kind, NameKind::Organisation);
    // Folded: 漢濱區 is found and counted as 汉滨区, in the speeches too.
    assert_eq!(found["汉滨区"].kind, NameKind::Place);
    assert!(found["汉滨区"].documents >= 2);
    // A name the built-in dictionary declares (tag nt).
    assert_eq!(found["尧柏水泥"].source, NameSource::Dictionary);
    for common in [
        "城市",
        "市场",
        "全省",
        "公司",
        "人民政府",
        "各地",
        "标准化厂",
    ] {
        assert!(!found.contains_key(common), "{common} is no name");
    }
}

#[test]
fn the_names_command_filters_kinds_and_exports() {
    let dir = corpus_copy(&[("news.txt", NEWS.as_bytes())]);
    let out = gongwen(
        dir.path(),
        &["names", "--kind", "enterprise", "--json", "--limit", "0"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(rows.iter().all(|r| r["kind"] == "enterprise"), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r["name"] == "秦岭绿能" && r["short_for"] == "陕西秦岭绿能科技有限公司")
    );
    let out = gongwen(dir.path(), &["names", "--csv", "--limit", "3"]);
    let csv = stdout(&out);
    assert!(
        csv.starts_with("\u{feff}name,kind,occurrences,documents,found_by,short_for,as_name\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4);
    let table = stdout(&gongwen(dir.path(), &["names", "--limit", "2"]));
    assert!(
        table.contains("more (--limit 0 lists every name)"),
        "{table}"
    );
    // Text is counted with `mentions`; names takes filters only.
    let out = gongwen(dir.path(), &["names", "稳增长"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("names takes filters only"),
        "{}",
        stderr(&out)
    );
    // No document admitted: nothing found, exit 1.
    let out = gongwen(dir.path(), &["names", "--where", "year=1900"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

/// Lines cut from real files of `../shared/corpus/`, one a line:
/// `laws_lawrefbook/docs/law_02093.txt` line 37, `xi_articles_12371/docs/
/// xi_12371_2019-12-20_ARTI1576848649290234.txt` line 8, `xi_articles_12371/docs/
/// xi_12371_2018-05-19_ARTI1526735275136639.txt` line 22, `laws_lawrefbook/docs/
/// law_02852.txt` line 11, `local_policy_docx/docs/policy_noservice_154.txt` line 1.
const GOVERNMENT: &str = include_str!("fixtures/names/government.txt");

#[test]
fn the_names_of_government_are_listed_whole_with_their_kind() {
    // Issue 25: central bodies with no place before them, provinces, the longest name
    // (not 中国银行 inside 中国银行保险监督管理委员会, not 大湾区), short forms tied to
    // their full names, cities ending in 州 and the places that open bodies' names.
    let dir = corpus_copy(&[("government.txt", GOVERNMENT.as_bytes())]);
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    let handle = IndexHandle::open(&index).unwrap();
    let (_, filters) = terms_and_filters(&[]).unwrap();
    let found = names(&handle, &filters, &NameKind::ALL).unwrap();
    let listed: BTreeMap<&str, (NameKind, NameSource, Option<&str>)> = found
        .iter()
        .map(|n| {
            let short_for = n.short_for.as_deref();
            (n.name.as_str(), (n.kind, n.source, short_for))
        })
        .collect();
    for (name, kind) in [
        ("中国人民银行", NameKind::Organisation),
        ("中国银行保险监督管理委员会", NameKind::Organisation),
        ("中国证券监督管理委员会", NameKind::Organisation),
        ("国家外汇管理局", NameKind::Organisation),
        ("财政部", NameKind::Organisation),
        ("生态环境部", NameKind::Organisation),
        ("粤港澳大湾区", NameKind::Place),
        ("河北省", NameKind::Place),
        ("四川省", NameKind::Place),
        ("北京市人民政府", NameKind::Organisation),
        ("杭州市人民政府", NameKind::Organisation),
        ("杭州市", NameKind::Place),
    ] {
        assert_eq!(
            listed.get(name).map(|l| l.0),
            Some(kind),
            "{name}: {found:?}"
        );
    }
    assert_eq!(
        listed.get("国家发展改革委"),
        Some(&(
            NameKind::Organisation,
            NameSource::Official,
            Some("国家发展和改革委员会")
        ))
    );
    for fragment in ["中国银行", "大湾区", "中国证券", "上海银行"] {
        assert!(!listed.contains_key(fragment), "{fragment}: {found:?}");
    }
    // 财政部 once as the ministry, once inside 财政部门 (finance departments): both
    // occurrences counted as `mentions` counts them, one as the name.
    let ministry = found.iter().find(|n| n.name == "财政部").unwrap();
    assert_eq!(
        (ministry.occurrences, ministry.as_name),
        (2, 1),
        "{ministry:?}"
    );
    // Counted with its short forms, the full name never written has a row of its own.
    let together = names_counted(&handle, &filters, &NameKind::ALL, ShortForms::Together).unwrap();
    let full = together
        .iter()
        .find(|n| n.name == "国家发展和改革委员会")
        .unwrap_or_else(|| panic!("{together:?}"));
    assert!(full.counted_with.contains(&"国家发展改革委".to_string()));
    // Every 国家发展改革委 holds a 发展改革委 (the bundled corpus writes the shorter one too):
    // counted together, each place is counted once.
    let apart = |name: &str| {
        found
            .iter()
            .find(|n| n.name == name)
            .map_or(0, |n| n.occurrences)
    };
    assert_eq!(
        full.occurrences,
        apart("发展改革委").max(apart("国家发展改革委")),
        "{full:?}"
    );
}

#[test]
fn a_document_added_makes_a_string_a_name_in_every_document() {
    // Issue 25: names are read as each document is indexed and gathered when `names`
    // runs, so a document that defines a short name, added later by an update, makes
    // it a name wherever it occurs — in the documents indexed before it too.
    let (definition, later_use) = NEWS.split_once("秦岭绿能将在").unwrap();
    let uses = format!("# 项目进展\n\n秦岭绿能将在{later_use}");
    let dir = corpus_copy(&[("uses.txt", uses.as_bytes())]);
    let (corpus, index) = (dir.path().join("corpus"), dir.path().join("index"));
    let (_, filters) = terms_and_filters(&[]).unwrap();
    let listed = |index: &std::path::Path| -> BTreeMap<String, (usize, usize)> {
        let handle = IndexHandle::open(index).unwrap();
        names(&handle, &filters, &NameKind::ALL)
            .unwrap()
            .into_iter()
            .map(|n| (n.name, (n.occurrences, n.documents)))
            .collect()
    };
    indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    assert!(!listed(&index).contains_key("秦岭绿能"));
    std::fs::write(corpus.join("news.txt"), format!("{definition}\n")).unwrap();
    let summary = indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    assert!(summary.rebuilt.is_none(), "an update, not a rebuild");
    // Two uses in the earlier document, the full name and the definition in the new one.
    assert_eq!(listed(&index).get("秦岭绿能"), Some(&(4, 2)));
}
