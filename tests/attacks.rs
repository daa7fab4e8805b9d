//! Hostile files, generated: each is a corpus file that once crashed, hung, exhausted
//! memory or lost text, with what indexing must make of it now. Shared by the tests
//! (`safety_files`) and by `examples/hostile_corpus.rs`, which writes them out for the
//! timing and memory run of `benches/hostile.sh`.

use std::io::Write;

/// One hostile file: its name in the corpus, its bytes, and what a run does with it:
/// skips it with a reason holding `skipped`, or (when `skipped` is empty) indexes it.
pub struct Attack {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub skipped: &'static str,
}

/// Every hostile file.
pub fn attacks() -> Vec<Attack> {
    let mut all = vec![
        Attack {
            name: "pdf_form_draws_itself.pdf",
            bytes: pdf_self_drawing_form(),
            skipped: "PDF reader failed",
        },
        Attack {
            name: "pdf_parent_loop.pdf",
            bytes: pdf_parent_loop(),
            skipped: "",
        },
        Attack {
            name: "pdf_kids_loop.pdf",
            bytes: pdf_kids_loop(),
            skipped: "",
        },
        Attack {
            name: "pdf_stream_bomb.pdf",
            bytes: pdf_stream_bomb(),
            skipped: "the PDF reader failed",
        },
        Attack {
            name: "pdf_20000_pages.pdf",
            bytes: pdf_many_pages(20_000),
            skipped: "",
        },
        Attack {
            name: "docx_zip_bomb.docx",
            bytes: docx(&zeros_xml(200 << 20)),
            skipped: "inflates past",
        },
        Attack {
            name: "docx_ampersands.docx",
            bytes: docx(&format!(
                "<w:document><w:body><w:p><w:r><w:t>稳增长{}</w:t></w:r></w:p></w:body></w:document>",
                "&".repeat(1 << 20)
            )),
            skipped: "",
        },
        Attack {
            name: "html_unclosed_tags.html",
            bytes: format!(
                "<h1>通知</h1><p>各地要坚持稳增长。</p>{}",
                "<div><script><b>".repeat(140_000)
            )
            .into_bytes(),
            skipped: "",
        },
        Attack {
            name: "html_ampersands.html",
            bytes: format!("<p>稳增长{}</p>", "&".repeat(1 << 20)).into_bytes(),
            skipped: "",
        },
    ];
    // Outcomes that depend on the PDF reader (it may give up on a loop, or read on)
    // are checked by the time and memory bound alone: `skipped` empty means "either".
    all.retain(|a| !a.bytes.is_empty());
    all
}

/// A PDF from object bodies (object n is `bodies[n - 1]`; object 1 the catalog).
pub fn pdf(bodies: &[String]) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, body) in bodies.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", n + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            bodies.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn stream(dict: &str, content: &[u8]) -> String {
    format!(
        "<< {dict} /Length {} >>\nstream\n{}\nendstream",
        content.len(),
        String::from_utf8_lossy(content)
    )
}

const FONT: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

/// A page whose form XObject draws itself: endless recursion in the reader.
fn pdf_self_drawing_form() -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
         /Resources << /XObject << /X0 5 0 R >> /Font << /F1 6 0 R >> >> /Contents 4 0 R >>"
            .into(),
        stream("", b"/X0 Do"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 595 842] \
             /Resources << /XObject << /X0 5 0 R >> /Font << /F1 6 0 R >> >>",
            b"BT /F1 12 Tf 72 700 Td (loop) Tj ET /X0 Do",
        ),
        FONT.into(),
    ])
}

/// A page that inherits its resources through a `/Parent` chain that loops.
fn pdf_parent_loop() -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Parent 5 0 R >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".into(),
        stream("", b"BT /F1 12 Tf 72 700 Td (parent) Tj ET"),
        "<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>".into(),
    ])
}

/// A page tree whose kids hold their ancestor.
fn pdf_kids_loop() -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 2 >>".into(),
        "<< /Type /Pages /Kids [2 0 R 4 0 R] /Parent 2 0 R /Count 2 >>".into(),
        "<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 5 0 R >>"
            .into(),
        stream("", b"BT /F1 12 Tf 72 700 Td (kids) Tj ET"),
        FONT.into(),
    ])
}

/// A content stream of a few hundred kilobytes that inflates to 128 MB of text
/// operators: the reader's operations would take gigabytes.
fn pdf_stream_bomb() -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(b"BT /F1 12 Tf 72 700 Td\n").unwrap();
    let chunk = b"(ab) Tj\n".repeat(1 << 17);
    for _ in 0..128 {
        encoder.write_all(&chunk).unwrap();
    }
    encoder.write_all(b"ET").unwrap();
    let compressed = encoder.finish().unwrap();
    let mut bodies: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .into(),
        String::new(),
        FONT.into(),
    ];
    // Binary stream data: assembled by hand around the other objects.
    bodies[3] = "STREAM".into();
    let text = pdf(&bodies);
    let marker = b"STREAM";
    let at = text
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap();
    let mut head = text[..at].to_vec();
    head.extend_from_slice(
        format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            compressed.len()
        )
        .as_bytes(),
    );
    head.extend_from_slice(&compressed);
    head.extend_from_slice(b"\nendstream");
    // Offsets after the stream moved: rebuild the cross-reference table.
    let tail = &text[at + marker.len()..];
    let mut whole = head;
    whole.extend_from_slice(tail);
    fix_xref(&whole)
}

/// Rewrites the xref table of a PDF whose objects moved.
fn fix_xref(pdf: &[u8]) -> Vec<u8> {
    let find = |needle: &[u8], from: usize| {
        pdf[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let xref_at = pdf.windows(6).position(|w| w == b"\nxref\n").unwrap() + 1;
    let mut offsets = Vec::new();
    let mut n = 1;
    while let Some(at) = find(format!("\n{n} 0 obj\n").as_bytes(), 0) {
        offsets.push(at + 1);
        n += 1;
    }
    let mut out = pdf[..xref_at].to_vec();
    out.extend_from_slice(format!("xref\n0 {n}\n0000000000 65535 f \n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {n} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A PDF of `pages` pages, each with a line of text.
pub fn pdf_many_pages(pages: usize) -> Vec<u8> {
    let mut bodies: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(),
        FONT.into(),
    ];
    let mut kids = Vec::new();
    for p in 0..pages {
        let page_no = bodies.len() + 1;
        kids.push(format!("{page_no} 0 R"));
        bodies.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            page_no + 1
        ));
        bodies.push(stream(
            "",
            format!("BT /F1 12 Tf 72 700 Td (page {p}) Tj ET").as_bytes(),
        ));
    }
    bodies[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    pdf(&bodies)
}

/// `word/document.xml` of `bytes` bytes, mostly one run of zeros (compresses to ~0.1%).
fn zeros_xml(bytes: usize) -> String {
    let head = "<w:document><w:body><w:p><w:r><w:t>";
    let tail = "</w:t></w:r></w:p></w:body></w:document>";
    let mut xml = String::with_capacity(bytes);
    xml.push_str(head);
    xml.extend(std::iter::repeat_n(
        '0',
        bytes.saturating_sub(head.len() + tail.len()),
    ));
    xml.push_str(tail);
    xml
}

/// A `.docx` (a zip) holding `xml` as its `word/document.xml`.
pub fn docx(xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(xml.len() > u32::MAX as usize);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}
