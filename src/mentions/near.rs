//! The concordance of a pair: the mentions of a term that have another word within ±N
//! words in their passage — the lines behind a collocate's joint count, with the same
//! windows `collocates` counts (the passage cut into jieba words as the index cuts it;
//! words overlapping the match are on neither side).

use super::Mention;
use crate::analysis::Segmenter;
use crate::text::fold_str;

/// A word of a passage: byte start, byte end, the folded word (`Segmenter::words`).
pub type Word = (usize, usize, String);

/// The words of the passage of each mention in turn, cut once per passage: the mentions
/// of one passage come together.
pub struct PassageWords<'s> {
    segmenter: &'s Segmenter,
    cut_at: Option<(u64, u64)>,
    words: Vec<Word>,
}

impl<'s> PassageWords<'s> {
    pub fn new(segmenter: &'s Segmenter) -> Self {
        PassageWords {
            segmenter,
            cut_at: None,
            words: Vec::new(),
        }
    }

    /// The words of `m`'s passage.
    pub fn of(&mut self, m: &Mention) -> &[Word] {
        let at = (m.document.id, m.passage);
        if self.cut_at != Some(at) {
            self.cut_at = Some(at);
            self.words = self.segmenter.words(m.passage_text());
        }
        &self.words
    }
}

/// Keeps the mentions with `word` (one jieba word, folded) among the `window` words on
/// either side of the match.
pub fn near(
    segmenter: &Segmenter,
    mentions: Vec<Mention>,
    word: &str,
    window: usize,
) -> Vec<Mention> {
    let word = fold_str(word.trim());
    let mut passages = PassageWords::new(segmenter);
    mentions
        .into_iter()
        .filter(|m| {
            let (left, right) = window_of(passages.of(m), m.byte_range(), window);
            left.iter().chain(right).any(|(_, _, w)| *w == word)
        })
        .collect()
}

/// The `span` words left and right of the match at `(start, end)` (bytes) among a
/// passage's `words` (as `Segmenter::words` gives them); words overlapping the match are
/// on neither side.
pub fn window_of(words: &[Word], (start, end): (usize, usize), span: usize) -> (&[Word], &[Word]) {
    let before = words.iter().filter(|(_, e, _)| *e <= start).count();
    let after = words
        .iter()
        .position(|(s, _, _)| *s >= end)
        .unwrap_or(words.len());
    (
        &words[before.saturating_sub(span)..before],
        &words[after..(after + span).min(words.len())],
    )
}
