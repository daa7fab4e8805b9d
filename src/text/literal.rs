//! Literals: what it means for a term to occur in a text. A literal's folded characters
//! ([`needle`]) are compared with the folded text, one character to one character, so
//! every offset is a character offset into the stored text itself. Highlights take
//! every occurrence ([`occurrences`]); counts take them without overlap, the longest
//! name first where names overlap ([`scan`]); a name whose folded occurrences are plain
//! byte strings is found with memchr instead of folding the text ([`ByteLiteral`]).

use super::fold::{fold_char, ideograph_preimages};

/// Folded characters of a literal, with whitespace runs made one space and trimmed, as
/// in repaired text.
pub fn needle(literal: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in literal.trim().chars().map(fold_char) {
        if c.is_whitespace() {
            if out.last().is_some_and(|l| *l != ' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Every occurrence of `needle` in `haystack` (both folded), as `[start, end)` character
/// offsets, overlapping occurrences included.
pub fn occurrences(haystack: &[char], needle: &[char]) -> Vec<(usize, usize)> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return Vec::new();
    }
    haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| (i, i + needle.len()))
        .collect()
}

/// Non-overlapping occurrences of any of the folded `needles` in folded text, scanning
/// left to right and taking the longest needle that matches at each place (so 中国石油
/// inside 中国石油天然气集团有限公司 is one mention, not two). Returns (start, end, needle).
pub fn scan(haystack: &[char], needles: &[Vec<char>]) -> Vec<(usize, usize, usize)> {
    let mut order: Vec<usize> = (0..needles.len())
        .filter(|&i| !needles[i].is_empty())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(needles[i].len()));
    let mut out = Vec::new();
    let mut i = 0;
    while i < haystack.len() {
        let here = haystack[i];
        match order
            .iter()
            .find(|&&n| needles[n][0] == here && haystack[i..].starts_with(&needles[n]))
        {
            Some(&n) => {
                out.push((i, i + needles[n].len(), n));
                i += needles[n].len();
            }
            None => i += 1,
        }
    }
    out
}

/// A term of one name whose folded occurrences are exactly the occurrences of a few byte
/// strings in the original text: one ideograph (稳: 稳 or 穩), ideographs that only
/// themselves fold to (安康), or ideographs with a few forms between them (国务院: 国务院,
/// 國务院, 国務院, 國務院) when no two occurrences can overlap. memchr's substring search
/// finds them without folding the passage character by character (half a million
/// mentions of 的; 发展, which 發展 and 髮展 fold to, was a tenth of its concordance
/// folded).
pub struct ByteLiteral {
    finders: Vec<memchr::memmem::Finder<'static>>,
    chars: usize,
}

impl ByteLiteral {
    pub fn new(needle: &[char]) -> Option<ByteLiteral> {
        let strings: Vec<String> = match needle {
            [] => return None,
            [c] => ideograph_preimages(*c)?
                .into_iter()
                .map(String::from)
                .collect(),
            _ => {
                let mut strings = vec![String::new()];
                for &c in needle {
                    let forms = ideograph_preimages(c)?;
                    if strings.len() * forms.len() > MAX_FORMS {
                        return None;
                    }
                    strings = strings
                        .iter()
                        .flat_map(|s| forms.iter().map(move |&f| format!("{s}{f}")))
                        .collect();
                }
                // The forms are searched apart and their matches merged, which gives the
                // scan's non-overlapping occurrences only if no two can overlap: when
                // no proper prefix of the needle is also its suffix (国国 in 國国国).
                if strings.len() > 1 && has_border(needle) {
                    return None;
                }
                strings
            }
        };
        Some(ByteLiteral {
            finders: strings
                .iter()
                .map(|s| memchr::memmem::Finder::new(s.as_bytes()).into_owned())
                .collect(),
            chars: needle.len(),
        })
    }

    /// Calls `each` with the character and byte ranges of the non-overlapping occurrences
    /// in `text`, in order; `starts` is a buffer.
    pub fn for_each_match(
        &self,
        text: &str,
        starts: &mut Vec<usize>,
        mut each: impl FnMut((usize, usize), (usize, usize)),
    ) {
        starts.clear();
        for finder in &self.finders {
            starts.extend(finder.find_iter(text.as_bytes()));
        }
        // Several forms: each list is in order, the union is not.
        if self.finders.len() > 1 {
            starts.sort_unstable();
        }
        // Character offsets: characters are counted between one match and the next.
        let (mut chars, mut counted) = (0, 0);
        for &b in starts.iter() {
            chars += count_chars(&text.as_bytes()[counted..b]);
            let end = b + text[b..]
                .char_indices()
                .nth(self.chars)
                .map_or(text.len() - b, |(i, _)| i);
            each((chars, chars + self.chars), (b, end));
            chars += self.chars;
            counted = end;
        }
    }
}

/// Byte strings one literal is searched as at most: every combination of its
/// characters' forms (国务院: 4; a long name of characters with two forms each would be
/// thousands, and is scanned instead).
const MAX_FORMS: usize = 16;

/// Whether a proper prefix of `needle` is also its suffix (occurrences may overlap).
fn has_border(needle: &[char]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
}

/// Characters in UTF-8 `bytes` (those not continuing a character).
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte search of a one-name term finds what folding and scanning every
    /// character finds, at the same character and byte offsets: traditional and
    /// simplified forms, ASCII and width-folded letters around, runs of the term.
    #[test]
    fn literal_search_finds_what_the_folded_scan_finds() {
        use proptest::prelude::*;
        let alphabet = "稳穩增长長國国务務院的发發髮展a Ａ１\n";
        let pick = |chosen: Vec<usize>| -> String {
            let chars: Vec<char> = alphabet.chars().collect();
            chosen.iter().map(|&i| chars[i % chars.len()]).collect()
        };
        let needles = [
            "稳",
            "穩",
            "国务院",
            "國務院",
            "的",
            "稳增长",
            "的的",
            "院的院",
            "发展",
            "國务院国",
            "国国",
            "稳增長",
        ];
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&proptest::collection::vec(0usize..64, 0..80), |chosen| {
                let text = pick(chosen);
                for name in needles {
                    let needle = needle(name);
                    let Some(literal) = ByteLiteral::new(&needle) else {
                        // Needles whose forms could overlap are scanned (国国).
                        prop_assert!(needle.len() > 1 && has_border(&needle));
                        continue;
                    };
                    let mut found = Vec::new();
                    literal.for_each_match(&text, &mut Vec::new(), |c, b| found.push((c, b)));
                    let folded: Vec<char> = text.chars().map(fold_char).collect();
                    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
                    bytes.push(text.len());
                    let scanned: Vec<_> = scan(&folded, std::slice::from_ref(&needle))
                        .into_iter()
                        .map(|(s, e, _)| ((s, e), (bytes[s], bytes[e])))
                        .collect();
                    prop_assert_eq!(&found, &scanned, "{} in {:?}", name, text);
                }
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn counts_are_non_overlapping_like_str_matches() {
        let hay: Vec<char> = "稳稳稳稳稳".chars().collect();
        let needle: Vec<char> = "稳稳".chars().collect();
        assert_eq!(
            scan(&hay, &[needle]).len(),
            "稳稳稳稳稳".matches("稳稳").count()
        );
    }

    #[test]
    fn longest_variant_wins_where_names_overlap() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        let hay = chars("中国石油天然气集团有限公司与中国石油、中石油");
        let needles = [
            chars("中国石油"),
            chars("中国石油天然气集团有限公司"),
            chars("中石油"),
        ];
        let found: Vec<usize> = scan(&hay, &needles).iter().map(|m| m.2).collect();
        assert_eq!(found, vec![1, 0, 2]);
    }
}
