//! A command's resolved settings: what the command line asked for, checked and in the
//! library's own types, made once by the binary (`src/cli.rs`). Commands and a server
//! take a [`Config`]; the library knows no flag names.

use std::path::PathBuf;

use crate::catalog::BuildOptions;
use crate::mentions::counts::{GroupBy, RowOrder};
use crate::output::Marker;
use crate::search::{Filters, Query, Sort};
use crate::trend::PeriodKind;

/// Where the index is, and the corpus to build it from when there is none.
#[derive(Debug, Clone)]
pub struct Location {
    pub index: PathBuf,
    pub corpus: PathBuf,
    /// Where an index built on the way reads its PDFs.
    pub sandbox: crate::corpus::Sandbox,
    /// The index folder was named by the user: a missing one is an error (a typo), not
    /// an index to build.
    pub must_exist: bool,
}

/// Which alias groups apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AliasSource {
    /// `aliases.toml` in the corpus the index was built from, if there is one.
    CorpusDefault,
    /// This file.
    File(PathBuf),
    /// None: every name on its own.
    Off,
}

/// One command, resolved.
#[derive(Debug, Clone)]
pub enum Config {
    Index(IndexConfig),
    Search(SearchConfig),
    Mentions(MentionsConfig),
    Trend(TrendConfig),
    Docs(DocsConfig),
    Export(ExportConfig),
    Names(NamesConfig),
    Keywords(KeywordsConfig),
    NewWords(NewWordsConfig),
    Collocates(CollocatesConfig),
    Spread(SpreadConfig),
    Reuse(ReuseConfig),
    Serve(ServeConfig),
}

/// `index`: build or update the index of a corpus.
#[derive(Debug, Clone)]
pub struct IndexConfig {
    /// Check the index instead of building it.
    pub verify: bool,
    pub corpus: PathBuf,
    pub index: PathBuf,
    pub options: BuildOptions,
    /// Draw progress (stderr is a terminal).
    pub progress: bool,
}

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchFormat {
    Human(Marker),
    Json,
}

/// `search`: the query parsed, filters checked.
#[derive(Debug, Clone)]
pub struct SearchConfig {
    /// The query as typed, for messages.
    pub text: String,
    pub query: Query,
    pub filters: Filters,
    pub aliases: AliasSource,
    /// Documents to show (passages with `passages`).
    pub limit: usize,
    pub sort: Sort,
    /// List passages instead of documents.
    pub passages: bool,
    pub format: SearchFormat,
    pub location: Location,
    pub ranking: Ranking,
}

/// Whose statistics rank a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Ranking {
    /// The index's own.
    #[default]
    Own,
    /// None: print the index's statistics for the query instead (`gongwen stats`).
    Print,
    /// The sum of these files' (`search --stats`): the shards of one corpus.
    Shards(Vec<PathBuf>),
}

/// How mentions are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionsFormat {
    Concordance(Marker),
    /// A count table grouped `by`, rows in `order`, printed in `style`.
    Table {
        by: GroupBy,
        order: RowOrder,
        style: TableStyle,
        /// One row per term (a list of names checked in one run), not per group.
        by_term: bool,
    },
    Json,
    Csv,
}

impl MentionsFormat {
    /// This format with a count table turned to one row per term when `by_term`.
    pub fn by_term(self, by_term: bool) -> MentionsFormat {
        match self {
            MentionsFormat::Table {
                by, order, style, ..
            } => MentionsFormat::Table {
                by,
                order,
                style,
                by_term,
            },
            other => other,
        }
    }
}

/// A counting command (`names`, `keywords`) on one shard of a corpus (`index --shard`),
/// or over the parts every shard printed: the answer one index of the whole corpus gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ShardStep {
    /// The answer of this index.
    #[default]
    Whole,
    /// Print what this shard gives the others before anything is counted (`names`: what
    /// its documents were read as; `reuse`: the texts of its compared documents).
    Gather,
    /// Print this shard's counts, to be summed (`names`: of the candidates gathered on
    /// every shard, in these files).
    Part(Vec<PathBuf>),
    /// Sum the parts in these files and print the answer; no index is opened.
    Sum(Vec<PathBuf>),
}

/// How a count table is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableStyle {
    Terminal,
    Json,
    Csv,
}

/// `mentions`: every occurrence of each term.
#[derive(Debug, Clone)]
pub struct MentionsConfig {
    pub terms: Vec<String>,
    /// Longer strings whose occurrences of a term are left out (`-中国石油化工`).
    pub excluded: Vec<String>,
    /// List what each term's occurrences are followed and preceded by.
    pub variants: bool,
    /// Sort the concordance by the words left or right of the match (none: document
    /// order, streamed).
    pub sort: Option<crate::mentions::sort::ContextSort>,
    /// Only the mentions with this word within this many words (the concordance of a
    /// collocate and its term).
    pub near: Option<(String, usize)>,
    /// With a count table by year: also draw it as a bar chart here (SVG, PNG).
    pub svg: Option<PathBuf>,
    pub png: Option<PathBuf>,
    pub filters: Filters,
    pub aliases: AliasSource,
    pub format: MentionsFormat,
    /// With a count table: this shard's part of it, or the sum of every shard's.
    pub step: ShardStep,
    pub location: Location,
}

/// How a trend is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendFormat {
    Table,
    Json,
    Csv,
}

/// `trend`: per-period counts of each phrase.
#[derive(Debug, Clone)]
pub struct TrendConfig {
    pub terms: Vec<String>,
    pub period: PeriodKind,
    pub filters: Filters,
    pub aliases: AliasSource,
    pub format: TrendFormat,
    /// Also write the chart here (SVG, PNG).
    pub svg: Option<PathBuf>,
    pub png: Option<PathBuf>,
    pub location: Location,
}

/// `docs`: the document list.
#[derive(Debug, Clone)]
pub struct DocsConfig {
    pub json: bool,
    /// Only documents lacking this metadata field.
    pub missing: Option<&'static str>,
    /// Only documents these filters admit.
    pub filters: Filters,
    pub location: Location,
}

/// `gongwen export`: the passages of the documents `filters` admit.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    pub filters: Filters,
    /// The file written (created: an existing one is never replaced), Parquet when its
    /// name ends in `.parquet`; JSON Lines on stdout without.
    pub out: Option<PathBuf>,
    pub location: Location,
}

/// Whether to colour matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

named_values!(ColorChoice { "auto" => Auto, "always" => Always, "never" => Never });

impl ColorChoice {
    /// The marker for matches: colour when chosen (or `Auto` and `terminal`), else 【】.
    pub fn marker(self, terminal: bool) -> Marker {
        let colored = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => terminal,
        };
        if colored {
            Marker::Color
        } else {
            Marker::Brackets
        }
    }
}

/// `names`: the enterprises, bodies and places the corpus mentions.
#[derive(Debug, Clone)]
pub struct NamesConfig {
    pub kinds: Vec<crate::mentions::names::NameKind>,
    /// Names to print, commonest first (`None`: all).
    pub limit: Option<usize>,
    /// Leave out names occurring fewer times.
    pub min_occurrences: usize,
    /// Full names counted alone or with their short forms.
    pub short_forms: crate::mentions::names::ShortForms,
    pub style: TableStyle,
    pub filters: Filters,
    pub step: ShardStep,
    pub location: Location,
}

/// `keywords`: what a target set of documents says more, or less, than a reference.
#[derive(Debug, Clone)]
pub struct KeywordsConfig {
    pub target: Filters,
    /// The reference; `None`: every document outside the target.
    pub reference: Option<Filters>,
    pub options: crate::research::KeywordOptions,
    /// Keywords of each direction to print (`None`: all).
    pub limit: Option<usize>,
    pub style: TableStyle,
    /// The two sides as the user wrote them, for the table's first line.
    pub said: String,
    pub step: ShardStep,
    pub location: Location,
}

/// `new`: the words a slice uses that no earlier document of a comparison set used.
#[derive(Debug, Clone)]
pub struct NewWordsConfig {
    pub slice: Filters,
    /// The comparison set; `None`: the slice's filters without their dates.
    pub comparison: Option<Filters>,
    pub min_occurrences: u64,
    pub limit: usize,
    pub style: TableStyle,
    /// The slice as the user wrote it, for the first line.
    pub said: String,
    pub location: Location,
}

/// `collocates`: the words around a term's occurrences.
#[derive(Debug, Clone)]
pub struct CollocatesConfig {
    pub term: String,
    pub filters: Filters,
    /// Words on each side of an occurrence.
    pub window: usize,
    /// Occurrences in the windows a collocate has at least.
    pub min_joint: u64,
    pub limit: usize,
    pub style: TableStyle,
    pub aliases: AliasSource,
    pub location: Location,
}

/// `spread`: how a term travels between groups of documents.
#[derive(Debug, Clone)]
pub struct SpreadConfig {
    pub term: String,
    pub filters: Filters,
    pub by: crate::research::GroupField,
    /// The group lags are measured from (none: the first to use the term).
    pub from: Option<String>,
    pub style: TableStyle,
    pub svg: Option<PathBuf>,
    pub png: Option<PathBuf>,
    /// What was asked, for the table's first line and the chart's caption.
    pub said: String,
    pub aliases: AliasSource,
    pub location: Location,
}

/// `reuse`: the passages documents of one set share with another's (or each other's).
#[derive(Debug, Clone)]
pub struct ReuseConfig {
    pub first: Filters,
    /// The second set; `None`: pairs within the first.
    pub second: Option<Filters>,
    pub options: crate::reuse::ReuseOptions,
    /// What to print: the pairs and documents (table), or one row per passage.
    pub style: TableStyle,
    /// Pairs (and documents) the table shows, passages it shows per pair.
    pub limit: usize,
    pub shown_passages: usize,
    /// Draw progress (stderr is a terminal).
    pub progress: bool,
    /// The sets as the user wrote them, for the table's first line.
    pub said: String,
    pub step: ShardStep,
    /// With [`ShardStep::Sum`]: where the gathered texts are aligned.
    pub alignment: ReuseAlignment,
    /// Bytes the comparison may hold at its peak (none: no limit).
    pub memory: Option<u64>,
    pub location: Location,
}

/// Where `reuse --sum` aligns the candidate pairs of the gathered texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ReuseAlignment {
    /// All of them, here.
    #[default]
    Here,
    /// Share K of N (the pairs whose place in the candidate list is K modulo N): print
    /// their passages, for another task to sum.
    Share(usize, usize),
    /// Sum the passages every share aligned, in these files.
    Aligned(Vec<PathBuf>),
}

/// `serve`: the web page and the HTTP API.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: std::net::SocketAddr,
    /// Answer cross-origin requests from this origin (none unless asked).
    pub cors: Option<String>,
    /// No log line per request.
    pub quiet: bool,
    pub limits: ServeLimits,
    pub location: Location,
}

/// What one request may ask of the server.
#[derive(Debug, Clone, Copy)]
pub struct ServeLimits {
    /// Characters of a query.
    pub query_chars: usize,
    /// Results on one page.
    pub page_size: usize,
    /// Heavy requests (mentions, trends, downloads) running at once.
    pub heavy: usize,
    /// Time a request may run before it is answered with an error.
    pub timeout: std::time::Duration,
    /// Bytes one reuse request may hold at its peak (none: no limit).
    pub reuse_memory: Option<u64>,
}

impl Default for ServeLimits {
    fn default() -> Self {
        ServeLimits {
            // The command line's limit: a query the terminal takes, the page takes.
            query_chars: crate::search::query::MAX_QUERY_CHARS,
            page_size: 100,
            // One core left for narrow requests, which never wait for a slot.
            heavy: std::thread::available_parallelism()
                .map_or(1, |n| n.get().saturating_sub(1).max(1)),
            timeout: std::time::Duration::from_secs(20),
            reuse_memory: None,
        }
    }
}
