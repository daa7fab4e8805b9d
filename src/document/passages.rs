//! Turning repaired paragraphs into passages, the unit a search returns.
//!
//! A paragraph longer than [`TARGET_CHARS`] is cut at sentence ends into pieces of
//! about that size (a sentence is cut only when it alone is longer, then preferably
//! after a comma). Short paragraphs — a law's articles, one-line items, TMX segments —
//! are grouped with their neighbours until a passage holds [`MIN_CHARS`]: a two-line
//! hit says little without its context, and every passage costs index space. Grouped
//! paragraphs are joined by `\n`, which no match spans (the exact tokenizer restarts at
//! whitespace), so grouping never creates or hides a match. A heading always opens a
//! passage.

/// The size a passage aims at, in characters.
pub const TARGET_CHARS: usize = 300;
/// Short paragraphs are grouped until a passage holds at least this many characters.
pub const MIN_CHARS: usize = 100;

/// The passages of a document's paragraphs, in order.
pub fn passages<S: AsRef<str>>(paragraphs: &[S], is_heading: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for paragraph in paragraphs {
        let paragraph = paragraph.as_ref();
        let len = paragraph.chars().count();
        let full = current_len >= MIN_CHARS || current_len + len > TARGET_CHARS;
        if current_len > 0 && (full || is_heading(paragraph)) {
            out.push(std::mem::take(&mut current));
            current_len = 0;
        }
        if len > TARGET_CHARS {
            out.extend(split_paragraph(paragraph));
            continue;
        }
        if current_len > 0 {
            current.push('\n');
        }
        current.push_str(paragraph);
        current_len += len;
    }
    if current_len > 0 {
        out.push(current);
    }
    out
}

/// Splits one paragraph into passages; concatenating them gives the paragraph back.
pub fn split_paragraph(paragraph: &str) -> Vec<String> {
    if paragraph.chars().count() <= TARGET_CHARS {
        return vec![paragraph.to_string()];
    }
    let mut passages = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for sentence in sentences(paragraph) {
        let len = sentence.chars().count();
        if current_len > 0 && current_len + len > TARGET_CHARS {
            passages.push(std::mem::take(&mut current));
            current_len = 0;
        }
        if len > TARGET_CHARS {
            for piece in cut_long_sentence(sentence) {
                passages.push(piece);
            }
            continue;
        }
        current.push_str(sentence);
        current_len += len;
    }
    if !current.is_empty() {
        passages.push(current);
    }
    passages
}

/// Sentences of `text`, each keeping its end mark and any closing quotes after it.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = iter.peek() {
                if matches!(n, '”' | '’' | '」' | '』' | '"' | '）' | ')') {
                    end = j + n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Cuts an over-long sentence into pieces of at most [`TARGET_CHARS`] characters,
/// after the last comma in each window when there is one.
fn cut_long_sentence(sentence: &str) -> Vec<String> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > TARGET_CHARS {
        let window = &chars[start..start + TARGET_CHARS];
        let cut = window
            .iter()
            .rposition(|c| matches!(c, '，' | '、' | ',' | '：'))
            .filter(|&p| p >= TARGET_CHARS / 2)
            .map_or(TARGET_CHARS, |p| p + 1);
        out.push(chars[start..start + cut].iter().collect());
        start += cut;
    }
    out.push(chars[start..].iter().collect());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_split_at_sentence_ends_and_lose_nothing() {
        let sentence = "工业是国民经济的主导，是决定一个地区经济社会发展的关键因素。";
        let paragraph = sentence.repeat(20);
        let passages = split_paragraph(&paragraph);
        assert!(passages.len() > 1);
        assert_eq!(passages.concat(), paragraph);
        for p in &passages {
            assert!(p.chars().count() <= TARGET_CHARS, "{p}");
            assert!(p.ends_with('。'), "cut inside a sentence: {p}");
        }
    }

    #[test]
    fn an_overlong_sentence_is_cut_after_commas() {
        let paragraph = "加强原料保障，".repeat(100) + "确保生产。";
        let passages = split_paragraph(&paragraph);
        assert_eq!(passages.concat(), paragraph);
        assert!(
            passages[..passages.len() - 1]
                .iter()
                .all(|p| p.ends_with('，'))
        );
    }

    #[test]
    fn short_paragraphs_are_grouped_and_headings_open_passages() {
        let article = "第一条 为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。";
        let paragraphs = [
            "第一章 总则",
            article,
            article,
            article,
            article,
            "第二章 业主",
            article,
        ];
        let out = passages(&paragraphs, |p| {
            p.starts_with("第一章") || p.starts_with("第二章")
        });
        assert_eq!(out.len(), 3, "{out:?}");
        // 6 + 3 × 37 characters reach MIN_CHARS: the fourth article opens a passage.
        assert_eq!(
            out[0],
            format!("第一章 总则\n{article}\n{article}\n{article}")
        );
        assert_eq!(out[1], article);
        assert!(out[2].starts_with("第二章 业主\n"));
        assert_eq!(out.join("\n"), paragraphs.join("\n"));
        let long = "工业是国民经济的主导。".repeat(40);
        let out = passages(&["开头。", long.as_str(), "结尾。"], |_| false);
        assert_eq!(out.first().map(String::as_str), Some("开头。"));
        assert_eq!(out.last().map(String::as_str), Some("结尾。"));
        assert!(out.iter().all(|p| p.chars().count() <= TARGET_CHARS));
    }

    #[test]
    fn short_paragraph_is_one_passage() {
        assert_eq!(split_paragraph("同志们："), vec!["同志们："]);
    }
}
