//! Text out of Word `.docx` (one line per paragraph of `word/document.xml`) and PDF
//! (the text layer, page by page, through the `pdf-extract` crate); HTML is `html`'s.
//! The result goes through the same repair as plain text, which
//! joins the lines and pages a PDF breaks sentences across.

use std::io::Read;

/// Largest `word/document.xml` inflated from a `.docx` (a zip bomb inflates a few
/// megabytes into gigabytes): past it the file is skipped.
pub const MAX_DOCX_XML_BYTES: u64 = 64 << 20;
/// The XML character references of `word/document.xml` (and the few HTML names Word
/// writers put there).
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
