//! Command-line arguments, as clap parses them (each field's doc comment is its help
//! text), and their resolution into the library's [`Config`], once. Part of the binary:
//! the library knows no flag names.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::str::FromStr;

use crate::counting_args::{MentionsArgs, NamesArgs, counting_terms};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand};
use gongwen::catalog::BuildOptions;
use gongwen::catalog::selection::Selection;
use gongwen::config::{
    AliasSource, ColorChoice, Config, DocsConfig, ExportConfig, IndexConfig, Location, Ranking,
    SearchConfig, SearchFormat, ServeConfig, ServeLimits, TrendConfig, TrendFormat,
};
use gongwen::corpus::Sandbox;
use gongwen::document::DocDate;
use gongwen::document::metadata::fields::{FIELDS, field};
use gongwen::search::{Filters, Sort};
use gongwen::trend::PeriodKind;
use gongwen::{Error, Result};

/// A value parser for a library enum: its names are the possible values (listed in
/// `--help`), parsed with its `FromStr`.
pub(crate) fn choice<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Debug,
{
    PossibleValuesParser::new(names).map(|name| name.parse::<T>().expect("a listed name parses"))
}

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
        /// Folder of documents (.txt, .md, .html, .docx, .pdf) to index.
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
        /// Index only shard I of N (0/4 … 3/4): a file's shard is decided by its path,
        /// so shards indexed apart hold every file exactly once. Kept by later updates.
        #[arg(long, value_name = "I/N", value_parser = Selection::shard)]
        shard: Option<Selection>,
        /// Index only the files this list names, one path relative to the corpus a line.
        /// Kept by later updates.
        #[arg(long, value_name = "LIST", conflicts_with = "shard")]
        files_from: Option<PathBuf>,
        /// Read every file of the index and check it (checksums, counts) instead of
        /// indexing; exit 2 naming what is damaged.
        #[arg(long, conflicts_with_all = ["rebuild", "dict", "manifest", "no_manifest", "shard", "files_from"])]
        verify: bool,
    },
    /// Search documents (each with its best passages); builds the index first if there
    /// is none or the corpus changed.
    Search {
        /// Query: terms (all required, anywhere in a document), "a phrase", A OR B,
        /// -excluded, speaker:…, body:…, year:…
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        aliases: AliasArgs,
        /// How many documents to show (passages with --passages).
        #[arg(long, default_value_t = 10, allow_negative_numbers = true,
              value_parser = crate::flag_values::count)]
        limit: usize,
        /// Order of hits.
        #[arg(long, default_value = "relevance", value_parser = choice::<Sort>(Sort::NAMES))]
        sort: Sort,
        /// List passages (each holding a term, in the matching documents) instead of
        /// documents.
        #[arg(long)]
        passages: bool,
        /// JSON Lines output, one object per document (per passage with --passages).
        #[arg(long)]
        json: bool,
        /// Colour matches: auto (on a terminal, unless NO_COLOR is set), always, never.
        #[arg(long, default_value = "auto", value_parser = choice::<ColorChoice>(ColorChoice::NAMES))]
        color: ColorChoice,
        /// Rank with the sum of these statistics (`gongwen stats` of the same query on
        /// every shard of the corpus) instead of this index's own: the shards' top
        /// documents merged by score are then one index's top documents.
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with = "passages")]
        stats: Vec<PathBuf>,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// What ranking a query needs from this index, as JSON (passages, word tokens, the
    /// passages holding each word of the query, …): for `search --stats` on shards.
    Stats {
        /// Query, as given to `search`.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        aliases: AliasArgs,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Every occurrence of each term (exhaustive, not top-k), as a concordance or counts.
    Mentions(MentionsArgs),
    /// A phrase across the years: occurrences, documents and rate per 10,000 characters
    /// for every period.
    Trend {
        /// Literal phrases; each gets its own column and line.
        #[arg(required = true, num_args = 1..)]
        terms: Vec<String>,
        /// Period width.
        #[arg(long, default_value = "year", value_parser = choice::<PeriodKind>(PeriodKind::NAMES))]
        by: PeriodKind,
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
        /// Also write the chart as a PNG image (needs a font with Chinese characters).
        #[arg(long, value_name = "FILE")]
        png: Option<PathBuf>,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// List every indexed document with its metadata.
    Docs {
        /// JSON Lines output, one object per document.
        #[arg(long)]
        json: bool,
        /// Only documents lacking this value, to fill the gaps.
        #[arg(long, value_name = "FIELD", value_parser = PossibleValuesParser::new(FIELDS.iter().map(|f| f.name)))]
        missing: Option<String>,
        /// Filters, as query words: doc_type:讲话 speaker:赵俊民 year:2021 …
        filter_words: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// Every passage with its document's metadata and its character offsets, as JSON
    /// Lines (stdout, or --out FILE) or Parquet (--out FILE.parquet): for Spark jobs and
    /// other tools that need the text itself.
    Export {
        /// Filters, as query words: doc_type:讲话 speaker:赵俊民 year:2021 …
        filter_words: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        /// File to create (never replaced): Parquet when it ends in .parquet, else JSON Lines.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        location: LocationArgs,
    },
    /// The enterprises, government bodies and places the corpus mentions, found by their
    /// suffixes (…有限公司, …集团, …委员会, …局, …省, …市) and by the short names texts
    /// define (以下简称“…”), each counted exactly as `mentions` counts it.
    Names(NamesArgs),
    /// The words target documents (year:2024) use more or less than others (--vs …)
    Keywords(crate::research_args::KeywordsArgs),
    /// The words a slice (year:2024) uses that no earlier document of its kind used
    New(crate::research_args::NewArgs),
    /// The words within ±N words of a term's occurrences (logDice, MI, T-score, G²)
    Collocates(crate::research_args::CollocatesArgs),
    /// How a term spread between groups: each body's (speaker's, province's) first use,
    /// lag, counts and use per year
    Spread(crate::research_args::SpreadArgs),
    /// Passages shared between documents, near-copies included: each pair's aligned
    /// passages with their differences, and how much of each document is shared
    Reuse(crate::research_args::ReuseArgs),
    /// A search page and a JSON API in the browser: search with facets, documents,
    /// mentions, trends, downloads. Read-only; binds 127.0.0.1 unless told otherwise.
    Serve {
        /// Address to listen on: IP:PORT or localhost:PORT (port 0: any free port; the
        /// address is printed).
        #[arg(long, default_value = "127.0.0.1:7700", value_parser = crate::flag_values::listen_address)]
        addr: std::net::SocketAddr,
        /// Let pages from this origin (`https://host[:port]`) call the API (no
        /// cross-origin calls otherwise).
        #[arg(long, value_name = "ORIGIN", value_parser = crate::flag_values::origin)]
        cors: Option<String>,
        /// No log line per request on stderr.
        #[arg(long)]
        quiet: bool,
        /// Seconds a request may run before it is answered with an error (504).
        #[arg(long, value_name = "SECONDS", default_value_t = 20.0)]
        timeout: f64,
        /// Memory one reuse request may hold at its peak, as 500M or 8G (0: no limit; by
        /// default the memory free at the start over the heavy requests that may run at
        /// once): a larger comparison is refused (400) before a text is read.
        #[arg(long, value_name = "SIZE", value_parser = crate::flag_values::memory_size)]
        reuse_memory: Option<u64>,
        #[command(flatten)]
        location: LocationArgs,
    },
}

/// What one request may ask of the server: the defaults, the time limit given, and the
/// memory of a reuse request (by default the memory free at the start, shared among the
/// heavy requests that may run at once).
fn serve_limits(timeout: f64, reuse_memory: Option<u64>) -> Result<ServeLimits> {
    let limits = ServeLimits::default();
    Ok(ServeLimits {
        timeout: crate::flag_values::request_timeout(timeout)?,
        reuse_memory: match reuse_memory {
            Some(0) => None,
            Some(bytes) => Some(bytes),
            None => crate::flag_values::available_memory().map(|m| m / limits.heavy as u64),
        },
        ..limits
    })
}

/// Filters shared by the commands that read passages.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only documents whose speaker contains this text.
    #[arg(long, allow_hyphen_values = true)]
    pub speaker: Option<String>,
    /// Only documents whose issuing body contains this text.
    #[arg(long, allow_hyphen_values = true)]
    pub body: Option<String>,
    /// Only documents dated from this day on: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Only documents dated up to this day: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Only documents whose metadata field contains the value: FIELD=VALUE (doc_type,
    /// level, any manifest field; speaker, body, year too), as FIELD:VALUE in a query.
    /// Repeatable.
    #[arg(long = "where", value_name = "FIELD=VALUE", allow_hyphen_values = true)]
    pub where_: Vec<String>,
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
pub struct LocationArgs {
    /// Index folder (default `index`; one named here must exist: a mistyped name is an
    /// error, not a new index).
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// Corpus folder used when the index has to be built.
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
}

impl Cli {
    /// The command's resolved settings: dates and queries checked, choices in the
    /// library's types, colour decided by whether stdout is a terminal.
    pub fn into_config(self) -> Result<Config> {
        let terminal = std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Ok(match self.command {
            Command::Index { .. } => index_config(self.command),
            Command::Search { .. } => search_command(self.command, terminal)?,
            Command::Stats {
                query,
                filters,
                aliases,
                location,
            } => Config::Search(SearchConfig {
                ranking: Ranking::Print,
                ..search_config(
                    query,
                    filters,
                    aliases,
                    0,
                    Sort::Relevance,
                    SearchFormat::Json,
                    location,
                )?
            }),
            Command::Mentions(args) => Config::Mentions(args.resolve(terminal)?),
            Command::Names(args) => Config::Names(args.resolve()?),
            Command::Keywords(args) => args.resolve()?,
            Command::New(args) => args.resolve()?,
            Command::Collocates(args) => args.resolve()?,
            Command::Spread(args) => args.resolve()?,
            Command::Reuse(args) => args.resolve()?,
            Command::Serve {
                addr,
                cors,
                quiet,
                timeout,
                reuse_memory,
                location,
            } => Config::Serve(ServeConfig {
                addr,
                cors,
                quiet,
                limits: serve_limits(timeout, reuse_memory)?,
                location: location.resolve(),
            }),
            Command::Trend {
                terms,
                by,
                filters,
                aliases,
                json,
                csv,
                svg,
                png,
                location,
            } => {
                let (terms, filters) = counting_terms(&terms, filters)?;
                Config::Trend(TrendConfig {
                    terms,
                    period: by,
                    filters,
                    aliases: aliases.resolve(),
                    format: trend_format(json, csv),
                    svg,
                    png,
                    location: location.resolve(),
                })
            }
            Command::Docs {
                json,
                missing,
                filter_words,
                filters,
                location,
            } => Config::Docs(docs_config(
                json,
                missing,
                &filter_words,
                filters,
                location,
            )?),
            Command::Export {
                filter_words,
                filters,
                out,
                location,
            } => {
                let docs = docs_config(false, None, &filter_words, filters, location)?;
                Config::Export(ExportConfig {
                    filters: docs.filters,
                    out,
                    location: docs.location,
                })
            }
        })
    }
}

/// How `trend` prints.
fn trend_format(json: bool, csv: bool) -> TrendFormat {
    match (json, csv) {
        (true, _) => TrendFormat::Json,
        (_, true) => TrendFormat::Csv,
        _ => TrendFormat::Table,
    }
}

/// The configuration of `gongwen search`.
fn search_command(command: Command, terminal: bool) -> Result<Config> {
    let Command::Search {
        query,
        filters,
        aliases,
        limit,
        sort,
        passages,
        json,
        color,
        stats,
        location,
    } = command
    else {
        unreachable!("called for the search command")
    };
    let format = match json {
        true => SearchFormat::Json,
        false => SearchFormat::Human(color.marker(terminal)),
    };
    let mut config = search_config(query, filters, aliases, limit, sort, format, location)?;
    config.passages = passages;
    if !stats.is_empty() {
        config.ranking = Ranking::Shards(stats);
    }
    Ok(Config::Search(config))
}

/// The configuration of `gongwen index`.
fn index_config(command: Command) -> Config {
    let Command::Index {
        corpus,
        index,
        dict,
        rebuild,
        manifest,
        no_manifest,
        shard,
        files_from,
        verify,
    } = command
    else {
        unreachable!("called for the index command")
    };
    Config::Index(IndexConfig {
        verify,
        corpus,
        index,
        options: BuildOptions {
            selection: match (shard, files_from) {
                (Some(shard), _) => shard,
                // Absolute: later updates may run from another folder.
                (None, Some(list)) => Selection::Listed(std::path::absolute(&list).unwrap_or(list)),
                (None, None) => Selection::All,
            },
            ..build_options(dict, manifest, no_manifest, rebuild)
        },
        progress: std::io::stderr().is_terminal(),
    })
}

/// The settings of an indexing run.
fn build_options(
    user_dict: Option<PathBuf>,
    manifest: Option<PathBuf>,
    no_manifest: bool,
    rebuild: bool,
) -> BuildOptions {
    BuildOptions {
        user_dict,
        manifest,
        no_manifest,
        rebuild,
        sandbox: sandbox(),
        selection: Selection::All,
    }
}

/// The settings of `docs`: filters only, as words or flags.
fn docs_config(
    json: bool,
    missing: Option<String>,
    filter_words: &[String],
    flags: FilterArgs,
    location: LocationArgs,
) -> Result<DocsConfig> {
    let (terms, filters) = counting_terms(filter_words, flags)?;
    if let Some(term) = terms.first() {
        return Err(Error::query(
            term,
            "docs takes filters only (FIELD:VALUE); search for text with `gongwen search`",
        ));
    }
    Ok(DocsConfig {
        json,
        missing: missing.and_then(|m| field(&m)).map(|f| f.name),
        filters,
        location: location.resolve(),
    })
}

/// The settings of `search`: the query parsed once, here.
fn search_config(
    query: Vec<String>,
    filters: FilterArgs,
    aliases: AliasArgs,
    limit: usize,
    sort: Sort,
    format: SearchFormat,
    location: LocationArgs,
) -> Result<SearchConfig> {
    let text = query.join(" ");
    Ok(SearchConfig {
        query: gongwen::search::query::parse(&text)?,
        text,
        filters: filters.resolve()?,
        aliases: aliases.resolve(),
        limit,
        sort,
        passages: false,
        format,
        location: location.resolve(),
        ranking: Ranking::Own,
    })
}

impl FilterArgs {
    /// The filters, with dates checked.
    pub(crate) fn resolve(self) -> Result<Filters> {
        let date = |flag: Option<String>| {
            flag.map(|d| DocDate::parse(&d).ok_or(Error::Date(d)))
                .transpose()
        };
        for (flag, value) in [("--speaker", &self.speaker), ("--body", &self.body)] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Error::Filter(format!(
                    "{flag} needs a value: a name or a part of one"
                )));
            }
        }
        let mut filters = Filters {
            speaker: self.speaker,
            body: self.body,
            from: date(self.from)?,
            to: date(self.to)?,
            fields: Vec::new(),
        };
        for spec in &self.where_ {
            filters = filters.and(&gongwen::search::query::where_filter(spec)?);
        }
        Ok(filters)
    }
}

impl AliasArgs {
    pub(crate) fn resolve(self) -> AliasSource {
        match (self.no_aliases, self.aliases) {
            (true, _) => AliasSource::Off,
            (false, Some(path)) => AliasSource::File(path),
            (false, None) => AliasSource::CorpusDefault,
        }
    }
}

impl LocationArgs {
    pub(crate) fn resolve(self) -> Location {
        Location {
            must_exist: self.index.is_some(),
            index: self.index.unwrap_or_else(|| PathBuf::from("index")),
            corpus: self.corpus,
            sandbox: sandbox(),
        }
    }
}

/// PDFs are read by this binary run as a helper process, under budgets (in process
/// only if the binary cannot find itself).
fn sandbox() -> Sandbox {
    std::env::current_exe().map_or(Sandbox::InProcess, Sandbox::Helper)
}
