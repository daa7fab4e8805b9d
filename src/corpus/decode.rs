//! Decoding: a file's bytes become text by its format. Plain text is UTF-8 (with or
//! without BOM), UTF-16 with a BOM, GB18030/GBK or Big5; HTML honours its `charset`;
//! Word and PDF files go through [`super::formats`]. Empty and binary files, and bytes
//! in no known encoding, are refused with the reason.

use super::{CorpusFile, read_error};

/// Text decoded from a file, with the encoding it was in and what could not be read
/// cleanly (bytes replaced, parts in another encoding), each with its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

impl Decoded {
    fn clean(text: String, encoding: &'static str) -> Decoded {
        Decoded {
            text,
            encoding,
            warnings: Vec::new(),
        }
    }
}

/// Decodes file bytes, or says why they are not text. Never drops a document for a few
/// bad bytes: UTF-8 with stray bytes or a cut last character is decoded with those
/// bytes replaced (U+FFFD), a file whose lines are partly UTF-8 and partly GB18030 or
/// Big5 is decoded line by line, and each is said in a warning.
pub fn decode(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".to_string());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(match std::str::from_utf8(rest) {
            Ok(t) => Decoded::clean(t.to_string(), "UTF-8"),
            Err(_) => lossy_utf8(rest, 3),
        });
    }
    for (bom, encoding) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE),
        (b"\xFE\xFF", encoding_rs::UTF_16BE),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, errors) = encoding.decode(bytes);
            let mut decoded = Decoded::clean(text.into_owned(), encoding.name());
            if errors {
                let replaced = decoded.text.chars().filter(|&c| c == '\u{FFFD}').count();
                decoded.warnings.push(format!(
                    "{replaced} invalid {} code units replaced",
                    encoding.name()
                ));
            }
            return Ok(decoded);
        }
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("binary file (NUL bytes)".to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded::clean(text.to_string(), "UTF-8"));
    }
    if let Some(decoded) = mostly_utf8(bytes) {
        return Ok(decoded);
    }
    match legacy(bytes) {
        Some((score, decoded)) if score >= 0.5 => Ok(decoded),
        _ => Err("not UTF-8, UTF-16, GB18030 or Big5 text".to_string()),
    }
}

/// GB18030 and Big5 both map most byte pairs to some character, so Chinese text in
/// one decodes without error, as nonsense, in the other: decode both and keep the
/// reading whose characters are common Chinese, with its score; never a silent wrong
/// guess.
fn legacy(bytes: &[u8]) -> Option<(f64, Decoded)> {
    let mut best: Option<(f64, Decoded)> = None;
    for (encoding, label) in [
        (encoding_rs::GB18030, "GB18030"),
        (encoding_rs::BIG5, "Big5"),
    ] {
        let (text, _, _) = encoding.decode(bytes);
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        let total = text.chars().count().max(1);
        let cjk = text.chars().filter(|&c| crate::text::is_cjk(c)).count();
        if replaced * 100 > total || cjk * 4 < total {
            continue;
        }
        let score = commonness(&text) - replaced as f64 / total as f64;
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, Decoded::clean(text.into_owned(), label)));
        }
    }
    best
}

/// A file that is UTF-8 but for some of its lines: those lines are read as GB18030 or
/// Big5 when they read as Chinese in it (a file pasted together from two sources), else
/// their stray bytes are replaced. `None` when the file looks wholly legacy-encoded.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
    let is_utf8 = |l: &[u8]| std::str::from_utf8(l).is_ok();
    let utf8_lines = lines.iter().filter(|l| !l.is_ascii() && is_utf8(l)).count();
    let bad_lines: Vec<usize> = (0..lines.len()).filter(|&n| !is_utf8(lines[n])).collect();
    let invalid_bytes: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
    // A few stray bytes in all, a few in each bad line (a Latin-1 no-break space at
    // every line's end, a real export bug), or lines that are UTF-8 beside those that
    // are not.
    let few_strays = invalid_bytes * 200 <= bytes.len();
    let stray_lines = bad_lines
        .iter()
        .filter(|&&n| strays_in_utf8(lines[n]))
        .count();
    let strays_only = stray_lines * 10 >= bad_lines.len() * 9;
    if !few_strays && !strays_only && utf8_lines * 20 < bad_lines.len() {
        return None;
    }
    let bad: Vec<u8> = bad_lines.iter().flat_map(|&n| lines[n].to_vec()).collect();
    let reading = legacy(&bad).filter(|(score, _)| *score >= 0.5 && !few_strays && !strays_only);
    let Some((_, Decoded { encoding, .. })) = reading else {
        return Some(lossy_utf8(bytes, 0));
    };
    let decoder = if encoding == "Big5" {
        encoding_rs::BIG5
    } else {
        encoding_rs::GB18030
    };
    let mut text = String::with_capacity(bytes.len());
    let mut offset = 0;
    let mut first_offset = None;
    for line in &lines {
        match std::str::from_utf8(line) {
            Ok(t) => text.push_str(t),
            Err(_) => {
                first_offset.get_or_insert(offset);
                text.push_str(&decoder.decode_without_bom_handling(line).0);
            }
        }
        offset += line.len();
    }
    Some(Decoded {
        text,
        encoding: "UTF-8",
        warnings: vec![format!(
            "mixed encodings: {} of {} lines read as {encoding}, the first at byte {}",
            bad_lines.len(),
            lines.len(),
            first_offset.unwrap_or(0)
        )],
    })
}

/// Whether a line that is not UTF-8 is UTF-8 text with a few stray bytes: its valid
/// part holds ten or more non-ASCII characters for each stray byte. A line in GB18030
/// or Big5 is mostly bytes that are not UTF-8, and fails.
fn strays_in_utf8(line: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in line.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    invalid > 0 && valid >= 10 * invalid
}

/// UTF-8 with its stray bytes replaced, and a warning saying how many and where the
/// first was (`base` is where `bytes` starts in the file).
fn lossy_utf8(bytes: &[u8], base: usize) -> Decoded {
    let mut replaced = 0;
    let mut first = None;
    let mut offset = base;
    for chunk in bytes.utf8_chunks() {
        offset += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(offset);
            replaced += chunk.invalid().len();
            offset += chunk.invalid().len();
        }
    }
    // Every stray byte at the very end: a last character cut off (a truncated copy).
    let cut = replaced < 4 && first.is_some_and(|f| f + replaced == base + bytes.len());
    let warning = if cut {
        format!(
            "the last character is cut off (byte {}): replaced",
            first.unwrap_or(0)
        )
    } else {
        format!(
            "{replaced} bytes that are not UTF-8 replaced, the first at byte {}",
            first.unwrap_or(0)
        )
    };
    // A stray 0xA0 is nearly always Latin-1's no-break space (an export bug): read as
    // a space, it leaves the line's end a sentence end, as the writer meant.
    let mut text = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        match chunk.invalid() {
            [] => {}
            [0xA0] => text.push(' '),
            _ => text.push('\u{FFFD}'),
        }
    }
    Decoded {
        text,
        encoding: "UTF-8",
        warnings: vec![warning],
    }
}

/// Share of the ideographs at the start of `text` that are among the 3,755 commonest
/// Chinese characters (GB2312 level 1) once folded to simplified script: high for real
/// text in the right encoding, low for text decoded with the wrong one.
fn commonness(text: &str) -> f64 {
    let mut ideographs = 0;
    let mut common = 0;
    for c in text.chars().filter(|&c| crate::text::is_cjk(c)).take(4000) {
        ideographs += 1;
        let simplified = crate::text::fold_script(c).to_string();
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(&simplified);
        if !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) {
            common += 1;
        }
    }
    if ideographs == 0 {
        return 0.0;
    }
    common as f64 / ideographs as f64
}

/// Reads one file and turns it into text by its format: plain text decoded, HTML's body
/// text, a Word document's paragraphs.
pub fn read(file: &CorpusFile, sandbox: &super::Sandbox) -> std::result::Result<Decoded, String> {
    let bytes =
        super::read_bounded(&file.path, super::MAX_DOCUMENT_BYTES).map_err(|e| read_error(&e))?;
    decode_file(&file.relative, &bytes, sandbox)
}

/// Turns the bytes of the file at `relative` into text by the file's format; PDFs are
/// read where `sandbox` says.
pub fn decode_file(
    relative: &str,
    bytes: &[u8],
    sandbox: &super::Sandbox,
) -> std::result::Result<Decoded, String> {
    let ext = relative
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "docx" => Ok(Decoded::clean(super::formats::docx_to_text(bytes)?, "DOCX")),
        "pdf" => Ok(Decoded::clean(sandbox.pdf_to_text(bytes)?, "PDF")),
        "html" | "htm" => {
            if bytes.len() > super::html::MAX_HTML_BYTES {
                return Err(format!(
                    "a web page of {} MB: pages past {} MB are not parsed (save its text as .txt)",
                    bytes.len() >> 20,
                    super::html::MAX_HTML_BYTES >> 20
                ));
            }
            let decoded = decode_html(bytes)?;
            Ok(Decoded {
                text: super::html::html_to_text(&decoded.text),
                ..decoded
            })
        }
        _ => decode(bytes),
    }
}

/// Decodes an HTML page, honouring a `charset=` declaration in its first bytes.
fn decode_html(bytes: &[u8]) -> std::result::Result<Decoded, String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    if let Some(pos) = head.find("charset=") {
        let label: String = head[pos + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes())
            && encoding != encoding_rs::UTF_8
        {
            let (text, _, errors) = encoding.decode(bytes);
            if !errors {
                return Ok(Decoded::clean(text.into_owned(), encoding.name()));
            }
        }
    }
    decode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_each_encoding() {
        let text = "稳增长，惠企纾困。";
        assert_eq!(decode(text.as_bytes()).unwrap().encoding, "UTF-8");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).unwrap().text, text);
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        // Traditional text in Big5 is valid GB18030 too: the common reading wins.
        let traditional =
            "中華人民共和國國務院關於穩增長、惠企紓困的通知。各級政府要認真貫徹執行。";
        let (big5, _, _) = encoding_rs::BIG5.encode(traditional);
        let d = decode(&big5).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (traditional, "Big5"));
        // And simplified text in GBK is not mistaken for Big5.
        let (gbk, _, _) = encoding_rs::GBK.encode("各级政府要认真贯彻执行，稳增长、惠企纾困。");
        assert_eq!(decode(&gbk).unwrap().encoding, "GB18030");
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap().text, text);
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert!(
            decode(b"\x7FELF\x00\x01\x02")
                .unwrap_err()
                .contains("binary")
        );
        assert!(decode(&[0xFF, 0x80, 0xFF, 0x81, 0x90, 0xFF]).is_err());
    }
}
