//! Test helpers: temp copies of `corpus/`, an index built once per test binary, and a
//! hermetic way to run the `gongwen` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use gongwen::document::{self, Document};
use gongwen::indexer::{self, BuildOptions, IndexHandle};
use proptest::prelude::*;

/// The bundled sample corpus.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A fresh temp folder holding a copy of `corpus/` plus `extra` files (name, bytes).
pub fn corpus_copy(extra: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(corpus_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "txt") {
            std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
        }
    }
    for (name, bytes) in extra {
        std::fs::write(corpus.join(name), bytes).unwrap();
    }
    dir
}

/// Text of the recall fixture: the literals the analysis must never lose.
pub const RECALL_TEXT: &str = "各地要落实惠企纾困政策措施，坚持推进碳达峰碳中和，稳住经济大盘。\n\
２０２０年ＧＤＰ增长２.３％，2020 年我市GDP总量突破千亿元。\n\
新质生产力加快发展，营商环境持续优化。\n";

/// An index over `corpus/` plus the recall fixture, built once per test run.
pub struct Shared {
    pub _dir: tempfile::TempDir,
    pub corpus: PathBuf,
    pub handle: IndexHandle,
}

pub fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = corpus_copy(&[("recall.txt", RECALL_TEXT.as_bytes())]);
        let corpus = dir.path().join("corpus");
        let index = dir.path().join("index");
        indexer::build(&corpus, &index, &BuildOptions::default(), &mut |_| {})
            .expect("index builds");
        let handle = IndexHandle::open(&index).expect("index opens");
        Shared {
            _dir: dir,
            corpus,
            handle,
        }
    })
}

/// Every document of a corpus folder, parsed the way the indexer parses it.
pub fn parse_all(corpus: &Path) -> Vec<Document> {
    let (files, _) = gongwen::corpus::list(corpus).unwrap();
    files
        .iter()
        .filter_map(|f| {
            gongwen::corpus::read(f)
                .ok()
                .map(|d| document::parse(&f.relative, &d.text))
        })
        .flatten()
        .collect()
}

/// Runs the binary in `cwd` with an environment that cannot change its output.
pub fn gongwen(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .args(args)
        .current_dir(cwd)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .output()
        .expect("gongwen runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A random substring (1 to `max_len - 1` characters) of a random passage of the shared
/// test corpus.
pub fn substring(max_len: usize) -> impl Strategy<Value = String> {
    let passages: Vec<String> = parse_all(&shared().corpus)
        .into_iter()
        .flat_map(|d| d.passages)
        .collect();
    (0..passages.len(), 0usize..400, 1..max_len).prop_map(move |(p, start, len)| {
        let chars: Vec<char> = passages[p].chars().collect();
        let start = start % chars.len();
        chars[start..(start + len).min(chars.len())]
            .iter()
            .collect()
    })
}

/// The catalog file of the index generation in use under `dir/index`.
pub fn catalog_path(dir: &Path) -> PathBuf {
    indexer::current_generation(&dir.join("index"))
        .expect("an index exists")
        .join(indexer::CATALOG_FILE)
}
