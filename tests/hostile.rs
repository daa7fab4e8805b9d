//! Hostile input: any query string parses to a query or a clear error, never a panic;
//! highlights always lie on character boundaries inside the text; any bytes parse into
//! documents or are refused by the decoder.

use gongwen::search::{highlight, query};
use proptest::prelude::*;

proptest! {
    #[test]
    fn any_query_is_a_result_or_an_error(q in "\\PC{0,80}") {
        match query::parse(&q) {
            Ok(parsed) => prop_assert!(parsed.clauses.iter().any(|c| !c.negated)),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn query_syntax_soup_never_panics(parts in proptest::collection::vec(
        prop_oneof![Just("\""), Just(" OR "), Just("-"), Just("speaker:"), Just("year:2021-13-45"), Just("稳"), Just(" "), Just("：")],
        0..12,
    )) {
        let _ = query::parse(&parts.concat());
    }

    #[test]
    fn highlights_stay_inside_the_text(text in "\\PC{0,60}", needles in proptest::collection::vec("\\PC{1,4}", 1..4)) {
        let chars = text.chars().count();
        let ranges = highlight::highlights(&text, needles.iter().map(String::as_str));
        let mut last_end = 0;
        for (s, e) in ranges {
            prop_assert!(s < e && e <= chars, "({s}, {e}) outside {chars} chars");
            prop_assert!(s >= last_end, "overlapping highlights");
            last_end = e;
        }
    }

    #[test]
    fn any_bytes_decode_or_are_refused_and_parse_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(decoded) = gongwen::corpus::decode(&bytes) {
            let docs = gongwen::document::parse("fuzz.txt", &decoded.text);
            for d in docs {
                prop_assert!(d.passages.iter().all(|p| !p.is_empty()));
            }
        }
    }
}

#[test]
fn huge_and_empty_queries_are_refused() {
    assert!(query::parse(&"稳".repeat(10_000)).is_err());
    assert!(query::parse("   ").is_err());
    assert!(
        query::parse("，。！").is_ok(),
        "punctuation is a literal like any other"
    );
}

#[test]
fn names_and_manifest_fields_cannot_drive_the_terminal() {
    // Issue 23: a file named `\e]0;PWNED\a\e[2J…` retitled and cleared the reader's
    // terminal, and `\n` in a name or a title broke `docs` lines.
    let name = "\u{1b}]0;PWNED\u{7}\u{1b}[2Jx\nname.txt";
    let manifest = "{\"file\": \"titled.txt\", \"title\": \"标题\\u001b[31m红\\r\\n第二行\", \"speaker\": \"\\u001b]0;X\\u0007赵\"}\n";
    let dir = crate::util::corpus_copy(&[
        (name, "稳增长是首要任务。".as_bytes()),
        ("titled.txt", "稳增长是首要任务。".as_bytes()),
        ("manifest.jsonl", manifest.as_bytes()),
    ]);
    for args in [
        &["docs"][..],
        &["search", "稳增长"],
        &["mentions", "稳增长"],
        &["mentions", "稳增长", "--by", "doc"],
        &["mentions", "稳增长", "--csv"],
        &["search", "稳增长", "--json"],
    ] {
        let out = crate::util::gongwen(dir.path(), args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let printed = crate::util::stdout(&out);
        assert!(
            !printed.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?}: {printed:?}"
        );
        assert!(
            !printed.contains("\n第二行") && !printed.contains("\nname.txt"),
            "{args:?}"
        );
    }
    let docs = crate::util::stdout(&crate::util::gongwen(dir.path(), &["docs"]));
    assert!(
        docs.contains("\\x1B]0;PWNED\\x07\\x1B[2Jx\\x0Aname.txt"),
        "{docs}"
    );
    assert!(docs.contains("标题[31m红  第二行"), "{docs}");
}
