//! Keywords: every word frequency equals a recount of the slice's passages with the
//! index's own segmentation, and each statistic equals its value computed by hand.

use std::collections::{HashMap, HashSet};

use gongwen::research::{self, KeywordOptions, keywords::statistics};
use gongwen::search::Filters;

use super::util::shared;

/// Word → (frequency, documents) in each side.
type Counts = HashMap<String, ([u64; 2], [u32; 2])>;

/// Each word's counts in each side and the sides' token totals, recounted from the
/// passages' text.
fn recount(sides: [&research::Side; 2]) -> (Counts, [u64; 2]) {
    let handle = &shared().handle;
    let mut counts: Counts = HashMap::new();
    let mut tokens = [0u64; 2];
    for d in handle.catalog.documents().unwrap().iter() {
        let mut seen = HashSet::new();
        for p in gongwen::search::document_text(handle, d.id, &[], true).unwrap() {
            for (_, _, word) in handle.segmenter.words(&p.text) {
                for k in 0..2 {
                    if sides[k].get(d.id as usize).copied().unwrap_or(false) {
                        let entry = counts.entry(word.clone()).or_default();
                        entry.0[k] += 1;
                        tokens[k] += 1;
                        if seen.insert((k, word.clone())) {
                            entry.1[k] += 1;
                        }
                    }
                }
            }
        }
    }
    (counts, tokens)
}

fn speech_and_the_rest() -> (research::Side, research::Side) {
    let handle = &shared().handle;
    let speech = Filters {
        speaker: Some("寇全安".into()),
        ..Filters::default()
    };
    let target = research::side(handle, &speech).unwrap();
    let all = research::side(handle, &Filters::default()).unwrap();
    let rest = all.iter().zip(&target).map(|(&a, &t)| a && !t).collect();
    (target, rest)
}

#[test]
fn word_frequencies_equal_a_recount_of_the_passages() {
    let handle = &shared().handle;
    let (target, rest) = speech_and_the_rest();
    assert_eq!(
        target.iter().filter(|&&x| x).count(),
        1,
        "寇全安's one speech"
    );
    let found = research::word_frequencies(handle, [&target, &rest]).unwrap();
    let (counted, tokens) = recount([&target, &rest]);
    assert_eq!(found.tokens, tokens);
    assert_eq!(found.words.len(), counted.len());
    for w in &found.words {
        assert_eq!(
            Some(&(w.freq, w.docs)),
            counted.get(&w.word),
            "{}: index vs recount",
            w.word
        );
    }
    // Two sides overlapping (the speech in both) count it in both.
    let both = research::word_frequencies(handle, [&target, &target]).unwrap();
    assert!(both.words.iter().all(|w| w.freq[0] == w.freq[1]));
}

#[test]
fn keyword_statistics_equal_their_values_computed_by_hand() {
    let handle = &shared().handle;
    let (target, rest) = speech_and_the_rest();
    let found = research::word_frequencies(handle, [&target, &rest]).unwrap();
    let count = |word: &str| {
        found
            .words
            .iter()
            .find(|w| w.word == word)
            .cloned()
            .unwrap()
    };
    // The slice: 寇全安's speech (1,834 words) against the other documents of the sample
    // corpus (11,167 words); 稳增长 16 times in the speech, 11 times in 4 others.
    assert_eq!(found.tokens, [1834, 11167]);
    let zengzhang = count("稳增长");
    assert_eq!((zengzhang.freq, zengzhang.docs), ([16, 11], [1, 4]));
    let k = statistics(&zengzhang, 1834, 11167, 1.0);
    let close = |x: f64, y: f64| assert!((x - y).abs() < 1e-9 * y.abs().max(1.0), "{x} vs {y}");
    // N = 1834 + 11167 = 13001; E1 = 1834 × 27 / 13001 = 3.808783939696947,
    // E2 = 11167 × 27 / 13001 = 23.191216060303052;
    // G² = 2 (16 ln(16 / 3.80878…) + 11 ln(11 / 23.19121…))
    //    = 2 (16 × 1.435361… + 11 × (−0.745918…)) = 29.51959736542794.
    close(k.g2, 29.51959736542794);
    // Log Ratio = log2((16 / 1834) / (11 / 11167)) = log2(8.856…) = 3.1467444970472043.
    close(k.log_ratio, 3.1467444970472043);
    // Per million: 16 × 10⁶ / 1834 = 8724.100327153763, 11 × 10⁶ / 11167 = 985.0452225306707;
    // %DIFF = (8724.10… − 985.04…) × 100 / 985.04… = 785.6548032120552.
    close(k.pct_diff, 785.6548032120552);
    // BIC = G² − ln 13001 = 29.51959… − 9.472781… = 20.046815808865773.
    close(k.bic, 20.046815808865773);
    // Simple maths (N = 1) = (8724.10… + 1) / (985.04… + 1) = 8.848580296105405.
    close(k.simple_maths, 8.848580296105405);
    close(k.per_10k[0], 16.0 * 1e4 / 1834.0);
    // A word the reference never uses: its zero counts as 0.5 in the Log Ratio
    // (log2((a / 1834) / (0.5 / 11167))), %DIFF divides by 1e-18, G² has no b term.
    let only = found
        .words
        .iter()
        .filter(|w| w.freq[1] == 0 && w.docs[0] == 1)
        .max_by_key(|w| (w.freq[0], std::cmp::Reverse(w.word.clone())))
        .unwrap();
    let a = only.freq[0] as f64;
    let k = statistics(only, 1834, 11167, 1.0);
    close(k.log_ratio, ((a / 1834.0) / (0.5 / 11167.0)).log2());
    close(k.g2, 2.0 * a * (a / (1834.0 * a / 13001.0)).ln());
    assert!(k.pct_diff > 1e20, "{}", k.pct_diff);
    // Keywords: 稳增长 is positive at p < 0.0001 (29.5 ≥ 15.13) but one document only:
    // with the default minimum of two documents it is left out, with one it is in.
    let keys = research::keywords(&found, &KeywordOptions::default());
    assert!(!keys.positive.iter().any(|k| k.word == "稳增长"));
    let one_doc = KeywordOptions {
        min_docs: 1,
        ..KeywordOptions::default()
    };
    let keys = research::keywords(&found, &one_doc);
    assert!(keys.positive.iter().any(|k| k.word == "稳增长"));
    assert!(
        keys.positive.windows(2).all(|p| p[0].g2 >= p[1].g2),
        "strongest first"
    );
    assert!(
        keys.positive
            .iter()
            .all(|k| k.g2 >= 15.13 && k.freq[0] >= 5)
    );
    assert!(keys.negative.iter().all(|k| k.per_10k[1] > k.per_10k[0]));
}

#[test]
fn keywords_from_the_command_line_as_a_table_json_and_csv() {
    use super::util::{corpus_copy, gongwen, stdout};
    let dir = corpus_copy(&[]);
    let json = gongwen(
        dir.path(),
        &["keywords", "speaker:寇全安", "--min-docs", "1", "--json"],
    );
    assert_eq!(
        json.status.code(),
        Some(0),
        "{}",
        super::util::stderr(&json)
    );
    let rows: Vec<serde_json::Value> = stdout(&json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let first = &rows[0];
    assert_eq!(first["direction"], "positive");
    assert_eq!(first["rank"], 1);
    assert!(
        rows.iter()
            .any(|r| r["word"] == "稳增长" && r["target"] == 16)
    );
    let table = stdout(&gongwen(
        dir.path(),
        &["keywords", "speaker:寇全安", "--min-docs", "1"],
    ));
    assert!(
        table.starts_with("target: 1 document, 1,834 words"),
        "{table}"
    );
    let csv = stdout(&gongwen(
        dir.path(),
        &[
            "keywords",
            "speaker:寇全安",
            "--vs",
            "speaker:赵俊民",
            "--csv",
        ],
    ));
    assert!(
        csv.starts_with("\u{FEFF}direction,rank,word,target"),
        "{csv}"
    );
    // A side is filters, not text: said so, exit 2.
    let bad = gongwen(dir.path(), &["keywords", "稳增长"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(super::util::stderr(&bad).contains("filters"));
}

#[test]
fn new_words_are_the_slices_words_no_earlier_document_has() {
    let handle = &shared().handle;
    // The sample corpus's 2021 documents against everything dated before 2021.
    let year = gongwen::document::DocDate::new(2021, None, None);
    let speech = Filters {
        from: year,
        to: year,
        ..Filters::default()
    };
    let everything = Filters::default();
    let found = research::new_words(handle, &speech, Some(&everything), 2, usize::MAX).unwrap();
    let before = found.before.expect("the speech is dated");
    // Brute force: the slice's words and those of every document dated before it.
    let mut slice: HashMap<String, u64> = HashMap::new();
    let mut earlier: HashSet<String> = HashSet::new();
    for d in handle.catalog.documents().unwrap().iter() {
        let in_slice = speech.admits(d);
        let is_earlier = d
            .meta
            .date
            .is_some_and(|x| x.last_day() < before.first_day());
        for p in gongwen::search::document_text(handle, d.id, &[], true).unwrap() {
            for (_, _, word) in handle.segmenter.words(&p.text) {
                if in_slice {
                    *slice.entry(word.clone()).or_default() += 1;
                }
                if is_earlier {
                    earlier.insert(word);
                }
            }
        }
    }
    let expected: HashSet<&str> = slice
        .iter()
        .filter(|(w, n)| {
            **n >= 2
                && !earlier.contains(*w)
                && w.chars().count() >= 2
                && w.chars().any(gongwen::text::is_cjk)
        })
        .map(|(w, _)| w.as_str())
        .collect();
    let listed: HashSet<&str> = found.words.iter().map(|w| w.word.as_str()).collect();
    assert!(!earlier.is_empty() && !expected.is_empty());
    assert_eq!(listed, expected);
    for w in &found.words {
        assert_eq!(w.occurrences, slice[&w.word], "{}", w.word);
        assert!(speech.admits(w.first.as_ref().unwrap()), "{}", w.word);
    }
    // Most frequent and widespread first.
    let score = |w: &research::NewWord| w.occurrences * u64::from(w.documents);
    assert!(found.words.windows(2).all(|p| score(&p[0]) >= score(&p[1])));
}

#[test]
fn collocate_windows_equal_a_recount_and_statistics_their_hand_values() {
    let handle = &shared().handle;
    let node = gongwen::search::aliases::Aliases::default().entity("稳增长");
    let found = research::collocates(handle, &node, &Filters::default(), 5, 1).unwrap();
    // Brute force: every occurrence of 稳增长 in every passage, the 5 words before it and
    // the 5 after it, as the index cuts the passage.
    let mut joint: HashMap<String, (u64, u64)> = HashMap::new();
    let (mut occurrences, mut window_tokens) = (0u64, 0u64);
    for d in handle.catalog.documents().unwrap().iter() {
        for p in gongwen::search::document_text(handle, d.id, &[], true).unwrap() {
            let words = handle.segmenter.words(&p.text);
            for (start, _) in p.text.match_indices("稳增长") {
                occurrences += 1;
                let end = start + "稳增长".len();
                let before: Vec<_> = words.iter().filter(|w| w.1 <= start).collect();
                let after: Vec<_> = words.iter().filter(|w| w.0 >= end).collect();
                for w in &before[before.len().saturating_sub(5)..] {
                    joint.entry(w.2.clone()).or_default().0 += 1;
                    window_tokens += 1;
                }
                for w in after.iter().take(5) {
                    joint.entry(w.2.clone()).or_default().1 += 1;
                    window_tokens += 1;
                }
            }
        }
    }
    assert_eq!(found.occurrences, occurrences);
    assert_eq!(found.window_tokens, window_tokens);
    assert_eq!(found.collocates.len(), joint.len());
    for c in &found.collocates {
        assert_eq!(Some(&(c.left, c.right)), joint.get(&c.word), "{}", c.word);
    }
    assert!(
        found
            .collocates
            .windows(2)
            .all(|p| p[0].log_dice >= p[1].log_dice)
    );
    // 工业 by hand: the node 27 times (F1), 257 words in its windows (W), 13,001 words
    // in the corpus (N); 工业 20 times in the windows (J) and 202 times in all (F2).
    let gongye = found.collocates.iter().find(|c| c.word == "工业").unwrap();
    assert_eq!(
        (found.occurrences, found.window_tokens, found.tokens),
        (27, 257, 13001)
    );
    assert_eq!((gongye.joint, gongye.frequency), (20, 202));
    let close = |x: f64, y: f64| assert!((x - y).abs() < 1e-9 * y.abs().max(1.0), "{x} vs {y}");
    // E11 = 257 × 202 / 13001 = 3.99307745558034; MI = log2(20 / 3.99307…) = 2.324427038018366.
    close(gongye.mi, 2.324427038018366);
    // T-score = (20 − 3.99307…) / √20 = 3.579256691989625.
    close(gongye.t_score, 3.579256691989625);
    // logDice = 14 + log2(2 × 20 / (27 + 202)) = 14 + log2(0.174672…) = 11.482724306790418.
    close(gongye.log_dice, 11.482724306790418);
    // O = (20, 237, 182, 12562), E = (3.99307…, 253.00692…, 198.00692…, 12545.99307…);
    // G² = 2 Σ O ln(O/E) = 34.81848966384079.
    close(gongye.log_likelihood, 34.81848966384079);
    // Every collocate's frequency (F2) and the corpus size (N), read from the collocates'
    // postings and the field's total, equal the one pass over every word that a slice
    // needs; and a slice's (the 2021 speech) equal a recount of its passages.
    let all = research::side(handle, &Filters::default()).unwrap();
    let (counts, tokens) = recount([&all, &vec![false; all.len()]]);
    assert_eq!(found.tokens, tokens[0]);
    for c in &found.collocates {
        assert_eq!(c.frequency, counts[&c.word].0[0], "{}", c.word);
    }
    let year = gongwen::document::DocDate::new(2021, None, None);
    let slice = Filters {
        from: year,
        to: year,
        ..Filters::default()
    };
    let in_slice = research::collocates(handle, &node, &slice, 5, 1).unwrap();
    let side = research::side(handle, &slice).unwrap();
    let (counts, tokens) = recount([&side, &vec![false; side.len()]]);
    assert_eq!(in_slice.tokens, tokens[0]);
    assert!(!in_slice.collocates.is_empty());
    for c in &in_slice.collocates {
        assert_eq!(c.frequency, counts[&c.word].0[0], "{}", c.word);
    }
}

#[test]
fn new_sequences_are_the_shortest_whose_text_no_earlier_document_has() {
    let handle = &shared().handle;
    let year = gongwen::document::DocDate::new(2021, None, None);
    let slice = Filters {
        from: year,
        to: year,
        ..Filters::default()
    };
    let found =
        research::new_words(handle, &slice, Some(&Filters::default()), 2, usize::MAX).unwrap();
    let before = found.before.unwrap();
    // Brute force: the earlier documents' folded text, and the slice's cut into words.
    let mut earlier_text = String::new();
    let mut slice_passages: Vec<(u64, String)> = Vec::new();
    let mut old: HashSet<String> = HashSet::new();
    for d in handle.catalog.documents().unwrap().iter() {
        let earlier = d
            .meta
            .date
            .is_some_and(|x| x.last_day() < before.first_day());
        for p in gongwen::search::document_text(handle, d.id, &[], true).unwrap() {
            if earlier {
                earlier_text.push_str(&gongwen::text::fold_str(&p.text));
                earlier_text.push('\n');
                old.extend(handle.segmenter.words(&p.text).into_iter().map(|w| w.2));
            }
            if slice.admits(d) {
                slice_passages.push((d.id, p.text.clone()));
            }
        }
    }
    let used = |words: &[String]| earlier_text.contains(&words.concat());
    let mut counts: HashMap<Vec<String>, (u64, HashSet<u64>)> = HashMap::new();
    for (id, text) in &slice_passages {
        let words = handle.segmenter.words(text);
        for n in 2..=4 {
            for run in words.windows(n) {
                let adjacent = run.windows(2).all(|p| p[0].1 == p[1].0);
                let cjk = |w: &str| w.chars().any(gongwen::text::is_cjk);
                if adjacent && run.iter().all(|w| old.contains(&w.2) && cjk(&w.2)) {
                    let entry = counts
                        .entry(run.iter().map(|w| w.2.clone()).collect())
                        .or_default();
                    entry.0 += 1;
                    entry.1.insert(*id);
                }
            }
        }
    }
    let long = |w: &String| w.chars().count() >= 2;
    let expected: HashSet<Vec<String>> = counts
        .iter()
        .filter(|(words, (n, _))| {
            let k = words.len();
            *n >= 2
                && long(&words[0])
                && long(&words[k - 1])
                && !used(words)
                && (k == 2 || (used(&words[..k - 1]) && used(&words[1..])))
        })
        .map(|(words, _)| words.clone())
        .collect();
    let listed: HashSet<Vec<String>> = found.sequences.iter().map(|s| s.words.clone()).collect();
    assert!(!expected.is_empty(), "the 2021 speech has new sequences");
    assert_eq!(listed, expected);
    for s in &found.sequences {
        let (n, docs) = &counts[&s.words];
        assert_eq!(
            (s.occurrences, s.documents as usize),
            (*n, docs.len()),
            "{:?}",
            s.words
        );
        assert!(slice.admits(s.first.as_ref().unwrap()));
    }
}
