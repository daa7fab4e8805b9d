//! Metadata from manifests (JSON Lines and CSV) and file names, with manifests winning
//! over headers, sources reported by `docs`, and gaps listed by `docs --missing`.

use serde_json::Value;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

fn docs(dir: &std::path::Path) -> Vec<Value> {
    let out = gongwen(dir, &["docs", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn by_path<'a>(docs: &'a [Value], path: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["path"] == path && d["section"] == 0)
        .unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn jsonl_manifest_wins_over_the_header_and_keeps_extra_fields() {
    let manifest = concat!(
        r#"{"file": "000_5761af68b6670f66.txt", "title": "清单里的标题", "speaker": "赵俊民", "date": "2021-02-09", "doc_type": "讲话", "level": "municipal", "year": 2021}"#,
        "\n",
        r#"{"file": "003_3f0cbd7fdfdebd01.txt", "speaker": null, "body": "某市人民政府", "year": "2022"}"#,
        "\n"
    );
    let dir = corpus_copy(&[
        ("manifest.jsonl", manifest.as_bytes()),
        ("2019-05-04_讲话.txt", "五四讲话：青年要奋斗。".as_bytes()),
    ]);
    let all = docs(dir.path());
    let d0 = by_path(&all, "000_5761af68b6670f66.txt");
    assert_eq!(d0["title"], "清单里的标题");
    assert_eq!(d0["date"], "2021-02-09");
    assert_eq!(d0["doc_type"], "讲话");
    assert_eq!(d0["extra"]["level"], "municipal");
    assert_eq!(d0["sources"]["title"], "manifest");
    assert_eq!(
        d0["sources"]["series"], "header",
        "values the manifest lacks stay from the header"
    );
    let d3 = by_path(&all, "003_3f0cbd7fdfdebd01.txt");
    assert_eq!(d3["body"], "某市人民政府");
    assert_eq!(d3["date"], "2022");
    assert_eq!(d3["speaker"], Value::Null);
    let named = by_path(&all, "2019-05-04_讲话.txt");
    assert_eq!(
        (named["date"].as_str(), named["sources"]["date"].as_str()),
        (Some("2019-05-04"), Some("file_name"))
    );

    // Manifest fields, extras included, are searchable as `field:value`.
    let municipal = || {
        let args = [
            "search",
            "工业",
            "level:municipal",
            "--json",
            "--passages",
            "--limit",
            "1000",
        ];
        stdout(&gongwen(dir.path(), &args))
    };
    let hits = municipal();
    assert!(!hits.is_empty());
    assert!(
        hits.lines()
            .all(|l| l.contains("\"path\":\"000_5761af68b6670f66.txt\"")),
        "{hits}"
    );
    let typed = stdout(&gongwen(
        dir.path(),
        &[
            "search",
            "工业",
            "doc_type:讲话",
            "--json",
            "--passages",
            "--limit",
            "1000",
        ],
    ));
    assert_eq!(typed, hits);
    // Search JSON carries the kind of document and the other manifest fields.
    for hit in hits
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
    {
        assert_eq!(hit["doc_type"], "讲话", "{hit}");
        assert_eq!(hit["extra"]["level"], "municipal", "{hit}");
    }
    assert_eq!(
        gongwen(dir.path(), &["search", "工业", "level:national"])
            .status
            .code(),
        Some(1)
    );

    // An update that adds a file carries the other documents over from the previous
    // index, their extras with them (stored apart from the records: see DOCUMENTS_FILE).
    std::fs::write(
        dir.path().join("corpus").join("new_讲话.txt"),
        "新的讲话：稳增长要久久为功。".as_bytes(),
    )
    .unwrap();
    let updated = docs(dir.path());
    assert_eq!(updated.len(), all.len() + 1);
    assert_eq!(
        by_path(&updated, "000_5761af68b6670f66.txt")["extra"],
        d0["extra"]
    );
    // The same passages (the scores move: the corpus grew).
    let passages = |json: &str| -> Vec<(String, u64)> {
        let mut found: Vec<(String, u64)> = json
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .map(|h| {
                (
                    h["path"].as_str().unwrap().to_string(),
                    // The header's lines are text too (null: the header).
                    h["passage"].as_u64().unwrap_or(u64::MAX),
                )
            })
            .collect();
        found.sort();
        found
    };
    let again = municipal();
    assert_eq!(passages(&again), passages(&hits));

    // The compilation keeps its per-section titles; a file's record only fills gaps there.
    assert_eq!(
        by_path(&all, "002_0e70e8c8b1ab6e14.txt")["title"],
        "凝聚合力 全力冲刺年度目标任务"
    );

    // --no-manifest: back to what the text says.
    assert_eq!(
        gongwen(dir.path(), &["index", "--no-manifest"])
            .status
            .code(),
        Some(0)
    );
    let plain = docs(dir.path());
    assert_eq!(
        by_path(&plain, "000_5761af68b6670f66.txt")["title"],
        "赵俊民同志在全市工业和信息化暨国资监管工作会议上的讲话"
    );

    // Gaps, to fill.
    let missing = stdout(&gongwen(
        dir.path(),
        &["docs", "--missing", "speaker", "--json"],
    ));
    assert!(
        missing
            .lines()
            .all(|l| serde_json::from_str::<Value>(l).unwrap()["speaker"].is_null())
    );
    assert_eq!(
        missing.lines().count(),
        plain.iter().filter(|d| d["speaker"].is_null()).count()
    );
}

#[test]
fn csv_manifest_with_bom_in_a_subfolder() {
    let dir = corpus_copy(&[]);
    let sub = dir.path().join("corpus/sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("talk.txt"), "讲话正文：稳增长。").unwrap();
    std::fs::write(sub.join("metadata.csv"), "\u{FEFF}file,title,date,speaker,body,note\ntalk.txt,\"关于稳增长的讲话\",2023-07,王五,某县人民政府,\"逗号,在内\"\n").unwrap();
    let all = docs(dir.path());
    let d = by_path(&all, "sub/talk.txt");
    assert_eq!(d["title"], "关于稳增长的讲话");
    assert_eq!(d["date"], "2023-07");
    assert_eq!(d["speaker"], "王五");
    assert_eq!(d["extra"]["note"], "逗号,在内");
    let search = stdout(&gongwen(
        dir.path(),
        &["search", "稳增长", "--speaker", "王五", "--json"],
    ));
    assert_eq!(
        search.lines().count(),
        1,
        "manifest values are indexed for filters"
    );
}

#[test]
fn records_that_cannot_be_used_are_named_in_the_summary() {
    // Issue 23: records dated 9999-12-31 or naming ../x were dropped without a line.
    let manifest = "{\"file\": \"000_5761af68b6670f66.txt\", \"date\": \"9999-12-31\"}\n\
        {\"file\": \"../outside.txt\", \"title\": \"外面\"}\n\
        {\"file\": \"001_0d34c7b23749980d.txt\", \"date\": \"2021-13\", \"doc_type\": \"讲话\"}\n";
    let dir = corpus_copy(&[("manifest.jsonl", manifest.as_bytes())]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    for said in [
        "000_5761af68b6670f66.txt: manifest date 9999-12-31 is no date",
        "manifest.jsonl:2: record names ../outside.txt, outside the corpus folder",
        "001_0d34c7b23749980d.txt: manifest date 2021-13 is no date",
    ] {
        assert!(summary.contains(said), "{said}: {summary}");
    }
    // The rest of a record still applies; the header's date stays.
    let docs = stdout(&gongwen(dir.path(), &["docs", "doc_type:讲话", "--json"]));
    let doc: Value = serde_json::from_str(docs.lines().next().unwrap()).unwrap();
    assert_eq!(doc["date"], "2020-06-24", "{doc}");
}
