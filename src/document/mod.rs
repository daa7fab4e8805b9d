//! Documents: one corpus file becomes one or more [`Document`]s, each with its metadata
//! and its repaired passages. [`ingest`] is the entry point: it parses the text and
//! applies every source of metadata in order of precedence.
//!
//! Stages, in order: split the file into documents (Markdown compilations give one per
//! section), clean lines ([`repair::clean_line`]), drop page furniture and distribution
//! lists, read the header ([`metadata::read_header`]), join broken sentences
//! ([`repair::join_paragraphs`]) and cut paragraphs into passages
//! ([`passages::passages`]). A page flattened into one line is split back first
//! ([`flattened`]); names run into text are checked against surnames ([`person`]); once
//! the metadata is final, each value read from the text is located in it ([`provenance`]).

pub mod date;
pub mod flattened;
pub mod ingest;
pub mod metadata;
pub mod passages;
pub mod person;
pub mod provenance;
pub mod repair;

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

pub use date::{DocDate, Precision};
pub use ingest::ingest;
pub use metadata::{Metadata, MetadataSource};

/// One document: a speech, report or notice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Path of its file, relative to the corpus folder, with `/` separators.
    pub path: String,
    /// Position of the document in its file, from 0.
    pub section: usize,
    pub meta: Metadata,
    /// The header's lines as the document writes them, repaired (title, dates,
    /// sessions, a law's record of acts, order numbers, signatures under the title …):
    /// metadata is read from them, and they stay text.
    #[serde(default)]
    pub header: Vec<String>,
    /// Repaired passages, in order; a passage's ordinal is its index here.
    pub passages: Vec<String>,
}

/// The ordinal of a document's header passage (its header lines as written, one a
/// line): searched and counted like any passage, numbered apart from the text's
/// passages.
pub const HEADER_PASSAGE: u64 = u64::MAX;

/// Fingerprint of the document reader (this folder, `corpus/` and `analysis/names/`,
/// hashed by `build.rs`): an index records it, and a run with another reader parses
/// every file again.
pub const READER: &str = env!("GONGWEN_READER");

impl Document {
    /// The header as a passage: its lines as written, one a line. Values that are not
    /// written there (a manifest's title, a body inferred from the text) are not in it:
    /// they are metadata, never occurrences of text.
    pub fn header_text(&self) -> String {
        self.header.join("\n")
    }

    /// Characters of text in the document's header and passages (line and paragraph
    /// breaks not counted).
    pub fn chars(&self) -> usize {
        self.header
            .iter()
            .chain(&self.passages)
            .map(|p| p.chars().filter(|&c| c != '\n').count())
            .sum()
    }
}

static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$").expect("heading pattern"));
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–_\s]*\d{1,4}[-—–_\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
        .expect("page number pattern")
});
/// A photo's caption: `（图片由某某提供）`, or a reporter's byline under a picture
/// (`政府工作报告。 贵州日报天眼新闻记者 李森 摄`).
static PHOTO_CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[(（][^()（）]*(?:图片|照片|摄影)[^()（）]*(?:拍摄|摄|提供)[)）]|.{0,30}记者.{0,30}摄)$")
        .expect("caption pattern")
});

/// Parses the text of one file into documents. `path` is only recorded, never read.
pub fn parse(path: &str, text: &str) -> Vec<Document> {
    let text = flattened::unflatten(text);
    let raw: Vec<&str> = text.lines().collect();
    let mut documents = Vec::new();
    if is_compilation(&raw) {
        for section in split_compilation(&raw) {
            let (cleaned, record) = clean_body(&section.lines);
            let mut header_lines = section.headings;
            let (meta, body) = if section.meta.title.is_some() {
                (section.meta, &cleaned[..])
            } else {
                let (mut meta, used) = metadata::read_header(&cleaned);
                meta.collection = section.meta.collection;
                header_lines.extend_from_slice(&cleaned[..used]);
                (meta, &cleaned[used..])
            };
            push_document(&mut documents, path, meta, header_lines, body, &record);
        }
    } else {
        // Markdown heading marks carry no meaning outside a compilation.
        let unmarked: Vec<&str> = raw
            .iter()
            .map(|l| {
                MD_HEADING
                    .captures(l)
                    .and_then(|c| c.get(2))
                    .map_or(*l, |m| m.as_str())
            })
            .collect();
        let (cleaned, record) = clean_body(&unmarked);
        // A `# title` heading is the whole title, however long (`最高人民法院关于修改《…》
        // 等二十七件民事类司法解释的决定`): the line after it is a chapter, a promulgation
        // line or a bracket, never the title's second half; the header goes on below it.
        let marked_title = raw
            .iter()
            .find(|l| !l.trim().is_empty())
            .and_then(|l| MD_HEADING.captures(l))
            .filter(|c| c[1].len() == 1)
            .map(|c| repair::clean_line(&c[2]))
            .filter(|t| cleaned.first() == Some(t));
        let (header, used) = match marked_title {
            Some(marked) => {
                let (header, used) = metadata::read_header_under(Some(marked), &cleaned[1..]);
                (header, used + 1)
            }
            None => metadata::read_header(&cleaned),
        };
        // The header's lines (an editor's note among them too) stay text, where they stand.
        let header_lines = cleaned[..used].to_vec();
        push_document(
            &mut documents,
            path,
            header,
            header_lines,
            &cleaned[used..],
            &record,
        );
    }
    documents
}

fn push_document(
    documents: &mut Vec<Document>,
    path: &str,
    mut meta: Metadata,
    header: Vec<String>,
    body: &[String],
    record: &[String],
) {
    metadata::read_news_cues(&mut meta, body, path);
    metadata::read_body_cues(&mut meta, body, record);
    meta.mark_sources(MetadataSource::Header);
    let passages = passages::passages(&repair::join_paragraphs(body), repair::is_heading);
    if passages.is_empty() && header.is_empty() && meta == Metadata::default() {
        return;
    }
    documents.push(Document {
        path: path.to_string(),
        section: documents.len(),
        meta,
        header,
        passages,
    });
}

/// Cleans lines, drops blank lines, page numbers and photo captions, and stops at a
/// distribution list (主送：/抄送：), which closes a bulletin. Returns the text's lines
/// and the record below the list (`无锡市人民政府办公室 2020年6月3日印发`): not text,
/// but a date when the text has none.
fn clean_body<S: AsRef<str>>(lines: &[S]) -> (Vec<String>, Vec<String>) {
    let mut out = Vec::with_capacity(lines.len());
    let mut record = Vec::new();
    for line in lines {
        let line = repair::clean_line(line.as_ref());
        if line.is_empty() || PAGE_NUMBER.is_match(&line) || PHOTO_CAPTION.is_match(&line) {
            continue;
        }
        if (line.starts_with("主送") || line.starts_with("抄送"))
            && line
                .trim_start_matches(['主', '抄', '送'])
                .starts_with([':', '：'])
            || !record.is_empty()
        {
            record.push(line);
            continue;
        }
        out.push(line);
    }
    (out, record)
}

/// A compilation has Markdown headings, at least two of them followed by a line naming
/// an organisation (the issuing body of that section). Headings without one, such as
/// a law's chapters, are structure inside a single document.
fn is_compilation(raw: &[&str]) -> bool {
    let sections = raw
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            // A chapter heading (`## 第三章 业主`) is structure, never a new document.
            MD_HEADING
                .captures(l)
                .is_some_and(|c| !repair::is_heading(&repair::clean_line(&c[2])))
                && raw[i + 1..]
                    .iter()
                    .find(|n| !n.trim().is_empty())
                    .is_some_and(|n| metadata::is_body_name(&repair::clean_line(n)))
        })
        .count();
    // One such heading may be a title wrapped onto a line that looks like a name.
    sections >= 2
}

/// One document of a compilation: what its headings say, the heading lines it holds
/// as text (repaired), and the lines below them.
struct Section<'a> {
    meta: Metadata,
    headings: Vec<String>,
    lines: Vec<&'a str>,
}

/// Splits a Markdown compilation into sections. A heading followed directly by another
/// heading names the collection; any other heading opens a document, whose first line,
/// if it names an organisation, is its issuing body. Text before the first document
/// heading is kept as a document of its own, without a title. Every heading line is
/// text of exactly one section: the collection's headings of the first document under
/// them, a document's heading and body line of that document.
fn split_compilation<'a>(raw: &[&'a str]) -> Vec<Section<'a>> {
    let headings: Vec<(usize, String)> = raw
        .iter()
        .enumerate()
        .filter_map(|(i, l)| MD_HEADING.captures(l).map(|c| (i, heading_text(&c[2]))))
        .collect();
    let next_nonempty = |from: usize| (from..raw.len()).find(|&j| !raw[j].trim().is_empty());
    let mut collection: Vec<String> = Vec::new();
    // The collection's heading lines not yet given to a document.
    let mut pending: Vec<String> = Vec::new();
    let mut sections: Vec<Section<'a>> = vec![Section {
        meta: Metadata::default(),
        headings: Vec::new(),
        lines: Vec::new(),
    }];
    let mut h = 0;
    let mut body_line = None;
    for (i, line) in raw.iter().enumerate() {
        if body_line == Some(i) {
            continue;
        }
        if h < headings.len() && headings[h].0 == i {
            let text = headings[h].1.clone();
            let written = repair::clean_line(&text);
            h += 1;
            let next = next_nonempty(i + 1);
            if next.is_some_and(|j| h < headings.len() && headings[h].0 == j) {
                collection.push(text);
                pending.push(written);
                continue;
            }
            let mut meta = Metadata {
                title: Some(text),
                ..Metadata::default()
            };
            let mut own = std::mem::take(&mut pending);
            own.push(written);
            if let Some(j) = next {
                let first = repair::clean_line(raw[j]);
                if metadata::is_body_name(&first) {
                    own.push(first.clone());
                    meta.body = Some(first);
                    body_line = Some(j);
                }
            }
            sections.push(Section {
                meta,
                headings: own,
                lines: Vec::new(),
            });
            continue;
        }
        if let Some(last) = sections.last_mut() {
            last.lines.push(line);
        }
    }
    // Collection headings after the last document (none in practice) are its text.
    if let Some(last) = sections.last_mut() {
        last.headings.append(&mut pending);
    }
    let collection = (!collection.is_empty()).then(|| collection.join(" "));
    for section in &mut sections {
        section.meta.collection = collection.clone();
    }
    // The preamble before the first heading is a document only if it holds text.
    if sections[0].headings.is_empty() && sections[0].lines.iter().all(|l| l.trim().is_empty()) {
        sections.remove(0);
    }
    sections
}

/// A heading's text: width folded, whitespace runs made one space (titles use spaces
/// between parallel phrases, so they are kept here, unlike in running text).
fn heading_text(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.chars().map(crate::text::fold_width).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}
