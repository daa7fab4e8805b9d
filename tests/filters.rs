//! Filters mean the same in every command: `doc_type:讲话` in a query, `--where
//! doc_type=讲话` as a flag, in `search`, `mentions`, `trend` and `docs`, select the same
//! documents and the same counts; a filter is never counted as a phrase.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::util::{corpus_copy, gongwen, stderr, stdout};

fn lines(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn filters_select_the_same_documents_and_counts_in_every_command() {
    let manifest = "{\"file\": \"000_5761af68b6670f66.txt\", \"doc_type\": \"讲话\"}\n\
        {\"file\": \"001_0d34c7b23749980d.txt\", \"doc_type\": \"讲话\"}\n\
        {\"file\": \"004_2cba67d593e2b394.txt\", \"doc_type\": \"报告\"}\n";
    let dir = corpus_copy(&[("manifest.jsonl", manifest.as_bytes())]);
    let speeches: BTreeSet<String> = [
        "000_5761af68b6670f66.txt".to_string(),
        "001_0d34c7b23749980d.txt".to_string(),
    ]
    .into();
    let paths = |rows: &[Value]| -> BTreeSet<String> {
        rows.iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect()
    };
    for filter in [&["doc_type:讲话"][..], &["--where", "doc_type=讲话"]] {
        let with = |args: &[&str]| {
            let mut all: Vec<&str> = args.to_vec();
            all.extend_from_slice(filter);
            let out = gongwen(dir.path(), &all);
            assert_eq!(out.status.code(), Some(0), "{all:?}: {}", stderr(&out));
            out
        };
        let found = lines(&with(&["search", "工业", "--json", "--limit", "100"]));
        assert_eq!(paths(&found), speeches, "search {filter:?}");
        let mentions = lines(&with(&["mentions", "工业", "--json"]));
        assert_eq!(paths(&mentions), speeches, "mentions {filter:?}");
        assert!(
            mentions.iter().all(|m| m["term"] == "工业"),
            "a filter is not a term"
        );
        let occurrences: usize = found
            .iter()
            .map(|d| d["occurrences"].as_u64().unwrap() as usize)
            .sum();
        assert_eq!(
            mentions.len(),
            occurrences,
            "search and mentions count alike"
        );
        let trend = lines(&with(&["trend", "工业", "--json"]));
        assert!(trend.iter().all(|p| p["term"] == "工业"), "{trend:?}");
        let counted: u64 = trend
            .iter()
            .map(|p| p["occurrences"].as_u64().unwrap())
            .sum();
        assert_eq!(counted as usize, mentions.len(), "trend {filter:?}");
        let docs = lines(&with(&["docs", "--json"]));
        assert_eq!(paths(&docs), speeches, "docs {filter:?}");
    }
    // A flag and a query word combine; their names are the query's.
    let out = gongwen(
        dir.path(),
        &[
            "mentions",
            "工业",
            "year:2021",
            "--where",
            "doc_type=讲话",
            "--json",
        ],
    );
    let rows = lines(&out);
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["path"] == "000_5761af68b6670f66.txt"));
    // A zero-hit line names the filters, not only the phrase.
    let out = gongwen(dir.path(), &["search", "工业", "--speaker", "龚 正"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with("0 documents match 工业 with speaker 龚 正"),
        "{}",
        stdout(&out)
    );
    let out = gongwen(dir.path(), &["docs", "--where", "doc_type"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected FIELD=VALUE"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_named_index_that_does_not_exist_is_an_error_not_a_new_index() {
    let dir = corpus_copy(&[]);
    let out = gongwen(dir.path(), &["search", "稳", "--index", "big-idx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no index at big-idx"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("big-idx").exists());
    // `index` builds a named one; the default folder is built on first use.
    assert_eq!(
        gongwen(dir.path(), &["index", "--index", "big-idx"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        gongwen(dir.path(), &["search", "稳", "--index", "big-idx"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        gongwen(dir.path(), &["search", "稳"]).status.code(),
        Some(0)
    );
}

#[test]
fn count_tables_have_a_column_per_term_equal_to_separate_runs() {
    let dir = corpus_copy(&[]);
    let table = |args: &[&str]| lines(&gongwen(dir.path(), args));
    let both = table(&["mentions", "工业", "稳增长", "--by", "year", "--json"]);
    let total = both.last().unwrap();
    assert_eq!(total["group"], "total");
    for term in ["工业", "稳增长"] {
        let alone = table(&["mentions", term, "--by", "year", "--json"]);
        for row in &alone {
            let same = both.iter().find(|r| r["group"] == row["group"]).unwrap();
            assert_eq!(same["terms"][term], row["occurrences"], "{term} {row}");
        }
    }
    let sum = |t: &str| total["terms"][t].as_u64().unwrap();
    assert_eq!(
        sum("工业") + sum("稳增长"),
        total["occurrences"].as_u64().unwrap()
    );
    // By document: each row has the document's date and title; most occurrences first.
    let docs = table(&["mentions", "工业", "--by", "doc", "--json"]);
    let counts: Vec<u64> = docs[..docs.len() - 1]
        .iter()
        .map(|r| r["occurrences"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert!(docs[0]["title"].is_string());
    // The terminal table lines up by display width; the CSV has a column per term.
    let human = stdout(&gongwen(
        dir.path(),
        &["mentions", "工业", "稳增长", "--by", "year"],
    ));
    let widths: BTreeSet<usize> = human.lines().map(gongwen::text::str_width).collect();
    assert_eq!(widths.len(), 1, "{human}");
    let csv = stdout(&gongwen(
        dir.path(),
        &["mentions", "工业", "稳增长", "--by", "year", "--csv"],
    ));
    assert!(
        csv.trim_start_matches('\u{FEFF}')
            .starts_with("group,工业,稳增长,occurrences,passages,documents"),
        "{csv}"
    );
}

#[test]
fn variants_add_up_and_exclusions_leave_out_exactly_the_longer_names() {
    let dir = corpus_copy(&[]);
    let count = |args: &[&str]| lines(&gongwen(dir.path(), args)).len();
    let all = count(&["mentions", "工业", "--json"]);
    let longer = count(&["mentions", "工业经济", "--json"]);
    assert!(longer > 0 && longer < all);
    // Every 工业经济 holds one 工业: leaving those out leaves the rest, in every format.
    assert_eq!(
        count(&["mentions", "工业", "-工业经济", "--json"]),
        all - longer
    );
    let table = lines(&gongwen(
        dir.path(),
        &["mentions", "工业", "-工业经济", "--by", "year", "--json"],
    ));
    assert_eq!(
        table.last().unwrap()["occurrences"].as_u64().unwrap() as usize,
        all - longer
    );
    // Variants: both sides add up to the term's total; 工业经济 is among them.
    let variants = lines(&gongwen(
        dir.path(),
        &["mentions", "工业", "--variants", "--json"],
    ));
    let v = &variants[0];
    assert_eq!(v["occurrences"].as_u64().unwrap() as usize, all);
    for side in ["followed", "preceded"] {
        let sum: u64 = v[side]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[1].as_u64().unwrap())
            .sum();
        assert_eq!(sum as usize, all, "{side}");
    }
    let economy = v["followed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p[0] == "工业经济")
        .unwrap();
    assert_eq!(economy[1].as_u64().unwrap() as usize, longer);
    let human = stdout(&gongwen(dir.path(), &["mentions", "工业", "--variants"]));
    assert!(
        human.starts_with(&format!("工业: {all} occurrences")),
        "{human}"
    );
}

#[test]
fn a_terms_file_gives_one_row_per_name_equal_to_separate_runs() {
    let dir = corpus_copy(&[]);
    std::fs::write(
        dir.path().join("names.txt"),
        "# companies and phrases\n工业\n\n稳增长\n尧柏水泥\n",
    )
    .unwrap();
    let rows = lines(&gongwen(
        dir.path(),
        &[
            "mentions",
            "--terms-file",
            "names.txt",
            "--by",
            "year",
            "--json",
        ],
    ));
    assert_eq!(rows.len(), 3);
    for row in &rows {
        let term = row["term"].as_str().unwrap();
        let alone = lines(&gongwen(
            dir.path(),
            &["mentions", term, "--by", "year", "--json"],
        ));
        for group in &alone[..alone.len() - 1] {
            let key = group["group"].as_str().unwrap_or("undated");
            assert_eq!(row["groups"][key], group["occurrences"], "{term} {key}");
        }
        assert_eq!(row["occurrences"], alone.last().unwrap()["occurrences"]);
    }
    let out = gongwen(dir.path(), &["mentions", "--terms-file", "missing.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.txt"), "{}", stderr(&out));
}

#[test]
fn counts_by_year_draw_as_bars_a_panel_per_term() {
    let dir = corpus_copy(&[]);
    let out = gongwen(
        dir.path(),
        &[
            "mentions",
            "工业",
            "稳增长",
            "--by",
            "year",
            "--svg",
            "bars.svg",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("bars.svg")).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("height=\"540\""));
    assert!(svg.contains("\n工业\n") && svg.contains("\n稳增长\n"));
    // Every year from the first to the last is on the axis; undated counts are named.
    assert!(svg.contains("2020") && svg.contains("2021"));
    assert!(svg.contains("未计入无日期的 96 次"), "{svg}");
    let out = gongwen(
        dir.path(),
        &["mentions", "工业", "--by", "doc", "--svg", "bars.svg"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_revised_law_is_found_by_the_year_it_was_enacted() {
    let law = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/headers/law_revision_broken.txt"),
    )
    .unwrap();
    let dir = corpus_copy(&[("文物保护法.txt", &law)]);
    let out = gongwen(dir.path(), &["search", "文物", "enacted:1982", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found = lines(&out);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["path"], "文物保护法.txt");
    // The version is the latest revision's; the enactment is its own field.
    assert_eq!(found[0]["date"], "2017-11-04");
    assert_eq!(found[0]["enacted"], "1982-11-19");
    let out = gongwen(dir.path(), &["docs", "--where", "enacted=2017", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "no law was first adopted in 2017"
    );
    let out = gongwen(dir.path(), &["docs"]);
    assert!(
        stdout(&out).contains("enacted: 1982-11-19"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn the_same_filter_given_twice_means_both_must_hold() {
    // Issue 22: `speaker:李强 --speaker 李克强` answered with 李强's documents and said
    // "with speaker 李克强".
    let dir = corpus_copy(&[]);
    let out = gongwen(
        dir.path(),
        &["search", "工业", "speaker:赵俊民", "--speaker", "寇全安"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let said = stdout(&out) + &stderr(&out);
    assert!(
        said.contains("寇全安") && said.contains("赵俊民"),
        "the zero-hit line names both filters: {said}"
    );
    // Each alone finds its speaker's speech; the same value twice is one filter.
    for (args, path) in [
        (&["speaker:赵俊民"][..], "000_5761af68b6670f66.txt"),
        (&["--speaker", "寇全安"][..], "001_0d34c7b23749980d.txt"),
        (
            &["speaker:赵俊民", "--speaker", "赵俊民"][..],
            "000_5761af68b6670f66.txt",
        ),
    ] {
        let mut all = vec!["search", "工业", "--json"];
        all.extend_from_slice(args);
        let out = gongwen(dir.path(), &all);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let found: BTreeSet<String> = lines(&out)
            .iter()
            .map(|r| r["path"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(found, BTreeSet::from([path.to_string()]), "{args:?}");
    }
    // Date ranges meet: from the later start to the earlier end.
    let out = gongwen(
        dir.path(),
        &[
            "mentions",
            "工业",
            "year:2020",
            "--from",
            "2021",
            "--by",
            "year",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

/// The opening of the 2019 national report (`../shared/corpus/national_gwr/docs/gwr_2019.txt`,
/// cut), which never writes its speaker or its title: its manifest record gives them.
const GWR_2019: &str = include_str!("fixtures/gwr_2019_opening.txt");

#[test]
fn a_term_the_metadata_says_makes_a_document_match_but_counts_nothing() {
    let manifest = "{\"file\": \"gwr_2019.txt\", \"title\": \"2019年中华人民共和国国务院政府工作报告\", \
        \"date\": \"2019-03-05\", \"body\": \"国务院\", \"speaker\": \"李克强\", \"doc_type\": \"政府工作报告\"}\n";
    let dir = corpus_copy(&[
        ("gwr_2019.txt", GWR_2019.as_bytes()),
        ("manifest.jsonl", manifest.as_bytes()),
    ]);
    let out = gongwen(
        dir.path(),
        &["search", "李克强", "2018年", "工作回顾", "--json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let found = lines(&out);
    let report = found
        .iter()
        .find(|d| d["path"] == "gwr_2019.txt")
        .unwrap_or_else(|| panic!("{found:?}"));
    // The passages shown are those whose text holds a term: not the opening, where the
    // metadata is indexed.
    let shown: Vec<u64> = report["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["passage"].as_u64().unwrap())
        .collect();
    assert!(!shown.is_empty() && !shown.contains(&0), "{report}");
    // Every term is what the document is, none a word of it: it still matches, first.
    let out = gongwen(dir.path(), &["search", "李克强", "政府工作报告", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["path"], "gwr_2019.txt", "{}", stdout(&out));
    // The speaker is what the document is, not a word of it.
    let out = gongwen(dir.path(), &["mentions", "李克强", "--json"]);
    assert!(
        lines(&out).iter().all(|m| m["path"] != "gwr_2019.txt"),
        "{}",
        stdout(&out)
    );
}
