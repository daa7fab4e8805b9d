//! Updating an index: only new, changed and removed files are processed, by content
//! hash, and the result answers exactly like an index rebuilt from scratch.

use std::path::Path;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

const EXTRA_A: &str = "关于稳增长的补充通知\n安康市人民政府办公室\n2021年3月5日\n各县区要把稳增长放在更加突出的位置，惠企纾困政策应出尽出。\n";
const EXTRA_B: &str = "在全市招商引资大会上的讲话\n2022年6月1日\n招商引资是稳增长的关键一招。要围绕新材料、新能源产业链精准招商，服务好尧柏水泥等重点企业。\n";
const EXTRA_C: &str = "市政府常务会议纪要\n会议研究了惠企纾困工作，要求市工信局牵头推进。稳增长、稳就业、稳物价三者统筹。\n";

/// Runs `gongwen ARGS --corpus corpus --index INDEX` in `dir`, expecting success.
fn run(dir: &Path, index: &str, args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--corpus", "corpus", "--index", index]);
    let out = gongwen(dir, &all);
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{all:?}: {}",
        stderr(&out)
    );
    stdout(&out)
}

/// Output with the `"id":N` members removed: ids are internal and differ between an
/// updated index (new documents get new ids) and a rebuilt one.
fn without_ids(json: &str) -> String {
    let re = regex::Regex::new(r#""id":\d+,?"#).unwrap();
    re.replace_all(json, "").into_owned()
}

#[test]
fn an_update_processes_only_what_changed_and_equals_a_rebuild() {
    let dir = corpus_copy(&[
        ("a.txt", EXTRA_A.as_bytes()),
        ("b.txt", EXTRA_B.as_bytes()),
        ("c.txt", EXTRA_C.as_bytes()),
    ]);
    let corpus = dir.path().join("corpus");
    let first = run(dir.path(), "index", &["index"]);
    assert!(first.contains("the index holds 8 files"), "{first}");

    // 3 added, 1 changed, 2 removed, 1 touched without a change of content.
    std::fs::write(
        corpus.join("d.txt"),
        EXTRA_A
            .replace("补充", "第二次")
            .replace("更加突出", "首要"),
    )
    .unwrap();
    std::fs::create_dir_all(corpus.join("2023")).unwrap();
    std::fs::write(corpus.join("2023/e.txt"), EXTRA_B.replace("2022", "2023")).unwrap();
    std::fs::write(corpus.join("f.txt"), "稳增长新增一篇：碳达峰碳中和。\n").unwrap();
    let sample = corpus.join("001_0d34c7b23749980d.txt");
    let mut text = std::fs::read_to_string(&sample).unwrap();
    // Inside the speech: text after the bulletin's distribution list is not indexed.
    let at = text.find("同志们，工业稳则经济稳").unwrap();
    text.insert_str(
        at,
        "补充一段：稳增长专班要每周调度，尧柏水泥技改项目年底投产。\n",
    );
    std::fs::write(&sample, text).unwrap();
    std::fs::remove_file(corpus.join("a.txt")).unwrap();
    std::fs::remove_file(corpus.join("003_3f0cbd7fdfdebd01.txt")).unwrap();
    let touched = std::fs::File::options()
        .write(true)
        .open(corpus.join("b.txt"))
        .unwrap();
    touched
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(7))
        .unwrap();
    drop(touched);

    let update = run(dir.path(), "index", &["index"]);
    assert!(
        update.starts_with("3 added, 1 changed, 2 removed, 5 unchanged; the index holds 9 files"),
        "{update}"
    );
    let rebuilt = run(dir.path(), "rebuilt", &["index", "--rebuild"]);
    assert!(
        rebuilt.starts_with("built from scratch (--rebuild)"),
        "{rebuilt}"
    );
    let holds = |s: &str| s[s.find("the index holds").unwrap()..s.rfind('(').unwrap()].to_string();
    assert_eq!(holds(&update), holds(&rebuilt));

    // Same hits, same order, same scores, same highlights, same counts.
    let queries: &[&[&str]] = &[
        &["search", "稳增长", "--json", "--limit", "1000"],
        &["search", "纾困", "--json", "--limit", "1000"],
        &["search", "的", "--json", "--limit", "1000"],
        &["search", "发展", "-安康", "--json", "--limit", "1000"],
        &[
            "search",
            "稳增长",
            "--from",
            "2021",
            "--json",
            "--limit",
            "1000",
        ],
        &["search", "尧柏水泥", "--sort", "date", "--json"],
        &["mentions", "稳增长", "尧柏水泥", "--json"],
        &["mentions", "稳增长", "--by", "doc"],
        &["trend", "稳增长", "--csv"],
        &["docs", "--json"],
    ];
    for args in queries {
        let updated = without_ids(&run(dir.path(), "index", args));
        let fresh = without_ids(&run(dir.path(), "rebuilt", args));
        assert!(updated.len() > 20, "{args:?}: {updated}");
        assert_eq!(updated, fresh, "{args:?}");
    }
    // The removed file's text is gone, the changed file's new text is found.
    let gone = gongwen(
        dir.path(),
        &["search", "把稳增长放在更加突出的位置", "--corpus", "corpus"],
    );
    assert_eq!(gone.status.code(), Some(1), "{}", stdout(&gone));
    let added = run(dir.path(), "index", &["search", "技改项目年底投产"]);
    assert!(
        added.starts_with("1 document matches 技改项目年底投产 (1 passage)"),
        "{added}"
    );

    // Nothing changed: nothing processed.
    let again = run(dir.path(), "index", &["index"]);
    assert!(
        again.starts_with("0 added, 0 changed, 0 removed, 9 unchanged"),
        "{again}"
    );
    // The updated generation holds the files of its live segments only: those merged
    // away (the segments with deletions) are gone from it.
    let (live, on_disk) = segments(&dir.path().join("index"));
    assert_eq!(on_disk, live);
}

#[test]
fn changed_settings_or_manifests_start_over() {
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    run(dir.path(), "index", &["index"]);
    std::fs::write(
        corpus.join("manifest.jsonl"),
        r#"{"file":"000_5761af68b6670f66.txt","speaker":"某某某"}"#,
    )
    .unwrap();
    // A search notices the new manifest; the update starts over.
    let out = gongwen(dir.path(), &["search", "稳增长", "--speaker", "某某某"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("built from scratch (manifests changed)"),
        "{}",
        stderr(&out)
    );
    let no_manifest = run(dir.path(), "index", &["index", "--no-manifest"]);
    assert!(
        no_manifest.starts_with("built from scratch (manifests changed)"),
        "{no_manifest}"
    );
}

#[test]
fn an_index_read_by_another_document_reader_is_parsed_again() {
    let dir = corpus_copy(&[]);
    run(dir.path(), "index", &["index"]);
    // The catalog as an older reader (other metadata rules) would have written it.
    let parsed_by_another_reader = || {
        let catalog = crate::util::catalog_path(dir.path());
        let bytes = std::fs::read(&catalog).unwrap();
        let (json, _) = gongwen::catalog::split_checksum(&bytes);
        let mut value: serde_json::Value = serde_json::from_slice(json).unwrap();
        assert_eq!(value["reader"], gongwen::document::READER);
        value["reader"] = "0000000000000000".into();
        let sealed = gongwen::catalog::with_checksum(value.to_string().as_bytes());
        std::fs::write(&catalog, sealed).unwrap();
    };
    // An update parses every file again rather than keep what the old rules read, be
    // it asked for or the first search's.
    parsed_by_another_reader();
    let out = gongwen(dir.path(), &["search", "稳增长"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("reads documents differently")
            && stderr(&out).contains("built from scratch"),
        "{}",
        stderr(&out)
    );
    parsed_by_another_reader();
    let again = run(dir.path(), "index", &["index"]);
    assert!(
        again.starts_with("built from scratch (this gongwen reads documents differently)"),
        "{again}"
    );
    assert!(run(dir.path(), "index", &["index"]).starts_with("0 added, 0 changed"));
}

#[test]
fn searches_of_a_large_corpus_check_folders_and_index_checks_contents() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let count = gongwen::catalog::STAT_EACH_FILE_UP_TO + 1;
    for n in 0..count {
        let sub = corpus.join(format!("{:02}", n % 50));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(
            sub.join(format!("{n:05}.txt")),
            format!("第{n}号通知：稳增长。\n"),
        )
        .unwrap();
    }
    run(dir.path(), "index", &["index"]);
    // An in-place edit is not looked for by a search of so many files…
    std::fs::write(corpus.join("07/00007.txt"), "第7号通知：改为惠企纾困。\n").unwrap();
    let search = gongwen(dir.path(), &["search", "惠企纾困"]);
    assert_eq!(search.status.code(), Some(1), "{}", stderr(&search));
    assert!(!stderr(&search).contains("updating"), "{}", stderr(&search));
    // …but a new file changes its folder's time, and the update finds the edit too.
    std::fs::write(corpus.join("07/new.txt"), "新增：惠企纾困。\n").unwrap();
    let search = gongwen(dir.path(), &["search", "惠企纾困"]);
    assert!(
        stderr(&search).contains("folder 07 changed"),
        "{}",
        stderr(&search)
    );
    assert!(
        stderr(&search).contains(&format!(
            "1 added, 1 changed, 0 removed, {},{:03} unchanged",
            (count - 1) / 1000,
            (count - 1) % 1000
        )),
        "{}",
        stderr(&search)
    );
    assert!(
        stdout(&search).starts_with("2 documents match 惠企纾困 (2 passages)"),
        "{}",
        stdout(&search)
    );
    // Each document read alone (from its compressed frame of the documents file) is the
    // one the whole file gives.
    let handle = gongwen::catalog::IndexHandle::open(&dir.path().join("index")).unwrap();
    let catalog = &handle.catalog;
    let alone: Vec<_> = (0..catalog.next_id)
        .filter_map(|id| catalog.document(id).ok())
        .collect();
    assert_eq!(alone.len(), count + 1);
    for doc in &alone {
        assert_eq!(&**catalog.record(doc.id).unwrap(), doc);
    }
    assert!(alone.iter().any(|d| d.path == "07/new.txt"));
    // Records asked for by id — some of a frame, repeated, unknown — are those read whole
    // (only the wanted lines of each frame are parsed).
    let mut wanted: Vec<u64> = (0..catalog.next_id).step_by(7).collect();
    wanted.extend([3, 3, catalog.next_id + 5, u64::MAX]);
    let mut records = catalog.records(&wanted).unwrap();
    records.sort_by_key(|d| d.id);
    let expected: Vec<_> = alone
        .iter()
        .filter(|d| d.id % 7 == 0 || d.id == 3)
        .collect();
    assert!(expected.len() > 100, "{}", expected.len());
    assert_eq!(records.iter().collect::<Vec<_>>(), expected);
}

/// Segment ids in the meta.json of the index's current generation, and segment stems of
/// the files on disk there.
fn segments(
    index: &Path,
) -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    let current = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let generation = index.join(current.trim());
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(generation.join("meta.json")).unwrap()).unwrap();
    let live = meta["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["segment_id"].as_str().unwrap().replace('-', ""))
        .collect();
    let on_disk = std::fs::read_dir(&generation)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.ends_with(".store")
                .then(|| name.trim_end_matches(".store").to_string())
        })
        .collect();
    (live, on_disk)
}

#[test]
fn many_small_updates_end_in_few_segments_and_no_stray_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    // Every update that adds a file adds a segment; past 32 they are merged into one.
    for n in 0..34 {
        std::fs::write(
            corpus.join(format!("{n:02}.txt")),
            format!("第{n}号通知：稳增长。\n"),
        )
        .unwrap();
        run(dir.path(), "index", &["index"]);
        let (live, on_disk) = segments(&dir.path().join("index"));
        assert!(
            live.len() <= 32,
            "{} segments after {} runs",
            live.len(),
            n + 1
        );
        assert_eq!(on_disk, live, "after {} runs", n + 1);
    }
    let search = run(dir.path(), "index", &["search", "稳增长", "--limit", "1"]);
    assert!(
        search.starts_with("34 documents match 稳增长 (34 passages"),
        "{search}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_not_taken_for_a_change_at_every_command() {
    // Issue 23: every command said "corpus changed … 1 added" and published a new
    // generation while a file over the limit stayed in a small corpus.
    let dir = corpus_copy(&[]);
    let huge = std::fs::File::create(dir.path().join("corpus/huge.txt")).unwrap();
    huge.set_len(gongwen::corpus::MAX_DOCUMENT_BYTES + 1)
        .unwrap();
    let first = gongwen(dir.path(), &["index"]);
    assert!(stdout(&first).contains("huge.txt: larger than the 128 MB"));
    for _ in 0..2 {
        let out = gongwen(dir.path(), &["search", "稳增长"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(!stderr(&out).contains("changed"), "{}", stderr(&out));
    }
    let again = stdout(&gongwen(dir.path(), &["index"]));
    assert!(
        again.contains("0 added, 0 changed, 0 removed, 6 unchanged"),
        "{again}"
    );
    assert!(
        again.contains("huge.txt: larger than the 128 MB"),
        "{again}"
    );
    // Changed, it is looked at again.
    let huge = std::fs::OpenOptions::new()
        .write(true)
        .open(dir.path().join("corpus/huge.txt"))
        .unwrap();
    huge.set_len(12).unwrap();
    std::fs::write(dir.path().join("corpus/huge.txt"), "稳增长是首要任务。").unwrap();
    let out = gongwen(dir.path(), &["index"]);
    assert!(stdout(&out).contains("1 changed"), "{}", stdout(&out));
}

#[test]
fn a_gongwenignore_leaves_out_what_is_not_a_document_and_its_edits_are_noticed() {
    // Issue 23: a README or notes beside the documents were indexed as documents (the
    // corpus README ranked second for `龚 正`).
    let dir = corpus_copy(&[
        (
            "README.md",
            "# 说明\n\n本文件夹收录稳增长相关讲话。\n".as_bytes(),
        ),
        (
            ".gongwenignore",
            "# not documents\nREADME.md\ndrafts/\n*.bak.txt\n".as_bytes(),
        ),
        ("old.bak.txt", "旧稿：稳增长。".as_bytes()),
    ]);
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(corpus.join("drafts")).unwrap();
    std::fs::write(corpus.join("drafts/d.txt"), "草稿：稳增长。").unwrap();
    // A manifest in a folder left out is not read either.
    std::fs::write(
        corpus.join("drafts/manifest.jsonl"),
        "{\"file\": \"../000_5761af68b6670f66.txt\", \"title\": \"草稿里的标题\"}\n",
    )
    .unwrap();
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    for (path, pattern) in [
        ("README.md", "README.md"),
        ("drafts", "drafts/"),
        ("old.bak.txt", "*.bak.txt"),
    ] {
        assert!(
            summary.contains(&format!("{path}: left out by .gongwenignore ({pattern})")),
            "{summary}"
        );
    }
    let docs = stdout(&gongwen(dir.path(), &["docs", "--json"]));
    assert!(
        !docs.contains("README.md") && !docs.contains("drafts/") && !docs.contains(".bak"),
        "{docs}"
    );
    assert!(!docs.contains("草稿里的标题"), "{docs}");
    // An edit of the ignore file is a change of the corpus: the README comes in.
    std::fs::write(corpus.join(".gongwenignore"), "drafts/\n").unwrap();
    let out = gongwen(dir.path(), &["search", "收录"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("README.md"), "{}", stdout(&out));
}
