//! Metadata accuracy against the manifests: reads every file of a corpus the way
//! `gongwen index --no-manifest` does (headers and file names only), then compares each
//! document's title, date, speaker and body with its manifest record.
//!
//!     cargo run --release --example metadata_accuracy -- ../shared/corpus [--show FIELD [--extra]] [--text-stated]
//!
//! `date` is right when the year is; `day` compares the whole date where the manifest
//! gives a day (and, with `--text-stated`, where the text writes that day).
//!
//! `--text-stated` scores only the manifest values the text itself states: a record's
//! `date_source`/`speaker_source` when it gives one (`text`), else the value found in the
//! document's opening (its first [`OPENING_CHARS`] characters, where a header stands: the
//! year in digits or Chinese numerals — the whole day for a date the record says is its
//! source file's version date —, the name with spaces ignored) —
//! a source file's version date or a speaker "from the historical record" is not
//! something extraction can be asked to find.
//!
//! Per field: right, wrong and missing among the documents whose manifest has a value;
//! wrong as a share of extracted values. A date is right when its year matches
//! (the exact day often differs for laws: see `same_date`). `--show date` lists the wrong ones.
//! A record whose `date_meaning` is the header's first date is compared with the date a
//! revised law was enacted (`enacted`), the others with its version's (`date`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use gongwen::corpus::manifest::Manifests;
use gongwen::document;
use gongwen::text::fold_str;

#[derive(Default)]
struct Tally {
    right: usize,
    wrong: usize,
    missing: usize,
    extra: usize,
    /// Values whose manifest value is their place-less short form (see
    /// [`placeless_form`]): the same body, counted right and reported apart.
    short_form: usize,
}

/// The manifest's short form of a body's name, as a notice's title writes it: the place
/// left out, 人民政府 as 政府 (`南京市人民政府` → `市政府`, `江苏省人民政府办公厅` →
/// `省政府办公厅`).
fn placeless_form(name: &str) -> Option<String> {
    let level = name.find(['市', '省', '区', '县'])?;
    Some(name[level..].replacen("人民政府", "政府", 1))
}

fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        fold_str(s)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// The targets ask for the year at least: a law's manifest date is the version date of
/// its source, often days after the adoption date its header gives. Dates are written
/// `YYYY[-MM[-DD]]`.
fn same_year(got: &str, want: &str) -> bool {
    got.get(..4) == want.get(..4)
}

/// Characters at the start of a document searched for a text-stated value.
const OPENING_CHARS: usize = 600;

/// A year in Chinese numerals, as collected works and old reports write it (一九五四).
fn chinese_year(year: &str) -> String {
    year.chars()
        .map(|c| match c {
            '0' => '〇',
            d => "〇一二三四五六七八九"
                .chars()
                .nth(d.to_digit(10).unwrap_or(0) as usize)
                .unwrap_or(d),
        })
        .collect()
}

/// A `YYYY-MM-DD` date as a text writes it: `2019年6月27日`, `2019年06月27日`.
fn written_dates(date: &str) -> Vec<String> {
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts[..] else {
        return Vec::new();
    };
    let bare = |n: &str| n.trim_start_matches('0').to_string();
    vec![
        format!("{year}年{}月{}日", bare(month), bare(day)),
        format!("{year}年{month}月{day}日"),
    ]
}

/// Whether the document's text states the manifest's value of `field` (see the module
/// doc), the text folded and without spaces.
fn stated(field: &str, want: &str, record: &gongwen::corpus::manifest::Record, text: &str) -> bool {
    let source = |key: &str| record.extra.get(key).map(String::as_str);
    let squeeze =
        |s: &str| -> String { fold_str(s).chars().filter(|c| !c.is_whitespace()).collect() };
    match field {
        "day" => {
            // The day written in the text, in digits or as the manifest writes it.
            written_dates(want)
                .iter()
                .any(|d| text.contains(d.as_str()))
        }
        "date" => match source("date_source") {
            Some(s) => s == "text",
            // A source file's version date counts only where the text gives that very
            // day (a law's latest revision line); its year alone may be another act's.
            None if source("date_meaning").is_some_and(|m| m.contains("source filename")) => {
                written_dates(want)
                    .iter()
                    .any(|d| text.contains(d.as_str()))
            }
            None => want
                .get(..4)
                .is_some_and(|y| text.contains(y) || text.contains(&chinese_year(y))),
        },
        "speaker" => match source("speaker_source") {
            Some(s) => s == "text",
            None => text.contains(&squeeze(want)),
        },
        _ => text.contains(&squeeze(want)),
    }
}

/// Each field's extracted value beside the manifest's.
fn compared(
    m: &gongwen::document::metadata::Metadata,
    record: &gongwen::corpus::manifest::Record,
) -> [(&'static str, Option<String>, Option<String>); 5] {
    [
        ("title", m.title.clone(), record.title.clone()),
        (
            "date",
            // The manifest's date of a law is its version's (the latest revision),
            // except where it says it is the header's first date: the enactment.
            match record.extra.get("date_meaning").map(String::as_str) {
                Some("first date in the header block") => m.enacted.or(m.date),
                _ => m.date,
            }
            .map(|d| d.to_string()),
            document::ingest::record_date(record).map(|d| d.to_string()),
        ),
        // The whole day, where the manifest gives one: a year is not a date.
        (
            "day",
            m.date.map(|d| d.to_string()),
            document::ingest::record_date(record)
                .map(|d| d.to_string())
                .filter(|d| d.len() == 10),
        ),
        ("speaker", m.speaker.clone(), record.speaker.clone()),
        ("body", m.body.clone(), record.body.clone()),
    ]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_stated = args.iter().any(|a| a == "--text-stated");
    // With --show, also the values found where the manifest has none.
    let show_extra = args.iter().any(|a| a == "--extra");
    // The corpus: the first argument that is neither a flag nor the field after --show.
    let after_show = args.iter().position(|a| a == "--show").map(|i| i + 1);
    let root = PathBuf::from(
        args.iter()
            .enumerate()
            .find(|(i, a)| !a.starts_with("--") && Some(*i) != after_show)
            .map_or("../shared/corpus", |(_, a)| a.as_str()),
    );
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let manifests = Manifests::load(&root, None).expect("manifests load");
    let (files, _) = gongwen::corpus::list(&root).expect("corpus lists");
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut by_source: BTreeMap<String, BTreeMap<&str, Tally>> = BTreeMap::new();
    for file in &files {
        let Some(record) = manifests.get(&file.relative) else {
            continue;
        };
        let Ok(decoded) = gongwen::corpus::read(file, &Default::default()) else {
            continue;
        };
        // As `index --no-manifest` reads it: headers, body cues and file names.
        let docs = document::ingest(&file.relative, &decoded.text, &Manifests::default());
        // A manifest record describes a whole file: compare its first document.
        let Some(doc) = docs.first() else { continue };
        let source = file.relative.split('/').next().unwrap_or("").to_string();
        let m = &doc.meta;
        let squeezed: String = fold_str(&decoded.text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(OPENING_CHARS)
            .collect();
        let pairs = compared(m, &record);
        for (field, got, want) in pairs {
            let want = want.filter(|w| !text_stated || stated(field, w, &record, &squeezed));
            let same = match field {
                "date" => same_year,
                "day" => |a: &str, b: &str| a == b,
                _ => same_text,
            };
            let verdict = want
                .as_ref()
                .map(|w| got.as_ref().is_some_and(|g| same(g, w)));
            let extracted = got.is_some();
            let short = got
                .as_deref()
                .and_then(placeless_form)
                .zip(want.as_deref())
                .is_some_and(|(s, w)| same_text(&s, w));
            for tally in [
                tallies.entry(field).or_default(),
                by_source
                    .entry(source.clone())
                    .or_default()
                    .entry(field)
                    .or_default(),
            ] {
                match (verdict, extracted) {
                    (Some(true), _) => tally.right += 1,
                    (Some(false), true) => {
                        // The same body, named in full: right, and counted apart.
                        tally.short_form += usize::from(short);
                        tally.right += usize::from(short);
                        tally.wrong += usize::from(!short);
                    }
                    (Some(false), false) => tally.missing += 1,
                    (None, true) => tally.extra += 1,
                    (None, false) => {}
                }
            }
            if show.as_deref() == Some(field) && verdict.is_none() && extracted && show_extra {
                println!("{}\textra {:?}", file.relative, got);
            }
            if show.as_deref() == Some(field) && verdict == Some(false) && !short {
                // Wrong values, then missing ones ("got None").
                println!(
                    "{}\tgot {:?}\twant {:?}",
                    file.relative,
                    got,
                    want.unwrap_or_default()
                );
            }
        }
    }
    print("all sources", &tallies);
    for (source, t) in &by_source {
        print(source, t);
    }
}

/// Prints one table of tallies, per field.
fn print(name: &str, tallies: &BTreeMap<&str, Tally>) {
    println!("\n{name}");
    println!(
        "field    | in manifest | right | wrong | missing | right % | wrong % of extracted | extracted, no manifest value"
    );
    for (field, t) in tallies {
        let known = t.right + t.wrong + t.missing;
        let extracted = t.right + t.wrong;
        println!(
            "{field:<8} | {known:>11} | {:>5} | {:>5} | {:>7} | {:>6.1}% | {:>19.1}% | {}",
            t.right,
            t.wrong,
            t.missing,
            100.0 * t.right as f64 / known.max(1) as f64,
            100.0 * t.wrong as f64 / extracted.max(1) as f64,
            t.extra
        );
    }
    for (field, t) in tallies {
        if t.short_form > 0 {
            println!(
                "{field}: {} of the right are the full name where the manifest writes its place-less short form (市政府 for 南京市人民政府, 市场监督管理总局 for 国家市场监督管理总局)",
                t.short_form
            );
        }
    }
}
