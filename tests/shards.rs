//! Shards of one corpus, indexed apart (`index --shard I/N`, `--files-from`), give one
//! index's answers: every document once, and with the statistics of all of them
//! (`stats`, `search --stats`) the same top documents in the same order.

use std::path::Path;

use serde_json::Value;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

const SHARDS: usize = 4;

/// The bundled corpus, the real texts of the oracle and ranking fixtures, and the laws
/// of the reuse fixture (with their manifest).
fn corpus() -> tempfile::TempDir {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut extra: Vec<(String, Vec<u8>)> = Vec::new();
    for folder in ["oracle", "ranking"] {
        for entry in std::fs::read_dir(fixtures.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                extra.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    let extra: Vec<(&str, &[u8])> = extra
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = corpus_copy(&extra);
    let laws = fixtures.join("reuse/laws_lawrefbook");
    let into = dir.path().join("corpus/laws_lawrefbook");
    std::fs::create_dir_all(into.join("docs")).unwrap();
    std::fs::copy(laws.join("manifest.jsonl"), into.join("manifest.jsonl")).unwrap();
    for entry in std::fs::read_dir(laws.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, into.join("docs").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = gongwen(dir, args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn build_shards(dir: &Path) {
    run_ok(dir, &["index", "--index", "whole"]);
    for i in 0..SHARDS {
        let (index, shard) = (format!("shard{i}"), format!("{i}/{SHARDS}"));
        run_ok(dir, &["index", "--index", &index, "--shard", &shard]);
    }
}

/// The documents an index holds, by path and section.
fn documents(dir: &Path, index: &str) -> Vec<(String, u64)> {
    json_lines(&run_ok(dir, &["docs", "--index", index, "--json"]))
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap().to_string();
            (path, d["section"].as_u64().unwrap())
        })
        .collect()
}

#[test]
fn shards_hold_every_document_once_and_rank_as_one_index() {
    let dir = corpus();
    let dir = dir.path();
    build_shards(dir);
    let mut held: Vec<(String, u64)> = (0..SHARDS)
        .flat_map(|i| documents(dir, &format!("shard{i}")))
        .collect();
    held.sort();
    let whole = documents(dir, "whole");
    assert!(whole.len() > 15, "{} documents", whole.len());
    assert_eq!(held, whole);
    assert!((0..SHARDS).all(|i| !documents(dir, &format!("shard{i}")).is_empty()));

    for query in [
        "发展",
        "的",
        "人民代表大会",
        "改革 开放",
        "国务院 -安康",
        "工作 year:2021",
    ] {
        let words: Vec<&str> = query.split(' ').collect();
        let mut files = Vec::new();
        for i in 0..SHARDS {
            let index = format!("shard{i}");
            let mut args = vec!["stats"];
            args.extend(&words);
            args.extend(["--index", &index]);
            let file = dir.join(format!("stats{i}.json"));
            std::fs::write(&file, run_ok(dir, &args)).unwrap();
            files.push(file.to_string_lossy().to_string());
        }
        let mut hits: Vec<Value> = Vec::new();
        for i in 0..SHARDS {
            let index = format!("shard{i}");
            let mut args = words.clone();
            args.insert(0, "search");
            args.extend(["--index", &index, "--json", "--limit", "10", "--stats"]);
            args.extend(files.iter().map(String::as_str));
            let out = gongwen(dir, &args);
            assert!(out.status.code().unwrap() < 2, "{}", stderr(&out));
            hits.extend(json_lines(&stdout(&out)));
        }
        // One index's order: score, the newest, then path and section.
        hits.sort_by(|a, b| {
            let key = |h: &Value| {
                (
                    h["path"].as_str().unwrap().to_string(),
                    h["section"].as_u64(),
                )
            };
            b["score"]
                .as_f64()
                .partial_cmp(&a["score"].as_f64())
                .unwrap()
                .then(b["date"].as_str().cmp(&a["date"].as_str()))
                .then(key(a).cmp(&key(b)))
        });
        hits.truncate(10);
        let mut args = words.clone();
        args.insert(0, "search");
        args.extend(["--index", "whole", "--json", "--limit", "10"]);
        let one = json_lines(&stdout(&gongwen(dir, &args)));
        assert!(!one.is_empty(), "{query}");
        let comparable = |hits: &[Value]| -> Vec<Value> {
            hits.iter()
                .map(|h| {
                    let mut h = h.clone();
                    let h_map = h.as_object_mut().unwrap();
                    h_map.remove("id");
                    h_map.remove("rank");
                    h
                })
                .collect()
        };
        assert_eq!(comparable(&hits), comparable(&one), "{query}");
    }
}

#[test]
fn statistics_of_another_query_are_refused_naming_the_file() {
    let dir = corpus();
    let dir = dir.path();
    run_ok(dir, &["index", "--index", "shard0", "--shard", "0/2"]);
    let stats = dir.join("stats.json");
    std::fs::write(&stats, run_ok(dir, &["stats", "发展", "--index", "shard0"])).unwrap();
    let out = gongwen(
        dir,
        &[
            "search",
            "改革",
            "--index",
            "shard0",
            "--stats",
            "stats.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("stats.json") && stderr(&out).contains("发展"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_list_selects_its_files_and_updates_keep_the_selection() {
    let dir = corpus();
    let dir = dir.path();
    std::fs::write(
        dir.join("list.txt"),
        "# two reports and a file that is not there\nlaw_00053.txt\n./gwr_2024.txt\nmissing.txt\n",
    )
    .unwrap();
    let out = gongwen(
        dir,
        &["index", "--index", "listed", "--files-from", "list.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("missing.txt") || stderr(&out).contains("missing.txt"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let held: Vec<String> = documents(dir, "listed").into_iter().map(|d| d.0).collect();
    assert_eq!(held, ["gwr_2024.txt", "law_00053.txt"]);
    // A file added to the corpus: the shard's search updates the index, which still holds
    // only the shard's files.
    run_ok(dir, &["index", "--index", "half", "--shard", "1/2"]);
    let before = documents(dir, "half");
    std::fs::copy(
        dir.join("corpus/law_03163.txt"),
        dir.join("corpus/law_03163_copy.txt"),
    )
    .unwrap();
    let out = gongwen(dir, &["search", "法律", "--index", "half"]);
    assert!(out.status.code().unwrap() < 2, "{}", stderr(&out));
    let after = documents(dir, "half");
    run_ok(dir, &["index", "--index", "other", "--shard", "0/2"]);
    let other = documents(dir, "other");
    let mut both: Vec<_> = after.iter().chain(&other).cloned().collect();
    both.sort();
    run_ok(dir, &["index", "--index", "whole"]);
    assert_eq!(both, documents(dir, "whole"));
    assert!(after.len() >= before.len());
}

/// Runs a sharded command's steps: each shard's output of `step` (with `files` after it)
/// written to a file; the files' paths.
fn on_each_shard(dir: &Path, args: &[&str], step: &str, files: &[String]) -> Vec<String> {
    (0..SHARDS)
        .map(|i| {
            let index = format!("shard{i}");
            let mut all: Vec<&str> = args.to_vec();
            all.extend(["--index", &index, step]);
            all.extend(files.iter().map(String::as_str));
            let file = dir.join(format!("{}-{i}.json", step.trim_start_matches('-')));
            std::fs::write(&file, run_ok(dir, &all)).unwrap();
            file.to_string_lossy().to_string()
        })
        .collect()
}

/// The summed parts' answer, as the command prints it with `--json`.
fn summed(dir: &Path, args: &[&str], parts: &[String]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--json", "--limit", "0", "--sum"]);
    all.extend(parts.iter().map(String::as_str));
    run_ok(dir, &all)
}

fn whole(dir: &Path, args: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--json", "--limit", "0", "--index", "whole"]);
    run_ok(dir, &all)
}

#[test]
fn names_and_keywords_of_shards_sum_to_one_index() {
    let dir = corpus();
    let dir = dir.path();
    build_shards(dir);
    for args in [
        vec!["names"],
        vec!["names", "--with-short-forms"],
        vec!["names", "--kind", "place,enterprise"],
        vec!["names", "year:2020"],
    ] {
        let gathered = on_each_shard(dir, &args, "--gather", &[]);
        let parts = on_each_shard(dir, &args, "--part", &gathered);
        let one = whole(dir, &args);
        assert!(json_lines(&one).len() > 10, "{args:?}: {one}");
        assert_eq!(summed(dir, &args, &parts), one, "{args:?}");
        // Summing counts is what makes them right: the names of one shard are not all.
        let alone = run_ok(
            dir,
            &[&args[..], &["--json", "--limit", "0", "--index", "shard0"]].concat(),
        );
        assert_ne!(alone, one, "{args:?}");
    }
    for args in [
        vec!["keywords", "year:2020"],
        vec!["keywords", "year:2017-2018", "--vs", "year:2020-2026"],
    ] {
        let parts = on_each_shard(dir, &args, "--part", &[]);
        let one = whole(dir, &args);
        assert!(json_lines(&one).len() > 5, "{args:?}: {one}");
        assert_eq!(summed(dir, &args, &parts), one, "{args:?}");
    }
    // Parts of other settings are refused, naming the file.
    let parts = on_each_shard(dir, &["keywords", "year:2020"], "--part", &[]);
    let out = gongwen(
        dir,
        &[
            &["keywords", "year:2021", "--sum"],
            &parts.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("part-0.json") && stderr(&out).contains("2020"),
        "{}",
        stderr(&out)
    );
}

/// Reuse rows without the documents' ids (a shard's id is its own).
fn without_ids(text: &str) -> Vec<Value> {
    let mut rows = json_lines(text);
    for row in &mut rows {
        let row = row.as_object_mut().unwrap();
        row.remove("a_id");
        row.remove("b_id");
    }
    rows
}

#[test]
fn reuse_of_the_shards_texts_is_one_index_reuse_pairs_across_shards_included() {
    let dir = corpus();
    let dir = dir.path();
    build_shards(dir);
    let shard_of: std::collections::HashMap<String, usize> = (0..SHARDS)
        .flat_map(|i| {
            documents(dir, &format!("shard{i}"))
                .into_iter()
                .map(move |d| (d.0, i))
        })
        .collect();
    let mut crossing = 0;
    for args in [
        vec!["reuse"],
        vec!["reuse", "year:2017-2021", "--vs", "year:1980-2016"],
    ] {
        let gathered = on_each_shard(dir, &args, "--gather", &[]);
        let mut all: Vec<&str> = args.clone();
        all.extend(["--json", "--sum"]);
        all.extend(gathered.iter().map(String::as_str));
        let merged = run_ok(dir, &all);
        let one = run_ok(dir, &[&args[..], &["--json", "--index", "whole"]].concat());
        assert!(!one.is_empty(), "{args:?}");
        assert_eq!(without_ids(&merged), without_ids(&one), "{args:?}");
        crossing += json_lines(&one)
            .iter()
            .filter(|r| {
                let at = |k: &str| shard_of[r[k].as_str().unwrap()];
                at("a_path") != at("b_path")
            })
            .count();
        // The table (shares per document and pair) too.
        let table = |more: &[&str]| run_ok(dir, &[&args[..], &["--limit", "0"], more].concat());
        let sum: Vec<&str> = [
            &["--sum"][..],
            &gathered.iter().map(String::as_str).collect::<Vec<_>>(),
        ]
        .concat();
        assert_eq!(table(&sum), table(&["--index", "whole"]), "{args:?}");
        // The alignment shared among three tasks, then summed.
        let shares: Vec<String> = (0..3)
            .map(|k| {
                let share = format!("{k}/3");
                let file = dir.join(format!("share-{k}.json"));
                std::fs::write(
                    &file,
                    run_ok(dir, &[&args[..], &["--share", &share], &sum].concat()),
                )
                .unwrap();
                file.to_string_lossy().to_string()
            })
            .collect();
        let shares: Vec<&str> = shares.iter().map(String::as_str).collect();
        let from_shares = run_ok(
            dir,
            &[&args[..], &["--json", "--aligned"], &shares, &sum].concat(),
        );
        assert_eq!(without_ids(&from_shares), without_ids(&one), "{args:?}");
        // A share missing is refused, not summed into fewer passages.
        let out = gongwen(
            dir,
            &[&args[..], &["--aligned"], &shares[..2], &sum].concat(),
        );
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("every share"), "{}", stderr(&out));
        // Every task holds every gathered text: one allowed less memory refuses to start.
        for step in [&["--share", "0/3"][..], &["--json"][..]] {
            let out = gongwen(dir, &[&args[..], step, &["--memory", "1K"], &sum].concat());
            assert_eq!(out.status.code(), Some(2), "{args:?} {step:?}");
            assert!(out.stdout.is_empty() && stderr(&out).contains("1 MB allowed"));
        }
    }
    assert!(
        crossing > 0,
        "no shared passage crosses shards: the test says nothing"
    );
}

#[test]
fn count_tables_of_shards_sum_to_one_index_dispersion_included() {
    let dir = corpus();
    let dir = dir.path();
    build_shards(dir);
    for args in [
        vec!["mentions", "发展", "--by", "year"],
        vec!["mentions", "国务院", "人民政府", "--by", "doc"],
        vec!["mentions", "的", "--by", "speaker"],
        vec![
            "mentions",
            "人民",
            "-人民政府",
            "--by",
            "year",
            "--order",
            "count",
        ],
    ] {
        let parts = on_each_shard(dir, &args, "--part", &[]);
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        for format in [&["--json"][..], &["--csv"], &[]] {
            let summed = run_ok(dir, &[&args[..], format, &["--sum"], &parts].concat());
            let one = run_ok(dir, &[&args[..], format, &["--index", "whole"]].concat());
            assert_eq!(summed, one, "{args:?} {format:?}");
        }
        let json = run_ok(dir, &[&args[..], &["--json", "--index", "whole"]].concat());
        let total = json_lines(&json).pop().unwrap();
        let by_year_or_doc = args.contains(&"year") || args.contains(&"doc");
        assert_eq!(
            total["dispersion"].is_object(),
            by_year_or_doc,
            "{args:?}: {total}"
        );
    }
}
