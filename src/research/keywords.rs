//! Keywords: the words a target set of documents uses more (positive) or less (negative)
//! than a reference set, with the statistics corpus linguists report.
//!
//! With `a`, `b` a word's frequencies in the target and the reference, `c`, `d` their
//! sizes in word tokens:
//! - **log-likelihood G²**, the two-term form Rayson & Garside (2000) give and Wmatrix
//!   and CQPweb compute: `E1 = c(a+b)/(c+d)`, `E2 = d(a+b)/(c+d)`,
//!   `G² = 2(a ln(a/E1) + b ln(b/E2))` (a term with a zero frequency is 0). With one
//!   degree of freedom, G² ≥ 15.13 is p < 0.0001, 10.83 p < 0.001, 6.63 p < 0.01,
//!   3.84 p < 0.05.
//! - **Log Ratio** (Hardie 2014): `log2((a/c) / (b/d))`; a zero frequency counts as 0.5,
//!   as CQPweb adjusts it, so a word absent from one side has a finite ratio.
//! - **%DIFF** (Gabrielatos & Marchi 2012): `(NF_a − NF_b) × 100 / NF_b` with normalised
//!   frequencies per million; a zero `NF_b` is taken as 1e-18.
//! - **BIC** (Wilson 2013): `G² − ln(c + d)` (one degree of freedom): above 2 positive,
//!   above 6 strong, above 10 very strong evidence.
//! - **simple maths** (Kilgarriff 2009): `(fpm_a + N) / (fpm_b + N)`, frequencies per
//!   million, `N` = 1 unless given.

use super::frequencies::{Frequencies, WordCount};

/// What makes a keyword.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeywordOptions {
    /// G² a keyword reaches at least (15.13: p < 0.0001).
    pub critical: f64,
    /// Occurrences a keyword has at least in the side it is key for.
    pub min_freq: u64,
    /// Documents of that side holding it at least: one document repeating a word is not
    /// a keyword.
    pub min_docs: u32,
    /// The `N` of simple maths.
    pub simple_maths_n: f64,
}

impl Default for KeywordOptions {
    fn default() -> Self {
        KeywordOptions {
            critical: critical_g2(0.0001).unwrap_or(15.13),
            min_freq: 5,
            min_docs: 2,
            simple_maths_n: 1.0,
        }
    }
}

/// The G² of a significance level (one degree of freedom), for the levels tables give.
pub fn critical_g2(p: f64) -> Option<f64> {
    [(0.05, 3.84), (0.01, 6.63), (0.001, 10.83), (0.0001, 15.13)]
        .iter()
        .find(|(level, _)| (level - p).abs() < 1e-12)
        .map(|(_, g2)| *g2)
}

/// One keyword with its counts and statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub word: String,
    /// Occurrences in the target and the reference.
    pub freq: [u64; 2],
    /// Documents holding it in each.
    pub docs: [u32; 2],
    /// Occurrences per 10,000 words in each.
    pub per_10k: [f64; 2],
    pub g2: f64,
    pub log_ratio: f64,
    pub pct_diff: f64,
    pub bic: f64,
    pub simple_maths: f64,
}

/// Positive keywords (more in the target) and negative ones (more in the reference),
/// each strongest first (by G²).
#[derive(Debug, Clone, Default)]
pub struct Keywords {
    pub positive: Vec<Keyword>,
    pub negative: Vec<Keyword>,
    /// Word tokens and documents of the target and the reference.
    pub tokens: [u64; 2],
    pub documents: [usize; 2],
}

/// `x ln(x / e)`, 0 when `x` is 0.
fn term(x: f64, e: f64) -> f64 {
    if x > 0.0 { x * (x / e).ln() } else { 0.0 }
}

/// The statistics of a word with frequencies `a`, `b` in sides of `c`, `d` tokens.
pub fn statistics(count: &WordCount, c: u64, d: u64, n: f64) -> Keyword {
    let (a, b) = (count.freq[0] as f64, count.freq[1] as f64);
    let (c, d) = (c as f64, d as f64);
    let e1 = c * (a + b) / (c + d);
    let e2 = d * (a + b) / (c + d);
    let g2 = 2.0 * (term(a, e1) + term(b, e2));
    let adjusted = |x: f64| if x > 0.0 { x } else { 0.5 };
    let log_ratio = ((adjusted(a) / c) / (adjusted(b) / d)).log2();
    let (fpm_a, fpm_b) = (a * 1e6 / c, b * 1e6 / d);
    let pct_diff = (fpm_a - fpm_b) * 100.0 / if fpm_b > 0.0 { fpm_b } else { 1e-18 };
    Keyword {
        word: count.word.clone(),
        freq: count.freq,
        docs: count.docs,
        per_10k: [a * 1e4 / c, b * 1e4 / d],
        g2,
        log_ratio,
        pct_diff,
        bic: g2 - (c + d).ln(),
        simple_maths: (fpm_a + n) / (fpm_b + n),
    }
}

/// The keywords of the first side of `frequencies` against the second.
pub fn keywords(frequencies: &Frequencies, options: &KeywordOptions) -> Keywords {
    let [c, d] = frequencies.tokens;
    let mut out = Keywords {
        tokens: frequencies.tokens,
        documents: frequencies.documents,
        ..Keywords::default()
    };
    if c == 0 || d == 0 {
        return out;
    }
    for count in &frequencies.words {
        let relative = [
            count.freq[0] as f64 / c as f64,
            count.freq[1] as f64 / d as f64,
        ];
        let side = usize::from(relative[0] < relative[1]);
        if relative[0] == relative[1]
            || count.freq[side] < options.min_freq
            || count.docs[side] < options.min_docs
        {
            continue;
        }
        let keyword = statistics(count, c, d, options.simple_maths_n);
        if keyword.g2 < options.critical {
            continue;
        }
        if side == 0 {
            out.positive.push(keyword);
        } else {
            out.negative.push(keyword);
        }
    }
    let by_strength = |x: &Keyword, y: &Keyword| y.g2.total_cmp(&x.g2).then(x.word.cmp(&y.word));
    out.positive.sort_by(by_strength);
    out.negative.sort_by(by_strength);
    out
}
