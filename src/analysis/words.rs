//! The word field's analysis: jieba words (dictionary mode, no HMM, so a word is cut
//! the same way in any context) with gongwen's policy dictionary and an optional user
//! dictionary, for BM25 ranking.
//!
//! A [`Segmenter`] is a value: the word tokenizer of each opened index owns one (shared
//! by `Arc`), so two indexes built with different dictionaries segment differently in
//! one process. Jieba is built on first use (~90 ms): searching never needs it, since
//! queries are segmented against the index's own term dictionary.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::error::{Error, Result};
use crate::text::fold_str;

/// The built-in policy dictionary, compiled into the binary.
pub const POLICY_DICT: &str = include_str!("../../dict/policy.txt");

/// One dictionary line: a folded word, its frequency if given, its tag if given.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    word: String,
    freq: Option<usize>,
    tag: Option<String>,
}

/// Jieba with gongwen's dictionaries, built when first asked for: opening an index to
/// search neither parses the dictionaries nor builds jieba.
#[derive(Debug)]
pub struct Segmenter {
    /// The user dictionary and its text, as read (the text is part of the analysis
    /// fingerprint).
    user: Option<(PathBuf, String)>,
    jieba: OnceLock<Jieba>,
}

impl Segmenter {
    /// The segmenter with the policy dictionary and, if given, the user dictionary at
    /// `user_dict`, read and checked now (an indexing run fails on a bad line before it
    /// starts).
    pub fn load(user_dict: Option<&Path>) -> Result<Segmenter> {
        let user = match user_dict {
            Some(path) => Some((
                path.to_path_buf(),
                crate::corpus::read_side_text(path).map_err(|e| Error::io(path, e))?,
            )),
            None => None,
        };
        if let Some((path, text)) = &user {
            parse_dictionary(text, path)?;
        }
        Ok(Segmenter::with_user_text(user))
    }

    /// The segmenter of a user dictionary's text (`path` names it), unchecked: an index
    /// records the fingerprint of the text it was built with, which its reader compares.
    pub fn with_user_text(user: Option<(PathBuf, String)>) -> Segmenter {
        Segmenter {
            user,
            jieba: OnceLock::new(),
        }
    }

    /// The user dictionary's text, if there is one.
    pub fn user_text(&self) -> Option<&str> {
        self.user.as_ref().map(|(_, text)| text.as_str())
    }

    /// The jieba of these dictionaries.
    pub fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            let mut jieba = Jieba::new();
            let builtin = Path::new("<built-in policy dictionary>");
            // Both were checked: the built-in one by a test, the user's by `load` or by
            // the fingerprint its index was built with.
            let mut entries = parse_dictionary(POLICY_DICT, builtin).unwrap_or_default();
            if let Some((path, text)) = &self.user {
                entries.extend(parse_dictionary(text, path).unwrap_or_default());
            }
            // jieba-rs's own `load_dict` gives a line without a frequency frequency 0, so
            // such a word would never win a segmentation; here it gets jieba's suggested
            // frequency, which keeps it whole.
            for e in &entries {
                let freq = e
                    .freq
                    .unwrap_or_else(|| jieba.suggest_freq(&e.word).max(1000));
                jieba.add_word(&e.word, Some(freq), e.tag.as_deref());
            }
            jieba
        })
    }

    /// The words the policy and user dictionaries tag as names (`nt` an enterprise or a
    /// body, `ns` a place), with their tags: names a user declares, counted by `names`.
    pub fn declared_names(&self) -> Vec<(String, String)> {
        let mut entries = parse_dictionary(POLICY_DICT, Path::new("")).unwrap_or_default();
        if let Some((path, text)) = &self.user {
            entries.extend(parse_dictionary(text, path).unwrap_or_default());
        }
        entries
            .into_iter()
            .filter_map(|e| match e.tag.as_deref() {
                Some(tag @ ("nt" | "ns")) => Some((e.word, tag.to_string())),
                _ => None,
            })
            .collect()
    }

    /// Jieba words of `text` as (byte start, byte end, folded word), punctuation and
    /// spaces left out.
    pub fn words(&self, text: &str) -> Vec<(usize, usize, String)> {
        let folded = fold_str(text);
        // Folding keeps the char count but may change byte lengths (full-width → ASCII),
        // so map folded char offsets back to byte offsets of the original.
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        self.jieba()
            .cut(&folded, false)
            .into_iter()
            .filter(|t| t.word.chars().any(char::is_alphanumeric))
            .map(|t| (byte_of[t.start], byte_of[t.end], t.word.to_string()))
            .collect()
    }
}

/// Reads `word [freq] [tag]` lines; `#` starts a comment line.
fn parse_dictionary(text: &str, path: &Path) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace().peekable();
        let word = parts.next().unwrap_or_default();
        // `word tag` (a tag of letters) as well as `word freq [tag]`.
        let freq = match parts.next_if(|f| !f.chars().all(|c| c.is_ascii_alphabetic())) {
            Some(f) => Some(f.parse::<usize>().map_err(|_| Error::Dictionary {
                path: path.to_path_buf(),
                message: format!("line {}: frequency {f:?} is not a number", n + 1),
            })?),
            None => None,
        };
        entries.push(Entry {
            word: fold_str(word),
            freq,
            tag: parts.next().map(str::to_string),
        });
    }
    Ok(entries)
}

/// Jieba word tokenizer over folded text, with its segmenter.
#[derive(Clone)]
pub struct WordTokenizer {
    segmenter: Arc<Segmenter>,
}

impl WordTokenizer {
    /// The tokenizer of `segmenter`.
    pub fn new(segmenter: Arc<Segmenter>) -> WordTokenizer {
        WordTokenizer { segmenter }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = self
            .segmenter
            .words(text)
            .into_iter()
            .enumerate()
            .map(|(position, (from, to, word))| Token {
                offset_from: from,
                offset_to: to,
                position,
                text: word,
                position_length: 1,
            })
            .collect();
        VecTokenStream { tokens, next: 0 }
    }
}

/// A token stream over precomputed tokens.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_dictionary_parses() {
        let builtin = Path::new("<built-in policy dictionary>");
        assert!(parse_dictionary(POLICY_DICT, builtin).unwrap().len() > 100);
    }

    #[test]
    fn policy_terms_are_single_words() {
        let segmenter = Segmenter::load(None).expect("built-in dictionary");
        let cut: Vec<String> = segmenter
            .words("坚持碳达峰碳中和，发展新质生产力，惠企纾困")
            .into_iter()
            .map(|(_, _, w)| w)
            .collect();
        for term in ["碳达峰", "碳中和", "新质生产力", "惠企纾困"] {
            assert!(cut.iter().any(|w| w == term), "{term} missing in {cut:?}");
        }
    }

    #[test]
    fn two_segmenters_keep_their_own_dictionaries() {
        let plain = Segmenter::load(None).expect("built-in dictionary");
        let user = Segmenter::with_user_text(Some(("user.txt".into(), "尧柏水泥集团\n".into())));
        let words = |s: &Segmenter| -> Vec<String> {
            s.words("尧柏水泥集团投产")
                .into_iter()
                .map(|(_, _, w)| w)
                .collect()
        };
        assert!(words(&user).contains(&"尧柏水泥集团".to_string()));
        assert!(!words(&plain).contains(&"尧柏水泥集团".to_string()));
        // Built in the other order, each still answers with its own.
        assert!(words(&user).contains(&"尧柏水泥集团".to_string()));
    }

    #[test]
    fn a_bad_frequency_names_the_dictionary_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("my.txt");
        std::fs::write(&path, "词 12x\n").unwrap();
        let e = Segmenter::load(Some(&path)).unwrap_err();
        assert!(
            e.to_string().contains("my.txt") && e.to_string().contains("line 1"),
            "{e}"
        );
        // A word and a tag (letters), no frequency.
        std::fs::write(&path, "秦岭绿能 nt\n安康 ns\n稳增长\n").unwrap();
        let names = Segmenter::load(Some(&path)).unwrap().declared_names();
        assert!(
            names.contains(&("秦岭绿能".to_string(), "nt".to_string())),
            "{names:?}"
        );
        assert!(names.contains(&("安康".to_string(), "ns".to_string())));
        assert!(!names.iter().any(|(w, _)| w == "稳增长"));
    }
}
