//! Where literals occur in a passage: the one scan behind highlights (and exact counts).
//! Matching folds both sides with [`fold_char`], one char to one char, so the offsets
//! are character offsets into the stored text itself.

use crate::analysis::fold_char;

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

/// Highlights of all `literals` in `text`: sorted, overlapping and adjacent ranges merged.
pub fn highlights<'a>(
    text: &str,
    literals: impl IntoIterator<Item = &'a str>,
) -> Vec<(usize, usize)> {
    let folded: Vec<char> = text.chars().map(fold_char).collect();
    let mut ranges: Vec<(usize, usize)> = literals
        .into_iter()
        .flat_map(|l| occurrences(&folded, &needle(l)))
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_fold_and_merge() {
        assert_eq!(highlights("ＧＤＰ和gdp", ["GDP"]), vec![(0, 3), (4, 7)]);
        assert_eq!(
            highlights("碳达峰碳中和", ["碳中和", "碳达峰"]),
            vec![(0, 6)]
        );
        assert_eq!(highlights("稳稳稳", ["稳稳"]), vec![(0, 3)]);
        assert!(highlights("工业", ["农业"]).is_empty());
    }
}
