//! Turning repaired paragraphs into passages, the unit a search returns and counts in.
//!
//! A paragraph is one passage whole, up to [`MAX_CHARS`]: a literal, a pasted quotation
//! too, is found wherever it stands inside a line, as `rg` finds it (a match never spans
//! two passages). Only a paragraph longer than that — a page flattened into one line, a
//! file without line breaks — is cut, at sentence ends into pieces of at most
//! [`MAX_CHARS`] (a sentence is cut only when it alone is longer, then preferably after
//! a comma); a literal across such a cut is the one thing not found. Short paragraphs —
//! a law's articles, one-line items, TMX segments — are grouped with their neighbours
//! until a passage holds [`MIN_CHARS`] (never past [`TARGET_CHARS`]): a two-line hit
//! says little without its context, and every passage costs index space. Grouped
//! paragraphs are joined by `\n`, which no match spans (the exact tokenizer restarts at
//! whitespace), so grouping never creates or hides a match. A heading always opens a
//! passage.

/// Short paragraphs are grouped up to this many characters.
pub const TARGET_CHARS: usize = 300;
/// Short paragraphs are grouped until a passage holds at least this many characters.
pub const MIN_CHARS: usize = 100;
/// The longest passage: a paragraph up to this is never cut. Ten times the longest
/// query (1,000 characters), and longer than all but 2 of the 392,825 lines of
/// `../shared/corpus/` (the longest is 10,773 characters; only files without line
/// breaks go far past it).
pub const MAX_CHARS: usize = 10_000;

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

/// Splits one paragraph into passages of at most [`MAX_CHARS`]; concatenating them
/// gives the paragraph back.
pub fn split_paragraph(paragraph: &str) -> Vec<String> {
    if paragraph.chars().count() <= MAX_CHARS {
        return vec![paragraph.to_string()];
    }
    let mut passages = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for sentence in sentences(paragraph) {
        let len = sentence.chars().count();
        if current_len > 0 && current_len + len > MAX_CHARS {
            passages.push(std::mem::take(&mut current));
            current_len = 0;
        }
        if len > MAX_CHARS {
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

/// Cuts an over-long sentence into pieces of at most [`MAX_CHARS`] characters,
/// after the last comma in each window when there is one.
fn cut_long_sentence(sentence: &str) -> Vec<String> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > MAX_CHARS {
        let window = &chars[start..start + MAX_CHARS];
        let cut = window
            .iter()
            .rposition(|c| matches!(c, '，' | '、' | ',' | '：'))
            .filter(|&p| p >= MAX_CHARS / 2)
            .map_or(MAX_CHARS, |p| p + 1);
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
        let paragraph = sentence.repeat(400);
        let passages = split_paragraph(&paragraph);
        assert!(passages.len() > 1);
        assert_eq!(passages.concat(), paragraph);
        for p in &passages {
            assert!(p.chars().count() <= MAX_CHARS, "{p}");
            assert!(p.ends_with('。'), "cut inside a sentence: {p}");
        }
    }

    #[test]
    fn an_overlong_sentence_is_cut_after_commas() {
        let paragraph = "加强原料保障，".repeat(1_500) + "确保生产。";
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
        // A paragraph up to MAX_CHARS is one passage whole: a quotation of it is found.
        let long = "工业是国民经济的主导。".repeat(900);
        let out = passages(&["开头。", long.as_str(), "结尾。"], |_| false);
        assert_eq!(out, ["开头。", long.as_str(), "结尾。"]);
        let longer = "工业是国民经济的主导。".repeat(1_000);
        let out = passages(&["开头。", longer.as_str(), "结尾。"], |_| false);
        assert_eq!(out.len(), 4, "{out:?}");
        assert_eq!(out[1..3].concat(), longer);
    }

    #[test]
    fn short_paragraph_is_one_passage() {
        assert_eq!(split_paragraph("同志们："), vec!["同志们："]);
    }
}
