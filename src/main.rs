//! The `gongwen` binary: parses arguments ([`cli`]), resolves them into a `Config`
//! once, runs the command and maps the outcome to an exit code (0 hits, 1 none,
//! 2 error). A closed pipe (`| head`) ends the run quietly. Hints that name flags are
//! added here, not in the library.

mod cli;

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;
use gongwen::Error;

use cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse_from(cli::prepare_args(std::env::args_os()));
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
fn hint(e: &Error) -> &'static str {
    match e {
        Error::MissingIndex(_) => ": run `gongwen index` first",
        Error::IncompatibleIndex { .. } => ": run `gongwen index --rebuild`",
        _ => "",
    }
}

fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}
