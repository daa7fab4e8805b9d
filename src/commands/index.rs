//! `gongwen index`: builds the index and prints the run's summary.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::indexer::{self, BuildOptions};
use crate::output;

pub fn run(
    corpus: &Path,
    index: &Path,
    options: &BuildOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let draw = super::stderr_is_terminal();
    let mut progress = |p: indexer::Progress<'_>| {
        if draw {
            let _ = write!(err, "\r\x1b[Kindexing {}/{} {}", p.done, p.total, p.file);
            if p.done == p.total {
                let _ = writeln!(err);
            }
        }
    };
    let summary = indexer::build(corpus, index, options, &mut progress)?;
    if summary.documents == 0 {
        output::index_summary(out, &summary).map_err(|e| Error::io("<stdout>", e))?;
        return Err(Error::EmptyCorpus(corpus.to_path_buf()));
    }
    output::index_summary(out, &summary).map_err(|e| Error::io("<stdout>", e))?;
    Ok(0)
}
