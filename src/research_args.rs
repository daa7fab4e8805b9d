//! Command-line arguments of the research commands (`keywords`, `new`, `collocates`,
//! `spread`), resolved into
//! their [`Config`] once, as `cli` does for the others.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::path::PathBuf;

use gongwen::config::{
    CollocatesConfig, Config, KeywordsConfig, NewWordsConfig, ReuseAlignment, ReuseConfig,
    ShardStep, SpreadConfig, TableStyle,
};
use gongwen::research::{GroupField, KeywordOptions, critical_g2};
use gongwen::search::Filters;
use gongwen::{Error, Result};

use crate::cli::{AliasArgs, FilterArgs, LocationArgs};
use crate::counting_args::counting_terms;

/// `keywords`' arguments.
#[derive(Debug, clap::Args)]
pub struct KeywordsArgs {
    /// The target documents, as filters in query words: year:2024 doc_type:政府工作报告
    /// (none: the whole corpus).
    pub target: Vec<String>,
    /// The reference documents, as filters in query words (without --vs: every document
    /// outside the target).
    #[arg(long, num_args = 1.., value_name = "FILTER")]
    pub vs: Vec<String>,
    /// Significance a keyword reaches (log-likelihood, one degree of freedom).
    #[arg(long, default_value = "0.0001",
          value_parser = PossibleValuesParser::new(["0.05", "0.01", "0.001", "0.0001"])
              .map(|p| p.parse::<f64>().expect("a listed level")))]
    pub p: f64,
    /// Occurrences a keyword has at least in the side it is key for.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub min_freq: u64,
    /// Documents of that side holding it at least.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_docs: u32,
    /// The N of simple maths (Kilgarriff), per million words.
    #[arg(long, value_name = "N", default_value_t = 1.0)]
    pub simple_maths_n: f64,
    /// Keywords to print in each direction, strongest first (0: all).
    #[arg(long, default_value_t = 30, value_parser = crate::flag_values::count)]
    pub limit: usize,
    /// On a shard (`index --shard`): print its word frequencies of the two sides (JSON),
    /// for `--sum`.
    #[arg(long, conflicts_with = "sum")]
    pub part: bool,
    /// Sum the shards' frequencies in these files (`--part`, same sides) and print the
    /// keywords one index of the whole corpus gives; opens no index.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub sum: Vec<PathBuf>,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub location: LocationArgs,
}

/// The output of a research command: a table, JSON Lines or CSV.
#[derive(Debug, clap::Args)]
pub struct FormatArgs {
    /// JSON Lines output, one object per row.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV output (UTF-8 with BOM).
    #[arg(long)]
    pub csv: bool,
}

impl FormatArgs {
    fn style(&self) -> TableStyle {
        match (self.json, self.csv) {
            (true, _) => TableStyle::Json,
            (_, true) => TableStyle::Csv,
            _ => TableStyle::Terminal,
        }
    }
}

/// A side: filters only.
fn filters_of(words: &[String], side: &str) -> Result<Filters> {
    let (terms, filters) = counting_terms(words, FilterArgs::default())?;
    match terms.first() {
        Some(term) => Err(Error::query(
            term,
            format!("the {side} is a set of filters (FIELD:VALUE), not text"),
        )),
        None => Ok(filters),
    }
}

/// The one term of a command (then filters).
fn one_term(words: &[String], filters: FilterArgs, command: &str) -> Result<(String, Filters)> {
    let (terms, filters) = counting_terms(words, filters)?;
    match <[String; 1]>::try_from(terms) {
        Ok([term]) => Ok((term, filters)),
        Err(_) => Err(Error::query(
            &words.join(" "),
            format!("{command} takes one term (then filters, FIELD:VALUE)"),
        )),
    }
}

/// A side that may be left out (`--vs`): none when no word is given.
fn optional_filters(words: &[String], side: &str) -> Result<Option<Filters>> {
    if words.is_empty() {
        Ok(None)
    } else {
        filters_of(words, side).map(Some)
    }
}

impl KeywordsArgs {
    pub fn resolve(self) -> Result<Config> {
        let target = filters_of(&self.target, "target")?;
        let reference = optional_filters(&self.vs, "reference")?;
        let said = format!(
            "{} vs {}",
            if self.target.is_empty() {
                "(all)".to_string()
            } else {
                self.target.join(" ")
            },
            if self.vs.is_empty() {
                "the rest of the corpus".to_string()
            } else {
                self.vs.join(" ")
            }
        );
        Ok(Config::Keywords(KeywordsConfig {
            target,
            reference,
            options: KeywordOptions {
                critical: critical_g2(self.p).unwrap_or(15.13),
                min_freq: self.min_freq,
                min_docs: self.min_docs,
                simple_maths_n: self.simple_maths_n,
            },
            limit: (self.limit > 0).then_some(self.limit),
            style: self.format.style(),
            said,
            step: match (self.part, self.sum.is_empty()) {
                (true, _) => ShardStep::Part(Vec::new()),
                (_, false) => ShardStep::Sum(self.sum),
                _ => ShardStep::Whole,
            },
            location: self.location.resolve(),
        }))
    }
}

/// `new`'s arguments.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The slice, as filters in query words: doc_type:政府工作报告 year:2024.
    #[arg(required = true)]
    pub slice: Vec<String>,
    /// The comparison set, as filters in query words (without: the slice's filters
    /// without their dates); only its documents dated before the slice count.
    #[arg(long, num_args = 1.., value_name = "FILTER")]
    pub vs: Vec<String>,
    /// Occurrences a new word has at least in the slice.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min: u64,
    /// Words to print, the most frequent and widespread first.
    #[arg(long, default_value_t = 30, value_parser = crate::flag_values::count)]
    pub limit: usize,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub location: LocationArgs,
}

impl NewArgs {
    pub fn resolve(self) -> Result<Config> {
        let slice = filters_of(&self.slice, "slice")?;
        let comparison = optional_filters(&self.vs, "comparison set")?;
        Ok(Config::NewWords(NewWordsConfig {
            slice,
            comparison,
            min_occurrences: self.min,
            limit: if self.limit == 0 {
                usize::MAX
            } else {
                self.limit
            },
            style: self.format.style(),
            said: self.slice.join(" "),
            location: self.location.resolve(),
        }))
    }
}

/// `collocates`' arguments.
#[derive(Debug, clap::Args)]
pub struct CollocatesArgs {
    /// The term, then filters as query words: 新质生产力 doc_type:政府工作报告.
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Words on each side of an occurrence.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub window: usize,
    /// Occurrences in the windows a collocate has at least.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min: u64,
    /// Collocates to print, strongest logDice first (0: all).
    #[arg(long, default_value_t = 30, value_parser = crate::flag_values::count)]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub aliases: AliasArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub location: LocationArgs,
}

impl CollocatesArgs {
    pub fn resolve(self) -> Result<Config> {
        let (term, filters) = one_term(&self.words, self.filters, "collocates")?;
        Ok(Config::Collocates(CollocatesConfig {
            term,
            filters,
            window: self.window.clamp(1, 50),
            min_joint: self.min,
            limit: if self.limit == 0 {
                usize::MAX
            } else {
                self.limit
            },
            style: self.format.style(),
            aliases: self.aliases.resolve(),
            location: self.location.resolve(),
        }))
    }
}

/// `spread`'s arguments.
#[derive(Debug, clap::Args)]
pub struct SpreadArgs {
    /// The term, then filters as query words: 新质生产力 doc_type:政府工作报告.
    #[arg(required = true)]
    pub words: Vec<String>,
    /// What groups the documents: body, speaker, province (the manifest's, else the one
    /// the body or the title names; 全国 for central bodies), doc_type, level, or any
    /// metadata field.
    #[arg(long, value_name = "FIELD", default_value = "body")]
    pub by: String,
    /// The group lags are measured from (without: the first group to use the term).
    #[arg(long, value_name = "GROUP")]
    pub from: Option<String>,
    /// Also write the chart (a row per group: first use, use per year) to this SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Also write the chart as a PNG image (needs a font with Chinese characters).
    #[arg(long, value_name = "FILE")]
    pub png: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub aliases: AliasArgs,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub location: LocationArgs,
}

impl SpreadArgs {
    pub fn resolve(self) -> Result<Config> {
        let (term, filters) = one_term(&self.words, self.filters, "spread")?;
        Ok(Config::Spread(SpreadConfig {
            term,
            filters,
            by: GroupField::named(self.by.trim()),
            from: self
                .from
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty()),
            style: self.format.style(),
            svg: self.svg,
            png: self.png,
            said: format!("{} by {}", self.words.join(" "), self.by.trim()),
            aliases: self.aliases.resolve(),
            location: self.location.resolve(),
        }))
    }
}

/// `reuse`' arguments.
#[derive(Debug, clap::Args)]
pub struct ReuseArgs {
    /// The first set of documents, as filters in query words: doc_type:政府工作报告
    /// year:2026 level:provincial (none: the whole corpus).
    pub first: Vec<String>,
    /// The second set, as filters (without --vs: pairs within the first set).
    #[arg(long, num_args = 1.., value_name = "FILTER")]
    pub vs: Vec<String>,
    /// Fewest characters of a shared passage on each side (whitespace not counted).
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub min_length: u32,
    /// Fewest identical characters per aligned column, 0–1.
    #[arg(long, value_name = "X", default_value_t = 0.8, value_parser = crate::flag_values::fraction)]
    pub min_identity: f64,
    /// Lowest score of a passage: identical characters less two per differing one.
    #[arg(long, value_name = "N", default_value_t = 25)]
    pub min_score: u32,
    /// Keep only passages whose text is in at least N compared documents.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_docs: u32,
    /// Leave out passages whose text is in more than N compared documents (boilerplate).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub max_docs: u32,
    /// Documents and pairs the table lists (0: all).
    #[arg(long, default_value_t = 20, value_parser = crate::flag_values::count)]
    pub limit: usize,
    /// Passages the table shows for each of the first five pairs.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub passages: usize,
    /// On a shard (`index --shard`): print the texts of its documents in either set
    /// (JSON), for `--sum`.
    #[arg(long, conflicts_with = "sum")]
    pub gather: bool,
    /// Compare the texts every shard gathered (these files, same sets) as one index of
    /// the whole corpus compares them, and print; opens no index.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub sum: Vec<PathBuf>,
    /// With --sum: align only share K of N of the candidate pairs and print the passages
    /// (JSON), for --aligned; N tasks share the alignment.
    #[arg(long, value_name = "K/N", requires = "sum", conflicts_with = "aligned",
          value_parser = alignment_share)]
    pub share: Option<(usize, usize)>,
    /// With --sum: the passages every share aligned (these files), summed instead of
    /// aligning here.
    #[arg(long, num_args = 1.., value_name = "FILE", requires = "sum")]
    pub aligned: Vec<PathBuf>,
    /// Memory the comparison may hold at its peak, as 500M or 8G (0: no limit; by default
    /// the memory free when it starts): a larger one is refused before a text is read.
    #[arg(long, value_name = "SIZE", value_parser = crate::flag_values::memory_size)]
    pub memory: Option<u64>,
    #[command(flatten)]
    pub format: FormatArgs,
    #[command(flatten)]
    pub location: LocationArgs,
}

/// `--share K/N`: 0 ≤ K < N.
fn alignment_share(text: &str) -> std::result::Result<(usize, usize), String> {
    gongwen::catalog::selection::one_of(text)
        .map(|(k, n)| (k as usize, n as usize))
        .ok_or_else(|| format!("{text:?} is not a share: give K/N, 0 ≤ K < N (0/4 … 3/4)"))
}

impl ReuseArgs {
    pub fn resolve(self) -> Result<Config> {
        let first = filters_of(&self.first, "first set")?;
        let second = optional_filters(&self.vs, "second set")?;
        if self.max_docs < self.min_docs.max(2) {
            return Err(Error::query(
                &format!("--max-docs {}", self.max_docs),
                "a shared passage is in two documents at least",
            ));
        }
        let said = match (self.first.is_empty(), self.vs.is_empty()) {
            (true, true) => "every document against every other".to_string(),
            (_, true) => format!("within {}", self.first.join(" ")),
            (_, false) => format!("{} vs {}", self.first.join(" "), self.vs.join(" ")),
        };
        Ok(Config::Reuse(ReuseConfig {
            first,
            second,
            options: gongwen::reuse::ReuseOptions {
                min_length: self.min_length,
                min_identity: self.min_identity,
                min_score: self.min_score,
                min_docs: self.min_docs,
                max_docs: self.max_docs,
            },
            style: self.format.style(),
            limit: if self.limit == 0 {
                usize::MAX
            } else {
                self.limit
            },
            shown_passages: self.passages,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            said,
            step: match (self.gather, self.sum.is_empty()) {
                (true, _) => ShardStep::Gather,
                (_, false) => ShardStep::Sum(self.sum),
                _ => ShardStep::Whole,
            },
            alignment: match (self.share, self.aligned.is_empty()) {
                (Some((k, n)), _) => ReuseAlignment::Share(k, n),
                (_, false) => ReuseAlignment::Aligned(self.aligned),
                _ => ReuseAlignment::Here,
            },
            memory: match self.memory {
                Some(0) => None,
                Some(bytes) => Some(bytes),
                None => crate::flag_values::available_memory(),
            },
            location: self.location.resolve(),
        }))
    }
}
