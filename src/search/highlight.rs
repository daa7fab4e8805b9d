//! Highlights: where a query's literals occur in a passage, as character ranges, with
//! the same matching as counts ([`crate::text::literal`]).

use crate::text::fold_char;
use crate::text::literal::{needle, occurrences};

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
