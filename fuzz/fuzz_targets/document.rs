//! Any bytes, read as any supported format, become documents or a reason to skip the
//! file, never a panic; passages are never empty and metadata dates are valid.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, the rest is the file.
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = ["a.txt", "a.html", "a.docx", "a.md", "a.pdf"][kind as usize % 5];
    let Ok(decoded) = gongwen::corpus::decode_file(name, bytes) else {
        return;
    };
    for doc in gongwen::document::parse(name, &decoded.text) {
        for passage in &doc.passages {
            assert!(
                !passage.trim().is_empty(),
                "empty passage from {:?}",
                decoded.text
            );
        }
        if let Some(date) = doc.meta.date {
            assert!(date.first_day() <= date.last_day());
        }
    }
});
