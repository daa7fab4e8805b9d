//! The raw command line before clap reads it: excluded query terms (`-工业`) moved
//! behind a `--`, so that clap takes them as query text, not as unknown flags.

use std::ffi::OsString;

/// Flags whose value may begin with `-` (a count too: `--limit -5` is told it is no count).
const FILTER_FLAGS: &[&str] = &["--speaker", "--body", "--from", "--to", "--limit"];

/// Moves excluded query terms (`-工业`, `-"a phrase"`) behind a `--`, so that clap reads
/// them as query text instead of unknown flags. A flag is `-` followed by an ASCII
/// letter or `-`; anything else after a `-` is query syntax.
pub fn prepare_args(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let args: Vec<OsString> = args.into_iter().collect();
    if args
        .get(1)
        .is_none_or(|a| a != "search" && a != "mentions" && a != "stats")
        || args.iter().any(|a| a == "--")
    {
        return args;
    }
    let is_exclusion = |a: &OsString| {
        let s = a.to_string_lossy();
        s.len() > 1
            && s.starts_with('-')
            && !s[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '-')
    };
    // A value of a filter flag stays with it: `--speaker -赵` is a speaker, not a term.
    let mut terms = Vec::new();
    let mut rest = Vec::new();
    for arg in args {
        let is_value = rest
            .last()
            .is_some_and(|prev: &OsString| FILTER_FLAGS.iter().any(|f| prev == f));
        if is_exclusion(&arg) && !is_value {
            terms.push(arg);
        } else {
            rest.push(arg);
        }
    }
    if !terms.is_empty() {
        rest.push(OsString::from("--"));
        rest.extend(terms);
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_move_behind_double_dash() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            prepare_args(args(&["gongwen", "search", "稳", "-工业", "--limit", "1"])),
            args(&["gongwen", "search", "稳", "--limit", "1", "--", "-工业"])
        );
        assert_eq!(
            prepare_args(args(&[
                "gongwen",
                "search",
                "稳",
                "--speaker",
                "-赵",
                "-工业"
            ])),
            args(&["gongwen", "search", "稳", "--speaker", "-赵", "--", "-工业"])
        );
        assert_eq!(
            prepare_args(args(&["gongwen", "docs", "-h"])),
            args(&["gongwen", "docs", "-h"])
        );
    }
}
