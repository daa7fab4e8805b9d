//! Command-line arguments of the counting commands (`mentions`, `names`), resolved into
//! their configurations once, as `cli` does for the others.

use std::path::PathBuf;

use gongwen::config::{
    ColorChoice, MentionsConfig, MentionsFormat, NamesConfig, ShardStep, TableStyle,
};
use gongwen::mentions::counts::{GroupBy, RowOrder};
use gongwen::mentions::names::{NameKind, ShortForms};
use gongwen::mentions::sort::ContextSort;
use gongwen::output::Marker;
use gongwen::search::Filters;
use gongwen::{Error, Result};

use crate::cli::{AliasArgs, FilterArgs, LocationArgs, choice};

/// `names`' arguments.
#[derive(Debug, clap::Args)]
pub struct NamesArgs {
    /// Only names of these kinds (repeat the flag or separate by commas).
    #[arg(long, value_delimiter = ',', value_parser = choice::<NameKind>(NameKind::NAMES))]
    pub kind: Vec<NameKind>,
    /// Names to print, commonest first (0: every name).
    #[arg(long, default_value_t = 50, allow_negative_numbers = true,
          value_parser = crate::flag_values::count)]
    pub limit: usize,
    /// Leave out names occurring fewer times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min: usize,
    /// Count each full name together with its short forms (国家发展和改革委员会 with
    /// 国家发展改革委 and 发展改革委; the longest where they overlap)
    #[arg(long)]
    pub with_short_forms: bool,
    /// JSON Lines output, one object per name.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV output (UTF-8 with BOM).
    #[arg(long)]
    pub csv: bool,
    /// On a shard (`index --shard`): print what its documents were read as (JSON), for
    /// `--part` on every shard.
    #[arg(long, conflicts_with_all = ["part", "sum"])]
    pub gather: bool,
    /// On a shard: count the names every shard gathered (these files) and print the
    /// counts (JSON), for `--sum`.
    #[arg(long, num_args = 1.., value_name = "FILE", conflicts_with = "sum")]
    pub part: Vec<PathBuf>,
    /// Sum the shards' counts in these files (`--part`, same filters and kinds) and print
    /// the names one index of the whole corpus gives; opens no index.
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub sum: Vec<PathBuf>,
    /// Filters, as query words: doc_type:讲话 year:2021 …
    pub filter_words: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub location: LocationArgs,
}

impl NamesArgs {
    pub(crate) fn resolve(self) -> Result<NamesConfig> {
        let (terms, filters) = counting_terms(&self.filter_words, self.filters)?;
        if let Some(term) = terms.first() {
            return Err(Error::query(
                term,
                "names takes filters only (FIELD:VALUE); count a name with `gongwen mentions`",
            ));
        }
        Ok(NamesConfig {
            kinds: if self.kind.is_empty() {
                NameKind::ALL.to_vec()
            } else {
                self.kind
            },
            limit: (self.limit > 0).then_some(self.limit),
            min_occurrences: self.min,
            short_forms: if self.with_short_forms {
                ShortForms::Together
            } else {
                ShortForms::Apart
            },
            style: match (self.json, self.csv) {
                (true, _) => TableStyle::Json,
                (_, true) => TableStyle::Csv,
                _ => TableStyle::Terminal,
            },
            filters,
            step: match (self.gather, self.part.is_empty(), self.sum.is_empty()) {
                (true, _, _) => ShardStep::Gather,
                (_, false, _) => ShardStep::Part(self.part),
                (_, _, false) => ShardStep::Sum(self.sum),
                _ => ShardStep::Whole,
            },
            location: self.location.resolve(),
        })
    }
}

/// `mentions`' arguments.
#[derive(Debug, clap::Args)]
pub struct MentionsArgs {
    /// Literal terms, each counted separately; FIELD:VALUE filters; -LONGER leaves out
    /// the occurrences inside LONGER.
    #[arg(required_unless_present = "terms_file", num_args = 0..)]
    pub terms: Vec<String>,
    /// More terms, one a line (blank lines and lines starting with # skipped): a list
    /// of names checked in one run; with --by, one row per name.
    #[arg(long, value_name = "FILE")]
    pub terms_file: Option<PathBuf>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub aliases: AliasArgs,
    /// Print a count table by document, year, speaker or body instead (a column per
    /// term; with --json or --csv, the table as JSON Lines or CSV).
    #[arg(long, value_parser = choice::<GroupBy>(GroupBy::NAMES))]
    pub by: Option<GroupBy>,
    /// With --by year: also write a bar chart of the counts (a panel per term) here.
    #[arg(long, value_name = "FILE", requires = "by")]
    pub svg: Option<PathBuf>,
    /// With --by year: also write the bar chart as a PNG image (needs a font with
    /// Chinese characters).
    #[arg(long, value_name = "FILE", requires = "by")]
    pub png: Option<PathBuf>,
    /// List what each term's occurrences are followed and preceded by (中国石油化工 3,
    /// 中国石油天然 2 …), to see which longer names a count holds; leave those out
    /// with `-中国石油化工` among the terms.
    #[arg(long)]
    pub variants: bool,
    /// On a shard (`index --shard`): print its count table with its part sizes (JSON),
    /// for --sum.
    #[arg(long, requires = "by", conflicts_with = "sum")]
    pub part: bool,
    /// Sum the shards' count tables in these files (--part, same terms, --by and
    /// filters) and print the table one index of the whole corpus gives, its total's
    /// dispersion included; opens no index.
    #[arg(long, num_args = 1.., value_name = "FILE", requires = "by")]
    pub sum: Vec<PathBuf>,
    /// Order of the table's rows: count (most first) or date (years in order,
    /// documents newest first); default count, date with --by year.
    #[arg(long, requires = "by", value_parser = choice::<RowOrder>(RowOrder::NAMES))]
    pub order: Option<RowOrder>,
    /// Sort the concordance by the words nearest the match on one side, as AntConc
    /// does: left (L1, L2, L3) or right (R1, R2, R3); each line then names its document.
    #[arg(long, conflicts_with_all = ["by", "variants"], value_parser = choice::<ContextSort>(ContextSort::NAMES))]
    pub sort: Option<ContextSort>,
    /// Only the occurrences with this word within --window words on either side: the
    /// concordance of a collocate (`collocates`) and its term.
    #[arg(long, value_name = "WORD", conflicts_with_all = ["by", "variants"])]
    pub near: Option<String>,
    /// Words on each side --near looks at.
    #[arg(long, value_name = "N", default_value_t = 5, requires = "near")]
    pub window: usize,
    /// JSON Lines output, one object per occurrence.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV output (UTF-8 with BOM), one row per occurrence.
    #[arg(long)]
    pub csv: bool,
    /// Colour matches: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, default_value = "auto", value_parser = choice::<ColorChoice>(ColorChoice::NAMES))]
    pub color: ColorChoice,
    #[command(flatten)]
    pub location: LocationArgs,
}

/// How `mentions` prints: a count table (as text, JSON or CSV), JSON, CSV, or a
/// concordance.
pub(crate) fn mentions_format(
    (json, csv): (bool, bool),
    by: Option<GroupBy>,
    order: Option<RowOrder>,
    marker: Marker,
) -> MentionsFormat {
    let style = match (json, csv) {
        (true, _) => TableStyle::Json,
        (_, true) => TableStyle::Csv,
        _ => TableStyle::Terminal,
    };
    match (json, csv, by) {
        (_, _, Some(by)) => MentionsFormat::Table {
            by_term: false,
            by,
            order: order.unwrap_or(if by == GroupBy::Year {
                RowOrder::Date
            } else {
                RowOrder::Count
            }),
            style,
        },
        (true, _, _) => MentionsFormat::Json,
        (_, true, _) => MentionsFormat::Csv,
        _ => MentionsFormat::Concordance(marker),
    }
}

impl MentionsArgs {
    /// The settings of `mentions`: terms (a file's too), exclusions, filters, format.
    pub(crate) fn resolve(self, terminal: bool) -> Result<MentionsConfig> {
        let listed = crate::flag_values::with_terms_file(self.terms, self.terms_file.as_deref())?;
        let ((terms, excluded), filters) = counting_terms(&listed.0, self.filters)
            .map(|(t, filters)| (excluded_terms(t), filters))?;
        let marker = self.color.marker(terminal);
        Ok(MentionsConfig {
            excluded,
            variants: self.variants,
            sort: self.sort,
            near: self.near.map(|w| (w, self.window.clamp(1, 50))),
            svg: self.svg,
            png: self.png,
            terms,
            filters,
            aliases: self.aliases.resolve(),
            format: mentions_format((self.json, self.csv), self.by, self.order, marker)
                .by_term(listed.1),
            step: match (self.part, self.sum.is_empty()) {
                (true, _) => ShardStep::Part(Vec::new()),
                (_, false) => ShardStep::Sum(self.sum),
                _ => ShardStep::Whole,
            },
            location: self.location.resolve(),
        })
    }
}

/// The terms of `mentions` and the longer strings whose occurrences are left out
/// (`-中国石油化工`).
fn excluded_terms(terms: Vec<String>) -> (Vec<String>, Vec<String>) {
    let (excluded, terms): (Vec<String>, Vec<String>) = terms
        .into_iter()
        .partition(|t| t.len() > 1 && t.starts_with('-'));
    (terms, excluded.iter().map(|t| t[1..].to_string()).collect())
}

/// The terms of `mentions` or `trend` and their filters: those written among the terms
/// (`doc_type:讲话`) with the flags.
pub(crate) fn counting_terms(
    terms: &[String],
    flags: FilterArgs,
) -> Result<(Vec<String>, Filters)> {
    let (terms, written) = gongwen::search::query::terms_and_filters(terms)?;
    Ok((terms, flags.resolve()?.and(&written)))
}
