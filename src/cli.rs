//! Command-line arguments, as clap parses them. Each field's doc comment is its help
//! text. `commands` turns these raw flags into validated settings.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Full-text search for Chinese government speeches and reports: every literal match,
/// ranked with word knowledge.
#[derive(Debug, Parser)]
#[command(name = "gongwen", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index of a corpus folder.
    Index {
        /// Folder of documents (.txt, .md) to index.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Folder the index is written to.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Extra jieba dictionary: one `word [frequency] [tag]` a line.
        #[arg(long)]
        dict: Option<PathBuf>,
        /// Start over from an empty index instead of updating the existing one with the
        /// files added, changed (by content) and removed since.
        #[arg(long)]
        rebuild: bool,
        /// Manifest (JSON Lines or CSV) to use instead of the manifest.jsonl / metadata.csv
        /// files found in the corpus.
        #[arg(long, value_name = "FILE", conflicts_with = "no_manifest")]
        manifest: Option<PathBuf>,
        /// Ignore manifests: metadata only from document headers and file names.
        #[arg(long)]
        no_manifest: bool,
    },
    /// Search passages; builds the index first if there is none or the corpus changed.
    Search {
        /// Query: terms (all required), "a phrase", A OR B, -excluded, speaker:…, body:…, year:…
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        aliases: AliasArgs,
        /// How many hits to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Order of hits.
        #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
        sort: SortArg,
        /// JSON Lines output, one object per hit.
        #[arg(long)]
        json: bool,
        /// Colour matches: auto (on a terminal, unless NO_COLOR is set), always, never.
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
        #[command(flatten)]
        location: Location,
    },
    /// Every occurrence of each term (exhaustive, not top-k), as a concordance or counts.
    Mentions {
        /// Literal terms; each is counted separately.
        #[arg(required = true, num_args = 1..)]
        terms: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        aliases: AliasArgs,
        /// Print a count table by document, year, speaker or body instead.
        #[arg(long, value_enum)]
        by: Option<ByArg>,
        /// JSON Lines output, one object per occurrence.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV output (UTF-8 with BOM), one row per occurrence.
        #[arg(long)]
        csv: bool,
        /// Colour matches: auto (on a terminal, unless NO_COLOR is set), always, never.
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
        #[command(flatten)]
        location: Location,
    },
    /// A phrase across the years: occurrences, documents and rate per 10,000 characters
    /// for every period.
    Trend {
        /// Literal phrases; each gets its own column and line.
        #[arg(required = true, num_args = 1..)]
        terms: Vec<String>,
        /// Period width.
        #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
        by: PeriodArg,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        aliases: AliasArgs,
        /// JSON Lines output, one object per period and phrase.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// CSV output (UTF-8 with BOM), one row per period and phrase.
        #[arg(long)]
        csv: bool,
        /// Also write a line chart to this SVG file.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        #[command(flatten)]
        location: Location,
    },
    /// List every indexed document with its metadata.
    Docs {
        /// JSON Lines output, one object per document.
        #[arg(long)]
        json: bool,
        /// Only documents lacking this value, to fill the gaps.
        #[arg(long, value_enum, value_name = "FIELD")]
        missing: Option<MissingArg>,
        #[command(flatten)]
        location: Location,
    },
}

/// Filters shared by the commands that read passages.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only documents whose speaker contains this text.
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only documents whose issuing body contains this text.
    #[arg(long)]
    pub body: Option<String>,
    /// Only documents dated from this day on: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub from: Option<String>,
    /// Only documents dated up to this day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub to: Option<String>,
}

/// Which alias groups apply.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AliasArgs {
    /// Alias file (TOML, one [[group]] per entity); default: aliases.toml in the corpus folder.
    #[arg(long, value_name = "FILE", conflicts_with = "no_aliases")]
    pub aliases: Option<PathBuf>,
    /// Treat every name on its own, ignoring alias groups.
    #[arg(long)]
    pub no_aliases: bool,
}

/// Where the index is, and the corpus to build it from when there is none.
#[derive(Debug, Clone, clap::Args)]
pub struct Location {
    /// Index folder.
    #[arg(long, default_value = "index")]
    pub index: PathBuf,
    /// Corpus folder used when the index has to be built.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Doc,
    Year,
    Speaker,
    Body,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MissingArg {
    Title,
    Date,
    Speaker,
    Body,
}

impl MissingArg {
    /// The metadata field name.
    pub fn field(self) -> &'static str {
        match self {
            MissingArg::Title => "title",
            MissingArg::Date => "date",
            MissingArg::Speaker => "speaker",
            MissingArg::Body => "body",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    Year,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// Moves excluded query terms (`-工业`, `-"a phrase"`) behind a `--`, so that clap reads
/// them as query text instead of unknown flags. A flag is `-` followed by an ASCII
/// letter or `-`; anything else after a `-` is query syntax.
pub fn prepare_args(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let args: Vec<OsString> = args.into_iter().collect();
    if args.get(1).is_none_or(|a| a != "search") || args.iter().any(|a| a == "--") {
        return args;
    }
    let is_exclusion = |a: &OsString| {
        let s = a.to_string_lossy();
        s.len() > 1
            && s.starts_with('-')
            && !s[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '-')
    };
    let (terms, mut rest): (Vec<OsString>, Vec<OsString>) =
        args.into_iter().partition(is_exclusion);
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
            prepare_args(args(&["gongwen", "docs", "-h"])),
            args(&["gongwen", "docs", "-h"])
        );
    }
}
