//! The binary as users run it: first-run index build, human and JSON output, exit codes.

use serde::Deserialize;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

/// The documented JSON schema of a document hit (`search --json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonDocumentHit {
    rank: usize,
    score: f32,
    title: Option<String>,
    subtitle: Option<String>,
    speaker: Option<String>,
    body: Option<String>,
    date: Option<String>,
    date_precision: Option<String>,
    publish_date: Option<String>,
    series: Option<String>,
    issue: Option<String>,
    collection: Option<String>,
    doc_type: Option<String>,
    #[serde(default)]
    extra: std::collections::BTreeMap<String, String>,
    path: String,
    section: usize,
    id: u64,
    matching_passages: usize,
    occurrences: usize,
    title_highlights: Vec<(usize, usize)>,
    passages: Vec<JsonPassage>,
}

/// A passage of a document hit.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonPassage {
    passage: Option<u64>,
    #[serde(rename = "in")]
    place: String,
    score: f32,
    text: String,
    highlights: Vec<(usize, usize)>,
}

/// The documented JSON schema of a passage hit (`search --passages --json`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct JsonHit {
    rank: usize,
    score: f32,
    title: Option<String>,
    subtitle: Option<String>,
    speaker: Option<String>,
    body: Option<String>,
    date: Option<String>,
    date_precision: Option<String>,
    publish_date: Option<String>,
    series: Option<String>,
    issue: Option<String>,
    collection: Option<String>,
    doc_type: Option<String>,
    #[serde(default)]
    extra: std::collections::BTreeMap<String, String>,
    path: String,
    section: usize,
    id: u64,
    passage: Option<u64>,
    #[serde(rename = "in")]
    place: String,
    text: String,
    highlights: Vec<(usize, usize)>,
}

#[test]
fn first_search_builds_the_index_then_reuses_it() {
    let dir = corpus_copy(&[]);
    let first = gongwen(dir.path(), &["search", "稳增长"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert!(stderr(&first).contains("building it"), "{}", stderr(&first));
    let out = stdout(&first);
    assert!(
        out.starts_with("5 documents match 稳增长 (19 passages)"),
        "{out}"
    );
    assert!(
        out.contains("【稳增长】"),
        "no colour off a terminal: {out}"
    );
    assert!(!out.contains('\x1b'));
    assert!(crate::util::catalog_path(dir.path()).exists());

    let second = gongwen(dir.path(), &["search", "稳增长"]);
    assert!(!stderr(&second).contains("building"), "{}", stderr(&second));
    assert_eq!(stdout(&second), out);

    // A changed corpus is noticed and the index rebuilt.
    std::fs::write(
        dir.path().join("corpus/new.txt"),
        "新增一篇讲话：稳增长是首要任务。",
    )
    .unwrap();
    let third = gongwen(dir.path(), &["search", "稳增长"]);
    assert!(
        stderr(&third).contains("1 added, 0 changed, 0 removed, 5 unchanged"),
        "{}",
        stderr(&third)
    );
    assert!(
        stdout(&third).starts_with("6 documents match 稳增长 (20 passages)"),
        "{}",
        stdout(&third)
    );
}

#[test]
fn json_lines_decode_into_the_documented_schema() {
    let dir = corpus_copy(&[]);
    let out = gongwen(dir.path(), &["search", "尧柏水泥", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let documents: Vec<JsonDocumentHit> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(documents.len(), 1);
    let doc = &documents[0];
    assert_eq!((doc.matching_passages, doc.occurrences), (2, 2));
    assert_eq!(doc.body.as_deref(), Some("旬阳市人民政府"));
    for p in &doc.passages {
        assert_eq!(p.place, "passage");
        let chars: Vec<char> = p.text.chars().collect();
        for &(s, e) in &p.highlights {
            assert_eq!(chars[s..e].iter().collect::<String>(), "尧柏水泥");
        }
    }
    // A title match is marked in the title.
    let out = gongwen(dir.path(), &["search", "助推高质量发展", "--json"]);
    let doc: JsonDocumentHit = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    let title: Vec<char> = doc.title.as_deref().unwrap().chars().collect();
    let (s, e) = doc.title_highlights[0];
    assert_eq!(title[s..e].iter().collect::<String>(), "助推高质量发展");
    let out = gongwen(dir.path(), &["search", "尧柏水泥", "--json", "--passages"]);
    let hits: Vec<JsonHit> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 2);
    for hit in &hits {
        assert_eq!(hit.body.as_deref(), Some("旬阳市人民政府"));
        assert_eq!(hit.title.as_deref(), Some("凝聚合力 全力冲刺年度目标任务"));
        let chars: Vec<char> = hit.text.chars().collect();
        for &(s, e) in &hit.highlights {
            assert_eq!(chars[s..e].iter().collect::<String>(), "尧柏水泥");
        }
    }
    let docs = gongwen(dir.path(), &["docs", "--json"]);
    let lines: Vec<serde_json::Value> = stdout(&docs)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 8);
    assert_eq!(lines[0]["speaker"], "赵俊民");
}

#[test]
fn exit_codes_say_what_happened() {
    let dir = corpus_copy(&[]);
    assert_eq!(
        gongwen(dir.path(), &["search", "稳增长"]).status.code(),
        Some(0)
    );
    let none = gongwen(dir.path(), &["search", "不存在的词语组合"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(stdout(&none).starts_with("0 documents match"));
    // Punctuation is text like any other: searched, not refused.
    let punctuation = gongwen(dir.path(), &["search", "，。！"]);
    assert!(matches!(punctuation.status.code(), Some(0 | 1)));
    let long = "稳".repeat(10_000);
    for bad in [
        &["search", "\"稳增长"][..],
        &["search", "稳 OR"],
        &["search", "稳", "--from", "2021-13-45"],
        &["search", "稳 date:2021-13-45"],
        &["search", "-稳"],
        &["search", "   "],
        &["search", "稳 speaker:"],
        &["search", &long],
        &["mentions", "   "],
    ] {
        let out = gongwen(dir.path(), bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        let message = stderr(&out);
        assert_eq!(
            message.lines().count(),
            1,
            "one line for {bad:?}: {message}"
        );
        assert!(message.starts_with("gongwen: "), "{message}");
        assert!(!message.contains("panicked"));
    }
}

#[test]
fn color_always_marks_with_ansi() {
    let dir = corpus_copy(&[]);
    let out = gongwen(dir.path(), &["search", "尧柏水泥", "--color", "always"]);
    assert!(stdout(&out).contains("\x1b[1;31m尧柏水泥\x1b[0m"));
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = corpus_copy(&[]);
    assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(["search", "的", "--limit", "100000"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        status.code() == Some(0) || status.code() == Some(1),
        "{status:?} {err}"
    );
}

#[test]
fn index_prints_a_summary() {
    let dir = corpus_copy(&[]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "built from scratch (no index yet): 5 files; the index holds 5 files, 8 documents, "
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn user_dictionary_is_used_and_a_bad_one_named() {
    let dir = corpus_copy(&[]);
    std::fs::write(
        dir.path().join("words.txt"),
        "# enterprise names\n工业稳增长专班 50000\n新词\n",
    )
    .unwrap();
    let out = gongwen(dir.path(), &["index", "--dict", "words.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let catalog = std::fs::read_to_string(crate::util::catalog_path(dir.path())).unwrap();
    assert!(catalog.contains("words.txt"));
    // The dictionary word is one term of the word field (jieba alone cuts it in three).
    let handle = gongwen::catalog::IndexHandle::open(&dir.path().join("index")).unwrap();
    let searcher = handle.reader.searcher();
    let term = |w: &str| tantivy::Term::from_field_text(handle.fields.text, w);
    assert!(searcher.doc_freq(&term("工业稳增长专班")).unwrap() > 0);
    // Changing the dictionary makes the index incompatible instead of silently wrong.
    std::fs::write(
        dir.path().join("words.txt"),
        "另一个词
",
    )
    .unwrap();
    let out = gongwen(dir.path(), &["search", "稳增长"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--rebuild"), "{}", stderr(&out));

    std::fs::write(dir.path().join("bad.txt"), "词语 12many\n").unwrap();
    let out = gongwen(dir.path(), &["index", "--dict", "bad.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.txt") && stderr(&out).contains("line 1"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn messages_say_what_is_wrong() {
    // Issue 23, messages: an unknown field silently matched nothing, `--png out.jpg`
    // silently wrote a PNG, and counts said `in 1 passages of 1 documents`.
    let dir = corpus_copy(&[]);
    for args in [
        &["search", "工业", "foo:bar"][..],
        &["mentions", "工业", "--where", "foo=bar"],
        &["docs", "foo:bar"],
    ] {
        let out = gongwen(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = stderr(&out);
        assert!(
            said.contains("no document has a field foo") && said.contains("speaker"),
            "{args:?}: {said}"
        );
    }
    // A negative count and an empty filter say which flag is wrong and why.
    let out = gongwen(dir.path(), &["search", "工业", "--limit", "-5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("-5 is no count"), "{}", stderr(&out));
    let out = gongwen(dir.path(), &["search", "工业", "--speaker", ""]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--speaker needs a value"),
        "{}",
        stderr(&out)
    );
    let out = gongwen(dir.path(), &["trend", "工业", "--png", "chart.jpg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("NAME.png"), "{}", stderr(&out));
    assert!(!dir.path().join("chart.jpg").exists());
    let out = stdout(&gongwen(dir.path(), &["mentions", "尧柏水泥"]));
    assert!(
        out.contains("尧柏水泥: 2 occurrences in 2 passages of 1 document\n"),
        "{out}"
    );
}

#[test]
fn a_terms_file_line_is_no_longer_than_a_query() {
    // Issue 23: a 100,000-character line in --terms-file took 51 s.
    let dir = corpus_copy(&[]);
    let terms = format!("尧柏水泥\n{}\n", "稳".repeat(100_000));
    std::fs::write(dir.path().join("names.txt"), terms).unwrap();
    let out = gongwen(
        dir.path(),
        &["mentions", "--terms-file", "names.txt", "--by", "year"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("names.txt:2: a term of 100000 characters; the limit is 1000"),
        "{}",
        stderr(&out)
    );
}
