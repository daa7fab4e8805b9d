//! Folding: the matching key of a character. Indexing, queries, highlights and
//! mention scans all compare text through [`fold_char`], which maps one character to
//! exactly one character, so offsets in folded text are offsets in the original.

use std::sync::LazyLock;

/// Folds full-width ASCII letters and digits (and ％) to their half-width forms and the
/// ideographic space to a space; everything else is returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Traditional → simplified, one character to one character, without context (so a
/// character folds the same way in a query as in any text). Built on first use from
/// fast2s's table: each character is converted between spaces, which neutralises the
/// few context rules. A dense table over the ideograph blocks fast2s covers (about
/// 2,700 characters change), since every character of every passage is looked up.
static SIMPLIFIED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let chars: Vec<char> = (SCRIPT_FIRST..=SCRIPT_LAST)
        .filter_map(char::from_u32)
        .collect();
    let spaced: String = chars.iter().flat_map(|&c| [c, ' ']).collect();
    let converted: Vec<char> = fast2s::convert(&spaced).chars().collect();
    let mut table: Vec<char> = (SCRIPT_FIRST..=SCRIPT_LAST)
        .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
        .collect();
    for (t, s) in chars.iter().zip(converted.iter().step_by(2)) {
        table[(*t as u32 - SCRIPT_FIRST) as usize] = *s;
    }
    table
});
const SCRIPT_FIRST: u32 = 0x3400;
const SCRIPT_LAST: u32 = 0x9FFF;

/// Folds a traditional character to its simplified form (see [`SIMPLIFIED`]).
pub fn fold_script(c: char) -> char {
    let u = c as u32;
    if (SCRIPT_FIRST..=SCRIPT_LAST).contains(&u) {
        SIMPLIFIED[(u - SCRIPT_FIRST) as usize]
    } else {
        c
    }
}

/// The matching key of a character: width-folded, traditional folded to simplified,
/// lower-cased, and every whitespace character (a line break, a no-break or ideographic
/// space) a space — the exact field indexes them all as one term, so a scan must see
/// them as one too —, always exactly one character so that offsets in folded text equal
/// offsets in the original.
pub fn fold_char(c: char) -> char {
    // The two common cases first: ASCII, and ideographs (which have no case).
    if c.is_ascii() {
        return if c.is_whitespace() {
            ' '
        } else {
            c.to_ascii_lowercase()
        };
    }
    let u = c as u32;
    if (SCRIPT_FIRST..=SCRIPT_LAST).contains(&u) {
        return SIMPLIFIED[(u - SCRIPT_FIRST) as usize];
    }
    if c.is_whitespace() {
        return ' ';
    }
    let c = fold_width(c);
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Chinese and general punctuation have no case.
    if matches!(c as u32, 0x2010..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFFEF) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Every character whose key ([`fold_char`]) is `key`, when `key` is an ideograph of the
/// folding table: what a scan for it must find (穩 and 稳 for 稳). `None` for other
/// characters. Nothing outside the table folds into it (ASCII stays ASCII, width folds
/// to ASCII, lower-casing stays in cased scripts), so the list is complete.
pub fn ideograph_preimages(key: char) -> Option<Vec<char>> {
    let u = key as u32;
    if !(SCRIPT_FIRST..=SCRIPT_LAST).contains(&u) {
        return None;
    }
    Some(
        SIMPLIFIED
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == key)
            .filter_map(|(i, _)| char::from_u32(SCRIPT_FIRST + i as u32))
            .collect(),
    )
}

/// Folds a whole string with [`fold_char`].
pub fn fold_str(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Folds `text` with [`fold_char`] into `out` (cleared first), copying the stretches
/// that fold to themselves whole (most text does): when nothing changes, returns
/// `text` itself and leaves `out` empty.
pub fn fold_into<'a>(text: &'a str, out: &'a mut String) -> &'a str {
    out.clear();
    let mut copied = 0;
    for (i, c) in text.char_indices() {
        let folded = fold_char(c);
        if folded != c {
            out.push_str(&text[copied..i]);
            out.push(folded);
            copied = i + c.len_utf8();
        }
    }
    if copied == 0 {
        return text;
    }
    out.push_str(&text[copied..]);
    out
}

/// True for CJK ideographs (the unified blocks and their extensions).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3007)
}

/// Characters repair drops from text and a query drops too: zero-width characters,
/// the byte-order mark, the soft hyphen and control characters other than whitespace.
/// `尧\u{200B}柏水泥` is 尧柏水泥 in a query as in a passage.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// `text` without its [`is_invisible`] characters.
pub fn strip_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_invisible) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_folds_to_simplified() {
        assert_eq!(fold_str("經濟發展與國務院報告"), "经济发展与国务院报告");
        assert_eq!(
            fold_str("乾隆"),
            fold_str("乾燥").chars().take(1).collect::<String>() + "隆"
        );
        assert_eq!(fold_str("经济"), "经济");
        assert_eq!(fold_str("後"), "后");
    }

    #[test]
    fn folding_is_one_char_to_one_char() {
        assert_eq!(fold_str("ＧＤＰ２０２０Ａb"), "gdp2020ab");
        assert_eq!(fold_char('稳'), '稳');
        assert_eq!(fold_char('İ'), 'İ');
        // Whitespace of every kind is a space (the line break inside a passage of
        // `corpus/004_…`: `。\u{a0}\n这`).
        assert_eq!(fold_str("。\u{a0}\n这\t\u{3000}x"), "。  这  x");
    }

    #[test]
    fn folding_into_a_buffer_is_folding() {
        let mut out = String::new();
        for text in ["經濟發展，GDP增長", "经济发展", "後", "A", "", "国務院"] {
            assert_eq!(fold_into(text, &mut out), fold_str(text), "{text}");
        }
        let unchanged = "稳增长";
        assert!(std::ptr::eq(fold_into(unchanged, &mut out), unchanged));
    }
}
