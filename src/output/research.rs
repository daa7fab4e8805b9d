//! Research results printed: keywords as an aligned table for the terminal (positive
//! then negative, each with its sides' sizes), JSON Lines and CSV (one row per keyword,
//! `direction` saying which side it is key for); new formulations likewise (one row per
//! word with its first document).

use std::io::{self, Write};

use serde::Serialize;

use super::csv::field;
use super::table::write_aligned;
use crate::research::{Collocates, Keyword, Keywords, NewWords};

/// Rounds for printing: statistics to 2 decimals; a huge one (a %DIFF over a zero
/// reference, divided by 1e-18) in scientific notation.
fn two(x: f64) -> String {
    if x.abs() >= 1e9 {
        format!("{x:.2e}")
    } else {
        format!("{x:.2}")
    }
}

fn rows_of(list: &[Keyword]) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "#",
            "word",
            "target",
            "docs",
            "per 10k",
            "reference",
            "docs",
            "per 10k",
            "G2",
            "log ratio",
            "%DIFF",
            "BIC",
            "simple maths",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, k) in list.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            k.word.clone(),
            k.freq[0].to_string(),
            k.docs[0].to_string(),
            format!("{:.3}", k.per_10k[0]),
            k.freq[1].to_string(),
            k.docs[1].to_string(),
            format!("{:.3}", k.per_10k[1]),
            two(k.g2),
            two(k.log_ratio),
            two(k.pct_diff),
            two(k.bic),
            two(k.simple_maths),
        ]);
    }
    rows
}

/// The positive keywords, then the negative ones, at most `limit` of each.
pub fn keywords_table(
    w: &mut dyn Write,
    found: &Keywords,
    limit: usize,
    said: &str,
) -> io::Result<()> {
    writeln!(
        w,
        "target: {}, {}; reference: {}, {}; {said}",
        super::count(found.documents[0], "document", "documents"),
        super::count(found.tokens[0] as usize, "word", "words"),
        super::count(found.documents[1], "document", "documents"),
        super::count(found.tokens[1] as usize, "word", "words"),
    )?;
    for (name, list) in [("positive", &found.positive), ("negative", &found.negative)] {
        let shown = &list[..list.len().min(limit)];
        writeln!(w, "\n{name} keywords ({} in all)", super::group(list.len()))?;
        if !shown.is_empty() {
            write_aligned(w, &rows_of(shown), 2)?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonKeyword<'a> {
    direction: &'a str,
    rank: usize,
    word: &'a str,
    target: u64,
    target_docs: u32,
    target_per_10k: f64,
    reference: u64,
    reference_docs: u32,
    reference_per_10k: f64,
    g2: f64,
    log_ratio: f64,
    pct_diff: f64,
    bic: f64,
    simple_maths: f64,
}

fn each(found: &Keywords, limit: usize) -> impl Iterator<Item = JsonKeyword<'_>> {
    [("positive", &found.positive), ("negative", &found.negative)]
        .into_iter()
        .flat_map(move |(direction, list)| {
            list.iter()
                .take(limit)
                .enumerate()
                .map(move |(i, k)| JsonKeyword {
                    direction,
                    rank: i + 1,
                    word: &k.word,
                    target: k.freq[0],
                    target_docs: k.docs[0],
                    target_per_10k: k.per_10k[0],
                    reference: k.freq[1],
                    reference_docs: k.docs[1],
                    reference_per_10k: k.per_10k[1],
                    g2: k.g2,
                    log_ratio: k.log_ratio,
                    pct_diff: if k.pct_diff.is_finite() {
                        k.pct_diff
                    } else {
                        f64::MAX
                    },
                    bic: k.bic,
                    simple_maths: k.simple_maths,
                })
        })
}

/// One JSON object a line per keyword, positive first.
pub fn keywords_json(w: &mut dyn Write, found: &Keywords, limit: usize) -> io::Result<()> {
    for k in each(found, limit) {
        serde_json::to_writer(&mut *w, &k)?;
        writeln!(w)?;
    }
    Ok(())
}

/// CSV (UTF-8 with BOM), one row per keyword, positive first.
pub fn keywords_csv(w: &mut dyn Write, found: &Keywords, limit: usize) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "direction,rank,word,target,target_docs,target_per_10k,reference,reference_docs,\
         reference_per_10k,g2,log_ratio,pct_diff,bic,simple_maths"
    )?;
    for k in each(found, limit) {
        writeln!(
            w,
            "{},{},{},{},{},{:.6},{},{},{:.6},{:.6},{:.6},{:.6},{:.6},{:.6}",
            k.direction,
            k.rank,
            field(k.word),
            k.target,
            k.target_docs,
            k.target_per_10k,
            k.reference,
            k.reference_docs,
            k.reference_per_10k,
            k.g2,
            k.log_ratio,
            k.pct_diff,
            k.bic,
            k.simple_maths
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonNewWord<'a> {
    /// `word`, or `sequence` (of 2–4 words).
    kind: &'static str,
    rank: usize,
    /// The word, or the sequence's text.
    word: String,
    /// A sequence's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    words: Option<&'a [String]>,
    occurrences: u64,
    documents: u32,
    first_date: Option<String>,
    first_title: Option<&'a str>,
    first_path: Option<&'a str>,
}

/// The new words, then the new sequences, each ranked on its own.
fn new_rows(found: &NewWords) -> impl Iterator<Item = JsonNewWord<'_>> {
    let words = found.words.iter().enumerate().map(|(i, w)| {
        let mut row = new_row("word", i, w.occurrences, w.documents, w.first.as_deref());
        row.word = w.word.clone();
        row
    });
    let sequences = found.sequences.iter().enumerate().map(|(i, s)| {
        let mut row = new_row(
            "sequence",
            i,
            s.occurrences,
            s.documents,
            s.first.as_deref(),
        );
        row.word = s.text();
        row.words = Some(s.words.as_slice());
        row
    });
    words.chain(sequences)
}

/// A row of `new` without its word.
fn new_row<'a>(
    kind: &'static str,
    rank: usize,
    occurrences: u64,
    documents: u32,
    first: Option<&'a crate::catalog::DocumentRecord>,
) -> JsonNewWord<'a> {
    JsonNewWord {
        kind,
        rank: rank + 1,
        word: String::new(),
        words: None,
        occurrences,
        documents,
        first_date: first.and_then(|d| d.meta.date).map(|d| d.to_string()),
        first_title: first.map(super::title),
        first_path: first.map(|d| d.path.as_str()),
    }
}

/// New formulations: what was compared, then one row per word.
pub fn new_words_table(w: &mut dyn Write, found: &NewWords, said: &str) -> io::Result<()> {
    writeln!(
        w,
        "{}: {}; compared with {} dated before {}",
        said,
        super::count(found.slice_documents, "document", "documents"),
        super::count(found.compared_documents, "document", "documents"),
        found
            .before
            .map_or_else(|| "(no dated document)".to_string(), |d| d.to_string())
    )?;
    let all: Vec<JsonNewWord<'_>> = new_rows(found).collect();
    for (kind, heading) in [
        ("word", "new words"),
        ("sequence", "new sequences of 2–4 words"),
    ] {
        let of_kind: Vec<&JsonNewWord<'_>> = all.iter().filter(|r| r.kind == kind).collect();
        writeln!(w, "\n{heading} ({})", super::group(of_kind.len()))?;
        if of_kind.is_empty() {
            continue;
        }
        let mut rows = vec![
            [
                "#",
                kind,
                "occurrences",
                "documents",
                "first",
                "first document",
            ]
            .map(String::from)
            .to_vec(),
        ];
        for r in of_kind {
            rows.push(vec![
                r.rank.to_string(),
                r.words.map_or_else(|| r.word.clone(), |ws| ws.join(" ")),
                r.occurrences.to_string(),
                r.documents.to_string(),
                r.first_date.clone().unwrap_or_default(),
                r.first_title.unwrap_or("").to_string(),
            ]);
        }
        write_aligned(w, &rows, 2)?;
    }
    Ok(())
}

/// One JSON object a line per new word.
pub fn new_words_json(w: &mut dyn Write, found: &NewWords) -> io::Result<()> {
    for r in new_rows(found) {
        serde_json::to_writer(&mut *w, &r)?;
        writeln!(w)?;
    }
    Ok(())
}

/// CSV (UTF-8 with BOM), one row per new word.
pub fn new_words_csv(w: &mut dyn Write, found: &NewWords) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "kind,rank,word,words,occurrences,documents,first_date,first_title,first_path"
    )?;
    for r in new_rows(found) {
        writeln!(
            w,
            "{},{},{},{},{},{},{},{},{}",
            r.kind,
            r.rank,
            field(&r.word),
            field(&r.words.map(|ws| ws.join(" ")).unwrap_or_default()),
            r.occurrences,
            r.documents,
            r.first_date.unwrap_or_default(),
            field(r.first_title.unwrap_or("")),
            field(r.first_path.unwrap_or(""))
        )?;
    }
    Ok(())
}

/// Collocates: the node's counts, then one row per collocate, strongest logDice first.
pub fn collocates_table(
    w: &mut dyn Write,
    found: &Collocates,
    limit: usize,
    said: &str,
) -> io::Result<()> {
    writeln!(
        w,
        "{said}: {}; {} words in the windows, {} in the documents searched",
        super::count(found.occurrences as usize, "occurrence", "occurrences"),
        super::group(found.window_tokens as usize),
        super::group(found.tokens as usize)
    )?;
    let mut rows = vec![
        [
            "#",
            "collocate",
            "joint",
            "left",
            "right",
            "frequency",
            "logDice",
            "MI",
            "T-score",
            "log-likelihood",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, c) in found.collocates.iter().take(limit).enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            c.word.clone(),
            c.joint.to_string(),
            c.left.to_string(),
            c.right.to_string(),
            c.frequency.to_string(),
            two(c.log_dice),
            two(c.mi),
            two(c.t_score),
            two(c.log_likelihood),
        ]);
    }
    write_aligned(w, &rows, 2)
}

#[derive(Serialize)]
struct JsonCollocate<'a> {
    rank: usize,
    collocate: &'a str,
    joint: u64,
    left: u64,
    right: u64,
    frequency: u64,
    log_dice: f64,
    mi: f64,
    t_score: f64,
    log_likelihood: f64,
}

fn collocate_rows(found: &Collocates, limit: usize) -> impl Iterator<Item = JsonCollocate<'_>> {
    found
        .collocates
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, c)| JsonCollocate {
            rank: i + 1,
            collocate: &c.word,
            joint: c.joint,
            left: c.left,
            right: c.right,
            frequency: c.frequency,
            log_dice: c.log_dice,
            mi: c.mi,
            t_score: c.t_score,
            log_likelihood: c.log_likelihood,
        })
}

/// One JSON object a line per collocate.
pub fn collocates_json(w: &mut dyn Write, found: &Collocates, limit: usize) -> io::Result<()> {
    for r in collocate_rows(found, limit) {
        serde_json::to_writer(&mut *w, &r)?;
        writeln!(w)?;
    }
    Ok(())
}

/// CSV (UTF-8 with BOM), one row per collocate.
pub fn collocates_csv(w: &mut dyn Write, found: &Collocates, limit: usize) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    writeln!(
        w,
        "rank,collocate,joint,left,right,frequency,log_dice,mi,t_score,log_likelihood"
    )?;
    for r in collocate_rows(found, limit) {
        writeln!(
            w,
            "{},{},{},{},{},{},{:.6},{:.6},{:.6},{:.6}",
            r.rank,
            field(r.collocate),
            r.joint,
            r.left,
            r.right,
            r.frequency,
            r.log_dice,
            r.mi,
            r.t_score,
            r.log_likelihood
        )?;
    }
    Ok(())
}
