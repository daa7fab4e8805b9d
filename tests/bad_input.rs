//! Bad input never crashes or loses data: each bad file is skipped with a reason naming
//! it, decodable encodings are decoded, and the run goes on.

use crate::util::{corpus_copy, gongwen, stderr, stdout};

#[test]
fn bad_files_are_skipped_with_reasons_and_encodings_decoded() {
    let gbk = encoding_rs::GB18030
        .encode("国标编码的讲话：推进惠企纾困。")
        .0
        .into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "双字节编码的讲话：稳就业保民生。".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    let big5 = encoding_rs::BIG5
        .encode("臺灣地區的講話：穩定經濟增長，關心民營企業發展。")
        .0
        .into_owned();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice("带签名的讲话：优化营商环境。".as_bytes());
    let dir = corpus_copy(&[
        ("empty.txt", b""),
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00garbage"),
        ("gbk.txt", &gbk),
        ("big5.txt", &big5),
        ("utf16.txt", &utf16),
        ("bom.txt", &bom),
        ("photo.jpg", b"\xFF\xD8\xFF"),
    ]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("the index holds 9 files, 12 documents"),
        "{summary}"
    );
    assert!(summary.contains("empty.txt: empty file"), "{summary}");
    assert!(summary.contains("binary.txt: binary file"), "{summary}");
    assert!(
        summary.contains("photo.jpg: unsupported file type"),
        "{summary}"
    );

    for (query, file) in [
        ("惠企纾困", "gbk.txt"),
        ("稳就业", "utf16.txt"),
        // Big5 text, traditional characters, found by a simplified query.
        ("民营企业", "big5.txt"),
        ("营商环境", "bom.txt"),
    ] {
        let out = gongwen(dir.path(), &["search", query, "--json"]);
        assert!(
            stdout(&out).contains(&format!("\"path\":\"{file}\"")),
            "{query}: {}",
            stdout(&out)
        );
    }
    let docs = stdout(&gongwen(dir.path(), &["docs"]));
    assert!(
        docs.contains("GB18030") && docs.contains("UTF-16LE") && docs.contains("Big5"),
        "{docs}"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_not_fatal() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus_copy(&[("secret.txt", "保密讲话。".as_bytes())]);
    let secret = dir.path().join("corpus/secret.txt");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&secret).is_ok() {
        return; // running as root: permissions do not apply
    }
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("secret.txt: "), "{}", stdout(&out));
}

#[test]
fn missing_or_empty_corpus_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = gongwen(dir.path(), &["index", "--corpus", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    // Issue 23: where it looked, absolute, and what to pass.
    let said = stderr(&out);
    let looked = dir.path().canonicalize().unwrap().join("nowhere");
    assert!(
        said.contains(&format!(
            "corpus folder {} does not exist",
            looked.display()
        )) || said.contains(&format!(
            "corpus folder {} does not exist",
            dir.path().join("nowhere").display()
        )),
        "{said}"
    );
    assert!(said.contains("--corpus DIR"), "{said}");
    // Run outside the project folder, a search says where it looked for both and
    // writes nothing there (it used to leave an empty index/ folder behind).
    let out = gongwen(dir.path(), &["search", "稳增长"]);
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(said.contains("no index at /"), "{said}");
    assert!(said.contains("/index and no corpus folder at /"), "{said}");
    assert!(
        said.contains("run gongwen in the folder that holds corpus/"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );

    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = gongwen(dir.path(), &["index", "--corpus", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));

    let out = gongwen(dir.path(), &["search", "稳", "--corpus", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nowhere"), "{}", stderr(&out));
}

#[test]
fn an_older_index_is_rebuilt_a_newer_or_incompatible_one_is_refused() {
    let dir = corpus_copy(&[]);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let catalog = crate::util::catalog_path(dir.path());
    let bytes = std::fs::read(&catalog).unwrap();
    let (json, intact) = gongwen::catalog::split_checksum(&bytes);
    assert_eq!(intact, Some(true), "the catalog ends with its checksum");
    let mut value: serde_json::Value = serde_json::from_slice(json).unwrap();

    // Written by an older gongwen: built again, from the corpus it was built from, by
    // the first search (the index is derived data); the answer is the same.
    let before = stdout(&gongwen(dir.path(), &["search", "稳", "--json"]));
    let mut older = value.clone();
    older["format"] = 1.into();
    std::fs::write(&catalog, older.to_string()).unwrap();
    let out = gongwen(dir.path(), &["search", "稳", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("written by another gongwen"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), before);
    let out = gongwen(dir.path(), &["search", "稳"]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    // Written by a newer gongwen: refused, not rebuilt (an older binary on a shared
    // index would undo the newer one's work): nothing written, the reason said.
    let catalog = crate::util::catalog_path(dir.path());
    let mut newer = value.clone();
    newer["format"] = (gongwen::catalog::FORMAT_VERSION + 1).into();
    let sealed = gongwen::catalog::with_checksum(newer.to_string().as_bytes());
    std::fs::write(&catalog, &sealed).unwrap();
    let index_folder = catalog.parent().unwrap().parent().unwrap().to_path_buf();
    let listing = |dir: &std::path::Path| {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let generations = listing(&index_folder);
    for args in [&["search", "稳"][..], &["mentions", "稳", "--json"]] {
        let out = gongwen(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("newer gongwen"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    assert_eq!(std::fs::read(&catalog).unwrap(), sealed);
    assert_eq!(listing(&index_folder), generations);

    // Another analysis (a dictionary given at indexing): not guessed, asked for.
    let catalog = crate::util::catalog_path(dir.path());
    value["analysis"] = "0000000000000000".into();
    let sealed = gongwen::catalog::with_checksum(value.to_string().as_bytes());
    std::fs::write(&catalog, sealed).unwrap();
    let out = gongwen(dir.path(), &["search", "稳"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("index --rebuild"), "{}", stderr(&out));

    std::fs::write(&catalog, "{ not json").unwrap();
    let out = gongwen(dir.path(), &["search", "稳"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("gongwen.json") || stderr(&out).contains("index"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn odd_paths_do_not_stop_a_run() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    // A name that is not UTF-8, a symlink loop and a deep folder.
    std::fs::write(
        corpus.join(OsStr::from_bytes(b"gbk-\xb9\xa4\xd2\xb5.txt")),
        "非UTF-8文件名的讲话：稳就业。",
    )
    .unwrap();
    std::os::unix::fs::symlink(&corpus, corpus.join("loop")).unwrap();
    let mut deep = corpus.clone();
    for n in 0..40 {
        deep = deep.join(format!("d{n}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), "深层目录里的讲话：惠企纾困。").unwrap();
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.contains("the index holds 7 files"), "{summary}");
    assert!(
        summary.contains("loop") && summary.contains("symbolic link loop"),
        "{summary}"
    );
    let found = stdout(&gongwen(dir.path(), &["search", "稳就业", "--json"]));
    assert!(found.contains("gbk-"), "{found}");
    let found = stdout(&gongwen(dir.path(), &["search", "惠企纾困", "--json"]));
    assert!(found.contains("d39/deep.txt"), "{found}");
}

#[test]
fn docx_paragraphs_become_lines() {
    let xml = r#"<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>关于</w:t></w:r><w:r><w:t xml:space="preserve">稳增长</w:t></w:r></w:p><w:p><w:r><w:t>第二段&amp;</w:t></w:r></w:p></w:body></w:document>"#;
    let docx = crate::util::docx_with_xml(xml);
    assert_eq!(
        gongwen::corpus::formats::docx_to_text(&docx).unwrap(),
        "关于稳增长\n第二段&\n"
    );
    assert!(gongwen::corpus::formats::docx_to_text(b"not a zip").is_err());
}

#[test]
fn html_and_docx_documents_are_read_and_a_broken_docx_is_named() {
    let html = "<html><head><meta charset=\"gbk\"><script>var 稳增长 = 1;</script></head><body><nav>首页</nav>\
        <h1>关于优化营商环境的通知</h1><p>各区要持续优化营商环境，</p><p>推动惠企政策落地。</p></body></html>";
    let gbk_html = encoding_rs::GBK.encode(html).0.into_owned();
    let xml = r#"<w:document><w:body><w:p><w:r><w:t>关于加快新质生产力发展的意见</w:t></w:r></w:p><w:p><w:r><w:t>要因地制宜发展新质生产力。</w:t></w:r></w:p></w:body></w:document>"#;
    let docx = crate::util::docx_with_xml(xml);
    let dir = corpus_copy(&[
        ("notice.html", &gbk_html),
        ("opinion.docx", &docx),
        ("broken.docx", b"PK\x03\x04 not really"),
    ]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("broken.docx: not a .docx"),
        "{}",
        stdout(&out)
    );
    let docs = stdout(&gongwen(dir.path(), &["docs", "--json"]));
    let html_doc: serde_json::Value = docs
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["path"] == "notice.html")
        .unwrap();
    assert_eq!(html_doc["title"], "关于优化营商环境的通知");
    assert_eq!(html_doc["encoding"], "GBK");
    let hit = stdout(&gongwen(
        dir.path(),
        &["search", "营商环境，推动", "--json"],
    ));
    assert!(
        hit.contains("\"path\":\"notice.html\""),
        "paragraphs joined like PDF text: {hit}"
    );
    assert!(
        !stdout(&gongwen(dir.path(), &["search", "var", "--json"])).contains("notice.html"),
        "scripts are not text"
    );
    let hit = stdout(&gongwen(dir.path(), &["search", "新质生产力", "--json"]));
    assert!(hit.contains("\"path\":\"opinion.docx\""), "{hit}");
}

#[test]
fn a_50_mb_file_without_a_newline_is_indexed_whole() {
    // One line of 50 MB: sentences, then a run without any punctuation at all.
    let sentence = "工业是国民经济的主导，稳增长是首要任务。";
    let repeats = 40_000_000 / sentence.len();
    let mut text = sentence.repeat(repeats);
    let run = "惠企纾困".repeat(10_000_000 / "惠企纾困".len());
    text.push_str(&run);
    assert!(text.len() >= 50_000_000 - 100 && !text.contains('\n'));
    let dir = corpus_copy(&[("one_line.txt", text.as_bytes())]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("the index holds 6 files"),
        "{}",
        stdout(&out)
    );
    let count = |term: &str| {
        let out = gongwen(dir.path(), &["mentions", term, "--by", "doc", "--json"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let table = stdout(&out);
        let row: serde_json::Value = table
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|r| {
                r["group"]
                    .as_str()
                    .is_some_and(|g| g.contains("one_line.txt"))
            })
            .unwrap_or_else(|| panic!("{table}"));
        row["occurrences"].as_u64().unwrap() as usize
    };
    // Every occurrence: sentences are never cut, so none is lost.
    assert_eq!(count("稳增长"), repeats);
    // A run with no punctuation is cut every 10,000 characters (2,500 units of 惠企纾困,
    // the longest passage): a literal across such a cut, in a line of over 10,000
    // characters, is the one not found.
    let units = 10_000_000 / "惠企纾困".len();
    let cuts = (units * 4 - 1) / gongwen::document::passages::MAX_CHARS;
    assert_eq!(count("纾困惠企"), units - 1 - cuts);
}

#[test]
fn files_vanishing_or_changing_mid_run_are_named_and_the_run_goes_on() {
    use gongwen::catalog::IndexHandle;
    use gongwen::indexer::{self, BuildOptions};
    let dir = corpus_copy(&[
        ("a.txt", "第一篇：稳增长。".as_bytes()),
        ("b.txt", "第二篇：会消失的文件。".as_bytes()),
        ("c.txt", "第三篇：旧内容。".as_bytes()),
    ]);
    let corpus = dir.path().join("corpus");
    let index = dir.path().join("index");
    // Between listing and reading: b.txt is deleted, c.txt rewritten.
    let mut progress = |p: indexer::Progress<'_>| {
        if p.file == "a.txt" {
            std::fs::remove_file(corpus.join("b.txt")).unwrap();
            std::fs::write(corpus.join("c.txt"), "第三篇：改写后的新内容。").unwrap();
        }
    };
    let summary = indexer::build(&corpus, &index, &BuildOptions::default(), &mut progress)
        .expect("the run goes on");
    let vanished: Vec<_> = summary
        .skipped
        .iter()
        .filter(|s| s.path == "b.txt")
        .collect();
    assert_eq!(vanished.len(), 1, "{:?}", summary.skipped);
    assert_eq!(vanished[0].reason, "file disappeared while indexing");
    assert_eq!(summary.files, 7);
    let handle = IndexHandle::open(&index).unwrap();
    let query = gongwen::search::query::parse("改写后的新内容").unwrap();
    let found =
        gongwen::search::search(&handle, &query, &Default::default(), Default::default(), 10)
            .unwrap();
    assert_eq!(found.passages, 1, "the content read is the content indexed");
    // The next run sees the index is current: what was indexed is what is on disk.
    let again = indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(
        (again.added, again.changed, again.removed, again.unchanged),
        (0, 0, 0, 7),
        "{again:?}"
    );
}

#[test]
fn a_file_rewritten_after_it_was_read_is_read_again_by_the_next_command() {
    // Issue 23: a file rewritten while a run indexed it was recorded with its final size
    // and time but the content read earlier, and searches trusted it.
    use gongwen::indexer::{self, BuildOptions};
    let dir = corpus_copy(&[
        ("a.txt", "第一篇。".as_bytes()),
        ("b.txt", "甲版本的内容。".as_bytes()),
        ("c.txt", "第三篇。".as_bytes()),
    ]);
    let corpus = dir.path().join("corpus");
    let mut progress = |p: indexer::Progress<'_>| {
        // b.txt has been read when c.txt comes: rewritten now, to the same length.
        if p.file == "c.txt" {
            std::fs::write(corpus.join("b.txt"), "乙版本的内容。").unwrap();
        }
    };
    indexer::build(
        &corpus,
        &dir.path().join("index"),
        &BuildOptions::default(),
        &mut progress,
    )
    .unwrap();
    let out = gongwen(dir.path(), &["search", "乙版本"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("b.txt changed"), "{}", stderr(&out));
    let old = gongwen(dir.path(), &["search", "甲版本"]);
    assert_eq!(old.status.code(), Some(1), "{}", stdout(&old));
}

#[test]
fn pdf_text_layers_are_read_and_repaired_and_bad_pdfs_named() {
    use crate::util::pdf_with_lines;
    // A speech as a PDF writer lays it out: a header, a sentence broken across lines
    // and across a page, a page number.
    let speech = pdf_with_lines(&[
        "在全市稳增长工作会议上的讲话",
        "2023年3月5日",
        "同志们：今年以来，全市上下坚持稳增长、",
        "惠企纾困两手抓，工业经济",
        "- 1 -",
        "\x0c",
        "企稳回升。要持续优化营商环境。",
    ]);
    let dir = corpus_copy(&[
        ("speech.pdf", &speech),
        (
            "broken.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF",
        ),
        ("scan.pdf", &pdf_with_lines(&[])),
    ]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(summary.contains("the index holds 6 files"), "{summary}");
    assert!(summary.contains("broken.pdf: unreadable PDF"), "{summary}");
    assert!(
        summary.contains("scan.pdf: PDF without a text layer"),
        "{summary}"
    );
    // The sentence broken across lines and the page is found whole.
    let out = gongwen(dir.path(), &["search", "工业经济企稳回升", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hits = stdout(&out);
    assert!(hits.contains("\"path\":\"speech.pdf\""), "{hits}");
    assert!(
        hits.contains("\"title\":\"在全市稳增长工作会议上的讲话\""),
        "{hits}"
    );
    assert!(hits.contains("\"2023-03-05\""), "{hits}");
    assert!(!hits.contains("- 1 -"), "page number dropped: {hits}");
}
