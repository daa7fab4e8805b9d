//! Variants: the longer strings a term sits in, so that a count of 中国石油 can be read
//! (中国石油化工 is another company, 中国石油产量 the country's output), and the
//! occurrences inside an excluded longer string left out (`-中国石油化工`), exactly.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Mention;
use crate::text::fold_char;
use crate::text::literal::{needle, occurrences};

/// Characters of context a variant shows on the side it extends.
pub const VARIANT_CHARS: usize = 2;

/// What one term's occurrences are followed and preceded by, with counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Variants {
    pub term: String,
    pub occurrences: usize,
    /// The term with the (up to) two Chinese characters after it, and how often.
    pub followed: Vec<(String, usize)>,
    /// The (up to) two Chinese characters before the term, with it, and how often.
    pub preceded: Vec<(String, usize)>,
}

/// The variants of each term among `mentions` (of terms named `terms`), commonest first.
pub fn variants(mentions: &[Mention], terms: &[String]) -> Vec<Variants> {
    terms
        .iter()
        .map(|term| {
            let mut followed: BTreeMap<String, usize> = BTreeMap::new();
            let mut preceded: BTreeMap<String, usize> = BTreeMap::new();
            let mut count = 0;
            for m in mentions.iter().filter(|m| &*m.term == term) {
                count += 1;
                let after: String = m
                    .right()
                    .chars()
                    .take_while(|c| crate::text::is_cjk(*c))
                    .take(VARIANT_CHARS)
                    .collect();
                let before: String = {
                    let mut chars: Vec<char> = m
                        .left()
                        .chars()
                        .rev()
                        .take_while(|c| crate::text::is_cjk(*c))
                        .take(VARIANT_CHARS)
                        .collect();
                    chars.reverse();
                    chars.into_iter().collect()
                };
                *followed
                    .entry(format!("{}{after}", m.matched()))
                    .or_default() += 1;
                *preceded
                    .entry(format!("{before}{}", m.matched()))
                    .or_default() += 1;
            }
            let ranked = |map: BTreeMap<String, usize>| {
                let mut v: Vec<(String, usize)> = map.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v
            };
            Variants {
                term: term.clone(),
                occurrences: count,
                followed: ranked(followed),
                preceded: ranked(preceded),
            }
        })
        .collect()
}

/// Leaves out the mentions that lie inside an occurrence of an excluded string in their
/// passage (`-中国石油化工` drops 中国石油 there, keeps it elsewhere).
pub fn leave_out(mentions: &mut Vec<Mention>, excluded: &[String]) {
    if excluded.is_empty() {
        return;
    }
    let needles: Vec<Vec<char>> = excluded.iter().map(|e| needle(e)).collect();
    mentions.retain(|m| {
        let folded: Vec<char> = m.passage_text().chars().map(fold_char).collect();
        !needles.iter().any(|n| {
            occurrences(&folded, n)
                .into_iter()
                .any(|(s, e)| s <= m.start && m.end <= e)
        })
    });
}
