//! Analysis: the one place that decides how text becomes terms.
//!
//! Two views of every passage are indexed:
//! - `gw_exact`, dictionary-independent: every non-space character is a term, positioned
//!   at its character index. Any literal of two or more characters is then a phrase of
//!   characters and a single character is one term whose frequency is its count, so
//!   recall is exact whatever jieba does with the surrounding text. (Characters rather
//!   than bigrams: a quarter smaller on disk and faster to build, and dense character
//!   postings compress well; phrase queries start from the rarest character.)
//! - `gw_words`, jieba words (dictionary mode, no HMM, so a word is cut the same way in any
//!   context) with gongwen's policy dictionary, for BM25 ranking.
//!
//! Both fold each character with [`fold_char`] (full-width letters and digits to ASCII,
//! lower case); folding is one char to one char, so offsets never need remapping. The
//! query side and the highlighter use the same function. Tokenizers are registered by
//! [`register`] every time an index is opened: tantivy stores only their names.

use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

use crate::error::{Error, Result};

/// Name of the exact (character) tokenizer in the schema.
pub const EXACT_TOKENIZER: &str = "gw_exact";
/// Name of the word (jieba) tokenizer in the schema.
pub const WORD_TOKENIZER: &str = "gw_words";
/// Bumped whenever tokenization changes in a way that invalidates existing indexes.
pub const ANALYSIS_VERSION: u32 = 3;

/// The built-in policy dictionary, compiled into the binary.
pub const POLICY_DICT: &str = include_str!("../dict/policy.txt");

/// Folds full-width ASCII letters and digits (and ％) to their half-width forms and the
/// ideographic space to a space; everything else is returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Traditional → simplified, one character to one character, without context (so a
/// character folds the same way in a query as in any text). Built on first use from
/// fast2s's table: each character is converted between spaces, which neutralises the
/// few context rules. A dense table over the ideograph blocks fast2s covers (about
/// 2,700 characters change), since every character of every passage is looked up.
static SIMPLIFIED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let chars: Vec<char> = (SCRIPT_FIRST..=SCRIPT_LAST)
        .filter_map(char::from_u32)
        .collect();
    let spaced: String = chars.iter().flat_map(|&c| [c, ' ']).collect();
    let converted: Vec<char> = fast2s::convert(&spaced).chars().collect();
    let mut table: Vec<char> = (SCRIPT_FIRST..=SCRIPT_LAST)
        .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
        .collect();
    for (t, s) in chars.iter().zip(converted.iter().step_by(2)) {
        table[(*t as u32 - SCRIPT_FIRST) as usize] = *s;
    }
    table
});
const SCRIPT_FIRST: u32 = 0x3400;
const SCRIPT_LAST: u32 = 0x9FFF;

/// Folds a traditional character to its simplified form (see [`SIMPLIFIED`]).
pub fn fold_script(c: char) -> char {
    let u = c as u32;
    if (SCRIPT_FIRST..=SCRIPT_LAST).contains(&u) {
        SIMPLIFIED[(u - SCRIPT_FIRST) as usize]
    } else {
        c
    }
}

/// The matching key of a character: width-folded, traditional folded to simplified and
/// lower-cased, always exactly one character so that offsets in folded text equal
/// offsets in the original.
pub fn fold_char(c: char) -> char {
    // The two common cases first: ASCII, and ideographs (which have no case).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    if (SCRIPT_FIRST..=SCRIPT_LAST).contains(&u) {
        return SIMPLIFIED[(u - SCRIPT_FIRST) as usize];
    }
    let c = fold_width(c);
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Chinese and general punctuation have no case.
    if matches!(c as u32, 0x2010..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFFEF) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Every character whose key ([`fold_char`]) is `key`, when `key` is an ideograph of the
/// folding table: what a scan for it must find (穩 and 稳 for 稳). `None` for other
/// characters. Nothing outside the table folds into it (ASCII stays ASCII, width folds
/// to ASCII, lower-casing stays in cased scripts), so the list is complete.
pub fn ideograph_preimages(key: char) -> Option<Vec<char>> {
    let u = key as u32;
    if !(SCRIPT_FIRST..=SCRIPT_LAST).contains(&u) {
        return None;
    }
    Some(
        SIMPLIFIED
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == key)
            .filter_map(|(i, _)| char::from_u32(SCRIPT_FIRST + i as u32))
            .collect(),
    )
}

/// Folds a whole string with [`fold_char`].
pub fn fold_str(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// True for CJK ideographs (the unified blocks and their extensions).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Registers gongwen's tokenizers on `index`. Call on every create and every open.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(EXACT_TOKENIZER, TextAnalyzer::from(ExactTokenizer));
    manager.register(WORD_TOKENIZER, TextAnalyzer::from(WordTokenizer));
}

/// How a literal is found in the exact field: the characters [`ExactTokenizer`] emits
/// for the same text inside any passage, each with its position relative to the first.
/// One character is one term; longer literals are phrases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactPlan(pub Vec<(usize, String)>);

impl ExactPlan {
    /// The character, when the literal is a single one (counted from postings alone).
    pub fn single_char(&self) -> Option<&str> {
        match self.0.as_slice() {
            [(_, c)] => Some(c),
            _ => None,
        }
    }
}

/// Plans the exact-field lookup of a literal, or `None` if it has no non-space character.
/// Whitespace runs count as one space, as in repaired text, and keep their position, so
/// `a b` is found only where one space separates them.
pub fn exact_plan(literal: &str) -> Option<ExactPlan> {
    let mut terms: Vec<(usize, String)> = Vec::new();
    let mut position = 0;
    let mut after_space = false;
    for c in literal.trim().chars().map(fold_char) {
        if c.is_whitespace() {
            after_space = true;
            continue;
        }
        if after_space {
            position += 1;
            after_space = false;
        }
        terms.push((position, c.to_string()));
        position += 1;
    }
    (!terms.is_empty()).then_some(ExactPlan(terms))
}

/// Dictionary-independent tokenizer: every non-space character, folded, positioned at
/// its character index.
#[derive(Clone, Default)]
pub struct ExactTokenizer;

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

impl Tokenizer for ExactTokenizer {
    type TokenStream<'a> = ExactTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> ExactTokenStream<'a> {
        ExactTokenStream {
            chars: text.char_indices(),
            position: 0,
            token: Token::default(),
        }
    }
}

/// The terms of [`ExactTokenizer`], built one at a time into a reused token (a passage
/// has as many terms as characters: no allocation per term).
pub struct ExactTokenStream<'a> {
    chars: std::str::CharIndices<'a>,
    /// Character index of the next character.
    position: usize,
    token: Token,
}

impl TokenStream for ExactTokenStream<'_> {
    fn advance(&mut self) -> bool {
        for (byte, original) in self.chars.by_ref() {
            let position = self.position;
            self.position += 1;
            let c = fold_char(original);
            if c.is_whitespace() {
                continue;
            }
            let token = &mut self.token;
            token.text.clear();
            token.text.push(c);
            token.offset_from = byte;
            token.offset_to = byte + original.len_utf8();
            token.position = position;
            token.position_length = 1;
            return true;
        }
        false
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Jieba word tokenizer (dictionary mode, no HMM) over folded text.
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let tokens = words(text)
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

/// Jieba words of `text` as (byte start, byte end, folded word), punctuation and spaces
/// left out.
pub fn words(text: &str) -> Vec<(usize, usize, String)> {
    let folded = fold_str(text);
    // Folding keeps the char count but may change byte lengths (full-width → ASCII), so
    // map folded char offsets back to byte offsets of the original.
    let byte_of: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    jieba()
        .cut(&folded, false)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| (byte_of[t.start], byte_of[t.end], t.word.to_string()))
        .collect()
}

static JIEBA: OnceLock<Arc<Jieba>> = OnceLock::new();

/// The process-wide jieba, built on first use with the policy dictionary (and the user
/// dictionary given to [`init_jieba`], if it ran first). Building costs ~90 ms, so only
/// indexing calls this; queries are segmented against the index's own term dictionary.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(|| Arc::new(build_jieba(None).expect("built-in dictionary parses")))
}

/// Builds the process-wide jieba with an extra user dictionary. Must run before the
/// first [`jieba`] call to take effect; returns whether it did.
pub fn init_jieba(user_dict: Option<&Path>) -> Result<bool> {
    if JIEBA.get().is_some() {
        return Ok(false);
    }
    let built = Arc::new(build_jieba(user_dict)?);
    Ok(JIEBA.set(built).is_ok())
}

fn build_jieba(user_dict: Option<&Path>) -> Result<Jieba> {
    let mut jieba = Jieba::new();
    add_dictionary(
        &mut jieba,
        POLICY_DICT,
        Path::new("<built-in policy dictionary>"),
    )?;
    if let Some(path) = user_dict {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        add_dictionary(&mut jieba, &text, path)?;
    }
    Ok(jieba)
}

/// Adds `word [freq] [tag]` lines. jieba-rs's own `load_dict` gives a line without a
/// frequency frequency 0, so such a word would never win a segmentation; here it gets
/// jieba's suggested frequency, which keeps it whole.
fn add_dictionary(jieba: &mut Jieba, text: &str, path: &Path) -> Result<()> {
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let word = parts.next().unwrap_or_default();
        let freq = match parts.next() {
            Some(f) => Some(f.parse::<usize>().map_err(|_| Error::Dictionary {
                path: path.to_path_buf(),
                message: format!("line {}: frequency {f:?} is not a number", n + 1),
            })?),
            None => None,
        };
        let word = fold_str(word);
        let freq = freq.unwrap_or_else(|| jieba.suggest_freq(&word).max(1000));
        jieba.add_word(&word, Some(freq), parts.next());
    }
    Ok(())
}

/// Stable FNV-1a hash, used to fingerprint analysis settings and file contents.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Fingerprint of everything that decides which terms a text yields: the analysis
/// version, the built-in dictionary and the user dictionary's contents.
pub fn fingerprint(user_dict: Option<&str>) -> String {
    let mut bytes = ANALYSIS_VERSION.to_le_bytes().to_vec();
    bytes.extend_from_slice(POLICY_DICT.as_bytes());
    if let Some(extra) = user_dict {
        bytes.push(0);
        bytes.extend_from_slice(extra.as_bytes());
    }
    format!("{:016x}", fnv1a(&bytes))
}

/// Segments a query run into words known to the index, by maximum probability over
/// the index's own term statistics: `doc_freq(word)` is how many passages hold the word.
/// A character no word covers becomes a word of its own. No jieba is built, so the query
/// path costs microseconds instead of jieba's 90 ms start.
pub fn segment_query(text: &str, doc_freq: &dyn Fn(&str) -> u64, total: u64) -> Vec<String> {
    const MAX_WORD: usize = 12;
    let chars: Vec<char> = fold_str(text).chars().collect();
    let n = chars.len();
    let log_total = ((total.max(1) * 10) as f64).ln();
    // best[i] = (log probability of chars[..i], start of the last word).
    let mut best: Vec<(f64, usize)> = vec![(f64::NEG_INFINITY, 0); n + 1];
    best[0] = (0.0, 0);
    for end in 1..=n {
        for start in end.saturating_sub(MAX_WORD)..end {
            if best[start].0 == f64::NEG_INFINITY {
                continue;
            }
            let word: String = chars[start..end].iter().collect();
            let df = doc_freq(&word);
            let weight = if df > 0 {
                (df as f64).ln() - log_total
            } else if end - start == 1 {
                // Unknown single character: possible, but worse than any known word.
                -log_total - 5.0
            } else {
                continue;
            };
            let score = best[start].0 + weight;
            if score > best[end].0 {
                best[end] = (score, start);
            }
        }
    }
    let mut out = Vec::new();
    let mut end = n;
    while end > 0 {
        let start = best[end].1;
        out.push(chars[start..end].iter().collect::<String>());
        end = start;
    }
    out.reverse();
    out.retain(|w: &String| w.chars().any(char::is_alphanumeric));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_token(token: &Token, position: usize, text: &str, from: usize, to: usize) {
        assert_eq!(token.position, position, "position of {token:?}");
        assert_eq!(token.text, text, "text of {token:?}");
        assert_eq!(token.offset_from, from, "from of {token:?}");
        assert_eq!(token.offset_to, to, "to of {token:?}");
    }

    fn exact_tokens(text: &str) -> Vec<Token> {
        let mut tokenizer = ExactTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    #[test]
    fn exact_emits_characters_at_their_index() {
        let tokens = exact_tokens("纾困 ＧＤ");
        assert_eq!(tokens.len(), 4);
        assert_token(&tokens[0], 0, "纾", 0, 3);
        assert_token(&tokens[1], 1, "困", 3, 6);
        // Full-width folds to ASCII; offsets stay those of the original bytes.
        assert_token(&tokens[2], 3, "g", 7, 10);
        assert_token(&tokens[3], 4, "d", 10, 13);
    }

    fn plan(terms: &[(usize, &str)]) -> Option<ExactPlan> {
        Some(ExactPlan(
            terms.iter().map(|(p, t)| (*p, t.to_string())).collect(),
        ))
    }

    #[test]
    fn exact_plan_pins_every_character() {
        assert_eq!(exact_plan("纾困"), plan(&[(0, "纾"), (1, "困")]));
        assert_eq!(
            exact_plan("ＧＤＰ  增长"),
            plan(&[(0, "g"), (1, "d"), (2, "p"), (4, "增"), (5, "长")])
        );
        let single = exact_plan(" 穩 ").expect("a character");
        assert_eq!(single.single_char(), Some("稳"));
        assert_eq!(exact_plan("a b"), plan(&[(0, "a"), (2, "b")]));
        assert_eq!(exact_plan("   "), None);
    }

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold_str("經濟發展與國務院報告"), "经济发展与国务院报告");
        assert_eq!(
            fold_str("乾隆"),
            fold_str("乾燥").chars().take(1).collect::<String>() + "隆"
        );
        assert_eq!(fold_str("经济"), "经济");
        assert_eq!(fold_str("後"), "后");
    }

    #[test]
    fn folding_is_one_char_to_one_char() {
        assert_eq!(fold_str("ＧＤＰ２０２０Ａb"), "gdp2020ab");
        assert_eq!(fold_char('稳'), '稳');
        assert_eq!(fold_char('İ'), 'İ');
    }

    #[test]
    fn policy_terms_are_single_words() {
        let cut: Vec<String> = words("坚持碳达峰碳中和，发展新质生产力，惠企纾困")
            .into_iter()
            .map(|(_, _, w)| w)
            .collect();
        for term in ["碳达峰", "碳中和", "新质生产力", "惠企纾困"] {
            assert!(cut.iter().any(|w| w == term), "{term} missing in {cut:?}");
        }
    }

    #[test]
    fn query_segmentation_prefers_known_words() {
        let known = |w: &str| match w {
            "稳" => 10,
            "增长" => 50,
            "稳增长" => 20,
            "工业" => 80,
            _ => 0,
        };
        assert_eq!(
            segment_query("工业稳增长", &known, 100),
            vec!["工业", "稳增长"]
        );
        assert_eq!(segment_query("工业X", &known, 100), vec!["工业", "x"]);
    }
}
