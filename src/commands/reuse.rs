//! `gongwen reuse`: the passages documents of one set share with another's, aligned,
//! with each pair's and each document's shared share — of one index, or of the texts
//! every shard of a corpus gathered.

use std::io::Write;

use super::{open_or_build, stdout_error};
use crate::config::{ReuseAlignment, ReuseConfig, ShardStep, TableStyle};
use crate::error::Result;
use crate::output::reuse as print;
use crate::parts::{read_parts, write_part};
use crate::reuse::{Allowance, align_gathered, gather_texts, reuse, reuse_gathered};

pub fn run(config: &ReuseConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let first = config.first.describe_set();
    let of = match &config.second {
        Some(second) => format!("reuse texts of {first} against {}", second.describe_set()),
        None => format!("reuse texts within {first}"),
    };
    let draw = config.progress;
    // Drawn on the terminal itself: the workers report from their own threads, and
    // progress is only drawn when stderr is one.
    let progress = move |done: usize, total: usize| {
        if draw {
            let mut terminal = std::io::stderr().lock();
            let _ = write!(terminal, "\r\x1b[Kaligning {done}/{total} candidate pairs");
            if done == total {
                let _ = writeln!(terminal);
            }
        }
    };
    let allowance = Allowance::new(&of, config.memory);
    let found = match &config.step {
        ShardStep::Sum(files) => {
            let (texts, two_sets) = (read_parts(files, &of)?, config.second.is_some());
            // The shares are aligned with the options they are summed with.
            let aligned_of = format!("aligned {of} with {:?}", config.options);
            let aligned = match &config.alignment {
                ReuseAlignment::Here => None,
                ReuseAlignment::Share(k, n) => {
                    let options = (&config.options, &allowance);
                    let share = align_gathered(texts, two_sets, options, (*k, *n), &progress)?;
                    write_part(out, &aligned_of, &share).map_err(stdout_error)?;
                    return Ok(0);
                }
                ReuseAlignment::Aligned(files) => Some(read_parts(files, &aligned_of)?),
            };
            let options = (&config.options, &allowance);
            reuse_gathered(texts, two_sets, options, aligned, &progress)?
        }
        step => {
            let handle = open_or_build(&config.location, err)?;
            config.first.check_fields(&handle)?;
            if let Some(second) = &config.second {
                second.check_fields(&handle)?;
            }
            if let ShardStep::Gather = step {
                let texts = gather_texts(&handle, &config.first, config.second.as_ref())?;
                write_part(out, &of, &texts).map_err(stdout_error)?;
                return Ok(0);
            }
            reuse(
                &handle,
                (&config.first, config.second.as_ref()),
                &config.options,
                &allowance,
                &progress,
            )?
        }
    };
    match config.style {
        TableStyle::Terminal => print::table(
            out,
            &found,
            config.limit,
            config.shown_passages,
            &config.said,
        ),
        TableStyle::Json => print::json(out, &found),
        TableStyle::Csv => print::csv(out, &found),
    }
    .map_err(stdout_error)?;
    Ok(if found.passages.is_empty() { 1 } else { 0 })
}
