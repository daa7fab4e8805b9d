//! The query language.
//!
//! - terms separated by spaces are all required; each term is a literal;
//! - `"a phrase"` is one literal, spaces included;
//! - `A OR B` matches either; `-term` (or `-"a phrase"`) excludes;
//! - `speaker:赵俊民`, `body:汉阴县人民政府`, `year:2021` (or `year:2020-2021`) filter,
//!   as alternatives to the command-line flags. Other `word:` prefixes are literal text.
//!
//! A malformed query is an [`Error::Query`] with a one-line explanation, never a panic.

use super::Filters;
use crate::document::DocDate;
use crate::error::{Error, Result};

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 1000;

/// One required (or excluded) part of a query: any of its literals may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<String>,
    pub negated: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// The filters written in the query text (`speaker:…`, `year:…`, `doc_type:…`).
    pub filters: Filters,
}

impl Query {
    /// The literals that must or may match (not the excluded ones), in query order.
    pub fn positive_literals(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .iter()
            .filter(|c| !c.negated)
            .flat_map(|c| c.alternatives.iter().map(String::as_str))
    }
}

impl Query {
    /// The query's terms written back in query syntax (filters left out), e.g. after
    /// alias expansion: `安康高新集团 OR 高新集团 -疫情`.
    pub fn describe(&self) -> String {
        let literal = |l: &String| {
            if l.contains(char::is_whitespace) {
                format!("\"{l}\"")
            } else {
                l.clone()
            }
        };
        self.clauses
            .iter()
            .map(|c| {
                let alternatives: Vec<String> = c.alternatives.iter().map(literal).collect();
                format!(
                    "{}{}",
                    if c.negated { "-" } else { "" },
                    alternatives.join(" OR ")
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Or,
    /// `-` glued to the next token.
    Not,
    /// `field:` glued to the next token.
    Field(String),
}

fn lex(query: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '"' {
            let close = chars[i + 1..]
                .iter()
                .position(|&c| c == '"')
                .ok_or_else(|| {
                    Error::query(query, format!("unclosed quote at character {}", i + 1))
                })?;
            tokens.push(Token::Quoted(chars[i + 1..i + 1 + close].iter().collect()));
            i += close + 2;
            continue;
        }
        if c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace()) {
            tokens.push(Token::Not);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let word: String = chars[start..i].iter().collect();
        if let Some((field, value)) = split_field(&word) {
            if value.is_empty() && chars.get(i) != Some(&'"') {
                return Err(Error::query(query, format!("{field}: needs a value")));
            }
            tokens.push(Token::Field(field));
            if !value.is_empty() {
                tokens.push(Token::Word(value));
            }
            continue;
        }
        if word == "-" {
            return Err(Error::query(query, "- must be followed by a term"));
        }
        tokens.push(if word == "OR" {
            Token::Or
        } else {
            Token::Word(word)
        });
    }
    Ok(tokens)
}

/// `speaker:…`, `body:…`, `year:…` or `date:…` (ASCII or full-width colon) → (field,
/// value).
fn split_field(word: &str) -> Option<(String, String)> {
    let (name, value) = word.split_once([':', '：'])?;
    let known = matches!(
        name.to_lowercase().as_str(),
        "speaker" | "body" | "year" | "date"
    );
    // Any other lower-case ASCII name is a metadata field (`doc_type:`, `level:`); text
    // such as `10:30` or `GDP:` stays literal.
    let field_like = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
    (known || field_like).then(|| (name.to_lowercase(), value.to_string()))
}

/// Parses a query string.
pub fn parse(query: &str) -> Result<Query> {
    // Folded like the text: what repair drops from passages is dropped here too.
    let query = &*crate::text::strip_invisible(query);
    let length = query.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(Error::query(
            &query.chars().take(20).collect::<String>(),
            format!("query is {length} characters long; the limit is {MAX_QUERY_CHARS}"),
        ));
    }
    let tokens = lex(query)?;
    let mut parsed = Query::default();
    let mut i = 0;
    let mut pending_or = false;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Or => {
                let after_term = parsed.clauses.last().is_some_and(|c| !c.negated)
                    && i > 0
                    && matches!(tokens[i - 1], Token::Word(_) | Token::Quoted(_));
                if !after_term || pending_or {
                    return Err(Error::query(query, "OR must stand between two terms"));
                }
                pending_or = true;
                i += 1;
            }
            Token::Field(field) => {
                let value = match tokens.get(i + 1) {
                    Some(Token::Word(v) | Token::Quoted(v)) if !v.trim().is_empty() => {
                        v.trim().to_string()
                    }
                    _ => return Err(Error::query(query, format!("{field}: needs a value"))),
                };
                if pending_or {
                    return Err(Error::query(
                        query,
                        format!("OR cannot join a {field}: filter"),
                    ));
                }
                apply_field(&mut parsed, field, &value, query)?;
                i += 2;
            }
            Token::Not => {
                let literal = match tokens.get(i + 1) {
                    Some(Token::Word(v) | Token::Quoted(v)) => v.clone(),
                    _ => return Err(Error::query(query, "- must be followed by a term")),
                };
                if pending_or || matches!(tokens.get(i + 2), Some(Token::Or)) {
                    return Err(Error::query(query, "an excluded term cannot be part of OR"));
                }
                if literal.trim().is_empty() {
                    return Err(Error::query(query, "- must be followed by a term"));
                }
                parsed.clauses.push(Clause {
                    alternatives: vec![literal],
                    negated: true,
                });
                i += 2;
            }
            Token::Word(w) | Token::Quoted(w) => {
                if w.trim().is_empty() {
                    return Err(Error::query(query, "empty quotes"));
                }
                // A phrase is repaired like the text it is looked for in: `"2020 年"`
                // finds 2020年, as the text's spaces beside Chinese were dropped.
                let w = &spaces_beside_chinese_dropped(w);
                if pending_or {
                    let last = parsed.clauses.last_mut().expect("OR follows a clause");
                    last.alternatives.push(w.clone());
                    pending_or = false;
                } else {
                    parsed.clauses.push(Clause {
                        alternatives: vec![w.clone()],
                        negated: false,
                    });
                }
                i += 1;
            }
        }
    }
    if pending_or {
        return Err(Error::query(query, "OR must stand between two terms"));
    }
    if parsed.clauses.iter().all(|c| c.negated) {
        return Err(Error::query(
            query,
            if parsed.clauses.is_empty() {
                "nothing to search for"
            } else {
                "a query needs at least one term that is not excluded"
            },
        ));
    }
    Ok(parsed)
}

/// `text` without the spaces next to a Chinese character, as repair leaves the text
/// (`2020 年` → `2020年`); spaces between two other characters stay (`new energy`).
fn spaces_beside_chinese_dropped(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' {
            let before = chars[..i]
                .iter()
                .rev()
                .find(|c| **c != ' ' && **c != '\u{3000}');
            let after = chars[i + 1..]
                .iter()
                .find(|c| **c != ' ' && **c != '\u{3000}');
            let chinese = |c: Option<&char>| c.is_some_and(|c| crate::text::is_cjk(*c));
            if chinese(before) || chinese(after) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The terms of a counting command (`mentions`, `trend`) and the filters among them:
/// `doc_type:政府工作报告` is read as in a search query, not counted as a phrase.
pub fn terms_and_filters(words: &[String]) -> Result<(Vec<String>, Filters)> {
    let mut parsed = Query::default();
    let mut terms = Vec::new();
    for word in words {
        let word = crate::text::strip_invisible(word);
        let word = word.as_ref();
        match split_field(word.trim()) {
            Some((field, value)) if !value.trim().is_empty() => {
                apply_field(&mut parsed, &field, value.trim(), word)?;
            }
            Some((field, _)) => return Err(Error::query(word, format!("{field}: needs a value"))),
            None => terms.push(word.to_string()),
        }
    }
    Ok((terms, parsed.filters))
}

/// A `--where` filter, `FIELD=VALUE` (or `FIELD:VALUE`), read as the query word
/// `FIELD:VALUE` is: one parser for filters wherever they are written.
pub fn where_filter(spec: &str) -> Result<Filters> {
    let (field, value) = spec
        .split_once(['=', ':', '：'])
        .filter(|(f, v)| !f.trim().is_empty() && !v.trim().is_empty())
        .ok_or_else(|| Error::query(spec, "expected FIELD=VALUE, e.g. doc_type=政府工作报告"))?;
    let mut parsed = Query::default();
    apply_field(
        &mut parsed,
        &field.trim().to_lowercase(),
        value.trim(),
        spec,
    )?;
    Ok(parsed.filters)
}

fn apply_field(parsed: &mut Query, field: &str, value: &str, query: &str) -> Result<()> {
    match field {
        "speaker" => parsed.filters.speaker = Some(value.to_string()),
        "body" => parsed.filters.body = Some(value.to_string()),
        // A document's date is metadata like any other, but filtered as a range.
        "year" | "date" => {
            let (from, to) = match value.split_once("..").or_else(|| {
                // `2020-2021` is a range of years; `2021-02` is a month.
                let (a, b) = value.split_once('-')?;
                (a.len() == 4 && b.len() == 4).then_some((a, b))
            }) {
                Some((a, b)) => (a, b),
                None => (value, value),
            };
            let bad = || {
                Error::query(
                    query,
                    format!("{field}:{value} is not a year, month, day or range of them"),
                )
            };
            parsed.filters.from = Some(DocDate::parse(from).ok_or_else(bad)?);
            parsed.filters.to = Some(DocDate::parse(to).ok_or_else(bad)?);
        }
        _ => parsed
            .filters
            .fields
            .push((field.to_string(), value.to_string())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(alts: &[&str], negated: bool) -> Clause {
        Clause {
            alternatives: alts.iter().map(|s| s.to_string()).collect(),
            negated,
        }
    }

    #[test]
    fn terms_phrases_or_and_not() {
        let q = parse(r#"稳增长 "new energy" 纾困 OR 惠企 -疫情"#).unwrap();
        assert_eq!(
            q.clauses,
            vec![
                clause(&["稳增长"], false),
                clause(&["new energy"], false),
                clause(&["纾困", "惠企"], false),
                clause(&["疫情"], true),
            ]
        );
    }

    #[test]
    fn fields_filter() {
        let q = parse("工业 speaker:赵俊民 body：汉阴县人民政府 year:2021").unwrap();
        assert_eq!(q.filters.speaker.as_deref(), Some("赵俊民"));
        assert_eq!(q.filters.body.as_deref(), Some("汉阴县人民政府"));
        assert_eq!(q.filters.from.unwrap().to_string(), "2021");
        let q = parse("工业 year:2020-2021").unwrap();
        assert_eq!(
            (q.filters.from.unwrap().year, q.filters.to.unwrap().year),
            (2020, 2021)
        );
        assert_eq!(
            parse("会议 10:30").unwrap().clauses[1],
            clause(&["10:30"], false)
        );
    }

    #[test]
    fn malformed_queries_are_errors() {
        for bad in [
            "",
            "   ",
            "\"稳增长",
            "OR 稳",
            "稳 OR",
            "稳 OR OR 进",
            "-稳",
            "speaker:",
            "工业 speaker:",
            "工业 year:2021-13-45",
            "- 稳",
            "\"\"",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
        assert!(parse(&"稳".repeat(10_000)).is_err());
    }

    #[test]
    fn a_hyphen_inside_a_word_is_text() {
        assert_eq!(
            parse("1-5月").unwrap().clauses,
            vec![clause(&["1-5月"], false)]
        );
    }
}
