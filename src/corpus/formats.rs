//! Text out of document formats: HTML (the body's text, block elements as paragraphs,
//! scripts, styles and navigation dropped), Word `.docx` (one line per paragraph of
//! `word/document.xml`) and PDF (the text layer, page by page, through the
//! `pdf-extract` crate). The result goes through the same repair as plain text, which
//! joins the lines and pages a PDF breaks sentences across.

use std::io::Read;

/// Elements whose content is never text of the document.
const SKIPPED: &[&str] = &[
    "script", "style", "nav", "header", "footer", "noscript", "head", "template", "svg", "aside",
];
/// Skipped elements tracked open at once: unclosed `<script>`s past this many are not
/// counted, so that closing tags never search a stack as long as the page.
const MAX_SKIP_DEPTH: usize = 64;
/// Largest `word/document.xml` inflated from a `.docx` (a zip bomb inflates a few
/// megabytes into gigabytes): past it the file is skipped.
pub const MAX_DOCX_XML_BYTES: u64 = 64 << 20;
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "title",
    "dd",
    "dt",
];

/// The text of an HTML page.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut skip_depth: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if skip_depth.is_empty() {
            out.push_str(&decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |e| &rest[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if SKIPPED.contains(&name.as_str()) {
            if closing {
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                }
            } else if !tag.ends_with('/') && skip_depth.len() < MAX_SKIP_DEPTH {
                skip_depth.push(name.clone());
            }
            continue;
        }
        if skip_depth.is_empty() && BLOCKS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    if skip_depth.is_empty() {
        out.push_str(&decode_entities(rest));
    }
    out
}

/// The named and numeric character references that occur in government pages.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.replace(['\n', '\r'], " ");
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // A reference is short: look for its `;` only among the next few bytes (a
        // search to the end of the text for each `&` was quadratic).
        let end = rest.as_bytes()[..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';')
            .filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            match entity {
                "nbsp" | "ensp" | "emsp" => Some(' '),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                "mdash" => Some('—'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.replace(['\n', '\r'], " ")
}

/// The text layer of a PDF, pages separated by a line break.
///
/// The PDF reader panics on some malformed files instead of returning an error: a panic
/// is caught (its message kept off the terminal) and reported as an unreadable file.
pub fn pdf_to_text(bytes: &[u8]) -> Result<String, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let pages = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(bytes));
    std::panic::set_hook(hook);
    let pages = match pages {
        Ok(Ok(pages)) => pages,
        Ok(Err(e)) => return Err(format!("unreadable PDF: {e}")),
        Err(_) => return Err("unreadable PDF (the PDF reader gave up on it)".to_string()),
    };
    let text = pages.join("\n");
    if text.trim().is_empty() {
        return Err("PDF without a text layer (scanned pages need OCR first)".to_string());
    }
    Ok(text)
}

/// The paragraphs of a `.docx` file, one a line.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a .docx (zip): {e}"))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|e| format!("not a .docx: {e}"))?;
    let too_large = || {
        format!(
            "word/document.xml inflates past {} MB (a zip bomb?)",
            MAX_DOCX_XML_BYTES >> 20
        )
    };
    if entry.size() > MAX_DOCX_XML_BYTES {
        return Err(too_large());
    }
    // The size in the zip can lie: inflate no more than the budget whatever it says.
    let mut bytes = Vec::new();
    entry
        .take(MAX_DOCX_XML_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("unreadable word/document.xml: {e}"))?;
    if bytes.len() as u64 > MAX_DOCX_XML_BYTES {
        return Err(too_large());
    }
    let xml = String::from_utf8(bytes).map_err(|e| {
        format!(
            "word/document.xml is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let mut out = String::with_capacity(xml.len() / 4);
    let mut rest = xml.as_str();
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name = tag.split([' ', '/']).next().unwrap_or_default();
        match name {
            // Text runs: the characters up to the closing tag.
            "w:t" if !tag.ends_with('/') => {
                let end = rest.find("</w:t>").unwrap_or(rest.len());
                out.push_str(&decode_entities(&rest[..end]));
                rest = &rest[end..];
            }
            "w:tab" => out.push(' '),
            "w:br" | "w:cr" => out.push('\n'),
            _ if tag == "/w:p" => out.push('\n'),
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_paragraphs_and_drops_scripts_and_navigation() {
        let html = "<html><head><title>标题</title><script>var x='稳增长';</script></head><body>\
            <nav>首页 | 下载</nav><h1>关于稳增长的通知</h1><p>第一段&nbsp;文字&amp;内容。</p><!-- 注释 -->\
            <div>第二段<br>换行</div><footer>版权所有</footer></body></html>";
        let text = html_to_text(html);
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            vec!["关于稳增长的通知", "第一段 文字&内容。", "第二段", "换行"]
        );
    }
}
