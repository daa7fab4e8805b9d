//! Test helpers: temp copies of `corpus/`, an index built once per test binary, and a
//! hermetic way to run the `gongwen` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use gongwen::catalog::IndexHandle;
use gongwen::document::{self, Document};
use gongwen::indexer::{self, BuildOptions};
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

/// Every document of a corpus folder, parsed the way the indexer parses it (manifests
/// applied: they give titles, which the header passage holds).
pub fn parse_all(corpus: &Path) -> Vec<Document> {
    let (files, _) = gongwen::corpus::list(corpus).unwrap();
    let manifests = gongwen::corpus::manifest::Manifests::load(corpus, None).unwrap_or_default();
    files
        .iter()
        .filter_map(|f| {
            gongwen::corpus::read(f, &Default::default())
                .ok()
                .map(|d| document::ingest(&f.relative, &d.text, &manifests))
        })
        .flatten()
        .collect()
}

/// A document's searchable texts, as mentions count them: its passages, then its
/// header (title, subtitle, speaker, body, collection) when it has one.
pub fn texts(d: &Document) -> Vec<String> {
    let mut all = d.passages.clone();
    let header = d.header_text();
    if !header.is_empty() {
        all.push(header);
    }
    all
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
    gongwen::catalog::current_generation(&dir.join("index"))
        .expect("an index exists")
        .join(gongwen::catalog::CATALOG_FILE)
}

/// A minimal PDF whose text layer holds `lines` (one text line each, a new page where a
/// line is `"\x0c"`), in a Type0 font with a ToUnicode map, as PDF writers emit Chinese.
pub fn pdf_with_lines(lines: &[&str]) -> Vec<u8> {
    let mut pages: Vec<Vec<&str>> = vec![Vec::new()];
    for line in lines {
        if *line == "\x0c" {
            pages.push(Vec::new());
        } else {
            pages.last_mut().unwrap().push(line);
        }
    }
    // Objects 1 catalog, 2 pages, 3 font, 4 descendant, 5 descriptor, 6 ToUnicode, then
    // a page and its content per page.
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
        /CMapName /Identity-UCS def /CMapType 2 def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        1 beginbfrange <0000> <FFFF> <0000> endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(), // pages, below
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
         /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>"
            .into(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo \
         << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R \
         /DW 1000 >>"
            .into(),
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 880] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"
            .into(),
        format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()),
    ];
    let mut kids = Vec::new();
    for page in &pages {
        let page_no = objects.len() + 1;
        kids.push(format!("{page_no} 0 R"));
        let mut content = String::from("BT /F1 12 Tf 14 TL 72 760 Td\n");
        for line in page {
            let hex: String = line.encode_utf16().map(|u| format!("{u:04X}")).collect();
            content.push_str(&format!("<{hex}> Tj T*\n"));
        }
        content.push_str("ET");
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page_no + 1
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.join(" "),
        pages.len()
    );
    crate::attacks::pdf(&objects)
}

/// A minimal `.docx`: a zip holding `word/document.xml` with `xml`.
pub fn docx_with_xml(xml: &str) -> Vec<u8> {
    crate::attacks::docx(xml)
}

/// The fixture files `tests/fixtures/FOLDER/*.EXT`, in name order.
pub fn fixture_files(folder: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}
