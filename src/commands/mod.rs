//! The command front end: one thin module per subcommand, each running the library's
//! stages for a resolved [`Config`] and handing results to a printer. Returns the exit
//! code: 0 hits (or success), 1 no hits; errors as `Err` (the binary prints them and
//! exits 2).

mod docs;
mod export;
mod index;
mod keywords;
mod mentions;
mod names;
mod open;
mod reuse;
mod search;
mod serve;
mod spread;
mod trend;

use std::io::Write;

use crate::catalog::IndexHandle;
use crate::config::{AliasSource, Config};
use crate::error::Result;
use crate::search::aliases::Aliases;
pub use open::open_or_build;

/// Runs a resolved command, writing results to `out` and messages to `err`.
pub fn run(config: Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    let location = match &config {
        Config::Index(c) => return index::run(c, out, err),
        Config::Search(c) => c.location.clone(),
        Config::Mentions(c) => c.location.clone(),
        Config::Trend(c) => c.location.clone(),
        Config::Docs(c) => c.location.clone(),
        Config::Export(c) => c.location.clone(),
        Config::Names(c) => c.location.clone(),
        Config::Keywords(c) => c.location.clone(),
        Config::NewWords(c) => c.location.clone(),
        Config::Collocates(c) => c.location.clone(),
        Config::Spread(c) => c.location.clone(),
        Config::Reuse(c) => c.location.clone(),
        Config::Serve(c) => return serve::run(c, out, err),
    };
    let mut counted = Counted {
        inner: out,
        bytes: 0,
    };
    match read(config.clone(), &mut counted, err) {
        // Damage found while reading (a document frame failing its checksum): built
        // again and answered, when nothing has been printed yet.
        Err(e @ crate::Error::Damaged { .. }) if counted.bytes == 0 => {
            open::rebuild(&location, e, err)?;
            read(config, counted.inner, err)
        }
        other => other,
    }
}

/// Runs a command that reads the index.
fn read(config: Config, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    match config {
        Config::Index(c) => index::run(&c, out, err),
        Config::Search(c) => search::run(c, out, err),
        Config::Mentions(c) => mentions::run(&c, out, err),
        Config::Trend(c) => trend::run(&c, out, err),
        Config::Docs(c) => docs::run(&c, out, err),
        Config::Export(c) => export::run(&c, out, err),
        Config::Names(c) => names::run(&c, out, err),
        Config::Keywords(c) => keywords::run(&c, out, err),
        Config::NewWords(c) => keywords::run_new(&c, out, err),
        Config::Collocates(c) => keywords::run_collocates(&c, out, err),
        Config::Spread(c) => spread::run(&c, out, err),
        Config::Reuse(c) => reuse::run(&c, out, err),
        Config::Serve(c) => serve::run(&c, out, err),
    }
}

/// Writes a chart to the files asked for: its SVG as drawn, and rasterised as a PNG.
fn write_chart(
    draw: impl FnOnce() -> std::result::Result<String, String>,
    svg: Option<&std::path::Path>,
    png: Option<&std::path::Path>,
) -> Result<()> {
    let Some(first) = svg.or(png) else {
        return Ok(());
    };
    let failed = |path: &std::path::Path, message: String| crate::Error::Metadata {
        path: path.to_path_buf(),
        message,
    };
    // Nothing is written when a name says another format (`--png out.jpg`).
    if let Some(path) = png
        && !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("png"))
    {
        return Err(failed(
            path,
            "--png writes a PNG image: name the file NAME.png".to_string(),
        ));
    }
    let chart = draw().map_err(|m| failed(first, m))?;
    if let Some(path) = svg {
        std::fs::write(path, &chart).map_err(|e| crate::Error::io(path, e))?;
    }
    if let Some(path) = png {
        let bytes = crate::output::png_of_svg(&chart).map_err(|m| failed(path, m))?;
        std::fs::write(path, bytes).map_err(|e| crate::Error::io(path, e))?;
    }
    Ok(())
}

/// A writer that counts what went through it.
struct Counted<'a> {
    inner: &'a mut dyn Write,
    bytes: usize,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The alias groups in force for an index: a file, the corpus's `aliases.toml` (if
/// there is one), or none.
pub fn aliases(source: &AliasSource, handle: &IndexHandle) -> Result<Aliases> {
    match source {
        AliasSource::Off => Ok(Aliases::default()),
        AliasSource::File(path) => Aliases::load(path),
        AliasSource::CorpusDefault => Aliases::of_corpus(handle),
    }
}

/// Maps a failed write to stdout to the library's error.
fn stdout_error(e: std::io::Error) -> crate::Error {
    crate::Error::io("<stdout>", e)
}
