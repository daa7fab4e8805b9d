//! Hostile corpus files (issue 13, cases 2, 4–9 and the summary's reasons): each is
//! read within a budget or skipped with its reason, and the run goes on; text with a
//! few bad bytes is indexed, not dropped; file names that are not UTF-8 stay distinct.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use crate::attacks::attacks;
use crate::util::{corpus_copy, gongwen, stderr, stdout};

#[test]
fn every_hostile_file_is_bounded_and_the_run_goes_on() {
    let attacks = attacks();
    let extra: Vec<(&str, &[u8])> = attacks.iter().map(|a| (a.name, &a.bytes[..])).collect();
    let dir = corpus_copy(&extra);
    // Each PDF costs at most its helper's deadline (time and memory: benches/hostile.sh).
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    for attack in &attacks {
        let line = summary
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{}:", attack.name)));
        if !attack.skipped.is_empty() {
            let line = line.unwrap_or_else(|| panic!("{} not skipped:\n{summary}", attack.name));
            assert!(line.contains(attack.skipped), "{line}");
        }
    }
    // The self-drawing form aborted every command (exit 134) before: now it is named.
    assert!(summary.contains("pdf_form_draws_itself.pdf: the PDF reader failed"));
    // The pathological HTML and Word files are read, in linear time, whole.
    let found = stdout(&gongwen(dir.path(), &["mentions", "稳增长", "--json"]));
    for name in [
        "html_unclosed_tags.html",
        "html_ampersands.html",
        "docx_ampersands.docx",
    ] {
        assert!(found.contains(&format!("\"path\":\"{name}\"")), "{name}");
    }
    // Nothing is left of the helpers' work, and the next run reads nothing again.
    let out = gongwen(dir.path(), &["index"]);
    assert!(
        stdout(&out).contains(" 0 changed, 0 removed"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn text_with_bad_bytes_is_indexed_with_a_warning_not_dropped() {
    let report = "各级政府要坚持稳增长，扎实推进高质量发展。\n".repeat(200);
    // One stray byte in the middle of a work report.
    let mut stray = report.as_bytes().to_vec();
    stray.insert(3001, 0xFF);
    // A copy cut in the middle of its last character.
    let mut cut = report.as_bytes().to_vec();
    cut.extend_from_slice(&"惠企纾困".as_bytes()[..4]);
    // A Latin-1 no-break space (0xA0) at the end of every line (issue 23: the whole
    // file was dropped as "not UTF-8 …").
    let nbsp: Vec<u8> = report
        .lines()
        .flat_map(|l| l.bytes().chain([0xA0, b'\n']))
        .collect();
    // A UTF-8 part, then a part pasted from a GBK file.
    let mut mixed = "第一部分：稳就业保民生。\n".repeat(50).into_bytes();
    let second = "第二部分：优化营商环境，惠企纾困。\n".repeat(50);
    let (gbk, _, _) = encoding_rs::GBK.encode(&second);
    mixed.extend_from_slice(&gbk);
    let dir = corpus_copy(&[
        ("stray.txt", &stray),
        ("cut.txt", &cut),
        ("mixed.txt", &mixed),
        ("nbsp.txt", &nbsp),
    ]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("stray.txt: 1 bytes that are not UTF-8 replaced, the first at byte 3001"),
        "{summary}"
    );
    assert!(
        summary.contains("cut.txt: the last character is cut off"),
        "{summary}"
    );
    assert!(
        summary.contains("mixed.txt: mixed encodings: 50 of 100 lines read as GB18030"),
        "{summary}"
    );
    let count = |term: &str, file: &str| {
        let out = gongwen(dir.path(), &["mentions", term, "--json"]);
        let path = format!("\"path\":\"{file}\"");
        stdout(&out).lines().filter(|l| l.contains(&path)).count()
    };
    assert_eq!(
        count("稳增长", "stray.txt"),
        200,
        "a stray byte costs nothing else"
    );
    assert_eq!(count("稳增长", "cut.txt"), 200);
    assert_eq!(count("稳就业", "mixed.txt"), 50, "the UTF-8 part");
    assert_eq!(count("营商环境", "mixed.txt"), 50, "the GBK part");
    assert!(
        summary.contains("nbsp.txt: 200 bytes that are not UTF-8 replaced"),
        "{summary}"
    );
    assert_eq!(count("稳增长", "nbsp.txt"), 200, "a stray on every line");
    assert_eq!(
        count("\u{FFFD}", "nbsp.txt"),
        0,
        "a no-break space is a space"
    );
}

#[test]
fn a_bad_manifest_line_costs_only_its_record() {
    let mut lines: Vec<String> = (0..5)
        .map(|n| format!(r#"{{"file": "m{n}.txt", "date": "2019-0{}-01"}}"#, n + 1))
        .collect();
    lines[2].truncate(20); // a line cut short
    let manifest = lines.join("\n");
    let body = "关于稳增长的通知\n各地区要落实稳增长政策。\n";
    let extra: Vec<(String, Vec<u8>)> = (0..5)
        .map(|n| (format!("m{n}.txt"), body.as_bytes().to_vec()))
        .chain([("manifest.jsonl".to_string(), manifest.into_bytes())])
        .collect();
    let extra: Vec<(&str, &[u8])> = extra.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    let dir = corpus_copy(&extra);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("manifest.jsonl:3: manifest line left out"),
        "{}",
        stdout(&out)
    );
    let docs = stdout(&gongwen(dir.path(), &["docs", "--json"]));
    let dated = docs
        .lines()
        .filter(|l| l.contains("\"m") && l.contains("\"2019-0"))
        .count();
    assert_eq!(dated, 4, "the other four records still apply:\n{docs}");
}

#[test]
fn names_that_are_not_utf8_stay_distinct_across_updates() {
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    // Two GBK names of the same length: one lossy reading ("��….txt") for both before.
    let name = |s: &str| {
        let (bytes, _, _) = encoding_rs::GBK.encode(s);
        corpus.join(OsStr::from_bytes(&bytes))
    };
    std::fs::write(name("报告一.txt"), "第一份报告：稳增长。\n").unwrap();
    std::fs::write(name("报告二.txt"), "第二份报告：稳就业。\n").unwrap();
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = stdout(&gongwen(dir.path(), &["docs"]));
    // 报告 is not UTF-8 in GBK: escaped byte by byte (一, D2 BB, happens to be UTF-8).
    assert!(docs.contains(r"\xB1\xA8\xB8\xE6\xB6\xFE.txt"), "{docs}");
    assert!(docs.contains("\\xB1\\xA8\\xB8\\xE6\u{4BB}.txt"), "{docs}");
    // An edit replaces that file's text only; runs neither duplicate nor lose documents.
    std::fs::write(name("报告一.txt"), "第一份报告改写：保民生。\n").unwrap();
    for _ in 0..2 {
        assert_eq!(gongwen(dir.path(), &["index"]).status.code(), Some(0));
    }
    let found = |q: &str| stdout(&gongwen(dir.path(), &["search", q, "--limit", "0"]));
    assert!(
        found("第一份报告：").starts_with("0 documents"),
        "{}",
        found("第一份报告：")
    );
    assert!(found("第一份报告改写").starts_with("1 document matches"));
    assert!(found("第二份报告").starts_with("1 document matches"));
}

#[test]
fn fifos_and_devices_are_named_not_waited_for() {
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    let fifo = corpus.join("pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", corpus.join("zero.txt")).unwrap();
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("pipe.txt: not a regular file (a FIFO)"),
        "{summary}"
    );
    // A link out of the corpus is not followed (issue 23), a device behind it never read.
    assert!(
        summary.contains("zero.txt: a link out of the corpus folder (to /dev/zero)"),
        "{summary}"
    );
    // A file listed as regular and replaced by a FIFO before it is read: refused at
    // once (opened without blocking: with no writer, a blocking open never returns).
    let e = gongwen::corpus::read_bounded(&fifo, 1 << 20).unwrap_err();
    assert!(e.to_string().contains("a FIFO"), "{e}");
}

#[test]
fn side_files_are_read_within_a_budget() {
    let dir = corpus_copy(&[]);
    for args in [
        &["search", "稳", "--aliases", "/dev/zero"][..],
        &["index", "--dict", "/dev/zero"][..],
    ] {
        let out = gongwen(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("/dev/zero: not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    // An alias group of a thousand overlapping names is refused, with its size.
    let names: Vec<String> = (1..=1000)
        .map(|n| format!("\"{}\"", "稳".repeat(n % 40 + 1)))
        .collect();
    let aliases = format!(
        "[[group]]\nname = \"稳\"\naliases = [{}]\n",
        names.join(", ")
    );
    std::fs::write(dir.path().join("big.toml"), aliases).unwrap();
    let out = gongwen(dir.path(), &["mentions", "稳", "--aliases", "big.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("has 1001 names; a group may have up to 64"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn links_never_lead_out_of_the_corpus_and_each_file_counts_once() {
    // Issue 23: a link to /etc indexed files of /etc (and `serve` would show them);
    // fourteen levels of double links turned one file into 16,384 documents.
    let dir = corpus_copy(&[]);
    let corpus = dir.path().join("corpus");
    let outside = dir.path().join("private");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "机密：稳增长内部数据。").unwrap();
    std::os::unix::fs::symlink(&outside, corpus.join("private_link")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), corpus.join("secret.txt")).unwrap();
    // Double links, ten levels deep, over one file.
    let mut level = corpus.join("nest");
    std::fs::create_dir_all(&level).unwrap();
    std::fs::write(level.join("one.txt"), "唯一的一篇：尧柏水泥。").unwrap();
    for n in 0..10 {
        let up = corpus.join(format!("n{n}"));
        std::fs::create_dir_all(&up).unwrap();
        std::os::unix::fs::symlink(&level, up.join("a")).unwrap();
        std::os::unix::fs::symlink(&level, up.join("b")).unwrap();
        level = up;
    }
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let summary = stdout(&out);
    assert!(
        summary.contains("private_link: a link out of the corpus folder"),
        "{summary}"
    );
    assert!(
        summary.contains("secret.txt: a link out of the corpus folder"),
        "{summary}"
    );
    let secret = gongwen(dir.path(), &["search", "机密"]);
    assert_eq!(secret.status.code(), Some(1), "{}", stdout(&secret));
    // The nested file is one document, found once.
    let found = stdout(&gongwen(
        dir.path(),
        &["mentions", "尧柏水泥", "--by", "doc", "--json"],
    ));
    let total: serde_json::Value = serde_json::from_str(found.lines().last().unwrap()).unwrap();
    assert_eq!(total["documents"], 2, "{found}");
    assert_eq!(total["occurrences"], 3, "{found}");
    // Every other path to it is named as the same file: 2 + 4 + … + 1,024 through the
    // links, and nest/one.txt itself.
    let copies = summary.matches(": the same file as n0/a/one.txt").count();
    assert_eq!(copies, 2usize.pow(11) - 2, "{summary}");
}

#[test]
fn names_spelled_alike_in_two_unicode_forms_are_said() {
    // Issue 23: `café.txt` written composed (NFC, as Linux tools write it) and decomposed
    // (NFD, as a Mac writes it) are two files that look like one name; both are indexed
    // (their texts may differ) and the summary says why the name is there twice.
    let text = std::fs::read(crate::util::corpus_dir().join("000_5761af68b6670f66.txt")).unwrap();
    let composed = "caf\u{e9}-讲话.txt";
    let decomposed = "cafe\u{301}-讲话.txt";
    let dir = corpus_copy(&[(composed, &text), (decomposed, &text)]);
    let out = gongwen(dir.path(), &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out) + &stderr(&out);
    // Names sort by their bytes: the decomposed `e` + U+0301 before the composed `é`.
    assert!(
        said.contains(&format!(
            "{composed}: its name is spelled like {decomposed}'s"
        )),
        "{said}"
    );
    assert!(said.contains("composed (NFC) here"), "{said}");
    let docs = stdout(&gongwen(dir.path(), &["docs", "--json"]));
    assert!(
        docs.contains(composed) && docs.contains(decomposed),
        "{docs}"
    );
    // Said again by a run that changes nothing.
    let again = gongwen(dir.path(), &["index"]);
    let said = stdout(&again) + &stderr(&again);
    assert!(said.contains("its name is spelled like"), "{said}");
}
