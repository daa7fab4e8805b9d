//! The exact field's analysis: every character, folded, is a term at its character
//! index (every whitespace character the one term [`SPACE`]). A literal of two or more
//! characters is then a phrase of characters and a single character one term whose
//! frequency is its count, so recall is exact whatever jieba does with the surrounding
//! text.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::text::fold_char;

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

/// The term of every whitespace character (a space, a line break, an ideographic space):
/// a phrase with a space in it matches only where a whitespace character is — not, as
/// a gap in the phrase would, any character (`"。 这"` found in `。从这`).
pub const SPACE: &str = " ";

/// Plans the exact-field lookup of a literal, or `None` if it has no non-space character.
/// Whitespace runs count as one space, as in repaired text, and keep their position, so
/// `a b` is found only where one whitespace character separates them.
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
            terms.push((position, SPACE.to_string()));
            position += 1;
            after_space = false;
        }
        terms.push((position, c.to_string()));
        position += 1;
    }
    (!terms.is_empty()).then_some(ExactPlan(terms))
}

/// Dictionary-independent tokenizer: every character, folded (whitespace as [`SPACE`]),
/// positioned at its character index.
#[derive(Clone, Default)]
pub struct ExactTokenizer;

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
        let Some((byte, original)) = self.chars.next() else {
            return false;
        };
        let position = self.position;
        self.position += 1;
        let c = fold_char(original);
        let token = &mut self.token;
        token.text.clear();
        if c.is_whitespace() {
            token.text.push_str(SPACE);
        } else {
            token.text.push(c);
        }
        token.offset_from = byte;
        token.offset_to = byte + original.len_utf8();
        token.position = position;
        token.position_length = 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
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
        let tokens = exact_tokens("纾困 ＧＤ\u{3000}\n困");
        assert_eq!(tokens.len(), 8);
        assert_token(&tokens[0], 0, "纾", 0, 3);
        assert_token(&tokens[1], 1, "困", 3, 6);
        // Every whitespace character is the one space term, at its own position.
        assert_token(&tokens[2], 2, SPACE, 6, 7);
        // Full-width folds to ASCII; offsets stay those of the original bytes.
        assert_token(&tokens[3], 3, "g", 7, 10);
        assert_token(&tokens[4], 4, "d", 10, 13);
        assert_token(&tokens[5], 5, SPACE, 13, 16);
        assert_token(&tokens[6], 6, SPACE, 16, 17);
        assert_token(&tokens[7], 7, "困", 17, 20);
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
            plan(&[
                (0, "g"),
                (1, "d"),
                (2, "p"),
                (3, SPACE),
                (4, "增"),
                (5, "长")
            ])
        );
        let single = exact_plan(" 穩 ").expect("a character");
        assert_eq!(single.single_char(), Some("稳"));
        assert_eq!(exact_plan("a b"), plan(&[(0, "a"), (1, SPACE), (2, "b")]));
        assert_eq!(
            exact_plan("。\n这"),
            plan(&[(0, "。"), (1, SPACE), (2, "这")])
        );
        assert_eq!(exact_plan("   "), None);
    }
}
