//! The `gongwen` binary: parses arguments ([`cli`]), resolves them into a `Config`
//! once, runs the command and maps the outcome to an exit code (0 hits, 1 none,
//! 2 error). A closed pipe (`| head`) ends the run quietly. Hints that name flags are
//! added here, not in the library.

mod cli;
mod counting_args;
mod flag_values;
mod raw_args;
mod research_args;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use gongwen::Error;

use cli::Cli;

fn main() -> ExitCode {
    // Started by an indexing run to read one PDF in a process of its own.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == gongwen::corpus::sandbox::HELPER_ARG)
    {
        return ExitCode::from(gongwen::corpus::sandbox::helper_main() as u8);
    }
    let cli = Cli::parse_from(raw_args::prepare_args(std::env::args_os()));
    let stdout = io::stdout();
    // Large writes: a concordance can be half a million lines.
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut err = io::stderr();
    let outcome = cli.into_config().and_then(|config| {
        let code = gongwen::commands::run(config, &mut out, &mut err)?;
        out.flush().map_err(|e| Error::io("<stdout>", e))?;
        Ok(code)
    });
    match outcome {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "gongwen: {e}{}", hint(&e));
            ExitCode::from(2)
        }
    }
}

/// What the user can type to get past an error, if a command does it.
fn hint(e: &Error) -> String {
    let text = match e {
        Error::MissingIndex(path) => {
            return format!(
                ": check the folder's name, or build it with `gongwen index --index {}`",
                path.display()
            );
        }
        Error::NothingToOpen { .. } => {
            ": run gongwen in the folder that holds corpus/ (the project folder), or pass \
             --corpus DIR (and --index DIR)"
        }
        Error::MissingCorpus(_) => {
            ": pass the folder of your documents with --corpus DIR, or run gongwen in the \
             project folder (the one holding corpus/)"
        }
        Error::IncompatibleIndex { .. } => ": run `gongwen index --rebuild`",
        Error::Damaged { .. } => {
            ": run `gongwen index --rebuild` to build it again from the corpus"
        }
        Error::NotAnIndexFolder { .. } => {
            ": give --index an empty or new folder (gongwen writes only into its own)"
        }
        Error::Tantivy { .. } => {
            " (the index may be damaged: `gongwen index --verify` checks every file)"
        }
        _ => "",
    };
    text.to_string()
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}
