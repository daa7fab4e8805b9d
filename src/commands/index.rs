//! `gongwen index`: builds the index and prints the run's summary.

use std::io::Write;

use super::stdout_error;
use crate::config::IndexConfig;
use crate::error::{Error, Result};
use crate::indexer;
use crate::output;

pub fn run(config: &IndexConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    if config.verify {
        return verify(config, out);
    }
    let draw = config.progress;
    let mut progress = |p: indexer::Progress<'_>| {
        if draw {
            let _ = write!(err, "\r\x1b[Kindexing {}/{} {}", p.done, p.total, p.file);
            if p.done == p.total {
                let _ = writeln!(err);
            }
        }
    };
    let summary = indexer::build(
        &config.corpus,
        &config.index,
        &config.options,
        &mut progress,
    )?;
    output::index_summary(out, &summary).map_err(stdout_error)?;
    if summary.documents == 0 {
        return Err(Error::EmptyCorpus(config.corpus.clone()));
    }
    Ok(0)
}

/// `index --verify`: reads everything, prints what it checked, fails naming the damage.
fn verify(config: &IndexConfig, out: &mut dyn Write) -> Result<i32> {
    let report = crate::catalog::verify::verify(&config.index)?;
    output::verification(out, &report).map_err(stdout_error)?;
    match report.damaged.first() {
        None => Ok(0),
        Some(first) => Err(Error::Damaged {
            path: config.index.clone(),
            what: first.clone(),
        }),
    }
}
