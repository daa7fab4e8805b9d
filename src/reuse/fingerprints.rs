//! Candidate pairs: each document's winnowed fingerprints (Schleimer, Wilkerson & Aiken
//! 2003) — the smallest hash of every window of `WINDOW` consecutive `GRAM`-character
//! shingles — and the pairs of documents sharing at least `MIN_SHARED` of them. Any
//! identical run of `GRAM + WINDOW - 1` characters is guaranteed to share one. A
//! fingerprint in more than `max_docs` compared documents is boilerplate: it seeds no
//! pair, and its document frequency is kept to judge passages by.

use std::collections::HashMap;

use super::texts::ComparedText;

/// Characters per shingle: eight ideographs are a phrase, rarely a chance match.
pub const GRAM: usize = 8;
/// Shingles per winnowing window: one fingerprint per 17 identical characters at least.
pub const WINDOW: usize = 10;
/// Shared fingerprints that make two documents a candidate pair.
pub const MIN_SHARED: u32 = 2;

/// A document's fingerprints: (hash, offset of the shingle in its compared characters),
/// sorted by hash.
pub type Fingerprints = Vec<(u64, u32)>;

/// Mixes a shingle's polynomial hash so that the minimum of a window is a fair draw
/// (the splitmix64 finaliser).
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The hash of every `GRAM`-character shingle of `chars`, by its first character.
pub fn shingles(chars: &[char]) -> Vec<u64> {
    if chars.len() < GRAM {
        return Vec::new();
    }
    const BASE: u64 = 0x100_0000_01b3;
    let top = (1..GRAM).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut h = 0u64;
    let mut out = Vec::with_capacity(chars.len() + 1 - GRAM);
    for (i, &c) in chars.iter().enumerate() {
        if i >= GRAM {
            h = h.wrapping_sub((chars[i - GRAM] as u64 + 1).wrapping_mul(top));
        }
        h = h.wrapping_mul(BASE).wrapping_add(c as u64 + 1);
        if i + 1 >= GRAM {
            out.push(mix(h));
        }
    }
    out
}

/// The winnowed fingerprints of one text (robust winnowing: of equal minima, the
/// rightmost; a position is taken once).
pub fn fingerprints(doc: &ComparedText) -> Fingerprints {
    let hashes = shingles(&doc.folded);
    let mut out: Fingerprints = Vec::new();
    if hashes.is_empty() {
        return out;
    }
    let window = WINDOW.min(hashes.len());
    let mut last = usize::MAX;
    for start in 0..=hashes.len() - window {
        let mut best = start;
        for i in start..start + window {
            if hashes[i] <= hashes[best] {
                best = i;
            }
        }
        if best != last {
            out.push((hashes[best], best as u32));
            last = best;
        }
    }
    out.sort_unstable();
    out
}

/// How many compared documents hold each fingerprint.
pub fn document_frequencies(all: &[Fingerprints]) -> HashMap<u64, u32> {
    let mut df: HashMap<u64, u32> = HashMap::new();
    for prints in all {
        let mut previous = None;
        for &(hash, _) in prints {
            if previous != Some(hash) {
                *df.entry(hash).or_insert(0) += 1;
                previous = Some(hash);
            }
        }
    }
    df
}

/// The candidate pairs `(i, j)` of documents (by position), with their shared
/// fingerprints: a pair whose first is `first[i]` and second `second[j]`, or both
/// first when `second` is `None` (then `i < j`); each fingerprint in at most `max_docs`
/// documents.
pub fn candidate_pairs(
    all: &[Fingerprints],
    df: &HashMap<u64, u32>,
    first: &[bool],
    second: Option<&[bool]>,
    max_docs: u32,
) -> Vec<(u32, u32, u32)> {
    // Postings of the fingerprints that may seed: (hash, document), each once.
    let mut postings: Vec<(u64, u32)> = Vec::new();
    for (d, prints) in all.iter().enumerate() {
        let mut previous = None;
        for &(hash, _) in prints {
            let seeds = df.get(&hash).is_some_and(|&n| (2..=max_docs).contains(&n));
            if seeds && previous != Some(hash) {
                postings.push((hash, d as u32));
            }
            previous = Some(hash);
        }
    }
    postings.sort_unstable();
    let mut pairs: Vec<u64> = Vec::new();
    for run in postings.chunk_by(|x, y| x.0 == y.0) {
        for (n, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[n + 1..] {
                if let Some(pair) = oriented(a, b, first, second) {
                    pairs.push(pair);
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs
        .chunk_by(|x, y| x == y)
        .filter(|run| run.len() as u32 >= MIN_SHARED)
        .map(|run| ((run[0] >> 32) as u32, run[0] as u32, run.len() as u32))
        .collect()
}

/// The pair `a`, `b` (a < b) as (first side, second side) packed, if the sides admit it.
fn oriented(a: u32, b: u32, first: &[bool], second: Option<&[bool]>) -> Option<u64> {
    let pack = |x: u32, y: u32| (u64::from(x) << 32) | u64::from(y);
    let (fa, fb) = (first[a as usize], first[b as usize]);
    match second {
        None => (fa && fb).then(|| pack(a, b)),
        Some(second) => {
            if fa && second[b as usize] {
                Some(pack(a, b))
            } else if fb && second[a as usize] {
                Some(pack(b, a))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_run_of_gram_plus_window_characters_shares_a_fingerprint() {
        let run: Vec<char> = "坚持稳中求进工作总基调完整准确全面贯彻".chars().collect();
        assert!(run.len() > GRAM + WINDOW - 1);
        let text = |before: &str, after: &str| {
            let whole: String = before
                .chars()
                .chain(run.clone())
                .chain(after.chars())
                .collect();
            ComparedText::new(0, vec![(0, whole)])
        };
        let a = fingerprints(&text("各位代表今年以来", "新发展理念"));
        let b = fingerprints(&text("全省上下", "加快构建"));
        let shared = a.iter().filter(|x| b.iter().any(|y| y.0 == x.0)).count();
        assert!(shared >= 1, "{a:?} {b:?}");
    }

    #[test]
    fn shingles_hash_equal_text_equally_wherever_it_stands() {
        let a: Vec<char> = "一二三四五六七八九".chars().collect();
        let h = shingles(&a);
        assert_eq!(h.len(), 2);
        assert_eq!(shingles(&a[1..])[0], h[1]);
    }
}
