//! Dispersion in count tables: range, Juilland's D and Gries' DP of `mentions --by doc`
//! and `--by year` equal the measures recomputed here from a brute-force count of every
//! document of the sample corpus, those without the term included.

use std::collections::BTreeMap;

use gongwen::text::fold_str;

use super::util::{corpus_copy, gongwen, shared, stdout};

/// Per part (document `path §section`, or year): characters and occurrences of `term`.
fn parts(term: &str, by_year: bool) -> BTreeMap<String, (usize, usize)> {
    let handle = &shared().handle;
    let mut parts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in handle.catalog.documents().unwrap().iter() {
        // The shared index also holds the recall fixture, not in the copied corpus.
        if d.chars == 0 || d.path == "recall.txt" {
            continue;
        }
        let key = if by_year {
            match d.meta.date {
                Some(date) => date.year.to_string(),
                None => continue,
            }
        } else {
            format!("{} §{}", d.path, d.section)
        };
        let n: usize = gongwen::search::document_text(handle, d.id, &[], true)
            .unwrap()
            .iter()
            .map(|p| fold_str(&p.text).matches(term).count())
            .sum();
        let part = parts.entry(key).or_default();
        part.0 += d.chars;
        part.1 += n;
    }
    parts
}

/// (parts, range, D, DP) as their authors define them.
fn measures(parts: &BTreeMap<String, (usize, usize)>) -> (usize, usize, f64, f64) {
    let n = parts.len() as f64;
    let size: usize = parts.values().map(|p| p.0).sum();
    let total: usize = parts.values().map(|p| p.1).sum();
    let range = parts.values().filter(|p| p.1 > 0).count();
    // Gries (2008): half the sum of |observed share − expected share|.
    let dp = parts
        .values()
        .map(|&(s, f)| (f as f64 / total as f64 - s as f64 / size as f64).abs())
        .sum::<f64>()
        / 2.0;
    // Juilland: 1 − V/√(n−1), V = sd/mean of the relative frequencies.
    let rel: Vec<f64> = parts.values().map(|&(s, f)| f as f64 / s as f64).collect();
    let mean = rel.iter().sum::<f64>() / n;
    let sd = (rel.iter().map(|r| (r - mean) * (r - mean)).sum::<f64>() / n).sqrt();
    (parts.len(), range, 1.0 - sd / mean / (n - 1.0).sqrt(), dp)
}

#[test]
fn count_tables_disperse_as_a_recount_of_every_document() {
    let dir = corpus_copy(&[]);
    let mut some_missing = false;
    for term in ["稳增长", "工业", "高质量发展"] {
        for by in ["doc", "year"] {
            let out = gongwen(dir.path(), &["mentions", term, "--by", by, "--json"]);
            let total: serde_json::Value =
                serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
            assert_eq!(total["group"], "total");
            let got = &total["dispersion"][term];
            let (n, range, d, dp) = measures(&parts(term, by == "year"));
            let what = format!("{term} by {by}: {got}");
            assert_eq!(got["parts"].as_u64(), Some(n as u64), "{what}");
            assert_eq!(got["range"].as_u64(), Some(range as u64), "{what}");
            assert!(
                (got["juilland_d"].as_f64().unwrap() - d).abs() < 1e-9,
                "{what}"
            );
            assert!((got["dp"].as_f64().unwrap() - dp).abs() < 1e-9, "{what}");
            some_missing |= range < n;
        }
    }
    assert!(
        some_missing,
        "parts without the term count too: some term must lack one"
    );
    // The table shows them under the count; speakers are no parts of a text: none there.
    let table = stdout(&gongwen(dir.path(), &["mentions", "工业", "--by", "year"]));
    assert!(
        table.contains("Juilland's D") && table.contains("Gries' DP"),
        "{table}"
    );
    let speakers = stdout(&gongwen(
        dir.path(),
        &["mentions", "工业", "--by", "speaker", "--json"],
    ));
    assert!(!speakers.contains("dispersion"));
    let csv = stdout(&gongwen(
        dir.path(),
        &["mentions", "工业", "稳增长", "--by", "doc", "--csv"],
    ));
    let range = csv.lines().find(|l| l.starts_with("range,")).unwrap();
    assert_eq!(
        range.split(',').count(),
        csv.lines().next().unwrap().split(',').count()
    );
}
