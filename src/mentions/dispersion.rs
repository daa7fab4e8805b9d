//! Dispersion: whether a term is spread over the corpus or one document's repetition.
//! Over the parts of a count table by document or by year — every document (year) the
//! filters admit, those without a mention included, each sized by its characters — a
//! term's range (parts holding it), Juilland's D and Gries' DP.

use std::collections::BTreeMap;

use serde::Serialize;

use super::counts::{CountTable, GroupBy, doc_key};
use crate::catalog::{DocumentRecord, IndexHandle};
use crate::error::Result;
use crate::search::Filters;

/// A term's dispersion over `parts` parts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dispersion {
    pub parts: usize,
    /// Parts holding the term at least once.
    pub range: usize,
    /// Juilland's D over the parts' relative frequencies: 1 (even) … 0 (in one part);
    /// `None` with fewer than two parts or no occurrence.
    pub juilland_d: Option<f64>,
    /// Gries' (2008) deviation of proportions: 0 (as the parts' sizes predict) … nearly 1.
    pub dp: Option<f64>,
    /// DP divided by its largest possible value, `1 − min(size share)` (Lijffijt & Gries
    /// 2012).
    pub dp_norm: Option<f64>,
}

/// The dispersion of counts `f` over parts of sizes `s` (the same order).
///
/// With `F = Σf`, `S = Σs`: DP = ½ Σ |f_i/F − s_i/S|; Juilland's D = 1 − V/√(n−1), V the
/// coefficient of variation (population standard deviation over mean) of the relative
/// frequencies f_i/s_i, which is how D is taken over parts of unequal size.
pub fn dispersion(f: &[usize], s: &[usize]) -> Dispersion {
    let n = f.len().min(s.len());
    let (f, s) = (&f[..n], &s[..n]);
    let total_f: usize = f.iter().sum();
    let total_s: usize = s.iter().sum();
    let range = f.iter().filter(|&&x| x > 0).count();
    if total_f == 0 || total_s == 0 {
        return Dispersion {
            parts: n,
            range,
            juilland_d: None,
            dp: None,
            dp_norm: None,
        };
    }
    let (tf, ts) = (total_f as f64, total_s as f64);
    let dp = 0.5
        * f.iter()
            .zip(s)
            .map(|(&fi, &si)| (fi as f64 / tf - si as f64 / ts).abs())
            .sum::<f64>();
    let smallest = s.iter().copied().min().unwrap_or(0) as f64 / ts;
    let juilland_d = (n >= 2 && s.iter().all(|&x| x > 0)).then(|| {
        let rel: Vec<f64> = f
            .iter()
            .zip(s)
            .map(|(&fi, &si)| fi as f64 / si as f64)
            .collect();
        let mean = rel.iter().sum::<f64>() / n as f64;
        let var = rel.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / n as f64;
        1.0 - (var.sqrt() / mean) / ((n - 1) as f64).sqrt()
    });
    Dispersion {
        parts: n,
        range,
        juilland_d,
        dp: Some(dp),
        dp_norm: (smallest < 1.0).then(|| dp / (1.0 - smallest)),
    }
}

/// The part a document is in, for a table by document or year (undated documents are in
/// no year).
fn part_of(doc: &DocumentRecord, by: GroupBy) -> Option<String> {
    match by {
        GroupBy::Doc => Some(doc_key(doc)),
        GroupBy::Year => doc.meta.date.map(|d| d.year.to_string()),
        GroupBy::Speaker | GroupBy::Body => None,
    }
}

/// Each part's size in characters: the documents admitted (`admitted`), by document or
/// by year; none for other groupings (speakers are not parts of a corpus's text).
pub fn part_sizes<'d>(
    admitted: impl IntoIterator<Item = &'d DocumentRecord>,
    by: GroupBy,
) -> BTreeMap<String, usize> {
    let mut sizes = BTreeMap::new();
    for doc in admitted.into_iter().filter(|d| d.chars > 0) {
        if let Some(part) = part_of(doc, by) {
            *sizes.entry(part).or_default() += doc.chars;
        }
    }
    sizes
}

/// The part sizes of a table `by` document or year over the documents `filters` admit.
pub fn part_sizes_of(
    handle: &IndexHandle,
    filters: &Filters,
    by: GroupBy,
) -> Result<BTreeMap<String, usize>> {
    let docs = handle.catalog.documents()?;
    Ok(part_sizes(
        docs.iter().filter(|d| filters.admits(d)).map(|d| &**d),
        by,
    ))
}

impl CountTable<'_> {
    /// Each term's dispersion over the parts `sizes` lists (a table's row for a part
    /// holds its counts; a part without a row holds none).
    pub fn dispersion_over(&self, sizes: &BTreeMap<String, usize>) -> Vec<Dispersion> {
        let rows: BTreeMap<&str, &[usize]> = self
            .rows
            .iter()
            .filter_map(|r| Some((r.key.as_deref()?, r.per_term.as_slice())))
            .collect();
        let s: Vec<usize> = sizes.values().copied().collect();
        (0..self.terms.len())
            .map(|k| {
                let f: Vec<usize> = sizes
                    .keys()
                    .map(|part| rows.get(part.as_str()).map_or(0, |c| c[k]))
                    .collect();
                dispersion(&f, &s)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn gries_example_three_equal_parts() {
        // Gries (2008): three parts of equal size, two thirds of the occurrences in one,
        // the rest in another. DP = ½(|2/3 − 1/3| + |1/3 − 1/3| + |0 − 1/3|) = 1/3;
        // DP_norm = (1/3)/(1 − 1/3) = 1/2. Relative frequencies 2, 1, 0 (per 10
        // characters): mean 1, population sd √((1 + 0 + 1)/3) = √(2/3), V = √(2/3),
        // D = 1 − √(2/3)/√2 = 1 − √(1/3) = 0.42265.
        let d = dispersion(&[2, 1, 0], &[10, 10, 10]);
        assert_eq!((d.parts, d.range), (3, 2));
        assert!(near(d.dp, 1.0 / 3.0), "{d:?}");
        assert!(near(d.dp_norm, 0.5), "{d:?}");
        assert!(near(d.juilland_d, 1.0 - (1.0f64 / 3.0).sqrt()), "{d:?}");
    }

    #[test]
    fn even_use_and_one_parts_repetition_are_the_two_ends() {
        // Occurrences in proportion to sizes 10, 30: DP 0, D 1.
        let even = dispersion(&[1, 3], &[10, 30]);
        assert!(near(even.dp, 0.0) && near(even.juilland_d, 1.0), "{even:?}");
        // All in the smaller part: DP = ½(|1 − 1/4| + |0 − 3/4|) = 3/4, its maximum
        // 1 − 1/4, so DP_norm 1; D = 0 (V = √(n − 1)).
        let one = dispersion(&[5, 0], &[10, 30]);
        assert!(near(one.dp, 0.75) && near(one.dp_norm, 1.0), "{one:?}");
        assert!(near(one.juilland_d, 0.0), "{one:?}");
        // No occurrence: nothing to say.
        assert_eq!(dispersion(&[0, 0], &[1, 1]).dp, None);
    }
}
