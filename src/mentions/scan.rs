//! Scanning one passage for the names of the entities asked for: a one-name term by
//! memchr over the stored bytes where it can, every other by folding the passage and
//! taking the longest name at each place.

use std::sync::Arc;

use super::Mention;
use super::stream::Wanted;
use crate::search::aliases::Entity;
use crate::text::fold_char;
use crate::text::literal::{ByteLiteral, needle, scan};

/// Scans passages for the names of the entities.
pub(super) struct PassageScanner {
    needles: Vec<Vec<Vec<char>>>,
    /// Per entity, its byte search when it has one (see [`ByteLiteral`]).
    literals: Vec<Option<ByteLiteral>>,
    terms: Vec<Arc<str>>,
    variants: Vec<Vec<Arc<str>>>,
    context: bool,
    empty: Arc<str>,
}

/// The scanner's buffers, reused from one passage to the next (apart from the scanner,
/// which the mentions it makes borrow).
#[derive(Default)]
pub(super) struct ScanBuffers {
    folded: Vec<char>,
    bytes: Vec<usize>,
}

impl PassageScanner {
    pub(super) fn new(entities: &[Entity], context: bool) -> Self {
        let needles: Vec<Vec<Vec<char>>> = entities
            .iter()
            .map(|e| e.variants.iter().map(|v| needle(v)).collect())
            .collect();
        PassageScanner {
            literals: needles
                .iter()
                .map(|n| match n.as_slice() {
                    [needle] => ByteLiteral::new(needle),
                    _ => None,
                })
                .collect(),
            needles,
            terms: entities
                .iter()
                .map(|e| Arc::from(e.name.as_str()))
                .collect(),
            variants: entities
                .iter()
                .map(|e| e.variants.iter().map(|v| Arc::from(v.as_str())).collect())
                .collect(),
            context,
            empty: Arc::from(""),
        }
    }

    /// Appends the mentions of `w`'s entity in `text` to `out`.
    pub(super) fn scan(
        &self,
        w: &Wanted,
        text: &Arc<str>,
        buffers: &mut ScanBuffers,
        out: &mut Vec<Mention>,
    ) {
        if let Some(literal) = &self.literals[w.entity] {
            literal.for_each_match(text, &mut buffers.bytes, |chars, bytes| {
                out.push(self.mention(w, text, 0, chars, bytes));
            });
            return;
        }
        let ScanBuffers { folded, bytes } = buffers;
        folded.clear();
        bytes.clear();
        for (b, c) in text.char_indices() {
            folded.push(fold_char(c));
            bytes.push(b);
        }
        bytes.push(text.len());
        for (start, end, alias) in scan(folded, &self.needles[w.entity]) {
            let range = (bytes[start], bytes[end]);
            out.push(self.mention(w, text, alias, (start, end), range));
        }
    }

    fn mention(
        &self,
        w: &Wanted,
        text: &Arc<str>,
        alias: usize,
        (start, end): (usize, usize),
        bytes: (usize, usize),
    ) -> Mention {
        Mention {
            term: Arc::clone(&self.terms[w.entity]),
            variant: Arc::clone(&self.variants[w.entity][alias]),
            entity: w.entity,
            alias,
            document: Arc::clone(&w.document),
            passage: w.passage,
            start,
            end,
            text: Arc::clone(if self.context { text } else { &self.empty }),
            bytes: if self.context { bytes } else { (0, 0) },
        }
    }
}
