//! Where in a document's text each metadata value was read: the header line or the
//! passage that writes it, and the characters, so that a reader (and the document page,
//! which marks them) can check a speaker or a date against the sentence it came from.
//!
//! Values are looked for after they are read, in the text as it is kept (header lines,
//! then passages; from the end for a signature): a value the text does not write as it
//! is (a conventional title made from the year and place, a body a role implies, a
//! manifest's value) has no place.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::metadata::{Metadata, MetadataSource};

/// Where a value stands: header line `index` or passage `index`, characters
/// `start..end` of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValueSpan {
    #[serde(rename = "in")]
    pub place: SpanPlace,
    pub index: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpanPlace {
    Header,
    Passage,
}

/// Fields located; the date first: a speaker is looked for right after it first (the
/// name under a speech's date), before its first mention anywhere (a news lead's).
const LOCATED: [&str; 5] = ["date", "title", "subtitle", "speaker", "body"];

/// How far after the date a speaker's name is taken as the one under it.
const NEAR_DATE: usize = 24;

/// The places of the values of `meta` read from the text (`header` lines and
/// `passages`), by field name.
pub fn locate(
    meta: &Metadata,
    header: &[String],
    passages: &[String],
) -> BTreeMap<String, ValueSpan> {
    let mut spans: BTreeMap<String, ValueSpan> = BTreeMap::new();
    for field in LOCATED {
        let source = meta.sources.get(field).copied();
        if matches!(
            source,
            None | Some(MetadataSource::Manifest | MetadataSource::FileName)
        ) {
            continue;
        }
        let from_end = source == Some(MetadataSource::Signature);
        let needles = needles(meta, field);
        let under_date = || {
            let date = spans.get("date").filter(|_| field == "speaker")?;
            let text = match date.place {
                SpanPlace::Header => header.get(date.index..date.index + 2)?.join("\n"),
                SpanPlace::Passage => passages.get(date.index)?.clone(),
            };
            let after: String = text.chars().skip(date.end).take(NEAR_DATE).collect();
            let (start, end) = needles.iter().find_map(|n| find_squeezed(&after, n))?;
            // In the header the name may stand on the line below the date's.
            let line_below =
                date.place == SpanPlace::Header && after.chars().take(start).any(|c| c == '\n');
            Some(if line_below {
                let skip = after.chars().position(|c| c == '\n').unwrap_or(0) + 1;
                ValueSpan {
                    index: date.index + 1,
                    start: start - skip,
                    end: end - skip,
                    ..*date
                }
            } else {
                ValueSpan {
                    start: date.end + start,
                    end: date.end + end,
                    ..*date
                }
            })
        };
        let found = under_date().or_else(|| {
            needles
                .iter()
                .find_map(|n| find_in(header, passages, n, from_end))
        });
        if let Some(span) = found {
            spans.insert(field.to_string(), span);
        }
    }
    spans
}

/// The ways the text may write a field's value: the value itself (a long title by its
/// opening, as it may be broken over lines), a date as digits with or without leading
/// zeros, or its month and day alone (a dateline).
fn needles(meta: &Metadata, field: &str) -> Vec<String> {
    if field == "date" {
        let Some(d) = meta.date else {
            return Vec::new();
        };
        let mut out = Vec::new();
        match (d.month, d.day) {
            (Some(m), Some(day)) => {
                out.push(format!("{}年{m}月{day}日", d.year));
                out.push(format!("{}年{m:02}月{day:02}日", d.year));
                out.push(format!("{m}月{day}日"));
            }
            (Some(m), None) => out.push(format!("{}年{m}月", d.year)),
            _ => out.push(format!("{}年", d.year)),
        }
        return out;
    }
    let Some(value) = meta.value(field) else {
        return Vec::new();
    };
    let squeezed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = vec![squeezed.clone()];
    if squeezed.chars().count() > 12 {
        out.push(squeezed.chars().take(12).collect());
    }
    out
}

/// The first place (the last, `from_end`) where `needle` stands, spaces in the text
/// ignored: header lines before passages.
fn find_in(
    header: &[String],
    passages: &[String],
    needle: &str,
    from_end: bool,
) -> Option<ValueSpan> {
    if needle.is_empty() {
        return None;
    }
    let places = header
        .iter()
        .enumerate()
        .map(|(i, t)| (SpanPlace::Header, i, t))
        .chain(
            passages
                .iter()
                .enumerate()
                .map(|(i, t)| (SpanPlace::Passage, i, t)),
        );
    let look = |(place, index, text): (SpanPlace, usize, &String)| {
        find_squeezed(text, needle).map(|(start, end)| ValueSpan {
            place,
            index,
            start,
            end,
        })
    };
    if from_end {
        places.collect::<Vec<_>>().into_iter().rev().find_map(look)
    } else {
        places.into_iter().find_map(look)
    }
}

/// Characters `start..end` of `text` that read `needle` once spaces are dropped.
fn find_squeezed(text: &str, needle: &str) -> Option<(usize, usize)> {
    // Most texts are searched without a copy: the needle as it is, or no space to drop.
    if let Some(byte) = text.find(needle) {
        let start = text[..byte].chars().count();
        return Some((start, start + needle.chars().count()));
    }
    if !text.contains(char::is_whitespace) {
        return None;
    }
    // Squeezed characters and the character offset of each in `text`.
    let (squeezed, at): (String, Vec<usize>) = text
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (c, i))
        .unzip();
    let byte = squeezed.find(needle)?;
    let first = squeezed[..byte].chars().count();
    let last = first + needle.chars().count() - 1;
    Some((at[first], at[last] + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_found_whatever_the_spaces() {
        assert_eq!(find_squeezed("上海市市长 龚 正", "龚正"), Some((6, 9)));
        assert_eq!(
            find_squeezed("（2018年12月18日）", "2018年12月18日"),
            Some((1, 12))
        );
        assert_eq!(find_squeezed("习近平", "李强"), None);
    }
}
