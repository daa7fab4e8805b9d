//! The local alignment of one candidate pair, seed and extend as BLAST and passim do:
//! shared fingerprints are extended into maximal identical blocks, blocks on nearby
//! diagonals are chained, the text between two chained blocks is aligned globally
//! (Needleman–Wunsch), and the chain is cut where its score falls `BRIDGED` penalties below its
//! best (an X-drop), which gives the chain's locally best-scoring stretches — what
//! Smith–Waterman finds along the same path, without its quadratic cost over two laws.
//!
//! Scoring (on compared characters: folded, whitespace left out, pause marks one): +1
//! per identical character, −2 per substituted, inserted or deleted one — a stretch
//! scores above zero while more than two thirds of it is identical, so it may run through
//! a changed clause, and the kept passages are then held to the minimum identity (80 % by
//! default; −2 found more of the hand-aligned passages than −1, −3 or −4: see
//! `benches/reuse/`). An alignment bridges up to `BRIDGED` differing characters in a row.
//! The text between two chained blocks is aligned by edit distance (+1/−1), which only
//! places the differences.

use super::fingerprints::{Fingerprints, GRAM};

/// Most characters between two chained blocks, on either side.
const MAX_GAP: i64 = 80;
/// The score of a differing character (an identical one scores 1).
const PENALTY: i64 = 2;
/// Differing characters in a row an alignment bridges (an inserted clause, a changed
/// name): the score may fall this many penalties below its best before it is cut.
const BRIDGED: i64 = 15;
/// Most characters by which the gaps between two chained blocks may differ (an
/// insertion on one side).
const MAX_SHIFT: i64 = 25;
/// A fingerprint repeated more often in one document seeds nothing (a list, a refrain).
const MAX_REPEATS: usize = 8;

/// A stretch of an alignment: identical text, or differing text (`a_len` characters of
/// the first against `b_len` of the second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Run {
    Same(u32),
    Differ {
        a_len: u32,
        b_len: u32,
        columns: u32,
    },
}

impl Run {
    fn lengths(self) -> (u32, u32) {
        match self {
            Run::Same(n) => (n, n),
            Run::Differ { a_len, b_len, .. } => (a_len, b_len),
        }
    }
}

/// An aligned stretch of two texts, in compared characters.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Alignment {
    pub a: (u32, u32),
    pub b: (u32, u32),
    pub runs: Vec<Run>,
}

impl Alignment {
    /// Identical characters.
    pub fn matches(&self) -> u32 {
        self.runs
            .iter()
            .map(|r| match r {
                Run::Same(n) => *n,
                Run::Differ { .. } => 0,
            })
            .sum()
    }

    /// Columns of the alignment: identical characters plus differing columns.
    pub fn columns(&self) -> u32 {
        self.runs
            .iter()
            .map(|r| match r {
                Run::Same(n) => *n,
                Run::Differ { columns, .. } => *columns,
            })
            .sum()
    }

    /// Its score: identical characters less `PENALTY` per differing column.
    pub fn score(&self) -> i64 {
        let matches = i64::from(self.matches());
        matches - PENALTY * (i64::from(self.columns()) - matches)
    }

    pub fn identity(&self) -> f64 {
        f64::from(self.matches()) / f64::from(self.columns().max(1))
    }
}

/// An identical block: `len` characters from `a` in the first text and `b` in the second.
#[derive(Debug, Clone, Copy)]
struct Block {
    a: i64,
    b: i64,
    len: i64,
}

/// The identical blocks the shared fingerprints of `a` and `b` grow into, each once.
fn blocks(a: &[char], b: &[char], pa: &Fingerprints, pb: &Fingerprints) -> Vec<Block> {
    let mut seeds: Vec<(i64, i64)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < pa.len() && j < pb.len() {
        let (ha, hb) = (pa[i].0, pb[j].0);
        if ha != hb {
            if ha < hb {
                i += 1
            } else {
                j += 1
            }
            continue;
        }
        let ra = pa[i..].iter().take_while(|x| x.0 == ha).count();
        let rb = pb[j..].iter().take_while(|x| x.0 == hb).count();
        if ra <= MAX_REPEATS && rb <= MAX_REPEATS {
            for x in &pa[i..i + ra] {
                for y in &pb[j..j + rb] {
                    seeds.push((i64::from(x.1) - i64::from(y.1), i64::from(x.1)));
                }
            }
        }
        i += ra;
        j += rb;
    }
    // By diagonal, then position: a seed inside the last block of its diagonal is done.
    seeds.sort_unstable();
    let mut out: Vec<Block> = Vec::new();
    for (diagonal, start) in seeds {
        if let Some(last) = out.last()
            && last.a - last.b == diagonal
            && start < last.a + last.len
        {
            continue;
        }
        let (mut s, mut e) = (start as usize, start as usize);
        let bs = (start - diagonal) as usize;
        if a[s..s + GRAM] != b[bs..bs + GRAM] {
            continue; // a hash collision
        }
        let mut t = bs;
        while s > 0 && t > 0 && a[s - 1] == b[t - 1] {
            s -= 1;
            t -= 1;
        }
        let mut u = bs;
        while e < a.len() && u < b.len() && a[e] == b[u] {
            e += 1;
            u += 1;
        }
        out.push(Block {
            a: s as i64,
            b: t as i64,
            len: (e - s) as i64,
        });
    }
    out.sort_unstable_by_key(|x| (x.a, x.b));
    out
}

/// Chains of blocks, each following the last with a gap of at most `MAX_GAP` characters
/// on both sides, the two gaps differing by at most `MAX_SHIFT`. Of the chains a block may follow, the nearest, a long chain counting
/// up to `MAX_GAP` characters nearer: a stray block of a repeated phrase, just beside,
/// must not draw the rest of a copied text away from the chain it belongs to.
fn chains(blocks: Vec<Block>) -> Vec<Vec<Block>> {
    let mut done: Vec<Vec<Block>> = Vec::new();
    // Open chains with the characters their blocks hold.
    let mut open: Vec<(Vec<Block>, i64)> = Vec::new();
    for x in blocks {
        let (closed, still): (Vec<_>, Vec<_>) = open
            .into_iter()
            .partition(|c| c.0.last().is_some_and(|l| l.a + l.len + MAX_GAP < x.a));
        done.extend(closed.into_iter().map(|c| c.0));
        open = still;
        let cost = |l: &Block| -> Option<i64> {
            let (ga, gb) = (x.a - (l.a + l.len), x.b - (l.b + l.len));
            let grows = x.a + x.len > l.a + l.len && x.b + x.len > l.b + l.len;
            let near = ga <= MAX_GAP && gb <= MAX_GAP && (ga - gb).abs() <= MAX_SHIFT;
            (grows && near && x.b >= l.b).then(|| ga.max(gb).max(0) + (ga - gb).abs())
        };
        let best = open
            .iter()
            .enumerate()
            .filter_map(|(i, c)| cost(c.0.last()?).map(|k| (k - c.1.min(MAX_GAP), i)))
            .min();
        match best {
            Some((_, i)) => {
                open[i].0.push(x);
                open[i].1 += x.len;
            }
            None => open.push((vec![x], x.len)),
        }
    }
    done.extend(open.into_iter().map(|c| c.0));
    done
}

/// The global alignment of two short differing texts, as runs.
fn gap_runs(a: &[char], b: &[char], runs: &mut Vec<Run>) {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        push_differ(runs, n as u32, m as u32, n.max(m) as u32);
        return;
    }
    let width = m + 1;
    let mut score = vec![0i32; (n + 1) * width];
    for i in 0..=n {
        score[i * width] = -(i as i32);
    }
    for (j, s) in score.iter_mut().enumerate().take(m + 1) {
        *s = -(j as i32);
    }
    for i in 1..=n {
        for j in 1..=m {
            let diagonal =
                score[(i - 1) * width + j - 1] + if a[i - 1] == b[j - 1] { 1 } else { -1 };
            let up = score[(i - 1) * width + j] - 1;
            let left = score[i * width + j - 1] - 1;
            score[i * width + j] = diagonal.max(up).max(left);
        }
    }
    // Trace back into columns: 0 identical, 1 substituted, 2 first only, 3 second only.
    let mut columns: Vec<u8> = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let here = score[i * width + j];
        if i > 0 && j > 0 {
            let same = a[i - 1] == b[j - 1];
            if here == score[(i - 1) * width + j - 1] + if same { 1 } else { -1 } {
                columns.push(u8::from(!same));
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && here == score[(i - 1) * width + j] - 1 {
            columns.push(2);
            i -= 1;
        } else {
            columns.push(3);
            j -= 1;
        }
    }
    for column in columns.into_iter().rev() {
        match column {
            0 => push_same(runs, 1),
            1 => push_differ(runs, 1, 1, 1),
            2 => push_differ(runs, 1, 0, 1),
            _ => push_differ(runs, 0, 1, 1),
        }
    }
}

fn push_same(runs: &mut Vec<Run>, n: u32) {
    if n == 0 {
        return;
    }
    match runs.last_mut() {
        Some(Run::Same(k)) => *k += n,
        _ => runs.push(Run::Same(n)),
    }
}

fn push_differ(runs: &mut Vec<Run>, a: u32, b: u32, c: u32) {
    if c == 0 {
        return;
    }
    match runs.last_mut() {
        Some(Run::Differ {
            a_len,
            b_len,
            columns,
        }) => {
            *a_len += a;
            *b_len += b;
            *columns += c;
        }
        _ => runs.push(Run::Differ {
            a_len: a,
            b_len: b,
            columns: c,
        }),
    }
}

/// One chain as runs from its first block's start.
fn chain_runs(a: &[char], b: &[char], chain: &[Block]) -> (i64, i64, Vec<Run>) {
    let mut runs = Vec::new();
    let first = chain[0];
    let (mut ea, mut eb) = (first.a, first.b);
    for &x in chain {
        // Overlap with what is aligned already is cut from the block's start.
        let shift = (ea - x.a).max(eb - x.b).max(0);
        if shift >= x.len {
            continue;
        }
        let (xa, xb) = (x.a + shift, x.b + shift);
        gap_runs(
            &a[ea as usize..xa as usize],
            &b[eb as usize..xb as usize],
            &mut runs,
        );
        push_same(&mut runs, (x.len - shift) as u32);
        ea = xa + x.len - shift;
        eb = xb + x.len - shift;
    }
    (first.a, first.b, runs)
}

/// The stretches of one chain worth keeping: cut where the running score falls
/// `BRIDGED` penalties below its best, each ending at its best and starting on identical
/// text.
fn stretches(start: (i64, i64), runs: &[Run], penalty: i64) -> Vec<Alignment> {
    let mut out = Vec::new();
    let (mut pa, mut pb) = (start.0 as u32, start.1 as u32);
    let mut current: Option<(u32, u32, usize)> = None; // start offsets, first run
    let (mut score, mut best, mut best_end) = (0i64, 0i64, (0usize, 0u32, 0u32));
    let close = |from: (u32, u32, usize), end: (usize, u32, u32), out: &mut Vec<Alignment>| {
        out.push(trim_front(
            Alignment {
                a: (from.0, end.1),
                b: (from.1, end.2),
                runs: runs[from.2..end.0].to_vec(),
            },
            penalty,
        ));
    };
    for (i, &run) in runs.iter().enumerate() {
        let (la, lb) = run.lengths();
        match (run, current) {
            (Run::Same(n), None) => {
                current = Some((pa, pb, i));
                score = i64::from(n);
                best = score;
                best_end = (i + 1, pa + la, pb + lb);
            }
            (Run::Same(n), Some(_)) => {
                score += i64::from(n);
                if score > best {
                    best = score;
                    best_end = (i + 1, pa + la, pb + lb);
                }
            }
            (Run::Differ { columns, .. }, Some(from)) => {
                score -= penalty * i64::from(columns);
                if score < best - BRIDGED * penalty {
                    close(from, best_end, &mut out);
                    current = None;
                }
            }
            (Run::Differ { .. }, None) => {}
        }
        pa += la;
        pb += lb;
    }
    if let Some(from) = current {
        close(from, best_end, &mut out);
    }
    out
}

/// Starts an alignment after its lowest running score, if below zero: a short identical
/// run before a long difference is no part of the best local alignment.
fn trim_front(mut x: Alignment, penalty: i64) -> Alignment {
    let (mut score, mut lowest, mut cut) = (0i64, 0i64, None);
    let (mut pa, mut pb) = (0u32, 0u32);
    for (i, run) in x.runs.iter().enumerate() {
        let (la, lb) = run.lengths();
        (pa, pb) = (pa + la, pb + lb);
        score += match *run {
            Run::Same(n) => i64::from(n),
            Run::Differ { columns, .. } => -penalty * i64::from(columns),
        };
        if score < lowest {
            lowest = score;
            cut = Some((i + 1, pa, pb));
        }
    }
    if let Some((i, pa, pb)) = cut {
        x.runs.drain(..i);
        x.a.0 += pa;
        x.b.0 += pb;
    }
    x
}

/// The local alignments of two texts (compared characters) from their fingerprints.
pub fn align(a: &[char], b: &[char], pa: &Fingerprints, pb: &Fingerprints) -> Vec<Alignment> {
    let penalty = PENALTY;
    let mut out: Vec<Alignment> = Vec::new();
    for chain in chains(blocks(a, b, pa, pb)) {
        let (sa, sb, runs) = chain_runs(a, b, &chain);
        out.extend(stretches((sa, sb), &runs, penalty));
    }
    out.sort_by_key(|x| (x.a, x.b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reuse::fingerprints::fingerprints;
    use crate::reuse::texts::ComparedText;

    fn compared(s: &str) -> ComparedText {
        ComparedText::new(0, vec![(0, s.to_string())])
    }

    #[test]
    fn an_inserted_clause_leaves_one_passage_with_its_difference() {
        // Cut from provincial_gwr_2026/docs/gwr_2026_heilongjiang.txt and
        // national_gwr/docs/gwr_2024.txt: the province inserts 在省委坚强领导下.
        let a = compared(
            "让我们更加紧密地团结在以习近平同志为核心的党中央周围，在省委坚强领导下，高举中国特色社会主义伟大旗帜，以习近平新时代中国特色社会主义思想为指导，凝心聚力、砥砺前行，为实现“十五五”良好开局、开创中国式现代化龙江新局面而奋斗！",
        );
        let b = compared(
            "我们要更加紧密地团结在以习近平同志为核心的党中央周围，高举中国特色社会主义伟大旗帜，以习近平新时代中国特色社会主义思想为指导，坚定信心、开拓进取，努力完成全年经济社会发展目标任务，为以中国式现代化全面推进强国建设、民族复兴伟业不懈奋斗！",
        );
        let found = align(&a.folded, &b.folded, &fingerprints(&a), &fingerprints(&b));
        assert_eq!(found.len(), 1, "{found:?}");
        let x = &found[0];
        let text: String = a.folded[x.a.0 as usize..x.a.1 as usize].iter().collect();
        assert_eq!(
            text,
            "更加紧密地团结在以习近平同志为核心的党中央周围，在省委坚强领导下，高举中国特色社会主义伟大旗帜，以习近平新时代中国特色社会主义思想为指导，"
        );
        let differing: Vec<&Run> = x
            .runs
            .iter()
            .filter(|r| matches!(r, Run::Differ { .. }))
            .collect();
        assert_eq!(
            differing,
            [&Run::Differ {
                a_len: 9,
                b_len: 0,
                columns: 9
            }]
        );
    }

    #[test]
    fn gap_alignment_marks_a_substitution() {
        let mut runs = Vec::new();
        gap_runs(&['国', '务'], &['省', '务'], &mut runs);
        assert_eq!(
            runs,
            vec![
                Run::Differ {
                    a_len: 1,
                    b_len: 1,
                    columns: 1
                },
                Run::Same(1)
            ]
        );
    }
}
