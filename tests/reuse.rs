//! Reuse on real laws (`tests/fixtures/reuse/`, copied from `../shared/corpus/laws_lawrefbook/`:
//! two provincial implementing measures of the urban residents' committees law, that law,
//! and Henan's measures for the assembly and demonstration law with that law): every
//! passage is where it says, its identity is no more than an independent longest common
//! subsequence allows, its marked text gives back both texts, the shares are recounted,
//! and the shared stretches confirmed by hand (`benches/reuse/truth.jsonl`) are found.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use gongwen::catalog::IndexHandle;
use gongwen::indexer::{self, BuildOptions};
use gongwen::reuse::{
    Allowance, PEAK_BYTES_PER_CHARACTER, PROCESS_BYTES, Reuse, ReuseOptions, SharedPassage, reuse,
};
use gongwen::search::Filters;
use gongwen::search::query::terms_and_filters;
use gongwen::{Error, Overrun};

use super::util::{gongwen, stdout};

struct Fixture {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    index: PathBuf,
    handle: IndexHandle,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reuse");
        copy_tree(&from, &corpus);
        let index = dir.path().join("index");
        indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {}).unwrap();
        let handle = IndexHandle::open(&index).unwrap();
        Fixture {
            _dir: dir,
            corpus,
            index,
            handle,
        }
    })
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn filters(words: &str) -> Filters {
    let words: Vec<String> = words.split_whitespace().map(String::from).collect();
    terms_and_filters(&words).unwrap().1
}

fn law(n: &str) -> String {
    format!("path:laws_lawrefbook/docs/law_{n}.txt")
}

/// Local measures against the national laws.
fn found() -> &'static Reuse {
    static FOUND: OnceLock<Reuse> = OnceLock::new();
    FOUND.get_or_init(|| {
        let handle = &fixture().handle;
        let national = filters("level:national");
        let local = filters("doc_type:地方性法规");
        reuse(
            handle,
            (&local, Some(&national)),
            &ReuseOptions::default(),
            &Allowance::unlimited(),
            &|_, _| {},
        )
        .unwrap()
    })
}

/// The document's text as reuse counts offsets: its passages, each followed by a line break.
fn text_of(id: u64) -> Vec<char> {
    let passages = gongwen::search::document_text(&fixture().handle, id, &[], false).unwrap();
    passages
        .iter()
        .flat_map(|p| p.text.chars().chain(['\n']))
        .collect()
}

/// Characters as reuse compares them: whitespace left out, folded, pause marks one.
fn compared(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match gongwen::text::fold_char(c) {
            '、' | '；' | ';' | ',' => '，',
            other => other,
        })
        .collect()
}

/// The longest common subsequence of two texts: no alignment has more identical columns.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// The marked text read back: the first document's side and the second's.
fn unmark(marked: &str) -> (String, String) {
    let (mut a, mut b) = (String::new(), String::new());
    let mut rest = marked;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[-") {
            let end = after.find("-]").unwrap();
            a.push_str(&after[..end]);
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("{+") {
            let end = after.find("+}").unwrap();
            b.push_str(&after[..end]);
            rest = &after[end + 2..];
        } else {
            let c = rest.chars().next().unwrap();
            a.push(c);
            b.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    (a, b)
}

#[test]
fn each_passage_is_where_it_says_and_no_better_than_its_texts_allow() {
    let found = found();
    assert!(found.passages.len() >= 20, "{}", found.passages.len());
    let mut texts: HashMap<u64, Vec<char>> = HashMap::new();
    for p in &found.passages {
        let (a, b) = (&found.documents[p.a], &found.documents[p.b]);
        let ta = texts.entry(a.id).or_insert_with(|| text_of(a.id)).clone();
        let tb = texts.entry(b.id).or_insert_with(|| text_of(b.id)).clone();
        let at =
            |t: &[char], s: (u32, u32)| t[s.0 as usize..s.1 as usize].iter().collect::<String>();
        assert_eq!(p.a_text(), at(&ta, p.a_span));
        assert_eq!(p.b_text(), at(&tb, p.b_span));
        let (ca, cb) = (compared(&p.a_text()), compared(&p.b_text()));
        assert_eq!((ca.len() as u32, cb.len() as u32), (p.a_length, p.b_length));
        assert!(p.a_length >= 30 && p.b_length >= 30);
        assert!(p.identity() >= 0.8, "{}", p.marked());
        // Identical columns are identical characters in order: a common subsequence.
        assert!(p.matches as usize <= lcs(&ca, &cb), "{}", p.marked());
        assert!(p.columns >= p.a_length.max(p.b_length));
        // Folded-equal characters (、 for ，) print as the first document writes them.
        let (ma, mb) = unmark(&p.marked());
        assert_eq!(ma, p.a_text());
        assert_eq!((compared(&ma), compared(&mb)), (ca, cb));
    }
}

#[test]
fn shares_are_the_union_of_the_passages_over_the_document() {
    let found = found();
    for pair in &found.pairs {
        let mine: Vec<&SharedPassage> = found
            .passages
            .iter()
            .filter(|p| (p.a, p.b) == (pair.a, pair.b))
            .collect();
        assert_eq!(mine.len(), pair.passages);
        let text = text_of(found.documents[pair.a].id);
        let mut covered = vec![false; text.len()];
        for p in &mine {
            for c in &mut covered[p.a_span.0 as usize..p.a_span.1 as usize] {
                *c = true;
            }
        }
        let shared = text
            .iter()
            .zip(&covered)
            .filter(|(c, k)| **k && !c.is_whitespace())
            .count();
        assert_eq!(shared as u32, pair.a_shared);
        let all = text.iter().filter(|c| !c.is_whitespace()).count();
        assert!((pair.a_share - shared as f64 / all as f64).abs() < 1e-9);
    }
    // The measures copy most of their law.
    assert!(found.pairs[0].a_share > 0.5, "{:?}", found.pairs[0]);
}

#[test]
fn the_stretches_confirmed_by_hand_are_found() {
    let truth = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/reuse/truth.jsonl"),
    )
    .unwrap();
    let fx = fixture();
    let (mut total, mut hit) = (0, 0);
    for pair in [("01132", "02402"), ("00321", "02402"), ("01050", "02421")] {
        let out = gongwen(
            &fx.corpus,
            &[
                "reuse",
                &law(pair.0),
                "--vs",
                &law(pair.1),
                "--json",
                "--corpus",
                fx.corpus.to_str().unwrap(),
                "--index",
                fx.index.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0));
        let rows: Vec<serde_json::Value> = stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let shared: Vec<String> = rows
            .iter()
            .map(|r| {
                compared(r["a_text"].as_str().unwrap())
                    .into_iter()
                    .collect()
            })
            .collect();
        for line in truth.lines() {
            let t: serde_json::Value = serde_json::from_str(line).unwrap();
            let a = format!("laws_lawrefbook/docs/law_{}.txt", pair.0);
            if t["a"] != a.as_str() || t["label"] != "copy" {
                continue;
            }
            // Found: a passage holds most of the stretch (its middle, at least).
            let text = compared(t["text"].as_str().unwrap());
            let middle: String = text[text.len() / 4..text.len() * 3 / 4].iter().collect();
            total += 1;
            hit += usize::from(shared.iter().any(|s| s.contains(&middle)));
        }
    }
    assert!(total >= 90, "{total}");
    assert!(hit * 100 >= total * 95, "{hit} of {total}");
}

#[test]
fn within_one_set_each_pair_is_compared_once() {
    let handle = &fixture().handle;
    let within = reuse(
        handle,
        (&Filters::default(), None),
        &ReuseOptions::default(),
        &Allowance::unlimited(),
        &|_, _| {},
    )
    .unwrap();
    let mut seen = std::collections::HashSet::new();
    for p in &within.pairs {
        let ids = (within.documents[p.a].id, within.documents[p.b].id);
        assert!(
            seen.insert((ids.0.min(ids.1), ids.0.max(ids.1))),
            "{ids:?} twice"
        );
    }
    // Both measures of the residents' committees law are paired with it and each other.
    assert!(within.pairs.len() >= 3, "{}", within.pairs.len());
}

#[test]
fn a_comparison_larger_than_its_memory_budget_is_refused_before_or_while_it_aligns() {
    let fx = fixture();
    let (local, national) = (filters("doc_type:地方性法规"), filters("level:national"));
    let documents = fx.handle.catalog.documents().unwrap();
    let compared: Vec<_> = documents
        .iter()
        .filter(|d| local.admits(d) || national.admits(d))
        .collect();
    let characters: u64 = compared.iter().map(|d| d.chars as u64).sum();
    let peak = PROCESS_BYTES + characters * PEAK_BYTES_PER_CHARACTER;
    let run = |budget| {
        reuse(
            &fx.handle,
            (&local, Some(&national)),
            &ReuseOptions::default(),
            &Allowance::new("reuse of laws", Some(budget)),
            &|_, _| {},
        )
    };
    // With room for what it finds, it finds what it finds without a budget.
    assert_eq!(
        run(peak + (64 << 20)).unwrap().passages.len(),
        found().passages.len()
    );
    // Below the texts' estimate it is refused before a text is read; at it, as soon as
    // the candidate pairs and passages found pass it.
    match run(peak - 1) {
        Err(e @ Error::OverBudget { .. }) => {
            let Error::OverBudget {
                what,
                overrun,
                allowed,
            } = &e
            else {
                unreachable!()
            };
            assert_eq!((what.as_str(), *allowed), ("reuse of laws", peak - 1));
            assert_eq!(
                *overrun,
                Overrun::Texts {
                    documents: compared.len(),
                    characters,
                    needed: peak
                }
            );
            assert!(
                e.to_string()
                    .contains(&format!("comparing {} documents", compared.len()))
            );
        }
        other => panic!("not refused: {:?}", other.map(|r| r.passages.len())),
    }
    match run(peak) {
        Err(Error::OverBudget {
            overrun:
                Overrun::Aligning {
                    aligned,
                    candidates,
                    needed,
                    ..
                },
            ..
        }) => {
            assert!(
                aligned <= candidates && needed > peak,
                "{aligned} {candidates} {needed}"
            );
        }
        other => panic!("not stopped: {:?}", other.map(|r| r.passages.len())),
    }
    // The command: refused with exit 2 and nothing printed, the flag named; 0 is no limit.
    let command = |memory: &str| {
        gongwen(
            &fx.corpus,
            &[
                "reuse",
                "doc_type:地方性法规",
                "--vs",
                "level:national",
                "--memory",
                memory,
                "--index",
                fx.index.to_str().unwrap(),
                "--corpus",
                fx.corpus.to_str().unwrap(),
            ],
        )
    };
    let refused = command("1K");
    assert_eq!(refused.status.code(), Some(2));
    assert!(refused.stdout.is_empty());
    let said = super::util::stderr(&refused);
    assert!(
        said.contains("more than the 1 MB allowed") && said.contains("--memory"),
        "{said}"
    );
    assert_eq!(command("0").status.code(), Some(0));
    assert_eq!(command("2G").status.code(), Some(0));
    assert_eq!(command("lots").status.code(), Some(2));
}

#[test]
fn the_command_prints_a_table_csv_and_refuses_text_as_a_set() {
    let fx = fixture();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = vec![
            "reuse".into(),
            "doc_type:地方性法规".into(),
            "--vs".into(),
            "level:national".into(),
        ];
        v.extend(extra.iter().map(|s| s.to_string()));
        v.extend(
            [
                "--corpus",
                fx.corpus.to_str().unwrap(),
                "--index",
                fx.index.to_str().unwrap(),
            ]
            .map(String::from),
        );
        v
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        gongwen(
            &fx.corpus,
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    let table = stdout(&run(&[]));
    assert!(table.contains("documents by their shared share"), "{table}");
    assert!(
        table.contains("河南省实施《中华人民共和国城市居民委员会组织法》办法"),
        "{table}"
    );
    assert!(table.contains("[-") || table.contains("{+"), "{table}");
    let csv = stdout(&run(&["--csv"]));
    assert!(csv.starts_with("\u{feff}a_id,a_title"));
    assert!(csv.lines().count() > 2);
    let bad = gongwen(
        &fx.corpus,
        &[
            "reuse",
            "居民委员会",
            "--corpus",
            fx.corpus.to_str().unwrap(),
            "--index",
            fx.index.to_str().unwrap(),
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(super::util::stderr(&bad).contains("居民委员会"));
}

#[test]
fn the_pages_list_the_pairs_and_set_two_documents_side_by_side() {
    use super::serve::{Server, q};
    let fx = fixture();
    let start = |more: &[&str]| {
        let (corpus, index) = (fx.corpus.to_str().unwrap(), fx.index.to_str().unwrap());
        Server::start_with(
            &fx.corpus,
            &[&["--corpus", corpus, "--index", index][..], more].concat(),
        )
    };
    let server = start(&[]);
    let sets = format!("q={}&vs={}", q("doc_type:地方性法规"), q("level:national"));
    // The API answers what the command prints.
    let api = server.ok(&format!("/api/reuse?{sets}"));
    let command = gongwen(
        &fx.corpus,
        &[
            "reuse",
            "doc_type:地方性法规",
            "--vs",
            "level:national",
            "--json",
            "--corpus",
            fx.corpus.to_str().unwrap(),
            "--index",
            fx.index.to_str().unwrap(),
        ],
    );
    assert_eq!(api, stdout(&command));
    // The page: the documents by share, the pairs with their side-by-side links.
    let page = server.ok(&format!("/reuse?{sets}"));
    assert!(
        page.contains("各文档共有文字占比") && page.contains("对照"),
        "{page}"
    );
    let found = found();
    let top = &found.pairs[0];
    let (a, b) = (found.documents[top.a].id, found.documents[top.b].id);
    let link = format!("/reuse/pair?a={a}&amp;b={b}");
    assert!(page.contains(&link), "{link} not in the page");
    // Side by side: each passage marked on both sides, linked to its counterpart.
    let pair = server.ok(&format!("/reuse/pair?a={a}&b={b}"));
    for k in 0..top.passages {
        assert!(pair.contains(&format!("id=\"a{k}\"")), "a{k}");
        assert!(pair.contains(&format!("id=\"b{k}\"")), "b{k}");
        assert!(pair.contains(&format!("href=\"#b{k}\"")), "#b{k}");
    }
    assert!(pair.contains("class=\"differs\""));
    let english = server.ok(&format!("/reuse?{sets}&lang=en"));
    assert!(english.contains("Pairs by shared share"), "{english}");
    let (status, _, body) = server.get(&format!("/reuse/pair?a={a}&b={a}"));
    assert_eq!(status, 400, "{body}");
    let (status, _, body) = server.get(&format!("/reuse/pair?a={a}&b=18446744073709551615"));
    assert_eq!(status, 404, "{body}");
    let (status, _, _) = server.get(&format!("/reuse?q={}", q("居民委员会")));
    assert_eq!(status, 400);
    // A server allowed less memory per reuse request refuses this one, saying why.
    let small = start(&["--reuse-memory", "1K"]);
    let (status, _, body) = small.get(&format!("/api/reuse?{sets}"));
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("more than the 1 MB allowed"), "{body}");
    // The page says it in its reader's language.
    let (status, _, page) = small.get(&format!("/reuse?{sets}"));
    assert_eq!(status, 400);
    assert!(
        page.contains("超过本服务器允许的 1 MB") && page.contains("请缩小文档范围"),
        "{page}"
    );
    let (_, _, english) = small.get(&format!("/reuse?{sets}&lang=en"));
    assert!(
        english.contains("more than the 1 MB allowed: narrow the sets"),
        "{english}"
    );
    // Two documents side by side are no set to budget.
    assert!(
        small
            .ok(&format!("/reuse/pair?a={a}&b={b}"))
            .contains("id=\"a0\"")
    );
}
