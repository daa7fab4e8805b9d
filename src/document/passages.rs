//! Splitting repaired paragraphs into passages: a paragraph is a passage unless it is
//! longer than [`TARGET_CHARS`], in which case it is cut at sentence ends into pieces of
//! about that size. A sentence is cut only when it alone is longer than the limit, and
//! then preferably after a comma.

/// The size a passage aims at, in characters.
pub const TARGET_CHARS: usize = 300;

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
    fn short_paragraph_is_one_passage() {
        assert_eq!(split_paragraph("同志们："), vec!["同志们："]);
    }
}
