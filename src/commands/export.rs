//! `gongwen export`: every passage of the documents the filters admit, with its
//! document's metadata and offsets, as JSON Lines or Parquet.

use std::io::{BufWriter, Write};
use std::path::Path;

use super::{open_or_build, stdout_error};
use crate::catalog::IndexHandle;
use crate::config::ExportConfig;
use crate::error::{Error, Result};
use crate::export;
use crate::output::export::{ExportSink, JsonLinesExport, ParquetExport};

pub fn run(config: &ExportConfig, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let handle = open_or_build(&config.location, err)?;
    config.filters.check_fields(&handle)?;
    let documents = match &config.out {
        Some(path) => {
            // A new file only: gongwen never replaces what it did not write.
            let file = std::fs::File::create_new(path).map_err(|e| Error::io(path, e))?;
            let written = |e| Error::io(path, e);
            let mut file = BufWriter::new(file);
            let documents = if is_parquet(path) {
                write(
                    &handle,
                    config,
                    ParquetExport::new(&mut file).map_err(written)?,
                    &written,
                )?
            } else {
                write(&handle, config, JsonLinesExport::new(&mut file), &written)?
            };
            file.flush().map_err(written)?;
            let _ = writeln!(
                err,
                "gongwen: {documents} documents exported to {}",
                path.display()
            );
            documents
        }
        None => write(&handle, config, JsonLinesExport::new(out), &stdout_error)?,
    };
    Ok(if documents > 0 { 0 } else { 1 })
}

/// Writes the rows to `sink`; `written` names where a write failed.
fn write(
    handle: &IndexHandle,
    config: &ExportConfig,
    mut sink: impl ExportSink,
    written: &dyn Fn(std::io::Error) -> Error,
) -> Result<usize> {
    let documents = export::for_each_document(handle, &config.filters, &mut |record, passages| {
        sink.document(record, passages).map_err(written)
    })?;
    sink.finish().map_err(written)?;
    Ok(documents)
}

/// Whether `path` names a Parquet file (`.parquet`): exported as Parquet, else JSON Lines.
pub fn is_parquet(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("parquet"))
}
