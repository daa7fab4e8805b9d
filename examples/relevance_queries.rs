//! Known-item queries for the relevance benchmark (`benches/relevance/run.py`), drawn
//! reproducibly (a fixed seed) from a corpus's paragraphs: for each sampled passage, a
//! query of two or three of its content words (jieba words of two or more Chinese
//! characters found in at most 2% of the documents: words that say what the paragraph is
//! about, as a user remembering it would type, not 依法 or 不得) and a 4–8 character
//! phrase starting inside a word (so it crosses a word boundary). The target is the
//! passage's document.
//!
//!     cargo run --release --example relevance_queries -- CORPUS [COUNT] [SEED] > known.tsv
//!
//! Output: `kind<TAB>query<TAB>target path<TAB>section` lines (`words` or `phrase`).

use std::collections::HashSet;
use std::path::PathBuf;

use gongwen::analysis::Segmenter;
use gongwen::corpus::manifest::Manifests;

/// A small, fixed pseudo-random sequence (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Words too common to stand for a paragraph.
const STOP: &[&str] = &[
    "我们",
    "进一步",
    "工作",
    "发展",
    "加强",
    "推进",
    "建设",
    "全面",
    "坚持",
    "要求",
    "重点",
    "实施",
    "提高",
    "推动",
    "加快",
    "积极",
    "完善",
    "持续",
    "以及",
    "进行",
    "开展",
    "同时",
    "一个",
    "没有",
];

fn is_chinese(word: &str) -> bool {
    word.chars().all(gongwen::text::is_cjk)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(
        args.next()
            .expect("usage: relevance_queries CORPUS [COUNT] [SEED]"),
    );
    let count: usize = args.next().map_or(200, |c| c.parse().expect("count"));
    let mut rng = Rng(args.next().map_or(20261202, |s| s.parse().expect("seed")));
    let (files, _) = gongwen::corpus::list(&corpus).expect("corpus");
    let manifests = Manifests::load(&corpus, None).unwrap_or_default();
    let segmenter = Segmenter::load(None).expect("dictionary");
    // Every passage long enough to be a paragraph, with its document; and in how many
    // documents each word occurs.
    let mut paragraphs: Vec<(String, usize, String)> = Vec::new();
    let mut document_frequency: std::collections::HashMap<String, usize> = Default::default();
    let mut documents = 0;
    for file in &files {
        let Ok(decoded) = gongwen::corpus::read(file, &Default::default()) else {
            continue;
        };
        for doc in gongwen::document::ingest(&file.relative, &decoded.text, &manifests) {
            documents += 1;
            let words: HashSet<String> = doc
                .passages
                .iter()
                .flat_map(|p| segmenter.words(p).into_iter().map(|(_, _, w)| w))
                .collect();
            for w in words {
                *document_frequency.entry(w).or_default() += 1;
            }
            for p in &doc.passages {
                if p.chars().count() >= 80 {
                    paragraphs.push((doc.path.clone(), doc.section, p.clone()));
                }
            }
        }
    }
    let mut made = 0;
    let mut seen = HashSet::new();
    while made < count && !paragraphs.is_empty() {
        let (path, section, text) = &paragraphs[rng.below(paragraphs.len())];
        let words: Vec<String> = segmenter
            .words(text)
            .into_iter()
            .map(|(_, _, w)| w)
            .filter(|w| {
                w.chars().count() >= 2
                    && is_chinese(w)
                    && !STOP.contains(&w.as_str())
                    && document_frequency
                        .get(w)
                        .is_some_and(|&n| n * 50 <= documents)
            })
            .collect::<Vec<_>>();
        let distinct: Vec<&String> = {
            let mut d: Vec<&String> = Vec::new();
            for w in &words {
                if !d.contains(&w) {
                    d.push(w);
                }
            }
            d
        };
        if distinct.len() < 2 {
            continue;
        }
        let n = (2 + rng.below(2)).min(distinct.len());
        let mut picked: Vec<&str> = Vec::new();
        while picked.len() < n {
            let w = distinct[rng.below(distinct.len())];
            if !picked.contains(&w.as_str()) {
                picked.push(w);
            }
        }
        let query = picked.join(" ");
        if !seen.insert(query.clone()) {
            continue;
        }
        // A phrase of 4–8 Chinese characters starting inside a word.
        let chars: Vec<char> = text.chars().collect();
        let len = 4 + rng.below(5);
        let phrase = (0..20).find_map(|_| {
            let start = 1 + rng.below(chars.len().saturating_sub(len + 1).max(1));
            let phrase: String = chars[start..(start + len).min(chars.len())]
                .iter()
                .collect();
            let boundary = segmenter.words(text).iter().any(|(s, e, _)| {
                text[..*s].chars().count() < start && text[..*e].chars().count() > start
            });
            (phrase.chars().count() == len && is_chinese(&phrase) && boundary).then_some(phrase)
        });
        println!("words\t{query}\t{path}\t{section}");
        if let Some(phrase) = phrase {
            println!("phrase\t\"{phrase}\"\t{path}\t{section}");
        }
        made += 1;
    }
}
