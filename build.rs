//! Fingerprints the document reader (`src/corpus/`, `src/document/`: decoding, text
//! repair, metadata rules; `src/analysis/names/`: the names read in each document) so
//! that an index records which reader parsed its files: an index run with another
//! reader parses every file again instead of keeping documents read by the old rules
//! (`GONGWEN_READER`, see `document::READER`).

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    for dir in ["src/corpus", "src/document", "src/analysis/names"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut all);
    }
    all.sort();
    // FNV-1a over each file's path and bytes, in path order.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in &all {
        let bytes = std::fs::read(path).unwrap_or_default();
        for &b in path.to_string_lossy().as_bytes().iter().chain(&bytes) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=GONGWEN_READER={hash:016x}");
}
