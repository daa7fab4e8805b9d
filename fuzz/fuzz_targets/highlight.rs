//! Highlights of any literal in any text are character ranges inside the text, in
//! order, not overlapping, each covering the literal (after folding); rendering them
//! never splits a character.
#![no_main]

use gongwen::output::{Marker, render_passage};
use gongwen::search::highlight;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Text and literal are separated by the first NUL.
    let (haystack, literal) = text.split_once('\0').unwrap_or((text, "的"));
    let ranges = highlight::highlights(haystack, [literal]);
    let chars = haystack.chars().count();
    let mut last_end = 0;
    for &(start, end) in &ranges {
        assert!(start < end && end <= chars, "{ranges:?} in {chars} chars");
        assert!(start >= last_end, "overlapping {ranges:?}");
        last_end = end;
    }
    let _ = render_passage(haystack, &ranges, Marker::Brackets, 40);
});
