//! Concordance sorting (`mentions --sort left|right`): the lines are those of the
//! document-order concordance, ordered by the jieba words nearest the match on that side
//! (L1, L2, L3 / R1, R2, R3), equal contexts in document order.

use gongwen::mentions::sort::{ContextSort, sort_by_context};
use gongwen::search::Filters;
use gongwen::search::aliases::Aliases;

use super::util::{corpus_copy, gongwen, shared, stdout};

#[test]
fn lines_are_ordered_by_the_words_nearest_the_match() {
    let handle = &shared().handle;
    for term in ["工业", "发展", "稳增长"] {
        let entity = Aliases::default().entity(term);
        let unsorted =
            gongwen::mentions::mentions(handle, std::slice::from_ref(&entity), &Filters::default())
                .unwrap();
        assert!(unsorted.len() > 5, "{term}");
        for side in [ContextSort::Left, ContextSort::Right] {
            let mut sorted = unsorted.clone();
            sort_by_context(&handle.segmenter, &mut sorted, side);
            // The words on that side, nearest first, cut from the whole passage.
            let context = |m: &gongwen::mentions::Mention| -> Vec<String> {
                let (start, end) = m.byte_range();
                let words = handle.segmenter.words(m.passage_text());
                let mut near: Vec<String> = match side {
                    ContextSort::Left => words
                        .iter()
                        .rev()
                        .filter(|(_, e, _)| *e <= start)
                        .map(|w| w.2.clone())
                        .collect(),
                    ContextSort::Right => words
                        .iter()
                        .filter(|(s, _, _)| *s >= end)
                        .map(|w| w.2.clone())
                        .collect(),
                };
                near.truncate(3);
                near
            };
            let at = |m: &gongwen::mentions::Mention| (m.document.id, m.passage, m.start);
            let position = |m: &gongwen::mentions::Mention| {
                unsorted.iter().position(|u| at(u) == at(m)).unwrap()
            };
            for pair in sorted.windows(2) {
                let (a, b) = (context(&pair[0]), context(&pair[1]));
                // A shorter context that is a prefix of the other comes first, as a
                // missing word sorts before any word.
                assert!(a <= b, "{term} {side:?}: {a:?} then {b:?}");
                if a == b {
                    assert!(
                        position(&pair[0]) < position(&pair[1]),
                        "ties keep document order"
                    );
                }
            }
            let mut same: Vec<_> = sorted.iter().map(at).collect();
            same.sort_unstable();
            let mut all: Vec<_> = unsorted.iter().map(at).collect();
            all.sort_unstable();
            assert_eq!(same, all, "{term}: the same lines");
        }
    }
}

#[test]
fn sorted_concordance_from_the_command_line() {
    let dir = corpus_copy(&[]);
    let run = |args: &[&str]| stdout(&gongwen(dir.path(), args));
    let plain = run(&["mentions", "工业", "--json"]);
    let sorted = run(&["mentions", "工业", "--sort", "left", "--json"]);
    let mut a: Vec<&str> = plain.lines().collect();
    let mut b: Vec<&str> = sorted.lines().collect();
    assert_ne!(a, b, "sorting changed the order");
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "the same lines");
    // The table: each line names its document; the totals as unsorted.
    let table = run(&["mentions", "工业", "--sort", "right", "--color", "never"]);
    let totals = |text: &str| text.lines().last().unwrap_or_default().to_string();
    assert_eq!(
        totals(&table),
        totals(&run(&["mentions", "工业", "--color", "never"]))
    );
    assert!(table.lines().next().unwrap().contains(".txt #"), "{table}");
    // Sorting a count table is refused.
    let refused = gongwen(
        dir.path(),
        &["mentions", "工业", "--by", "year", "--sort", "left"],
    );
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_concordance_of_a_pair_keeps_the_lines_with_the_word_in_the_window() {
    let handle = &shared().handle;
    let entity = Aliases::default().entity("工业");
    let all =
        gongwen::mentions::mentions(handle, std::slice::from_ref(&entity), &Filters::default())
            .unwrap();
    for window in [1, 5] {
        let kept = gongwen::mentions::near::near(&handle.segmenter, all.clone(), "发展", window);
        // By hand: the words of each line's passage, `window` on each side of the match.
        let expected: Vec<_> = all
            .iter()
            .filter(|m| {
                let (start, end) = m.byte_range();
                let words = handle.segmenter.words(m.passage_text());
                let left: Vec<_> = words.iter().filter(|w| w.1 <= start).collect();
                let right: Vec<_> = words.iter().filter(|w| w.0 >= end).collect();
                left.iter()
                    .rev()
                    .take(window)
                    .chain(right.iter().take(window))
                    .any(|w| w.2 == "发展")
            })
            .map(|m| (m.document.id, m.passage, m.start))
            .collect();
        let got: Vec<_> = kept
            .iter()
            .map(|m| (m.document.id, m.passage, m.start))
            .collect();
        assert_eq!(got, expected, "±{window}");
        assert!(!got.is_empty() && got.len() < all.len(), "±{window}");
    }
    // From the command line: the lines of the pair, their totals.
    let dir = corpus_copy(&[]);
    let out = stdout(&gongwen(
        dir.path(),
        &["mentions", "工业", "--near", "发展", "--color", "never"],
    ));
    assert!(out.lines().last().unwrap().starts_with("工业: "), "{out}");
}
